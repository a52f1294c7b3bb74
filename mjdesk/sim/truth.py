"""What a user would count after a run against the simulator: every image of every task the
server completed, judged against what the client's library holds.

Plain data in, plain data out (no client types): the benchmark and the tests describe each job
of the library as a ``ClientJob`` and pass the simulator's ledger and stats as it serves them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ClientJob", "Reckoning", "reckon"]


@dataclass(frozen=True, slots=True)
class ClientJob:
    client_ref: str  # the intent's Idempotency-Key
    task_id: str | None  # the task the client learned, if any
    state: str
    images_on_disk: int  # complete files with a row, for this job


@dataclass
class Reckoning:
    tasks_created: int = 0
    images_returned: int = 0  # by the server, for the completed tasks
    images_on_disk: int = 0  # of those, in the library
    missing_from_known_tasks: int = 0  # images of tasks the client knew, not on disk
    unknown_tasks: int = 0  # created while the client could not learn the id (answer lost)
    unknown_not_unconfirmed: int = 0  # ... whose job is not shown as "unconfirmed"
    duplicate_creates: int = 0  # more than one task for one intent
    jobs_by_state: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (
            self.missing_from_known_tasks == 0
            and self.unknown_not_unconfirmed == 0
            and self.duplicate_creates == 0
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "tasks_created": self.tasks_created,
            "images_returned": self.images_returned,
            "images_on_disk": self.images_on_disk,
            "missing_from_known_tasks": self.missing_from_known_tasks,
            "unknown_tasks": self.unknown_tasks,
            "unknown_not_unconfirmed": self.unknown_not_unconfirmed,
            "duplicate_creates": self.duplicate_creates,
            "jobs_by_state": self.jobs_by_state,
        }


def reckon(ledger: list[dict[str, Any]], stats: dict[str, Any], jobs: list[ClientJob]) -> Reckoning:
    """Counts, for every task the server created: were its images stored (the client knew the
    task), or is its job shown as unconfirmed (the client could not know it)?"""
    out = Reckoning(jobs_by_state=dict(Counter(j.state for j in jobs)))
    returned: dict[str, int] = {str(k): int(v) for k, v in stats.get("results", {}).items()}
    by_ref = {j.client_ref: j for j in jobs}
    per_intent = Counter(e["idempotency_key"] for e in ledger if e.get("task_id"))
    out.duplicate_creates = sum(n - 1 for n in per_intent.values() if n > 1)
    for entry in ledger:
        task_id = entry.get("task_id")
        if not task_id:
            continue
        out.tasks_created += 1
        images = returned.get(task_id, 0)
        out.images_returned += images
        job = by_ref.get(entry["idempotency_key"])
        if job is not None and job.task_id == task_id:
            stored = min(job.images_on_disk, images)
            out.images_on_disk += stored
            out.missing_from_known_tasks += images - stored
        else:
            out.unknown_tasks += 1
            if job is None or job.state != "unconfirmed":
                out.unknown_not_unconfirmed += 1
    return out
