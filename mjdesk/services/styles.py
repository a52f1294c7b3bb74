"""Styles as the window uses them: kept in the library (off the GUI thread), saved from the
create panel's prompt, applied to a new one with its local references uploaded when they
need to be (the upload cache answers with the same URL while it is valid, uploads again once
EvoLink's 72 h file has expired), deleted with an undo."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.styles import Style, StyleRef, apply_style, style_from_json, style_to_json
from ..library import Library

__all__ = ["StyleProblem", "StyleService"]

log = logging.getLogger("mjdesk.services")


class StyleProblem(Exception):
    """A style that cannot be applied as it is (a reference file gone, an upload refused);
    the message says which, in words for the user."""


class StyleService(QObject):
    styles_changed = Signal()

    def __init__(
        self,
        library: Callable[[], Library],
        *,
        upload: Callable[[str], Awaitable[str]],
        source_of: Callable[[str], str | None],
        know_source: Callable[[str, str], None] = lambda _url, _path: None,
        fetch: Callable[[str], Awaitable[str | None]] | None = None,
    ) -> None:
        super().__init__()
        self._library = library
        self._upload = upload
        self.source_of = source_of  # the local file a reference URL was uploaded from
        self._know_source = know_source
        self._fetch = fetch  # a local copy of a reference URL (for a style file)

    async def styles(self) -> list[tuple[int, Style]]:
        rows = await self._library().run(lambda s: s.styles())
        found = [(sid, style_from_json(data)) for sid, data in rows]
        for _sid, style in found:  # previews come from the files the references were
            for ref in (*style.srefs, *([style.oref] if style.oref else [])):
                if ref.path:
                    self._know_source(ref.url, ref.path)
        return found

    async def find(self, name: str) -> Style | None:
        folded = name.casefold().strip()
        for _sid, style in await self.styles():
            if style.name.casefold() == folded:
                return style
        return None

    async def save(self, style: Style, style_id: int | None = None) -> int:
        """Keeps a style (a new one, or ``style_id`` replaced); ValueError: a taken name."""
        data = style_to_json(style)
        saved = await self._library().run(lambda s: s.save_style(data, style_id))
        self.styles_changed.emit()
        return int(saved)

    async def delete(self, style_id: int, *, restore: bool = False) -> None:
        await self._library().run(lambda s: s.delete_style(style_id, restore=restore))
        self.styles_changed.emit()

    async def missing_files(self, style: Style) -> list[str]:
        """The style's local reference files that are gone (said on its card, not at send);
        looked for off the GUI thread."""
        refs = [*style.srefs, *([style.oref] if style.oref else [])]
        paths = [r.path for r in refs if r.path]
        found = await asyncio.to_thread(lambda: [Path(p).is_file() for p in paths])
        return [p for p, ok in zip(paths, found, strict=True) if not ok]

    async def fresh_urls(self, style: Style) -> dict[str, str]:
        """A URL EvoLink can fetch now for each reference that came from a local file."""
        fresh: dict[str, str] = {}
        refs: list[StyleRef] = [*style.srefs, *([style.oref] if style.oref else [])]
        gone = set(await self.missing_files(style))
        for ref in refs:
            if ref.path in gone and ref.local_only:
                raise StyleProblem(f"the reference file {ref.path} is gone")
            if not ref.path or ref.path in gone:
                continue  # a URL only, or its file gone: the saved URL is sent (it may work)
            try:
                fresh[ref.url] = await self._upload(ref.path)
            except Exception as exc:  # an upload refused or failed: said, not raised raw
                raise StyleProblem(f"{Path(ref.path).name}: {exc}") from None
        return fresh

    async def apply(self, text: str, style: Style) -> str:
        """The prompt with the style's look (its references uploaded where needed)."""
        return apply_style(text, style, await self.fresh_urls(style))

    async def export(self, style: Style, target: Path) -> list[str]:
        """Writes the style and its reference images to one file; returns the references
        that could not be included (no file and no longer fetchable)."""
        from .style_files import write_style_file

        images: dict[str, bytes] = {}
        left_out: list[str] = []
        for ref in (*style.srefs, *([style.oref] if style.oref else [])):
            path = ref.path if ref.path else None
            if path is None or not await asyncio.to_thread(Path(path).is_file):
                path = await self._fetch(ref.url) if self._fetch is not None else None
            if path is None:
                left_out.append(ref.url)
                continue
            images[ref.url] = await asyncio.to_thread(Path(path).read_bytes)
        await asyncio.to_thread(write_style_file, style, images, target)
        return left_out

    async def import_file(self, source: Path) -> Style:
        """A style file read into the library (its images kept beside the library's, a taken
        name numbered); StyleFileError or OSError say why not."""
        from .style_files import read_style_file

        folder = self._library().store.root / "styles"
        style = await asyncio.to_thread(read_style_file, source, folder)
        taken = {s.name.casefold() for _sid, s in await self.styles()}
        name, n = style.name, 2
        while name.casefold() in taken:
            name, n = f"{style.name} ({n})", n + 1
        style = replace(style, name=name)
        await self.save(style)
        return style

    def look_of(self, name: str, text: str, speed: str, quality: str) -> Style:
        from ..core.styles import style_from_prompt

        return style_from_prompt(name, text, speed=speed, quality=quality, source_of=self.source_of)
