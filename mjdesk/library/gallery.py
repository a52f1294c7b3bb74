"""The gallery's query: which images a search and its filters select, in which order, and
the little a grid needs of each (one page at a time)."""

from __future__ import annotations

import re
import sqlite3
import time
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from .marks import HAS_TAG, tag_like

__all__ = [
    "Curation",
    "Found",
    "GalleryItem",
    "ImageQuery",
    "gallery_items",
    "query_ids",
]


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
    unrated: bool = False  # rating 0 only
    trashed: bool = False  # the trash instead of the library
    tags: tuple[str, ...] = ()  # every one of these tags
    models: tuple[str, ...] = ()  # made by one of these (generate, vary, remix, edit, …)
    style: str | None = None  # sent with this style (its name)


@dataclass(slots=True)
class Found:
    """A query's answer as a grid needs it: the ids in order and each image's shape (width
    over height, 1.0 when unknown) — enough to lay out rows without reading the rows."""

    ids: list[int]
    aspects: array[float]

    @classmethod
    def read(cls, rows: Any) -> Found:
        ids: list[int] = []
        aspects: array[float] = array("f")
        add_id, add_aspect = ids.append, aspects.append
        for image_id, aspect in rows:  # one pass, no million-tuple list in between
            add_id(image_id)
            add_aspect(aspect)
        return cls(ids, aspects)


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
    tags: str = ""
    stack: int = 1  # the images of its job (shown as a stack when grouped by job)
    size: int = 0  # the file's bytes
    style: str | None = None  # the style its job was sent with


_ORDER: Final = {
    "newest": "images.created_at DESC, images.id DESC",
    "oldest": "images.created_at ASC, images.id ASC",
    "rating": "images.rating DESC, images.created_at DESC, images.id DESC",
}


def _filters(q: ImageQuery) -> tuple[str, list[str], list[Any], str | None]:
    """The joins, conditions and arguments of a query's filters, and its full-text match."""
    where = ["images.deleted_at IS NOT NULL" if q.trashed else "images.deleted_at IS NULL"]
    args: list[Any] = []
    join = ""
    if q.unrated:
        where.append("images.rating = 0")
    for tag in q.tags:  # tags are stored as space-separated words
        where.append(HAS_TAG)
        args.append(tag_like(tag))
    if q.speed or q.quality or q.with_references or q.models or q.style:
        join = " JOIN jobs ON jobs.id = images.job_id"
        if q.style:
            where.append("jobs.style = ?")
            args.append(q.style)
        if q.models:
            where.append(f"jobs.model IN ({','.join('?' * len(q.models))})")
            args.extend(q.models)
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
    if q.project_id is not None:  # a project holds its sub-projects' images too
        where.append("images.project_id IN (SELECT id FROM projects WHERE id = ? OR parent_id = ?)")
        args.extend([q.project_id, q.project_id])
    if q.group_by_job:
        where.append(
            "images.id IN (SELECT MIN(id) FROM images WHERE deleted_at IS NULL GROUP BY job_id)"
        )
    if q.min_rating:
        where.append("images.rating >= ?")
        args.append(q.min_rating)
    terms = [f'"{t}"*' for t in re.findall(r"\w+", q.text, re.UNICODE) if t]
    for tag in q.tags:  # the full-text index finds a tag's images (the LIKE above is exact)
        words = re.findall(r"\w+", tag, re.UNICODE)
        if words:
            terms.append(f'tags : "{" ".join(words)}"')
    match = " AND ".join(terms) if terms else None
    return join, where, args, match


_ASPECT: Final = "COALESCE(images.width * 1.0 / NULLIF(images.height, 0), 1.0)"


def _query_sql(q: ImageQuery, columns: str) -> tuple[str, list[Any]]:
    join, where, args, match = _filters(q)
    if match is not None:
        where.append("images.id IN (SELECT rowid FROM image_search WHERE image_search MATCH ?)")
        args.append(match)
    sql = (
        f"SELECT {columns} FROM images{join} WHERE {' AND '.join(where)} ORDER BY {_ORDER[q.sort]}"
    )
    if q.limit is not None:
        sql += f" LIMIT {int(q.limit)}"
    return sql, args


def query_ids(db: sqlite3.Connection, q: ImageQuery) -> list[int]:
    sql, args = _query_sql(q, "images.id")
    return [r[0] for r in db.execute(sql, args)]


def query_found(db: sqlite3.Connection, q: ImageQuery) -> Found:
    """The ids a query selects, in order, with their shapes (what the grid lays out)."""
    sql, args = _query_sql(q, f"images.id, {_ASPECT}")
    return Found.read(db.execute(sql, args))


