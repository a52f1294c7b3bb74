"""QObjects adapting the engine, the library and the key stores to signals for the UI."""

from .studio import StudioService
from .thumbnails import ThumbnailService

__all__ = ["StudioService", "ThumbnailService"]
