"""Justified rows for the library grid: every tile at its image's own shape, every row the
full width, at a million images without laying out a million tiles.

The images are cut into blocks of ``BLOCK`` (120) positions. A block is laid out on its own (its
images split into as many rows as fit the target height, each row scaled to the width), so
laying out what is on screen costs the same at 100 images as at 1,000,000. Blocks not yet
seen count as an estimate; the view keeps what it shows still when one above it is measured
(see ``measure``).
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

__all__ = ["BLOCK", "JustifiedLayout", "Row"]

BLOCK: Final = 120
GAP: Final = 6
MAX_STRETCH: Final = 1.6  # a row this much taller than the target is left at the target


@dataclass(frozen=True, slots=True)
class Row:
    start: int  # the first position in the row
    count: int
    top: float  # within the whole grid
    height: float
    xs: tuple[float, ...]  # each tile's left edge
    widths: tuple[float, ...]

    def tile_at(self, x: float) -> int | None:
        i = bisect.bisect_right(self.xs, x) - 1
        if 0 <= i < self.count and x <= self.xs[i] + self.widths[i]:
            return self.start + i
        return None

    def nearest(self, x: float) -> int:
        """The position whose tile is nearest to ``x`` (Up and Down keep their column)."""
        centres = [left + w / 2 for left, w in zip(self.xs, self.widths, strict=True)]
        return self.start + min(range(self.count), key=lambda i: abs(centres[i] - x))


class JustifiedLayout:
    """Where each tile goes, for one width and target row height, computed per block."""

    def __init__(self) -> None:
        self.aspects: array[float] = array("f")
        self.width = 0.0
        self.target = 150.0
        self._rows: OrderedDict[int, list[Row]] = OrderedDict()  # block → its rows (relative)
        self._heights: list[float] = []
        self._known: list[bool] = []
        self._tops: list[float] = [0.0]
        self._estimate = 0.0

    # -- shape -------------------------------------------------------------------------------

    def reset(self, aspects: array[float], width: float, target: float) -> None:
        """A new list, width or row height: nothing measured yet."""
        self.aspects = aspects
        self.width = max(1.0, width)
        self.target = max(16.0, target)
        self._rows.clear()
        blocks = -(-len(aspects) // BLOCK)
        self._estimate = self._measure_estimate()
        self._heights = [self._estimate] * blocks
        self._known = [False] * blocks
        if blocks:  # the last block holds fewer images
            self._heights[-1] = self._estimate * (len(aspects) - (blocks - 1) * BLOCK) / BLOCK
        self._retop()

    def _measure_estimate(self) -> float:
        """A block's height guessed from the first block's shapes (the newest, usually like
        the rest)."""
        sample = self.aspects[:BLOCK]
        if not sample:
            return 0.0
        mean = sum(max(0.1, a) for a in sample) / len(sample)
        per_row = max(1.0, (self.width + GAP) / (mean * self.target + GAP))
        return BLOCK / per_row * (self.target + GAP)

    def _retop(self) -> None:
        self._tops = [0.0, *itertools.accumulate(self._heights)]

    @property
    def count(self) -> int:
        return len(self.aspects)

    def height(self) -> float:
        return self._tops[-1]

    def block_top(self, block: int) -> float:
        return self._tops[block]

    def block_at(self, y: float) -> int:
        blocks = len(self._heights)
        return max(0, min(blocks - 1, bisect.bisect_right(self._tops, y) - 1))

    # -- measuring ---------------------------------------------------------------------------

    def measure(self, block: int) -> float:
        """Lays a block out if it is not yet; returns how much taller it turned out than its
        estimate (what moves everything below it)."""
        if not 0 <= block < len(self._heights) or self._known[block]:
            return 0.0
        rows = self._lay_out(block)
        height = sum(r.height for r in rows) + GAP * len(rows)
        delta = height - self._heights[block]
        self._heights[block] = height
        self._known[block] = True
        self._rows[block] = rows
        self._retop()
        return delta

    def rows(self, block: int) -> list[Row]:
        """A block's rows, placed in the whole grid (measured first if needed)."""
        self.measure(block)
        rel = self._rows.get(block)
        if rel is None:
            rel = self._lay_out(block)
        self._rows[block] = rel
        self._rows.move_to_end(block)
        while len(self._rows) > 64:
            self._rows.popitem(last=False)
        top = self._tops[block]
        return [Row(r.start, r.count, top + r.top, r.height, r.xs, r.widths) for r in rel]

    def _lay_out(self, block: int) -> list[Row]:
        """The block's images cut into rows as near the target height as they can be: the
        cheapest cut (squared distance from the target, row by row) found by dynamic
        programming over the block — a few thousand steps, only for blocks on screen."""
        start = block * BLOCK
        shapes = [max(0.1, min(10.0, a)) for a in self.aspects[start : start + BLOCK]]
        last_block = start + BLOCK >= len(self.aspects)
        n = len(shapes)
        target, width = self.target, self.width
        inf = float("inf")
        cost = [0.0] + [inf] * n
        cut = [0] * (n + 1)
        for end in range(1, n + 1):
            acc = 0.0
            for begin in range(end - 1, -1, -1):
                acc += shapes[begin]
                height = (width - GAP * (end - begin - 1)) / acc
                if height < target / 2 and end - begin > 1:
                    break  # more images than a row can hold
                if last_block and end == n and height > target:
                    miss = 0.0  # the very last row may stay short, at the target height
                else:
                    miss = (height - target) ** 2
                if cost[begin] + miss < cost[end]:
                    cost[end] = cost[begin] + miss
                    cut[end] = begin
        bounds: list[tuple[int, int]] = []
        end = n
        while end > 0:
            bounds.append((cut[end], end))
            end = cut[end]
        rows: list[Row] = []
        y = 0.0
        for begin, end in reversed(bounds):
            height = (width - GAP * (end - begin - 1)) / sum(shapes[begin:end])
            if height > target * MAX_STRETCH or (last_block and end == n and height > target):
                height = target  # too few images to fill the row: left as they are
            xs, widths = [], []
            x = 0.0
            for a in shapes[begin:end]:
                xs.append(x)
                widths.append(a * height)
                x += a * height + GAP
            rows.append(Row(start + begin, end - begin, y, height, tuple(xs), tuple(widths)))
            y += height + GAP
        return rows

    # -- looking up --------------------------------------------------------------------------

    def rows_between(self, top: float, bottom: float) -> list[Row]:
        """The rows that show between two heights of the grid."""
        if not self.aspects:
            return []
        found: list[Row] = []
        block = self.block_at(top)
        while block < len(self._heights) and self._tops[block] <= bottom:
            for row in self.rows(block):
                if row.top + row.height >= top and row.top <= bottom:
                    found.append(row)
            block += 1
        return found

    def row_of(self, position: int) -> tuple[int, int]:
        """(block, row number in the block) of a position."""
        block = position // BLOCK
        rows = self.rows(block)
        starts = [r.start for r in rows]
        return block, max(0, bisect.bisect_right(starts, position) - 1)

    def rect(self, position: int) -> tuple[float, float, float, float]:
        """A tile's (x, y, width, height) in the whole grid."""
        block, n = self.row_of(position)
        row = self.rows(block)[n]
        i = position - row.start
        return row.xs[i], row.top, row.widths[i], row.height

    def neighbour_row(self, position: int, step: int) -> Row | None:
        """The row above (-1) or below (+1) the one holding ``position``."""
        block, n = self.row_of(position)
        rows = self.rows(block)
        n += step
        if 0 <= n < len(rows):
            return rows[n]
        block += step
        if not 0 <= block < len(self._heights):
            return None
        rows = self.rows(block)
        return rows[0] if step > 0 else rows[-1]

    def position_at(self, x: float, y: float) -> int | None:
        for row in self.rows_between(y, y):
            if row.top <= y <= row.top + row.height:
                return row.tile_at(x)
        return None
