"""``mjdesk batch`` in a subprocess against the simulator."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from tests.simctl import DEMO_KEY


def run_batch(sim, tmp_path, *args, key=DEMO_KEY, crash=None, timeout=120, stdin=None, scale="400"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MJDESK_")}
    env["PYTHONUNBUFFERED"] = "1"
    if key:
        env["MJDESK_API_KEY"] = key
    if crash:
        env["MJDESK_CRASH_AT"] = crash
    cmd = [
        sys.executable,
        "-m",
        "mjdesk",
        "batch",
        *args,
        "--library",
        str(tmp_path / "lib"),
        "--api-base",
        sim.url,
        "--files-base",
        sim.url,
        "--time-scale",
        scale,
    ]
    return subprocess.run(
        cmd, env=env, capture_output=True, text=True, timeout=timeout, input=stdin
    )


def test_batch_submits_lints_and_summarises(sim, tmp_path):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text(
        "# my batch\n"
        "a red kite over dunes --ar 3:2\n"
        "\n"
        "a cat --v 7\n"
        "a {teal, amber} teapot --s 300\n"
    )
    r = run_batch(sim, tmp_path, str(prompts))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "line 4: --v is not needed" in r.stderr and "line 4: not sent" in r.stderr
    assert "Summary: 3 stored" in r.stdout
    assert "→ stored" in r.stdout  # plain log when not a terminal
    assert len(sim.ledger()) == 3
    db = sqlite3.connect(tmp_path / "lib" / "library.db")
    assert db.execute("SELECT COUNT(*) FROM images").fetchone()[0] == 12
    db.close()


def test_batch_reads_stdin_and_resumes_first(sim, tmp_path):
    r = run_batch(sim, tmp_path, "-", stdin="a lamp\n")
    assert r.returncode == 0 and "Summary: 1 stored" in r.stdout
    again = run_batch(sim, tmp_path)
    assert again.returncode == 0 and "Summary: no jobs" in again.stdout


@pytest.mark.parametrize(
    ("args", "key", "message"),
    [
        (["--speed", "draft", "--quality", "hd"], DEMO_KEY, "cannot be combined"),
        (["missing-file.txt"], DEMO_KEY, "cannot read"),
        ([], None, "no API key"),
        ([], DEMO_KEY, "must be positive"),
    ],
)
def test_usage_errors_exit_2(sim, tmp_path, args, key, message):
    r = run_batch(sim, tmp_path, *args, key=key, scale="0" if "positive" in message else "400")
    assert r.returncode == 2, r.stdout + r.stderr
    assert message in r.stderr
    assert sim.ledger() == []


def test_strict_makes_a_failed_job_an_error(sim, tmp_path):
    prompts = tmp_path / "p.txt"
    prompts.write_text("a tree sim:fail=content_policy_violation\n")
    assert run_batch(sim, tmp_path, str(prompts)).returncode == 0
    prompts.write_text("a tree sim:fail=content_policy_violation\n")
    r = run_batch(sim, tmp_path, str(prompts), "--strict")
    assert r.returncode == 1 and "1 failed" in r.stdout


def test_a_second_instance_is_refused(sim, tmp_path):
    from mjdesk.library import Store

    store = Store(tmp_path / "lib")
    try:
        r = run_batch(sim, tmp_path)
    finally:
        store.close()
    assert r.returncode == 1 and "Another mjdesk" in r.stderr
