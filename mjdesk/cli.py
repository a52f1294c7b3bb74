"""Command line: the studio window (default), ``--demo``, and ``mjdesk batch``."""

from __future__ import annotations

import argparse
import sys

from . import __version__


def build_parser(*, with_batch: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mjdesk",
        description="A desktop studio for Midjourney V8.1 through EvoLink, with a local gallery.",
    )
    p.add_argument("--version", action="version", version=f"mjdesk {__version__}")
    p.add_argument("--demo", action="store_true", help="run offline against the built-in simulator")
    p.add_argument("--library", metavar="DIR", help="library folder (also MJDESK_LIBRARY)")
    p.add_argument("--api-base", metavar="URL", help="EvoLink API base URL")
    p.add_argument("--files-base", metavar="URL", help="EvoLink files API base URL")
    p.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command")
    batch_parser = sub.add_parser(
        "batch", help="submit prompts from a file, with progress on the terminal"
    )
    if with_batch:  # its options pull in the engine and the client: only when asked for
        from .app import batch

        batch.add_arguments(batch_parser)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--run-simulator"]:  # the demo's simulator, as a child process
        from .sim.__main__ import main as simulator

        return simulator(argv[1:])
    parser = build_parser(
        with_batch=(bool(argv) and argv[0] == "batch") or "-h" in argv or "--help" in argv
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command == "batch":
        import asyncio

        from .app import batch

        try:
            return asyncio.run(batch.run(args))
        except KeyboardInterrupt:
            return batch.EXIT_WAITING
    from .app.gui import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
