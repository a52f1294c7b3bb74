"""The composition root itself: ``mjdesk --demo`` in-process, quit while jobs are running."""

from __future__ import annotations

import argparse
import asyncio

from PySide6.QtCore import Qt

from mjdesk.app.studio import Studio
from mjdesk.settings import Settings
from mjdesk.ui.main_window import MainWindow


async def test_quitting_mid_flight_leaves_no_task_running(qtbot, qapp, tmp_path, monkeypatch):
    qapp.setQuitOnLastWindowClosed(False)  # as run_gui does: the loop outlives the window
    try:
        await _quit_mid_flight(qtbot, tmp_path, monkeypatch)
    finally:
        qapp.setQuitOnLastWindowClosed(True)


async def _quit_mid_flight(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    args = argparse.Namespace(
        demo=True, library=None, api_base=None, files_base=None, smoke_test=False
    )
    window = MainWindow(demo=True)  # the frame first, as run_gui shows it (Studio deletes it)
    window.show()
    assert not window.is_populated
    studio = Studio(args, window, Settings())
    before = asyncio.all_tasks()
    run = asyncio.ensure_future(studio.run())
    async with asyncio.timeout(30):
        while studio.service is None or not studio.service.connection.ready:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
    assert window.is_populated
    assert "mjdesk" in window.windowTitle()
    assert window.editor.hasFocus() or window.focusWidget() is window.editor
    window.editor.setPlainText("a {red, blue, green} kite over dunes --ar 3:2")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    async with asyncio.timeout(10):
        while window.queue.queue_model.rowCount() < 3:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
    qtbot.keyClick(window.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    code = await asyncio.wait_for(run, 30)
    assert code == 0
    await asyncio.sleep(0)
    left = {t for t in asyncio.all_tasks() - before if not t.done()} - {asyncio.current_task()}
    assert left == set(), left
    assert not (tmp_path / "data").exists()
