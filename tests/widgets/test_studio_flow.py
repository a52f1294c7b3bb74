"""Ctrl+Enter to stored images, the queue, its actions, settings and the key."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import keyring.backends.fail
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox

from mjdesk.settings import Settings
from mjdesk.ui.queue import JobRole, ProgressRole, actions_for
from mjdesk.ui.settings_dialog import SettingsDialog
from tests.widgets.conftest import open_studio


async def test_ctrl_enter_reaches_the_simulator_and_the_images_arrive(sim, tmp_path, qtbot):
    sim.config(speed_factor=60.0)
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        assert w.editor.hasFocus() or w.editor.isVisible()
        w.editor.setFocus()
        qtbot.keyClicks(w.editor, "a paper lantern over a night market --ar 3:2")
        qtbot.keyClick(w.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        model = w.queue.queue_model
        await st.until(lambda: model.rowCount() == 1)
        seen_progress = set()

        def stored() -> bool:
            job = model.data(model.index(0), JobRole)
            seen_progress.add(model.data(model.index(0), ProgressRole))
            return job.state == "stored"

        await st.until(stored, 30)
        assert any(p and 0 < p < 100 for p in seen_progress), seen_progress
        await st.until(lambda: w.results_model.image_count() == 4)
        assert len(sim.ledger()) == 1
        assert sim.ledger()[0]["prompt"] == "a paper lantern over a night market --ar 3:2"
        amount = QLocale().toString(9998.0, "f", 2)  # the user's digits and separators
        await st.until(lambda: w.top_bar.credits_label.text() == f"{amount} credits")
        change = QLocale().toString(2.0, "f", 2)
        assert f"−{change} since the last reading: tasks were charged" in (
            w.top_bar.credits_label.toolTip()
        )
        assert w.running_label.text() == "No jobs running"


async def test_more_than_four_tasks_ask_first(sim, tmp_path, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a {1,2,3,4,5} kite")
        w.submit()
        assert asked and "5 tasks" in asked[0]
        assert sim.ledger() == []


async def test_the_queue_shows_the_same_jobs_after_a_restart(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        st.window.editor.setPlainText("a kite")
        st.window.submit()
        model = st.window.queue.queue_model
        await st.only_job("stored")
    async with open_studio(sim, tmp_path, qtbot) as st:
        st.service.jobs.load_jobs()
        model = st.window.queue.queue_model
        await st.until(lambda: model.rowCount() == 1)
        assert model.job_at(0).prompt_typed == "a kite" and model.job_at(0).state == "stored"


async def test_resending_an_unconfirmed_job_warns_first(sim, tmp_path, qtbot, monkeypatch):
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    warned = []

    def warning(*args, **kwargs):
        warned.append(args[2])
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    sim.fault("reset_after", route="create")
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a kite")
        w.submit()
        model = w.queue.queue_model
        await st.only_job("unconfirmed")
        job = model.job_at(0)
        assert [a.key for a in actions_for(job) if a.enabled] == ["resend", "copy"]
        w.queue_panel.act("resend", job)
        assert "charge you twice" in warned[0] and len(sim.ledger()) == 1
        w.queue_panel.act("resend", job)
        await st.until(lambda: model.job_at(0).state == "stored")
        assert len(sim.ledger()) == 2


def test_actions_are_disabled_with_a_reason():
    class Job:
        state = "running"

    acts = {a.key: a for a in actions_for(Job())}
    assert acts["dismiss"].enabled and not acts["retry"].enabled and acts["retry"].reason
    assert not acts["resend"].enabled and "not confirmed" in acts["resend"].reason
    assert not acts["show"].enabled


async def test_models_pass_the_model_tester(sim, tmp_path, qtbot, qtmodeltester):
    async with open_studio(sim, tmp_path, qtbot) as st:
        st.window.editor.setPlainText("a {red, blue} kite")
        st.window.submit()
        await st.until(lambda: st.window.results_model.image_count() == 8)
        qtmodeltester.check(st.window.queue.queue_model)
        qtmodeltester.check(st.window.results_model)


def test_settings_validation_shows_the_reason_next_to_the_field(qtbot):
    from mjdesk.services.connection import ConnectionService

    dialog = SettingsDialog(
        Settings(),
        ConnectionService.validate_settings,
        keyring_problem=None,
        key_source=None,
        library_dir="/tmp/lib",
    )
    qtbot.addWidget(dialog)
    dialog.api_base.setText("http://api.evolink.ai")
    dialog.callback.setText("https://127.0.0.1/hook")
    pages = [dialog.pages.tabText(i) for i in range(dialog.pages.count())]
    assert pages == ["Key", "Defaults", "Library", "Appearance", "Advanced"]
    dialog._on_save()
    assert dialog.result_settings is None
    assert dialog.pages.tabText(dialog.pages.currentIndex()) == "Advanced"  # where the field is
    assert "https" in dialog.errors["api_base"].text()
    assert not dialog.errors["api_base"].isHidden()
    assert (
        "private" in dialog.errors["callback_url"].text()
        or "computer" in dialog.errors["callback_url"].text()
    )
    dialog.api_base.setText("https://api.evolink.ai")
    dialog.callback.setText("https://hooks.example.com/mjdesk")
    dialog._on_save()
    assert dialog.result_settings is not None
    assert dialog.result_settings.callback_url == "https://hooks.example.com/mjdesk"


async def test_without_a_keyring_the_key_can_be_kept_for_the_session(sim, tmp_path, qtbot):
    async with open_studio(
        sim, tmp_path, qtbot, keyring_backend=keyring.backends.fail.Keyring(), connect=False
    ) as st:
        service = st.service
        service.connection.keyring = type(
            service.connection.keyring
        )()  # the real lookup: the fail backend is refused
        import keyring as kr

        previous = kr.get_keyring()
        kr.set_keyring(keyring.backends.fail.Keyring())
        try:
            problem = await service.connection.keyring_problem()
            assert problem and "No secure keyring" in problem
            dialog = SettingsDialog(
                service.settings,
                service.connection.validate_settings,
                keyring_problem=problem,
                key_source=None,
                library_dir="x",
            )
            qtbot.addWidget(dialog)
            assert not dialog.save_key.isEnabled()
            assert "MJDESK_API_KEY" in dialog.findChild(type(dialog.key_status), "Banner").text()
            results = []
            service.connection.key_saved.connect(lambda ok, msg: results.append((ok, msg)))
            service.connection.save_key("mjdesk-demo-key", session_only=False)
            await st.until(lambda: results)
            assert results[0][0] is False and "session" in results[0][1]
            service.connection.save_key("mjdesk-demo-key", session_only=True)
            await st.until(lambda: service.connection.ready)
            assert results[-1] == (True, "Key saved for this session only")
        finally:
            kr.set_keyring(previous)
        assert not any((tmp_path).rglob("*.json")) or all(
            "mjdesk-demo-key" not in p.read_text() for p in tmp_path.rglob("*.json")
        )


async def test_no_key_explains_itself(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot, connect=False) as st:
        st.service.connection.no_key()  # as start-up does when it finds none
        st.service.connection.connection_changed.emit("no-key", "No API key")
        w = st.window
        assert w.banner.isVisible() and "No EvoLink API key" in w.banner.text.text()
        assert "keyring" in w.banner.text.text() and "demo" in w.banner.text.text()
        assert w.banner.button.text() == "Add key…" and w.banner.demo.isVisible()
        w.editor.setPlainText("a kite")
        assert not w.generate.isEnabled() and "API key" in w.generate.toolTip()
        # without a keyring backend the banner says what works instead
        w.keyring_problem = await st.service.connection.keyring_problem() or (
            "No secure keyring is available on this computer."
        )
        st.service.connection.connection_changed.emit("no-key", "No API key")
        text = w.banner.text.text()
        assert "MJDESK_API_KEY" in text and "session only" in text
        assert "no secure keyring" in text.lower() and w.banner.demo.isVisible()
        w.banner.button.click()  # "Add key…" opens the settings, where the session key is
        await st.until(lambda: w.settings_flow.dialog is not None)
        w.settings_flow.dialog.reject()
        # a key arrives: the banner goes
        await st.service.connection.connect_with_key("mjdesk-demo-key")
        await st.until(lambda: not w.banner.isVisible())


@pytest.mark.parametrize("kind", ["error", "warning"])
async def test_notices_reach_the_status_bar(sim, tmp_path, qtbot, kind):
    async with open_studio(sim, tmp_path, qtbot) as st:
        st.service.notice.emit(kind, "Something to say")
        assert st.window.status.currentMessage() == "Something to say"


async def test_overlapping_connects_leave_one_engine_and_bill_once(sim, tmp_path, qtbot):
    """The start-up connect and a Settings save ~100 ms apart, with unsent jobs waiting in
    the library: one engine remains, and each job is created once."""
    from mjdesk.library import NewJob
    from tests.simctl import DEMO_KEY

    async with open_studio(sim, tmp_path, qtbot, connect=False) as st:
        await st.library.run(
            lambda s: s.add_jobs([NewJob("a", f"a kite {i}", "fast", "standard") for i in range(3)])
        )
        first = st.service.spawn(st.service.connection.connect_with_key(DEMO_KEY), "connect")
        await asyncio.sleep(0.1)
        st.service.connection.apply_settings(st.service.settings.with_changes(send_concurrency=1))
        second = st.service.spawn(st.service.connection.connect_with_key(DEMO_KEY), "connect")
        await asyncio.gather(first, second)
        engines = [st.service.connection.engine]
        assert st.service.connection.engine is not None and st.service.connection.ready
        assert await st.service.connection.engine.wait_idle(20)
        jobs = await st.library.run(lambda s: s.jobs())
        assert [j.state for j in jobs] == ["stored"] * 3
        per_intent = Counter(e["idempotency_key"] for e in sim.ledger() if e["task_id"])
        assert sorted(per_intent.values()) == [1, 1, 1]
        assert engines == [st.service.connection.engine]


async def test_a_prompt_sent_while_connecting_is_saved_then_sent(sim, tmp_path, qtbot):
    """Typed and sent with Ctrl+Enter before the connection is made: saved at once, sent when
    the engine is ready; Settings does not open."""
    from tests.simctl import DEMO_KEY

    async with open_studio(sim, tmp_path, qtbot, connect=False) as st:
        w = st.window
        w.editor.setFocus()
        qtbot.keyClicks(w.editor, "a lighthouse at dawn")
        qtbot.keyClick(w.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await st.until(lambda: w.queue.queue_model.rowCount() == 1)
        assert sim.ledger() == [] and w.settings_flow.dialog is None
        jobs = await st.library.run(lambda s: s.jobs())
        assert [j.state for j in jobs] == ["saved"]
        await st.service.connection.connect_with_key(DEMO_KEY)
        await st.only_job("stored")
        assert [e["prompt"] for e in sim.ledger()] == ["a lighthouse at dawn"]


async def test_keys_typed_before_the_panels_exist_reach_the_prompt(sim, tmp_path, qtbot):
    from mjdesk.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window, "a lighthousx")
    qtbot.keyClick(window, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window, "e")
    async with open_studio(sim, tmp_path, qtbot, connect=False) as st:
        window.populate(st.service, st.window.thumbnails)
        assert window.editor.toPlainText() == "a lighthouse"


async def test_a_full_disk_shows_a_banner_and_the_images_still_arrive(
    sim, tmp_path, qtbot, monkeypatch
):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        banners = []  # what the banner showed as each notice arrived (the window's slot ran)
        st.service.notice.connect(
            lambda kind, _message: banners.append(
                (kind, w.banner.isVisible(), w.banner.text.text(), w.banner.button.text())
            )
        )
        monkeypatch.setenv("MJDESK_DISK_FULL", "store_file:4")
        w.editor.setPlainText("a glass whale")
        w.submit()
        await st.until(lambda: any(b[0] == "storage" for b in banners))
        [(_, visible, text, button)] = [b for b in banners if b[0] == "storage"]
        assert visible and "disk holding the library is full" in text
        assert button == "Show library folder"
        await st.only_job("stored")
        await st.until(lambda: not w.banner.isVisible())
        assert len(await st.library.run(lambda s: s.images_of(1))) == 4


async def test_withheld_images_are_said_in_the_queue(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        st.window.editor.setPlainText("a kite sim:moderate=2")
        st.window.submit()
        job = await st.only_job("stored")
        assert job.withheld_images == 2
        index = st.window.queue.queue_model.index(0)
        shown = " ".join(
            str(st.window.queue.queue_model.data(index, role) or "")
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        )
        assert "2 of 4 images withheld by EvoLink's moderation" in shown, shown


# -- the results feed --------------------------------------------------------------------------


def _feed_point(view, job_id, slot, key=""):
    """Where, in the feed's viewport, a card's tile (or one of its buttons) is."""
    from PySide6.QtGui import QFontMetrics

    from mjdesk.ui.feed_layout import FAILED_BUTTONS, hover_buttons, small_font, text_buttons

    row = view.feed.row_of(job_id)
    view.scrollTo(view.feed.index(row))
    _card, lay = view.card_at(row)
    if slot == -1:
        return lay.caption.center()
    if slot == -2:
        return dict(text_buttons(lay.status, view.fontMetrics(), FAILED_BUTTONS))[key].center()
    tile = lay.tiles[slot]
    if not key:
        return tile.center()
    return dict(hover_buttons(tile, QFontMetrics(small_font(view.font()))))[key].center()


def _hover(view, where):
    """The mouse moves to ``where`` (a real move event, delivered at once: QTest's mouseMove
    spins a nested event loop, which must not run inside the test's coroutine)."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    local = QPointF(where)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        QPointF(view.viewport().mapToGlobal(where)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), event)


async def _stored_card(st, prompt):
    st.window.resize(1600, 1000)  # a roomy feed: four tiles wide enough for their hover bar
    st.window.editor.setPlainText(prompt)
    st.window.submit()
    job = await st.only_job("stored")
    view = st.window.results
    await st.until(lambda: len(view.feed.row_at(view.feed.row_of(job.id)).images) == 4)
    return job, view


async def test_a_result_is_varied_from_its_card_with_the_mouse_and_the_keyboard(
    sim, tmp_path, qtbot
):
    async with open_studio(sim, tmp_path, qtbot) as st:
        job, view = await _stored_card(st, "a red vintage car on a coastal road --ar 16:9")
        card = view.feed.row_at(view.feed.row_of(job.id))
        assert card.chips[:2] == ("Fast", "16:9") and card.aspect == 16 / 9
        where = _feed_point(view, job.id, 2, "vary_subtle")
        _hover(view, where)
        assert view.hover[1:] == (2, "vary_subtle")  # the hover bar is under the mouse
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
        await st.until(lambda: len(sim.ledger()) == 2)
        sent = sim.ledger()[-1]
        assert sent["model"] == "mj-v8.1-variation"
        assert sent["model_params"]["task_id"] == job.task_id
        assert sent["model_params"]["image_number"] == 2
        assert sent["model_params"]["type"] == "subtle"
        # the keyboard: image 2 is current; Right makes it image 3, Shift+V varies it strongly
        qtbot.keyClick(view, Qt.Key.Key_Right)
        qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
        await st.until(lambda: len(sim.ledger()) == 3)
        assert sim.ledger()[-1]["model_params"]["image_number"] == 3
        assert sim.ledger()[-1]["model_params"]["type"] == "strong"
        # the variation's own card arrives on top, captioned with what it is
        await st.until(lambda: view.feed.rowCount() == 3)
        assert view.feed.row_at(0).chips[0] == "Variation"


async def test_a_card_puts_its_prompt_back_and_favourites_an_image(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        job, view = await _stored_card(st, "a blue teapot on linen --ar 1:1 --s 250")
        st.window.editor.setPlainText("")
        qtbot.mouseClick(st.window.modes.buttons["turbo"], Qt.MouseButton.LeftButton)
        assert st.window.editor.speed == "turbo"
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=_feed_point(view, job.id, -1)
        )
        assert st.window.editor.toPlainText() == "a blue teapot on linen --ar 1:1 --s 250"
        assert st.window.editor.speed == "fast"
        from mjdesk.ui.feed_layout import heart_rect

        heart = heart_rect(view.card_at(view.feed.row_of(job.id))[1].tiles[0]).center()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=heart)
        image_id = view.feed.row_at(view.feed.row_of(job.id)).images[0].id
        await st.until(lambda: st.library.store.image(image_id).favourite == 1)
        assert view.feed.row_at(view.feed.row_of(job.id)).images[0].favourite == 1


