"""The create panel's styles: each saved look as a card (a mosaic of its style references,
its name, a warning when a reference file is gone); a click applies it to the prompt (the
words stay the user's; a second style asks which values win where the two differ); "Save as
style…" keeps the look of the prompt as it is; each card's menu renames, duplicates or
deletes (with Undo) it."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.styles import Style, clashes, merge
from . import ops, theme
from .flow import FlowLayout

__all__ = ["StyleCard", "StylesPanel"]


def _look(text: str) -> dict[str, Any]:
    from ..core.prompt import get_param
    from ..core.styles import LOOK_PARAMS

    return {name: get_param(text, name) for name in ("sref", "oref", *LOOK_PARAMS)}


translate = QCoreApplication.translate
CARD = QSize(120, 112)


class StyleCard(QWidget):
    """A style: up to four of its references in a 2×2 mosaic, its name under them."""

    chosen = Signal(int)  # style id
    menu_requested = Signal(int, object)  # style id, global position

    def __init__(self, style_id: int, style: Style, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style_id, self.style_ = style_id, style
        self.pictures: dict[str, QImage] = {}
        self.missing: list[str] = []
        self.setFixedSize(CARD)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("Styles", "Style {name}").format(name=style.name))
        self._tip()

    def _tip(self) -> None:
        params = " ".join(f"--{n}" if v is True else f"--{n} {v}" for n, v in self.style_.params)
        refs = translate("Styles", "{n} style references").format(n=len(self.style_.srefs))
        lines = [self.style_.name, refs, params]
        if self.missing:
            lines.append(
                translate("Styles", "Missing: {files}").format(files=", ".join(self.missing))
            )
        lines.append(translate("Styles", "Click to apply it to the prompt"))
        self.setToolTip("\n".join(x for x in lines if x))

    def set_picture(self, url: str, image: QImage) -> None:
        self.pictures[url] = image
        self.update()

    def set_missing(self, files: list[str]) -> None:
        self.missing = files
        self._tip()
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.chosen.emit(self.style_id)
        elif event.button() == Qt.MouseButton.RightButton:
            self.menu_requested.emit(self.style_id, event.globalPosition().toPoint())

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.chosen.emit(self.style_id)
        elif event.key() == Qt.Key.Key_Menu:
            self.menu_requested.emit(self.style_id, self.mapToGlobal(self.rect().center()))
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QColor(c.accent if self.hasFocus() else c.border))
        p.setBrush(QColor(c.raised))
        p.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 8, 8)
        mosaic = QRect(6, 6, self.width() - 12, 72)
        urls = [r.url for r in self.style_.srefs[:4]] or (
            [self.style_.oref.url] if self.style_.oref else []
        )
        cols = 1 if len(urls) <= 1 else 2
        rows = 1 if len(urls) <= 2 else 2
        w, h = mosaic.width() // cols, mosaic.height() // rows
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for i, url in enumerate(urls):
            cell = QRect(mosaic.left() + (i % cols) * w, mosaic.top() + (i // cols) * h, w, h)
            image = self.pictures.get(url)
            if image is None or image.isNull():
                p.fillRect(cell.adjusted(1, 1, -1, -1), QColor(c.thumb_placeholder))
                continue
            src = QSize(cell.size()).scaled(image.size(), Qt.AspectRatioMode.KeepAspectRatio)
            source = QRect(0, 0, src.width(), src.height())
            source.moveCenter(image.rect().center())
            p.drawImage(cell.adjusted(1, 1, -1, -1), image, source)
        if not urls:
            p.setPen(QColor(c.muted))
            p.drawText(mosaic, Qt.AlignmentFlag.AlignCenter, "--s --ar")
        p.setPen(QColor(c.text))
        name = p.fontMetrics().elidedText(
            self.style_.name, Qt.TextElideMode.ElideRight, self.width() - 12
        )
        p.drawText(QRect(6, 82, self.width() - 12, 16), Qt.AlignmentFlag.AlignLeft, name)
        if self.missing:
            p.setPen(QColor(c.error))
            p.drawText(
                QRect(6, 96, self.width() - 12, 14),
                Qt.AlignmentFlag.AlignLeft,
                translate("Styles", "⚠ {n} file(s) missing").format(n=len(self.missing)),
            )
        p.end()


class StylesPanel(QWidget):
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

    # -- each card's menu --------------------------------------------------------------------

    def _menu(self, style_id: int, where: Any) -> None:
        menu = self.card_menu(style_id)
        menu.exec(where)
        menu.deleteLater()

    def card_menu(self, style_id: int) -> QMenu:
        menu = QMenu(self)
        style = self.cards[style_id].style_
        menu.addAction(self.tr("Apply"), lambda: self.apply(style_id))
        menu.addAction(self.tr("Rename…"), lambda: self._rename(style_id, style))
        menu.addAction(self.tr("Update from the prompt"), lambda: self.update_from_prompt(style_id))
        menu.addAction(
            self.tr("Duplicate"),
            lambda: self._save(replace(style, name=self.tr("{name} copy").format(name=style.name))),
        )
        menu.addAction(self.tr("Export…"), lambda: self._pick_export(style_id))
        menu.addAction(self.tr("Delete"), lambda: self.delete(style_id))
        return menu

    def _pick_export(self, style_id: int) -> None:
        style = self.cards[style_id].style_
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in style.name).strip()
        target, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the style “{name}”").format(name=style.name),
            str(Path.home() / f"{safe or 'style'}.mjstyle"),
            self.tr("mjdesk styles (*.mjstyle)"),
        )
        if target:
            self.export_to(style_id, Path(target))

    def export_to(self, style_id: int, target: Path) -> None:
        """The style and its reference images in one file a colleague can import."""
        style = self.cards[style_id].style_

        def done(left_out: list[str]) -> None:
            said = self.tr("Exported the style “{name}” to {file}").format(
                name=style.name, file=target.name
            )
            if left_out:
                said += self.tr(" ({n} reference(s) could not be fetched: the link only)").format(
                    n=len(left_out)
                )
            self.panel.status_message.emit(said, 6000)

        ops.run(
            self,
            self.service.spawn,
            self.service.styles.export(style, target),
            done,
            failed=lambda exc: self.panel.status_message.emit(
                self.tr("Not exported: {reason}").format(reason=exc), 6000
            ),
            name="export style",
        )

    def _pick_import(self) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a style"), str(Path.home()), self.tr("mjdesk styles (*.mjstyle)")
        )
        if source:
            self.import_from(Path(source))

    def import_from(self, source: Path) -> None:
        ops.run(
            self,
            self.service.spawn,
            self.service.styles.import_file(source),
            lambda style: self.panel.status_message.emit(
                self.tr("Imported the style “{name}”").format(name=style.name), 5000
            ),
            failed=lambda exc: self.panel.status_message.emit(
                self.tr("Not imported: {reason}").format(reason=exc), 8000
            ),
            name="import style",
        )

    def update_from_prompt(self, style_id: int) -> None:
        """The style's look replaced by the prompt's (its name kept): editing a style."""
        style = self.cards[style_id].style_
        editor = self.panel.editor
        look = self.service.styles.look_of(
            style.name, editor.toPlainText(), editor.speed, editor.quality
        )
        if not (look.srefs or look.oref or look.params):
            self.panel.status_message.emit(
                self.tr("The prompt has no look to keep (no references or parameters)"), 6000
            )
            return
        ops.run(
            self,
            self.service.spawn,
            self.service.styles.save(look, style_id),
            lambda _id: self.panel.status_message.emit(
                self.tr("Updated the style “{name}” from the prompt").format(name=style.name),
                4000,
            ),
            name="update style",
        )

    def _rename(self, style_id: int, style: Style) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("mjdesk — Rename style"))
        dialog.setLabelText(self.tr("New name:"))
        dialog.setTextValue(style.name)

        def rename(name: str) -> None:
            if name.strip() and name.strip() != style.name:
                ops.run(
                    self,
                    self.service.spawn,
                    self.service.styles.save(replace(style, name=name.strip()), style_id),
                    failed=lambda exc: self.panel.status_message.emit(str(exc), 6000),
                    name="rename style",
                )

        dialog.textValueSelected.connect(rename)
        dialog.finished.connect(dialog.deleteLater)
        self.asking = dialog
        dialog.open()

    def delete(self, style_id: int) -> None:
        name = self.cards[style_id].style_.name
        self._deleted = (style_id, name)
        ops.run(self, self.service.spawn, self.service.styles.delete(style_id), name="delete")
        self.undo_label.setText(
            self.tr('Deleted “{name}” · <a href="undo">Undo</a>').format(name=name)
        )

    def _undo_delete(self) -> None:
        if self._deleted is None:
            return
        style_id, _name = self._deleted
        self._deleted = None
        self.undo_label.setText("")
        ops.run(
            self,
            self.service.spawn,
            self.service.styles.delete(style_id, restore=True),
            name="undelete",
        )
