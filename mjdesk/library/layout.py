"""Where a library's files live and what they are called: ``images/YYYY/MM/<task>_<n>.<ext>``
(the month the task was accepted), the staging folder a download waits in until it is stored,
thumbnails by content hash; and the one move of a verified download into its place."""

from __future__ import annotations

import contextlib
import hashlib
import re
import time
from datetime import UTC, datetime
from pathlib import Path

from ..faults import crashpoint, diskfault
from ..fsutil import atomic_write
from . import provenance
from .db import Database
from .rows import ImageRow

__all__ = ["FileLayout", "safe_name"]


def safe_name(task_id: str) -> str:
    """A task id as a file name: letters, digits, ``_`` and ``-`` only, at most 96."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", task_id)[:96] or "task"


class FileLayout(Database):
    def image_path(self, task_id: str, index: int, ext: str, when: float | None = None) -> Path:
        stamp = datetime.fromtimestamp(time.time() if when is None else when, UTC)
        return (
            self.images_dir / f"{stamp:%Y}" / f"{stamp:%m}" / f"{safe_name(task_id)}_{index}.{ext}"
        )

    def staging_path(self, task_id: str, index: int) -> Path:
        return self.staging_dir / f"{safe_name(task_id)}_{index}"

    def _relative(self, path: Path) -> str:
        """How a file is named in a row: relative to the library folder when inside it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def absolute(self, image: ImageRow) -> Path:
        p = Path(image.path)
        return p if p.is_absolute() else self.root / p

    def keep_mask(self, png: bytes) -> Path:
        """A repaint mask sent with an edit, kept as ``masks/<sha256>.png`` (the uploaded copy
        lives 72 hours; the job's request names it by that upload, the uploads table by this
        hash)."""
        path = self.root / "masks" / f"{hashlib.sha256(png).hexdigest()}.png"
        if not path.exists():
            atomic_write(path, png)
        return path

    def thumb_path(self, sha256: str, size: int) -> Path:
        return self.root / "thumbs" / sha256[:2] / f"{sha256}_{size}.jpg"

    def store_file(
        self, staging: Path, final: Path, meta: dict[str, str] | None
    ) -> tuple[Path, str, int]:
        """Moves a verified download into the library, with provenance, atomically.

        Returns (final path, sha256, size) of the bytes as stored.
        """
        data = staging.read_bytes()
        if self.provenance and meta:
            data = provenance.embed(data, meta)
        atomic_write(final, data, before_write=lambda: diskfault("store_file"))
        crashpoint("before_unstage")
        with contextlib.suppress(OSError):
            staging.unlink()
        return final, hashlib.sha256(data).hexdigest(), len(data)
