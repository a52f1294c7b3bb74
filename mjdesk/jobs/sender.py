"""Sending: one create request per job at a time, never resent when its outcome is unknown.

A job is "sending" exactly while one request is in flight (the client makes one attempt; the
waits between attempts are here, with the job back in "saved"). A 401 or 402 pauses all sending
until the user fixes the key or the credits.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..api import (
    ApiConnectionError,
    ApiError,
    AuthenticationError,
    GenerationRequest,
    InsufficientQuotaError,
    RateLimitError,
    ServiceUnavailableError,
    Task,
    UnconfirmedCreateError,
)
from ..core import evolink
from ..core.i18n import translate
from ..core.jobs import JobState
from ..faults import crashpoint
from ..library import StaleStateError
from ..library.store import JobRow
from .book import JobBook
from .events import EngineNotice
from .policy import PollPolicy

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient

__all__ = ["Sender"]

log = logging.getLogger("mjdesk.jobs")


class Sender:
    def __init__(
        self,
        book: JobBook,
        client: EvoLinkClient,
        *,
        policy: PollPolicy,
        concurrency: int,
        callback_url: str | None,
        on_accepted: Callable[[int, float | None], None],
    ) -> None:
        self.book = book
        self.client = client
        self.policy = policy
        self.callback_url = callback_url
        self.on_accepted = on_accepted
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._senders: dict[int, asyncio.Task[Any]] = {}
        # jobs asked to send while their loop was alive: that loop may already be on its way
        # out (it read the state before the change), so on leaving it hands over to a new one
        self._again: set[int] = set()
        self.holding = False  # the engine is stopping: no new create leaves (jobs stay saved)
        self.paused: str | None = None
        self._resumed_at = float("-inf")  # when the user last resumed sending (monotonic)
        self._unpaused = asyncio.Event()
        self._unpaused.set()

    def clear(self) -> None:
        self._senders.clear()
        self._again.clear()

    def resume_sending(self) -> None:
        """Clears a pause (after the key or the credits were fixed)."""
        self._resumed_at = time.monotonic()
        if self.paused:
            self.paused = None
            self._unpaused.set()
            self.book.events.publish(EngineNotice("resumed", "Sending again"))

    def start(self, job_id: int) -> None:
        """A send loop for the job, unless one is already alive (it will see the new state)."""
        live = self._senders.get(job_id)
        if live is not None and not live.done():
            self._again.add(job_id)
            return
        self._senders[job_id] = self.book.spawn(self._loop(job_id), f"send-{job_id}")

    async def _loop(self, job_id: int) -> None:
        attempt = 0
        try:
            while self.book.running:
                await self._unpaused.wait()
                async with self._slots:
                    if self.holding:
                        return  # stays saved: the next engine sends it
                    job = await self.book.load(job_id)
                    if job.state != JobState.SAVED or self.holding:
                        return
                    try:
                        job = await self.book.transition(
                            job_id,
                            JobState.SENDING,
                            expect=(JobState.SAVED,),
                            sent_at=self.book.wall(),
                            send_attempts=job.send_attempts + 1,
                        )
                    except StaleStateError:
                        return  # dismissed, or taken by another engine
                    outcome = await self._create(job, time.monotonic())
                if outcome is None:
                    return
                attempt += 1
                await asyncio.sleep(outcome)
        finally:
            if self._senders.get(job_id) is asyncio.current_task():
                del self._senders[job_id]
                if job_id in self._again and self.book.running:
                    # a resume came while this loop was deciding to leave: a fresh loop reads
                    # the state again (the row's compare-and-set still allows one send only)
                    self._again.discard(job_id)
                    self.start(job_id)

    def _send_delay(self, attempt: int, hint: float | None) -> float:
        if hint is not None and hint >= 0:
            return min(float(hint), self.policy.scaled(120.0))
        base = min(0.5 * 2.0**attempt, self.policy.send_retry) * (1.5 ** max(0, attempt - 6))
        return self.policy.scaled(min(base, 600.0))

    async def _create(self, job: JobRow, started: float) -> float | None:
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
                self.book.contact()
            return await self._create_failed(job, exc, started)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("unexpected error while sending job %s", job.id)
            await self.book.transition(
                job.id,
                JobState.UNCONFIRMED,
                expect=(JobState.SENDING,),
                error_code="unconfirmed",
                error_message=translate(
                    "Engine", "An unexpected error happened while sending ({kind})"
                ).format(kind=type(exc).__name__),
            )
            return None
        self.book.contact()
        crashpoint("after_post")
        await self._accept(job.id, task)
        return None

    async def _create_failed(self, job: JobRow, exc: ApiError, started: float) -> float | None:
        sending = (JobState.SENDING,)
        if isinstance(exc, UnconfirmedCreateError):
            await self.book.transition(
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
            await self.book.transition(
                job.id,
                JobState.SAVED,
                expect=sending,
                error_code=str(exc.status),
                error_message=reason,
            )
            if started >= self._resumed_at:
                self.pause(reason)
            # else: sent before the user's "resume sending" (before the top-up or the new
            # key): old news, not a reason to stop again; the job is simply sent again
            return self.policy.scaled(1.0)
        if isinstance(exc, RateLimitError | ServiceUnavailableError | ApiConnectionError):
            # Certainly not created (nothing reached EvoLink, or it refused for load): wait.
            delay = self._send_delay(job.send_attempts - 1, getattr(exc, "retry_after", None))
            await self.book.transition(
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
        await self.book.transition(
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

    def pause(self, reason: str) -> None:
        if self.paused is None:
            self.paused = reason
            self._unpaused.clear()
            self.book.events.publish(EngineNotice("paused", reason))

    async def _accept(self, job_id: int, task: Task) -> None:
        await self.book.transition(
            job_id,
            JobState.ACCEPTED,
            expect=(JobState.SENDING,),
            task_id=task.id,
            accepted_at=self.book.wall(),
            credits_reserved=task.credits_reserved,
            estimated_time=task.estimated_time,
            progress=0,
            error_code=None,
            error_message=None,
        )
        self.on_accepted(job_id, task.estimated_time)
