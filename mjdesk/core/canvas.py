"""The geometry of V8.1's canvas edits, and every rule about it, in one place.

A canvas edit places the source image (``img_pos``: its size and top-left corner, in canvas
pixels) on a canvas (``canvas``: width and height) and lets Midjourney paint the rest, or
repaints the regions of a mask. Zoom out, pan and reframe are placements; a repaint is a mask
over the image where it stands.

What EvoLink documents (api-contract.md §1.5): ``mj-v8.1-edit`` takes a source task's image
0–3, a canvas and an img_pos, and the canvas aspect must match the source's or the task may
fail late. ``mj-v8.1-upload-paint`` takes any image by URL, a canvas, an img_pos and a mask
(polygon areas, or a mask image where opaque = repaint and transparent = keep).

What it does not, decided here and kept in the constants below so one line changes when the
real API answers: polygon points are x,y pairs in canvas pixels, clockwise as seen on screen
(y down), at least 3 points; an area's width and height are the canvas's, each between 500 and
4096 px; the canvas aspect matches "the source's" when the two differ by under 1 %; a placed
image keeps its own aspect (never stretched).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from .i18n import Text, translate

__all__ = [
    "ASPECT_TOLERANCE",
    "MAX_SIDE",
    "MIN_POINTS",
    "MIN_SIDE",
    "Placement",
    "Polygon",
    "areas",
    "aspect_matches",
    "clockwise",
    "new_area",
    "pan",
    "placement_problem",
    "reframe",
    "zoom_out",
]

#: An area's (the canvas's) smallest and largest side, px (third-party docs; cautious).
MIN_SIDE: Final = 500
MAX_SIDE: Final = 4096
#: The fewest points of a mask polygon (6 values).
MIN_POINTS: Final = 3
#: Two aspects "match" when they differ by less than this fraction.
ASPECT_TOLERANCE: Final = 0.01
#: The zoom-out factors Midjourney's own editor offers; any factor in (1, 2] is accepted.
ZOOM_FACTORS: Final = (1.5, 2.0)
MAX_ZOOM: Final = 2.0

Direction = Literal["left", "right", "up", "down"]
Polygon = list[tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Placement:
    """A canvas and where the source image sits on it (all in canvas pixels)."""

    canvas_w: int
    canvas_h: int
    x: int
    y: int
    w: int
    h: int

    def canvas(self) -> dict[str, int]:
        return {"width": self.canvas_w, "height": self.canvas_h}

    def img_pos(self) -> dict[str, int]:
        return {"width": self.w, "height": self.h, "x": self.x, "y": self.y}

    @property
    def covers_canvas(self) -> bool:
        return (self.x, self.y, self.w, self.h) == (0, 0, self.canvas_w, self.canvas_h)


def aspect_matches(a_w: float, a_h: float, b_w: float, b_h: float) -> bool:
    if min(a_w, a_h, b_w, b_h) <= 0:
        return False
    return abs((a_w / a_h) / (b_w / b_h) - 1) < ASPECT_TOLERANCE


def _fit(canvas_w: float, canvas_h: float) -> float:
    """The scale that brings a canvas's sides within MIN_SIDE..MAX_SIDE where they can (a small
    source is worked on at a size the route accepts; a huge one is brought down)."""
    if max(canvas_w, canvas_h) > MAX_SIDE:
        return MAX_SIDE / max(canvas_w, canvas_h)
    if min(canvas_w, canvas_h) < MIN_SIDE:
        return min(MIN_SIDE / min(canvas_w, canvas_h), MAX_SIDE / max(canvas_w, canvas_h))
    return 1.0


def _place(
    src_w: int, src_h: int, canvas_w: float, canvas_h: float, fx: float, fy: float, scale: float
) -> Placement:
    """The source at ``scale`` of its size on a canvas, its free room split fx : 1 - fx
    (left : right) and fy : 1 - fy; everything scaled together into the route's bounds."""
    k = _fit(canvas_w, canvas_h)
    cw, ch = round(canvas_w * k), round(canvas_h * k)
    w, h = min(cw, round(src_w * scale * k)), min(ch, round(src_h * scale * k))
    return Placement(cw, ch, round((cw - w) * fx), round((ch - h) * fy), w, h)


def zoom_out(src_w: int, src_h: int, factor: float) -> Placement:
    """The source centred on a canvas ``factor`` times its size (same aspect)."""
    factor = min(max(factor, 1.0), MAX_ZOOM)
    return _place(src_w, src_h, src_w * factor, src_h * factor, 0.5, 0.5, 1.0)


