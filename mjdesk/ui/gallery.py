"""The library gallery: every image ever made, instant at 100,000.

A table view reshaped into rows of N cells with fixed section sizes lays out only what is
visible, so its cost does not grow with the library. The model holds only image ids (from one
query on the library thread); the rows behind them are fetched in pages when first painted, and
thumbnails come from the disk cache through the thumbnail service. Cells scrolled away drop
their queued thumbnail requests.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from . import theme
from .menus import keyboard_menu_event

translate = QCoreApplication.translate

ItemRole = Qt.ItemDataRole.UserRole + 20
IDS_MIME = "application/x-mjdesk-image-ids"  # a drag's image ids (the sidebar files them)
IdRole = Qt.ItemDataRole.UserRole + 21
PAGE = 256
Index = QModelIndex | QPersistentModelIndex


class GalleryModel(QAbstractTableModel):
    """Image ids reshaped into rows of ``columns`` cells; rows fetched in pages on demand."""

    page_requested = Signal(int)  # page number
    thumbnail_arrived = Signal(str)  # key

    def __init__(
        self,
        thumbnails: Any,
        resolve: Callable[[Any], Path],
        columns: int = 6,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._thumbs = thumbnails
        self._resolve = resolve
        self._columns = max(1, columns)
        self._ids: list[int] = []
        self._items: OrderedDict[int, Any] = OrderedDict()
        self._max_items = 8 * PAGE * 4
        self._requested_pages: set[int] = set()
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._max_pixmaps = 600
        self.thumb_size = 256
        self.grouped = False  # one image per job, drawn as a stack
        thumbnails.thumbnail_ready.connect(self._on_thumbnail_ready)

    # -- shape -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else math.ceil(len(self._ids) / self._columns)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    @property
    def columns(self) -> int:
        return self._columns

    def set_columns(self, columns: int) -> None:
        columns = max(1, columns)
        if columns != self._columns:
            self.beginResetModel()
            self._columns = columns
            self.endResetModel()

    def set_ids(self, ids: list[int]) -> None:
        """A new result list. The same list again only refreshes the rows (and so keeps the
        selection and the scroll position)."""
        if len(ids) == len(self._ids) and ids == self._ids:
            self.invalidate(list(self._items))
            return
        self.beginResetModel()
        self._ids = ids  # the query's own fresh list: no copy of a million ids
        self._requested_pages.clear()
        self.endResetModel()

    def prepend(self, image_ids: list[int]) -> None:
        """New results, at the top (newest first), in one reset however many arrived."""
        head = set(self._ids[: len(image_ids) + 64])
        fresh = [i for i in image_ids if i not in head]
        if not fresh:
            return
        self.beginResetModel()
        self._ids[0:0] = sorted(fresh, reverse=True)
        self._requested_pages.clear()
        self.endResetModel()

    @property
    def count(self) -> int:
        return len(self._ids)

    def position(self, index: Index) -> int:
        return index.row() * self._columns + index.column()

    def image_id(self, index: Index) -> int | None:
        i = self.position(index)
        return self._ids[i] if index.isValid() and 0 <= i < len(self._ids) else None

    def index_of(self, position: int) -> QModelIndex:
        return self.index(position // self._columns, position % self._columns)

    # -- data --------------------------------------------------------------------------------

    def item(self, image_id: int) -> Any:
        return self._items.get(image_id)

    def add_items(self, page: int, items: list[Any]) -> None:
        for it in items:
            self._items[it.id] = it
            self._items.move_to_end(it.id)
        while len(self._items) > self._max_items:
            self._items.popitem(last=False)
        first = page * PAGE
        last = min(len(self._ids), first + PAGE) - 1
        if last >= first:
            top = self.index(first // self._columns, 0)
            bottom = self.index(last // self._columns, self._columns - 1)
            self.dataChanged.emit(top, bottom)

    def invalidate(self, ids: list[int]) -> None:
        """Forgets cached rows (their rating or favourite changed): they are fetched again."""
        for i in ids:
            self._items.pop(i, None)
        self._requested_pages.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self._columns - 1)
            )

    def position_of(self, image_id: int) -> int | None:
        try:
            return self._ids.index(image_id)
        except ValueError:
            return None

    def id_at(self, position: int) -> int:
        return self._ids[position]

    def retain_thumbnails(self, keys: list[str]) -> None:
        self._thumbs.retain(keys)

    def page_ids(self, page: int) -> list[int]:
        return self._ids[page * PAGE : (page + 1) * PAGE]

    def forget_page(self, page: int) -> None:
        self._requested_pages.discard(page)

    def thumb_key(self, item: Any) -> str:
        return f"{item.sha256}:{self.thumb_size}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        image_id = self.image_id(index)
        if image_id is None:
            return None
        if role == IdRole:
            return image_id
        item = self._items.get(image_id)
        if item is None:
            page = self.position(index) // PAGE
            if page not in self._requested_pages:
                self._requested_pages.add(page)
                self.page_requested.emit(page)
            return None
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.DecorationRole:
            key = self.thumb_key(item)
            pix = self._pixmaps.get(key)
            if pix is None:
                image = self._thumbs.get(key)
                if image is not None:
                    pix = self._remember(key, image)
                else:
                    self._thumbs.request(key, self._resolve(item), self.thumb_size, item.sha256)
            return pix
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            stars = "★" * item.rating
            return f"{item.prompt}\n{item.width}×{item.height} · {item.speed} {stars}".strip()
        return None

    def _remember(self, key: str, image: QImage) -> QPixmap:
        pix = QPixmap.fromImage(image)
        self._pixmaps[key] = pix
        while len(self._pixmaps) > self._max_pixmaps:
            self._pixmaps.popitem(last=False)
        return pix

    def _on_thumbnail_ready(self, key: str, image: QImage) -> None:
        if not key.endswith(f":{self.thumb_size}"):
            return
        self._remember(key, image)
        self.thumbnail_arrived.emit(key)

    def update_item(self, item: Any) -> None:
        self._items[item.id] = item

    # -- drag out ----------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.image_id(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        urls = []
        for index in indexes:
            item = self._items.get(self.image_id(index) or -1)
            if item is not None:
                urls.append(QUrl.fromLocalFile(str(self._resolve(item))))
        mime = QMimeData()
        mime.setUrls(urls)
        ids = [i for i in (self.image_id(index) for index in indexes) if i is not None]
        mime.setData(IDS_MIME, QByteArray(",".join(map(str, ids)).encode()))
        return mime


class GalleryDelegate(QStyledItemDelegate):
    """Paints a cell: placeholder, or the thumbnail fitted and centred, rating and favourite."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        c = theme.current()
        cell = option.rect.adjusted(3, 3, -3, -3)
        painter.setPen(Qt.PenStyle.NoPen)
        model = index.model()
        if getattr(model, "grouped", False):
            # a stack: the job's other images peek out behind the first
            painter.setBrush(QColor(c.bg))
            painter.drawRoundedRect(cell.adjusted(8, 0, 0, -8), 6, 6)
            painter.setBrush(QColor(c.cell))
            painter.drawRoundedRect(cell.adjusted(4, 4, -4, -4), 6, 6)
            cell = cell.adjusted(0, 8, -8, 0)
        painter.setBrush(QColor(c.raised))
        painter.drawRoundedRect(cell, 6, 6)
        pix = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pix, QPixmap) and not pix.isNull():
            size = pix.size().scaled(cell.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(cell.center())
            painter.drawPixmap(target, pix)
        item = index.data(ItemRole)
        if item is not None and (item.rating or item.favourite):
            badge = QRect(cell.left() + 6, cell.bottom() - 24, cell.width() - 12, 18)
            font = QFont(option.font)
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            painter.setPen(QColor(c.star))
            text = ("♥ " if item.favourite else "") + "★" * item.rating
            painter.drawText(
                badge, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text
            )
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(c.accent), 3))
            painter.drawRoundedRect(cell.adjusted(1, 1, -1, -1), 6, 6)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(c.text), 1, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(cell, 6, 6)
        painter.restore()


