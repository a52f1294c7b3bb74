"""``mjdesk batch --style NAME``: the style found in the library (its modes where the command
line names none) and applied to every line, its local references uploaded once where their
EvoLink file has expired."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..api import EvoLinkClient
from ..library import Library

__all__ = ["style_for", "styled"]


async def style_for(args: argparse.Namespace, library: Library, err: TextIO) -> Any:
    """The style ``--style`` names (and the modes it brings), or None after saying why."""
    from ..core.styles import style_from_json

    styles = [style_from_json(data) for _sid, data in await library.run(lambda s: s.styles())]
    wanted = args.style.casefold().strip()
    for style in styles:
        if style.name.casefold() == wanted:
            args.speed = args.speed or style.speed
            args.quality = args.quality or style.quality
            return style
    names = ", ".join(f"“{s.name}”" for s in styles) or "none yet"
    err.write(f"mjdesk batch: no style named “{args.style}” (saved styles: {names})\n")
    return None


async def fresh_style_urls(style: Any, library: Library, client: EvoLinkClient) -> dict[str, str]:
    """The style's local references uploaded where their EvoLink file has expired."""
    from ..services.styles import StyleService
    from ..services.uploads import UploadService
    from ..settings import Settings

    uploads = UploadService(
        library=lambda: library, client=lambda: client, settings=lambda: Settings()
    )
    styles = StyleService(lambda: library, upload=uploads.upload, source_of=uploads.source_of)
    return await styles.fresh_urls(style)


async def styled(
    prompts: list[tuple[int, str]], style: Any, library: Library, client: EvoLinkClient, err: TextIO
) -> list[tuple[int, str]]:
    """Every line with the style's look (a reference that cannot be uploaded is said; its
    saved URL is sent)."""
    from ..core.styles import apply_style
    from ..services.styles import StyleProblem

    try:
        fresh = await fresh_style_urls(style, library, client)
    except StyleProblem as exc:
        err.write(f"mjdesk batch: the style “{style.name}”: {exc}\n")
        fresh = {}
    return [(n, apply_style(line, style, fresh)) for n, line in prompts]