#: How many of the newest full-text matches a first screen looks through (before filters).
FIRST_SCREEN_SCAN: Final = 4000


def first_screen_ids(db: sqlite3.Connection, q: ImageQuery, count: int) -> list[int] | None:
    found = first_screen(db, q, count)
    return None if found is None else found.ids


def first_screen(db: sqlite3.Connection, q: ImageQuery, count: int) -> Found | None:
    """The first ``count`` images of a newest-first search, found from the newest matches of
    the full-text index (which walks its ids backwards without sorting): milliseconds at a
    million images, where the full query has to collect every match first. None when this
    shortcut does not apply (another order); the full query then answers. Without words or
    tags, the newest-first index is walked until ``count`` images pass the filters."""
    if q.sort != "newest":
        return None
    join, where, args, match = _filters(q)
    if match is None:
        sql, args = _query_sql(replace(q, limit=count), f"images.id, {_ASPECT}")
        return Found.read(db.execute(sql, args))
    sql = (
        f"SELECT images.id, {_ASPECT} FROM (SELECT rowid AS id FROM image_search"
        " WHERE image_search MATCH ? ORDER BY rowid DESC LIMIT ?) AS hits"
        f" JOIN images ON images.id = hits.id{join} WHERE {' AND '.join(where)}"
        f" ORDER BY {_ORDER['newest']} LIMIT ?"
    )
    return Found.read(db.execute(sql, [match, FIRST_SCREEN_SCAN, *args, count]))


MAX_VERSIONS: Final = 200
RECENT_DAYS: Final = 7  # "Recently added"
MAX_SIDEBAR_TAGS: Final = 60


def versions(db: sqlite3.Connection, image_id: int) -> list[tuple[int, int, str, int]]:
    """An image's versions: the original it descends from (through its jobs' parent images)
    and every edit of it, of its edits, and so on — (image id, depth, the job's words, the
    image's number in its job), original first, then by depth, job and number; trashed
    images left out."""
    root = image_id
    for _ in range(64):  # a lineage deeper than this is not followed further up
        row = db.execute(
            "SELECT jobs.parent_image_id FROM images JOIN jobs ON jobs.id = images.job_id"
            " WHERE images.id = ?",
            (root,),
        ).fetchone()
        if row is None or row[0] is None:
            break
        root = int(row[0])
    rows = db.execute(
        "WITH RECURSIVE down(id, depth) AS ("
        " SELECT ?, 0"
        " UNION SELECT images.id, down.depth + 1 FROM down"
        " JOIN jobs ON jobs.parent_image_id = down.id"
        " JOIN images ON images.job_id = jobs.id"
        " WHERE down.depth < 64)"
        " SELECT down.id, MIN(down.depth), jobs.prompt_typed, images.idx FROM down"
        " JOIN images ON images.id = down.id JOIN jobs ON jobs.id = images.job_id"
        " WHERE images.deleted_at IS NULL"
        " GROUP BY down.id ORDER BY MIN(down.depth), images.job_id, images.idx LIMIT ?",
        (root, MAX_VERSIONS),
    ).fetchall()
    return [(int(r[0]), int(r[1]), str(r[2]), int(r[3])) for r in rows]


