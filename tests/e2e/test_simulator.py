"""The simulator itself, over raw HTTP (no mjdesk client): shapes, switches, callbacks, control."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time

import httpx
import pytest
from aiohttp import web

from tests.images import encode
from tests.loopback import serve
from tests.simctl import DEMO_KEY

AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}


def post(sim, body, headers=None):
    return httpx.post(
        f"{sim.url}/v1/images/generations",
        json=body,
        headers={**AUTH, **(headers or {})},
        timeout=10,
    )


def body(prompt="a fox", **kw):
    speed = kw.pop("speed", "fast")
    return {
        "model": "mj-v8.1",
        "prompt": prompt,
        "quality": kw.pop("quality", "standard"),
        "model_params": {"speed": speed},
        **kw,
    }


@pytest.mark.parametrize(
    ("prompt", "speed", "quality", "param"),
    [
        ("https://x.test/a.png", "fast", "standard", "prompt"),
        ("https://x.test/a.tiff a fox", "fast", "standard", "prompt"),
        ("https://x.test/a.png a fox", "draft", "standard", "model_params.speed"),
        ("a fox --oref https://x.test/o.png", "draft", "standard", "model_params.speed"),
        ("a fox", "draft", "hd", "quality"),
        ("z" * 8193, "fast", "standard", "prompt"),
    ],
)
def test_documented_validation_is_400_or_async_failure(sim, prompt, speed, quality, param):
    r = post(sim, body(prompt, speed=speed, quality=quality))
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["type"] == "invalid_request_error" and err["param"] == param and err["code"] == 400
    sim.config(validation="async")
    r = post(sim, body(prompt, speed=speed, quality=quality))
    assert r.status_code == 200
    task_id = r.json()["id"]
    sim.wait(
        lambda: (
            httpx.get(f"{sim.url}/v1/tasks/{task_id}", headers=AUTH).json()["status"] == "failed"
        )
    )
    task = httpx.get(f"{sim.url}/v1/tasks/{task_id}", headers=AUTH).json()
    assert task["error"]["code"] == "invalid_parameters"


def test_two_images_without_text_are_valid(sim):
    r = post(sim, body("https://x.test/a.png <https://x.test/b.jpg> --ar 1:1"))
    assert r.status_code == 200


def test_create_answer_has_every_documented_field(sim):
    r = post(sim, body(speed="turbo", quality="hd"))
    t = r.json()
    assert set(t) == {
        "created",
        "id",
        "model",
        "object",
        "progress",
        "status",
        "task_info",
        "type",
        "usage",
    }
    assert t["object"] == "image.generation.task" and t["type"] == "image"
    assert t["usage"] == {
        "billing_rule": "per_call",
        "credits_reserved": 6.0,
        "user_group": "default",
    }
    assert t["task_info"]["can_cancel"] is True and isinstance(
        t["task_info"]["estimated_time"], int
    )
    assert re.fullmatch(r"task-unified-\d{10}-[a-z0-9]{8}", t["id"])


def test_edit_models_check_their_source_task(sim):
    other = {"Authorization": "Bearer someone-else"}
    sim.config(keys=[DEMO_KEY, "someone-else"])
    src = post(sim, body()).json()["id"]
    tries = [
        ({"model": "mj-v8.1-variation", "model_params": {"task_id": src}}, 400),  # not completed
        ({"model": "mj-v8.1-remix", "model_params": {"task_id": src}}, 400),  # no prompt
        (
            {"model": "mj-v8.1-remove-bg", "prompt": "x", "image_urls": ["https://x.test/a.png"]},
            400,
        ),
        ({"model": "mj-v8.1-remove-bg", "image_urls": ["https://x.test/a.png"]}, 200),
        (
            {
                "model": "mj-v8.1-retexture",
                "prompt": "brass",
                "model_params": {"speed": "turbo"},
                "image_urls": ["https://x.test/a.png"],
            },
            200,
        ),
        (
            {
                "model": "mj-v8.1-upload-paint",
                "prompt": "x",
                "image_urls": ["https://x.test/a.png"],
                "model_params": {"canvas": {}, "img_pos": {}},
            },
            400,
        ),  # no mask
    ]
    for payload, status in tries:
        assert post(sim, payload).status_code == status, payload
    sim.wait(
        lambda: httpx.get(f"{sim.url}/v1/tasks/{src}", headers=AUTH).json()["status"] == "completed"
    )
    ok = post(
        sim, {"model": "mj-v8.1-variation", "model_params": {"task_id": src, "image_number": 2}}
    )
    assert ok.status_code == 200
    bad_n = post(
        sim, {"model": "mj-v8.1-variation", "model_params": {"task_id": src, "image_number": 4}}
    )
    assert (
        bad_n.status_code == 400 and bad_n.json()["error"]["param"] == "model_params.image_number"
    )
    theirs = httpx.post(
        f"{sim.url}/v1/images/generations",
        headers=other,
        timeout=10,
        json={"model": "mj-v8.1-variation", "model_params": {"task_id": src}},
    )
    assert theirs.status_code == 400
    edit = post(
        sim,
        {
            "model": "mj-v8.1-edit",
            "prompt": "wider",
            "model_params": {
                "task_id": src,
                "canvas": {"width": 1536, "height": 1536},
                "img_pos": {"width": 1024, "height": 1024, "x": 256, "y": 256},
            },
        },
    )
    assert edit.status_code == 200


def test_task_of_another_key_is_not_visible(sim):
    sim.config(keys=[DEMO_KEY, "someone-else"])
    task_id = post(sim, body()).json()["id"]
    r = httpx.get(f"{sim.url}/v1/tasks/{task_id}", headers={"Authorization": "Bearer someone-else"})
    assert r.status_code == 404


def test_concurrency_and_rate_limits_answer_429(sim):
    sim.config(max_concurrent_tasks=2, speed_factor=1.0)
    codes = [post(sim, body()).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    sim.config(max_concurrent_tasks=0, rate_limit_per_s=2)
    codes = [post(sim, body()).status_code for _ in range(3)]
    assert codes[-1] == 429
    sim.config(rate_limit_per_s=0, retry_after_header=False)
    sim.fault("rate_limit", route="create")
    r = post(sim, body())
    assert r.status_code == 429 and "retry-after" not in r.headers
    assert "retry after" in r.json()["error"]["fallback_suggestion"]


def test_control_api_needs_the_token(sim):
    assert httpx.get(f"{sim.url}/_sim/ledger").status_code == 403
    assert httpx.get(f"{sim.url}/_sim/ledger", headers={"X-Sim-Control": "nope"}).status_code == 403
    bad = httpx.post(
        f"{sim.url}/_sim/faults", json={"kind": "meteor"}, headers={"X-Sim-Control": sim.token}
    )
    assert bad.status_code == 400


def test_ledger_records_fingerprints_never_keys(sim):
    post(sim, body(), headers={"Idempotency-Key": "abc"})
    text = json.dumps(sim.ledger())
    assert DEMO_KEY not in text and '"idempotency_key": "abc"' in text


def test_files_api_shapes_and_both_upload_styles(sim):
    png = encode("PNG")
    r = httpx.post(
        f"{sim.url}/api/v1/files/upload/stream",
        headers=AUTH,
        files={"file": ("ref.png", png, "image/png")},
        data={"uploadPath": "refs", "fileName": "mine.png"},
    )
    env = r.json()
    assert r.status_code == 200 and env["success"] is True and env["code"] == 200
    data = env["data"]
    assert set(data) == {
        "file_id",
        "file_name",
        "original_name",
        "file_size",
        "mime_type",
        "upload_path",
        "file_url",
        "download_url",
        "upload_time",
        "expires_at",
    }
    assert data["upload_path"] == "refs" and data["file_name"] == "mine.png"
    assert data["download_url"].endswith(f"/api/v1/files/download/{data['file_id']}")
    assert httpx.get(data["file_url"]).content == png
    assert httpx.get(data["download_url"], headers=AUTH).content == png
    r2 = httpx.post(
        f"{sim.url}/api/v1/files/upload/url", headers=AUTH, json={"file_url": data["file_url"]}
    )
    assert r2.json()["data"]["mime_type"] == "image/png"
    text = httpx.post(
        f"{sim.url}/api/v1/files/upload/base64",
        headers=AUTH,
        json={"base64_data": "aGVsbG8gd29ybGQ="},
    )
    assert text.status_code == 400 and text.json()["success"] is False
    sim.config(file_error_style="ok200")
    text = httpx.post(
        f"{sim.url}/api/v1/files/upload/base64",
        headers=AUTH,
        json={"base64_data": "aGVsbG8gd29ybGQ="},
    )
    assert text.status_code == 200 and text.json() == {
        "success": False,
        "code": 400,
        "msg": "Unsupported file type: only jpeg, png, gif and webp images",
    }


def test_uploaded_files_expire(sim):
    sim.config(file_ttl=10.0)
    r = httpx.post(
        f"{sim.url}/api/v1/files/upload/base64",
        headers=AUTH,
        json={
            "base64_data": "data:image/gif;base64,"
            + __import__("base64").b64encode(encode("GIF")).decode()
        },
    )
    url = r.json()["data"]["file_url"]
    assert httpx.get(url).status_code == 200
    sim.advance(11)
    assert httpx.get(url).status_code == 404


async def test_callbacks_are_delivered_and_retried(sim):
    received: list[dict] = []
    calls = 0
    second = asyncio.Event()

    async def hook(request: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        received.append(await request.json())
        if calls == 2:
            second.set()
        return web.Response(status=500 if calls == 1 else 200)

    app = web.Application()
    app.router.add_post("/hook", hook)
    async with serve(app) as port, httpx.AsyncClient() as http:
        r = await http.post(
            f"{sim.url}/v1/images/generations",
            headers=AUTH,
            json=body(callback_url=f"http://127.0.0.1:{port}/hook"),
        )
        task_id = r.json()["id"]
        await asyncio.wait_for(second.wait(), 10)
    assert received[-1]["id"] == task_id and received[-1]["status"] == "completed"
    assert len(received[-1]["results"]) == 4
    deliveries = sim.callbacks()
    assert [d["status"] for d in deliveries] == [500, 200]


def test_public_callback_rules_without_test_mode(sim):
    sim.config(allow_private_callbacks=False)
    for url in (
        "http://example.com/h",
        "https://127.0.0.1/h",
        "https://10.0.0.1/h",
        "https://x.test/" + "a" * 2040,
    ):
        r = post(sim, body(callback_url=url))
        assert r.status_code == 400 and r.json()["error"]["param"] == "callback_url", url
    sim.config(allow_private_callbacks=True)


def test_cli_prints_its_url_and_serves_a_round_trip(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "mjdesk.sim", "--port", "0", "--speed-factor", "500", "--seed", "7"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stdout.readline().strip()
        second = proc.stdout.readline().strip()
        m = re.fullmatch(r"mjdesk-sim listening on (http://127\.0\.0\.1:\d+)", first)
        assert m, first
        assert second.startswith("control token: ")
        url = m.group(1)
        task = httpx.post(f"{url}/v1/images/generations", headers=AUTH, json=body()).json()
        deadline = time.monotonic() + 10
        while True:
            t = httpx.get(f"{url}/v1/tasks/{task['id']}", headers=AUTH).json()
            if t["status"] == "completed" or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        img = httpx.get(t["results"][0])
        assert img.status_code == 200 and img.content[:8] == b"\x89PNG\r\n\x1a\n"
        ledger = httpx.get(
            f"{url}/_sim/ledger", headers={"X-Sim-Control": second.split(": ", 1)[1]}
        )
        assert ledger.json()["creates"][0]["task_id"] == task["id"]
    finally:
        proc.terminate()
        assert proc.wait(10) == 0


def test_a_parent_process_is_not_given_the_control_token():
    proc = subprocess.Popen(
        [sys.executable, "-m", "mjdesk.sim", "--port", "0", "--exit-on-stdin-eof"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().startswith("mjdesk-sim listening on ")
        assert proc.stdout.readline().strip() == "control token: (not shown to a parent process)"
    finally:
        proc.stdin.close()  # the child's signal to stop
        assert proc.wait(10) == 0
