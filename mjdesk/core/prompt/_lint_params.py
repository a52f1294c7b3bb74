"""The prompt linter's state and its parameter rules: every ``--name value`` checked, its
value read, dependencies between parameters and the speed and quality flags.

``_lint_text`` adds the rules on the text, the image prompts and the modes; ``_analyze``
runs both over each expanded variant.
"""

from __future__ import annotations

import math
import re
from typing import Any, Final, Literal

from ..evolink import IMAGE_URL_ENDINGS
from ..i18n import translate
from ._params import SPEED_FLAGS, ParamSpec
from ._tokens import Param, Parsed, tokenize

__all__ = ["LintBase", "ParamRules", "Raw", "Severity"]

Severity = Literal["error", "warning", "info"]
Raw = tuple[Severity, str, str, int, int, tuple[int, int, str] | None]

MAX_IMAGE_PROMPTS: Final = 20
OW_SOFT_MAX: Final = 400
EXTREME_RATIO: Final = 4.0

_MULTI_PROMPT_RE: Final = re.compile(r"::\s*-?\d*(?:\.\d+)?")
_RATIO_RE: Final = re.compile(r"(\d{1,6}):(\d{1,6})\Z")
_NUMBER_RE: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)\Z")


def removal_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Span that removes [start, end) with the white space before it."""
    s = start
    while s > 0 and text[s - 1].isspace():
        s -= 1
    if s == 0:
        e = end
        while e < len(text) and text[e].isspace():
            e += 1
        return 0, e
    return s, end


def num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


class LintBase:
    """One variant's text, its tokens, what was found and the values read."""

    def __init__(self, text: str, speed: str, quality: str) -> None:
        self.text = text
        self.parsed: Parsed = tokenize(text)
        self.speed = speed
        self.quality = quality
        self.out: list[Raw] = []
        self.values: dict[str, Any] = {}
        self.repeat = 1
        self._mode_flag_spans: dict[str, tuple[int, int]] = {}

    def add(
        self,
        sev: Severity,
        rule: str,
        msg: str,
        start: int,
        end: int,
        fix: str | tuple[int, int, str] | None = None,
    ) -> None:
        if isinstance(fix, str):
            fix = (start, end, fix)
        self.out.append((sev, rule, msg, start, end, fix))

    def removal(self, start: int, end: int) -> tuple[int, int, str]:
        """A fix that deletes [start, end) and the white space before it."""
        a, b = removal_span(self.text, start, end)
        return a, b, ""


