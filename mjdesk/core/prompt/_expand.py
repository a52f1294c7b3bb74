"""``{a, b}`` permutations: parse the brace tree once, count it, expand it lazily.

Each expansion is a :class:`Variant`: the expanded string plus the chunks it was built from, so
any offset in the expansion maps back to the character of the original text it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from ..i18n import translate

__all__ = ["BraceError", "Node", "Variant", "count", "expand", "parse_braces"]


class BraceError(ValueError):
    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end


# A sequence is a list of items; an item is a literal chunk (text, original offset) or an
# alternative: a list of sequences (one per option), with the span of its braces.
Chunk = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Alt:
    options: tuple[tuple[Node, ...], ...]
    start: int
    end: int


Node = Chunk | Alt


def parse_braces(text: str) -> tuple[Node, ...]:
    """The brace tree of ``text``; ``\\,`` inside braces is a literal comma.

    Raises BraceError for an unclosed ``{`` or a stray ``}``.
    """
    pos = 0
    n = len(text)

    def seq(depth: int) -> tuple[list[Node], str]:
        nonlocal pos
        items: list[Node] = []
        lit_start = pos
        buf: list[str] = []

        def flush() -> None:
            nonlocal lit_start
            if buf:
                items.append(("".join(buf), lit_start))
                buf.clear()
            lit_start = pos

        while pos < n:
            ch = text[pos]
            if ch == "\\" and depth > 0 and pos + 1 < n and text[pos + 1] == ",":
                flush()
                items.append((",", pos + 1))
                pos += 2
                lit_start = pos
                continue
            if ch == "{":
                flush()
                open_at = pos
                pos += 1
                options: list[tuple[Node, ...]] = []
                while True:
                    option, stop = seq(depth + 1)
                    options.append(tuple(option))
                    if stop == ",":
                        continue
                    if stop == "}":
                        break
                    raise BraceError(
                        translate("Diagnostics", "This {{ is never closed").format(),
                        open_at,
                        open_at + 1,
                    )
                items.append(Alt(tuple(options), open_at, pos))
                lit_start = pos
                continue
            if depth > 0 and ch in ",}":
                flush()
                pos += 1
                return items, ch
            if ch == "}":
                raise BraceError(
                    translate("Diagnostics", "This }} has no matching {{").format(), pos, pos + 1
                )
            if not buf:
                lit_start = pos
            buf.append(ch)
            pos += 1
        flush()
        return items, ""

    items, _ = seq(0)
    return tuple(items)


def count(nodes: tuple[Node, ...]) -> int:
    """How many expansions a sequence has (without making them)."""
    total = 1
    for node in nodes:
        if isinstance(node, Alt):
            total *= sum(count(opt) for opt in node.options)
    return total


@dataclass(frozen=True, slots=True)
class Variant:
    """One expansion: its text and where each piece of it came from."""

    text: str
    chunks: tuple[Chunk, ...]  # (piece, original offset), in order
    starts: tuple[int, ...]  # offset of each piece in ``text``
    label: tuple[str, ...]  # the option chosen at each brace group (for messages)

    def origin(self, offset: int) -> int:
        """The original offset of the character at ``offset`` in ``text``."""
        if not self.chunks:
            return 0
        i = max(0, bisect_right(self.starts, offset) - 1)
        piece, orig = self.chunks[i]
        return orig + min(offset - self.starts[i], max(len(piece) - 1, 0))

    def span(self, start: int, end: int) -> tuple[int, int, bool]:
        """Maps [start, end) back; the flag says whether it is one contiguous original run."""
        if not self.chunks or end <= start:
            o = self.origin(start)
            return o, o, True
        a = self.origin(start)
        b = self.origin(end - 1) + 1
        i = max(0, bisect_right(self.starts, start) - 1)
        j = max(0, bisect_right(self.starts, end - 1) - 1)
        contiguous = True
        for k in range(i, j):
            piece, orig = self.chunks[k]
            if orig + len(piece) != self.chunks[k + 1][1]:
                contiguous = False
                break
        return a, b, contiguous


def _strip_option(option: tuple[Node, ...]) -> tuple[Node, ...]:
    """Options are trimmed: ``{red, blue}`` gives "red" and "blue"."""
    items = list(option)
    if items and isinstance(items[0], tuple):
        piece, orig = items[0]
        stripped = piece.lstrip()
        items[0] = (stripped, orig + len(piece) - len(stripped))
    if items and isinstance(items[-1], tuple):
        piece, orig = items[-1]
        items[-1] = (piece.rstrip(), orig)
    return tuple(i for i in items if not (isinstance(i, tuple) and not i[0]))


def _flat(nodes: tuple[Node, ...], limit: int) -> Iterator[tuple[list[Chunk], list[str]]]:
    """The expansions of a sequence as (chunks, option labels), in order, lazily.

    The first ``limit`` combinations only ever use the first ``limit`` choices of each group,
    so no group is expanded further than that.
    """
    parts: list[list[tuple[list[Chunk], list[str]]]] = []
    for node in nodes:
        if isinstance(node, Alt):
            choices: list[tuple[list[Chunk], list[str]]] = []
            for option in node.options:
                if len(choices) >= limit:
                    break
                opt = _strip_option(option)
                for sub_chunks, sub_labels in _flat(opt, limit - len(choices)):
                    text = "".join(c[0] for c in sub_chunks)
                    choices.append((sub_chunks, [text, *sub_labels]))
            parts.append(choices)
        else:
            parts.append([([node], [])])
    for combo in product(*parts):
        chunks: list[Chunk] = []
        labels: list[str] = []
        for c, lab in combo:
            chunks.extend(c)
            labels.extend(lab)
        yield chunks, labels


def expand(nodes: tuple[Node, ...], limit: int) -> list[Variant]:
    """At most ``limit`` expansions, in order."""
    out: list[Variant] = []
    for chunks, labels in _flat(nodes, limit):
        if len(out) >= limit:
            break
        merged: list[Chunk] = []
        for piece, orig in chunks:
            if not piece:
                continue
            if merged and merged[-1][1] + len(merged[-1][0]) == orig:
                merged[-1] = (merged[-1][0] + piece, merged[-1][1])
            else:
                merged.append((piece, orig))
        starts: list[int] = []
        pos = 0
        for piece, _ in merged:
            starts.append(pos)
            pos += len(piece)
        text = "".join(p for p, _ in merged)
        out.append(Variant(text, tuple(merged), tuple(starts), tuple(labels)))
    return out
