"""The queue's words: a job's state and reason in the user's language, its cost and time,
and the actions it offers (each disabled with its reason; the rules are core.jobs', the
same the engine enforces). Plain functions: the queue, the feed and the tests use them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..core.i18n import Text
from ..core.jobs import ACTIVE as ACTIVE_STATES
from ..core.jobs import Action, JobState, allowed
from ..services.words import say, say_stored

translate = QCoreApplication.translate

__all__ = [
    "ACTIVE",
    "STATE_LABELS",
    "JobAction",
    "actions_for",
    "cost_words",
    "job_meta",
    "job_reason",
    "state_label",
]

STATE_LABELS = {
    "saved": str(QT_TRANSLATE_NOOP("Queue", "Waiting to send")),
    "sending": str(QT_TRANSLATE_NOOP("Queue", "Sending")),
    "accepted": str(QT_TRANSLATE_NOOP("Queue", "Queued")),
    "running": str(QT_TRANSLATE_NOOP("Queue", "Generating")),
    "downloading": str(QT_TRANSLATE_NOOP("Queue", "Downloading")),
    "stored": str(QT_TRANSLATE_NOOP("Queue", "Done")),
    "unconfirmed": str(QT_TRANSLATE_NOOP("Queue", "Unconfirmed")),
    "failed": str(QT_TRANSLATE_NOOP("Queue", "Failed")),
    "timed_out": str(QT_TRANSLATE_NOOP("Queue", "Timed out")),
    "expired": str(QT_TRANSLATE_NOOP("Queue", "Expired")),
    "needs_attention": str(QT_TRANSLATE_NOOP("Queue", "Needs attention")),
    "dismissed": str(QT_TRANSLATE_NOOP("Queue", "Stopped waiting")),
}


def job_reason(job: Any) -> str:
    """The job's reason in the user's language (kept as a sentence, or a known task error)."""
    reason = getattr(job, "reason", None) or job.error_message or ""
    return say(reason) if isinstance(reason, Text) else say_stored(reason)


def state_label(state: str) -> str:
    """A job state in the user's language."""
    return translate("Queue", STATE_LABELS[state]) if state in STATE_LABELS else state


ACTIVE = tuple(str(s) for s in JobState if s in ACTIVE_STATES)


@dataclass(frozen=True)
class JobAction:
    key: str
    label: str
    enabled: bool = True
    reason: str = ""


def actions_for(job: Any) -> list[JobAction]:
    """The actions a job offers, each disabled with its reason where it does not apply (the
    rules are core.jobs', the same the engine enforces)."""
    state = job.state
    results = bool(getattr(job, "results", None))
    out = [
        JobAction(
            "retry",
            translate("Queue", "Run again"),
            allowed(Action.RETRY, state),
            translate("Queue", "Only a finished job can be run again"),
        ),
        JobAction(
            "resend",
            translate("Queue", "Resend… (may charge twice)"),
            allowed(Action.RESEND, state),
            translate("Queue", "Only a job whose sending was not confirmed can be resent"),
        ),
        JobAction(
            "dismiss",
            translate("Queue", "Cancel (not sent yet)")
            if state == JobState.SAVED
            else translate("Queue", "Stop waiting"),
            allowed(Action.DISMISS, state),
            translate("Queue", "Only a job that is waiting can be stopped"),
        ),
        JobAction(
            "resume",
            translate("Queue", "Retry download") if results else translate("Queue", "Resume"),
            allowed(Action.RESUME, state),
            translate("Queue", "Only a stopped job can be resumed"),
        ),
        JobAction("copy", translate("Queue", "Copy prompt")),
        JobAction(
            "show",
            translate("Queue", "Show in gallery"),
            state == JobState.STORED,
            translate("Queue", "No images yet"),
        ),
    ]
    return out


def _elapsed(job: Any, now: float) -> str:
    end = job.finished_at or now
    seconds = max(0, int(end - job.created_at))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"


def cost_words(job: Any) -> str:
    """What a job cost, and for a failed one whether the balance showed it returned."""
    if not job.credits_reserved:
        return ""
    n = f"{job.credits_reserved:g}"
    returned = getattr(job, "credits_returned", None)
    if returned:
        return translate("Queue", "{n} credits returned").format(n=f"{returned:g}")
    if returned == 0:
        return translate("Queue", "{n} credits, not returned").format(n=n)
    return translate("Queue", "{n} credits").format(n=n)


def job_meta(job: Any, now: float) -> str:
    """Elapsed time, credits (once EvoLink has said) and mode: the card's right-hand words."""
    parts = [_elapsed(job, now)]
    if job.credits_reserved:
        returned = getattr(job, "credits_returned", None)
        short = translate("Queue", "{n} cr returned") if returned else translate("Queue", "{n} cr")
        parts.append(short.format(n=f"{job.credits_reserved:g}"))
    mode = job.speed.capitalize() + (" HD" if job.quality == "hd" else "")
    parts.append(mode)
    return " · ".join(parts)
