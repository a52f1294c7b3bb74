"""Thumbnails: made once into a disk cache keyed by content hash (JPEG, 256 or 512 px), read
back in worker threads, kept in a byte-bounded LRU of QImages. The GUI thread only receives
ready images. Requests are served newest first, and requests for cells that scrolled away or
were filtered out are dropped before a worker spends time on them."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from .imaging import read_scaled

CachePath = Callable[[str, int], Path]


def make_thumbnail(source: str, size: int, cache: Path | None) -> QImage:
    """Reads the cached thumbnail, or makes it from the source (scaled while decoding) and
    writes it to the cache atomically. Runs in a worker thread."""
    if cache is not None and cache.exists():
        image = read_scaled(str(cache), size)
        if not image.isNull():
            return image
    image = read_scaled(source, size)
    if image.isNull() or cache is None:
        return image
    with contextlib.suppress(OSError):
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f".{cache.name}.{uuid.uuid4().hex[:8]}.part")
        if image.save(str(tmp), "JPEG", 85):  # type: ignore[call-overload]  # str works
            os.replace(tmp, cache)
        else:
            tmp.unlink(missing_ok=True)
    return image


class _Bridge(QObject):
    """Carries a finished thumbnail from a worker thread to the GUI thread (queued signal):
    cheaper than a round trip through the asyncio loop for every thumbnail."""

    finished = Signal(str, QImage)


class ThumbnailService(QObject):
    thumbnail_ready = Signal(str, QImage)  # key, image

    def __init__(
        self,
        max_bytes: int = 96 * 1024 * 1024,
        workers: int = 2,
        cache_path: CachePath | None = None,
    ) -> None:
        super().__init__()
        self._cache: OrderedDict[str, QImage] = OrderedDict()
        self._bytes = 0
        self._max = max_bytes
        self._queue: OrderedDict[str, tuple[str, int, Path | None]] = OrderedDict()
        self._running: set[str] = set()
        self._workers = workers
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mjdesk-thumbs")
        self._tasks: set[asyncio.Future[Any]] = set()
        self.cache_path = cache_path
        self.loaded = 0
        self._closed = False
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._on_finished)

    def get(self, key: str) -> QImage | None:
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
        return image

    def request(self, key: str, path: Path, size: int = 256, sha256: str | None = None) -> None:
        """Asks for a thumbnail; the newest request is served first."""
        if key in self._cache or key in self._running:
            return
        cache = self.cache_path(sha256, size) if (self.cache_path and sha256) else None
        self._queue[key] = (str(path), size, cache)
        self._queue.move_to_end(key)
        self._pump()

    def retain(self, keys: Iterable[str]) -> int:
        """Drops queued requests that are not in ``keys`` (scrolled away or filtered out)."""
        wanted = set(keys)
        dropped = [k for k in self._queue if k not in wanted]
        for k in dropped:
            del self._queue[k]
        return len(dropped)

    @property
    def pending(self) -> int:
        return len(self._queue) + len(self._running)

    def _pump(self) -> None:
        while self._queue and len(self._running) < self._workers * 2 and not self._closed:
            key, (path, size, cache) = self._queue.popitem(last=True)
            self._running.add(key)
            future = self._executor.submit(make_thumbnail, path, size, cache)
            future.add_done_callback(functools.partial(self._deliver, key))

    def _deliver(self, key: str, future: Any) -> None:
        """In the worker thread: hand the result to the GUI thread."""
        if future.cancelled() or self._closed:
            return
        image = future.result() if future.exception() is None else QImage()
        self._bridge.finished.emit(key, image)

    def _on_finished(self, key: str, image: QImage) -> None:
        self._running.discard(key)
        self._pump()
        if image.isNull():
            return
        self.loaded += 1
        self._cache[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self._max and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._bytes -= old.sizeInBytes()
        self.thumbnail_ready.emit(key, image)

    def prepare(self, path: Path, sha256: str, sizes: tuple[int, ...] = (256, 512)) -> None:
        """Makes the cached thumbnails of a newly stored image in the background."""
        if self.cache_path is None:
            return
        for size in sizes:
            cache = self.cache_path(sha256, size)
            task = asyncio.ensure_future(
                asyncio.get_running_loop().run_in_executor(
                    self._executor, make_thumbnail, str(path), size, cache
                )
            )
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        self._closed = True
        self._queue.clear()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._executor.shutdown(wait=True, cancel_futures=True)
