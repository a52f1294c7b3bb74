"""The job engine against the simulator: states, downloads, failures, pauses, resume."""

from __future__ import annotations

import asyncio
import json

import pytest

from mjdesk.core.prompt import analyze
from mjdesk.jobs import Engine, EngineNotice, ImageStored, JobChanged, PollPolicy
from mjdesk.library import Library, NewJob, provenance
from tests.e2e.helpers import make_client
from tests.simctl import DEMO_KEY

FAST = PollPolicy(scale=1 / 400)


class Rig:
    def __init__(self, engine, library, events):
        self.engine = engine
        self.library = library
        self.events = events

    async def job(self, job_id):
        return await self.library.run(lambda s: s.job(job_id))

    async def images(self, job_id):
        return await self.library.run(lambda s: s.images_of(job_id))

    async def settle(self, limit=20.0):
        assert await self.engine.wait_idle(limit), "the engine did not settle"


@pytest.fixture
async def rig(sim, tmp_path):
    library = await Library.open(tmp_path / "lib")
    client = make_client(sim)
    engine = Engine(client, library, policy=FAST)
    events = []
    engine.subscribe(events.append)
    await engine.start()
    yield Rig(engine, library, events)
    await engine.stop()
    await client.aclose()
    await library.close()


async def test_two_variants_are_sent_polled_downloaded_and_stored(rig, sim):
    rows = await rig.engine.submit_analysis(analyze("a {red, blue} kite over dunes --ar 3:2"))
    assert [r.state for r in rows] == ["saved", "saved"]
    await rig.settle()
    for row in rows:
        job = await rig.job(row.id)
        assert job.state == "stored" and job.task_id and job.progress == 100
        assert job.credits_reserved == 2.0 and job.finished_at is not None
        images = await rig.images(row.id)
        assert [i.idx for i in images] == [0, 1, 2, 3]
        for img in images:
            path = rig.library.store.absolute(img)
            data = path.read_bytes()
            assert path.name == f"{job.task_id}_{img.idx}.png"
            assert path.parent.parent.parent.name == "images"
            assert (img.width, img.height) == (1024, 680)
            import hashlib

            assert hashlib.sha256(data).hexdigest() == img.sha256 and len(data) == img.size
            meta = provenance.read(data)
            assert meta["task_id"] == job.task_id and meta["prompt"] == job.prompt_typed
            assert meta["speed"] == "fast" and meta["model"] == "mj-v8.1"
    states = [
        e.job.state for e in rig.events if isinstance(e, JobChanged) and e.job.id == rows[0].id
    ]
    assert states[0] == "sending" and states[1] == "accepted" and states[-1] == "stored"
    assert "downloading" in states
    assert sum(isinstance(e, ImageStored) for e in rig.events) == 8
    assert not list((rig.library.root / ".staging").glob("*"))
    ledger = sim.ledger()
    assert len(ledger) == 2 and len({e["idempotency_key"] for e in ledger}) == 2


async def test_draft_stores_24_images(rig):
    [row] = await rig.engine.submit_analysis(analyze("thumbnail ideas for a tea brand", "draft"))
    await rig.settle()
    assert (await rig.job(row.id)).state == "stored"
    assert len(await rig.images(row.id)) == 24


@pytest.mark.parametrize(
    ("keyword", "state", "code"),
    [
        ("sim:fail=content_policy_violation", "failed", "content_policy_violation"),
        ("sim:fail=none", "failed", "unknown_error"),
        ("sim:timeout", "timed_out", "generation_timeout"),
    ],
)
async def test_failed_tasks_get_a_plain_message(rig, sim, keyword, state, code):
    sim.config(task_timeout=40.0)
    [row] = await rig.engine.submit([NewJob(keyword, f"a tree {keyword}", "fast", "standard")])
    await rig.settle()
    job = await rig.job(row.id)
    assert job.state == state and job.error_code == code
    assert job.error_message and "_" not in job.error_message.split(".")[0]


async def test_moderated_results_store_what_came(rig):
    [row] = await rig.engine.submit([NewJob("x", "a tree sim:moderate=1", "fast", "standard")])
    await rig.settle()
    assert (await rig.job(row.id)).state == "stored"
    assert len(await rig.images(row.id)) == 1


