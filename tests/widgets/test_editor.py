"""The editor with real mouse and key events: marking a mask (brush, eraser, rectangle,
lasso, invert, undo, redo), reframing by dragging, and every operation reaching the simulator
with the fields EvoLink documents — asserted from the simulator's own ledger — and landing as
a child of its source."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from mjdesk.core import canvas
from mjdesk.core.prompt import analyze
from mjdesk.ui.editor import EditorWindow
from tests.widgets.conftest import open_studio


def mouse(widget, kind, pos, button=Qt.MouseButton.LeftButton, mods=Qt.KeyboardModifier.NoModifier):
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    event = QMouseEvent(
        kind, QPointF(pos), QPointF(widget.mapToGlobal(QPointF(pos).toPoint())), button, held, mods
    )
    QApplication.sendEvent(widget, event)


def drag(widget, points, mods=Qt.KeyboardModifier.NoModifier):
    mouse(widget, QEvent.Type.MouseButtonPress, points[0], mods=mods)
    for p in points[1:]:
        mouse(widget, QEvent.Type.MouseMove, p, mods=mods)
    mouse(widget, QEvent.Type.MouseButtonRelease, points[-1], mods=mods)


def key(widget, k, mods=Qt.KeyboardModifier.NoModifier):
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, k, mods))


async def _editor(st, prompt="a lighthouse on a cliff --ar 3:2"):
    st.service.jobs.submit(analyze(prompt))
    w = st.window
    await st.only_job("stored")
    w.refresh_gallery()
    await st.until(lambda: w.gallery_model.count == 4)
    [item] = await st.service.gallery.gallery_items([w.gallery_model.id_at(3)])
    w.gallery_action("edit_image", item)
    editors = [x for x in QApplication.topLevelWidgets() if isinstance(x, EditorWindow)]
    assert editors, "the editor opened"
    ed = editors[-1]
    ed.resize(1200, 800)
    await st.until(lambda: ed.paint.layer is not None)
    return ed, item


def image_point(ed, x, y):
    """A widget point over image pixel (x, y)."""
    p = ed.paint
    return QPointF(p.origin.x() + x * p.zoom, p.origin.y() + y * p.zoom)


async def test_marking_the_mask_with_every_tool_and_undoing(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ed, _item = await _editor(st)
        paint, layer = ed.paint, ed.paint.layer
        assert layer.covered() == 0
        drag(
            paint, [image_point(ed, 100, 100), image_point(ed, 300, 120), image_point(ed, 500, 140)]
        )
        brushed = layer.covered()
        assert brushed > 0 and not layer.only_polygons
        key(paint, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert layer.covered() == 0
        key(
            paint,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert layer.covered() == brushed
        # the eraser takes part of it away
        key(paint, Qt.Key.Key_E)
        assert paint.tool == "eraser" and ed.tool_buttons["eraser"].isChecked()
        drag(paint, [image_point(ed, 280, 115), image_point(ed, 320, 125)])
        assert 0 < layer.covered() < brushed
        # a rectangle, then Alt+rectangle takes a bite out of it
        ed._mask_op("clear")
        assert layer.covered() == 0 and layer.only_polygons
        key(paint, Qt.Key.Key_R)
        drag(paint, [image_point(ed, 0, 0), image_point(ed, 600, 300)])
        rect = layer.covered()
        assert rect > 0 and layer.only_polygons and len(layer.polygons) == 1
        drag(
            paint,
            [image_point(ed, 0, 0), image_point(ed, 300, 300)],
            Qt.KeyboardModifier.AltModifier,
        )
        assert 0 < layer.covered() < rect
        # a lasso
        ed._mask_op("clear")
        key(paint, Qt.Key.Key_L)
        drag(
            paint,
            [image_point(ed, x, y) for x, y in ((200, 200), (400, 220), (380, 420), (210, 400))],
        )
        assert layer.covered() > 0 and len(layer.polygons) == 1
        # invert marks everything else
        lasso = layer.covered()
        ed._mask_op("invert")
        total = layer.preview.width() * layer.preview.height()
        assert abs(layer.covered() - (total - lasso)) < total * 0.02
        # [ and ] size the brush
        before = paint.radius
        key(paint, Qt.Key.Key_BracketRight)
        assert paint.radius > before
        # Ctrl+wheel zooms around the pointer
        zoom = paint.zoom
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QWheelEvent

        centre = QPointF(paint.width() / 2, paint.height() / 2)
        QApplication.sendEvent(
            paint,
            QWheelEvent(
                centre,
                paint.mapToGlobal(centre),
                QPoint(0, 0),
                QPoint(0, 240),
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.ControlModifier,
                Qt.ScrollPhase.NoScrollPhase,
                False,
            ),
        )
        assert paint.zoom > zoom
        ed.close()


async def test_a_brushed_repaint_sends_a_mask_image_and_lands_under_its_source(
    sim, tmp_path, qtbot
):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ed, item = await _editor(st)
        drag(ed.paint, [image_point(ed, 50, 60), image_point(ed, 600, 80)])
        ed.editor.setPlainText("stormy clouds")
        creates = len(sim.ledger())
        ed.send()
        await st.until(lambda: len(sim.ledger()) == creates + 1)
        entry = sim.ledger()[-1]
        assert entry["model"] == "mj-v8.1-upload-paint" and entry["prompt"] == "stormy clouds"
        params = entry["model_params"]
        assert isinstance(params["mask"], str) and "/files/" in params["mask"]  # uploaded mask
        [kept] = (st.library.store.root / "masks").glob("*.png")  # and kept in the library
        assert QImage(str(kept)).size().toTuple() == (1024, 680)
        assert params["canvas"] == {"width": 1024, "height": 680}
        assert params["img_pos"] == {"width": 1024, "height": 680, "x": 0, "y": 0}
        assert entry["image_urls"] == [f"{sim.url}/results/{item.task_id}/{item.idx}.png"]
        job = st.window.queue.queue_model.job_at(0)
        assert job.parent_image_id == item.id and job.prompt_typed == "Repaint · stormy clouds"
        await st.until(lambda: st.window.queue.queue_model.job_at(0).state == "stored", 30)
        # the simulator read the uploaded 1-bit mask: the brushed band is new, the rest is not
        job_id = st.window.queue.queue_model.job_at(0).id
        [result] = (await st.library.run(lambda s: s.images_of(job_id)))[:1]
        after = QImage(str(st.library.store.absolute(result)))
        before = QImage(str(st.service.gallery.image_path(item)))
        k = after.width() / before.width()

        def same(x, y):
            a, b = after.pixelColor(int(x * k), int(y * k)), before.pixelColor(x, y)
            return (
                max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))
                < 12
            )

        assert not same(300, 70) and not same(500, 75)
        assert same(300, 400) and same(700, 300)
        ed.close()


async def test_a_rectangle_repaint_sends_clockwise_areas(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ed, _item = await _editor(st)
        key(ed.paint, Qt.Key.Key_R)
        drag(ed.paint, [image_point(ed, 600, 400), image_point(ed, 100, 50)])  # drawn backwards
        ed.editor.setPlainText("a flock of birds")
        files = sim.requests("files")
        ed.send()
        await st.until(lambda: sim.ledger()[-1]["model"] == "mj-v8.1-upload-paint")
        area = sim.ledger()[-1]["model_params"]["mask"]["areas"][0]
        pts = area["points"]
        poly = list(zip(pts[::2], pts[1::2], strict=True))
        assert canvas.clockwise(poly) == [(float(x), float(y)) for x, y in poly]
        assert (area["width"], area["height"]) == (1024, 680)
        assert min(pts[::2]) in range(98, 103) and max(pts[::2]) in range(598, 603)
        assert sim.requests("files") == files  # polygons travel in the request: no upload
        ed.close()


async def test_reframe_zoom_out_pan_and_drag_reach_the_simulator(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ed, item = await _editor(st)
        ed.tabs.setCurrentIndex(1)
        assert ed.mode == "reframe" and ed.stack.currentWidget() is ed.frame
        ed.editor.setPlainText("the coast around it")
        ed._zoom_out(2.0)
        ed.send()
        await st.until(lambda: sim.ledger()[-1]["model"] == "mj-v8.1-edit")
        params = sim.ledger()[-1]["model_params"]
        assert params["task_id"] == item.task_id and params["image_number"] == item.idx
        assert params["canvas"] == {"width": 2048, "height": 1360}
        assert params["img_pos"] == {"width": 1024, "height": 680, "x": 512, "y": 340}
        # pan right: another aspect, so by URL with the new area as the mask
        ed.pan_amount.setValue(100)
        ed._pan("right")
        ed.send()
        await st.until(
            lambda: len([e for e in sim.ledger() if e["model"] == "mj-v8.1-upload-paint"]) == 1
        )
        entry = sim.ledger()[-1]
        assert entry["model_params"]["canvas"] == {"width": 2048, "height": 680}
        assert entry["model_params"]["img_pos"]["x"] == 0
        assert len(entry["model_params"]["mask"]["areas"]) == 1
        # reframe to 1:1 and drag the image to the top
        ed._reframe_to("1:1")
        frame = ed.frame
        before = frame.placement
        start = frame.image_rect().center()
        drag(frame, [start, start + QPointF(0, -400)])
        assert frame.placement.y == 0 and frame.placement.y < before.y
        # the bottom-right handle, dragged in: the image shrinks about its top-left corner
        grown = frame.placement
        corner = frame.handles()[2].center()
        drag(frame, [corner, corner - QPointF(120, 80)])
        small = frame.placement
        assert small.w < grown.w and small.h < grown.h
        assert abs(small.w / small.h - grown.w / grown.h) < 0.02  # never stretched
        assert abs(small.x - grown.x) <= 2 and abs(small.y - grown.y) <= 2
        drag(frame, [frame.image_rect().center(), frame.image_rect().center() - QPointF(0, 400)])
        assert canvas.placement_problem(frame.placement, 1024, 680, same_aspect=False) is None
        ed.send()
        await st.until(
            lambda: len([e for e in sim.ledger() if e["model"] == "mj-v8.1-upload-paint"]) == 2
        )
        assert sim.ledger()[-1]["model_params"]["img_pos"]["y"] == 0
        assert st.window.queue.queue_model.job_at(0).prompt_typed.startswith("Reframe 1:1 · ")
        ed.close()


async def test_retexture_and_the_checks_before_sending(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ed, _item = await _editor(st)
        creates = len(sim.ledger())
        ed.send()  # nothing marked
        assert "Mark the area to repaint" in ed.message.text()
        ed.editor.setPlainText("")
        ed.send()
        assert "Describe what the edit should paint" in ed.message.text()
        ed.editor.setPlainText("a kite --c 500")
        ed.send()
        assert "Fix the prompt first" in ed.message.text()
        assert len(sim.ledger()) == creates  # nothing left for any of them
        ed.tabs.setCurrentIndex(2)
        ed.editor.setPlainText("brass and enamel")
        ed.send()
        await st.until(lambda: sim.ledger()[-1]["model"] == "mj-v8.1-retexture")
        entry = sim.ledger()[-1]
        assert entry["prompt"] == "brass and enamel" and entry["image_urls"]
        assert entry["model_params"] == {"speed": "fast"}
        ed.close()


async def test_the_viewer_shows_an_images_versions_and_flips_before_and_after(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ed, item = await _editor(st)
        ed.close()
        w = st.window
        w.gallery_action("vary_strong", item)
        queue = w.queue.queue_model
        await st.until(
            lambda: (
                queue.job_at(0).model == "mj-v8.1-variation" and queue.job_at(0).state == "stored"
            ),
            30,
        )
        edits_ = await st.library.run(
            lambda s: [
                r[0]
                for r in s.db.execute(
                    "SELECT images.id FROM images JOIN jobs ON jobs.id = images.job_id"
                    " WHERE jobs.parent_image_id = ? ORDER BY images.idx",
                    (item.id,),
                )
            ]
        )
        assert len(edits_) == 4
        library = w.library
        library.open_viewer(edits_[1])
        viewer = library.viewer
        await st.until(lambda: viewer.current_id == edits_[1] and viewer.versions.count() == 5)
        labels = [viewer.versions.item(i).text().strip() for i in range(5)]
        assert labels == [f"Original · #{item.idx + 1}"] + [
            f"Vary (strong) · #{n}" for n in (1, 2, 3, 4)
        ]
        assert viewer.versions.currentItem().data(Qt.ItemDataRole.UserRole) == edits_[1]
        after = viewer.canvas._pix.toImage()
        key(viewer, Qt.Key.Key_B)  # before: the original in its place
        await st.until(lambda: viewer.showing_before)
        assert viewer.canvas._pix.toImage() != after
        key(viewer, Qt.Key.Key_B)  # and back
        assert not viewer.showing_before and viewer.canvas._pix.toImage() == after
        viewer.compare_button.click()
        await st.until(lambda: viewer.second.isVisible())
        viewer._on_version(viewer.versions.item(0))  # the original, from the stack
        await st.until(lambda: viewer.current_id == item.id)
        assert not viewer.before_button.isEnabled()  # the original was made from nothing
        viewer.close()
