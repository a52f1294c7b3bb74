"""The window's one door to the engine, the library, the client and the key stores.

Widgets call plain methods (intents) and listen to signals; every coroutine started here is
owned (kept, logged on failure, cancelled on shutdown). Nothing here blocks the GUI thread:
network calls are async, database work runs on the library's thread, hashing and file reads in
the default executor, keyring calls on their own thread with a time limit.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtGui import QImage

from ..api import ApiError, AuthenticationError, InvalidImageError
from ..api.redact import Redactor
from ..api.sniff import image_info, is_complete
from ..core.evolink import RESULT_LINK_REUSE
from ..core.prompt import PromptAnalysis
from ..jobs import (
    EngineNotice,
    Event,
    ImageStored,
    JobAdded,
    JobChanged,
    JobProgress,
    PollPolicy,
)
from ..library import GalleryItem, ImageQuery, JobRow, Library, LibraryError, NewJob
from ..library.store import TERMINAL_STATES
from ..secrets import (
    EnvSecretStore,
    KeyringSecretStore,
    KeyringUnavailable,
    MemorySecretStore,
    SecretStore,
    find_api_key,
)
from ..settings import Settings, save
from .words import said, say

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient
    from ..jobs.engine import Engine

log = logging.getLogger("mjdesk.services")


class StudioService(QObject):
    job_added = Signal(object)  # JobRow
    job_changed = Signal(object)  # JobRow
    job_progress = Signal(int, int)  # job id, progress
    image_stored = Signal(object, object)  # ImageRow, JobRow
    jobs_loaded = Signal(list)  # [JobRow]
    images_loaded = Signal(list)  # [(ImageRow, JobRow)]
    notice = Signal(str, str)  # kind, message
    credits_changed = Signal(object)  # float | None
    connection_changed = Signal(str, str)  # state ("online", "offline", "no-key", ...), detail
    ready_changed = Signal(bool)
    upload_finished = Signal(str, str, str)  # ticket, file URL ("" on failure), error
    key_test_finished = Signal(bool, str)
    key_saved = Signal(bool, str)
    batch_finished = Signal(int, int)  # jobs stored, jobs in the batch
    gallery_changed = Signal()  # ratings, favourites or the trash changed

    def __init__(
        self,
        library: Library | None,
        settings: Settings,
        *,
        keyring: SecretStore | None = None,
        session: MemorySecretStore | None = None,
        demo: bool = False,
        time_scale: float = 1.0,
        environment: SecretStore | None = None,
        redactor: Redactor | None = None,
    ) -> None:
        super().__init__()
        self.redactor = redactor or Redactor()
        self.time_scale = time_scale
        self.environment = environment or EnvSecretStore()
        self._library = library
        self.settings = settings
        self.demo = demo
        self.keyring = keyring or KeyringSecretStore()
        self.session = session or MemorySecretStore()
        self.client: EvoLinkClient | None = None  # built in connect_with_key
        self.engine: Engine | None = None
        self._owned: set[asyncio.Task[Any]] = set()
        self._unsubscribe: Any = None
        self._batch: set[int] = set()
        self._closing = False
        # Exactly one engine at a time: connects (start-up, a Settings save, a new key) run
        # one after the other, each stopping the previous engine before building its own.
        self._connect_lock = asyncio.Lock()
        self.key_source: str | None = None  # "keyring" or "session" once a key was saved here
        self._connects = 0
        # Until start-up has found no key, or a connection attempt has ended, a prompt sent
        # is recorded at once and sent when the engine is ready (not refused).
        self._expecting = True
        self._settled = asyncio.Event()
        self._library_ready = asyncio.Event()
        if library is not None:
            self._library_ready.set()

    @property
    def library(self) -> Library:
        if self._library is None:
            raise RuntimeError("the library is not open yet")
        return self._library

    @property
    def has_library(self) -> bool:
        return self._library is not None

    def attach_library(self, library: Library) -> None:
        """The library, once open (the window shows before it is)."""
        self._library = library
        self._library_ready.set()

    @property
    def accepts_prompts(self) -> bool:
        """Whether a prompt sent now is taken: the engine runs, or one is being started."""
        return self.engine is not None or self._expecting

    def no_key(self) -> None:
        """Start-up found no key: prompts sent meanwhile stay saved until one is added."""
        self._expecting = False
        self._settled.set()

    # -- ownership ---------------------------------------------------------------------------

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str = "service") -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._owned.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self._owned.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("%s failed", name, exc_info=t.exception())
                self.notice.emit(
                    "error", self.tr("Something went wrong ({task}); see the log").format(task=name)
                )

        task.add_done_callback(done)
        return task

    @property
    def ready(self) -> bool:
        return self.engine is not None

    # -- connecting --------------------------------------------------------------------------

    async def connect_with_key(self, key: str) -> None:
        """Builds the client and the engine for ``key`` and resumes unfinished jobs. Calls
        overlap safely: each waits for the one before, which it then replaces."""
        self._expecting = True
        self._settled.clear()
        self._connects += 1
        try:
            async with self._connect_lock:
                await self._connect(key)
        finally:
            self._connects -= 1
            if not self._connects:
                self._expecting = False
                self._settled.set()
                if self.engine is None:
                    self.ready_changed.emit(False)

    async def _connect(self, key: str) -> None:
        from ..api.client import EvoLinkClient, Limits  # httpx: only once there is a key
        from ..jobs.engine import Engine

        await self.drop_connection()
        await self._library_ready.wait()
        self.redactor.add(key)  # the log never shows it, whatever a record contains
        self.connection_changed.emit("connecting", self.tr("Connecting…"))
        try:
            client = EvoLinkClient(
                key,
                base_url=self.settings.api_base,
                files_url=self.settings.files_base,
                limits=Limits(max_upload_bytes=self.settings.max_upload_mb * 1024 * 1024),
            )
        except (ApiError, ValueError) as exc:
            self.connection_changed.emit("no-key", said(exc))
            return
        await client.__aenter__()
        self.client = client
        engine = Engine(
            client,
            self.library,
            send_concurrency=self.settings.send_concurrency,
            download_concurrency=self.settings.download_concurrency,
            policy=PollPolicy(scale=1.0 / self.time_scale),
            callback_url=self.settings.callback_url or None,
        )
        self._unsubscribe = engine.subscribe(self._on_engine_event)
        await engine.start()
        self.engine = engine
        self.ready_changed.emit(True)
        self.connection_changed.emit("online", self.tr("Connected"))
        self.spawn(self.refresh_credits(), "credits")

    async def drop_connection(self) -> None:
        if self.engine is not None:
            await self.engine.stop()
            if self._unsubscribe:
                self._unsubscribe()
            self.engine = None
            self.ready_changed.emit(False)
        if self.client is not None:
            await self.client.aclose()
            self.client = None

    async def close(self) -> None:
        self._closing = True
        for task in list(self._owned):
            task.cancel()
        for task in list(self._owned):
            try:
                await task
            except BaseException:  # cancelled or failed: either way it is over
                log.debug("task ended while closing", exc_info=True)
        await self.drop_connection()

    async def refresh_credits(self) -> None:
        if self.client is None:
            return
        try:
            credits = await self.client.get_credits()
        except AuthenticationError as exc:
            self.connection_changed.emit("offline", said(exc))
            return
        except ApiError as exc:
            self.connection_changed.emit("offline", said(exc))
            return
        self.connection_changed.emit("online", self.tr("Connected"))
        self.credits_changed.emit(credits.remaining)

    # -- engine events -----------------------------------------------------------------------

    def _on_engine_event(self, event: Event) -> None:
        if isinstance(event, JobAdded):
            self.job_added.emit(event.job)
        elif isinstance(event, JobChanged):
            self.job_changed.emit(event.job)
            if event.job.state != event.previous_state and event.job.state in TERMINAL_STATES:
                self.spawn(self.refresh_credits(), "credits")
                self._check_batch()
        elif isinstance(event, JobProgress):
            self.job_progress.emit(event.job_id, event.progress)
        elif isinstance(event, ImageStored):
            self.image_stored.emit(event.image, event.job)
        elif isinstance(event, EngineNotice):
            self.notice.emit(event.kind, say(event.message))

    def _check_batch(self) -> None:
        if not self._batch or self.engine is None:
            return
        jobs = [self.engine.job(i) for i in self._batch]
        if all(j is not None and j.state in TERMINAL_STATES for j in jobs):
            stored = sum(1 for j in jobs if j is not None and j.state == "stored")
            total = len(self._batch)
            self._batch.clear()
            self.batch_finished.emit(stored, total)

    # -- intents -----------------------------------------------------------------------------

    def submit(self, analysis: PromptAnalysis) -> None:
        self._record_and_send(lambda engine: engine.submit_analysis(analysis), "submit")

    def _record_and_send(
        self, record: Callable[[Engine], Awaitable[list[JobRow]]], name: str
    ) -> None:
        """Has the engine record new jobs (then send them), counted in the current batch.
        While the engine is being started the jobs are recorded at once and handed to it
        when it is ready."""
        if self.engine is None:
            if self._expecting:
                self.spawn(self._record_early(record), name)
                return
            self.notice.emit(
                "error", self.tr("Add an API key first (Settings), or start mjdesk --demo")
            )
            return
        engine = self.engine

        async def go() -> None:
            rows = await record(engine)
            self._batch.update(r.id for r in rows)

        self.spawn(go(), name)

    async def _record_early(self, record: Callable[[Any], Awaitable[list[JobRow]]]) -> None:
        await self._library_ready.wait()
        rows = await record(_EarlyRecorder(self.library))
        for row in rows:
            self.job_added.emit(row)
        self._batch.update(r.id for r in rows)
        await self._settled.wait()
        if self.engine is not None:
            await self.engine.adopt(r.id for r in rows)
        else:
            self.notice.emit(
                "warning",
                self.tr("Saved, not sent yet: add an API key in Settings and it will be sent"),
            )

    def _job_action(self, name: str, job_id: int) -> None:
        if self.engine is None:
            return
        action = getattr(self.engine, name)

        async def go() -> None:
            try:
                await action(job_id)
            except ValueError as exc:
                self.notice.emit("warning", str(exc))

        self.spawn(go(), name)

    def retry(self, job_id: int) -> None:
        self._job_action("retry", job_id)

    def resend(self, job_id: int) -> None:
        self._job_action("resend", job_id)

    def dismiss(self, job_id: int) -> None:
        self._job_action("dismiss", job_id)

    def resume(self, job_id: int) -> None:
        self._job_action("resume", job_id)

    def resume_sending(self) -> None:
        if self.engine is not None:
            self.engine.resume_sending()

    def load_jobs(self, limit: int = 500) -> None:
        async def go() -> None:
            rows = await self.library.run(
                lambda s: [
                    JobRow(*r)
                    for r in s.db.execute(
                        f"SELECT {_job_columns()} FROM jobs ORDER BY id DESC LIMIT ?", (limit,)
                    )
                ]
            )
            self.jobs_loaded.emit(rows)

        self.spawn(go(), "load jobs")

    def load_recent_images(self, limit: int = 400) -> None:
        async def go() -> None:
            def fetch(s: Any) -> list[tuple[Any, Any]]:
                ids = [
                    r[0]
                    for r in s.db.execute(
                        "SELECT id FROM images WHERE deleted_at IS NULL"
                        " ORDER BY created_at DESC, id DESC LIMIT ?",
                        (limit,),
                    )
                ]
                out = []
                for i in reversed(ids):
                    img = s.image(i)
                    out.append((img, s.job(img.job_id)))
                return out

            self.images_loaded.emit(await self.library.run(fetch))

        self.spawn(go(), "load images")

    async def prompt_history(self, limit: int = 200) -> list[str]:
        rows = await self.library.run(
            lambda s: s.db.execute(
                "SELECT prompt_typed FROM jobs GROUP BY prompt_typed ORDER BY MAX(id) DESC LIMIT ?",
                (limit,),
            ).fetchall()
        )
        return [str(r[0]) for r in rows]

    def image_path(self, image: Any) -> Path:
        return self.library.store.absolute(image)

    # -- gallery -----------------------------------------------------------------------------

    async def query_images(self, query: ImageQuery) -> list[int]:
        return await self.library.run(lambda s: s.image_ids(query))

    async def gallery_items(self, ids: list[int]) -> list[GalleryItem]:
        return await self.library.run(lambda s: s.gallery_items(ids))

    def set_rating(self, ids: list[int], rating: int) -> None:
        self.spawn(self._curate(lambda s: s.set_rating(ids, rating)), "rating")

    def set_favourite(self, ids: list[int], favourite: bool) -> None:
        self.spawn(self._curate(lambda s: s.set_favourite(ids, favourite)), "favourite")

    def trash(self, ids: list[int], *, restore: bool = False) -> None:
        self.spawn(self._curate(lambda s: s.trash(ids, restore=restore)), "trash")

    def submit_jobs(self, jobs: list[NewJob]) -> None:
        """Records and sends prepared jobs (edit actions on gallery images)."""
        self._record_and_send(lambda engine: engine.submit(jobs), "submit jobs")

    async def public_url_of(self, image_id: int) -> str:
        """A URL EvoLink can fetch for a stored image: its result link while fresh (29 days),
        else the local file uploaded through the files API (and its cache)."""
        fresh = await self._fresh_result_url(image_id)
        if fresh:
            return fresh
        image = await self.library.run(lambda s: s.image(image_id))
        return await self._upload(str(self.library.store.absolute(image)), reuse_results=False)

    async def _fresh_result_url(self, image_id: int) -> str | None:
        image, job = await self.library.run(
            lambda s: (s.image(image_id), s.job(s.image(image_id).job_id))
        )
        done = job.completed_at or job.created_at
        if image.source_url and time.time() - done < RESULT_LINK_REUSE:
            return image.source_url
        return None

    async def export_images(
        self, ids: list[int], folder: Path, template: str = "{date}_{prompt}_{task}_{n}"
    ) -> list[Path]:
        """Copies images to a folder (named by a template, with their metadata)."""
        from ..library.store import export_files

        items = await self.library.run(lambda s: s.gallery_items(ids))
        loop = asyncio.get_running_loop()
        written = await loop.run_in_executor(
            None,
            export_files,
            self.library.store,
            items,
            folder,
            template,
            self.settings.embed_metadata,
        )
        self.notice.emit(
            "info",
            self.tr("Exported {count} image(s) to {folder}").format(
                count=len(written), folder=folder
            ),
        )
        return written

    async def import_images(self, folder: Path) -> tuple[int, int]:
        """Adds a folder of earlier images to the library, reading any prompt they carry.
        Files are read, checked, hashed and copied in the default executor; the library's
        thread only decides where each goes and records it (one transaction per image)."""
        from ..library import imports

        loop = asyncio.get_running_loop()
        imported = skipped = 0
        for path in await loop.run_in_executor(None, imports.list_images, folder):
            found = await loop.run_in_executor(None, imports.read_candidate, path)
            if found is None:
                skipped += 1
                continue
            c = found
            plan = await self.library.run(lambda s, c=c: imports.plan(s, c))  # type: ignore[misc]
            if plan is None:
                skipped += 1
                continue
            try:
                await loop.run_in_executor(None, imports.copy_into_place, c, plan)
                await self.library.run(
                    lambda s, c=c, p=plan: imports.record(s, c, p)  # type: ignore[misc]
                )
            except (OSError, LibraryError) as exc:
                log.warning("import of %s failed: %s", path, exc)
                skipped += 1
                continue
            imported += 1
        self.gallery_changed.emit()
        self.notice.emit(
            "info",
            self.tr(
                "Imported {count} image(s); {skipped} skipped (duplicates or not images)"
            ).format(count=imported, skipped=skipped),
        )
        return imported, skipped

    async def read_provenance(self, path: Path) -> dict[str, str]:
        """The prompt and settings an image file carries (mjdesk's XMP), read off-thread."""
        from ..library import provenance

        loop = asyncio.get_running_loop()

        def read() -> dict[str, str]:
            with open(path, "rb") as f:
                return provenance.read(f.read(8 * 1024 * 1024))

        try:
            return await loop.run_in_executor(None, read)
        except OSError:
            return {}

    async def load_full_image(self, path: Path) -> QImage:
        """Decodes an image at full size off the GUI thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, _decode_full, str(path))

    def set_tags(self, ids: list[int], tags: str) -> None:
        self.spawn(self._curate(lambda s: s.set_tags(ids, tags)), "tags")

    def assign_project(self, ids: list[int], name: str | None) -> None:
        def change(s: Any) -> None:
            s.assign_project(ids, s.project(name) if name else None)

        self.spawn(self._curate(change), "project")

    async def projects(self) -> list[tuple[int, str]]:
        return await self.library.run(lambda s: s.projects())

    def save_search(self, name: str, filters: dict[str, Any]) -> None:
        kept = [s for s in self.settings.saved_searches if s.get("name") != name]
        self.apply_settings(
            self.settings.with_changes(saved_searches=[*kept, {"name": name, "filters": filters}])
        )

    async def _curate(self, change: Any) -> None:
        await self.library.run(change)
        self.gallery_changed.emit()

    # -- uploads -----------------------------------------------------------------------------

    def upload_image(self, ticket: str, image: QImage) -> None:
        """Pasted or dropped pixels: encoded as PNG off the GUI thread, then uploaded."""

        async def go() -> None:
            loop = asyncio.get_running_loop()
            data = await loop.run_in_executor(None, _encode_png, image)
            if not data:
                self.upload_finished.emit(ticket, "", self.tr("The pasted image could not be read"))
                return
            self.upload(ticket, data)

        self.spawn(go(), "encode image")

    def upload(self, ticket: str, source: str | bytes) -> None:
        """Checks, uploads (or reuses a cached upload of the same bytes) and reports the URL."""

        async def go() -> None:
            try:
                url = await self._upload(source)
            except (ApiError, OSError) as exc:
                message = said(exc) if isinstance(exc, ApiError) else str(exc)
                self.upload_finished.emit(ticket, "", message)
                return
            self.upload_finished.emit(ticket, url, "")

        self.spawn(go(), "upload")

    async def _upload(self, source: str | bytes, *, reuse_results: bool = True) -> str:
        loop = asyncio.get_running_loop()
        if reuse_results and isinstance(source, str) and self.has_library:
            # an image dragged out of the gallery: its result link, while still valid
            image_id = await self.library.run(lambda s: s.image_id_for_path(Path(source)))
            if image_id is not None:
                fresh = await self._fresh_result_url(image_id)
                if fresh:
                    return fresh
        cap = self.settings.max_upload_mb * 1024 * 1024
        if isinstance(source, bytes):
            data = source
        else:
            data = await loop.run_in_executor(None, _read_checked, Path(source), cap)
        info = image_info(data)
        if info is None:
            raise InvalidImageError(
                self.tr("Not a PNG, JPEG, GIF or WebP image; nothing was uploaded")
            )
        if len(data) > cap:
            raise InvalidImageError(
                self.tr("The image is larger than {limit} MB; nothing was uploaded").format(
                    limit=self.settings.max_upload_mb
                )
            )
        if info.width is None or not await loop.run_in_executor(None, is_complete, data):
            raise InvalidImageError(
                self.tr("The image is damaged or incomplete; nothing was uploaded")
            )
        digest = await loop.run_in_executor(None, lambda: hashlib.sha256(data).hexdigest())
        cached = await self.library.run(lambda s: s.cached_upload(digest))
        if cached:
            return cached
        if self.client is None:
            raise InvalidImageError(self.tr("Add an API key first: images are uploaded to EvoLink"))
        name = Path(source).name if isinstance(source, str) else None
        uploaded = await self.client.upload_file(data, filename=name)
        expires = uploaded.expires_at.timestamp() if uploaded.expires_at else 0.0
        await self.library.run(
            lambda s: s.remember_upload(digest, uploaded.file_url, uploaded.file_id, expires)
        )
        return uploaded.file_url

    # -- key and settings --------------------------------------------------------------------

    def test_key(self, key: str) -> None:
        from ..api.client import EvoLinkClient

        async def go() -> None:
            try:
                async with EvoLinkClient(
                    key, base_url=self.settings.api_base, files_url=self.settings.files_base
                ) as client:
                    credits = await client.get_credits()
            except ApiError as exc:
                self.key_test_finished.emit(False, said(exc))
                return
            if credits.remaining is None:
                message = self.tr("The key works")
            else:
                message = self.tr("The key works: {amount} credits left").format(
                    amount=f"{credits.remaining:,.2f}"
                )
            self.key_test_finished.emit(True, message)

        self.spawn(go(), "test key")

    def save_key(self, key: str, *, session_only: bool = False) -> None:
        """Stores the key (keyring, or this session only) and connects with it."""

        async def go() -> None:
            message = self.tr("Key saved for this session only")
            source = "session"
            if session_only:
                await self.session.set(key)
            else:
                try:
                    await self.keyring.set(key)
                    message = self.tr("Key saved in the system keyring")
                    source = "keyring"
                except KeyringUnavailable as exc:
                    self.key_saved.emit(
                        False,
                        self.tr(
                            "{problem}. Use MJDESK_API_KEY or keep it for this session."
                        ).format(problem=said(exc)),
                    )
                    return
            self.key_source = source  # where the key now lives, for the Settings dialog
            self.key_saved.emit(True, message)
            await self.connect_with_key(key)

        self.spawn(go(), "save key")

    def remove_key(self) -> None:
        async def go() -> None:
            await self.session.delete()
            try:
                await self.keyring.delete()
            except KeyringUnavailable as exc:
                self.notice.emit("warning", said(exc))
            await self.drop_connection()
            self.connection_changed.emit("no-key", self.tr("No API key"))

        self.spawn(go(), "remove key")

    async def keyring_problem(self) -> str | None:
        """Why the keyring cannot be used, or None when it can."""
        loop = asyncio.get_running_loop()
        try:
            await asyncio.wait_for(loop.run_in_executor(None, self.keyring_check), 5.0)
        except KeyringUnavailable as exc:
            return said(exc)
        except TimeoutError:
            return self.tr("The keyring did not answer within 5 seconds")
        return None

    def keyring_check(self) -> None:
        check = getattr(self.keyring, "check", None)
        if check is not None:
            check()

    def apply_settings(self, settings: Settings | None) -> None:
        """Saves new settings (off the GUI thread) and reconnects when the URLs changed."""
        if settings is None:
            return
        old = self.settings
        self.settings = settings
        self.library.store.provenance = settings.embed_metadata  # a flag read per stored file

        async def go() -> None:
            loop = asyncio.get_running_loop()
            if not self.demo:
                try:
                    await loop.run_in_executor(None, save, settings)
                except OSError as exc:
                    self.notice.emit(
                        "error",
                        self.tr("Settings could not be saved: {reason}").format(
                            reason=exc.strerror or exc
                        ),
                    )
            urls_changed = (old.api_base, old.files_base) != (
                settings.api_base,
                settings.files_base,
            )
            if self.engine is not None and (
                urls_changed
                or old.send_concurrency != settings.send_concurrency
                or old.callback_url != settings.callback_url
            ):
                key, _ = await find_api_key([self.environment, self.session, self.keyring])
                if key:
                    await self.connect_with_key(key)
            self.notice.emit("info", self.tr("Settings saved"))

        self.spawn(go(), "apply settings")

    @staticmethod
    def validate_settings(settings: Settings) -> dict[str, str]:
        """Field name → reason, for every setting that cannot be saved (settings.problems)."""
        from ..settings import problems

        return {name: say(reason) for name, reason in problems(settings).items()}


def _decode_full(path: str) -> QImage:
    from PySide6.QtGui import QImageReader

    reader = QImageReader(path)
    reader.setAutoTransform(True)
    return reader.read()


def _encode_png(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buf, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; str works
    buf.close()
    return bytes(data.data()) if ok else b""


class _EarlyRecorder:
    """Stands where the engine records jobs while it is not running yet: the intents are
    committed the same way (saved), and the engine sends them once it runs."""

    def __init__(self, library: Library) -> None:
        self.library = library

    async def submit(self, jobs: list[NewJob]) -> list[JobRow]:
        specs = list(jobs)
        return await self.library.run(lambda s: s.add_jobs(specs))

    async def submit_analysis(self, analysis: PromptAnalysis) -> list[JobRow]:
        if not analysis.ok:
            raise ValueError("the prompt has errors; nothing is sent")
        return await self.submit(
            [NewJob(analysis.text, t.prompt, t.speed, t.quality) for t in analysis.tasks]
        )


def _job_columns() -> str:
    from dataclasses import fields

    return ", ".join(f.name for f in fields(JobRow))


def _read_checked(path: Path, cap: int) -> bytes:
    import stat

    try:
        st = path.stat()
    except OSError as exc:
        raise InvalidImageError(f"Cannot open {path.name}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidImageError(f"{path.name} is not a regular file")
    if st.st_size > cap:
        raise InvalidImageError(
            f"{path.name} is {st.st_size / 1048576:.0f} MB; the limit is {cap // 1048576} MB"
        )
    with open(path, "rb") as f:
        return f.read(cap + 1)
