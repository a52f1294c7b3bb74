"""Result downloads: verified, capped, atomic, expiry-aware, and never carrying the key."""

from __future__ import annotations

import pytest
from aiohttp import web

from mjdesk.api import (
    InvalidImageError,
    Limits,
    ResponseTooLargeError,
    ResultExpiredError,
    UnsafeUrlError,
)
from tests.e2e.helpers import SleepLog, make_client, req, wait_done
from tests.loopback import serve


async def _results(sim, client):
    task = await client.create_generation(req())
    return (await wait_done(client, task.id)).results


async def test_truncated_body_is_retried_and_no_partial_file_is_left(sim, tmp_path):
    async with make_client(sim) as client:
        urls = await _results(sim, client)
        sim.fault("truncate", route="result")
        got = await client.download(urls[0], tmp_path / "a")
    assert got.path.read_bytes()[-12:-8] == b"\x00\x00\x00\x00"  # IEND length
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png"]


async def test_a_body_that_is_not_an_image_is_retried_then_refused(sim, tmp_path):
    async with make_client(sim) as client:
        urls = await _results(sim, client)
        sim.fault("wrong_body", route="result", count=10)
        with pytest.raises(InvalidImageError):
            await client.download(urls[0], tmp_path / "a")
    assert list(tmp_path.iterdir()) == []


async def test_expired_link_is_reported_once_not_retried(sim, tmp_path):
    sleeps = SleepLog()
    async with make_client(sim, sleeps=sleeps) as client:
        urls = await _results(sim, client)
        sim.fault("expired_link", route="result")
        with pytest.raises(ResultExpiredError):
            await client.download(urls[0], tmp_path / "a")
        sim.advance(31 * 86400)
        with pytest.raises(ResultExpiredError):
            await client.download(urls[1], tmp_path / "b")
    assert sleeps.waits == []


async def test_download_over_the_cap_is_aborted(sim, tmp_path):
    async with make_client(sim, limits=Limits(max_download_bytes=10_000)) as client:
        urls = await _results(sim, client)
        with pytest.raises(ResponseTooLargeError):
            await client.download(urls[0], tmp_path / "a")
    assert list(tmp_path.iterdir()) == []


async def test_transient_result_faults_are_absorbed(sim, tmp_path):
    async with make_client(sim) as client:
        urls = await _results(sim, client)
        for kind in ("server_error", "unavailable", "reset_before", "bad_gateway"):
            sim.fault(kind, route="result")
        got = await client.download(urls[0], tmp_path / "a")
        sim.config(slow_seconds=0.2)
        sim.fault("rate_limit", route="result")
        sim.fault("slow", route="result")
        again = await client.download(urls[0], tmp_path / "b")
    assert got.size > 0 and got.sha256 == again.sha256


async def test_extension_comes_from_the_bytes_not_the_name(sim, tmp_path):
    async with make_client(sim) as client:
        urls = await _results(sim, client)
        got = await client.download(urls[0], tmp_path / "x.jpg")
    assert got.path.name == "x.png"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/a.png",
        "http://example.com/a.png",
        "https://10.0.0.5/a.png",
        "https://169.254.169.254/latest",
        "https://[::1]/a.png",
        "https://[fd00::1]/a.png",
        "https://100.64.0.1/a.png",
        "https://0x7f.1/a.png",
    ],
)
async def test_unsafe_result_urls_are_refused_before_connecting(tmp_path, url):
    from mjdesk.api import EvoLinkClient

    async with EvoLinkClient("k-123456789", base_url="https://api.example.com") as client:
        with pytest.raises(UnsafeUrlError):
            await client.download(url, tmp_path / "a")


async def test_redirects_never_carry_the_key_and_are_limited(sim, tmp_path):
    seen: list[dict[str, str]] = []

    async def hop(request: web.Request) -> web.StreamResponse:
        seen.append(dict(request.headers))
        n = int(request.match_info["n"])
        if n == 0:
            raise web.HTTPFound(request.query["final"])
        raise web.HTTPFound(f"/hop/{n - 1}?final={request.query['final']}")

    app = web.Application()
    app.router.add_get("/hop/{n}", hop)
    async with serve(app) as port, make_client(sim) as client:
        urls = await _results(sim, client)
        got = await client.download(
            f"http://127.0.0.1:{port}/hop/2?final={urls[0]}", tmp_path / "a"
        )
        assert got.size > 0
        with pytest.raises(UnsafeUrlError, match="redirects"):
            await client.download(f"http://127.0.0.1:{port}/hop/9?final={urls[0]}", tmp_path / "b")
    assert seen and all("Authorization" not in h for h in seen)
