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


def test_other_orders_and_no_text_take_the_full_query(store):
    assert first_screen_ids(store.db, ImageQuery(text="fox", sort="rating"), 50) is None
    assert first_screen_ids(store.db, ImageQuery(), 50) is None
