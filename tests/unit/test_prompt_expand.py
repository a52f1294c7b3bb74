"""Permutations: Cartesian, nested, escaped commas, inside parameters, repeats per branch."""

from __future__ import annotations

from mjdesk.core.prompt import analyze


def test_cartesian_product_in_order():
    a = analyze("a {red, blue} {bird, fish}")
    assert a.prompts == ("a red bird", "a red fish", "a blue bird", "a blue fish")
    assert a.task_count == 4 and a.variants == 4


def test_nested_groups():
    a = analyze("a {small {red, blue}, big} bird")
    assert a.prompts == ("a small red bird", "a small blue bird", "a big bird")


def test_escaped_comma_stays_a_comma():
    a = analyze("a {bird\\, singing, fish}")
    assert a.prompts == ("a bird, singing", "a fish")


def test_groups_inside_parameters():
    assert analyze("a cat --ar {1:1, 16:9}").prompts == ("a cat --ar 1:1", "a cat --ar 16:9")
    assert analyze("a cat --{raw, exp 20}").prompts == ("a cat --raw", "a cat --exp 20")
    assert analyze("a cat --s {100, 500, 900}").task_count == 3


def test_repeat_multiplies_per_branch():
    a = analyze("a {cat --r 3, dog}")
    assert a.task_count == 4
    assert a.prompts == ("a cat", "a cat", "a cat", "a dog")
    b = analyze("a {cat, dog} --r 2")
    assert b.task_count == 4


def test_empty_option_and_whitespace_are_normalised():
    assert analyze("a {, very} big   cat").prompts == ("a big cat", "a very big cat")


def test_modes_can_differ_per_branch():
    a = analyze("a cat {--draft, --turbo}")
    assert [(t.speed, t.quality) for t in a.tasks] == [("draft", "standard"), ("turbo", "standard")]
    assert a.cost_units == 3


def test_a_branch_diagnostic_names_its_branch_and_points_into_the_original():
    text = "a cat --s {500, 5000}"
    a = analyze(text)
    assert not a.ok
    [d] = [d for d in a.diagnostics if d.rule == "out-of-range"]
    assert d.branches == (1,)
    assert "variant 2" in d.message and "5000" in d.message
    assert text[d.start : d.end] == "5000"


def test_a_diagnostic_in_every_branch_is_reported_once_without_a_label():
    a = analyze("{a, b} cat --v 7")
    found = [d for d in a.diagnostics if d.rule == "version-locked"]
    assert len(found) == 1 and found[0].branches == ()
    assert found[0].apply_fix("{a, b} cat --v 7") == "{a, b} cat"


def test_forty_is_the_task_limit():
    assert analyze("a {" + ",".join(str(i) for i in range(40)) + "}").ok
    a = analyze("a {" + ",".join(str(i) for i in range(41)) + "}")
    assert not a.ok and a.task_count == 41
    huge = analyze("x " + "{a,b} " * 40)
    assert not huge.ok and huge.variants == 2**40


def test_lint_runs_on_every_branch():
    a = analyze("{https://x.test/a.png, a dog} in the rain", "draft")
    [d] = [d for d in a.diagnostics if d.rule == "references-with-draft"]
    assert d.branches == (0,)
