"""Result images: fetched without the API key, redirects followed by hand (each hop checked,
never https → http, never a private address), the body bounded and sniffed, written to a hidden
temp file, fsynced and renamed into place. A refused link is ResultExpiredError; a body that is
not an image is retried a few times; other faults follow the retry policy."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final
from urllib.parse import urljoin, urlsplit

import httpx

from ..core.i18n import translate
from ..fsutil import fsync_dir
from . import errors as E
from .limits import Limits
from .retry import RetryPolicy
from .security import resolve_public, validate_fetch_url
from .sniff import EXTENSIONS, image_info, sniff_mime

__all__ = ["Downloaded", "ResultDownloads"]

_CHUNK: Final = 64 * 1024


@dataclass(frozen=True, slots=True)
class Downloaded:
    path: Path
    size: int
    sha256: str
    mime: str
    width: int | None
    height: int | None


class ResultDownloads:
    def __init__(
        self,
        http: Callable[[], Awaitable[httpx.AsyncClient]],
        *,
        limits: Limits,
        retry: RetryPolicy,
        allow_loopback: bool,
        scrub: Callable[[str], str],
        error_from_response: Callable[[int, httpx.Headers, bytes], E.ApiError],
    ) -> None:
        self._http = http
        self.limits = limits
        self.retry = retry
        self._allow_loopback = allow_loopback
        self._scrub = scrub
        self._error_from_response = error_from_response

    async def download(self, url: str, dest_path: str | os.PathLike[str]) -> Downloaded:
        """Streams a result image to ``dest_path`` atomically (temp file, fsync, rename).

        The extension of the final path comes from the sniffed bytes. The request carries no
        key; redirects are followed by hand (≤ 5 hops, each re-checked, never https → http).
        403/404/410 raise ResultExpiredError; bytes that are not an image are retried ≤ 3 times.
        """
        dest = Path(dest_path)
        attempt = 0
        invalid = 0
        while True:
            try:
                return await asyncio.wait_for(
                    self._download_once(url, dest), timeout=self.limits.download_deadline
                )
            except TimeoutError:
                err: E.ApiError = E.ApiTimeoutError(
                    translate("Client", "The download took too long")
                )
            except E.InvalidImageError as exc:
                invalid += 1
                if invalid >= self.limits.max_invalid_image_retries:
                    raise
                err = exc
            except (E.ApiConnectionError, E.ProtocolError) as exc:
                err = exc
            except (E.ServerError, E.ServiceUnavailableError, E.RateLimitError) as exc:
                err = exc
            if attempt >= self.retry.max_retries:
                raise err
            delay = self.retry.delay(attempt, getattr(err, "retry_after", None))
            if delay is None:
                raise err
            await self.retry.sleep(delay)
            attempt += 1

    async def _download_once(self, url: str, dest: Path) -> Downloaded:
        http = await self._http()
        current = url
        for _hop in range(self.limits.max_redirects + 1):
            parts = validate_fetch_url(current, allow_loopback=self._allow_loopback)
            await resolve_public(
                parts.hostname or "",
                parts.port or (443 if parts.scheme == "https" else 80),
                allow_loopback=self._allow_loopback,
            )
            try:
                async with http.stream(
                    "GET", current, follow_redirects=False, headers={"Accept": "image/*"}
                ) as resp:
                    status = resp.status_code
                    if status in (301, 302, 303, 307, 308):
                        location = resp.headers.get("location")
                        if not location:
                            raise E.ProtocolError(
                                translate("Client", "A redirect without a location")
                            )
                        nxt = urljoin(current, location)
                        if urlsplit(current).scheme == "https" and urlsplit(nxt).scheme != "https":
                            raise E.UnsafeUrlError(
                                translate("Client", "Refusing a redirect from https to http")
                            )
                        current = nxt
                        continue
                    if status in (403, 404, 410):
                        raise E.ResultExpiredError(
                            translate(
                                "Client",
                                "The result link has expired or was removed (HTTP {status})",
                            ).format(status=status),
                            status=status,
                        )
                    if status >= 400:
                        raise self._error_from_response(status, resp.headers, b"")
                    return await self._stream_to_file(resp, dest)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                raise E.ApiConnectionError(
                    translate("Client", "Cannot reach the image host ({detail})").format(
                        detail=self._scrub(str(exc))
                    )
                ) from None
            except httpx.TransportError as exc:
                raise E.ApiConnectionError(
                    translate("Client", "The image download broke off ({detail})").format(
                        detail=self._scrub(str(exc))
                    )
                ) from None
        raise E.UnsafeUrlError(translate("Client", "Too many redirects"))

    async def _stream_to_file(self, resp: httpx.Response, dest: Path) -> Downloaded:
        loop = asyncio.get_running_loop()
        cap = self.limits.max_download_bytes
        declared = resp.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > cap:
            raise E.ResponseTooLargeError(
                translate("Client", "The image is larger than {detail} MB").format(
                    detail=cap // (1024 * 1024)
                ),
                status=resp.status_code,
            )
        sink = _TempSink(dest)
        await loop.run_in_executor(None, sink.open)
        try:
            head = b""
            total = 0
            body = bytearray()
            # Nothing is awaited in this loop but the body itself: a cancellation then always
            # lands inside httpx's iterators and unwinds them, never leaving one suspended.
            async for chunk in resp.aiter_bytes(_CHUNK):
                total += len(chunk)
                if total > cap:
                    raise E.ResponseTooLargeError(
                        translate("Client", "The image is larger than {detail} MB").format(
                            detail=cap // (1024 * 1024)
                        )
                    )
                if len(head) < 64:
                    head += chunk[: 64 - len(head)]
                    if len(head) >= 12 and sniff_mime(head) is None:
                        raise E.InvalidImageError(translate("Client", "The result is not an image"))
                body += chunk
            await loop.run_in_executor(None, sink.write, bytes(body))
            if total < 12 or sniff_mime(head) is None:
                raise E.InvalidImageError(translate("Client", "The result is not an image"))
            if declared is not None and declared.isdigit() and int(declared) != total:
                raise E.ProtocolError(translate("Client", "The image download was truncated"))
            mime = sniff_mime(head) or ""
            final = dest.with_suffix("." + EXTENSIONS[mime])
            digest, info = await loop.run_in_executor(None, sink.commit, final)
        except BaseException:
            await loop.run_in_executor(None, sink.discard)
            raise
        return Downloaded(
            path=final,
            size=total,
            sha256=digest,
            mime=mime,
            width=info.width if info else None,
            height=info.height if info else None,
        )


class _TempSink:
    """A hidden temp file beside the destination; every method runs in an executor."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.part")
        self._f: BinaryIO | None = None
        self._hash = hashlib.sha256()
        self._head = b""

    def open(self) -> None:
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        self._f = open(self.tmp, "wb")  # noqa: SIM115 - closed in commit/discard

    def write(self, chunk: bytes) -> None:
        assert self._f is not None
        self._f.write(chunk)
        self._hash.update(chunk)
        if len(self._head) < 4096:
            self._head += chunk[: 4096 - len(self._head)]

    def commit(self, final: Path) -> tuple[str, Any]:
        assert self._f is not None
        self._f.flush()
        os.fsync(self._f.fileno())
        self._f.close()
        self._f = None
        os.replace(self.tmp, final)
        fsync_dir(final.parent)
        return self._hash.hexdigest(), image_info(self._head)

    def discard(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None
        with contextlib.suppress(FileNotFoundError):
            self.tmp.unlink()
