"""The library's schema, as a list of migrations applied in order (``PRAGMA user_version``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Final

Migration = Callable[[sqlite3.Connection], None]


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Runs ``;``-separated statements inside the caller's transaction (``executescript``
    would commit first, and a migration must be all or nothing)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE projects (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at REAL NOT NULL
        );
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            client_ref TEXT NOT NULL UNIQUE,
            batch TEXT,
            prompt_typed TEXT NOT NULL,
            prompt TEXT NOT NULL,
            model TEXT NOT NULL DEFAULT 'mj-v8.1',
            model_params TEXT,
            speed TEXT NOT NULL,
            quality TEXT NOT NULL,
            state TEXT NOT NULL,
            task_id TEXT UNIQUE,
            progress INTEGER NOT NULL DEFAULT 0,
            error_code TEXT,
            error_message TEXT,
            credits_reserved REAL,
            estimated_time REAL,
            results TEXT,
            parent_image_id INTEGER REFERENCES images(id),
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            sent_at REAL,
            accepted_at REAL,
            completed_at REAL,
            finished_at REAL,
            send_attempts INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX jobs_by_state ON jobs(state);
        CREATE TABLE images (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES jobs(id),
            idx INTEGER NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            width INTEGER,
            height INTEGER,
            mime TEXT NOT NULL,
            source_url TEXT,
            rating INTEGER NOT NULL DEFAULT 0,
            favourite INTEGER NOT NULL DEFAULT 0,
            tags TEXT NOT NULL DEFAULT '',
            project_id INTEGER REFERENCES projects(id),
            created_at REAL NOT NULL,
            deleted_at REAL,
            UNIQUE (job_id, idx)
        );
        CREATE TABLE uploads (
            sha256 TEXT PRIMARY KEY,
            file_url TEXT NOT NULL,
            file_id TEXT,
            expires_at REAL,
            created_at REAL NOT NULL
        );
        """,
    )


def _v2(db: sqlite3.Connection) -> None:
    """Full-text search over prompts and tags, one row per image (rowid = image id)."""
    _script(
        db,
        """
        CREATE VIRTUAL TABLE image_search USING fts5(prompt, tags, tokenize='unicode61');
        INSERT INTO image_search(rowid, prompt, tags)
            SELECT images.id, COALESCE(NULLIF(jobs.prompt, ''), jobs.prompt_typed), images.tags
            FROM images JOIN jobs ON jobs.id = images.job_id;
        """,
    )


def _v3(db: sqlite3.Connection) -> None:
    """Expired result slots are remembered, and the gallery's newest-first scan is indexed."""
    _script(
        db,
        """
        ALTER TABLE jobs ADD COLUMN expired_images INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX images_newest ON images(created_at DESC, id DESC) WHERE deleted_at IS NULL;
        CREATE INDEX images_by_sha ON images(sha256);
        """,
    )


def _v4(db: sqlite3.Connection) -> None:
    """A job's reason is also kept as a translatable sentence (template and values, JSON)."""
    _script(db, "ALTER TABLE jobs ADD COLUMN error_text TEXT;")


def _v5(db: sqlite3.Connection) -> None:
    """Images EvoLink's moderation withheld (fewer results than asked) are counted apart from
    images that could not be downloaded."""
    _script(db, "ALTER TABLE jobs ADD COLUMN withheld_images INTEGER NOT NULL DEFAULT 0;")


def _v6(db: sqlite3.Connection) -> None:
    """What EvoLink returned of a failed task's price, as the balance showed it (NULL: not
    known; 0: not returned)."""
    _script(db, "ALTER TABLE jobs ADD COLUMN credits_returned REAL;")


def _v7(db: sqlite3.Connection) -> None:
    """An image's edits are found from it (the versions stack)."""
    _script(
        db,
        "CREATE INDEX jobs_by_parent ON jobs(parent_image_id) WHERE parent_image_id IS NOT NULL;",
    )


def _v8(db: sqlite3.Connection) -> None:
    """Projects nest one level (a sub-project names its parent)."""
    _script(db, "ALTER TABLE projects ADD COLUMN parent_id INTEGER REFERENCES projects(id);")


def _v9(db: sqlite3.Connection) -> None:
    """Styles: a designer's looks, kept by name (the look itself as JSON, see core.styles);
    a deleted one stays until its undo is no longer offered. A job names the style it was
    sent with."""
    _script(
        db,
        """
        CREATE TABLE styles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            data TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            deleted_at REAL
        );
        ALTER TABLE jobs ADD COLUMN style TEXT;
        """,
    )


MIGRATIONS: Final[tuple[Migration, ...]] = (_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9)
VERSION: Final = len(MIGRATIONS)