async def test_unconfirmed_is_never_resent_until_the_user_says_so(rig, sim):
    sim.fault("reset_after", route="create")
    [row] = await rig.engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    await rig.settle()
    job = await rig.job(row.id)
    assert job.state == "unconfirmed" and "charged twice" in job.error_message
    assert len(sim.ledger()) == 1 and sim.ledger()[0]["task_id"] is not None
    await rig.engine.resend(row.id)
    await rig.settle()
    assert (await rig.job(row.id)).state == "stored"
    assert len(sim.ledger()) == 2


async def test_out_of_credits_pauses_and_resumes_without_losing_the_job(rig, sim):
    sim.set_credits(DEMO_KEY, 0)
    [row] = await rig.engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    for _ in range(200):
        if rig.engine.paused:
            break
        await asyncio.sleep(0.01)
    assert rig.engine.paused and "credits" in rig.engine.paused
    job = await rig.job(row.id)
    assert job.state == "saved" and "credits" in job.error_message
    sim.set_credits(DEMO_KEY, 100)
    rig.engine.resume_sending()
    await rig.settle()
    assert (await rig.job(row.id)).state == "stored"


async def test_rate_limited_create_waits_and_sends_once(rig, sim):
    sim.fault("rate_limit", route="create", count=2)
    [row] = await rig.engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    await rig.settle()
    assert (await rig.job(row.id)).state == "stored"
    created = [e for e in sim.ledger() if e["task_id"]]
    assert len(created) == 1


async def test_refused_fresh_links_are_a_fault_not_an_expiry(rig, sim):
    """A 403 on the link of a task completed minutes ago: the task is fetched again and the
    image retried until it is on disk; nothing is called expired."""
    sim.fault("expired_link", route="result", count=2)
    [row] = await rig.engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    await rig.settle()
    job = await rig.job(row.id)
    assert job.state == "stored" and job.expired_images == 0 and job.error_message is None
    assert len(await rig.images(row.id)) == 4
    assert sim.requests("result") == 6  # 4 links, 2 of them twice


async def test_links_older_than_their_lifetime_expire(sim, tmp_path):
    """Only links older than 30 days are given up as expired, and the job says how many."""
    library = await Library.open(tmp_path / "lib")
    client = make_client(sim)
    clock = {"now": 1_800_000_000.0}
    engine = Engine(client, library, policy=FAST, wall=lambda: clock["now"])
    await engine.start()
    [row] = await library.run(lambda s: s.add_jobs([NewJob("a", "a cup", "fast", "standard")]))
    done = clock["now"] - 31 * 86400
    task_id = "task-unified-1700000000-abcdefgh"
    urls = [f"{sim.url}/results/{task_id}/{i}.png" for i in range(4)]

    def old_completed_task(s):
        s.update_job(row.id, state="sending")
        s.update_job(row.id, state="accepted", task_id=task_id)
        s.update_job(row.id, state="needs_attention", results=json.dumps(urls), completed_at=done)

    await library.run(old_completed_task)
    await engine.resume(row.id)
    assert await engine.wait_idle(20)
    job = await library.run(lambda s: s.job(row.id))
    assert job.state == "expired" and job.expired_images == 4
    assert "4 of 4 result links expired" in job.error_message
    await engine.stop()
    await client.aclose()
    await library.close()


async def test_transient_faults_everywhere_still_store(rig, sim):
    sim.config(
        fault_rate=0.3,
        fault_kinds=[
            "server_error",
            "unavailable",
            "reset_before",
            "truncate",
            "rate_limit",
            "not_visible",
            "wrong_body",
        ],
        slow_seconds=0.1,
    )
    rows = await rig.engine.submit(
        [NewJob("a", f"a cup number {i}", "fast", "standard") for i in range(4)]
    )
    await rig.settle(60)
    sim.config(fault_rate=0.0)
    for row in rows:
        job = await rig.job(row.id)
        assert job.state in ("stored", "unconfirmed"), (job.state, job.error_message)
        if job.state == "stored":
            assert len(await rig.images(row.id)) == 4


async def test_dismiss_and_resume(rig, sim):
    sim.config(speed_factor=20.0)
    [row] = await rig.engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    for _ in range(300):
        if (await rig.job(row.id)).task_id:
            break
        await asyncio.sleep(0.01)
    await rig.engine.dismiss(row.id)
    assert (await rig.job(row.id)).state == "dismissed"
    sim.config(speed_factor=400.0)
    await rig.engine.resume(row.id)
    await rig.settle()
    assert (await rig.job(row.id)).state == "stored"


