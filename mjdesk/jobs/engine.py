"""The job engine: record-before-send, one shared poller, downloads at once, resume on start.

No Qt: the window and ``mjdesk batch`` drive the same engine and listen to the same events.

Every transition is one committed transaction, made *before* the step it announces, and is a
compare-and-set on the job's row (``book.py``): a job is ``saved`` (the intent) before anything
is sent, ``sending`` while one create request is in flight (``sender.py``), ``accepted`` with its
task id as soon as the answer arrives; one loop checks every task (``poller.py``); a completed
task's images are downloaded at once (``downloader.py``). A job found ``sending`` at start may
have been created: it becomes ``unconfirmed`` and is never resent without the user. The rules of
which action each state allows are ``core.jobs``'.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..core.i18n import translate
from ..core.jobs import ACTIVE, POLLED, Action, JobState, allowed, resume_target
from ..core.prompt import PromptAnalysis
from ..faults import crashpoint
from ..library import Library, NewJob, intents
from ..library.store import JobRow
from .book import JobBook
from .downloader import Downloader
from .events import Event, JobAdded
from .policy import PollPolicy
from .poller import Poller
from .sender import Sender

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient

__all__ = ["Engine"]


class Engine:
    def __init__(
        self,
        client: EvoLinkClient,
        library: Library,
        *,
        policy: PollPolicy | None = None,
        send_concurrency: int = 2,
        poll_concurrency: int = 4,
        download_concurrency: int = 4,
        rng: random.Random | None = None,
        wall: Callable[[], float] = time.time,
        callback_url: str | None = None,
    ) -> None:
        self.client = client
        self.library = library
        self.policy = policy or PollPolicy()
        self.book = JobBook(library, policy=self.policy, wall=wall, scrub=client.scrub)
        self.events = self.book.events
        self.downloader = Downloader(
            self.book, client, policy=self.policy, concurrency=download_concurrency
        )
        self.sender = Sender(
            self.book,
            client,
            policy=self.policy,
            concurrency=send_concurrency,
            callback_url=callback_url or None,  # polling stays on either way
            on_accepted=lambda job_id, estimate: self.poller.accepted(job_id, estimate),
        )
        self.poller = Poller(
            self.book,
            client,
            policy=self.policy,
            rng=rng or random.Random(),
            concurrency=poll_concurrency,
            pause=self.sender.pause,
            on_completed=self.downloader.completed,
        )

    # -- lifecycle ---------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]:
        return self.events.subscribe(listener)

    async def start(self, *, resume_attention: bool = False) -> None:
        """Resumes every unfinished job, then starts the poller. With ``resume_attention``
        (``mjdesk batch``) jobs that need attention are resumed too; the window leaves them
        for the user, with the reason and a Resume or Retry download action."""
        book = self.book
        if book.started:
            raise RuntimeError("an engine starts once")
        book.started = book.running = True
        wanted = [*ACTIVE, JobState.NEEDS_ATTENTION] if resume_attention else list(ACTIVE)
        jobs = await book.commit(lambda s: s.jobs(str(w) for w in wanted))
        for job in jobs:
            book.jobs[job.id] = job
            if job.state == JobState.SAVED:
                self.sender.start(job.id)
            elif job.state == JobState.SENDING:
                await book.transition(
                    job.id,
                    JobState.UNCONFIRMED,
                    expect=(JobState.SENDING,),
                    error_code="unconfirmed",
                    error_message=translate(
                        "Engine",
                        "mjdesk stopped while this prompt was being sent, so it may have been "
                        "created and charged. Resend it only if it never appears.",
                    ),
                )
            elif job.state in POLLED:
                self.poller.schedule(job.id, 0.0)
            elif job.state == JobState.DOWNLOADING:
                self.downloader.start(job.id)
            elif job.state == JobState.NEEDS_ATTENTION:
                await self._resume(job)
        book.spawn(self.poller.run(), "poller")

    async def stop(self, grace: float = 10.0) -> None:
        """Stops: no new create leaves, a create already in flight gets up to ``grace``
        seconds to be answered (so replacing the engine — a Settings save, a second connect —
        does not turn a job into "unconfirmed" for nothing), then everything still in flight
        is cancelled; committed state is the resume point."""
        self.sender.holding = True
        end = time.monotonic() + grace
        while time.monotonic() < end and any(  # noqa: ASYNC110 - rows change under it
            j.state == JobState.SENDING for j in self.book.jobs.values()
        ):
            await asyncio.sleep(0.02)
        await self.book.stop_all()
        self.sender.clear()
        self.downloader.clear()

    # -- queries -----------------------------------------------------------------------------

    @property
    def paused(self) -> str | None:
        return self.sender.paused

    @property
    def storage_blocked(self) -> str | None:
        """Why the library cannot be written right now (the disk is full...), or None."""
        return self.book.storage_blocked

    @property
    def last_contact(self) -> float:
        """When EvoLink last answered anything (time.monotonic())."""
        return self.book.last_contact

    def job(self, job_id: int) -> JobRow | None:
        return self.book.jobs.get(job_id)

    def active_job_ids(self) -> list[int]:
        """Jobs the engine is still working on right now (sending, polling, downloading)."""
        return [j.id for j in self.book.jobs.values() if j.state in ACTIVE]

    def actively_polled(self, job_id: int) -> bool:
        job = self.book.jobs.get(job_id)
        return job is not None and self.poller.actively_polled(job)

    async def wait_idle(self, limit: float | None = None) -> bool:
        """Waits until no job is saved, sending, polled actively or downloading — or until
        the rest can only wait for the user (a pause for the key or credits, a full disk)."""
        book = self.book

        def settled() -> bool:
            if book.storage_blocked and (
                time.monotonic() - book.storage_since > self.policy.scaled(10.0)
            ):
                return True
            for j in book.jobs.values():
                if j.state in (JobState.SAVED, JobState.SENDING, JobState.DOWNLOADING):
                    if j.state == JobState.SAVED and self.sender.paused:
                        continue
                    return False
                if j.state in POLLED and self.poller.actively_polled(j):
                    return False
            return True

        async def loop() -> None:
            while not settled():
                book.idle.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(book.idle.wait(), 0.25)

        try:
            await asyncio.wait_for(loop(), limit)
        except TimeoutError:
            return False
        return True

    # -- user actions ------------------------------------------------------------------------

    async def submit_analysis(
        self, analysis: PromptAnalysis, *, batch: str | None = None
    ) -> list[JobRow]:
        """Records one intent per task of an analysed prompt, then sends them."""
        return await self.submit(intents(analysis, batch=batch))

    async def submit(self, jobs: Iterable[NewJob]) -> list[JobRow]:
        specs = list(jobs)
        if not specs:
            return []
        rows = await self.library.run(lambda s: s.add_jobs(specs))
        crashpoint("after_intent")
        for row in rows:
            self.book.jobs[row.id] = row
            self.events.publish(JobAdded(row))
            self.sender.start(row.id)
        return rows

    async def adopt(self, job_ids: Iterable[int]) -> None:
        """Takes over jobs recorded while no engine ran (a prompt submitted during start-up):
        sends the ones still saved. Safe to call for a job already being sent."""
        for job_id in job_ids:
            job = await self.book.load(job_id)
            if job.state == JobState.SAVED:
                self.sender.start(job_id)

    async def resend(self, job_id: int) -> JobRow:
        """Sends an unconfirmed job again (the user accepted the risk of a double charge)."""
        job = await self._checked(Action.RESEND, job_id)
        row = await self.book.transition(
            job.id,
            JobState.SAVED,
            expect=(JobState.UNCONFIRMED,),
            error_code=None,
            error_message=None,
        )
        self.sender.start(job_id)
        return row

    async def retry(self, job_id: int) -> JobRow:
        """A new job with the same prompt and modes (for failed, timed-out or expired ones)."""
        job = await self._checked(Action.RETRY, job_id)
        spec = NewJob(
            job.prompt_typed,
            job.prompt,
            job.speed,
            job.quality,
            model=job.model,
            model_params=job.params or None,
            parent_image_id=job.parent_image_id,
            batch=job.batch,
        )
        [row] = await self.submit([spec])
        return row

    async def dismiss(self, job_id: int) -> JobRow:
        """Stop waiting: the job stays in the library and can be resumed."""
        job = await self._checked(Action.DISMISS, job_id)
        row = await self.book.transition(job_id, JobState.DISMISSED, expect=(job.state,))
        self.poller.unschedule(job_id)
        return row

    async def resume(self, job_id: int) -> JobRow:
        """Sends, polls or downloads again from where the job stopped."""
        return await self._resume(await self._checked(Action.RESUME, job_id))

    def resume_sending(self) -> None:
        """Clears a pause (after the key or the credits were fixed)."""
        self.sender.resume_sending()

    async def _checked(self, action: Action, job_id: int) -> JobRow:
        job = await self.book.load(job_id)
        if not allowed(action, job.state):
            raise ValueError(f"a job that is {job.state} does not allow {action.value}")
        return job

    async def _resume(self, job: JobRow) -> JobRow:
        target = resume_target(
            job.state, has_task=bool(job.task_id), has_results=bool(job.result_urls)
        )
        changes: dict[str, object] = {"error_message": None}
        if target == JobState.DOWNLOADING:
            changes["error_code"] = None
        elif target == JobState.RUNNING:
            changes["accepted_at"] = self.book.wall()
        row = await self.book.transition(job.id, target, expect=(job.state,), **changes)
        if target == JobState.DOWNLOADING:
            self.downloader.start(job.id)
        elif target == JobState.RUNNING:
            self.poller.restart(job.id)
        else:
            self.sender.start(job.id)
        return row
