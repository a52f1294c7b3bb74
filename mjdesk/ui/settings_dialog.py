"""Settings: the API key (keyring only, masked, test, remove), base URLs, library, concurrency,
the embed-metadata privacy switch, the callback URL and the appearance. Edits a copy; applies on
Save."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..settings import Settings
from . import theme


class SettingsDialog(QDialog):
    test_key_requested = Signal(str)
    save_key_requested = Signal(str, bool)  # key, session only
    remove_key_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        validate: Callable[[Settings], dict[str, str]],
        *,
        keyring_problem: str | None,
        key_source: str | None,
        library_dir: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("mjdesk — Settings"))
        self.setMinimumWidth(560)
        self._validate = validate
        self.result_settings: Settings | None = None
        self._original = settings
        layout = QVBoxLayout(self)
        layout.setSpacing(12)

        key_title = QLabel(self.tr("EvoLink API key"))
        key_title.setObjectName("SectionTitle")
        layout.addWidget(key_title)
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(
            self.tr("Paste a new key")
            if key_source
            else self.tr("Paste your key from the EvoLink dashboard")
        )
        self.key.setAccessibleName(self.tr("API key"))
        layout.addWidget(self.key)
        row = QHBoxLayout()
        self.test = QPushButton(self.tr("Test key"))
        self.save_key = QPushButton(self.tr("Save in keyring"))
        self.session = QPushButton(self.tr("Use for this session only"))
        self.remove = QPushButton(self.tr("Remove key"))
        for b in (self.test, self.save_key, self.session, self.remove):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.key_status = QLabel(
            {
                None: self.tr("No key is set."),
                "environment": self.tr(
                    "Using MJDESK_API_KEY from the environment (read-only here)."
                ),
                "keyring": self.tr("A key is saved in the system keyring."),
                "session": self.tr("A key is kept for this session only."),
                "demo": self.tr("Demo mode: the built-in simulator's key is used."),
            }.get(key_source, "")
        )
        self.key_status.setObjectName("Muted")
        self.key_status.setWordWrap(True)
        self.key_status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.key_status)
        if keyring_problem:
            self.save_key.setEnabled(False)
            self.save_key.setToolTip(keyring_problem)
            note = QLabel(
                self.tr(
                    "{problem}. mjdesk never writes the key to a file. Either set the "
                    "MJDESK_API_KEY environment variable before starting mjdesk, or use the key "
                    "for this session only (you will paste it again next time)."
                ).format(problem=keyring_problem)
            )
            note.setObjectName("Banner")
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(note)
        self.test.clicked.connect(lambda: self._key_action(self.test_key_requested.emit))
        self.save_key.clicked.connect(
            lambda: self._key_action(lambda k: self.save_key_requested.emit(k, False))
        )
        self.session.clicked.connect(
            lambda: self._key_action(lambda k: self.save_key_requested.emit(k, True))
        )
        self.remove.clicked.connect(self.remove_key_requested.emit)

        form_title = QLabel(self.tr("Connection and library"))
        form_title.setObjectName("SectionTitle")
        layout.addWidget(form_title)
        form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.api_base = self._line(form, "api_base", self.tr("API base URL"), settings.api_base)
        self.files_base = self._line(
            form, "files_base", self.tr("Files base URL"), settings.files_base
        )
        self.callback = self._line(
            form, "callback_url", self.tr("Callback URL (optional)"), settings.callback_url
        )
        self.callback.setPlaceholderText(self.tr("https://… (polling stays on either way)"))
        library = QLabel(library_dir)
        library.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        library.setToolTip(
            self.tr("Start mjdesk with --library DIR (or MJDESK_LIBRARY) to use another")
        )
        form.addRow(self.tr("Library folder"), library)
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 8)
        self.concurrency.setValue(settings.send_concurrency)
        self._add(form, "send_concurrency", self.tr("Tasks sent at once"), self.concurrency)
        self.max_upload = QSpinBox()
        self.max_upload.setRange(1, 100)
        self.max_upload.setSuffix(self.tr(" MB"))
        self.max_upload.setValue(settings.max_upload_mb)
        self._add(form, "max_upload_mb", self.tr("Largest reference upload"), self.max_upload)
        self.embed = QCheckBox(self.tr("Embed the prompt and settings inside saved images"))
        self.embed.setChecked(settings.embed_metadata)
        self.embed.setToolTip(self.tr("Turn off to keep prompts out of the image files you share"))
        form.addRow(self.tr("Privacy"), self.embed)
        self.appearance = QComboBox()
        for value, text in (
            ("system", self.tr("Follow the system (light or dark)")),
            ("dark", self.tr("Dark")),
            ("light", self.tr("Light")),
        ):
            self.appearance.addItem(text, value)
        found = self.appearance.findData(settings.appearance)
        self.appearance.setCurrentIndex(max(found, 0))
        self.appearance.setAccessibleName(self.tr("Appearance"))
        form.addRow(self.tr("Appearance"), self.appearance)
        layout.addLayout(form)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _line(self, form: QFormLayout, name: str, label: str, value: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setAccessibleName(label)
        self._add(form, name, label, edit)
        return edit

    def _add(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        error = QLabel("")
        theme.set_tone(error, "error")
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.hide()
        col.addWidget(error)
        form.addRow(label, box)
        self.fields[name] = widget
        self.errors[name] = error

    def _key_action(self, action: Callable[[str], Any]) -> None:
        key = self.key.text().strip()
        if not key:
            self.show_key_status(self.tr("Paste a key first"), ok=False)
            return
        action(key)

    def show_key_status(self, message: str, *, ok: bool) -> None:
        self.key_status.setText(message)
        theme.set_tone(self.key_status, "success" if ok else "error")

    def edited(self) -> Settings:
        return replace(
            self._original,
            api_base=self.api_base.text().strip(),
            files_base=self.files_base.text().strip(),
            callback_url=self.callback.text().strip(),
            send_concurrency=self.concurrency.value(),
            max_upload_mb=self.max_upload.value(),
            embed_metadata=self.embed.isChecked(),
            appearance=str(self.appearance.currentData()),
        )

    def _on_save(self) -> None:
        candidate = self.edited()
        problems = self._validate(candidate)
        for name, label in self.errors.items():
            if name in problems:
                label.setText(problems[name])
                label.show()
            else:
                label.hide()
        if problems:
            return
        self.result_settings = candidate
        self.accept()
