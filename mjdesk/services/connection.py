"""The connection to EvoLink: the API key (keyring, environment or this session), the settings
that shape the connection, the client and the engine built for them (exactly one at a time),
and the credits left.

The client and the engine are built by factories the application passes in; this service only
decides when. Keyring calls run on their own thread with a time limit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..api import ApiError
from ..api.redact import Redactor
from ..jobs import Event
from ..library import Library
from ..secrets import (
    EnvSecretStore,
    KeyringSecretStore,
    KeyringUnavailable,
    MemorySecretStore,
    SecretStore,
    find_api_key,
)
from ..settings import Settings, problems, save
from .owner import LibrarySlot, TaskOwner
from .words import said, say

if TYPE_CHECKING:
    from ..api.client import EvoLinkClient
    from ..jobs.engine import Engine

__all__ = ["ClientFactory", "ConnectionService", "EngineFactory"]

ClientFactory = Callable[[str, Settings], "EvoLinkClient"]
EngineFactory = Callable[["EvoLinkClient", Library, Settings], "Engine"]


class ConnectionService(QObject):
    credits_changed = Signal(object)  # float | None
    connection_changed = Signal(str, str)  # state ("online", "offline", "no-key", ...), detail
    ready_changed = Signal(bool)
    key_test_finished = Signal(bool, str)
    key_saved = Signal(bool, str)
    notice = Signal(str, str)  # kind, message

    def __init__(
        self,
        library: LibrarySlot,
        settings: Settings,
        owner: TaskOwner,
        *,
        make_client: ClientFactory,
        make_engine: EngineFactory,
        keyring: SecretStore | None = None,
        session: MemorySecretStore | None = None,
        environment: SecretStore | None = None,
        redactor: Redactor | None = None,
        demo: bool = False,
    ) -> None:
        super().__init__()
        self._slot = library
        self.settings = settings
        self._owner = owner
        self._make_client = make_client
        self._make_engine = make_engine
        self.keyring = keyring or KeyringSecretStore()
        self.session = session or MemorySecretStore()
        self.environment = environment or EnvSecretStore()
        self.redactor = redactor or Redactor()
        self.demo = demo
        self.client: EvoLinkClient | None = None
        self.engine: Engine | None = None
        self.key_source: str | None = None  # "keyring" or "session" once a key was saved here
        self._listeners: list[Callable[[Event], None]] = []
        self._unsubscribe: list[Callable[[], None]] = []
        # Exactly one engine at a time: connects (start-up, a Settings save, a new key) run
        # one after the other, each stopping the previous engine before building its own.
        self._connect_lock = asyncio.Lock()
        self._connects = 0
        # Until start-up has found no key, or a connection attempt has ended, a prompt sent
        # is recorded at once and sent when the engine is ready (not refused).
        self._expecting = True
        self._settled = asyncio.Event()

    def listen(self, listener: Callable[[Event], None]) -> None:
        """``listener`` hears every event of every engine, from before it resumes old jobs."""
        self._listeners.append(listener)

    @property
    def ready(self) -> bool:
        return self.engine is not None

    @property
    def accepts_prompts(self) -> bool:
        """Whether a prompt sent now is taken: the engine runs, or one is being started."""
        return self.engine is not None or self._expecting

    def no_key(self) -> None:
        """Start-up found no key: prompts sent meanwhile stay saved until one is added."""
        self._expecting = False
        self._settled.set()

    async def settled(self) -> Engine | None:
        """The engine once no connection attempt is under way (None when there is none)."""
        await self._settled.wait()
        return self.engine

    # -- connecting --------------------------------------------------------------------------

    async def connect_with_key(self, key: str) -> None:
        """Builds the client and the engine for ``key`` and resumes unfinished jobs. Calls
        overlap safely: each waits for the one before, which it then replaces."""
        self._expecting = True
        self._settled.clear()
        self._connects += 1
        try:
            async with self._connect_lock:
                await self._connect(key)
        finally:
            self._connects -= 1
            if not self._connects:
                self._expecting = False
                self._settled.set()
                if self.engine is None:
                    self.ready_changed.emit(False)

    async def _connect(self, key: str) -> None:
        await self.drop_connection()
        library = await self._slot.wait()
        self.redactor.add(key)  # the log never shows it, whatever a record contains
        self.connection_changed.emit("connecting", self.tr("Connecting…"))
        try:
            client = self._make_client(key, self.settings)
        except (ApiError, ValueError) as exc:
            self.connection_changed.emit("no-key", said(exc))
            return
        await client.__aenter__()
        self.client = client
        engine = self._make_engine(client, library, self.settings)
        self._unsubscribe = [engine.subscribe(listener) for listener in self._listeners]
        await engine.start()
        self.engine = engine
        self.ready_changed.emit(True)
        self.connection_changed.emit("online", self.tr("Connected"))
        self._owner.spawn(self.refresh_credits(), "credits")

    async def drop_connection(self) -> None:
        if self.engine is not None:
            await self.engine.stop()
            for unsubscribe in self._unsubscribe:
                unsubscribe()
            self._unsubscribe = []
            self.engine = None
            self.ready_changed.emit(False)
        if self.client is not None:
            await self.client.aclose()
            self.client = None

    async def refresh_credits(self) -> None:
        if self.client is None:
            return
        try:
            credits = await self.client.get_credits()
        except ApiError as exc:
            self.connection_changed.emit("offline", said(exc))
            return
        self.connection_changed.emit("online", self.tr("Connected"))
        self.credits_changed.emit(credits.remaining)

    # -- the key -----------------------------------------------------------------------------

    def test_key(self, key: str) -> None:
        async def go() -> None:
            try:
                client = self._make_client(key, self.settings)
                async with client:
                    credits = await client.get_credits()
            except (ApiError, ValueError) as exc:
                self.key_test_finished.emit(False, said(exc))
                return
            if credits.remaining is None:
                message = self.tr("The key works")
            else:
                message = self.tr("The key works: {amount} credits left").format(
                    amount=f"{credits.remaining:,.2f}"
                )
            self.key_test_finished.emit(True, message)

        self._owner.spawn(go(), "test key")

    def save_key(self, key: str, *, session_only: bool = False) -> None:
        """Stores the key (keyring, or this session only) and connects with it."""

        async def go() -> None:
            message = self.tr("Key saved for this session only")
            source = "session"
            if session_only:
                await self.session.set(key)
            else:
                try:
                    await self.keyring.set(key)
                    message = self.tr("Key saved in the system keyring")
                    source = "keyring"
                except KeyringUnavailable as exc:
                    self.key_saved.emit(
                        False,
                        self.tr(
                            "{problem}. Use MJDESK_API_KEY or keep it for this session."
                        ).format(problem=said(exc)),
                    )
                    return
            self.key_source = source  # where the key now lives, for the Settings dialog
            self.key_saved.emit(True, message)
            await self.connect_with_key(key)

        self._owner.spawn(go(), "save key")

    def remove_key(self) -> None:
        async def go() -> None:
            await self.session.delete()
            try:
                await self.keyring.delete()
            except KeyringUnavailable as exc:
                self.notice.emit("warning", said(exc))
            await self.drop_connection()
            self.connection_changed.emit("no-key", self.tr("No API key"))

        self._owner.spawn(go(), "remove key")

    async def keyring_problem(self) -> str | None:
        """Why the keyring cannot be used, or None when it can."""
        loop = asyncio.get_running_loop()
        try:
            await asyncio.wait_for(loop.run_in_executor(None, self._keyring_check), 5.0)
        except KeyringUnavailable as exc:
            return said(exc)
        except TimeoutError:
            return self.tr("The keyring did not answer within 5 seconds")
        return None

    def _keyring_check(self) -> None:
        check = getattr(self.keyring, "check", None)
        if check is not None:
            check()

    # -- settings ----------------------------------------------------------------------------

    def apply_settings(self, settings: Settings | None) -> None:
        """Saves new settings (off the GUI thread) and reconnects when the connection's
        settings changed."""
        if settings is None:
            return
        old = self.settings
        self.settings = settings
        library = self._slot.peek()
        if library is not None:
            library.set_provenance(settings.embed_metadata)

        async def go() -> None:
            loop = asyncio.get_running_loop()
            if not self.demo:
                try:
                    await loop.run_in_executor(None, save, settings)
                except OSError as exc:
                    self.notice.emit(
                        "error",
                        self.tr("Settings could not be saved: {reason}").format(
                            reason=exc.strerror or exc
                        ),
                    )
            if self.engine is not None and _reconnect_for(old, settings):
                key, _ = await find_api_key([self.environment, self.session, self.keyring])
                if key:
                    await self.connect_with_key(key)
            self.notice.emit("info", self.tr("Settings saved"))

        self._owner.spawn(go(), "apply settings")

    def save_preset(self, name: str, text: str) -> None:
        """Keeps a prompt fragment (a preset of the same name is replaced)."""
        kept = [p for p in self.settings.prompt_presets if p.get("name") != name]
        self.apply_settings(
            self.settings.with_changes(prompt_presets=[*kept, {"name": name, "text": text}])
        )

    def delete_preset(self, name: str) -> None:
        kept = [p for p in self.settings.prompt_presets if p.get("name") != name]
        self.apply_settings(self.settings.with_changes(prompt_presets=kept))

    def save_search(self, name: str, filters: dict[str, Any]) -> None:
        kept = [s for s in self.settings.saved_searches if s.get("name") != name]
        self.apply_settings(
            self.settings.with_changes(saved_searches=[*kept, {"name": name, "filters": filters}])
        )

    @staticmethod
    def validate_settings(settings: Settings) -> dict[str, str]:
        """Field name → reason, for every setting that cannot be saved (settings.problems)."""
        return {name: say(reason) for name, reason in problems(settings).items()}

    async def close(self) -> None:
        await self.drop_connection()


def _reconnect_for(old: Settings, new: Settings) -> bool:
    """Whether the client or the engine must be built again for ``new``."""
    return (old.api_base, old.files_base, old.send_concurrency, old.callback_url) != (
        new.api_base,
        new.files_base,
        new.send_concurrency,
        new.callback_url,
    )
