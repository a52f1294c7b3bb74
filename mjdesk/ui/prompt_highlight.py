"""How the prompt looks: Midjourney syntax in colour, and long URLs folded.

A reference URL is sent whole, and the text in the editor stays exactly what is sent, but a
URL of 40 characters or more is drawn short — its host, "…", and the end of its file name —
unless the cursor is inside it (then it opens to be edited). Folding is only drawing: the
hidden characters are set in a 1-point transparent font, and the editor paints the "…" over
the room the first of them keeps (``paint_folds``). Copying, selecting and sending see the
whole URL.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit

from . import theme

__all__ = [
    "FOLD_FROM",
    "PromptHighlighter",
    "folds",
    "from_utf16",
    "paint_folds",
    "refold",
    "utf16",
]

URL_RE = re.compile(r"<?https?://[^\s<>]+>?", re.IGNORECASE)
_PARAM_RE = re.compile(r"(?:(?<=\s)|^)(?:--|\u2014|\u2013)[A-Za-z][A-Za-z0-9]*")
_BRACE_RE = re.compile(r"[{},]")
_MULTI_RE = re.compile(r"::-?[\d.]*")

FOLD_FROM = 40  # characters: a URL this long or longer is drawn short
_NAME_KEEP = 16  # characters of a long file name kept at its end
_ELLIPSIS = "…"


def utf16(text: str, index: int) -> int:
    """Python's code-point offset as Qt's UTF-16 position."""
    head = text[:index]
    return index + sum(1 for ch in head if ord(ch) > 0xFFFF)


def from_utf16(text: str, position: int) -> int:
    count = 0
    for i, ch in enumerate(text):
        if count >= position:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def folds(text: str, keep: int | None = None) -> list[tuple[int, int]]:
    """The spans (start, end; code points) hidden in each long URL of ``text``: from after
    ``host/`` to the last ``_NAME_KEEP`` characters of its file name. A URL holding ``keep``
    (the cursor) is not folded."""
    out = []
    for m in URL_RE.finditer(text):
        url = m.group()
        if len(url) < FOLD_FROM or (keep is not None and m.start() <= keep <= m.end()):
            continue
        netloc = urlsplit(url.strip("<>")).netloc
        head = url.find(netloc) + len(netloc) + 1 if netloc else 0
        tail = max(url.rfind("/") + 1, len(url) - _NAME_KEEP)
        if tail - head >= 6:
            out.append((m.start() + head, m.start() + tail))
    return out


def _fmt(colour: str, *, bold: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(colour))
    if bold:
        f.setFontWeight(600)
    return f


class PromptHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.keep: tuple[int, int] | None = None  # (block number, cursor index): not folded
        self.folded: dict[int, list[tuple[int, int]]] = {}  # block number → UTF-16 spans
        self.set_scheme(theme.current())

    def set_scheme(self, c: theme.Scheme) -> None:
        self.url = _fmt(c.url)
        self.param = _fmt(c.accent if not c.dark else c.accent_hover, bold=True)
        self.value = _fmt(c.value)
        self.brace = _fmt(c.warning, bold=True)
        self.multi = _fmt(c.error, bold=True)
        self.url_colour = QColor(c.url)

    def highlightBlock(self, text: str) -> None:
        def paint(start: int, end: int, fmt: QTextCharFormat) -> None:
            a = utf16(text, start)
            self.setFormat(a, utf16(text, end) - a, fmt)

        for m in URL_RE.finditer(text):
            paint(m.start(), m.end(), self.url)
        params = list(_PARAM_RE.finditer(text))
        for i, m in enumerate(params):
            paint(m.start(), m.end(), self.param)
            end = params[i + 1].start() if i + 1 < len(params) else len(text)
            value = text[m.end() : end]
            if value.strip() and not URL_RE.search(value):
                paint(m.end(), end, self.value)
        for m in _BRACE_RE.finditer(text):
            if m.group() != "," or _inside_braces(text, m.start()):
                paint(m.start(), m.start() + 1, self.brace)
        for m in _MULTI_RE.finditer(text):
            paint(m.start(), m.end(), self.multi)
        self._fold(text)

    def _fold(self, text: str) -> None:
        block = self.currentBlock().blockNumber()
        keep = self.keep[1] if self.keep is not None and self.keep[0] == block else None
        spans = folds(text, keep)
        if not spans:
            self.folded.pop(block, None)
            return
        hidden = QTextCharFormat()
        hidden.setFontPointSize(1)
        hidden.setForeground(QColor(0, 0, 0, 0))
        room = QTextCharFormat(hidden)  # the first hidden character keeps room for the "…"
        room.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        font = self.document().defaultFont()
        room.setFontLetterSpacing(QFontMetricsF(font).horizontalAdvance(_ELLIPSIS))
        placed = []
        for start, end in spans:
            a, b = utf16(text, start), utf16(text, end)
            self.setFormat(a, b - a, hidden)
            self.setFormat(a, 1, room)
            placed.append((a, b))
        self.folded[block] = placed


def refold(editor: QPlainTextEdit, highlighter: PromptHighlighter) -> None:
    """Keeps open the URL the cursor is in while the editor is being edited (its window's
    focus widget, even when the window is not active); folds the others."""
    cursor = editor.textCursor()
    block = cursor.block()
    keep = None
    if editor.window().focusWidget() is editor:
        keep = (block.blockNumber(), from_utf16(block.text(), cursor.positionInBlock()))
    old, highlighter.keep = highlighter.keep, keep
    for number in {k[0] for k in (old, keep) if k is not None and old != keep}:
        highlighter.rehighlightBlock(editor.document().findBlockByNumber(number))


def paint_folds(editor: QPlainTextEdit, highlighter: PromptHighlighter) -> None:
    """Draws "…" where each folded URL's middle is (on the editor's viewport, after it has
    painted its text)."""
    if not highlighter.folded:
        return
    doc = editor.document()
    painter = QPainter(editor.viewport())
    painter.setPen(highlighter.url_colour)
    painter.setFont(editor.font())
    metrics = QFontMetricsF(editor.font())
    for number, spans in highlighter.folded.items():
        block = doc.findBlockByNumber(number)
        if not block.isValid():
            continue
        for start, end in spans:
            cursor = QTextCursor(doc)
            cursor.setPosition(block.position() + start)
            left = editor.cursorRect(cursor)
            cursor.setPosition(block.position() + end)
            right = editor.cursorRect(cursor)
            if left.top() != right.top():  # wrapped between the two: draw at the start
                right = left.translated(int(metrics.horizontalAdvance(_ELLIPSIS)) + 2, 0)
            x = (left.x() + right.x() - metrics.horizontalAdvance(_ELLIPSIS)) / 2
            painter.drawText(int(x), int(left.bottom() - metrics.descent()), _ELLIPSIS)
    painter.end()


def _inside_braces(text: str, pos: int) -> bool:
    depth = 0
    for ch in text[:pos]:
        if ch == "{":
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
    return depth > 0
