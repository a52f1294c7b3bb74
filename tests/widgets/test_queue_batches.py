"""One submission of many jobs sits in the queue as one batch, counted by state and folded
with a click on its header (real mouse and key events)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from mjdesk.ui.queue import BatchRole, JobRole
from mjdesk.ui.queue_batches import HEADER
from tests.widgets.conftest import open_studio


def click(view, pos) -> None:
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        QApplication.sendEvent(
            view.viewport(),
            QMouseEvent(
                kind,
                QPointF(pos),
                QPointF(view.viewport().mapToGlobal(pos)),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton
                if kind == QEvent.Type.MouseButtonPress
                else Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )


async def test_a_permutation_is_one_batch_that_folds(sim, tmp_path, qtbot):
    sim.config(speed_factor=60.0)
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a {red, blue, green} kite over dunes")
        w.submit()
        view = w.queue
        model = view.queue_model
        await st.until(lambda: model.rowCount() == 3)
        first = model.index(0)
        batch = model.data(first, BatchRole)
        assert batch is not None and batch.size == 3
        assert {model.data(model.index(r), BatchRole) for r in range(3)} == {batch}
        await st.until(
            lambda: all(model.data(model.index(r), JobRole).state == "stored" for r in range(3)), 30
        )
        batch = model.data(first, BatchRole)
        assert batch.counts == {"stored": 3}
        feed = w.results_model  # the results feed tells the batch's rows apart by their variant
        captions = {feed.data(feed.index(r, 0)) for r in range(feed.rowCount())}
        assert captions == {f"a {c} kite over dunes" for c in ("red", "blue", "green")}
        assert model.data(first, Qt.ItemDataRole.AccessibleTextRole).startswith(
            "Batch · 3 jobs · 3 Done"
        )
        # a click on the header folds the batch to its newest card; another opens it
        header = view.visualRect(first).topLeft()
        header.setY(header.y() + HEADER // 2)
        header.setX(header.x() + 40)
        click(view, header)
        assert [view.isRowHidden(r) for r in range(3)] == [False, True, True]
        click(view, header)
        assert not any(view.isRowHidden(r) for r in range(3))
        # from the keyboard: Left folds, Right opens
        view.setCurrentIndex(model.index(1))
        QApplication.sendEvent(
            view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier)
        )
        assert view.isRowHidden(2)
        # a click on a card (below the header) is not a fold
        card = view.visualRect(first).center()
        card.setY(view.visualRect(first).top() + HEADER + 30)
        QApplication.sendEvent(
            view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
        )
        click(view, card)
        assert not any(view.isRowHidden(r) for r in range(3))
    prompts = sorted(entry["prompt"] for entry in sim.ledger())
    assert prompts == [
        "a blue kite over dunes",
        "a green kite over dunes",
        "a red kite over dunes",
    ]


async def test_a_single_job_has_no_batch_header(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a kite")
        w.submit()
        model = w.queue.queue_model
        await st.until(lambda: model.rowCount() == 1)
        assert model.data(model.index(0), BatchRole) is None
