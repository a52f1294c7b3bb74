"""EvoLink's task routes: create (V8.1 and its edit routes), query a task, credits, and the
result images a completed task links to."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import urlsplit

from aiohttp import ClientSession, ClientTimeout, web

from . import rules
from .base import (
    _HTML_502,
    _TASK_ID_RE,
    KEY,
    SimBase,
    _Abort,
    _api_error,
)
from .canvas import Pixels, decode_png, render_edit
from .config import EDIT_MODELS, MAIN_MODEL, PROCESSED_FAULTS, fingerprint
from .images import encode_png, render_png
from .invalid import _Invalid
from .picture import compose
from .state import SimTask


class GenerationRoutes(SimBase):
    # -- generation --------------------------------------------------------------------------

    async def create(self, request: web.Request) -> web.StreamResponse:
        """Every create is written to the ledger, whatever its fate (even a 401)."""
        st = self.state
        route = "create"
        self._count(route)
        refused = self._auth_failure(request)
        key: str = request[KEY]
        raw = await request.read()
        prompt_hint = None
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("prompt"), str):
            prompt_hint = body["prompt"]
        entry = st.record_create(
            prompt=prompt_hint,
            task_id=None,
            fault=None,
            key_fingerprint=fingerprint(key),
            idempotency_key=request.headers.get("Idempotency-Key"),
            model=body.get("model") if isinstance(body, dict) else None,
            model_params=body.get("model_params") if isinstance(body, dict) else None,
            image_urls=body.get("image_urls") if isinstance(body, dict) else None,
            callback_url=body.get("callback_url") if isinstance(body, dict) else None,
            status=None,
        )
        if refused is not None:
            entry["status"] = refused.status
            return refused
        kind = st.pick_fault(route, prompt_hint)
        entry["fault"] = kind
        early_kind = None if kind in PROCESSED_FAULTS else kind
        early = await self._fault_response(early_kind, route)
        if early is not None:
            entry["status"] = early.status
            return early
        if len(raw) > self.config.max_body_bytes:
            entry["status"] = 413
            return _api_error(413, "Request body too large", "request_too_large_error")
        if st.rate_limited(key):
            entry["status"] = 429
            return self._rate_limited()
        response = self._create_task(key, body, entry)
        entry["status"] = response.status
        # faults after processing act on a created task; a slow drip also on a refusal
        late = kind if entry["task_id"] or kind == "slow_drip" else None
        return await self._finish(request, late, response)

    def _create_task(self, key: str, body: Any, entry: dict[str, Any]) -> web.Response:
        st = self.state
        cfg = self.config
        if not isinstance(body, dict):
            return _api_error(400, "Request body must be a JSON object", "invalid_request_error")
        model = body.get("model")
        if not isinstance(model, str) or not model:
            return _api_error(400, "model is required", "invalid_request_error", param="model")
        if model != MAIN_MODEL and model not in EDIT_MODELS:
            if cfg.unknown_model_status == 404:
                return _api_error(404, f"Model {model} not found", "not_found_error", param="model")
            return _api_error(
                400, f"Unsupported model: {model}", "invalid_request_error", param="model"
            )
        if cfg.max_concurrent_tasks and st.running_tasks(key) >= cfg.max_concurrent_tasks:
            headers = {"Retry-After": "2"} if cfg.retry_after_header else None
            return _api_error(
                429,
                "Too many concurrent tasks",
                "rate_limit_error",
                suggestion="reduce concurrent tasks; retry after 2 seconds",
                headers=headers,
            )
        failure: str | None = None
        try:
            if model == MAIN_MODEL:
                prompt, speed, quality, source, geometry = rules.check_generation(body)
            else:
                prompt, speed, quality, source, geometry = rules.check_edit(
                    self.state, key, model, body
                )
            callback = rules.check_callback(
                body.get("callback_url"), allow_private=self.config.allow_private_callbacks
            )
        except _Invalid as exc:
            if cfg.validation == "async" and exc.switchable:
                failure = "invalid_parameters"
                prompt = str(body.get("prompt") or "")
                speed, quality, source, callback = "fast", "standard", None, None
                geometry = None
            else:
                return _api_error(400, exc.message, "invalid_request_error", param=exc.param)
        from .config import QUALITY_MULT, SPEED_MULT

        cost = round(
            cfg.base_credits * SPEED_MULT.get(speed, 1.0) * QUALITY_MULT.get(quality, 1.0), 4
        )
        if st.key_status(key) == "broke" or not st.charge(key, cost):
            return _api_error(
                402,
                "Insufficient balance",
                "insufficient_quota_error",
                suggestion="top up your credits",
            )
        task = st.make_task(
            key=key,
            model=model,
            prompt=prompt,
            speed=speed,
            quality=quality,
            callback_url=callback,
            failure=failure,
            source=source,
            geometry=geometry,
        )
        entry["task_id"] = task.id
        if callback:
            self._spawn(self._deliver_callback(task))
        return web.json_response(st.create_view(task))

    async def _deliver_callback(self, task: SimTask) -> None:
        st = self.state
        wait = task.terminal_at() - st.now()
        while wait > 0:
            await asyncio.sleep(min(wait, 1.0))
            wait = task.terminal_at() - st.now()
        payload = st.task_view(task)
        host = urlsplit(task.callback_url or "").hostname or ""
        if host not in ("127.0.0.1", "localhost", "::1"):
            # The simulator never sends traffic off this computer: the delivery is recorded only.
            st.callbacks.append(
                {
                    "task_id": task.id,
                    "url": task.callback_url,
                    "attempt": 0,
                    "at": st.now(),
                    "skipped": "not a loopback address",
                }
            )
            return
        delays = [0.0, 1.0, 2.0, 4.0]
        async with ClientSession(timeout=ClientTimeout(total=10)) as session:
            for attempt, delay in enumerate(delays):
                if delay:
                    await asyncio.sleep(self.config.scaled(delay))
                record: dict[str, Any] = {
                    "task_id": task.id,
                    "url": task.callback_url,
                    "attempt": attempt + 1,
                    "at": st.now(),
                }
                try:
                    assert task.callback_url is not None
                    async with session.post(task.callback_url, json=payload) as resp:
                        record["status"] = resp.status
                        ok = 200 <= resp.status < 300
                except Exception as exc:  # the receiver is someone else's server
                    record["error"] = type(exc).__name__
                    ok = False
                st.callbacks.append(record)
                if ok:
                    return

    async def get_task(self, request: web.Request, route: str) -> web.StreamResponse:
        st = self.state
        task_id = request.match_info["task_id"]
        gets = st.stats["task_gets"]
        gets[task_id] = gets.get(task_id, 0) + 1
        kind = st.pick_fault(route)
        early = await self._fault_response(None if kind == "not_visible" else kind, route)
        if early is not None:
            return early
        if not _TASK_ID_RE.match(task_id):
            return _api_error(
                400,
                "Invalid task ID format, must start with 'task-unified-'",
                "invalid_request_error",
                code="invalid_task_id",
                param="task_id",
            )
        task = st.tasks.get(task_id)
        if (
            task is None
            or task.key != request[KEY]
            or st.now() > task.created + self.config.task_retention
        ):
            return _api_error(
                404, "Task ID invalid or expired", "not_found_error", code="resource_not_found"
            )
        # Eventual consistency only ever hides a task in its first moments.
        if kind == "not_visible" and st.now() - task.created < self.config.scaled(30):
            return _api_error(404, "Unknown task ID", "not_found_error")
        st.settle(task)
        return await self._finish(request, kind, web.json_response(st.task_view(task)))

    async def get_credits(self, request: web.Request, route: str) -> web.StreamResponse:
        st = self.state
        kind = st.pick_fault(route)
        early = await self._fault_response(kind, route)
        if early is not None:
            return early
        key = request[KEY]
        for task in st.tasks.values():
            if task.key == key:
                st.settle(task)
        remaining = round(st.balance(key), 4)
        used = round(st.used.get(key, 0.0), 4)
        payload = {
            "data": {
                "token": {
                    "remaining_credits": remaining,
                    "unlimited_credits": False,
                    "used_credits": used,
                },
                "user": {"remaining_credits": remaining, "used_credits": used},
            },
            "message": "",
            "success": True,
        }
        return await self._finish(request, kind, web.json_response(payload))

    # -- results -----------------------------------------------------------------------------

    def _render_edit(self, task: SimTask, index: int) -> bytes:
        """A canvas edit's result: the canvas, the source placed, the rest painted anew."""
        geo = task.geometry
        painted = compose(task.prompt, task.id, index, task.width, task.height)
        source = self._source_pixels(task)
        mask = self._file_pixels(geo.mask_url) if geo.mask_url else None
        rows = render_edit(geo, task.width, task.height, painted, source, mask)
        return encode_png(task.width, task.height, rows)

    def _source_pixels(self, task: SimTask) -> Pixels | None:
        """The source image of an edit: a task's own picture (by task id, or by one of its
        result links), or an uploaded PNG; None where it cannot be read."""
        ref = task.source or task.geometry.source_task()
        if ref is not None:
            src = self.state.tasks.get(ref[0])
            if src is None:
                return None
            if src.geometry is not None:
                return decode_png(self._render_edit(src, ref[1]), 512)
            return (
                src.width,
                src.height,
                compose(src.prompt, src.id, ref[1], src.width, src.height),
                3,
            )
        url = task.geometry.source_url
        return self._file_pixels(url) if url else None

    def _file_pixels(self, url: str) -> Pixels | None:
        m = re.search(r"(file_[0-9a-f]+)", url)
        f = self.state.files.get(m.group(1)) if m else None
        return decode_png(f.data, 512) if f is not None else None

    async def serve_result(self, request: web.Request) -> web.StreamResponse:
        st = self.state
        self._count("result")
        task = st.tasks.get(request.match_info["task_id"])
        m = re.fullmatch(r"(\d{1,3})\.png", request.match_info["name"])
        if task is None or m is None or task.status_at(st.now()) != "completed":
            return web.Response(status=404, text="Not Found")
        index = int(m.group(1))
        if index >= task.n_results:
            return web.Response(status=404, text="Not Found")
        kind = st.pick_fault("result")
        if kind == "expired_link" or st.now() > task.done_at + self.config.result_ttl:
            return web.Response(status=403, text="Request has expired", content_type="text/plain")
        early = await self._fault_response(kind, "result")
        if early is not None:
            return early
        loop = asyncio.get_running_loop()
        if task.geometry is not None:
            data = await loop.run_in_executor(None, self._render_edit, task, index)
        else:
            data = await loop.run_in_executor(
                None, render_png, task.id, index, task.width, task.height, task.prompt
            )
        if kind == "slow_drip":
            return await self._drip(request, 200, data, "image/png")
        if kind == "wrong_body":
            return web.Response(body=_HTML_502.encode(), headers={"Content-Type": "image/png"})
        if kind == "truncate":
            resp = web.StreamResponse(status=200, headers={"Content-Type": "image/png"})
            resp.content_length = len(data)
            await resp.prepare(request)
            await resp.write(data[: len(data) // 2])
            await asyncio.sleep(0.01)
            raise _Abort()
        return web.Response(
            body=data,
            content_type="image/png",
            headers={"Cache-Control": "private, max-age=2592000"},
        )
