"""Selection and bulk actions in the library grid, with real events: a rubber band dragged
from the space between tiles, Ctrl+A, rating / trashing / tagging the whole selection, each
undone with Ctrl+Z; the tag editor's completion; renaming a tag across the library."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.widgets.conftest import open_studio
from tests.widgets.test_gallery import seed_library


def mouse(view, kind, pos: QPoint, buttons=Qt.MouseButton.LeftButton, button=None) -> None:
    p = QPointF(pos)
    QApplication.sendEvent(
        view.viewport(),
        QMouseEvent(
            kind,
            p,
            QPointF(view.viewport().mapToGlobal(pos)),
            Qt.MouseButton.LeftButton if button is None else button,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        ),
    )


async def _gallery(st, tmp_path, specs):
    ids = await st.library.run(lambda s: seed_library(s, tmp_path, specs))
    w = st.window
    w.refresh_gallery()
    await st.until(lambda: w.gallery_model.count == len(ids))
    w.tabs.setCurrentWidget(w.gallery)
    view = w.gallery.view
    view.setFocus()
    return ids, w, view


async def test_rubber_band_selects_the_tiles_it_crosses_and_says_how_many(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        _ids, w, view = await _gallery(st, tmp_path, [("a kite", "fast", "standard", 4)])
        w.resize(1600, 1000)
        view.set_cell(70)  # one row of four, empty room below it
        await st.until(lambda: view.viewport().width() > 4 * 110)
        first = view.visualRect(w.gallery_model.index(0, 0))
        last = view.visualRect(w.gallery_model.index(3, 0))
        assert first.top() == last.top(), "the four fit one row"
        below = QPoint(last.right() + 2, last.bottom() + 40)
        assert not view.indexAt(below).isValid()
        mouse(view, QEvent.Type.MouseButtonPress, below)
        # up and left across the last three tiles (not the first)
        target = QPoint(view.visualRect(w.gallery_model.index(1, 0)).center().x(), first.top() + 5)
        middle = (below + target) / 2
        mouse(view, QEvent.Type.MouseMove, middle, button=Qt.MouseButton.NoButton)
        mouse(view, QEvent.Type.MouseMove, target, button=Qt.MouseButton.NoButton)
        assert not view._band.isNull(), "the band is drawn while dragging"
        mouse(view, QEvent.Type.MouseButtonRelease, target, buttons=Qt.MouseButton.NoButton)
        assert view._band.isNull()
        model = w.gallery_model
        assert sorted(view.selected_ids()) == sorted(model.ids_between(1, 3))
        assert w.gallery.selected.text() == "· 3 selected"
        # Ctrl+A selects everything, Escape nothing
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        assert view.selected_count() == 4 and w.gallery.selected.text() == "· 4 selected"
        qtbot.keyClick(view, Qt.Key.Key_Escape)
        assert view.selected_count() == 0 and w.gallery.selected.text() == ""
        # Shift+click extends from the current tile
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ShiftModifier,
            view.visualRect(model.index(2, 0)).center(),
        )
        assert view.selected_count() == 3


async def test_bulk_rate_trash_and_tag_are_each_undone_with_ctrl_z(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ids, w, view = await _gallery(
            st, tmp_path, [("a kite", "fast", "standard", 4), ("a lantern", "fast", "hd", 2)]
        )
        store = st.library.store
        store.set_rating([ids[0]], 2)
        store.set_tags([ids[0]], "sky")
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(view, Qt.Key.Key_5)
        await st.until(lambda: all(store.image(i).rating == 5 for i in ids))
        await st.until(lambda: "Ctrl+Z" in w.statusBar().currentMessage())
        assert "Rated 6 images ★★★★★" in w.statusBar().currentMessage()
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        await st.until(lambda: store.image(ids[1]).rating == 0)
        assert store.image(ids[0]).rating == 2, "each image gets back its own rating"
        # trash the selection, then undo from the keyboard (the banner offers it too)
        qtbot.keyClick(view, Qt.Key.Key_Delete)
        await st.until(lambda: w.gallery_model.count == 0)
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        await st.until(lambda: w.gallery_model.count == 6)
        assert all(store.image(i).deleted_at is None for i in ids)
        # the tag editor: tags every image has are editable, the rest named and kept
        view.clearSelection()
        model = w.gallery_model
        sel = view.selectionModel()
        two = [model.position_of(ids[0]), model.position_of(ids[1])]
        for pos in two:
            sel.select(model.index(pos, 0), sel.SelectionFlag.Select)
        qtbot.keyClick(view, Qt.Key.Key_T)
        await st.until(lambda: getattr(w.library, "tag_dialog", None) is not None)
        dialog = w.library.tag_dialog
        await st.until(dialog.isVisible)
        assert dialog.line.text() == ""
        assert "sky" in " ".join(lbl.text() for lbl in dialog.findChildren(type(w.gallery.count)))
        # completion from the library's tags: "s" offers "sky", Tab takes it
        qtbot.keyClicks(dialog.line, "s")
        assert dialog.line.completer_.popup().isVisible()
        qtbot.keyClick(dialog.line, Qt.Key.Key_Tab)
        assert dialog.line.text() == "sky "
        qtbot.keyClicks(dialog.line, "dusk")
        dialog.accept()
        await st.until(lambda: store.image(ids[1]).tags == "sky dusk")
        assert store.image(ids[0]).tags == "sky dusk"
        assert store.image(ids[2]).tags == ""
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        await st.until(lambda: store.image(ids[1]).tags == "")
        assert store.image(ids[0]).tags == "sky"
        # the search index follows the undo
        assert store.search("dusk") == []


async def test_renaming_a_tag_merges_it_across_the_library(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ids, _w, _view = await _gallery(st, tmp_path, [("a kite", "fast", "standard", 4)])
        store = st.library.store
        store.set_tags(ids[:2], "skies")
        store.set_tags(ids[2:3], "sky skies")
        changed = await st.service.gallery.rename_tag("skies", "sky")
        assert changed == 3
        assert [store.image(i).tags for i in ids] == ["sky", "sky", "sky", ""]
        assert set(store.search("sky")) == set(ids[:3])
        assert await st.service.gallery.tag_names() == ["sky"]


async def test_a_stack_opens_in_place_and_folds_back(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ids, w, view = await _gallery(
            st, tmp_path, [("a kite", "fast", "standard", 4), ("a fox", "fast", "standard", 4)]
        )
        model = w.gallery_model
        w.resize(1600, 1000)
        w.gallery.filters_bar.set_value("group_by_job", True)
        await st.until(lambda: model.count == 2 and w.gallery.count.text().startswith("2 tasks"))
        await st.until(lambda: model.item(model.id_at(0)) is not None)
        assert model.item(model.id_at(0)).stack == 4
        tile = view.visualRect(model.index(0, 0))
        badge = tile.topRight() + QPoint(-12, 12)
        mouse(view, QEvent.Type.MouseButtonPress, badge)
        mouse(view, QEvent.Type.MouseButtonRelease, badge, buttons=Qt.MouseButton.NoButton)
        await st.until(lambda: model.count == 5)
        assert set(model.ids_between(0, 3)) == set(ids[4:])  # the newest task, all four
        assert [model.member_of_open_stack(p) for p in range(5)] == [False, True, True, True, False]
        # Space on it folds it back
        view.setCurrentIndex(model.index(0, 0))
        qtbot.keyClick(view, Qt.Key.Key_Space)
        await st.until(lambda: model.count == 2)
