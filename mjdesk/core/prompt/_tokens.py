"""Tokenizer for one brace-free prompt: leading image URLs, text, parameters, trailing text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from ._params import ParamSpec, lookup

__all__ = ["Param", "Parsed", "Word", "mask_braces", "tokenize"]

_PARAM_RE: Final = re.compile(r"(?:(?<=\s)|^)(--|\u2014|\u2013)([A-Za-z][A-Za-z0-9]*)(?=\s|$)")
_WORD_RE: Final = re.compile(r"\S+")
_URL_WORD_RE: Final = re.compile(r"<?(https?://[^\s<>]+)>?\Z", re.IGNORECASE)
_CODE_RE: Final = re.compile(r"(?:\d{1,12}|random)\Z", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int

    @property
    def url(self) -> str | None:
        m = _URL_WORD_RE.match(self.text)
        return m.group(1) if m else None


@dataclass(slots=True)
class Param:
    raw_name: str
    spec: ParamSpec | None
    dash: str
    start: int  # the dash
    name_end: int
    values: list[Word] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.values[-1].end if self.values else self.name_end

    @property
    def name(self) -> str:
        return self.spec.name if self.spec else self.raw_name.lower()


@dataclass(slots=True)
class Parsed:
    text: str
    urls: list[Word]
    body_start: int
    body_end: int  # the prose between the URLs and the first parameter
    params: list[Param]
    trailing: list[Word]  # words after a parameter that belong to no parameter
    moved_urls: list[Word] = field(default_factory=list)  # URLs after the parameters, read first

    @property
    def body(self) -> str:
        return self.text[self.body_start : self.body_end]


def mask_braces(text: str) -> str:
    """``text`` with the inside of every balanced brace group made opaque (same length), so a
    group is one word to the tokenizer: ``--ar {1:1, 16:9}`` keeps its value whole."""
    if "{" not in text:
        return text
    out = list(text)
    depth = 0
    opened = -1
    for i, ch in enumerate(text):
        if ch == "{":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                for k in range(opened + 1, i):
                    if out[k].isspace() or out[k] in "-\u2014\u2013":
                        out[k] = "\x00"
    return text if depth else "".join(out)


def tokenize(text: str) -> Parsed:
    words = _WORD_RE.finditer(text)
    urls: list[Word] = []
    body_start = 0
    for m in words:
        w = Word(m.group(), m.start(), m.end())
        if w.url is None:
            body_start = m.start()
            break
        urls.append(w)
        body_start = m.end()
    else:
        body_start = urls[-1].end if urls else len(text)
    starts: list[tuple[re.Match[str], ParamSpec | None]] = []
    for m in _PARAM_RE.finditer(text, body_start):
        spec = lookup(m.group(2))
        if m.group(1) != "--" and spec is None:
            continue  # an em dash before an ordinary word is punctuation
        starts.append((m, spec))
    body_end = starts[0][0].start() if starts else len(text)
    params: list[Param] = []
    trailing: list[Word] = []
    for i, (m, spec) in enumerate(starts):
        seg_end = starts[i + 1][0].start() if i + 1 < len(starts) else len(text)
        param = Param(m.group(2), spec, m.group(1), m.start(), m.end())
        seg_words = [
            Word(w.group(), w.start(), w.end()) for w in _WORD_RE.finditer(text, m.end(), seg_end)
        ]
        take = _arity(spec, seg_words)
        param.values = seg_words[:take]
        trailing.extend(seg_words[take:])
        params.append(param)
    moved: list[Word] = []
    if not text[body_start:body_end].strip():
        # Text after the parameters is sent before them; when there is no other text, image
        # URLs at its start become the prompt's leading image prompts, as the server reads them.
        while trailing and trailing[0].url is not None:
            moved.append(trailing.pop(0))
            urls.append(moved[-1])
    return Parsed(text, urls, body_start, body_end, params, trailing, moved)


def _arity(spec: ParamSpec | None, words: list[Word]) -> int:
    if spec is None or spec.kind == "blocked":
        return len(words)  # unknown arity: everything up to the next parameter
    if spec.kind in ("flag", "mode"):
        return 0
    if spec.kind in ("refs", "ref"):
        n = 0
        for w in words:
            if w.url is None and not _CODE_RE.match(w.text) and "{" not in w.text:
                break
            n += 1
        return n if n else min(1, len(words))
    return min(1, len(words))
