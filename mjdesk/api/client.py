"""EvoLink's HTTP contract on one long-lived ``httpx.AsyncClient``.

No Qt here: the client runs on any asyncio loop (qasync's inside the window, a plain one for
``mjdesk batch`` and the tests). Blocking work — building the SSL context, reading and writing
files, hashing — goes to the loop's default executor so the loop (the GUI thread in the window)
only schedules.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import re
import ssl
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, NoReturn
from urllib.parse import quote, urlsplit

import httpx

from ..core.evolink import MAX_PROMPT_CHARS
from ..core.i18n import translate
from . import errors as E
from .downloads import Downloaded, ResultDownloads
from .limits import Limits
from .models import (
    DEFAULT_MODEL,
    QUALITIES,
    SPEEDS,
    Credits,
    GenerationRequest,
    Task,
    UploadedFile,
)
from .redact import Redactor
from .retry import (
    CREATE_RETRY_STATUSES,
    READ_RETRY_STATUSES,
    RetryPolicy,
    server_hint,
)
from .security import (
    is_loopback_host,
    origin_of,
    validate_base_url,
    validate_callback_url,
)
from .sniff import EXTENSIONS, image_info, sniff_mime

__all__ = ["DEFAULT_API_BASE", "DEFAULT_FILES_BASE", "Downloaded", "EvoLinkClient", "Limits"]

log = logging.getLogger("mjdesk.api")

DEFAULT_API_BASE: Final = "https://api.evolink.ai"
DEFAULT_FILES_BASE: Final = "https://files-api.evolink.ai"
USER_AGENT: Final = "mjdesk/0.1"
_IMAGE_EXT_RE: Final = re.compile(r"\.(png|gif|webp|jpe?g)$", re.IGNORECASE)


class _Secret:
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


class _NotSent(Exception):
    """The request certainly never reached the server (no connection was made)."""


class _OutcomeUnknown(Exception):
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


def _validate_key(api_key: str) -> str:
    if not isinstance(api_key, str):
        raise TypeError("api_key must be a string")
    key = api_key.strip()
    if not key:
        raise E.AuthenticationError(translate("Client", "No API key is set"))
    if any(ord(c) < 0x21 or ord(c) > 0x7E for c in key):
        raise E.AuthenticationError(
            translate(
                "Client",
                "The API key contains spaces, line breaks or non-ASCII characters; paste it again",
            )
        )
    return key


def _leading_image_urls(prompt: str) -> tuple[list[str], str]:
    words = prompt.split()
    urls: list[str] = []
    for w in words:
        bare = w[1:-1] if w.startswith("<") and w.endswith(">") else w
        if bare.lower().startswith(("http://", "https://")):
            urls.append(bare)
        else:
            break
    rest = " ".join(words[len(urls) :])
    text = rest.split(" --", 1)[0] if not rest.startswith("--") else ""
    return urls, text.strip()


class EvoLinkClient:
    """Async client for EvoLink's image tasks, credits and files APIs.

    Use as ``async with EvoLinkClient(key) as client: ...``. ``http`` injects an existing
    ``httpx.AsyncClient`` (it is then not closed by this object). The key is sent only to the
    API and files origins, never to a result host or a redirect target, and never appears in a
    repr, an exception or a log record.
    """

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str = DEFAULT_API_BASE,
        files_url: str = DEFAULT_FILES_BASE,
        http: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        limits: Limits | None = None,
        allow_loopback_results: bool | None = None,
    ) -> None:
        key = _validate_key(api_key)
        self._redactor = Redactor()
        self._redactor.add(key)
        self._auth = _Secret(key)
        del key
        self.base_url = validate_base_url(base_url, "API base URL")
        self.files_url = validate_base_url(files_url, "Files base URL")
        self._auth_origins = {origin_of(self.base_url), origin_of(self.files_url)}
        self._http = http
        self._owns_http = http is None
        self._http_lock = asyncio.Lock()
        self.retry = retry or RetryPolicy()
        self.limits = limits or Limits()
        if allow_loopback_results is None:
            allow_loopback_results = is_loopback_host(urlsplit(self.base_url).hostname)
        self._allow_loopback_results = allow_loopback_results
        self._downloads = ResultDownloads(
            self._client,
            limits=self.limits,
            retry=self.retry,
            allow_loopback=allow_loopback_results,
            scrub=self._scrub,
            error_from_response=self._error_from_response,
        )

    def __repr__(self) -> str:
        return f"EvoLinkClient(base_url={self.base_url!r}, files_url={self.files_url!r})"

    # -- lifecycle -------------------------------------------------------------------------

    async def __aenter__(self) -> EvoLinkClient:
        await self._client()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._http is not None and self._owns_http:
            await self._http.aclose()
            self._http = None

    async def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            async with self._http_lock:
                if self._http is None:
                    self._http = await create_http_client()
        return self._http

    # -- public API ------------------------------------------------------------------------

    async def create_generation(
        self, request: GenerationRequest, *, retries: int | None = None
    ) -> Task:
        """Creates one task. Resent only when the server certainly created nothing, at most
        ``retries`` times (the policy's count by default; the engine passes 0 and does its
        own waiting, so that a job is "sending" only while a request is in flight).

        Raises UnconfirmedCreateError when the request left the client and its outcome is
        unknown (the task may exist and be billed); that is never retried here.
        """
        limit = self.retry.create_max_retries if retries is None else max(0, retries)
        self._validate_request(request)
        url = f"{self.base_url}/v1/images/generations"
        headers = self._auth.headers()
        headers["Content-Type"] = "application/json"
        if request.client_ref:
            headers["Idempotency-Key"] = request.client_ref
        body = json.dumps(request.to_json(), ensure_ascii=False).encode()
        attempt = 0
        while True:
            try:
                status, resp_headers, raw = await self._send(
                    "POST", url, headers=headers, content=body, deadline=self.limits.json_deadline
                )
            except _NotSent as exc:
                if attempt < limit:
                    await self.retry.sleep(self.retry.backoff(attempt))
                    attempt += 1
                    continue
                raise self._transport_error(exc, sent=False) from None
            except _OutcomeUnknown as exc:
                raise E.UnconfirmedCreateError(
                    translate(
                        "Client",
                        "The request was sent but its answer was lost ({detail}); the task may "
                        "exist and be billed",
                    ).format(detail=self._scrub(str(exc.__cause__ or exc))),
                    client_ref=request.client_ref,
                ) from None
            except E.ResponseTooLargeError:
                raise E.UnconfirmedCreateError(
                    translate(
                        "Client",
                        "The server's answer was too large to read; the task may exist and be "
                        "billed",
                    ),
                    client_ref=request.client_ref,
                ) from None
            if 200 <= status < 300:
                try:
                    return Task.from_json(self._parse_json(raw))
                except (E.ProtocolError, ValueError):
                    raise E.UnconfirmedCreateError(
                        translate(
                            "Client",
                            "The server accepted the request but its answer had no task id; the "
                            "task may exist and be billed",
                        ),
                        status=status,
                        client_ref=request.client_ref,
                    ) from None
            err = self._error_from_response(status, resp_headers, raw)
            if status in CREATE_RETRY_STATUSES:
                delay = self.retry.delay(attempt, getattr(err, "retry_after", None))
                if delay is not None and attempt < limit:
                    await self.retry.sleep(delay)
                    attempt += 1
                    continue
                raise err
            if status >= 500 or 300 <= status < 400:
                raise E.UnconfirmedCreateError(
                    translate(
                        "Client",
                        "The server answered {status} after receiving the request ({message}); "
                        "the task may exist and be billed",
                    ).format(status=status, message=err.message),
                    status=status,
                    code=err.code,
                    type=err.type,
                    client_ref=request.client_ref,
                )
            raise err

    async def get_task(self, task_id: str) -> Task:
        if not isinstance(task_id, str) or not task_id or len(task_id) > 200:
            raise E.BadRequestError(translate("Client", "Invalid task id"), param="task_id")
        url = f"{self.base_url}/v1/tasks/{quote(task_id, safe='')}"
        payload = await self._call_json("GET", url)
        try:
            return Task.from_json(payload)
        except ValueError as exc:
            raise E.ProtocolError(
                translate("Client", "Unexpected task answer: {exc}").format(exc=exc)
            ) from None

    async def get_credits(self) -> Credits:
        payload = await self._call_json("GET", f"{self.base_url}/v1/credits")
        try:
            return Credits.from_json(payload)
        except ValueError as exc:
            raise E.ProtocolError(
                translate("Client", "Unexpected credits answer: {exc}").format(exc=exc)
            ) from None

    async def upload_file(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        filename: str | None = None,
        upload_path: str | None = None,
    ) -> UploadedFile:
        """Uploads one image (local file: ``upload/stream``; bytes: ``upload/base64``).

        The bytes are sniffed first: anything but PNG, JPEG, GIF or WebP, an empty file or one
        over the size cap is refused before any request is made.
        """
        if isinstance(source, bytes | bytearray | memoryview):
            data = bytes(source)
            name = filename or "pasted"
            use_stream = False
        else:
            path = Path(source)
            data = await asyncio.get_running_loop().run_in_executor(
                None, _read_regular_file, path, self.limits.max_upload_bytes
            )
            name = filename or path.name
            use_stream = True
        mime = self._check_upload_bytes(data)
        safe_name = _safe_file_name(name, EXTENSIONS[mime])
        deadline = self.limits.upload_deadline + self.limits.upload_deadline_per_100kb * (
            len(data) / 100_000
        )
        if use_stream:
            fields: dict[str, str] = {"file_name": safe_name}
            if upload_path:
                fields["upload_path"] = upload_path
            url = f"{self.files_url}/api/v1/files/upload/stream"
            payload = await self._call_json(
                "POST",
                url,
                files={"file": (safe_name, data, mime)},
                data=fields,
                deadline=deadline,
            )
        else:
            body: dict[str, str] = {
                "base64_data": f"data:{mime};base64,{base64.b64encode(data).decode()}",
                "file_name": safe_name,
            }
            if upload_path:
                body["upload_path"] = upload_path
            url = f"{self.files_url}/api/v1/files/upload/base64"
            payload = await self._call_json("POST", url, json_body=body, deadline=deadline)
        try:
            return UploadedFile.from_json(
                payload.get("data") if isinstance(payload, dict) else None
            )
        except ValueError as exc:
            raise E.ProtocolError(
                translate("Client", "Unexpected upload answer: {exc}").format(exc=exc)
            ) from None

    async def get_file_quota(self) -> dict[str, Any]:
        """The files API quota (``used_files``, ``max_files``, ``remain_files`` ...)."""
        payload = await self._call_json("GET", f"{self.files_url}/api/v1/files/quota")
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, dict):
            raise E.ProtocolError(translate("Client", "Unexpected quota answer"))
        return data

    async def list_files(self, page: int = 1, page_size: int = 20) -> dict[str, Any]:
        """One page of uploaded files: ``{"total": n, "files": [...]}``."""
        url = f"{self.files_url}/api/v1/files/list?page={int(page)}&pageSize={int(page_size)}"
        payload = await self._call_json("GET", url)
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, dict):
            raise E.ProtocolError(translate("Client", "Unexpected file list answer"))
        return data

    async def delete_file(self, file_id: str) -> None:
        url = f"{self.files_url}/api/v1/files/{quote(file_id, safe='')}"
        await self._call_json("DELETE", url)

    async def download(self, url: str, dest_path: str | os.PathLike[str]) -> Downloaded:
        """Streams a result image to ``dest_path`` atomically (see ``downloads.py``)."""
        return await self._downloads.download(url, dest_path)

    # -- validation ------------------------------------------------------------------------

    def _validate_request(self, req: GenerationRequest) -> None:
        if req.callback_url:
            try:
                validate_callback_url(req.callback_url)
            except E.UnsafeUrlError as exc:
                raise E.BadRequestError(exc.message, param="callback_url") from None
        if req.model != DEFAULT_MODEL:
            if not req.model.startswith("mj-v8.1-"):
                raise E.BadRequestError(
                    translate("Client", "Unknown model {model}").format(model=repr(req.model)),
                    param="model",
                )
            if len(req.prompt) > MAX_PROMPT_CHARS:
                raise E.BadRequestError(
                    translate("Client", "The prompt is longer than 8192 characters"), param="prompt"
                )
            return
        if req.speed not in SPEEDS:
            raise E.BadRequestError(
                translate("Client", "Unknown speed {speed}").format(speed=repr(req.speed)),
                param="model_params.speed",
            )
        if req.quality not in QUALITIES:
            raise E.BadRequestError(
                translate("Client", "Unknown quality {quality}").format(quality=repr(req.quality)),
                param="quality",
            )
        if req.quality == "hd" and req.speed == "draft":
            raise E.BadRequestError(
                translate("Client", "HD quality cannot be combined with Draft speed"),
                param="quality",
            )
        prompt = req.prompt
        if not prompt.strip():
            raise E.BadRequestError(translate("Client", "The prompt is empty"), param="prompt")
        if len(prompt) > MAX_PROMPT_CHARS:
            raise E.BadRequestError(
                translate("Client", "The prompt is longer than 8192 characters"), param="prompt"
            )
        urls, text = _leading_image_urls(prompt)
        for u in urls:
            if not _IMAGE_EXT_RE.search(urlsplit(u).path):
                raise E.BadRequestError(
                    translate(
                        "Client", "Image prompt URLs must end in .png, .gif, .webp, .jpg or .jpeg"
                    ),
                    param="prompt",
                )
        if len(urls) == 1 and not text:
            raise E.BadRequestError(
                translate("Client", "One image prompt needs some text (or add a second image)"),
                param="prompt",
            )
        has_refs = bool(urls) or re.search(r"(^|\s)--(sref|oref)\b", prompt, re.IGNORECASE)
        if req.speed == "draft" and has_refs:
            raise E.BadRequestError(
                translate("Client", "Draft speed cannot use image prompts or references"),
                param="model_params.speed",
            )

    def _check_upload_bytes(self, data: bytes) -> str:
        if not data:
            raise E.InvalidImageError(translate("Client", "The file is empty"))
        if len(data) > self.limits.max_upload_bytes:
            raise E.InvalidImageError(
                translate("Client", "The file is larger than {detail} MB").format(
                    detail=self.limits.max_upload_bytes // (1024 * 1024)
                )
            )
        mime = sniff_mime(data[:12])
        if mime is None:
            raise E.InvalidImageError(translate("Client", "Not a PNG, JPEG, GIF or WebP image"))
        info = image_info(data)
        if info is None or info.width is None:
            raise E.InvalidImageError(
                translate("Client", "The image is damaged (its header cannot be read)")
            )
        return mime

    # -- transport -------------------------------------------------------------------------

    def _scrub(self, text: str) -> str:
        return self._redactor.scrub(text)

    def scrub(self, text: str) -> str:
        """``text`` with the key masked in every form it could take (for anything stored)."""
        return self._redactor.scrub(text)

    def _headers_for(self, url: str) -> dict[str, str]:
        if origin_of(url) not in self._auth_origins:
            raise E.UnsafeUrlError(
                translate("Client", "Refusing to send the API key to another host")
            )
        return self._auth.headers()

    async def _send(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        deadline: float,
        **kw: Any,
    ) -> tuple[int, httpx.Headers, bytes]:
        """One request, body read with the JSON cap. Classifies transport failures."""
        http = await self._client()
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
            raise _NotSent(self._scrub(str(exc) or type(exc).__name__)) from exc
        except httpx.TransportError as exc:
            raise _OutcomeUnknown(self._scrub(str(exc) or type(exc).__name__)) from exc
        except TimeoutError as exc:
            raise _OutcomeUnknown("the call's deadline passed") from exc

    def _transport_error(self, exc: Exception, *, sent: bool) -> E.ApiError:
        cause = exc.__cause__
        detail = self._scrub(str(exc))
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

    async def _call_json(
        self,
        method: str,
        url: str,
        *,
        json_body: Any = None,
        deadline: float | None = None,
        **kw: Any,
    ) -> Any:
        """A non-create call with the read retry policy. Returns the parsed JSON."""
        headers = self._headers_for(url)
        if json_body is not None:
            kw["content"] = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            try:
                status, resp_headers, raw = await self._send(
                    method,
                    url,
                    headers=headers,
                    deadline=deadline or self.limits.json_deadline,
                    **kw,
                )
            except (_NotSent, _OutcomeUnknown) as exc:
                if attempt < self.retry.max_retries:
                    await self.retry.sleep(self.retry.backoff(attempt))
                    attempt += 1
                    continue
                raise self._transport_error(exc, sent=isinstance(exc, _OutcomeUnknown)) from None
            if status in READ_RETRY_STATUSES:
                err = self._error_from_response(status, resp_headers, raw)
                delay = self.retry.delay(attempt, getattr(err, "retry_after", None))
                if delay is not None and attempt < self.retry.max_retries:
                    await self.retry.sleep(delay)
                    attempt += 1
                    continue
                raise err
            if status >= 300:
                raise self._error_from_response(status, resp_headers, raw)
            payload = self._parse_json(raw)
            if isinstance(payload, dict) and payload.get("success") is False:
                self._raise_envelope_error(payload)
            return payload

    def _parse_json(self, raw: bytes) -> Any:
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            raise E.ProtocolError(
                translate("Client", "The server answered with something that is not JSON")
            ) from None

    def _raise_envelope_error(self, payload: Mapping[str, Any]) -> NoReturn:
        """Files API failure with HTTP 200: ``{"success": false, "code": N, "msg": "..."}``."""
        code = payload.get("code")
        status = code if isinstance(code, int) and 400 <= code < 600 else 400
        message = payload.get("msg") or payload.get("message") or "The files service refused it"
        cls = E.error_for_status(status)
        raise cls(self._scrub(_plain(str(message))), status=status, code=code)

    def _error_from_response(self, status: int, headers: httpx.Headers, raw: bytes) -> E.ApiError:
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
        message = self._scrub(_plain(message))
        suggestion = self._scrub(_plain(suggestion)) if suggestion else None
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


def _read_regular_file(path: Path, cap: int) -> bytes:
    import stat

    try:
        st = path.stat()
    except OSError as exc:
        raise E.InvalidImageError(
            translate("Client", "Cannot open the file ({detail})").format(
                detail=exc.strerror or exc
            )
        ) from None
    if not stat.S_ISREG(st.st_mode):
        raise E.InvalidImageError(translate("Client", "Not a regular file"))
    if st.st_size > cap:
        raise E.InvalidImageError(
            translate("Client", "The file is larger than {detail} MB").format(
                detail=cap // (1024 * 1024)
            )
        )
    with open(path, "rb") as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        raise E.InvalidImageError(
            translate("Client", "The file is larger than {detail} MB").format(
                detail=cap // (1024 * 1024)
            )
        )
    return data


def _safe_file_name(name: str, ext: str) -> str:
    stem = Path(name).stem if "." in name else name
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:64] or "image"
    return f"{stem}.{ext}"


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


def _plain(text: str, limit: int = 500) -> str:
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
