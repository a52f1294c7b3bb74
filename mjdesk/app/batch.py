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
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TextIO

from ..api import DEFAULT_API_BASE, DEFAULT_FILES_BASE, EvoLinkClient, UnsafeUrlError
from ..core.modes import QUALITIES, SPEEDS, compatible
from ..core.prompt import analyze
from ..jobs import Engine, EngineNotice, Event, ImageStored, JobAdded, JobChanged, PollPolicy
from ..library import (
    IndexMissingError,
    Library,
    LibraryError,
    NewJob,
    intents,
    resolve_library_dir,
)
from ..library.store import TERMINAL_STATES
from ..secrets import EnvSecretStore, KeyringSecretStore, find_api_key
from .batch_ops import op_jobs_of
from .batch_styles import style_for, styled

EXIT_OK, EXIT_WAITING, EXIT_USAGE = 0, 1, 2


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Submit prompts from a file (one per line, full prompt syntax, '#' starts a comment) "
        "with the same engine as the window. Unfinished jobs of the library are resumed first. "
        "Exit status: 0 all done, 1 jobs still waiting or interrupted (run again to resume), "
        "2 usage errors."
    )
    p.add_argument(
        "prompts", nargs="?", help="a UTF-8 text file with one prompt per line ('-': stdin)"
    )
    p.add_argument(
        "--ops",
        metavar="FILE.jsonl",
        help="edit operations on library images, one JSON object per line: vary, remix, "
        "repaint, zoom, pan, reframe, retexture, remove-bg (see the README)",
    )
    p.add_argument(
        "--library",
        metavar="DIR",
        help="library folder (default: MJDESK_LIBRARY or the user data folder; with --demo, "
        "a new temporary folder)",
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="run offline against the built-in simulator (its own key and timing)",
    )
    p.add_argument(
        "--api-base",
        default=DEFAULT_API_BASE,
        metavar="URL",
        help=f"EvoLink API base URL (default {DEFAULT_API_BASE})",
    )
    p.add_argument(
        "--files-base",
        default=DEFAULT_FILES_BASE,
        metavar="URL",
        help=f"EvoLink files API base URL (default {DEFAULT_FILES_BASE})",
    )
    p.add_argument(
        "--speed",
        choices=SPEEDS,
        default=None,
        help="speed when a line names none (the style's, else fast)",
    )
    p.add_argument(
        "--quality",
        choices=QUALITIES,
        default=None,
        help="quality when a line names none (the style's, else standard; hd never with draft)",
    )
    p.add_argument(
        "--style",
        metavar="NAME",
        help="apply a style saved in the library (its style references, weights and "
        "parameters) to every line; the lines' own words stay",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when any job is not stored or any line was rejected",
    )
    p.add_argument(
        "--offline-limit",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="give up waiting after this long without any answer from EvoLink (300); "
        "unfinished jobs resume on the next run",
    )
    p.add_argument(
        "--rebuild-index",
        action="store_true",
        help="when the library's database is empty or unreadable beside its images, make a "
        "new index from the image files (the old database is kept, renamed)",
    )
    p.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        metavar="F",
        help="divide the engine's waits by F (to match a simulator's --speed-factor)",
    )


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


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


def read_prompts(source: str, err: TextIO) -> tuple[list[tuple[int, str]], int, bool]:
    """The prompts of a file as (line number, text), the number of rejected lines, and
    whether the file could be read. Lines end at a line feed (or CR LF) only: the other
    characters Unicode calls line breaks stay inside a prompt, where they are refused."""
    try:
        # bytes, not text mode: universal newlines would turn a lone CR into a line break
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        err.write(f"mjdesk batch: cannot read {source}: no such file\n")
        return [], 0, False
    except IsADirectoryError:
        err.write(f"mjdesk batch: cannot read {source}: it is a folder, not a file\n")
        return [], 0, False
    except PermissionError:
        err.write(f"mjdesk batch: cannot read {source}: permission denied\n")
        return [], 0, False
    except UnicodeDecodeError as exc:
        err.write(f"mjdesk batch: cannot read {source}: not UTF-8 text (byte {exc.start + 1})\n")
        return [], 0, False
    except OSError as exc:
        err.write(f"mjdesk batch: cannot read {source}: {exc.strerror or exc}\n")
        return [], 0, False
    text = text.removeprefix("\ufeff")
    lines: list[tuple[int, str]] = []
    rejected = 0
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        bad = next((c for c in line if _forbidden(c)), None)
        if bad is not None:
            err.write(
                f"line {number}: contains the control character U+{ord(bad):04X}; "
                "not sent (one prompt per line, plain text)\n"
            )
            rejected += 1
            continue
        lines.append((number, line.strip()))
    return lines, rejected, True


