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
from collections.abc import Callable, Coroutine, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from ..core.i18n import translate
from ..core.messages import task_error_text
from ..core.prompt import PromptAnalysis
from ..faults import crashpoint
from ..library import Library, NewJob, Store
from ..library.store import (
    ACCEPTED,
    DISMISSED,
    DOWNLOADING,
    EXPIRED,
    FAILED,
    NEEDS_ATTENTION,
    RUNNING,
    SAVED,
    SENDING,
    STORED,
    TIMED_OUT,
    UNCONFIRMED,
    JobRow,
)
from .events import EngineNotice, Event, EventBus, ImageStored, JobAdded, JobChanged, JobProgress
from .policy import PollPolicy

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient

__all__ = ["Engine"]

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
        self._send_slots = asyncio.Semaphore(send_concurrency)
        self._poll_slots = asyncio.Semaphore(poll_concurrency)
        self._download_slots = asyncio.Semaphore(download_concurrency)
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
        self._busy: set[int] = set()  # jobs with a send or download under way
        self._running = False
        self._idle = asyncio.Event()

    # -- lifecycle ---------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]:
        return self.events.subscribe(listener)

    async def start(self) -> None:
        """Resumes every unfinished job, then starts the poller."""
        self._running = True
        jobs = await self.library.run(
            lambda s: s.jobs((SAVED, SENDING, ACCEPTED, RUNNING, DOWNLOADING))
        )
        for job in jobs:
            self._jobs[job.id] = job
            if job.state == SAVED:
                self._spawn(self._send(job.id), f"send-{job.id}")
            elif job.state == SENDING:
                await self._transition(
                    job.id,
                    UNCONFIRMED,
                    error_code="unconfirmed",
                    error_message=translate(
                        "Engine",
                        "mjdesk stopped while this prompt was being sent, so it may have been "
                        "created and charged. Resend it only if it never appears.",
                    ),
                )
            elif job.state in (ACCEPTED, RUNNING):
                self._schedule(job.id, 0.0)
            elif job.state == DOWNLOADING:
                self._spawn(self._download(job.id), f"download-{job.id}")
        self._spawn(self._poller(), "poller")

    async def stop(self) -> None:
        """Cancels everything in flight; committed state is the resume point."""
        self._running = False
        tasks = list(self._owned)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task
        self._owned.clear()

    def _spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        task = asyncio.get_running_loop().create_task(coro, name=f"mjdesk-{name}")
        self._owned.add(task)
        self._idle.clear()

        def done(t: asyncio.Task[Any]) -> None:
            self._owned.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("engine task %s failed", name, exc_info=t.exception())
            self._check_idle()

        task.add_done_callback(done)

    def _check_idle(self) -> None:
        if not self.active_job_ids():
            self._idle.set()

    # -- queries -----------------------------------------------------------------------------

    @property
    def paused(self) -> str | None:
        return self._paused

    def job(self, job_id: int) -> JobRow | None:
        return self._jobs.get(job_id)

    def active_job_ids(self) -> list[int]:
        """Jobs the engine is still working on right now (sending, polling, downloading)."""
        return [
            j.id
            for j in self._jobs.values()
            if j.state in (SAVED, SENDING, ACCEPTED, RUNNING, DOWNLOADING)
        ]

    def actively_polled(self, job_id: int) -> bool:
        job = self._jobs.get(job_id)
        if job is None or job.accepted_at is None:
            return False
        age = self._wall() - job.accepted_at
        return age < self.policy.scaled(self.policy.active_window)

    async def wait_idle(self, limit: float | None = None) -> bool:
        """Waits until no job is saved, sending, polled actively or downloading."""

        def settled() -> bool:
            for j in self._jobs.values():
                if j.state in (SAVED, SENDING, DOWNLOADING):
                    if j.state == SAVED and self._paused:
                        continue
                    return False
                if j.state in (ACCEPTED, RUNNING) and self.actively_polled(j.id):
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
            self._spawn(self._send(row.id), f"send-{row.id}")
        return rows

    async def resend(self, job_id: int) -> JobRow:
        """Sends an unconfirmed job again (the user accepted the risk of a double charge)."""
        job = await self._load(job_id)
        if job.state != UNCONFIRMED:
            raise ValueError("only an unconfirmed job can be resent")
        row = await self._transition(job_id, SAVED, error_code=None, error_message=None)
        self._spawn(self._send(job_id), f"send-{job_id}")
        return row

    async def retry(self, job_id: int) -> JobRow:
        """A new job with the same prompt and modes (for failed, timed-out or expired ones)."""
        job = await self._load(job_id)
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
        if job.state not in (SAVED, ACCEPTED, RUNNING, NEEDS_ATTENTION, UNCONFIRMED):
            raise ValueError(f"a job that is {job.state} cannot be dismissed")
        self._unschedule(job_id)
        return await self._transition(job_id, DISMISSED)

    async def resume(self, job_id: int) -> JobRow:
        job = await self._load(job_id)
        if job.state not in (DISMISSED, NEEDS_ATTENTION):
            raise ValueError(f"a job that is {job.state} cannot be resumed")
        if job.task_id:
            row = await self._transition(
                job_id, RUNNING, accepted_at=self._wall(), error_message=None
            )
            self._polls[job_id] = 0
            self._schedule(job_id, 0.0)
        else:
            row = await self._transition(job_id, SAVED, error_message=None)
            self._spawn(self._send(job_id), f"send-{job_id}")
        return row

    def resume_sending(self) -> None:
        """Clears a pause (after the key or the credits were fixed)."""
        if self._paused:
            self._paused = None
            self._unpaused.set()
            self.events.publish(EngineNotice("resumed", "Sending again"))

    # -- state -------------------------------------------------------------------------------

    async def _load(self, job_id: int) -> JobRow:
        job = await self.library.run(lambda s: s.job(job_id))
        self._jobs[job_id] = job
        return job

    async def _transition(self, job_id: int, state: str | None = None, **changes: Any) -> JobRow:
        previous = self._jobs.get(job_id)
        if state is not None:
            changes["state"] = state
            if state in (STORED, FAILED, TIMED_OUT, EXPIRED, UNCONFIRMED, DISMISSED):
                changes.setdefault("finished_at", self._wall())
        if job_id in self._progress and "progress" not in changes:
            changes["progress"] = self._progress[job_id]
        row = await self.library.run(lambda s: s.update_job(job_id, **changes))
        self._jobs[job_id] = row
        self.events.publish(JobChanged(row, previous.state if previous else row.state))
        self._check_idle()
        return row

    # -- sending -----------------------------------------------------------------------------

    async def _send(self, job_id: int) -> None:
        attempt = 0
        while self._running:
            await self._unpaused.wait()
            async with self._send_slots:
                job = self._jobs.get(job_id) or await self._load(job_id)
                if job.state != SAVED:
                    return
                job = await self._transition(
                    job_id, SENDING, sent_at=self._wall(), send_attempts=job.send_attempts + 1
                )
                outcome = await self._create(job)
            if outcome is None:
                return
            attempt += 1
            await asyncio.sleep(
                min(outcome * (1.5 ** min(attempt - 1, 6)), self.policy.scaled(600))
            )

    async def _create(self, job: JobRow) -> float | None:
        """One create. Returns a delay when the job must be sent again later (nothing was
        created), None when it is settled."""
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
            callback_url=self.callback_url if job.model == "mj-v8.1" else None,
        )
        try:
            task = await self.client.create_generation(request)
        except UnconfirmedCreateError as exc:
            await self._transition(
                job.id,
                UNCONFIRMED,
                error_code="unconfirmed",
                error_message=translate(
                    "Engine",
                    "{reason}. It is not resent automatically; resend it only if it never "
                    "appears (you may be charged twice).",
                ).format(reason=exc.message),
            )
            return None
        except (AuthenticationError, InsufficientQuotaError) as exc:
            reason = (
                translate(
                    "Engine", "The API key was refused: check it in Settings. Waiting to send."
                )
                if isinstance(exc, AuthenticationError)
                else translate(
                    "Engine", "Not enough EvoLink credits: top up, then resume. Waiting to send."
                )
            )
            await self._transition(job.id, SAVED, error_code=str(exc.status), error_message=reason)
            self._pause(reason)
            return self.policy.scaled(1.0)
        except (RateLimitError, ServiceUnavailableError, ApiConnectionError) as exc:
            # Certainly not created (the client resends creates only in those cases): wait.
            delay = getattr(exc, "retry_after", None) or self.policy.scaled(self.policy.send_retry)
            await self._transition(
                job.id,
                SAVED,
                error_code=type(exc).__name__,
                error_message=translate("Engine", "Waiting to send: {reason}").format(
                    reason=exc.message
                ),
            )
            return float(delay)
        except ApiError as exc:
            await self._transition(
                job.id,
                FAILED,
                error_code=str(exc.code or exc.status or "refused"),
                error_message=translate("Engine", "EvoLink refused the prompt: {reason}").format(
                    reason=exc.message
                ),
            )
            return None
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("unexpected error while sending job %s", job.id)
            await self._transition(
                job.id,
                UNCONFIRMED,
                error_code="unconfirmed",
                error_message=translate(
                    "Engine", "An unexpected error happened while sending ({kind})"
                ).format(kind=type(exc).__name__),
            )
            return None
        crashpoint("after_post")
        await self._accept(job.id, task)
        return None

    def _pause(self, reason: str) -> None:
        if self._paused is None:
            self._paused = reason
            self._unpaused.clear()
            self.events.publish(EngineNotice("paused", reason))

    async def _accept(self, job_id: int, task: Task) -> None:
        await self._transition(
            job_id,
            ACCEPTED,
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
        finally:
            self._in_flight.discard(job_id)
            self._poll_slots.release()

    async def _poll_once(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.state not in (ACCEPTED, RUNNING) or not job.task_id:
            return
        polls = self._polls.get(job_id, 0) + 1
        self._polls[job_id] = polls
        age = self._wall() - (job.accepted_at or self._wall())
        try:
            task = await self.client.get_task(job.task_id)
        except NotFoundError:
            misses = self._not_found.get(job_id, 0) + 1
            self._not_found[job_id] = misses
            young = age < self.policy.scaled(self.policy.not_visible_grace)
            if young or misses < 3:  # not visible yet, or one stray 404
                self._reschedule(job_id, polls, age)
            else:
                await self._transition(
                    job_id,
                    NEEDS_ATTENTION,
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
        self._not_found.pop(job_id, None)
        await self._apply_task(job, task, polls, age)

    def _reschedule(self, job_id: int, polls: int, age: float) -> None:
        delay = self.policy.next_delay(polls, age, self._rng)
        if delay is None:
            self._spawn(
                self._transition(
                    job_id,
                    NEEDS_ATTENTION,
                    error_code="no_answer",
                    error_message=translate(
                        "TaskErrors", "No final answer from EvoLink after 24 hours."
                    ),
                ),
                f"attention-{job_id}",
            )
            return
        self._schedule(job_id, delay)

    async def _apply_task(self, job: JobRow, task: Task, polls: int, age: float) -> None:
        progress = task.progress
        if progress is not None:
            old = self._progress.get(job.id, job.progress)
            if progress > old:
                self._progress[job.id] = progress
                self.events.publish(JobProgress(job.id, progress))
        if task.status == "completed":
            if not task.results:
                await self._transition(
                    job.id,
                    FAILED,
                    error_code="generation_failed_no_content",
                    error_message=task_error_text("generation_failed_no_content"),
                )
                return
            self._progress[job.id] = 100
            await self._transition(
                job.id,
                DOWNLOADING,
                results=json.dumps(list(task.results)),
                completed_at=self._wall(),
                progress=100,
            )
            self._spawn(self._download(job.id), f"download-{job.id}")
            return
        if task.status == "failed":
            code = task.error.code if task.error else "unknown_error"
            await self._transition(
                job.id,
                TIMED_OUT if code == "generation_timeout" else FAILED,
                error_code=code,
                error_message=task_error_text(code, task.error.message if task.error else None),
            )
            return
        if task.status in ("pending", "processing"):
            if task.status == "processing" and job.state == ACCEPTED:
                await self._transition(job.id, RUNNING)
        else:
            log.warning("task %s has an unknown status %r; still polling", task.id, task.status)
        self._reschedule(job.id, polls, age)

    # -- downloading -------------------------------------------------------------------------

    async def _download(self, job_id: int) -> None:
        rounds = 0
        while self._running:
            rounds += 1
            job = await self._load(job_id)
            if job.state != DOWNLOADING:
                return
            failure = await self._download_round(job)
            if failure is None:
                return
            if rounds >= self.policy.max_download_rounds:
                await self._transition(
                    job_id,
                    NEEDS_ATTENTION,
                    error_code="download_failed",
                    error_message=translate(
                        "Engine", "The images could not be downloaded: {reason}"
                    ).format(reason=failure),
                )
                return
            await self._transition(
                job_id,
                error_message=translate("Engine", "Retrying the download: {reason}").format(
                    reason=failure
                ),
            )
            await asyncio.sleep(self.policy.scaled(self.policy.download_retry) * min(rounds, 6))

    async def _download_round(self, job: JobRow) -> str | None:
        """Fetches every missing image; returns a failure to retry, or None when settled."""
        urls = job.result_urls
        stored = {img.idx for img in await self.library.run(lambda s: s.images_of(job.id))}
        expired: set[int] = set()
        failures: list[str] = []

        async def one(index: int, url: str) -> None:
            async with self._download_slots:
                try:
                    await self._fetch_and_store(job, index, url)
                    stored.add(index)
                except ResultExpiredError:
                    expired.add(index)
                except ApiError as exc:
                    failures.append(exc.message)
                except OSError as exc:
                    if exc.errno == errno.ENOSPC:
                        failures.append("the disk is full; free some space")
                    else:
                        failures.append(f"the image could not be saved ({exc.strerror or exc})")

        await asyncio.gather(*(one(i, u) for i, u in enumerate(urls) if i not in stored))
        if failures:
            return failures[0]
        if stored:
            await self._transition(
                job.id,
                STORED,
                expired_images=len(expired),
                error_message=(
                    translate("Engine", "{expired} of {total} images had expired links").format(
                        expired=len(expired), total=len(urls)
                    )
                    if expired
                    else None
                ),
            )
        else:
            await self._transition(
                job.id,
                EXPIRED,
                expired_images=len(expired),
                error_code="expired",
                error_message=translate(
                    "TaskErrors", "The result links expired before the images could be downloaded."
                ),
            )
        return None

    async def _fetch_and_store(self, job: JobRow, index: int, url: str) -> None:
        lib = self.library
        store: Store = lib.store
        loop = asyncio.get_running_loop()
        assert job.task_id is not None
        when = job.accepted_at or job.created_at
        adopted = await loop.run_in_executor(None, _find_in_place, store, job.task_id, index, when)
        if adopted is not None:
            final, data = adopted
            sha, size = _digest(data), len(data)
        else:
            staging = store.staging_path(job.task_id, index)
            got = await self.client.download(url, staging)
            data = await loop.run_in_executor(None, got.path.read_bytes)
            if not is_complete(data):
                await loop.run_in_executor(None, _unlink, got.path)
                raise _incomplete()
            crashpoint("mid_download")
            final = store.image_path(job.task_id, index, EXTENSIONS[got.mime], when)
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
            final, sha, size = await loop.run_in_executor(
                None, store.store_file, got.path, final, meta
            )
            crashpoint("between_rename_and_row")
            data = b""
        info = image_info(data) if data else None
        if info is None:
            head = await loop.run_in_executor(None, _head, final)
            info = image_info(head)
        image = await lib.run(
            lambda s: s.add_image(
                job.id,
                index,
                final,
                sha256=sha,
                size=size,
                width=info.width if info else None,
                height=info.height if info else None,
                mime=info.mime if info else "application/octet-stream",
                source_url=url,
            )
        )
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
