"""``/_sim/``: the control routes tests and benchmarks use (ledger, stats, config, faults,
clock, credits, cancel), guarded by the control token."""

from __future__ import annotations

from dataclasses import asdict

from aiohttp import web

from .base import (
    SimBase,
)
from .config import FAULT_ROUTES, Fault


class ControlRoutes(SimBase):
    # -- control -----------------------------------------------------------------------------

    async def c_ledger(self, request: web.Request) -> web.StreamResponse:
        return web.json_response({"creates": self.state.ledger})

    async def c_stats(self, request: web.Request) -> web.StreamResponse:
        st = self.state
        now = st.now()
        tasks = {t.id: t.status_at(now) for t in st.tasks.values()}
        # the truth a client is judged against: how many images each completed task returned
        results = {t.id: t.n_results for t in st.tasks.values() if t.status_at(now) == "completed"}
        return web.json_response(
            {**st.stats, "tasks": tasks, "results": results, "files": len(st.files)}
        )

    async def c_callbacks(self, request: web.Request) -> web.StreamResponse:
        return web.json_response({"deliveries": self.state.callbacks})

    async def c_get_config(self, request: web.Request) -> web.StreamResponse:
        return web.json_response(self.state.snapshot_config())

    async def c_config(self, request: web.Request) -> web.StreamResponse:
        try:
            changes = await request.json()
            if not isinstance(changes, dict):
                raise ValueError("expected an object")
            for bad in ("keys", "broke_keys", "forbidden_keys"):
                if bad in changes and not isinstance(changes[bad], list):
                    raise ValueError(f"{bad} must be a list")
            if "fault_kinds" in changes:
                unknown = set(changes["fault_kinds"]) - set(FAULT_ROUTES)
                if unknown:
                    raise ValueError(f"unknown fault kinds {sorted(unknown)}")
            self.config.update(changes)
        except (ValueError, TypeError) as exc:
            return web.json_response({"error": str(exc)}, status=400)
        if "seed" in changes:
            import random

            self.state.rng = random.Random(self.config.seed)
        return web.json_response(self.state.snapshot_config())

    async def c_add_fault(self, request: web.Request) -> web.StreamResponse:
        try:
            body = await request.json()
            items = body if isinstance(body, list) else [body]
            faults = []
            for item in items:
                fault = Fault(
                    kind=str(item["kind"]),
                    route=str(item.get("route", "any")),
                    count=int(item.get("count", 1)),
                    match=item.get("match"),
                )
                if fault.kind not in FAULT_ROUTES:
                    raise ValueError(f"unknown fault kind {fault.kind!r}")
                faults.append(fault)
        except (ValueError, TypeError, KeyError) as exc:
            return web.json_response({"error": str(exc)}, status=400)
        self.state.faults.extend(faults)
        return web.json_response({"queued": [asdict(f) for f in self.state.faults]})

    async def c_clear_faults(self, request: web.Request) -> web.StreamResponse:
        self.state.faults.clear()
        self.state.burst_left = 0
        return web.json_response({"queued": []})

    async def c_clock(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.state.clock_offset += float(body.get("advance", 0))
        return web.json_response({"now": self.state.now(), "offset": self.state.clock_offset})

    async def c_reset(self, request: web.Request) -> web.StreamResponse:
        for task in list(self._background):
            task.cancel()
        self.state.reset()
        return web.json_response({"ok": True})

    async def c_credits(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        key = str(body.get("key", ""))
        self.state.balances[key] = float(body["remaining"])
        return web.json_response({"ok": True})

    async def c_cancel(self, request: web.Request) -> web.StreamResponse:
        task = self.state.tasks.get(request.match_info["task_id"])
        if task is None:
            return web.json_response({"error": "no such task"}, status=404)
        if task.status_at(self.state.now()) in ("pending", "processing"):
            task.cancelled_at = self.state.now()
        return web.json_response(self.state.task_view(task))