async def test_a_failed_card_offers_its_ways_out_and_a_moderated_one_says_so(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.resize(1600, 1000)
        view = w.results
        w.editor.setPlainText("a lighthouse in a storm sim:moderate=2 --ar 3:2")
        w.submit()
        moderated = await st.only_job("stored")
        from mjdesk.ui.feed_delegate import status_text

        card = view.feed.row_at(view.feed.row_of(moderated.id))
        await st.until(lambda: len(card.images) == 2)
        text, tone = status_text(card, time.time())
        assert "2 of 4 withheld by moderation" in text and tone == "warning"
        w.editor.setPlainText("a sleeping fox sim:fail")
        w.submit()
        await st.until(lambda: w.queue.queue_model.job_at(0).state == "failed")
        failed = w.queue.queue_model.job_at(0)
        w.editor.setPlainText("")
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=_feed_point(view, failed.id, -2, "edit"),
        )
        assert w.editor.toPlainText() == "a sleeping fox sim:fail"
        creates = len(sim.ledger())
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=_feed_point(view, failed.id, -2, "rerun"),
        )
        await st.until(lambda: len(sim.ledger()) == creates + 1)
        assert sim.ledger()[-1]["prompt"] == "a sleeping fox sim:fail"


async def test_a_job_not_sent_yet_is_cancelled_from_the_queue_and_never_sent(sim, tmp_path, qtbot):
    """Out of credits, sending pauses and the job waits unsent: Delete cancels it, and once
    credits are back it is not sent."""
    from mjdesk.sim import BROKE_KEY

    async with open_studio(sim, tmp_path, qtbot, connect=False) as st:
        await st.service.connection.connect_with_key(BROKE_KEY)
        w = st.window
        w.editor.setPlainText("a kite over dunes --ar 3:2")
        w.submit()
        await st.until(lambda: w.banner.isVisible() and w.banner.action == "resume")  # paused
        job = await st.only_job("saved")
        [cancel] = [a for a in actions_for(job) if a.key == "dismiss"]
        assert cancel.label == "Cancel (not sent yet)" and cancel.enabled
        w.queue.setFocus()
        w.queue.setCurrentIndex(w.queue.queue_model.index(0))
        qtbot.keyClick(w.queue, Qt.Key.Key_Delete)
        await st.only_job("dismissed")
        refused = len(sim.ledger())  # the one create the 402 answered
        sim.config(broke_keys=[], keys=["mjdesk-demo-key", BROKE_KEY])  # topped up
        st.service.jobs.resume_sending()
        assert await st.service.connection.engine.wait_idle(10)
        assert len(sim.ledger()) == refused  # a cancelled job is never sent


