"""The library grid's mouse and keys: the rubber band dragged from between tiles, hover, a
stack's badge, and the keys that act on the selection (0–5, F, T, M, E, Delete, Enter,
Ctrl+Z, Ctrl+ + / −, Space on a stack, Escape). A part of ``GalleryView``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView

from .gallery import GalleryModel, ItemRole
from .justified import JustifiedLayout

if TYPE_CHECKING:
    _Base = QAbstractItemView
else:
    _Base = object

Cursor = QAbstractItemView.CursorAction

__all__ = ["GridInput"]


class GridInput(_Base):
    gallery: GalleryModel
    layout_: JustifiedLayout
    cell: int
    _hover: int
    _band_origin: QPoint | None
    _band: QRect
    rating_requested: Any  # the view's signals
    favourite_requested: Any
    trash_requested: Any
    open_requested: Any
    edit_requested: Any
    selection_counted: Any
    undo_requested: Any
    tags_requested: Any
    project_requested: Any
    stack_toggled: Any

    def set_cell(self, cell: int) -> None:
        raise NotImplementedError

    # -- keyboard moves (Qt asks) -------------------------------------------------------------

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        count = self.layout_.count
        if not count:
            return QModelIndex()
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        if current < 0:
            return self.gallery.index(0, 0)
        pos = current
        if action in (Cursor.MoveLeft, Cursor.MovePrevious):
            pos = current - 1
        elif action in (Cursor.MoveRight, Cursor.MoveNext):
            pos = current + 1
        elif action in (Cursor.MoveUp, Cursor.MoveDown):
            row = self.layout_.neighbour_row(current, -1 if action == Cursor.MoveUp else 1)
            if row is not None:
                x, _y, w, _h = self.layout_.rect(current)
                pos = row.nearest(x + w / 2)
        elif action in (Cursor.MovePageUp, Cursor.MovePageDown):
            x, y, w, h = self.layout_.rect(current)
            page = self.viewport().height() * (-1 if action == Cursor.MovePageUp else 1)
            target_y = min(max(0.0, y + h / 2 + page), self.layout_.height() - 1)
            rows = self.layout_.rows_between(target_y, target_y)
            if rows:
                pos = rows[0].nearest(x + w / 2)
        elif action == Cursor.MoveHome:
            pos = 0
        elif action == Cursor.MoveEnd:
            pos = count - 1
        return self.gallery.index(max(0, min(count - 1, pos)), 0)

    # -- mouse and keys ----------------------------------------------------------------------

    def _stack_badge_at(self, point: QPoint) -> int | None:
        """The position of the stack whose size badge (top right of the tile) is here."""
        index = self.indexAt(point)
        if not (index.isValid() and self.gallery.grouped):
            return None
        item = index.data(ItemRole)
        tile = self.visualRect(index)
        badge = QRect(tile.right() - 70, tile.top(), 70, 30)
        if item is None or item.stack < 2 or not badge.contains(point):
            return None
        return None if self.gallery.member_of_open_stack(index.row()) else index.row()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        stack = self._stack_badge_at(pos)
        if stack is not None and event.button() == Qt.MouseButton.LeftButton:
            self.stack_toggled.emit(stack)  # ⧉ 4 ▾: the stack opens in place (▴ closes it)
            return
        if event.button() == Qt.MouseButton.LeftButton and not self.indexAt(pos).isValid():
            self._band_origin = pos + QPoint(0, self.verticalOffset())  # a rubber band
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        hover = self.indexAt(pos)
        hovered = hover.row() if hover.isValid() else -1
        if hovered != self._hover:
            self._hover = hovered
            self.viewport().update()
        if self._band_origin is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._band = QRect(self._band_origin, pos + QPoint(0, self.verticalOffset()))
            self._band = self._band.normalized()
            self.viewport().update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._band_origin = None
        if not self._band.isNull():
            self._band = QRect()
            self.viewport().update()
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.viewport().update()
        super().leaveEvent(event)

    def selected_ids(self) -> list[int]:
        """The selected images' ids in the grid's order, read from the selection's ranges
        (Ctrl+A over a million images is one range, not a million indexes)."""
        ids: list[int] = []
        selection = self.selectionModel().selection()
        ranges = sorted((selection.at(i) for i in range(selection.count())), key=lambda r: r.top())
        for r in ranges:
            ids.extend(self.gallery.ids_between(r.top(), r.bottom()))
        return ids

    def selected_count(self) -> int:
        selection = self.selectionModel().selection()
        return sum(selection.at(i).height() for i in range(selection.count()))

    def _count_selection(self) -> None:
        self.selection_counted.emit(self.selected_count())
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        ids = self.selected_ids() if not mods else []
        if ids and Qt.Key.Key_0 <= key <= Qt.Key.Key_5:
            self.rating_requested.emit(ids, key - Qt.Key.Key_0)
            return
        if ids and key == Qt.Key.Key_F:
            self.favourite_requested.emit(ids)
            return
        if not mods and key == Qt.Key.Key_E and self.currentIndex().isValid():
            item = self.currentIndex().data(ItemRole)
            if item is not None:
                self.edit_requested.emit(item)
            return
        if ids and key == Qt.Key.Key_T:
            self.tags_requested.emit(ids)
            return
        if ids and key == Qt.Key.Key_M:
            self.project_requested.emit(ids)
            return
        if key == Qt.Key.Key_Z and mods == Qt.KeyboardModifier.ControlModifier:
            self.undo_requested.emit()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            ids = self.selected_ids()
            if ids:
                self.trash_requested.emit(ids)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            image_id = self.gallery.image_id(self.currentIndex())
            if image_id is not None:
                self.open_requested.emit(image_id)
            return
        if mods & Qt.KeyboardModifier.ControlModifier and key in (
            Qt.Key.Key_Plus,
            Qt.Key.Key_Equal,
        ):
            self.set_cell(self.cell + 32)
            return
        if mods & Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_Minus:
            self.set_cell(self.cell - 32)
            return
        if key == Qt.Key.Key_Space and not mods and self.gallery.grouped:
            current = self.currentIndex()
            item = current.data(ItemRole) if current.isValid() else None
            if item is not None and item.stack > 1:
                self.stack_toggled.emit(current.row())
                return
        if key == Qt.Key.Key_Escape and self.selected_count():
            self.clearSelection()
            return
        super().keyPressEvent(event)
