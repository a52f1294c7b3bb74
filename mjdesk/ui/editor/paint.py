"""The repaint canvas: the source image, the mask over it, and the tools that mark it.

Zoom with Ctrl+wheel (around the pointer), a pinch, Ctrl+0 (fit) and Ctrl+1 (100 %); pan with
the wheel, the middle button or Space+drag. Tools: brush (B), eraser (E), rectangle (R) and
lasso (L); Alt with a rectangle or lasso takes away; ``[`` and ``]`` size the brush, whose
outline follows the pointer. Strokes are painted into the mask in image pixels and only the
rectangle they touched is repainted, so a 4096 × 4096 image stays fluid.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import theme
from .mask import MaskLayer

__all__ = ["PaintCanvas"]

TOOLS = ("brush", "eraser", "rect", "lasso")
MIN_ZOOM, MAX_ZOOM = 0.02, 16.0


class PaintCanvas(QWidget):
    changed = Signal()  # the mask changed (undo, emptiness)
    view_changed = Signal(float)  # the zoom (display px per image px)
    tool_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EditorCanvas")
        self.setAccessibleName(self.tr("Image to repaint"))
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.size_wh = (0, 0)  # the source image's size, px
        self.display: QPixmap | None = None  # the source at display size (made off-thread)
        self.layer: MaskLayer | None = None
        self.zoom = 1.0
        self.origin = QPointF(0, 0)  # where the image's top-left corner is, in widget px
        self.tool = "brush"
        self.radius = 40.0  # brush radius, image px
        self.overlay = True
        self.editing = True  # False: a view only (retexture shows the image, no mask)
        self._space = False
        self._pan_from: QPointF | None = None
        self._last: QPointF | None = None
        self._shape: list[QPointF] = []  # the rectangle's corners or the lasso's points
        self._pointer: QPointF | None = None
        self._fitted = False

    # -- content ---------------------------------------------------------------------------

    def set_image(self, width: int, height: int, display: QImage) -> None:
        """The source's size and its picture at display size (scaled off the GUI thread)."""
        self.size_wh = (width, height)
        self.display = QPixmap.fromImage(display)
        self.layer = MaskLayer(width, height)
        self.radius = max(4.0, min(width, height) / 25)
        self._fitted = False
        self.fit()

    def set_tool(self, tool: str) -> None:
        if tool in TOOLS and tool != self.tool:
            self.tool = tool
            self.tool_changed.emit(tool)
            self.update()

    def set_tint(self, colour: QColor) -> None:
        """The overlay's colour (the mask keeps only what is opaque)."""
        if self.layer is None:
            return
        self.layer.colour = QColor(colour)
        for image in (self.layer.image, self.layer.preview):
            painter = QPainter(image)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(image.rect(), colour)
            painter.end()
        self.update()

    def set_overlay(self, visible: bool) -> None:
        self.overlay = visible
        self.update()

    # -- view ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(800, 600)

    def fit(self) -> None:
        w, h = self.size_wh
        if not w or not h or self.width() < 10:
            return
        zoom = min(self.width() / w, self.height() / h) * 0.94
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.origin = QPointF(
            (self.width() - w * self.zoom) / 2, (self.height() - h * self.zoom) / 2
        )
        self._fitted = True
        self.view_changed.emit(self.zoom)
        self.update()

    def actual_size(self) -> None:
        self.set_zoom(1.0, QPointF(self.width() / 2, self.height() / 2))

    def set_zoom(self, zoom: float, anchor: QPointF) -> None:
        """Zooms keeping the image point under ``anchor`` (widget px) where it is."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        at = self.to_image(anchor)
        self.zoom = zoom
        self.origin = QPointF(anchor.x() - at.x() * zoom, anchor.y() - at.y() * zoom)
        self._fitted = False
        self.view_changed.emit(self.zoom)
        self.update()

    def to_image(self, p: QPointF) -> QPointF:
        return QPointF((p.x() - self.origin.x()) / self.zoom, (p.y() - self.origin.y()) / self.zoom)

    def to_widget(self, r: QRectF) -> QRect:
        return (
            QRectF(
                self.origin.x() + r.x() * self.zoom,
                self.origin.y() + r.y() * self.zoom,
                r.width() * self.zoom,
                r.height() * self.zoom,
            )
            .toAlignedRect()
            .adjusted(-2, -2, 2, 2)
        )

    def resizeEvent(self, event: object) -> None:
        if self._fitted or self.zoom == 1.0:
            self.fit()

    # -- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.fillRect(event.rect(), QColor(c.viewer))
        w, h = self.size_wh
        if self.display is None or not w:
            p.end()
            return
        target = QRectF(self.origin.x(), self.origin.y(), w * self.zoom, h * self.zoom)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.zoom < 2)
        p.drawPixmap(target, self.display, QRectF(self.display.rect()))
        if self.layer is not None and self.overlay and self.editing:
            p.setOpacity(0.5)
            # the full-size mask when zoomed in past the overlay's copy, else the copy
            use_full = self.zoom > self.layer.scale * 1.5
            image = self.layer.image if use_full else self.layer.preview
            if use_full:  # only the part in view
                view = QRectF(
                    self.to_image(QPointF(0, 0)),
                    self.to_image(QPointF(self.width(), self.height())),
                )
                src = view.intersected(QRectF(0, 0, w, h))
                dst = QRectF(
                    self.origin.x() + src.x() * self.zoom,
                    self.origin.y() + src.y() * self.zoom,
                    src.width() * self.zoom,
                    src.height() * self.zoom,
                )
                p.drawImage(dst, image, src)
            else:
                p.drawImage(target, image, QRectF(image.rect()))
            p.setOpacity(1.0)
        paint_guides(self, p, c)
        p.end()

    def _widget_point(self, q: QPointF) -> QPointF:
        return QPointF(self.origin.x() + q.x() * self.zoom, self.origin.y() + q.y() * self.zoom)

    # -- input ---------------------------------------------------------------------------------

    def _panning(self, event: QMouseEvent) -> bool:
        buttons = event.buttons()
        return bool(
            buttons & Qt.MouseButton.MiddleButton
            or (self._space and buttons & Qt.MouseButton.LeftButton)
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._panning(event):
            self._pan_from = pos
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if event.button() != Qt.MouseButton.LeftButton or self.layer is None or not self.editing:
            return
        at = self.to_image(pos)
        if self.tool in ("brush", "eraser"):
            self.layer.begin()
            self._last = at
            self._dirty(self.layer.stroke(at, at, self.radius, erase=self.tool == "eraser"))
        else:
            self._shape = [at, at] if self.tool == "rect" else [at]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        old = self._pointer
        self._pointer = pos
        if self._pan_from is not None:
            self.origin += pos - self._pan_from
            self._pan_from = pos
            self.update()
            return
        at = self.to_image(pos)
        if self._last is not None and self.layer is not None:
            erase = self.tool == "eraser"
            self._dirty(self.layer.stroke(self._last, at, self.radius, erase=erase))
            self._last = at
        elif self._shape:
            if self.tool == "rect":
                self._shape[1] = at
            else:
                self._shape.append(at)
            self.update()
        if self.tool in ("brush", "eraser"):  # the outline: repaint where it was and is
            r = int(self.radius * self.zoom) + 4
            for q in (old, pos):
                if q is not None:
                    self.update(QRect(int(q.x()) - r, int(q.y()) - r, 2 * r, 2 * r))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.unsetCursor()
            return
        if self.layer is None:
            return
        if self._last is not None:
            self.layer.end()
            self._last = None
            self.changed.emit()
        elif self._shape:
            erase = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            pts = self._shape
            if self.tool == "rect":
                a, b = pts
                pts = [a, QPointF(b.x(), a.y()), b, QPointF(a.x(), b.y())]
            self._shape = []
            w, h = self.size_wh
            poly = [(min(max(q.x(), 0), w), min(max(q.y(), 0), h)) for q in pts]
            if len(poly) >= 3:
                self.layer.begin()
                self.layer.fill(poly, erase=erase)
                self.layer.end()
                self.changed.emit()
            self.update()

    def _dirty(self, rect: QRect) -> None:
        self.update(self.to_widget(QRectF(rect)))

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120
            self.set_zoom(self.zoom * (1.15**steps), event.position())
        else:
            self.origin += QPointF(delta.x(), delta.y()) / 2
            self.update()
        event.accept()

    def event(self, event: QEvent) -> bool:
        pinch = (
            isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        )
        if pinch:
            self.set_zoom(self.zoom * (1 + event.value()), event.position())  # type: ignore[attr-defined]
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        elif key == Qt.Key.Key_BracketLeft:
            self.set_radius(self.radius / 1.25)
        elif key == Qt.Key.Key_BracketRight:
            self.set_radius(self.radius * 1.25)
        elif ctrl and key in (Qt.Key.Key_Z, Qt.Key.Key_Y):
            self.undo(redo=key == Qt.Key.Key_Y or bool(mods & Qt.KeyboardModifier.ShiftModifier))
        elif ctrl and key == Qt.Key.Key_0:
            self.fit()
        elif ctrl and key == Qt.Key.Key_1:
            self.actual_size()
        elif not ctrl and Qt.Key(key) in _TOOL_KEYS:
            self.set_tool(_TOOL_KEYS[Qt.Key(key)])
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.unsetCursor()
        else:
            super().keyReleaseEvent(event)

    def undo(self, *, redo: bool = False) -> None:
        """Ctrl+Z (and with ``redo``, Ctrl+Shift+Z): one step of the mask back or forth."""
        if self.layer is not None and (self.layer.redo() if redo else self.layer.undo()):
            self.update()
        self.changed.emit()

    def redo(self) -> None:
        self.undo(redo=True)

    def set_radius(self, radius: float) -> None:
        w, h = self.size_wh
        self.radius = max(1.0, min(radius, max(w, h) / 2 or 1.0))
        self.changed.emit()
        self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self._pointer = None
        self.update()


_TOOL_KEYS = {
    Qt.Key.Key_B: "brush",
    Qt.Key.Key_E: "eraser",
    Qt.Key.Key_R: "rect",
    Qt.Key.Key_L: "lasso",
}


def paint_guides(canvas: PaintCanvas, p: QPainter, c: theme.Scheme) -> None:
    """The rectangle or lasso being drawn, and the brush's outline under the pointer."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(c.accent), 1.5, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if canvas._shape:
        pts = [canvas._widget_point(q) for q in canvas._shape]
        if canvas.tool == "rect" and len(pts) == 2:
            p.drawRect(QRectF(pts[0], pts[1]).normalized())
        elif len(pts) > 1:
            p.drawPolyline(QPolygonF(pts))
    if canvas._pointer is not None and canvas.tool in ("brush", "eraser") and canvas.editing:
        r = canvas.radius * canvas.zoom
        p.setPen(QPen(QColor(255, 255, 255, 200), 1.5))
        p.drawEllipse(canvas._pointer, r, r)
        p.setPen(QPen(QColor(0, 0, 0, 160), 1))
        p.drawEllipse(canvas._pointer, r + 1.5, r + 1.5)
