"""Demo pictures a designer can tell apart at thumbnail size, made with the standard library.

Each result is a small composed scene: a sky in the prompt's colours (a colour word in the
prompt wins: "red", "teal", "golden"…; otherwise the words choose), a sun, hills and a
silhouette placed differently for every image of the task, the prompt's first words as a
caption and the image's number in its corner. It is drawn on a coarse grid (100 to 200 cells
across) and each cell is widened into a block of pixels, so a Draft's image takes about 25 ms
and a 1024 px square about 120. Run it in an executor, never on a GUI thread.
"""

from __future__ import annotations

import colorsys
import hashlib
import math
import re
from typing import Final

__all__ = ["compose"]

Rgb = tuple[int, int, int]

#: Hue (0–1) and saturation of colour words a prompt may use.
_COLOUR_WORDS: Final[dict[str, tuple[float, float]]] = {
    "red": (0.0, 0.75),
    "crimson": (0.97, 0.8),
    "orange": (0.07, 0.8),
    "amber": (0.1, 0.8),
    "golden": (0.12, 0.7),
    "gold": (0.12, 0.7),
    "yellow": (0.15, 0.75),
    "lime": (0.25, 0.7),
    "green": (0.33, 0.6),
    "emerald": (0.4, 0.7),
    "teal": (0.48, 0.6),
    "cyan": (0.5, 0.6),
    "blue": (0.6, 0.65),
    "navy": (0.63, 0.7),
    "indigo": (0.7, 0.6),
    "violet": (0.77, 0.55),
    "purple": (0.8, 0.6),
    "magenta": (0.85, 0.65),
    "pink": (0.92, 0.45),
    "night": (0.66, 0.5),
    "dusk": (0.75, 0.45),
    "sunset": (0.05, 0.7),
    "forest": (0.32, 0.55),
    "ocean": (0.56, 0.65),
    "sea": (0.55, 0.6),
    "snow": (0.58, 0.1),
    "desert": (0.09, 0.5),
}

# 5 × 7 capitals and digits: each glyph is seven rows of five bits, most significant left.
_GLYPHS: Final[dict[str, tuple[int, ...]]] = {
    "A": (14, 17, 17, 31, 17, 17, 17),
    "B": (30, 17, 17, 30, 17, 17, 30),
    "C": (14, 17, 16, 16, 16, 17, 14),
    "D": (30, 17, 17, 17, 17, 17, 30),
    "E": (31, 16, 16, 30, 16, 16, 31),
    "F": (31, 16, 16, 30, 16, 16, 16),
    "G": (14, 17, 16, 23, 17, 17, 15),
    "H": (17, 17, 17, 31, 17, 17, 17),
    "I": (14, 4, 4, 4, 4, 4, 14),
    "J": (7, 2, 2, 2, 2, 18, 12),
    "K": (17, 18, 20, 24, 20, 18, 17),
    "L": (16, 16, 16, 16, 16, 16, 31),
    "M": (17, 27, 21, 21, 17, 17, 17),
    "N": (17, 17, 25, 21, 19, 17, 17),
    "O": (14, 17, 17, 17, 17, 17, 14),
    "P": (30, 17, 17, 30, 16, 16, 16),
    "Q": (14, 17, 17, 17, 21, 18, 13),
    "R": (30, 17, 17, 30, 20, 18, 17),
    "S": (15, 16, 16, 14, 1, 1, 30),
    "T": (31, 4, 4, 4, 4, 4, 4),
    "U": (17, 17, 17, 17, 17, 17, 14),
    "V": (17, 17, 17, 17, 17, 10, 4),
    "W": (17, 17, 17, 21, 21, 21, 10),
    "X": (17, 17, 10, 4, 10, 17, 17),
    "Y": (17, 17, 10, 4, 4, 4, 4),
    "Z": (31, 1, 2, 4, 8, 16, 31),
    "0": (14, 17, 19, 21, 25, 17, 14),
    "1": (4, 12, 4, 4, 4, 4, 14),
    "2": (14, 17, 1, 2, 4, 8, 31),
    "3": (30, 1, 1, 14, 1, 1, 30),
    "4": (2, 6, 10, 18, 31, 2, 2),
    "5": (31, 16, 30, 1, 1, 17, 14),
    "6": (6, 8, 16, 30, 17, 17, 14),
    "7": (31, 1, 2, 4, 8, 8, 8),
    "8": (14, 17, 17, 14, 17, 17, 14),
    "9": (14, 17, 17, 15, 1, 2, 12),
    "#": (10, 10, 31, 10, 31, 10, 10),
    "-": (0, 0, 0, 31, 0, 0, 0),
    ":": (0, 4, 0, 0, 0, 4, 0),
    " ": (0, 0, 0, 0, 0, 0, 0),
}
_WORD: Final = re.compile(r"[a-z]+")
_STOP: Final = frozenset({"a", "an", "the", "of", "on", "in", "at", "with", "and", "over", "by"})


