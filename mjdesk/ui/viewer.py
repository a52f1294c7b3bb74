"""The image viewer: one image at full size with its metadata, zoom and pan, or two side by
side to compare; left and right step through the gallery."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QWidget,
)

from . import theme

translate = QCoreApplication.translate


class ImageViewer(QWidget):
    """Full size with fit / 1:1 / zoom / pan, arrow keys to move, and the image's metadata."""

    navigate = Signal(int)  # -1 or +1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("mjdesk — Viewer"))
        self.resize(1200, 820)
        layout = QHBoxLayout(self)
        self.canvas = _Canvas()
        layout.addWidget(self.canvas, 1)
        self.second = _Canvas()
        self.second.hide()
        layout.addWidget(self.second, 1)
        self.meta = QLabel("")
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.meta.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.meta.setFixedWidth(300)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.meta)

    def show_pair(self, left: QImage, left_item: Any, right: QImage, right_item: Any) -> None:
        """Two images side by side (compare)."""
        self.second.set_image(right)
        self.second.show()
        self.canvas.set_image(left)
        self.meta.setText(
            self.tr("Left: {left}\n\nRight: {right}").format(
                left=_summary(left_item),
                right=_summary(right_item),
            )
        )

    def show_image(self, image: QImage, item: Any, path: Path) -> None:
        self.second.hide()
        self.canvas.set_image(image)
        import time as _time

        from ..core.modes import cost_units

        made = _time.strftime("%Y-%m-%d %H:%M", _time.localtime(item.created_at))
        self.meta.setText(
            self.tr(
                "{prompt}\n\nSpeed: {speed} · Quality: {quality}\nMade: {made} · Cost: {cost} "
                "per task\nSize: {width}×{height}\nTask: {task}\nImage: {number}\n"
                "Model: {model}\nRating: {rating}\n\n{path}"
            ).format(
                prompt=item.prompt,
                speed=item.speed,
                quality=item.quality,
                made=made,
                cost=_units(cost_units(item.speed, item.quality)),
                width=item.width,
                height=item.height,
                task=item.task_id,
                number=item.idx + 1,
                model=item.model,
                rating=("★" * item.rating or "—") + ("  ♥" if item.favourite else ""),
                path=path,
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.navigate.emit(-1 if key == Qt.Key.Key_Left else 1)
        elif key == Qt.Key.Key_Space:
            self.canvas.toggle_fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.canvas.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.canvas.zoom_by(0.8)
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)


class _Canvas(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._pix = QPixmap()
        self._fit = True
        self._zoom = 1.0
        self._offset = [0.0, 0.0]
        self._drag: tuple[float, float] | None = None
        self.setMinimumSize(QSize(320, 240))
        self.setAccessibleName("Image")

    @property
    def fit(self) -> bool:
        return self._fit

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_image(self, image: QImage) -> None:
        self._pix = QPixmap.fromImage(image)
        self._fit, self._zoom, self._offset = True, 1.0, [0.0, 0.0]
        self.update()

    def toggle_fit(self) -> None:
        self._fit = not self._fit
        self._zoom = 1.0
        self._offset = [0.0, 0.0]
        self.update()

    def zoom_by(self, factor: float) -> None:
        if self._fit:
            self._zoom = self._scale()
            self._fit = False
        self._zoom = max(0.05, min(16.0, self._zoom * factor))
        self.update()

    def _scale(self) -> float:
        if self._pix.isNull():
            return 1.0
        if self._fit:
            return min(self.width() / self._pix.width(), self.height() / self._pix.height(), 1.0)
        return self._zoom

    def wheelEvent(self, event: Any) -> None:
        self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)

    def mousePressEvent(self, event: Any) -> None:
        self._drag = (event.position().x(), event.position().y())

    def mouseMoveEvent(self, event: Any) -> None:
        if self._drag is not None and not self._fit:
            x, y = event.position().x(), event.position().y()
            self._offset[0] += x - self._drag[0]
            self._offset[1] += y - self._drag[1]
            self._drag = (x, y)
            self.update()

    def mouseReleaseEvent(self, event: Any) -> None:
        self._drag = None

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(theme.current().viewer))
        if not self._pix.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            scale = self._scale()
            w, h = int(self._pix.width() * scale), int(self._pix.height() * scale)
            x = (self.width() - w) // 2 + int(self._offset[0])
            y = (self.height() - h) // 2 + int(self._offset[1])
            painter.drawPixmap(QRect(x, y, w, h), self._pix)
        painter.end()


def _summary(item: Any) -> str:
    return f"{item.prompt}\n{item.width}×{item.height} · {item.speed}"


def _units(value: float) -> str:
    if value == 1:
        return translate("Gallery", "1 cost unit")
    return translate("Gallery", "{n} cost units").format(n=f"{value:g}")
