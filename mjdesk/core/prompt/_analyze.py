"""``analyze``: expand, tokenize and lint a prompt; modes, tasks and cost."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from ..evolink import MAX_PROMPT_CHARS
from ..i18n import joined, translate
from ..modes import QUALITY_MULTIPLIER, SPEED_MULTIPLIER
from ._expand import BraceError, Variant, count, expand, parse_braces
from ._lint_params import ParamRules, Raw, Severity
from ._lint_text import TextRules
from ._tokens import Word

__all__ = ["Diagnostic", "PromptAnalysis", "TaskPlan", "analyze"]

MAX_TASKS: Final = 40

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


@dataclass
class _VariantResult:
    prompt: str
    speed: str
    quality: str
    repeat: int
    image_urls: list[str]
    params: dict[str, Any]
    diags: list[Raw] = field(default_factory=list)


class _Linter(ParamRules, TextRules):
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


def num(x: float) -> str:
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


def prose(prompt: str) -> str:
    """A prompt's words without its parameters (its first variant's, where braces make
    several): what "Use prompt" and the editor put back."""
    a = analyze(prompt)
    return a.prompts[0].split(" --", 1)[0] if a.prompts else prompt.split(" --", 1)[0]
