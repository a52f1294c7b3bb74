"""Rewriting one parameter in the text, leaving every other character as it was."""

from __future__ import annotations

from ._lint_params import removal_span as _removal
from ._params import ParamSpec, lookup
from ._tokens import Param, mask_braces, tokenize

__all__ = ["get_param", "set_param"]

Value = str | int | float | bool | list[str] | None


def _spec(name: str) -> ParamSpec:
    spec = lookup(name.lstrip("-"))
    if spec is None:
        raise ValueError(f"unknown parameter {name!r}")
    return spec


def _occurrences(text: str, spec: ParamSpec) -> tuple[list[Param], list[Param]]:
    parsed = tokenize(mask_braces(text))
    return [p for p in parsed.params if p.spec is spec], parsed.params


def _format(value: Value) -> str:
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def get_param(text: str, name: str) -> str | bool | None:
    """The value typed for a parameter at the top level (the last one wins): its text, True for
    a flag, None when absent."""
    spec = _spec(name)
    found, _ = _occurrences(text, spec)
    if not found:
        return None
    last = found[-1]
    if spec.kind in ("flag", "mode"):
        return True
    return " ".join(text[w.start : w.end] for w in last.values)


def set_param(text: str, name: str, value: Value) -> str:
    """Sets, changes or removes one parameter (any alias names it).

    ``None`` or ``False`` removes every occurrence; ``True`` adds a flag; anything else becomes
    the value of the last occurrence, or a new ``--name value`` after the last parameter.
    Words typed after the parameters belong to none of them (analyze warns about them); removing
    the parameter just before such words can attach them to the one before it.
    """
    spec = _spec(name)
    found, params = _occurrences(text, spec)
    if value is None or value is False:
        for p in reversed(found):
            a, b = _removal(text, p.start, p.end)
            text = text[:a] + text[b:]
        return text
    if spec.kind in ("flag", "mode"):
        if found:
            return text
        token = f"--{spec.name}"
    else:
        rendered = _format(value)
        if found:
            last = found[-1]
            if last.values:
                a, b = last.values[0].start, last.values[-1].end
                return text[:a] + rendered + text[b:]
            return text[: last.name_end] + " " + rendered + text[last.name_end :]
        token = f"--{spec.name} {rendered}"
    pos = max(p.end for p in params) if params else len(text.rstrip())
    if pos == 0:
        return token + (" " + text.lstrip() if text.strip() else "")
    return text[:pos] + " " + token + text[pos:]


def add_image_prompt(text: str, url: str) -> str:
    """Adds an image prompt URL after the leading image URLs (image prompts go first)."""
    parsed = tokenize(mask_braces(text))
    if any((w.url or w.text) == url for w in parsed.urls):
        return text
    if parsed.urls:
        pos = parsed.urls[-1].end
        return text[:pos] + " " + url + text[pos:]
    stripped = text.lstrip()
    lead = text[: len(text) - len(stripped)]
    return lead + url + (" " + stripped if stripped else "")


def remove_image_prompt(text: str, url: str) -> str:
    parsed = tokenize(mask_braces(text))
    for w in reversed(parsed.urls):
        if (w.url or w.text) == url:
            a, b = _removal(text, w.start, w.end)
            text = text[:a] + text[b:]
    return text


def add_reference(text: str, name: str, url: str) -> str:
    """Adds a URL to ``--sref`` (several allowed) or sets ``--oref`` (one)."""
    spec = _spec(name)
    if spec.kind == "ref":
        return set_param(text, name, url)
    current = get_param(text, name)
    values = current.split() if isinstance(current, str) and current else []
    if url in values:
        return text
    return set_param(text, name, [*values, url])


def remove_reference(text: str, name: str, url: str) -> str:
    current = get_param(text, name)
    values = [v for v in (current.split() if isinstance(current, str) else []) if v != url]
    return set_param(text, name, values or None)
