"""The repaint mask: what the user marked on the source image, at the image's full size.

Kept as an ARGB image in the format EvoLink reads (opaque = repaint, transparent = keep), with
a copy at display size for painting the overlay cheaply, and undo in tiles: before a stroke or
a fill touches a 256-px tile for the first time, that tile is saved, so undoing a brush stroke
on a 4096 × 4096 image restores a few tiles, never the whole picture. While only rectangles and
lassos were added, the mask is also known as polygons (sent as areas, no upload needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF

__all__ = ["TILE", "MaskLayer"]

TILE = 256
TINT = "#ff4d6d"  # the mask's first colour (the editor's first tint)
PREVIEW_SIDE = 1024  # the overlay's copy is at most this long


@dataclass
class _Step:
    """One undoable change: the tiles as they were before it, and the polygons list."""

    before: dict[tuple[int, int], QImage] = field(default_factory=dict)
    polygons: list[list[tuple[float, float]]] | None = None
    only_polygons: bool = True
    after: dict[tuple[int, int], QImage] = field(default_factory=dict)


class MaskLayer:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        self.image.fill(Qt.GlobalColor.transparent)
        self.scale = min(1.0, PREVIEW_SIDE / max(width, height))
        self.preview = QImage(
            max(1, round(width * self.scale)),
            max(1, round(height * self.scale)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        self.preview.fill(Qt.GlobalColor.transparent)
        self.polygons: list[list[tuple[float, float]]] = []
        self.only_polygons = True  # nothing but added rectangles and lassos so far
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._step: _Step | None = None
        self.colour = QColor(TINT)  # the overlay's tint; only the alpha is sent

    # -- steps ---------------------------------------------------------------------------------

    def begin(self) -> None:
        """A stroke or a fill begins: one undo step until ``end``."""
        self._step = _Step(
            polygons=[list(p) for p in self.polygons], only_polygons=self.only_polygons
        )

    def end(self) -> None:
        if self._step is not None and self._step.before:
            self._undo.append(self._step)
            self._redo.clear()
        self._step = None

    def _save_tiles(self, rect: QRect) -> None:
        step = self._step
        if step is None:
            return
        area = rect.intersected(QRect(0, 0, self.width, self.height))
        if area.isEmpty():
            return
        for ty in range(area.top() // TILE, area.bottom() // TILE + 1):
            for tx in range(area.left() // TILE, area.right() // TILE + 1):
                if (tx, ty) not in step.before:
                    step.before[(tx, ty)] = self.image.copy(tx * TILE, ty * TILE, TILE, TILE)

    def _restore(self, tiles: dict[tuple[int, int], QImage]) -> dict[tuple[int, int], QImage]:
        """Puts tiles back; returns the tiles they replaced."""
        replaced = {}
        painter = QPainter(self.image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        for (tx, ty), tile in tiles.items():
            replaced[(tx, ty)] = self.image.copy(tx * TILE, ty * TILE, TILE, TILE)
            painter.drawImage(tx * TILE, ty * TILE, tile)
        painter.end()
        for tx, ty in tiles:
            self._refresh_preview(QRect(tx * TILE, ty * TILE, TILE, TILE))
        return replaced

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> bool:
        if not self._undo:
            return False
        step = self._undo.pop()
        step.after = self._restore(step.before)
        step.polygons, self.polygons = self.polygons, step.polygons or []
        step.only_polygons, self.only_polygons = self.only_polygons, step.only_polygons
        self._redo.append(step)
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        step = self._redo.pop()
        step.before = self._restore(step.after)
        step.polygons, self.polygons = self.polygons, step.polygons or []
        step.only_polygons, self.only_polygons = self.only_polygons, step.only_polygons
        self._undo.append(step)
        return True

    # -- painting --------------------------------------------------------------------------------

    def _painter(self, target: QImage, erase: bool, scale: float) -> QPainter:
        painter = QPainter(target)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if erase:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        painter.scale(scale, scale)
        return painter

    def stroke(self, a: QPointF, b: QPointF, radius: float, *, erase: bool = False) -> QRect:
        """A brush (or eraser) segment from ``a`` to ``b`` in image pixels; returns the image
        rectangle it changed."""
        if not erase:
            self.only_polygons = False
        pad = radius + 2
        dirty = QRectF(a, b).normalized().adjusted(-pad, -pad, pad, pad).toAlignedRect()
        self._save_tiles(dirty)
        pen = QPen(self.colour, radius * 2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        for target, scale in ((self.image, 1.0), (self.preview, self.scale)):
            painter = self._painter(target, erase, scale)
            painter.setPen(pen)
            painter.drawLine(QLineF(a, b))
            painter.end()
        if erase:
            self.only_polygons = self.only_polygons and not self.polygons
        return dirty

    def fill(self, polygon: Sequence[tuple[float, float]], *, erase: bool = False) -> QRect:
        """Adds (or with ``erase`` removes) a rectangle or lasso, in image pixels."""
        poly = QPolygonF([QPointF(x, y) for x, y in polygon])
        path = QPainterPath()
        path.addPolygon(poly)
        path.closeSubpath()
        dirty = poly.boundingRect().adjusted(-2, -2, 2, 2).toAlignedRect()
        self._save_tiles(dirty)
        for target, scale in ((self.image, 1.0), (self.preview, self.scale)):
            painter = self._painter(target, erase, scale)
            painter.fillPath(path, self.colour)
            painter.end()
        if erase:
            self.only_polygons = False
        else:
            self.polygons.append([(float(x), float(y)) for x, y in polygon])
        return dirty

    def invert(self) -> None:
        self.begin()
        self._save_tiles(QRect(0, 0, self.width, self.height))
        self.image.invertPixels(QImage.InvertMode.InvertRgba)
        self.preview.invertPixels(QImage.InvertMode.InvertRgba)
        self.only_polygons = False
        self.end()

    def clear(self) -> None:
        self.begin()
        self._save_tiles(QRect(0, 0, self.width, self.height))
        self.image.fill(Qt.GlobalColor.transparent)
        self.preview.fill(Qt.GlobalColor.transparent)
        self.polygons = []
        self.only_polygons = True
        self.end()

    def _refresh_preview(self, rect: QRect) -> None:
        """The overlay's copy of ``rect``, scaled down from the full image."""
        area = rect.intersected(QRect(0, 0, self.width, self.height))
        if area.isEmpty():
            return
        target = QRectF(
            area.x() * self.scale,
            area.y() * self.scale,
            area.width() * self.scale,
            area.height() * self.scale,
        )
        painter = QPainter(self.preview)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self.image, QRectF(area))
        painter.end()

    # -- what it holds -----------------------------------------------------------------------

    def covered(self) -> int:
        """How many preview pixels are marked (0: an empty mask). Cheap enough on the
        preview; used before sending."""
        alpha = self.preview.convertToFormat(QImage.Format.Format_Alpha8)
        data = bytes(alpha.constBits())
        return len(data) - data.count(0)
