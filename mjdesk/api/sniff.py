"""Recognise image bytes by their magic numbers, never by a name or a Content-Type."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

__all__ = ["EXTENSIONS", "ImageInfo", "image_info", "is_complete", "sniff_mime"]

#: The formats EvoLink accepts, with the extension a stored file gets.
EXTENSIONS: Final = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}


def sniff_mime(head: bytes) -> str | None:
    """The MIME type of image bytes from their first 12 bytes, or None if not png/jpeg/gif/webp."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


@dataclass(frozen=True, slots=True)
class ImageInfo:
    mime: str
    ext: str
    width: int | None
    height: int | None


def image_info(data: bytes) -> ImageInfo | None:
    """Format and pixel size read from the header (no decoding), or None if not an image we take.

    The size is None when the header is damaged; callers that must be sure the pixels decode do
    that separately (off the GUI thread).
    """
    mime = sniff_mime(data[:12])
    if mime is None:
        return None
    try:
        size = _SIZE_READERS[mime](data)
    except (struct.error, IndexError, ValueError):
        size = None
    w, h = size if size else (None, None)
    return ImageInfo(mime=mime, ext=EXTENSIONS[mime], width=w, height=h)


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[12:16] != b"IHDR":
        return None
    w, h = struct.unpack(">II", data[16:24])
    return (w, h) if w and h else None


def _gif_size(data: bytes) -> tuple[int, int] | None:
    w, h = struct.unpack("<HH", data[6:10])
    return (w, h) if w and h else None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    n = len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5 : i + 9])
            return (w, h) if w and h else None
        i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 ":
        w, h = struct.unpack("<HH", data[26:30])
        return (w & 0x3FFF, h & 0x3FFF)
    if chunk == b"VP8L":
        b = data[21:25]
        w = 1 + (((b[1] & 0x3F) << 8) | b[0])
        h = 1 + (((b[3] & 0x0F) << 10) | (b[2] << 2) | ((b[1] & 0xC0) >> 6))
        return (w, h)
    if chunk == b"VP8X":
        w = 1 + int.from_bytes(data[24:27], "little")
        h = 1 + int.from_bytes(data[27:30], "little")
        return (w, h)
    return None


_SIZE_READERS = {
    "image/png": _png_size,
    "image/gif": _gif_size,
    "image/jpeg": _jpeg_size,
    "image/webp": _webp_size,
}


def is_complete(data: bytes) -> bool:
    """Whether image bytes are whole: every PNG chunk CRC checks and IEND is there, a JPEG ends
    with EOI, a GIF with its trailer, a WebP's RIFF size matches. Catches truncated or damaged
    downloads without decoding pixels."""
    mime = sniff_mime(data[:12])
    if mime == "image/png":
        return _png_complete(data)
    if mime == "image/jpeg":
        return data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if mime == "image/gif":
        return data.endswith(b";")
    if mime == "image/webp":
        return len(data) >= 12 and struct.unpack("<I", data[4:8])[0] + 8 == len(data)
    return False


def _png_complete(data: bytes) -> bool:
    import zlib

    pos = 8
    n = len(data)
    while pos + 12 <= n:
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > n:
            return False
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(data[pos + 4 : end - 4]) & 0xFFFFFFFF != crc:
            return False
        if kind == b"IEND":
            return True
        pos = end
    return False
