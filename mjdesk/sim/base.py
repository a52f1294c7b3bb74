"""The simulator's common ground: its state, lifecycle, authentication, counting and fault
injection, shared by every family of routes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from .config import SimConfig
from .state import SimState

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


class SimBase:
    """The aiohttp application's state and the helpers every route uses."""

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
        raise NotImplementedError

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
            return self._rate_limited()
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

    def _rate_limited(self) -> web.Response:
        """429 with a fallback suggestion (and Retry-After unless switched off)."""
        headers = {"Retry-After": "1"} if self.config.retry_after_header else None
        return _api_error(
            429,
            "Rate limit exceeded",
            "rate_limit_error",
            suggestion="retry after 1 seconds",
            headers=headers,
        )

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
