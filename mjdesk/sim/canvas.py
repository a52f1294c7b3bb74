"""The simulator's reading of V8.1's canvas edits: the geometry it accepts (EvoLink's
documented fields, plus the cautious third-party rules mjdesk's client also keeps — the
simulator holds its own copy, as the real server would), and the picture an edit returns:
the canvas at its requested aspect, the source where ``img_pos`` puts it, the new area and
the masked regions painted anew, so tests can check geometry from pixels."""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any, Final

from .invalid import _Invalid

__all__ = [
    "Geometry",
    "Pixels",
    "aspect_mismatch",
    "check_geometry",
    "decode_png",
    "inside_mask",
    "mask_area_problem",
    "render_edit",
]

MIN_SIDE: Final = 500
MAX_SIDE: Final = 4096
ASPECT_TOLERANCE: Final = 0.01
_RESULT_URL = re.compile(r"/results/([A-Za-z0-9_.-]+)/(\d{1,3})\.png$")


@dataclass
class Geometry:
    canvas: tuple[int, int]
    img_pos: tuple[int, int, int, int]  # x, y, width, height
    areas: list[list[tuple[int, int]]] = field(default_factory=list)
    mask_url: str | None = None
    source_url: str | None = None

    def result_size(self, longest: int) -> tuple[int, int]:
        """The canvas scaled so its longer side is ``longest``."""
        cw, ch = self.canvas
        k = longest / max(cw, ch)
        return max(8, round(cw * k)), max(8, round(ch * k))

    def source_task(self) -> tuple[str, int] | None:
        """A source given by one of the simulator's own result links."""
        m = _RESULT_URL.search(self.source_url or "")
        return (m.group(1), int(m.group(2))) if m else None


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_geometry(model: str, params: dict[str, Any], urls: Any) -> Geometry:
    """``canvas``, ``img_pos`` and (upload-paint) ``mask``, or _Invalid."""
    canvas, pos = params.get("canvas"), params.get("img_pos")
    assert isinstance(canvas, dict) and isinstance(pos, dict)  # checked by the caller
    cw: Any = canvas.get("width")
    ch: Any = canvas.get("height")
    if not (_int(cw) and _int(ch)) or not (
        MIN_SIDE <= cw <= MAX_SIDE and MIN_SIDE <= ch <= MAX_SIDE
    ):
        raise _Invalid(
            f"canvas width and height must be integers from {MIN_SIDE} to {MAX_SIDE}",
            "model_params.canvas",
            switchable=False,
        )
    x: Any = pos.get("x")
    y: Any = pos.get("y")
    w: Any = pos.get("width")
    h: Any = pos.get("height")
    if not all(_int(v) for v in (x, y, w, h)) or w <= 0 or h <= 0:
        raise _Invalid(
            "img_pos needs integer x, y, width, height", "model_params.img_pos", switchable=False
        )
    if x < 0 or y < 0 or x + w > cw or y + h > ch:
        raise _Invalid(
            "img_pos must lie inside the canvas", "model_params.img_pos", switchable=False
        )
    geo = Geometry((cw, ch), (x, y, w, h))
    if isinstance(urls, list) and urls and isinstance(urls[0], str):
        geo.source_url = urls[0]
    if model == "mj-v8.1-upload-paint":
        mask = params.get("mask")
        if isinstance(mask, str):
            if not mask.lower().startswith(("http://", "https://")):
                raise _Invalid(
                    "mask must be an object or an image URL", "model_params.mask", switchable=False
                )
            geo.mask_url = mask
        elif isinstance(mask, dict) and isinstance(mask.get("areas"), list) and mask["areas"]:
            for area in mask["areas"]:
                problem = mask_area_problem(area)
                if problem:
                    raise _Invalid(problem, "model_params.mask", switchable=False)
                pts = area["points"]
                geo.areas.append(list(zip(pts[::2], pts[1::2], strict=True)))
        else:
            raise _Invalid(
                "mask needs areas or an image URL", "model_params.mask", switchable=False
            )
    return geo


def mask_area_problem(area: Any) -> str | None:
    """Why one mask area is refused: sizes, point count and order (clockwise, y down)."""
    if not isinstance(area, dict):
        return "each mask area must be an object"
    w: Any = area.get("width")
    h: Any = area.get("height")
    pts: Any = area.get("points")
    if not (_int(w) and _int(h)) or not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        return f"mask area width and height must be integers from {MIN_SIDE} to {MAX_SIDE}"
    if not isinstance(pts, list) or len(pts) < 6 or len(pts) % 2 or not all(_int(v) for v in pts):
        return "mask points must be at least 3 x,y integer pairs"
    if any(not 0 <= v <= (w if i % 2 == 0 else h) for i, v in enumerate(pts)):
        return "mask points must lie inside the area"
    n = len(pts) // 2
    signed = sum(
        pts[2 * i] * pts[2 * ((i + 1) % n) + 1] - pts[2 * ((i + 1) % n)] * pts[2 * i + 1]
        for i in range(n)
    )
    if signed <= 0:
        return "mask points must run clockwise"
    return None


def aspect_mismatch(geo: Geometry | None, source: Any) -> bool:
    """The edit route's late failure: a canvas not at the source task's image aspect."""
    if geo is None:
        return False
    cw, ch = geo.canvas
    return bool(abs((cw / ch) / (source.width / source.height) - 1) >= ASPECT_TOLERANCE)