async def test_a_queue_card_shows_its_whole_reason_when_clicked(sim, tmp_path, qtbot):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a sleeping fox sim:fail")
        w.submit()
        failed = await st.only_job("failed")
        view = w.queue
        index = view.queue_model.index(0)
        folded = view.visualRect(index).height()
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
        )
        assert failed.id in view.expanded
        await st.until(lambda: view.visualRect(index).height() > folded)
        qtbot.keyClick(view, Qt.Key.Key_Space)  # the keyboard folds it again
        await st.until(lambda: view.visualRect(index).height() == folded)


async def test_a_job_recorded_before_the_engine_started_can_be_cancelled(sim, tmp_path, qtbot):
    """Typed while start-up still looks for the key: the job is saved at once; cancelled
    before any engine exists, it is not sent when one starts."""
    async with open_studio(sim, tmp_path, qtbot, connect=False) as st:
        w = st.window
        w.editor.setPlainText("a paper boat on a pond")
        w.submit()
        job = await st.only_job("saved")
        assert st.service.connection.engine is None
        w.queue_panel.act("dismiss", job)
        await st.only_job("dismissed")
        assert st.library.store.job(job.id).state == "dismissed"
        await st.service.connection.connect_with_key("mjdesk-demo-key")
        assert await st.service.connection.engine.wait_idle(10)
        assert sim.ledger() == []


async def test_a_session_starts_in_the_default_modes_chosen_in_settings(sim, tmp_path, qtbot):
    changes = {"speed": "turbo", "quality": "hd"}
    async with open_studio(sim, tmp_path, qtbot, settings_changes=changes) as st:
        w = st.window
        assert (w.editor.speed, w.editor.quality) == ("turbo", "hd")
        assert w.modes.buttons["turbo"].isChecked() and w.modes.buttons["hd"].isChecked()
        w.editor.setPlainText("a glass whale")
        w.submit()
        job = await st.only_job("stored")
        assert (job.speed, job.quality) == ("turbo", "hd")
