"""The library gallery's model and tile painter: every image ever made, instant at a million.

The model holds only image ids and their shapes (from one query on the library thread); the
rows behind them are fetched in pages when first painted, and thumbnails come from the disk
cache through the thumbnail service. The view (``gallery_view``) lays out only what is on
screen; tiles scrolled away drop their queued thumbnail requests.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from . import theme

translate = QCoreApplication.translate

ItemRole = Qt.ItemDataRole.UserRole + 20
IDS_MIME = "application/x-mjdesk-image-ids"  # a drag's image ids (the sidebar files them)
IdRole = Qt.ItemDataRole.UserRole + 21
PAGE = 256
CAPTION_WHOLE = 40  # a prompt this short fits the hover caption: no tooltip repeats it
Index = QModelIndex | QPersistentModelIndex


class GalleryModel(QAbstractListModel):
    """Image ids in the query's order, each with its shape; rows fetched in pages on demand."""

    page_requested = Signal(int)  # page number
    thumbnail_arrived = Signal(str)  # key

    def __init__(
        self,
        thumbnails: Any,
        resolve: Callable[[Any], Path],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._thumbs = thumbnails
        self._resolve = resolve
        self._ids: list[int] = []
        self.aspects: array[float] = array("f")  # width over height, by position
        self._items: OrderedDict[int, Any] = OrderedDict()
        self._max_items = 8 * PAGE * 4
        self._requested_pages: set[int] = set()
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._max_pixmaps = 600
        self.thumb_size = 256
        self.grouped = False  # one image per job, drawn as a stack
        self.opened: dict[int, int] = {}  # a stack opened in place: its head → images shown
        thumbnails.thumbnail_ready.connect(self._on_thumbnail_ready)

    # -- shape -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def set_ids(self, ids: list[int], aspects: array[float] | None = None) -> None:
        """A new result list. The same list again only refreshes the rows (and so keeps the
        selection and the scroll position)."""
        if len(ids) == len(self._ids) and ids == self._ids:
            self.invalidate(list(self._items))
            return
        have = len(self._ids)
        if 0 < have < len(ids) and ids[:have] == self._ids:
            # the rest of a first screen: rows added below, the selection and scroll kept
            self.beginInsertRows(QModelIndex(), have, len(ids) - 1)
            self._ids = ids
            self.aspects = aspects if aspects is not None else array("f", [1.0]) * len(ids)
            self.endInsertRows()
            return
        self.beginResetModel()
        self.opened = {}
        self._ids = ids  # the query's own fresh list: no copy of a million ids
        self.aspects = aspects if aspects is not None else array("f", [1.0]) * len(ids)
        self._requested_pages.clear()
        self.endResetModel()

    def set_found(self, found: Any) -> None:
        """A query's answer (``library.Found``): ids and shapes."""
        self.set_ids(found.ids, found.aspects)

    def prepend(self, images: list[tuple[int, float]]) -> None:
        """New results (id, shape), at the top (newest first), in one reset however many
        arrived."""
        head = set(self._ids[: len(images) + 64])
        fresh = sorted((i for i in images if i[0] not in head), reverse=True)
        if not fresh:
            return
        self.beginResetModel()
        self._ids[0:0] = [i for i, _a in fresh]
        self.aspects[0:0] = array("f", [a for _i, a in fresh])
        self._requested_pages.clear()
        self.endResetModel()

    def open_stack(self, position: int, mates: Any) -> None:
        """A stack's other images (``library.Found``) shown right after it."""
        head = self._ids[position]
        if head in self.opened or not mates.ids:
            return
        n = len(mates.ids)
        self.beginInsertRows(QModelIndex(), position + 1, position + n)
        self._ids[position + 1 : position + 1] = mates.ids
        self.aspects[position + 1 : position + 1] = mates.aspects
        self.opened[head] = n
        self.endInsertRows()

    def close_stack(self, position: int) -> None:
        n = self.opened.pop(self._ids[position], 0)
        if n:
            self.beginRemoveRows(QModelIndex(), position + 1, position + n)
            del self._ids[position + 1 : position + 1 + n]
            del self.aspects[position + 1 : position + 1 + n]
            self.endRemoveRows()

    def member_of_open_stack(self, position: int) -> bool:
        """Whether a tile is one of an opened stack's images (drawn as belonging to it)."""
        if not self.opened:
            return False
        for back in range(1, 25):  # a stack holds at most 24 images
            if position - back < 0:
                return False
            n = self.opened.get(self._ids[position - back])
            if n is not None:
                return back <= n
        return False

    @property
    def count(self) -> int:
        return len(self._ids)

    def position(self, index: Index) -> int:
        return index.row()

    def image_id(self, index: Index) -> int | None:
        i = index.row()
        return self._ids[i] if index.isValid() and 0 <= i < len(self._ids) else None

    def ids_between(self, first: int, last: int) -> list[int]:
        return self._ids[first : last + 1]

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
            self.dataChanged.emit(self.index(first, 0), self.index(last, 0))

    def invalidate(self, ids: list[int]) -> None:
        """Forgets cached rows (their rating or favourite changed): they are fetched again."""
        for i in ids:
            self._items.pop(i, None)
        self._requested_pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, 0))

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

    def tile(self, position: int) -> tuple[Any, QPixmap | None]:
        """What a tile paints — its row and its thumbnail — asked directly (painting a screen
        of tiles through ``data`` costs two trips through Qt per tile)."""
        index = self.index(position, 0)
        item = self.data(index, ItemRole)
        if item is None:
            return None, None
        return item, self.data(index, Qt.ItemDataRole.DecorationRole)

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
        if role == Qt.ItemDataRole.ToolTipRole and len(item.prompt) <= CAPTION_WHOLE:
            return None  # the hover caption already shows it whole
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


