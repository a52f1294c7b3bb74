"""``mjdesk batch``: prompts from a file, through the same engine as the window.

It first resumes every unfinished job of the library, then submits the file's prompts (one per
line, full prompt syntax; ``#`` starts a comment line), shows progress, and ends with a summary.
Exit status: 0 when every job it handled reached a terminal state, 1 when interrupted or when
jobs are still waiting, 2 for usage errors. ``--strict`` also makes any job not stored an error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TextIO

from ..api import DEFAULT_API_BASE, DEFAULT_FILES_BASE, EvoLinkClient, UnsafeUrlError
from ..core.modes import QUALITIES, SPEEDS, compatible
from ..core.prompt import analyze
from ..jobs import Engine, EngineNotice, Event, ImageStored, JobAdded, JobChanged, PollPolicy
from ..library import Library, LibraryError, NewJob, resolve_library_dir
from ..library.store import TERMINAL_STATES
from ..secrets import EnvSecretStore, KeyringSecretStore, find_api_key

EXIT_OK, EXIT_WAITING, EXIT_USAGE = 0, 1, 2


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("prompts", nargs="?", help="a file with one prompt per line ('-': stdin)")
    p.add_argument(
        "--library",
        metavar="DIR",
        help="library folder (default: MJDESK_LIBRARY or the user data folder)",
    )
    p.add_argument("--api-base", default=DEFAULT_API_BASE, metavar="URL")
    p.add_argument("--files-base", default=DEFAULT_FILES_BASE, metavar="URL")
    p.add_argument("--speed", choices=SPEEDS, default="fast")
    p.add_argument("--quality", choices=QUALITIES, default="standard")
    p.add_argument("--strict", action="store_true", help="any job that is not stored is an error")
    p.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        metavar="F",
        help="divide the engine's waits by F (to match a simulator's --speed-factor)",
    )


class Reporter:
    """Progress on a terminal (one redrawn line), a plain log otherwise."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.tty = out.isatty()
        self.states: dict[int, str] = {}
        self.images = 0
        self._last_draw = 0.0

    def __call__(self, event: Event) -> None:
        if isinstance(event, JobAdded):
            self.states[event.job.id] = event.job.state
            self._log(f"job {event.job.id}: saved — {event.job.prompt[:70]}")
        elif isinstance(event, JobChanged):
            job = event.job
            self.states[job.id] = job.state
            if job.state != event.previous_state:
                extra = (
                    f" — {job.error_message}" if job.error_message and job.state != "stored" else ""
                )
                self._log(f"job {job.id}: {event.previous_state} → {job.state}{extra}")
        elif isinstance(event, ImageStored):
            self.images += 1
            if not self.tty:
                self._log(
                    f"job {event.job.id}: image {event.image.idx + 1} stored ({event.image.path})"
                )
        elif isinstance(event, EngineNotice):
            self._log(f"{event.kind}: {event.message}")
        self._draw()

    def _log(self, line: str) -> None:
        if self.tty:
            self.out.write("\r\x1b[2K")
        self.out.write(line + "\n")
        self.out.flush()

    def _draw(self, force: bool = False) -> None:
        if not self.tty:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        counts = Counter(self.states.values())
        parts = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        self.out.write(f"\r\x1b[2K{parts} · {self.images} images")
        self.out.flush()

    def finish(self) -> None:
        if self.tty:
            self.out.write("\r\x1b[2K")
            self.out.flush()


def read_prompts(source: str, err: TextIO) -> tuple[list[tuple[int, str]], bool]:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err.write(f"mjdesk batch: cannot read {source}: {exc}\n")
        return [], False
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            lines.append((number, line.strip()))
    return lines, True


async def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    if not compatible(args.speed, args.quality):
        err.write("mjdesk batch: HD quality cannot be combined with Draft speed\n")
        return EXIT_USAGE
    if args.time_scale <= 0:
        err.write("mjdesk batch: --time-scale must be positive\n")
        return EXIT_USAGE
    prompts: list[tuple[int, str]] = []
    if args.prompts:
        prompts, ok = read_prompts(args.prompts, err)
        if not ok:
            return EXIT_USAGE
    key, _ = await find_api_key([EnvSecretStore(), KeyringSecretStore()])
    if not key:
        err.write(
            "mjdesk batch: no API key. Set MJDESK_API_KEY, or save the key in the window's "
            "Settings (it goes to the OS keyring).\n"
        )
        return EXIT_USAGE
    try:
        client = EvoLinkClient(key, base_url=args.api_base, files_url=args.files_base)
    except (UnsafeUrlError, ValueError) as exc:
        err.write(f"mjdesk batch: {exc}\n")
        return EXIT_USAGE
    except Exception as exc:  # a malformed key
        err.write(f"mjdesk batch: {exc}\n")
        return EXIT_USAGE
    del key
    root = resolve_library_dir(args.library)
    try:
        library = await Library.open(root)
    except LibraryError as exc:
        err.write(f"mjdesk batch: {exc}\n")
        return EXIT_WAITING
    reporter = Reporter(out)
    policy = PollPolicy(scale=1.0 / args.time_scale)
    engine = Engine(client, library, policy=policy)
    engine.subscribe(reporter)
    interrupted = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, interrupted.set)
    handled: set[int] = set()
    try:
        async with client:
            await engine.start()
            handled.update(engine.active_job_ids())
            for job_id in handled:
                reporter.states[job_id] = engine.job(job_id).state  # type: ignore[union-attr]
            new_jobs: list[NewJob] = []
            for number, line in prompts:
                analysis = analyze(line, args.speed, args.quality)
                if not analysis.ok:
                    for d in analysis.errors:
                        err.write(f"line {number}: {d.message}\n")
                    err.write(f"line {number}: not sent\n")
                    continue
                new_jobs.extend(
                    NewJob(line, t.prompt, t.speed, t.quality, batch=f"line-{number}")
                    for t in analysis.tasks
                )
            # every intent of the file is committed in one transaction before anything is sent
            rows = await engine.submit(new_jobs)
            handled.update(r.id for r in rows)
            waiter = asyncio.ensure_future(engine.wait_idle())
            stopper = asyncio.ensure_future(interrupted.wait())
            await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
            for f in (waiter, stopper):
                f.cancel()
            await engine.stop()
    finally:
        reporter.finish()
        jobs = await library.run(lambda s: [s.job(i) for i in sorted(handled)])
        await library.close()
    counts = Counter(j.state for j in jobs)
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no jobs"
    out.write(f"Summary: {summary}\n")
    if interrupted.is_set():
        out.write("Interrupted: unfinished jobs resume next time.\n")
        return EXIT_WAITING
    waiting = [j for j in jobs if j.state not in TERMINAL_STATES]
    if waiting:
        out.write(f"{len(waiting)} jobs are still waiting; run mjdesk batch again later.\n")
        return EXIT_WAITING
    if args.strict and any(j.state != "stored" for j in jobs):
        return EXIT_WAITING
    return EXIT_OK
