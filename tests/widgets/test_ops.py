"""A widget's background work reaches the widget only while it exists."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QLabel

from mjdesk.ui import ops


async def test_a_result_reaches_a_live_widget_and_is_dropped_for_a_deleted_one(qtbot):
    tasks = []

    def spawn(coro, name):
        tasks.append(asyncio.ensure_future(coro))

    live, gone = QLabel(), QLabel()
    qtbot.addWidget(live)
    seen = []

    async def work(value):
        await asyncio.sleep(0.01)
        return value

    ops.run(live, spawn, work("kept"), lambda v: (seen.append(v), live.setText(v)))
    ops.run(gone, spawn, work("dropped"), lambda v: (seen.append(v), gone.setText(v)))
    gone.deleteLater()
    await asyncio.sleep(0)  # the deferred delete runs on the loop
    await asyncio.gather(*tasks)
    assert seen == ["kept"] and live.text() == "kept"
    assert not ops.alive(gone)


async def test_a_failure_goes_to_the_widget_that_asked(qtbot):
    tasks = []
    label = QLabel()
    qtbot.addWidget(label)

    async def broken():
        raise ValueError("no such image")

    ops.run(
        label,
        lambda coro, name: tasks.append(asyncio.ensure_future(coro)),
        broken(),
        failed=lambda exc: label.setText(str(exc)),
    )
    await asyncio.gather(*tasks)
    assert label.text() == "no such image"
