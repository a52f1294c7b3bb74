"""Table tests: every rule of contract §2 / §9 at and just beyond its boundaries."""

from __future__ import annotations

import pytest

from mjdesk.core.prompt import RULES, analyze

IMG = "https://cdn.example.com/ref.png"
IMG2 = "https://cdn.example.com/other.jpg"


def rules(text: str, speed: str = "fast", quality: str = "standard", severity: str | None = None):
    a = analyze(text, speed, quality)
    return {d.rule for d in a.diagnostics if severity is None or d.severity == severity}


# (prompt, rule expected as an error, or None for "accepted")
RANGES = [
    ("a cat --c 0", None),
    ("a cat --c 100", None),
    ("a cat --c 101", "out-of-range"),
    ("a cat --c -1", "out-of-range"),
    ("a cat --chaos 50", None),
    ("a cat --c 5.5", "not-an-integer"),
    ("a cat --s 0", None),
    ("a cat --s 1000", None),
    ("a cat --s 1001", "out-of-range"),
    ("a cat --stylize 250", None),
    ("a cat --s abc", "not-a-number"),
    ("a cat --seed 0", None),
    ("a cat --seed 4294967295", None),
    ("a cat --seed 4294967296", "out-of-range"),
    ("a cat --seed -1", "out-of-range"),
    ("a cat --exp 0", None),
    ("a cat --exp 100", None),
    ("a cat --exp 101", "out-of-range"),
    (f"{IMG} a cat --iw 0", None),
    (f"{IMG} a cat --iw 3", None),
    (f"{IMG} a cat --iw 3.01", "out-of-range"),
    (f"{IMG} a cat --iw 1.5", None),
    (f"{IMG} a cat --iw -0.1", "out-of-range"),
    (f"a cat --sref {IMG} --sw 0", None),
    (f"a cat --sref {IMG} --sw 1000", None),
    (f"a cat --sref {IMG} --sw 1001", "out-of-range"),
    (f"a cat --oref {IMG} --ow 1", None),
    (f"a cat --oref {IMG} --ow 0", "out-of-range"),
    (f"a cat --oref {IMG} --ow 1000", None),
    (f"a cat --oref {IMG} --ow 1001", "out-of-range"),
    ("a cat --r 1", None),
    ("a cat --r 40", None),
    ("a cat --r 41", "out-of-range"),
    ("a cat --repeat 0", "out-of-range"),
    ("a cat --repeat 2.5", "not-an-integer"),
    ("a cat --ar 16:9", None),
    ("a cat --aspect 2:3", None),
    ("a cat --ar 16/9", "bad-aspect"),
    ("a cat --ar 0:1", "bad-aspect"),
    ("a cat --ar 1.5:1", "bad-aspect"),
    ("a cat --ar wide", "bad-aspect"),
    ("a cat --ar", "missing-value"),
    ("a cat --s", "missing-value"),
    ("a cat --seed", "missing-value"),
    ("a cat --c 1e3", "not-a-number"),
    ("a cat --s nan", "not-a-number"),
]


@pytest.mark.parametrize(("text", "rule"), RANGES)
def test_ranges_and_types(text, rule):
    a = analyze(text)
    if rule is None:
        assert a.ok, a.diagnostics
    else:
        assert rule in {d.rule for d in a.errors}, a.diagnostics


