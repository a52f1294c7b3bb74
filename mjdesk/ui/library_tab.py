"""The Library tab's behaviour: the gallery's query and pages, curation (rate, favour, trash,
tags, projects), the context menu and its reuse and edit actions, the viewer and compare, saved
searches, import and export. The window places the panel and wires the signals below to the
prompt editor, the reference zones, the status bar and the banner."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QObject, QTimer, Signal

from . import ops
from .gallery import GalleryModel
from .gallery_panel import GalleryPanel
from .image_actions import ImageActions
from .library_bulk import BulkFlow
from .library_menu import MenuFlow
from .library_viewer import ViewerFlow
from .viewer import ImageViewer

if TYPE_CHECKING:
    from ..services.ports import StudioPort

__all__ = ["LibraryTab"]

SIDEBAR_ROOM = 640  # a library column narrower than this folds its sidebar away
FULL_AFTER_MS = 250  # the full answer (and count) after a first screen, once typing pauses


class LibraryTab(MenuFlow, BulkFlow, ViewerFlow, QObject):
    status_message = Signal(str, int)  # text, milliseconds
    trashed = Signal(list)  # image ids, for the window's undo banner

    def __init__(
        self,
        service: StudioPort,
        thumbnails: Any,
        *,
        prompt: Callable[[], tuple[str, str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.model = GalleryModel(thumbnails, service.gallery.image_path)
        self.panel = GalleryPanel(self.model)
        self.model.setParent(self.panel)
        from .library_sidebar import LibrarySidebar

        self.sidebar = LibrarySidebar()
        self.panel.side_slot.addWidget(self.sidebar)
        self.sidebar_toggle = QtWidgets.QToolButton()
        self.sidebar_toggle.setText("☰")
        self.sidebar_toggle.setCheckable(True)
        self.sidebar_toggle.setChecked(True)
        self.sidebar_toggle.setToolTip(self.tr("Show or hide the sidebar (Ctrl+B)"))
        self.sidebar_toggle.setAccessibleName(self.tr("Sidebar"))
        self.sidebar_toggle.setShortcut(QtGui.QKeySequence("Ctrl+B"))
        self.sidebar_toggle.toggled.connect(self._on_sidebar_toggled)
        self._sidebar_folded = False  # folded away by a narrow column (not by the user)
        self.panel.installEventFilter(self)
        self.panel.bar.insertWidget(0, self.sidebar_toggle)
        self.actions = ImageActions(service, self.panel, prompt=prompt)
        self.actions.open_requested.connect(self.open_viewer)
        self.actions.status_message.connect(self.status_message)
        self.viewer: ImageViewer | None = None
        self.tag_dialog: Any = None  # the tag editor while it is open
        self.asking: Any = None  # a sidebar action's question while it is open
        self.export_dialog: Any = None
        self._viewer_pos = 0
        self._view_request = 0
        self._gallery_request = 0
        self._full = 0  # the request whose full answer is shown (a first screen comes before)
        self._counts_stale = True  # the sidebar's counts need counting again
        self._shown_query: dict[str, Any] | None = None  # the query the grid shows in full
        self._counted_at = 0.0
        self._query: dict[str, Any] = self.panel.query()
        self._new_ids: list[tuple[int, float]] = []
        self._prepend_timer = QTimer(self)
        self._prepend_timer.setSingleShot(True)
        self._prepend_timer.setInterval(250)
        self._prepend_timer.timeout.connect(self._flush_new_images)
        self._init_bulk()
        self._connect()

    def _connect(self) -> None:
        self.panel.query_changed.connect(self._on_query_changed)
        self.model.page_requested.connect(self._on_page_requested)
        view = self.panel.view
        view.rating_requested.connect(self._on_rating)
        view.favourite_requested.connect(self._on_favourite)
        view.trash_requested.connect(self._on_trash)
        view.open_requested.connect(self.open_viewer)
        view.edit_requested.connect(lambda item: self.actions.run("edit_image", item))
        view.undo_requested.connect(self.undo)
        view.tags_requested.connect(lambda ids: self._edit_tags(ids))
        self.panel.import_button.clicked.connect(self.import_folder)
        self.panel.export_button.clicked.connect(self.export_selected)
        self.panel.save_search.clicked.connect(self._on_save_search)
        view.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_gallery_menu)
        self.service.gallery.gallery_changed.connect(self._on_gallery_changed)
        self.service.styles.styles_changed.connect(self._load_style_names)
        self.sidebar.scope_changed.connect(lambda _scope: self.refresh_gallery())
        self.sidebar.filed.connect(self._on_filed)
        self.sidebar.dropped.connect(self._on_dropped)
        view.project_requested.connect(self._move_to_project)
        view.stack_toggled.connect(self._toggle_stack)
        self.sidebar.saved_chosen.connect(lambda s: self.panel.apply_filters(s.get("filters", {})))
        self.sidebar.empty_trash_requested.connect(self.empty_trash)
        from .library_projects import connect_sidebar

        connect_sidebar(self)

    def _run(
        self,
        work: Any,
        done: Callable[[Any], None] | None = None,
        name: str = "library",
        owner: QObject | None = None,
    ) -> None:
        """Background work of this tab: its result reaches ``owner`` (the panel) only while
        that widget exists."""
        ops.run(owner or self.panel, self.service.spawn, work, done, name=name)

    def refresh_gallery(self) -> None:
        from ..library import ImageQuery

        query = dict(self._query)
        query.update(self.sidebar.scope())  # where the sidebar looks, with the filters
        gallery = self.service.gallery

        self._gallery_request += 1
        request = self._gallery_request

        def stale() -> bool:  # asked on the library thread: a newer query replaces this one
            return request != self._gallery_request

        async def fetch() -> tuple[Any, list[tuple[int, str]]]:
            found = await gallery.query_images(ImageQuery(**query), stale)
            return found, await gallery.projects()

        def show(answer: tuple[Any, list[tuple[int, str]]]) -> None:
            found, projects = answer
            if found is None or request != self._gallery_request:
                return  # a newer query is on its way (typing in the search field)
            self._full = request
            self._shown_query = query
            self.model.grouped = bool(query.get("group_by_job"))
            self.model.set_found(found)
            self.panel.show_count(len(found.ids), tasks=bool(query.get("group_by_job")))
            self.panel.set_projects(projects)
            if self._counts_stale:  # not on every keystroke: counting scans the library
                self._counts_stale = False
                self._refresh_counts()
                self._load_style_names()

        def full() -> None:
            if not stale():
                self._run(fetch(), show, "gallery")

        if query.get("sort") == "newest" and query != self._shown_query:
            # the newest matches first (typing, a tag, a view); the rest and the count once
            # typing pauses (a full answer to a word already passed is work thrown away)

            def first(found: Any) -> None:
                if stale():
                    return
                if found is not None:
                    self.model.grouped = bool(query.get("group_by_job"))
                    self.model.set_found(found)
                    self.panel.show_counting(len(found.ids))
                QTimer.singleShot(FULL_AFTER_MS, self.panel, full)

            self._run(gallery.first_screen(ImageQuery(**query), stale=stale), first, "first screen")
        else:
            full()

    def _toggle_stack(self, position: int) -> None:
        """Group by job: a stack's images shown in place after it, or folded back."""
        head = self.model.id_at(position)
        if head in self.model.opened:
            self.model.close_stack(position)
            return

        def show(mates: Any) -> None:
            pos = self.model.position_of(head)  # the grid may have changed meanwhile
            if pos is not None:
                self.model.open_stack(pos, mates)

        self._run(self.service.gallery.job_mates(head), show, "stack")

    def _load_style_names(self) -> None:
        """The saved styles' names, for the Style filter."""

        def show(styles: list[tuple[int, Any]]) -> None:
            self.panel.filters_bar.styles = [s.name for _sid, s in styles]

        self._run(self.service.styles.styles(), show, "style names")

    def _on_sidebar_toggled(self, shown: bool) -> None:
        """☰ or Ctrl+B: the sidebar out of the way (a narrow window), or back; where it
        looks still applies."""
        self._sidebar_folded = False  # the user's choice from now on
        self.sidebar.setVisible(shown)

    def eventFilter(self, watched: QObject, event: QtCore.QEvent) -> bool:
        """A narrow library column folds the sidebar away (☰ brings it back); widened
        again, a sidebar folded that way comes back by itself."""
        panel = self.panel
        if watched is panel and event.type() == QtCore.QEvent.Type.Resize:
            narrow = self.panel.width() < SIDEBAR_ROOM
            toggle = self.sidebar_toggle
            if narrow and not self.sidebar.isHidden() and not self._sidebar_folded:
                self._sidebar_folded = True
                self.sidebar.hide()
                toggle.blockSignals(True)
                toggle.setChecked(False)
                toggle.blockSignals(False)
            elif not narrow and self._sidebar_folded:
                self._sidebar_folded = False
                self.sidebar.show()
                toggle.blockSignals(True)
                toggle.setChecked(True)
                toggle.blockSignals(False)
        return False

    def _on_gallery_changed(self) -> None:
        self._counts_stale = True
        self.refresh_gallery()

    def _refresh_counts(self) -> None:
        self._counted_at = time.monotonic()
        saved = self.service.settings.saved_searches

        def show(counts: dict[str, Any]) -> None:
            self.sidebar.show_counts(counts, saved)

        self._run(self.service.gallery.sidebar_counts(), show, "sidebar counts", self.sidebar)

    def empty_trash(self) -> None:
        """Deletes the trash for good, once the user has read how many images go."""
        from .library_sidebar import empty_trash

        empty_trash(self)

    def _on_query_changed(self, query: dict[str, Any]) -> None:
        self._query = query
        self.refresh_gallery()

    def _on_page_requested(self, page: int) -> None:
        ids = self.model.page_ids(page)
        self._run(
            self.service.gallery.gallery_items(ids),
            lambda items: self.model.add_items(page, items),
            "gallery page",
        )

    def on_image_stored(self, image: Any) -> None:
        """A new image: at the top of the grid when nothing filters or reorders it."""
        q = {**self._query, **self.sidebar.scope()}
        filtered = (
            "text",
            "speed",
            "quality",
            "favourites",
            "min_rating",
            "since",
            "aspect",
            "with_references",
            "project_id",
            "group_by_job",
            "trashed",
            "tags",
            "models",
            "style",
        )
        plain = not any(q.get(k) for k in filtered)
        if plain and q["sort"] == "newest":
            # coalesced: a draft batch stores hundreds of images; one reset per 250 ms
            aspect = (image.width / image.height) if image.width and image.height else 1.0
            self._new_ids.append((image.id, aspect))
            if not self._prepend_timer.isActive():
                self._prepend_timer.start()

    def _flush_new_images(self) -> None:
        ids, self._new_ids = self._new_ids, []
        self.model.prepend(ids)
        self.panel.show_count(self.model.count)
        if time.monotonic() - self._counted_at > 2.0:  # the sidebar's counts, now and then
            self._refresh_counts()

    def _on_save_search(self) -> None:
        name, ok = QtWidgets.QInputDialog.getText(
            self.panel, self.tr("mjdesk — Save search"), self.tr("Name this search:")
        )
        if ok and name.strip():
            self.service.connection.save_search(name.strip(), self.panel.filters())
            self._refresh_counts()  # the sidebar lists it
            self.status_message.emit(
                self.tr("Saved the search “{name}”").format(name=name.strip()), 3000
            )

    def import_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(
            self.panel, self.tr("Import a folder of images")
        )
        if folder:
            self._run(self.service.gallery.import_images(Path(folder)), name="import")

    def gallery_action(self, key: str, item: Any) -> None:
        """Runs one reuse or edit action on a gallery image (see ``image_actions``)."""
        self.actions.run(key, item)
