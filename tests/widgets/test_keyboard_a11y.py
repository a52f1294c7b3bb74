"""Keyboard and assistive technology: Tab reaches every control, focus is visible, and every
control has a name a screen reader can say."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from tests.widgets.conftest import open_studio

CONTROLS = (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QAbstractItemView,
)


def _tab_stops(root: QWidget) -> list[QWidget]:
    """The controls a keyboard user should reach: visible, enabled, taking Tab focus."""
    found = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, CONTROLS) and w.objectName() != "DropZone":
            continue
        if not (w.isVisibleTo(root) and w.isEnabled()):
            continue
        if not w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(w.parent(), QComboBox | QAbstractItemView):
            continue  # a combo's own line edit, a view's editors
        if type(w).__name__ in ("QScrollBar", "QTabBar"):
            continue
        found.append(w)
    return found


async def _walk(window: QWidget, start: QWidget, steps: int) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = []
    for _ in range(steps):
        await asyncio.sleep(0)
        current = QApplication.focusWidget()
        if current is not None:
            seen.append(current)
        window.focusNextChild()
    return seen


async def test_tab_reaches_every_control_of_the_create_panel_and_the_library(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.activateWindow()
        await st.until(lambda: QApplication.activeWindow() is w)
        w.editor.setPlainText("a kite over dunes")
        for tab in (w.results, w.gallery):
            w.tabs.setCurrentWidget(tab)
            await asyncio.sleep(0.05)
            stops = _tab_stops(w)
            seen = await _walk(w, w.editor, len(stops) * 2 + 10)
            missing = [
                f"{type(s).__name__} {s.accessibleName() or s.objectName()}"
                for s in stops
                if s not in seen and not _group_reached(s, seen)
            ]
            assert missing == [], missing
            assert len(stops) > 20


def _group_reached(button: QWidget, seen: list[QWidget]) -> bool:
    """A segment of an exclusive group is reached like a radio button: Tab stops at the checked
    one, the arrow keys move along the group."""
    group = button.group() if isinstance(button, QAbstractButton) else None
    return group is not None and group.exclusive() and any(b in seen for b in group.buttons())


async def test_arrow_keys_move_along_the_mode_segments(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.activateWindow()
        await st.until(lambda: QApplication.activeWindow() is w)
        b = w.modes.buttons
        b["fast"].setFocus(Qt.FocusReason.TabFocusReason)
        await st.until(b["fast"].hasFocus)
        qtbot.keyClick(b["fast"], Qt.Key.Key_Right)
        await st.until(b["turbo"].hasFocus)
        qtbot.keyClick(b["turbo"], Qt.Key.Key_Space)  # Space chooses it
        await st.until(lambda: w.editor.speed == "turbo")
        qtbot.keyClick(b["turbo"], Qt.Key.Key_Left)
        await st.until(b["fast"].hasFocus)


async def test_every_control_has_a_name_to_be_read_aloud(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.tabs.setCurrentWidget(w.gallery)
        unnamed = []
        for control in _tab_stops(w):
            name = control.accessibleName()
            if not name and isinstance(control, QAbstractButton):
                name = control.text().replace("&", "")
            if not name.strip() or name.strip() in ("×", "…"):
                unnamed.append(f"{type(control).__name__} {control.objectName()!r}")
        assert unnamed == [], unnamed


async def test_keyboard_focus_is_visible(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.activateWindow()
        await st.until(lambda: QApplication.activeWindow() is w)
        for control in (
            w.history_button,
            w.modes.buttons["turbo"],
            w.zones["style"],
            w.params.seed,
        ):
            w.editor.setFocus(Qt.FocusReason.TabFocusReason)
            await asyncio.sleep(0.02)
            without = control.grab().toImage()
            control.setFocus(Qt.FocusReason.TabFocusReason)
            await st.until(control.hasFocus)
            await asyncio.sleep(0.02)
            with_focus = control.grab().toImage()
            assert with_focus != without, f"{control.accessibleName()}: focus not drawn"


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toLocalFile())


async def test_the_menus_hold_every_action_with_its_keys(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.log_folder = tmp_path / "logs"
        bar = w.menuBar()
        titles = [a.text() for a in bar.actions()]
        assert titles == ["&File", "&Prompt", "&Help"]
        entries = {a.text().split("\t")[0]: a for m in bar.findChildren(QMenu) for a in m.actions()}
        assert {
            "&Import a folder of images…",
            "&Quit",
            "Prompt &history…",
            "&Keyboard shortcuts",
            "Open the &log folder",
            "&About mjdesk",
        } <= set(entries)
        assert entries["&Quit"].shortcut().toString() == "Ctrl+Q"
        assert entries["&Keyboard shortcuts"].shortcut().toString() == "F1"
        # Help → Open the log folder asks the desktop to show the log folder
        opened = _Opened()
        QDesktopServices.setUrlHandler("file", opened, "open")
        try:
            w.menu_actions["logs"].trigger()
            assert opened.urls == [str(tmp_path / "logs")]
        finally:
            QDesktopServices.unsetUrlHandler("file")
        # F1 from anywhere in the window opens the sheet
        w.activateWindow()
        await st.until(lambda: QApplication.activeWindow() is w)
        w.editor.setFocus()
        qtbot.keyClick(w.editor, Qt.Key.Key_F1)
        await st.until(lambda: getattr(w, "_shortcuts_box", None) is not None)
        assert "Ctrl+Enter" in w._shortcuts_box.text()
        w._shortcuts_box.close()
