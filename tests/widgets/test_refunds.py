"""A failed task's credits: the balance shows whether EvoLink returned them, and the queue and
the feed say so (the simulator returns them, or not, as configured)."""

from __future__ import annotations

import pytest

from mjdesk.services.refunds import RefundWatch
from mjdesk.ui.feed_delegate import status_text
from mjdesk.ui.queue import job_meta
from tests.widgets.conftest import open_studio


@pytest.mark.parametrize("refunds", [True, False])
async def test_a_failed_tasks_refund_is_told_from_the_balance(sim, tmp_path, qtbot, refunds):
    sim.config(speed_factor=60.0, refund_failed=refunds)
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        # a task failing before the first reading of the balance cannot be told (the
        # simulator is 60 times faster than EvoLink here): wait for it
        await st.until(lambda: st.service.jobs.refunds.balance is not None)
        w.editor.setPlainText("a sleeping fox sim:fail")
        w.submit()
        model = w.queue.queue_model
        await st.until(lambda: model.rowCount() == 1 and model.job_at(0).state == "failed", 30)
        price = model.job_at(0).credits_reserved
        assert price  # EvoLink accepted it, and priced it
        if refunds:
            await st.until(lambda: model.job_at(0).credits_returned == price)
            assert f"{price:g} cr returned" in job_meta(model.job_at(0), 0)
        else:
            for _ in range(3):  # three readings with nothing back: not returned
                await st.service.connection.refresh_credits()
            await st.until(lambda: model.job_at(0).credits_returned == 0)
        feed = w.results.feed
        row = feed.row_at(feed.row_of(model.job_at(0).id))
        text, _tone = status_text(row, 0)
        word = "credits returned" if refunds else "credits, not returned"
        assert f"{price:g} {word}" in text
        # the record is the library's: a new session reads the same
        stored = await st.library.run(lambda s: s.job(model.job_at(0).id))
        assert stored.credits_returned == (price if refunds else 0)


def test_charges_between_readings_are_not_mistaken_for_refunds():
    watch = RefundWatch()
    assert watch.reading(100.0, now=10.0) == []
    watch.charged(1, 2.0, accepted_at=11.0)  # the failed one was charged after the reading
    watch.charged(2, 2.0, accepted_at=12.0)  # another task, charged
    watch.failed(1, 2.0)
    # 100 - 2 - 2 + 2 (returned) = 98
    assert watch.reading(98.0, now=20.0) == [(1, 2.0)]
    watch.charged(3, 3.0, accepted_at=21.0)
    watch.failed(3, 3.0)
    # 98 - 3 = 95: nothing back, three times
    assert watch.reading(95.0, now=30.0) == []
    assert watch.reading(95.0, now=40.0) == []
    assert watch.reading(95.0, now=50.0) == [(3, 0.0)]
    assert watch.waiting == []


def test_a_refund_seen_before_the_failure_is_known_still_counts():
    """EvoLink may return the credits before the app has polled the failed task."""
    watch = RefundWatch()
    watch.reading(100.0, now=0.0)
    watch.charged(1, 2.0, accepted_at=1.0)
    assert watch.reading(100.0, now=5.0) == []  # charged 2, returned 2: the failure unknown
    watch.failed(1, 2.0)
    assert watch.reading(100.0, now=6.0) == [(1, 2.0)]
    watch.failed(2, 2.0)  # a surplus is explained once
    assert watch.reading(100.0, now=7.0) == []


async def test_a_refund_among_other_jobs_is_still_told(sim, tmp_path, qtbot):
    """Other tasks charged and finishing around the failure (several readings, the refund
    possibly seen before the failure is) do not hide it."""
    sim.config(speed_factor=60.0)
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        # a task failing before the first reading of the balance cannot be told (the
        # simulator is 60 times faster than EvoLink here): wait for it
        await st.until(lambda: st.service.jobs.refunds.balance is not None)
        w.editor.setPlainText("a {red, blue, green} kite")
        w.submit()
        w.editor.setPlainText("a sleeping fox sim:fail")
        w.submit()
        model = w.queue.queue_model
        await st.until(
            lambda: (
                model.rowCount() == 4
                and all(model.job_at(r).state in ("stored", "failed") for r in range(4))
            ),
            30,
        )
        [failed] = [model.job_at(r) for r in range(4) if model.job_at(r).state == "failed"]
        await st.until(lambda: model.job_at(model.row_of(failed.id)).credits_returned == 2.0)
        stored = [model.job_at(r) for r in range(4) if model.job_at(r).state == "stored"]
        assert all(job.credits_returned is None for job in stored)
