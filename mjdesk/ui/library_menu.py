"""The Library tab's menus and dialogs on images: the grid's context menu (the viewer's
too) with every action and its key, the tag editor, Move to project, and export. A part of
``LibraryTab``."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication

__all__ = ["MenuFlow"]

translate = QCoreApplication.translate
MAX_STYLE_IMAGES = 10  # style references a style made from a selection keeps


class MenuFlow:
    """Mixed into ``LibraryTab``: it uses the tab's panel, sidebar, actions and bulk flow."""

    panel: Any
    sidebar: Any
    actions: Any
    service: Any
    status_message: Any
    undo_text: str | None
    _on_rating: Callable[..., None]
    _on_favourite: Callable[..., None]
    _on_trash: Callable[..., None]
    restore: Callable[..., None]
    file: Callable[..., None]
    undo: Callable[..., None]
    compare: Callable[..., None]
    empty_trash: Callable[..., None]
    _run: Callable[..., None]

    def export_selected(self) -> None:
        self.export(self.panel.view.selected_ids())

    def export(self, ids: list[int]) -> None:
        """The export dialog on these images (format, size, names, metadata, progress)."""
        if not ids:
            self.status_message.emit(translate("LibraryTab", "Select images to export first"), 4000)
            return
        from .export_dialog import export_selection

        export_selection(self, ids)

    def _on_gallery_menu(self, pos: Any) -> None:
        from .gallery import ItemRole

        view = self.panel.view
        index = view.indexAt(pos)
        item = index.data(ItemRole) if index.isValid() else None
        if item is None:
            return
        menu = QtWidgets.QMenu(self.panel)
        selected = view.selected_ids() or [item.id]
        if self.sidebar.in_trash:  # in the trash: bring back, or delete for good
            restore = menu.addAction(translate("LibraryTab", "Restore"))
            restore.triggered.connect(lambda: self.restore(selected))
            purge = menu.addAction(translate("LibraryTab", "Empty trash…"))
            purge.triggered.connect(self.empty_trash)
            menu.exec(view.viewport().mapToGlobal(pos))
            return
        self.fill_image_menu(menu, item, selected)
        compare = menu.addAction(translate("LibraryTab", "Compare the two selected"))
        compare.setEnabled(len(selected) == 2)
        compare.setToolTip(
            translate("LibraryTab", "Select exactly two images to compare them side by side")
        )
        compare.triggered.connect(lambda: self.compare(selected[0], selected[1]))
        menu.exec(view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def fill_image_menu(self, menu: QtWidgets.QMenu, item: Any, ids: list[int]) -> None:
        """An image's actions (reuse, edit) and the selection's (rate, tag, file, …): the
        grid's menu and the viewer's."""
        self.actions.fill_menu(menu, item, time.time())
        menu.addSeparator()
        self._fill_curation_menu(menu, ids)

    def _fill_curation_menu(self, menu: QtWidgets.QMenu, ids: list[int]) -> None:
        """Rate, favour, tag, file, export and trash the selection — each with its key."""
        rate = menu.addMenu(translate("LibraryTab", "Rate"))
        for n in range(6):
            label = "★" * n if n else translate("LibraryTab", "No stars")
            act = rate.addAction(f"{label}\t{n}")
            act.triggered.connect(lambda _=False, n=n: self._on_rating(ids, n))
        fav = menu.addAction(translate("LibraryTab", "Favourite") + "\tF")
        fav.triggered.connect(lambda: self._on_favourite(ids))
        tags = menu.addAction(translate("LibraryTab", "Tags…") + "\tT")
        tags.triggered.connect(lambda: self._edit_tags(ids))
        project = menu.addAction(translate("LibraryTab", "Move to project…") + "\tM")
        project.triggered.connect(lambda: self._move_to_project(ids))
        export = menu.addAction(translate("LibraryTab", "Export…"))
        export.triggered.connect(lambda: self.export(ids))
        style = menu.addAction(translate("LibraryTab", "New style from these images…"))
        style.setToolTip(
            translate("LibraryTab", "Their pictures as the style references of a new style")
        )
        style.triggered.connect(lambda: self.style_from_images(ids))
        trash = menu.addAction(translate("LibraryTab", "Move to trash") + "\tDel")
        trash.triggered.connect(lambda: self._on_trash(ids))
        if self.undo_text:
            undo = menu.addAction(
                translate("LibraryTab", "Undo: {what}").format(what=self.undo_text) + "\tCtrl+Z"
            )
            undo.triggered.connect(self.undo)
        menu.addSeparator()

    def style_from_images(self, ids: list[int], name: str | None = None) -> None:
        """A new style whose style references are these images (uploaded when first used);
        asks its name unless given."""
        if name is None:
            name, ok = QtWidgets.QInputDialog.getText(
                self.panel,
                translate("LibraryTab", "mjdesk — New style"),
                translate("LibraryTab", "Name of the style made from {n} image(s):").format(
                    n=min(len(ids), MAX_STYLE_IMAGES)
                ),
            )
            if not ok or not name.strip():
                return
        gallery, styles = self.service.gallery, self.service.styles
        chosen = ids[:MAX_STYLE_IMAGES]

        async def make() -> int:
            from ..core.styles import Style, local_ref

            items = await gallery.gallery_items(chosen)
            refs = tuple(local_ref(str(gallery.image_path(i)), i.sha256) for i in items)
            return int(await styles.save(Style(name.strip(), srefs=refs)))

        self._run(
            make(),
            lambda _id: self.status_message.emit(
                translate("LibraryTab", "Made the style “{name}” from {n} image(s)").format(
                    name=name.strip(), n=len(chosen)
                ),
                5000,
            ),
            "style from images",
        )

    def _edit_tags(self, ids: list[int]) -> None:
        """The tag editor on the selection: its tags shown, completion from the library's."""
        from .tag_editor import edit_tags

        edit_tags(self, ids)

    def _move_to_project(self, ids: list[int]) -> None:
        names = sorted(self.panel.filters_bar.projects.values(), key=str.casefold)
        none = translate("LibraryTab", "(none)")
        name, ok = QtWidgets.QInputDialog.getItem(
            self.panel,
            translate("LibraryTab", "mjdesk — Project"),
            translate("LibraryTab", "Project (type a new name to create it):"),
            [none, *names],
            0,
            True,
        )
        if ok:
            self.file(ids, None if name == none else name.strip() or None)
