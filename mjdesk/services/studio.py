"""The window's one door to the services: the connection (key, client, engine, credits), the
jobs, the gallery and the uploads, built by the application and held together here.

Every coroutine any of them starts belongs to one owner (kept, logged on failure, cancelled
at shutdown). Their notices reach the window through one signal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..library import Library
from ..settings import Settings
from .connection import ConnectionService
from .gallery import GalleryService
from .jobs import JobsService
from .owner import LibrarySlot, TaskOwner
from .styles import StyleService
from .uploads import UploadService

__all__ = ["StudioService"]


class StudioService(QObject):
    notice = Signal(str, str)  # kind, message: from any of the services

    def __init__(
        self,
        *,
        owner: TaskOwner,
        library: LibrarySlot,
        connection: ConnectionService,
        jobs: JobsService,
        gallery: GalleryService,
        uploads: UploadService,
        styles: StyleService,
    ) -> None:
        super().__init__()
        self.owner = owner
        self._slot = library
        self.connection = connection
        self.jobs = jobs
        self.gallery = gallery
        self.uploads = uploads
        self.styles = styles
        for part in (owner, connection, jobs, gallery):
            part.notice.connect(self.notice)

    @property
    def settings(self) -> Settings:
        return self.connection.settings

    @property
    def has_library(self) -> bool:
        return self._slot.is_open

    def attach_library(self, library: Library) -> None:
        """The library, once open (the window shows before it is)."""
        self._slot.attach(library)

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str = "service") -> asyncio.Task[Any]:
        return self.owner.spawn(coro, name)

    async def close(self) -> None:
        await self.owner.close()
        await self.connection.close()
