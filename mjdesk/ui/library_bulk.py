"""Bulk actions on the library's selection — rate, favour, tag, file in a project, trash —
each one undoable with Ctrl+Z (what the images had before is read in the same step as the
change, on the library thread)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

__all__ = ["BulkFlow"]

translate = QCoreApplication.translate
MAX_UNDO = 30


def _images(n: int) -> str:
    return (
        translate("LibraryTab", "1 image")
        if n == 1
        else translate("LibraryTab", "{n} images").format(n=QLocale().toString(n))
    )


class BulkFlow:
    """The Library tab's bulk actions and their undo (a mixin of ``LibraryTab``)."""

    service: Any
    model: Any
    panel: Any
    status_message: Any  # the tab's signals
    trashed: Any
    _run: Callable[..., None]

    def _init_bulk(self) -> None:
        # each action with what its images had before (known once the library has read it:
        # Ctrl+Z pressed sooner waits for it, so the undo is always of the last action asked)
        self._undo: list[tuple[str, asyncio.Future[list[Any]]]] = []

    def bulk(self, said: str, ids: list[int], change: Callable[[Any], Any]) -> None:
        """Applies ``change`` (a function of the library's store) to ``ids`` and remembers
        how to undo it; the status line says what happened."""
        if not ids:
            return
        self.model.invalidate(ids)
        before: asyncio.Future[list[Any]] = asyncio.get_event_loop().create_future()
        self._undo.append((said, before))
        del self._undo[:-MAX_UNDO]
        gallery = self.service.gallery

        async def apply() -> None:
            try:
                before.set_result(await gallery.curate(ids, change))
            except BaseException:
                self._undo = [u for u in self._undo if u[1] is not before]
                before.cancel()
                raise

        def done(_: None) -> None:
            self.status_message.emit(
                translate("LibraryTab", "{what} — Ctrl+Z to undo").format(what=said), 5000
            )

        self._run(apply(), done, "bulk change")

    def undo(self) -> None:
        """Ctrl+Z in the library: the last bulk action undone."""
        if not self._undo:
            self.status_message.emit(translate("LibraryTab", "Nothing to undo"), 3000)
            return
        said, before = self._undo.pop()

        async def restore() -> None:
            rows = await before
            self.model.invalidate([r.id for r in rows])
            self.service.gallery.restore_curation(rows)

        def done(_: None) -> None:
            self.status_message.emit(
                translate("LibraryTab", "Undone: {what}").format(what=said), 4000
            )

        self._run(restore(), done, "undo")

    @property
    def undo_text(self) -> str | None:
        return self._undo[-1][0] if self._undo else None

    # -- the actions -----------------------------------------------------------------------------

    def _on_rating(self, ids: list[int], rating: int) -> None:
        stars = "★" * rating or translate("LibraryTab", "no stars")
        said = translate("LibraryTab", "Rated {images} {stars}").format(
            images=_images(len(ids)), stars=stars
        )
        self.bulk(said, ids, lambda s: s.set_rating(ids, rating))

    def _on_favourite(self, ids: list[int]) -> None:
        items = [self.model.item(i) for i in ids]
        make = not all(it is not None and it.favourite for it in items)
        said = (
            translate("LibraryTab", "Added {images} to favourites")
            if make
            else translate("LibraryTab", "Took {images} out of favourites")
        ).format(images=_images(len(ids)))
        self.bulk(said, ids, lambda s: s.set_favourite(ids, make))

    def _on_trash(self, ids: list[int]) -> None:
        said = translate("LibraryTab", "Moved {images} to the trash").format(
            images=_images(len(ids))
        )
        self.bulk(said, ids, lambda s: s.trash(ids))
        self.trashed.emit(list(ids))

    def restore(self, ids: list[int]) -> None:
        said = translate("LibraryTab", "Restored {images}").format(images=_images(len(ids)))
        self.bulk(said, ids, lambda s: s.trash(ids, restore=True))

    def tag(self, ids: list[int], add: list[str], remove: list[str]) -> None:
        words = " ".join([*(f"+{t}" for t in add), *(f"−{t}" for t in remove)])
        said = translate("LibraryTab", "Tagged {images}: {words}").format(
            images=_images(len(ids)), words=words
        )
        self.bulk(said, ids, lambda s: s.edit_tags(ids, add, remove))

    def file(self, ids: list[int], project: str | None) -> None:
        """Files images in a project (created if new), or takes them out of any."""
        if project:
            said = translate("LibraryTab", "Filed {images} in “{project}”").format(
                images=_images(len(ids)), project=project
            )
        else:
            said = translate("LibraryTab", "Took {images} out of their project").format(
                images=_images(len(ids))
            )
        self.bulk(
            said, ids, lambda s: s.assign_project(ids, s.project(project) if project else None)
        )

    def _on_filed(self, ids: list[int], project: str) -> None:
        """Images dropped on a project in the sidebar are filed there."""
        self.file(ids, project)

    def _on_dropped(self, ids: list[int], target: str, tag: str) -> None:
        """Images dropped on a tag (tagged), Favourites or the Trash in the sidebar."""
        if target == "tag":
            self.tag(ids, [tag], [])
        elif target == "favourites":
            said = translate("LibraryTab", "Added {images} to favourites").format(
                images=_images(len(ids))
            )
            self.bulk(said, ids, lambda s: s.set_favourite(ids, True))
        elif target == "trash":
            self._on_trash(ids)
