"""Opening a library's database: the lock, the connection (WAL, FULL sync), migrations with a
backup first, refusing to start a new library over images whose index is lost, and the one way
a change is committed (a write that fails says why: a full disk, a read-only folder)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Final

from ..faults import diskfault
from .errors import IndexMissingError, LibraryError, LibraryLockedError, LibraryWriteError
from .schema import MIGRATIONS, VERSION

__all__ = ["DB_NAME", "TEMP_MAX_AGE", "Database"]

DB_NAME: Final = "library.db"
TEMP_MAX_AGE: Final = 3600.0


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


class Database:
    """One library folder's database connection, opened (and locked) for this process."""

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
