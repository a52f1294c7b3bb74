"""A style kept and read back: what a prompt's look is, how it is applied (the words stay),
what two styles clash on and how they merge, and a style file from anyone read safely."""

from __future__ import annotations

from mjdesk.core.prompt import get_param
from mjdesk.core.styles import (
    Style,
    StyleRef,
    apply_style,
    clashes,
    merge,
    style_from_json,
    style_from_prompt,
    style_to_json,
)

TEXT = (
    "a red kite --ar 16:9 --sref https://x/a.png https://x/b.png --sw 200 --s 400 --raw"
    " --oref https://x/o.png --ow 50 --seed 9"
)


def test_the_look_of_a_prompt_and_its_application():
    style = style_from_prompt(
        "  Client   A ",
        TEXT,
        speed="fast",
        source_of=lambda u: "/p/a.png" if u.endswith("a.png") else None,
    )
    assert style.name == "Client A"
    assert style.srefs == (StyleRef("https://x/a.png", "/p/a.png"), StyleRef("https://x/b.png"))
    assert style.oref == StyleRef("https://x/o.png")
    assert dict(style.params) == {"sw": "200", "ow": "50", "s": "400", "raw": True, "ar": "16:9"}
    assert "seed" not in dict(style.params)  # a seed is a result's, not a look's
    out = apply_style("a fox --sref https://y/z.png --ar 1:1 --seed 3", style)
    assert out.startswith("a fox")
    assert get_param(out, "sref") == "https://x/a.png https://x/b.png"  # replaces, not adds
    assert get_param(out, "ar") == "16:9" and get_param(out, "seed") == "3"
    fresh = apply_style("a fox", style, {"https://x/a.png": "https://new/a.png"})
    assert get_param(fresh, "sref") == "https://new/a.png https://x/b.png"
    assert style_from_json(style_to_json(style)) == style


def test_two_styles_clash_where_both_set_a_value_and_merge_by_the_winner():
    a = Style("A", params=(("s", "100"), ("ar", "1:1")), speed="fast")
    b = Style("B", srefs=(StyleRef("https://x/b.png"),), params=(("s", "900"), ("c", "20")))
    assert clashes(a, b) == ["s"]
    won = merge(a, b, second_wins=True)
    assert dict(won.params) == {"s": "900", "c": "20", "ar": "1:1"} and won.srefs == b.srefs
    assert won.speed == "fast"
    assert dict(merge(a, b, second_wins=False).params)["s"] == "100"


def test_a_style_file_from_anyone_is_read_without_trusting_it():
    hostile = {
        "name": "x" * 500,
        "srefs": [
            {"url": "file:///etc/passwd"},
            {"url": "javascript:alert(1)"},
            {"url": "https://ok/1.png", "path": 5},
            "not a dict",
            None,
        ],
        "oref": {"url": 7},
        "params": [["s", "100"], ["seed", "1"], ["--exec", "rm"], ["s"], ["c", {"x": 1}]],
        "speed": "ludicrous",
        "quality": "hd",
        "future_field": {"kept": True},
    }
    style = style_from_json(hostile)
    assert len(style.name) == 80
    assert style.srefs == (StyleRef("https://ok/1.png"),) and style.oref is None
    assert style.params == (("s", "100"),)
    assert style.speed is None and style.quality == "hd"
    assert style_to_json(style)["future_field"] == {"kept": True}  # a newer version's, kept


def test_a_preset_fills_its_placeholder_with_the_selection():
    from mjdesk.core.presets import fill_preset, placeholders

    fragment = "{subject}, linocut print, two colours --s 250"
    assert placeholders(fragment) == ["subject"]
    assert placeholders("a {red, blue} kite") == []  # a permutation, not a placeholder
    assert fill_preset(fragment, "a heron") == ("a heron, linocut print, two colours --s 250", None)
    assert fill_preset(fragment) == (fragment, (0, 9))
    two = "{subject} in {place}, dusk"
    assert fill_preset(two, "a fox") == ("a fox in {place}, dusk", (9, 16))
    assert fill_preset("--ar 3:2 --raw", "a cat") == ("a cat --ar 3:2 --raw", None)
