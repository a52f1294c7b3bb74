"""Named crash points and disk faults for the crash-safety tests.

``MJDESK_CRASH_AT=name`` (or ``name:N`` for the N-th time it is reached) makes the process kill
itself with SIGKILL at that point: no cleanup, no flush, exactly like a power cut of the
process. Unset, a crash point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

_hits: dict[str, int] = {}

POINTS = ("after_intent", "after_post", "mid_download", "between_rename_and_row")


def crashpoint(name: str) -> None:
    target = os.environ.get("MJDESK_CRASH_AT")
    if not target:
        return
    point, _, nth = target.partition(":")
    if point != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= (int(nth) if nth.isdigit() else 1):
        os.kill(os.getpid(), signal.SIGKILL)


def diskfault(name: str) -> None:
    """``MJDESK_DISK_FULL=name:N`` makes the first N writes at that point fail with ENOSPC,
    as a full disk would (the tests' way to fill a disk without filling it)."""
    target = os.environ.get("MJDESK_DISK_FULL")
    if not target:
        return
    point, _, count = target.partition(":")
    if point != name:
        return
    key = f"disk:{name}"
    _hits[key] = _hits.get(key, 0) + 1
    if _hits[key] <= (int(count) if count.isdigit() else 1):
        import errno

        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
