"""A style's card: up to four of its references in a 2×2 mosaic, its name under them, a
warning when a reference file is gone; click (or Enter) applies it, right-click (or the menu
key) opens its menu."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ..core.styles import Style
from . import theme

__all__ = ["CARD", "StyleCard"]

translate = QCoreApplication.translate
CARD = QSize(120, 112)


class StyleCard(QWidget):
    """A style: up to four of its references in a 2×2 mosaic, its name under them."""

    chosen = Signal(int)  # style id
    menu_requested = Signal(int, object)  # style id, global position

    def __init__(self, style_id: int, style: Style, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style_id, self.style_ = style_id, style
        self.pictures: dict[str, QImage] = {}
        self.missing: list[str] = []
        self.setFixedSize(CARD)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("Styles", "Style {name}").format(name=style.name))
        self._tip()

    def _tip(self) -> None:
        params = " ".join(f"--{n}" if v is True else f"--{n} {v}" for n, v in self.style_.params)
        refs = translate("Styles", "{n} style references").format(n=len(self.style_.srefs))
        lines = [self.style_.name, refs, params]
        if self.missing:
            lines.append(
                translate("Styles", "Missing: {files}").format(files=", ".join(self.missing))
            )
        lines.append(translate("Styles", "Click to apply it to the prompt"))
        self.setToolTip("\n".join(x for x in lines if x))

    def set_picture(self, url: str, image: QImage) -> None:
        self.pictures[url] = image
        self.update()

    def set_missing(self, files: list[str]) -> None:
        self.missing = files
        self._tip()
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.chosen.emit(self.style_id)
        elif event.button() == Qt.MouseButton.RightButton:
            self.menu_requested.emit(self.style_id, event.globalPosition().toPoint())

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.chosen.emit(self.style_id)
        elif event.key() == Qt.Key.Key_Menu:
            self.menu_requested.emit(self.style_id, self.mapToGlobal(self.rect().center()))
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QColor(c.accent if self.hasFocus() else c.border))
        p.setBrush(QColor(c.raised))
        p.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 8, 8)
        mosaic = QRect(6, 6, self.width() - 12, 72)
        urls = [r.url for r in self.style_.srefs[:4]] or (
            [self.style_.oref.url] if self.style_.oref else []
        )
        cols = 1 if len(urls) <= 1 else 2
        rows = 1 if len(urls) <= 2 else 2
        w, h = mosaic.width() // cols, mosaic.height() // rows
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for i, url in enumerate(urls):
            cell = QRect(mosaic.left() + (i % cols) * w, mosaic.top() + (i // cols) * h, w, h)
            image = self.pictures.get(url)
            if image is None or image.isNull():
                p.fillRect(cell.adjusted(1, 1, -1, -1), QColor(c.thumb_placeholder))
                continue
            src = QSize(cell.size()).scaled(image.size(), Qt.AspectRatioMode.KeepAspectRatio)
            source = QRect(0, 0, src.width(), src.height())
            source.moveCenter(image.rect().center())
            p.drawImage(cell.adjusted(1, 1, -1, -1), image, source)
        if not urls:
            p.setPen(QColor(c.muted))
            p.drawText(mosaic, Qt.AlignmentFlag.AlignCenter, "--s --ar")
        p.setPen(QColor(c.text))
        name = p.fontMetrics().elidedText(
            self.style_.name, Qt.TextElideMode.ElideRight, self.width() - 12
        )
        p.drawText(QRect(6, 82, self.width() - 12, 16), Qt.AlignmentFlag.AlignLeft, name)
        if self.missing:
            p.setPen(QColor(c.error))
            p.drawText(
                QRect(6, 96, self.width() - 12, 14),
                Qt.AlignmentFlag.AlignLeft,
                translate("Styles", "⚠ {n} file(s) missing").format(n=len(self.missing)),
            )
        p.end()
