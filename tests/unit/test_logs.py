"""The log file and crash reports never contain the key."""

from __future__ import annotations

import logging
import sys
import uuid

from mjdesk.api.redact import Redactor
from mjdesk.logs import install_excepthook, setup_logging, teardown_logging, write_crash_report


def test_log_records_and_crash_reports_are_scrubbed(tmp_path, monkeypatch):
    canary = f"mjdesk-canary-{uuid.uuid4()}"
    redactor = Redactor()
    redactor.add(canary)
    handler = setup_logging(redactor, folder=tmp_path)
    try:
        log = logging.getLogger("mjdesk.test")
        log.info("connected with %s", canary)
        try:
            raise RuntimeError(f"bad key {canary}")
        except RuntimeError:
            log.exception("it failed")
            exc_info = sys.exc_info()
        handler.flush()
        text = (tmp_path / "mjdesk.log").read_text()
        assert "connected with [redacted]" in text and "it failed" in text
        assert canary not in text and canary[:12] not in text
        report = write_crash_report(redactor, *exc_info, folder=tmp_path)
        body = report.read_text()
        assert "RuntimeError" in body and canary not in body
        shown = []
        monkeypatch.setattr("mjdesk.logs.log_dir", lambda: tmp_path)
        previous = sys.excepthook
        install_excepthook(redactor, lambda message, path: shown.append((message, path)))
        try:
            sys.excepthook(*exc_info)
        finally:
            sys.excepthook = previous
        assert shown and canary not in shown[0][0] and shown[0][1].name.startswith("crash-")
    finally:
        teardown_logging(handler)
