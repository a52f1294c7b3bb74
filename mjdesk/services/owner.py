"""What the services share: one owner of every coroutine they start, and the library, which
opens after the window shows."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..library import Library

__all__ = ["LibrarySlot", "TaskOwner"]

log = logging.getLogger("mjdesk.services")


class TaskOwner(QObject):
    """Keeps every coroutine a service starts: a failure is logged and said, and closing
    cancels and awaits whatever still runs."""

    notice = Signal(str, str)  # kind, message

    def __init__(self) -> None:
        super().__init__()
        self._owned: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str = "service") -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._owned.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self._owned.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("%s failed", name, exc_info=t.exception())
                self.notice.emit(
                    "error", self.tr("Something went wrong ({task}); see the log").format(task=name)
                )

        task.add_done_callback(done)
        return task

    async def close(self) -> None:
        for task in list(self._owned):
            task.cancel()
        for task in list(self._owned):
            try:
                await task
            except BaseException:  # cancelled or failed: either way it is over
                log.debug("task ended while closing", exc_info=True)


class LibrarySlot:
    """The library once it is open; the window (and prompts typed early) come before it."""

    def __init__(self, library: Library | None = None) -> None:
        self._library = library
        self._ready = asyncio.Event()
        if library is not None:
            self._ready.set()

    @property
    def is_open(self) -> bool:
        return self._library is not None

    def get(self) -> Library:
        if self._library is None:
            raise RuntimeError("the library is not open yet")
        return self._library

    def peek(self) -> Library | None:
        return self._library

    def attach(self, library: Library) -> None:
        self._library = library
        self._ready.set()

    async def wait(self) -> Library:
        await self._ready.wait()
        return self.get()
