"""The library store: migrations, durability settings, lock, files, provenance, search."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest
from PySide6.QtGui import QImage

from mjdesk.library import LibraryError, LibraryLockedError, NewJob, Store, provenance, schema
from mjdesk.library.store import DB_NAME
from tests.images import encode


def make_store(tmp_path, **kw) -> Store:
    return Store(tmp_path / "lib", **kw)


def test_fresh_library_is_wal_full_sync_and_current(tmp_path):
    s = make_store(tmp_path)
    db = s.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    s.close()


def _old_library(root, version: int) -> None:
    root.mkdir(parents=True)
    db = sqlite3.connect(root / DB_NAME, isolation_level=None)
    for i in range(version):
        db.execute("BEGIN")
        schema.MIGRATIONS[i](db)
        db.execute(f"PRAGMA user_version={i + 1}")
        db.execute("COMMIT")
    now = time.time()
    db.execute(
        "INSERT INTO jobs (client_ref, prompt_typed, prompt, speed, quality, state, task_id,"
        " created_at, updated_at) VALUES ('r1', 'a red kite', 'a red kite', 'fast', 'standard',"
        " 'stored', 'task-unified-1-aaaaaaaa', ?, ?)",
        (now, now),
    )
    db.execute(
        "INSERT INTO images (job_id, idx, path, sha256, size, mime, created_at)"
        " VALUES (1, 0, 'images/x.png', 'abc', 10, 'image/png', ?)",
        (now,),
    )
    if version >= 2:  # as the code of that version did
        db.execute("INSERT INTO image_search (rowid, prompt, tags) VALUES (1, 'a red kite', '')")
    db.close()


@pytest.mark.parametrize("version", [1, 2])
def test_older_libraries_migrate_with_a_backup_first(tmp_path, version):
    root = tmp_path / "lib"
    _old_library(root, version)
    s = Store(root)
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    assert s.job(1).prompt_typed == "a red kite" and s.job(1).expired_images == 0
    assert s.search("kite") == [1]
    backups = list(root.glob("library.db.before-v*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == version
    old.close()
    s.close()


def test_a_failed_migration_leaves_the_library_usable(tmp_path, monkeypatch):
    root = tmp_path / "lib"
    _old_library(root, 2)

    def broken(db):
        db.execute("ALTER TABLE jobs ADD COLUMN half_done INTEGER")
        raise sqlite3.OperationalError("disk I/O error (injected)")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS[:2], broken))
    monkeypatch.setattr("mjdesk.library.db.MIGRATIONS", (*schema.MIGRATIONS[:2], broken))
    with pytest.raises(LibraryError, match="schema 3"):
        Store(root)
    db = sqlite3.connect(root / DB_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    cols = [r[1] for r in db.execute("PRAGMA table_info(jobs)")]
    assert "half_done" not in cols
    assert db.execute("SELECT prompt_typed FROM jobs").fetchone()[0] == "a red kite"
    db.close()


def test_a_newer_library_is_refused(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    db = sqlite3.connect(root / DB_NAME)
    db.execute(f"PRAGMA user_version={schema.VERSION + 1}")
    db.close()
    with pytest.raises(LibraryError, match="newer"):
        Store(root)


def test_a_damaged_database_is_reported(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    (root / DB_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError):
        Store(root)


def test_single_instance_lock_names_the_holder(tmp_path):
    s = make_store(tmp_path)
    with pytest.raises(LibraryLockedError, match=str(os.getpid())):
        make_store(tmp_path)
    s.close()
    make_store(tmp_path).close()


def test_every_transition_is_committed(tmp_path):
    s = make_store(tmp_path)
    [job] = s.add_jobs([NewJob("a {b, c}", "a b", "fast", "standard")])
    assert job.state == "saved" and job.client_ref.startswith("mjd-")
    s.update_job(job.id, state="sending")
    other = sqlite3.connect(tmp_path / "lib" / DB_NAME)
    assert other.execute("SELECT state FROM jobs").fetchone()[0] == "sending"
    other.close()
    with pytest.raises(ValueError):
        s.update_job(job.id, state="teleported")
    with pytest.raises(ValueError):
        s.update_job(job.id, client_ref="x")
    s.close()


def test_temp_files_older_than_an_hour_are_swept(tmp_path):
    s = make_store(tmp_path, lock=False)
    d = s.images_dir / "2026" / "11"
    d.mkdir(parents=True)
    old = d / ".x.png.1234.part"
    new = d / ".y.png.5678.part"
    old.write_bytes(b"x")
    new.write_bytes(b"y")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert s.sweep_temp_files() == 1
    assert not old.exists() and new.exists()
    s.close()


def test_store_file_is_atomic_and_names_by_task(tmp_path):
    s = make_store(tmp_path)
    staging = s.staging_path("task-unified-1-abc", 2)
    staging.parent.mkdir(parents=True)
    staging.with_suffix(".png").write_bytes(encode("PNG"))
    final = s.image_path("task-unified-1-abc", 2, "png", when=1_795_000_000)
    path, _sha, _size = s.store_file(staging.with_suffix(".png"), final, {"prompt": "a <b> & c"})
    assert path.relative_to(s.root).parts[:3] == ("images", "2026", "11")
    assert path.name == "task-unified-1-abc_2.png"
    assert not staging.with_suffix(".png").exists()
    assert provenance.read(path.read_bytes())["prompt"] == "a <b> & c"
    assert not list(path.parent.glob(".*"))
    s.close()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_provenance_keeps_the_pixels(fmt):
    original = encode(fmt, 40, 30)
    meta = {"prompt": "a fox — «quoted» & <tagged>", "task_id": "task-unified-1-x", "speed": "fast"}
    tagged = provenance.embed(original, meta)
    assert tagged != original
    assert provenance.read(tagged) == meta
    a, b = QImage.fromData(original), QImage.fromData(tagged)
    assert not b.isNull() and a.size() == b.size()
    assert a == b  # pixel for pixel


def test_gif_is_left_alone():
    from tests.images import GIF_1X1

    assert provenance.embed(GIF_1X1, {"prompt": "x"}) == GIF_1X1


def test_privacy_setting_turns_provenance_off(tmp_path):
    s = make_store(tmp_path, provenance=False)
    src = tmp_path / "in.png"
    src.write_bytes(encode("PNG"))
    path, _, _ = s.store_file(src, s.image_path("t", 0, "png"), {"prompt": "secret idea"})
    assert provenance.read(path.read_bytes()) == {}
    s.close()


def test_search_and_upload_cache(tmp_path):
    s = make_store(tmp_path)
    [job] = s.add_jobs(
        [NewJob("a red kite over dunes", "a red kite over dunes", "fast", "standard")]
    )
    img_path = s.image_path("t", 0, "png")
    img_path.parent.mkdir(parents=True)
    img_path.write_bytes(encode("PNG"))
    img = s.add_image(
        job.id,
        0,
        img_path,
        sha256="00",
        size=1,
        width=1,
        height=1,
        mime="image/png",
        source_url=None,
    )
    assert s.search("kit") == [img.id] and s.search("dune red") == [img.id]
    assert s.search("zebra") == [] and s.search("  ") == [] and s.search('"') == []
    now = time.time()
    s.remember_upload("sha", "https://f/x.png", "file_1", now + 7200)
    assert s.cached_upload("sha", now) == "https://f/x.png"
    assert s.cached_upload("sha", now + 3601) is None  # less than an hour left
    s.close()


def test_with_the_lock_every_temp_file_is_swept_at_start(tmp_path):
    d = tmp_path / "lib" / "images" / "2026" / "11"
    d.mkdir(parents=True)
    fresh = d / ".x.png.1234.part"
    fresh.write_bytes(b"x")
    make_store(tmp_path).close()
    assert not fresh.exists()


def test_settings_round_trip_atomically(tmp_path):
    from mjdesk import settings as s

    path = tmp_path / "config" / "settings.json"
    first = s.Settings(
        api_base="https://api.example.org", saved_searches=[{"name": "a", "filters": {}}]
    )
    s.save(first, path)
    assert s.load(path) == first
    path.write_text("{ not json")
    assert s.load(path) == s.Settings()
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_a_move_outside_the_job_table_is_refused_and_changes_nothing(tmp_path):
    """The library itself holds the engine to core.jobs' table: saved → stored, or a second
    saved → sending, is refused in the transaction that would make it."""
    from mjdesk.library import StaleStateError

    s = make_store(tmp_path)
    [job] = s.add_jobs([NewJob("a", "a cup", "fast", "standard")])
    with pytest.raises(StaleStateError):
        s.update_job(job.id, state="stored")
    s.update_job(job.id, state="sending", expect=["saved"])
    with pytest.raises(StaleStateError):
        s.update_job(job.id, state="sending", expect=["saved"])  # a second sender loses
    assert s.job(job.id).state == "sending"
    s.close()


def test_prompt_history_lists_what_was_typed_not_the_edits(tmp_path):
    s = Store(tmp_path / "lib")
    s.add_jobs([NewJob("a red kite", "a red kite", "fast", "standard")])
    s.add_jobs(
        [
            NewJob(
                "Vary (subtle) · a red kite",
                "",
                "fast",
                "standard",
                model="mj-v8.1-variation",
                model_params={"task_id": "t", "image_number": 0, "type": "subtle"},
            )
        ]
    )
    s.add_jobs([NewJob("a blue boat", "a blue boat", "draft", "standard")])
    assert s.prompt_history(10) == ["a blue boat", "a red kite"]
    s.close()
