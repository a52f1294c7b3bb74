"""The retry policies of contract §9, in one place.

Two policies, because a create is not like a read:

* a **create** (POST /v1/images/generations) is resent only when the server certainly created
  nothing: the connection was never made (connect error, connect or pool timeout), or the server
  answered 429 / 503. Anything after the bytes left the client — a read timeout, a reset, a 500,
  502 or 504, a 2xx without a task id — leaves the outcome unknown ("unconfirmed");
* **everything else** (task queries, credits, uploads, downloads) is retried up to four times on
  connect/read errors and 408, 429, 500, 502, 503, 504 with backoff ``min(0.5·2^n, 8)`` s and a
  jitter factor in [0.5, 1]. A server's ``Retry-After`` (or "retry after N seconds" in
  ``fallback_suggestion``) wins when it is at most 120 s; a longer wait is surfaced, not slept.

Delays, sleeping and randomness are injectable so tests run in milliseconds.
"""

from __future__ import annotations

import asyncio
import math
import random
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Final

__all__ = [
    "CREATE_RETRY_STATUSES",
    "CREATE_UNCONFIRMED_STATUSES",
    "READ_RETRY_STATUSES",
    "RetryPolicy",
    "parse_retry_after",
    "suggestion_delay",
]

#: Statuses after which a create is certainly not processed and may be sent again.
CREATE_RETRY_STATUSES: Final = frozenset({429, 503})
#: Statuses after which a create may or may not exist: never resent automatically.
CREATE_UNCONFIRMED_STATUSES: Final = frozenset({500, 502, 504})
#: Statuses after which a read (or an upload, or a download) is tried again.
READ_RETRY_STATUSES: Final = frozenset({408, 429, 500, 502, 503, 504})

_SUGGESTION_RE: Final = re.compile(
    r"retry\s+(?:after|in)\s+(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|sec(?:ond)?s?|min(?:ute)?s?)?",
    re.IGNORECASE,
)


def _finite_nonneg(value: float) -> float | None:
    if math.isnan(value) or value < 0:
        return None
    return value


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (delta seconds or HTTP date).

    Returns None when the header is absent or unusable (negative, NaN, garbage, a date in the
    past); ``math.inf`` when it asks for longer than any sane wait (so the caller can surface it).
    Never raises.
    """
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            value = _finite_nonneg(float(ms.strip()) / 1000.0)
        except (ValueError, OverflowError):
            value = None
        if value is not None:
            return value
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    if not raw:
        return None
    try:
        seconds = float(raw)
    except (ValueError, OverflowError):
        seconds = None
    if seconds is not None:
        return _finite_nonneg(seconds)
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or when.tzinfo is None:
        return None
    try:
        delta = when.timestamp() - (time.time() if now is None else now)
    except (OverflowError, OSError, ValueError):
        return math.inf
    return delta if delta >= 0 else None


def suggestion_delay(text: str | None) -> float | None:
    """A wait read from a ``fallback_suggestion`` such as "retry after 60 seconds", or None."""
    if not text:
        return None
    m = _SUGGESTION_RE.search(text)
    if not m:
        return None
    try:
        value = float(m.group(1))
    except (ValueError, OverflowError):
        return None
    unit = (m.group(2) or "s").lower()
    if unit == "ms" or unit.startswith("milli"):
        value /= 1000.0
    elif unit.startswith("min"):
        value *= 60.0
    return _finite_nonneg(value)


async def _real_sleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """Retry limits and delays; one instance is shared by everything a client sends."""

    max_retries: int = 4
    create_max_retries: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0
    jitter: tuple[float, float] = (0.5, 1.0)
    max_server_delay: float = 120.0
    sleep: Callable[[float], Awaitable[None]] = field(default=_real_sleep, compare=False)
    random: Callable[[], float] = field(default=random.random, compare=False)

    def backoff(self, attempt: int) -> float:
        """The wait before retry number ``attempt + 1`` (attempt counts from 0)."""
        nominal = min(self.base_delay * (2.0 ** min(attempt, 62)), self.max_delay)
        lo, hi = self.jitter
        return nominal * (lo + (hi - lo) * self.random())

    def nominal_schedule(self, retries: int | None = None) -> list[float]:
        """The waits without jitter: [0.5, 1, 2, 4] for the default policy."""
        n = self.max_retries if retries is None else retries
        return [min(self.base_delay * 2.0**i, self.max_delay) for i in range(n)]

    def delay(self, attempt: int, server_hint: float | None) -> float | None:
        """The wait before the next try: the server's hint when it gave one, else the backoff.

        None means the server asked for longer than ``max_server_delay``: do not sleep, surface.
        """
        if server_hint is not None:
            if not math.isfinite(server_hint) or server_hint > self.max_server_delay:
                return None
            return max(0.0, server_hint)
        return self.backoff(attempt)

    @classmethod
    def immediate(cls, **kw: object) -> RetryPolicy:
        """A policy with the same limits and zero waits (tests)."""

        async def no_sleep(_: float) -> None:
            await asyncio.sleep(0)

        return cls(base_delay=0.0, sleep=no_sleep, **kw)  # type: ignore[arg-type]


def server_hint(headers: Mapping[str, str], suggestion: str | None) -> float | None:
    """The server's wait: a header first, else the text of ``fallback_suggestion``."""
    value = parse_retry_after(headers)
    if value is not None:
        return value
    return suggestion_delay(suggestion)