async def test_retry_makes_a_new_job(rig):
    [row] = await rig.engine.submit(
        [NewJob("x", "a tree sim:fail=service_error", "fast", "standard")]
    )
    await rig.settle()
    again = await rig.engine.retry(row.id)
    assert again.id != row.id and again.prompt == "a tree sim:fail=service_error"


async def test_resume_after_a_restart(sim, tmp_path):
    sim.config(speed_factor=40.0)
    library = await Library.open(tmp_path / "lib")
    client = make_client(sim)
    engine = Engine(client, library, policy=FAST)
    await engine.start()
    [row] = await engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    for _ in range(300):
        if (await library.run(lambda s: s.job(row.id))).task_id:
            break
        await asyncio.sleep(0.01)
    await engine.stop()
    await library.close()
    sim.config(speed_factor=400.0)
    library = await Library.open(tmp_path / "lib")
    engine = Engine(client, library, policy=FAST)
    await engine.start()
    assert await engine.wait_idle(20)
    job = await library.run(lambda s: s.job(row.id))
    assert job.state == "stored" and len(await library.run(lambda s: s.images_of(row.id))) == 4
    await engine.stop()
    await client.aclose()
    await library.close()
    assert len(sim.ledger()) == 1


async def test_a_job_found_sending_at_start_becomes_unconfirmed(sim, tmp_path):
    library = await Library.open(tmp_path / "lib")
    [row] = await library.run(lambda s: s.add_jobs([NewJob("a", "a cup", "fast", "standard")]))
    await library.run(lambda s: s.update_job(row.id, state="sending"))
    client = make_client(sim)
    engine = Engine(client, library, policy=FAST)
    await engine.start()
    job = await library.run(lambda s: s.job(row.id))
    assert job.state == "unconfirmed" and "may have been created" in job.error_message
    assert sim.ledger() == []
    await engine.stop()
    await client.aclose()
    await library.close()


async def test_result_urls_are_kept_on_the_job(rig):
    [row] = await rig.engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    await rig.settle()
    job = await rig.job(row.id)
    assert len(json.loads(job.results)) == 4


async def wait_state(rig, job_id, state, limit=20.0):
    """Waits for the engine to report ``job_id`` in ``state``; returns the job."""
    reached = asyncio.Event()

    def on(event):
        if isinstance(event, JobChanged) and event.job.id == job_id and event.job.state == state:
            reached.set()

    unsubscribe = rig.engine.subscribe(on)
    try:
        if (await rig.job(job_id)).state != state:
            await asyncio.wait_for(reached.wait(), limit)
    finally:
        unsubscribe()
    return await rig.job(job_id)


@pytest.mark.parametrize("point", ["store_file:3", "commit:3@4"])
async def test_a_full_disk_is_surfaced_and_the_write_retried(rig, monkeypatch, point):
    """The disk fills at an image write or at a database commit: the engine says so, waits,
    and every image ends on disk once writes succeed again."""
    monkeypatch.setenv("MJDESK_DISK_FULL", point)
    [row] = await rig.engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    job = await wait_state(rig, row.id, "stored")
    assert len(await rig.images(row.id)) == 4
    notices = [e.message for e in rig.events if isinstance(e, EngineNotice)]
    assert any("disk holding the library is full" in m for m in notices), notices
    assert rig.engine.storage_blocked is None and job.error_message is None
    leftovers = [p for p in (rig.library.root / "images").rglob(".*")]
    assert leftovers == []
    check = await rig.library.run(lambda s: s.db.execute("PRAGMA integrity_check").fetchone()[0])
    assert check == "ok"


async def test_a_callback_url_is_sent_and_polling_still_finishes(sim, tmp_path):
    library = await Library.open(tmp_path / "lib")
    client = make_client(sim)
    engine = Engine(client, library, policy=FAST, callback_url="https://hooks.example.com/mjdesk")
    await engine.start()
    [row] = await engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    assert await engine.wait_idle(20)
    assert (await library.run(lambda s: s.job(row.id))).state == "stored"
    await engine.stop()
    await client.aclose()
    await library.close()
    assert sim.ledger()[0]["callback_url"] == "https://hooks.example.com/mjdesk"
    # the simulator records the delivery but never sends anything off this computer
    [delivery] = sim.callbacks()
    assert delivery["url"] == "https://hooks.example.com/mjdesk" and delivery["skipped"]
