"""The asyncio job engine (no Qt): submit, poll, download, resume."""

from typing import TYPE_CHECKING, Any

from .events import EngineNotice, Event, ImageStored, JobAdded, JobChanged, JobProgress
from .policy import PollPolicy

if TYPE_CHECKING:
    from .engine import Engine


def __getattr__(name: str) -> Any:
    # The engine (and the client types it uses) loads on first use, not with the events.
    if name == "Engine":
        from .engine import Engine

        globals()["Engine"] = Engine
        return Engine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Engine",
    "EngineNotice",
    "Event",
    "ImageStored",
    "JobAdded",
    "JobChanged",
    "JobProgress",
    "PollPolicy",
]
