"""Typed views of EvoLink's JSON. Parsing is tolerant: unknown fields are ignored and a missing
optional field never fails (contract §9, "Unknown fields")."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from ..core.messages import RETRYABLE
from ..core.modes import QUALITIES, SPEEDS, Quality, Speed

__all__ = [
    "QUALITIES",
    "SPEEDS",
    "Credits",
    "GenerationRequest",
    "Quality",
    "Speed",
    "Task",
    "TaskError",
    "UploadedFile",
]

DEFAULT_MODEL: Final = "mj-v8.1"
MAX_CALLBACK_CHARS: Final = 2048

PENDING: Final = "pending"
PROCESSING: Final = "processing"
COMPLETED: Final = "completed"
FAILED: Final = "failed"
KNOWN_STATUSES: Final = (PENDING, PROCESSING, COMPLETED, FAILED)

#: Task error codes after which resubmitting the same prompt may succeed (contract §4.3 / §9).
RETRYABLE_TASK_CODES: Final = RETRYABLE


@dataclass(frozen=True, slots=True)
class GenerationRequest:
    """One create call. ``client_ref`` is sent as ``Idempotency-Key`` so a server (or the
    simulator's ledger) can tell which creates belong to the same intent; EvoLink does not
    document deduplication, so the client never relies on it."""

    prompt: str
    speed: Speed = "fast"
    quality: Quality = "standard"
    callback_url: str | None = None
    model: str = DEFAULT_MODEL
    client_ref: str | None = None
    extra_model_params: dict[str, Any] = field(default_factory=dict)
    image_urls: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model}
        if self.prompt or self.model == DEFAULT_MODEL:
            body["prompt"] = self.prompt
        params: dict[str, Any] = dict(self.extra_model_params)
        if self.model == DEFAULT_MODEL:
            body["quality"] = self.quality
            params["speed"] = self.speed
        if params:
            body["model_params"] = params
        if self.image_urls:
            body["image_urls"] = list(self.image_urls)
        if self.callback_url:
            body["callback_url"] = self.callback_url
        return body


@dataclass(frozen=True, slots=True)
class TaskError:
    code: str
    message: str

    @property
    def retryable(self) -> bool:
        return self.code in RETRYABLE_TASK_CODES


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    model: str
    status: str
    progress: int | None
    results: tuple[str, ...] = ()
    error: TaskError | None = None
    created: int | None = None
    estimated_time: float | None = None
    credits_reserved: float | None = None
    can_cancel: bool | None = None

    @property
    def is_terminal(self) -> bool:
        return self.status in (COMPLETED, FAILED)

    @classmethod
    def from_json(cls, data: Any) -> Task:
        """Build a task from a create or query answer. Raises ValueError when there is no id."""
        if not isinstance(data, dict):
            raise ValueError("task answer is not a JSON object")
        task_id = data.get("id")
        if not isinstance(task_id, str) or not task_id:
            raise ValueError("task answer has no id")
        status = data.get("status")
        status = status if isinstance(status, str) else "unknown"
        info = _as_dict(data.get("task_info"))
        usage = _as_dict(data.get("usage"))
        results_raw = data.get("results")
        results: tuple[str, ...] = ()
        if isinstance(results_raw, list):
            results = tuple(u for u in results_raw if isinstance(u, str) and u)
        error: TaskError | None = None
        err = data.get("error")
        if isinstance(err, dict):
            code = err.get("code")
            error = TaskError(
                code=str(code) if code is not None else "unknown_error",
                message=str(err.get("message") or ""),
            )
        elif status == FAILED:
            error = TaskError(code="unknown_error", message="")
        model = data.get("model")
        return cls(
            id=task_id,
            model=model if isinstance(model, str) else "",
            status=status,
            progress=clamp_progress(data.get("progress")),
            results=results,
            error=error,
            created=_as_int(data.get("created")),
            estimated_time=_as_float(info.get("estimated_time")),
            credits_reserved=_as_float(usage.get("credits_reserved")),
            can_cancel=info.get("can_cancel") if isinstance(info.get("can_cancel"), bool) else None,
        )


def clamp_progress(value: Any) -> int | None:
    """Progress as an int in 0..100, or None when the value is not a usable number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(min(100, max(0, value)))


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _as_float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    f = float(value)
    return f if math.isfinite(f) else None


def _as_int(value: Any) -> int | None:
    f = _as_float(value)
    return int(f) if f is not None else None


@dataclass(frozen=True, slots=True)
class Credits:
    remaining: float | None
    used: float | None = None
    unlimited: bool = False
    account_remaining: float | None = None

    @classmethod
    def from_json(cls, data: Any) -> Credits:
        if not isinstance(data, dict) or not isinstance(data.get("data"), dict):
            raise ValueError("credits answer has no data object")
        inner = data["data"]
        token = _as_dict(inner.get("token"))
        user = _as_dict(inner.get("user"))
        return cls(
            remaining=_as_float(token.get("remaining_credits"))
            if token
            else _as_float(user.get("remaining_credits")),
            used=_as_float(token.get("used_credits")),
            unlimited=token.get("unlimited_credits") is True,
            account_remaining=_as_float(user.get("remaining_credits")),
        )


@dataclass(frozen=True, slots=True)
class UploadedFile:
    file_id: str
    file_url: str
    expires_at: datetime | None
    file_name: str = ""
    mime_type: str = ""
    file_size: int | None = None
    download_url: str = ""

    @classmethod
    def from_json(cls, data: Any) -> UploadedFile:
        if not isinstance(data, dict):
            raise ValueError("upload answer has no data object")
        file_url = data.get("file_url")
        if not isinstance(file_url, str) or not file_url:
            raise ValueError("upload answer has no file_url")
        return cls(
            file_id=str(data.get("file_id") or ""),
            file_url=file_url,
            expires_at=_parse_time(data.get("expires_at")),
            file_name=str(data.get("file_name") or ""),
            mime_type=str(data.get("mime_type") or ""),
            file_size=_as_int(data.get("file_size")),
            download_url=str(data.get("download_url") or ""),
        )


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None