def _forbidden(c: str) -> bool:
    """Control and separator characters a prompt may not hold (tabs are spaces)."""
    if c == "\t":
        return False
    return unicodedata.category(c) in ("Cc", "Zl", "Zp", "Cs") or c in "\x85\u2028\u2029"


async def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    if not compatible(args.speed or "fast", args.quality or "standard"):
        err.write("mjdesk batch: HD quality cannot be combined with Draft speed\n")
        return EXIT_USAGE
    if args.time_scale <= 0:
        err.write("mjdesk batch: --time-scale must be positive\n")
        return EXIT_USAGE
    if args.offline_limit <= 0:
        err.write("mjdesk batch: --offline-limit must be positive\n")
        return EXIT_USAGE
    prompts: list[tuple[int, str]] = []
    rejected = 0
    if args.prompts:
        prompts, rejected, ok = read_prompts(args.prompts, err)
        if not ok:
            return EXIT_USAGE
    if getattr(args, "ops", None):
        from .batch_ops import read_ops

        read = read_ops(args.ops, err)
        if read is None:
            return EXIT_USAGE
        args.op_lines, op_rejected, args.ops_folder = read
        rejected += op_rejected
    simulator = None
    if getattr(args, "demo", False):
        from ..sim import DEMO_KEY
        from .simproc import start_demo_simulator
        from .studio import DEMO_SPEED

        simulator = await asyncio.get_running_loop().run_in_executor(
            None, start_demo_simulator, DEMO_SPEED
        )
        key: str | None = DEMO_KEY
        args.api_base = args.files_base = simulator.url
        args.time_scale = DEMO_SPEED
        if not args.library:
            import tempfile

            args.library = tempfile.mkdtemp(prefix="mjdesk-demo-")
            out.write(f"Demo: the simulator runs at {simulator.url}; images go to {args.library}\n")
    else:
        key, _ = await find_api_key([EnvSecretStore(), KeyringSecretStore()])
    try:
        if not key:
            err.write(
                "mjdesk batch: no API key. Set MJDESK_API_KEY, or save the key in the window's "
                "Settings (it goes to the OS keyring); or try mjdesk batch --demo.\n"
            )
            return EXIT_USAGE
        return await _run(args, key, prompts, rejected, out, err)
    finally:
        if simulator is not None:
            await asyncio.get_running_loop().run_in_executor(None, simulator.stop)


