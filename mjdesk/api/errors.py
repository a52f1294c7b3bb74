"""Typed errors of the EvoLink client.

Every error carries plain-text fields only; nothing here ever holds the API key (messages that
come back from a server are passed through :func:`mjdesk.api.redact.scrub` by the client before an
error is built).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ApiConnectionError",
    "ApiError",
    "ApiTimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "InsufficientQuotaError",
    "InvalidImageError",
    "NotFoundError",
    "PermissionDeniedError",
    "ProtocolError",
    "RateLimitError",
    "RequestTooLargeError",
    "ResponseTooLargeError",
    "ResultExpiredError",
    "ServerError",
    "ServiceUnavailableError",
    "UnconfirmedCreateError",
    "UnsafeUrlError",
    "error_for_status",
]


class ApiError(Exception):
    """Base of every error the client raises.

    ``status`` is the HTTP status (None for transport and local errors); ``code`` is the server's
    ``error.code`` (an int or a business string, as the API uses both); ``type`` the server's
    ``error.type``; ``param`` the offending field; ``suggestion`` the ``fallback_suggestion``.
    """

    retryable: bool = False

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: int | str | None = None,
        type: str | None = None,
        param: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.type = type
        self.param = param
        self.suggestion = suggestion

    def __str__(self) -> str:
        parts = [self.message]
        if self.status is not None:
            parts.insert(0, f"HTTP {self.status}:")
        if self.suggestion:
            parts.append(f"({self.suggestion})")
        return " ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, "
            f"type={self.type!r}, message={self.message!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))


def _rebuild(cls: type[ApiError], message: str, state: dict[str, Any]) -> ApiError:
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class BadRequestError(ApiError):
    """400 (and other 4xx without a family of their own): the request itself is wrong."""


class AuthenticationError(ApiError):
    """401: the key is missing, wrong or revoked."""


class InsufficientQuotaError(ApiError):
    """402: not enough credits."""


class PermissionDeniedError(ApiError):
    """403: the key may not use this model or resource."""


class NotFoundError(ApiError):
    """404: unknown model, task or file."""


class RequestTooLargeError(ApiError):
    """413: the body is over the server's limit."""


class RateLimitError(ApiError):
    """429. ``retry_after`` is the server's hint in seconds, when it gave a usable one."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ServerError(ApiError):
    """500 / 502 / 504 and other 5xx: the server or its upstream failed."""

    retryable = True


class ServiceUnavailableError(ApiError):
    """503: the service is overloaded (documented as "retry after 30 seconds")."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ApiConnectionError(ApiError):
    """The server could not be reached or the connection broke."""

    retryable = True


class ApiTimeoutError(ApiConnectionError):
    """A read, a write or a call's total deadline ran out."""


class ProtocolError(ApiError):
    """The server answered with something that is not the documented shape (HTML, bad JSON...)."""

    retryable = True


class ResponseTooLargeError(ApiError):
    """A response body (JSON or image) went over its cap; reading was aborted mid-stream."""


class UnconfirmedCreateError(ApiError):
    """A create left the client but its outcome is unknown: the task may exist and be billed.

    It is never resent automatically; the user decides, after a warning about a double charge.
    ``client_ref`` is the idempotency reference sent with the request.
    """

    def __init__(self, message: str, *, client_ref: str | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.client_ref = client_ref


class ResultExpiredError(ApiError):
    """A result or file link answered 403/404/410: it has expired or was removed."""


class InvalidImageError(ApiError):
    """Bytes that are not a PNG, JPEG, GIF or WebP image (or are over the size cap)."""


class UnsafeUrlError(ApiError):
    """A URL the client refuses to contact (scheme, host or redirect rules)."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientQuotaError,
    403: PermissionDeniedError,
    404: NotFoundError,
    413: RequestTooLargeError,
    429: RateLimitError,
    503: ServiceUnavailableError,
}


def error_for_status(status: int) -> type[ApiError]:
    """The error family of an HTTP status."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return ServerError
    return BadRequestError
