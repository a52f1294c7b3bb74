"""Where the API key lives: ``MJDESK_API_KEY``, the OS keyring, or memory for one session.

Never a file, never QSettings, never SQLite. Keyring calls run on a worker thread with a 5 s
limit (a locked Secret Service can hang forever), and backends that would write the key in
plain text (keyrings.alt's files, the "fail" and "null" backends) are refused.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final, Protocol, TypeVar

from .core.i18n import translate

__all__ = [
    "ENV_VAR",
    "EnvSecretStore",
    "KeyringSecretStore",
    "KeyringUnavailable",
    "MemorySecretStore",
    "SecretStore",
    "find_api_key",
]

ENV_VAR: Final = "MJDESK_API_KEY"
SERVICE: Final = "mjdesk"
USERNAME: Final = "evolink-api-key"
KEYRING_TIMEOUT: Final = 5.0

#: Backends trusted with the key, by module: macOS Keychain, Windows Credential Locker,
#: Secret Service (GNOME Keyring, KeePassXC...), KWallet.
TRUSTED_BACKENDS: Final = (
    "keyring.backends.macOS",
    "keyring.backends.Windows",
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
)

T = TypeVar("T")


class KeyringUnavailable(Exception):
    """No trustworthy keyring: the user can use the environment variable or this session only."""


class SecretStore(Protocol):
    name: str

    async def get(self) -> str | None: ...

    async def set(self, value: str) -> None: ...

    async def delete(self) -> None: ...


class EnvSecretStore:
    """Reads ``MJDESK_API_KEY``; read-only (never persisted by mjdesk)."""

    name = "environment"

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        self._environ = os.environ if environ is None else environ

    async def get(self) -> str | None:
        value = self._environ.get(ENV_VAR, "").strip()
        return value or None

    async def set(self, value: str) -> None:
        raise KeyringUnavailable(
            translate("Keyring", "{name} is read-only; change it in your shell").format(
                name=ENV_VAR
            )
        )

    async def delete(self) -> None:
        raise KeyringUnavailable(
            translate("Keyring", "{name} is read-only; unset it in your shell").format(name=ENV_VAR)
        )


class MemorySecretStore:
    """The key for this session only."""

    name = "session"

    def __init__(self) -> None:
        self._value: str | None = None

    async def get(self) -> str | None:
        return self._value

    async def set(self, value: str) -> None:
        self._value = value

    async def delete(self) -> None:
        self._value = None

    def __repr__(self) -> str:
        return f"MemorySecretStore(set={self._value is not None})"


class KeyringSecretStore:
    """The OS keyring, called on a worker thread with a time limit."""

    name = "keyring"

    def __init__(
        self,
        *,
        trusted: Sequence[str] = TRUSTED_BACKENDS,
        timeout: float = KEYRING_TIMEOUT,
        backend: Callable[[], Any] | None = None,
    ) -> None:
        self._trusted = tuple(trusted)
        self._timeout = timeout
        self._backend_factory = backend
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mjdesk-keyring")

    def _backend(self) -> Any:
        if self._backend_factory is not None:
            return self._backend_factory()
        import keyring

        return keyring.get_keyring()

    def check(self) -> Any:
        """The backend, or KeyringUnavailable with the reason (call off the GUI thread)."""
        backend = self._backend()
        backends = list(getattr(backend, "backends", None) or [backend])
        trusted = [b for b in backends if type(b).__module__.startswith(self._trusted)]
        if not trusted:
            names = ", ".join(f"{type(b).__module__}.{type(b).__name__}" for b in backends)
            raise KeyringUnavailable(
                translate(
                    "Keyring", "No secure keyring is available on this computer (found {found})"
                ).format(found=names)
                if names
                else translate("Keyring", "No secure keyring is available on this computer")
            )
        return trusted[0]

    async def _call(self, fn: Callable[[Any], T]) -> T:
        loop = asyncio.get_running_loop()

        def work() -> T:
            return fn(self.check())

        try:
            return await asyncio.wait_for(loop.run_in_executor(self._executor, work), self._timeout)
        except TimeoutError:
            raise KeyringUnavailable(
                translate("Keyring", "The keyring did not answer within 5 seconds (is it locked?)")
            ) from None
        except KeyringUnavailable:
            raise
        except Exception as exc:
            raise KeyringUnavailable(
                translate("Keyring", "The keyring failed: {kind}").format(kind=type(exc).__name__)
            ) from None

    async def get(self) -> str | None:
        value = await self._call(lambda b: b.get_password(SERVICE, USERNAME))
        return value.strip() if isinstance(value, str) and value.strip() else None

    async def set(self, value: str) -> None:
        await self._call(lambda b: b.set_password(SERVICE, USERNAME, value))

    async def delete(self) -> None:
        await self._call(lambda b: _delete(b))


def _delete(backend: Any) -> None:
    try:
        backend.delete_password(SERVICE, USERNAME)
    except Exception as exc:
        if type(exc).__name__ != "PasswordDeleteError":
            raise


async def find_api_key(stores: Sequence[SecretStore]) -> tuple[str | None, str | None]:
    """The first key found, and the name of the store it came from. A store that cannot be
    read is skipped (its problem is the caller's to explain)."""
    for store in stores:
        try:
            value = await store.get()
        except KeyringUnavailable:
            continue
        if value:
            return value, store.name
    return None, None