def ratio_words(width: int | None, height: int | None) -> str:
    """An image's shape as people say it: "16:9", "2:3" (the nearest small ratio)."""
    if not width or not height:
        return ""
    best = min(
        ((w, h) for h in range(1, 17) for w in range(1, 33)),
        key=lambda wh: (abs(wh[0] / wh[1] - width / height), wh[1]),
    )
    return f"{best[0]}:{best[1]}"


class GalleryDelegate(QStyledItemDelegate):
    """Paints a tile through ``paint_tile`` (the grid calls that directly)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        if isinstance(model, GalleryModel):
            item, pix = model.tile(index.row())
            grouped = model.grouped
        else:
            item, pix = index.data(ItemRole), index.data(Qt.ItemDataRole.DecorationRole)
            grouped = False
        state = option.state
        paint_tile(
            painter,
            QRect(option.rect),
            item,
            pix,
            selected=bool(state & QStyle.StateFlag.State_Selected),
            focused=bool(state & QStyle.StateFlag.State_HasFocus),
            hovered=bool(state & QStyle.StateFlag.State_MouseOver),
            grouped=grouped,
            font=option.font,
        )


def paint_tile(
    painter: QPainter,
    tile: QRect,
    item: Any,
    pix: QPixmap | None,
    *,
    selected: bool,
    focused: bool,
    hovered: bool,
    grouped: bool,
    font: QFont,
    opened: bool = False,
    member: bool = False,
) -> None:
    """One tile: the thumbnail filling it (the tile has the image's shape; until it arrives,
    a placeholder), a legible rating and favourite badge, a stack's size, on hover the prompt
    and its settings, and the selection's frame and tick."""
    c = theme.current()
    painter.save()
    if pix is not None and not pix.isNull():
        # fill the tile; the thumbnail has nearly its shape, the rest is cut off evenly
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        src = QSize(tile.size()).scaled(pix.size(), Qt.AspectRatioMode.KeepAspectRatio)
        source = QRect(QPoint(0, 0), src)
        source.moveCenter(pix.rect().center())
        painter.drawPixmap(tile, pix, source)
    else:
        painter.fillRect(tile, QColor(c.raised))
    if item is None and not selected and not focused:
        painter.restore()
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if item is not None:
        small = tile.width() < 90 or tile.height() < 70
        font = _badge_font(font, small)
        painter.setFont(font)
        lift = 0
        if hovered and not small:
            lift = _caption(painter, tile, item, font)
        marks = ("♥" if item.favourite else "") + (
            (f"★{item.rating}" if small else "★" * item.rating) if item.rating else ""
        )
        if marks:
            _badge(painter, tile.bottomLeft() + QPoint(5, -5 - lift), marks, c.star, "left")
        if grouped and getattr(item, "stack", 1) > 1 and not member:
            text = f"⧉ {item.stack} " + ("▴" if opened else "▾")
            _badge(painter, tile.topRight() + QPoint(-5, 5), text, "#ffffff")
    if member:  # one of an opened stack's images: a bar in the accent colour under it
        painter.fillRect(tile.left(), tile.bottom() - 3, tile.width(), 4, QColor(c.accent))
    if selected:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(c.accent), 3))
        painter.drawRoundedRect(QRectF(tile).adjusted(1.5, 1.5, -1.5, -1.5), 4, 4)
        tick = QRect(tile.left() + 6, tile.top() + 6, 18, 18)
        painter.setBrush(QColor(c.accent))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(tick)
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.drawPolyline(
            [
                QPoint(tick.left() + 5, tick.top() + 9),
                QPoint(tick.left() + 8, tick.top() + 12),
                QPoint(tick.left() + 13, tick.top() + 6),
            ]
        )
    if focused:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(c.text), 1, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(tile.adjusted(0, 0, -1, -1), 4, 4)
    painter.restore()