def test_values_are_typed():
    a = analyze(
        f"{IMG} a cat --ar 16:9 --c 20 --seed 7 --s 500 --exp 10 --raw --iw 1.5"
        f" --sref {IMG2} --sw 200"
    )
    assert a.params == {
        "ar": "16:9",
        "c": 20,
        "seed": 7,
        "s": 500,
        "exp": 10,
        "raw": True,
        "iw": 1.5,
        "sref": [IMG2],
        "sw": 200,
    }
    assert a.image_urls == (IMG,)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("a cat --sw 100", "sw-needs-sref"),
        ("a cat --ow 100", "ow-needs-oref"),
        ("a cat --iw 1", "iw-needs-image"),
        (f"a cat --oref {IMG} --oref {IMG2}", "one-oref"),
        (f"a cat --oref {IMG} {IMG2}", "one-oref"),
        (IMG, "image-needs-text"),
        (f"{IMG} --ar 1:1", "image-needs-text"),
        ("https://cdn.example.com/ref.bmp a cat", "image-url-extension"),
        ("https://cdn.example.com/ref a cat", "image-url-extension"),
        (" ".join([IMG] * 21) + " a cat", "too-many-images"),
        (f"--sref {IMG}", "references-need-text"),
        ("", "empty-prompt"),
        ("   \n\t ", "empty-prompt"),
        ("--ar 16:9", "empty-prompt"),
        ("a cat --v 7", "version-locked"),
        ("a cat --version 6.1", "version-locked"),
        ("a cat --niji 6", "version-locked"),
        ("a cat --q 2", "quality-flag"),
        ("a cat --quality 4", "quality-flag"),
        ("a cat --no dogs", "unsupported-param"),
        ("a cat --w 500", "unsupported-param"),
        ("a cat --weird 500", "unsupported-param"),
        ("a cat --tile", "unsupported-param"),
        ("a cat --sv 4", "unsupported-param"),
        ("a cat --stop 50", "unsupported-param"),
        (f"a cat --cref {IMG}", "unsupported-param"),
        ("a cat --cw 50", "unsupported-param"),
        ("a cat --p", "unsupported-param"),
        ("a cat --personalize", "unsupported-param"),
        ("a cat --relax", "unsupported-param"),
        ("a cat --stealth", "unsupported-param"),
        ("a cat --public", "unsupported-param"),
        ("a cat --style raw", "unsupported-param"),
        ("a cat --fancy 3", "unknown-param"),
        ("cat::2 dog::1", "multi-prompt"),
        ("cat:: dog", "multi-prompt"),
        ("a " + "x" * 8200, "prompt-too-long"),
        ("a {b, c", "unbalanced-braces"),
        ("a b} c", "unbalanced-braces"),
        ("a {1,2,3,4,5,6,7} {1,2,3,4,5,6}", "too-many-tasks"),
        ("a cat --r 41", "out-of-range"),
        ("a {cat, dog} --r 21", "too-many-tasks"),
        (f"a cat --sref {IMG}", None),
    ],
)
def test_error_rules(text, rule):
    a = analyze(text)
    if rule is None:
        assert a.ok, a.diagnostics
    else:
        assert rule in {d.rule for d in a.errors}, a.diagnostics
        assert a.prompts == () and a.tasks == ()


def test_8192_is_the_limit_per_final_prompt():
    assert analyze("a" * 8192).ok
    assert not analyze("a" * 8193).ok
    # braces are expanded before measuring: each branch is measured on its own
    assert analyze("{" + "a" * 8000 + ", b}").ok


def test_modes_typed_in_the_prompt_move_the_selectors_and_are_not_sent():
    a = analyze("a cat --turbo --ar 1:1")
    assert (a.speed, a.quality) == ("turbo", "standard")
    assert a.prompts == ("a cat --ar 1:1",)
    assert "mode-flag" in rules("a cat --turbo", severity="info")
    a = analyze("a cat --HD", "fast", "standard")
    assert a.quality == "hd" and a.prompts == ("a cat",)
    a = analyze("a cat --draft --fast")
    assert a.speed == "fast" and "conflicting-modes" in rules("a cat --draft --fast")


def test_hd_with_draft_from_selectors_or_flags():
    assert "hd-with-draft" in rules("a cat", "draft", "hd", "error")
    assert "hd-with-draft" in rules("a cat --hd", "draft", "standard", "error")
    assert "hd-with-draft" in rules("a cat --draft", "fast", "hd", "error")
    assert analyze("a cat --hd", "fast").ok


@pytest.mark.parametrize(
    "text", [f"{IMG} {IMG2} a cat", f"a cat --sref {IMG}", f"a cat --oref {IMG}", f"{IMG} a cat"]
)
def test_references_need_fast_or_turbo(text):
    assert "references-with-draft" in rules(text, "draft", severity="error")
    assert "references-with-draft" in rules(text + " --draft", severity="error")
    assert analyze(text, "turbo").ok


def test_two_images_without_text_are_fine():
    assert analyze(f"{IMG} {IMG2}").ok
    assert analyze(f"<{IMG}> <{IMG2}> --ar 1:1").prompts == (f"{IMG} {IMG2} --ar 1:1",)


