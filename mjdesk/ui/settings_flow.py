"""Settings from the window: the dialog opened with what it needs to know (is there a keyring,
where the key lives now), its requests passed to the connection, its answers shown in it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from . import ops, theme

if TYPE_CHECKING:
    from ..services.ports import StudioPort
    from .settings_dialog import SettingsDialog


class SettingsFlow(QObject):
    status_message = Signal(str, int)  # text, milliseconds

    def __init__(self, service: StudioPort, window: QWidget, *, library_dir: str = "") -> None:
        super().__init__(window)
        self.service = service
        self.connection = service.connection
        self.window = window
        self.library_dir = library_dir
        self.key_source: str | None = None  # "demo", "environment", "keyring" or "session"
        self.dialog: SettingsDialog | None = None
        self.connection.key_test_finished.connect(self._on_key_answer)
        self.connection.key_saved.connect(self._on_key_saved)

    def open(self) -> None:
        """Asks the keyring whether it works (off the GUI thread), then opens the dialog."""
        ops.run(
            self.window,
            self.service.spawn,
            self.connection.keyring_problem(),
            self._show,
            name="settings",
        )

    def _show(self, problem: str | None) -> None:
        from .settings_dialog import SettingsDialog

        c = self.connection
        dialog = SettingsDialog(
            c.settings,
            c.validate_settings,
            keyring_problem=problem,
            key_source=self.key_source,
            library_dir=self.library_dir,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.test_key_requested.connect(c.test_key)
        dialog.save_key_requested.connect(
            lambda key, session: c.save_key(key, session_only=session)
        )
        dialog.remove_key_requested.connect(c.remove_key)
        dialog.accepted.connect(lambda: self._apply(dialog.result_settings))
        self.dialog = dialog
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        dialog.open()

    def _apply(self, settings: Any) -> None:
        if settings is None:
            return
        self.connection.apply_settings(settings)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, settings.appearance)

    def _on_key_answer(self, ok: bool, message: str) -> None:
        if self.dialog is not None:
            self.dialog.show_key_status(message, ok=ok)

    def _on_key_saved(self, ok: bool, message: str) -> None:
        self._on_key_answer(ok, message)
        if ok:
            self.key_source = self.connection.key_source
        self.status_message.emit(message, 6000)
