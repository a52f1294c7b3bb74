"""The results feed's model: one row per job, newest on top, each with the images stored so far.

The rows come from the jobs service (recent jobs and images at start, then every job change,
progress and stored image). Thumbnails are asked of the thumbnail service and kept as pixmaps;
the model says which rows a thumbnail belongs to so only those repaint. Nothing here decodes
an image or touches the disk.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QWidget

from ..core import evolink
from ..core.jobs import ACTIVE
from ..core.prompt import tokenize
from ..library import GalleryItem
from . import theme

__all__ = ["FeedModel", "FeedRow", "RowRole", "as_item", "chips_of"]

RowRole = Qt.ItemDataRole.UserRole + 20
Index = QModelIndex | QPersistentModelIndex

_SHOWN: Final = ("ar", "s", "c", "exp", "raw", "seed", "iw", "sw", "ow", "tile", "weird")
_REFERENCES: Final = ("sref", "oref")
#: Thumbnails kept as pixmaps, as loaded and as scaled to their tiles: a few screens of rows.
PIXMAP_LIMIT: Final = 600


@dataclass
class FeedRow:
    """One job and what it has so far. ``shape`` is what the card's height depends on (the
    delegate caches the height by it and the width)."""

    job: Any
    images: dict[int, Any] = field(default_factory=dict)  # slot → ImageRow
    progress: int = 0
    chips: tuple[str, ...] = ()
    aspect: float = 1.0  # width / height, from --ar until an image says otherwise
    slots: int = 4  # how many images the card shows (see refresh)
    measured: tuple[int, tuple[object, ...], int] = (0, (), 0)  # width, shape, card height
    version: int = 0  # counts every change the card shows (its drawn copy is keyed by it)
    layout: tuple[tuple[object, ...], object] | None = None  # the delegate's, at (0, 0)

    def refresh(self) -> tuple[object, ...]:
        """Recounts the slots (what the task returned, or what it will return) and returns
        the row's shape."""
        known = len(self.job.result_urls)
        if known:
            self.slots = known
        elif self.images:
            self.slots = max(self.images) + 1
        else:
            self.slots = evolink.likely_results(self.job.model, self.job.speed)
        return self.shape

    @property
    def shape(self) -> tuple[object, ...]:
        ended_empty = self.job.state not in ACTIVE and not self.images
        return (self.slots, round(self.aspect, 3), ended_empty, caption(self.job))


def caption(job: Any) -> str:
    """A job's caption: what was typed, or, for one variant of a permutation, the variant it
    sent ("a red kite", not "a {red, blue} kite": the rows of one batch must differ)."""
    typed = job.prompt_typed or ""
    return job.prompt if job.prompt and "{" in typed else typed


def chips_of(job: Any) -> tuple[tuple[str, ...], float]:
    """The chips a row shows (speed, quality, aspect, the parameters that shape the image)
    and the aspect its placeholders take."""
    chips = [job.speed.capitalize()]
    if job.quality == "hd":
        chips.append("HD")
    aspect = 1.0
    references: dict[str, int] = {}
    for param in tokenize(job.prompt or "").params:  # the prompt language's own reading
        name = param.name
        value = param.values[0].text if param.values else None
        if name == "ar" and value:
            aspect = _ratio(value) or aspect
            chips.insert(1, value)
        elif name in _REFERENCES:
            references[name] = references.get(name, 0) + 1
        elif name in _SHOWN:
            chips.append(f"--{name} {value}" if value else f"--{name}")
    for name, count in references.items():
        chips.append(f"--{name} ×{count}" if count > 1 else f"--{name}")
    if job.model != evolink.GENERATE:
        chips.insert(0, job.model.removeprefix("mj-v8.1-").replace("-", " ").capitalize())
    return tuple(chips), aspect


def _ratio(text: str) -> float | None:
    w, _, h = text.partition(":")
    try:
        ratio = float(w) / float(h)
    except (ValueError, ZeroDivisionError):
        return None
    return ratio if 0.1 <= ratio <= 10 else None


def as_item(image: Any, job: Any) -> GalleryItem:
    """An image of the feed as the image actions know images."""
    return GalleryItem(
        id=image.id,
        job_id=job.id,
        idx=image.idx,
        path=image.path,
        sha256=image.sha256,
        width=image.width,
        height=image.height,
        rating=image.rating,
        favourite=image.favourite,
        created_at=image.created_at,
        prompt=job.prompt,
        speed=job.speed,
        quality=job.quality,
        task_id=job.task_id,
        model=job.model,
    )


