"""Projects: named folders of images, nested one level (a project may hold sub-projects; a
project's view shows its sub-projects' images too). Deleting a project keeps its images."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from typing import Any

__all__ = ["ProjectNameError", "Projects"]


class ProjectNameError(ValueError):
    """A project name that is empty or already taken (the message says which)."""


def _clean(name: str) -> str:
    name = " ".join(name.split())[:80]
    if not name:
        raise ProjectNameError("a project needs a name")
    return name


class Projects:
    """Part of the library's ``Store`` (its ``db`` and ``_tx``)."""

    db: sqlite3.Connection

    def _tx(self) -> Any:
        raise NotImplementedError

    def projects(self) -> list[tuple[int, str]]:
        return [
            (int(r[0]), str(r[1]))
            for r in self.db.execute("SELECT id, name FROM projects ORDER BY name COLLATE NOCASE")
        ]

    def project(self, name: str, parent_id: int | None = None) -> int:
        """The id of a project, created if new (inside ``parent_id`` when given)."""
        name = _clean(name)
        with self._tx() as db:
            if parent_id is not None:
                row = db.execute(
                    "SELECT parent_id FROM projects WHERE id = ?", (parent_id,)
                ).fetchone()
                if row is None:
                    raise ProjectNameError("that project no longer exists")
                if row[0] is not None:
                    raise ProjectNameError("projects nest one level: pick a top-level project")
            db.execute(
                "INSERT OR IGNORE INTO projects (name, created_at, parent_id) VALUES (?, ?, ?)",
                (name, time.time(), parent_id),
            )
            found = db.execute("SELECT id FROM projects WHERE name = ?", (name,)).fetchone()
        return int(found[0])

    def rename_project(self, project_id: int, name: str) -> None:
        name = _clean(name)
        with self._tx() as db:
            taken = db.execute(
                "SELECT id FROM projects WHERE name = ? AND id != ?", (name, project_id)
            ).fetchone()
            if taken is not None:
                raise ProjectNameError(f"a project named “{name}” already exists")
            db.execute("UPDATE projects SET name = ? WHERE id = ?", (name, project_id))

    def delete_project(self, project_id: int) -> int:
        """Deletes a project; its images stay in the library (in no project) and its
        sub-projects move to the top level. Returns how many images it held."""
        with self._tx() as db:
            held = db.execute(
                "SELECT COUNT(*) FROM images WHERE project_id = ?", (project_id,)
            ).fetchone()[0]
            db.execute("UPDATE images SET project_id = NULL WHERE project_id = ?", (project_id,))
            db.execute("UPDATE projects SET parent_id = NULL WHERE parent_id = ?", (project_id,))
            db.execute("DELETE FROM projects WHERE id = ?", (project_id,))
        return int(held)

    def assign_project(self, ids: Sequence[int], project_id: int | None) -> None:
        with self._tx() as db:
            db.executemany(
                "UPDATE images SET project_id = ? WHERE id = ?", [(project_id, i) for i in ids]
            )
