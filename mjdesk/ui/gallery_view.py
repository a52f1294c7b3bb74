"""The library grid's view: justified rows of tiles at their images' own shapes.

An item view over the gallery's flat list of ids that lays out only the blocks on screen
(``justified``), so painting, hit-testing and keyboard moves cost the same at a million images
as at a hundred. Selection is Qt's (click, Shift/Ctrl-click, Ctrl+A, and a rubber band dragged
from the space between tiles); a drag started on a tile carries the selection out.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPen,
    QRegion,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QWidget

from . import theme
from .gallery import GalleryDelegate, GalleryModel, paint_tile
from .gallery_input import GridInput
from .justified import BLOCK, JustifiedLayout, Row
from .menus import keyboard_menu_event

__all__ = ["GalleryView"]

Index = QModelIndex | QPersistentModelIndex


class GalleryView(GridInput, QAbstractItemView):
    """A justified grid whose cost does not depend on the number of images."""

    rating_requested = Signal(list, int)  # image ids, rating
    favourite_requested = Signal(list)
    trash_requested = Signal(list)
    open_requested = Signal(int)  # image id
    edit_requested = Signal(object)  # GalleryItem: open the editor on it (E)
    selection_counted = Signal(int)  # how many images are selected
    undo_requested = Signal()  # Ctrl+Z: the last bulk action undone
    tags_requested = Signal(list)  # T: the tag editor on these image ids
    project_requested = Signal(list)  # M: move these image ids to a project
    stack_toggled = Signal(int)  # a stack's position: opened in place, or closed

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = JustifiedLayout()
        self.gallery = model
        self.setModel(model)
        self.setItemDelegate(GalleryDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Library gallery"))
        self.cell = 180  # the rows' target height
        self._hover = -1
        self._band_origin: QPoint | None = None  # in the grid's coordinates
        self._band = QRect()
        self._preparing = False
        self.empty_text = ""  # said in the middle of an empty grid
        self._ahead = False  # measuring a screen above and below too (after a first paint)
        self._laid_out: tuple[int, int, float] | None = None
        self._ahead_timer = QTimer(self)
        self._ahead_timer.setSingleShot(True)
        self._ahead_timer.setInterval(16)  # a frame after the screen is painted
        self._ahead_timer.timeout.connect(self._prepare_ahead)
        self._retain_timer = QTimer(self)
        self._retain_timer.setSingleShot(True)
        self._retain_timer.setInterval(60)
        self._retain_timer.timeout.connect(self._retain_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._retain_timer.start())
        model.thumbnail_arrived.connect(self._on_thumbnail_arrived)
        model.modelReset.connect(self._relayout)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.rowsRemoved.connect(self._on_rows_inserted)
        self.doubleClicked.connect(self._on_double_clicked)
        self.selectionModel().selectionChanged.connect(self._count_selection)
        self._relayout()

    def event(self, event: QEvent) -> bool:
        if keyboard_menu_event(self, event):
            return True
        return super().event(event)

    # -- layout ------------------------------------------------------------------------------

    def set_cell(self, cell: int) -> None:
        """The rows' target height (the size slider, Ctrl+ and Ctrl−); the image at the top
        of the screen stays there."""
        self.cell = max(64, min(512, cell))
        self._relayout(keep=True)

    def _relayout(self, keep: bool = False) -> None:
        width = self.viewport().width()
        key = (width, self.cell, self.devicePixelRatioF())
        if keep and key == self._laid_out and self.layout_.aspects is self.gallery.aspects:
            return  # shown or resized to what it already is
        # the image at the top stays there (when there is a shown layout to read it from)
        anchor = self._top_position() if keep and self._laid_out is not None else None
        self._laid_out = key if self.isVisible() else None
        self._ahead = False
        # thumbnails as sharp as the screen: the larger ones once rows pass 200 pixels
        self.gallery.thumb_size = 256 if self.cell * self.devicePixelRatioF() <= 200 else 512
        self.layout_.reset(self.gallery.aspects, width, self.cell)
        self.updateGeometries()
        if not self.isVisible():
            return  # laid out when shown, at the width it is shown at
        if anchor is not None and anchor < self.layout_.count:
            self.layout_.measure(anchor // BLOCK)
            self.verticalScrollBar().setValue(int(self.layout_.rect(anchor)[1]))
        elif not keep:
            self.verticalScrollBar().setValue(0)
        self._prepare()
        self.viewport().update()
        if not keep:  # a reset clears the selection without saying so
            self.selection_counted.emit(self.selected_count())

    def _top_position(self) -> int | None:
        rows = self.layout_.rows_between(self.verticalOffset(), self.verticalOffset() + 1)
        return rows[0].start if rows else None

    def updateGeometries(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        bar.setRange(0, max(0, int(self.layout_.height()) - page))
        bar.setPageStep(page)
        bar.setSingleStep(max(16, self.cell // 3))
        super().updateGeometries()

    def _prepare(self) -> None:
        """Measures the blocks on (and just around) the screen before they are painted; when
        one above the top turns out taller or shorter than guessed, the scroll position moves
        by as much, so what is on screen stays still."""
        if self._preparing or not self.layout_.count:
            return
        self._preparing = True
        try:
            bar = self.verticalScrollBar()
            top = bar.value()
            margin = self.viewport().height() if self._ahead else 0
            first = self.layout_.block_at(max(0, top - margin))
            last = self.layout_.block_at(top + margin + self.viewport().height())
            shift = 0.0
            for block in range(first, last + 1):
                above = self.layout_.block_top(block) < top
                delta = self.layout_.measure(block)
                if above:
                    shift += delta
            self.updateGeometries()
            if shift:
                bar.setValue(round(top + shift))
        finally:
            self._preparing = False
        if not self._ahead:  # the screens above and below, once this one is painted
            self._ahead_timer.start()

    def _on_rows_inserted(self, *_: object) -> None:
        self._relayout(keep=True)

    def _on_thumbnail_arrived(self, _key: str) -> None:
        self.viewport().update()

    def _prepare_ahead(self) -> None:
        self._ahead = True
        self._prepare()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._prepare()
        self.viewport().update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._relayout(keep=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout(keep=True)
        else:
            self.updateGeometries()
            self._prepare()

    # -- geometry Qt asks for ----------------------------------------------------------------

    def _tile(self, position: int) -> QRect:
        x, y, w, h = self.layout_.rect(position)
        return QRect(int(x), int(y) - self.verticalOffset(), max(1, int(w)), max(1, int(h)))

    def visualRect(self, index: Index) -> QRect:
        if not index.isValid() or index.row() >= self.layout_.count:
            return QRect()
        return self._tile(index.row())

    def indexAt(self, point: QPoint) -> QModelIndex:
        pos = self.layout_.position_at(point.x(), point.y() + self.verticalOffset())
        return QModelIndex() if pos is None else self.gallery.index(pos, 0)

    def scrollTo(
        self,
        index: Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if not index.isValid():
            return
        _x, y, _w, h = self.layout_.rect(index.row())
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        if y < bar.value():
            bar.setValue(int(y) - 6)
        elif y + h > bar.value() + page:
            bar.setValue(int(y + h) - page + 6)

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: Index) -> bool:
        return False

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        band = rect.normalized().translated(0, self.verticalOffset())
        selection = QItemSelection()
        run: list[int] = []
        for row in self.layout_.rows_between(band.top(), band.bottom()):
            for i in range(row.count):
                left, width = row.xs[i], row.widths[i]
                if left <= band.right() and left + width >= band.left():
                    run.append(row.start + i)
        start = prev = None
        for pos in [*run, None]:
            if pos is not None and prev is not None and pos == prev + 1:
                prev = pos
                continue
            if start is not None and prev is not None:
                selection.select(self.gallery.index(start, 0), self.gallery.index(prev, 0))
            start = prev = pos
        self.selectionModel().select(selection, command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        return QRegion(self.viewport().rect())

    # -- painting ----------------------------------------------------------------------------

    def visible_rows(self) -> list[Row]:
        top = self.verticalOffset()
        return self.layout_.rows_between(top, top + self.viewport().height())

    def visible_positions(self) -> range:
        rows = self.visible_rows()
        if not rows:
            return range(0)
        return range(rows[0].start, rows[-1].start + rows[-1].count)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        selection = self.selectionModel().selection()
        chosen = [
            (r.top(), r.bottom()) for r in (selection.at(i) for i in range(selection.count()))
        ]
        current = self.currentIndex().row() if self.hasFocus() else -1
        offset = self.verticalOffset()
        clip = event.rect()
        model, font = self.gallery, self.font()
        if not self.layout_.count and self.empty_text:
            painter.setPen(QColor(theme.current().muted))
            painter.drawText(
                self.viewport().rect().adjusted(24, 24, -24, -24),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
        for row in self.visible_rows():
            y = int(row.top) - offset
            height = int(row.height)
            for i in range(row.count):
                rect = QRect(int(row.xs[i]), y, max(1, int(row.widths[i])), height)
                if not rect.intersects(clip):
                    continue
                pos = row.start + i
                item, pix = model.tile(pos)
                paint_tile(
                    painter,
                    rect,
                    item,
                    pix,
                    selected=any(top <= pos <= bottom for top, bottom in chosen),
                    focused=pos == current,
                    hovered=pos == self._hover,
                    grouped=model.grouped,
                    font=font,
                    opened=model.grouped and item is not None and item.id in model.opened,
                    member=model.grouped and model.member_of_open_stack(pos),
                )
        if not self._band.isNull():
            c = theme.current()
            fill = QColor(c.accent)
            fill.setAlpha(48)
            painter.setBrush(fill)
            painter.setPen(QPen(QColor(c.accent), 1))
            painter.drawRect(self._band.translated(0, -offset))
        painter.end()

    def _retain_visible(self) -> None:
        keys = []
        for pos in self.visible_positions():
            item = self.gallery.item(self.gallery.id_at(pos))
            if item is not None:
                keys.append(self.gallery.thumb_key(item))
        self.gallery.retain_thumbnails(keys)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        image_id = self.gallery.image_id(index)
        if image_id is not None:
            self.open_requested.emit(image_id)
