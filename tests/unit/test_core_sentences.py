"""The core's sentences: English strings that keep their template and values, survive the
library, and can be said again in another language."""

from __future__ import annotations

import pytest

from mjdesk.core.i18n import Text, from_json, joined, to_json, translate
from mjdesk.core.messages import task_error_text
from mjdesk.core.prompt import analyze
from mjdesk.library import NewJob, Store


def test_a_sentence_is_its_english_and_remembers_how_it_was_made():
    t = translate("Diagnostics", "--{name} needs a value").format(name="ar")
    assert t == "--ar needs a value" and isinstance(t, str)
    assert (t.context, t.template, t.args) == (
        "Diagnostics",
        "--{name} needs a value",
        {"name": "ar"},
    )
    raw = translate("Diagnostics", "--{name} is not needed")
    assert raw == "--{name} is not needed" and raw.args is None  # not formatted yet
    with pytest.raises(TypeError):
        raw.format("ar")


def test_sentences_nest_and_join():
    a = translate("Diagnostics", "variant {number}: {chosen}").format(number=1, chosen="“red”")
    b = translate("Diagnostics", "variant {number}: {chosen}").format(number=2, chosen="“blue”")
    both = translate("Diagnostics", "{message} (in {variants})").format(
        message=translate("Diagnostics", "The prompt is empty"), variants=joined("; ", [a, b])
    )
    assert both == "The prompt is empty (in variant 1: “red”; variant 2: “blue”)"
    back = from_json(to_json(both))
    assert back == both and isinstance(back, Text)
    assert isinstance(back.args["variants"].args["part1"], Text)
    assert from_json("not json") is None and from_json('{"x": 1}') is None
    import copy
    import pickle

    for clone in (pickle.loads(pickle.dumps(both)), copy.deepcopy(both)):
        assert clone == both and clone.template == both.template and isinstance(clone, Text)


def test_the_analyser_and_the_task_errors_speak_in_sentences():
    d = {x.rule: x for x in analyze("a kite --s 2000 --v 7").diagnostics}
    assert isinstance(d["out-of-range"].message, Text)
    assert (
        d["out-of-range"].message.template
        == "--{name} must be between {lo} and {hi} (it is {text})"
    )
    assert (
        d["version-locked"].message == "--v is not needed: this route always uses Midjourney V8.1"
    )
    said = task_error_text("no_such_code", "upstream   said\nthis")
    assert said.endswith("(EvoLink said: upstream said this)") and isinstance(said, Text)


def test_the_library_keeps_a_reason_as_a_sentence(tmp_path):
    s = Store(tmp_path / "lib")
    try:
        [job] = s.add_jobs([NewJob("a kite", "a kite", "fast", "standard")])
        reason = translate("Engine", "Waiting to send: {reason}").format(reason="EvoLink is busy")
        row = s.update_job(job.id, error_message=reason)
        assert row.error_message == "Waiting to send: EvoLink is busy"  # English for logs and CLI
        assert isinstance(row.reason, Text) and row.reason.template == "Waiting to send: {reason}"
        row = s.update_job(job.id, error_message="plain words")
        assert row.error_text is None and row.reason == "plain words"
        row = s.update_job(job.id, error_message=None)
        assert row.error_text is None and row.reason is None
    finally:
        s.close()
