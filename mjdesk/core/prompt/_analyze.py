"""``analyze``: expand, tokenize and lint a prompt; modes, tasks and cost."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from ..evolink import MAX_PROMPT_CHARS
from ..i18n import joined, translate
from ..modes import QUALITY_MULTIPLIER, SPEED_MULTIPLIER
from ._expand import BraceError, Variant, count, expand, parse_braces
from ._params import SPEED_FLAGS, ParamSpec
from ._tokens import Param, Parsed, Word, tokenize

__all__ = ["Diagnostic", "PromptAnalysis", "TaskPlan", "analyze"]

Severity = Literal["error", "warning", "info"]

MAX_TASKS: Final = 40
MAX_IMAGE_PROMPTS: Final = 20
OW_SOFT_MAX: Final = 400
EXTREME_RATIO: Final = 4.0

_IMAGE_EXT_RE: Final = re.compile(r"\.(png|gif|webp|jpe?g)\Z", re.IGNORECASE)
_MULTI_PROMPT_RE: Final = re.compile(r"::\s*-?\d*(?:\.\d+)?")
_TEXT_URL_RE: Final = re.compile(r"<?https?://[^\s<>]+>?", re.IGNORECASE)
_RATIO_RE: Final = re.compile(r"(\d{1,6}):(\d{1,6})\Z")
_NUMBER_RE: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)\Z")

#: Every rule id analyze can report (stable: the GUI and the tests refer to them).
RULES: Final = (
    "empty-prompt",
    "prompt-too-long",
    "too-many-tasks",
    "unbalanced-braces",
    "typographic-dash",
    "unknown-param",
    "unsupported-param",
    "version-locked",
    "quality-flag",
    "multi-prompt",
    "missing-value",
    "not-a-number",
    "not-an-integer",
    "out-of-range",
    "bad-aspect",
    "extreme-aspect",
    "duplicate-param",
    "sw-needs-sref",
    "ow-needs-oref",
    "iw-needs-image",
    "one-oref",
    "ref-not-url",
    "ref-url-extension",
    "sref-code",
    "references-need-text",
    "image-needs-text",
    "image-url-extension",
    "too-many-images",
    "references-with-draft",
    "hd-with-draft",
    "mode-flag",
    "conflicting-modes",
    "text-after-params",
    "url-in-text",
    "ow-high",
)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    rule: str
    message: str
    start: int
    end: int
    fix: str | None = None
    branches: tuple[int, ...] = ()  # the variants it applies to; empty: all of them
    fix_start: int | None = None  # the span ``fix`` replaces (None: start..end)
    fix_end: int | None = None

    def apply_fix(self, text: str) -> str:
        """``text`` with this diagnostic's fix applied (unchanged if it has none)."""
        if self.fix is None:
            return text
        a = self.start if self.fix_start is None else self.fix_start
        b = self.end if self.fix_end is None else self.fix_end
        return text[:a] + self.fix + text[b:]


@dataclass(frozen=True, slots=True)
class TaskPlan:
    """One create call: the prompt to send and its modes."""

    prompt: str
    speed: str
    quality: str
    variant: int


@dataclass(frozen=True, slots=True)
class PromptAnalysis:
    text: str
    diagnostics: tuple[Diagnostic, ...]
    prompts: tuple[str, ...]
    tasks: tuple[TaskPlan, ...]
    speed: str
    quality: str
    image_urls: tuple[str, ...]
    params: dict[str, Any]
    task_count: int
    cost_units: float
    variants: int = 1

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")


# (severity, rule, message, start, end, fix as (start, end, replacement) or None)
_Raw = tuple[Severity, str, str, int, int, tuple[int, int, str] | None]


@dataclass
class _VariantResult:
    prompt: str
    speed: str
    quality: str
    repeat: int
    image_urls: list[str]
    params: dict[str, Any]
    diags: list[_Raw] = field(default_factory=list)


def _removal(text: str, start: int, end: int) -> tuple[int, int]:
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


