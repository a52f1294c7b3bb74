"""Downloading: every image of a completed task, at once (links expire), until all are on disk.

A refused link (403/404/410) of a task younger than the links' lifetime is a fault of the moment:
the task is fetched again for fresh links and the image retried. Only links older than their
lifetime are given up as expired. Files are renamed into place before their row; a file found in
place without a row, or complete in the staging folder, is taken without a new request.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..api import ApiConnectionError, ApiError, InvalidImageError, ResultExpiredError
from ..api.sniff import EXTENSIONS, image_info, is_complete
from ..core import evolink
from ..core.i18n import translate
from ..core.jobs import JobState
from ..faults import crashpoint
from ..library import StaleStateError, Store
from ..library.store import JobRow
from .book import JobBook
from .events import ImageStored
from .policy import PollPolicy

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient

__all__ = ["Downloader"]

log = logging.getLogger("mjdesk.jobs")


class Downloader:
    def __init__(
        self, book: JobBook, client: EvoLinkClient, *, policy: PollPolicy, concurrency: int
    ) -> None:
        self.book = book
        self.client = client
        self.policy = policy
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._downloaders: dict[int, asyncio.Task[Any]] = {}
        # result links as EvoLink sent them; the library keeps them with any key masked
        self._live_urls: dict[int, list[str]] = {}

    def clear(self) -> None:
        self._downloaders.clear()

    def completed(self, job_id: int, urls: list[str]) -> None:
        """A task completed with these links: download them."""
        self._live_urls[job_id] = urls
        self.start(job_id)

    def start(self, job_id: int) -> None:
        live = self._downloaders.get(job_id)
        if live is not None and not live.done():
            return
        self._downloaders[job_id] = self.book.spawn(self._download(job_id), f"download-{job_id}")

    async def _download(self, job_id: int) -> None:
        """Downloads every image of a completed task until all are on disk. A refused link
        (403/404/410) of a task younger than the links' lifetime is a fault of the moment:
        the task is fetched again for fresh links and the image retried. Only when the links
        are older than their lifetime is an image given up as expired; a job whose images are
        not all on disk is never "stored"."""
        rounds = 0
        try:
            while self.book.running:
                rounds += 1
                job = await self.book.load(job_id)
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
                        await self.book.transition(
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
                await self.book.note(
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
        await self.book.note(job.id, job.reason, results=json.dumps(list(task.results)))

    async def _download_round(self, job: JobRow) -> tuple[int, int, str, bool] | None:
        """Fetches every missing image. None when the job is settled; else (missing, total,
        the first failure, whether a link was refused) to retry."""
        urls = job.result_urls
        live = self._live_urls.get(job.id)
        if live is not None and len(live) == len(urls):
            urls = live
        stored = {img.idx for img in await self.book.commit(lambda s: s.images_of(job.id))}
        expired: set[int] = set()
        refused: list[str] = []
        failures: list[str] = []
        old_links = evolink.links_may_have_expired(job.completed_at, self.book.wall())

        async def one(index: int, url: str) -> None:
            async with self._slots:
                try:
                    await self._fetch_and_store(job, index, url)
                    stored.add(index)
                    self.book.contact()
                except ResultExpiredError as exc:
                    self.book.contact()  # an answer, if not the image
                    if old_links:
                        expired.add(index)
                    else:
                        refused.append(exc.message)
                except ApiError as exc:
                    if not isinstance(exc, ApiConnectionError):
                        self.book.contact()
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
        # A kill between an image's row and the clean-up after it can leave a staged copy
        # behind; once the job settles nothing would come back for it.
        loop = asyncio.get_running_loop()
        staging = [
            self.book.library.store.staging_path(job.task_id or "", i) for i in range(len(urls))
        ]
        await loop.run_in_executor(None, _drop_all_staged, staging)
        if expired:
            await self.book.transition(
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
        await self.book.transition(
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
        store: Store = self.book.library.store
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
            final, sha, size = await self.book.durably(
                lambda: loop.run_in_executor(None, store.store_file, path, final, meta)
            )
            crashpoint("between_rename_and_row")
            data = b""
        info = image_info(data) if data else None
        if info is None:
            head = await loop.run_in_executor(None, _head, final)
            info = image_info(head)
        image = await self.book.commit(
            lambda s: s.add_image(
                job.id,
                index,
                final,
                sha256=sha,
                size=size,
                width=info.width if info else None,
                height=info.height if info else None,
                mime=info.mime if info else "application/octet-stream",
                source_url=self.book.scrub(url),
            )
        )
        crashpoint("after_row")
        # a copy a kill left in the staging folder is not needed any more
        await loop.run_in_executor(None, _drop_staged, store.staging_path(task_id, index))
        self.book.events.publish(ImageStored(image, self.book.jobs.get(job.id, job)))


def _incomplete() -> ApiError:
    return InvalidImageError("The downloaded image is damaged or incomplete")


def _digest(data: bytes) -> str:
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


def _drop_all_staged(paths: list[Path]) -> None:
    for path in paths:
        _drop_staged(path)


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
