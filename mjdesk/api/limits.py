"""Sizes and deadlines of every call the client makes."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Sizes and deadlines (seconds). Defaults are contract §9; tests shrink them."""

    max_json_bytes: int = 1024 * 1024
    max_download_bytes: int = 50 * 1024 * 1024
    max_upload_bytes: int = 30 * 1024 * 1024
    json_deadline: float = 60.0
    upload_deadline: float = 60.0
    upload_deadline_per_100kb: float = 1.0
    download_deadline: float = 300.0
    max_redirects: int = 5
    max_invalid_image_retries: int = 3
