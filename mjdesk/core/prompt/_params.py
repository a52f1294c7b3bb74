"""The parameter table of mj-v8.1 as mjdesk reads it (contract §2 and §9)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from ..i18n import translate

Kind = Literal[
    "int",  # whole number in [lo, hi]
    "float",  # number in [lo, hi]
    "ratio",  # W:H
    "flag",  # no value
    "refs",  # one or more URLs (or style codes)
    "ref",  # exactly one URL
    "mode",  # --draft / --fast / --turbo / --hd: moves a selector, never sent
    "repeat",  # --r N: expanded by mjdesk into N tasks, never sent
    "blocked",  # a flag this route does not expose: an error with a fix that removes it
]


@dataclass(frozen=True, slots=True)
class ParamSpec:
    name: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    lo: float = 0
    hi: float = 0
    rule: str = ""  # for "blocked": the rule id
    why: str = ""  # for "blocked": the message
    label: str = ""

    @property
    def takes_value(self) -> bool:
        return self.kind in ("int", "float", "ratio", "refs", "ref", "repeat")


SPECS: Final[tuple[ParamSpec, ...]] = (
    ParamSpec("ar", "ratio", ("aspect",), label="Aspect ratio"),
    ParamSpec("c", "int", ("chaos",), 0, 100, label="Chaos"),
    ParamSpec("seed", "int", (), 0, 4294967295, label="Seed"),
    ParamSpec("s", "int", ("stylize",), 0, 1000, label="Stylize"),
    ParamSpec("exp", "int", (), 0, 100, label="Experimental"),
    ParamSpec("raw", "flag", (), label="Raw"),
    ParamSpec("iw", "float", (), 0, 3, label="Image weight"),
    ParamSpec("sref", "refs", (), label="Style reference"),
    ParamSpec("sw", "int", (), 0, 1000, label="Style weight"),
    ParamSpec("oref", "ref", (), label="Omni reference"),
    ParamSpec("ow", "int", (), 1, 1000, label="Omni weight"),
    ParamSpec("r", "repeat", ("repeat",), 1, 40, label="Repeat"),
    ParamSpec("draft", "mode", ()),
    ParamSpec("fast", "mode", ()),
    ParamSpec("turbo", "mode", ()),
    ParamSpec("hd", "mode", ()),
    ParamSpec(
        "q",
        "blocked",
        ("quality",),
        rule="quality-flag",
        why=translate(
            "Diagnostics",
            "--{name} does not set quality on V8.1: use the Quality selector (Standard / HD)",
        ),
    ),
    ParamSpec(
        "v",
        "blocked",
        ("version",),
        rule="version-locked",
        why=translate(
            "Diagnostics", "--{name} is not needed: this route always uses Midjourney V8.1"
        ),
    ),
    ParamSpec(
        "niji",
        "blocked",
        (),
        rule="version-locked",
        why=translate("Diagnostics", "--{name} is not supported on V8.1"),
    ),
    ParamSpec(
        "style",
        "blocked",
        (),
        rule="unsupported-param",
        why=translate("Diagnostics", "--{name} is not a V8.1 parameter; for raw mode use --raw"),
    ),
    *(
        ParamSpec(
            n,
            "blocked",
            a,
            rule="unsupported-param",
            why=translate("Diagnostics", "--{name} is not available on the V8.1 route"),
        )
        for n, a in (
            ("no", ()),
            ("w", ("weird",)),
            ("tile", ()),
            ("sv", ()),
            ("stop", ()),
            ("cref", ()),
            ("cw", ()),
            ("p", ("personalize", "profile")),
            ("relax", ()),
            ("stealth", ()),
            ("public", ()),
        )
    ),
)

BY_NAME: Final[dict[str, ParamSpec]] = {}
for _spec in SPECS:
    BY_NAME[_spec.name] = _spec
    for _alias in _spec.aliases:
        BY_NAME[_alias] = _spec

SPEED_FLAGS: Final = ("draft", "fast", "turbo")


def lookup(name: str) -> ParamSpec | None:
    return BY_NAME.get(name.lower())
