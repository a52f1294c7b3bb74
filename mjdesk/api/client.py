"""EvoLink's HTTP contract on one long-lived ``httpx.AsyncClient``.

No Qt here: the client runs on any asyncio loop (qasync's inside the window, a plain one for
``mjdesk batch`` and the tests). Blocking work — building the SSL context, reading and writing
files, hashing — goes to the loop's default executor so the loop (the GUI thread in the window)
only schedules.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, Final
from urllib.parse import quote, urlsplit

import httpx

from ..core import evolink
from ..core.i18n import translate
from . import errors as E
from .downloads import Downloaded, ResultDownloads
from .files import FilesApi
from .limits import Limits
from .models import (
    Credits,
    GenerationRequest,
    Task,
    UploadedFile,
)
from .retry import CREATE_RETRY_STATUSES, RetryPolicy
from .security import (
    is_loopback_host,
    origin_of,
    validate_base_url,
    validate_callback_url,
)
from .transport import NotSent, OutcomeUnknown, Transport

__all__ = ["DEFAULT_API_BASE", "DEFAULT_FILES_BASE", "Downloaded", "EvoLinkClient", "Limits"]

log = logging.getLogger("mjdesk.api")

DEFAULT_API_BASE: Final = "https://api.evolink.ai"
DEFAULT_FILES_BASE: Final = "https://files-api.evolink.ai"


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
        self.base_url = validate_base_url(base_url, "API base URL")
        self.files_url = validate_base_url(files_url, "Files base URL")
        self.retry = retry or RetryPolicy()
        self.limits = limits or Limits()
        self._wire = Transport(
            key,
            {origin_of(self.base_url), origin_of(self.files_url)},
            http=http,
            retry=self.retry,
            limits=self.limits,
        )
        del key
        self._auth = self._wire.auth
        self._files = FilesApi(self._wire, self.files_url)
        if allow_loopback_results is None:
            allow_loopback_results = is_loopback_host(urlsplit(self.base_url).hostname)
        self._downloads = ResultDownloads(
            self._wire.http,
            limits=self.limits,
            retry=self.retry,
            allow_loopback=allow_loopback_results,
            scrub=self._wire.scrub,
            error_from_response=self._wire.error_from_response,
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
        await self._wire.aclose()

    async def _client(self) -> httpx.AsyncClient:
        return await self._wire.http()

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
                status, resp_headers, raw = await self._wire.send(
                    "POST", url, headers=headers, content=body, deadline=self.limits.json_deadline
                )
            except NotSent as exc:
                if attempt < limit:
                    await self.retry.sleep(self.retry.backoff(attempt))
                    attempt += 1
                    continue
                raise self._wire.transport_error(exc, sent=False) from None
            except OutcomeUnknown as exc:
                raise E.UnconfirmedCreateError(
                    translate(
                        "Client",
                        "The request was sent but its answer was lost ({detail}); the task may "
                        "exist and be billed",
                    ).format(detail=self._wire.scrub(str(exc.__cause__ or exc))),
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
                    return Task.from_json(self._wire.parse_json(raw))
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
            err = self._wire.error_from_response(status, resp_headers, raw)
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
        payload = await self._wire.call_json("GET", url)
        try:
            return Task.from_json(payload)
        except ValueError as exc:
            raise E.ProtocolError(
                translate("Client", "Unexpected task answer: {exc}").format(exc=exc)
            ) from None

    async def get_credits(self) -> Credits:
        payload = await self._wire.call_json("GET", f"{self.base_url}/v1/credits")
        try:
            return Credits.from_json(payload)
        except ValueError as exc:
            raise E.ProtocolError(
                translate("Client", "Unexpected credits answer: {exc}").format(exc=exc)
            ) from None

    async def download(self, url: str, dest_path: str | os.PathLike[str]) -> Downloaded:
        """Streams a result image to ``dest_path`` atomically (see ``downloads.py``)."""
        return await self._downloads.download(url, dest_path)

    # -- validation ------------------------------------------------------------------------

    def _validate_request(self, req: GenerationRequest) -> None:
        """EvoLink's rules (``core.evolink``), checked before anything is sent."""
        if req.callback_url:
            try:
                validate_callback_url(req.callback_url)
            except E.UnsafeUrlError as exc:
                raise E.BadRequestError(exc.message, param="callback_url") from None
        problem = evolink.generation_problem(req.model, req.speed, req.quality, req.prompt)
        if problem is not None:
            raise E.BadRequestError(problem.message, param=problem.param)

    def scrub(self, text: str) -> str:
        """``text`` with the key masked in every form it could take (for anything stored)."""
        return self._wire.scrub(text)

    # -- files -----------------------------------------------------------------------------

    async def upload_file(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        filename: str | None = None,
        upload_path: str | None = None,
    ) -> UploadedFile:
        """Uploads one image (see ``files.py``): sniffed and bounded before it is sent."""
        return await self._files.upload_file(source, filename=filename, upload_path=upload_path)

    async def get_file_quota(self) -> dict[str, Any]:
        return await self._files.get_file_quota()

    async def list_files(self, page: int = 1, page_size: int = 20) -> dict[str, Any]:
        return await self._files.list_files(page, page_size)

    async def delete_file(self, file_id: str) -> None:
        await self._files.delete_file(file_id)
