"""The durable local library: SQLite (WAL, migrations) plus image files. No Qt."""

from .gallery import Found
from .marks import Curated, clean_tag
from .paths import default_library_dir, resolve_library_dir
from .rows import edit_job, intents
from .store import (
    ACTIVE_STATES,
    TERMINAL_STATES,
    GalleryItem,
    ImageQuery,
    ImageRow,
    IndexMissingError,
    JobRow,
    Library,
    LibraryError,
    LibraryLockedError,
    LibraryWriteError,
    NewJob,
    ProjectNameError,
    StaleStateError,
    Store,
)

__all__ = [
    "ACTIVE_STATES",
    "TERMINAL_STATES",
    "Curated",
    "Found",
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
    "clean_tag",
    "default_library_dir",
    "edit_job",
    "intents",
    "resolve_library_dir",
]
