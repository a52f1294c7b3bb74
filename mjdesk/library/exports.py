"""Export file names from a template of known fields (the files are written by
``services.exporting``)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Final

from .gallery import GalleryItem

__all__ = ["export_name", "fill_template"]


_NAME_RE: Final = re.compile(r"[^A-Za-z0-9._-]+")


_FIELD_RE: Final = re.compile(r"\{([a-z]+)\}")


def fill_template(template: str, values: dict[str, str]) -> str:
    """Substitutes ``{name}`` for the known fields only: no format specs, no attribute or
    index access (a template is user text, never code). An unknown field stays as typed."""
    return _FIELD_RE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def export_name(template: str, item: GalleryItem, ext: str) -> str:
    """A file name from a template with {date}, {prompt}, {task}, {n}, {id}, {speed}."""
    stamp = datetime.fromtimestamp(item.created_at, UTC)
    words = "-".join(re.findall(r"\w+", item.prompt.split(" --", 1)[0])[:8]) or "image"
    values = {
        "date": f"{stamp:%Y-%m-%d}",
        "prompt": words[:60],
        "task": (item.task_id or "task").removeprefix("task-unified-"),
        "n": str(item.idx + 1),
        "id": str(item.id),
        "speed": item.speed,
    }
    name = fill_template(template[:500], values) or fill_template("{date}_{prompt}_{n}", values)
    name = _NAME_RE.sub("_", name).strip("._")[:150] or f"image_{item.id}"
    return f"{name}.{ext}"
