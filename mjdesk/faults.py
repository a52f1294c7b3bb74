"""Named crash points and disk faults for the crash-safety tests.

``MJDESK_CRASH_AT=name`` (or ``name:N`` for the N-th time it is reached) makes the process kill
itself with SIGKILL at that point: no cleanup, no flush, exactly like a power cut of the
process. Unset, a crash point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

_hits: dict[str, int] = {}

POINTS = (
    "after_intent",
    "after_post",
    "mid_download",
    "before_unstage",
    "between_rename_and_row",
    "after_row",
)


def _hit(variable: str, name: str) -> tuple[int, int, int] | None:
    """For ``VARIABLE=name:N`` or ``name:N@K`` naming this point: (times reached so far, N,
    K); else None. Counting starts again whenever the variable's value changes."""
    target = os.environ.get(variable)
    if not target:
        return None
    point, _, spec = target.partition(":")
    if point != name:
        return None
    number, _, start = spec.partition("@")
    key = f"{variable}={target}"
    _hits[key] = _hits.get(key, 0) + 1
    return (
        _hits[key],
        int(number) if number.isdigit() else 1,
        int(start) if start.isdigit() else 1,
    )


def crashpoint(name: str) -> None:
    hit = _hit("MJDESK_CRASH_AT", name)
    if hit is not None and hit[0] >= hit[1]:
        os.kill(os.getpid(), signal.SIGKILL)


def diskfault(name: str) -> None:
    """``MJDESK_DISK_FULL=name:N`` makes the first N writes at that point fail with ENOSPC,
    as a full disk would (the tests' way to fill a disk without filling it); ``name:N@K``
    fails N writes from the K-th on. Points: ``store_file`` (an image written into place) and
    ``commit`` (any database transaction)."""
    hit = _hit("MJDESK_DISK_FULL", name)
    if hit is not None and hit[2] <= hit[0] < hit[2] + hit[1]:
        import errno

        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
