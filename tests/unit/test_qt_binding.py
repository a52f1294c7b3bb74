"""Regression guard for the PySide6 6.12.0 crash on CPython 3.11 (ENVIRONMENT.md, trap 1)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer


def test_void_qt_calls_do_not_drain_none_refcount():
    # On 6.12.0 + 3.11 every void call dropped one reference from None until the process
    # aborted with "deallocating None". On 3.12+ None is immortal and the count is constant.
    obj = QObject()
    timer = QTimer()
    before = sys.getrefcount(None)
    for i in range(20_000):
        obj.setObjectName("x")  # returns nothing
        timer.setInterval(i % 50)  # returns nothing
    after = sys.getrefcount(None)
    assert after >= before - 100, (before, after)


def test_bool_returning_calls_do_not_drain_true_false():
    obj = QObject()
    before = (sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(20_000):
        obj.blockSignals(False)
        obj.signalsBlocked()
    after = (sys.getrefcount(True), sys.getrefcount(False))
    assert after[0] >= before[0] - 100 and after[1] >= before[1] - 100
