"""Reusing gallery images: actions and their reasons, Vary, Remove background, references, and
restoring a prompt by dropping an image on the editor."""

from __future__ import annotations

import time
from types import SimpleNamespace

from PySide6.QtCore import QMimeData, QUrl

from mjdesk.core.prompt import analyze
from mjdesk.ui.image_actions import gallery_actions
from tests.widgets.conftest import open_studio


def _item(**kw):
    base = dict(model="mj-v8.1", task_id="task-unified-1-abcdefgh", idx=0, created_at=time.time())
    base.update(kw)
    return SimpleNamespace(**base)


def test_edit_actions_say_why_they_do_not_apply():
    now = time.time()
    ok = {a.key: a for a in gallery_actions(_item(), prompt_text="x", now=now)}
    assert ok["vary_subtle"].enabled and ok["remix"].enabled and ok["remove_bg"].enabled
    draft = {a.key: a for a in gallery_actions(_item(idx=7), prompt_text="x", now=now)}
    assert not draft["vary_strong"].enabled and "image 8" in draft["vary_strong"].reason
    old = {
        a.key: a
        for a in gallery_actions(_item(created_at=now - 31 * 86400), prompt_text="x", now=now)
    }
    assert not old["vary_subtle"].enabled and "30 days" in old["vary_subtle"].reason
    no_prompt = {a.key: a for a in gallery_actions(_item(), prompt_text="  ", now=now)}
    assert not no_prompt["remix"].enabled and "prompt" in no_prompt["remix"].reason
    other = {
        a.key: a
        for a in gallery_actions(_item(model="mj-v8.1-remove-bg"), prompt_text="x", now=now)
    }
    assert not other["vary_subtle"].enabled
    again = {
        a.key: a
        for a in gallery_actions(_item(model="mj-v8.1-variation"), prompt_text="x", now=now)
    }
    assert again["vary_subtle"].enabled and again["remix"].enabled  # a variation varies again
    assert all(a["edit_image"].enabled for a in (ok, draft, old, other))  # the editor: always


async def _one_stored_item(st):
    st.service.jobs.submit(analyze("a glass teapot on linen --ar 1:1"))
    w = st.window
    await st.only_job("stored")
    w.refresh_gallery()
    await st.until(lambda: w.gallery_model.count == 4)
    [item] = await st.service.gallery.gallery_items([w.gallery_model.id_at(3)])
    return item


async def test_vary_and_remove_background_reach_the_simulator(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        item = await _one_stored_item(st)
        w = st.window
        w.gallery_action("vary_strong", item)
        await st.until(lambda: len(sim.ledger()) == 2)
        await st.until(lambda: w.queue.queue_model.job_at(0).state == "stored")
        assert sim.ledger()[-1]["model"] == "mj-v8.1-variation"
        w.gallery_action("remove_bg", item)
        await st.until(lambda: len(sim.ledger()) == 3)
        await st.until(lambda: w.queue.queue_model.job_at(0).state == "stored")
        assert sim.ledger()[-1]["model"] == "mj-v8.1-remove-bg"
        job = w.queue.queue_model.job_at(0)
        assert job.parent_image_id == item.id
        w.editor.setPlainText("a teapot made of ice")
        w.gallery_action("remix", item)
        await st.until(lambda: len(sim.ledger()) == 4)
        assert sim.ledger()[-1]["model"] == "mj-v8.1-remix"
        assert sim.ledger()[-1]["prompt"] == "a teapot made of ice"


async def test_use_as_reference_and_use_prompt(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        item = await _one_stored_item(st)
        w = st.window
        w.gallery_action("use_prompt", item)
        assert w.editor.toPlainText() == "a glass teapot on linen"
        w.gallery_action("use_settings", item)
        assert w.editor.toPlainText() == "a glass teapot on linen --ar 1:1"
        w.gallery_action("style", item)
        await st.until(lambda: "--sref" in w.editor.toPlainText())
        # a fresh result keeps its own link: nothing is uploaded
        assert f"--sref {sim.url}/results/" in w.editor.toPlainText()
        assert sim.requests("files") == 0
        # an old one is uploaded from the library (once, then the upload cache answers)
        job_id = item.job_id
        await st.library.run(lambda s: s.update_job(job_id, completed_at=time.time() - 40 * 86400))
        w.editor.setPlainText("a cup")
        w.gallery_action("omni", item)
        await st.until(lambda: "--oref" in w.editor.toPlainText())
        assert "/files/" in w.editor.toPlainText() and sim.requests("files") == 1


async def test_dropping_an_mjdesk_image_on_the_prompt_restores_it(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.modes.buttons["turbo"].click()
        st.service.jobs.submit(analyze("a lantern festival --ar 3:2 --s 300", "turbo", "hd"))
        await st.only_job("stored")
        w.refresh_gallery()
        await st.until(lambda: w.gallery_model.count == 4)
        [item] = await st.service.gallery.gallery_items([w.gallery_model.id_at(0)])
        path = st.service.gallery.image_path(item)
        w.editor.setPlainText("")
        w.modes.buttons["fast"].click()
        w.modes.buttons["standard"].click()
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        w.editor.insertFromMimeData(mime)
        await st.until(lambda: w.editor.toPlainText() == "a lantern festival --ar 3:2 --s 300")
        assert (w.modes.speed, w.modes.quality) == ("turbo", "hd")


async def test_viewer_zoom_pan_navigate_and_compare(sim, tmp_path, qtbot):
    from PySide6.QtCore import Qt

    async with open_studio(sim, tmp_path, qtbot) as st:
        await _one_stored_item(st)
        w = st.window
        first = w.gallery_model.id_at(0)
        w.library.open_viewer(first)
        viewer = w.library.viewer
        await st.until(lambda: not viewer.canvas._pix.isNull())
        assert "a glass teapot on linen" in viewer.info.prompt.text()
        chips = [
            viewer.info.chips.itemAt(i).widget().text() for i in range(viewer.info.chips.count())
        ]
        assert "1 cost unit" in chips and "Generated" in chips
        assert "task-unified-" in viewer.info.task.text()
        assert viewer.canvas.fit
        qtbot.keyClick(viewer, Qt.Key.Key_Space)
        assert not viewer.canvas.fit and viewer.canvas.zoom == 1.0
        qtbot.keyClick(viewer, Qt.Key.Key_Plus)
        assert viewer.canvas.zoom > 1.0
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
        await st.until(lambda: w.library._viewer_pos == 1)
        w.library.compare(w.gallery_model.id_at(0), w.gallery_model.id_at(1))
        await st.until(lambda: viewer.second.isVisible() and not viewer.second._pix.isNull())
        assert viewer.info.prompt.text().startswith("Left:")
        viewer.close()