class ParamRules(LintBase):
    # -- parameters --------------------------------------------------------------------------

    def _params(self) -> list[Param]:
        """Checks every parameter; returns those that are sent (last of each name wins)."""
        last_of: dict[str, Param] = {}
        orefs = 0
        mode_flags: list[Param] = []
        for param in self.parsed.params:
            spec = param.spec
            if param.dash != "--":
                self.add(
                    "warning",
                    "typographic-dash",
                    translate(
                        "Diagnostics",
                        "“{dash}{name}” has a typographic dash (autocorrect?); read as --{name}",
                    ).format(dash=param.dash, name=param.raw_name),
                    param.start,
                    param.start + 1,
                    "--",
                )
            if spec is None:
                self.add(
                    "error",
                    "unknown-param",
                    translate("Diagnostics", "--{name} is not a Midjourney parameter").format(
                        name=param.raw_name
                    ),
                    param.start,
                    param.end,
                    self.removal(param.start, param.end),
                )
                continue
            if spec.kind == "blocked":
                self._blocked(param, spec)
                continue
            if spec.kind == "mode":
                mode_flags.append(param)
                continue
            if spec.name == "oref":
                orefs += max(1, len(param.values))
            if spec.name in last_of and spec.name not in ("sref", "oref"):  # oref: one-oref
                prev = last_of[spec.name]
                self.add(
                    "warning",
                    "duplicate-param",
                    translate(
                        "Diagnostics", "--{name} is given more than once; the last one is used"
                    ).format(name=spec.name),
                    prev.start,
                    prev.end,
                    self.removal(prev.start, prev.end),
                )
            if spec.name == "sref" and "sref" in last_of:
                last_of["sref"].values.extend(param.values)
                continue
            last_of[spec.name] = param
        for param in list(last_of.values()):
            if not self._value_ok(param):
                del last_of[param.name]
        self._apply_modes(mode_flags)
        self._dependencies(last_of, orefs)
        kept = [p for p in self.parsed.params if last_of.get(p.name) is p]
        return [p for p in kept if p.spec is not None and p.spec.kind != "repeat"]

    def _blocked(self, param: Param, spec: ParamSpec) -> None:
        fix = self.removal(param.start, param.end)
        if spec.name == "style" and [w.text.lower() for w in param.values] == ["raw"]:
            fix = (param.start, param.end, "--raw")
        self.add(
            "error",
            spec.rule,
            spec.why.format(name=param.raw_name.lower()),
            param.start,
            param.end,
            fix,
        )

    def _value_ok(self, param: Param) -> bool:
        spec = param.spec
        assert spec is not None
        name = spec.name
        if spec.kind == "flag":
            self.values[name] = True
            return True
        if not param.values:
            self.add(
                "error",
                "missing-value",
                translate("Diagnostics", "--{name} needs a value").format(name=name),
                param.start,
                param.name_end,
            )
            return False
        word = param.values[0]
        where = (word.start, word.end)
        if spec.kind == "ratio":
            m = _RATIO_RE.match(word.text)
            if not m or int(m.group(1)) == 0 or int(m.group(2)) == 0:
                self.add(
                    "error",
                    "bad-aspect",
                    translate(
                        "Diagnostics",
                        "--ar takes a ratio of positive whole numbers such as 16:9, not “{text}”",
                    ).format(text=word.text),
                    *where,
                )
                return False
            w, h = int(m.group(1)), int(m.group(2))
            if max(w / h, h / w) > EXTREME_RATIO:
                self.add(
                    "warning",
                    "extreme-aspect",
                    translate(
                        "Diagnostics",
                        "--ar {ratio} is an extreme ratio; results can be unpredictable",
                    ).format(ratio=f"{w}:{h}"),
                    *where,
                )
            self.values[name] = f"{w}:{h}"
            return True
        if spec.kind in ("refs", "ref"):
            urls: list[str] = []
            for v in param.values:
                url = v.url
                if url is None:
                    if spec.kind == "refs" and v.text.isdigit():
                        self.add(
                            "warning",
                            "sref-code",
                            translate(
                                "Diagnostics",
                                "Style codes may not be accepted on this route; "
                                "a style reference image URL is safer",
                            ),
                            v.start,
                            v.end,
                        )
                        urls.append(v.text)
                        continue
                    self.add(
                        "error",
                        "ref-not-url",
                        translate(
                            "Diagnostics",
                            "--{name} takes an image URL (drop an image on the reference zone)",
                        ).format(name=name),
                        v.start,
                        v.end,
                    )
                    return False
                if not IMAGE_URL_ENDINGS.search(url.split("?", 1)[0].split("#", 1)[0]):
                    self.add(
                        "warning",
                        "ref-url-extension",
                        translate(
                            "Diagnostics",
                            "This --{name} URL does not end in .png, .gif, .webp, .jpg or .jpeg; "
                            "EvoLink may refuse it",
                        ).format(name=name),
                        v.start,
                        v.end,
                    )
                urls.append(url)
            self.values[name] = urls if spec.kind == "refs" else urls[0]
            return True
        text = word.text
        if not _NUMBER_RE.match(text):
            message = translate("Diagnostics", "--{name} needs a number, not “{text}”")
            self.add("error", "not-a-number", message.format(name=name, text=text), *where)
            return False
        number = float(text)
        if spec.kind in ("int", "repeat") and not number.is_integer():
            message = translate("Diagnostics", "--{name} needs a whole number")
            self.add("error", "not-an-integer", message.format(name=name), *where)
            return False
        if not (spec.lo <= number <= spec.hi) or not math.isfinite(number):
            lo, hi = num(spec.lo), num(spec.hi)
            self.add(
                "error",
                "out-of-range",
                translate(
                    "Diagnostics", "--{name} must be between {lo} and {hi} (it is {text})"
                ).format(name=name, lo=lo, hi=hi, text=text),
                *where,
            )
            return False
        value: int | float = int(number) if spec.kind in ("int", "repeat") else number
        if spec.kind == "repeat":
            self.repeat = int(value)
        else:
            self.values[name] = value
        if name == "ow" and value > OW_SOFT_MAX:
            self.add(
                "info",
                "ow-high",
                translate("Diagnostics", "--ow above {limit} tends to overpower the prompt").format(
                    limit=OW_SOFT_MAX
                ),
                *where,
            )
        return True

    def _dependencies(self, last_of: dict[str, Param], orefs: int) -> None:
        needs = (
            (
                "sw",
                "sref",
                "sw-needs-sref",
                translate("Diagnostics", "--sw only works with a style reference (--sref)"),
            ),
            (
                "ow",
                "oref",
                "ow-needs-oref",
                translate("Diagnostics", "--ow only works with an omni reference (--oref)"),
            ),
        )
        for name, needed, rule, msg in needs:
            if name in last_of and needed not in self.values:
                p = last_of[name]
                self.add("error", rule, msg, p.start, p.end, self.removal(p.start, p.end))
        if "iw" in last_of and not self.parsed.urls:
            p = last_of["iw"]
            self.add(
                "error",
                "iw-needs-image",
                translate(
                    "Diagnostics",
                    "--iw only works with an image prompt (an image URL at the start)",
                ),
                p.start,
                p.end,
                self.removal(p.start, p.end),
            )
        if orefs > 1:
            p = next(x for x in self.parsed.params if x.name == "oref")
            self.add(
                "error",
                "one-oref",
                translate("Diagnostics", "Only one omni reference (--oref) is allowed"),
                p.start,
                p.end,
            )

    def _apply_modes(self, flags: list[Param]) -> None:
        speeds = [f for f in flags if f.name in SPEED_FLAGS]
        if len({f.name for f in speeds}) > 1:
            self.add(
                "warning",
                "conflicting-modes",
                translate(
                    "Diagnostics",
                    "More than one speed is typed; the last one is used",
                ),
                speeds[0].start,
                speeds[-1].end,
            )
        for f in flags:
            label = f.name.capitalize() if f.name != "hd" else "HD"
            selector = "speed" if f.name in SPEED_FLAGS else "quality"
            if selector == "speed":
                said = translate(
                    "Diagnostics", "--{name} sets the speed to {mode}; it is not sent in the prompt"
                )
            else:
                said = translate(
                    "Diagnostics",
                    "--{name} sets the quality to {mode}; it is not sent in the prompt",
                )
            self.add(
                "info",
                "mode-flag",
                said.format(name=f.name, mode=label),
                f.start,
                f.end,
                self.removal(f.start, f.end),
            )
            if selector == "speed":
                self.speed = f.name
            else:
                self.quality = "hd"
        self._mode_flag_spans = {f.name: (f.start, f.end) for f in flags}

    def _render(self, param: Param) -> str:
        assert param.spec is not None
        name = param.spec.name
        if param.spec.kind == "flag":
            return f"--{name}"
        value = self.values[name]
        if isinstance(value, list):
            return f"--{name} " + " ".join(value)
        if name == "ar" or name in ("sref", "oref"):
            return f"--{name} {value}"
        return f"--{name} {param.values[0].text}"
