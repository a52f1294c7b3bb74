"""Real drop events on each reference zone reach the upload and the prompt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from tests.images import encode
from tests.widgets.conftest import open_studio


def drop(widget, mime: QMimeData) -> bool:
    """A drag entering the zone, then the drop, as the window system delivers them."""
    pos = QPoint(20, 20)
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def sparse_file(path, size: int) -> None:
    with open(path, "wb") as f:
        f.truncate(size)


def files(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


@pytest.mark.parametrize(
    ("kind", "expect"),
    [("image", "https"), ("style", "--sref "), ("omni", "--oref ")],
)
async def test_dropping_files_uploads_them_and_fills_the_prompt(sim, tmp_path, qtbot, kind, expect):
    a = tmp_path / "first.png"
    b = tmp_path / "second.jpg"
    a.write_bytes(encode("PNG", 64, 64))
    b.write_bytes(encode("JPEG", 64, 48))
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a ceramic vase on linen")
        zone = w.zones[kind]
        drop(zone, files(a, b))
        expected = 1 if kind == "omni" else 2
        await st.until(lambda: sim.requests("files") >= expected and not zone._pending)
        text = w.editor.toPlainText()
        assert text.count(sim.url + "/files/") == expected
        if kind == "image":
            assert text.startswith(sim.url)
            assert "a ceramic vase on linen" in text
        else:
            assert expect in text
        assert w.editor.analysis.ok, w.editor.analysis.diagnostics
        assert zone.weight.isEnabled()
        # the zone lists what the prompt holds; removing it there removes it from the prompt
        zone_urls = list(zone._urls)
        assert len(zone_urls) == expected
        zone.url_removed.emit(kind, zone_urls[0])
        assert zone_urls[0] not in w.editor.toPlainText()


async def test_the_same_file_is_uploaded_once(sim, tmp_path, qtbot):
    a = tmp_path / "ref.png"
    a.write_bytes(encode("PNG", 32, 32))
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a vase")
        drop(w.zones["style"], files(a))
        await st.until(lambda: "--sref" in w.editor.toPlainText())
        w.editor.setPlainText("a bowl")
        drop(w.zones["style"], files(a))
        await st.until(lambda: "--sref" in w.editor.toPlainText())
        assert sim.requests("files") == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"just some notes\n" * 20, "notes.png", "Not a PNG"),
        (None, "huge.png", "limit"),
        (b"", "empty.png", "Not a PNG"),
    ],
)
async def test_bad_files_get_a_message_and_nothing_is_uploaded(
    sim, tmp_path, qtbot, content, name, message
):
    path = tmp_path / name
    if content is None:
        sparse_file(path, 31 * 1024 * 1024)
    else:
        path.write_bytes(content)
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a vase")
        zone = w.zones["image"]
        drop(zone, files(path))
        await st.until(lambda: not zone._pending)
        assert zone.message.isVisible() and message in zone.message.text()
        assert w.editor.toPlainText() == "a vase"
    assert sim.requests("files") == 0


async def test_a_url_dragged_from_a_browser_goes_straight_into_the_prompt(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a vase")
        mime = QMimeData()
        mime.setUrls([QUrl("https://cdn.example.com/refs/style.webp")])
        drop(w.zones["style"], mime)
        assert w.editor.toPlainText() == "a vase --sref https://cdn.example.com/refs/style.webp"
    assert sim.requests("files") == 0


async def test_a_pasted_image_is_encoded_off_thread_and_uploaded(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a vase")
        image = QImage(40, 30, QImage.Format.Format_RGB32)
        image.fill(0x3366AA)
        QApplication.clipboard().setImage(image)
        w.zones["omni"].paste()
        await st.until(lambda: "--oref" in w.editor.toPlainText())
        assert sim.requests("files") == 1


async def test_references_show_as_thumbnails_from_their_own_file(sim, tmp_path, qtbot):
    """A dropped file's tile shows its picture, made from the file it was uploaded from: the
    uploaded copy is never fetched back."""
    a = tmp_path / "linocut.png"
    a.write_bytes(encode("PNG", 120, 80))
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a heron")
        zone = w.zones["style"]
        drop(zone, files(a))
        await st.until(lambda: "--sref" in w.editor.toPlainText())
        url = zone._urls[0]
        await st.until(lambda: zone.preview_of(url) is not None)
        pixmap = zone.preview_of(url)
        assert pixmap is not None and pixmap.width() == 120 and pixmap.height() == 80
        tile = zone.tiles.itemAt(0).widget()
        assert tile.toolTip() == url  # the whole URL on hover; the tile shows the file name
        assert tile.accessibleName().endswith("linocut.png") or "linocut" in tile.accessibleName()
    assert sim.requests("file") == 0


async def test_a_typed_reference_url_is_fetched_once_for_its_thumbnail(sim, tmp_path, qtbot):
    """A reference typed or pasted as a URL (here one the files API serves) is fetched through
    the checked download, once, and shown as a picture; the prompt text is untouched."""
    import asyncio

    from mjdesk.api.client import EvoLinkClient
    from tests.simctl import DEMO_KEY

    async with EvoLinkClient(DEMO_KEY, base_url=sim.url, files_url=sim.url) as client:
        uploaded = await client.upload_file(encode("PNG", 90, 60), filename="heron.png")
    url = uploaded.file_url
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        prompt = f"a heron --sref {url}"
        w.editor.setPlainText(prompt)
        zone = w.zones["style"]
        await st.until(lambda: zone.preview_of(url) is not None)
        assert zone.preview_of(url).width() == 90
        w.editor.setPlainText(prompt + " --s 200")  # the zone keeps its picture: no refetch
        await asyncio.sleep(0.2)
        assert w.editor.toPlainText() == prompt + " --s 200"
    assert sim.requests("file") == 1