class _Linter:
    def __init__(self, text: str, speed: str, quality: str) -> None:
        self.text = text
        self.parsed: Parsed = tokenize(text)
        self.speed = speed
        self.quality = quality
        self.out: list[_Raw] = []
        self.values: dict[str, Any] = {}
        self.repeat = 1

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
        a, b = _removal(self.text, start, end)
        return a, b, ""

    def run(self) -> _VariantResult:
        p = self.parsed
        kept = self._params()
        body = " ".join(p.body.split())
        trailing = " ".join(w.text for w in p.trailing)
        if p.trailing or p.moved_urls:
            after = p.moved_urls + p.trailing
            self.add(
                "warning",
                "text-after-params",
                translate(
                    "Diagnostics",
                    "Text after the parameters is read as part of the prompt text; "
                    "parameters belong at the end",
                ),
                after[0].start,
                after[-1].end,
                self._move_trailing_fix() if not p.moved_urls else None,
            )
        full_text = " ".join(x for x in (body, trailing) if x)
        self._text_checks(full_text)
        urls = [w.url or w.text for w in p.urls]
        self._image_checks(urls, full_text)
        self._mode_checks(urls)
        tokens = [self._render(param) for param in kept]
        prompt = " ".join([*urls, *([full_text] if full_text else []), *tokens])
        if len(prompt) > MAX_PROMPT_CHARS:
            self.add(
                "error",
                "prompt-too-long",
                translate(
                    "Diagnostics", "The prompt is {length} characters; the limit is {limit}"
                ).format(length=len(prompt), limit=MAX_PROMPT_CHARS),
                0,
                len(self.text),
            )
        return _VariantResult(
            prompt, self.speed, self.quality, self.repeat, urls, self.values, self.out
        )

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
                if not _IMAGE_EXT_RE.search(url.split("?", 1)[0].split("#", 1)[0]):
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
            lo, hi = _num(spec.lo), _num(spec.hi)
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

    # -- text, images, modes -----------------------------------------------------------------

    def _text_checks(self, full_text: str) -> None:
        p = self.parsed
        pieces = [(p.body, p.body_start)] + [(w.text, w.start) for w in p.trailing]
        for piece, offset in pieces:
            for m in _MULTI_PROMPT_RE.finditer(piece):
                s, e = offset + m.start(), offset + m.end()
                self.add(
                    "error",
                    "multi-prompt",
                    translate(
                        "Diagnostics",
                        "Multi-prompts and weights (::) are not available on the V8.1 route",
                    ),
                    s,
                    e,
                    "",
                )
            for m in _TEXT_URL_RE.finditer(piece):
                self.add(
                    "info",
                    "url-in-text",
                    translate(
                        "Diagnostics",
                        "This URL is read as text; image prompts must come first",
                    ),
                    offset + m.start(),
                    offset + m.end(),
                )
        has_refs = "sref" in self.values or "oref" in self.values
        if not full_text and not p.urls and not has_refs:  # references-need-text says more
            empty = translate("Diagnostics", "The prompt is empty")
            self.add("error", "empty-prompt", empty, 0, len(self.text))

    def _image_checks(self, urls: list[str], full_text: str) -> None:
        p = self.parsed
        for w, url in zip(p.urls, urls, strict=True):
            if not _IMAGE_EXT_RE.search(url.split("?", 1)[0].split("#", 1)[0]):
                self.add(
                    "error",
                    "image-url-extension",
                    translate(
                        "Diagnostics",
                        "Image prompt URLs must end in .png, .gif, .webp, .jpg or .jpeg",
                    ),
                    w.start,
                    w.end,
                )
        if len(urls) > MAX_IMAGE_PROMPTS:
            w = p.urls[MAX_IMAGE_PROMPTS]
            self.add(
                "error",
                "too-many-images",
                translate("Diagnostics", "At most {limit} image prompts").format(
                    limit=MAX_IMAGE_PROMPTS
                ),
                w.start,
                p.urls[-1].end,
            )
        if len(urls) == 1 and not full_text:
            w = p.urls[0]
            self.add(
                "error",
                "image-needs-text",
                translate(
                    "Diagnostics",
                    "One image prompt needs some text (or add a second image)",
                ),
                w.start,
                w.end,
            )
        if ("sref" in self.values or "oref" in self.values) and not full_text:
            ref = next(x for x in p.params if x.name in ("sref", "oref"))
            self.add(
                "error",
                "references-need-text",
                translate(
                    "Diagnostics",
                    "Style and omni references need a text prompt",
                ),
                ref.start,
                ref.end,
            )

    def _mode_checks(self, urls: list[str]) -> None:
        spans = getattr(self, "_mode_flag_spans", {})
        if self.speed == "draft":
            refs: list[tuple[int, int]] = [(w.start, w.end) for w in self.parsed.urls]
            refs += [(x.start, x.end) for x in self.parsed.params if x.name in ("sref", "oref")]
            if refs:
                s, e = refs[0]
                self.add(
                    "error",
                    "references-with-draft",
                    translate(
                        "Diagnostics",
                        "Draft cannot use image prompts or references: choose Fast or Turbo",
                    ),
                    s,
                    e,
                )
            if self.quality == "hd":
                s, e = spans.get("hd") or spans.get("draft") or (0, 0)
                self.add(
                    "error",
                    "hd-with-draft",
                    translate(
                        "Diagnostics",
                        "HD cannot be combined with Draft: choose Fast or Turbo, or Standard",
                    ),
                    s,
                    e,
                )

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

    def _move_trailing_fix(self) -> tuple[int, int, str] | None:
        p = self.parsed
        if not p.params:
            return None
        head = self.text[: p.body_end].rstrip()
        moved = " ".join(w.text for w in p.trailing)
        tail_parts: list[str] = []
        for param in p.params:
            tail_parts.append(self.text[param.start : param.end])
        if not head and not moved:
            return None
        return (0, len(self.text), f"{head} {moved} " + " ".join(tail_parts))


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _collect(variants: list[Variant], results: list[_VariantResult]) -> list[Diagnostic]:
    """Maps every variant's diagnostics back to the original text and merges the same ones."""
    merged: dict[
        tuple[Severity, str, int, int, str], tuple[set[int], tuple[int, int, str] | None]
    ] = {}
    for index, (variant, result) in enumerate(zip(variants, results, strict=True)):
        for sev, rule, msg, s, e, fix in result.diags:
            a, b, _ = variant.span(s, e)
            mapped: tuple[int, int, str] | None = None
            if fix is not None:
                fa, fb, contiguous = variant.span(fix[0], fix[1])
                if contiguous:
                    mapped = (fa, fb, fix[2])
            key = (sev, rule, a, b, msg)
            if key not in merged:
                merged[key] = (set(), mapped)
            merged[key][0].add(index)
    out: list[Diagnostic] = []
    for (sev, rule, a, b, msg), (where, fix) in merged.items():
        branches: tuple[int, ...] = ()
        if len(where) < len(variants):
            branches = tuple(sorted(where))
            labels = joined("; ", [_label(variants[i], i) for i in branches[:3]])
            if len(branches) <= 3:
                msg = translate("Diagnostics", "{message} (in {variants})").format(
                    message=msg, variants=labels
                )
            else:
                msg = translate("Diagnostics", "{message} (in {variants} and {more} more)").format(
                    message=msg, variants=labels, more=len(branches) - 3
                )
        out.append(
            Diagnostic(
                sev,
                rule,
                msg,
                a,
                b,
                fix[2] if fix else None,
                branches,
                fix[0] if fix else None,
                fix[1] if fix else None,
            )
        )
    return out


