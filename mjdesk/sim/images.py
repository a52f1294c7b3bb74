"""Real PNG images for simulated results, made with the standard library only.

Each image is a smooth colour field seeded by the prompt and the image index: every pixel row is
one ``bytes.translate`` of a base row through a per-row table, so a 2048 × 2048 image takes a few
hundred milliseconds, not minutes. Run it in an executor, never on a GUI thread.
"""

from __future__ import annotations

import hashlib
import math
import re
import struct
import zlib
from functools import lru_cache

__all__ = ["image_size", "render_png", "tiny_png"]

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


def _encode_png(width: int, height: int, rows: list[bytes]) -> bytes:
    raw = b"".join(b"\x00" + r for r in rows)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(raw, 3))
        + _chunk(b"IEND", b"")
    )


@lru_cache(maxsize=48)
def render_png(seed: str, index: int, width: int, height: int) -> bytes:
    """A deterministic PNG of ``width`` × ``height`` for (seed, index): soft colour fields in a
    palette drawn from the seed, like a blurred photograph."""
    h = hashlib.sha256(f"{seed}\x00{index}".encode()).digest()
    r = [b / 255.0 for b in h]
    # three palette colours around a seed hue, moderately saturated
    hue = r[0]
    palette = [
        _hsv((hue + d) % 1.0, 0.35 + 0.4 * r[1 + i], 0.25 + 0.65 * r[4 + i])
        for i, d in enumerate((0.0, 0.08 + 0.2 * r[7], 0.5 + 0.1 * r[8]))
    ]
    fx = [(0.4 + 1.2 * r[9 + i]) * 2 * math.pi / width for i in range(3)]
    px = [r[12 + i] * 6.283 for i in range(3)]
    base = bytearray(width * 3)
    for x in range(width):
        for c in range(3):
            level = int(42 * (1 + math.sin(x * fx[c] + px[c])))
            base[3 * x + c] = 85 * c + level
    base_row = bytes(base)
    fy = (0.4 + 1.0 * r[15]) * 2 * math.pi / height
    bands = 96
    tables: list[bytes] = []
    for band in range(bands):
        t = band / (bands - 1)
        table = bytearray(256)
        for c in range(3):
            for level in range(85):
                u = level / 84
                # blend the palette by position (level) and by row (t)
                w0 = (1 - u) * (1 - t)
                w1 = u * (1 - t) + (1 - u) * t * 0.5
                w2 = u * t + (1 - u) * t * 0.5
                total = w0 + w1 + w2
                v = (palette[0][c] * w0 + palette[1][c] * w1 + palette[2][c] * w2) / total
                table[85 * c + level] = max(0, min(255, int(v)))
        table[255] = table[254]
        tables.append(bytes(table))
    rows = []
    for y in range(height):
        band = int((0.5 + 0.5 * math.sin(y * fy + r[16] * 6.283)) * (bands - 1))
        rows.append(base_row.translate(tables[band]))
    return _encode_png(width, height, rows)


def _hsv(h: float, s: float, v: float) -> tuple[float, float, float]:
    import colorsys

    rr, gg, bb = colorsys.hsv_to_rgb(h, s, v)
    return rr * 255, gg * 255, bb * 255


def tiny_png(width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (40, 90, 200)) -> bytes:
    """A small flat PNG (fixtures, uploads in tests)."""
    row = bytes(rgb) * width
    return _encode_png(width, height, [row] * height)
