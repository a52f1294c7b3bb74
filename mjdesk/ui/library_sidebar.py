"""The library's sidebar: where the grid looks — All images, Favourites, Unrated, Recently
added, Trash; each project; each tag (several intersect); each saved search — with counts.
Images dropped from the grid onto a project are filed there."""

from __future__ import annotations

import time
from typing import Any

from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication, QLocale, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from .gallery import IDS_MIME

__all__ = ["LibrarySidebar", "empty_trash"]

translate = QCoreApplication.translate

ScopeRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
NameRole = Qt.ItemDataRole.UserRole + 3


class LibrarySidebar(QTreeWidget):
    scope_changed = Signal(object)  # the query fields the chosen entries add (a dict)
    filed = Signal(list, str)  # image ids dropped on a project, its name
    dropped = Signal(list, str, str)  # image ids dropped on "tag" (its name), "favourites", "trash"
    empty_trash_requested = Signal()
    project_create_requested = Signal(object)  # the parent project's id, or None
    project_rename_requested = Signal(int, str)  # project id, its name now
    project_delete_requested = Signal(int, str, int)  # project id, name, images it holds
    tag_rename_requested = Signal(str)  # the tag
    saved_chosen = Signal(dict)  # a saved search: its words, order and filters go to the panel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibrarySidebar")
        self.setHeaderHidden(True)
        self.setColumnCount(2)  # the entry, and its count (right-aligned)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName(self.tr("Library sidebar"))
        self.setRootIsDecorated(False)
        self.setIndentation(10)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        # it gives way in a narrow window (the grid and its controls keep their room; ☰ hides
        # it): its own width counts in no column's minimum
        self.setMinimumWidth(0)
        self.setMaximumWidth(240)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_menu)
        self.itemSelectionChanged.connect(self._on_selection)
        self._views = self._group(self.tr("Library"))
        self.entries: dict[str, QTreeWidgetItem] = {}
        for key, label in (
            ("all", self.tr("All images")),
            ("favourites", self.tr("Favourites")),
            ("unrated", self.tr("Unrated")),
            ("recent", self.tr("Recently added")),
            ("trash", self.tr("Trash")),
        ):
            self.entries[key] = self._entry(self._views, label, "view", key)
        self._projects = self._group(self.tr("Projects"))
        self._tags = self._group(self.tr("Tags"))
        self._saved = self._group(self.tr("Saved searches"))
        self.entries["all"].setSelected(True)

    def sizeHint(self) -> QSize:
        return QSize(210, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def _group(self, title: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self, [title])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setExpanded(True)
        return group

    def _entry(self, group: QTreeWidgetItem, label: str, kind: str, scope: Any) -> QTreeWidgetItem:
        entry = QTreeWidgetItem(group, [label])
        entry.setData(0, KindRole, kind)
        entry.setData(0, ScopeRole, scope)
        entry.setData(0, NameRole, label)
        return entry

    # -- contents --------------------------------------------------------------------------

    def show_counts(self, counts: dict[str, Any], saved: list[dict[str, Any]]) -> None:
        """Counts beside the views; projects, tags and saved searches as they are now (the
        entries chosen stay chosen)."""
        chosen = {(e.data(0, KindRole), repr(e.data(0, ScopeRole))) for e in self.selectedItems()}
        self.blockSignals(True)
        for key, entry in self.entries.items():
            _count(entry, counts[key])
        for group in (self._projects, self._tags, self._saved):
            group.takeChildren()
        tops: dict[int, QTreeWidgetItem] = {}
        projects = counts["projects"]
        for project_id, name, n, parent in projects:
            if parent is None:
                tops[project_id] = self._entry(self._projects, name, "project", project_id)
                _count(tops[project_id], n)
        for project_id, name, n, parent in projects:  # sub-projects under their parent
            if parent is not None:
                holder = tops.get(parent, self._projects)
                _count(self._entry(holder, name, "project", project_id), n)
                holder.setExpanded(True)
        for tag, n in counts["tags"]:
            _count(self._entry(self._tags, tag, "tag", tag), n)
        for search in saved:
            self._entry(self._saved, str(search.get("name", "")), "saved", search)
        for entry in self._all_entries():
            if (entry.data(0, KindRole), repr(entry.data(0, ScopeRole))) in chosen:
                entry.setSelected(True)
        self.blockSignals(False)

    def _all_entries(self) -> list[QTreeWidgetItem]:
        out = []
        todo = [self._views, self._projects, self._tags, self._saved]
        while todo:
            holder = todo.pop(0)
            for i in range(holder.childCount()):
                entry = holder.child(i)
                if entry is not None:
                    out.append(entry)
                    todo.append(entry)  # sub-projects
        return out

    def entry(self, kind: str, scope: Any) -> QTreeWidgetItem | None:
        for e in self._all_entries():
            if e.data(0, KindRole) == kind and e.data(0, ScopeRole) == scope:
                return e
        return None

    # -- choosing ------------------------------------------------------------------------------

    def scope(self, now: float | None = None) -> dict[str, Any]:
        """The query fields of the chosen entries: one view or project or saved search, and
        any number of tags (all of them must match)."""
        out: dict[str, Any] = {}
        tags = []
        for entry in self.selectedItems():
            kind, scope = entry.data(0, KindRole), entry.data(0, ScopeRole)
            if kind == "view":
                if scope == "favourites":
                    out["favourites"] = True
                elif scope == "unrated":
                    out["unrated"] = True
                elif scope == "recent":
                    out["since"] = (time.time() if now is None else now) - 7 * 86400
                elif scope == "trash":
                    out["trashed"] = True
            elif kind == "project":
                out["project_id"] = scope
            elif kind == "tag":
                tags.append(scope)
        if tags:
            out["tags"] = tuple(tags)
        return out

    @property
    def in_trash(self) -> bool:
        return bool(self.scope().get("trashed"))

    def _on_selection(self) -> None:
        selected = self.selectedItems()
        # a view, a project or a saved search stands alone; tags gather
        last = self.currentItem()
        if last is not None and last.isSelected() and last.data(0, KindRole) != "tag":
            self.blockSignals(True)
            for entry in selected:
                if entry is not last:
                    entry.setSelected(False)
            self.blockSignals(False)
        elif not selected:
            self.blockSignals(True)
            self.entries["all"].setSelected(True)
            self.blockSignals(False)
        if last is not None and last.isSelected() and last.data(0, KindRole) == "saved":
            self.saved_chosen.emit(dict(last.data(0, ScopeRole)))
        self.scope_changed.emit(self.scope())

    def _on_menu(self, pos: Any) -> None:
        menu = self.context_menu(self.itemAt(pos))
        if not menu.isEmpty():
            menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu(self, entry: QTreeWidgetItem | None) -> QtWidgets.QMenu:
        """Each entry's own actions: the trash emptied, projects made, renamed, nested and
        deleted, a tag renamed or merged into another."""
        menu = QtWidgets.QMenu(self)
        kind = entry.data(0, KindRole) if entry is not None else None
        scope = entry.data(0, ScopeRole) if entry is not None else None
        if entry is not None and scope == "trash":
            menu.addAction(self.tr("Empty trash…"), self.empty_trash_requested.emit)
        elif kind == "project" and entry is not None:
            name = str(entry.data(0, NameRole))
            held = int(QLocale().toInt(entry.text(1))[0] or 0)
            if entry.parent() is self._projects:
                menu.addAction(
                    self.tr("New project inside “{name}”…").format(name=name),
                    lambda: self.project_create_requested.emit(scope),
                )
            menu.addAction(
                self.tr("Rename…"), lambda: self.project_rename_requested.emit(scope, name)
            )
            menu.addAction(
                self.tr("Delete project…"),
                lambda: self.project_delete_requested.emit(scope, name, held),
            )
        elif kind == "tag":
            menu.addAction(
                self.tr("Rename or merge tag…"), lambda: self.tag_rename_requested.emit(scope)
            )
        elif entry is self._projects or entry is None:
            menu.addAction(
                self.tr("New project…"), lambda: self.project_create_requested.emit(None)
            )
        return menu

    # -- filing by drop --------------------------------------------------------------------------

    def _target_at(self, event: QDropEvent | QDragMoveEvent) -> QTreeWidgetItem | None:
        """An entry images can be dropped on: a project (filed), a tag (tagged), Favourites
        or the Trash."""
        entry = self.itemAt(event.position().toPoint())
        if entry is None:
            return None
        kind, scope = entry.data(0, KindRole), entry.data(0, ScopeRole)
        if kind in ("project", "tag") or scope in ("favourites", "trash"):
            return entry
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(IDS_MIME) and self._target_at(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        entry = self._target_at(event)
        ids = image_ids(event.mimeData())
        if entry is None or not ids:
            event.ignore()
            return
        kind, scope = entry.data(0, KindRole), entry.data(0, ScopeRole)
        if kind == "project":
            self.filed.emit(ids, str(entry.data(0, NameRole)))
        else:
            self.dropped.emit(ids, "tag" if kind == "tag" else str(scope), str(scope))
        event.acceptProposedAction()


def image_ids(mime: QMimeData) -> list[int]:
    raw = bytes(mime.data(IDS_MIME).data()).decode("ascii", "replace")
    return [int(x) for x in raw.split(",") if x.strip().isdigit()]


def _count(entry: QTreeWidgetItem, n: int) -> None:
    entry.setText(1, QLocale().toString(n))
    entry.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    entry.setForeground(1, entry.treeWidget().palette().placeholderText())


def empty_trash(tab: Any) -> None:
    """Deletes the trash for good, once the user has read how many images go."""
    count = tab.model.count if tab.sidebar.in_trash else None

    def ask(counts: dict[str, Any]) -> None:
        n = counts["trash"] if count is None else count
        if not n:
            tab.status_message.emit(translate("LibraryTab", "The trash is empty"), 3000)
            return
        answer = QtWidgets.QMessageBox.question(
            tab.panel,
            translate("LibraryTab", "mjdesk — Empty trash"),
            translate(
                "LibraryTab",
                "Delete {n} images for good? Their files are deleted too; this cannot be undone.",
            ).format(n=n),
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            tab._run(
                tab.service.gallery.empty_trash(),
                lambda done: tab.status_message.emit(
                    translate("LibraryTab", "Deleted {n} images for good").format(n=done), 4000
                ),
                "empty trash",
            )

    tab._run(tab.service.gallery.sidebar_counts(), ask, "trash count")
