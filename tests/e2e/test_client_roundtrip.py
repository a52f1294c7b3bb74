"""Create → poll → download against the simulator, and the shape of every answer."""

from __future__ import annotations

import re

import pytest

from mjdesk.api import Credits, GenerationRequest
from mjdesk.api.sniff import image_info
from tests.e2e.helpers import make_client, req, wait_done


async def test_fast_round_trip_downloads_four_verified_images(sim, tmp_path):
    async with make_client(sim) as client:
        before = await client.get_credits()
        task = await client.create_generation(req(client_ref="intent-1"))
        assert re.fullmatch(r"task-unified-\d+-[a-z0-9]{8}", task.id)
        assert task.status == "pending" and task.progress == 0
        assert task.model == "mj-v8.1"
        assert task.estimated_time is not None and 30 <= task.estimated_time <= 60
        assert task.credits_reserved == 2.0
        done = await wait_done(client, task.id)
        assert done.status == "completed" and done.progress == 100
        assert len(done.results) == 4
        stored = []
        for i, url in enumerate(done.results):
            got = await client.download(url, tmp_path / f"{task.id}_{i}")
            stored.append(got)
            assert got.path.suffix == ".png" and got.path.exists()
            assert got.size == got.path.stat().st_size
            info = image_info(got.path.read_bytes())
            assert info is not None and (info.width, info.height) == (1024, 680)
        assert len({s.sha256 for s in stored}) == 4
        assert not list(tmp_path.glob(".*.part"))
        after = await client.get_credits()
    assert isinstance(before, Credits)
    assert after.remaining == pytest.approx(before.remaining - 2.0)
    ledger = sim.ledger()
    assert [e["idempotency_key"] for e in ledger] == ["intent-1"]
    assert ledger[0]["task_id"] == task.id and ledger[0]["fault"] is None


async def test_draft_gives_24_small_images_and_hd_gives_2k(sim, tmp_path):
    async with make_client(sim) as client:
        draft = await client.create_generation(req("a koi pond, ink wash", speed="draft"))
        hd = await client.create_generation(
            req("a koi pond, ink wash", quality="hd", speed="turbo")
        )
        assert draft.credits_reserved == 2.0
        assert hd.credits_reserved == pytest.approx(2.0 * 2 * 1.5)
        d = await wait_done(client, draft.id)
        h = await wait_done(client, hd.id)
        assert len(d.results) == 24 and len(h.results) == 4
        small = await client.download(d.results[23], tmp_path / "d23")
        big = await client.download(h.results[0], tmp_path / "h0")
    assert (small.width, small.height) == (512, 512)
    assert (big.width, big.height) == (2048, 2048)


@pytest.mark.parametrize(
    "code",
    [
        "content_policy_violation",
        "generation_timeout",
        "service_error",
        "resource_exhausted",
        "quota_exceeded",
        "generation_failed_no_content",
        "image_processing_error",
        "unknown_error",
    ],
)
async def test_forced_task_failures_carry_their_code(sim, code):
    async with make_client(sim) as client:
        task = await client.create_generation(req(f"a quiet street sim:fail={code}"))
        done = await wait_done(client, task.id)
    assert done.status == "failed"
    assert done.error is not None and done.error.code == code and done.error.message
    assert done.results == ()


async def test_failed_without_error_object_is_tolerated(sim):
    async with make_client(sim) as client:
        task = await client.create_generation(req("a quiet street sim:fail=none"))
        done = await wait_done(client, task.id)
    assert done.status == "failed"
    assert done.error is not None and done.error.code == "unknown_error"


async def test_moderation_reduces_result_count(sim):
    async with make_client(sim) as client:
        task = await client.create_generation(req("three apples sim:moderate=2"))
        done = await wait_done(client, task.id)
    assert done.status == "completed" and len(done.results) == 2


async def test_progress_rises_and_never_exceeds_100(sim):
    sim.config(speed_factor=40.0)
    seen = []
    async with make_client(sim) as client:
        task = await client.create_generation(req())
        while True:
            t = await client.get_task(task.id)
            seen.append((t.status, t.progress))
            if t.is_terminal:
                break
    progresses = [p for _, p in seen]
    assert all(p is not None and 0 <= p <= 100 for p in progresses)
    assert progresses == sorted(progresses)
    assert {"processing", "completed"} <= {s for s, _ in seen}


async def test_simulator_cancel_hook_gives_request_cancelled(sim):
    sim.config(speed_factor=1.0)
    async with make_client(sim) as client:
        task = await client.create_generation(req())
        sim.cancel(task.id)
        done = await client.get_task(task.id)
    assert done.status == "failed" and done.error is not None
    assert done.error.code == "request_cancelled" and not done.error.retryable


async def test_variation_of_a_completed_task(sim):
    async with make_client(sim) as client:
        src = await wait_done(client, (await client.create_generation(req())).id)
        var = await client.create_generation(
            GenerationRequest(
                "",
                model="mj-v8.1-variation",
                extra_model_params={"task_id": src.id, "image_number": 3, "type": "strong"},
            )
        )
        done = await wait_done(client, var.id)
    assert done.model == "mj-v8.1-variation" and len(done.results) == 4
