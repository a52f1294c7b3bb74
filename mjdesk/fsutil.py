"""Small file-system helpers shared by the client and the library."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Makes a rename in ``path`` durable (where the platform lets a directory be synced)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(
    final: Path, data: bytes, *, before_write: Callable[[], None] | None = None
) -> None:
    """Writes ``data`` to a hidden ``.part`` file beside ``final``, fsyncs it, renames it into
    place and syncs the folder: a reader sees the old file or the whole new one, never a part.
    ``before_write`` runs just before the bytes go out (fault injection in tests)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(tmp, "wb") as f:
            if before_write is not None:
                before_write()
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(final.parent)
