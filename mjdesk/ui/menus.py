"""Context menus from the keyboard: the Menu key (or Shift+F10) opens the menu of the current
item, where the keyboard user is, not of whatever lies under the view's corner."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView


def keyboard_menu_event(view: QAbstractItemView, event: QEvent) -> bool:
    """Handles a keyboard context-menu event for ``view``; True when it did."""
    if (
        event.type() != QEvent.Type.ContextMenu
        or not isinstance(event, QContextMenuEvent)
        or event.reason() != QContextMenuEvent.Reason.Keyboard
    ):
        return False
    current = view.currentIndex()
    if not current.isValid():
        return False
    view.scrollTo(current)
    view.customContextMenuRequested.emit(view.visualRect(current).center())
    return True
