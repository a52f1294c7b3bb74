"""The composition root of the window: builds every object with explicit dependencies and runs
Qt's event loop with qasync (the only place that does)."""

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

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from ..services import StudioService
    from ..ui.main_window import MainWindow

log = logging.getLogger("mjdesk.app")

DEMO_SPEED = 8.0
SMOKE_PROMPT = "a paper lantern floating over a night market, warm light --ar 3:2"


def resource_path(name: str) -> Path:
    """A file of the ``mjdesk.resources`` package (top-level ``resources/`` in a checkout)."""
    from importlib.resources import files

    try:
        return Path(str(files("mjdesk.resources").joinpath(name)))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent.parent / "resources" / name


def run_gui(args: argparse.Namespace) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    from ..ui import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("mjdesk")
    app.setOrganizationName("mjdesk")
    app.setDesktopFileName("mjdesk")
    app.setQuitOnLastWindowClosed(False)
    theme.apply(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    studio = Studio(args)
    with loop:
        code = loop.run_until_complete(studio.run())
    return int(code)


class Studio:
    """Owns the simulator (demo), the library, the services and the window for one run."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.window: MainWindow | None = None
        self.service: StudioService | None = None
        self.exit_code = 0

    async def run(self) -> int:
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication, QMessageBox

        from .. import settings as settings_mod
        from ..api.redact import Redactor
        from ..library import Library, LibraryError, resolve_library_dir
        from ..logs import install_excepthook, log_dir, setup_logging, teardown_logging
        from ..secrets import EnvSecretStore, KeyringSecretStore, find_api_key
        from ..services import StudioService, ThumbnailService
        from ..ui.main_window import MainWindow

        args = self.args
        loop = asyncio.get_running_loop()
        settings = await loop.run_in_executor(None, settings_mod.load)
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
        icon = QIcon(str(resource_path("mjdesk.svg")))
        QApplication.setWindowIcon(icon)
        service = StudioService(
            None,
            settings,
            demo=args.demo,
            time_scale=DEMO_SPEED if args.demo else 1.0,
            redactor=redactor,
        )
        thumbs = ThumbnailService()
        window = MainWindow(
            service, thumbs, demo=args.demo, library_dir=str(root), icon=icon, log_folder=log_dir()
        )
        self.window, self.service = window, service
        closed = asyncio.Event()
        window.closed.connect(closed.set)
        # The first frame comes first; the library, the simulator and the client follow.
        window.show()
        await asyncio.sleep(0)
        try:
            library = await Library.open(root, provenance=settings.embed_metadata)
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
            from ..sim import DEMO_KEY, SimConfig, SimThread

            sim = SimThread(SimConfig(speed_factor=DEMO_SPEED, seed=None))
            url = await loop.run_in_executor(None, sim.start)
            service.settings = service.settings.with_changes(api_base=url, files_base=url)
        service.load_jobs()
        service.load_recent_images()
        window.refresh_gallery()
        service.spawn(self._load_history(), "history")
        key: str | None
        source: str | None
        if args.demo:
            key, source = DEMO_KEY, "demo"
        else:
            key, source = await find_api_key([EnvSecretStore(), KeyringSecretStore()])
        window.key_source = source
        if key:
            service.spawn(service.connect_with_key(key), "connect")
        else:
            service.connection_changed.emit("no-key", "No API key")
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
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "mjdesk — Something went wrong",
            f"{message}\n\nmjdesk kept running. A report (without your key) was written to:\n"
            f"{report}",
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

    async def _load_history(self) -> None:
        assert self.service is not None and self.window is not None
        prompts = await self.service.prompt_history()
        self.window.editor.set_history(prompts)

    async def _smoke(self, closed: asyncio.Event) -> None:
        """--smoke-test: one generation to stored images, then quit (exit status says how)."""
        window, service = self.window, self.service
        assert window is not None and service is not None
        ready = asyncio.Event()
        done = asyncio.Event()
        service.ready_changed.connect(lambda ok: ready.set() if ok else None)
        service.job_changed.connect(lambda job: done.set() if job.state == "stored" else None)
        if service.ready:
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
