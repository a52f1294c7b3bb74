"""The simulator's settings and fixed facts: its keys, models, prices, fault kinds and every
tunable value (``SimConfig``), set from the command line or ``POST /_sim/config``."""

from __future__ import annotations

import hashlib
import re
import string
from dataclasses import dataclass, field, fields
from typing import Any, Final

DEMO_KEY: Final = "mjdesk-demo-key"
BROKE_KEY: Final = "mjdesk-sim-broke-key"
FORBIDDEN_KEY: Final = "mjdesk-sim-forbidden-key"

MAIN_MODEL: Final = "mj-v8.1"
EDIT_MODELS: Final = (
    "mj-v8.1-variation",
    "mj-v8.1-remix",
    "mj-v8.1-retexture",
    "mj-v8.1-edit",
    "mj-v8.1-upload-paint",
    "mj-v8.1-remove-bg",
)

SPEED_MULT: Final = {"draft": 1.0, "fast": 1.0, "turbo": 2.0}
QUALITY_MULT: Final = {"standard": 1.0, "hd": 1.5}

TASK_ERROR_CODES: Final = (
    "content_policy_violation",
    "invalid_parameters",
    "image_processing_error",
    "image_dimension_mismatch",
    "request_cancelled",
    "generation_failed_no_content",
    "service_error",
    "generation_timeout",
    "resource_exhausted",
    "quota_exceeded",
    "service_unavailable",
    "resource_not_found",
    "unknown_error",
)

TASK_ERROR_MESSAGES: Final = {
    "content_policy_violation": (
        "Content policy violation. Your request was blocked by safety filters."
    ),
    "invalid_parameters": "Invalid request parameters.",
    "image_processing_error": "Image processing failed: a reference image could not be fetched.",
    "image_dimension_mismatch": "Image dimensions do not match the request.",
    "request_cancelled": "The request was cancelled.",
    "generation_failed_no_content": "The model produced no output.",
    "service_error": "Internal service error.",
    "generation_timeout": "Processing timed out.",
    "resource_exhausted": "Upstream resources are exhausted.",
    "quota_exceeded": "Rate limit or quota exceeded.",
    "service_unavailable": "The service is temporarily unavailable.",
    "resource_not_found": "Task ID invalid or expired.",
    "unknown_error": "An unknown error occurred.",
}

#: Every fault kind the simulator can inject, and the routes each applies to.
FAULT_ROUTES: Final = {
    "rate_limit": ("create", "task", "credits", "files", "result"),
    "rate_limit_no_header": ("create", "task", "credits", "files"),
    "server_error": ("create", "task", "credits", "files", "result"),
    "bad_gateway": ("create", "task", "credits", "files", "result"),
    "unavailable": ("create", "task", "credits", "files", "result"),
    "gateway_timeout": ("create", "task", "credits", "files"),
    "burst": ("create", "task", "credits", "files", "result"),
    "reset_before": ("create", "task", "credits", "files", "result"),
    "reset_after": ("create", "task", "credits", "files"),
    "slow": ("create", "task", "credits", "files", "result"),
    "slow_drip": ("create", "task", "credits", "result"),
    "truncate": ("result",),
    "expired_link": ("result",),
    "wrong_body": ("result",),
    "not_visible": ("task",),
}
ALL_FAULTS: Final = tuple(FAULT_ROUTES)
#: Faults after which a create has been processed (the task exists and is billed).
PROCESSED_FAULTS: Final = frozenset({"reset_after", "bad_gateway", "gateway_timeout", "slow_drip"})

_ALNUM: Final = string.ascii_lowercase + string.digits
_URL_RE: Final = re.compile(r"https?://\S+")
_KEYWORD_RE: Final = re.compile(
    r"sim:(fail|moderate|timeout|results|leak)(?:=([a-z_0-9]+))?", re.IGNORECASE
)
_IMAGE_EXT_RE: Final = re.compile(r"\.(png|gif|webp|jpe?g)$", re.IGNORECASE)


def fingerprint(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:12]


@dataclass
class SimConfig:
    """Everything that can be tuned, from the command line or ``POST /_sim/config``."""

    keys: list[str] = field(default_factory=lambda: [DEMO_KEY])
    broke_keys: list[str] = field(default_factory=lambda: [BROKE_KEY])
    forbidden_keys: list[str] = field(default_factory=lambda: [FORBIDDEN_KEY])
    speed_factor: float = 1.0
    fault_rate: float = 0.0
    fault_kinds: list[str] = field(default_factory=lambda: list(ALL_FAULTS))
    seed: int | None = None
    validation: str = "sync"  # "sync": HTTP 400; "async": accept, then fail invalid_parameters
    unknown_model_status: int = 400  # or 404
    result_ttl: float = 30 * 86400.0
    file_ttl: float = 72 * 3600.0
    task_retention: float = 60 * 86400.0
    task_timeout: float = 20 * 60.0
    file_max_bytes: int = 100 * 1024 * 1024
    file_quota: int = 2000
    file_error_style: str = "status"  # "status" (4xx), "ok200" (HTTP 200 success:false), "mixed"
    max_body_bytes: int = 1024 * 1024
    rate_limit_per_s: float = 0.0  # 0: off
    max_concurrent_tasks: int = 0  # 0: off
    retry_after_header: bool = True
    initial_credits: float = 10_000.0
    base_credits: float = 2.0
    slow_seconds: float = 3.0
    allow_private_callbacks: bool = False
    refund_failed: bool = True
    image_scale: float = 1.0  # shrink result images (soak tests); 1.0 is the real size

    def update(self, changes: dict[str, Any]) -> None:
        known = {f.name: f for f in fields(self)}
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"unknown setting {name!r}")
            current = getattr(self, name)
            if isinstance(current, bool):
                value = bool(value)
            elif isinstance(current, float):
                value = float(value)
            elif isinstance(current, int) and name != "seed":
                value = int(value)
            setattr(self, name, value)

    def scaled(self, seconds: float) -> float:
        return seconds / max(self.speed_factor, 1e-6)


@dataclass
class Fault:
    kind: str
    route: str = "any"
    count: int = 1
    match: str | None = None
