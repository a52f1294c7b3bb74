"""Benchmark: the thumbnail pipeline.

Over 200 stored images of 2048 px (PNG, JPEG and WebP, a third each), measures in one process:

* the pipeline (``ThumbnailService`` making 256 px thumbnails into the disk cache, 2 workers);
* the baseline: a raw ``QImageReader`` scaled-decode loop over the same files with the same
  number of threads (no cache writes);
* reading the finished thumbnails back from the cache, the grid's everyday path.

Targets: pipeline / baseline throughput ≥ 0.9; cache reads ≥ 500 per second.
Prints one line per measure, then a final JSON line.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication

from mjdesk.services import ThumbnailService

COUNT = 200
WORKERS = 2
SIZE = 256


def make_sources(folder: Path) -> list[Path]:
    paths = []
    formats = [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")]
    for i in range(COUNT):
        fmt, ext = formats[i % 3]
        image = QImage(2048, 2048, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        gradient = QLinearGradient(0, 0, 2048, 2048)
        gradient.setColorAt(0, QColor.fromHsv((i * 13) % 360, 160, 220))
        gradient.setColorAt(1, QColor.fromHsv((i * 13 + 140) % 360, 120, 90))
        painter.fillRect(image.rect(), gradient)
        painter.setPen(QColor("white"))
        for k in range(0, 2048, 64):
            painter.drawLine(k, 0, 2048 - k, 2048)
        painter.end()
        path = folder / f"src_{i}.{ext}"
        image.save(str(path), fmt, 90)
        paths.append(path)
    return paths


def raw_decode(path: Path) -> QImage:
    reader = QImageReader(str(path))
    full = reader.size()
    reader.setScaledSize(full.scaled(QSize(SIZE, SIZE), Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


async def pipeline(paths: list[Path], cache: Path) -> tuple[float, ThumbnailService]:
    thumbs = ThumbnailService(
        workers=WORKERS, cache_path=lambda sha, size: cache / f"{sha}_{size}.jpg"
    )
    done = asyncio.Event()

    def arrived(_key: str, _image: QImage) -> None:
        if thumbs.loaded >= len(paths):
            done.set()

    thumbs.thumbnail_ready.connect(arrived)
    start = time.perf_counter()
    for p in paths:
        sha = hashlib.sha256(str(p).encode()).hexdigest()
        thumbs.request(f"{sha}:{SIZE}", p, SIZE, sha)
    await done.wait()
    return time.perf_counter() - start, thumbs


async def cache_reads(paths: list[Path], cache: Path) -> float:
    thumbs = ThumbnailService(
        workers=WORKERS, cache_path=lambda sha, size: cache / f"{sha}_{size}.jpg"
    )
    done = asyncio.Event()
    thumbs.thumbnail_ready.connect(lambda *_: done.set() if thumbs.loaded >= len(paths) else None)
    start = time.perf_counter()
    for p in paths:
        sha = hashlib.sha256(str(p).encode()).hexdigest()
        thumbs.request(f"{sha}:{SIZE}:again", p, SIZE, sha)
    await done.wait()
    elapsed = time.perf_counter() - start
    await thumbs.close()
    return elapsed


async def run(folder: Path) -> dict[str, object]:
    paths = make_sources(folder)

    def raw_loop() -> float:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            start = time.perf_counter()
            images = list(pool.map(raw_decode, paths))
            took = time.perf_counter() - start
        assert all(not i.isNull() for i in images)
        return took

    # the baseline runs before and after the pipeline; the mean cancels warm-up drift
    first = raw_loop()
    cache = folder / "cache"
    elapsed, thumbs = await pipeline(paths, cache)
    await thumbs.close()
    baseline = (first + raw_loop()) / 2
    print(
        f"baseline: raw scaled decode of {COUNT} images, {WORKERS} threads: {baseline:.2f} s "
        f"({COUNT / baseline:.0f}/s), mean of a run before and after the pipeline"
    )
    print(
        f"pipeline: {COUNT} thumbnails made and cached in {elapsed:.2f} s ({COUNT / elapsed:.0f}/s)"
    )
    reads = await cache_reads(paths, cache)
    print(f"cache reads: {COUNT} thumbnails in {reads:.3f} s ({COUNT / reads:.0f}/s)")
    ratio = baseline / elapsed
    return {
        "benchmark": "thumbnails",
        "images": COUNT,
        "workers": WORKERS,
        "pipeline_per_s": round(COUNT / elapsed, 1),
        "baseline_per_s": round(COUNT / baseline, 1),
        "ratio": round(ratio, 2),
        "cache_reads_per_s": round(COUNT / reads, 1),
        "pass": ratio >= 0.9 and COUNT / reads >= 500,
    }


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            result = loop.run_until_complete(run(Path(tmp)))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
