"""Nothing paid for is lost, nothing is billed twice: the call sequences and faults an
adversarial review used, judged by the simulator's create ledger and task results."""

from __future__ import annotations

import asyncio
import random
from collections import Counter

import pytest

from mjdesk.core.jobs import TRANSITIONS, can_move
from mjdesk.jobs import Engine, JobChanged, PollPolicy
from mjdesk.library import Library, NewJob
from tests.e2e.helpers import make_client
from tests.simctl import DEMO_KEY

FAST = PollPolicy(scale=1 / 400)


def creates_per_intent(sim) -> Counter:
    """How many tasks EvoLink created for each intent (its Idempotency-Key)."""
    return Counter(e["idempotency_key"] for e in sim.ledger() if e["task_id"])


async def until(engines, check, limit=15.0):
    """Waits until ``await check()`` holds, checking again after each engine event."""
    changed = asyncio.Event()
    unsubscribe = [e.subscribe(lambda _event: changed.set()) for e in engines]
    try:
        async with asyncio.timeout(limit):
            while True:
                changed.clear()
                if await check():
                    return
                await changed.wait()
    finally:
        for u in unsubscribe:
            u()


@pytest.fixture
async def lib(tmp_path):
    library = await Library.open(tmp_path / "lib")
    yield library
    await library.close()


@pytest.fixture
async def engine(sim, lib):
    client = make_client(sim)
    engine = Engine(client, lib, policy=FAST)
    events = []
    engine.subscribe(events.append)
    engine.seen = events
    await engine.start()
    yield engine
    await engine.stop()
    await client.aclose()


async def state_of(lib, job_id):
    return (await lib.run(lambda s: s.job(job_id))).state


async def test_stop_waiting_resume_then_resume_sending_bills_once(sim, lib, engine):
    """402 pauses sending; Stop waiting, Resume, top-up, Resume sending: one task."""
    sim.set_credits(DEMO_KEY, 0)
    [row] = await engine.submit([NewJob("a cup", "a cup", "fast", "standard")])
    await until([engine], lambda: asyncio.sleep(0, engine.paused is not None))
    assert await state_of(lib, row.id) == "saved"
    await engine.dismiss(row.id)  # the queue's "Stop waiting"
    await engine.resume(row.id)  # the queue's "Resume"
    sim.set_credits(DEMO_KEY, 1000)
    engine.resume_sending()  # the banner's "Resume sending"
    engine.resume_sending()
    assert await engine.wait_idle(20)
    assert await state_of(lib, row.id) == "stored"
    assert list(creates_per_intent(sim).values()) == [1]
    assert len(await lib.run(lambda s: s.images_of(row.id))) == 4


async def test_a_402_answered_after_resume_sending_does_not_stop_sending_again(sim, lib, engine):
    """A create sent while the credits were out, answered 402 only after the user topped up
    and pressed "Resume sending": old news. Sending goes on (the job is sent again, once);
    it does not pause a second time and leave the job waiting for a click already made."""
    sim.set_credits(DEMO_KEY, 0)
    sim.config(slow_seconds=1.0)
    sim.fault("slow_drip", route="create", count=1)  # the 402 is decided now, delivered slowly
    [row] = await engine.submit([NewJob("a cup", "a cup", "fast", "standard")])

    async with asyncio.timeout(10):  # until the request has arrived (its answer still drips)
        while not sim.ledger():  # noqa: ASYNC110 - the simulator is polled over HTTP
            await asyncio.sleep(0.02)
    assert sim.ledger()[0]["status"] == 402 and engine.paused is None
    sim.set_credits(DEMO_KEY, 1000)
    engine.resume_sending()  # while the 402 is still on its way
    assert await engine.wait_idle(20)
    assert engine.paused is None
    assert await state_of(lib, row.id) == "stored"
    assert list(creates_per_intent(sim).values()) == [1]


