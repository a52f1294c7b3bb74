"""The wire under the client: one long-lived ``httpx.AsyncClient`` (built off the loop's
thread), the key (sent only to EvoLink's own origins), answers read under a size cap and a
deadline, reads retried by the policy, and the server's errors made ``ApiError``s with plain,
bounded messages that never carry the key.
"""

from __future__ import annotations

import asyncio
import json
import re
import ssl
from collections.abc import Mapping
from typing import Any, Final, NoReturn

import httpx

from ..core.i18n import translate
from . import errors as E
from .limits import Limits
from .redact import Redactor
from .retry import READ_RETRY_STATUSES, RetryPolicy, server_hint
from .security import origin_of

__all__ = ["NotSent", "OutcomeUnknown", "Transport", "create_http_client", "make_http_client"]

USER_AGENT: Final = "mjdesk/0.1"


class Secret:
    """Holds the key; its repr and str never show it (crash reports may dump locals)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._value}"}

    def __repr__(self) -> str:
        return "<secret>"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:
        raise TypeError("the API key cannot be pickled")


class NotSent(Exception):
    """The request certainly never reached the server (no connection was made)."""


class OutcomeUnknown(Exception):
    """The request may have reached the server; its answer was lost."""


def make_http_client(*, verify: ssl.SSLContext | bool = True) -> httpx.AsyncClient:
    """The one AsyncClient mjdesk uses. Costly (SSL context): build it in an executor."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0),
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
        verify=verify,
    )


