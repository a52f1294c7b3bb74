"""The image viewer: one image with a toolbar, keys for everything (rate 0–5, F, ←/→, Space
for fit / 100 %, + and −, E, B, C, S, T, Delete, the menu key), its details laid out for
people, its versions; or two images to compare, zoomed and panned together side by side or
split by a divider (swipe)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QImage, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .viewer_canvas import ImageCanvas
from .viewer_info import InfoPanel

translate = QCoreApplication.translate

__all__ = ["ImageViewer"]


class ImageViewer(QWidget):
    navigate = Signal(int)  # -1 or +1
    version_requested = Signal(int)  # image id: show this version
    before_requested = Signal(int)  # image id: show its parent (the version it was made from)
    compare_requested = Signal(int, int)  # original's image id, this version's
    edit_requested = Signal(int)  # image id: open the editor on it (E)
    rate_requested = Signal(int, int)  # image id, 0 to 5
    favourite_requested = Signal(int)  # image id
    trash_requested = Signal(int)
    tags_edited = Signal(int, list, list)  # image id, added, removed
    menu_requested = Signal(int, QPoint)  # image id, where (global): the grid's menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("mjdesk — Viewer"))
        self.resize(1280, 840)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.toolbar = QHBoxLayout()
        self.toolbar.setContentsMargins(8, 6, 8, 6)
        outer.addLayout(self.toolbar)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.canvas = ImageCanvas()
        body.addWidget(self.canvas, 1)
        self.second = ImageCanvas()
        self.second.hide()
        body.addWidget(self.second, 1)
        # compare: the two zoom and pan together
        self.canvas.view_changed.connect(self._sync_second)
        self.second.view_changed.connect(self.canvas.set_view)
        side = QVBoxLayout()
        self.info = InfoPanel()
        self.info.rate.connect(self._rate)
        self.info.favourite.connect(self._favourite)
        self.info.tags_edited.connect(self._on_tags)
        self.info.source_requested.connect(self.version_requested)
        side.addWidget(self.info)
        self.versions_title = theme.section_title(self.tr("Versions"), indent=True)
        side.addWidget(self.versions_title)
        self.versions = QListWidget()
        self.versions.setAccessibleName(self.tr("Versions: the original and its edits"))
        self.versions.setFixedWidth(320)
        self.versions.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.versions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.versions.itemActivated.connect(self._on_version)
        self.versions.itemClicked.connect(self._on_version)
        side.addWidget(self.versions, 1)
        side.addStretch(0)
        body.addLayout(side)
        self._build_toolbar()
        self.current_id: int | None = None
        self.parent_id: int | None = None
        self.root_id: int | None = None
        self._after: QImage | None = None
        self.showing_before = False
        self.comparing = False
        self._pair: tuple[QImage, QImage] | None = None
        self._set_versions([])
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.versions.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.setFocus()

    def _tool(self, text: str, tip: str, slot: Any, name: str | None = None) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(name or tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the viewer keeps the keys
        self.toolbar.addWidget(b)
        return b

    def _build_toolbar(self) -> None:
        t = self.tr
        self.prev_button = self._tool("‹", t("Previous image (←)"), lambda: self.navigate.emit(-1))
        self.next_button = self._tool("›", t("Next image (→)"), lambda: self.navigate.emit(1))
        self.toolbar.addSpacing(12)
        self._tool(t("Fit"), t("Fit to the window (Space toggles with 100 %)"), self._fit)
        self._tool("100 %", t("Actual pixels (Space toggles with fit)"), self._actual)
        self._tool("−", t("Zoom out (−)"), lambda: self._zoom(0.8), t("Zoom out"))
        self._tool("+", t("Zoom in (+)"), lambda: self._zoom(1.25), t("Zoom in"))
        self.toolbar.addSpacing(12)
        self.edit_button = self._tool(t("Edit"), t("Open the editor on this image (E)"), self._edit)
        self.before_button = QPushButton(t("Before / after  (B)"))
        self.before_button.setToolTip(
            t("Show the version this one was made from; again to come back")
        )
        self.before_button.clicked.connect(self.flip)
        self.before_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.toolbar.addWidget(self.before_button)
        self.compare_button = QPushButton(t("Compare with original  (C)"))
        self.compare_button.clicked.connect(self._compare)
        self.compare_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.toolbar.addWidget(self.compare_button)
        self.swipe_button = QPushButton(t("Swipe  (S)"))
        self.swipe_button.setCheckable(True)
        self.swipe_button.setToolTip(t("Compare with a divider dragged across one image"))
        self.swipe_button.toggled.connect(self.set_swipe)
        self.swipe_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.toolbar.addWidget(self.swipe_button)
        self.toolbar.addStretch(1)
        self.more = self._tool("⋯", t("Every action on this image (the menu key)"), self._menu)

    # -- showing -----------------------------------------------------------------------------

    def show_pair(self, left: QImage, left_item: Any, right: QImage, right_item: Any) -> None:
        """Two images to compare: side by side, zoomed and panned together (S: swipe)."""
        self.comparing = True
        self._pair = (left, right)
        self.canvas.set_image(left)
        self.second.set_image(right)
        self.swipe_button.setEnabled(True)
        self.set_swipe(self.swipe_button.isChecked())
        self.info.show_pair(left_item, right_item)

    def set_swipe(self, on: bool) -> None:
        if self.swipe_button.isChecked() != on:
            self.swipe_button.setChecked(on)  # comes back here through toggled
            return
        if not self.comparing or self._pair is None:
            return
        self.second.setVisible(not on)
        self.canvas.set_other(self._pair[1] if on else None)

    def show_image(
        self, image: QImage, item: Any, path: Path, parent_id: int | None = None
    ) -> None:
        self.comparing = False
        self._pair = None
        self.second.hide()
        self.canvas.set_other(None)
        self.swipe_button.setEnabled(False)
        self.canvas.set_image(image)
        self.current_id, self._after, self.showing_before = item.id, image, False
        self.info.show_item(item, parent_id)
        self.setWindowTitle(self.tr("mjdesk — {prompt}").format(prompt=item.prompt[:80]))

    def show_marks(self, rating: int, favourite: bool) -> None:
        self.info.show_marks(rating, favourite)

    def _sync_second(self, fit: bool, zoom: float, x: float, y: float) -> None:
        if self.second.isVisible():
            self.second.set_view(fit, zoom, x, y)

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

    # -- actions -----------------------------------------------------------------------------

    def _fit(self) -> None:
        self.canvas.fit_to_window()

    def _actual(self) -> None:
        self.canvas.actual_size()

    def _zoom(self, factor: float) -> None:
        self.canvas.zoom_by(factor)

    def _edit(self) -> None:
        if self.current_id is not None and not self.comparing:
            self.edit_requested.emit(self.current_id)

    def _rate(self, n: int) -> None:
        if self.current_id is not None and not self.comparing:
            self.info.show_marks(n, self.info.heart.text() == "♥")
            self.rate_requested.emit(self.current_id, n)

    def _favourite(self) -> None:
        if self.current_id is not None and not self.comparing:
            self.info.show_marks(self.info._rating, self.info.heart.text() != "♥")
            self.favourite_requested.emit(self.current_id)

    def _on_tags(self, add: list[str], remove: list[str]) -> None:
        if self.current_id is not None:
            self.tags_edited.emit(self.current_id, add, remove)

    def _menu(self, pos: QPoint | None = None) -> None:
        if self.current_id is not None and not self.comparing:
            where = pos if pos is not None else self.more.mapToGlobal(self.more.rect().bottomLeft())
            self.menu_requested.emit(self.current_id, where)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._menu(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_5 and not mods:
            self._rate(key - Qt.Key.Key_0)
        elif key == Qt.Key.Key_F and not mods:
            self._favourite()
        elif key == Qt.Key.Key_B:
            self.flip()
        elif key == Qt.Key.Key_C and ctrl:
            self.info.copy_prompt()
        elif key == Qt.Key.Key_C:
            self._compare()
        elif key == Qt.Key.Key_S:
            self.set_swipe(not self.swipe_button.isChecked())
        elif key == Qt.Key.Key_T:
            self.info.tags.setFocus()
        elif key == Qt.Key.Key_E:
            self._edit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.current_id is not None:
            self.trash_requested.emit(self.current_id)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.navigate.emit(-1 if key == Qt.Key.Key_Left else 1)
        elif key == Qt.Key.Key_Space:
            self.canvas.toggle_fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.canvas.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.canvas.zoom_by(0.8)
        elif key == Qt.Key.Key_Menu:
            self._menu()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
