"""A search's first screen (the newest matches, found from the full-text index backwards) is
exactly the start of the full answer, filters included; only the order it can serve uses it."""

from __future__ import annotations

import random
import time

import pytest

from mjdesk.library import ImageQuery, Store
from mjdesk.library.gallery import first_screen_ids, query_ids

WORDS = ["kite", "lantern", "fox", "harbor", "neon", "forest"]


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "lib")
    rng = random.Random(3)
    db = s.db
    now = time.time()
    db.execute("BEGIN")
    for j in range(600):
        words = " ".join(rng.sample(WORDS, 2)) + f" study {j}"
        speed = "turbo" if j % 3 == 0 else "fast"
        db.execute(
            "INSERT INTO jobs (id, client_ref, prompt_typed, prompt, speed, quality, state,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'standard', 'stored', ?, ?)",
            (j + 1, f"r{j}", words, words, speed, now + j, now + j),
        )
        for i in range(4):
            image_id = j * 4 + i + 1
            db.execute(
                "INSERT INTO images (id, job_id, idx, path, sha256, size, width, height, mime,"
                " favourite, created_at, deleted_at) VALUES (?, ?, ?, ?, 'x', 1, 1024, 768,"
                " 'image/png', ?, ?, ?)",
                (
                    image_id,
                    j + 1,
                    i,
                    f"images/{image_id}.png",
                    int(image_id % 7 == 0),
                    now + j + i / 10,
                    now if image_id % 11 == 0 else None,
                ),
            )
            db.execute(
                "INSERT INTO image_search (rowid, prompt, tags) VALUES (?, ?, '')",
                (image_id, words),
            )
    db.execute("COMMIT")
    yield s
    s.close()


@pytest.mark.parametrize(
    "query",
    [
        ImageQuery(text="fox"),
        ImageQuery(text="neon har"),  # prefixes, every word
        ImageQuery(text="kite", speed="turbo"),
        ImageQuery(text="lantern", favourites=True),
        ImageQuery(text="nothing-like-it"),
    ],
)
def test_the_first_screen_is_the_start_of_the_full_answer(store, query):
    full = query_ids(store.db, query)
    first = first_screen_ids(store.db, query, 50)
    assert first == full[:50]


def test_other_orders_take_the_full_query(store):
    assert first_screen_ids(store.db, ImageQuery(text="fox", sort="rating"), 50) is None
    assert first_screen_ids(store.db, ImageQuery(sort="oldest"), 50) is None


@pytest.mark.parametrize(
    "query", [ImageQuery(), ImageQuery(speed="turbo"), ImageQuery(favourites=True)]
)
def test_without_words_the_first_screen_walks_the_newest(store, query):
    assert first_screen_ids(store.db, query, 50) == query_ids(store.db, query)[:50]


def test_tags_are_found_through_the_index_exactly(store):
    store.set_tags([5, 9, 13], "sky")
    store.set_tags([6], "skyline")
    store.set_tags([7], "posters-2027")
    store.set_tags([9], "sky posters-2027")
    store.set_tags([8], "posters 2027")  # two tags, not the one with a hyphen
    assert sorted(query_ids(store.db, ImageQuery(tags=("sky",)))) == [5, 9, 13]
    assert sorted(query_ids(store.db, ImageQuery(tags=("posters-2027",)))) == [7, 9]
    assert query_ids(store.db, ImageQuery(tags=("sky", "posters-2027"))) == [9]
    for q in (ImageQuery(tags=("sky",)), ImageQuery(text="fox", tags=("sky",))):
        assert first_screen_ids(store.db, q, 50) == query_ids(store.db, q)[:50]


def test_a_stale_query_stops_and_answers_none(store, monkeypatch):
    """A read whose query was replaced (typing on) stops mid-way; the next read on the same
    connection is unaffected."""
    monkeypatch.setattr(store, "STALE_CHECK_STEPS", 200)  # this library is small
    asked = []

    def stale() -> bool:
        asked.append(1)
        return len(asked) > 3  # replaced while it runs

    assert store.found(ImageQuery(text="s"), stale) is None
    assert len(asked) > 3
    assert store.found(ImageQuery(text="s"), lambda: True) is None  # replaced before it ran
    found = store.found(ImageQuery(text="fox"), lambda: False)
    assert found is not None and found.ids == query_ids(store.db, ImageQuery(text="fox"))
    assert len(found.aspects) == len(found.ids) and abs(found.aspects[0] - 4 / 3) < 1e-6
    store.set_rating([1], 3)  # writes work as before: no handler is left behind
    assert store.image(1).rating == 3
