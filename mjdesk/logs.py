"""Logging to a rotating file in the user's log folder, with the key scrubbed from every record,
and crash reports (redacted, no local variables) for exceptions nobody caught."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import platformdirs

from .api.redact import Redactor

__all__ = [
    "install_excepthook",
    "log_dir",
    "setup_logging",
    "teardown_logging",
    "write_crash_report",
]


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("mjdesk", appauthor=False))


def setup_logging(
    redactor: Redactor, *, folder: Path | None = None
) -> logging.handlers.RotatingFileHandler:
    """Sends mjdesk's records (and httpx's warnings) to ``mjdesk.log`` through the redactor.
    Returns the handler (``teardown_logging`` removes it)."""
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        folder / "mjdesk.log", maxBytes=2 * 1024 * 1024, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(redactor)
    levels = (("mjdesk", logging.INFO), ("httpx", logging.WARNING), ("asyncio", logging.WARNING))
    for name, level in levels:
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.addHandler(handler)
    return handler


def teardown_logging(handler: logging.Handler) -> None:
    for name in ("mjdesk", "httpx", "asyncio"):
        logging.getLogger(name).removeHandler(handler)
    handler.close()


def write_crash_report(
    redactor: Redactor,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    folder: Path | None = None,
) -> Path:
    """A crash report with the traceback only (never local variables), the key scrubbed."""
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    from . import __version__

    report = (
        f"mjdesk {__version__} crash report, {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
        f"Python {sys.version.split()[0]} on {sys.platform}\n\n{redactor.scrub(text)}"
    )
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    path.write_text(report, encoding="utf-8")
    return path


def install_excepthook(redactor: Redactor, show: Callable[[str, Path], None]) -> None:
    """Uncaught exceptions (in Qt slots too) are logged, reported and shown, not fatal."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        logging.getLogger("mjdesk").error("uncaught exception", exc_info=(exc_type, exc, tb))
        try:
            path = write_crash_report(redactor, exc_type, exc, tb)
        except OSError:
            path = log_dir()
        show(redactor.scrub(f"{exc_type.__name__}: {exc}")[:400], path)

    sys.excepthook = hook
