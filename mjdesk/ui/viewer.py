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
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import theme

translate = QCoreApplication.translate


class ImageViewer(QWidget):
    """Full size with fit / 1:1 / zoom / pan, arrow keys to move, and the image's metadata."""

    navigate = Signal(int)  # -1 or +1
    version_requested = Signal(int)  # image id: show this version
    before_requested = Signal(int)  # image id: show its parent (the version it was made from)
    compare_requested = Signal(int, int)  # original's image id, this version's
    edit_requested = Signal(int)  # image id: open the editor on it (E)

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
        side = QVBoxLayout()
        self.meta = QLabel("")
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.meta.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.meta.setFixedWidth(300)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side.addWidget(self.meta, 1)
        self.versions_title = theme.section_title(self.tr("Versions"))
        side.addWidget(self.versions_title)
        self.versions = QListWidget()
        self.versions.setAccessibleName(self.tr("Versions: the original and its edits"))
        self.versions.setFixedWidth(300)
        self.versions.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.versions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.versions.itemActivated.connect(self._on_version)
        self.versions.itemClicked.connect(self._on_version)
        side.addWidget(self.versions, 1)
        row = QHBoxLayout()
        self.before_button = QPushButton(self.tr("Before / after  (B)"))
        self.before_button.setToolTip(
            self.tr("Show the version this one was made from; again to come back")
        )
        self.before_button.clicked.connect(self.flip)
        self.compare_button = QPushButton(self.tr("Compare with original"))
        self.compare_button.clicked.connect(self._compare)
        row.addWidget(self.before_button)
        row.addWidget(self.compare_button)
        side.addLayout(row)
        layout.addLayout(side)
        self.current_id: int | None = None
        self.parent_id: int | None = None
        self.root_id: int | None = None
        self._after: QImage | None = None
        self.showing_before = False
        self._set_versions([])

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
        self.current_id, self._after, self.showing_before = item.id, image, False
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

    # -- versions ----------------------------------------------------------------------------

    def show_versions(
        self, versions: list[tuple[int, int, str, int]], parent_id: int | None
    ) -> None:
        """The stack the current image belongs to: the original, then its edits (indented by
        generation); the current one selected."""
        self.parent_id = parent_id
        self._set_versions(versions)

    def _set_versions(self, versions: list[tuple[int, int, str, int]]) -> None:
        self.versions.clear()
        self.root_id = versions[0][0] if versions else None
        for image_id, depth, words, idx in versions:
            head = self.tr("Original") if depth == 0 else words.split(" · ", 1)[0]
            label = f"{head} · #{idx + 1}"
            entry = QListWidgetItem("    " * min(depth, 4) + label)
            entry.setData(Qt.ItemDataRole.UserRole, image_id)
            entry.setToolTip(words)
            self.versions.addItem(entry)
            if image_id == self.current_id:
                self.versions.setCurrentItem(entry)
        several = len(versions) > 1
        self.versions_title.setVisible(several)
        self.versions.setVisible(several)
        self.before_button.setEnabled(self.parent_id is not None)
        self.compare_button.setEnabled(several and self.root_id != self.current_id)

    def _on_version(self, entry: QListWidgetItem) -> None:
        image_id = entry.data(Qt.ItemDataRole.UserRole)
        if image_id is not None and image_id != self.current_id:
            self.version_requested.emit(int(image_id))

    def flip(self) -> None:
        """Before and after: the version this one was made from, in its place, and back."""
        if self.parent_id is None:
            return
        if self.showing_before and self._after is not None:
            self.canvas.set_image(self._after)
            self.showing_before = False
        else:
            self.before_requested.emit(self.parent_id)

    def show_before(self, image: QImage) -> None:
        self.canvas.set_image(image)
        self.showing_before = True

    def _compare(self) -> None:
        if self.root_id is not None and self.current_id is not None:
            self.compare_requested.emit(self.root_id, self.current_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_B:
            self.flip()
        elif key == Qt.Key.Key_E and self.current_id is not None:
            self.edit_requested.emit(self.current_id)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
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
