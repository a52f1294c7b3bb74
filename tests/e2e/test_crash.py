"""SIGKILL ``mjdesk batch`` at named moments, restart it, and check nothing is lost or doubled."""

from __future__ import annotations

import collections
import hashlib
import sqlite3

import pytest

from mjdesk.api.sniff import is_complete
from tests.e2e.test_batch_cli import batch_command, batch_env, run_batch

PROMPTS = "a red kite over dunes --ar 3:2\na {teal, amber} teapot on linen\n"


def check_library(sim, root):
    db = sqlite3.connect(root / "library.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    jobs = db.execute(
        "SELECT id, client_ref, state, task_id, expired_images, results FROM jobs"
    ).fetchall()
    ledger = sim.ledger()
    created = [e for e in ledger if e["task_id"]]
    # 0 duplicate creates: at most one created task per intent
    per_intent = collections.Counter(e["idempotency_key"] for e in created)
    assert all(n == 1 for n in per_intent.values()), per_intent
    # 0 lost tasks: every task the server created belongs to a job, as its task or unconfirmed
    by_ref = {ref: (state, task_id) for _, ref, state, task_id, _, _ in jobs}
    for e in created:
        state, task_id = by_ref[e["idempotency_key"]]
        assert task_id == e["task_id"] or state == "unconfirmed", (e, state, task_id)
    # no partial file referenced, and every stored job has all its images
    for job_id, _, state, _, expired, results in jobs:
        rows = db.execute(
            "SELECT path, sha256, size FROM images WHERE job_id = ?", (job_id,)
        ).fetchall()
        for path, sha, size in rows:
            data = (root / path).read_bytes()
            assert (
                is_complete(data) and len(data) == size and hashlib.sha256(data).hexdigest() == sha
            )
        if state == "stored":
            assert len(rows) + expired == len(__import__("json").loads(results))
    # nothing stored twice on disk
    files = [p for p in (root / "images").rglob("*") if p.is_file()]
    assert not [p for p in files if p.name.startswith(".")], "temp files left in place"
    assert len(files) == db.execute("SELECT COUNT(*) FROM images").fetchone()[0]
    states = collections.Counter(s for _, _, s, _, _, _ in jobs)
    db.close()
    assert not list((root / ".staging").glob("*")), "staged files left"

    return states


@pytest.mark.parametrize(
    "point",
    [
        "after_intent",
        "after_post",
        "after_post:3",
        "mid_download",
        "mid_download:5",
        "between_rename_and_row",
        "between_rename_and_row:7",
    ],
)
def test_kill_and_restart(sim, tmp_path, point):
    prompts = tmp_path / "p.txt"
    prompts.write_text(PROMPTS)
    first = run_batch(sim, tmp_path, str(prompts), crash=point)
    assert first.returncode == -9, (first.returncode, first.stdout, first.stderr)
    second = run_batch(sim, tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    states = check_library(sim, tmp_path / "lib")
    if point.startswith("after_post"):
        # the jobs being sent when the process died (two may be in flight) may exist: they are
        # unconfirmed and never resent; the others are sent after the restart
        assert states["unconfirmed"] >= 1 and states["unconfirmed"] + states["stored"] == 3
        assert len(sim.ledger()) <= 3
    elif point == "after_intent":
        # intents were committed, nothing was sent yet: all three are sent after the restart
        assert states == {"stored": 3} and len(sim.ledger()) == 3
    else:
        assert states == {"stored": 3} and len(sim.ledger()) == 3


def test_a_staged_copy_left_between_two_kills_is_cleared_when_the_job_settles(sim, tmp_path):
    """Killed after an image is written into place but before its staged copy is removed,
    then again after the adopted image's row but before the clean-up: the third run settles
    the job and leaves nothing in the staging folder."""
    prompts = tmp_path / "p.txt"
    prompts.write_text("a folded paper fox\n")
    first = run_batch(sim, tmp_path, str(prompts), crash="before_unstage")
    assert first.returncode == -9, (first.returncode, first.stdout, first.stderr)
    assert list((tmp_path / "lib" / ".staging").glob("*.png"))
    second = run_batch(sim, tmp_path, crash="after_row")
    assert second.returncode == -9, (second.returncode, second.stdout, second.stderr)
    third = run_batch(sim, tmp_path, "--strict")
    assert third.returncode == 0, third.stdout + third.stderr
    assert check_library(sim, tmp_path / "lib") == {"stored": 1}
    assert len(sim.ledger()) == 1


def test_killed_at_random_moments_under_faults_loses_and_doubles_nothing(sim, tmp_path):
    """SIGKILL ``mjdesk batch`` at 12 seeded random moments while 20 % of requests fail in
    every way, resuming each time; then judge the library against the simulator's truth."""
    import random
    import signal
    import subprocess
    import time

    from mjdesk.library import Store
    from mjdesk.sim import ALL_FAULTS
    from mjdesk.sim.truth import ClientJob, reckon

    sim.config(
        fault_rate=0.2, fault_kinds=list(ALL_FAULTS), slow_seconds=0.05, image_scale=0.125, seed=5
    )
    rng = random.Random(20261202)
    env = batch_env()
    kills = 0
    for round_ in range(12):
        prompts = tmp_path / f"p{round_}.txt"  # new work each time, beside what it resumes
        prompts.write_text(
            "".join(f"a paper crane {round_}-{i} --ar 4:3\n" for i in range(3))
            + f"a paper boat {round_} --draft\n"
        )
        proc = subprocess.Popen(
            batch_command(sim, tmp_path, str(prompts)),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.2))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(30)
    sim.config(fault_rate=0.0)
    final = run_batch(sim, tmp_path, timeout=180)
    assert final.returncode == 0, final.stdout + final.stderr
    assert kills >= 10, kills
    states = check_library(sim, tmp_path / "lib")
    assert set(states) <= {"stored", "unconfirmed"}, states
    store = Store(tmp_path / "lib")
    jobs = [
        ClientJob(j.client_ref, j.task_id, j.state, store.verified_images(j.id))
        for j in store.jobs()
    ]
    store.close()
    truth = reckon(sim.ledger(), sim.stats(), jobs)
    assert truth.ok, truth.as_dict()
    assert not [p for p in (tmp_path / "lib" / ".staging").glob("*")], "staged files left"
    print(f"\nkill test: {kills} kills; {truth.as_dict()}")
