"""The library tab's viewer: opening an image (and stepping through the grid), its versions,
before / after, compare, and E for the editor. A part of ``LibraryTab`` kept apart: it uses the
tab's model, service, runner and actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .viewer import ImageViewer

__all__ = ["ViewerFlow"]


class ViewerFlow:
    """The viewer's side of the library tab (mixed into ``LibraryTab``)."""

    viewer: ImageViewer | None
    _viewer_pos: int
    _view_request: int
    model: Any
    service: Any
    panel: Any
    actions: Any
    _run: Callable[..., None]  # the tab's runner (``LibraryTab._run``)
    _on_rating: Callable[..., None]  # the tab's bulk actions (``BulkFlow``)
    _on_favourite: Callable[..., None]
    _on_trash: Callable[..., None]
    tag: Callable[..., None]
    fill_image_menu: Callable[..., None]

    def _ensure_viewer(self) -> Any:
        if self.viewer is None:
            from .viewer import ImageViewer

            self.viewer = ImageViewer(self.panel.window())
            self.viewer.navigate.connect(self._on_viewer_navigate)
            self.viewer.version_requested.connect(self._show_in_viewer)
            self.viewer.before_requested.connect(self._show_before)
            self.viewer.compare_requested.connect(self.compare)
            self.viewer.edit_requested.connect(self._edit_by_id)
            v = self.viewer
            v.rate_requested.connect(lambda i, n: self._on_rating([i], n))
            v.favourite_requested.connect(lambda i: self._on_favourite([i]))
            v.trash_requested.connect(self._trash_from_viewer)
            v.tags_edited.connect(lambda i, add, remove: self.tag([i], add, remove))
            v.menu_requested.connect(self._viewer_menu)
            self._run(self.service.gallery.tag_names(), v.info.set_tag_names, "tags", owner=v)
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()
        return self.viewer

    def compare(self, left: int, right: int) -> None:
        viewer = self._ensure_viewer()
        gallery, image_path = self.service.gallery, self.service.gallery.image_path

        async def load() -> list[tuple[Any, Any]]:
            items = await gallery.gallery_items([left, right])
            return [(await gallery.load_full_image(image_path(i)), i) for i in items]

        request = self._next_view()

        def show(pair: list[tuple[Any, Any]]) -> None:
            if len(pair) == 2 and request == self._view_request:
                viewer.show_pair(pair[0][0], pair[0][1], pair[1][0], pair[1][1])

        self._run(load(), show, "compare", owner=viewer)

    def open_viewer(self, image_id: int) -> None:
        model = self.model
        pos = model.position_of(image_id)
        if pos is not None:
            self._viewer_pos = pos
        self._ensure_viewer()
        self._show_in_viewer(image_id)

    def _on_viewer_navigate(self, step: int) -> None:
        pos = self._viewer_pos + step
        if 0 <= pos < self.model.count:
            self._viewer_pos = pos
            self._show_in_viewer(self.model.id_at(pos))

    def _show_in_viewer(self, image_id: int) -> None:
        viewer = self.viewer
        if viewer is None:
            return
        gallery, image_path = self.service.gallery, self.service.gallery.image_path

        async def load() -> tuple[Any, Any, Path, Any, int | None] | None:
            items = await gallery.gallery_items([image_id])
            if not items:
                return None
            path = image_path(items[0])
            versions = await gallery.versions(image_id)
            parent = await gallery.parent_of(image_id)
            return await gallery.load_full_image(path), items[0], path, versions, parent

        request = self._next_view()

        def show(found: tuple[Any, Any, Path, Any, int | None] | None) -> None:
            if found is not None and request == self._view_request:
                image, item, path, versions, parent = found
                viewer.show_image(image, item, path, parent)
                viewer.show_versions(versions, parent)

        self._run(load(), show, "viewer", owner=viewer)

    def _edit_by_id(self, image_id: int) -> None:
        """E in the viewer: the editor on the image shown."""
        gallery = self.service.gallery

        def edit(items: list[Any]) -> None:
            if items:
                self.actions.run("edit_image", items[0])

        self._run(gallery.gallery_items([image_id]), edit, "edit")

    def _show_before(self, image_id: int) -> None:
        """Before / after: the version the shown one was made from, in its place."""
        viewer = self.viewer
        if viewer is None:
            return
        gallery = self.service.gallery

        async def load() -> Any:
            items = await gallery.gallery_items([image_id])
            return await gallery.load_full_image(gallery.image_path(items[0])) if items else None

        request = self._view_request

        def show(image: Any) -> None:
            if image is not None and request == self._view_request:
                viewer.show_before(image)

        self._run(load(), show, "before", owner=viewer)

    def _trash_from_viewer(self, image_id: int) -> None:
        """Delete in the viewer: the image to the trash (undoable), the next one shown."""
        self._on_trash([image_id])
        if self.model.count > 1:
            step = 1 if self._viewer_pos + 1 < self.model.count else -1
            self._viewer_pos = max(0, self._viewer_pos + step)
            self._show_in_viewer(self.model.id_at(self._viewer_pos))
        elif self.viewer is not None:
            self.viewer.close()

    def _viewer_menu(self, image_id: int, where: Any) -> None:
        """The grid's menu for the image in the viewer: every action, the editor's included."""
        viewer = self.viewer

        def show(items: list[Any]) -> None:
            if not items or viewer is None:
                return
            from PySide6.QtWidgets import QMenu

            menu = QMenu(viewer)
            self.fill_image_menu(menu, items[0], [image_id])
            menu.exec(where)
            menu.deleteLater()

        self._run(self.service.gallery.gallery_items([image_id]), show, "menu", owner=viewer)

    def _next_view(self) -> int:
        """A number for the newest thing asked of the viewer: an older answer arriving late
        (stepping fast, or compare right after a step) is not shown over it."""
        self._view_request += 1
        return self._view_request
