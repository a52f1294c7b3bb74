"""Uploads through the files API, and the simulator's handling of the uploaded references."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mjdesk.api import (
    BadRequestError,
    InvalidImageError,
    PermissionDeniedError,
    RequestTooLargeError,
    ServerError,
)
from tests.e2e.helpers import make_client, req, wait_done
from tests.images import encode


@pytest.mark.parametrize(
    ("fmt", "mime", "ext"),
    [
        ("PNG", "image/png", "png"),
        ("JPEG", "image/jpeg", "jpg"),
        ("WEBP", "image/webp", "webp"),
        ("GIF", "image/gif", "gif"),
    ],
)
async def test_upload_every_accepted_format_from_a_file(sim, tmp_path, fmt, mime, ext):
    path = tmp_path / f"My reference!.{fmt.lower()}"
    path.write_bytes(encode(fmt))
    async with make_client(sim) as client:
        up = await client.upload_file(path)
    assert up.mime_type == mime and up.file_url.endswith("." + ext)
    assert up.file_id.startswith("file_") and up.file_size == path.stat().st_size
    assert up.expires_at is not None
    assert timedelta(hours=71) < up.expires_at - datetime.now(UTC) <= timedelta(hours=72, minutes=1)


async def test_pasted_bytes_go_through_base64_and_are_servable(sim):
    data = encode("PNG", 32, 32)
    async with make_client(sim) as client:
        up = await client.upload_file(data)
        http = await client._client()
        got = await http.get(up.file_url)
    assert got.status_code == 200 and got.content == data
    assert sim.requests("files") == 1


async def test_a_text_file_named_png_is_refused_before_any_request(sim, tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("this is not an image\n" * 10)
    async with make_client(sim) as client:
        with pytest.raises(InvalidImageError):
            await client.upload_file(path)
        with pytest.raises(InvalidImageError):
            await client.upload_file(b"")
        with pytest.raises(InvalidImageError):
            await client.upload_file(tmp_path)  # a directory
        with pytest.raises(InvalidImageError):
            await client.upload_file(tmp_path / "missing.png")
    assert sim.requests("files") == 0


async def test_a_truncated_png_header_is_refused(sim):
    async with make_client(sim) as client:
        with pytest.raises(InvalidImageError):
            await client.upload_file(encode("PNG")[:14])
    assert sim.requests("files") == 0


async def test_an_oversized_file_is_refused_locally(sim, tmp_path):
    from mjdesk.api import Limits

    async with make_client(sim, limits=Limits(max_upload_bytes=100)) as client:
        with pytest.raises(InvalidImageError, match="larger"):
            await client.upload_file(encode("PNG", 200, 200))
    assert sim.requests("files") == 0


async def test_server_size_cap_is_413(sim):
    sim.config(file_max_bytes=50)
    async with make_client(sim) as client:
        with pytest.raises(RequestTooLargeError):
            await client.upload_file(encode("PNG"))


@pytest.mark.parametrize("style", ["status", "ok200"])
async def test_quota_exhaustion_is_an_error_in_both_styles(sim, style):
    sim.config(file_quota=1, file_error_style=style)
    async with make_client(sim) as client:
        await client.upload_file(encode("PNG"))
        with pytest.raises(PermissionDeniedError, match="quota"):
            await client.upload_file(encode("JPEG"))
        quota = await client.get_file_quota()
        assert quota["used_files"] == 1 and quota["remain_files"] == 0
        listing = await client.list_files()
        assert listing["total"] == 1
        await client.delete_file(listing["files"][0]["file_id"])
        assert (await client.get_file_quota())["remain_files"] == 1
        await client.upload_file(encode("JPEG"))


async def test_upload_is_retried_after_a_reset(sim):
    sim.fault("reset_before", route="files")
    sim.fault("server_error", route="files")
    async with make_client(sim) as client:
        up = await client.upload_file(encode("PNG"))
    assert up.file_url


async def test_upload_keeps_failing_surfaces_a_server_error(sim):
    sim.fault("server_error", route="files", count=10)
    async with make_client(sim) as client:
        with pytest.raises(ServerError):
            await client.upload_file(encode("PNG"))


async def test_uploaded_reference_is_usable_then_expires(sim):
    async with make_client(sim) as client:
        up = await client.upload_file(encode("PNG"))
        ok = await wait_done(
            client, (await client.create_generation(req(f"{up.file_url} a vase"))).id
        )
        assert ok.status == "completed"
        sim.advance(73 * 3600)
        bad = await wait_done(
            client, (await client.create_generation(req(f"a vase --sref {up.file_url}"))).id
        )
    assert bad.status == "failed" and bad.error is not None
    assert bad.error.code == "image_processing_error"


async def test_image_prompt_url_without_image_extension_is_refused_locally(sim):
    async with make_client(sim) as client:
        with pytest.raises(BadRequestError):
            await client.create_generation(req(f"{sim.url}/api/v1/files/download/file_1 a vase"))
