"""The viewer with real keys and mouse: rating and favourite keys (undoable, from the store),
tags edited in its panel, stepping through the grid, Delete, 100 %; compare zooms and pans
both sides together, and the swipe divider follows a drag."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from mjdesk.ui.viewer_canvas import ImageCanvas
from tests.widgets.conftest import open_studio
from tests.widgets.test_gallery import seed_library


def drag(widget, start: QPoint, end: QPoint) -> None:
    def send(kind, pos, buttons):
        QApplication.sendEvent(
            widget,
            QMouseEvent(
                kind,
                QPointF(pos),
                QPointF(widget.mapToGlobal(pos)),
                Qt.MouseButton.LeftButton,
                buttons,
                Qt.KeyboardModifier.NoModifier,
            ),
        )

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseMove, (start + end) / 2, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


async def test_viewer_keys_rate_tag_step_and_trash(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ids = await st.library.run(
            lambda s: seed_library(s, tmp_path, [("a kite at dawn", "fast", "hd", 3)])
        )
        store = st.library.store
        store.set_tags([ids[2]], "sky")
        w = st.window
        w.refresh_gallery()
        await st.until(lambda: w.gallery_model.count == 3)
        lib = w.library
        lib.open_viewer(ids[2])  # the newest: first in the grid
        viewer = lib.viewer
        await st.until(lambda: viewer.current_id == ids[2] and viewer.info.item is not None)
        assert viewer.info.prompt.text() == "a kite at dawn"
        assert viewer.info.tags.text() == "sky "
        qtbot.keyClick(viewer, Qt.Key.Key_4)
        await st.until(lambda: store.image(ids[2]).rating == 4)
        assert [b.text() for b in viewer.info.star_buttons] == ["★"] * 4 + ["☆"]
        qtbot.keyClick(viewer, Qt.Key.Key_F)
        await st.until(lambda: store.image(ids[2]).favourite == 1)
        assert viewer.info.heart.text() == "♥"
        # the grid's Ctrl+Z undoes what the viewer did, last first
        qtbot.keyClick(w.gallery.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        await st.until(lambda: store.image(ids[2]).favourite == 0)
        assert store.image(ids[2]).rating == 4
        # tags edited in the panel, with Enter
        qtbot.keyClick(viewer, Qt.Key.Key_T)
        qtbot.keyClicks(viewer.info.tags, "dawn")
        qtbot.keyClick(viewer.info.tags, Qt.Key.Key_Return)
        await st.until(lambda: store.image(ids[2]).tags == "sky dawn")
        # → steps through the grid; 100 % shows one image pixel per screen pixel
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
        await st.until(lambda: viewer.current_id == ids[1])
        viewer.canvas.actual_size()
        assert not viewer.canvas.fit and viewer.canvas.zoom == 1.0
        # Delete: to the trash, and the next image shown
        qtbot.keyClick(viewer, Qt.Key.Key_Delete)
        await st.until(lambda: store.image(ids[1]).deleted_at is not None)
        await st.until(lambda: viewer.current_id in (ids[0], ids[2]))
        viewer.close()


async def test_compare_zooms_and_pans_together_and_swipes(qtbot):
    left, right = (
        QImage(400, 300, QImage.Format.Format_RGB32),
        QImage(400, 300, QImage.Format.Format_RGB32),
    )
    left.fill(QColor("#c04040"))
    right.fill(QColor("#4040c0"))
    from mjdesk.ui.viewer import ImageViewer

    class Item:
        prompt, width, height = "a kite", 400, 300

    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    viewer.resize(1400, 800)
    viewer.show()
    viewer.show_pair(left, Item(), right, Item())
    assert viewer.second.isVisible()
    # zooming the left (the wheel, about the pointer) zooms the right alike
    viewer.canvas.zoom_by(2.0, QPointF(100, 100))
    assert viewer.second.zoom == viewer.canvas.zoom and not viewer.second.fit
    assert viewer.second.offset == viewer.canvas.offset != (0.0, 0.0)
    # panning the right pans the left
    drag(viewer.second, QPoint(200, 200), QPoint(260, 230))
    assert viewer.canvas.offset == viewer.second.offset
    # S: one canvas, the right image beyond a divider that follows a drag
    qtbot.keyClick(viewer, Qt.Key.Key_S)
    assert viewer.swipe_button.isChecked() and not viewer.second.isVisible()
    canvas: ImageCanvas = viewer.canvas
    canvas.fit_to_window()
    assert canvas.swiping and canvas.swipe == 0.5
    rect = canvas.image_rect()
    x = canvas.divider_x()
    drag(
        canvas,
        QPoint(x, rect.center().y()),
        QPoint(rect.left() + rect.width() // 4, rect.center().y()),
    )
    assert abs(canvas.swipe - 0.25) < 0.02
    shot = canvas.grab().toImage()
    y = rect.center().y() + 40
    assert shot.pixelColor(rect.left() + 5, y).red() > 150  # left of the divider: the left
    assert shot.pixelColor(rect.right() - 5, y).blue() > 150  # right of it: the right
    qtbot.keyClick(viewer, Qt.Key.Key_S)
    assert viewer.second.isVisible() and not canvas.swiping


def test_transparent_images_show_a_checkerboard(qtbot):
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    canvas = ImageCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(400, 300)
    canvas.set_image(image)
    shot = canvas.grab().toImage()
    rect = canvas.image_rect()
    colours = {shot.pixelColor(rect.left() + dx, rect.top() + 2).name() for dx in (2, 10)}
    assert colours == {"#cfcfcf", "#9f9f9f"}
