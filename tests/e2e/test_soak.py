"""Soak: 300 tasks through the engine with 20 % of all requests faulted, every fault kind."""

from __future__ import annotations

import collections
import hashlib

from mjdesk.api import EvoLinkClient, RetryPolicy
from mjdesk.api.sniff import is_complete
from mjdesk.jobs import Engine, PollPolicy
from mjdesk.library import Library, NewJob
from mjdesk.sim import ALL_FAULTS
from mjdesk.sim.truth import ClientJob, reckon
from tests.simctl import DEMO_KEY

TASKS = 300
# Faults after which the server created the task but the client never saw the answer.
DROPPED = {"reset_after", "bad_gateway", "gateway_timeout"}
# Faults the client cannot tell apart from those (a reset or a 5xx after sending).
AMBIGUOUS = DROPPED | {"reset_before", "server_error"}


async def test_soak_300_tasks_at_20_percent_faults(sim, tmp_path):
    sim.config(
        fault_rate=0.2,
        fault_kinds=list(ALL_FAULTS),
        slow_seconds=0.05,
        image_scale=0.125,
        speed_factor=400.0,
        seed=99,
    )

    async def no_wait(_: float) -> None:
        return None

    policy = RetryPolicy(sleep=no_wait)
    library = await Library.open(tmp_path / "lib")
    async with EvoLinkClient(DEMO_KEY, base_url=sim.url, files_url=sim.url, retry=policy) as client:
        engine = Engine(client, library, policy=PollPolicy(scale=1 / 400), send_concurrency=4)
        await engine.start()
        speeds = ["fast", "turbo", "draft"]
        rows = await engine.submit(
            NewJob(
                f"soak {i}",
                f"soak image number {i} --ar 4:3",
                "draft" if i % 10 == 9 else speeds[i % 2],
                "standard",
            )
            for i in range(TASKS)
        )
        assert await engine.wait_idle(240), "the engine did not settle"
        await engine.stop()
    sim.config(fault_rate=0.0)
    jobs = await library.run(lambda s: s.jobs())
    images = await library.run(lambda s: [s.images_of(j.id) for j in jobs])
    described = await library.run(
        lambda s: [
            ClientJob(j.client_ref, j.task_id, j.state, s.verified_images(j.id)) for j in jobs
        ]
    )
    root = library.root
    await library.close()

    assert len(jobs) == len(rows) == TASKS
    states = collections.Counter(j.state for j in jobs)
    assert set(states) <= {"stored", "unconfirmed"}, states
    # what a user would count, against the simulator's own truth
    truth = reckon(sim.ledger(), sim.stats(), described)
    assert truth.ok, truth.as_dict()
    assert truth.images_on_disk == truth.images_returned - sum(
        n for t, n in sim.stats()["results"].items() if t not in {j.task_id for j in jobs}
    )

    ledger = sim.ledger()
    by_ref = collections.defaultdict(list)
    for entry in ledger:
        by_ref[entry["idempotency_key"]].append(entry)
    faults_seen = collections.Counter(e["fault"] for e in ledger if e["fault"])

    for job, imgs in zip(jobs, images, strict=True):
        entries = by_ref[job.client_ref]
        created = [e for e in entries if e["task_id"]]
        # G1: never two creates for one intent, never a resend after an ambiguous failure
        assert len(created) <= 1, entries
        for e in entries[:-1]:
            assert e["fault"] not in AMBIGUOUS, ("resent after an ambiguous failure", entries)
        last = entries[-1]
        if job.state == "unconfirmed":
            assert last["fault"] in AMBIGUOUS, (job.error_message, entries)
        else:
            # G2: every task the client heard about is finished and stored (or its links expired)
            assert created and job.task_id == created[0]["task_id"]
            expected = len(job.result_urls)
            assert len(imgs) == expected and job.expired_images == 0
            assert expected == (24 if job.speed == "draft" else 4)
            for img in imgs:
                data = (root / img.path).read_bytes()
                assert is_complete(data) and hashlib.sha256(data).hexdigest() == img.sha256
        if created and last["fault"] in DROPPED:
            assert job.state == "unconfirmed"
    assert states["stored"] >= TASKS * 0.8, states
    # every fault kind was injected somewhere in the run
    stats = sim.stats()["faults"]
    assert set(stats) >= set(ALL_FAULTS) - {"burst"}, stats
    print(f"\nsoak: {dict(states)}; create faults {dict(faults_seen)}; all faults {stats}")
