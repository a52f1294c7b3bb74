"""Where everything of a results-feed card goes: ``card_layout`` is the one place the geometry
is decided (painting, hit-testing and the size hint all ask it), with the buttons a tile or a
status line offers and the measures of the caption."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from ..core.jobs import ACTIVE
from .feed_model import FeedRow
from .feed_model import caption as caption_of

__all__ = [
    "BUTTON_H",
    "CARD_CACHE",
    "CHIP_H",
    "FAILED_BUTTONS",
    "GAP",
    "HOVER",
    "LINE_H",
    "MARGIN",
    "PAD",
    "CardLayout",
    "caption_metrics",
    "card_layout",
    "heart_rect",
    "hover_buttons",
    "roomy",
    "small_font",
    "text_buttons",
    "two_lines",
]

translate = QCoreApplication.translate

PAD: Final = 12  # inside a card
GAP: Final = 6  # between tiles
MARGIN: Final = 6  # around a card
CHIP_H: Final = 22
LINE_H: Final = 20
BUTTON_H: Final = 24
CARD_CACHE: Final = 80  # cards kept drawn: a few screens (≈ 0.5 MB each)

# the hover bar of an image: (action key, label) — labels translated at paint time
HOVER: Final = (
    ("vary_subtle", str(QT_TRANSLATE_NOOP("Feed", "Vary"))),
    ("vary_strong", str(QT_TRANSLATE_NOOP("Feed", "Strong"))),
    ("remix", str(QT_TRANSLATE_NOOP("Feed", "Remix"))),
    ("edit_image", str(QT_TRANSLATE_NOOP("Feed", "Edit"))),
    ("menu", "⋯"),
)
# a row that ended without images offers these
FAILED_BUTTONS: Final = (
    ("edit", str(QT_TRANSLATE_NOOP("Feed", "Edit prompt"))),
    ("rerun", str(QT_TRANSLATE_NOOP("Feed", "Run again"))),
)


@dataclass(frozen=True)
class CardLayout:
    card: QRect
    caption: QRect
    caption_lines: int
    chips: QRect
    status: QRect
    tiles: tuple[QRect, ...]  # one per slot

    @property
    def height(self) -> int:
        return self.card.height() + 2 * MARGIN


def card_layout(row: FeedRow, left: int, top: int, width: int, font: QFont) -> CardLayout:
    """Where everything of ``row``'s card goes when the card is ``width`` wide at (left, top),
    set in ``font``."""
    metrics = QFontMetrics(font)
    card = QRect(left + MARGIN, top + MARGIN, max(width - 2 * MARGIN, 120), 0)
    inner_w = card.width() - 2 * PAD
    x, y = card.left() + PAD, card.top() + PAD
    lines = 1 if caption_metrics(font).horizontalAdvance(caption_of(row.job)) <= inner_w else 2
    caption = QRect(x, y, inner_w, lines * metrics.lineSpacing())
    y = caption.bottom() + 1 + 6
    chips = QRect(x, y, inner_w, CHIP_H)
    y = chips.bottom() + 1 + 8
    slots = row.slots
    finished_without_images = row.job.state not in ACTIVE and not row.images
    if finished_without_images:
        slots = 0
    columns = 4 if slots <= 4 else 8
    tile_w = max((inner_w - (columns - 1) * GAP) // columns, 16)
    ratio = min(max(row.aspect, 0.45), 2.4)
    tile_h = max(int(tile_w / ratio), 16)
    tiles = []
    for slot in range(slots):
        r, c = divmod(slot, columns)
        tiles.append(QRect(x + c * (tile_w + GAP), y + r * (tile_h + GAP), tile_w, tile_h))
    if tiles:
        y = tiles[-1].bottom() + 1 + 8
    # a card that ended without images: its reason on up to two lines, then the ways out
    tall = 2 * metrics.lineSpacing() + 6 + BUTTON_H
    status = QRect(x, y, inner_w, tall if finished_without_images else LINE_H)
    card.setHeight(status.bottom() + 1 + PAD - card.top())
    return CardLayout(card, caption, lines, chips, status, tuple(tiles))


def roomy(tile: QRect) -> bool:
    """Whether a tile has room for the heart and the hover bar (a Draft's small tiles offer
    only "⋯", in their middle; F and the menu favourite them)."""
    return tile.height() >= BUTTON_H + 32 and tile.width() >= 72


def hover_buttons(tile: QRect, metrics: QFontMetrics) -> list[tuple[str, QRect]]:
    """The hover bar's buttons along the bottom of a tile: as many as fit, "⋯" always."""
    if not roomy(tile):
        w = metrics.horizontalAdvance("⋯") + 14
        button = QRect(0, 0, w, min(BUTTON_H, tile.height() - 4))
        button.moveCenter(tile.center())
        return [("menu", button)]
    out: list[tuple[str, QRect]] = []
    x, bottom = tile.left() + 6, tile.bottom() - 6
    room = tile.width() - 12
    for key, label in HOVER:
        text = translate("Feed", label)
        w = metrics.horizontalAdvance(text) + 14
        needed = w + (0 if key == "menu" else metrics.horizontalAdvance("⋯") + 20)
        if needed > room and key != "menu":
            continue
        out.append((key, QRect(x, bottom - BUTTON_H + 1, w, BUTTON_H)))
        x += w + 4
        room -= w + 4
    return out


def heart_rect(tile: QRect) -> QRect:
    return QRect(tile.right() - 29, tile.top() + 5, 24, 24)


def text_buttons(
    status: QRect, metrics: QFontMetrics, buttons: tuple[tuple[str, str], ...]
) -> list[tuple[str, QRect]]:
    """Buttons along the bottom of a status area, from its left."""
    out: list[tuple[str, QRect]] = []
    x, top = status.left(), status.bottom() + 1 - BUTTON_H
    for key, label in buttons:
        w = metrics.horizontalAdvance(translate("Feed", label)) + 20
        out.append((key, QRect(x, top, w, BUTTON_H)))
        x += w + 6
    return out


def small_font(font: QFont) -> QFont:
    """The card's small type: chips and the buttons over a tile."""
    small = QFont(font)
    small.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
    return small


def caption_metrics(font: QFont) -> QFontMetrics:
    """The caption is set in the card's font, demibold."""
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    return QFontMetrics(bold)


def two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` cut to what two wrapped lines of ``width`` hold, with an ellipsis."""

    def lines(t: str) -> float:
        box = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, t)
        return box.height() / metrics.lineSpacing()

    if lines(text) < 2.5:
        return text
    while len(text) > 1 and lines(text + "…") >= 2.5:
        text = text[: int(len(text) * 0.95)]
    return text.rstrip() + "…"