def _label(variant: Variant, index: int) -> str:
    chosen = ", ".join(f"“{c}”" for c in variant.label[:3])
    if not chosen:
        return translate("Diagnostics", "variant {number}: the base text").format(number=index + 1)
    return translate("Diagnostics", "variant {number}: {chosen}").format(
        number=index + 1, chosen=chosen
    )


def analyze(text: str, speed: str = "fast", quality: str = "standard") -> PromptAnalysis:
    """Reads a prompt as Midjourney V8.1 would, with mjdesk's rules (contract §2, §9)."""
    if not isinstance(text, str):
        text = str(text)
    top: list[Diagnostic] = []
    variants: list[Variant]
    total_variants = 1
    if "{" in text or "}" in text:
        try:
            tree = parse_braces(text)
            total_variants = count(tree)
            variants = expand(tree, MAX_TASKS + 1)
        except BraceError as exc:
            top.append(Diagnostic("error", "unbalanced-braces", exc.message, exc.start, exc.end))
            variants = [_identity(text)]
        except RecursionError:
            top.append(
                Diagnostic(
                    "error",
                    "unbalanced-braces",
                    translate("Diagnostics", "Braces nested too deeply"),
                    0,
                    len(text),
                )
            )
            variants = [_identity(text)]
    else:
        variants = [_identity(text)]
    results = [_Linter(v.text, speed, quality).run() for v in variants]
    diagnostics = top + _collect(variants, results)
    task_count = sum(r.repeat for r in results) + max(0, total_variants - len(variants))
    cost = sum(
        r.repeat * SPEED_MULTIPLIER.get(r.speed, 1.0) * QUALITY_MULTIPLIER.get(r.quality, 1.0)
        for r in results
    )
    if task_count > MAX_TASKS:
        diagnostics.append(
            Diagnostic(
                "error",
                "too-many-tasks",
                (
                    translate(
                        "Diagnostics",
                        "This prompt makes {count} tasks; at most {limit} can be sent at once",
                    ).format(count=task_count, limit=MAX_TASKS)
                    if total_variants <= 10**9
                    else translate(
                        "Diagnostics",
                        "This prompt makes too many tasks; at most {limit} can be sent at once",
                    ).format(limit=MAX_TASKS)
                ),
                0,
                len(text),
            )
        )
    first = results[0]
    ok = not any(d.severity == "error" for d in diagnostics)
    plans: list[TaskPlan] = []
    if ok:
        for i, r in enumerate(results):
            plans.extend(TaskPlan(r.prompt, r.speed, r.quality, i) for _ in range(r.repeat))
    return PromptAnalysis(
        text=text,
        diagnostics=tuple(diagnostics),
        prompts=tuple(p.prompt for p in plans),
        tasks=tuple(plans),
        speed=first.speed,
        quality=first.quality,
        image_urls=tuple(first.image_urls),
        params=dict(first.params),
        task_count=task_count,
        cost_units=cost,
        variants=total_variants,
    )


def _identity(text: str) -> Variant:
    return Variant(text, ((text, 0),) if text else (), (0,) if text else (), ())


__all__ += ["RULES", "Word"]
