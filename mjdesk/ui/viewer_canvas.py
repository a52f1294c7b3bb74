"""The viewer's canvas: an image fitted or at any zoom, panned by dragging, on a checkerboard
where it is transparent; in compare, two canvases that zoom and pan together, or one canvas
showing two images split by a divider dragged across them (swipe)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from . import theme

__all__ = ["ImageCanvas", "checkerboard"]

_TILE = 8


def checkerboard(painter: QPainter, rect: QRect) -> None:
    """Grey squares behind a transparent image (a removed background shows as such)."""
    painter.save()
    painter.setClipRect(rect)
    painter.fillRect(rect, QColor("#cfcfcf"))
    dark = QColor("#9f9f9f")
    for y in range(rect.top(), rect.bottom() + 1, _TILE):
        start = rect.left() + (((y - rect.top()) // _TILE) % 2) * _TILE
        for x in range(start, rect.right() + 1, 2 * _TILE):
            painter.fillRect(x, y, _TILE, _TILE, dark)
    painter.restore()


class ImageCanvas(QWidget):
    """Fit, 100 %, zoom about the pointer, pan; a second image for the swipe."""

    view_changed = Signal(bool, float, float, float)  # fit, zoom, offset x, offset y

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pix = QPixmap()
        self._alpha = False
        self._other = QPixmap()  # the swipe's second image (empty: no swipe)
        self.swipe = 0.5  # where the divider is, across the image (0 to 1)
        self._fit = True
        self._zoom = 1.0
        self._offset = [0.0, 0.0]
        self._drag: tuple[float, float] | None = None
        self._dragging_divider = False
        self.setMinimumSize(QSize(320, 240))
        self.setAccessibleName(self.tr("Image"))
        self.setMouseTracking(True)

    # -- state -------------------------------------------------------------------------------

    @property
    def fit(self) -> bool:
        return self._fit

    @property
    def zoom(self) -> float:
        """The scale shown (the fitted one while fitting)."""
        return self._scale()

    @property
    def offset(self) -> tuple[float, float]:
        return self._offset[0], self._offset[1]

    @property
    def swiping(self) -> bool:
        return not self._other.isNull()

    def set_image(self, image: QImage) -> None:
        self._pix = QPixmap.fromImage(image)
        self._alpha = image.hasAlphaChannel()
        self._fit, self._zoom, self._offset = True, 1.0, [0.0, 0.0]
        self._changed()

    def image(self) -> QImage:
        return self._pix.toImage()

    def set_other(self, image: QImage | None) -> None:
        """The image shown right of the divider (None: the swipe ends)."""
        self._other = QPixmap() if image is None else QPixmap.fromImage(image)
        self.swipe = 0.5
        self.update()

    def set_view(self, fit: bool, zoom: float, x: float, y: float) -> None:
        """Another canvas's zoom and pan (compare keeps the two together)."""
        if (fit, zoom, x, y) == (self._fit, self._zoom, *self._offset):
            return
        self._fit, self._zoom, self._offset = fit, zoom, [x, y]
        self._changed()

    def fit_to_window(self) -> None:
        self._fit, self._zoom, self._offset = True, 1.0, [0.0, 0.0]
        self._changed()

    def actual_size(self) -> None:
        """100 %: one image pixel on one screen pixel."""
        self._fit, self._zoom, self._offset = False, 1.0 / self.devicePixelRatioF(), [0.0, 0.0]
        self._changed()

    def toggle_fit(self) -> None:
        if self._fit:
            self.actual_size()
        else:
            self.fit_to_window()

    def zoom_by(self, factor: float, about: QPointF | None = None) -> None:
        """Zooms, keeping the point under ``about`` (the pointer) where it is."""
        old = self._scale()
        self._fit = False
        self._zoom = max(0.05, min(16.0, old * factor))
        if about is not None and old > 0:
            ratio = self._zoom / old
            cx, cy = self.width() / 2 + self._offset[0], self.height() / 2 + self._offset[1]
            self._offset[0] += (about.x() - cx) * (1 - ratio)
            self._offset[1] += (about.y() - cy) * (1 - ratio)
        self._changed()

    def _changed(self) -> None:
        self.update()
        self.view_changed.emit(self._fit, self._zoom, self._offset[0], self._offset[1])

    def _scale(self) -> float:
        if self._pix.isNull():
            return 1.0
        if self._fit:
            return min(self.width() / self._pix.width(), self.height() / self._pix.height(), 1.0)
        return self._zoom

    def image_rect(self) -> QRect:
        scale = self._scale()
        w, h = int(self._pix.width() * scale), int(self._pix.height() * scale)
        x = (self.width() - w) // 2 + int(self._offset[0])
        y = (self.height() - h) // 2 + int(self._offset[1])
        return QRect(x, y, w, h)

    def divider_x(self) -> int:
        rect = self.image_rect()
        return rect.left() + int(rect.width() * self.swipe)

    # -- events ------------------------------------------------------------------------------

    def wheelEvent(self, event: Any) -> None:
        self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15, event.position())

    def mousePressEvent(self, event: Any) -> None:
        pos = event.position()
        if self.swiping and abs(pos.x() - self.divider_x()) <= 8:
            self._dragging_divider = True
        self._drag = (pos.x(), pos.y())

    def mouseMoveEvent(self, event: Any) -> None:
        pos = event.position()
        if self.swiping:
            near = abs(pos.x() - self.divider_x()) <= 8
            self.setCursor(Qt.CursorShape.SplitHCursor if near else Qt.CursorShape.ArrowCursor)
        if self._dragging_divider:
            rect = self.image_rect()
            if rect.width() > 0:
                self.swipe = min(1.0, max(0.0, (pos.x() - rect.left()) / rect.width()))
                self.update()
            return
        if self._drag is not None and not self._fit:
            x, y = pos.x(), pos.y()
            self._offset[0] += x - self._drag[0]
            self._offset[1] += y - self._drag[1]
            self._drag = (x, y)
            self._changed()

    def mouseReleaseEvent(self, event: Any) -> None:
        self._drag = None
        self._dragging_divider = False

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(theme.current().viewer))
        if not self._pix.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            rect = self.image_rect()
            if self._alpha:
                checkerboard(painter, rect)
            painter.drawPixmap(rect, self._pix)
            if self.swiping:
                x = self.divider_x()
                painter.save()
                painter.setClipRect(QRect(x, rect.top(), rect.right() - x + 1, rect.height()))
                painter.drawPixmap(QRectF(rect), self._other, QRectF(self._other.rect()))
                painter.restore()
                painter.setPen(QPen(QColor("#ffffff"), 2))
                painter.drawLine(x, rect.top(), x, rect.bottom())
                knob = QRect(x - 10, rect.center().y() - 10, 20, 20)
                painter.setBrush(QColor(theme.current().accent))
                painter.drawEllipse(knob)
        painter.end()