class FeedModel(QAbstractListModel):
    row_repaint = Signal(int)  # a row changed without changing its card's height

    def __init__(
        self,
        thumbnails: Any,
        resolve: Callable[[Any], Path],
        limit: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._thumbs = thumbnails
        self._resolve = resolve
        self._limit = limit
        self._rows: list[FeedRow] = []  # oldest first: a new job is an append
        self._at: dict[int, int] = {}  # job id → position in _rows
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()  # least recently shown first
        self._waiting: dict[str, set[int]] = {}  # thumbnail key → job ids showing it
        self.thumb_size = 256
        self._dpr = 1.0
        thumbnails.thumbnail_ready.connect(self._on_thumbnail_ready)

    # -- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if role == RowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return caption(row.job)
        return None

    # -- rows --------------------------------------------------------------------------------

    def row_at(self, row: int) -> FeedRow:
        return self._rows[len(self._rows) - 1 - row]

    def row_of(self, job_id: int) -> int | None:
        pos = self._at.get(job_id)
        return None if pos is None else len(self._rows) - 1 - pos

    def image_count(self) -> int:
        return sum(len(r.images) for r in self._rows)

    def load_jobs(self, jobs: list[Any]) -> None:
        """The recent jobs (newest first, as the library lists them), merged with any images
        that came first."""
        self.beginResetModel()
        for job in reversed(jobs[: self._limit]):
            pos = self._at.get(job.id)
            if pos is None:
                self._append(job)
            else:
                self._rows[pos].job = job
                self._rows[pos].refresh()
                self._rows[pos].version += 1
        self._rows.sort(key=lambda r: (r.job.created_at, r.job.id))
        self._at = {r.job.id: i for i, r in enumerate(self._rows)}
        self._drop_oldest()
        self.endResetModel()

    def load_images(self, pairs: list[tuple[Any, Any]]) -> None:
        """Recent images with their jobs, put into the jobs' rows."""
        self.beginResetModel()
        added = False
        for image, job in pairs:
            if job.id not in self._at:
                self._append(job)
                added = True
            row = self._rows[self._at[job.id]]
            self._put_image(row, image)
            row.refresh()
            row.version += 1
        if added:
            self._rows.sort(key=lambda r: (r.job.created_at, r.job.id))
            self._at = {r.job.id: i for i, r in enumerate(self._rows)}
            self._drop_oldest()
        self.endResetModel()

    def upsert(self, job: Any) -> None:
        pos = self._at.get(job.id)
        if pos is None:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._append(job)
            self.endInsertRows()
            self._trim()
            return
        row = self._rows[pos]
        before = row.shape
        row.job = job
        row.chips, aspect = chips_of(job)
        if not row.images:
            row.aspect = aspect
        self._changed(row, before)

    def set_progress(self, job_id: int, progress: int) -> None:
        pos = self._at.get(job_id)
        if pos is not None and self._rows[pos].progress != progress:
            row = self._rows[pos]
            row.progress = progress
            self._changed(row, row.shape)

    def add_image(self, image: Any, job: Any) -> None:
        if job.id not in self._at:
            self.upsert(job)
        row = self._rows[self._at[job.id]]
        before = row.shape
        row.job = job
        self._put_image(row, image)
        self._changed(row, before)

    def set_favourite(self, image_id: int, favourite: bool) -> None:
        for row in self._rows:
            for slot, image in row.images.items():
                if image.id == image_id:
                    row.images[slot] = replace(image, favourite=int(favourite))
                    self._changed(row, row.shape)
                    return

    def _append(self, job: Any) -> None:
        chips, aspect = chips_of(job)
        self._at[job.id] = len(self._rows)
        row = FeedRow(job, chips=chips, aspect=aspect)
        row.refresh()
        self._rows.append(row)

    def _put_image(self, row: FeedRow, image: Any) -> None:
        row.images[image.idx] = image
        if image.width and image.height and len(row.images) == 1:
            row.aspect = image.width / image.height

    def _trim(self) -> None:
        extra = len(self._rows) - self._limit
        if extra <= 0:
            return
        first = len(self._rows) - extra
        self.beginRemoveRows(QModelIndex(), first, len(self._rows) - 1)
        self._drop_oldest()
        self.endRemoveRows()

    def _drop_oldest(self) -> None:
        extra = len(self._rows) - self._limit
        if extra > 0:
            del self._rows[:extra]
            self._at = {r.job.id: i for i, r in enumerate(self._rows)}

    def _changed(self, row: FeedRow, before: tuple[object, ...]) -> None:
        """A row changed: ``dataChanged`` (the view lays the list out again) only when its
        card's height may have changed, else just a repaint of it (``row_repaint``)."""
        number = self.row_of(row.job.id)
        if number is None:
            return
        row.version += 1
        if row.refresh() != before:
            index = self.index(number)
            self.dataChanged.emit(index, index, [RowRole])
        else:
            self.row_repaint.emit(number)

    # -- thumbnails --------------------------------------------------------------------------

    def placeholder_colour(self) -> QColor:
        return QColor(theme.current().thumb_placeholder)

    def thumbnail(self, row: FeedRow, image: Any, size: QSize) -> QPixmap | None:
        """The image's thumbnail scaled to fit ``size``, or None (asked for; the row repaints
        when it comes). Scaled copies are kept, so painting a card only copies pixels."""
        key = f"{image.sha256}:{self.thumb_size}"
        fitted = f"{key}@{size.width()}x{size.height()}"
        pix = self._pixmaps.get(fitted)
        if pix is not None:
            self._pixmaps.move_to_end(fitted)
            return pix
        source = self._pixmaps.get(key)
        if source is None:
            waiting = self._waiting.get(key)
            if waiting is None:
                self._waiting[key] = {row.job.id}
                self._thumbs.request(key, self._resolve(image), self.thumb_size, image.sha256)
            else:
                waiting.add(row.job.id)
            return None
        ratio = self._dpr
        pix = source.scaled(
            size * ratio,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        pix.setDevicePixelRatio(ratio)
        self._keep(fitted, pix)
        return pix

    def set_device_pixel_ratio(self, ratio: float) -> None:
        if ratio != self._dpr:
            self._dpr = ratio
            self._pixmaps.clear()

    def _keep(self, key: str, pix: QPixmap) -> None:
        self._pixmaps[key] = pix
        while len(self._pixmaps) > PIXMAP_LIMIT:  # rows scrolled far away ask again
            self._pixmaps.popitem(last=False)

    def _on_thumbnail_ready(self, key: str, image: QImage) -> None:
        jobs = self._waiting.pop(key, None)
        if jobs is None:
            return
        self._keep(key, QPixmap.fromImage(image))
        for job_id in jobs:
            pos = self._at.get(job_id)
            if pos is not None:
                row = self._rows[pos]
                self._changed(row, row.shape)
