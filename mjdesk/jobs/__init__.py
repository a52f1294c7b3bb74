"""The asyncio job engine (no Qt): submit, poll, download, resume."""

from .engine import Engine
from .events import EngineNotice, Event, ImageStored, JobAdded, JobChanged, JobProgress
from .policy import PollPolicy

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
