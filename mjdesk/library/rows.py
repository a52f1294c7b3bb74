"""The library's rows: what a job and an image are, as stored (and the state names)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Final

from ..core import jobs as jobstates
from ..core.i18n import from_json
from ..core.jobs import JobState

if TYPE_CHECKING:
    from ..core.edits import Edit
    from ..core.prompt import PromptAnalysis

__all__ = [
    "ACTIVE_STATES",
    "TERMINAL_STATES",
    "ImageRow",
    "JobRow",
    "NewJob",
    "edit_job",
    "intents",
]

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
    style: str | None = None  # the style it was sent with (its name)


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
    credits_returned: float | None = None  # a failed task's refund, as the balance showed it

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


def edit_job(edit: Edit, parent_image_id: int) -> NewJob:
    """The job of an edit of a library image (its words, route and fields; the image as its
    parent, so the result stacks under it)."""
    return NewJob(
        edit.label,
        edit.prompt,
        edit.speed,
        "standard",
        model=edit.model,
        model_params=edit.params,
        parent_image_id=parent_image_id,
    )


def intents(
    analysis: PromptAnalysis,
    *,
    typed: str | None = None,
    batch: str | None = None,
    style: str | None = None,
) -> list[NewJob]:
    """One intent per task of an analysed prompt (the words as typed, each task's prompt)."""
    if not analysis.ok:
        raise ValueError("the prompt has errors; nothing is sent")
    words = analysis.text if typed is None else typed
    return [
        NewJob(words, t.prompt, t.speed, t.quality, batch=batch, style=style)
        for t in analysis.tasks
    ]