@pytest.mark.parametrize("seed", range(6))
async def test_any_order_of_queue_and_banner_actions_bills_once(sim, lib, engine, seed):
    """Random sequences of the queue's and the banner's actions while sending is paused or
    backing off after 429s, with send slots contended: at most one task per intent."""
    rng = random.Random(seed)
    if seed % 2:
        sim.set_credits(DEMO_KEY, 0)
    else:
        sim.fault("rate_limit", route="create", count=6)
    rows = await engine.submit(
        [NewJob("a", f"a cup number {i}", "fast", "standard") for i in range(4)]
    )
    for _ in range(25):
        row = rng.choice(rows)
        action = rng.choice(["dismiss", "resume", "resend", "retry_sending", "wait"])
        try:
            if action == "retry_sending":
                engine.resume_sending()
            elif action == "wait":
                await asyncio.sleep(rng.random() * 0.02)
            else:
                await getattr(engine, action)(row.id)
        except ValueError:
            pass  # the action does not apply in this state, as the queue would show
    sim.set_credits(DEMO_KEY, 1000)
    engine.resume_sending()
    for row in rows:
        if await state_of(lib, row.id) == "dismissed":
            await engine.resume(row.id)
    assert await engine.wait_idle(30)
    per_intent = creates_per_intent(sim)
    assert all(n == 1 for n in per_intent.values()), per_intent
    for row in rows:
        assert await state_of(lib, row.id) == "stored"


async def test_two_engines_on_one_library_never_send_one_job_twice(sim, lib):
    """Two engines resuming the same unsent jobs (two overlapping connects): the row's
    compare-and-set lets exactly one of them send each job."""
    rows = await lib.run(
        lambda s: s.add_jobs([NewJob("a", f"a kite {i}", "fast", "standard") for i in range(6)])
    )
    clients = [make_client(sim), make_client(sim)]
    engines = [Engine(c, lib, policy=FAST) for c in clients]
    await asyncio.gather(*(e.start() for e in engines))

    async def all_stored():
        jobs = await lib.run(lambda s: s.jobs())
        return all(j.state == "stored" for j in jobs)

    await until(engines, all_stored, 20)
    for e in engines:
        await e.stop()
    for c in clients:
        await c.aclose()
    per_intent = creates_per_intent(sim)
    assert len(per_intent) == 6 and set(per_intent.values()) == {1}, per_intent
    for row in rows:
        assert len(await lib.run(lambda s, i=row.id: s.images_of(i))) == 4


async def test_a_job_stopped_while_backing_off_was_not_in_flight(sim, lib, tmp_path):
    """Killed while it waits after a 429 (no request in flight), the job is simply sent on
    the next start, not called "may have been created"."""
    sim.fault("rate_limit", route="create", count=1)
    client = make_client(sim)
    engine = Engine(client, lib, policy=PollPolicy(scale=1.0))  # a real wait after the 429
    await engine.start()
    [row] = await engine.submit([NewJob("a cup", "a cup", "fast", "standard")])

    async def backing_off():
        job = await lib.run(lambda s: s.job(row.id))
        return job.state == "saved" and job.send_attempts == 1

    await until([engine], backing_off)
    await engine.stop()  # everything in flight is cancelled, like a kill
    assert await state_of(lib, row.id) == "saved"
    engine = Engine(client, lib, policy=FAST)
    await engine.start()
    assert await engine.wait_idle(20)
    await engine.stop()
    await client.aclose()
    assert await state_of(lib, row.id) == "stored"
    assert list(creates_per_intent(sim).values()) == [1]


async def test_moderation_withholding_is_told_apart_from_a_loss(sim, lib, engine):
    [row] = await engine.submit([NewJob("a cup", "a cup sim:moderate=2", "fast", "standard")])
    assert await engine.wait_idle(20)
    job = await lib.run(lambda s: s.job(row.id))
    assert job.state == "stored" and job.withheld_images == 2 and job.expired_images == 0
    assert job.error_message == "2 of 4 images withheld by EvoLink's moderation"
    assert len(await lib.run(lambda s: s.images_of(row.id))) == 2
    assert sim.requests("result") == 2  # the withheld ones are not asked for


