"""``mjdesk batch --style NAME``: the style found in the library (its modes where the command
line names none) and applied to every line, its local references uploaded once where their
EvoLink file has expired."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..api import EvoLinkClient
from ..library import Library

__all__ = ["style_for", "styled"]


def _styles(library: Library, client: EvoLinkClient | None = None) -> Any:
    """The window's style service over this library (uploads through the terminal's client)."""
    from ..services.styles import StyleService
    from .batch_ops import terminal_uploads

    uploads = terminal_uploads(library, client)
    return StyleService(lambda: library, upload=uploads.upload, source_of=uploads.source_of)


async def style_for(args: argparse.Namespace, library: Library, err: TextIO) -> Any:
    """The style ``--style`` names (and the modes it brings), or None after saying why."""
    service = _styles(library)
    style = await service.find(args.style)
    if style is not None:
        args.speed = args.speed or style.speed
        args.quality = args.quality or style.quality
        return style
    names = ", ".join(f"“{s.name}”" for _sid, s in await service.styles()) or "none yet"
    err.write(f"mjdesk batch: no style named “{args.style}” (saved styles: {names})\n")
    return None


async def styled(
    prompts: list[tuple[int, str]], style: Any, library: Library, client: EvoLinkClient, err: TextIO
) -> list[tuple[int, str]]:
    """Every line with the style's look (a reference that cannot be uploaded is said; its
    saved URL is sent)."""
    from ..core.styles import apply_style
    from ..services.styles import StyleProblem

    try:
        fresh = await _styles(library, client).fresh_urls(style)
    except StyleProblem as exc:
        err.write(f"mjdesk batch: the style “{style.name}”: {exc}\n")
        fresh = {}
    return [(n, apply_style(line, style, fresh)) for n, line in prompts]
