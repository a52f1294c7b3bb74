"""Styles: a designer's look kept once — style references (with the local file each came
from, when known), an omni reference, their weights, the parameters that shape a look
(stylize, raw, chaos, exp, aspect) and the modes — and applied to any prompt, whose own words
stay the user's. Pure: the prompt is text, a style rewrites its parameters."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

from .prompt import add_reference, get_param, set_param

__all__ = [
    "LOOK_PARAMS",
    "Style",
    "StyleRef",
    "apply_style",
    "clashes",
    "local_ref",
    "style_from_json",
    "style_from_prompt",
    "style_to_json",
]

#: The parameters a style carries (canonical names), in the order they are written.
LOOK_PARAMS: Final = ("sw", "ow", "s", "raw", "c", "exp", "ar")
FORMAT: Final = 1


@dataclass(frozen=True, slots=True)
class StyleRef:
    """A reference image: the URL it was sent as, and the local file it was uploaded from (so
    it can be uploaded again once that URL has expired). A reference made from a library
    image that was never sent has a ``local:<sha256>`` URL: it is uploaded when first used."""

    url: str
    path: str | None = None

    @property
    def local_only(self) -> bool:
        return self.url.startswith(LOCAL)


LOCAL: Final = "local:"


def local_ref(path: str, sha256: str) -> StyleRef:
    """A reference to a file not yet uploaded (a library image chosen for a style)."""
    return StyleRef(LOCAL + sha256, path)


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    srefs: tuple[StyleRef, ...] = ()
    oref: StyleRef | None = None
    params: tuple[tuple[str, str | bool], ...] = ()  # (canonical name, value), LOOK_PARAMS only
    speed: str | None = None
    quality: str | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # unknown fields kept

    def param(self, name: str) -> str | bool | None:
        return dict(self.params).get(name)

    @property
    def empty(self) -> bool:
        return not (self.srefs or self.oref or self.params or self.speed or self.quality)


def style_from_prompt(
    name: str,
    text: str,
    *,
    speed: str | None = None,
    quality: str | None = None,
    source_of: Callable[[str], str | None] = lambda _url: None,
) -> Style:
    """The look in a prompt: its style and omni references (with the files they came from,
    where ``source_of`` knows them) and its look parameters."""
    srefs = get_param(text, "sref")
    oref = get_param(text, "oref")
    params: list[tuple[str, str | bool]] = []
    for p in LOOK_PARAMS:
        value = get_param(text, p)
        if value is not None:
            params.append((p, value))
    return Style(
        name=" ".join(name.split())[:80],
        srefs=tuple(
            StyleRef(u, source_of(u)) for u in (srefs.split() if isinstance(srefs, str) else [])
        ),
        oref=StyleRef(oref, source_of(oref)) if isinstance(oref, str) and oref else None,
        params=tuple(params),
        speed=speed,
        quality=quality,
    )


def apply_style(text: str, style: Style, urls: Mapping[str, str] | None = None) -> str:
    """The prompt with the style's look: its references replace the prompt's style (and
    omni) references, its parameters are set; the words and every other parameter stay.
    ``urls`` maps a reference's saved URL to a fresh one (a file uploaded again)."""
    fresh = urls or {}
    srefs = [fresh.get(r.url, r.url) for r in style.srefs]
    srefs = [u for u in srefs if not u.startswith(LOCAL)]  # never sent: not uploaded
    if srefs:
        text = set_param(text, "sref", None)
        for url in srefs:
            text = add_reference(text, "sref", url)
    oref = fresh.get(style.oref.url, style.oref.url) if style.oref is not None else None
    if oref is not None and not oref.startswith(LOCAL):
        text = set_param(text, "oref", None)
        text = add_reference(text, "oref", oref)
    for name, value in style.params:
        text = set_param(text, name, value)
    return text


def clashes(a: Style, b: Style) -> list[str]:
    """What two styles both set, differently (applying one after the other asks which wins)."""
    out = [n for n, v in a.params if b.param(n) is not None and b.param(n) != v]
    if a.srefs and b.srefs and a.srefs != b.srefs:
        out.insert(0, "sref")
    if a.oref and b.oref and a.oref != b.oref:
        out.insert(0, "oref")
    if a.speed and b.speed and a.speed != b.speed:
        out.append("speed")
    if a.quality and b.quality and a.quality != b.quality:
        out.append("quality")
    return out


def merge(first: Style, second: Style, second_wins: bool) -> Style:
    """Two styles as one: everything either sets; where both do, the winner's."""
    win, lose = (second, first) if second_wins else (first, second)
    params = dict(lose.params)
    params.update(dict(win.params))
    return replace(
        win,
        srefs=win.srefs or lose.srefs,
        oref=win.oref or lose.oref,
        params=tuple((n, params[n]) for n in LOOK_PARAMS if n in params),
        speed=win.speed or lose.speed,
        quality=win.quality or lose.quality,
    )


def style_to_json(style: Style) -> dict[str, Any]:
    def ref(r: StyleRef) -> dict[str, Any]:
        return {"url": r.url, **({"path": r.path} if r.path else {})}

    return {
        **style.extra,
        "format": FORMAT,
        "name": style.name,
        "srefs": [ref(r) for r in style.srefs],
        "oref": ref(style.oref) if style.oref else None,
        "params": [[n, v] for n, v in style.params],
        "speed": style.speed,
        "quality": style.quality,
        "note": style.note,
    }


def style_from_json(data: Mapping[str, Any]) -> Style:
    """A style read back; malformed parts are dropped, never trusted (a file from anyone)."""

    def ref(value: Any) -> StyleRef | None:
        if not isinstance(value, Mapping) or not isinstance(value.get("url"), str):
            return None
        url = value["url"]
        local = re.fullmatch(r"local:[0-9a-f]{64}", url) is not None
        if not (local or url.startswith(("https://", "http://"))) or len(url) > 2000:
            return None
        path = value.get("path")
        return StyleRef(url, path if isinstance(path, str) and len(path) < 4096 else None)

    srefs = tuple(
        r for r in (ref(v) for v in data.get("srefs") or [] if v is not None) if r is not None
    )[:10]
    params: list[tuple[str, str | bool]] = []
    for item in data.get("params") or []:
        if (
            isinstance(item, list | tuple)
            and len(item) == 2
            and item[0] in LOOK_PARAMS
            and isinstance(item[1], str | bool)
            and len(str(item[1])) < 40
        ):
            params.append((item[0], item[1]))
    speed = data.get("speed") if data.get("speed") in ("draft", "fast", "turbo") else None
    quality = data.get("quality") if data.get("quality") in ("standard", "hd") else None
    known = {"format", "name", "srefs", "oref", "params", "speed", "quality", "note"}
    return Style(
        name=" ".join(str(data.get("name") or "Style").split())[:80],
        srefs=srefs,
        oref=ref(data.get("oref")),
        params=tuple(params),
        speed=speed,
        quality=quality,
        note=str(data.get("note") or "")[:500],
        extra={k: v for k, v in data.items() if k not in known},
    )
