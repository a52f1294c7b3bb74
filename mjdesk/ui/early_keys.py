"""Keys typed before the prompt editor exists: the window appears at once, its panels a moment
later, and every key pressed after it appeared counts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit

_CTRL_OR_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class EarlyKeys:
    def __init__(self) -> None:
        self._text: list[str] = []
        self._submit = False

    def take(self, event: QKeyEvent) -> bool:
        """Keeps a key for the prompt (Ctrl+Enter: for sending it); False for other keys."""
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._submit = True
        elif key == Qt.Key.Key_Backspace:
            if self._text:
                self._text.pop()
        elif event.text() and event.text().isprintable() and not event.modifiers() & _CTRL_OR_ALT:
            self._text.append(event.text())
        else:
            return False
        event.accept()
        return True

    def replay(self, editor: QPlainTextEdit, submit: Callable[[], None]) -> None:
        """Types the kept text at the end of the prompt, then sends it if Ctrl+Enter came."""
        if self._text:
            cursor = editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            cursor.insertText("".join(self._text))
            editor.setTextCursor(cursor)
            self._text.clear()
        if self._submit:
            self._submit = False
            QTimer.singleShot(0, submit)
