"""Real PNG images for simulated results, made with the standard library only: the sizes a
result has, the PNG encoding, and the pictures of ``picture.py``. Run them in an executor,
never on a GUI thread.
"""

from __future__ import annotations

import re
import struct
import zlib
from functools import lru_cache

from .picture import compose

__all__ = ["encode_png", "image_size", "render_png", "tiny_png"]

_AR_RE = re.compile(r"--(?:ar|aspect)\s+(\d{1,4})\s*:\s*(\d{1,4})", re.IGNORECASE)


def image_size(prompt: str, speed: str, quality: str) -> tuple[int, int]:
    """Pixel size of a result: long side 512 (draft), 1024 (standard) or 2048 (hd), aspect from
    ``--ar`` when it is a sane ratio."""
    long_side = 512 if speed == "draft" else (2048 if quality == "hd" else 1024)
    w_r, h_r = 1, 1
    m = _AR_RE.search(prompt)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a > 0 and b > 0 and max(a / b, b / a) <= 8:
            w_r, h_r = a, b
    if w_r >= h_r:
        w, h = long_side, max(8, round(long_side * h_r / w_r / 8) * 8)
    else:
        w, h = max(8, round(long_side * w_r / h_r / 8) * 8), long_side
    return w, h


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(width: int, height: int, rows: list[bytes]) -> bytes:
    raw = b"".join(b"\x00" + r for r in rows)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(raw, 3))
        + _chunk(b"IEND", b"")
    )


@lru_cache(maxsize=48)
def render_png(seed: str, index: int, width: int, height: int, prompt: str = "") -> bytes:
    """A deterministic PNG of ``width`` × ``height`` for image ``index`` of the task ``seed``:
    a small scene in the prompt's colours with its first words as a caption (``picture``)."""
    return encode_png(width, height, compose(prompt, seed, index, width, height))


def tiny_png(width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (40, 90, 200)) -> bytes:
    """A small flat PNG (fixtures, uploads in tests)."""
    row = bytes(rgb) * width
    return encode_png(width, height, [row] * height)
