"""Which URLs the client may talk to, and with what.

* The API and files bases must be ``https://`` (loopback ``http://`` is allowed for the
  simulator), with no user info, query or fragment.
* Result downloads never carry the key, are ``https://`` (or loopback when the API itself is on
  loopback) and never go to a private, link-local or otherwise non-global address, checked
  again after DNS resolution and at every redirect hop.
* A callback URL is ``https://``, at most 2048 characters and points to a public host.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Final
from urllib.parse import SplitResult, urlsplit

from ..core.i18n import translate
from .errors import UnsafeUrlError

__all__ = [
    "is_loopback_host",
    "origin_of",
    "resolve_public",
    "validate_base_url",
    "validate_callback_url",
    "validate_fetch_url",
]

MAX_CALLBACK_CHARS: Final = 2048
_LOOPBACK_NAMES: Final = frozenset({"localhost", "localhost.", "ip6-localhost"})


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _loose_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """IPv4 spellings that resolvers accept but ``ip_address`` does not: ``2130706433``,
    ``0x7f.1``, ``127.1``, ``0177.0.0.1``."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(parts):
        return None
    nums: list[int] = []
    for p in parts:
        try:
            if p.lower().startswith("0x"):
                nums.append(int(p, 16))
            elif len(p) > 1 and p.startswith("0"):
                nums.append(int(p, 8))
            else:
                nums.append(int(p, 10))
        except ValueError:
            return None
    *head, last = nums
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(nums)):
        return None
    value = 0
    for n in head:
        value = value * 256 + n
    value = value * 256 ** (5 - len(nums)) + last
    if value > 0xFFFFFFFF:
        return None
    return ipaddress.IPv4Address(value)


def _as_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    addr = _ip(host)
    if addr is None:
        addr = _loose_ipv4(host)
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    return addr


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in _LOOPBACK_NAMES:
        return True
    addr = _as_address(host)
    return addr is not None and addr.is_loopback


def _is_global(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if addr.is_loopback or addr.is_link_local or addr.is_multicast or addr.is_unspecified:
        return False
    if addr.is_private or addr.is_reserved:
        return False
    if isinstance(addr, ipaddress.IPv4Address) and addr in ipaddress.ip_network("100.64.0.0/10"):
        return False
    return addr.is_global


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme.lower()}://{host}:{port}"


def _split(url: str, what: str) -> SplitResult:
    if not isinstance(url, str) or not url.strip():
        raise UnsafeUrlError(translate("Security", "{what} is empty").format(what=what))
    if any(c in url for c in "\r\n\t\x00 "):
        raise UnsafeUrlError(
            translate("Security", "{what} contains spaces or control characters").format(what=what)
        )
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        raise UnsafeUrlError(
            translate("Security", "{what} is not a valid URL ({reason})").format(
                what=what, reason=exc
            )
        ) from None
    if not parts.hostname:
        raise UnsafeUrlError(translate("Security", "{what} has no host").format(what=what))
    if parts.username is not None or parts.password is not None:
        raise UnsafeUrlError(
            translate("Security", "{what} must not contain a user name or password").format(
                what=what
            )
        )
    return parts


def validate_base_url(url: str, what: str = translate("Security", "API base URL")) -> str:
    """The base URL without a trailing slash, or UnsafeUrlError with the reason."""
    parts = _split(url, what)
    scheme = parts.scheme.lower()
    if parts.query or parts.fragment:
        raise UnsafeUrlError(
            translate("Security", "{what} must not have a query or fragment").format(what=what)
        )
    if scheme == "https":
        pass
    elif scheme == "http":
        if not is_loopback_host(parts.hostname):
            raise UnsafeUrlError(
                translate(
                    "Security",
                    "{what} must use https:// (plain http:// is only allowed on this computer)",
                ).format(what=what)
            )
    else:
        raise UnsafeUrlError(
            translate("Security", "{what} must start with https://").format(what=what)
        )
    return url.rstrip("/")


def validate_fetch_url(url: str, *, allow_loopback: bool) -> SplitResult:
    """Checks a result or redirect URL before it is fetched (without DNS; see resolve_public)."""
    parts = _split(url, translate("Security", "Result URL"))
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    loopback = is_loopback_host(host)
    if scheme not in ("https", "http"):
        raise UnsafeUrlError(
            translate("Security", "Result URL scheme “{scheme}” is not allowed").format(
                scheme=scheme
            )
        )
    if loopback:
        if not allow_loopback:
            raise UnsafeUrlError(translate("Security", "Result URL points to this computer"))
        return parts
    addr = _as_address(host)
    if addr is not None and not _is_global(addr):  # said first: it is the graver problem
        raise UnsafeUrlError(
            translate("Security", "Result URL points to a private or local network address")
        )
    if scheme != "https":
        raise UnsafeUrlError(translate("Security", "Result URL must use https://"))
    return parts


async def resolve_public(host: str, port: int, *, allow_loopback: bool) -> None:
    """Resolves ``host`` and refuses it unless every address is global (or loopback, if allowed)."""
    addr = _as_address(host)
    if addr is not None:
        addrs = [addr]
    else:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError:
            return  # let the connection attempt report "cannot reach"
        addrs = []
        for info in infos:
            ip = _ip(str(info[4][0]).split("%")[0])
            if ip is not None:
                addrs.append(ip)
    for a in addrs:
        if allow_loopback and a.is_loopback:
            continue
        if not _is_global(a):
            raise UnsafeUrlError(
                translate("Security", "{host} resolves to a private or local address").format(
                    host=host
                )
            )


def validate_callback_url(url: str) -> str:
    """A callback URL the server can reach: https, ≤ 2048 characters, public host literal."""
    if len(url) > MAX_CALLBACK_CHARS:
        raise UnsafeUrlError(
            translate("Security", "Callback URL is longer than {limit} characters").format(
                limit=MAX_CALLBACK_CHARS
            )
        )
    parts = _split(url, translate("Security", "Callback URL"))
    if parts.scheme.lower() != "https":
        raise UnsafeUrlError(translate("Security", "Callback URL must use https://"))
    host = parts.hostname or ""
    if is_loopback_host(host) or host.endswith(".localhost") or host.endswith(".local"):
        raise UnsafeUrlError(
            translate(
                "Security", "Callback URL must not point to this computer or the local network"
            )
        )
    addr = _as_address(host)
    if addr is not None and not _is_global(addr):
        raise UnsafeUrlError(
            translate("Security", "Callback URL must not point to a private or local address")
        )
    if addr is None and "." not in host.strip("."):
        raise UnsafeUrlError(translate("Security", "Callback URL needs a public host name"))
    return url
