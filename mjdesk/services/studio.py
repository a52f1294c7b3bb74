"""The window's one door to the engine, the library, the client and the key stores.

Widgets call plain methods (intents) and listen to signals; every coroutine started here is
owned (kept, logged on failure, cancelled on shutdown). Nothing here blocks the GUI thread:
network calls are async, database work runs on the library's thread, hashing and file reads in
the default executor, keyring calls on their own thread with a time limit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..api import ApiError, AuthenticationError
from ..api.redact import Redactor
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
from ..library import JobRow, Library, NewJob, intents
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
from .gallery import GalleryService
from .uploads import UploadService
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
        self.gallery = GalleryService(
            lambda: self.library,
            spawn=self.spawn,
            embed_metadata=lambda: self.settings.embed_metadata,
        )
        self.gallery.gallery_changed.connect(self.gallery_changed)
        self.gallery.notice.connect(self.notice)
        self.uploads = UploadService(
            library=lambda: self._library,
            client=lambda: self.client,
            settings=lambda: self.settings,
        )

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
        self._record_and_send(intents(analysis), "submit")

    def _record_and_send(self, specs: list[NewJob], name: str) -> None:
        """Has the engine record new jobs (then send them), counted in the current batch.
        While the engine is being started the jobs are recorded at once and handed to it
        when it is ready."""
        if self.engine is None:
            if self._expecting:
                self.spawn(self._record_early(specs), name)
                return
            self.notice.emit(
                "error", self.tr("Add an API key first (Settings), or start mjdesk --demo")
            )
            return
        engine = self.engine

        async def go() -> None:
            rows = await engine.submit(specs)
            self._batch.update(r.id for r in rows)

        self.spawn(go(), name)

    async def _record_early(self, specs: list[NewJob]) -> None:
        """The intents committed now (saved), sent by the engine once it runs."""
        await self._library_ready.wait()
        rows = await self.library.run(lambda s: s.add_jobs(specs))
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

    def _job_action(self, action: Callable[[Engine], Awaitable[JobRow]], name: str) -> None:
        if self.engine is None:
            return
        engine = self.engine

        async def go() -> None:
            try:
                await action(engine)
            except ValueError as exc:  # the job moved on: the action no longer applies
                self.notice.emit("warning", str(exc))

        self.spawn(go(), name)

    def retry(self, job_id: int) -> None:
        self._job_action(lambda e: e.retry(job_id), "retry")

    def resend(self, job_id: int) -> None:
        self._job_action(lambda e: e.resend(job_id), "resend")

    def dismiss(self, job_id: int) -> None:
        self._job_action(lambda e: e.dismiss(job_id), "dismiss")

    def resume(self, job_id: int) -> None:
        self._job_action(lambda e: e.resume(job_id), "resume")

    def resume_sending(self) -> None:
        if self.engine is not None:
            self.engine.resume_sending()

    def load_jobs(self, limit: int = 500) -> None:
        async def go() -> None:
            self.jobs_loaded.emit(await self.library.run(lambda s: s.recent_jobs(limit)))

        self.spawn(go(), "load jobs")

    def load_recent_images(self, limit: int = 400) -> None:
        async def go() -> None:
            self.images_loaded.emit(await self.library.run(lambda s: s.recent_images(limit)))

        self.spawn(go(), "load images")

    async def prompt_history(self, limit: int = 200) -> list[str]:
        return await self.library.run(lambda s: s.prompt_history(limit))

    def image_path(self, image: Any) -> Path:
        return self.library.store.absolute(image)

    def submit_jobs(self, jobs: list[NewJob]) -> None:
        """Records and sends prepared jobs (edit actions on gallery images)."""
        self._record_and_send(list(jobs), "submit jobs")

    def save_search(self, name: str, filters: dict[str, Any]) -> None:
        kept = [s for s in self.settings.saved_searches if s.get("name") != name]
        self.apply_settings(
            self.settings.with_changes(saved_searches=[*kept, {"name": name, "filters": filters}])
        )

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
