"""Jobs as the window sees them: prompts in (recorded, then sent by the engine), the actions
the queue offers, and the engine's news as signals. Prompts sent while the engine is being
started are recorded at once and handed to it when it is ready."""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..core import evolink
from ..core.jobs import TERMINAL, JobState
from ..core.prompt import PromptAnalysis
from ..jobs import EngineNotice, Event, ImageStored, JobAdded, JobChanged, JobProgress
from ..library import JobRow, NewJob, intents
from .connection import ConnectionService
from .owner import LibrarySlot, TaskOwner
from .refunds import RefundWatch
from .words import say

if TYPE_CHECKING:
    from ..jobs.engine import Engine

__all__ = ["JobsService"]


class JobsService(QObject):
    job_added = Signal(object)  # JobRow
    job_changed = Signal(object)  # JobRow
    job_progress = Signal(int, int)  # job id, progress
    image_stored = Signal(object, object)  # ImageRow, JobRow
    jobs_loaded = Signal(list)  # [JobRow]
    images_loaded = Signal(list)  # [(ImageRow, JobRow)]
    batch_finished = Signal(int, int)  # jobs stored, jobs in the batch
    prices_changed = Signal()  # a mode's price in credits became known or changed
    notice = Signal(str, str)  # kind, message

    def __init__(
        self, library: LibrarySlot, connection: ConnectionService, owner: TaskOwner
    ) -> None:
        super().__init__()
        self._slot = library
        self._connection = connection
        self._owner = owner
        self._batch: set[int] = set()
        self._prices: dict[tuple[str, str], float] = {}  # (speed, quality) → credits per task
        self.refunds = RefundWatch()
        connection.listen(self._on_engine_event)
        connection.credits_changed.connect(self._on_balance)

    # -- prices ------------------------------------------------------------------------------

    def price_of(self, speed: str, quality: str) -> float | None:
        """Credits one generation task of this mode costs, once EvoLink has said (its
        ``credits_reserved`` on the latest task of the mode); None until then."""
        return self._prices.get((speed, quality))

    def _learn_price(self, job: JobRow, *, newer: bool = True) -> None:
        if job.model != evolink.GENERATE or not job.credits_reserved:
            return
        mode = (job.speed, job.quality)
        if not newer and mode in self._prices:
            return
        if self._prices.get(mode) != job.credits_reserved:
            self._prices[mode] = job.credits_reserved
            self.prices_changed.emit()

    # -- engine events -----------------------------------------------------------------------

    def _on_engine_event(self, event: Event) -> None:
        if isinstance(event, JobAdded):
            self.job_added.emit(event.job)
        elif isinstance(event, JobChanged):
            self._learn_price(event.job)
            self._watch_refund(event)
            self.job_changed.emit(event.job)
            if event.job.state != event.previous_state and event.job.state in TERMINAL:
                self._owner.spawn(self._connection.refresh_credits(), "credits")
                self._check_batch()
        elif isinstance(event, JobProgress):
            self.job_progress.emit(event.job_id, event.progress)
        elif isinstance(event, ImageStored):
            self.image_stored.emit(event.image, event.job)
        elif isinstance(event, EngineNotice):
            self.notice.emit(event.kind, say(event.message))

    # -- refunds -----------------------------------------------------------------------------

    def _watch_refund(self, event: JobChanged) -> None:
        job = event.job
        if not job.credits_reserved or not job.task_id:
            return
        self.refunds.charged(job.id, job.credits_reserved, job.accepted_at or job.created_at)
        if job.state == JobState.FAILED and event.previous_state != JobState.FAILED:
            self.refunds.failed(job.id, job.credits_reserved)

    def _on_balance(self, remaining: object) -> None:
        if not isinstance(remaining, (int, float)):
            return
        settled = self.refunds.reading(float(remaining), time.time())
        if settled:
            self._owner.spawn(self._record_refunds(settled), "refunds")

    async def _record_refunds(self, settled: list[tuple[int, float]]) -> None:
        library = await self._slot.wait()

        def record(store: Any) -> list[JobRow]:
            return [store.update_job(i, credits_returned=r) for i, r in settled]

        for row in await library.run(record):
            self.job_changed.emit(row)

    def _check_batch(self) -> None:
        engine = self._connection.engine
        if not self._batch or engine is None:
            return
        jobs = [engine.job(i) for i in self._batch]
        if all(j is not None and j.state in TERMINAL for j in jobs):
            stored = sum(1 for j in jobs if j is not None and j.state == JobState.STORED)
            total = len(self._batch)
            self._batch.clear()
            self.batch_finished.emit(stored, total)

    # -- new work ----------------------------------------------------------------------------

    @property
    def accepts_prompts(self) -> bool:
        return self._connection.accepts_prompts

    def submit(self, analysis: PromptAnalysis, style: str | None = None) -> None:
        """The prompt's jobs (one per permutation and repeat), recorded and sent; ``style``
        names the style the prompt carries (the library filters by it)."""
        specs = intents(analysis, style=style)
        if len(specs) > 1:  # one submission, many jobs: the queue shows them as one batch
            specs = intents(analysis, batch=f"window-{uuid.uuid4().hex[:12]}", style=style)
        self._record_and_send(specs, "submit")

    def submit_jobs(self, jobs: list[NewJob]) -> None:
        """Records and sends prepared jobs (edit actions on gallery images)."""
        self._record_and_send(list(jobs), "submit jobs")

    def _record_and_send(self, specs: list[NewJob], name: str) -> None:
        engine = self._connection.engine
        if engine is None:
            if self._connection.accepts_prompts:
                self._owner.spawn(self._record_early(specs), name)
                return
            self.notice.emit(
                "error", self.tr("Add an API key first (Settings), or start mjdesk --demo")
            )
            return

        async def go() -> None:
            rows = await engine.submit(specs)
            self._batch.update(r.id for r in rows)

        self._owner.spawn(go(), name)

    async def _record_early(self, specs: list[NewJob]) -> None:
        """The intents committed now (saved), sent by the engine once it runs."""
        library = await self._slot.wait()
        rows = await library.run(lambda s: s.add_jobs(specs))
        for row in rows:
            self.job_added.emit(row)
        self._batch.update(r.id for r in rows)
        engine = await self._connection.settled()
        if engine is not None:
            await engine.adopt(r.id for r in rows)
        else:
            self.notice.emit(
                "warning",
                self.tr("Saved, not sent yet: add an API key in Settings and it will be sent"),
            )

    # -- the queue's actions -----------------------------------------------------------------

    def _job_action(self, action: Callable[[Engine], Awaitable[JobRow]], name: str) -> None:
        engine = self._connection.engine
        if engine is None:
            return

        async def go() -> None:
            try:
                await action(engine)
            except ValueError as exc:  # the job moved on: the action no longer applies
                self.notice.emit("warning", str(exc))

        self._owner.spawn(go(), name)

    def retry(self, job_id: int) -> None:
        self._job_action(lambda e: e.retry(job_id), "retry")

    def resend(self, job_id: int) -> None:
        self._job_action(lambda e: e.resend(job_id), "resend")

    def dismiss(self, job_id: int) -> None:
        """Stop waiting (a job not sent yet: cancel it). Without an engine (no key yet, or
        offline at start) only a job that was never sent can wait, and the library moves it
        with the same compare-and-set the engine would use."""
        if self._connection.engine is not None:
            self._job_action(lambda e: e.dismiss(job_id), "dismiss")
            return

        async def cancel() -> None:
            library = await self._slot.wait()
            try:
                row = await library.run(
                    lambda s: s.update_job(
                        job_id, state=JobState.DISMISSED, expect=(JobState.SAVED,)
                    )
                )
            except ValueError as exc:  # it moved on meanwhile
                self.notice.emit("warning", str(exc))
                return
            self.job_changed.emit(row)

        self._owner.spawn(cancel(), "cancel")

    def resume(self, job_id: int) -> None:
        self._job_action(lambda e: e.resume(job_id), "resume")

    def resume_sending(self) -> None:
        engine = self._connection.engine
        if engine is not None:
            engine.resume_sending()

    # -- what is there already ---------------------------------------------------------------

    def load_jobs(self, limit: int = 500) -> None:
        async def go() -> None:
            library = await self._slot.wait()
            jobs = await library.run(lambda s: s.recent_jobs(limit))
            for job in jobs:  # newest first: the first price seen per mode is the latest
                self._learn_price(job, newer=False)
            self.jobs_loaded.emit(jobs)

        self._owner.spawn(go(), "load jobs")

    def load_recent_images(self, limit: int = 400) -> None:
        async def go() -> None:
            library = await self._slot.wait()
            self.images_loaded.emit(await library.run(lambda s: s.recent_images(limit)))

        self._owner.spawn(go(), "load images")

    async def prompt_history(self, limit: int = 200) -> list[str]:
        library = await self._slot.wait()
        return await library.run(lambda s: s.prompt_history(limit))
