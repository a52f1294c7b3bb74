"""Styles kept in the library, by name, as JSON (``core.styles`` reads and writes it). A
deleted style is only marked, so its deletion can be undone. Part of the library's
``Store``."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

__all__ = ["Styles"]


class Styles:
    db: sqlite3.Connection

    def _tx(self) -> Any:
        raise NotImplementedError

    def styles(self) -> list[tuple[int, dict[str, Any]]]:
        """Every style (id, its JSON), by name."""
        out = []
        for sid, data in self.db.execute(
            "SELECT id, data FROM styles WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE"
        ):
            try:
                value = json.loads(data)
            except ValueError:
                continue  # a damaged row is skipped, not fatal
            if isinstance(value, dict):
                out.append((int(sid), value))
        return out

    def save_style(self, data: dict[str, Any], style_id: int | None = None) -> int:
        """Saves a style: a new one, or ``style_id`` replaced. A name taken by another style
        raises ValueError (the message names it)."""
        name = str(data.get("name", "")).strip()
        if not name:
            raise ValueError("a style needs a name")
        now = time.time()
        with self._tx() as db:
            taken = db.execute(
                "SELECT id, deleted_at FROM styles WHERE name = ?", (name,)
            ).fetchone()
            if taken is not None and taken[0] != style_id:
                if taken[1] is None:
                    raise ValueError(f"a style named “{name}” already exists")
                db.execute("DELETE FROM styles WHERE id = ?", (taken[0],))  # long deleted
            text = json.dumps(data, ensure_ascii=False)
            if style_id is None:
                cur = db.execute(
                    "INSERT INTO styles (name, data, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    (name, text, now, now),
                )
                return int(cur.lastrowid or 0)
            db.execute(
                "UPDATE styles SET name = ?, data = ?, updated_at = ?, deleted_at = NULL"
                " WHERE id = ?",
                (name, text, now, style_id),
            )
            return style_id

    def delete_style(self, style_id: int, *, restore: bool = False) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE styles SET deleted_at = ? WHERE id = ?",
                (None if restore else time.time(), style_id),
            )
