"""The menu bar's entries (every action has one, and so a keyboard path: Alt, then the
letters) and the Help menu's pages (the keyboard sheet, with the way to the log, and About)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

__all__ = ["about", "fill_menus", "shortcuts_sheet"]


translate = QCoreApplication.translate


def fill_menus(
    file: QMenu, prompt: QMenu, help_: QMenu, slots: dict[str, Callable[[], object]]
) -> dict[str, QAction]:
    """The entries of the File, Prompt and Help menus, each calling ``slots[its key]``; an
    entry without a key is a separator."""
    entries: list[tuple[QMenu, str, str, str, str]] = [
        (file, "import", translate("Menus", "&Import a folder of images…"), "", ""),
        (file, "export", translate("Menus", "&Export the selected images…"), "", ""),
        (file, "settings", translate("Menus", "&Settings…") + "\tCtrl+,", "", ""),
        (file, "", "", "", ""),
        (file, "quit", translate("Menus", "&Quit"), "Ctrl+Q", ""),
        (prompt, "generate", translate("Menus", "&Generate") + "\tCtrl+Enter", "", ""),
        (prompt, "history", translate("Menus", "Prompt &history…"), "Ctrl+H", ""),
        (help_, "shortcuts", translate("Menus", "&Keyboard shortcuts"), "F1", ""),
        (
            help_,
            "logs",
            translate("Menus", "Open the &log folder"),
            "",
            translate("Menus", "The log and crash reports, without your key"),
        ),
        (help_, "", "", "", ""),
        (help_, "about", translate("Menus", "&About mjdesk"), "", ""),
    ]
    actions: dict[str, QAction] = {}
    for menu, key, text, keys, tip in entries:
        if not key:
            menu.addSeparator()
            continue
        action = menu.addAction(text)
        if keys:  # StandardKey.Quit and friends are empty on some platforms: name the keys
            action.setShortcut(QKeySequence(keys))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slots[key])
        actions[key] = action
    return actions


def shortcuts_sheet(parent: QWidget, open_logs: Callable[[], None] | None) -> QMessageBox:
    """F1: every shortcut, opened (not run modally) over ``parent``."""
    rows = [
        ("Ctrl+Enter", translate("Help", "Generate")),
        ("Ctrl+L", translate("Help", "Focus the prompt")),
        (translate("Help", "Up / Down (empty prompt)"), translate("Help", "Earlier prompts")),
        ("Ctrl+H", translate("Help", "Search prompt history")),
        ("Alt+D / F / T", translate("Help", "Draft / Fast / Turbo")),
        ("Alt+S / H", translate("Help", "Standard / HD")),
        (
            translate("Help", "Ctrl+V (on a reference zone)"),
            translate("Help", "Paste an image or URL"),
        ),
        (
            translate("Help", "Results: arrows, Enter"),
            translate("Help", "Move between images, open one in the viewer"),
        ),
        ("V / Shift+V / M", translate("Help", "Vary (subtle / strong), remix the current image")),
        ("U / R", translate("Help", "Put the card's prompt back, run it again")),
        ("1–5, 0", translate("Help", "Rate the selected images, clear the rating")),
        ("F", translate("Help", "Favourite")),
        ("T / M", translate("Help", "Library: tag the selection, move it to a project")),
        ("Ctrl+A / Esc", translate("Help", "Library: select every image shown, none")),
        ("Ctrl+Z", translate("Help", "Library: undo the last rating, tag, move or trash")),
        (translate("Help", "Menu key"), translate("Help", "Actions on the current image or job")),
        (translate("Help", "Delete"), translate("Help", "Move to the trash (Ctrl+Z undoes)")),
        (
            translate("Help", "Enter"),
            translate("Help", "Open in the viewer; Space fit / 1:1, +/− zoom, ←/→ next"),
        ),
        (
            translate("Help", "Viewer: C / S / B"),
            translate("Help", "Compare with the original, swipe, before / after"),
        ),
        ("Ctrl+ + / Ctrl+ −", translate("Help", "Bigger / smaller thumbnails")),
        ("Tab / Shift+Tab", translate("Help", "Move between controls")),
        ("Ctrl+,", translate("Help", "Settings")),
        ("F1", translate("Help", "This sheet")),
        ("Ctrl+Q", translate("Help", "Quit")),
        ("Alt", translate("Help", "The menus: every action is in one")),
    ]
    box = QMessageBox(parent)
    box.setWindowTitle(translate("Help", "mjdesk — Keyboard shortcuts"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("\n".join(f"{k:<34}{v}" for k, v in rows))
    box.setStyleSheet("QLabel { font-family: monospace; min-width: 760px; }")
    if open_logs is not None:
        button = box.addButton(
            translate("Help", "Open log folder"), QMessageBox.ButtonRole.ActionRole
        )
        button.clicked.connect(open_logs)
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return box


def about(parent: QWidget) -> None:
    from .. import __version__

    QMessageBox.about(
        parent,
        translate("Help", "About mjdesk"),
        translate(
            "Help",
            "mjdesk {version}\n\nA desktop studio for Midjourney V8.1 through EvoLink's API, "
            "with a local library of every image you make.",
        ).format(version=__version__),
    )
