"""Polling: one loop checks every task, at most a few at a time, at the contract's cadence.

A task's first check comes after half its estimated time; later checks grow apart; a 429 slows
every task; a 404 on a young task means "not visible yet". A completed task hands its result
links to the downloader.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import json
import logging
import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..api import (
    ApiConnectionError,
    ApiError,
    AuthenticationError,
    NotFoundError,
    RateLimitError,
    Task,
)
from ..core import evolink
from ..core.i18n import translate
from ..core.jobs import POLLED, JobState
from ..core.messages import task_error_text
from ..library import StaleStateError
from ..library.store import JobRow
from .book import JobBook
from .events import JobProgress
from .policy import PollPolicy

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient

__all__ = ["Poller"]

log = logging.getLogger("mjdesk.jobs")


class Poller:
    def __init__(
        self,
        book: JobBook,
        client: EvoLinkClient,
        *,
        policy: PollPolicy,
        rng: random.Random,
        concurrency: int,
        pause: Callable[[str], None],
        on_completed: Callable[[int, list[str]], None],
    ) -> None:
        self.book = book
        self.client = client
        self.policy = policy
        self._rng = rng
        self._pause = pause
        self.on_completed = on_completed
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._polls: dict[int, int] = {}
        self._not_found: dict[int, int] = {}
        self._due: list[tuple[float, int]] = []
        self._scheduled: dict[int, float] = {}
        self._in_flight: set[int] = set()
        self._wake = asyncio.Event()
        self._slow_until = 0.0

    def accepted(self, job_id: int, estimated_time: float | None) -> None:
        """A new task: its first check after half its estimated time."""
        self._polls[job_id] = 0
        self.schedule(job_id, self.policy.first_delay(estimated_time))

    def restart(self, job_id: int) -> None:
        """Checks a task again from the start of its cadence (a resumed job)."""
        self._polls[job_id] = 0
        self._not_found.pop(job_id, None)
        self.schedule(job_id, 0.0)

    def actively_polled(self, job: JobRow) -> bool:
        if job.accepted_at is None:
            return False
        return self.book.wall() - job.accepted_at < self.policy.scaled(self.policy.active_window)

    def schedule(self, job_id: int, delay: float) -> None:
        when = time.monotonic() + max(0.0, delay)
        self._scheduled[job_id] = when
        heapq.heappush(self._due, (when, job_id))
        self._wake.set()

    def unschedule(self, job_id: int) -> None:
        self._scheduled.pop(job_id, None)

    async def run(self) -> None:
        """One loop for every task: at most ``poll_concurrency`` checks in flight."""
        while self.book.running:
            now = time.monotonic()
            while self._due and self._due[0][0] <= now and now >= self._slow_until:
                when, job_id = heapq.heappop(self._due)
                if self._scheduled.get(job_id) != when or job_id in self._in_flight:
                    continue
                del self._scheduled[job_id]
                self._in_flight.add(job_id)
                await self._slots.acquire()
                self.book.spawn(self._poll(job_id), f"poll-{job_id}")
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
            self._slots.release()

    async def _poll_once(self, job_id: int) -> None:
        job = self.book.jobs.get(job_id)
        if job is None or job.state not in POLLED or not job.task_id:
            return
        polls = self._polls.get(job_id, 0) + 1
        self._polls[job_id] = polls
        age = self.book.wall() - (job.accepted_at or self.book.wall())
        try:
            task = await self.client.get_task(job.task_id)
        except ApiConnectionError as exc:
            log.info("poll of job %s failed (%s); trying later", job_id, exc.message)
            self._reschedule(job_id, polls, age)
            return
        except NotFoundError:
            self.book.contact()
            misses = self._not_found.get(job_id, 0) + 1
            self._not_found[job_id] = misses
            young = age < self.policy.scaled(self.policy.not_visible_grace)
            if young or misses < 3:  # not visible yet, or one stray 404
                self._reschedule(job_id, polls, age)
            else:
                await self.book.transition(
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
        self.book.contact()
        self._not_found.pop(job_id, None)
        await self._apply_task(job, task, polls, age)

    def _reschedule(self, job_id: int, polls: int, age: float) -> None:
        delay = self.policy.next_delay(polls, age, self._rng)
        if delay is None:
            self.book.spawn(
                self._give_up(job_id),
                f"attention-{job_id}",
            )
            return
        self.schedule(job_id, delay)

    async def _give_up(self, job_id: int) -> None:
        with contextlib.suppress(StaleStateError):
            await self.book.transition(
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
            old = self.book.progress.get(job.id, job.progress)
            if progress > old:
                self.book.progress[job.id] = progress
                self.book.events.publish(JobProgress(job.id, progress))
        if task.status == "completed":
            await self._completed(job, task)
            return
        if task.status == "failed":
            code = task.error.code if task.error else "unknown_error"
            await self.book.transition(
                job.id,
                JobState.TIMED_OUT if code == "generation_timeout" else JobState.FAILED,
                expect=POLLED,
                error_code=code,
                error_message=task_error_text(code, task.error.message if task.error else None),
            )
            return
        if task.status in ("pending", "processing"):
            if task.status == "processing" and job.state == JobState.ACCEPTED:
                await self.book.transition(job.id, JobState.RUNNING, expect=(JobState.ACCEPTED,))
        else:
            log.warning("task %s has an unknown status %r; still polling", task.id, task.status)
        self._reschedule(job.id, polls, age)

    async def _completed(self, job: JobRow, task: Task) -> None:
        if not task.results:
            await self.book.transition(
                job.id,
                JobState.FAILED,
                expect=POLLED,
                error_code="generation_failed_no_content",
                error_message=task_error_text("generation_failed_no_content"),
            )
            return
        most = evolink.max_results(job.model, job.speed)
        if len(task.results) > most:
            await self.book.transition(
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
        self.book.progress[job.id] = 100
        await self.book.transition(
            job.id,
            JobState.DOWNLOADING,
            expect=POLLED,
            results=json.dumps(list(task.results)),
            completed_at=job.completed_at or self.book.wall(),
            withheld_images=withheld,
            progress=100,
        )
        self.on_completed(job.id, list(task.results))
