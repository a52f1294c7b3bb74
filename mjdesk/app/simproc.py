"""The demo's simulator in a child process: its image synthesis then never competes with the
window for this process's GIL (the heartbeat's p99 stays under 20 ms while 50 drafts arrive).

The child serves on loopback and exits when its stdin closes, so a killed or crashed mjdesk
leaves no server behind. Should the child fail to start, the simulator runs on a thread here.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from typing import IO, Protocol

log = logging.getLogger("mjdesk.app")


class DemoSimulator(Protocol):
    url: str

    def start(self, timeout: float = 10.0) -> str: ...

    def stop(self, timeout: float = 10.0) -> None: ...


def simulator_command(speed: float) -> list[str]:
    """How to run the simulator: the frozen app runs itself with a hidden option."""
    args = ["--run-simulator", "--speed-factor", str(speed), "--port", "0", "--exit-on-stdin-eof"]
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "mjdesk", *args]


class SimProcess:
    """``start()`` returns the base URL once the child listens; ``stop()`` ends it."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 10.0) -> str:
        proc = subprocess.Popen(
            simulator_command(self.speed),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self._proc = proc
        assert proc.stdout is not None
        found: list[str] = []
        listening = threading.Event()
        reader = threading.Thread(
            target=_read_url,
            args=(proc.stdout, found, listening),
            name="mjdesk-sim-out",
            daemon=True,
        )
        reader.start()
        listening.wait(timeout)
        if not found:
            self.stop()
            raise RuntimeError("the simulator process did not start in time")
        self.url = found[0]
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            proc.stdin.close()  # the child's signal to stop
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


def _read_url(stream: IO[str], found: list[str], listening: threading.Event) -> None:
    """Finds the "listening on URL" line, then drains the rest (the child must never block on
    a full pipe)."""
    try:
        for line in stream:
            if " listening on " in line:
                found.append(line.strip().rsplit(" ", 1)[-1])
                listening.set()
                _drain(stream)
                return
    finally:
        listening.set()  # the child ended without listening: start() gives up at once


def _drain(stream: IO[str]) -> None:
    for line in stream:
        if line.startswith("control token"):
            continue  # the simulator's own secret: never logged
        log.debug("simulator: %s", line.rstrip())


def start_demo_simulator(speed: float) -> DemoSimulator:
    """The simulator for ``--demo``: a child process, else a thread of this one. Blocking:
    run it off the GUI thread."""
    try:
        child = SimProcess(speed)
        child.start()
        return child
    except (OSError, RuntimeError) as exc:
        log.warning("demo simulator: no child process (%s); running it in-process", exc)
    from ..sim import SimConfig, SimThread

    thread = SimThread(SimConfig(speed_factor=speed, seed=None))
    thread.start()
    return thread
