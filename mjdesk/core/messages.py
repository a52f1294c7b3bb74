"""Task error codes (contract §4.3) in words a designer understands, with what to do next."""

from __future__ import annotations

from typing import Final

from .i18n import translate

TASK_ERRORS: Final[dict[str, str]] = {
    "content_policy_violation": translate(
        "TaskErrors",
        "Blocked by EvoLink's safety filters. Rephrase the prompt or change the reference images.",
    ),
    "invalid_parameters": translate(
        "TaskErrors", "EvoLink refused the parameters. Check the prompt's -- parameters."
    ),
    "image_processing_error": translate(
        "TaskErrors",
        "A reference image could not be read or fetched. Use another image or upload it again.",
    ),
    "image_dimension_mismatch": translate(
        "TaskErrors", "The image size does not match what this action needs."
    ),
    "request_cancelled": translate(
        "TaskErrors", "The task was cancelled. Send it again if you still want it."
    ),
    "generation_failed_no_content": translate(
        "TaskErrors", "Midjourney produced no image. Retry, or vary the prompt."
    ),
    "service_error": translate("TaskErrors", "EvoLink had an internal error. Retry in a moment."),
    "generation_timeout": translate(
        "TaskErrors", "Midjourney took too long and gave up. Retry in a moment."
    ),
    "resource_exhausted": translate(
        "TaskErrors", "EvoLink is out of capacity right now. Retry in a few minutes."
    ),
    "quota_exceeded": translate(
        "TaskErrors", "A rate limit or quota was hit. Wait a little, then retry."
    ),
    "service_unavailable": translate(
        "TaskErrors", "EvoLink is temporarily unavailable. Retry in a few minutes."
    ),
    "resource_not_found": translate(
        "TaskErrors", "EvoLink no longer knows this task (invalid or expired)."
    ),
    "unknown_error": translate(
        "TaskErrors",
        "The task failed without a reason. Retry; if it keeps failing, contact EvoLink.",
    ),
}

RETRYABLE: Final = frozenset(
    {
        "generation_timeout",
        "quota_exceeded",
        "resource_exhausted",
        "generation_failed_no_content",
        "service_error",
        "service_unavailable",
        "unknown_error",
    }
)


def task_error_text(code: str | None, server_message: str | None = None) -> str:
    """A sentence for a failed task; an unknown code reads as "unknown_error" plus the server's
    words."""
    if code in TASK_ERRORS:
        return TASK_ERRORS[code]
    base = TASK_ERRORS["unknown_error"]
    if server_message:
        short = " ".join(server_message.split())[:200]
        return translate("TaskErrors", "{reason} (EvoLink said: {said})").format(
            reason=base, said=short
        )
    return base
