"""Prompt presets: saved fragments with placeholders (``{subject}``: one word in braces, no
comma — a set with several options is Midjourney's permutation, not a placeholder). Inserted
at the cursor, the first placeholder is selected to be typed over; wrapped around a selection,
the selection fills it."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["PLACEHOLDER", "fill_preset", "placeholders"]

PLACEHOLDER: Final = re.compile(r"\{([A-Za-z][\w-]{0,30})\}")


def placeholders(fragment: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(fragment)]


def fill_preset(fragment: str, selected: str = "") -> tuple[str, tuple[int, int] | None]:
    """The text to insert and, within it, the span to select next (the first placeholder
    still to fill), or None. A selection fills the first placeholder; without one (or without
    a placeholder) the fragment goes in as it is, around the selection's words."""
    first = PLACEHOLDER.search(fragment)
    if selected and first is not None:
        fragment = fragment[: first.start()] + selected + fragment[first.end() :]
    elif selected:
        fragment = f"{selected} {fragment}"
    nxt = PLACEHOLDER.search(fragment)
    return fragment, (nxt.start(), nxt.end()) if nxt else None
