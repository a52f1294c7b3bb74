"""Value-based redaction of secrets: the key, and the forms it takes in transit."""

from __future__ import annotations

import base64
import logging
from urllib.parse import quote

__all__ = ["Redactor", "secret_forms"]

MASK = "[redacted]"


def secret_forms(secret: str) -> list[str]:
    """The key itself and the encodings it could leak in (longest first)."""
    if not secret:
        return []
    forms = {
        secret,
        quote(secret, safe=""),
        base64.b64encode(secret.encode()).decode(),
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

    def __repr__(self) -> str:
        return f"<Redactor of {len(self._forms)} forms>"

    def add(self, secret: str) -> None:
        for f in secret_forms(secret):
            if f not in self._forms:
                self._forms.append(f)
        self._forms.sort(key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for f in self._forms:
            if f in text:
                text = text.replace(f, MASK)
        return text

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
