"""Recent results: the images as they arrive, newest first, with thumbnails loaded off the GUI
thread. (The full library gallery, instant at 100,000 images, is its own view.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyleOptionViewItem,
    QWidget,
)

from . import theme
from .gallery import GalleryDelegate

ImageRole = Qt.ItemDataRole.UserRole + 10
Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    def __init__(
        self,
        thumbnails: Any,
        resolve: Callable[[Any], Path],
        limit: int = 400,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._thumbs = thumbnails
        self._resolve = resolve
        self._limit = limit
        self._rows: list[tuple[Any, Any]] = []
        self._pixmaps: dict[str, QPixmap] = {}
        self._placeholder = QPixmap(8, 8)
        self._placeholder_scheme = ""
        self.thumb_size = 256  # 512 on high-DPI screens (set by the view)
        thumbnails.thumbnail_ready.connect(self._on_thumbnail_ready)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def placeholder(self) -> QPixmap:
        """A neutral tile in the current scheme, shown until the thumbnail is ready."""
        scheme = theme.current()
        if self._placeholder_scheme != scheme.name:
            self._placeholder.fill(QColor(scheme.thumb_placeholder))
            self._placeholder_scheme = scheme.name
        return self._placeholder

    def _key(self, image: Any) -> str:
        return f"{image.sha256}:{self.thumb_size}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        image, job = self._rows[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            key = self._key(image)
            pix = self._pixmaps.get(key)
            if pix is None:
                self._thumbs.request(key, self._resolve(image), self.thumb_size, image.sha256)
                return self.placeholder()
            return pix
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{job.prompt_typed}\n{image.width}×{image.height} · {job.speed}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("Image {number} of: {prompt}").format(
                number=image.idx + 1, prompt=job.prompt_typed
            )
        if role == ImageRole:
            return image, job
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        mime = QMimeData()
        urls = [QUrl.fromLocalFile(str(self._resolve(self._rows[i.row()][0]))) for i in indexes]
        mime.setUrls(urls)
        return mime

    def set_images(self, rows: list[tuple[Any, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(reversed(rows))[: self._limit]
        self.endResetModel()

    def add(self, image: Any, job: Any) -> None:
        if any(r[0].id == image.id for r in self._rows[:64]):
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, (image, job))
        self.endInsertRows()
        if len(self._rows) > self._limit:
            self.beginRemoveRows(QModelIndex(), self._limit, len(self._rows) - 1)
            del self._rows[self._limit :]
            self.endRemoveRows()

    def rows_of_job(self, job_id: int) -> list[int]:
        return [i for i, (_, job) in enumerate(self._rows) if job.id == job_id]

    def _on_thumbnail_ready(self, key: str, image: QImage) -> None:
        self._pixmaps[key] = QPixmap.fromImage(image)
        for row, (img, _) in enumerate(self._rows):
            if self._key(img) == key:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


class _ResultsDelegate(GalleryDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(208, 208)  # icon mode lays items out by their size hint


class ResultsView(QListView):
    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(_ResultsDelegate(self))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setIconSize(QSize(196, 196))
        self.setGridSize(QSize(208, 208))
        self.setUniformItemSizes(True)
        self.setSpacing(0)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setAccessibleName(self.tr("Recent results"))
        self.empty_text = self.tr("Your images appear here as they arrive")

    def show_job(self, job_id: int) -> None:
        """Selects a job's images and scrolls to the first."""
        model = self.model()
        if not isinstance(model, ResultsModel):
            return
        rows = model.rows_of_job(job_id)
        self.clearSelection()
        selection = self.selectionModel()
        for row in rows:
            selection.select(model.index(row), selection.SelectionFlag.Select)
        if rows:
            self.scrollTo(model.index(rows[0]))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._fit_thumbnails()

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._fit_thumbnails()

    def _fit_thumbnails(self) -> None:
        """Thumbnails as sharp as the screen: 512 px where a 208 px cell has more pixels."""
        model = self.model()
        size = 256 if 200 * self.devicePixelRatioF() <= 256 else 512
        if isinstance(model, ResultsModel) and model.thumb_size != size:
            model.beginResetModel()
            model.thumb_size = size
            model.endResetModel()

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor(theme.current().muted))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