async def _run(
    args: argparse.Namespace,
    key: str,
    prompts: list[tuple[int, str]],
    rejected: int,
    out: TextIO,
    err: TextIO,
) -> int:
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
    except IndexMissingError as exc:
        if not args.rebuild_index:
            err.write(f"mjdesk batch: {exc} Run again with --rebuild-index to do so.\n")
            return EXIT_WAITING
        from ..library.imports import rebuild_index

        kept, count = await asyncio.get_running_loop().run_in_executor(None, rebuild_index, root)
        out.write(
            f"Rebuilt the index from {plural(count, 'image', 'images')}; "
            f"the old database is kept as {kept.name}\n"
        )
        library = await Library.open(root)
    except LibraryError as exc:
        err.write(f"mjdesk batch: {exc}\n")
        return EXIT_WAITING
    style = None
    if args.style:
        style = await style_for(args, library, err)
        if style is None:
            await library.close()
            return EXIT_USAGE
    args.speed, args.quality = args.speed or "fast", args.quality or "standard"
    if not compatible(args.speed, args.quality):
        err.write("mjdesk batch: the style's HD quality cannot be combined with Draft speed\n")
        await library.close()
        return EXIT_USAGE
    reporter = Reporter(out)
    policy = PollPolicy(scale=1.0 / args.time_scale)
    engine = Engine(client, library, policy=policy)
    engine.subscribe(reporter)
    interrupted = asyncio.Event()
    offline = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, interrupted.set)
    handled: set[int] = set()
    resumed = 0
    try:
        async with client:
            # every unfinished job of the library first, those that need attention included
            await engine.start(resume_attention=True)
            handled.update(engine.active_job_ids())
            resumed = len(handled)
            for job_id in handled:
                reporter.states[job_id] = engine.job(job_id).state  # type: ignore[union-attr]
            if resumed:
                out.write(f"Resuming {plural(resumed, 'unfinished job', 'unfinished jobs')}\n")
            new_jobs: list[NewJob] = []
            if style is not None:
                prompts = await styled(prompts, style, library, client, err)
            for number, line in prompts:
                analysis = analyze(line, args.speed, args.quality)
                if not analysis.ok:
                    for d in analysis.errors:
                        err.write(f"line {number}: {d.message}\n")
                    err.write(f"line {number}: not sent\n")
                    rejected += 1
                    continue
                new_jobs.extend(
                    intents(
                        analysis,
                        typed=line,
                        batch=f"line-{number}",
                        style=style.name if style is not None else None,
                    )
                )
            if getattr(args, "op_lines", None):
                op_jobs, op_rejected = await op_jobs_of(args, library, client, err)
                new_jobs.extend(op_jobs)
                rejected += op_rejected
            # every intent of the file is committed in one transaction before anything is sent
            rows = await engine.submit(new_jobs)
            handled.update(r.id for r in rows)
            limit = args.offline_limit  # the user's seconds, whatever the time scale

            async def watch_contact() -> None:
                while True:
                    await asyncio.sleep(min(1.0, limit / 4))
                    if time.monotonic() - engine.last_contact > limit and engine.active_job_ids():
                        offline.set()
                        return

            waiter = asyncio.ensure_future(engine.wait_idle())
            stopper = asyncio.ensure_future(interrupted.wait())
            watcher = asyncio.ensure_future(watch_contact())
            await asyncio.wait({waiter, stopper, watcher}, return_when=asyncio.FIRST_COMPLETED)
            for f in (waiter, stopper, watcher):
                f.cancel()
            storage = engine.storage_blocked
            await engine.stop()
    finally:
        reporter.finish()
        jobs = await library.run(lambda s: [s.job(i) for i in sorted(handled)])
        await library.close()
    counts = Counter(j.state for j in jobs)
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no jobs"
    if rejected:
        summary += f"; {plural(rejected, 'line', 'lines')} rejected"
    out.write(f"Summary: {summary}\n")
    withheld = sum(j.withheld_images for j in jobs)
    if withheld:
        out.write(
            f"{plural(withheld, 'image was', 'images were')} withheld by EvoLink's moderation\n"
        )
    resume = f"run mjdesk batch --library {root} again to resume them"
    if interrupted.is_set():
        out.write("Interrupted: unfinished jobs resume next time.\n")
        return EXIT_WAITING
    waiting = [j for j in jobs if j.state not in TERMINAL_STATES]
    if storage:
        out.write(
            f"{storage}: {plural(len(waiting), 'job waits', 'jobs wait')} for space; "
            f"free some, then {resume}.\n"
        )
        return EXIT_WAITING
    if offline.is_set():
        out.write(
            f"No answer from EvoLink for {args.offline_limit:g} s: "
            f"{plural(len(waiting), 'job is', 'jobs are')} still waiting; {resume}.\n"
        )
        return EXIT_WAITING
    if waiting:
        attention = [j for j in waiting if j.state == "needs_attention"]
        out.write(f"{plural(len(waiting), 'job is', 'jobs are')} still waiting; {resume}.\n")
        for job in attention:
            out.write(f"  job {job.id} needs attention: {job.error_message}\n")
        return EXIT_WAITING
    if args.strict and (rejected or any(j.state != "stored" for j in jobs)):
        return EXIT_WAITING
    return EXIT_OK
