"""Controls that leave the mouse wheel to the panel they sit in until they have the focus.

Scrolling the create panel must never change a slider or a list on its way: each would rewrite
the prompt, and so what the next generation costs and makes. A wheel event over one of these
without focus goes to the scroll area around it instead. A click, Tab or a key gives the
control the focus, and then the wheel adjusts it as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QComboBox, QSlider, QWidget

__all__ = ["QuietComboBox", "QuietSlider"]


def _to_panel(widget: QWidget, event: QWheelEvent) -> None:
    """Hands a wheel event to the nearest scroll area around ``widget`` (whether or not the
    event came from the window system, which is the only kind Qt passes to parents)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        event.ignore()
        return
    bar = parent.verticalScrollBar()
    if bar is not None and bar.isVisible():
        at = QPointF(bar.rect().center())
        copy = QWheelEvent(
            at,
            QPointF(bar.mapToGlobal(at.toPoint())),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
        )
        QApplication.sendEvent(bar, copy)
    event.accept()


class QuietSlider(QSlider):
    """A horizontal slider that scrolls its panel unless focused; a double-click asks for
    its default (``reset_requested``)."""

    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone never focuses it

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            _to_panel(self, event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.reset_requested.emit()
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)


class QuietComboBox(QComboBox):
    """A combo box that scrolls its panel unless focused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            _to_panel(self, event)
