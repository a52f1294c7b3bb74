"""A widget's background work: awaited off the widget, its result delivered only to a widget
that still exists.

``run(owner, work, done)`` starts ``work`` (an awaitable that touches no widget) through the
service's owned tasks; when it finishes, ``done(result)`` runs on the GUI thread if ``owner`` is
still alive, and is dropped otherwise. A failure goes to ``failed`` when given (and the owner
lives), else to the service's log and notice, like any owned task's.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject

__all__ = ["alive", "run"]

T = TypeVar("T")


def alive(owner: QObject) -> bool:
    """Whether the Qt object behind ``owner`` still exists."""
    return shiboken6.isValid(owner)


def run(
    owner: QObject,
    spawn: Callable[[Coroutine[Any, Any, Any], str], Any],
    work: Awaitable[T],
    done: Callable[[T], None] | None = None,
    *,
    failed: Callable[[Exception], None] | None = None,
    name: str = "operation",
) -> None:
    async def go() -> None:
        try:
            result = await work
        except Exception as exc:
            if failed is not None and alive(owner):
                failed(exc)
                return
            raise
        if done is not None and alive(owner):
            done(result)

    task = spawn(go(), name)
    if isinstance(work, Coroutine) and hasattr(task, "add_done_callback"):
        # cancelled before it started (the window closing): the work is closed, not left
        # un-awaited
        task.add_done_callback(lambda t: work.close() if t.cancelled() else None)
