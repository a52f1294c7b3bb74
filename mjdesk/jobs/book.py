"""The engine's ledger of jobs: every change of a job goes through here, as one committed
compare-and-set on its row, and every background task of the engine is owned here.

The sender, the poller and the downloader share one ``JobBook``: it knows each job's last
committed row, publishes the engine's events, waits out a library that cannot be written, and
keeps anything the server sent from reaching the library with the key in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from typing import Any, TypeVar

from ..core.i18n import Text, translate
from ..core.jobs import ACTIVE, JobState
from ..library import Library, LibraryWriteError, StaleStateError, Store
from ..library.store import JobRow
from .events import EngineNotice, EventBus, JobChanged
from .policy import PollPolicy

__all__ = ["JobBook"]

T = TypeVar("T")

log = logging.getLogger("mjdesk.jobs")

#: States that end a job's work, stamped with the time they were reached.
_FINISHING: frozenset[str] = frozenset(
    {
        JobState.STORED,
        JobState.FAILED,
        JobState.TIMED_OUT,
        JobState.EXPIRED,
        JobState.UNCONFIRMED,
        JobState.DISMISSED,
    }
)
#: Errors of the file system that mean "the library cannot be written right now".
_STORAGE_ERRNOS: frozenset[int] = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT})


class JobBook:
    def __init__(
        self,
        library: Library,
        *,
        policy: PollPolicy,
        wall: Callable[[], float],
        scrub: Callable[[str], str] | None,
    ) -> None:
        self.library = library
        self.policy = policy
        self.wall = wall
        self.events = EventBus()
        self.jobs: dict[int, JobRow] = {}
        self.progress: dict[int, int] = {}
        self.running = False
        self.started = False
        #: When EvoLink last answered anything (time.monotonic()).
        self.last_contact = time.monotonic()
        self.storage_blocked: str | None = None  # why the library cannot be written, or None
        self.storage_since = 0.0
        self.idle = asyncio.Event()
        self._scrub = scrub
        self._owned: set[asyncio.Task[Any]] = set()

    # -- tasks -------------------------------------------------------------------------------

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """A background task the engine owns: kept, logged if it fails, cancelled at stop."""
        task = asyncio.get_running_loop().create_task(coro, name=f"mjdesk-{name}")
        if not self.running and self.started:
            task.cancel()  # stopping: nothing new starts (the task never runs a line)
        self._owned.add(task)
        self.idle.clear()

        def done(t: asyncio.Task[Any]) -> None:
            self._owned.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("engine task %s failed", name, exc_info=t.exception())
            self.check_idle()

        task.add_done_callback(done)
        return task

    async def stop_all(self) -> None:
        self.running = False
        while self._owned:  # a task ending may have started another: until none is left
            tasks = list(self._owned)
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(BaseException):
                    await task
                self._owned.discard(task)

    def check_idle(self) -> None:
        if not any(j.state in ACTIVE for j in self.jobs.values()):
            self.idle.set()

    def contact(self) -> None:
        """EvoLink answered (anything but a connection failure)."""
        self.last_contact = time.monotonic()

    # -- rows --------------------------------------------------------------------------------

    async def load(self, job_id: int) -> JobRow:
        job = await self.commit(lambda s: s.job(job_id))
        self.jobs[job_id] = job
        return job

    async def commit(self, fn: Callable[[Store], T]) -> T:
        """A library call that waits out a library it cannot write (see ``durably``)."""
        return await self.durably(lambda: self.library.run(fn))

    async def durably(self, call: Callable[[], Awaitable[T]]) -> T:
        """Runs a write; while the library cannot be written (the disk is full, the folder
        went read-only) says so once and tries again, with growing waits, until it can or the
        engine stops. Nothing is lost: the last committed state stays the resume point."""
        wait = self.policy.scaled(2.0)
        while True:
            try:
                result = await call()
            except (LibraryWriteError, OSError) as exc:
                if isinstance(exc, OSError) and exc.errno not in _STORAGE_ERRNOS:
                    raise
                self._blocked(exc)
                if not self.running:
                    raise
                await asyncio.sleep(wait)
                wait = min(wait * 1.5, self.policy.scaled(60.0))
                continue
            if self.storage_blocked is not None:
                self.storage_blocked = None
                self.events.publish(
                    EngineNotice("resumed", translate("Engine", "The library is writable again"))
                )
            return result

    def _blocked(self, exc: BaseException) -> None:
        if self.storage_blocked is not None:
            return
        full = getattr(exc, "full", False) or getattr(exc, "errno", None) == errno.ENOSPC
        text = (
            translate("Engine", "The disk holding the library is full")
            if full
            else translate("Engine", "The library cannot be written ({reason})").format(
                reason=str(exc)
            )
        )
        self.storage_blocked = str(text)
        self.storage_since = time.monotonic()
        log.warning("library not writable: %s", exc)
        self.events.publish(
            EngineNotice(
                "storage",
                translate("Engine", "{reason}: paid images wait until it can be written.").format(
                    reason=text
                ),
            )
        )
        self.idle.set()

    async def transition(
        self,
        job_id: int,
        state: str | None = None,
        *,
        expect: Iterable[str] | None = None,
        **changes: Any,
    ) -> JobRow:
        """One committed change of a job. A change of state is a compare-and-set against
        ``expect`` on the row itself: StaleStateError when another loop (or the user) moved the
        job first, and nothing changes."""
        previous = self.jobs.get(job_id)
        if state is not None:
            changes["state"] = str(state)
            if state in _FINISHING:
                changes.setdefault("finished_at", self.wall())
        if job_id in self.progress and "progress" not in changes:
            changes["progress"] = self.progress[job_id]
        self._scrub_changes(changes)
        wanted = None if expect is None else tuple(str(e) for e in expect)
        try:
            row = await self.commit(lambda s: s.update_job(job_id, expect=wanted, **changes))
        except StaleStateError as exc:
            self.jobs[job_id] = exc.job
            raise
        self.jobs[job_id] = row
        self.events.publish(JobChanged(row, previous.state if previous else row.state))
        self.check_idle()
        return row

    async def note(self, job_id: int, message: Text | str | None, **changes: Any) -> None:
        """Records a reason without moving the job (a stale job is left as it is)."""
        job = self.jobs.get(job_id)
        if job is None:
            return
        with contextlib.suppress(StaleStateError):
            await self.transition(job_id, expect=(job.state,), error_message=message, **changes)

    def scrub(self, text: str) -> str:
        return self._scrub(text) if self._scrub is not None else text

    def _scrub_changes(self, changes: dict[str, Any]) -> None:
        """Nothing the server sent reaches the library with the key in it, in any encoding:
        result links and reasons are masked by value before they are stored."""
        for field in ("results", "error_message"):
            value = changes.get(field)
            if isinstance(value, str):
                clean = self.scrub(value)
                if clean != value:
                    changes[field] = clean  # a sentence that leaked becomes plain words
