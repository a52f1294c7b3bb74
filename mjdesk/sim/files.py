"""The files API: uploads (base64, stream, URL), quota, listing, deleting and serving files."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any
from urllib.parse import urlsplit

from aiohttp import ClientSession, ClientTimeout, web

from .base import (
    _MIME_EXT,
    KEY,
    SimBase,
    _iso,
    _sniff,
)
from .images import render_png
from .state import SimFile


class FileRoutes(SimBase):
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
                return render_png(task.id, int(m.group(2)), task.width, task.height, task.prompt)
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
