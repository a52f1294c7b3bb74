"""The job engine: record-before-send, one shared poller, downloads at once, resume on start.

No Qt: the window and ``mjdesk batch`` drive the same engine and listen to the same events.

Every transition is one committed transaction, made *before* the step it announces: a job is
``saved`` (the intent) before anything is sent, ``sending`` before the POST leaves, ``accepted``
with its task id as soon as the answer arrives. A job found ``sending`` at start may have been
created: it becomes ``unconfirmed`` and is never resent without the user. A result file is renamed
into place before its row is written, and a file found in place without a row is adopted.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import heapq
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..api import (
    ApiConnectionError,
    ApiError,
    AuthenticationError,
    GenerationRequest,
    InsufficientQuotaError,
    NotFoundError,
    RateLimitError,
    ResultExpiredError,
    ServiceUnavailableError,
    Task,
    UnconfirmedCreateError,
)
from ..api.sniff import EXTENSIONS, image_info, is_complete
from ..core import evolink
from ..core.i18n import Text, translate
from ..core.jobs import ACTIVE, POLLED, Action, JobState, allowed, resume_target
from ..core.messages import task_error_text
from ..core.prompt import PromptAnalysis
from ..faults import crashpoint
from ..library import Library, LibraryWriteError, NewJob, StaleStateError, Store
from ..library.store import JobRow
from .events import EngineNotice, Event, EventBus, ImageStored, JobAdded, JobChanged, JobProgress
from .policy import PollPolicy

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient

__all__ = ["Engine"]

T = TypeVar("T")

log = logging.getLogger("mjdesk.jobs")


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
        self.callback_url = callback_url or None  # polling stays on either way
        self.events = EventBus()
        self._rng = rng or random.Random()
        self._wall = wall
        self._send_slots = asyncio.Semaphore(max(1, send_concurrency))
        self._poll_slots = asyncio.Semaphore(max(1, poll_concurrency))
        self._download_slots = asyncio.Semaphore(max(1, download_concurrency))
        self._owned: set[asyncio.Task[Any]] = set()
        self._jobs: dict[int, JobRow] = {}
        self._progress: dict[int, int] = {}
        self._polls: dict[int, int] = {}
        self._not_found: dict[int, int] = {}
        self._due: list[tuple[float, int]] = []
        self._scheduled: dict[int, float] = {}
        self._in_flight: set[int] = set()
        self._wake = asyncio.Event()
        self._slow_until = 0.0
        self._paused: str | None = None
        self._unpaused = asyncio.Event()
        self._unpaused.set()
        # At most one send loop and one download loop per job, whoever asks.
        self._senders: dict[int, asyncio.Task[Any]] = {}
        # result links as EvoLink sent them; the library keeps them with any key masked
        self._live_urls: dict[int, list[str]] = {}
        self._downloaders: dict[int, asyncio.Task[Any]] = {}
        self._storage_blocked: str | None = None  # a commit failed: disk full or read-only
        self._storage_since = 0.0
        self._running = False
        self._started = False
        self._idle = asyncio.Event()
        #: When EvoLink last answered anything (time.monotonic()); batch gives up waiting
        #: for an unreachable server from it.
        self.last_contact = time.monotonic()

    # -- lifecycle ---------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]:
        return self.events.subscribe(listener)

    async def start(self, *, resume_attention: bool = False) -> None:
        """Resumes every unfinished job, then starts the poller. With ``resume_attention``
        (``mjdesk batch``) jobs that need attention are resumed too; the window leaves them
        for the user, with the reason and a Resume or Retry download action."""
        if self._started:
            raise RuntimeError("an engine starts once")
        self._started = True
        self._running = True
        wanted = [*ACTIVE, JobState.NEEDS_ATTENTION] if resume_attention else list(ACTIVE)
        jobs = await self._commit(lambda s: s.jobs(str(w) for w in wanted))
        for job in jobs:
            self._jobs[job.id] = job
            if job.state == JobState.SAVED:
                self._start_send(job.id)
            elif job.state == JobState.SENDING:
                await self._transition(
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
                self._schedule(job.id, 0.0)
            elif job.state == JobState.DOWNLOADING:
                self._start_download(job.id)
            elif job.state == JobState.NEEDS_ATTENTION:
                await self._resume(job)
        self._spawn(self._poller(), "poller")

    async def stop(self) -> None:
        """Cancels everything in flight; committed state is the resume point."""
        self._running = False
        while self._owned:  # a task ending may have started another: until none is left
            tasks = list(self._owned)
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(BaseException):
                    await task
                self._owned.discard(task)
        self._senders.clear()
        self._downloaders.clear()

    def _spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro, name=f"mjdesk-{name}")
        if not self._running and self._started:
            task.cancel()  # stopping: nothing new starts (the task never runs a line)
        self._owned.add(task)
        self._idle.clear()

        def done(t: asyncio.Task[Any]) -> None:
            self._owned.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("engine task %s failed", name, exc_info=t.exception())
            self._check_idle()

        task.add_done_callback(done)
        return task

    def _start_send(self, job_id: int) -> None:
        """A send loop for the job, unless one is already alive (it will see the new state)."""
        live = self._senders.get(job_id)
        if live is not None and not live.done():
            return
        self._senders[job_id] = self._spawn(self._send(job_id), f"send-{job_id}")

    def _start_download(self, job_id: int) -> None:
        live = self._downloaders.get(job_id)
        if live is not None and not live.done():
            return
        self._downloaders[job_id] = self._spawn(self._download(job_id), f"download-{job_id}")

    def _check_idle(self) -> None:
        if not self.active_job_ids():
            self._idle.set()

    # -- queries -----------------------------------------------------------------------------

    @property
    def paused(self) -> str | None:
        return self._paused

    @property
    def storage_blocked(self) -> str | None:
        """Why the library cannot be written right now (the disk is full...), or None."""
        return self._storage_blocked

    def job(self, job_id: int) -> JobRow | None:
        return self._jobs.get(job_id)

    def active_job_ids(self) -> list[int]:
        """Jobs the engine is still working on right now (sending, polling, downloading)."""
        return [j.id for j in self._jobs.values() if j.state in ACTIVE]

    def actively_polled(self, job_id: int) -> bool:
        job = self._jobs.get(job_id)
        if job is None or job.accepted_at is None:
            return False
        age = self._wall() - job.accepted_at
        return age < self.policy.scaled(self.policy.active_window)

    async def wait_idle(self, limit: float | None = None) -> bool:
        """Waits until no job is saved, sending, polled actively or downloading — or until
        the rest can only wait for the user (a pause for the key or credits, a full disk)."""

        def settled() -> bool:
            if self._storage_blocked and (
                time.monotonic() - self._storage_since > self.policy.scaled(10.0)
            ):
                return True
            for j in self._jobs.values():
                if j.state in (JobState.SAVED, JobState.SENDING, JobState.DOWNLOADING):
                    if j.state == JobState.SAVED and self._paused:
                        continue
                    return False
                if j.state in POLLED and self.actively_polled(j.id):
                    return False
            return True

        async def loop() -> None:
            while not settled():
                self._idle.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._idle.wait(), 0.25)

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
        if not analysis.ok:
            raise ValueError("the prompt has errors; nothing is sent")
        return await self.submit(
            [
                NewJob(analysis.text, t.prompt, t.speed, t.quality, batch=batch)
                for t in analysis.tasks
            ]
        )

    async def submit(self, jobs: Iterable[NewJob]) -> list[JobRow]:
        specs = list(jobs)
        if not specs:
            return []
        rows = await self.library.run(lambda s: s.add_jobs(specs))
        crashpoint("after_intent")
        for row in rows:
            self._jobs[row.id] = row
            self.events.publish(JobAdded(row))
            self._start_send(row.id)
        return rows

    async def adopt(self, job_ids: Iterable[int]) -> None:
        """Takes over jobs recorded while no engine ran (a prompt submitted during start-up):
        sends the ones still saved. Safe to call for a job already being sent."""
        for job_id in job_ids:
            job = await self._load(job_id)
            if job.state == JobState.SAVED:
                self._start_send(job_id)

    async def resend(self, job_id: int) -> JobRow:
        """Sends an unconfirmed job again (the user accepted the risk of a double charge)."""
        job = await self._load(job_id)
        self._check(Action.RESEND, job)
        row = await self._transition(
            job_id,
            JobState.SAVED,
            expect=(JobState.UNCONFIRMED,),
            error_code=None,
            error_message=None,
        )
        self._start_send(job_id)
        return row

    async def retry(self, job_id: int) -> JobRow:
        """A new job with the same prompt and modes (for failed, timed-out or expired ones)."""
        job = await self._load(job_id)
        self._check(Action.RETRY, job)
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
        job = await self._load(job_id)
        self._check(Action.DISMISS, job)
        row = await self._transition(job_id, JobState.DISMISSED, expect=(job.state,))
        self._unschedule(job_id)
        return row

    async def resume(self, job_id: int) -> JobRow:
        """Sends, polls or downloads again from where the job stopped."""
        job = await self._load(job_id)
        self._check(Action.RESUME, job)
        return await self._resume(job)

    async def _resume(self, job: JobRow) -> JobRow:
        target = resume_target(
            job.state, has_task=bool(job.task_id), has_results=bool(job.result_urls)
        )
        if target == JobState.DOWNLOADING:
            row = await self._transition(
                job.id, target, expect=(job.state,), error_code=None, error_message=None
            )
            self._start_download(job.id)
        elif target == JobState.RUNNING:
            row = await self._transition(
                job.id, target, expect=(job.state,), accepted_at=self._wall(), error_message=None
            )
            self._polls[job.id] = 0
            self._not_found.pop(job.id, None)
            self._schedule(job.id, 0.0)
        else:
            row = await self._transition(job.id, target, expect=(job.state,), error_message=None)
            self._start_send(job.id)
        return row

    def _check(self, action: Action, job: JobRow) -> None:
        if not allowed(action, job.state):
            raise ValueError(f"a job that is {job.state} does not allow {action.value}")

    def resume_sending(self) -> None:
        """Clears a pause (after the key or the credits were fixed)."""
        if self._paused:
            self._paused = None
            self._unpaused.set()
            self.events.publish(EngineNotice("resumed", "Sending again"))

    # -- state -------------------------------------------------------------------------------

    async def _load(self, job_id: int) -> JobRow:
        job = await self._commit(lambda s: s.job(job_id))
        self._jobs[job_id] = job
        return job

    async def _commit(self, fn: Callable[[Store], T]) -> T:
        """A library call that waits out a library it cannot write (see ``_durably``)."""
        return await self._durably(lambda: self.library.run(fn))

    async def _durably(self, call: Callable[[], Awaitable[T]]) -> T:
        """Runs a write; while the library cannot be written (the disk is full, the folder
        went read-only) says so once and tries again, with growing waits, until it can or the
        engine stops. Nothing is lost: the last committed state stays the resume point."""
        wait = self.policy.scaled(2.0)
        while True:
            try:
                result = await call()
            except (LibraryWriteError, OSError) as exc:
                full = getattr(exc, "full", False) or getattr(exc, "errno", None) == errno.ENOSPC
                if isinstance(exc, OSError) and exc.errno not in (
                    errno.ENOSPC,
                    errno.EROFS,
                    errno.EDQUOT,
                ):
                    raise
                if self._storage_blocked is None:
                    text = (
                        translate("Engine", "The disk holding the library is full")
                        if full
                        else translate("Engine", "The library cannot be written ({reason})").format(
                            reason=str(exc)
                        )
                    )
                    self._storage_blocked = str(text)
                    self._storage_since = time.monotonic()
                    log.warning("library not writable: %s", exc)
                    self.events.publish(
                        EngineNotice(
                            "storage",
                            translate(
                                "Engine", "{reason}: paid images wait until it can be written."
                            ).format(reason=text),
                        )
                    )
                    self._idle.set()
                if not self._running:
                    raise
                await asyncio.sleep(wait)
                wait = min(wait * 1.5, self.policy.scaled(60.0))
                continue
            if self._storage_blocked is not None:
                self._storage_blocked = None
                self.events.publish(
                    EngineNotice("resumed", translate("Engine", "The library is writable again"))
                )
            return result

    async def _transition(
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
        previous = self._jobs.get(job_id)
        if state is not None:
            changes["state"] = str(state)
            if state in (
                JobState.STORED,
                JobState.FAILED,
                JobState.TIMED_OUT,
                JobState.EXPIRED,
                JobState.UNCONFIRMED,
                JobState.DISMISSED,
            ):
                changes.setdefault("finished_at", self._wall())
        if job_id in self._progress and "progress" not in changes:
            changes["progress"] = self._progress[job_id]
        self._scrub_changes(changes)
        wanted = None if expect is None else tuple(str(e) for e in expect)
        try:
            row = await self._commit(lambda s: s.update_job(job_id, expect=wanted, **changes))
        except StaleStateError as exc:
            self._jobs[job_id] = exc.job
            raise
        self._jobs[job_id] = row
        self.events.publish(JobChanged(row, previous.state if previous else row.state))
        self._check_idle()
        return row

    def _scrub_changes(self, changes: dict[str, Any]) -> None:
        """Nothing the server sent reaches the library with the key in it, in any encoding:
        result links and reasons are masked by value before they are stored."""
        scrub = getattr(self.client, "scrub", None)
        if scrub is None:
            return
        for field in ("results", "error_message"):
            value = changes.get(field)
            if isinstance(value, str):
                clean = scrub(value)
                if clean != value:
                    changes[field] = clean  # a sentence that leaked becomes plain words

    async def _note(self, job_id: int, message: Text | str | None, **changes: Any) -> None:
        """Records a reason without moving the job (a stale job is left as it is)."""
        job = self._jobs.get(job_id)
        if job is None:
            return
        with contextlib.suppress(StaleStateError):
            await self._transition(job_id, expect=(job.state,), error_message=message, **changes)

    # -- sending -----------------------------------------------------------------------------

    async def _send(self, job_id: int) -> None:
        attempt = 0
        try:
            while self._running:
                await self._unpaused.wait()
                async with self._send_slots:
                    job = await self._load(job_id)
                    if job.state != JobState.SAVED:
                        return
                    try:
                        job = await self._transition(
                            job_id,
                            JobState.SENDING,
                            expect=(JobState.SAVED,),
                            sent_at=self._wall(),
                            send_attempts=job.send_attempts + 1,
                        )
                    except StaleStateError:
                        return  # dismissed, or taken by another engine
                    outcome = await self._create(job)
                if outcome is None:
                    return
                attempt += 1
                await asyncio.sleep(outcome)
        finally:
            if self._senders.get(job_id) is asyncio.current_task():
                del self._senders[job_id]

    def _send_delay(self, attempt: int, hint: float | None) -> float:
        if hint is not None and hint >= 0:
            return min(float(hint), self.policy.scaled(120.0))
        base = min(0.5 * 2.0**attempt, self.policy.send_retry) * (1.5 ** max(0, attempt - 6))
        return self.policy.scaled(min(base, 600.0))

    async def _create(self, job: JobRow) -> float | None:
        """One create request: exactly one attempt is in flight while the job is "sending".
        Returns a delay when the job must be sent again later (nothing was created), None
        when it is settled."""
        params = dict(job.params)
        image_urls = params.pop("image_urls", None)
        request = GenerationRequest(
            job.prompt,
            speed=job.speed,  # type: ignore[arg-type]
            quality=job.quality,  # type: ignore[arg-type]
            model=job.model,
            client_ref=job.client_ref,
            extra_model_params=params,
            image_urls=tuple(image_urls or ()),
            callback_url=self.callback_url if job.model == evolink.GENERATE else None,
        )
        try:
            task = await self.client.create_generation(request, retries=0)
        except ApiError as exc:
            if not isinstance(exc, ApiConnectionError) or isinstance(exc, UnconfirmedCreateError):
                self.last_contact = time.monotonic()
            return await self._create_failed(job, exc)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("unexpected error while sending job %s", job.id)
            await self._transition(
                job.id,
                JobState.UNCONFIRMED,
                expect=(JobState.SENDING,),
                error_code="unconfirmed",
                error_message=translate(
                    "Engine", "An unexpected error happened while sending ({kind})"
                ).format(kind=type(exc).__name__),
            )
            return None
        self.last_contact = time.monotonic()
        crashpoint("after_post")
        await self._accept(job.id, task)
        return None

    async def _create_failed(self, job: JobRow, exc: ApiError) -> float | None:
        sending = (JobState.SENDING,)
        if isinstance(exc, UnconfirmedCreateError):
            await self._transition(
                job.id,
                JobState.UNCONFIRMED,
                expect=sending,
                error_code="unconfirmed",
                error_message=translate(
                    "Engine",
                    "{reason}. It is not resent automatically; resend it only if it never "
                    "appears (you may be charged twice).",
                ).format(reason=exc.message),
            )
            return None
        if isinstance(exc, AuthenticationError | InsufficientQuotaError):
            reason = (
                translate(
                    "Engine", "The API key was refused: check it in Settings. Waiting to send."
                )
                if isinstance(exc, AuthenticationError)
                else translate(
                    "Engine", "Not enough EvoLink credits: top up, then resume. Waiting to send."
                )
            )
            await self._transition(
                job.id,
                JobState.SAVED,
                expect=sending,
                error_code=str(exc.status),
                error_message=reason,
            )
            self._pause(reason)
            return self.policy.scaled(1.0)
        if isinstance(exc, RateLimitError | ServiceUnavailableError | ApiConnectionError):
            # Certainly not created (nothing reached EvoLink, or it refused for load): wait.
            delay = self._send_delay(job.send_attempts - 1, getattr(exc, "retry_after", None))
            await self._transition(
                job.id,
                JobState.SAVED,
                expect=sending,
                error_code=type(exc).__name__,
                error_message=translate("Engine", "Waiting to send: {reason}").format(
                    reason=exc.message
                ),
            )
            return delay
        local = exc.status is None  # mjdesk's own check refused it: nothing left this computer
        await self._transition(
            job.id,
            JobState.FAILED,
            expect=sending,
            error_code=str(exc.code or exc.status or "refused"),
            error_message=(
                translate("Engine", "Not sent (nothing was charged): {reason}")
                if local
                else translate("Engine", "EvoLink refused the prompt: {reason}")
            ).format(reason=exc.message),
        )
        return None

    def _pause(self, reason: str) -> None:
        if self._paused is None:
            self._paused = reason
            self._unpaused.clear()
            self.events.publish(EngineNotice("paused", reason))

    async def _accept(self, job_id: int, task: Task) -> None:
        await self._transition(
            job_id,
            JobState.ACCEPTED,
            expect=(JobState.SENDING,),
            task_id=task.id,
            accepted_at=self._wall(),
            credits_reserved=task.credits_reserved,
            estimated_time=task.estimated_time,
            progress=0,
            error_code=None,
            error_message=None,
        )
        self._polls[job_id] = 0
        self._schedule(job_id, self.policy.first_delay(task.estimated_time))

    # -- polling -----------------------------------------------------------------------------

    def _schedule(self, job_id: int, delay: float) -> None:
        when = time.monotonic() + max(0.0, delay)
        self._scheduled[job_id] = when
        heapq.heappush(self._due, (when, job_id))
        self._wake.set()

    def _unschedule(self, job_id: int) -> None:
        self._scheduled.pop(job_id, None)

    async def _poller(self) -> None:
        """One loop for every task: at most ``poll_concurrency`` checks in flight."""
        while self._running:
            now = time.monotonic()
            while self._due and self._due[0][0] <= now and now >= self._slow_until:
                when, job_id = heapq.heappop(self._due)
                if self._scheduled.get(job_id) != when or job_id in self._in_flight:
                    continue
                del self._scheduled[job_id]
                self._in_flight.add(job_id)
                await self._poll_slots.acquire()
                self._spawn(self._poll(job_id), f"poll-{job_id}")
            self._wake.clear()
            wait = 1.0
            if self._due:
                wait = max(
                    0.0, min(wait, max(self._due[0][0], self._slow_until) - time.monotonic())
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)

    async def _poll(self, job_id: int) -> None:
        try:
            await self._poll_once(job_id)
        except StaleStateError:
            pass  # the user dismissed it while the check was under way
        finally:
            self._in_flight.discard(job_id)
            self._poll_slots.release()

    async def _poll_once(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.state not in POLLED or not job.task_id:
            return
        polls = self._polls.get(job_id, 0) + 1
        self._polls[job_id] = polls
        age = self._wall() - (job.accepted_at or self._wall())
        try:
            task = await self.client.get_task(job.task_id)
        except ApiConnectionError as exc:
            log.info("poll of job %s failed (%s); trying later", job_id, exc.message)
            self._reschedule(job_id, polls, age)
            return
        except NotFoundError:
            self.last_contact = time.monotonic()
            misses = self._not_found.get(job_id, 0) + 1
            self._not_found[job_id] = misses
            young = age < self.policy.scaled(self.policy.not_visible_grace)
            if young or misses < 3:  # not visible yet, or one stray 404
                self._reschedule(job_id, polls, age)
            else:
                await self._transition(
                    job_id,
                    JobState.NEEDS_ATTENTION,
                    expect=POLLED,
                    error_code="not_found",
                    error_message=translate(
                        "TaskErrors", "EvoLink does not know this task any more (404)."
                    ),
                )
            return
        except RateLimitError as exc:
            pause = exc.retry_after or self.policy.scaled(self.policy.rate_limit_pause)
            self._slow_until = time.monotonic() + min(float(pause), self.policy.scaled(120))
            self._reschedule(job_id, polls, age)
            return
        except AuthenticationError as exc:
            self._pause(
                translate(
                    "Engine", "The API key was refused while checking tasks: {reason}"
                ).format(reason=exc.message)
            )
            self._reschedule(job_id, polls, age)
            return
        except ApiError as exc:
            log.info("poll of job %s failed (%s); trying later", job_id, exc.message)
            self._reschedule(job_id, polls, age)
            return
        self.last_contact = time.monotonic()
        self._not_found.pop(job_id, None)
        await self._apply_task(job, task, polls, age)

    def _reschedule(self, job_id: int, polls: int, age: float) -> None:
        delay = self.policy.next_delay(polls, age, self._rng)
        if delay is None:
            self._spawn(
                self._give_up(job_id),
                f"attention-{job_id}",
            )
            return
        self._schedule(job_id, delay)

    async def _give_up(self, job_id: int) -> None:
        with contextlib.suppress(StaleStateError):
            await self._transition(
                job_id,
                JobState.NEEDS_ATTENTION,
                expect=POLLED,
                error_code="no_answer",
                error_message=translate(
                    "TaskErrors", "No final answer from EvoLink after 24 hours."
                ),
            )

    async def _apply_task(self, job: JobRow, task: Task, polls: int, age: float) -> None:
        progress = task.progress
        if progress is not None:
            old = self._progress.get(job.id, job.progress)
            if progress > old:
                self._progress[job.id] = progress
                self.events.publish(JobProgress(job.id, progress))
        if task.status == "completed":
            await self._completed(job, task)
            return
        if task.status == "failed":
            code = task.error.code if task.error else "unknown_error"
            await self._transition(
                job.id,
                JobState.TIMED_OUT if code == "generation_timeout" else JobState.FAILED,
                expect=POLLED,
                error_code=code,
                error_message=task_error_text(code, task.error.message if task.error else None),
            )
            return
        if task.status in ("pending", "processing"):
            if task.status == "processing" and job.state == JobState.ACCEPTED:
                await self._transition(job.id, JobState.RUNNING, expect=(JobState.ACCEPTED,))
        else:
            log.warning("task %s has an unknown status %r; still polling", task.id, task.status)
        self._reschedule(job.id, polls, age)

    async def _completed(self, job: JobRow, task: Task) -> None:
        if not task.results:
            await self._transition(
                job.id,
                JobState.FAILED,
                expect=POLLED,
                error_code="generation_failed_no_content",
                error_message=task_error_text("generation_failed_no_content"),
            )
            return
        most = evolink.max_results(job.model, job.speed)
        if len(task.results) > most:
            await self._transition(
                job.id,
                JobState.NEEDS_ATTENTION,
                expect=POLLED,
                error_code="protocol",
                error_message=translate(
                    "Engine",
                    "EvoLink listed {count} results for one task (at most {most} are possible); "
                    "nothing was downloaded",
                ).format(count=len(task.results), most=most),
            )
            return
        expected = evolink.expected_results(job.model, job.speed)
        withheld = max(0, expected - len(task.results)) if expected else 0
        self._progress[job.id] = 100
        self._live_urls[job.id] = list(task.results)
        await self._transition(
            job.id,
            JobState.DOWNLOADING,
            expect=POLLED,
            results=json.dumps(list(task.results)),
            completed_at=job.completed_at or self._wall(),
            withheld_images=withheld,
            progress=100,
        )
        self._start_download(job.id)

    # -- downloading -------------------------------------------------------------------------

    async def _download(self, job_id: int) -> None:
        """Downloads every image of a completed task until all are on disk. A refused link
        (403/404/410) of a task younger than the links' lifetime is a fault of the moment:
        the task is fetched again for fresh links and the image retried. Only when the links
        are older than their lifetime is an image given up as expired; a job whose images are
        not all on disk is never "stored"."""
        rounds = 0
        try:
            while self._running:
                rounds += 1
                job = await self._load(job_id)
                if job.state != JobState.DOWNLOADING:
                    return
                outcome = await self._download_round(job)
                if outcome is None:
                    return
                missing, total, failure, refused = outcome
                if refused:
                    await self._refresh_links(job)
                if rounds >= self.policy.max_download_rounds:
                    with contextlib.suppress(StaleStateError):
                        await self._transition(
                            job_id,
                            JobState.NEEDS_ATTENTION,
                            expect=(JobState.DOWNLOADING,),
                            error_code="download_failed",
                            error_message=translate(
                                "Engine",
                                "{missing} of {total} images are not downloaded yet: {reason}. "
                                "Retry the download later.",
                            ).format(missing=missing, total=total, reason=failure),
                        )
                    return
                await self._note(
                    job_id,
                    translate(
                        "Engine", "Retrying the download of {missing} of {total} images: {reason}"
                    ).format(missing=missing, total=total, reason=failure),
                )
                delay = self.policy.scaled(self.policy.download_retry) * min(2 ** (rounds - 1), 8)
                await asyncio.sleep(min(delay, self.policy.scaled(300.0)))
        finally:
            if self._downloaders.get(job_id) is asyncio.current_task():
                del self._downloaders[job_id]

    async def _refresh_links(self, job: JobRow) -> None:
        """Asks EvoLink for the task again: its links may have been renewed."""
        if not job.task_id:
            return
        try:
            task = await self.client.get_task(job.task_id)
        except ApiError as exc:
            log.info("refreshing the links of job %s failed: %s", job.id, exc.message)
            return
        if task.status != "completed" or not task.results:
            return
        if len(task.results) > evolink.max_results(job.model, job.speed):
            return
        self._live_urls[job.id] = list(task.results)
        await self._note(job.id, job.reason, results=json.dumps(list(task.results)))

    async def _download_round(self, job: JobRow) -> tuple[int, int, str, bool] | None:
        """Fetches every missing image. None when the job is settled; else (missing, total,
        the first failure, whether a link was refused) to retry."""
        urls = job.result_urls
        live = self._live_urls.get(job.id)
        if live is not None and len(live) == len(urls):
            urls = live
        stored = {img.idx for img in await self._commit(lambda s: s.images_of(job.id))}
        expired: set[int] = set()
        refused: list[str] = []
        failures: list[str] = []
        old_links = evolink.links_may_have_expired(job.completed_at, self._wall())

        async def one(index: int, url: str) -> None:
            async with self._download_slots:
                try:
                    await self._fetch_and_store(job, index, url)
                    stored.add(index)
                    self.last_contact = time.monotonic()
                except ResultExpiredError as exc:
                    self.last_contact = time.monotonic()  # an answer, if not the image
                    if old_links:
                        expired.add(index)
                    else:
                        refused.append(exc.message)
                except ApiError as exc:
                    if not isinstance(exc, ApiConnectionError):
                        self.last_contact = time.monotonic()
                    failures.append(exc.message)
                except OSError as exc:
                    if exc.errno == errno.ENOSPC:
                        failures.append(translate("Engine", "the disk is full; free some space"))
                    else:
                        failures.append(
                            translate("Engine", "the image could not be saved ({reason})").format(
                                reason=exc.strerror or str(exc)
                            )
                        )

        await asyncio.gather(*(one(i, u) for i, u in enumerate(urls) if i not in stored))
        missing = len(urls) - len(stored) - len(expired)
        if missing > 0:
            reason = (failures or refused or ["?"])[0]
            if refused and not failures:
                reason = translate(
                    "Engine", "EvoLink refused the result link for now ({reason})"
                ).format(reason=refused[0])
            return missing, len(urls), reason, bool(refused)
        withheld = job.withheld_images
        if expired:
            await self._transition(
                job.id,
                JobState.EXPIRED,
                expect=(JobState.DOWNLOADING,),
                expired_images=len(expired),
                error_code="expired",
                error_message=translate(
                    "TaskErrors",
                    "{expired} of {total} result links expired before the images could be "
                    "downloaded.",
                ).format(expired=len(expired), total=len(urls)),
            )
            return None
        await self._transition(
            job.id,
            JobState.STORED,
            expect=(JobState.DOWNLOADING,),
            expired_images=0,
            error_code="withheld" if withheld else None,
            error_message=(
                translate(
                    "Engine", "{withheld} of {asked} images withheld by EvoLink's moderation"
                ).format(withheld=withheld, asked=withheld + len(urls))
                if withheld
                else None
            ),
        )
        return None

    async def _fetch_and_store(self, job: JobRow, index: int, url: str) -> None:
        lib = self.library
        store: Store = lib.store
        loop = asyncio.get_running_loop()
        assert job.task_id is not None
        when = job.accepted_at or job.created_at
        task_id = job.task_id
        adopted = await loop.run_in_executor(None, _find_in_place, store, task_id, index, when)
        if adopted is not None:
            final, data = adopted
            sha, size = _digest(data), len(data)
        else:
            staging = store.staging_path(task_id, index)
            # a complete download a full disk or a kill kept from its place: no new request
            staged = await loop.run_in_executor(None, _find_staged, staging)
            if staged is not None:
                path, mime = staged
            else:
                got = await self.client.download(url, staging)
                path, mime = got.path, got.mime
                data = await loop.run_in_executor(None, path.read_bytes)
                if not is_complete(data):
                    await loop.run_in_executor(None, _unlink, path)
                    raise _incomplete()
            crashpoint("mid_download")
            final = store.image_path(task_id, index, EXTENSIONS[mime], when)
            meta = {
                "prompt": job.prompt_typed,
                "prompt_sent": job.prompt,
                "params": job.model_params or "",
                "speed": job.speed,
                "quality": job.quality,
                "task_id": job.task_id,
                "model": job.model,
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when)),
            }
            final, sha, size = await self._durably(
                lambda: loop.run_in_executor(None, store.store_file, path, final, meta)
            )
            crashpoint("between_rename_and_row")
            data = b""
        info = image_info(data) if data else None
        if info is None:
            head = await loop.run_in_executor(None, _head, final)
            info = image_info(head)
        image = await self._commit(
            lambda s: s.add_image(
                job.id,
                index,
                final,
                sha256=sha,
                size=size,
                width=info.width if info else None,
                height=info.height if info else None,
                mime=info.mime if info else "application/octet-stream",
                source_url=self.client.scrub(url),
            )
        )
        # a copy a kill left in the staging folder is not needed any more
        await loop.run_in_executor(None, _drop_staged, store.staging_path(task_id, index))
        self.events.publish(ImageStored(image, self._jobs.get(job.id, job)))


def _incomplete() -> ApiError:
    from ..api import InvalidImageError

    return InvalidImageError("The downloaded image is damaged or incomplete")


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _head(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(65536)


def _drop_staged(staging: Path) -> None:
    for ext in EXTENSIONS.values():
        _unlink(staging.with_name(f"{staging.name}.{ext}"))
    _unlink(staging)


def _find_staged(staging: Path) -> tuple[Path, str] | None:
    """A complete image downloaded into the staging folder and not yet stored, or None."""
    for mime, ext in EXTENSIONS.items():
        path = staging.with_name(f"{staging.name}.{ext}")
        for candidate in (path, staging):
            if candidate.is_file():
                data = candidate.read_bytes()
                info = image_info(data)
                if info is not None and info.mime == mime and is_complete(data):
                    return candidate, mime
    return None


def _find_in_place(
    store: Store, task_id: str, index: int, when: float
) -> tuple[Path, bytes] | None:
    """A complete file already renamed into place for this result (a crash came before its
    row was written), or None."""
    for ext in EXTENSIONS.values():
        path = store.image_path(task_id, index, ext, when)
        if path.exists():
            data = path.read_bytes()
            if is_complete(data):
                return path, data
    return None
