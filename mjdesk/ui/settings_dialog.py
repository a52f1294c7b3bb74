"""Settings, in the order a designer looks for them: the API key (keyring only, masked, test,
remove); the defaults a new session starts from (speed and quality); the library (its folder,
the largest reference upload, whether saved images carry their prompt); the appearance; and,
last, the advanced connection settings (base URLs, callback URL, tasks sent at once). Edits a
copy; applies on Save."""

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
    QTabWidget,
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
        outer = QVBoxLayout(self)
        outer.setSpacing(12)
        self.pages = QTabWidget()
        outer.addWidget(self.pages, 1)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        key_page = QWidget()
        layout = QVBoxLayout(key_page)
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

        layout.addStretch(1)
        self.pages.addTab(key_page, self.tr("Key"))

        defaults = self._page(self.tr("Defaults"))
        self.default_speed = QComboBox()
        for value, text in (
            ("fast", self.tr("Fast")),
            ("turbo", self.tr("Turbo")),
            ("draft", self.tr("Draft")),
        ):
            self.default_speed.addItem(text, value)
        self.default_speed.setCurrentIndex(max(self.default_speed.findData(settings.speed), 0))
        self._add(defaults, "speed", self.tr("Speed"), self.default_speed)
        self.default_quality = QComboBox()
        for value, text in (("standard", self.tr("Standard")), ("hd", self.tr("HD"))):
            self.default_quality.addItem(text, value)
        self.default_quality.setCurrentIndex(
            max(self.default_quality.findData(settings.quality), 0)
        )
        self._add(defaults, "quality", self.tr("Quality"), self.default_quality)
        hint = QLabel(
            self.tr(
                "A new session starts with these modes. Parameters such as --ar and --s stay in "
                "the prompt you write, so what is sent is always what you see."
            )
        )
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        defaults.addRow(hint)

        library_form = self._page(self.tr("Library"))
        library = QLabel(library_dir)
        library.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        library.setToolTip(
            self.tr("Start mjdesk with --library DIR (or MJDESK_LIBRARY) to use another")
        )
        library_form.addRow(self.tr("Library folder"), library)
        self.max_upload = QSpinBox()
        self.max_upload.setRange(1, 100)
        self.max_upload.setSuffix(self.tr(" MB"))
        self.max_upload.setValue(settings.max_upload_mb)
        self._add(
            library_form, "max_upload_mb", self.tr("Largest reference upload"), self.max_upload
        )
        self.embed = QCheckBox(self.tr("Embed the prompt and settings inside saved images"))
        self.embed.setChecked(settings.embed_metadata)
        self.embed.setToolTip(self.tr("Turn off to keep prompts out of the image files you share"))
        library_form.addRow(self.tr("Privacy"), self.embed)

        looks = self._page(self.tr("Appearance"))
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
        looks.addRow(self.tr("Appearance"), self.appearance)

        advanced = self._page(self.tr("Advanced"))
        self.api_base = self._line(advanced, "api_base", self.tr("API base URL"), settings.api_base)
        self.files_base = self._line(
            advanced, "files_base", self.tr("Files base URL"), settings.files_base
        )
        self.callback = self._line(
            advanced, "callback_url", self.tr("Callback URL (optional)"), settings.callback_url
        )
        self.callback.setPlaceholderText(self.tr("https://… (polling stays on either way)"))
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 8)
        self.concurrency.setValue(settings.send_concurrency)
        self._add(advanced, "send_concurrency", self.tr("Tasks sent at once"), self.concurrency)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def _page(self, title: str) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        form.setVerticalSpacing(10)
        self.pages.addTab(page, title)
        return form

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
            speed=str(self.default_speed.currentData()),
            quality=str(self.default_quality.currentData()),
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
        if problems:  # show the first page with a problem
            for index in range(self.pages.count()):
                page = self.pages.widget(index)
                fields = [self.fields[n] for n in problems if n in self.fields]
                if page is not None and any(page.isAncestorOf(f) for f in fields):
                    self.pages.setCurrentIndex(index)
                    break
            return
        self.result_settings = candidate
        self.accept()
