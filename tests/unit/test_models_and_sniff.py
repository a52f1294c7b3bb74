"""Tolerant parsing of task, credits and upload answers; image sniffing."""

from __future__ import annotations

import pytest

from mjdesk.api import Credits, GenerationRequest, Task, UploadedFile
from mjdesk.api.models import clamp_progress
from mjdesk.api.sniff import image_info, sniff_mime
from tests.images import GIF_1X1, encode


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (-1, 0),
        (101, 100),
        (50, 50),
        (49.7, 49),
        (1e309, None),
        ("50", None),
        (None, None),
        (float("nan"), None),
        (True, None),
        (0, 0),
        (100, 100),
    ],
)
def test_progress_is_clamped_or_ignored(raw, expected):
    assert clamp_progress(raw) == expected


def test_task_tolerates_missing_and_unknown_fields():
    t = Task.from_json(
        {
            "id": "task-unified-1-abcdefgh",
            "status": "queued_v2",
            "extra": {"x": 1},
            "results": ["https://a/0.png", 5, None, ""],
            "progress": "7",
        }
    )
    assert t.status == "queued_v2" and t.progress is None and t.results == ("https://a/0.png",)
    assert not t.is_terminal and t.error is None
    failed = Task.from_json(
        {"id": "t", "status": "failed", "error": {"code": 500, "message": None}}
    )
    assert failed.error is not None and failed.error.code == "500" and failed.error.message == ""
    bare = Task.from_json({"id": "t", "status": "failed"})
    assert bare.error is not None and bare.error.code == "unknown_error" and bare.error.retryable
    with pytest.raises(ValueError):
        Task.from_json({"status": "pending"})
    with pytest.raises(ValueError):
        Task.from_json(["not", "a", "dict"])


def test_credits_and_upload_parsing():
    c = Credits.from_json(
        {
            "data": {
                "token": {"remaining_credits": 99.5, "used_credits": 1, "unlimited_credits": False},
                "user": {"remaining_credits": 10},
            },
            "success": True,
        }
    )
    assert (c.remaining, c.used, c.account_remaining, c.unlimited) == (99.5, 1.0, 10.0, False)
    with pytest.raises(ValueError):
        Credits.from_json({"success": True})
    u = UploadedFile.from_json(
        {"file_url": "https://f/a.png", "expires_at": "2025-10-12T00:00:00+08:00"}
    )
    assert u.expires_at is not None and u.expires_at.utcoffset().total_seconds() == 8 * 3600
    assert (
        UploadedFile.from_json({"file_url": "https://f/a.png", "expires_at": "garbage"}).expires_at
        is None
    )


def test_request_body_shapes():
    assert GenerationRequest("a cat", speed="turbo", quality="hd").to_json() == {
        "model": "mj-v8.1",
        "prompt": "a cat",
        "quality": "hd",
        "model_params": {"speed": "turbo"},
    }
    rb = GenerationRequest("", model="mj-v8.1-remove-bg", extra_model_params={}).to_json()
    assert rb == {"model": "mj-v8.1-remove-bg"}


@pytest.mark.parametrize(
    ("fmt", "mime"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp"), ("GIF", "image/gif")],
)
def test_sniff_reads_format_and_size(fmt, mime):
    data = encode(fmt, 77, 33)
    info = image_info(data)
    assert info is not None and info.mime == mime
    if fmt == "GIF":
        assert (info.width, info.height) == (1, 1)
    else:
        assert (info.width, info.height) == (77, 33)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello",
        b"<html>",
        b"RIFF\x00\x00\x00\x00WAVE",
        b"\x89PNG",
        b"II*\x00tiff",
        b"BM\x00\x00bitmap",
    ],
)
def test_sniff_refuses_everything_else(data):
    assert sniff_mime(data[:12]) is None and image_info(data) is None


def test_gif_fixture_is_a_gif():
    assert sniff_mime(GIF_1X1) == "image/gif"


def test_demo_pictures_differ_by_prompt_follow_its_colour_and_carry_its_words():
    """The simulator's results can be told apart at thumbnail size: the prompt's colour word
    colours the sky, another prompt (or another image of the task) is another scene, and the
    first words are set as a caption on a dark bar."""
    from mjdesk.sim.picture import compose

    def sky(rows):  # the mean colour of the top tenth
        top = rows[: len(rows) // 10]
        n = sum(len(r) // 3 for r in top)
        return tuple(sum(sum(r[c::3]) for r in top) / n for c in range(3))

    red = compose("a red kite over dunes", "task-1", 0, 256, 192)
    blue = compose("a blue kite over dunes", "task-1", 0, 256, 192)
    assert sky(red)[0] > sky(red)[2] + 30 and sky(blue)[2] > sky(blue)[0] + 30
    assert compose("a red kite over dunes", "task-1", 1, 256, 192) != red  # image 2 differs
    bar = red[-8:]  # the caption bar: dark, with light letters
    assert any(max(row) > 200 for row in bar) and min(min(row) for row in bar) < 40
    assert len(red) == 192 and all(len(row) == 256 * 3 for row in red)