def gallery_items(db: sqlite3.Connection, ids: Sequence[int]) -> list[GalleryItem]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        "SELECT images.id, images.job_id, images.idx, images.path, images.sha256, images.width,"
        " images.height, images.rating, images.favourite, images.created_at,"
        " COALESCE(NULLIF(jobs.prompt, ''), jobs.prompt_typed),"
        " jobs.speed, jobs.quality, jobs.task_id, jobs.model, images.tags,"
        " (SELECT COUNT(*) FROM images AS mates WHERE mates.job_id = images.job_id"
        " AND mates.deleted_at IS NULL), images.size, jobs.style FROM images"
        f" JOIN jobs ON jobs.id = images.job_id WHERE images.id IN ({marks})",
        list(ids),
    ).fetchall()
    by_id = {r[0]: GalleryItem(*r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


class Curation:
    """What the gallery asks of the library: searches, first screens, pages of rows, versions,
    the sidebar's counts, the trash emptied. Part of the library's ``Store`` (its ``db`` and
    ``_tx``)."""

    db: sqlite3.Connection
    STALE_CHECK_STEPS = 50_000  # how often a gallery read asks whether it was replaced

    def _tx(self) -> Any:
        raise NotImplementedError

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
        return query_ids(self.db, query)

    def found(self, query: ImageQuery, stale: Callable[[], bool] | None = None) -> Found | None:
        """The ids and shapes of the images a query selects, in its order; None when
        ``stale()`` said, before or while it ran, that a newer query replaced it."""
        return self._unless_stale(lambda: query_found(self.db, query), stale)

    def first_screen(
        self, query: ImageQuery, count: int, stale: Callable[[], bool] | None = None
    ) -> Found | None:
        """A search's first screen, fast (see ``first_screen``); None: no shortcut, or
        replaced by a newer query."""
        return self._unless_stale(lambda: first_screen(self.db, query, count), stale)

    def _unless_stale(
        self, work: Callable[[], Found | None], stale: Callable[[], bool] | None
    ) -> Found | None:
        """Runs a gallery read that stops as soon as ``stale()`` turns true (SQLite asks it
        every 50,000 steps, about a millisecond; asking more often costs the GUI thread the
        interpreter lock): typing does not wait for the answer to a word it has already
        passed. Only this read is affected; the handler is gone when it returns."""
        if stale is None:
            return work()
        if stale():
            return None
        self.db.set_progress_handler(lambda: 1 if stale() else 0, self.STALE_CHECK_STEPS)
        try:
            return work()
        except sqlite3.OperationalError:
            if stale():
                return None  # interrupted
            raise
        finally:
            self.db.set_progress_handler(None, 0)

    def gallery_items(self, ids: Sequence[int]) -> list[GalleryItem]:
        return gallery_items(self.db, ids)

    def job_mates(self, image_id: int) -> Found:
        """The other images of an image's job, in their order (a stack opened in place)."""
        return Found.read(
            self.db.execute(
                f"SELECT images.id, {_ASPECT} FROM images WHERE images.job_id ="
                " (SELECT job_id FROM images WHERE id = ?) AND images.id != ?"
                " AND images.deleted_at IS NULL ORDER BY images.idx",
                (image_id, image_id),
            )
        )

    def versions(self, image_id: int) -> list[tuple[int, int, str, int]]:
        return versions(self.db, image_id)

    def sidebar_counts(self, now: float | None = None) -> dict[str, Any]:
        """What the library's sidebar counts: its views, its projects and its tags (the most
        used first)."""
        now = time.time() if now is None else now
        row = self.db.execute(
            "SELECT COUNT(*), SUM(favourite), SUM(rating = 0), SUM(created_at >= ?)"
            " FROM images WHERE deleted_at IS NULL",
            (now - RECENT_DAYS * 86400,),
        ).fetchone()
        trash = self.db.execute(
            "SELECT COUNT(*) FROM images WHERE deleted_at IS NOT NULL"
        ).fetchone()[0]
        projects = [
            (int(r[0]), str(r[1]), int(r[2]), None if r[3] is None else int(r[3]))
            for r in self.db.execute(
                "SELECT projects.id, projects.name, COUNT(images.id), projects.parent_id"
                " FROM projects LEFT JOIN images ON images.project_id = projects.id"
                " AND images.deleted_at IS NULL GROUP BY projects.id"
                " ORDER BY projects.name COLLATE NOCASE"
            )
        ]
        tags: dict[str, int] = {}
        for (words,) in self.db.execute(
            "SELECT tags FROM images WHERE tags != '' AND deleted_at IS NULL"
        ):
            for tag in str(words).split():
                tags[tag] = tags.get(tag, 0) + 1
        top = sorted(tags.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_SIDEBAR_TAGS]
        return {
            "all": int(row[0] or 0),
            "favourites": int(row[1] or 0),
            "unrated": int(row[2] or 0),
            "recent": int(row[3] or 0),
            "trash": int(trash),
            "projects": projects,
            "tags": top,
        }

    def purge_trash(self) -> list[str]:
        """Deletes the trashed images' rows for good; returns their files' paths (relative to
        the library, or absolute), for the caller to delete."""
        with self._tx() as db:
            rows = db.execute("SELECT id, path FROM images WHERE deleted_at IS NOT NULL").fetchall()
            ids = [(int(r[0]),) for r in rows]
            # edits of a purged image stay; they no longer name it as their source
            db.executemany("UPDATE jobs SET parent_image_id = NULL WHERE parent_image_id = ?", ids)
            db.executemany("DELETE FROM image_search WHERE rowid = ?", ids)
            db.executemany("DELETE FROM images WHERE id = ?", ids)
        return [str(r[1]) for r in rows]
