"""The EvoLink HTTP contract (no Qt): client, typed models, typed errors, retry policy."""

from typing import TYPE_CHECKING, Any

from .errors import (
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    InsufficientQuotaError,
    InvalidImageError,
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    RateLimitError,
    RequestTooLargeError,
    ResponseTooLargeError,
    ResultExpiredError,
    ServerError,
    ServiceUnavailableError,
    UnconfirmedCreateError,
    UnsafeUrlError,
)

# Names resolve on first use (PEP 562): importing an error type or a model does not import
# httpx, which the window must not pay for before its first frame.
_WHERE = {
    "DEFAULT_API_BASE": "client",
    "DEFAULT_FILES_BASE": "client",
    "Downloaded": "client",
    "EvoLinkClient": "client",
    "Limits": "client",
    "Credits": "models",
    "GenerationRequest": "models",
    "Task": "models",
    "TaskError": "models",
    "UploadedFile": "models",
    "RetryPolicy": "retry",
}

if TYPE_CHECKING:
    from .client import DEFAULT_API_BASE, DEFAULT_FILES_BASE, Downloaded, EvoLinkClient, Limits
    from .models import Credits, GenerationRequest, Task, TaskError, UploadedFile
    from .retry import RetryPolicy


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_API_BASE",
    "DEFAULT_FILES_BASE",
    "ApiConnectionError",
    "ApiError",
    "ApiTimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "Credits",
    "Downloaded",
    "EvoLinkClient",
    "GenerationRequest",
    "InsufficientQuotaError",
    "InvalidImageError",
    "Limits",
    "NotFoundError",
    "PermissionDeniedError",
    "ProtocolError",
    "RateLimitError",
    "RequestTooLargeError",
    "ResponseTooLargeError",
    "ResultExpiredError",
    "RetryPolicy",
    "ServerError",
    "ServiceUnavailableError",
    "Task",
    "TaskError",
    "UnconfirmedCreateError",
    "UnsafeUrlError",
    "UploadedFile",
]
