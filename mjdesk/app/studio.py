"""The composition root of the studio: builds the library, the services and the simulator (in
demo mode) with explicit dependencies, fills the window, and tears it all down at exit."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..services import StudioService
    from ..settings import Settings
    from ..ui.main_window import MainWindow

log = logging.getLogger("mjdesk.app")

DEMO_SPEED = 8.0
SMOKE_PROMPT = "a paper lantern floating over a night market, warm light --ar 3:2"


class Studio:
    """Owns the simulator (demo), the library, the services and the window for one run."""

    def __init__(
        self,
        args: argparse.Namespace,
        window: MainWindow,
        settings: Settings,
        settings_notices: list[str] | None = None,
    ) -> None:
        self.args = args
        self.window = window
        self.settings = settings
        self.settings_notices = list(settings_notices or ())
        self.service: StudioService | None = None
        self.exit_code = 0

    async def run(self) -> int:
        window = self.window
        closed = asyncio.Event()
        window.closed.connect(closed.set)
        if window.was_closed:  # closed before the loop ran
            closed.set()
        painted = asyncio.Event()
        window.on_first_paint(painted.set)
        with contextlib.suppress(TimeoutError):  # a window that is never exposed: go on
            async with asyncio.timeout(1.0):
                await painted.wait()

        from PySide6.QtWidgets import QMessageBox

        from ..api.redact import Redactor
        from ..library import LibraryError, resolve_library_dir
        from ..logs import install_excepthook, log_dir, setup_logging, teardown_logging
        from ..secrets import EnvSecretStore, KeyringSecretStore, find_api_key
        from ..services import ThumbnailService
        from .wiring import build_studio, settle_heap

        args = self.args
        settings = self.settings
        loop = asyncio.get_running_loop()
        redactor = Redactor()
        handler = None
        try:
            handler = await loop.run_in_executor(None, setup_logging, redactor)
        except OSError as exc:
            print(f"mjdesk: cannot write the log: {exc}", file=sys.stderr)
        previous_hook = sys.excepthook
        install_excepthook(redactor, self._show_crash)
        loop.set_exception_handler(self._on_loop_exception)
        sim = None
        temp_dir: str | None = None
        if args.api_base:
            settings = settings.with_changes(api_base=args.api_base)
        if args.files_base:
            settings = settings.with_changes(files_base=args.files_base)
        if args.library:
            root = resolve_library_dir(args.library)
        elif args.demo:
            temp_dir = await loop.run_in_executor(None, tempfile.mkdtemp, "", "mjdesk-demo-")
            root = Path(temp_dir)
        else:
            root = resolve_library_dir(settings.library_dir or None)
        service = build_studio(
            None,
            settings,
            demo=args.demo,
            time_scale=DEMO_SPEED if args.demo else 1.0,
            redactor=redactor,
        )
        thumbs = ThumbnailService()
        window.library_dir = str(root)
        window.log_folder = log_dir()
        window.populate(service, thumbs)
        from ..services.words import say

        for notice in self.settings_notices:  # values of the settings file that were not kept
            service.notice.emit("warning", say(notice))
        self.service = service
        await asyncio.sleep(0)
        try:
            library = await self._open_library(root, settings.embed_metadata, window)
        except LibraryError as exc:
            QMessageBox.critical(window, "mjdesk", str(exc))
            window.close()
            await thumbs.close()
            if temp_dir:
                shutil.rmtree(temp_dir, ignore_errors=True)
            sys.excepthook = previous_hook
            if handler is not None:
                teardown_logging(handler)
            return 1
        service.attach_library(library)
        thumbs.cache_path = library.store.thumb_path
        if args.demo:
            from .simproc import start_demo_simulator

            sim = await loop.run_in_executor(None, start_demo_simulator, DEMO_SPEED)
            url = sim.url
            service.connection.settings = service.settings.with_changes(
                api_base=url, files_base=url
            )
        service.jobs.load_jobs()
        service.jobs.load_recent_images()
        window.refresh_gallery()
        window.create_panel.styles.refresh()
        service.spawn(self._load_history(), "history")
        settle_heap()  # start-up's objects leave the collector's full passes
        key: str | None
        source: str | None
        if args.demo:
            from ..sim import DEMO_KEY

            key, source = DEMO_KEY, "demo"
        else:
            key, source = await find_api_key([EnvSecretStore(), KeyringSecretStore()])
        window.settings_flow.key_source = source
        if key:
            service.spawn(service.connection.connect_with_key(key), "connect")
        else:
            service.connection.no_key()
            window.keyring_problem = await service.connection.keyring_problem()
            service.connection.connection_changed.emit("no-key", "No API key")
        if getattr(args, "smoke_test", False):
            service.spawn(self._smoke(closed), "smoke test")
        await closed.wait()
        window.hide()
        await service.close()
        await thumbs.close()
        await library.close()
        if sim is not None:
            await loop.run_in_executor(None, sim.stop)
        if temp_dir:
            await loop.run_in_executor(None, lambda: shutil.rmtree(temp_dir, ignore_errors=True))
        sys.excepthook = previous_hook
        if handler is not None:
            teardown_logging(handler)
        window.deleteLater()
        return self.exit_code

    def _show_crash(self, message: str, report: Path) -> None:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QMessageBox

        translate = QCoreApplication.translate
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("Studio", "mjdesk — Something went wrong"),
            translate(
                "Studio",
                "{message}\n\nmjdesk kept running. A report (without your key) was written "
                "to:\n{report}",
            ).format(message=message, report=report),
            parent=self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    def _on_loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            sys.excepthook(type(exc), exc, exc.__traceback__)
        else:
            log.error("event loop: %s", context.get("message"))

    async def _open_library(self, root: Path, embed: bool, window: Any) -> Any:
        """Opens the library; when its index is lost beside image files, offers to rebuild
        it from them (never a silent new library)."""
        from PySide6.QtWidgets import QMessageBox

        from ..library import IndexMissingError, Library

        try:
            return await Library.open(root, provenance=embed)
        except IndexMissingError as exc:
            answer = QMessageBox.question(
                window,
                window.tr("mjdesk — Rebuild the library index?"),
                window.tr(
                    "{problem}\n\nRebuild the index from the image files now? The old "
                    "database is kept beside it, renamed."
                ).format(problem=str(exc)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                raise
        from ..library.imports import rebuild_index

        loop = asyncio.get_running_loop()
        kept, count = await loop.run_in_executor(None, rebuild_index, root)
        log.warning("library index rebuilt from %d images; old database kept as %s", count, kept)
        return await Library.open(root, provenance=embed)

    async def _load_history(self) -> None:
        assert self.service is not None
        prompts = await self.service.jobs.prompt_history()
        self.window.editor.set_history(prompts)

    async def _smoke(self, closed: asyncio.Event) -> None:
        """--smoke-test: one generation to stored images, then quit (exit status says how)."""
        window, service = self.window, self.service
        assert window is not None and service is not None
        ready = asyncio.Event()
        done = asyncio.Event()
        service.connection.ready_changed.connect(lambda ok: ready.set() if ok else None)
        service.jobs.job_changed.connect(lambda job: done.set() if job.state == "stored" else None)
        if service.connection.ready:
            ready.set()
        try:
            async with asyncio.timeout(120):
                await ready.wait()
                window.editor.setPlainText(SMOKE_PROMPT)
                window.submit()
                await done.wait()
            print("smoke test: images stored", flush=True)
        except TimeoutError:
            print("smoke test: no image was stored within 120 s", file=sys.stderr, flush=True)
            self.exit_code = 1
        with contextlib.suppress(RuntimeError):
            window.close()
        closed.set()
