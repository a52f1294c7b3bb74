"""Styles with real events: a look saved from the create panel, applied to a new prompt with
one click and sent (the simulator's ledger shows the same --sref URL and parameters); two
styles that differ ask which wins; a reference whose upload expired is uploaded again, once;
a style's file gone is said on its card; delete and undo."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from mjdesk.core.prompt import get_param
from tests.images import encode
from tests.widgets.conftest import open_studio


async def _save_style(st, qtbot, name: str) -> None:
    styles = st.window.create_panel.styles
    qtbot.mouseClick(styles.save_button, Qt.MouseButton.LeftButton)
    dialog = styles.asking
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue(name)
    dialog.accept()
    await st.until(lambda: any(c.style_.name == name for c in styles.cards.values()))


def _card(styles, name: str):
    return next(c for c in styles.cards.values() if c.style_.name == name)


async def test_a_style_saved_from_the_panel_is_applied_and_sent(sim, tmp_path, qtbot):
    ref = tmp_path / "linocut.png"
    ref.write_bytes(encode("PNG", 64, 64))
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        panel = w.create_panel
        styles = panel.styles
        w.editor.setPlainText("a heron in the reeds")
        panel.add_files("style", [str(ref)])
        await st.until(lambda: "--sref " in w.editor.toPlainText())
        url = get_param(w.editor.toPlainText(), "sref")
        w.editor.moveCursor(w.editor.textCursor().MoveOperation.End)
        qtbot.keyClicks(w.editor, " --sw 250 --s 600 --raw --ar 3:2")
        uploads = sim.requests("files")
        await _save_style(st, qtbot, "Client A — linocut")
        card = _card(styles, "Client A — linocut")
        assert card.style_.srefs[0].url == url and card.style_.srefs[0].path == str(ref)
        await st.until(lambda: url in card.pictures)  # its mosaic, from the file
        # a new prompt: one click on the card, the words stay the user's
        w.editor.setPlainText("a fox in snow --seed 7")
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        await st.until(lambda: "--sref" in w.editor.toPlainText())
        text = w.editor.toPlainText()
        assert text.startswith("a fox in snow --seed 7")
        for p, v in (("sref", url), ("sw", "250"), ("s", "600"), ("raw", True), ("ar", "3:2")):
            assert get_param(text, p) == v, p
        assert sim.requests("files") == uploads  # the upload still valid: not sent again
        creates = len(sim.ledger())
        qtbot.keyClick(w.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await st.until(lambda: len(sim.ledger()) == creates + 1)
        sent = sim.ledger()[-1]["prompt"]
        assert url in sent and "--sw 250" in sent and "--s 600" in sent and "--raw" in sent
        assert "--ar 3:2" in sent and sent.startswith("a fox in snow")
        # the job names its style; a prompt whose look was changed after applying does not
        await st.only_job("stored")
        w.editor.setPlainText("a hare")
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        await st.until(lambda: "--sref" in w.editor.toPlainText())
        w.editor.setPlainText(w.editor.toPlainText().replace(" --raw", ""))
        qtbot.keyClick(w.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await st.until(lambda: len(sim.ledger()) == creates + 2)

        def styles_of_jobs():
            rows = st.library.store.db.execute("SELECT prompt_typed, style FROM jobs ORDER BY id")
            return [tuple(r) for r in rows]

        await st.until(lambda: len(styles_of_jobs()) == 2)
        assert [s for _p, s in styles_of_jobs()] == ["Client A — linocut", None]
        # the library filters by style; the viewer names it
        bar = w.gallery.filters_bar
        await st.until(lambda: bar.styles == ["Client A — linocut"])
        await st.until(lambda: w.gallery_model.count >= 4)
        bar.set_value("style", "Client A — linocut")
        await st.until(lambda: "in the style “Client A — linocut”" in w.gallery.count.text())
        assert w.gallery_model.count == 4 and w.gallery.count.text().startswith("4 images")
        w.library.open_viewer(w.gallery_model.id_at(0))
        viewer = w.library.viewer
        await st.until(lambda: viewer.info.item is not None)
        chips = [
            viewer.info.chips.itemAt(i).widget().text() for i in range(viewer.info.chips.count())
        ]
        assert "Style: Client A — linocut" in chips
        viewer.close()


async def test_two_styles_ask_which_wins_and_expired_uploads_go_again(sim, tmp_path, qtbot):
    ref = tmp_path / "grain.png"
    ref.write_bytes(encode("PNG", 64, 64))
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        panel = w.create_panel
        styles = panel.styles
        w.editor.setPlainText("a harbour")
        panel.add_files("style", [str(ref)])
        await st.until(lambda: "--sref " in w.editor.toPlainText())
        w.editor.setPlainText(w.editor.toPlainText() + " --s 100 --ar 1:1")
        await _save_style(st, qtbot, "Grain")
        w.editor.setPlainText("a harbour --s 900 --c 20")
        await _save_style(st, qtbot, "Loud")
        # Grain, then Loud: both set --s differently, so the user is asked
        w.editor.setPlainText("a lighthouse")
        qtbot.mouseClick(_card(styles, "Grain"), Qt.MouseButton.LeftButton)
        await st.until(lambda: get_param(w.editor.toPlainText(), "s") == "100")
        qtbot.mouseClick(_card(styles, "Loud"), Qt.MouseButton.LeftButton)
        box = styles.asking
        assert box.isVisible() and "both set --s" in box.text() and "Grain" in box.text()
        [loud] = [b for b in box.buttons() if b.text() == "Loud"]
        loud.click()
        await st.until(lambda: get_param(w.editor.toPlainText(), "s") == "900")
        text = w.editor.toPlainText()
        assert get_param(text, "c") == "20" and get_param(text, "ar") == "1:1"  # both kept
        assert get_param(text, "sref")  # Grain's reference stays (Loud has none)
        # the upload expires: applying the style uploads the file again, once
        await st.library.run(
            lambda s: s.db.execute("UPDATE uploads SET expires_at = ?", (time.time() - 10,))
        )
        before = sim.requests("files")
        w.editor.setPlainText("a quay")
        styles._forget_applied()
        qtbot.mouseClick(_card(styles, "Grain"), Qt.MouseButton.LeftButton)
        await st.until(lambda: get_param(w.editor.toPlainText(), "sref") is not None)
        assert sim.requests("files") == before + 1
        fresh = get_param(w.editor.toPlainText(), "sref")
        assert fresh != _card(styles, "Grain").style_.srefs[0].url
        w.editor.setPlainText("a pier")
        qtbot.mouseClick(_card(styles, "Grain"), Qt.MouseButton.LeftButton)
        await st.until(lambda: get_param(w.editor.toPlainText(), "sref") is not None)
        assert (
            sim.requests("files") == before + 1
            and get_param(w.editor.toPlainText(), "sref") == fresh
        )
        # the file gone: said on the card; deleted, then brought back
        ref.unlink()
        styles.refresh()
        await st.until(lambda: _card(styles, "Grain").missing == [str(ref)])
        sid = _card(styles, "Grain").style_id
        [delete] = [a for a in styles.card_menu(sid).actions() if a.text() == "Delete"]
        delete.trigger()
        await st.until(lambda: sid not in styles.cards)
        assert "Undo" in styles.undo_label.text()
        styles._undo_delete()
        await st.until(lambda: sid in styles.cards)


async def test_a_style_file_carries_its_images_to_an_empty_library(sim, tmp_path, qtbot):
    """Exported from one library, imported into a new one: the same look, the reference
    image itself (byte for byte), uploaded when first used; a hostile file is refused."""
    import json

    from mjdesk.library import Library
    from mjdesk.services.style_files import StyleFileError
    from mjdesk.services.styles import StyleService

    ref = tmp_path / "linocut.png"
    ref.write_bytes(encode("PNG", 64, 64))
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        panel, styles = w.create_panel, w.create_panel.styles
        w.editor.setPlainText("a heron")
        panel.add_files("style", [str(ref)])
        await st.until(lambda: "--sref " in w.editor.toPlainText())
        w.editor.setPlainText(w.editor.toPlainText() + " --sw 300 --raw")
        await _save_style(st, qtbot, "Linocut")
        card = _card(styles, "Linocut")
        target = tmp_path / "Linocut.mjstyle"
        styles.export_to(card.style_id, target)
        await st.until(lambda: "Exported the style" in w.statusBar().currentMessage())
        doc = json.loads(target.read_text())
        assert str(ref) not in target.read_text()  # no local path leaves the machine
        assert len(doc["images"]) == 1
        # a colleague's empty library
        other = await Library.open(tmp_path / "colleague")
        uploaded: list[str] = []

        async def upload(path: str) -> str:
            uploaded.append(path)
            return "https://files.example/fresh.png"

        service = StyleService(lambda: other, upload=upload, source_of=lambda _u: None)
        style = await service.import_file(target)
        assert style.name == "Linocut" and dict(style.params) == {"sw": "300", "raw": True}
        path = style.srefs[0].path
        assert path and path.startswith(str(tmp_path / "colleague" / "styles"))
        assert Path(path).read_bytes() == ref.read_bytes()  # noqa: ASYNC240 - a test reads its file
        text = await service.apply("a fox", style)
        assert "--sref https://files.example/fresh.png" in text and uploaded == [path]
        again = await service.import_file(target)
        assert again.name == "Linocut (2)"
        hostile = tmp_path / "hostile.mjstyle"
        hostile.write_text(
            json.dumps(
                {
                    "kind": "mjdesk-style",
                    "style": {"name": "x", "srefs": [{"url": "https://a/b.png"}]},
                    "images": {"https://a/b.png": "bm90IGFuIGltYWdl"},  # "not an image"
                }
            )
        )
        bad = await service.import_file(hostile)
        assert bad.srefs[0].path is None  # not an image: never written
        (tmp_path / "plain.mjstyle").write_text("[1, 2]")
        with pytest.raises(StyleFileError, match="not an mjdesk style file"):
            await service.import_file(tmp_path / "plain.mjstyle")
        await other.close()


async def test_prompt_presets_saved_and_wrapped_around_the_selection(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        presets = w.create_panel.presets
        w.editor.setPlainText("{subject}, linocut print, two colours --s 250")

        def pick(text: str) -> None:
            presets.fill_menu()
            [action] = [a for a in presets.menu().actions() if a.text() == text]
            action.trigger()

        pick("Save as preset…")
        presets.asking.setTextValue("Linocut")
        presets.asking.accept()
        assert st.service.settings.prompt_presets == [
            {"name": "Linocut", "text": "{subject}, linocut print, two colours --s 250"}
        ]
        # wrapped around the selected words
        w.editor.setPlainText("a heron in the reeds")
        cursor = w.editor.textCursor()
        cursor.setPosition(0)
        cursor.setPosition(7, cursor.MoveMode.KeepAnchor)
        w.editor.setTextCursor(cursor)
        pick("Linocut")
        # its parameters go after the prompt's words, where they belong
        assert w.editor.toPlainText() == "a heron, linocut print, two colours in the reeds --s 250"
        await st.until(lambda: w.editor.analysis.params.get("s") == 250)
        # Ctrl+Z takes the whole preset back
        qtbot.keyClick(w.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert w.editor.toPlainText() == "a heron in the reeds"
        # at the cursor: the placeholder selected, typed over
        w.editor.setPlainText("")
        pick("Linocut")
        assert w.editor.textCursor().selectedText() == "{subject}"
        qtbot.keyClicks(w.editor, "a fox")
        assert w.editor.toPlainText() == "a fox, linocut print, two colours --s 250"
        await st.until(lambda: w.editor.analysis.ok)
        # a parameter the prompt already has takes the preset's value (not a second one)
        w.editor.setPlainText("a crane --s 100 --ar 1:1")
        cursor = w.editor.textCursor()
        cursor.setPosition(0)
        cursor.setPosition(7, cursor.MoveMode.KeepAnchor)
        w.editor.setTextCursor(cursor)
        pick("Linocut")
        assert w.editor.toPlainText() == "a crane, linocut print, two colours --s 250 --ar 1:1"
        # a preset's parameters meet the analyser like typed ones: a wrong one is said
        presets.panel.service.connection.save_preset("Too loud", "--s 5000")
        pick("Too loud")
        await st.until(lambda: not w.editor.analysis.ok)
        # deleted from the same menu
        presets.fill_menu()
        [delete] = [a for a in presets.menu().actions() if a.text() == "Delete a preset"]
        delete.menu().actions()[0].trigger()
        assert [p["name"] for p in st.service.settings.prompt_presets] == ["Too loud"]


async def test_a_style_made_from_library_images_uploads_them_when_first_used(sim, tmp_path, qtbot):
    from tests.widgets.test_gallery import seed_library

    async with open_studio(sim, tmp_path, qtbot) as st:
        ids = await st.library.run(
            lambda s: seed_library(s, tmp_path, [("a linocut heron", "fast", "standard", 3)])
        )
        w = st.window
        styles = w.create_panel.styles
        w.library.style_from_images(ids[:2], name="From the library")
        await st.until(
            lambda: any(c.style_.name == "From the library" for c in styles.cards.values())
        )
        card = _card(styles, "From the library")
        assert len(card.style_.srefs) == 2 and all(r.local_only for r in card.style_.srefs)
        before = sim.requests("files")
        w.editor.setPlainText("a crane at dawn")
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        await st.until(lambda: "--sref" in w.editor.toPlainText())
        srefs = get_param(w.editor.toPlainText(), "sref").split()
        assert len(srefs) == 2 and all(u.startswith(sim.url + "/files/") for u in srefs)
        assert sim.requests("files") == before + 2
        # edited: the style takes the prompt's look as it is now
        w.editor.setPlainText(w.editor.toPlainText() + " --s 750")
        styles.update_from_prompt(card.style_id)
        await st.until(lambda: _card(styles, "From the library").style_.param("s") == "750")
