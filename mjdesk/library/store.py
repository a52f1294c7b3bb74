"""The library: one folder with ``library.db`` (SQLite, WAL) and ``images/YYYY/MM/`` (named
by ``layout.py``).

``Store`` is synchronous and owns one connection; ``Library`` wraps it for asyncio, running every
call on one dedicated thread so that commits (and their fsyncs) never run on the event loop —
which is the GUI thread in the window.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from ..core import evolink
from ..core import jobs as jobstates
from ..core.i18n import Text, to_json
from ..core.jobs import JobState
from .db import DB_NAME
from .errors import (
    IndexMissingError,
    LibraryError,
    LibraryLockedError,
    LibraryWriteError,
    StaleStateError,
)
from .gallery import Curation, GalleryItem, ImageQuery
from .layout import FileLayout
from .marks import Marks
from .projects import ProjectNameError, Projects
from .rows import (
    _IMAGE_COLUMNS,
    _JOB_COLUMNS,
    _JOB_UPDATABLE,
    ACTIVE_STATES,
    ALL_STATES,
    SAVED,
    STORED,
    TERMINAL_STATES,
    ImageRow,
    JobRow,
    NewJob,
)
from .styles import Styles

__all__ = [
    "ACTIVE_STATES",
    "DB_NAME",
    "TERMINAL_STATES",
    "GalleryItem",
    "ImageQuery",
    "ImageRow",
    "IndexMissingError",
    "JobRow",
    "Library",
    "LibraryError",
    "LibraryLockedError",
    "LibraryWriteError",
    "NewJob",
    "ProjectNameError",
    "StaleStateError",
    "Store",
]

T = TypeVar("T")


class Store(FileLayout, Curation, Marks, Projects, Styles):
    """Synchronous access to one library folder. Use from one thread at a time."""

    # -- jobs --------------------------------------------------------------------------------

    def add_jobs(self, jobs: Sequence[NewJob], *, state: str = SAVED) -> list[JobRow]:
        """Records intents, all in one transaction (committed before anything is sent)."""
        now = time.time()
        ids: list[int] = []
        with self._tx() as db:
            for job in jobs:
                cur = db.execute(
                    "INSERT INTO jobs (client_ref, batch, prompt_typed, prompt, model,"
                    " model_params, speed, quality, state, parent_image_id, created_at, updated_at,"
                    " style) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        f"mjd-{uuid.uuid4().hex}",
                        job.batch,
                        job.prompt_typed,
                        job.prompt,
                        job.model,
                        json.dumps(job.model_params) if job.model_params else None,
                        job.speed,
                        job.quality,
                        state,
                        job.parent_image_id,
                        now,
                        now,
                        job.style,
                    ),
                )
                ids.append(int(cur.lastrowid or 0))
        return [self.job(i) for i in ids]

    def job(self, job_id: int) -> JobRow:
        row = self.db.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise KeyError(job_id)
        return JobRow(*row)

    def jobs(
        self, states: Iterable[str] | None = None, *, limit: int | None = None
    ) -> list[JobRow]:
        sql = f"SELECT {_JOB_COLUMNS} FROM jobs"
        args: list[Any] = []
        if states is not None:
            wanted = list(states)
            sql += f" WHERE state IN ({','.join('?' * len(wanted))})"
            args.extend(wanted)
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [JobRow(*r) for r in self.db.execute(sql, args)]

    def update_job(
        self, job_id: int, *, expect: Iterable[str] | None = None, **changes: Any
    ) -> JobRow:
        """One committed transaction per transition.

        A change of state is a compare-and-set on the row: it happens only if the job is in one
        of the ``expect`` states (by default every state ``core.jobs`` allows the move from),
        checked in the same transaction that makes it; otherwise StaleStateError, and nothing
        changes. So two loops can never both move one job out of the same state.
        """
        unknown = set(changes) - _JOB_UPDATABLE
        if unknown:
            raise ValueError(f"not job columns: {sorted(unknown)}")
        wanted: tuple[str, ...] | None = None
        if "state" in changes:
            if changes["state"] not in ALL_STATES:
                raise ValueError(f"unknown state {changes['state']!r}")
            changes["state"] = str(JobState(changes["state"]))
            legal = jobstates.sources_of(changes["state"])
            wanted = jobstates.states(legal if expect is None else set(expect) & legal)
        elif expect is not None:
            wanted = jobstates.states(expect)
        if "error_message" in changes:
            message = changes["error_message"]
            changes["error_text"] = to_json(message) if isinstance(message, Text) else None
            changes["error_message"] = None if message is None else str(message)
        changes["updated_at"] = time.time()
        cols = ", ".join(f"{k} = ?" for k in changes)
        sql = f"UPDATE jobs SET {cols} WHERE id = ?"
        args: list[Any] = [*changes.values(), job_id]
        if wanted is not None:
            sql += f" AND state IN ({','.join('?' * len(wanted))})"
            args.extend(wanted)
        with self._tx() as db:
            moved = db.execute(sql, args).rowcount
        row = self.job(job_id)
        if not moved:
            raise StaleStateError(row, wanted or ())
        return row

    def recent_jobs(self, limit: int) -> list[JobRow]:
        """The newest jobs first (the queue at start)."""
        rows = self.db.execute(
            f"SELECT {_JOB_COLUMNS} FROM jobs ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [JobRow(*r) for r in rows]

    def recent_images(self, limit: int) -> list[tuple[ImageRow, JobRow]]:
        """The newest images not in the trash, oldest of them first, each with its job."""
        ids = [
            int(r[0])
            for r in self.db.execute(
                "SELECT id FROM images WHERE deleted_at IS NULL"
                " ORDER BY created_at DESC, id DESC LIMIT ?",
                (limit,),
            )
        ]
        out = []
        for image_id in reversed(ids):
            image = self.image(image_id)
            out.append((image, self.job(image.job_id)))
        return out

    def prompt_history(self, limit: int) -> list[str]:
        """The prompts typed, each once, most recently used first (not the edits: a Vary or a
        Remove background has a label, not a prompt the user wrote)."""
        rows = self.db.execute(
            "SELECT prompt_typed FROM jobs WHERE model = ? GROUP BY prompt_typed"
            " ORDER BY MAX(id) DESC LIMIT ?",
            (evolink.GENERATE, limit),
        )
        return [str(r[0]) for r in rows]

    def state_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT state, COUNT(*) FROM jobs GROUP BY state").fetchall())

    # -- images ------------------------------------------------------------------------------

    def add_image(
        self,
        job_id: int,
        index: int,
        path: Path,
        *,
        sha256: str,
        size: int,
        width: int | None,
        height: int | None,
        mime: str,
        source_url: str | None,
    ) -> ImageRow:
        """The row for a file already renamed into place (file first, then row)."""
        job = self.job(job_id)
        now = time.time()
        rel = self._relative(path)
        with self._tx() as db:
            existing = db.execute(
                "SELECT id FROM images WHERE job_id = ? AND idx = ?", (job_id, index)
            ).fetchone()
            if existing:
                image_id = int(existing[0])
                db.execute(
                    "UPDATE images SET path=?, sha256=?, size=?, width=?, height=?, mime=?"
                    " WHERE id=?",
                    (rel, sha256, size, width, height, mime, image_id),
                )
            else:
                cur = db.execute(
                    "INSERT INTO images (job_id, idx, path, sha256, size, width, height, mime,"
                    " source_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (job_id, index, rel, sha256, size, width, height, mime, source_url, now),
                )
                image_id = int(cur.lastrowid or 0)
                db.execute(
                    "INSERT INTO image_search (rowid, prompt, tags) VALUES (?, ?, '')",
                    (image_id, job.prompt or job.prompt_typed),  # this image's own variant
                )
        return self.image(image_id)

    def add_imported(
        self, job: NewJob, task_id: str, path: Path, sha256: str, size: int, info: Any
    ) -> int:
        """A stored job and its one image for a file brought in from elsewhere (already in
        place), in one transaction. Returns the image id."""
        now = time.time()
        rel = self._relative(path)
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO jobs (client_ref, batch, prompt_typed, prompt, model, speed, quality,"
                " state, task_id, progress, created_at, updated_at, finished_at)"
                " VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, 100, ?, ?, ?)",
                (
                    f"mjd-{uuid.uuid4().hex}",
                    job.prompt_typed,
                    job.prompt,
                    job.model,
                    job.speed,
                    job.quality,
                    STORED,
                    task_id,
                    now,
                    now,
                    now,
                ),
            )
            job_id = int(cur.lastrowid or 0)
            cur = db.execute(
                "INSERT INTO images (job_id, idx, path, sha256, size, width, height, mime,"
                " source_url, created_at) VALUES (?, 0, ?, ?, ?, ?, ?, ?, NULL, ?)",
                (job_id, rel, sha256, size, info.width, info.height, info.mime, now),
            )
            image_id = int(cur.lastrowid or 0)
            db.execute(
                "INSERT INTO image_search (rowid, prompt, tags) VALUES (?, ?, '')",
                (image_id, job.prompt or job.prompt_typed),
            )
        return image_id

    def image(self, image_id: int) -> ImageRow:
        row = self.db.execute(
            f"SELECT {_IMAGE_COLUMNS} FROM images WHERE id = ?", (image_id,)
        ).fetchone()
        if row is None:
            raise KeyError(image_id)
        return ImageRow(*row)

    def images_of(self, job_id: int) -> list[ImageRow]:
        rows = self.db.execute(
            f"SELECT {_IMAGE_COLUMNS} FROM images WHERE job_id = ? ORDER BY idx", (job_id,)
        )
        return [ImageRow(*r) for r in rows]

    def verified_images(self, job_id: int) -> int:
        """How many of a job's images are on disk with the bytes their row records (each file
        read and hashed: for checks, not for display)."""
        count = 0
        for image in self.images_of(job_id):
            try:
                data = self.absolute(image).read_bytes()
            except OSError:
                continue
            if hashlib.sha256(data).hexdigest() == image.sha256:
                count += 1
        return count

    def job_image_count(self, job_id: int) -> int:
        return int(
            self.db.execute(
                "SELECT COUNT(*) FROM images WHERE job_id = ? AND deleted_at IS NULL", (job_id,)
            ).fetchone()[0]
        )

    def image_id_for_path(self, path: Path) -> int | None:
        """The library image stored at ``path`` (a file dragged out of the gallery), if any."""
        try:
            rel = str(Path(path).resolve().relative_to(self.root.resolve()))
        except ValueError:
            return None
        row = self.db.execute(
            "SELECT id FROM images WHERE path = ? AND deleted_at IS NULL", (rel,)
        ).fetchone()
        return int(row[0]) if row else None

    # -- uploads -----------------------------------------------------------------------------

    def cached_upload(self, sha256: str, now: float | None = None) -> str | None:
        """A file URL for these bytes that stays valid for at least another hour."""
        now = time.time() if now is None else now
        row = self.db.execute(
            "SELECT file_url, expires_at FROM uploads WHERE sha256 = ?", (sha256,)
        ).fetchone()
        if row is None or row[1] is None or row[1] - now < 3600:
            return None
        return str(row[0])

    def remember_upload(self, sha256: str, file_url: str, file_id: str, expires_at: float) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO uploads (sha256, file_url, file_id, expires_at, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (sha256, file_url, file_id, expires_at, time.time()),
            )


class Library:
    """The asyncio face of a :class:`Store`: every call runs on the library's own thread."""

    def __init__(self, store: Store, executor: ThreadPoolExecutor) -> None:
        self.store = store
        self._executor = executor
        self.root = store.root

    @classmethod
    async def open(cls, root: Path, *, provenance: bool = True, lock: bool = True) -> Library:
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mjdesk-library")
        loop = asyncio.get_running_loop()
        try:
            store = await loop.run_in_executor(
                executor, lambda: Store(root, provenance=provenance, lock=lock)
            )
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(store, executor)

    def set_provenance(self, embed: bool) -> None:
        """Whether images stored from now on carry their prompt and parameters (a flag the
        library thread reads once per stored file)."""
        self.store.provenance = embed

    async def run(self, fn: Callable[[Store], T]) -> T:
        """Runs ``fn(store)`` on the library thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, self.store)

    async def close(self) -> None:
        await self.run(lambda s: s.close())
        self._executor.shutdown(wait=True)
