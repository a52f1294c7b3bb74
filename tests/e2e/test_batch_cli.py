"""``mjdesk batch`` in a subprocess against the simulator."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from tests.simctl import DEMO_KEY


def batch_env(key=DEMO_KEY, crash=None, extra_env=None) -> dict[str, str]:
    """This environment without mjdesk's variables, plus the key (and a crash point)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MJDESK_")}
    env.update(extra_env or {})
    env["PYTHONUNBUFFERED"] = "1"
    if key:
        env["MJDESK_API_KEY"] = key
    if crash:
        env["MJDESK_CRASH_AT"] = crash
    return env


def batch_command(sim, tmp_path, *args, scale="400") -> list[str]:
    """``mjdesk batch`` on the test's library, against the simulator."""
    return [
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


def run_batch(
    sim,
    tmp_path,
    *args,
    key=DEMO_KEY,
    crash=None,
    timeout=120,
    stdin=None,
    scale="400",
    extra_env=None,
):
    return subprocess.run(
        batch_command(sim, tmp_path, *args, scale=scale),
        env=batch_env(key, crash, extra_env),
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
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


def test_prompt_files_split_on_line_feeds_only(sim, tmp_path):
    """U+2028, U+0085, form feed and a lone CR do not start new (billed) prompts; a BOM is
    dropped; lines with control characters are refused with their number and counted."""
    prompts = tmp_path / "p.txt"
    prompts.write_bytes(
        "\ufeffa red kite\u2028--ar 3:2\r\n"
        "a blue kite\x85 over dunes\n"
        "a green kite\x0c at dusk\rwith birds\n"
        "a quiet lake\n".encode()
    )
    r = run_batch(sim, tmp_path, str(prompts))
    assert "line 1: contains the control character U+2028" in r.stderr
    assert "line 2: contains the control character U+0085" in r.stderr
    assert "line 3: contains the control character U+000C" in r.stderr
    assert [e["prompt"] for e in sim.ledger()] == ["a quiet lake"]
    assert "Summary: 1 stored; 3 lines rejected" in r.stdout
    assert r.returncode == 0
    strict = run_batch(sim, tmp_path, str(prompts), "--strict")
    assert strict.returncode == 1 and "3 lines rejected" in strict.stdout


def test_a_nul_byte_is_refused_with_its_line(sim, tmp_path):
    prompts = tmp_path / "p.txt"
    prompts.write_bytes(b"a cat\x00 --ar 1:1\na dog\n")
    r = run_batch(sim, tmp_path, str(prompts))
    assert "line 1: contains the control character U+0000" in r.stderr
    assert [e["prompt"] for e in sim.ledger()] == ["a dog"]
    assert "1 line rejected" in r.stdout


def test_a_missing_file_is_said_in_words(sim, tmp_path):
    r = run_batch(sim, tmp_path, str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and "no such file" in r.stderr and "Errno" not in r.stderr


def test_a_job_needing_attention_is_resumed_by_the_next_run(sim, tmp_path):
    """Every result link refused for a while: the job is left needing attention with the
    reason, never "stored" with images missing; the next run downloads all four."""
    sim.fault("expired_link", route="result", count=400)
    prompts = tmp_path / "p.txt"
    prompts.write_text("a paper boat\n")
    first = run_batch(sim, tmp_path, str(prompts), "--strict")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "1 needs_attention" in first.stdout
    assert "4 of 4 images are not downloaded yet" in first.stdout
    sim.clear_faults()
    again = run_batch(sim, tmp_path, "--strict")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Resuming 1 unfinished job" in again.stdout and "Summary: 1 stored" in again.stdout
    db = sqlite3.connect(tmp_path / "lib" / "library.db")
    assert db.execute("SELECT COUNT(*) FROM images").fetchone()[0] == 4
    db.close()
    assert len(sim.ledger()) == 1


def test_a_full_disk_ends_the_run_and_the_next_run_stores_the_staged_images(sim, tmp_path):
    prompts = tmp_path / "p.txt"
    prompts.write_text("a glass whale\n")
    env_fault = {"MJDESK_DISK_FULL": "store_file:1000"}
    first = run_batch(sim, tmp_path, str(prompts), extra_env=env_fault, timeout=60)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "disk holding the library is full" in first.stdout
    assert "again to resume" in first.stdout
    fetched = sim.requests("result")
    assert fetched == 4
    staged = list((tmp_path / "lib" / ".staging").glob("*.png"))
    assert len(staged) == 4
    again = run_batch(sim, tmp_path, "--strict")
    assert again.returncode == 0, again.stdout + again.stderr
    assert sim.requests("result") == fetched  # the staged files were used, not re-fetched
    assert not list((tmp_path / "lib" / ".staging").glob("*"))
    db = sqlite3.connect(tmp_path / "lib" / "library.db")
    assert db.execute("SELECT COUNT(*) FROM images").fetchone()[0] == 4
    db.close()


def test_an_unreachable_server_is_given_up_on_after_the_offline_limit(tmp_path):
    import socket

    class Nowhere:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{s.getsockname()[1]}"  # closed again: refused

    prompts = tmp_path / "p.txt"
    prompts.write_text("a cup\n")
    r = run_batch(Nowhere, tmp_path, str(prompts), "--offline-limit", "2", scale="1", timeout=60)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "No answer from EvoLink for 2 s: 1 job is still waiting" in r.stdout
    assert "1 saved" in r.stdout


def test_demo_runs_offline_with_the_built_in_simulator(tmp_path):
    prompts = tmp_path / "p.txt"
    prompts.write_text("a lighthouse at dusk\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MJDESK_")}
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "mjdesk",
            "batch",
            "--demo",
            str(prompts),
            "--library",
            str(tmp_path / "demo"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Summary: 1 stored" in r.stdout
    db = sqlite3.connect(tmp_path / "demo" / "library.db")
    assert db.execute("SELECT COUNT(*) FROM images").fetchone()[0] == 4
    db.close()


def test_every_option_is_described_in_help():
    r = subprocess.run(
        [sys.executable, "-m", "mjdesk", "batch", "--help"], capture_output=True, text=True
    )
    assert r.returncode == 0
    import re

    assert "--offline-limit" in r.stdout and "--demo" in r.stdout
    blocks = [b for b in re.split(r"\n(?=  -)", r.stdout.split("options:")[1]) if b.strip()]
    assert len(blocks) >= 11
    for block in blocks:
        parts = re.split(r"\s{2,}", block.strip(), maxsplit=1)
        assert len(parts) == 2 and len(parts[1]) >= 15, f"option without a description: {block!r}"


def test_batch_applies_a_saved_style_to_every_line(sim, tmp_path):
    """--style NAME: the style's local reference uploaded once (the simulator's files API),
    its parameters and modes on every line, the lines' words kept."""
    from mjdesk.core.styles import Style, StyleRef, style_to_json
    from mjdesk.library import Store
    from tests.images import encode

    ref = tmp_path / "linocut.png"
    ref.write_bytes(encode("PNG", 64, 64))
    store = Store(tmp_path / "lib")
    look = Style(
        "Client A — linocut",
        srefs=(StyleRef("https://files.example/expired.png", str(ref)),),
        params=(("sw", "250"), ("s", "600"), ("raw", True), ("ar", "3:2")),
        speed="turbo",
    )
    store.save_style(style_to_json(look))
    store.close()
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a heron in the reeds\na fox in snow --ar 1:1\n")
    r = run_batch(sim, tmp_path, str(prompts), "--style", "client a — LINOCUT")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Summary: 2 stored" in r.stdout
    assert sim.requests("files") == 1  # uploaded once, for both lines
    sent = sorted(e["prompt"] for e in sim.ledger())
    assert sent[0].startswith("a fox in snow") and sent[1].startswith("a heron in the reeds")
    for prompt in sent:
        assert f"--sref {sim.url}/files/" in prompt and "expired.png" not in prompt
        assert "--sw 250" in prompt and "--s 600" in prompt and "--raw" in prompt
        assert "--ar 3:2" in prompt  # the style's aspect wins over the line's
    db = sqlite3.connect(tmp_path / "lib" / "library.db")
    assert {r[0] for r in db.execute("SELECT speed FROM jobs")} == {"turbo"}
    db.close()
    # a style that does not exist: said, with the saved ones, nothing sent
    r = run_batch(sim, tmp_path, str(prompts), "--style", "Nope")
    assert r.returncode == 2 and "no style named “Nope”" in r.stderr
    assert "“Client A — linocut”" in r.stderr and len(sim.ledger()) == 2