def test_warnings_do_not_block():
    for text, rule in [
        ("a cat —ar 16:9", "typographic-dash"),
        ("a cat –s 200", "typographic-dash"),
        ("a cat --ar 16:9 --ar 3:2", "duplicate-param"),
        ("a cat --ar 5:1", "extreme-aspect"),
        ("a cat --ar 16:9 in the rain", "text-after-params"),
        ("a cat --sref https://cdn.example.com/style", "ref-url-extension"),
        ("a cat --sref 1234567", "sref-code"),
    ]:
        a = analyze(text)
        assert a.ok and rule in {d.rule for d in a.diagnostics if d.severity == "warning"}, text
    assert analyze("a cat --ar 16:9 --ar 3:2").params["ar"] == "3:2"
    assert analyze("a cat —ar 16:9").prompts == ("a cat --ar 16:9",)
    assert analyze("a cat --ar 16:9 in the rain").prompts == ("a cat in the rain --ar 16:9",)


def test_infos():
    assert "url-in-text" in rules(f"a cat like {IMG} but blue", severity="info")
    assert "ow-high" in rules(f"a cat --oref {IMG} --ow 401", severity="info")
    assert "ow-high" not in rules(f"a cat --oref {IMG} --ow 400")


def test_dashes_inside_words_and_prose_are_text():
    a = analyze("a well--known cat — sitting on a mat")
    assert a.ok and a.params == {} and a.prompts == ("a well--known cat — sitting on a mat",)
    assert analyze("a cat —sitting").prompts == ("a cat —sitting",)


def test_uppercase_flags_and_discord_urls():
    a = analyze(f"<{IMG}> a cat --AR 16:9 --S 300 --RAW")
    assert a.ok and a.params == {"ar": "16:9", "s": 300, "raw": True}
    assert a.prompts == (f"{IMG} a cat --ar 16:9 --s 300 --raw",)


def test_multi_value_sref():
    a = analyze(f"a cat --sref {IMG} {IMG2} --sw 300")
    assert a.params["sref"] == [IMG, IMG2]
    assert a.prompts == (f"a cat --sref {IMG} {IMG2} --sw 300",)


def test_every_fix_removes_its_diagnostic():
    for text in [
        "a cat --v 7",
        "a cat --style raw",
        "a cat --no dogs --ar 1:1",
        "cat::2 dog",
        "a cat —ar 16:9",
        "a cat --sw 100",
        "a cat --fancy",
        "a cat --q 2 --s 50",
        "a cat --ar 16:9 --ar 3:2",
        "--tile a cat",
        "a cat --ar 16:9 in the rain",
    ]:
        a = analyze(text)
        fixable = [d for d in a.diagnostics if d.fix is not None and d.severity != "info"]
        assert fixable, text
        for d in fixable:
            fixed = d.apply_fix(text)
            assert (d.rule, d.start) not in {
                (x.rule, x.start) for x in analyze(fixed).diagnostics
            }, (text, fixed)
    assert (
        analyze("a cat --style raw").diagnostics[0].apply_fix("a cat --style raw") == "a cat --raw"
    )
    assert (
        analyze("a cat --v 7 --s 50").diagnostics[0].apply_fix("a cat --v 7 --s 50")
        == "a cat --s 50"
    )


def test_cost_units():
    assert analyze("a cat").cost_units == 1
    assert analyze("a cat", "turbo", "hd").cost_units == 3
    assert analyze("a cat", "draft").cost_units == 1
    assert analyze("a cat --r 3", "fast", "hd").cost_units == 4.5
    assert analyze("a {cat, dog} --r 2", "turbo").cost_units == 8
    assert analyze("a {cat --turbo, dog}").cost_units == 3


def test_rule_ids_are_listed():
    assert len(RULES) == len(set(RULES)) >= 30


@pytest.mark.parametrize(
    ("text", "speed", "quality", "fixed"),
    [
        ("a cat --draft", "fast", "hd", "a cat"),  # --draft typed while HD is on
        ("a cat --hd", "draft", "standard", "a cat"),  # --hd typed while Draft is on
    ],
)
def test_draft_with_hd_typed_in_the_prompt_has_a_one_click_fix(text, speed, quality, fixed):
    [diag] = [d for d in analyze(text, speed, quality).diagnostics if d.rule == "hd-with-draft"]
    assert diag.fix is not None
    assert diag.apply_fix(text) == fixed
    assert analyze(fixed, speed, quality).ok
