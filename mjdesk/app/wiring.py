"""Builds the studio's services: the one place a client and an engine are made for the window.

The studio (``app/studio.py``), the widget tests and the benchmarks all call
:func:`build_studio`, so they run the same composition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..api.redact import Redactor
from ..library import Library
from ..secrets import MemorySecretStore, SecretStore
from ..services.connection import ConnectionService
from ..services.gallery import GalleryService
from ..services.jobs import JobsService
from ..services.owner import LibrarySlot, TaskOwner
from ..services.studio import StudioService
from ..services.styles import StyleService
from ..services.uploads import UploadService
from ..settings import Settings

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient
    from ..jobs.engine import Engine

__all__ = ["build_studio", "settle_heap"]


def build_studio(
    library: Library | None,
    settings: Settings,
    *,
    keyring: SecretStore | None = None,
    session: MemorySecretStore | None = None,
    environment: SecretStore | None = None,
    redactor: Redactor | None = None,
    demo: bool = False,
    time_scale: float = 1.0,
) -> StudioService:
    """The services over ``library`` (or over the library attached later), with a client and
    an engine built for each key the connection is given. ``time_scale`` > 1 runs the engine's
    waits faster (the demo's simulator is sped up by as much)."""

    def make_client(key: str, settings: Settings) -> EvoLinkClient:
        from ..api.client import EvoLinkClient, Limits  # httpx: only once there is a key

        return EvoLinkClient(
            key,
            base_url=settings.api_base,
            files_url=settings.files_base,
            limits=Limits(max_upload_bytes=settings.max_upload_mb * 1024 * 1024),
        )

    def make_engine(client: EvoLinkClient, library: Library, settings: Settings) -> Engine:
        from ..jobs import PollPolicy
        from ..jobs.engine import Engine

        return Engine(
            client,
            library,
            send_concurrency=settings.send_concurrency,
            download_concurrency=settings.download_concurrency,
            policy=PollPolicy(scale=1.0 / time_scale),
            callback_url=settings.callback_url or None,
        )

    owner = TaskOwner()
    slot = LibrarySlot(library)
    connection = ConnectionService(
        slot,
        settings,
        owner,
        make_client=make_client,
        make_engine=make_engine,
        keyring=keyring,
        session=session,
        environment=environment,
        redactor=redactor,
        demo=demo,
    )
    jobs = JobsService(slot, connection, owner)
    gallery = GalleryService(
        slot.get, spawn=owner.spawn, embed_metadata=lambda: connection.settings.embed_metadata
    )
    uploads = UploadService(
        library=slot.peek, client=lambda: connection.client, settings=lambda: connection.settings
    )
    styles = StyleService(
        slot.get,
        upload=uploads.upload,
        source_of=uploads.source_of,
        know_source=uploads.know_source,
        fetch=uploads.fetch_reference,
    )
    return StudioService(
        owner=owner,
        library=slot,
        connection=connection,
        jobs=jobs,
        gallery=gallery,
        uploads=uploads,
        styles=styles,
    )


def settle_heap() -> None:
    """Once start-up is over: collects what it left, then moves every object alive now (Qt's
    wrappers, the modules, the window) out of the garbage collector's sight. Its full
    collections then scan only what the session makes: measured, a 70 ms pause on the GUI
    thread while images arrived (``benchmarks/responsiveness.py``) goes away."""
    import gc

    gc.collect()
    gc.freeze()
