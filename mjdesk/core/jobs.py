"""Job states, the transitions between them, and which user action each state allows.

The one place these rules live: the engine moves a job only along ``TRANSITIONS`` (the library
refuses any other move in the same transaction that would make it), and the queue offers an
action only where ``allowed`` says so. See DESIGN.md for the life of a job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Final


class JobState(StrEnum):
    SAVED = "saved"  # the intent, committed before anything is sent
    SENDING = "sending"  # one create request is in flight
    ACCEPTED = "accepted"  # EvoLink gave a task id
    RUNNING = "running"
    DOWNLOADING = "downloading"
    STORED = "stored"  # every image the task returned is on disk
    UNCONFIRMED = "unconfirmed"  # the create may have happened: never resent without the user
    FAILED = "failed"
    TIMED_OUT = "timed_out"
    EXPIRED = "expired"  # result links gone for good (older than their lifetime)
    NEEDS_ATTENTION = "needs_attention"  # resumable; the reason says why it stopped
    DISMISSED = "dismissed"  # the user stopped waiting; resumable


S = JobState

#: States the engine is working on (sending, polling, downloading).
ACTIVE: Final = frozenset({S.SAVED, S.SENDING, S.ACCEPTED, S.RUNNING, S.DOWNLOADING})
#: States nothing happens to without the user.
TERMINAL: Final = frozenset(
    {S.STORED, S.UNCONFIRMED, S.FAILED, S.TIMED_OUT, S.EXPIRED, S.DISMISSED}
)
#: States a job holding a task id is polled in.
POLLED: Final = frozenset({S.ACCEPTED, S.RUNNING})

#: Every legal move. Staying in the same state (to record a reason or progress) is always legal.
TRANSITIONS: Final[Mapping[JobState, frozenset[JobState]]] = {
    S.SAVED: frozenset({S.SENDING, S.DISMISSED}),
    # A create that certainly created nothing goes back to saved; an unknown outcome is
    # unconfirmed; a refusal is final.
    S.SENDING: frozenset({S.ACCEPTED, S.SAVED, S.UNCONFIRMED, S.FAILED}),
    S.ACCEPTED: frozenset(
        {S.RUNNING, S.DOWNLOADING, S.FAILED, S.TIMED_OUT, S.NEEDS_ATTENTION, S.DISMISSED}
    ),
    S.RUNNING: frozenset({S.DOWNLOADING, S.FAILED, S.TIMED_OUT, S.NEEDS_ATTENTION, S.DISMISSED}),
    S.DOWNLOADING: frozenset({S.STORED, S.EXPIRED, S.NEEDS_ATTENTION}),
    S.NEEDS_ATTENTION: frozenset({S.RUNNING, S.SAVED, S.DOWNLOADING, S.DISMISSED}),
    S.DISMISSED: frozenset({S.RUNNING, S.SAVED, S.DOWNLOADING}),
    # Only the user's resend (after a double-charge warning) moves an unconfirmed job.
    S.UNCONFIRMED: frozenset({S.SAVED}),
    S.EXPIRED: frozenset({S.DOWNLOADING}),
    S.STORED: frozenset(),
    S.FAILED: frozenset(),
    S.TIMED_OUT: frozenset(),
}


def can_move(source: str, target: str) -> bool:
    """Whether a job may go from ``source`` to ``target``."""
    src, dst = JobState(source), JobState(target)
    return src == dst or dst in TRANSITIONS[src]


def sources_of(target: str) -> frozenset[JobState]:
    """Every state a job may reach ``target`` from (itself included)."""
    dst = JobState(target)
    return frozenset({dst, *(s for s, targets in TRANSITIONS.items() if dst in targets)})


class Action(StrEnum):
    RETRY = "retry"  # a new job with the same prompt and modes (billed again, on purpose)
    RESEND = "resend"  # send an unconfirmed job again (may be billed twice, after a warning)
    DISMISS = "dismiss"  # stop waiting (the job stays and can be resumed)
    RESUME = "resume"  # send, poll or download again from where it stopped


#: The states each user action applies to. The engine refuses any other; the queue offers none.
ACTIONS: Final[Mapping[Action, frozenset[JobState]]] = {
    Action.RETRY: frozenset({S.FAILED, S.TIMED_OUT, S.EXPIRED, S.STORED, S.NEEDS_ATTENTION}),
    Action.RESEND: frozenset({S.UNCONFIRMED}),
    # Not an unconfirmed job: it already waits for nobody, and resuming a dismissed job that
    # has no task id sends it, which for an unconfirmed one must take the resend warning.
    Action.DISMISS: frozenset({S.SAVED, S.ACCEPTED, S.RUNNING, S.NEEDS_ATTENTION}),
    Action.RESUME: frozenset({S.DISMISSED, S.NEEDS_ATTENTION, S.EXPIRED}),
}


def allowed(action: str, state: str) -> bool:
    """Whether the user may take ``action`` on a job in ``state``."""
    return JobState(state) in ACTIONS[Action(action)]


def resume_target(state: str, *, has_task: bool, has_results: bool) -> JobState:
    """Where resuming a job takes it: download what is missing when the task's results are
    known, poll when only its id is, send again when nothing was accepted."""
    if not allowed(Action.RESUME, state):
        raise ValueError(f"a job that is {state} cannot be resumed")
    if has_results:
        return S.DOWNLOADING
    if has_task:
        return S.RUNNING
    return S.SAVED


def states(values: Iterable[str]) -> tuple[str, ...]:
    """Plain strings for SQL parameters."""
    return tuple(str(JobState(v)) for v in values)
