"""Benchmark: N tasks through the engine against the simulator with faults injected.

Runs the same N tasks twice in one process: once with no faults (the baseline) and once at
``--fault-rate`` with every fault kind. It counts what a user would count, against the
simulator's own truth: every image of every task the server completed must be on disk (file
present, bytes as recorded), except for tasks created while the client could not learn their id
(the answer was lost), whose jobs must all show as "unconfirmed". Prints one line per run, then
a final JSON line: images missing from known tasks, unknown tasks, duplicate creates, wall
seconds and requests per task, beside the baseline's.

    python benchmarks/soak.py --tasks 300 --fault-rate 0.2
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from mjdesk.api import EvoLinkClient, RetryPolicy
from mjdesk.jobs import Engine, PollPolicy
from mjdesk.library import Library, NewJob
from mjdesk.sim import ALL_FAULTS, DEMO_KEY, SimConfig, SimThread
from mjdesk.sim.truth import ClientJob, reckon

SPEED = 400.0


def control(sim: SimThread, method: str, path: str, body: Any = None) -> Any:
    req = urllib.request.Request(
        sim.url + path,
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"X-Sim-Control": sim.control_token, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


async def run_once(sim: SimThread, tasks: int, fault_rate: float, root: Path) -> dict[str, Any]:
    control(sim, "POST", "/_sim/reset", {})
    control(
        sim, "POST", "/_sim/config", {"fault_rate": fault_rate, "fault_kinds": list(ALL_FAULTS)}
    )

    async def no_wait(_: float) -> None:
        return None

    start = time.perf_counter()
    library = await Library.open(root)
    async with EvoLinkClient(
        DEMO_KEY, base_url=sim.url, files_url=sim.url, retry=RetryPolicy(sleep=no_wait)
    ) as client:
        engine = Engine(client, library, policy=PollPolicy(scale=1 / SPEED), send_concurrency=4)
        await engine.start()
        speeds = ("fast", "turbo", "fast", "draft")
        await engine.submit(
            NewJob(f"soak {i}", f"benchmark image {i} --ar 4:3", speeds[i % 4], "standard")
            for i in range(tasks)
        )
        settled = await engine.wait_idle(1800)
        await engine.stop()
    wall = time.perf_counter() - start

    def describe(store: Any) -> list[ClientJob]:
        return [
            ClientJob(j.client_ref, j.task_id, j.state, store.verified_images(j.id))
            for j in store.jobs()
        ]

    jobs = await library.run(describe)
    check = await library.run(lambda s: s.db.execute("PRAGMA integrity_check").fetchone()[0])
    await library.close()
    ledger = control(sim, "GET", "/_sim/ledger")["creates"]
    stats = control(sim, "GET", "/_sim/stats")
    truth = reckon(ledger, stats, jobs)
    return {
        "tasks": tasks,
        "settled": settled,
        **truth.as_dict(),
        "integrity": check,
        "ok": truth.ok and settled and check == "ok",
        "wall_s": round(wall, 2),
        "requests_per_task": round(sum(stats["requests"].values()) / tasks, 2),
    }


async def main_async(args: argparse.Namespace) -> None:
    config = SimConfig(speed_factor=SPEED, image_scale=0.125, slow_seconds=0.05, seed=args.seed)
    sim = SimThread(config)
    sim.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            base = await run_once(sim, args.tasks, 0.0, Path(tmp) / "baseline")
            print(f"baseline (no faults): {base}")
            soak = await run_once(sim, args.tasks, args.fault_rate, Path(tmp) / "soak")
            print(f"soak (fault rate {args.fault_rate}): {soak}")
    finally:
        sim.stop()
    result = {
        "benchmark": "soak",
        "fault_rate": args.fault_rate,
        **{
            k: soak[k]
            for k in (
                "tasks",
                "tasks_created",
                "images_returned",
                "images_on_disk",
                "missing_from_known_tasks",
                "unknown_tasks",
                "unknown_not_unconfirmed",
                "duplicate_creates",
                "jobs_by_state",
                "wall_s",
                "requests_per_task",
            )
        },
        "baseline_images_returned": base["images_returned"],
        "baseline_images_on_disk": base["images_on_disk"],
        "baseline_wall_s": base["wall_s"],
        "baseline_requests_per_task": base["requests_per_task"],
        "pass": soak["ok"] and base["ok"],
    }
    print(json.dumps(result))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--tasks", type=int, default=300)
    p.add_argument("--fault-rate", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=7)
    asyncio.run(main_async(p.parse_args()))


if __name__ == "__main__":
    main()
