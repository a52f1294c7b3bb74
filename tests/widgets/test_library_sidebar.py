"""The library's sidebar with real events: views with counts, filing by dropping images on a
project, tags that filter, and the trash (view, restore, empty with the count named)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from mjdesk.core.prompt import analyze
from tests.widgets.conftest import open_studio


def click(sidebar, entry) -> None:
    rect = sidebar.visualItemRect(entry)
    pos = QPointF(rect.center())
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        QApplication.sendEvent(
            sidebar.viewport(),
            QMouseEvent(
                kind,
                pos,
                QPointF(sidebar.viewport().mapToGlobal(pos.toPoint())),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton
                if kind == QEvent.Type.MouseButtonPress
                else Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )


def drop_on(sidebar, entry, mime) -> bool:
    pos = sidebar.visualItemRect(entry).center()
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(sidebar.viewport(), QDragEnterEvent(pos, *args))
    move = QDragMoveEvent(pos, *args)
    QApplication.sendEvent(sidebar.viewport(), move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), *args)
    QApplication.sendEvent(sidebar.viewport(), drop)
    return drop.isAccepted()


async def test_views_projects_tags_and_trash(sim, tmp_path, qtbot, monkeypatch):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.tabs.setCurrentWidget(w.gallery)
        st.service.jobs.submit(analyze("a heron in linocut --ar 1:1"))
        await st.only_job("stored")
        lib = w.library
        sidebar, model = lib.sidebar, w.gallery_model
        st.service.gallery.assign_project([], "Client A")  # a new, empty project
        await st.until(lambda: sidebar.entries["all"].text(1) == "4")
        await st.until(lambda: sidebar.entry("project", 1) is not None)
        project = sidebar.entry("project", 1)
        assert project.text(0) == "Client A" and project.text(1) == "0"
        await st.until(lambda: model.count == 4)
        # two images dragged from the grid onto the project are filed there
        mime = model.mimeData([model.index(0, 0), model.index(1, 0)])
        assert drop_on(sidebar, project, mime)
        await st.until(lambda: (e := sidebar.entry("project", 1)) is not None and e.text(1) == "2")
        click(sidebar, sidebar.entry("project", 1))
        await st.until(lambda: model.count == 2)
        # a tag, counted and filtering
        click(sidebar, sidebar.entries["all"])
        await st.until(lambda: model.count == 4)
        first = model.id_at(0)
        st.service.gallery.set_tags([first], "linocut print")
        await st.until(lambda: sidebar.entry("tag", "linocut") is not None)
        click(sidebar, sidebar.entry("tag", "linocut"))
        await st.until(lambda: model.count == 1 and model.id_at(0) == first)
        # the trash: its own view, restore, and empty with the count named
        click(sidebar, sidebar.entries["all"])
        await st.until(lambda: model.count == 4)
        st.service.gallery.trash([first])
        await st.until(lambda: sidebar.entries["trash"].text(1) == "1")
        click(sidebar, sidebar.entries["trash"])
        await st.until(lambda: model.count == 1 and sidebar.in_trash)
        st.service.gallery.trash([first], restore=True)
        await st.until(lambda: model.count == 0)
        st.service.gallery.trash([first])
        await st.until(lambda: model.count == 1)
        [item] = await st.service.gallery.gallery_items([first])
        path = st.service.gallery.image_path(item)
        asked = []
        monkeypatch.setattr(
            QMessageBox,
            "question",
            lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
        )
        lib.empty_trash()
        await st.until(lambda: model.count == 0 and asked)
        assert "Delete 1 images for good" in asked[0]
        await st.until(lambda: not path.exists())
        await st.until(lambda: sidebar.entries["trash"].text(1) == "0")
        # ☰ (Ctrl+B) puts the sidebar away, and back
        w.resize(1700, 1000)
        await st.until(lambda: lib.panel.width() >= 640 and not sidebar.isHidden())
        lib.sidebar_toggle.click()
        assert sidebar.isHidden()
        lib.sidebar_toggle.click()
        assert not sidebar.isHidden()
        # a narrow library column folds it away by itself; widened, it comes back
        w.resize(1000, 800)
        await st.until(lambda: sidebar.isHidden() and not lib.sidebar_toggle.isChecked())
        w.resize(1700, 1000)
        await st.until(lambda: not sidebar.isHidden() and lib.sidebar_toggle.isChecked())


async def test_projects_made_nested_renamed_and_deleted_from_the_sidebar(
    sim, tmp_path, qtbot, monkeypatch
):
    from tests.widgets.test_gallery import seed_library

    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.tabs.setCurrentWidget(w.gallery)
        lib, store = w.library, st.library.store
        sidebar, model = lib.sidebar, w.gallery_model
        ids = await st.library.run(
            lambda s: seed_library(s, tmp_path, [("a kite", "fast", "standard", 4)])
        )
        st.service.gallery.gallery_changed.emit()  # seeded behind the service's back
        await st.until(lambda: sidebar.entries["all"].text(1) == "4")

        seen: list[list[str]] = []

        def choose(entry, text: str) -> None:
            """The entry's context menu (as right-clicking it builds it): the action whose
            words start with ``text`` is triggered."""
            assert sidebar.itemAt(sidebar.visualItemRect(entry).center()) is entry
            menu = sidebar.context_menu(entry)
            actions = [a for a in menu.actions() if not a.isSeparator()]
            seen.append([a.text() for a in actions])
            [action] = [a for a in actions if a.text().startswith(text)]
            action.trigger()
            menu.deleteLater()

        def answer(text: str) -> None:
            dialog = lib.asking
            assert dialog is not None and dialog.isVisible()
            dialog.setTextValue(text)
            dialog.accept()

        # a new project from the Projects heading
        choose(sidebar._projects, "New project")
        answer("Client A")
        await st.until(lambda: sidebar.entry("project", 1) is not None)
        assert seen[-1] == ["New project…"]
        # a sub-project inside it
        choose(sidebar.entry("project", 1), "New project inside")
        answer("Posters")
        await st.until(lambda: sidebar.entry("project", 2) is not None)
        sub = sidebar.entry("project", 2)
        assert sub.parent() is sidebar.entry("project", 1)
        # a taken name is refused where the user looks
        choose(sidebar.entry("project", 2), "Rename")
        answer("Client A")
        await st.until(lambda: "already exists" in w.statusBar().currentMessage())
        # two images filed in the sub-project show in the parent's view too
        mime = model.mimeData([model.index(0, 0), model.index(1, 0)])
        assert drop_on(sidebar, sidebar.entry("project", 2), mime)
        await st.until(lambda: sidebar.entry("project", 2).text(1) == "2")
        click(sidebar, sidebar.entry("project", 1))
        await st.until(lambda: model.count == 2)
        # renamed, then deleted: the images stay in the library
        choose(sidebar.entry("project", 2), "Rename")
        answer("Posters 2027")
        await st.until(lambda: sidebar.entry("project", 2).text(0) == "Posters 2027")
        choose(sidebar.entry("project", 2), "Delete project")
        box = lib.asking
        assert "Its 2 images stay in the library" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        await st.until(lambda: sidebar.entry("project", 2) is None)
        assert all(store.image(i).deleted_at is None for i in ids)
        assert [store.image(i).project_id for i in ids] == [None] * 4
        # a tag renamed into another from its menu merges them
        store.set_tags(ids[:2], "sky")
        store.set_tags(ids[2:], "skies")
        st.service.gallery.gallery_changed.emit()
        await st.until(lambda: sidebar.entry("tag", "skies") is not None)
        choose(sidebar.entry("tag", "skies"), "Rename or merge")
        answer("sky")
        await st.until(lambda: sidebar.entry("tag", "skies") is None)
        assert sidebar.entry("tag", "sky").text(1) == "4"
        # images dropped on a tag are tagged, on Favourites favoured, on the Trash trashed
        store.set_tags(ids, "")
        st.service.gallery.gallery_changed.emit()
        await st.until(lambda: sidebar.entry("tag", "sky") is None)
        store.set_tags(ids[:1], "sky")
        st.service.gallery.gallery_changed.emit()
        await st.until(lambda: sidebar.entry("tag", "sky") is not None)
        click(sidebar, sidebar.entries["all"])
        await st.until(lambda: model.count == 4)
        pick = [model.index(model.position_of(i), 0) for i in ids[2:]]
        assert drop_on(sidebar, sidebar.entry("tag", "sky"), model.mimeData(pick))
        await st.until(lambda: [store.image(i).tags for i in ids] == ["sky", "", "sky", "sky"])
        assert drop_on(sidebar, sidebar.entries["favourites"], model.mimeData(pick))
        await st.until(lambda: store.image(ids[3]).favourite == 1)
        assert drop_on(sidebar, sidebar.entries["trash"], model.mimeData(pick[:1]))
        await st.until(lambda: store.image(ids[2]).deleted_at is not None)
        assert not drop_on(sidebar, sidebar.entries["recent"], model.mimeData(pick))
