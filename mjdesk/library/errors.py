"""What can go wrong with a library, as exceptions the window and batch say in words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rows import JobRow

__all__ = [
    "IndexMissingError",
    "LibraryError",
    "LibraryLockedError",
    "LibraryWriteError",
    "StaleStateError",
]


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