def _rgb(h: float, s: float, v: float) -> Rgb:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, min(max(s, 0.0), 1.0), min(max(v, 0.0), 1.0))
    return int(r * 255), int(g * 255), int(b * 255)


def _mix(a: Rgb, b: Rgb, t: float) -> Rgb:
    t = min(max(t, 0.0), 1.0)
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )


def _words(prompt: str) -> list[str]:
    text = re.sub(r"sim:\S+", " ", prompt.split(" --", 1)[0].lower())  # the simulator's cues
    return [w for w in _WORD.findall(text) if w not in _STOP and not w.startswith("sim")]


def _caption(prompt: str, limit: int) -> str:
    out = ""
    for word in _words(prompt):
        nxt = f"{out} {word}".strip()
        if len(nxt) > limit:
            break
        out = nxt
    return out.upper()


def compose(prompt: str, seed: str, index: int, width: int, height: int) -> list[bytes]:
    """The picture's pixel rows (RGB, ``width`` × 3 bytes each)."""
    words = _words(prompt)
    digest = hashlib.sha256(" ".join(words[:4]).encode() or seed.encode()).digest()
    own = hashlib.sha256(f"{seed}\x00{index}".encode()).digest()
    r = [b / 255 for b in digest]
    q = [b / 255 for b in own]
    hue, sat = r[0], 0.45 + 0.3 * r[1]
    for word in words:
        if word in _COLOUR_WORDS:
            hue, sat = _COLOUR_WORDS[word]
            break
    dark = "night" in words or "storm" in words or "dusk" in words
    # the named (or chosen) colour fills the sky; the land takes its complement
    sky_top = _rgb(hue, sat * 0.85, 0.22 if dark else 0.5 + 0.15 * r[2])
    sky_low = _rgb(hue + 0.04, sat * 0.55, 0.5 if dark else 0.93)
    sun = _rgb(hue + 0.1, sat * 0.35, 1.0)
    hill = _rgb(hue + 0.42 + 0.16 * r[4], sat * 0.7, 0.32 + 0.15 * r[5])
    near = _rgb(hue + 0.5, sat * 0.6, 0.16 + 0.08 * r[6])

    long_side = max(width, height)
    cell = max(2, round(long_side / (100 if long_side <= 640 else 200)))  # drafts: coarser
    cols, rows = -(-width // cell), -(-height // cell)
    sun_x, sun_y = cols * (0.2 + 0.6 * q[0]), rows * (0.18 + 0.25 * q[1])
    sun_r = min(cols, rows) * (0.08 + 0.1 * q[2])
    horizon = rows * (0.58 + 0.12 * q[3])
    freq, phase = (1.5 + 3 * r[7]) * math.pi / cols, q[4] * 6.28
    tower_x, tower_w = cols * (0.1 + 0.7 * q[5]), cols * (0.06 + 0.08 * q[6])
    tower_h = rows * (0.25 + 0.3 * q[7])
    grid: list[list[Rgb]] = []
    for y in range(rows):
        t = y / max(rows - 1, 1)
        line: list[Rgb] = []
        sky = _mix(sky_top, sky_low, t * 1.3)
        for x in range(cols):
            ground = horizon + rows * 0.06 * math.sin(x * freq + phase)
            if y >= ground:
                colour = _mix(hill, near, (y - ground) / max(rows - ground, 1) * 1.6)
            else:
                d = math.hypot(x - sun_x, y - sun_y)
                colour = sun if d <= sun_r else _mix(sun, sky, (d - sun_r) / (sun_r * 1.5))
            if tower_x <= x < tower_x + tower_w and y >= rows - tower_h - rows * 0.1:
                colour = near
            line.append(colour)
        grid.append(line)
    _caption_bar(grid, cols, rows, _caption(prompt, max(4, (cols - 8) // 6)))
    _label(grid, f"#{index + 1}", 3, 3, (255, 255, 255), shadow=True)
    wide = [b"".join(bytes(px) * cell for px in line)[: width * 3] for line in grid]
    return [wide[min(y // cell, rows - 1)] for y in range(height)]


def _caption_bar(grid: list[list[Rgb]], cols: int, rows: int, text: str) -> None:
    top = rows - 12
    for y in range(max(top, 0), rows):
        grid[y] = [_mix(px, (12, 12, 16), 0.7) for px in grid[y]]
    _label(grid, text, 4, top + 3, (245, 245, 245))


def _label(
    grid: list[list[Rgb]], text: str, x0: int, y0: int, colour: Rgb, *, shadow: bool = False
) -> None:
    rows, cols = len(grid), len(grid[0]) if grid else 0
    for i, ch in enumerate(text):
        glyph = _GLYPHS.get(ch, _GLYPHS[" "])
        gx = x0 + i * 6
        for gy, bits in enumerate(glyph):
            for b in range(5):
                if bits & (16 >> b):
                    x, y = gx + b, y0 + gy
                    if shadow and 0 <= y + 1 < rows and 0 <= x + 1 < cols:
                        grid[y + 1][x + 1] = (0, 0, 0)
                    if 0 <= y < rows and 0 <= x < cols:
                        grid[y][x] = colour
