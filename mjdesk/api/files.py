"""EvoLink's files API: uploads (a local file streamed, pasted bytes as base64), the quota, the
list and deletion. Every upload is sniffed and bounded before any request is made."""

from __future__ import annotations

import asyncio
import base64
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..core.i18n import translate
from . import errors as E
from .models import UploadedFile
from .sniff import EXTENSIONS, image_info, sniff_mime
from .transport import Transport

__all__ = ["FilesApi"]


class FilesApi:
    def __init__(self, wire: Transport, files_url: str) -> None:
        self._wire = wire
        self.files_url = files_url

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
                None, _read_regular_file, path, self._wire.limits.max_upload_bytes
            )
            name = filename or path.name
            use_stream = True
        mime = self.check_upload_bytes(data)
        safe_name = _safe_file_name(name, EXTENSIONS[mime])
        deadline = (
            self._wire.limits.upload_deadline
            + self._wire.limits.upload_deadline_per_100kb * (len(data) / 100_000)
        )
        if use_stream:
            fields: dict[str, str] = {"file_name": safe_name}
            if upload_path:
                fields["upload_path"] = upload_path
            url = f"{self.files_url}/api/v1/files/upload/stream"
            payload = await self._wire.call_json(
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
            payload = await self._wire.call_json("POST", url, json_body=body, deadline=deadline)
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
        payload = await self._wire.call_json("GET", f"{self.files_url}/api/v1/files/quota")
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, dict):
            raise E.ProtocolError(translate("Client", "Unexpected quota answer"))
        return data

    async def list_files(self, page: int = 1, page_size: int = 20) -> dict[str, Any]:
        """One page of uploaded files: ``{"total": n, "files": [...]}``."""
        url = f"{self.files_url}/api/v1/files/list?page={int(page)}&pageSize={int(page_size)}"
        payload = await self._wire.call_json("GET", url)
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, dict):
            raise E.ProtocolError(translate("Client", "Unexpected file list answer"))
        return data

    async def delete_file(self, file_id: str) -> None:
        url = f"{self.files_url}/api/v1/files/{quote(file_id, safe='')}"
        await self._wire.call_json("DELETE", url)

    def check_upload_bytes(self, data: bytes) -> str:
        if not data:
            raise E.InvalidImageError(translate("Client", "The file is empty"))
        if len(data) > self._wire.limits.max_upload_bytes:
            raise E.InvalidImageError(
                translate("Client", "The file is larger than {detail} MB").format(
                    detail=self._wire.limits.max_upload_bytes // (1024 * 1024)
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
