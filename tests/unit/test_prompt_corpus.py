"""A corpus of realistic prompts with the rules each must (and must only) trigger."""

from __future__ import annotations

from pathlib import Path

import pytest

from mjdesk.core.prompt import RULES, analyze

CORPUS = Path(__file__).parent.parent / "fixtures" / "prompt_corpus.txt"


def load() -> list[tuple[set[str], str, str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, _, prompt = line.partition(" ||")
        prompt = prompt[1:] if prompt.startswith(" ") else prompt
        words = head.split()
        speed = next((w[1:] for w in words if w in ("@draft", "@fast", "@turbo")), "fast")
        quality = "hd" if "@hd" in words else "standard"
        expected = {r for r in words[0].split(",") if r != "ok"}
        rows.append((expected, speed, quality, prompt))
    return rows


ROWS = load()


def test_the_corpus_is_large_and_covers_every_rule():
    assert len(ROWS) >= 150
    covered = set().union(*(r[0] for r in ROWS))
    # Infos, and an 8 KB prompt, are covered by the table tests instead.
    elsewhere = {"mode-flag", "url-in-text", "ow-high", "prompt-too-long"}
    assert covered >= set(RULES) - elsewhere, set(RULES) - elsewhere - covered


@pytest.mark.parametrize(("expected", "speed", "quality", "prompt"), ROWS, ids=range(len(ROWS)))
def test_corpus_prompt(expected, speed, quality, prompt):
    a = analyze(prompt, speed, quality)
    found = {d.rule for d in a.diagnostics if d.severity in ("error", "warning")}
    assert found == expected, [(d.rule, d.message) for d in a.diagnostics]
    has_errors = any(d.severity == "error" for d in a.diagnostics)
    assert a.ok is not has_errors
    assert bool(a.prompts) is a.ok
