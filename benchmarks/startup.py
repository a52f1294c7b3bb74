"""Benchmark: process start to the first paint of the main window, with a 100,000-image
library, against a bare PySide6 window (process start to first paint) in the same run.

Each measure starts a fresh Python process (median of ``--runs``). Target: ≤ 2.0× the bare
window. The time until the panels are built (the window's ``populated`` signal: the prompt takes
input) is printed too. Prints one line per measure, then a final JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class W(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("PAINT", time.time(), flush=True); QTimer.singleShot(0, app.quit)
        return False
app = QApplication(sys.argv[:1]); w = QMainWindow(); w.resize(1440, 900)
f = W(); w.installEventFilter(f); w.show(); app.exec()
"""

MJDESK = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
import mjdesk.ui.main_window as mw
original = mw.MainWindow.showEvent
class W(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("PAINT", time.time(), flush=True)
            o.populated.connect(lambda: QTimer.singleShot(0, o.close))
            o.removeEventFilter(self)
        return False
f = W()
def show_event(self, event):
    self.installEventFilter(f)
    self.populated.connect(lambda: print("READY", time.time(), flush=True))
    original(self, event)
mw.MainWindow.showEvent = show_event
from mjdesk.cli import main
sys.exit(main(["--library", sys.argv[1], "--api-base", "http://127.0.0.1:9", "--files-base", "http://127.0.0.1:9"]))
"""


def measure(code: str, *args: str, env: dict[str, str]) -> dict[str, float]:
    """Milliseconds from process start to each event the child prints (PAINT, READY)."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    ).stdout
    events = {}
    for line in out.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("PAINT", "READY"):
            events[name] = (float(stamp) - start) * 1000
    if "PAINT" not in events:
        raise RuntimeError(f"no paint: {out[-500:]}")
    return events


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--items", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gallery import build_library  # the gallery benchmark's library builder
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "lib"
        build_library(root, args.items)
        del app
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            HOME=tmp,
            XDG_CONFIG_HOME=f"{tmp}/config",
            XDG_STATE_HOME=f"{tmp}/state",
        )
        env.pop("MJDESK_API_KEY", None)
        bare = [measure(BARE, env=env)["PAINT"] for _ in range(args.runs)]
        ours = [measure(MJDESK, str(root), env=env) for _ in range(args.runs)]
    b = statistics.median(bare)
    m = statistics.median(run["PAINT"] for run in ours)
    ready = statistics.median(run.get("READY", float("nan")) for run in ours)
    print(f"bare PySide6 window: start to first paint, median {b:.0f} ms")
    print(f"mjdesk with {args.items:,} images: start to first paint, median {m:.0f} ms")
    print(f"mjdesk: start to panels built (prompt usable), median {ready:.0f} ms")
    print(
        json.dumps(
            {
                "benchmark": "startup",
                "items": args.items,
                "first_paint_ms": round(m, 1),
                "panels_ready_ms": round(ready, 1),
                "baseline_bare_ms": round(b, 1),
                "ratio": round(m / b, 2),
                "target_ratio": 2.0,
                "pass": m / b <= 2.0,
            }
        )
    )


if __name__ == "__main__":
    main()
