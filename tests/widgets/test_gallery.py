"""The library gallery: model shape, search and filters, curating keys, drag-out, thumbnails."""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage

from mjdesk.library import ImageQuery, NewJob, Store
from mjdesk.services import ThumbnailService
from mjdesk.ui.gallery import GalleryModel, ItemRole
from mjdesk.ui.gallery_panel import GalleryPanel
from tests.widgets.conftest import open_studio


def seed_library(store: Store, tmp_path, specs):
    """Jobs and images with real files: specs are (prompt, speed, quality, images)."""
    ids = []
    for prompt, speed, quality, count in specs:
        [job] = store.add_jobs([NewJob(prompt, prompt, speed, quality)], state="stored")
        store.update_job(job.id, task_id=f"task-unified-1-{job.id:08d}")
        for n in range(count):
            path = store.image_path(f"task-unified-1-{job.id:08d}", n, "png")
            path.parent.mkdir(parents=True, exist_ok=True)
            image = QImage(96, 64, QImage.Format.Format_RGB32)
            image.fill(QColor.fromHsv((job.id * 40 + n * 9) % 360, 150, 180))
            assert image.save(str(path), "PNG")
            import hashlib

            data = path.read_bytes()
            row = store.add_image(
                job.id,
                n,
                path,
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                width=96,
                height=64,
                mime="image/png",
                source_url=None,
            )
            ids.append(row.id)
    return ids


def test_queries_search_filter_and_sort(tmp_path):
    store = Store(tmp_path / "lib")
    ids = seed_library(
        store,
        tmp_path,
        [
            ("a red kite over dunes", "fast", "standard", 4),
            ("a paper lantern at night", "turbo", "hd", 4),
            ("kite festival crowd", "draft", "standard", 2),
        ],
    )
    assert store.image_ids(ImageQuery()) == list(reversed(ids))
    assert store.image_ids(ImageQuery(sort="oldest")) == ids
    assert set(store.image_ids(ImageQuery(text="kite"))) == set(ids[:4] + ids[8:])
    assert set(store.image_ids(ImageQuery(text="lant"))) == set(ids[4:8])
    assert store.image_ids(ImageQuery(speed="turbo")) == list(reversed(ids[4:8]))
    assert store.image_ids(ImageQuery(quality="hd", text="kite")) == []
    store.set_rating(ids[1:3], 4)
    store.set_favourite([ids[5]], True)
    assert store.image_ids(ImageQuery(sort="rating"))[:2] == [ids[2], ids[1]]
    assert store.image_ids(ImageQuery(min_rating=4)) == [ids[2], ids[1]]
    assert store.image_ids(ImageQuery(favourites=True)) == [ids[5]]
    store.trash([ids[0]])
    assert ids[0] not in store.image_ids(ImageQuery())
    store.trash([ids[0]], restore=True)
    assert ids[0] in store.image_ids(ImageQuery())
    items = store.gallery_items([ids[5], ids[0]])
    assert [i.id for i in items] == [ids[5], ids[0]] and items[0].favourite == 1
    assert items[0].prompt == "a paper lantern at night" and items[0].speed == "turbo"
    store.close()


async def test_gallery_model_pages_thumbnails_and_drag_out(sim, tmp_path, qtbot, qtmodeltester):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ids = await st.library.run(
            lambda s: seed_library(
                s,
                tmp_path,
                [("a red kite", "fast", "standard", 4), ("a blue lantern", "fast", "hd", 4)],
            )
        )
        w = st.window
        w.refresh_gallery()
        model = w.gallery_model
        await st.until(lambda: model.count == 8)
        w.tabs.setCurrentWidget(w.gallery)
        view = w.gallery.view
        view.resize(900, 600)
        await st.until(lambda: model.item(ids[-1]) is not None)
        await st.until(
            lambda: model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is not None
        )
        # tiles have the images' own shape (96×64), several to a row
        first, second = view.visualRect(model.index(0, 0)), view.visualRect(model.index(1, 0))
        assert abs(first.width() / first.height() - 1.5) < 0.05
        assert second.top() == first.top() and second.left() > first.right()
        qtmodeltester.check(model)
        # thumbnails were written to the disk cache
        item = model.data(model.index(0, 0), ItemRole)
        assert st.library.store.thumb_path(item.sha256, 256).exists()
        # drag-out carries file URLs
        mime = model.mimeData([model.index(0, 0), model.index(1, 0)])
        paths = [u.toLocalFile() for u in mime.urls()]
        assert len(paths) == 2 and all(p.endswith(".png") for p in paths)
        # search as you type narrows the grid
        w.gallery.search.setText("lantern")
        await st.until(lambda: model.count == 4)  # the first screen, then the full answer
        await st.until(lambda: w.gallery.count.text() == "4 images")


