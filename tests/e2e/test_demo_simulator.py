"""The demo's simulator runs as a child process that serves the real API on loopback and never
outlives mjdesk, even when mjdesk is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx

from mjdesk.app.simproc import SimProcess
from mjdesk.sim import DEMO_KEY


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by its dead parent's reaper) counts as gone
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


def test_the_child_serves_the_api_and_stops_with_its_stdin():
    sim = SimProcess(speed=50.0)
    url = sim.start()
    try:
        proc = sim._proc
        assert proc is not None and proc.poll() is None
        r = httpx.get(f"{url}/v1/credits", headers={"Authorization": f"Bearer {DEMO_KEY}"})
        assert r.status_code == 200, r.text
        bad = httpx.get(f"{url}/v1/credits", headers={"Authorization": "Bearer wrong"})
        assert bad.status_code == 401
    finally:
        sim.stop()
    assert proc.returncode == 0  # it stopped on its own when its stdin closed, not killed


PARENT = r"""
import sys, time
from mjdesk.app.simproc import SimProcess
sim = SimProcess(speed=50.0)
sim.start()
print(sim._proc.pid, sim.url, flush=True)
time.sleep(120)
"""


def test_a_killed_mjdesk_leaves_no_simulator_behind():
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    assert parent.stdout is not None
    pid_text, url = parent.stdout.readline().split()
    child = int(pid_text)
    assert httpx.get(
        f"{url}/v1/credits", headers={"Authorization": f"Bearer {DEMO_KEY}"}
    ).is_success
    parent.send_signal(signal.SIGKILL)
    parent.wait(10)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the simulator outlived the killed mjdesk"
