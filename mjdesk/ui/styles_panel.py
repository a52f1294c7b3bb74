"""The create panel's styles: each saved look as a card (a mosaic of its style references,
its name, a warning when a reference file is gone); a click applies it to the prompt (the
words stay the user's; a second style asks which values win where the two differ); "Save as
style…" keeps the look of the prompt as it is; each card's menu renames, duplicates or
deletes (with Undo) it."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.styles import Style, clashes, merge
from . import ops
from .flow import FlowLayout
from .style_actions import StyleActions
from .style_card import StyleCard

__all__ = ["StylesPanel"]


def _look(text: str) -> dict[str, Any]:
    from ..core.prompt import get_param
    from ..core.styles import LOOK_PARAMS

    return {name: get_param(text, name) for name in ("sref", "oref", *LOOK_PARAMS)}


translate = QCoreApplication.translate
CARD = QSize(120, 112)


class StylesPanel(StyleActions, QWidget):
    """The cards, Save as style…, and the applying (through the create panel's editor)."""

    def __init__(self, panel: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel  # the create panel: its editor, its service, its status line
        self.service = panel.service
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.cards_layout = FlowLayout(spacing=8)
        layout.addLayout(self.cards_layout)
        self.empty = QLabel(
            self.tr(
                "Save a prompt's look — its style references, weights and parameters — and "
                "apply it to any prompt with one click."
            )
        )
        self.empty.setObjectName("Muted")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save as style…"))
        self.save_button.setToolTip(
            self.tr("Keep this prompt's style references, weights and parameters as a style")
        )
        self.save_button.clicked.connect(self.save_current)
        row.addWidget(self.save_button)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Add a style a colleague exported (.mjstyle)"))
        self.import_button.clicked.connect(self._pick_import)
        row.addWidget(self.import_button)
        self.undo_label = QLabel("")
        self.undo_label.setTextFormat(Qt.TextFormat.RichText)
        self.undo_label.linkActivated.connect(lambda _l: self._undo_delete())
        row.addWidget(self.undo_label, 1)
        layout.addLayout(row)
        self.cards: dict[int, StyleCard] = {}
        self.applied: Style | None = None  # the look applied since the last send
        self.asking: Any = None  # a question while it is open (tests answer it)
        self._deleted: tuple[int, str] | None = None
        self.service.styles.styles_changed.connect(self.refresh)
        self._applied_look: dict[str, Any] = {}  # the prompt's look right after applying

    # -- the cards ---------------------------------------------------------------------------

    def refresh(self) -> None:
        ops.run(self, self.service.spawn, self.service.styles.styles(), self._show, name="styles")

    def _show(self, styles: list[tuple[int, Style]]) -> None:
        for card in self.cards.values():
            self.cards_layout.removeWidget(card)
            card.deleteLater()
        self.cards = {}
        for sid, style in styles:
            card = StyleCard(sid, style)
            card.chosen.connect(self.apply)
            card.menu_requested.connect(self._menu)
            self.cards_layout.addWidget(card)
            self.cards[sid] = card
            for ref in [*style.srefs[:4], *([style.oref] if style.oref else [])]:
                ops.run(
                    card,
                    self.service.spawn,
                    self.service.uploads.preview(ref.url),
                    functools.partial(card.set_picture, ref.url),
                    name="style preview",
                )
            ops.run(
                card,
                self.service.spawn,
                self.service.styles.missing_files(style),
                card.set_missing,
                name="style files",
            )
        self.empty.setVisible(not styles)

    # -- saving and applying -----------------------------------------------------------------

    def save_current(self) -> None:
        editor = self.panel.editor
        look = self.service.styles.look_of("", editor.toPlainText(), editor.speed, editor.quality)
        if look.empty or not (look.srefs or look.oref or look.params):
            self.panel.status_message.emit(
                self.tr("Nothing to keep yet: add style references or parameters to the prompt"),
                6000,
            )
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("mjdesk — Save as style"))
        dialog.setLabelText(self.tr("Name of the style:"))
        dialog.textValueSelected.connect(lambda name: self._save(replace(look, name=name)))
        dialog.finished.connect(dialog.deleteLater)
        self.asking = dialog
        dialog.open()

    def _save(self, style: Style) -> None:
        name = " ".join(style.name.split())
        if not name:
            return
        style = replace(style, name=name)

        def failed(exc: Exception) -> None:
            self.panel.status_message.emit(self.tr("Not saved: {reason}").format(reason=exc), 6000)

        ops.run(
            self,
            self.service.spawn,
            self.service.styles.save(style),
            lambda _id: self.panel.status_message.emit(
                self.tr("Saved the style “{name}”").format(name=name), 4000
            ),
            failed=failed,
            name="save style",
        )

    def apply(self, style_id: int) -> None:
        card = self.cards.get(style_id)
        if card is None:
            return
        style = card.style_
        earlier = self.applied
        if earlier is not None and earlier.name != style.name and clashes(earlier, style):
            self._ask_which_wins(earlier, style)
            return
        self._apply(style)

    def _ask_which_wins(self, earlier: Style, style: Style) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("mjdesk — Two styles"))
        box.setText(
            self.tr("“{a}” and “{b}” both set {what}. Which one's values win?").format(
                a=earlier.name,
                b=style.name,
                what=", ".join(
                    w if w in ("speed", "quality") else f"--{w}" for w in clashes(earlier, style)
                ),
            )
        )
        new = box.addButton(style.name, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(earlier.name, QMessageBox.ButtonRole.RejectRole)

        def answered(_result: int) -> None:
            self._apply(merge(earlier, style, second_wins=box.clickedButton() is new))

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.asking = box
        box.open()

    def _apply(self, style: Style) -> None:
        editor = self.panel.editor
        text = editor.toPlainText()
        if any(r.path for r in (*style.srefs, *([style.oref] if style.oref else []))):
            self.panel.status_message.emit(
                self.tr("Applying “{name}”: its reference files are uploaded if needed…").format(
                    name=style.name
                ),
                0,
            )

        def done(new_text: str) -> None:
            if style.speed or style.quality:
                editor.set_modes(style.speed or editor.speed, style.quality or editor.quality)
            self.panel._rewrite(new_text)
            self.applied = style
            self._applied_look = _look(new_text)
            self.panel.status_message.emit(
                self.tr("Applied the style “{name}” (Ctrl+Z in the prompt takes it back)").format(
                    name=style.name
                ),
                5000,
            )

        def failed(exc: Exception) -> None:
            self.panel.status_message.emit(
                self.tr("The style “{name}” was not applied: {reason}").format(
                    name=style.name, reason=exc
                ),
                8000,
            )

        ops.run(
            self,
            self.service.spawn,
            self.service.styles.apply(text, style),
            done,
            failed=failed,
            name="apply style",
        )

    def _forget_applied(self) -> None:
        self.applied = None
        self._applied_look = {}

    def style_of(self, text: str) -> str | None:
        """The style a prompt about to be sent carries: the one applied last, as long as its
        look (references and parameters) is still the prompt's."""
        if self.applied is None or _look(text) != self._applied_look:
            return None
        return self.applied.name

    def sent(self) -> None:
        """A prompt went: the next one starts without a style."""
        self._forget_applied()