async def _four_in_the_gallery(st, tmp_path) -> list[int]:
    """One task's four images in the library, shown on the Library tab."""
    ids = await st.library.run(
        lambda s: seed_library(s, tmp_path, [("a kite", "fast", "standard", 4)])
    )
    w = st.window
    w.refresh_gallery()
    await st.until(lambda: w.gallery_model.count == 4)
    w.tabs.setCurrentWidget(w.gallery)
    return ids


async def test_rating_favourite_and_trash_from_the_keyboard(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ids = await _four_in_the_gallery(st, tmp_path)
        w = st.window
        model = w.gallery_model
        view = w.gallery.view
        view.setFocus()
        view.setCurrentIndex(model.index(0, 0))
        view.selectionModel().select(model.index(0, 0), view.selectionModel().SelectionFlag.Select)
        newest = ids[-1]
        qtbot.keyClick(view, Qt.Key.Key_4)
        await st.until(lambda: st.library.store.image(newest).rating == 4)
        qtbot.keyClick(view, Qt.Key.Key_F)
        await st.until(lambda: st.library.store.image(newest).favourite == 1)
        qtbot.keyClick(view, Qt.Key.Key_0)
        await st.until(lambda: st.library.store.image(newest).rating == 0)
        qtbot.keyClick(view, Qt.Key.Key_Delete)
        await st.until(lambda: st.library.store.image(newest).deleted_at is not None)
        await st.until(lambda: model.count == 3)
        assert w.banner.isVisible() and w.banner.button.text() == "Undo"
        w.banner.button.click()
        await st.until(lambda: model.count == 4)
        assert st.library.store.image(newest).deleted_at is None


async def test_thumbnails_load_without_stalling_the_gui_thread(tmp_path, qtbot):
    """1,000 thumbnails made from real images in workers; a 5 ms heartbeat on the GUI thread."""
    sources = []
    for i in range(40):
        image = QImage(640, 480, QImage.Format.Format_RGB32)
        image.fill(QColor.fromHsv(i * 9, 120, 200))
        path = tmp_path / f"src_{i}.png"
        image.save(str(path), "PNG")
        sources.append(path)
    thumbs = ThumbnailService(cache_path=lambda sha, size: tmp_path / "cache" / f"{sha}_{size}.jpg")
    stalls = []
    last = [time.perf_counter()]

    def beat():
        now = time.perf_counter()
        stalls.append((now - last[0]) * 1000 - 5)
        last[0] = now

    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(beat)
    heart.start()
    for i in range(1000):
        thumbs.request(f"k{i}", sources[i % 40], 128, f"{i:064x}")
    async with asyncio.timeout(60):
        while thumbs.loaded < 1000:  # noqa: ASYNC110 - counts arrivals
            await asyncio.sleep(0.01)
    heart.stop()
    await thumbs.close()
    assert thumbs.loaded == 1000
    assert max(stalls) < 50, max(stalls)


async def test_requests_for_cells_scrolled_away_are_dropped(tmp_path, qtbot):
    thumbs = ThumbnailService(workers=1)
    source = tmp_path / "x.png"
    QImage(64, 64, QImage.Format.Format_RGB32).save(str(source), "PNG")
    for i in range(50):
        thumbs.request(f"k{i}", source, 64)
    dropped = thumbs.retain([f"k{i}" for i in range(45, 50)])
    assert dropped > 0 and thumbs.pending <= 5 + 2
    await thumbs.close()


class NoThumbnails(QObject):
    """A thumbnail source that has none (the panel's own behaviour is what is tested)."""

    thumbnail_ready = Signal(str, QImage)

    def get(self, key):
        return None

    def request(self, *a):
        return None

    def retain(self, keys):
        return 0


def test_panel_query_reflects_the_filters(qtbot):
    panel = GalleryPanel(GalleryModel(NoThumbnails(), lambda item: item))
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    bar = panel.filters_bar
    panel.set_projects([(3, "Client A")])

    def pick(*path: str) -> None:
        """Chooses an entry of the "+ Filter" menu, as built when it opens."""
        menu = bar.add.menu()
        bar._fill_menu()
        for word in path:
            [action] = [a for a in menu.actions() if a.text() == word]
            menu = action.menu() or action
        action.trigger()

    panel.search.setText("kite")
    pick("Speed", "Turbo")
    pick("Rating", "★★★+")
    pick("Favourites only")
    panel.sort.setCurrentIndex(panel.sort.findData("rating"))
    pick("Date", "Last 7 days")
    pick("Shape", "Portrait")
    pick("Has references")
    pick("Group by job")
    pick("Project", "Client A")
    pick("Operation", "Variations and remixes")
    assert panel.query(now=1_000_000.0) == {
        "text": "kite",
        "speed": "turbo",
        "quality": None,
        "favourites": True,
        "min_rating": 3,
        "sort": "rating",
        "since": 1_000_000.0 - 7 * 86400,
        "aspect": "portrait",
        "with_references": True,
        "project_id": 3,
        "group_by_job": True,
        "models": ("mj-v8.1-variation", "mj-v8.1-remix"),
        "style": None,
    }
    # one chip per filter, in one row; the sentence under the grid
    assert len(bar.chips) == 9
    assert len({chip.y() for chip in bar.chips.values()}) == 1
    panel.show_count(12)
    assert panel.count.text() == (
        "12 images · turbo, rated ★★★+, last 7 days, portrait, in “Client A”,"
        " variations and remixes, favourites, with references, one per job"
    )
    # one click on a chip takes its filter away
    emitted = []
    panel.query_changed.connect(emitted.append)
    qtbot.mouseClick(bar.chips["speed"], Qt.MouseButton.LeftButton)
    assert emitted[-1]["speed"] is None and "speed" not in bar.chips
    # a saved search keeps values, not positions; one from an older version loses only
    # what this one does not know
    saved = panel.filters()
    assert saved["min_rating"] == 3 and saved["aspect"] == "portrait"
    pick("Clear all filters")
    panel.search.setText("")
    assert bar.chips == {} and emitted[-1]["group_by_job"] is False
    panel.apply_filters(saved)
    assert panel.search.text() == "kite" and emitted[-1]["group_by_job"] is True
    assert emitted[-1]["min_rating"] == 3 and set(bar.chips) == set(saved) - {"text", "sort"}
    panel.apply_filters({"text": "fox", "speed": 2, "rating": 3, "favourites": True})
    assert emitted[-1]["text"] == "fox", emitted[-1]
    assert emitted[-1]["speed"] is None, emitted[-1]
    assert emitted[-1]["favourites"] is True


def test_export_names_metadata_and_import_round_trip(tmp_path, qapp):
    from mjdesk.library import provenance
    from mjdesk.library.imports import import_folder
    from mjdesk.services.exporting import ExportOptions, export_one

    def export_files(root, items, folder, template, embed):
        options = ExportOptions(folder=folder, template=template, metadata=embed)
        return [export_one(root, item, options) for item in items]

    store = Store(tmp_path / "lib", provenance=False)
    ids = seed_library(
        store, tmp_path, [("a red kite over dunes --ar 3:2", "turbo", "standard", 2)]
    )
    items = store.gallery_items(ids)
    out = export_files(store.root, items, tmp_path / "out", "{date}_{prompt}_{n}", embed=True)
    names = sorted(p.name for p in out)
    assert len(names) == 2 and all("_a-red-kite-over-dunes_" in n for n in names)
    assert names[0].endswith("_1.png") and names[1].endswith("_2.png")
    assert all(
        provenance.read(p.read_bytes())["prompt"] == "a red kite over dunes --ar 3:2" for p in out
    )
    again = export_files(store.root, items, tmp_path / "out", "{date}_{prompt}_{n}", embed=True)
    assert {p.name for p in again}.isdisjoint(names)  # never overwrites
    from mjdesk.library.exports import export_name

    hostile = export_name("{n:>99999999999999}{date.__class__}{id[0]}", items[0], "png")
    assert hostile == "n_99999999999999_date.__class___id_0.png"  # typed, not evaluated
    assert export_name("{speed}-{n}-{nope}", items[0], "png") == "turbo-1-_nope.png"
    store.close()

    other = Store(tmp_path / "other")
    (tmp_path / "out" / "notes.txt").write_text("not an image")
    imported, skipped = import_folder(other, tmp_path / "out")
    assert imported == 2 and skipped == 3  # two duplicates by content, one text file
    prompts = {i.prompt for i in other.gallery_items(other.image_ids(ImageQuery()))}
    assert prompts == {"a red kite over dunes --ar 3:2"}
    assert import_folder(other, tmp_path / "out") == (0, 5)
    other.close()


def test_search_finds_each_variant_by_its_own_words(tmp_path):
    store = Store(tmp_path / "lib")
    [a, b] = store.add_jobs(
        [
            NewJob("a {harbor, lighthouse} at dusk", "a harbor at dusk", "fast", "standard"),
            NewJob("a {harbor, lighthouse} at dusk", "a lighthouse at dusk", "fast", "standard"),
        ]
    )
    for job in (a, b):
        path = store.image_path(f"t{job.id}", 0, "png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
        store.add_image(
            job.id,
            0,
            path,
            sha256=f"{job.id:064x}",
            size=1,
            width=1,
            height=1,
            mime="image/png",
            source_url=None,
        )
    hits = store.gallery_items(store.image_ids(ImageQuery(text="harbor")))
    assert [h.prompt for h in hits] == ["a harbor at dusk"]
    store.close()


def test_filters_tags_projects_and_groups(tmp_path):
    store = Store(tmp_path / "lib")
    ids = seed_library(
        store,
        tmp_path,
        [
            ("a red kite", "fast", "standard", 4),
            ("https://x.test/a.png a vase", "fast", "standard", 4),
        ],
    )
    assert store.image_ids(ImageQuery(aspect="landscape"))
    assert not store.image_ids(ImageQuery(aspect="portrait"))
    assert set(store.image_ids(ImageQuery(with_references=True))) == set(ids[4:])
    assert len(store.image_ids(ImageQuery(group_by_job=True))) == 2
    assert store.image_ids(ImageQuery(since=time.time() + 60)) == []
    store.set_tags(ids[:2], "hero, cover  hero")
    assert store.image(ids[0]).tags == "hero cover"
    assert set(store.image_ids(ImageQuery(text="cover"))) == set(ids[:2])
    pid = store.project("Spring campaign")
    assert store.project("  Spring   campaign ") == pid
    store.assign_project(ids[2:4], pid)
    assert set(store.image_ids(ImageQuery(project_id=pid))) == set(ids[2:4])
    assert store.projects() == [(pid, "Spring campaign")]
    store.close()


async def test_the_menu_key_opens_the_menu_of_the_current_image(sim, tmp_path, qtbot):
    """A keyboard context menu acts on the current cell, not on the cell at the view's corner."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    from mjdesk.ui.gallery import ItemRole

    async with open_studio(sim, tmp_path, qtbot) as st:
        await _four_in_the_gallery(st, tmp_path)
        w = st.window
        model = w.gallery_model
        view = w.gallery.view
        asked: list[QPoint] = []
        view.customContextMenuRequested.disconnect(w.library._on_gallery_menu)  # a modal menu
        view.customContextMenuRequested.connect(asked.append)
        target = model.index(model.count - 1, 0)  # not the corner tile
        await st.until(lambda: target.data(ItemRole) is not None)
        view.setCurrentIndex(target)
        corner = QPoint(5, 5)
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, corner, view.viewport().mapToGlobal(corner)
        )
        QApplication.sendEvent(view, event)
        assert len(asked) == 1
        assert view.indexAt(asked[0]) == target
        # a mouse right-click still means the cell under the pointer
        mouse = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, corner, view.viewport().mapToGlobal(corner)
        )
        QApplication.sendEvent(view.viewport(), mouse)
        assert len(asked) == 2 and view.indexAt(asked[1]) == model.index(0, 0)


def test_the_full_answer_extends_a_first_screen_keeping_the_selection(qtbot):
    from array import array

    panel = GalleryPanel(GalleryModel(NoThumbnails(), lambda item: item))
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    model, view = panel.view.gallery, panel.view
    reset, inserted = [], []
    model.modelReset.connect(lambda: reset.append(1))
    model.rowsInserted.connect(lambda *a: inserted.append(a[1:]))
    model.set_ids([9, 8, 7], array("f", [1.5, 1.0, 0.5]))  # the first screen
    view.selectionModel().select(model.index(1, 0), view.selectionModel().SelectionFlag.Select)
    model.set_ids([9, 8, 7, 6, 5], array("f", [1.5, 1.0, 0.5, 1.0, 1.0]))  # then the rest
    assert inserted == [(3, 4)] and len(reset) == 1
    assert view.selected_ids() == [8] and model.count == 5
    assert view.visualRect(model.index(4, 0)).isValid()
