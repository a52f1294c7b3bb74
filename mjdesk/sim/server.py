"""The simulator's HTTP face (aiohttp): EvoLink's API, files API, result images and ``/_sim/``.

One origin serves everything: ``/v1/...`` (API), ``/api/v1/files/...`` (files API), ``/files/...``
(uploaded files), ``/results/...`` (result images) and ``/_sim/...`` (control, guarded by the
``X-Sim-Control`` token).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from aiohttp import web

from .config import TASK_ERROR_CODES, SimConfig
from .control import ControlRoutes
from .files import FileRoutes
from .generations import GenerationRoutes


class Simulator(GenerationRoutes, FileRoutes, ControlRoutes):
    """The aiohttp application around a :class:`SimState`: every route family, one origin."""

    def _build_app(self) -> web.Application:
        max_size = max(self.config.file_max_bytes * 2 + 1024 * 1024, 4 * 1024 * 1024)
        app = web.Application(client_max_size=max_size, middlewares=[self._middleware])
        r = app.router
        r.add_post("/v1/images/generations", self.create)
        r.add_get("/v1/tasks/{task_id}", self._with_auth(self.get_task, "task"))
        r.add_get("/v1/credits", self._with_auth(self.get_credits, "credits"))
        r.add_post("/api/v1/files/upload/base64", self._with_auth(self.upload_base64, "files"))
        r.add_post("/api/v1/files/upload/stream", self._with_auth(self.upload_stream, "files"))
        r.add_post("/api/v1/files/upload/url", self._with_auth(self.upload_url, "files"))
        r.add_get("/api/v1/files/quota", self._with_auth(self.files_quota, "files"))
        r.add_get("/api/v1/files/list", self._with_auth(self.files_list, "files"))
        r.add_delete("/api/v1/files/{file_id}", self._with_auth(self.files_delete, "files"))
        r.add_get("/api/v1/files/download/{file_id}", self._with_auth(self.files_download, "files"))
        r.add_get("/files/{tail:.+}", self.serve_file)
        r.add_get("/results/{task_id}/{name}", self.serve_result)
        r.add_get("/_sim/ledger", self._control(self.c_ledger))
        r.add_get("/_sim/stats", self._control(self.c_stats))
        r.add_get("/_sim/callbacks", self._control(self.c_callbacks))
        r.add_get("/_sim/config", self._control(self.c_get_config))
        r.add_post("/_sim/config", self._control(self.c_config))
        r.add_post("/_sim/faults", self._control(self.c_add_fault))
        r.add_delete("/_sim/faults", self._control(self.c_clear_faults))
        r.add_post("/_sim/clock", self._control(self.c_clock))
        r.add_post("/_sim/reset", self._control(self.c_reset))
        r.add_post("/_sim/credits", self._control(self.c_credits))
        r.add_post("/_sim/tasks/{task_id}/cancel", self._control(self.c_cancel))
        return app


class SimThread:
    """Runs a simulator on its own thread and event loop (the demo, and tests with a Qt loop).

    ``start()`` returns the base URL once it is listening; ``stop()`` shuts it down.
    """

    def __init__(
        self,
        config: SimConfig | None = None,
        *,
        control_token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.sim = Simulator(config, control_token=control_token)
        self._host, self._port = host, port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stopped: asyncio.Event | None = None
        self._error: BaseException | None = None
        self.url = ""

    @property
    def control_token(self) -> str:
        return self.sim.control_token

    def start(self, timeout: float = 10.0) -> str:
        self._thread = threading.Thread(target=self._run, name="mjdesk-sim", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("the simulator did not start in time")
        if self._error is not None:
            raise RuntimeError(f"the simulator failed to start: {self._error}")
        return self.url

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            self._stopped = asyncio.Event()
            self.url = loop.run_until_complete(self.sim.start(self._host, self._port))
        except BaseException as exc:  # reported to start()
            self._error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_until_complete(self._stopped.wait())
            loop.run_until_complete(self.sim.stop())
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def call(self, fn: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Runs ``fn`` on the simulator's loop (for direct, thread-safe state access)."""
        assert self._loop is not None

        async def runner() -> Any:
            return fn()

        return asyncio.run_coroutine_threadsafe(runner(), self._loop).result(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is None or self._stopped is None or self._thread is None:
            return
        self._loop.call_soon_threadsafe(self._stopped.set)
        self._thread.join(timeout)
        self._thread = None

    def __enter__(self) -> SimThread:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


__all__ = ["TASK_ERROR_CODES", "SimThread", "Simulator"]
