"""The prompt editor: Midjourney syntax highlighting, live diagnostics with one-click fixes,
completion of parameter names and values, history, and Ctrl+Enter to submit."""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPoint, QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..core.prompt import SPECS, Diagnostic, PromptAnalysis, analyze
from ..services.words import say
from . import theme
from .prompt_highlight import PromptHighlighter, from_utf16, paint_folds, refold, utf16

translate = QCoreApplication.translate

VALUE_HINTS: dict[str, list[str]] = {
    "ar": ["1:1", "4:5", "2:3", "3:4", "9:16", "16:9", "3:2", "4:3", "21:9"],
    "s": ["0", "50", "100", "250", "500", "750", "1000"],
    "c": ["0", "10", "25", "50", "100"],
    "exp": ["0", "5", "10", "25", "50", "100"],
    "iw": ["0.5", "1", "1.5", "2", "3"],
    "sw": ["50", "100", "200", "400", "1000"],
    "ow": ["50", "100", "200", "400"],
    "r": ["2", "4", "8"],
}
PARAM_WORDS = sorted(
    {f"--{s.name}" for s in SPECS if s.kind != "blocked"}
    | {f"--{a}" for s in SPECS if s.kind != "blocked" for a in s.aliases}
)


class PromptEditor(QPlainTextEdit):
    analysis_changed = Signal(object)  # PromptAnalysis
    submit_requested = Signal()
    history_requested = Signal()
    image_dropped = Signal(str)  # a local image file dropped on the prompt: restore its settings

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PromptEditor")
        self.setPlaceholderText(
            self.tr("Describe an image…  e.g. a lighthouse at dusk, oil painting --ar 3:2 --s 400")
        )
        self.setAccessibleName(self.tr("Prompt"))
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._highlighter = PromptHighlighter(self.document())
        self._speed = "fast"
        self._quality = "standard"
        self.analysis: PromptAnalysis = analyze("", self._speed, self._quality)
        self._history: list[str] = []
        self._history_pos = -1
        self._completer = QCompleter(self)
        self._completer.setWidget(self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer_model = QStringListModel(self)
        self._completer.setModel(self._completer_model)
        self._completer.activated.connect(self._on_completer_activated)
        popup = self._completer.popup()
        if popup is not None:  # a window of its own: it needs a background of its own
            popup.setObjectName("CompletionPopup")
        self.textChanged.connect(self._on_text_changed)
        self.cursorPositionChanged.connect(self._refold)
        theme.notifier().changed.connect(self._on_scheme)

    def _refold(self) -> None:
        """Long URLs are drawn short, except the one the cursor is in while editing."""
        refold(self, self._highlighter)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().paintEvent(event)
        paint_folds(self, self._highlighter)

    def _on_scheme(self, scheme: theme.Scheme) -> None:
        self._highlighter.set_scheme(scheme)
        self._highlighter.rehighlight()
        self._underline(self.analysis.diagnostics)

    # -- modes and analysis ------------------------------------------------------------------

    @property
    def speed(self) -> str:
        return self._speed

    @property
    def quality(self) -> str:
        return self._quality

    def set_modes(self, speed: str, quality: str) -> None:
        if (speed, quality) != (self._speed, self._quality):
            self._speed, self._quality = speed, quality
            self.reanalyse()

    def reanalyse(self) -> None:
        self.analysis = analyze(self.toPlainText(), self._speed, self._quality)
        self._underline(self.analysis.diagnostics)
        self.analysis_changed.emit(self.analysis)

    def _on_text_changed(self) -> None:
        self.reanalyse()
        self._update_completion()

    def _underline(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        text = self.toPlainText()
        c = theme.current()
        selections = []
        for d in diagnostics:
            start, end = d.start, max(d.end, d.start + 1)
            if start >= len(text) and text:
                start, end = len(text) - 1, len(text)
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(c.tone(d.severity)))
            sel.format = fmt
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16(text, start))
            cursor.setPosition(utf16(text, min(end, len(text))), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
        self.setExtraSelections(selections)

    def diagnostics_at(self, index: int) -> list[Diagnostic]:
        return [d for d in self.analysis.diagnostics if d.start <= index < max(d.end, d.start + 1)]

    # -- editing helpers ---------------------------------------------------------------------

    def replace_text(self, new: str) -> None:
        """Changes only the characters that differ (keeps the cursor and the undo history)."""
        old = self.toPlainText()
        if new == old:
            return
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
            suffix += 1
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(utf16(old, prefix))
        cursor.setPosition(utf16(old, len(old) - suffix), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new[prefix : len(new) - suffix])
        cursor.endEditBlock()

    def apply_fix(self, diagnostic: Diagnostic) -> None:
        self.replace_text(diagnostic.apply_fix(self.toPlainText()))

    # -- history -----------------------------------------------------------------------------

    def set_history(self, prompts: list[str]) -> None:
        self._history = prompts
        self._history_pos = -1

    def remember(self, prompt: str) -> None:
        if prompt in self._history:
            self._history.remove(prompt)
        self._history.insert(0, prompt)
        self._history_pos = -1

    def _step_history(self, step: int) -> bool:
        if not self._history:
            return False
        pos = self._history_pos + step
        if pos < -1 or pos >= len(self._history):
            return True
        self._history_pos = pos
        self.setPlainText("" if pos == -1 else self._history[pos])
        self.moveCursor(QTextCursor.MoveOperation.End)
        self._history_pos = pos
        return True

    # -- keys, tooltips, menu ----------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = [u.toLocalFile() for u in source.urls() if u.isLocalFile()]
        if files:
            self.image_dropped.emit(files[0])
            return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        popup = self._completer.popup()
        if (
            popup is not None
            and popup.isVisible()
            and key
            in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
                Qt.Key.Key_Tab,
                Qt.Key.Key_Escape,
            )
        ):
            if key == Qt.Key.Key_Escape:
                popup.hide()
            else:
                index = popup.currentIndex()
                if index.isValid():
                    self._on_completer_activated(index.data())
                popup.hide()
            return
        mods = event.modifiers()
        submit_mod = (
            Qt.KeyboardModifier.MetaModifier
            if sys.platform == "darwin"
            else Qt.KeyboardModifier.ControlModifier
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods & (
            submit_mod | Qt.KeyboardModifier.ControlModifier
        ):
            self.submit_requested.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
            # a prompt is one line: Enter without Ctrl inserts a space, never a newline
            self.insertPlainText(" ")
            return
        at_history = not self.toPlainText() or self._history_pos >= 0
        if key == Qt.Key.Key_Up and not mods and at_history and self._step_history(+1):
            return
        if key == Qt.Key.Key_Down and not mods and at_history and self._step_history(-1):
            return
        if key == Qt.Key.Key_H and mods == Qt.KeyboardModifier.ControlModifier:
            self.history_requested.emit()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            cursor = self.cursorForPosition(pos)
            index = from_utf16(self.toPlainText(), cursor.position())
            found = self.diagnostics_at(index) or self.diagnostics_at(max(0, index - 1))
            if found:
                severities = {
                    "error": self.tr("Error"),
                    "warning": self.tr("Warning"),
                    "info": self.tr("Note"),
                }
                hint = self.tr("(right-click to fix)")
                body = "".join(
                    f"<p><b>{severities.get(d.severity, d.severity)}</b>: "
                    f"{html.escape(say(d.message))}"
                    + (f" <i>{html.escape(hint)}</i>" if d.fix is not None else "")
                    + "</p>"
                    for d in found
                )
                QToolTip.showText(event.globalPos(), body, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        handled = super().event(event)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._refold()
        return handled

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        menu = self.createStandardContextMenu()
        cursor = self.cursorForPosition(event.pos())
        index = from_utf16(self.toPlainText(), cursor.position())
        fixes = [d for d in self.diagnostics_at(index) if d.fix is not None]
        if fixes:
            first = menu.actions()[0] if menu.actions() else None
            for d in fixes:
                action = menu.addAction(fix_label(d))
                action.triggered.connect(lambda _=False, d=d: self.apply_fix(d))
                if first is not None:
                    menu.insertAction(first, action)
            if first is not None:
                menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- completion --------------------------------------------------------------------------

    def _word_before_cursor(self) -> tuple[str, int]:
        text = self.toPlainText()
        pos = from_utf16(text, self.textCursor().position())
        start = pos
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        return text[start:pos], start

    def _update_completion(self) -> None:
        if not self.hasFocus():
            return
        word, start = self._word_before_cursor()
        text = self.toPlainText()
        options: list[str] = []
        if word.startswith("--") and len(word) >= 2:
            options = [w for w in PARAM_WORDS if w.startswith(word.lower()) and w != word.lower()]
        else:
            before = text[:start].rstrip().split()
            if before and before[-1].startswith("--"):
                from ..core.prompt import lookup

                spec = lookup(before[-1][2:])
                hints = VALUE_HINTS.get(spec.name, []) if spec else []
                options = [h for h in hints if h.startswith(word) and h != word]
        popup = self._completer.popup()
        if not options:
            if popup is not None:
                popup.hide()
            return
        self._completer_model.setStringList(options)
        self._completer.setCompletionPrefix("")
        rect = self.cursorRect()
        rect.translate(self.viewport().pos() + QPoint(0, 4))  # under the line, not over it
        rect.setWidth(180)
        self._completer.complete(rect)

    def _on_completer_activated(self, value: str) -> None:
        word, _ = self._word_before_cursor()
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(word)
        )
        cursor.insertText(value + " ")
        self.setTextCursor(cursor)


def fix_label(d: Diagnostic) -> str:
    """The words of a fix's button: "Fix: remove it", "Fix: use “--raw”"."""
    if d.fix == "":
        return translate("PromptEditor", "Fix: remove it")
    if d.fix is not None and len(d.fix) <= 24:
        return translate("PromptEditor", "Fix: use “{text}”").format(text=d.fix)
    return translate("PromptEditor", "Fix: rewrite the prompt")


class DiagnosticsList(QWidget):
    """The prompt's problems in words, each with its one-click fix."""

    def __init__(self, editor: PromptEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(4)

    def show_analysis(self, analysis: PromptAnalysis | None) -> None:
        while self.box.count():
            item = self.box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        found = analysis.diagnostics if analysis is not None else ()
        shown = [d for d in found if d.severity != "info"][:4]
        shown += [d for d in found if d.severity == "info"][: 4 - len(shown)]
        for d in shown:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(say(d.message))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            theme.set_tone(label, d.severity)
            line.addWidget(label, 1)
            if d.fix is not None:
                fix = QPushButton(fix_label(d))
                fix.setAccessibleName(self.tr("Fix: {problem}").format(problem=say(d.message)))
                fix.clicked.connect(lambda _=False, d=d: self.editor.apply_fix(d))
                line.addWidget(fix)
            self.box.addWidget(row)
        self.setVisible(bool(shown))
