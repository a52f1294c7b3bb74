"""What the engine tells its listeners (the window and the command line alike)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Union

from ..library import ImageRow, JobRow

log = logging.getLogger("mjdesk.jobs")


@dataclass(frozen=True, slots=True)
class JobAdded:
    job: JobRow


@dataclass(frozen=True, slots=True)
class JobChanged:
    """A committed transition (or an error message change) of one job."""

    job: JobRow
    previous_state: str


@dataclass(frozen=True, slots=True)
class JobProgress:
    job_id: int
    progress: int


@dataclass(frozen=True, slots=True)
class ImageStored:
    image: ImageRow
    job: JobRow


@dataclass(frozen=True, slots=True)
class EngineNotice:
    """Engine-wide news: ``paused`` (a 401/402 stops sending), ``resumed``, ``warning``."""

    kind: str
    message: str


Event = Union[JobAdded, JobChanged, JobProgress, ImageStored, EngineNotice]  # noqa: UP007
Listener = Callable[[Event], None]


class EventBus:
    """Synchronous fan-out on the engine's loop; a failing listener is logged, never fatal."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, event: Event) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("an engine listener failed on %s", type(event).__name__)
