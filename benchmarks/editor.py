"""Benchmark: does the editor's canvas stay fluid on a 4096 × 4096 image?

The real repaint canvas (offscreen) with a 4096² source: brush strokes arrive as mouse events
at 60 per second, first with the image fitted to the window, then at 100 %, while a 5 ms
heartbeat timer on the GUI thread measures its lateness (p50, p99, max); the baseline is the
same canvas idle, measured in the same run. Then the mask is exported as the PNG EvoLink
reads (4096², opaque = repaint) in a worker thread, timed, with the heartbeat still running.

What a user would count: every stroke event painted into the mask (the mask's marked pixels
grow with each stroke), the canvas's lateness, and the export's wall time.
Targets: p99 ≤ 16 ms and max ≤ 50 ms while painting; export ≤ 200 ms, off the GUI thread.
Prints one line per measure, then a final JSON line.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication

from mjdesk.services.imaging import encode_mask
from mjdesk.ui import theme
from mjdesk.ui.editor.paint import PaintCanvas

sys.path.insert(0, str(Path(__file__).parent))  # the benchmarks' own helpers
from heartbeat import Heart

SIDE = 4096
EVENTS_PER_S = 60
STROKE_S = 4.0
TARGET_P99, TARGET_MAX, TARGET_EXPORT = 16.0, 50.0, 200.0


def source_image() -> QImage:
    """A 4096² picture with detail everywhere (gradients and circles)."""
    image = QImage(SIDE, SIDE, QImage.Format.Format_RGB32)
    image.fill(QColor(40, 60, 90))
    p = QPainter(image)
    for i in range(60):
        p.setBrush(QColor((i * 37) % 255, (i * 91) % 255, (i * 53) % 255))
        p.drawEllipse(QPointF((i * 613) % SIDE, (i * 997) % SIDE), 300 + i * 3, 200 + i * 5)
    p.end()
    return image


def send(canvas: PaintCanvas, kind: QEvent.Type, pos: QPointF) -> None:
    held = (
        Qt.MouseButton.NoButton
        if kind == QEvent.Type.MouseButtonRelease
        else Qt.MouseButton.LeftButton
    )
    QApplication.sendEvent(
        canvas,
        QMouseEvent(
            kind,
            pos,
            QPointF(canvas.mapToGlobal(pos.toPoint())),
            Qt.MouseButton.LeftButton,
            held,
            Qt.KeyboardModifier.NoModifier,
        ),
    )


async def strokes(canvas: PaintCanvas, seconds: float) -> tuple[int, list[int]]:
    """Brush strokes across the view at EVENTS_PER_S; returns the events sent and the mask's
    marked-pixel count after each stroke."""
    period = 1 / EVENTS_PER_S
    sent, marks = 0, []
    end = time.perf_counter() + seconds
    stroke = 0
    while time.perf_counter() < end:
        w, h = canvas.width(), canvas.height()
        y0 = h * (0.15 + 0.7 * ((stroke * 0.37) % 1))
        points = [
            QPointF(w * (0.1 + 0.8 * t / 40), y0 + 40 * math.sin(t / 4 + stroke)) for t in range(41)
        ]
        send(canvas, QEvent.Type.MouseButtonPress, points[0])
        for p in points[1:]:
            next_at = time.perf_counter() + period
            send(canvas, QEvent.Type.MouseMove, p)
            sent += 1
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        send(canvas, QEvent.Type.MouseButtonRelease, points[-1])
        assert canvas.layer is not None
        marks.append(canvas.layer.covered())
        stroke += 1
    return sent, marks


async def run() -> dict[str, object]:
    image = source_image()
    display = image.scaled(2048, 2048, Qt.AspectRatioMode.KeepAspectRatio)
    canvas = PaintCanvas()
    canvas.resize(1400, 900)
    canvas.show()
    canvas.set_image(SIDE, SIDE, display)
    canvas.set_tint(QColor("#ff4d6d"))
    canvas.set_radius(60)
    heart = Heart()
    await asyncio.sleep(0.5)

    heart.start()
    await asyncio.sleep(3.0)
    idle = heart.stop()
    print(f"idle canvas: heartbeat lateness {idle}")

    results = {}
    for name, setup in (("fit", canvas.fit), ("100%", canvas.actual_size)):
        setup()
        heart.start()
        sent, marks = await strokes(canvas, STROKE_S)
        busy = heart.stop()
        grew = all(b >= a for a, b in itertools.pairwise(marks)) and marks[-1] > 0
        print(
            f"strokes at {name}: {sent} events, {len(marks)} strokes, marked {marks[-1]} px: {busy}"
        )
        results[name] = (busy, sent, len(marks), grew)

    assert canvas.layer is not None
    heart.start()
    t0 = time.perf_counter()
    png = await asyncio.get_running_loop().run_in_executor(
        None, encode_mask, QImage(canvas.layer.image), SIDE, SIDE
    )
    export_ms = (time.perf_counter() - t0) * 1000
    during = heart.stop()
    check = QImage.fromData(png)
    export_ok = check.width() == SIDE and check.hasAlphaChannel()
    print(
        f"mask export {SIDE}²: {export_ms:.0f} ms, {len(png) / 1e6:.2f} MB; GUI meanwhile {during}"
    )
    canvas.close()

    worst_p99 = max(r[0]["p99"] for r in results.values())
    worst_max = max(r[0]["max"] for r in results.values())
    painted = all(r[3] for r in results.values())
    return {
        "benchmark": "editor",
        "image": f"{SIDE}x{SIDE}",
        "events_per_s": EVENTS_PER_S,
        "events": sum(r[1] for r in results.values()),
        "strokes": sum(r[2] for r in results.values()),
        "every_stroke_painted": painted,
        "fit_p99_ms": results["fit"][0]["p99"],
        "fit_max_ms": results["fit"][0]["max"],
        "full_p99_ms": results["100%"][0]["p99"],
        "full_max_ms": results["100%"][0]["max"],
        "baseline_p99_ms": idle["p99"],
        "baseline_max_ms": idle["max"],
        "export_ms": round(export_ms, 1),
        "export_gui_max_ms": during["max"],
        "target_p99_ms": TARGET_P99,
        "target_max_ms": TARGET_MAX,
        "target_export_ms": TARGET_EXPORT,
        "pass": painted
        and export_ok
        and worst_p99 <= TARGET_P99
        and worst_max <= TARGET_MAX
        and export_ms <= TARGET_EXPORT,
    }


def main() -> None:
    app = QApplication(sys.argv[:1])
    theme.apply(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        result = loop.run_until_complete(run())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
