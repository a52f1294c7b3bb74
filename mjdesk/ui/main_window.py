"""The studio window: a frame that wires its panels. The create panel (prompt, modes,
parameters, references) on the left, recent results and the library in the middle, the queue
on the right; the banner, the menus and the status bar around them. It talks to the services
only through the panels and the typed doors of ``services.ports``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from .chrome import Banner, Columns, StatusLine, TopBar, start_demo
from .early_keys import EarlyKeys

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QSystemTrayIcon

    from ..services.ports import StudioPort
    from .gallery import GalleryModel
    from .gallery_panel import GalleryPanel

# The first frame is the frame of the window: this module creates only the Qt types that frame
# needs (the others are looked up as QtWidgets.X when used, each costing a type's creation). The
# panels, the prompt language, the gallery and the settings dialog are imported by populate()
# once that frame is on screen.


class MainWindow(QMainWindow):
    closed = Signal()
    populated = Signal()

    def __init__(
        self,
        service: StudioPort | None = None,
        thumbnails: Any = None,
        *,
        demo: bool = False,
        library_dir: str = "",
        icon: QIcon | None = None,
        log_folder: Path | None = None,
    ) -> None:
        """The frame of the window (top bar, the three panels, the status bar) is built here
        and is all the first frame needs. The panels' contents need the services: they are
        built by populate(), at once when a service is given."""
        super().__init__()
        self.service: StudioPort = None  # type: ignore[assignment]  # set by populate()
        self.demo = demo
        self.library_dir = library_dir
        self.log_folder = log_folder
        self.keyring_problem: str | None = None  # why the OS keyring cannot keep the key
        self.setWindowTitle(self.tr("mjdesk — Demo") if demo else "mjdesk")
        self.icon = icon
        if icon is not None:
            self.setWindowIcon(icon)
        self.resize(1440, 900)
        screen = QtGui.QGuiApplication.primaryScreen()
        if screen is not None:  # never larger than the screen (no window manager to fit it)
            room = screen.availableGeometry()
            self.resize(min(1440, room.width()), min(900, room.height()))
        self.was_closed = False
        self._first_paint: list[Callable[[], None]] = []
        self._painted = False
        self._early_keys = EarlyKeys()

        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(16, 12, 16, 8)
        root.setSpacing(8)
        self.top_bar = TopBar(demo=demo)
        self.settings_button = self.top_bar.settings_button
        self.settings_button.clicked.connect(self.open_settings)
        root.addLayout(self.top_bar)
        self.banner = Banner()
        self.banner.triggered.connect(self._on_banner)
        root.addWidget(self.banner)

        self.splitter = Columns()
        root.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status = StatusLine()
        self.running_label = self.status.running_label
        self.setStatusBar(self.status)
        self.banner.demo_requested.connect(lambda: start_demo(self.status))
        # the menus' titles are in the first frame; their entries come with the panels
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.prompt_menu = bar.addMenu(self.tr("&Prompt"))
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.tray: QSystemTrayIcon | None = None
        if service is not None:
            self.populate(service, thumbnails)

    @property
    def is_populated(self) -> bool:
        return self.service is not None

    def on_first_paint(self, callback: Callable[[], None]) -> None:
        """Calls ``callback`` once the window has painted its first frame."""
        if self._painted:
            callback()
            return
        self._first_paint.append(callback)
        if len(self._first_paint) == 1:
            self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.removeEventFilter(self)
            callbacks, self._first_paint = self._first_paint, []
            # after this paint event has been handled
            QTimer.singleShot(0, lambda: [c() for c in callbacks])
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Before the panels are built, what the user types is kept for the prompt."""
        if self.is_populated or not self._early_keys.take(event):
            super().keyPressEvent(event)

    def populate(self, service: StudioPort, thumbnails: Any) -> None:
        """Builds the panels over the services: the prompt, the results, the gallery, the
        queue, the settings."""
        from .create_panel import CreatePanel
        from .library_tab import LibraryTab
        from .queue_panel import QueuePanel
        from .results import ResultsPanel
        from .settings_flow import SettingsFlow

        self.service = service
        self.thumbnails = thumbnails
        self._trashed: list[int] = []

        create, results, queue = self.splitter.boxes
        self.create_panel = CreatePanel(service)
        create.addWidget(self.create_panel)
        c = self.create_panel  # the panel's controls, as the window's (menus, shortcuts and tests)
        self.editor, self.diagnostics, self.summary = c.editor, c.diagnostics, c.summary
        self.generate, self.history_button = c.generate, c.history_button
        self.modes, self.params, self.zones = c.modes, c.params, c.zones
        self.feed = ResultsPanel(
            service,
            thumbnails,
            prompt=lambda: (self.editor.toPlainText(), self.editor.speed),
            parent=self,
        )
        self.results, self.results_model = self.feed.view, self.feed.model
        self.library = LibraryTab(
            service,
            thumbnails,
            prompt=lambda: (self.editor.toPlainText(), self.editor.speed),
            parent=self,
        )
        self.gallery_model: GalleryModel = self.library.model
        self.gallery: GalleryPanel = self.library.panel
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(self.results, self.tr("Recent results"))
        self.tabs.addTab(self.gallery, self.tr("Library"))
        results.addWidget(self.tabs, 1)
        self.queue_panel = QueuePanel(service.jobs)
        self.queue = self.queue_panel.view
        queue.addWidget(self.queue_panel, 1)
        self.settings_flow = SettingsFlow(service, self, library_dir=self.library_dir)
        self.settings_flow.key_source = "demo" if self.demo else None
        self.status.set_running(0)
        if QtWidgets.QSystemTrayIcon.isSystemTrayAvailable() and self.icon is not None:
            self.tray = QtWidgets.QSystemTrayIcon(self.icon, self)
            self.tray.setToolTip(self.tr("mjdesk"))
            self.tray.show()
        self.settings_button.setEnabled(True)
        self._connect_signals()
        self.editor.reanalyse()
        self.editor.setFocus()
        self._early_keys.replay(self.editor, self.submit)
        self.populated.emit()

    # -- layout ------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        s, jobs, connection = self.service, self.service.jobs, self.service.connection
        status = self.status.showMessage
        self.create_panel.status_message.connect(status)
        self.create_panel.settings_needed.connect(self.open_settings)
        self._fill_menus()
        focus_prompt = QtGui.QShortcut(QKeySequence("Ctrl+L"), self)
        focus_prompt.activated.connect(self.editor.setFocus)
        self.queue_panel.running_changed.connect(self.status.set_running)
        self.queue_panel.show_requested.connect(self._show_job)
        self.queue_panel.status_message.connect(status)
        self.settings_flow.status_message.connect(status)
        jobs.image_stored.connect(self._on_image_stored)
        jobs.batch_finished.connect(self._on_batch_finished)
        lib = self.library
        for actions in (lib.actions, self.feed.actions):
            actions.reference_requested.connect(
                lambda kind, path: self.create_panel.add_files(kind, [path])
            )
        lib.actions.prompt_requested.connect(self.create_panel.use_prompt)
        self.feed.prompt_requested.connect(self.create_panel.use_prompt)
        self.feed.open_requested.connect(lib.open_viewer)
        self.feed.status_message.connect(status)
        lib.status_message.connect(status)
        lib.trashed.connect(self._on_trash)
        s.notice.connect(self._on_notice)
        connection.credits_changed.connect(self.top_bar.set_credits)
        connection.connection_changed.connect(self._on_connection)

    def _fill_menus(self) -> None:
        from .menu_bar import about, fill_menus

        lib = self.library
        self.menu_actions = fill_menus(
            self.file_menu,
            self.prompt_menu,
            self.help_menu,
            {
                "import": lib.import_folder,
                "export": lib.export_selected,
                "settings": self.open_settings,
                "quit": self.close,
                "generate": self.submit,
                "history": self.create_panel.open_history,
                "shortcuts": self.show_shortcuts,
                "logs": self.open_log_folder,
                "about": lambda: about(self),
            },
        )

    # -- what the panels ask of the window -------------------------------------------------

    def submit(self) -> None:
        self.create_panel.submit()

    def open_settings(self) -> None:
        self.settings_flow.open()

    def refresh_gallery(self) -> None:
        self.library.refresh_gallery()

    def gallery_action(self, key: str, item: Any) -> None:
        self.library.gallery_action(key, item)

    def _show_job(self, job_id: int) -> None:
        self.tabs.setCurrentWidget(self.results)
        self.results.show_job(job_id)

    def _on_image_stored(self, image: Any, job: Any) -> None:
        self.thumbnails.prepare(self.service.gallery.image_path(image), image.sha256)
        self.library.on_image_stored(image)

    def _on_trash(self, ids: list[int]) -> None:
        self._trashed = list(ids)
        self.banner.say(
            self.tr("Moved {count} image(s) to the trash").format(count=len(ids)),
            self.tr("Undo"),
            "undo-trash",
        )

    # -- help --------------------------------------------------------------------------------

    def open_log_folder(self) -> None:
        if self.log_folder is None:
            self.status.showMessage(self.tr("This window writes no log"), 5000)
            return
        QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(self.log_folder)))

    def show_shortcuts(self) -> None:
        """F1: the keyboard sheet, and where the log is."""
        from .menu_bar import shortcuts_sheet

        logs = self.open_log_folder if self.log_folder is not None else None
        self._shortcuts_box = shortcuts_sheet(self, logs)

    # -- service news ------------------------------------------------------------------------

    def _on_notice(self, kind: str, message: str) -> None:
        if kind == "paused":
            self.banner.say(message, self.tr("Resume sending"), "resume")
        elif kind == "storage":  # the library cannot be written: paid images wait
            self.banner.say(message, self.tr("Show library folder"), "library-folder")
        elif kind == "resumed":
            self.banner.hide()
        self.status.showMessage(message, 8000)

    def _on_connection(self, state: str, detail: str) -> None:
        self.status.set_connection(state, detail)
        if state == "no-key":
            self.show_first_run()
        elif state == "online":
            self.banner.dismiss("settings")

    def show_first_run(self) -> None:
        """No key yet: how to add one (or the alternatives without a keyring), and the demo."""
        self.banner.say_no_key(self.keyring_problem, offer_demo=not self.demo)

    def _on_banner(self, action: str) -> None:
        if action == "settings":
            self.open_settings()
        elif action == "resume":
            self.service.jobs.resume_sending()
            self.banner.hide()
        elif action == "library-folder" and self.library_dir:
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(self.library_dir))
        elif action == "undo-trash":
            self.service.gallery.trash(self._trashed, restore=True)
            self.banner.hide()

    def _on_batch_finished(self, stored: int, total: int) -> None:
        message = self.tr("{stored} of {total} tasks finished with images").format(
            stored=stored, total=total
        )
        self.status.showMessage(message, 8000)
        if self.tray is not None and not self.isActiveWindow():
            self.tray.showMessage(
                "mjdesk", message, QtWidgets.QSystemTrayIcon.MessageIcon.Information, 5000
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)
        self.was_closed = True
        self.closed.emit()
