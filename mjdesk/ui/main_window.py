"""The studio window: create panel (prompt, modes, parameters, references), recent results in
the middle, the task queue on the right. It talks to the studio service only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from ..core.jobs import ACTIVE as ACTIVE_STATES
from . import theme

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QSystemTrayIcon

    from ..services.ports import StudioPort
    from .gallery import GalleryModel
    from .gallery_panel import GalleryPanel
    from .settings_dialog import SettingsDialog

# The first frame is the frame of the window: this module creates only the Qt types that frame
# needs (the others are looked up as QtWidgets.X when used, each costing a type's creation). The
# panels, the prompt language, the gallery and the settings dialog are imported by populate()
# once that frame is on screen.


def _sentence_part(text: str) -> str:
    """A sentence made a clause: no final full stop, lower-case first letter."""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:]


class MainWindow(QMainWindow):
    closed = Signal()
    populated = Signal()

    def __init__(
        self,
        service: Any = None,
        thumbnails: Any = None,
        *,
        demo: bool = False,
        library_dir: str = "",
        icon: QIcon | None = None,
        log_folder: Path | None = None,
    ) -> None:
        """The frame of the window (top bar, the three panels, the status bar) is built here
        and is all the first frame needs. The panels' contents need the studio service: they
        are built by populate(), at once when a service is given."""
        super().__init__()
        self.service: StudioPort = None  # type: ignore[assignment]  # set by populate()
        self.demo = demo
        self.library_dir = library_dir
        self.log_folder = log_folder
        self.key_source: str | None = "demo" if demo else None
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
        # keys pressed before the prompt editor exists, replayed into it by populate()
        self._early_text: list[str] = []
        self._early_submit = False

        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(16, 12, 16, 8)
        root.setSpacing(8)
        root.addLayout(self._top_bar())
        self.banner = QFrame()
        self.banner.setObjectName("Banner")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 4, 8, 4)
        self.banner_text = QLabel("")
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        banner_row.addWidget(self.banner_text, 1)
        self.banner_button = QPushButton("")
        self.banner_button.clicked.connect(self._on_banner_button)
        banner_row.addWidget(self.banner_button)
        self.banner_demo = QPushButton(self.tr("Try the demo"))
        self.banner_demo.setToolTip(self.tr("Opens mjdesk --demo in a new window"))
        self.banner_demo.clicked.connect(self.start_demo)
        self.banner_demo.hide()
        banner_row.addWidget(self.banner_demo)
        self.banner.hide()
        root.addWidget(self.banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self._panels: list[QVBoxLayout] = []
        for margins, width in (((0, 0, 0, 0), 540), ((12, 12, 12, 12), 0), ((8, 12, 8, 12), 0)):
            panel = QFrame()
            panel.setMinimumWidth(width)  # the create column: 514 px plus the scroll bar
            panel.setObjectName("Panel")
            box = QVBoxLayout(panel)
            box.setContentsMargins(*margins)
            self._panels.append(box)
            self.splitter.addWidget(panel)
        self.splitter.setSizes([560, 580, 300])
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        root.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status = QStatusBar()
        self.running_label = QLabel(self.tr("Starting…"))
        self.connection_label = QLabel("")
        self.status.addPermanentWidget(self.running_label)
        self.status.addPermanentWidget(self.connection_label)
        self.setStatusBar(self.status)
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
        """Before the panels are built, what the user types is kept for the prompt (and
        Ctrl+Enter for sending it): every key pressed after the window appears counts."""
        if self.is_populated:
            super().keyPressEvent(event)
            return
        key = event.key()
        mods = event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            mods & Qt.KeyboardModifier.ControlModifier
        ):
            self._early_submit = True
        elif key == Qt.Key.Key_Backspace:
            if self._early_text:
                self._early_text.pop()
        elif (
            event.text()
            and event.text().isprintable()
            and not (mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        ):
            self._early_text.append(event.text())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _replay_early_keys(self) -> None:
        if self._early_text:
            cursor = self.editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            cursor.insertText("".join(self._early_text))
            self.editor.setTextCursor(cursor)
            self._early_text.clear()
        if self._early_submit:
            self._early_submit = False
            QTimer.singleShot(0, self.submit)

    def populate(self, service: StudioPort, thumbnails: Any) -> None:
        """Builds the panels over the studio service: the prompt, the results, the gallery,
        the queue."""
        from .create_panel import CreatePanel, section_title
        from .library_tab import LibraryTab
        from .queue import QueueView
        from .results import ResultsModel, ResultsView

        self.service = service
        self.thumbnails = thumbnails
        self._trashed: list[int] = []
        self._settings_dialog: SettingsDialog | None = None

        create, results, queue = self._panels
        self.create_panel = CreatePanel(service)
        create.addWidget(self.create_panel)
        c = self.create_panel  # the panel's controls, as the window's (menus, shortcuts and tests)
        self.editor, self.diagnostics, self.summary = c.editor, c.diagnostics, c.summary
        self.generate, self.history_button = c.generate, c.history_button
        self.modes, self.params, self.zones = c.modes, c.params, c.zones
        self.results_model = ResultsModel(thumbnails, service.image_path, parent=self)
        self.results = ResultsView(self.results_model)
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
        queue.addWidget(section_title(self.tr("Queue"), indent=True))
        self.queue = QueueView()
        queue.addWidget(self.queue, 1)
        self.running_label.setText(self.tr("No jobs running"))
        if QtWidgets.QSystemTrayIcon.isSystemTrayAvailable() and self.icon is not None:
            self.tray = QtWidgets.QSystemTrayIcon(self.icon, self)
            self.tray.setToolTip(self.tr("mjdesk"))
            self.tray.show()
        self.settings_button.setEnabled(True)
        self._connect_signals()
        self.editor.reanalyse()
        self.editor.setFocus()
        self._replay_early_keys()
        self.populated.emit()

    # -- layout ------------------------------------------------------------------------------

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        name = QLabel("mjdesk")
        name.setObjectName("AppName")
        bar.addWidget(name)
        model = QLabel(self.tr("Midjourney V8.1 · EvoLink"))
        model.setObjectName("Muted")
        bar.addWidget(model)
        if self.demo:
            badge = QLabel(self.tr("Demo — simulated results"))
            badge.setObjectName("DemoBadge")
            badge.setAccessibleName(self.tr("Demo mode: results are simulated"))
            bar.addWidget(badge)
        bar.addStretch(1)
        self.credits_label = QLabel("")
        self.credits_label.setObjectName("Muted")
        bar.addWidget(self.credits_label)
        self.settings_button = QPushButton(self.tr("Settings"))
        self.settings_button.setToolTip(self.tr("Settings: API key, library, appearance (Ctrl+,)"))
        self.settings_button.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_button.clicked.connect(self.open_settings)
        self.settings_button.setEnabled(False)  # until populate()
        bar.addWidget(self.settings_button)
        return bar

    def _connect_signals(self) -> None:
        s = self.service
        self.create_panel.status_message.connect(self.status.showMessage)
        self.create_panel.settings_needed.connect(self.open_settings)
        self._fill_menus()
        focus_prompt = QtGui.QShortcut(QKeySequence("Ctrl+L"), self)
        focus_prompt.activated.connect(self.editor.setFocus)
        self.queue.action_requested.connect(self._on_queue_action)
        s.job_added.connect(self._on_job)
        s.job_changed.connect(self._on_job)
        s.job_progress.connect(self.queue.queue_model.set_progress)
        s.jobs_loaded.connect(self._on_jobs_loaded)
        s.image_stored.connect(self._on_image_stored)
        lib = self.library
        lib.prompt_requested.connect(self.create_panel.use_prompt)
        lib.reference_requested.connect(
            lambda kind, path: self.create_panel.add_files(kind, [path])
        )
        lib.status_message.connect(self.status.showMessage)
        lib.trashed.connect(self._on_trash)
        s.images_loaded.connect(self.results_model.set_images)
        s.notice.connect(self._on_notice)
        s.credits_changed.connect(self._on_credits)
        s.connection_changed.connect(self._on_connection)
        s.batch_finished.connect(self._on_batch_finished)
        s.key_test_finished.connect(self._on_key_test)
        s.key_saved.connect(self._on_key_saved)

    # -- queue -------------------------------------------------------------------------------

    def _on_job(self, job: Any) -> None:
        self.queue.queue_model.upsert(job)
        self._update_running()

    def _on_jobs_loaded(self, jobs: list[Any]) -> None:
        self.queue.queue_model.set_jobs(jobs)
        self._update_running()

    def _update_running(self) -> None:
        counts = self.queue.queue_model.counts()
        active = sum(counts.get(str(s), 0) for s in ACTIVE_STATES)
        self.running_label.setText(
            self.tr("No jobs running")
            if not active
            else self.tr("1 job running")
            if active == 1
            else self.tr("{count} jobs running").format(count=active)
        )

    def _on_queue_action(self, key: str, job: Any) -> None:
        if key == "copy":
            QtGui.QGuiApplication.clipboard().setText(job.prompt_typed)
            self.status.showMessage(self.tr("Prompt copied"), 3000)
        elif key == "resend":
            answer = QtWidgets.QMessageBox.warning(
                self,
                self.tr("mjdesk — Resend?"),
                self.tr(
                    "EvoLink may already have created this task: its answer was lost. Resending "
                    "it may charge you twice. Resend anyway?"
                ),
                QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
                QtWidgets.QMessageBox.StandardButton.No,
            )
            if answer == QtWidgets.QMessageBox.StandardButton.Yes:
                self.service.resend(job.id)
        elif key == "show":
            rows = self.results_model.rows_of_job(job.id)
            self.results.clearSelection()
            for row in rows:
                index = self.results_model.index(row)
                self.results.selectionModel().select(
                    index, self.results.selectionModel().SelectionFlag.Select
                )
            if rows:
                self.results.scrollTo(self.results_model.index(rows[0]))
        elif key == "retry":
            self.service.retry(job.id)
        elif key == "dismiss":
            self.service.dismiss(job.id)
        elif key == "resume":
            self.service.resume(job.id)

    # -- gallery -----------------------------------------------------------------------------

    def refresh_gallery(self) -> None:
        self.library.refresh_gallery()

    def gallery_action(self, key: str, item: Any) -> None:
        self.library.gallery_action(key, item)

    def open_viewer(self, image_id: int) -> None:
        self.library.open_viewer(image_id)

    def compare(self, left: int, right: int) -> None:
        self.library.compare(left, right)

    def _on_image_stored(self, image: Any, job: Any) -> None:
        self.results_model.add(image, job)
        self.thumbnails.prepare(self.service.image_path(image), image.sha256)
        self.library.on_image_stored(image)

    def _on_trash(self, ids: list[int]) -> None:
        self._trashed = list(ids)
        self.show_banner(
            self.tr("Moved {count} image(s) to the trash").format(count=len(ids)),
            self.tr("Undo"),
            "undo-trash",
        )

    def submit(self) -> None:
        self.create_panel.submit()

    def open_history(self) -> None:
        self.create_panel.open_history()

    def _fill_menus(self) -> None:
        """Every action has a menu entry (and so a keyboard path: Alt, then the letters)."""

        def add(menu: Any, text: str, slot: Any, keys: str = "", tip: str = "") -> Any:
            action = menu.addAction(text)
            if keys:
                # StandardKey.Quit and friends are empty on some platforms: name the keys
                action.setShortcut(QKeySequence(keys))
            if tip:
                action.setStatusTip(tip)
            action.triggered.connect(slot)
            return action

        self.menu_actions = {
            "import": add(
                self.file_menu, self.tr("&Import a folder of images…"), self.library.import_folder
            ),
            "export": add(
                self.file_menu,
                self.tr("&Export the selected images…"),
                self.library.export_selected,
            ),
            "settings": add(self.file_menu, self.tr("&Settings…") + "\tCtrl+,", self.open_settings),
        }
        self.file_menu.addSeparator()
        self.menu_actions["quit"] = add(self.file_menu, self.tr("&Quit"), self.close, "Ctrl+Q")
        self.menu_actions["generate"] = add(
            self.prompt_menu, self.tr("&Generate") + "\tCtrl+Enter", self.submit
        )
        self.menu_actions["history"] = add(
            self.prompt_menu, self.tr("Prompt &history…"), self.open_history, "Ctrl+H"
        )
        self.menu_actions["shortcuts"] = add(
            self.help_menu, self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1"
        )
        self.menu_actions["logs"] = add(
            self.help_menu,
            self.tr("Open the &log folder"),
            self.open_log_folder,
            tip=self.tr("The log and crash reports, without your key"),
        )
        self.help_menu.addSeparator()
        self.menu_actions["about"] = add(self.help_menu, self.tr("&About mjdesk"), self.show_about)

    def open_log_folder(self) -> None:
        if self.log_folder is None:
            self.status.showMessage(self.tr("This window writes no log"), 5000)
            return
        QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(self.log_folder)))

    def show_about(self) -> None:
        from .. import __version__

        QtWidgets.QMessageBox.about(
            self,
            self.tr("About mjdesk"),
            self.tr(
                "mjdesk {version}\n\nA desktop studio for Midjourney V8.1 through EvoLink's API, "
                "with a local library of every image you make."
            ).format(version=__version__),
        )

    def show_shortcuts(self) -> None:
        """F1: the keyboard sheet, and where the log is."""
        rows = [
            ("Ctrl+Enter", self.tr("Generate")),
            ("Ctrl+L", self.tr("Focus the prompt")),
            (self.tr("Up / Down (empty prompt)"), self.tr("Earlier prompts")),
            ("Ctrl+H", self.tr("Search prompt history")),
            ("Alt+D / F / T", self.tr("Draft / Fast / Turbo")),
            ("Alt+S / H", self.tr("Standard / HD")),
            (self.tr("Ctrl+V (on a reference zone)"), self.tr("Paste an image or URL")),
            ("1–5, 0", self.tr("Rate the selected images, clear the rating")),
            ("F", self.tr("Favourite")),
            (self.tr("Menu key"), self.tr("Actions on the current image or job")),
            (self.tr("Delete"), self.tr("Move to the trash (undo in the banner)")),
            (
                self.tr("Enter"),
                self.tr("Open in the viewer; Space fit / 1:1, +/− zoom, ←/→ next"),
            ),
            ("Ctrl+ + / Ctrl+ −", self.tr("Bigger / smaller thumbnails")),
            ("Tab / Shift+Tab", self.tr("Move between controls")),
            ("Ctrl+,", self.tr("Settings")),
            ("F1", self.tr("This sheet")),
            ("Ctrl+Q", self.tr("Quit")),
            ("Alt", self.tr("The menus: every action is in one")),
        ]
        text = "\n".join(f"{k:<34}{v}" for k, v in rows)
        box = QtWidgets.QMessageBox(self)
        box.setWindowTitle(self.tr("mjdesk — Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setStyleSheet("QLabel { font-family: monospace; min-width: 760px; }")
        if self.log_folder is not None:
            open_logs = box.addButton(
                self.tr("Open log folder"), QtWidgets.QMessageBox.ButtonRole.ActionRole
            )
            open_logs.clicked.connect(self.open_log_folder)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Close)
        box.open()
        self._shortcuts_box = box

    # -- service news ------------------------------------------------------------------------

    def _on_notice(self, kind: str, message: str) -> None:
        if kind == "paused":
            self.show_banner(message, self.tr("Resume sending"), "resume")
        elif kind == "storage":  # the library cannot be written: paid images wait
            self.show_banner(message, self.tr("Show library folder"), "library-folder")
        elif kind == "resumed":
            self.banner.hide()
        self.status.showMessage(message, 8000)

    def _on_credits(self, remaining: object) -> None:
        if remaining is None:
            self.credits_label.setText("")
        else:
            amount = QtCore.QLocale().toString(float(remaining), "f", 2)  # type: ignore[arg-type]
            self.credits_label.setText(self.tr("{amount} credits").format(amount=amount))

    def _on_connection(self, state: str, detail: str) -> None:
        labels = {
            "online": self.tr("● Online"),
            "connecting": self.tr("● Connecting…"),
            "offline": self.tr("● Offline"),
        }
        self.connection_label.setText(labels.get(state, self.tr("● No key")))
        self.connection_label.setToolTip(detail)
        if state == "no-key":
            self.show_first_run()
        elif state == "online" and self._banner_action == "settings":
            self.banner.hide()
        if state == "offline":
            self.status.showMessage(self.tr("Offline: {reason}").format(reason=detail), 8000)

    _banner_action = ""
    keyring_problem: str | None = None  # why the OS keyring cannot keep the key (set at start)

    def show_first_run(self) -> None:
        """No key yet: how to add one (or the alternatives without a keyring), and the demo."""
        if self.keyring_problem:
            text = self.tr(
                "No EvoLink API key yet, and {problem}. Set MJDESK_API_KEY before starting "
                "mjdesk, or paste the key in Settings for this session only. Or try the demo: "
                "everything works offline with simulated results."
            ).format(problem=_sentence_part(self.keyring_problem))
        else:
            text = self.tr(
                "No EvoLink API key yet. Add one in Settings: it is kept in your system's "
                "keyring, never in a file. Or try the demo: everything works offline with "
                "simulated results."
            )
        self.show_banner(text, self.tr("Add key…"), "settings")
        self.banner_demo.setVisible(not self.demo)

    def show_banner(self, text: str, button: str, action: str) -> None:
        self.banner_text.setText(text)
        self.banner_button.setText(button)
        self.banner_button.setAccessibleName(button)
        self.banner_demo.hide()
        self._banner_action = action
        self.banner.show()

    def start_demo(self) -> None:
        """Opens ``mjdesk --demo`` beside this window (its own process and library)."""
        import sys

        frozen = getattr(sys, "frozen", False)
        program = sys.executable
        args = ["--demo"] if frozen else ["-m", "mjdesk", "--demo"]
        if QtCore.QProcess.startDetached(program, args):
            self.status.showMessage(self.tr("Starting the demo…"), 5000)
        else:
            self.status.showMessage(self.tr("The demo could not be started"), 8000)

    def _on_banner_button(self) -> None:
        if self._banner_action == "settings":
            self.open_settings()
        elif self._banner_action == "resume":
            self.service.resume_sending()
            self.banner.hide()
        elif self._banner_action == "library-folder" and self.library_dir:
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(self.library_dir))
        elif self._banner_action == "undo-trash":
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

    # -- settings ----------------------------------------------------------------------------

    def open_settings(self) -> None:
        from . import ops

        ops.run(
            self,
            self.service.spawn,
            self.service.keyring_problem(),
            self._show_settings,
            name="settings",
        )

    def _show_settings(self, problem: str | None) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.service.settings,
            self.service.validate_settings,
            keyring_problem=problem,
            key_source=self.key_source,
            library_dir=self.library_dir,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.test_key_requested.connect(self.service.test_key)
        dialog.save_key_requested.connect(
            lambda key, session: self.service.save_key(key, session_only=session)
        )
        dialog.remove_key_requested.connect(self.service.remove_key)
        dialog.accepted.connect(lambda: self._apply_settings(dialog.result_settings))
        self._settings_dialog = dialog
        dialog.destroyed.connect(lambda: setattr(self, "_settings_dialog", None))
        dialog.open()

    def _apply_settings(self, settings: Any) -> None:
        if settings is None:
            return
        self.service.apply_settings(settings)
        app = QtWidgets.QApplication.instance()
        if isinstance(app, QtWidgets.QApplication):
            theme.apply(app, settings.appearance)

    def _on_key_test(self, ok: bool, message: str) -> None:
        if self._settings_dialog is not None:
            self._settings_dialog.show_key_status(message, ok=ok)

    def _on_key_saved(self, ok: bool, message: str) -> None:
        if self._settings_dialog is not None:
            self._settings_dialog.show_key_status(message, ok=ok)
        if ok:
            self.key_source = self.service.key_source
        self.status.showMessage(message, 6000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)
        self.was_closed = True
        self.closed.emit()
