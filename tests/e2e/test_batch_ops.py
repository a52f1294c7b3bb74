"""``mjdesk batch --ops``: every editor operation from a terminal, on the same engine, each
asserted from the simulator's ledger; bad lines are reported by number and nothing of them is
sent."""

from __future__ import annotations

import json
import sqlite3

from mjdesk.core import canvas
from tests.e2e.test_batch_cli import run_batch
from tests.images import encode


def test_every_operation_reaches_the_simulator_as_a_child_of_its_source(sim, tmp_path):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a lighthouse on a cliff --ar 3:2\n")
    first = run_batch(sim, tmp_path, str(prompts))
    assert first.returncode == 0, first.stdout + first.stderr
    db = sqlite3.connect(tmp_path / "lib" / "library.db")
    [(image_id, path, w, h)] = db.execute(
        "SELECT id, path, width, height FROM images WHERE idx = 1"
    ).fetchall()
    db.close()
    mask = tmp_path / "sky.png"
    mask.write_bytes(encode("PNG", 64, 40))  # any picture: white repaints
    lines = [
        {"op": "vary", "image": image_id, "strength": "strong"},
        {"op": "remix", "image": image_id, "prompt": "a lighthouse of glass", "strength": "subtle"},
        {"op": "repaint", "image": path, "mask": "sky.png", "prompt": "stormy clouds"},
        {"op": "zoom", "image": image_id, "factor": 2, "prompt": "the coast"},
        {"op": "pan", "image": image_id, "direction": "left", "amount": 0.5},
        {"op": "reframe", "image": image_id, "aspect": "9:16", "prompt": "tall cliffs"},
        {"op": "retexture", "image": image_id, "prompt": "brass and enamel", "speed": "turbo"},
        {"op": "remove-bg", "image": image_id},
    ]
    bad = [
        '{"op": "zoom", "image": 1, "factor": 3}',
        '{"op": "blur", "image": 1}',
        "not json",
        '{"op": "vary", "image": 99999}',
        '{"op": "repaint", "image": 1, "mask": "missing.png", "prompt": "x"}',
    ]
    ops = tmp_path / "ops.jsonl"
    ops.write_text("\n".join([json.dumps(x) for x in lines] + ["# a comment"] + bad) + "\n")
    before = len(sim.ledger())
    done = run_batch(sim, tmp_path, "--ops", str(ops))
    assert done.returncode == 0, done.stdout + done.stderr
    for number, words in (
        (10, "factor must be"),
        (11, "op must be one of"),
        (12, "not JSON"),
        (13, "no image 99999"),
        (14, "cannot read the mask missing.png"),
    ):
        assert f"line {number}: {words}" in done.stderr, done.stderr
    assert "5 lines rejected" in done.stdout
    sent = sim.ledger()[before:]
    assert [e["model"] for e in sent] == [
        "mj-v8.1-variation",
        "mj-v8.1-remix",
        "mj-v8.1-upload-paint",
        "mj-v8.1-edit",
        "mj-v8.1-upload-paint",
        "mj-v8.1-upload-paint",
        "mj-v8.1-retexture",
        "mj-v8.1-remove-bg",
    ]
    vary, remix, repaint, zoom, pan, reframe, retexture, remove_bg = sent
    assert vary["model_params"]["type"] == "strong" and vary["model_params"]["image_number"] == 1
    assert remix["model_params"]["mode"] == "subtle" and remix["prompt"] == "a lighthouse of glass"
    assert isinstance(repaint["model_params"]["mask"], str)  # the picture, uploaded as a mask
    assert len(list((tmp_path / "lib" / "masks").glob("*.png"))) == 1  # and kept
    assert repaint["model_params"]["canvas"] == {"width": w, "height": h}
    assert zoom["model_params"]["canvas"] == {"width": 2 * w, "height": 2 * h}
    assert pan["prompt"] == "a lighthouse on a cliff"  # the source's own words
    assert pan["model_params"]["img_pos"]["x"] > 0  # room on the left
    reframed = reframe["model_params"]["canvas"]
    assert canvas.aspect_matches(reframed["width"], reframed["height"], 9, 16)
    assert retexture["model_params"] == {"speed": "turbo"} and retexture["image_urls"]
    assert "prompt" not in remove_bg or remove_bg["prompt"] is None
    db = sqlite3.connect(tmp_path / "lib" / "library.db")
    parents = db.execute(
        "SELECT parent_image_id, state FROM jobs WHERE model != 'mj-v8.1'"
    ).fetchall()
    db.close()
    assert len(parents) == 8 and all(p == image_id for p, _ in parents)
    assert all(state == "stored" for _, state in parents)
