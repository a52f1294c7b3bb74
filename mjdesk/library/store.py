"""The library: one folder with ``library.db`` (SQLite, WAL) and ``images/YYYY/MM/``.

``Store`` is synchronous and owns one connection; ``Library`` wraps it for asyncio, running every
call on one dedicated thread so that commits (and their fsyncs) never run on the event loop —
which is the GUI thread in the window.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import json
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, TypeVar

from ..core import jobs as jobstates
from ..core.i18n import Text, from_json, to_json
from ..core.jobs import JobState
from ..faults import diskfault
from ..fsutil import atomic_write
from . import provenance
from .schema import MIGRATIONS, VERSION

__all__ = [
    "ACTIVE_STATES",
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
    "StaleStateError",
    "Store",
]

T = TypeVar("T")

# Job states live in core.jobs; these names stay for the modules that spell them out.
SAVED: Final = JobState.SAVED.value
SENDING: Final = JobState.SENDING.value
ACCEPTED: Final = JobState.ACCEPTED.value
RUNNING: Final = JobState.RUNNING.value
DOWNLOADING: Final = JobState.DOWNLOADING.value
STORED: Final = JobState.STORED.value
UNCONFIRMED: Final = JobState.UNCONFIRMED.value
FAILED: Final = JobState.FAILED.value
TIMED_OUT: Final = JobState.TIMED_OUT.value
EXPIRED: Final = JobState.EXPIRED.value
NEEDS_ATTENTION: Final = JobState.NEEDS_ATTENTION.value
DISMISSED: Final = JobState.DISMISSED.value

ACTIVE_STATES: Final = tuple(s.value for s in JobState if s in jobstates.ACTIVE)
TERMINAL_STATES: Final = tuple(s.value for s in JobState if s in jobstates.TERMINAL)
ALL_STATES: Final = tuple(s.value for s in JobState)

DB_NAME: Final = "library.db"
TEMP_MAX_AGE: Final = 3600.0


class LibraryError(Exception):
    """The library cannot be used (damaged, unreadable, or a migration failed)."""


class LibraryLockedError(LibraryError):
    """Another mjdesk process has this library open."""


class IndexMissingError(LibraryError):
    """The database is empty, damaged or unreadable while the folder holds images: mjdesk does
    not start a new library over them. ``imports.rebuild_index`` makes a new index from the
    files."""

    def __init__(self, message: str, *, images: int) -> None:
        super().__init__(message)
        self.images = images


class LibraryWriteError(LibraryError):
    """A change could not be committed (the disk is full, the folder is read-only, an I/O
    error). Nothing of the change was kept; the same change can be tried again later."""

    def __init__(self, message: str, *, full: bool = False) -> None:
        super().__init__(message)
        self.full = full


class StaleStateError(LibraryError, ValueError):
    """A job was not in the state a transition expected (another loop moved it first)."""

    def __init__(self, job: JobRow, expected: Iterable[str]) -> None:
        super().__init__(f"job {job.id} is {job.state}, not {'/'.join(sorted(expected))}")
        self.job = job


@dataclass(frozen=True, slots=True)
class NewJob:
    prompt_typed: str
    prompt: str
    speed: str
    quality: str
    model: str = "mj-v8.1"
    model_params: dict[str, Any] | None = None
    parent_image_id: int | None = None
    batch: str | None = None


@dataclass(frozen=True, slots=True)
class JobRow:
    id: int
    client_ref: str
    batch: str | None
    prompt_typed: str
    prompt: str
    model: str
    model_params: str | None
    speed: str
    quality: str
    state: str
    task_id: str | None
    progress: int
    error_code: str | None
    error_message: str | None
    credits_reserved: float | None
    estimated_time: float | None
    results: str | None
    parent_image_id: int | None
    created_at: float
    updated_at: float
    sent_at: float | None
    accepted_at: float | None
    completed_at: float | None
    finished_at: float | None
    send_attempts: int
    expired_images: int
    error_text: str | None = None  # the reason as a translatable sentence (core.i18n JSON)
    withheld_images: int = 0  # fewer results than asked: withheld by EvoLink's moderation

    @property
    def reason(self) -> str | None:
        """Why the job is where it is: a ``Text`` the window can translate when one was kept,
        else the English words."""
        if self.error_text:
            text = from_json(self.error_text)
            if text is not None:
                return text
        return self.error_message

    @property
    def result_urls(self) -> list[str]:
        if not self.results:
            return []
        value = json.loads(self.results)
        return [str(u) for u in value] if isinstance(value, list) else []

    @property
    def params(self) -> dict[str, Any]:
        if not self.model_params:
            return {}
        value = json.loads(self.model_params)
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True, slots=True)
class ImageRow:
    id: int
    job_id: int
    idx: int
    path: str
    sha256: str
    size: int
    width: int | None
    height: int | None
    mime: str
    source_url: str | None
    rating: int
    favourite: int
    tags: str
    project_id: int | None
    created_at: float
    deleted_at: float | None


_JOB_COLUMNS: Final = ", ".join(f.name for f in fields(JobRow))
_IMAGE_COLUMNS: Final = ", ".join(f.name for f in fields(ImageRow))
_JOB_UPDATABLE: Final = frozenset(f.name for f in fields(JobRow)) - {
    "id",
    "client_ref",
    "created_at",
}


def _open_error(exc: OSError, root: Path) -> LibraryError:
    import errno as _errno

    if exc.errno in (_errno.EROFS, _errno.EACCES, _errno.EPERM):
        return LibraryError(
            f"The library folder {root} is read-only ({exc.strerror}): choose a folder you can "
            "write to (--library DIR, or Settings)"
        )
    if exc.errno == _errno.ENOSPC:
        return LibraryError(f"The disk holding the library folder {root} is full")
    return LibraryError(f"The library folder {root} cannot be used: {exc.strerror or exc}")


def _is_write_error(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return True
    text = str(exc).lower()
    return any(w in text for w in ("full", "readonly", "read-only", "disk i/o", "unable to open"))


def _write_error(exc: BaseException, root: Path) -> LibraryWriteError:
    import errno as _errno

    full = (isinstance(exc, OSError) and exc.errno == _errno.ENOSPC) or "full" in str(exc).lower()
    if full:
        return LibraryWriteError(f"The disk holding the library ({root}) is full", full=True)
    if "readonly" in str(exc).lower() or (
        isinstance(exc, OSError) and exc.errno in (_errno.EROFS, _errno.EACCES, _errno.EPERM)
    ):
        return LibraryWriteError(f"The library folder {root} is read-only")
    return LibraryWriteError(f"The library in {root} could not be written: {exc}")


def _safe_name(task_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", task_id)[:96] or "task"


class Store:
    """Synchronous access to one library folder. Use from one thread at a time."""

    def __init__(
        self,
        root: Path,
        *,
        provenance: bool = True,
        lock: bool = True,
        check_orphans: bool = True,
    ) -> None:
        self.root = Path(root)
        self.provenance = provenance
        self.images_dir = self.root / "images"
        self.staging_dir = self.root / ".staging"
        self._lock_fd: int | None = None
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if lock:
                self._take_lock()
        except OSError as exc:
            raise _open_error(exc, self.root) from None
        try:
            if check_orphans:
                self._refuse_empty_index()
            self.db = self._connect()
            if check_orphans and not self._has_schema() and self._image_files():
                self.db.close()
                self._refuse_empty_index(force=True)
            self._migrate()
            # With the lock held no other mjdesk writes here: every temp file is a dead
            # process's. Without it, only the old ones are surely abandoned.
            self.sweep_temp_files(max_age=0.0 if lock else TEMP_MAX_AGE)
        except OSError as exc:
            self._release_lock()
            raise _open_error(exc, self.root) from None
        except BaseException:
            self._release_lock()
            raise

    # -- opening -----------------------------------------------------------------------------

    def _image_files(self, limit: int = 1000) -> int:
        """How many image files the folder holds (counted up to ``limit``)."""
        count = 0
        if self.images_dir.is_dir():
            for _root, _dirs, files in os.walk(self.images_dir):
                count += sum(1 for f in files if not f.startswith("."))
                if count >= limit:
                    break
        return count

    def _refuse_empty_index(self, *, force: bool = False) -> None:
        """An empty database beside image files is a lost index, not a new library."""
        db = self.root / DB_NAME
        empty = force or (db.exists() and db.stat().st_size == 0)
        if not empty:
            return
        images = self._image_files()
        if images:
            raise IndexMissingError(
                f"The library index {db} is empty, but the folder holds "
                f"{images}{'+' if images >= 1000 else ''} images. mjdesk will not start a new "
                "library over them: rebuild the index from the image files instead.",
                images=images,
            )

    def _has_schema(self) -> bool:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        return version > 0

    def _take_lock(self) -> None:
        path = self.root / ".lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            try:
                pid = os.pread(fd, 32, 0).decode(errors="replace").strip()
            finally:
                os.close(fd)
            who = f" (process {pid})" if pid else ""
            raise LibraryLockedError(
                f"Another mjdesk{who} is using the library in {self.root}; close it first"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
            self._lock_fd = None

    def _connect(self) -> sqlite3.Connection:
        path = self.root / DB_NAME
        try:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA fullfsync=ON")
            db.execute("PRAGMA busy_timeout=5000")
            db.execute("PRAGMA foreign_keys=ON")
            ok = db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            text = str(exc).lower()
            if "readonly" in text or "unable to open" in text:
                raise LibraryError(
                    f"The library folder {self.root} is read-only or cannot be opened: "
                    "choose a folder you can write to (--library DIR)"
                ) from None
            images = self._image_files()
            message = f"The library database {path} cannot be read ({exc})"
            if images:
                raise IndexMissingError(
                    message + f"; the folder holds {images} images: rebuild the index from them",
                    images=images,
                ) from None
            raise LibraryError(message) from None
        if ok != "ok":
            db.close()
            raise LibraryError(f"The library database is damaged ({ok}); restore a backup")
        return db

    def _migrate(self) -> None:
        current = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if current > VERSION:
            raise LibraryError(
                f"The library was written by a newer mjdesk (schema {current} > {VERSION})"
            )
        if current == VERSION:
            return
        if current > 0:
            self.backup(self.root / f"library.db.before-v{VERSION}-{int(time.time())}.bak")
        for version in range(current, VERSION):
            try:
                self.db.execute("BEGIN IMMEDIATE")
                MIGRATIONS[version](self.db)
                self.db.execute(f"PRAGMA user_version={version + 1}")
                self.db.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
                raise LibraryError(
                    f"Updating the library to schema {version + 1} failed: {exc}"
                ) from exc

    def backup(self, dest: Path) -> Path:
        """A consistent copy of the database (``Connection.backup``)."""
        target = sqlite3.connect(dest)
        try:
            self.db.backup(target)
        finally:
            target.close()
        return dest

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
        self._release_lock()

    def sweep_temp_files(self, now: float | None = None, max_age: float = TEMP_MAX_AGE) -> int:
        """Removes interrupted downloads and writes older than ``max_age`` seconds."""
        now = time.time() if now is None else now
        removed = 0
        for folder in (self.images_dir, self.staging_dir):
            if not folder.exists():
                continue
            for path in folder.rglob(".*.part"):
                with contextlib.suppress(OSError):
                    if now - path.stat().st_mtime >= max_age:
                        path.unlink()
                        removed += 1
        return removed

    # -- transactions ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _tx(self) -> Any:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _write_error(exc, self.root) from exc
        try:
            yield self.db
            diskfault("commit")
            self.db.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError | OSError) and _is_write_error(exc):
                raise _write_error(exc, self.root) from exc
            raise

    # -- jobs --------------------------------------------------------------------------------

    def add_jobs(self, jobs: Sequence[NewJob], *, state: str = SAVED) -> list[JobRow]:
        """Records intents, all in one transaction (committed before anything is sent)."""
        now = time.time()
        ids: list[int] = []
        with self._tx() as db:
            for job in jobs:
                cur = db.execute(
                    "INSERT INTO jobs (client_ref, batch, prompt_typed, prompt, model,"
                    " model_params, speed, quality, state, parent_image_id, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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

    def state_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT state, COUNT(*) FROM jobs GROUP BY state").fetchall())

    # -- images ------------------------------------------------------------------------------

    def image_path(self, task_id: str, index: int, ext: str, when: float | None = None) -> Path:
        stamp = datetime.fromtimestamp(time.time() if when is None else when, UTC)
        return (
            self.images_dir / f"{stamp:%Y}" / f"{stamp:%m}" / f"{_safe_name(task_id)}_{index}.{ext}"
        )

    def staging_path(self, task_id: str, index: int) -> Path:
        return self.staging_dir / f"{_safe_name(task_id)}_{index}"

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

    def _relative(self, path: Path) -> str:
        """How a file is named in a row: relative to the library folder when inside it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

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

    def absolute(self, image: ImageRow) -> Path:
        p = Path(image.path)
        return p if p.is_absolute() else self.root / p

    def search(self, query: str, limit: int = 100) -> list[int]:
        """Image ids matching a full-text query over prompts and tags, newest first."""
        terms = [t for t in re.findall(r"\w+", query, re.UNICODE) if t]
        if not terms:
            return []
        match = " ".join(f'"{t}"*' for t in terms)
        rows = self.db.execute(
            "SELECT rowid FROM image_search WHERE image_search MATCH ? ORDER BY rowid DESC LIMIT ?",
            (match, limit),
        )
        return [int(r[0]) for r in rows]

    # -- gallery -----------------------------------------------------------------------------

    def image_ids(self, query: ImageQuery) -> list[int]:
        """The ids of the images a query selects, in its order (cheap even at 100,000)."""
        return _query_ids(self.db, query)

    def gallery_items(self, ids: Sequence[int]) -> list[GalleryItem]:
        return _gallery_items(self.db, ids)

    def set_rating(self, ids: Sequence[int], rating: int) -> None:
        if not 0 <= rating <= 5:
            raise ValueError("rating is 0 to 5")
        with self._tx() as db:
            db.executemany("UPDATE images SET rating = ? WHERE id = ?", [(rating, i) for i in ids])

    def set_favourite(self, ids: Sequence[int], favourite: bool) -> None:
        with self._tx() as db:
            db.executemany(
                "UPDATE images SET favourite = ? WHERE id = ?", [(int(favourite), i) for i in ids]
            )

    def trash(self, ids: Sequence[int], *, restore: bool = False) -> None:
        """Moves images to the in-app trash (or back); their files stay in place."""
        with self._tx() as db:
            db.executemany(
                "UPDATE images SET deleted_at = ? WHERE id = ?",
                [(None if restore else time.time(), i) for i in ids],
            )

    def set_tags(self, ids: Sequence[int], tags: str) -> None:
        """Replaces the tags of images (space or comma separated words); searchable at once."""
        clean = " ".join(dict.fromkeys(t for t in re.split(r"[\s,]+", tags) if t))
        with self._tx() as db:
            for i in ids:
                db.execute("UPDATE images SET tags = ? WHERE id = ?", (clean, i))
                db.execute("UPDATE image_search SET tags = ? WHERE rowid = ?", (clean, i))

    def projects(self) -> list[tuple[int, str]]:
        return [
            (int(r[0]), str(r[1]))
            for r in self.db.execute("SELECT id, name FROM projects ORDER BY name")
        ]

    def project(self, name: str) -> int:
        """The id of a project, created if new."""
        name = " ".join(name.split())[:80]
        if not name:
            raise ValueError("a project needs a name")
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO projects (name, created_at) VALUES (?, ?)",
                (name, time.time()),
            )
            row = db.execute("SELECT id FROM projects WHERE name = ?", (name,)).fetchone()
        return int(row[0])

    def assign_project(self, ids: Sequence[int], project_id: int | None) -> None:
        with self._tx() as db:
            db.executemany(
                "UPDATE images SET project_id = ? WHERE id = ?", [(project_id, i) for i in ids]
            )

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

    def thumb_path(self, sha256: str, size: int) -> Path:
        return self.root / "thumbs" / sha256[:2] / f"{sha256}_{size}.jpg"

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

    # -- files -------------------------------------------------------------------------------

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
        with contextlib.suppress(OSError):
            staging.unlink()
        return final, hashlib.sha256(data).hexdigest(), len(data)


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

    async def run(self, fn: Callable[[Store], T]) -> T:
        """Runs ``fn(store)`` on the library thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, self.store)

    async def close(self) -> None:
        await self.run(lambda s: s.close())
        self._executor.shutdown(wait=True)


@dataclass(frozen=True, slots=True)
class ImageQuery:
    """What the gallery shows: a full-text search and filters, in an order."""

    text: str = ""
    speed: str | None = None
    quality: str | None = None
    favourites: bool = False
    min_rating: int = 0
    sort: str = "newest"  # newest | oldest | rating
    limit: int | None = None
    since: float | None = None  # created at or after (Unix seconds)
    until: float | None = None
    aspect: str | None = None  # square | landscape | portrait
    with_references: bool = False
    project_id: int | None = None
    group_by_job: bool = False  # one image (the first) per job: 4-up and 24-up stacks


@dataclass(frozen=True, slots=True)
class GalleryItem:
    id: int
    job_id: int
    idx: int
    path: str
    sha256: str
    width: int | None
    height: int | None
    rating: int
    favourite: int
    created_at: float
    prompt: str
    speed: str
    quality: str
    task_id: str | None
    model: str


_ORDER: Final = {
    "newest": "images.created_at DESC, images.id DESC",
    "oldest": "images.created_at ASC, images.id ASC",
    "rating": "images.rating DESC, images.created_at DESC, images.id DESC",
}


def _query_ids(db: sqlite3.Connection, q: ImageQuery) -> list[int]:
    where = ["images.deleted_at IS NULL"]
    args: list[Any] = []
    join = ""
    if q.speed or q.quality or q.with_references:
        join = " JOIN jobs ON jobs.id = images.job_id"
        if q.with_references:
            where.append(
                "(jobs.prompt LIKE 'http%' OR jobs.prompt LIKE '%--sref %'"
                " OR jobs.prompt LIKE '%--oref %')"
            )
        if q.speed:
            where.append("jobs.speed = ?")
            args.append(q.speed)
        if q.quality:
            where.append("jobs.quality = ?")
            args.append(q.quality)
    if q.favourites:
        where.append("images.favourite = 1")
    if q.since is not None:
        where.append("images.created_at >= ?")
        args.append(q.since)
    if q.until is not None:
        where.append("images.created_at < ?")
        args.append(q.until)
    if q.aspect == "square":
        where.append("images.width = images.height")
    elif q.aspect == "landscape":
        where.append("images.width > images.height")
    elif q.aspect == "portrait":
        where.append("images.width < images.height")
    if q.project_id is not None:
        where.append("images.project_id = ?")
        args.append(q.project_id)
    if q.group_by_job:
        where.append(
            "images.id IN (SELECT MIN(id) FROM images WHERE deleted_at IS NULL GROUP BY job_id)"
        )
    if q.min_rating:
        where.append("images.rating >= ?")
        args.append(q.min_rating)
    terms = [t for t in re.findall(r"\w+", q.text, re.UNICODE) if t]
    if terms:
        where.append("images.id IN (SELECT rowid FROM image_search WHERE image_search MATCH ?)")
        args.append(" ".join(f'"{t}"*' for t in terms))
    sql = (
        f"SELECT images.id FROM images{join} WHERE {' AND '.join(where)} ORDER BY {_ORDER[q.sort]}"
    )
    if q.limit is not None:
        sql += f" LIMIT {int(q.limit)}"
    return [r[0] for r in db.execute(sql, args)]


def _gallery_items(db: sqlite3.Connection, ids: Sequence[int]) -> list[GalleryItem]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        "SELECT images.id, images.job_id, images.idx, images.path, images.sha256, images.width,"
        " images.height, images.rating, images.favourite, images.created_at,"
        " COALESCE(NULLIF(jobs.prompt, ''), jobs.prompt_typed),"
        " jobs.speed, jobs.quality, jobs.task_id, jobs.model FROM images"
        f" JOIN jobs ON jobs.id = images.job_id WHERE images.id IN ({marks})",
        list(ids),
    ).fetchall()
    by_id = {r[0]: GalleryItem(*r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


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


def export_files(
    store: Store, items: Sequence[GalleryItem], folder: Path, template: str, embed: bool
) -> list[Path]:
    """Copies images into ``folder`` named by ``template``, with provenance when ``embed``.
    Never overwrites: a clash gets a numbered name. Runs off the GUI thread."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for item in items:
        source = store.root / item.path if not Path(item.path).is_absolute() else Path(item.path)
        data = source.read_bytes()
        ext = source.suffix.lstrip(".") or "png"
        if embed and not provenance.read(data):
            data = provenance.embed(
                data,
                {
                    "prompt": item.prompt,
                    "speed": item.speed,
                    "quality": item.quality,
                    "task_id": item.task_id or "",
                    "model": item.model,
                },
            )
        target = folder / export_name(template, item, ext)
        stem, n = target.stem, 2
        while target.exists():
            target = folder / f"{stem}-{n}.{ext}"
            n += 1
        target.write_bytes(data)
        written.append(target)
    return written