async def test_a_task_listing_thousands_of_results_downloads_nothing(sim, lib, engine):
    [row] = await engine.submit([NewJob("a cup", "a cup sim:results=10000", "fast", "standard")])
    assert await engine.wait_idle(20)
    job = await lib.run(lambda s: s.job(row.id))
    assert job.state == "needs_attention" and job.error_code == "protocol"
    assert "10000 results" in job.error_message
    assert sim.requests("result") == 0


async def test_every_move_the_engine_makes_is_in_the_table(sim, lib, engine):
    """Walks the transitions of a busy run (faults, pauses, user actions) against
    core.jobs.TRANSITIONS: none outside it."""
    sim.config(
        fault_rate=0.3,
        fault_kinds=["server_error", "reset_before", "rate_limit", "expired_link", "truncate"],
    )
    rows = await engine.submit(
        [
            NewJob("a", f"a lamp {i} {kw}", "fast", "standard")
            for i, kw in enumerate(["", "sim:fail=service_error", "sim:moderate=1", ""])
        ]
    )
    await engine.dismiss(rows[3].id)
    await engine.resume(rows[3].id)
    assert await engine.wait_idle(30)
    sim.config(fault_rate=0.0)
    moves = {(e.previous_state, e.job.state) for e in engine.seen if isinstance(e, JobChanged)}
    assert moves, "no transitions seen"
    assert all(can_move(a, b) for a, b in moves), moves - {
        (a, b) for a in TRANSITIONS for b in TRANSITIONS[a]
    }


@pytest.mark.parametrize("prompt", ["a cup sim:leak", "a cup sim:leak sim:fail=odd_failure"])
async def test_a_key_the_server_echoes_is_never_stored(sim, lib, engine, prompt):
    """The server puts the key into result links (verbatim and percent-encoded) or into an
    error message: the images still arrive, and the library holds no form of the key."""
    import base64
    from urllib.parse import quote

    [row] = await engine.submit([NewJob("a cup", prompt, "fast", "standard")])
    assert await engine.wait_idle(20)
    job = await lib.run(lambda s: s.job(row.id))
    if "fail" in prompt:
        assert job.state == "failed" and "[redacted]" in job.error_message, job.error_message
    else:
        assert job.state == "stored" and "[redacted]" in job.results
        assert len(await lib.run(lambda s: s.images_of(row.id))) == 4
    await lib.run(lambda s: s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
    spelled = "".join(f"%{b:02x}" for b in DEMO_KEY.encode())
    forms = [
        DEMO_KEY,
        quote(DEMO_KEY, safe=""),
        spelled,
        spelled.upper(),
        base64.b64encode(DEMO_KEY.encode()).decode(),
    ]
    for path in lib.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for form in forms:
                assert form.encode() not in data, (path, form)


async def test_stopping_the_engine_lets_a_create_in_flight_be_answered(sim, lib):
    """Replacing the engine (a Settings save, a second connect) while a create is in flight:
    the answer is awaited (briefly), so the job is accepted, not left "sending" — which the
    next engine would have to call unconfirmed — and no new create leaves meanwhile."""
    sim.config(slow_seconds=0.5)
    sim.fault("slow", route="create", count=1)
    client = make_client(sim)
    engine = Engine(client, lib, policy=FAST)
    await engine.start()
    rows = await engine.submit([NewJob("a", f"a kite {i}", "fast", "standard") for i in range(2)])

    async def in_flight() -> bool:
        return any(j.state == "sending" for j in engine.book.jobs.values())

    await until([engine], in_flight)
    await engine.stop()
    await client.aclose()
    states = sorted([await state_of(lib, r.id) for r in rows])
    assert "sending" not in states and "unconfirmed" not in states, states
    jobs = [await lib.run(lambda s, i=r.id: s.job(i)) for r in rows]
    created = {e["task_id"] for e in sim.ledger() if e["task_id"]}
    assert created == {j.task_id for j in jobs if j.task_id}  # every task created is known
