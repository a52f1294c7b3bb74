"""Export as the user chose it: formats, a maximum size, names from a template, the privacy
switch (no metadata at all), never overwriting, a failure reported; and the dialog with real
widgets, its live name preview, progress and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader

from mjdesk.library import Store, provenance
from mjdesk.services.exporting import ExportOptions, export_one
from tests.widgets.conftest import open_studio
from tests.widgets.test_gallery import seed_library


def test_formats_sizes_metadata_and_no_overwrite(tmp_path, qapp):
    store = Store(tmp_path / "lib")
    ids = seed_library(store, tmp_path, [("a red kite --ar 3:2", "fast", "hd", 1)])
    [item] = store.gallery_items(ids)
    out = tmp_path / "out"
    original = export_one(store.root, item, ExportOptions(folder=out))
    assert original.suffix == ".png"
    assert provenance.read(original.read_bytes())["prompt"] == "a red kite --ar 3:2"
    # the same again: a new, numbered file; the first untouched
    before = original.read_bytes()
    again = export_one(store.root, item, ExportOptions(folder=out))
    assert again.name == original.stem + "-2.png" and original.read_bytes() == before
    # JPEG at most 48 px, metadata embedded
    small = export_one(
        store.root, item, ExportOptions(folder=out, format="jpeg", max_side=48, quality=80)
    )
    reader = QImageReader(str(small))
    assert small.suffix == ".jpg" and reader.format() == b"jpeg"
    assert max(reader.size().width(), reader.size().height()) == 48
    assert provenance.read(small.read_bytes())["speed"] == "fast"
    # the privacy switch: nothing about how it was made, in any format
    for fmt in ("original", "png", "webp", "jpeg"):
        bare = export_one(
            store.root, item, ExportOptions(folder=out / "bare", format=fmt, metadata=False)
        )
        data = bare.read_bytes()
        assert provenance.read(data) == {} and b"kite" not in data, fmt
    # a template names files from fields only
    named = export_one(
        store.root, item, ExportOptions(folder=out, format="webp", template="{speed}-{prompt}")
    )
    assert named.name == "fast-a-red-kite.webp"
    store.close()


async def test_a_folder_that_cannot_be_written_is_reported(sim, tmp_path, qtbot):
    """A "folder" that is a file (or read-only, or full): each failure is reported, with its
    reason, where the user looks; nothing half-written is left."""
    async with open_studio(sim, tmp_path, qtbot) as st:
        ids = await st.library.run(
            lambda s: seed_library(s, tmp_path, [("a kite", "fast", "standard", 2)])
        )
        blocked = tmp_path / "blocked"
        blocked.write_text("a file where the folder should be")
        said: list[str] = []
        st.service.gallery.notice.connect(lambda kind, text: said.append(text))
        report = await st.service.gallery.export(ids, ExportOptions(folder=blocked / "sub"))
        assert report.written == [] and len(report.failed) == 2
        assert said and "2 not exported" in said[-1]
        assert blocked.read_text() == "a file where the folder should be"


async def test_export_dialog_previews_names_shows_progress_and_writes(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        ids = await st.library.run(
            lambda s: seed_library(s, tmp_path, [("a blue lantern", "turbo", "standard", 3)])
        )
        w = st.window
        w.refresh_gallery()
        await st.until(lambda: w.gallery_model.count == 3)
        w.tabs.setCurrentWidget(w.gallery)
        view = w.gallery.view
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        w.gallery.export_button.click()
        lib = w.library
        await st.until(lambda: lib.export_dialog is not None and lib.export_dialog.isVisible())
        dialog = lib.export_dialog
        dialog.folder.clear()
        assert not dialog.export_button.isEnabled()  # nowhere to write yet
        qtbot.keyClicks(dialog.folder, str(tmp_path / "exported"))
        dialog.format.setCurrentIndex(dialog.format.findData("webp"))
        assert dialog.quality.isEnabled()
        dialog.template.selectAll()
        qtbot.keyClicks(dialog.template, "{prompt}-{n}")
        assert dialog.preview.text().splitlines() == [
            "a-blue-lantern-3.webp",
            "a-blue-lantern-2.webp",
            "a-blue-lantern-1.webp",
        ]
        dialog.metadata.setChecked(False)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.progress.isVisible() and not dialog.template.isEnabled()
        await st.until(lambda: lib.export_dialog is None)
        written = sorted((tmp_path / "exported").iterdir())
        assert [p.name for p in written] == [
            "a-blue-lantern-1.webp",
            "a-blue-lantern-2.webp",
            "a-blue-lantern-3.webp",
        ]
        assert all(provenance.read(p.read_bytes()) == {} for p in written)
        assert "Exported 3 of 3 images" in w.statusBar().currentMessage()
        # Cancel during an export stops it before its next file
        w.gallery.export_button.click()
        await st.until(lambda: lib.export_dialog is not None and lib.export_dialog.isVisible())
        dialog = lib.export_dialog
        dialog.folder.setText(str(tmp_path / "cancelled"))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # while the first file is on its way
        assert dialog.cancelled
        await st.until(lambda: lib.export_dialog is None)
        assert len(list((tmp_path / "cancelled").glob("*"))) <= 1
        assert "of 3 images" in w.statusBar().currentMessage()
        assert ids
