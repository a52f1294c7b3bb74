"""The create panel's prompt presets: a menu of saved fragments (inserted at the cursor, or
wrapped around the selection, their first placeholder selected to type over), and the
selection — or the whole prompt — saved as a new one."""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog, QMenu, QPushButton, QWidget

from ..core.presets import fill_preset

__all__ = ["PresetsButton", "insert_preset"]


def insert_preset(editor: Any, fragment: str) -> None:
    """Puts a preset in the prompt where the user is: the selection fills its first
    placeholder; the next placeholder is selected so typing replaces it. Its parameters
    (from the first ``--``) go after the prompt's own, where parameters belong."""
    cursor: QTextCursor = editor.textCursor()
    prose, dashes, params = fragment.partition(" --")
    if not dashes and fragment.startswith("--"):
        prose, params = "", fragment[2:]
        dashes = "--"
    text, span = fill_preset(prose, cursor.selectedText())
    start = cursor.selectionStart()
    cursor.beginEditBlock()  # one undo step (Ctrl+Z takes the whole preset back)
    cursor.insertText(text)
    if params:
        _set_params(editor, " --" + params.strip() if dashes else params)
    cursor.endEditBlock()
    if span is not None:
        cursor.setPosition(start + span[0])
        cursor.setPosition(start + span[1], QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()


def _set_params(editor: Any, params: str) -> None:
    """The preset's parameters set in the prompt (one it already has takes the preset's
    value); what the analyser cannot read goes at the end as typed, to be underlined."""
    from ..core.prompt import analyze, set_param

    parsed = analyze("x" + params, editor.speed, editor.quality)
    whole = QTextCursor(editor.document())
    whole.select(QTextCursor.SelectionType.Document)
    text = editor.toPlainText()
    if parsed.ok and parsed.params:
        for name, value in parsed.params.items():
            if name == "sref" and isinstance(value, list):
                value = " ".join(value)
            text = set_param(text, name, value)
    else:
        text = text.rstrip() + params
    whole.insertText(text)


class PresetsButton(QPushButton):
    def __init__(self, panel: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.setText(self.tr("Presets"))
        self.setToolTip(
            self.tr("Saved prompt fragments: insert one at the cursor, or around the selection")
        )
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self.fill_menu)
        self.asking: Any = None

    def fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        presets = self.panel.service.settings.prompt_presets
        for preset in presets:
            act = menu.addAction(str(preset["name"]))
            act.setToolTip(str(preset["text"]))
            act.triggered.connect(
                lambda _=False, t=str(preset["text"]): insert_preset(self.panel.editor, t)
            )
        if not presets:
            none = menu.addAction(self.tr("No presets yet"))
            none.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.tr("Save as preset…"), self.save_selection)
        if presets:
            delete = menu.addMenu(self.tr("Delete a preset"))
            for preset in presets:
                name = str(preset["name"])
                delete.addAction(
                    name, functools.partial(self.panel.service.connection.delete_preset, name)
                )

    def save_selection(self) -> None:
        """The selected words (or the whole prompt) kept as a preset; {subject} style
        placeholders in it are filled when it is inserted."""
        editor = self.panel.editor
        text = editor.textCursor().selectedText() or editor.toPlainText()
        text = text.replace("\u2029", " ").strip()
        if not text:
            self.panel.status_message.emit(self.tr("Type or select the words to keep"), 4000)
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("mjdesk — Save as preset"))
        dialog.setLabelText(
            self.tr("Name of the preset (write {subject} in it where the selection goes):")
        )

        def save(name: str) -> None:
            if name.strip():
                self.panel.service.connection.save_preset(name.strip()[:80], text[:4000])
                self.panel.status_message.emit(
                    self.tr("Saved the preset “{name}”").format(name=name.strip()), 4000
                )

        dialog.textValueSelected.connect(save)
        dialog.finished.connect(dialog.deleteLater)
        self.asking = dialog
        dialog.open()
