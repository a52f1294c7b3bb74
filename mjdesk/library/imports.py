"""Bringing image files into the library: a folder of images from elsewhere, or the library's
own image files when its index has to be rebuilt.

Files are hostile until checked: only complete PNG, JPEG, GIF and WebP images are taken, their
text is read within fixed bounds (a compressed text chunk cannot expand past 64 KB, a prompt past
8,192 characters), and each image is its own transaction, so one bad file costs only itself.
The file work (reading, hashing, copying) is in plain functions that callers run in an executor;
only ``plan`` and ``record`` touch the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import struct
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ..api.sniff import ImageInfo, image_info, is_complete
from ..core.evolink import MAX_PROMPT_CHARS
from . import provenance
from .store import DB_NAME, NewJob, Store

__all__ = [
    "Candidate",
    "import_folder",
    "list_images",
    "plan",
    "read_candidate",
    "rebuild_index",
    "record",
]

#: The largest image file considered (bytes).
MAX_FILE_BYTES: Final = 200 * 1024 * 1024
#: How far a compressed PNG text chunk may expand, and how much of any value is kept.
MAX_TEXT_BYTES: Final = 64 * 1024
MAX_FIELD_CHARS: Final = 2048
#: Where the XMP packet is looked for: the first bytes of the file.
MAX_XMP_BYTES: Final = 256 * 1024


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path
    sha256: str
    size: int
    info: ImageInfo
    meta: dict[str, str]


def list_images(folder: Path) -> list[Path]:
    """Every regular, visible file below ``folder`` (symlinks not followed)."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.is_file() and not path.is_symlink():
                out.append(path)
    return out


def read_candidate(path: Path) -> Candidate | None:
    """The checked facts of one file, or None when it is not a complete image we take."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    info = image_info(data)
    if info is None or not is_complete(data):
        return None
    return Candidate(path, hashlib.sha256(data).hexdigest(), len(data), info, _meta(data))


def _meta(data: bytes) -> dict[str, str]:
    meta = provenance.read(data[:MAX_XMP_BYTES]) or png_text(data)
    out = {}
    for key, value in meta.items():
        limit = MAX_PROMPT_CHARS if key in ("prompt", "prompt_sent") else MAX_FIELD_CHARS
        out[key] = "".join(c for c in value if c.isprintable() or c == " ")[:limit]
    return out


def png_text(data: bytes) -> dict[str, str]:
    """A prompt from the PNG text chunks other tools write ("Description", "parameters"),
    each decompressed to at most 64 KB."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return {}
    pos, out = 8, {}
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + min(length, MAX_TEXT_BYTES)]
        if kind == b"tEXt" and b"\x00" in body:
            key, value = body.split(b"\x00", 1)
            out[key[:80].decode("latin-1").lower()] = value.decode("latin-1")
        elif kind in (b"zTXt", b"iTXt") and b"\x00" in body:
            key = body.split(b"\x00", 1)[0]
            text = _chunk_text(kind, data[pos + 8 : pos + 8 + length])
            if text is not None:
                out[key[:80].decode("latin-1").lower()] = text
        elif kind == b"IDAT":
            break
        pos += 12 + length
    prompt = out.get("description") or out.get("parameters") or out.get("comment")
    return {"prompt": prompt.strip()} if prompt else {}


def _chunk_text(kind: bytes, whole: bytes) -> str | None:
    key_end = whole.find(b"\x00")
    payload = whole[key_end + 1 :]
    compressed = True
    if kind == b"iTXt":  # flag, method, language\0, translated keyword\0, text
        if len(payload) < 2:
            return None
        compressed = payload[0] == 1
        parts = payload[2:].split(b"\x00", 2)
        if len(parts) < 3:
            return None
        payload = parts[2]
    else:
        payload = payload[1:]  # the compression method byte
    if not compressed:
        return payload[:MAX_TEXT_BYTES].decode("utf-8", "replace")
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(payload, MAX_TEXT_BYTES)
    except zlib.error:
        return None
    return text.decode("utf-8", "replace")


@dataclass(frozen=True, slots=True)
class Plan:
    task_id: str
    final: Path


def plan(store: Store, c: Candidate, *, in_place: bool = False) -> Plan | None:
    """Where a candidate goes, or None when the library already holds these bytes."""
    if store.db.execute("SELECT 1 FROM images WHERE sha256 = ?", (c.sha256,)).fetchone():
        return None
    task = f"imported-{c.sha256[:12]}"
    known = c.meta.get("task_id")
    if known and len(known) <= 200:
        taken = store.db.execute("SELECT 1 FROM jobs WHERE task_id = ?", (known,)).fetchone()
        if not taken:
            task = known
    if in_place:
        return Plan(task, c.path)
    return Plan(task, store.image_path(task, 0, c.info.ext))


def copy_into_place(c: Candidate, p: Plan) -> None:
    """The file work of an import (run it in an executor): a copy renamed into place."""
    if p.final == c.path:
        return
    p.final.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.final.with_name(f".{p.final.name}.import.part")
    shutil.copyfile(c.path, tmp)
    os.replace(tmp, p.final)


def record(store: Store, c: Candidate, p: Plan) -> int:
    """The job and image rows of one imported file, in one transaction. Returns the image id."""
    meta = c.meta
    prompt = meta.get("prompt") or c.path.stem.replace("_", " ")[:200]
    job = NewJob(
        prompt,
        meta.get("prompt_sent", prompt),
        meta.get("speed", "fast") if meta.get("speed") in ("draft", "fast", "turbo") else "fast",
        meta.get("quality", "standard")
        if meta.get("quality") in ("standard", "hd")
        else "standard",
        model=meta.get("model", "imported")[:64],
    )
    return store.add_imported(job, p.task_id, p.final, c.sha256, c.size, c.info)


def import_folder(store: Store, folder: Path) -> tuple[int, int]:
    """Imports a folder synchronously (the service runs the same steps across threads).
    Returns (imported, skipped)."""
    imported = skipped = 0
    for path in list_images(folder):
        c = read_candidate(path)
        p = plan(store, c) if c is not None else None
        if c is None or p is None:
            skipped += 1
            continue
        copy_into_place(c, p)
        record(store, c, p)
        imported += 1
    return imported, skipped


def iter_library_images(root: Path) -> Iterator[Path]:
    images = root / "images"
    if images.is_dir():
        yield from list_images(images)


def rebuild_index(root: Path) -> tuple[Path, int]:
    """A new index for a library whose database is empty or unreadable, from the image files
    themselves (their embedded provenance). The old database is kept beside it, renamed.
    Returns (where the old database went, images indexed)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = root / f"{DB_NAME}.unreadable-{stamp}"
    db = root / DB_NAME
    if db.exists():
        os.replace(db, kept)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(root / f"{DB_NAME}{suffix}", root / f"{kept.name}{suffix}")
    store = Store(root, check_orphans=False)
    count = 0
    try:
        for path in iter_library_images(root):
            c = read_candidate(path)
            p = plan(store, c, in_place=True) if c is not None else None
            if c is not None and p is not None:
                record(store, c, p)
                count += 1
    finally:
        store.close()
    return kept, count