async def create_http_client() -> httpx.AsyncClient:
    """Builds the AsyncClient off the event loop's thread (its SSL context takes ~70 ms)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, make_http_client)


class Transport:
    """Requests to EvoLink's API and files origins (see the module's docstring)."""

    def __init__(
        self,
        key: str,
        origins: set[str],
        *,
        http: httpx.AsyncClient | None,
        retry: RetryPolicy,
        limits: Limits,
    ) -> None:
        self.redactor = Redactor()
        self.redactor.add(key)
        self.auth = Secret(key)
        self._auth_origins = origins
        self._http = http
        self._owns_http = http is None
        self._http_lock = asyncio.Lock()
        self.retry = retry
        self.limits = limits

    async def http(self) -> httpx.AsyncClient:
        if self._http is None:
            async with self._http_lock:
                if self._http is None:
                    self._http = await create_http_client()
        return self._http

    async def aclose(self) -> None:
        if self._http is not None and self._owns_http:
            await self._http.aclose()
            self._http = None

    def scrub(self, text: str) -> str:
        """``text`` with the key masked in every form it could take (for anything stored)."""
        return self.redactor.scrub(text)

    def headers_for(self, url: str) -> dict[str, str]:
        if origin_of(url) not in self._auth_origins:
            raise E.UnsafeUrlError(
                translate("Client", "Refusing to send the API key to another host")
            )
        return self.auth.headers()

    async def send(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        deadline: float,
        **kw: Any,
    ) -> tuple[int, httpx.Headers, bytes]:
        """One request, body read with the JSON cap. Classifies transport failures."""
        http = await self.http()
        try:
            async with asyncio.timeout(deadline):
                async with http.stream(
                    method, url, headers=headers, follow_redirects=False, **kw
                ) as resp:
                    chunks: list[bytes] = []
                    total = 0
                    async for chunk in resp.aiter_bytes():
                        total += len(chunk)
                        if total > self.limits.max_json_bytes:
                            raise E.ResponseTooLargeError(
                                translate("Client", "The server's answer is larger than 1 MiB"),
                                status=resp.status_code,
                            )
                        chunks.append(chunk)
                    return resp.status_code, resp.headers, b"".join(chunks)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            if _is_tls_failure(exc):
                raise E.ApiConnectionError(
                    translate(
                        "Client",
                        "The server's certificate could not be verified (a proxy or antivirus may "
                        "be intercepting the connection)",
                    )
                ) from None
            raise NotSent(self.scrub(str(exc) or type(exc).__name__)) from exc
        except httpx.TransportError as exc:
            raise OutcomeUnknown(self.scrub(str(exc) or type(exc).__name__)) from exc
        except TimeoutError as exc:
            raise OutcomeUnknown("the call's deadline passed") from exc

    def transport_error(self, exc: Exception, *, sent: bool) -> E.ApiError:
        cause = exc.__cause__
        detail = self.scrub(str(exc))
        if isinstance(cause, httpx.TimeoutException | TimeoutError):
            return E.ApiTimeoutError(
                translate("Client", "The server did not answer in time ({detail})").format(
                    detail=detail
                )
            )
        if not sent:
            return E.ApiConnectionError(
                translate("Client", "Cannot reach the server ({detail})").format(detail=detail)
            )
        return E.ApiConnectionError(
            translate("Client", "The connection to the server broke ({detail})").format(
                detail=detail
            )
        )

    async def call_json(
        self,
        method: str,
        url: str,
        *,
        json_body: Any = None,
        deadline: float | None = None,
        **kw: Any,
    ) -> Any:
        """A non-create call with the read retry policy. Returns the parsed JSON."""
        headers = self.headers_for(url)
        if json_body is not None:
            kw["content"] = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            try:
                status, resp_headers, raw = await self.send(
                    method,
                    url,
                    headers=headers,
                    deadline=deadline or self.limits.json_deadline,
                    **kw,
                )
            except (NotSent, OutcomeUnknown) as exc:
                if attempt < self.retry.max_retries:
                    await self.retry.sleep(self.retry.backoff(attempt))
                    attempt += 1
                    continue
                raise self.transport_error(exc, sent=isinstance(exc, OutcomeUnknown)) from None
            if status in READ_RETRY_STATUSES:
                err = self.error_from_response(status, resp_headers, raw)
                delay = self.retry.delay(attempt, getattr(err, "retry_after", None))
                if delay is not None and attempt < self.retry.max_retries:
                    await self.retry.sleep(delay)
                    attempt += 1
                    continue
                raise err
            if status >= 300:
                raise self.error_from_response(status, resp_headers, raw)
            payload = self.parse_json(raw)
            if isinstance(payload, dict) and payload.get("success") is False:
                self.raise_envelope_error(payload)
            return payload

    def parse_json(self, raw: bytes) -> Any:
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            raise E.ProtocolError(
                translate("Client", "The server answered with something that is not JSON")
            ) from None

    def raise_envelope_error(self, payload: Mapping[str, Any]) -> NoReturn:
        """Files API failure with HTTP 200: ``{"success": false, "code": N, "msg": "..."}``."""
        code = payload.get("code")
        status = code if isinstance(code, int) and 400 <= code < 600 else 400
        message = payload.get("msg") or payload.get("message") or "The files service refused it"
        cls = E.error_for_status(status)
        raise cls(self.scrub(plain(str(message))), status=status, code=code)

    def error_from_response(self, status: int, headers: httpx.Headers, raw: bytes) -> E.ApiError:
        try:
            payload: Any = json.loads(raw) if raw else None
        except (ValueError, RecursionError):
            payload = None
        code: int | str | None = status
        etype = param = suggestion = None
        message = ""
        if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
            err = payload["error"]
            c = err.get("code")
            code = c if isinstance(c, int | str) and not isinstance(c, bool) else status
            etype = _opt_str(err.get("type"))
            param = _opt_str(err.get("param"))
            suggestion = _opt_str(err.get("fallback_suggestion"))
            message = _opt_str(err.get("message")) or ""
        elif isinstance(payload, dict) and payload.get("success") is False:
            c = payload.get("code")
            code = c if isinstance(c, int | str) and not isinstance(c, bool) else status
            message = _opt_str(payload.get("msg")) or ""
        if not message:
            message = _DEFAULT_MESSAGES.get(status) or f"The server answered HTTP {status}"
            if payload is None and raw:
                message += " (the answer was not JSON)"
        message = self.scrub(plain(message))
        suggestion = self.scrub(plain(suggestion)) if suggestion else None
        cls = E.error_for_status(status)
        kw: dict[str, Any] = {
            "status": status,
            "code": code,
            "type": etype,
            "param": param,
            "suggestion": suggestion,
        }
        if cls in (E.RateLimitError, E.ServiceUnavailableError):
            kw["retry_after"] = server_hint(headers, suggestion)
        return cls(message, **kw)


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def plain(text: str, limit: int = 500) -> str:
    """Server text made safe to show: no control or bidi characters, bounded length."""
    text = _CONTROL_RE.sub("", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_DEFAULT_MESSAGES: Final = {
    400: "The request was refused as invalid",
    401: "The API key was refused; check it in Settings",
    402: "Not enough credits; top up your EvoLink balance",
    403: "This key may not use this model or resource",
    404: "Not found",
    413: "The request is too large",
    429: "Too many requests; slowing down",
    500: "EvoLink had an internal error",
    502: "EvoLink's upstream service is unavailable",
    503: "EvoLink is overloaded; retry in a little while",
    504: "EvoLink's gateway timed out",
}
