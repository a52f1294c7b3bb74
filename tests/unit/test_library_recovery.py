"""A library that lost its index, a read-only folder, and hostile files brought in."""

from __future__ import annotations

import os
import struct
import zlib

import pytest

from mjdesk.library import IndexMissingError, LibraryError, NewJob, Store, provenance
from mjdesk.library.imports import import_folder, png_text, rebuild_index
from mjdesk.library.store import DB_NAME
from tests.images import encode


def library_with_images(root, count=3) -> list[str]:
    """A library whose images carry their provenance; returns their task ids."""
    s = Store(root)
    tasks = []
    for n in range(count):
        task = f"task-unified-1700000000-{n:08d}"
        s.add_jobs([NewJob(f"a red kite {n}", f"a red kite {n}", "fast", "standard")])
        data = provenance.embed(
            encode("PNG"), {"prompt": f"a red kite {n}", "task_id": task, "speed": "fast"}
        )
        final = s.image_path(task, 0, "png")
        final.parent.mkdir(parents=True, exist_ok=True)
        final.write_bytes(data)
        tasks.append(task)
    s.close()
    return tasks


@pytest.mark.parametrize("damage", ["empty", "garbage"])
def test_a_lost_index_beside_images_is_refused_then_rebuilt(tmp_path, damage):
    root = tmp_path / "lib"
    tasks = library_with_images(root)
    for suffix in ("", "-wal", "-shm"):
        (root / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    (root / DB_NAME).write_bytes(b"" if damage == "empty" else b"not a database" * 100)
    with pytest.raises(IndexMissingError) as caught:
        Store(root)
    assert caught.value.images == 3 and "rebuild the index" in str(caught.value)
    assert (root / DB_NAME).stat().st_size in (0, 1400)  # nothing written over it
    kept, count = rebuild_index(root)
    assert count == 3 and kept.exists()
    s = Store(root)
    rows = s.db.execute("SELECT task_id, prompt_typed, state FROM jobs ORDER BY task_id").fetchall()
    assert [r[0] for r in rows] == tasks
    assert {r[2] for r in rows} == {"stored"} and rows[0][1] == "a red kite 0"
    assert s.search("kite") and len(s.search("kite")) == 3
    s.close()


def test_an_empty_folder_still_starts_a_new_library(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    (root / DB_NAME).write_bytes(b"")
    Store(root).close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_said_in_words(tmp_path):
    root = tmp_path / "ro"
    root.mkdir()
    root.chmod(0o500)
    try:
        with pytest.raises(LibraryError, match="read-only"):
            Store(root / "lib")
    finally:
        root.chmod(0o700)


def test_a_read_only_library_file_is_said_in_words(tmp_path):
    """As root only a read-only mount stops writes: a database that is not a file stands in."""
    root = tmp_path / "lib"
    root.mkdir()
    (root / ".lock").mkdir()  # the lock cannot be opened for writing
    with pytest.raises(LibraryError) as caught:
        Store(root)
    assert "cannot be used" in str(caught.value) or "read-only" in str(caught.value)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _with_chunk(png: bytes, chunk: bytes) -> bytes:
    return png[:33] + chunk + png[33:]  # after IHDR


def test_compressed_text_chunks_are_bounded(tmp_path):
    bomb = zlib.compress(b"a" * (200 * 1024 * 1024), 9)  # 200 MB of text in ~200 KB
    png = _with_chunk(encode("PNG"), _chunk(b"zTXt", b"Description\x00\x00" + bomb))
    meta = png_text(png)
    assert len(meta["prompt"]) <= 64 * 1024
    itxt = b"parameters\x00\x01\x00\x00\x00" + bomb
    png2 = _with_chunk(encode("PNG"), _chunk(b"iTXt", itxt))
    assert len(png_text(png2)["prompt"]) <= 64 * 1024
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.png").write_bytes(png)
    s = Store(tmp_path / "lib")
    assert import_folder(s, folder) == (1, 0)
    prompt = s.db.execute("SELECT prompt_typed FROM jobs").fetchone()[0]
    assert len(prompt) <= 8192
    s.close()
    assert (tmp_path / "lib" / DB_NAME).stat().st_size < 5 * 1024 * 1024


def test_truncated_and_fake_images_are_skipped_not_imported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    png = encode("PNG")
    (folder / "short.png").write_bytes(png[:40])
    (folder / "text.png").write_bytes(b"hello, not an image")
    (folder / "good.png").write_bytes(png)
    (folder / "link.png").symlink_to(folder / "good.png")
    s = Store(tmp_path / "lib")
    assert import_folder(s, folder) == (1, 2)
    s.close()
