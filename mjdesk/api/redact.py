"""Value-based redaction of secrets: the key, and the forms it takes in transit."""

from __future__ import annotations

import base64
import logging
import re
from urllib.parse import quote, quote_plus

__all__ = ["Redactor", "secret_forms"]

MASK = "[redacted]"


def secret_pattern(secret: str) -> re.Pattern[str]:
    """The key with any of its characters percent-encoded (in either case), as a server might
    put it into a URL or echo it in a message."""
    parts = []
    for ch in secret:
        encoded = "".join(f"%{b:02x}" for b in ch.encode())
        parts.append(f"(?:{re.escape(ch)}|(?i:{re.escape(encoded)}))")
    return re.compile("".join(parts))


def secret_forms(secret: str) -> list[str]:
    """The key itself and the encodings it could leak in (longest first)."""
    if not secret:
        return []
    forms = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
        base64.b64encode(secret.encode()).decode(),
        base64.urlsafe_b64encode(secret.encode()).decode(),
        base64.b64encode(f"Bearer {secret}".encode()).decode(),
    }
    if len(secret) >= 16:
        forms.add(secret[:12])
    return sorted((f for f in forms if len(f) >= 8), key=len, reverse=True)


class Redactor(logging.Filter):
    """Replaces every known form of registered secrets in strings and in log records."""

    def __init__(self) -> None:
        super().__init__()
        self._forms: list[str] = []
        self._patterns: list[re.Pattern[str]] = []

    def __repr__(self) -> str:
        return f"<Redactor of {len(self._forms)} forms>"

    def add(self, secret: str) -> None:
        for f in secret_forms(secret):
            if f not in self._forms:
                self._forms.append(f)
        self._forms.sort(key=len, reverse=True)
        if len(secret) >= 8:
            pattern = secret_pattern(secret)
            if pattern.pattern not in (p.pattern for p in self._patterns):
                self._patterns.append(pattern)

    def scrub(self, text: str) -> str:
        """``text`` with every known form of the secrets masked."""
        for p in self._patterns:
            if "%" in text or any(f[0] in text for f in self._forms):
                text = p.sub(MASK, text)
        for f in self._forms:
            if f in text:
                text = text.replace(f, MASK)
        return text

    def leaks(self, text: str) -> bool:
        return self.scrub(text) != text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._forms:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        record.msg = self.scrub(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            import traceback

            text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_text = self.scrub(text)
            record.exc_info = None
        return True
