"""A style as one file a colleague can import: its look and the reference images themselves
(so the same look comes out even after every EvoLink link has expired). Read as a file from
anyone: bounded, every image sniffed and checked, malformed parts dropped."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from ..api.sniff import image_info, is_complete
from ..core.styles import Style, StyleRef, style_from_json, style_to_json

__all__ = ["MAX_STYLE_FILE", "StyleFileError", "read_style_file", "write_style_file"]

MAX_STYLE_FILE: Final = 120 * 1024 * 1024
KIND: Final = "mjdesk-style"


class StyleFileError(Exception):
    """Not a style file this version can read (the message says why)."""


def write_style_file(style: Style, images: dict[str, bytes], target: Path) -> Path:
    """Writes the style and its references' bytes (by URL) to ``target`` (run it off the GUI
    thread). The local paths stay home: they mean nothing on another machine."""
    look = style_to_json(
        replace(
            style,
            srefs=tuple(StyleRef(r.url) for r in style.srefs),
            oref=StyleRef(style.oref.url) if style.oref else None,
        )
    )
    doc = {
        "kind": KIND,
        "version": 1,
        "style": look,
        "images": {url: base64.b64encode(data).decode("ascii") for url, data in images.items()},
    }
    tmp = target.with_name(target.name + ".part")
    tmp.write_text(json.dumps(doc), encoding="utf-8")
    tmp.replace(target)
    return target


def read_style_file(source: Path, folder: Path) -> Style:
    """A style from a file: its images written into ``folder`` (by content), each reference
    pointing at its file so it is uploaded when first used. Run it off the GUI thread."""
    if source.stat().st_size > MAX_STYLE_FILE:
        raise StyleFileError("the file is larger than a style file can be")
    try:
        doc = json.loads(source.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise StyleFileError("not a style file (it is not JSON)") from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise StyleFileError("not an mjdesk style file")
    if not isinstance(doc.get("style"), dict):
        raise StyleFileError("the file holds no style")
    style = style_from_json(doc["style"])
    raw: Any = doc.get("images") if isinstance(doc.get("images"), dict) else {}
    folder.mkdir(parents=True, exist_ok=True)

    def with_file(ref: StyleRef) -> StyleRef:
        encoded = raw.get(ref.url)
        if not isinstance(encoded, str):
            return ref  # its URL only (it may have expired)
        try:
            data = base64.b64decode(encoded, validate=True)
        except ValueError:
            return ref
        info = image_info(data)
        if info is None or info.width is None or not is_complete(data):
            return ref  # not an image, or a damaged one: never written
        path = folder / f"{hashlib.sha256(data).hexdigest()[:32]}.{info.ext}"
        if not path.exists():
            path.write_bytes(data)
        return StyleRef(ref.url, str(path))

    return replace(
        style,
        srefs=tuple(with_file(r) for r in style.srefs),
        oref=with_file(style.oref) if style.oref else None,
    )
