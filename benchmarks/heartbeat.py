"""The GUI thread's heartbeat for the benchmarks: a 5 ms timer whose lateness (p50, p99,
max) says how long the thread was kept from its events."""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import QTimer

__all__ = ["Heart"]


class Heart:
    def __init__(self) -> None:
        self.late: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.late.append(max(0.0, (now - self._last) * 1000 - 5))
        self._last = now

    def start(self) -> None:
        self.late.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> dict[str, float]:
        self.timer.stop()
        data = sorted(self.late)
        return {
            "p50": round(statistics.median(data), 2),
            "p99": round(data[int(len(data) * 0.99) - 1], 2),
            "max": round(data[-1], 2),
            "beats": len(data),
        }
