"""A style card's menu and what it does: apply, rename, update from the prompt, duplicate,
export to a file, delete (with Undo); and importing a style file. A part of
``StylesPanel``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMenu, QWidget

from ..core.styles import Style
from . import ops

if TYPE_CHECKING:
    from .style_card import StyleCard

    _Base = QWidget
else:
    _Base = object

__all__ = ["StyleActions"]

translate = QCoreApplication.translate


class StyleActions(_Base):
    panel: Any
    service: Any
    cards: dict[int, StyleCard]
    asking: Any
    undo_label: QLabel
    _deleted: tuple[int, str] | None

    def apply(self, style_id: int) -> None:
        raise NotImplementedError

    def _save(self, style: Style) -> None:
        raise NotImplementedError

    # -- each card's menu --------------------------------------------------------------------

    def _menu(self, style_id: int, where: Any) -> None:
        menu = self.card_menu(style_id)
        menu.exec(where)
        menu.deleteLater()

    def card_menu(self, style_id: int) -> QMenu:
        menu = QMenu(self)
        style = self.cards[style_id].style_
        menu.addAction(translate("StylesPanel", "Apply"), lambda: self.apply(style_id))
        menu.addAction(translate("StylesPanel", "Rename…"), lambda: self._rename(style_id, style))
        menu.addAction(
            translate("StylesPanel", "Update from the prompt"),
            lambda: self.update_from_prompt(style_id),
        )
        menu.addAction(
            translate("StylesPanel", "Duplicate"),
            lambda: self._save(
                replace(style, name=translate("StylesPanel", "{name} copy").format(name=style.name))
            ),
        )
        menu.addAction(translate("StylesPanel", "Export…"), lambda: self._pick_export(style_id))
        menu.addAction(translate("StylesPanel", "Delete"), lambda: self.delete(style_id))
        return menu

    def _pick_export(self, style_id: int) -> None:
        style = self.cards[style_id].style_
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in style.name).strip()
        target, _ = QFileDialog.getSaveFileName(
            self,
            translate("StylesPanel", "Export the style “{name}”").format(name=style.name),
            str(Path.home() / f"{safe or 'style'}.mjstyle"),
            translate("StylesPanel", "mjdesk styles (*.mjstyle)"),
        )
        if target:
            self.export_to(style_id, Path(target))

    def export_to(self, style_id: int, target: Path) -> None:
        """The style and its reference images in one file a colleague can import."""
        style = self.cards[style_id].style_

        def done(left_out: list[str]) -> None:
            said = translate("StylesPanel", "Exported the style “{name}” to {file}").format(
                name=style.name, file=target.name
            )
            if left_out:
                said += translate(
                    "StylesPanel", " ({n} reference(s) could not be fetched: the link only)"
                ).format(n=len(left_out))
            self.panel.status_message.emit(said, 6000)

        ops.run(
            self,
            self.service.spawn,
            self.service.styles.export(style, target),
            done,
            failed=lambda exc: self.panel.status_message.emit(
                translate("StylesPanel", "Not exported: {reason}").format(reason=exc), 6000
            ),
            name="export style",
        )

    def _pick_import(self) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self,
            translate("StylesPanel", "Import a style"),
            str(Path.home()),
            translate("StylesPanel", "mjdesk styles (*.mjstyle)"),
        )
        if source:
            self.import_from(Path(source))

    def import_from(self, source: Path) -> None:
        ops.run(
            self,
            self.service.spawn,
            self.service.styles.import_file(source),
            lambda style: self.panel.status_message.emit(
                translate("StylesPanel", "Imported the style “{name}”").format(name=style.name),
                5000,
            ),
            failed=lambda exc: self.panel.status_message.emit(
                translate("StylesPanel", "Not imported: {reason}").format(reason=exc), 8000
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
                translate(
                    "StylesPanel", "The prompt has no look to keep (no references or parameters)"
                ),
                6000,
            )
            return
        ops.run(
            self,
            self.service.spawn,
            self.service.styles.save(look, style_id),
            lambda _id: self.panel.status_message.emit(
                translate("StylesPanel", "Updated the style “{name}” from the prompt").format(
                    name=style.name
                ),
                4000,
            ),
            name="update style",
        )

    def _rename(self, style_id: int, style: Style) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(translate("StylesPanel", "mjdesk — Rename style"))
        dialog.setLabelText(translate("StylesPanel", "New name:"))
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
            translate("StylesPanel", 'Deleted “{name}” · <a href="undo">Undo</a>').format(name=name)
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