_BADGE_FONTS: dict[tuple[str, bool], QFont] = {}


def _badge_font(base: QFont, small: bool) -> QFont:
    """The badges' and caption's font, made once per base font and size (not per tile)."""
    key = (base.key(), small)
    font = _BADGE_FONTS.get(key)
    if font is None:
        font = QFont(base)
        font.setPointSizeF(max(8.0, base.pointSizeF() * (0.8 if small else 0.9)))
        _BADGE_FONTS[key] = font
    return font


def _badge(painter: QPainter, at: QPoint, text: str, colour: str, side: str = "right") -> None:
    """A dark pill with light text: readable on any image, at any tile size."""
    metrics = painter.fontMetrics()
    width = metrics.horizontalAdvance(text) + 10
    height = metrics.height() + 2
    box = QRect(0, 0, width, height)
    if side == "left":
        box.moveBottomLeft(at)
    else:
        box.moveTopRight(at)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 150))
    painter.drawRoundedRect(box, height / 2, height / 2)
    painter.setPen(QColor(colour))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _caption(painter: QPainter, tile: QRect, item: Any, font: QFont) -> int:
    """The prompt, its settings and tags over the tile's foot (shown on hover); how tall it is
    (the rating badge sits above it)."""
    metrics = painter.fontMetrics()
    line = metrics.height()
    band = QRect(tile.left(), tile.bottom() - 2 * line - 14, tile.width(), 2 * line + 14)
    painter.fillRect(band, QColor(0, 0, 0, 170))
    text_box = band.adjusted(8, 6, -8, -6)
    painter.setPen(QColor("#ffffff"))
    prompt = metrics.elidedText(item.prompt, Qt.TextElideMode.ElideRight, text_box.width())
    painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, prompt)
    facts = " · ".join(
        f
        for f in (
            ratio_words(item.width, item.height),
            item.speed.capitalize() if item.speed else "",
            "HD" if item.quality == "hd" else "",
            " ".join(f"#{t}" for t in getattr(item, "tags", "").split()),
        )
        if f
    )
    facts = metrics.elidedText(facts, Qt.TextElideMode.ElideRight, text_box.width())
    painter.setPen(QColor(255, 255, 255, 190))
    painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, facts)
    return band.height()
