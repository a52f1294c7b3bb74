"""Command line: the studio window (default), ``--demo``, and ``mjdesk batch``."""

from __future__ import annotations

import argparse
import asyncio
import sys

from . import __version__


def build_parser() -> argparse.ArgumentParser:
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
    from .app import batch

    batch.add_arguments(
        sub.add_parser("batch", help="submit prompts from a file, with progress on the terminal")
    )
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command == "batch":
        from .app import batch

        try:
            return asyncio.run(batch.run(args))
        except KeyboardInterrupt:
            return batch.EXIT_WAITING
    from .app.gui import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
