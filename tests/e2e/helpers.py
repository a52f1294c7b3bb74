"""Helpers for client tests against the simulator (real loopback HTTP)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from mjdesk.api import EvoLinkClient, GenerationRequest, Limits, RetryPolicy, Task
from tests.simctl import DEMO_KEY, SimControl


@dataclass
class SleepLog:
    """An injected sleep that records the waits and returns at once."""

    waits: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


def make_client(
    sim: SimControl,
    key: str = DEMO_KEY,
    *,
    sleeps: SleepLog | None = None,
    limits: Limits | None = None,
) -> EvoLinkClient:
    policy = RetryPolicy(sleep=sleeps or SleepLog(), random=lambda: 1.0)
    return EvoLinkClient(key, base_url=sim.url, files_url=sim.url, retry=policy, limits=limits)


async def wait_done(client: EvoLinkClient, task_id: str, limit: float = 15.0) -> Task:
    async with asyncio.timeout(limit):
        while True:
            task = await client.get_task(task_id)
            if task.is_terminal:
                return task
            await asyncio.sleep(0.02)


def req(prompt: str = "a lighthouse at dusk, oil painting --ar 3:2", **kw) -> GenerationRequest:
    return GenerationRequest(prompt, **kw)
