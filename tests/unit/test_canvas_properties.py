"""The canvas edits' geometry: every placement keeps the image on the canvas and unstretched,
the edit route's canvas keeps the source's aspect, and masks survive the trip to areas."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mjdesk.core import canvas
from mjdesk.core.canvas import Placement
from mjdesk.sim.canvas import inside_mask

sides = st.integers(min_value=256, max_value=4096)


def sane(w: int, h: int) -> bool:
    return max(w / h, h / w) <= 4


def assert_placed(p: Placement, w: int, h: int) -> None:
    assert p.x >= 0 and p.y >= 0 and p.w > 0 and p.h > 0
    assert p.x + p.w <= p.canvas_w and p.y + p.h <= p.canvas_h
    assert canvas.aspect_matches(p.w, p.h, w, h), (p, w, h)


@given(sides, sides, st.floats(min_value=1.0, max_value=2.0))
def test_zoom_out_keeps_the_aspect_and_the_image_centred(w, h, factor):
    if not sane(w, h):
        return
    p = canvas.zoom_out(w, h, factor)
    assert_placed(p, w, h)
    assert canvas.placement_problem(p, w, h, same_aspect=True) is None
    assert abs((p.canvas_w - p.w) / 2 - p.x) <= 1 and abs((p.canvas_h - p.h) / 2 - p.y) <= 1
    assert abs(p.canvas_w / p.w - factor) < 0.02


@given(sides, sides, st.sampled_from(["left", "right", "up", "down"]), st.floats(0.1, 1.0))
def test_pan_grows_the_canvas_on_one_side_only(w, h, direction, amount):
    if not sane(w, h):
        return
    p = canvas.pan(w, h, direction, amount)
    assert_placed(p, w, h)
    assert canvas.placement_problem(p, w, h, same_aspect=False) is None
    edge = {
        "left": p.x + p.w == p.canvas_w,
        "right": p.x == 0,
        "up": p.y + p.h == p.canvas_h,
        "down": p.y == 0,
    }[direction]
    assert edge
    if direction in ("left", "right"):
        assert p.h == p.canvas_h and p.canvas_w > p.w
    else:
        assert p.w == p.canvas_w and p.canvas_h > p.h


@given(
    sides,
    sides,
    st.sampled_from([(1, 1), (16, 9), (9, 16), (4, 5), (3, 2), (2, 3), (21, 9)]),
    st.floats(0.3, 1.0),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_reframe_makes_the_asked_aspect_and_holds_the_image(w, h, aspect, scale, fx, fy):
    if not sane(w, h):
        return
    p = canvas.reframe(w, h, *aspect, scale=scale, fx=fx, fy=fy)
    assert_placed(p, w, h)
    assert (
        canvas.aspect_matches(p.canvas_w, p.canvas_h, *aspect) or min(p.canvas_w, p.canvas_h) < 12
    )  # never: canvases are hundreds of px
    problem = canvas.placement_problem(p, w, h, same_aspect=False)
    assert problem is None or "canvas must be" in str(problem.template)


rect = st.tuples(st.integers(0, 900), st.integers(0, 900), st.integers(4, 400), st.integers(4, 400))


@given(st.lists(rect, min_size=1, max_size=4), st.booleans())
def test_masks_become_clockwise_areas_that_cover_the_same_pixels(rects, reverse):
    p = Placement(1000, 1000, 0, 0, 1000, 1000)
    polys = []
    for x, y, w, h in rects:
        pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
        polys.append(pts[::-1] if reverse else pts)
    mask = canvas.areas(polys, p)
    assert len(mask["areas"]) == len(rects)
    for area, (x, y, w, h) in zip(mask["areas"], rects, strict=True):
        pts = area["points"]
        assert area["width"] == 1000 and area["height"] == 1000
        assert len(pts) >= 2 * canvas.MIN_POINTS and len(pts) % 2 == 0
        poly = list(zip(pts[::2], pts[1::2], strict=True))
        assert canvas.clockwise(poly) == [(float(a), float(b)) for a, b in poly]
        assert all(0 <= a <= 1000 and 0 <= b <= 1000 for a, b in poly)
        cx, cy = x + w / 2, y + h / 2
        # what the simulator (EvoLink's stand-in) reads as covered
        assert inside_mask([poly], min(cx, 999.5), min(cy, 999.5))
        assert not inside_mask([poly], x + w + 2, y + h + 2)


@given(sides, sides, st.sampled_from(["left", "right", "up", "down"]), st.floats(0.1, 1.0))
def test_the_new_area_is_exactly_the_canvas_outside_the_image(w, h, direction, amount):
    if not sane(w, h):
        return
    p = canvas.pan(w, h, direction, amount)
    rects = canvas.new_area(p)
    painted = sum(abs(r[2][0] - r[0][0]) * abs(r[2][1] - r[0][1]) for r in rects)
    assert painted == p.canvas_w * p.canvas_h - p.w * p.h


def test_degenerate_polygons_are_dropped_not_sent():
    p = Placement(600, 600, 0, 0, 600, 600)
    line = [(10, 10), (200, 10), (400, 10)]
    two = [(10, 10), (50, 50)]
    assert canvas.areas([line, two], p) == {"areas": []}


def test_a_draft_image_goes_by_its_picture_at_a_size_the_route_takes():
    """Image 17 of a 16:9 Draft (512 × 288): no source task can serve, so upload-paint, and
    the canvas is brought up to the route's smallest side."""
    from mjdesk.core import edits

    place = canvas.zoom_out(512, 288, 1.5)
    assert min(place.canvas_w, place.canvas_h) >= canvas.MIN_SIDE
    assert canvas.placement_problem(place, 512, 288, same_aspect=True) is None
    edit = edits.canvas_edit(
        "Zoom out 1.5×",
        "a wider view",
        "fast",
        place,
        (512, 288),
        task=None,
        image_url="https://files.example/draft-17.png",
    )
    assert edit.model == "mj-v8.1-upload-paint"
    assert edit.params["image_urls"] == ["https://files.example/draft-17.png"]
    assert edit.params["mask"]["areas"]  # the new area around the image
