"""Starting the window: the frame on screen first, then Qt's event loop with qasync (the only
place that runs one) driving the studio (``studio.py``)."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..settings import Settings


def resource_path(name: str) -> Path:
    """A file of the ``mjdesk.resources`` package (top-level ``resources/`` in a checkout)."""
    from importlib.resources import files

    try:
        return Path(str(files("mjdesk.resources").joinpath(name)))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent.parent / "resources" / name


def run_gui(args: argparse.Namespace) -> int:
    """Shows the frame of the window as early as possible, then runs the studio on qasync.

    Only Qt, the theme and the window's frame are imported before the first frame; the
    settings file is read on a worker thread meanwhile. Everything else (asyncio's loop, the
    library, the client, the panels) is loaded once that frame is on screen."""
    settings_read = _SettingsRead()
    settings_read.start()
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..ui import theme
    from ..ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("mjdesk")
    app.setOrganizationName("mjdesk")
    app.setDesktopFileName("mjdesk")
    app.setQuitOnLastWindowClosed(False)
    install_translators(app)
    settings = settings_read.result()
    theme.apply(app, settings.appearance)
    icon = QIcon(str(resource_path("mjdesk.svg")))
    QApplication.setWindowIcon(icon)
    window = MainWindow(demo=args.demo, icon=icon)
    window.show()
    # Paint it now where the platform exposes windows at once (Windows, macOS, Wayland,
    # offscreen), before asyncio and the rest load; on X11 it paints when the server says so.
    app.processEvents()

    import asyncio

    import qasync

    from .studio import Studio

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    studio = Studio(args, window, settings, settings_read.notices)
    with loop:
        code = loop.run_until_complete(studio.run())
    return int(code)


class _SettingsRead(threading.Thread):
    """Reads the settings file beside the Qt imports, off the GUI thread."""

    def __init__(self) -> None:
        super().__init__(name="mjdesk-settings", daemon=True)
        self._settings: Settings | None = None
        self.notices: list[str] = []

    def run(self) -> None:
        from .. import settings as settings_mod

        self._settings, self.notices = settings_mod.load_checked()  # type: ignore[assignment]

    def result(self) -> Settings:
        self.join()
        if self._settings is None:  # the thread failed: defaults, as load() does for bad files
            from ..settings import Settings

            return Settings()
        return self._settings


def install_translators(app: Any) -> None:
    """Qt's own strings and mjdesk's in the system's language, when a translation exists
    (``mjdesk/resources/i18n/mjdesk_<lang>.qm``); English otherwise."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    locale = QLocale.system()
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    ours = QTranslator(app)
    if ours.load(locale, "mjdesk", "_", str(resource_path("i18n"))):
        app.installTranslator(ours)
