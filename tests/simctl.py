"""A small synchronous helper for the simulator's control API (``/_sim/``), over real HTTP."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

DEMO_KEY = "mjdesk-demo-key"


class SimControl:
    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"X-Sim-Control": self.token, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    def reset(self) -> None:
        self._call("POST", "/_sim/reset", {})

    def config(self, **changes: Any) -> dict[str, Any]:
        return self._call("POST", "/_sim/config", changes)

    def fault(
        self, kind: str, route: str = "any", count: int = 1, match: str | None = None
    ) -> None:
        self._call(
            "POST", "/_sim/faults", {"kind": kind, "route": route, "count": count, "match": match}
        )

    def clear_faults(self) -> None:
        self._call("DELETE", "/_sim/faults")

    def ledger(self) -> list[dict[str, Any]]:
        return self._call("GET", "/_sim/ledger")["creates"]

    def stats(self) -> dict[str, Any]:
        return self._call("GET", "/_sim/stats")

    def callbacks(self) -> list[dict[str, Any]]:
        return self._call("GET", "/_sim/callbacks")["deliveries"]

    def advance(self, seconds: float) -> None:
        self._call("POST", "/_sim/clock", {"advance": seconds})

    def cancel(self, task_id: str) -> dict[str, Any]:
        return self._call("POST", f"/_sim/tasks/{task_id}/cancel", {})

    def set_credits(self, key: str, remaining: float) -> None:
        self._call("POST", "/_sim/credits", {"key": key, "remaining": remaining})

    def requests(self, route: str) -> int:
        return int(self.stats()["requests"].get(route, 0))

    @staticmethod
    def wait(predicate, timeout: float = 10.0, interval: float = 0.02) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return
            time.sleep(interval)
        raise AssertionError("condition not reached in time")
