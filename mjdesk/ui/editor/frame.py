"""The reframe canvas: the larger canvas, the source placed on it, and the new area marked.

Drag the image to move it on the canvas; its corner handles (or the wheel) resize it about
the opposite corner; the canvas keeps the aspect the panel chose. What the view shows is a
``core.canvas.Placement``, the same the request carries.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core import canvas
from ...core.canvas import Placement
from .. import theme

__all__ = ["FrameCanvas"]


class FrameCanvas(QWidget):
    placement_changed = Signal(object)  # Placement

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EditorFrame")
        self.setAccessibleName(self.tr("Canvas and image position"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.size_wh = (0, 0)
        self.display: QPixmap | None = None
        self.placement: Placement | None = None
        self._drag: QPointF | None = None
        self._corner: int | None = None  # the handle being dragged (0 tl, 1 tr, 2 br, 3 bl)

    def sizeHint(self) -> QSize:
        return QSize(800, 600)

    def set_image(self, width: int, height: int, display: QImage) -> None:
        self.size_wh = (width, height)
        self.display = QPixmap.fromImage(display)
        self.set_placement(canvas.zoom_out(width, height, 1.5))

    def set_placement(self, placement: Placement) -> None:
        self.placement = placement
        self.placement_changed.emit(placement)
        self.update()

    def _frame(self) -> tuple[QRectF, float]:
        """Where the canvas is drawn, and widget px per canvas px."""
        p = self.placement
        assert p is not None
        k = min(self.width() / p.canvas_w, self.height() / p.canvas_h) * 0.9
        w, h = p.canvas_w * k, p.canvas_h * k
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), k

    def image_rect(self) -> QRectF:
        """The placed image, in widget px (tests drag it)."""
        p = self.placement
        frame, k = self._frame()
        assert p is not None
        return QRectF(frame.x() + p.x * k, frame.y() + p.y * k, p.w * k, p.h * k)

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.current()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(c.viewer))
        if self.placement is None or self.display is None:
            painter.end()
            return
        frame, _k = self._frame()
        # the new area: what Midjourney will paint, hatched
        painter.fillRect(frame, QColor(c.panel))
        hatch = QColor(c.accent)
        hatch.setAlpha(110)
        painter.fillRect(frame, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(self.image_rect(), self.display, QRectF(self.display.rect()))
        painter.setPen(QPen(QColor(c.accent), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame)
        painter.setPen(QPen(QColor(c.text), 1, Qt.PenStyle.DashLine))
        painter.drawRect(self.image_rect())
        painter.setPen(QPen(QColor(c.accent), 1))
        painter.setBrush(QColor(c.text))
        for handle in self.handles():
            painter.drawRect(handle)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        p = self.placement
        painter.setPen(QColor(c.muted))
        painter.drawText(
            frame.adjusted(0, -22, 0, 0).topLeft() + QPointF(0, 14),
            self.tr("Canvas {w} × {h} px").format(w=p.canvas_w, h=p.canvas_h),
        )
        painter.end()

    # -- moving and scaling the image ------------------------------------------------------------

    def _reframed(self, scale: float, fx: float, fy: float) -> Placement:
        p = self.placement
        assert p is not None
        w, h = self.size_wh
        return canvas.reframe(w, h, p.canvas_w, p.canvas_h, scale=scale, fx=fx, fy=fy)

    def _fractions(self) -> tuple[float, float, float]:
        p = self.placement
        assert p is not None
        scale = max(p.w / p.canvas_w, p.h / p.canvas_h)
        fx = p.x / (p.canvas_w - p.w) if p.canvas_w > p.w else 0.5
        fy = p.y / (p.canvas_h - p.h) if p.canvas_h > p.h else 0.5
        return scale, fx, fy

    def handles(self) -> list[QRectF]:
        """The corner handles that scale the image (widget px): top-left, top-right,
        bottom-right, bottom-left."""
        if self.placement is None:
            return []
        r = self.image_rect()
        size = 12.0
        corners = (r.topLeft(), r.topRight(), r.bottomRight(), r.bottomLeft())
        return [QRectF(p.x() - size / 2, p.y() - size / 2, size, size) for p in corners]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.placement is None:
            return
        pos = event.position()
        for i, handle in enumerate(self.handles()):
            if handle.adjusted(-4, -4, 4, 4).contains(pos):
                self._corner = i
                self.setCursor(Qt.CursorShape.SizeFDiagCursor)
                return
        if self.image_rect().contains(pos):
            self._drag = pos
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def _scale_from_corner(self, pos: QPointF) -> None:
        """A corner dragged: the image grows or shrinks about the opposite corner, keeping
        its proportions, within the canvas."""
        p = self.placement
        assert p is not None and self._corner is not None
        frame, k = self._frame()
        r = self.image_rect()
        anchor = (r.bottomRight(), r.bottomLeft(), r.topLeft(), r.topRight())[self._corner]
        width = abs(pos.x() - anchor.x()) / k
        height = abs(pos.y() - anchor.y()) / k
        w, h = self.size_wh
        scale_img = max(width / w, height / h)  # relative to the source's own size
        fit = min(p.canvas_w / w, p.canvas_h / h)  # the scale that touches two edges
        scale = min(max(scale_img / fit, 0.2), 1.0)
        new_w, new_h = w * fit * scale, h * fit * scale
        left = anchor.x() if self._corner in (1, 2) else anchor.x() - new_w * k
        top = anchor.y() if self._corner in (2, 3) else anchor.y() - new_h * k
        x, y = (left - frame.x()) / k, (top - frame.y()) / k
        free_x, free_y = p.canvas_w - new_w, p.canvas_h - new_h
        fx = min(max(x / free_x, 0.0), 1.0) if free_x > 0 else 0.5
        fy = min(max(y / free_y, 0.0), 1.0) if free_y > 0 else 0.5
        self.set_placement(self._reframed(scale, fx, fy))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._corner is not None and self.placement is not None:
            self._scale_from_corner(event.position())
            return
        if self._drag is None or self.placement is None:
            return
        p = self.placement
        _frame, k = self._frame()
        move = (event.position() - self._drag) / k
        self._drag = event.position()
        scale, _fx, _fy = self._fractions()
        free_x, free_y = p.canvas_w - p.w, p.canvas_h - p.h
        x = min(max(p.x + move.x(), 0), free_x)
        y = min(max(p.y + move.y(), 0), free_y)
        fx = x / free_x if free_x > 0 else 0.5
        fy = y / free_y if free_y > 0 else 0.5
        self.set_placement(self._reframed(scale, fx, fy))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        self._corner = None
        self.unsetCursor()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.placement is None:
            return
        scale, fx, fy = self._fractions()
        scale *= 1.05 ** (event.angleDelta().y() / 120)
        self.set_placement(self._reframed(min(max(scale, 0.2), 1.0), fx, fy))
        event.accept()

    def set_scale(self, scale: float) -> None:
        if self.placement is not None:
            _s, fx, fy = self._fractions()
            self.set_placement(self._reframed(scale, fx, fy))
