"""The canvas edit routes against the simulator, built by mjdesk's own request builders: the
simulator enforces the geometry and answers with pictures that show it (the source where
img_pos puts it, the rest painted anew), so geometry is asserted from pixels."""

from __future__ import annotations

import httpx
import pytest

from mjdesk.core import canvas, edits
from mjdesk.sim.canvas import decode_png
from tests.simctl import DEMO_KEY

AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}


def create(sim, body) -> httpx.Response:
    return httpx.post(f"{sim.url}/v1/images/generations", json=body, headers=AUTH, timeout=10)


def task(sim, task_id) -> dict:
    return httpx.get(f"{sim.url}/v1/tasks/{task_id}", headers=AUTH, timeout=10).json()


def finished(sim, task_id) -> dict:
    sim.wait(lambda: task(sim, task_id)["status"] in ("completed", "failed"), timeout=20)
    return task(sim, task_id)


def picture(url: str):
    w, h, rows, ch = decode_png(httpx.get(url, timeout=10).content)
    return w, h, lambda x, y: rows[y][x * ch : x * ch + 3]


def body_of(edit: edits.Edit) -> dict:
    body = {"model": edit.model, "model_params": dict(edit.params)}
    if edit.prompt:
        body["prompt"] = edit.prompt
    urls = body["model_params"].pop("image_urls", None)
    if urls:
        body["image_urls"] = urls
    return body


def source(sim, prompt="a lighthouse at dusk --ar 1:1"):
    created = create(sim, {"model": "mj-v8.1", "prompt": prompt, "model_params": {"speed": "fast"}})
    done = finished(sim, created.json()["id"])
    assert done["status"] == "completed"
    return done


def close(a: bytes, b: bytes) -> bool:
    return all(abs(x - y) <= 2 for x, y in zip(a, b, strict=True))


def test_zoom_out_on_the_edit_route_places_the_source_in_the_middle(sim):
    src = source(sim)
    place = canvas.zoom_out(1024, 1024, 2.0)
    edit = edits.canvas_edit(
        "Zoom out 2×", "a lighthouse, wider", "fast", place, (1024, 1024), task=(src["id"], 1)
    )
    assert edit.model == "mj-v8.1-edit"
    created = create(sim, body_of(edit))
    assert created.status_code == 200, created.text
    done = finished(sim, created.json()["id"])
    assert done["status"] == "completed"
    w, h, out = picture(done["results"][0])
    sw, sh, before = picture(src["results"][1])
    assert (w, h) == (512, 512)
    # the middle half of the result is the source, scaled; the border is painted anew
    for fx, fy in ((0.5, 0.5), (0.3, 0.3), (0.7, 0.6)):
        u, v = (fx - 0.25) / 0.5, (fy - 0.25) / 0.5
        assert close(out(int(fx * w), int(fy * h)), before(int(u * sw), int(v * sh)))
    differs = sum(
        not close(out(x, y), before(int(x / w * sw), int(y / h * sh)))
        for x in range(0, w, 16)
        for y in range(0, int(h * 0.2), 16)
    )
    assert differs > 0


def test_pan_right_through_upload_paint_keeps_the_source_on_the_left(sim):
    src = source(sim, "a red barn in snow --ar 1:1")
    place = canvas.pan(1024, 1024, "right", 1.0)
    edit = edits.canvas_edit(
        "Pan right",
        "a red barn, more field",
        "fast",
        place,
        (1024, 1024),
        image_url=src["results"][0],
    )
    assert edit.model == "mj-v8.1-upload-paint"
    assert edit.params["mask"]["areas"][0]["points"]  # the new area, as a clockwise polygon
    created = create(sim, body_of(edit))
    assert created.status_code == 200, created.text
    done = finished(sim, created.json()["id"])
    w, h, out = picture(done["results"][0])
    sw, sh, before = picture(src["results"][0])
    assert (w, h) == (512, 256)
    assert close(out(64, 128), before(int(64 / 256 * sw), int(128 / 256 * sh)))


def test_repainting_a_region_changes_it_and_only_it(sim):
    src = source(sim, "a blue harbour --ar 1:1")
    place = canvas.Placement(1024, 1024, 0, 0, 1024, 1024)
    top = [(0, 0), (1024, 0), (1024, 400), (0, 400)]
    edit = edits.repaint(
        "stormy clouds", "fast", src["results"][2], place, canvas.areas([top], place)
    )
    created = create(sim, body_of(edit))
    assert created.status_code == 200, created.text
    done = finished(sim, created.json()["id"])
    w, h, out = picture(done["results"][0])
    sw, sh, before = picture(src["results"][2])
    same_below = all(
        close(out(x, y), before(x * sw // w, y * sh // h))
        for x in range(8, w, 40)
        for y in range(int(h * 0.5), h - 8, 40)
    )
    changed_above = sum(
        not close(out(x, y), before(x * sw // w, y * sh // h))
        for x in range(8, w, 40)
        for y in range(8, int(h * 0.35), 40)
    )
    assert same_below and changed_above > 10


def test_the_edit_route_fails_late_when_the_canvas_is_off_the_source_aspect(sim):
    src = source(sim)
    place = canvas.pan(1024, 1024, "right", 0.5)  # 3:2: the client would use upload-paint
    body = {
        "model": "mj-v8.1-edit",
        "prompt": "wider",
        "model_params": {
            "task_id": src["id"],
            "image_number": 0,
            "canvas": place.canvas(),
            "img_pos": place.img_pos(),
            "speed": "fast",
        },
    }
    created = create(sim, body)
    assert created.status_code == 200
    done = finished(sim, created.json()["id"])
    assert done["status"] == "failed" and done["error"]["code"] == "image_dimension_mismatch"


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"points": [0, 0, 0, 400, 600, 400, 600, 0]}, "model_params.mask"),  # anticlockwise
        ({"points": [0, 0, 600, 0]}, "model_params.mask"),  # two points
        ({"width": 300}, "model_params.mask"),  # area too small
        ({"points": [0, 0, 9000, 0, 9000, 400]}, "model_params.mask"),  # outside
    ],
)
def test_bad_masks_are_refused_before_anything_is_charged(sim, change, param):
    area = {"width": 1024, "height": 1024, "points": [0, 0, 600, 0, 600, 400, 0, 400]}
    area.update(change)
    body = {
        "model": "mj-v8.1-upload-paint",
        "prompt": "clouds",
        "image_urls": ["https://x.test/a.png"],
        "model_params": {
            "mask": {"areas": [area]},
            "canvas": {"width": 1024, "height": 1024},
            "img_pos": {"width": 1024, "height": 1024, "x": 0, "y": 0},
        },
    }
    r = create(sim, body)
    assert r.status_code == 400 and r.json()["error"]["param"] == param
    assert sim.ledger()[-1]["status"] == 400 if sim.ledger() else True


def test_an_image_off_the_canvas_is_refused(sim):
    body = {
        "model": "mj-v8.1-upload-paint",
        "prompt": "clouds",
        "image_urls": ["https://x.test/a.png"],
        "model_params": {
            "mask": "https://x.test/mask.png",
            "canvas": {"width": 1024, "height": 1024},
            "img_pos": {"width": 1024, "height": 1024, "x": 100, "y": 0},
        },
    }
    r = create(sim, body)
    assert r.status_code == 400 and r.json()["error"]["param"] == "model_params.img_pos"
