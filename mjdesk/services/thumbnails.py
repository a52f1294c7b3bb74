"""Thumbnails decoded off the GUI thread (QImageReader scales while decoding), kept in a
byte-bounded LRU. The GUI thread only ever receives ready QImages."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader


def _decode(path: str, size: int) -> QImage:
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and full.width() > 0 and full.height() > 0:
        scaled = full.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(scaled)
    image = reader.read()
    return image if not image.isNull() else QImage()


class ThumbnailService(QObject):
    thumbnail_ready = Signal(str, QImage)  # key, image

    def __init__(self, max_bytes: int = 64 * 1024 * 1024, workers: int = 2) -> None:
        super().__init__()
        self._cache: OrderedDict[str, QImage] = OrderedDict()
        self._bytes = 0
        self._max = max_bytes
        self._pending: set[str] = set()
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mjdesk-thumbs")
        self._tasks: set[asyncio.Task[None]] = set()

    def get(self, key: str) -> QImage | None:
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
        return image

    def request(self, key: str, path: Path, size: int = 256) -> None:
        if key in self._cache or key in self._pending:
            return
        self._pending.add(key)
        task = asyncio.ensure_future(self._load(key, str(path), size))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _load(self, key: str, path: str, size: int) -> None:
        loop = asyncio.get_running_loop()
        try:
            image = await loop.run_in_executor(self._executor, _decode, path, size)
        finally:
            self._pending.discard(key)
        if image.isNull():
            return
        self._cache[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self._max and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._bytes -= old.sizeInBytes()
        self.thumbnail_ready.emit(key, image)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._executor.shutdown(wait=True, cancel_futures=True)
