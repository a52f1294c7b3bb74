"""The simulator's HTTP face (aiohttp): EvoLink's API, files API, result images and ``/_sim/``.

One origin serves everything: ``/v1/...`` (API), ``/api/v1/files/...`` (files API), ``/files/...``
(uploaded files), ``/results/...`` (result images) and ``/_sim/...`` (control, guarded by the
``X-Sim-Control`` token).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import ipaddress
import json
import logging
import re
import secrets
import threading
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from aiohttp import ClientSession, ClientTimeout, web

from .images import render_png
from .state import (
    EDIT_MODELS,
    FAULT_ROUTES,
    MAIN_MODEL,
    PROCESSED_FAULTS,
    TASK_ERROR_CODES,
    Fault,
    SimConfig,
    SimFile,
    SimState,
    SimTask,
    fingerprint,
    has_image_extension,
    leading_image_urls,
)

log = logging.getLogger("mjdesk.sim")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_MIME_EXT = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
_TASK_ID_RE = re.compile(r"^task-unified-[A-Za-z0-9_-]+$")
_HTML_502 = (
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
    "</h1></center><hr><center>nginx</center></body></html>"
)


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


KEY = web.RequestKey("key", str)


class _Abort(Exception):
    """Drop the connection without an answer."""


def _api_error(
    status: int,
    message: str,
    etype: str,
    *,
    code: int | str | None = None,
    param: str | None = None,
    suggestion: str | None = None,
    headers: dict[str, str] | None = None,
) -> web.Response:
    err: dict[str, Any] = {
        "code": status if code is None else code,
        "message": message,
        "type": etype,
    }
    if param:
        err["param"] = param
    if suggestion:
        err["fallback_suggestion"] = suggestion
    return web.json_response({"error": err}, status=status, headers=headers)


class _Invalid(Exception):
    def __init__(self, message: str, param: str, *, switchable: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.switchable = switchable


class Simulator:
    """The aiohttp application around a :class:`SimState`."""

    def __init__(
        self, config: SimConfig | None = None, *, control_token: str | None = None
    ) -> None:
        self.state = SimState(config or SimConfig())
        self.state.control_token = control_token or secrets.token_urlsafe(18)
        self._runner: web.AppRunner | None = None
        self._background: set[asyncio.Task[None]] = set()
        self.app = self._build_app()

    @property
    def config(self) -> SimConfig:
        return self.state.config

    @property
    def control_token(self) -> str:
        return self.state.control_token

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port, reuse_address=True)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        sock_host, sock_port = server.sockets[0].getsockname()[:2]  # type: ignore[attr-defined]
        shown = f"[{sock_host}]" if ":" in sock_host else sock_host
        self.state.base_url = f"http://{shown}:{sock_port}"
        return self.state.base_url

    async def stop(self) -> None:
        for task in list(self._background):
            task.cancel()
        for task in list(self._background):
            with contextlib.suppress(BaseException):
                await task
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _spawn(self, coro: Awaitable[None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # -- app ---------------------------------------------------------------------------------

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

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        stats = self.state.stats
        stats["in_flight"] += 1
        stats["max_in_flight"] = max(stats["max_in_flight"], stats["in_flight"])
        try:
            return await handler(request)
        except _Abort:
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError() from None
        except (
            ConnectionResetError
        ):  # the client went away mid-answer (ClientConnectionResetError too)
            raise asyncio.CancelledError() from None
        finally:
            stats["in_flight"] -= 1

    def _count(self, route: str) -> None:
        reqs = self.state.stats["requests"]
        reqs[route] = reqs.get(route, 0) + 1

    def _auth_failure(self, request: web.Request) -> web.Response | None:
        """Sets ``request[KEY]``, or answers 401/403."""
        header = request.headers.get("Authorization", "")
        key = header[7:].strip() if header.lower().startswith("bearer ") else ""
        request[KEY] = key
        status = self.state.key_status(key)
        if status in ("missing", "unknown"):
            return _api_error(401, "Invalid or expired API key", "authentication_error")
        if status == "forbidden":
            return _api_error(403, "This key has no access to this resource", "permission_error")
        return None

    def _with_auth(
        self, handler: Callable[[web.Request, str], Awaitable[web.StreamResponse]], route: str
    ) -> Handler:
        async def wrapped(request: web.Request) -> web.StreamResponse:
            self._count(route)
            refused = self._auth_failure(request)
            if refused is not None:
                return refused
            return await handler(request, route)

        return wrapped

    def _control(self, handler: Handler) -> Handler:
        async def wrapped(request: web.Request) -> web.StreamResponse:
            token = request.headers.get("X-Sim-Control", "")
            if not secrets.compare_digest(token, self.control_token):
                return web.json_response({"error": "bad control token"}, status=403)
            return await handler(request)

        return wrapped

    # -- faults ------------------------------------------------------------------------------

    async def _fault_response(self, kind: str | None, route: str) -> web.StreamResponse | None:
        """The answer for a fault that replaces processing, or None to go on."""
        if kind is None or kind in (
            "reset_after",
            "slow",
            "slow_drip",
            "truncate",
            "expired_link",
            "wrong_body",
        ):
            if kind == "slow":
                await asyncio.sleep(self.config.slow_seconds)
            return None
        if kind == "reset_before":
            raise _Abort()
        if kind == "rate_limit":
            headers = {"Retry-After": "1"} if self.config.retry_after_header else None
            return _api_error(
                429,
                "Rate limit exceeded",
                "rate_limit_error",
                suggestion="retry after 1 seconds",
                headers=headers,
            )
        if kind == "rate_limit_no_header":
            return _api_error(
                429, "Rate limit exceeded", "rate_limit_error", suggestion="retry after 1 seconds"
            )
        if kind == "server_error":
            return _api_error(500, "Evolink internal server error", "internal_server_error")
        if kind == "unavailable":
            return _api_error(
                503,
                "Service temporarily unavailable",
                "service_unavailable_error",
                suggestion="retry after 1 seconds",
            )
        if kind == "not_visible":
            return _api_error(404, "Unknown task ID", "not_found_error")
        # bad_gateway / gateway_timeout on a non-create route: no processing at all.
        return self._gateway_page(kind)

    def _gateway_page(self, kind: str) -> web.Response:
        if kind == "gateway_timeout":
            return web.Response(
                status=504, text="upstream request timeout", content_type="text/plain"
            )
        return web.Response(status=502, text=_HTML_502, content_type="text/html")

    async def _drip(
        self, request: web.Request, status: int, body: bytes, ctype: str
    ) -> web.StreamResponse:
        resp = web.StreamResponse(status=status, headers={"Content-Type": ctype})
        resp.content_length = len(body)
        await resp.prepare(request)
        pieces = 20
        step = max(1, len(body) // pieces)
        for i in range(0, len(body), step):
            await resp.write(body[i : i + step])
            await asyncio.sleep(self.config.slow_seconds / pieces)
        await resp.write_eof()
        return resp

    async def _finish(
        self, request: web.Request, kind: str | None, response: web.Response
    ) -> web.StreamResponse:
        """Applies the faults that act after processing."""
        if kind == "reset_after":
            raise _Abort()
        if kind in ("bad_gateway", "gateway_timeout"):
            return self._gateway_page(kind)
        if kind == "slow_drip":
            assert response.body is not None
            body = response.body if isinstance(response.body, bytes) else bytes(response.body)  # type: ignore[arg-type]
            return await self._drip(request, response.status, body, response.content_type)
        return response

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
            headers = {"Retry-After": "1"} if self.config.retry_after_header else None
            return _api_error(
                429,
                "Rate limit exceeded",
                "rate_limit_error",
                suggestion="retry after 1 seconds",
                headers=headers,
            )
        response = self._create_task(key, body, entry)
        entry["status"] = response.status
        return await self._finish(request, kind if entry["task_id"] else None, response)

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
                prompt, speed, quality, source = self._validate_main(body)
            else:
                prompt, speed, quality, source = self._validate_edit(key, model, body)
            callback = self._validate_callback(body.get("callback_url"))
        except _Invalid as exc:
            if cfg.validation == "async" and exc.switchable:
                failure = "invalid_parameters"
                prompt = str(body.get("prompt") or "")
                speed, quality, source, callback = "fast", "standard", None, None
            else:
                return _api_error(400, exc.message, "invalid_request_error", param=exc.param)
        from .state import QUALITY_MULT, SPEED_MULT

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
        )
        entry["task_id"] = task.id
        if callback:
            self._spawn(self._deliver_callback(task))
        return web.json_response(st.create_view(task))

    def _validate_main(self, body: dict[str, Any]) -> tuple[str, str, str, None]:
        prompt = body.get("prompt")
        if not isinstance(prompt, str) or not prompt.strip():
            raise _Invalid("prompt is required", "prompt", switchable=False)
        if len(prompt) > 8192:
            raise _Invalid("prompt exceeds 8192 characters", "prompt")
        quality = body.get("quality", "standard")
        if quality not in ("standard", "hd"):
            raise _Invalid("quality must be standard or hd", "quality", switchable=False)
        params = body.get("model_params") or {}
        if not isinstance(params, dict):
            raise _Invalid("model_params must be an object", "model_params", switchable=False)
        speed = params.get("speed", "fast")
        if speed not in ("draft", "fast", "turbo"):
            raise _Invalid(
                "speed must be draft, fast or turbo", "model_params.speed", switchable=False
            )
        if quality == "hd" and speed == "draft":
            raise _Invalid("hd quality cannot be used with draft speed", "quality")
        urls, text = leading_image_urls(prompt)
        for u in urls:
            if not has_image_extension(u):
                raise _Invalid("image URLs must end in .png, .gif, .webp, .jpg or .jpeg", "prompt")
        if len(urls) == 1 and not text:
            raise _Invalid("a single image prompt needs text", "prompt")
        if speed == "draft" and (urls or re.search(r"--(sref|oref)\b", prompt, re.IGNORECASE)):
            raise _Invalid(
                "image prompts and references need fast or turbo speed", "model_params.speed"
            )
        return prompt, speed, quality, None

    def _validate_edit(
        self, key: str, model: str, body: dict[str, Any]
    ) -> tuple[str, str, str, tuple[str, int] | None]:
        params = body.get("model_params") or {}
        if not isinstance(params, dict):
            raise _Invalid("model_params must be an object", "model_params", switchable=False)
        prompt = body.get("prompt")
        speed = params.get("speed", "fast")
        if model == "mj-v8.1-remove-bg":
            if prompt is not None or "speed" in params:
                raise _Invalid(
                    "remove-bg does not take prompt or speed", "prompt", switchable=False
                )
        elif speed not in ("fast", "turbo"):
            raise _Invalid("speed must be fast or turbo", "model_params.speed", switchable=False)
        needs_prompt = model in (
            "mj-v8.1-remix",
            "mj-v8.1-retexture",
            "mj-v8.1-edit",
            "mj-v8.1-upload-paint",
        )
        if needs_prompt and (not isinstance(prompt, str) or not prompt.strip()):
            raise _Invalid("prompt is required", "prompt", switchable=False)
        if prompt is not None and (not isinstance(prompt, str) or len(prompt) > 8192):
            raise _Invalid("prompt exceeds 8192 characters", "prompt")
        source: tuple[str, int] | None = None
        if model in ("mj-v8.1-variation", "mj-v8.1-remix", "mj-v8.1-edit"):
            task_id = params.get("task_id")
            number = params.get("image_number", 0)
            if not isinstance(task_id, str) or not task_id:
                raise _Invalid(
                    "model_params.task_id is required", "model_params.task_id", switchable=False
                )
            src = self.state.tasks.get(task_id)
            if src is None or src.key != key:
                raise _Invalid("source task not found", "model_params.task_id", switchable=False)
            if src.status_at(self.state.now()) != "completed" or not src.model.startswith(
                MAIN_MODEL
            ):
                raise _Invalid(
                    "source task is not a completed V8.1 task",
                    "model_params.task_id",
                    switchable=False,
                )
            if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= 3:
                raise _Invalid(
                    "image_number must be 0-3", "model_params.image_number", switchable=False
                )
            kind = params.get("type" if model == "mj-v8.1-variation" else "mode")
            if kind is not None and kind not in ("subtle", "strong"):
                raise _Invalid(
                    "type must be subtle or strong", "model_params.type", switchable=False
                )
            source = (task_id, number)
        if model in ("mj-v8.1-retexture", "mj-v8.1-upload-paint", "mj-v8.1-remove-bg"):
            urls = body.get("image_urls")
            if not isinstance(urls, list) or not urls or not isinstance(urls[0], str):
                raise _Invalid("image_urls is required", "image_urls", switchable=False)
        if model in ("mj-v8.1-edit", "mj-v8.1-upload-paint"):
            for name in ("canvas", "img_pos"):
                if not isinstance(params.get(name), dict):
                    raise _Invalid(
                        f"model_params.{name} is required", f"model_params.{name}", switchable=False
                    )
        if model == "mj-v8.1-upload-paint" and not params.get("mask"):
            raise _Invalid("model_params.mask is required", "model_params.mask", switchable=False)
        return (
            str(prompt or ""),
            str(speed if model != "mj-v8.1-remove-bg" else "fast"),
            "standard",
            source,
        )

    def _validate_callback(self, url: Any) -> str | None:
        if url is None or url == "":
            return None
        if not isinstance(url, str) or len(url) > 2048:
            raise _Invalid(
                "callback_url must be at most 2048 characters", "callback_url", switchable=False
            )
        parts = urlsplit(url)
        host = parts.hostname or ""
        private = host in ("localhost",) or host.endswith(".localhost")
        with contextlib.suppress(ValueError):
            addr = ipaddress.ip_address(host)
            private = private or not addr.is_global
        if self.config.allow_private_callbacks and parts.scheme in ("http", "https") and host:
            return url
        if parts.scheme != "https" or not host or private:
            raise _Invalid(
                "callback_url must be a public https URL", "callback_url", switchable=False
            )
        return url

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

    # -- files -------------------------------------------------------------------------------

    def _files_error(self, status: int, message: str) -> web.Response:
        style = self.config.file_error_style
        if style == "mixed":
            style = "ok200" if self.state.rng.random() < 0.5 else "status"
        body = {"success": False, "code": status, "msg": message}
        return web.json_response(body, status=200 if style == "ok200" else status)

    async def _files_prelude(
        self, request: web.Request, route: str
    ) -> tuple[str | None, web.StreamResponse | None]:
        kind = self.state.pick_fault(route)
        early = await self._fault_response(kind, route)
        return kind, early

    async def _store_upload(
        self,
        request: web.Request,
        kind: str | None,
        data: bytes,
        name: str | None,
        path: str | None,
    ) -> web.StreamResponse:
        st = self.state
        cfg = self.config
        key = request[KEY]
        if not data:
            return self._files_error(400, "File is empty")
        if len(data) > cfg.file_max_bytes:
            return self._files_error(413, f"File exceeds {cfg.file_max_bytes} bytes")
        mime = _sniff(data)
        if mime is None:
            return self._files_error(
                400, "Unsupported file type: only jpeg, png, gif and webp images"
            )
        now = st.now()
        active = [
            f for f in st.files.values() if f.key == key and not f.deleted and f.expires > now
        ]
        if len(active) >= cfg.file_quota:
            return self._files_error(403, "File quota exhausted")
        ext = _MIME_EXT[mime]
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", (name or "").rsplit(".", 1)[0]).strip("-")[:48]
        file_id = st.new_file_id()
        file_name = f"{stem or file_id}.{ext}"
        upload_path = re.sub(r"[^A-Za-z0-9_-]+", "-", path or "images").strip("-") or "images"
        f = SimFile(
            file_id=file_id,
            key=key,
            name=file_name,
            original_name=name or file_name,
            mime=mime,
            data=data,
            upload_path=upload_path,
            uploaded=now,
            expires=now + cfg.file_ttl,
        )
        st.files[file_id] = f
        payload = {
            "success": True,
            "code": 200,
            "msg": "File uploaded successfully",
            "data": self._file_json(f),
        }
        return await self._finish(request, kind, web.json_response(payload))

    def _file_json(self, f: SimFile) -> dict[str, Any]:
        base = self.state.base_url
        return {
            "file_id": f.file_id,
            "file_name": f.name,
            "original_name": f.original_name,
            "file_size": len(f.data),
            "mime_type": f.mime,
            "upload_path": f.upload_path,
            "file_url": f"{base}/files/{f.upload_path}/{f.file_id}-{f.name}",
            "download_url": f"{base}/api/v1/files/download/{f.file_id}",
            "upload_time": _iso(f.uploaded),
            "expires_at": _iso(f.expires),
        }

    async def upload_base64(self, request: web.Request, route: str) -> web.StreamResponse:
        kind, early = await self._files_prelude(request, route)
        if early is not None:
            return early
        try:
            body = await request.json()
        except ValueError:
            return self._files_error(400, "Body must be JSON")
        raw = body.get("base64_data") if isinstance(body, dict) else None
        if not isinstance(raw, str) or not raw:
            return self._files_error(400, "base64_data is required")
        if raw.startswith("data:"):
            raw = raw.split(",", 1)[1] if "," in raw else ""
        try:
            data = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            return self._files_error(400, "base64_data is not valid base64")
        return await self._store_upload(
            request, kind, data, body.get("file_name"), body.get("upload_path")
        )

    async def upload_stream(self, request: web.Request, route: str) -> web.StreamResponse:
        kind, early = await self._files_prelude(request, route)
        if early is not None:
            return early
        try:
            form = await request.post()
        except ValueError:
            return self._files_error(400, "Body must be multipart/form-data")
        part = form.get("file")
        if part is None or not hasattr(part, "file"):
            return self._files_error(400, "file is required")
        data = part.file.read()
        name = form.get("file_name") or form.get("fileName") or getattr(part, "filename", None)
        path = form.get("upload_path") or form.get("uploadPath")
        return await self._store_upload(
            request, kind, data, str(name) if name else None, str(path) if path else None
        )

    async def upload_url(self, request: web.Request, route: str) -> web.StreamResponse:
        kind, early = await self._files_prelude(request, route)
        if early is not None:
            return early
        try:
            body = await request.json()
        except ValueError:
            return self._files_error(400, "Body must be JSON")
        url = body.get("file_url") if isinstance(body, dict) else None
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
            return self._files_error(400, "file_url must be an http(s) URL")
        data = self._local_bytes(url)
        if data is None:
            host = urlsplit(url).hostname or ""
            if host not in ("127.0.0.1", "localhost", "::1"):
                return self._files_error(400, "The simulator only fetches loopback URLs")
            try:
                async with ClientSession(timeout=ClientTimeout(total=10)) as s, s.get(url) as resp:
                    if resp.status != 200:
                        return self._files_error(400, f"Fetching file_url answered {resp.status}")
                    data = await resp.content.read(self.config.file_max_bytes + 1)
            except Exception:  # any network failure is the caller's bad URL
                return self._files_error(400, "file_url could not be fetched")
        name = body.get("file_name") or urlsplit(url).path.rsplit("/", 1)[-1]
        return await self._store_upload(request, kind, data, name, body.get("upload_path"))

    def _local_bytes(self, url: str) -> bytes | None:
        base = self.state.base_url
        if not base or not url.startswith(base):
            return None
        path = url[len(base) :]
        m = re.match(r"^/files/.+/(file_[0-9a-f]+)-", path)
        if m:
            f = self.state.files.get(m.group(1))
            return f.data if f and not f.deleted else None
        m = re.match(r"^/results/(task-unified-[^/]+)/(\d+)\.png$", path)
        if m:
            task = self.state.tasks.get(m.group(1))
            if task and int(m.group(2)) < task.n_results:
                return render_png(task.id, int(m.group(2)), task.width, task.height)
        return None

    async def files_quota(self, request: web.Request, route: str) -> web.StreamResponse:
        kind, early = await self._files_prelude(request, route)
        if early is not None:
            return early
        st = self.state
        now = st.now()
        used = sum(
            1
            for f in st.files.values()
            if f.key == request[KEY] and not f.deleted and f.expires > now
        )
        data = {
            "user_group": "default",
            "used_files": used,
            "max_files": self.config.file_quota,
            "remain_files": max(0, self.config.file_quota - used),
            "is_custom": False,
            "quota_reason": "",
        }
        return await self._finish(
            request, kind, web.json_response({"success": True, "code": 200, "data": data})
        )

    async def files_list(self, request: web.Request, route: str) -> web.StreamResponse:
        kind, early = await self._files_prelude(request, route)
        if early is not None:
            return early
        try:
            page = max(1, int(request.query.get("page", "1")))
            size = max(1, min(100, int(request.query.get("pageSize", "20"))))
        except ValueError:
            return self._files_error(400, "page and pageSize must be integers")
        st = self.state
        now = st.now()
        mine = [
            f
            for f in st.files.values()
            if f.key == request[KEY] and not f.deleted and f.expires > now
        ]
        mine.sort(key=lambda f: f.uploaded, reverse=True)
        chunk = mine[(page - 1) * size : page * size]
        files = [
            {
                "file_id": f.file_id,
                "file_name": f.name,
                "file_size": len(f.data),
                "upload_time": _iso(f.uploaded),
            }
            for f in chunk
        ]
        payload = {
            "success": True,
            "code": 200,
            "msg": "ok",
            "data": {"total": len(mine), "files": files},
        }
        return await self._finish(request, kind, web.json_response(payload))

    async def files_delete(self, request: web.Request, route: str) -> web.StreamResponse:
        kind, early = await self._files_prelude(request, route)
        if early is not None:
            return early
        f = self.state.files.get(request.match_info["file_id"])
        if f is None or f.key != request[KEY] or f.deleted:
            return self._files_error(404, "File not found")
        f.deleted = True
        return await self._finish(
            request, kind, web.json_response({"success": True, "code": 200, "msg": "File deleted"})
        )

    async def files_download(self, request: web.Request, route: str) -> web.StreamResponse:
        f = self.state.files.get(request.match_info["file_id"])
        if f is None or f.key != request[KEY] or f.deleted or self.state.now() >= f.expires:
            return self._files_error(404, "File not found")
        return web.Response(body=f.data, content_type=f.mime)

    async def serve_file(self, request: web.Request) -> web.StreamResponse:
        self._count("file")
        m = re.search(r"(file_[0-9a-f]+)-[^/]+$", request.match_info["tail"])
        f = self.state.files.get(m.group(1)) if m else None
        if f is None or f.deleted or self.state.now() >= f.expires:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=f.data, content_type=f.mime)

    # -- results -----------------------------------------------------------------------------

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
        data = await loop.run_in_executor(None, render_png, task.id, index, task.width, task.height)
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