def pan(src_w: int, src_h: int, direction: Direction, amount: float) -> Placement:
    """The canvas grown by ``amount`` (a fraction of the source's side, 0.1–1) towards
    ``direction``; the source stays at the opposite edge."""
    amount = min(max(amount, 0.1), 1.0)
    if direction in ("left", "right"):
        canvas_w, canvas_h = src_w * (1 + amount), float(src_h)
        fx, fy = (1.0 if direction == "left" else 0.0), 0.5
    else:
        canvas_w, canvas_h = float(src_w), src_h * (1 + amount)
        fx, fy = 0.5, (1.0 if direction == "up" else 0.0)
    return _place(src_w, src_h, canvas_w, canvas_h, fx, fy, 1.0)


def reframe(
    src_w: int,
    src_h: int,
    aspect_w: int,
    aspect_h: int,
    *,
    scale: float = 1.0,
    fx: float = 0.5,
    fy: float = 0.5,
) -> Placement:
    """A canvas of the aspect ``aspect_w:aspect_h`` that holds the source at ``scale`` (1: the
    source touches two opposite edges), placed at fractions ``fx``, ``fy`` of the free room."""
    target = aspect_w / aspect_h
    if src_w / src_h >= target:  # the source is wider: the canvas grows in height
        canvas_w, canvas_h = float(src_w), src_w / target
    else:
        canvas_w, canvas_h = src_h * target, float(src_h)
    scale = min(max(scale, 0.1), 1.0)
    return _place(src_w, src_h, canvas_w, canvas_h, fx, fy, scale)


def placement_problem(p: Placement, src_w: int, src_h: int, *, same_aspect: bool) -> Text | None:
    """Why a placement would be refused, in words (None when it is fine). ``same_aspect``: the
    route needs the canvas at the source's aspect (``mj-v8.1-edit``)."""
    if min(p.canvas_w, p.canvas_h) < MIN_SIDE or max(p.canvas_w, p.canvas_h) > MAX_SIDE:
        return translate(
            "Editor", "The canvas must be {lo}–{hi} px on each side; this one is {w} × {h}"
        ).format(lo=MIN_SIDE, hi=MAX_SIDE, w=p.canvas_w, h=p.canvas_h)
    if p.w <= 0 or p.h <= 0 or p.x < 0 or p.y < 0:
        return translate("Editor", "The image must lie on the canvas")
    if p.x + p.w > p.canvas_w or p.y + p.h > p.canvas_h:
        return translate("Editor", "The image must lie on the canvas")
    if not aspect_matches(p.w, p.h, src_w, src_h):
        return translate("Editor", "The image cannot be stretched: keep its proportions")
    if same_aspect and not aspect_matches(p.canvas_w, p.canvas_h, src_w, src_h):
        return translate("Editor", "This route needs the canvas at the image's own proportions")
    return None


def clockwise(points: Sequence[tuple[float, float]]) -> Polygon:
    """The polygon's points in clockwise order on screen (y grows downwards)."""
    pts = [(float(x), float(y)) for x, y in points]
    # shoelace: with y down, a positive sum is clockwise as seen
    return pts if _signed_area(pts) >= 0 else pts[::-1]


def areas(polygons: Sequence[Sequence[tuple[float, float]]], p: Placement) -> dict[str, object]:
    """The ``mask`` field for polygons in canvas pixels: clockwise, clamped to the canvas,
    rounded; polygons under MIN_POINTS points or without area are dropped."""
    out = []
    for poly in polygons:
        pts = [
            (min(max(round(x), 0), p.canvas_w), min(max(round(y), 0), p.canvas_h)) for x, y in poly
        ]
        dedup = [pt for i, pt in enumerate(pts) if i == 0 or pt != pts[i - 1]]
        if len(dedup) > 1 and dedup[0] == dedup[-1]:
            dedup.pop()
        if len(dedup) < MIN_POINTS or _area(dedup) < 1:
            continue
        flat = [int(v) for pt in clockwise(dedup) for v in pt]
        out.append({"width": p.canvas_w, "height": p.canvas_h, "points": flat})
    return {"areas": out}


def _signed_area(pts: Sequence[tuple[float, float]]) -> float:
    """Shoelace: with y down, positive is clockwise as seen on screen."""
    n = len(pts)
    return (
        sum(pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1] for i in range(n)) / 2
    )


def _area(pts: Sequence[tuple[float, float]]) -> float:
    return abs(_signed_area(pts))


def new_area(p: Placement) -> list[Polygon]:
    """The canvas outside the placed image (what a zoom out, pan or reframe asks to paint),
    as up to four rectangles."""
    rects = [
        (0, 0, p.canvas_w, p.y),  # above
        (0, p.y + p.h, p.canvas_w, p.canvas_h),  # below
        (0, p.y, p.x, p.y + p.h),  # left
        (p.x + p.w, p.y, p.canvas_w, p.y + p.h),  # right
    ]
    return [
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        for x0, y0, x1, y1 in rects
        if x1 - x0 >= 1 and y1 - y0 >= 1
    ]
