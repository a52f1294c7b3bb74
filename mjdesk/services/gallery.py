"""The gallery's door to the library: queries, curation (rating, favourites, trash, tags,
projects), export and import, and full-size decoding, each off the GUI thread."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from ..library import Curated, Found, GalleryItem, ImageQuery, Library, LibraryError
from .exporting import ExportOptions, ExportReport

__all__ = ["GalleryService"]

log = logging.getLogger("mjdesk.services")


class GalleryService(QObject):
    gallery_changed = Signal()  # ratings, favourites, tags, projects or the trash changed
    notice = Signal(str, str)  # kind, message

    def __init__(
        self,
        library: Callable[[], Library],
        *,
        spawn: Callable[[Coroutine[Any, Any, Any], str], Any],
        embed_metadata: Callable[[], bool],
    ) -> None:
        super().__init__()
        self._library = library
        self._spawn = spawn
        self._embed_metadata = embed_metadata

    @property
    def library(self) -> Library:
        return self._library()

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        self._spawn(coro, name)

    def image_path(self, image: Any) -> Path:
        """Where an image's file is (a row or a gallery item)."""
        return self.library.store.absolute(image)

    async def first_screen(
        self, query: ImageQuery, count: int = 240, stale: Callable[[], bool] | None = None
    ) -> Found | None:
        """The first screen of a search while the full answer is computed (None: no quicker
        way than the full query, or ``stale()`` said a newer query replaced this one)."""
        return await self.library.run(lambda s: s.first_screen(query, count, stale))

    async def query_images(
        self, query: ImageQuery, stale: Callable[[], bool] | None = None
    ) -> Found | None:
        """The images a query selects, in order, with their shapes (the grid's layout);
        None when ``stale()`` said a newer query replaced it (it stops as soon as it does)."""
        return await self.library.run(lambda s: s.found(query, stale))

    async def versions(self, image_id: int) -> list[tuple[int, int, str, int]]:
        """The image's original and every edit of it: (image id, depth, words, number)."""
        return await self.library.run(lambda s: s.versions(image_id))

    async def sidebar_counts(self) -> dict[str, Any]:
        return await self.library.run(lambda s: s.sidebar_counts())

    async def empty_trash(self) -> int:
        """Deletes the trashed images for good (rows, then files); how many there were."""
        paths = await self.library.run(lambda s: s.purge_trash())
        store = self.library.store

        def unlink() -> None:
            for p in paths:
                full = Path(p) if Path(p).is_absolute() else store.root / p
                with contextlib.suppress(OSError):
                    full.unlink()

        await asyncio.get_running_loop().run_in_executor(None, unlink)
        self.gallery_changed.emit()
        return len(paths)

    async def keep_mask(self, png: bytes) -> Path:
        """A repaint mask, kept in the library beside the images (off the GUI thread)."""
        store = self.library.store
        return await asyncio.get_running_loop().run_in_executor(None, store.keep_mask, png)

    async def parent_of(self, image_id: int) -> int | None:
        """The image this one was made from (an edit's source), if any."""

        def find(s: Any) -> int | None:
            return s.job(s.image(image_id).job_id).parent_image_id  # type: ignore[no-any-return]

        return await self.library.run(find)

    async def job_mates(self, image_id: int) -> Found:
        """The other images of an image's job (a stack opened in place)."""
        return await self.library.run(lambda s: s.job_mates(image_id))

    async def gallery_items(self, ids: list[int]) -> list[GalleryItem]:
        return await self.library.run(lambda s: s.gallery_items(ids))

    async def curate(self, ids: list[int], change: Callable[[Any], Any]) -> list[Curated]:
        """Applies a bulk change (rate, favour, tag, file, trash) to images on the library
        thread and returns what they had before (for an undo), read in the same step."""

        def both(s: Any) -> list[Curated]:
            before: list[Curated] = s.curation(ids)
            change(s)
            return before

        before = await self.library.run(both)
        self.gallery_changed.emit()
        return before

    def restore_curation(self, rows: list[Curated]) -> None:
        """Undoes a bulk change: the images get back what ``curate`` read."""
        self.spawn(self._curate(lambda s: s.restore_curation(rows)), "undo")

    async def tags_of(self, ids: list[int]) -> dict[str, int]:
        """The tags on these images, each with how many of them carry it."""

        def count(s: Any) -> dict[str, int]:
            counts: dict[str, int] = {}
            for row in s.curation(ids):
                for tag in row.tags.split():
                    counts[tag] = counts.get(tag, 0) + 1
            return counts

        return await self.library.run(count)

    async def tag_names(self) -> list[str]:
        """Every tag in the library, for completion."""
        return await self.library.run(lambda s: s.tag_names())

    async def rename_tag(self, old: str, new: str) -> int:
        """Renames (or merges) a tag across the library; how many images changed."""
        changed = await self.library.run(lambda s: s.rename_tag(old, new))
        self.gallery_changed.emit()
        return int(changed)

    def set_rating(self, ids: list[int], rating: int) -> None:
        self.spawn(self._curate(lambda s: s.set_rating(ids, rating)), "rating")

    def set_favourite(self, ids: list[int], favourite: bool) -> None:
        self.spawn(self._curate(lambda s: s.set_favourite(ids, favourite)), "favourite")

    def trash(self, ids: list[int], *, restore: bool = False) -> None:
        self.spawn(self._curate(lambda s: s.trash(ids, restore=restore)), "trash")

    async def export(
        self,
        ids: list[int],
        options: ExportOptions,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportReport:
        """Exports images as ``options`` say, one at a time off the GUI thread: ``progress``
        hears (done, total) after each, ``cancelled`` is asked before each. A file that
        fails is reported and the rest go on; a full disk stops the export."""
        import errno

        from .exporting import export_one

        items = await self.library.run(lambda s: s.gallery_items(ids))
        loop = asyncio.get_running_loop()
        report = ExportReport()
        root = self.library.root
        for n, item in enumerate(items, start=1):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            try:
                report.written.append(
                    await loop.run_in_executor(None, export_one, root, item, options)
                )
            except OSError as exc:
                report.failed.append((item.id, exc.strerror or str(exc)))
                if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
                    break  # every next file would fail alike
            if progress is not None:
                progress(n, len(items))
        self.notice.emit("info" if not report.failed else "error", _said(report, options.folder))
        return report

    async def import_images(self, folder: Path) -> tuple[int, int]:
        """Adds a folder of earlier images to the library, reading any prompt they carry.
        Files are read, checked, hashed and copied in the default executor; the library's
        thread only decides where each goes and records it (one transaction per image)."""
        from ..library import imports

        loop = asyncio.get_running_loop()
        imported = skipped = 0
        for path in await loop.run_in_executor(None, imports.list_images, folder):
            found = await loop.run_in_executor(None, imports.read_candidate, path)
            if found is None:
                skipped += 1
                continue
            c = found
            plan = await self.library.run(lambda s, c=c: imports.plan(s, c))  # type: ignore[misc]
            if plan is None:
                skipped += 1
                continue
            try:
                await loop.run_in_executor(None, imports.copy_into_place, c, plan)
                await self.library.run(
                    lambda s, c=c, p=plan: imports.record(s, c, p)  # type: ignore[misc]
                )
            except (OSError, LibraryError) as exc:
                log.warning("import of %s failed: %s", path, exc)
                skipped += 1
                continue
            imported += 1
        self.gallery_changed.emit()
        self.notice.emit(
            "info",
            self.tr(
                "Imported {count} image(s); {skipped} skipped (duplicates or not images)"
            ).format(count=imported, skipped=skipped),
        )
        return imported, skipped

    async def read_provenance(self, path: Path) -> dict[str, str]:
        """The prompt and settings an image file carries (mjdesk's XMP), read off-thread."""
        from ..library import provenance

        loop = asyncio.get_running_loop()

        def read() -> dict[str, str]:
            with open(path, "rb") as f:
                return provenance.read(f.read(8 * 1024 * 1024))

        try:
            return await loop.run_in_executor(None, read)
        except OSError:
            return {}

    async def load_full_image(self, path: Path) -> QImage:
        """Decodes an image at full size off the GUI thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, _decode_full, str(path))

    def set_tags(self, ids: list[int], tags: str) -> None:
        self.spawn(self._curate(lambda s: s.set_tags(ids, tags)), "tags")

    def assign_project(self, ids: list[int], name: str | None) -> None:
        def change(s: Any) -> None:
            s.assign_project(ids, s.project(name) if name else None)

        self.spawn(self._curate(change), "project")

    async def create_project(self, name: str, parent_id: int | None = None) -> int:
        """A new project (inside ``parent_id``); raises ``ProjectNameError`` with the reason."""
        made = await self.library.run(lambda s: s.project(name, parent_id))
        self.gallery_changed.emit()
        return int(made)

    async def rename_project(self, project_id: int, name: str) -> None:
        await self.library.run(lambda s: s.rename_project(project_id, name))
        self.gallery_changed.emit()

    async def delete_project(self, project_id: int) -> int:
        """Deletes a project, keeping its images; how many it held."""
        held = await self.library.run(lambda s: s.delete_project(project_id))
        self.gallery_changed.emit()
        return int(held)

    async def projects(self) -> list[tuple[int, str]]:
        return await self.library.run(lambda s: s.projects())

    async def _curate(self, change: Any) -> None:
        await self.library.run(change)
        self.gallery_changed.emit()


def _said(report: ExportReport, folder: Path) -> str:
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    text = t("GalleryService", "Exported {count} image(s) to {folder}").format(
        count=len(report.written), folder=folder
    )
    if report.cancelled:
        text += t("GalleryService", "; the rest cancelled")
    if report.failed:
        text += t("GalleryService", "; {n} not exported: {reason}").format(
            n=len(report.failed), reason=report.failed[0][1]
        )
    return text


def _decode_full(path: str) -> QImage:
    """A full-size decode, EXIF orientation applied (run it in an executor)."""
    from PySide6.QtGui import QImageReader

    reader = QImageReader(path)
    reader.setAutoTransform(True)
    return reader.read()