def inside_mask(polys: list[list[tuple[int, int]]], x: float, y: float) -> bool:
    for poly in polys:
        inside = False
        n = len(poly)
        for i in range(n):
            x1, y1 = poly[i]
            x2, y2 = poly[(i + 1) % n]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        if inside:
            return True
    return False


def decode_png(data: bytes, max_side: int = 0) -> tuple[int, int, list[bytes], int] | None:
    """A PNG's (width, height, rows, channels) for 8-bit grey, RGB, grey+alpha, RGBA and
    palette images (1, 2, 4 or 8 bits, with tRNS: returned as RGBA), without interlacing;
    None for anything else (the simulator then paints a neutral stand-in). ``max_side``: keep
    every n-th pixel so neither side exceeds it (the edit's result is small). Slow and
    simple: the simulator's own tool, in an executor."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    pos, idat, header, palette, alphas = 8, b"", None, b"", b""
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"PLTE":
            palette = body
        elif kind == b"tRNS":
            alphas = body
        pos += 12 + length
    if header is None:
        return None
    width, height, depth, colour, _, _, interlace = header
    if interlace:
        return None
    step = max(1, -(-max(width, height) // max_side)) if max_side else 1
    if colour == 3 and depth in (1, 2, 4, 8) and palette:
        rows = _unfilter(zlib.decompress(idat), (width * depth + 7) // 8, height, 1)
        return _palette_rows(rows, width, depth, palette, alphas, step)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None:
        return None
    rows = _unfilter(zlib.decompress(idat), width * channels, height, channels)
    if step == 1:
        return width, height, rows, channels
    kept = [
        b"".join(row[x * channels : x * channels + channels] for x in range(0, width, step))
        for row in rows[::step]
    ]
    return len(range(0, width, step)), len(kept), kept, channels


def _unfilter(raw: bytes, stride: int, height: int, bpp: int) -> list[bytes]:
    rows: list[bytes] = []
    prev = bytearray(stride)
    for r in range(height):
        start = r * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                if kind == 1:
                    line[i] = (line[i] + a) & 255
                elif kind == 2:
                    line[i] = (line[i] + b) & 255
                elif kind == 3:
                    line[i] = (line[i] + (a + b) // 2) & 255
                elif kind == 4:
                    c = prev[i - bpp] if i >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (
                        line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)
                    ) & 255
        rows.append(bytes(line))
        prev = line
    return rows


def _palette_rows(
    rows: list[bytes], width: int, depth: int, palette: bytes, alphas: bytes, step: int
) -> tuple[int, int, list[bytes], int]:
    colours = [
        palette[3 * i : 3 * i + 3] + bytes([alphas[i] if i < len(alphas) else 255])
        for i in range(len(palette) // 3)
    ]
    per_byte, mask = 8 // depth, (1 << depth) - 1
    xs = range(0, width, step)
    out_rows = []
    for line in rows[::step]:
        out = bytearray()
        for x in xs:
            index = (line[x // per_byte] >> (8 - depth * (x % per_byte + 1))) & mask
            out += colours[index] if index < len(colours) else b"\0\0\0\0"
        out_rows.append(bytes(out))
    return len(xs), len(out_rows), out_rows, 4


Pixels = tuple[int, int, list[bytes], int]  # width, height, rows, channels


def _sample(img: Pixels, u: float, v: float) -> bytes:
    """The RGB of ``img`` at fractions ``u``, ``v`` (nearest pixel)."""
    w, h, rows, ch = img
    x, y = min(int(u * w), w - 1), min(int(v * h), h - 1)
    px = rows[y][x * ch : x * ch + ch]
    return px[:3] if ch >= 3 else px[:1] * 3


def _opaque(img: Pixels, u: float, v: float) -> bool:
    """Whether a mask image repaints here: opaque (alpha), or light where it has no alpha."""
    w, h, rows, ch = img
    x, y = min(int(u * w), w - 1), min(int(v * h), h - 1)
    px = rows[y][x * ch : x * ch + ch]
    if ch in (2, 4):
        return px[-1] >= 128
    return sum(px) / len(px) >= 128


def render_edit(
    geo: Geometry,
    out_w: int,
    out_h: int,
    painted: list[bytes],
    source: Pixels | None,
    mask: Pixels | None,
) -> list[bytes]:
    """The edit's picture (RGB rows, ``out_w`` × ``out_h``, the canvas scaled): the source
    where img_pos puts it, except what the mask covers; ``painted`` everywhere else."""
    cw, ch = geo.canvas
    x0, y0, pw, ph = geo.img_pos
    sx, sy = cw / out_w, ch / out_h
    rows: list[bytes] = []
    for oy in range(out_h):
        cy = (oy + 0.5) * sy
        if not y0 <= cy < y0 + ph:
            rows.append(painted[oy])
            continue
        line = bytearray(painted[oy])
        for ox in range(out_w):
            cx = (ox + 0.5) * sx
            if not x0 <= cx < x0 + pw:
                continue
            u, v = (cx - x0) / pw, (cy - y0) / ph
            if geo.areas and inside_mask(geo.areas, cx, cy):
                continue
            if mask is not None and _opaque(mask, cx / cw, cy / ch):
                continue
            line[ox * 3 : ox * 3 + 3] = _sample(source, u, v) if source else b"\x80\x80\x80"
        rows.append(bytes(line))
    return rows
