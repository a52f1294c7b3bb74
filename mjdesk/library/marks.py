"""What the user marks on images: ratings, favourites, the trash, tags (added, removed,
renamed or merged across the library), and what a bulk change finds before it (so it can be
undone). Part of the library's ``Store``."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["HAS_TAG", "Curated", "Marks", "clean_tag", "tag_like"]

HAS_TAG: Final = "(' ' || images.tags || ' ') LIKE ? ESCAPE '\\'"


def tag_like(tag: str) -> str:
    """The LIKE pattern of one tag among an image's space-separated tags."""
    return "% " + tag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"


@dataclass(frozen=True, slots=True)
class Curated:
    """An image's curation: what a bulk action changes and its undo puts back."""

    id: int
    rating: int
    favourite: int
    tags: str
    project_id: int | None
    deleted_at: float | None


def clean_tag(word: str) -> str:
    """A tag as stored: one word (spaces and commas separate tags), at most 40 characters."""
    return "-".join(re.split(r"[\s,]+", word.strip()))[:40].strip("-")


class Marks:
    """Part of the library's ``Store`` (its ``db`` and ``_tx``)."""

    db: sqlite3.Connection

    def _tx(self) -> Any:
        raise NotImplementedError

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

    def curation(self, ids: Sequence[int]) -> list[Curated]:
        """What the user has set on images (before a change, so it can be undone)."""
        found: list[Curated] = []
        for chunk in range(0, len(ids), 500):
            part = list(ids[chunk : chunk + 500])
            marks = ",".join("?" * len(part))
            found.extend(
                Curated(*r)
                for r in self.db.execute(
                    "SELECT id, rating, favourite, tags, project_id, deleted_at FROM images"
                    f" WHERE id IN ({marks})",
                    part,
                )
            )
        return found

    def restore_curation(self, rows: Sequence[Curated]) -> None:
        """Puts back what ``curation`` read: an undo of a bulk action, in one transaction."""
        with self._tx() as db:
            db.executemany(
                "UPDATE images SET rating = ?, favourite = ?, tags = ?, project_id = ?,"
                " deleted_at = ? WHERE id = ?",
                [(r.rating, r.favourite, r.tags, r.project_id, r.deleted_at, r.id) for r in rows],
            )
            db.executemany(
                "UPDATE image_search SET tags = ? WHERE rowid = ?", [(r.tags, r.id) for r in rows]
            )

    def edit_tags(self, ids: Sequence[int], add: Sequence[str], remove: Sequence[str]) -> None:
        """Adds and removes tags on images, keeping each image's other tags."""
        gone = set(remove)
        add = [t for t in (clean_tag(a) for a in add) if t]
        with self._tx() as db:
            for r in self.curation(ids):
                words = [t for t in r.tags.split() if t not in gone]
                words += [t for t in add if t not in words]
                clean = " ".join(words)
                if clean != r.tags:
                    db.execute("UPDATE images SET tags = ? WHERE id = ?", (clean, r.id))
                    db.execute("UPDATE image_search SET tags = ? WHERE rowid = ?", (clean, r.id))

    def tag_names(self) -> list[str]:
        """Every tag used on an image of the library, sorted."""
        names: set[str] = set()
        for (words,) in self.db.execute("SELECT DISTINCT tags FROM images WHERE tags != ''"):
            names.update(str(words).split())
        return sorted(names, key=str.casefold)

    def rename_tag(self, old: str, new: str) -> int:
        """Renames a tag on every image (merging it into ``new`` where both are set); how
        many images changed."""
        new = clean_tag(new)
        if not new or new == old:
            return 0
        rows = self.db.execute(f"SELECT id FROM images WHERE {HAS_TAG}", (tag_like(old),))
        ids = [int(r[0]) for r in rows]
        self.edit_tags(ids, [new], [old])
        return len(ids)