class GalleryView(QTableView):
    """A grid whose layout cost does not depend on the number of images."""

    rating_requested = Signal(list, int)  # image ids, rating
    favourite_requested = Signal(list)
    trash_requested = Signal(list)
    open_requested = Signal(int)  # image id
    edit_requested = Signal(object)  # GalleryItem: open the editor on it (E)

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.gallery = model
        self.setItemDelegate(GalleryDelegate(self))
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.hide()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setMinimumSectionSize(32)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Library gallery"))
        self.cell = 150
        self._apply_cell()
        self._retain_timer = QTimer(self)
        self._retain_timer.setSingleShot(True)
        self._retain_timer.setInterval(60)
        self._retain_timer.timeout.connect(self._retain_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._retain_timer.start())
        model.thumbnail_arrived.connect(self._on_thumbnail_arrived)
        self.doubleClicked.connect(self._on_double_clicked)

    def event(self, event: QEvent) -> bool:
        if keyboard_menu_event(self, event):
            return True
        return super().event(event)

    def set_cell(self, cell: int) -> None:
        self.cell = max(64, min(512, cell))
        self._apply_cell()

    def _apply_cell(self) -> None:
        self.horizontalHeader().setDefaultSectionSize(self.cell)
        self.verticalHeader().setDefaultSectionSize(self.cell)
        self.gallery.thumb_size = 256 if self.cell * self.devicePixelRatioF() <= 256 else 512
        self._reflow()

    def _reflow(self) -> None:
        """Columns from the width; cells stretched a little so the row fills it."""
        width = self.viewport().width()
        columns = max(1, width // self.cell)
        self.gallery.set_columns(columns)
        side = max(self.cell, width // columns) if width > 0 else self.cell
        self.horizontalHeader().setDefaultSectionSize(side)
        self.verticalHeader().setDefaultSectionSize(side)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def visible_positions(self) -> range:
        top = self.rowAt(0)
        bottom = self.rowAt(self.viewport().height() - 1)
        if top < 0:
            return range(0)
        if bottom < 0:
            bottom = self.gallery.rowCount() - 1
        cols = self.gallery.columns
        return range(top * cols, min(self.gallery.count, (bottom + 1) * cols))

    def _retain_visible(self) -> None:
        keys = []
        for pos in self.visible_positions():
            item = self.gallery.item(self.gallery.id_at(pos))
            if item is not None:
                keys.append(self.gallery.thumb_key(item))
        self.gallery.retain_thumbnails(keys)

    def _on_thumbnail_arrived(self, key: str) -> None:
        self.viewport().update()

    def selected_ids(self) -> list[int]:
        ids = []
        for index in self.selectionModel().selectedIndexes():
            image_id = self.gallery.image_id(index)
            if image_id is not None:
                ids.append(image_id)
        return ids

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        ids = self.selected_ids()
        if ids and not mods and Qt.Key.Key_0 <= key <= Qt.Key.Key_5:
            self.rating_requested.emit(ids, key - Qt.Key.Key_0)
            return
        if ids and not mods and key == Qt.Key.Key_F:
            self.favourite_requested.emit(ids)
            return
        if not mods and key == Qt.Key.Key_E and self.currentIndex().isValid():
            item = self.currentIndex().data(ItemRole)
            if item is not None:
                self.edit_requested.emit(item)
            return
        if ids and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
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
        super().keyPressEvent(event)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        image_id = self.gallery.image_id(index)
        if image_id is not None:
            self.open_requested.emit(image_id)
