"""Reference images for EvoLink: a local file or pasted pixels become a URL EvoLink can fetch.

A stored image's own result link is reused while it is fresh; other bytes are checked, hashed
and uploaded through the files API once (the upload cache keeps the URL until an hour before
its 72 hours run out). Every call is awaited by the one who asked, and raises UploadError with
a sentence when nothing could be uploaded.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtGui import QImage

from ..api import ApiError, InvalidImageError
from ..api.sniff import image_info, is_complete
from ..core.evolink import RESULT_LINK_REUSE
from ..library import Library
from ..settings import Settings
from .imaging import scaled
from .words import said

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient

__all__ = ["UploadError", "UploadService"]


class UploadError(Exception):
    """Nothing was uploaded; the message says why, in the user's language."""


class UploadService:
    def __init__(
        self,
        *,
        library: Callable[[], Library | None],
        client: Callable[[], EvoLinkClient | None],
        settings: Callable[[], Settings],
    ) -> None:
        self._library = library
        self._client = client
        self._settings = settings
        # URL → where its pixels are here (a file path or the uploaded bytes), for previews
        self._sources: OrderedDict[str, str | bytes] = OrderedDict()
        self._previews: OrderedDict[str, QImage] = OrderedDict()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("StudioService", text)

    @property
    def library(self) -> Library:
        library = self._library()
        if library is None:
            raise RuntimeError("the library is not open yet")
        return library

    async def upload(self, source: str | bytes) -> str:
        """A URL EvoLink can fetch for a file (path) or encoded bytes."""
        try:
            url = await self._upload(source)
        except ApiError as exc:
            raise UploadError(said(exc)) from None
        except OSError as exc:
            raise UploadError(str(exc)) from None
        _remember(self._sources, url, source)
        return url

    def know_source(self, url: str, path: str) -> None:
        """A reference URL's local file, known from elsewhere (a saved style): its preview
        is made from the file."""
        if url not in self._sources:
            _remember(self._sources, url, path)

    def source_of(self, url: str) -> str | None:
        """The local file a reference URL was uploaded from this session, if it was one."""
        source = self._sources.get(url)
        return source if isinstance(source, str) else None

    async def preview(self, url: str, size: int = 128) -> QImage:
        """A small picture of a reference for its zone, decoded off the GUI thread: from the
        file or pixels it was uploaded from, or fetched through the client's checked download
        (bounded, sniffed, no private addresses outside the demo). A null image when none can
        be had; a preview never raises."""
        cached = self._previews.get(url)
        if cached is not None:
            return cached
        loop = asyncio.get_running_loop()
        source = self._sources.get(url)
        image = QImage()
        try:
            if source is None:
                source = await self._fetch_for_preview(url)
            if source is not None:
                image = await loop.run_in_executor(None, scaled, source, size)
        except (ApiError, OSError):
            image = QImage()
        if not image.isNull():
            _remember(self._previews, url, image)
        return image

    async def fetch_reference(self, url: str) -> str | None:
        """A local copy of a reference URL (checked download, kept under thumbs/refs); None
        when it cannot be fetched (expired, refused, no client)."""
        try:
            return await self._fetch_for_preview(url)
        except (ApiError, OSError):
            return None

    async def _fetch_for_preview(self, url: str) -> str | None:
        client = self._client()
        library = self._library()
        if client is None or library is None:
            return None
        name = hashlib.sha256(url.encode()).hexdigest()[:32]
        dest = library.store.root / "thumbs" / "refs" / name
        if not dest.exists():
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                await client.download(url, dest)
            except ApiError:
                return None
        _remember(self._sources, url, str(dest))
        return str(dest)

    async def upload_image(self, image: QImage) -> str:
        """Pasted or dropped pixels: encoded as PNG off the GUI thread, then uploaded."""
        loop = asyncio.get_running_loop()
        data = await loop.run_in_executor(None, _encode_png, image)
        if not data:
            raise UploadError(self.tr("The pasted image could not be read"))
        return await self.upload(data)

    async def public_url_of(self, image_id: int) -> str:
        """A URL EvoLink can fetch for a stored image: its result link while fresh, else the
        local file uploaded through the files API (and its cache)."""
        image = await self.library.run(lambda s: s.image(image_id))
        path = str(self.library.store.absolute(image))
        fresh = await self._fresh_result_url(image_id)
        if fresh:
            _remember(self._sources, fresh, path)
            return fresh
        return await self.upload(path)

    async def _fresh_result_url(self, image_id: int) -> str | None:
        image, job = await self.library.run(
            lambda s: (s.image(image_id), s.job(s.image(image_id).job_id))
        )
        done = job.completed_at or job.created_at
        if image.source_url and time.time() - done < RESULT_LINK_REUSE:
            return image.source_url
        return None

    async def _upload(self, source: str | bytes, *, reuse_results: bool = True) -> str:
        loop = asyncio.get_running_loop()
        if reuse_results and isinstance(source, str) and self._library() is not None:
            # an image dragged out of the gallery: its result link, while still valid
            image_id = await self.library.run(lambda s: s.image_id_for_path(Path(source)))
            if image_id is not None:
                fresh = await self._fresh_result_url(image_id)
                if fresh:
                    return fresh
        cap = self._settings().max_upload_mb * 1024 * 1024
        if isinstance(source, bytes):
            data = source
        else:
            data = await loop.run_in_executor(None, _read_checked, Path(source), cap)
        info = image_info(data)
        if info is None:
            raise InvalidImageError(
                self.tr("Not a PNG, JPEG, GIF or WebP image; nothing was uploaded")
            )
        if len(data) > cap:
            raise InvalidImageError(
                self.tr("The image is larger than {limit} MB; nothing was uploaded").format(
                    limit=self._settings().max_upload_mb
                )
            )
        if info.width is None or not await loop.run_in_executor(None, is_complete, data):
            raise InvalidImageError(
                self.tr("The image is damaged or incomplete; nothing was uploaded")
            )
        digest = await loop.run_in_executor(None, lambda: hashlib.sha256(data).hexdigest())
        cached = await self.library.run(lambda s: s.cached_upload(digest))
        if cached:
            return cached
        client = self._client()
        if client is None:
            raise InvalidImageError(self.tr("Add an API key first: images are uploaded to EvoLink"))
        name = Path(source).name if isinstance(source, str) else None
        uploaded = await client.upload_file(data, filename=name)
        expires = uploaded.expires_at.timestamp() if uploaded.expires_at else 0.0
        await self.library.run(
            lambda s: s.remember_upload(digest, uploaded.file_url, uploaded.file_id, expires)
        )
        return uploaded.file_url


_REMEMBERED = 64  # references a session keeps the pixels or picture of (pasted bytes weigh)


def _remember(memory: OrderedDict[str, Any], url: str, value: Any) -> None:
    memory[url] = value
    memory.move_to_end(url)
    while len(memory) > _REMEMBERED:
        memory.popitem(last=False)


def _encode_png(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buf, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; str works
    buf.close()
    return bytes(data.data()) if ok else b""


def _read_checked(path: Path, cap: int) -> bytes:
    import stat

    try:
        st = path.stat()
    except OSError as exc:
        raise InvalidImageError(f"Cannot open {path.name}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidImageError(f"{path.name} is not a regular file")
    if st.st_size > cap:
        raise InvalidImageError(
            f"{path.name} is {st.st_size / 1048576:.0f} MB; the limit is {cap // 1048576} MB"
        )
    with open(path, "rb") as f:
        return f.read(cap + 1)
