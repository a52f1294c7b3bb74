"""The tag editor: the selection's tags shown as words to edit, the word being typed completed
from every tag in the library; tags on only some of the images are named and kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

__all__ = ["TagDialog", "TagLine", "edit_tags"]

translate = QCoreApplication.translate


class TagLine(QLineEdit):
    """Space-separated tags; the word under the cursor is completed from ``names``."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completer_ = QCompleter(QStringListModel(names, self), self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self.complete_word)
        self.textEdited.connect(self._on_edited)

    def _popup(self) -> Any:
        popup = self.completer_.popup()
        assert popup is not None  # a completer always has its list
        return popup

    def _word_span(self) -> tuple[int, int]:
        text, cursor = self.text(), self.cursorPosition()
        start = cursor
        while start > 0 and not text[start - 1].isspace() and text[start - 1] != ",":
            start -= 1
        return start, cursor

    def _on_edited(self, _text: str) -> None:
        start, end = self._word_span()
        word = self.text()[start:end]
        if not word:
            self._popup().hide()
            return
        self.completer_.setCompletionPrefix(word)
        if self.completer_.completionCount():
            self.completer_.complete()
        else:
            self._popup().hide()

    def complete_word(self, name: str) -> None:
        start, end = self._word_span()
        text = self.text()
        self.setText(text[:start] + name + " " + text[end:].lstrip())
        self.setCursorPosition(start + len(name) + 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._popup()
        if popup.isVisible() and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Return):
            index = popup.currentIndex()
            if not index.isValid():
                index = self.completer_.completionModel().index(0, 0)
            self.complete_word(str(index.data()))
            popup.hide()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        if self._popup().isVisible():
            return False  # Tab completes while the list is open
        return super().focusNextPrevChild(next)

    def words(self) -> list[str]:
        return [w for w in self.text().replace(",", " ").split() if w]


class TagDialog(QDialog):
    """Tags of ``count`` images: ``common`` to edit, ``partial`` named and kept."""

    def __init__(
        self,
        count: int,
        common: list[str],
        partial: list[str],
        names: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("mjdesk — Tags of 1 image")
            if count == 1
            else self.tr("mjdesk — Tags of {n} images").format(n=count)
        )
        self.common = common
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Tags, separated by spaces (Tab completes a tag you have used):"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.line = TagLine(names)
        self.line.setText(" ".join(common) + (" " if common else ""))
        self.line.setAccessibleName(self.tr("Tags"))
        layout.addWidget(self.line)
        if partial:
            some = QLabel(
                self.tr("On some of them (kept): {tags}").format(tags=", ".join(partial[:12]))
            )
            some.setObjectName("Muted")
            some.setWordWrap(True)
            layout.addWidget(some)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def changes(self) -> tuple[list[str], list[str]]:
        """(added, removed) against the tags every image had."""
        words = self.line.words()
        return [w for w in words if w not in self.common], [
            t for t in self.common if t not in words
        ]


def edit_tags(tab: Any, ids: list[int]) -> None:
    """Reads the selection's tags and the library's (off the GUI thread), then opens the
    editor; its changes become one undoable bulk action."""
    if not ids:
        return
    gallery = tab.service.gallery

    async def load() -> tuple[dict[str, int], list[str]]:
        return await gallery.tags_of(ids), await gallery.tag_names()

    def show(found: tuple[dict[str, int], list[str]] | None) -> None:
        if found is None:
            return
        counts, names = found
        common = sorted((t for t, n in counts.items() if n == len(ids)), key=str.casefold)
        partial = sorted((t for t, n in counts.items() if n < len(ids)), key=str.casefold)
        dialog = TagDialog(len(ids), common, partial, names, tab.panel)
        tab.tag_dialog = dialog  # tests and the window find it open

        def apply() -> None:
            add, remove = dialog.changes()
            if add or remove:
                tab.tag(ids, add, remove)

        dialog.accepted.connect(apply)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    tab._run(load(), show, "tags")
