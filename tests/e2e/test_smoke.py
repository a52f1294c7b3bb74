"""``mjdesk --demo --smoke-test``: the real program, offscreen, one generation to stored images."""

from __future__ import annotations

import os
import subprocess
import sys


def test_demo_smoke_test_exits_zero_and_prints_no_warning(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MJDESK_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        HOME=str(tmp_path),
    )
    r = subprocess.run(
        [sys.executable, "-m", "mjdesk", "--demo", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "smoke test: images stored" in r.stdout
    noise = [
        line for line in r.stderr.splitlines() if line.strip() and "propagateSizeHints" not in line
    ]
    assert noise == [], r.stderr
    # the demo library was temporary and is gone; nothing was written to the user's folders
    assert not (tmp_path / "data").exists()
