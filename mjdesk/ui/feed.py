"""The results feed's view: one card per job, newest on top (see ``feed_delegate`` for the
card). Every image offers its actions on hover, in its context menu and from the keyboard;
the signals below carry what the user asked, and the results panel does it."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QAbstractItemView, QListView, QToolTip, QWidget

from ..core.evolink import GENERATE
from ..core.jobs import ACTIVE
from ..services.words import say
from . import theme
from .feed_delegate import FeedDelegate, image_problem, status_text
from .feed_layout import (
    FAILED_BUTTONS,
    CardLayout,
    card_layout,
    heart_rect,
    hover_buttons,
    roomy,
    small_font,
    text_buttons,
)
from .feed_model import FeedModel, FeedRow, as_item, caption

__all__ = ["FeedView"]


class FeedView(QListView):
    """The feed's list. Signals carry what the user asked; the window wires them."""

    image_action = Signal(str, object)  # image action key (see image_actions), GalleryItem
    job_action = Signal(str, object)  # "edit", "rerun" or "use_prompt"; JobRow
    favourite_requested = Signal(int, bool)  # image id, favourite
    menu_requested = Signal(object, QPoint)  # GalleryItem, global position

    def __init__(self, model: FeedModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feed = model
        self.setModel(model)
        self._delegate = FeedDelegate(self, self)
        self.setItemDelegate(self._delegate)
        model.row_repaint.connect(lambda row: self.update(model.index(row)))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(50)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Recent results"))
        self.verticalScrollBar().setSingleStep(24)
        self.empty_text = self.tr("Your images appear here as they arrive")
        self.hover: tuple[int, int, str] = (-1, -1, "")  # row, slot (-1 caption, -2 status), key
        self._current: tuple[int, int] = (-1, 0)  # the keyboard's image: job id, slot

    @property
    def current(self) -> tuple[int, int]:
        """The keyboard's image as (row, slot): it stays on its job as new cards arrive."""
        job_id, slot = self._current
        row = self.feed.row_of(job_id)
        return (0, 0) if row is None else (row, slot)

    @current.setter
    def current(self, value: tuple[int, int]) -> None:
        model_row, slot = value
        if 0 <= model_row < self.feed.rowCount():
            self._current = (self.feed.row_at(model_row).job.id, slot)

    # -- geometry ----------------------------------------------------------------------------

    def card_at(self, model_row: int) -> tuple[FeedRow, CardLayout] | None:
        if not 0 <= model_row < self.feed.rowCount():
            return None
        index = self.feed.index(model_row)
        rect = self.visualRect(index)
        row = self.feed.row_at(model_row)
        return row, card_layout(row, rect.left(), rect.top(), rect.width(), self.font())

    def hit(self, pos: QPoint) -> tuple[int, int, str]:
        """What is under ``pos``: (row, slot, key). slot -1 is the caption, -2 the status
        line's buttons; key names a hover or status button, "" the image or caption."""
        index = self.indexAt(pos)
        if not index.isValid():
            return (-1, -1, "")
        found = self.card_at(index.row())
        if found is None:
            return (-1, -1, "")
        row, lay = found
        if lay.caption.contains(pos) and row.job.model == GENERATE:
            return (index.row(), -1, "")
        metrics = QFontMetrics(small_font(self.font()))
        for slot, tile in enumerate(lay.tiles):
            if not tile.contains(pos):
                continue
            if slot in row.images:
                if roomy(tile) and heart_rect(tile).contains(pos):
                    return (index.row(), slot, "favourite")
                for key, rect in hover_buttons(tile, metrics):
                    if rect.contains(pos):
                        return (index.row(), slot, key)
            return (index.row(), slot, "")
        if row.job.state not in ACTIVE and not row.images:
            for key, rect in text_buttons(lay.status, self.fontMetrics(), FAILED_BUTTONS):
                if rect.contains(pos):
                    return (index.row(), -2, key)
        if lay.status.contains(pos):
            return (index.row(), -3, "status")
        return (index.row(), -3, "")

    # -- mouse -------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit(event.position().toPoint())
        if hit != self.hover:
            self.hover = hit
            clickable = hit[1] == -1 or hit[1] >= 0 or (hit[1] == -2 and hit[2] != "")
            self.viewport().setCursor(
                Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
            )
            self.viewport().update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hover = (-1, -1, "")
        self.viewport().update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position().toPoint()
        model_row, slot, key = self.hit(pos)
        if model_row < 0 or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        row = self.feed.row_at(model_row)
        if slot >= 0:
            self.current = (model_row, slot)
            self.viewport().update()
        if slot == -1:
            self.job_action.emit("use_prompt", row.job)
        elif slot == -2 and key:
            self.job_action.emit(key, row.job)
        elif slot >= 0 and key and slot in row.images:
            self._act(row, slot, key, self.viewport().mapToGlobal(pos))
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        model_row, slot, key = self.hit(event.position().toPoint())
        if model_row >= 0 and slot >= 0 and not key:
            row = self.feed.row_at(model_row)
            if slot in row.images:
                self.image_action.emit("open", as_item(row.images[slot], row.job))
        event.accept()

    def contextMenuEvent(self, event: Any) -> None:
        if event.reason() == event.Reason.Mouse:
            model_row, slot, _ = self.hit(event.pos())
            if model_row >= 0 and slot >= 0:
                self.current = (model_row, slot)
        self._menu_at_current(event.globalPos())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._tooltip(event)
            return True
        return super().viewportEvent(event)

    def _tooltip(self, event: QHelpEvent) -> None:
        model_row, slot, key = self.hit(event.pos())
        text = ""
        if model_row >= 0:
            row = self.feed.row_at(model_row)
            if slot == -1:
                text = self.tr("Click to put this prompt and its settings back in the editor")
            elif (
                slot >= 0 and key in ("vary_subtle", "vary_strong", "remix") and slot in row.images
            ):
                problem = image_problem(row, row.images[slot])
                labels = {
                    "vary_subtle": self.tr("Vary (subtle) — V"),
                    "vary_strong": self.tr("Vary (strong) — Shift+V"),
                    "remix": self.tr("Remix with the prompt in the editor — M"),
                }
                text = say(problem) if problem is not None else labels[key]
            elif key == "menu":
                text = self.tr("Every action on this image — Menu key")
            elif key == "favourite":
                text = self.tr("Favourite — F")
            elif slot >= 0:
                text = caption(row.job)
            elif key == "status":
                text = status_text(row, time.time())[0]
        if text:
            QToolTip.showText(event.globalPos(), text, self)
        else:
            QToolTip.hideText()

    # -- actions -----------------------------------------------------------------------------

    def _act(self, row: FeedRow, slot: int, key: str, where: QPoint) -> None:
        image = row.images[slot]
        item = as_item(image, row.job)
        if key == "favourite":
            self.favourite_requested.emit(image.id, not image.favourite)
        elif key == "menu":
            self.menu_requested.emit(item, where)
        elif key in ("vary_subtle", "vary_strong", "remix"):
            if image_problem(row, image) is None:
                self.image_action.emit(key, item)
        else:
            self.image_action.emit(key, item)

    def _menu_at_current(self, where: QPoint) -> None:
        model_row, slot = self.current
        if not 0 <= model_row < self.feed.rowCount():
            return
        row = self.feed.row_at(model_row)
        if slot in row.images:
            self.menu_requested.emit(as_item(row.images[slot], row.job), where)

    # -- keyboard ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = Qt.Key(event.key()), event.modifiers()
        count = self.feed.rowCount()
        if not count:
            super().keyPressEvent(event)
            return
        model_row, slot = self.current
        model_row = min(max(model_row, 0), count - 1)
        row = self.feed.row_at(model_row)
        moves = {
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
            Qt.Key.Key_Up: (-1, 0),
            Qt.Key.Key_Down: (1, 0),
        }
        if key in moves:
            d_row, d_slot = moves[key]
            slot += d_slot
            if slot < 0 and model_row > 0:
                model_row -= 1
                slot = max(len(self.feed.row_at(model_row).images) - 1, 0)
            elif slot >= max(row.slots, 1) and model_row < count - 1:
                model_row, slot = model_row + 1, 0
            model_row = min(max(model_row + d_row, 0), count - 1)
            slot = min(max(slot, 0), max(self.feed.row_at(model_row).slots - 1, 0))
            self.current = (model_row, slot)
            self.scrollTo(self.feed.index(model_row))
            self.viewport().update()
            return
        image = row.images.get(slot)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        keys = {
            Qt.Key.Key_Return: "open",
            Qt.Key.Key_Enter: "open",
            Qt.Key.Key_V: "vary_strong" if shift else "vary_subtle",
            Qt.Key.Key_M: "remix",
            Qt.Key.Key_E: "edit_image",
            Qt.Key.Key_F: "favourite",
        }
        if key in keys and image is not None and not mods & Qt.KeyboardModifier.ControlModifier:
            where = self.viewport().mapToGlobal(
                self.visualRect(self.feed.index(model_row)).center()
            )
            self._act(row, slot, keys[key], where)
            return
        if key == Qt.Key.Key_U:
            self.job_action.emit("use_prompt", row.job)
            return
        if key == Qt.Key.Key_R and not mods:
            self.job_action.emit("rerun", row.job)
            return
        if key == Qt.Key.Key_C and mods & Qt.KeyboardModifier.ControlModifier and image is not None:
            self.image_action.emit("copy_image", as_item(image, row.job))
            return
        if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and shift):
            lay = self.card_at(model_row)
            centre = (
                lay[1].tiles[slot].center() if lay and slot < len(lay[1].tiles) else QPoint(0, 0)
            )
            self._menu_at_current(self.viewport().mapToGlobal(centre))
            return
        super().keyPressEvent(event)

    def show_job(self, job_id: int) -> None:
        """Scrolls to a job's card and makes its first image current."""
        row = self.feed.row_of(job_id)
        if row is not None:
            self.current = (row, 0)
            self.scrollTo(self.feed.index(row), QAbstractItemView.ScrollHint.PositionAtTop)
            self.viewport().update()

    # -- painting ----------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._fit_thumbnails()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._fit_thumbnails()

    def _fit_thumbnails(self) -> None:
        """Thumbnails as sharp as the screen: 512 px where a tile has more than 256 pixels."""
        size = 256 if 240 * self.devicePixelRatioF() <= 256 else 512
        self.feed.set_device_pixel_ratio(self.devicePixelRatioF())
        if self.feed.thumb_size != size:
            self.feed.thumb_size = size
            self.viewport().update()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # cards are as tall as the width makes their tiles

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self.feed.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor(theme.current().muted))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
