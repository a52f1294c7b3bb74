"""How a card of the results feed is laid out and painted. A card is one job: the prompt as a
caption, chips for the settings that shaped it, its images at their own aspect (four across; a
Draft's 24 as a compact grid), placeholders with progress while it runs, and a status line in
words (its state, how many images, what was withheld, what it cost; a failed job's reason and
the ways out).

``card_layout`` is the one place the geometry is decided: painting, hit-testing and the size
hint all ask it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from ..core.evolink import source_problem
from ..core.i18n import Text
from ..core.jobs import ACTIVE
from . import theme
from .feed_model import FeedRow, RowRole
from .queue import _reason, state_label

if TYPE_CHECKING:
    from .feed import FeedView

__all__ = ["CardLayout", "FeedDelegate", "card_layout", "status_text"]

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
    ("vary_subtle", "Vary"),
    ("vary_strong", "Strong"),
    ("remix", "Remix"),
    ("menu", "⋯"),
)
# a row that ended without images offers these
FAILED_BUTTONS: Final = (("edit", "Edit prompt"), ("rerun", "Run again"))


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
    lines = 1 if caption_metrics(font).horizontalAdvance(row.job.prompt_typed) <= inner_w else 2
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


def caption_metrics(font: QFont) -> QFontMetrics:
    """The caption is set in the card's font, demibold."""
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    return QFontMetrics(bold)


def _two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` cut to what two wrapped lines of ``width`` hold, with an ellipsis."""

    def lines(t: str) -> float:
        box = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, t)
        return box.height() / metrics.lineSpacing()

    if lines(text) < 2.5:
        return text
    while len(text) > 1 and lines(text + "…") >= 2.5:
        text = text[: int(len(text) * 0.95)]
    return text.rstrip() + "…"


def image_problem(row: FeedRow, image: Any) -> Text | None:
    """Why this image cannot be varied or remixed, or None."""
    age = time.time() - image.created_at
    return source_problem(row.job.model, row.job.task_id, image.idx, age)


def _ago(then: float, now: float) -> str:
    minutes = int(max(0.0, now - then) // 60)
    if minutes < 1:
        return translate("Feed", "just now")
    if minutes < 60:
        return translate("Feed", "{n} min ago").format(n=minutes)
    hours = minutes // 60
    if hours < 24:
        return translate("Feed", "{n} h ago").format(n=hours)
    return translate("Feed", "{n} d ago").format(n=hours // 24)


def status_text(row: FeedRow, now: float) -> tuple[str, str]:
    """The card's status line in words and its tone ("muted", "error", "warning")."""
    job = row.job
    parts = [state_label(job.state)]
    tone = "muted"
    if job.state in ACTIVE and job.state in ("running", "downloading") and row.progress:
        parts[0] += f" {row.progress} %"
    stored = len(row.images)
    if stored:
        parts.append(translate("Feed", "{n} of {total} images").format(n=stored, total=row.slots))
    if job.withheld_images:
        asked = job.withheld_images + row.slots
        parts.append(
            translate("Feed", "{n} of {asked} withheld by moderation").format(
                n=job.withheld_images, asked=asked
            )
        )
        tone = "warning"
    if job.credits_reserved:
        parts.append(translate("Feed", "{n} credits").format(n=f"{job.credits_reserved:g}"))
    parts.append(_ago(job.created_at, now))
    if job.state not in ACTIVE and not row.images and job.state != "stored":
        reason = " ".join(_reason(job).split())
        if reason:
            parts = [state_label(job.state), reason]
        tone = "error"
    return " · ".join(parts), tone


class FeedDelegate(QStyledItemDelegate):
    def __init__(self, view: FeedView) -> None:
        super().__init__(view)
        self.view = view
        # job id → (key, pixmap of the whole card), least recently drawn first
        self._cards: OrderedDict[int, tuple[tuple[object, ...], QPixmap]] = OrderedDict()

    def _layout_at_origin(self, row: FeedRow, width: int, font: QFont) -> CardLayout:
        key = (width, row.shape)
        if row.layout is None or row.layout[0] != key:
            row.layout = (key, card_layout(row, 0, 0, width, font))
        return row.layout[1]  # type: ignore[return-value]

    def layout_for(self, row: FeedRow, rect: QRect, font: QFont) -> CardLayout:
        return card_layout(row, rect.left(), rect.top(), rect.width(), font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        row: FeedRow | None = index.data(RowRole)
        width = self.view.viewport().width()
        if row is None:
            return QSize(width, 0)
        shape = row.shape
        if row.measured[:2] != (width, shape):  # measured once per width and shape
            layout = card_layout(row, 0, 0, width, option.font)
            row.measured = (width, shape, layout.height)
        return QSize(width, row.measured[2])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]
        """Copies the card from a pixmap drawn once per content, width and state: scrolling
        a feed of Drafts repaints hundreds of tiles a second, and each is then one copy."""
        row: FeedRow | None = index.data(RowRole)
        if row is None:
            return
        c = theme.current()
        font = QFont(option.font)
        at = option.rect
        lay = self._layout_at_origin(row, at.width(), font)
        view = self.view
        model_row = index.row()
        hover = view.hover if view.hover[0] == model_row else None
        current = view.current[1] if view.current[0] == model_row and view.hasFocus() else None
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        key = (
            at.width(),
            lay.card.height(),
            ratio,
            c.name,
            row.version,
            hover,
            current,
            int(time.time() // 60),  # "2 min ago"
        )
        cached = self._cards.get(row.job.id)
        if cached is None or cached[0] != key:
            pix = QPixmap(QSize(at.width(), lay.height) * ratio)
            pix.setDevicePixelRatio(ratio)
            pix.fill(QColor(c.panel))  # opaque (the panel the feed sits on): a plain copy
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.raised))
            p.drawRoundedRect(lay.card, 10, 10)
            self._paint_caption(p, row, bool(hover and hover[1] == -1), lay, font)
            self._paint_chips(p, row, lay, font)
            self._paint_tiles(p, row, model_row, lay, font)
            self._paint_status(p, row, model_row, lay, font)
            p.end()
            cached = (key, pix)
            self._cards[row.job.id] = cached
            self._cards.move_to_end(row.job.id)
            while len(self._cards) > CARD_CACHE:
                self._cards.popitem(last=False)
        painter.drawPixmap(at.topLeft(), cached[1])

    def _paint_caption(
        self, p: QPainter, row: FeedRow, hovered: bool, lay: CardLayout, font: QFont
    ) -> None:
        c = theme.current()
        caption_font = QFont(font)
        caption_font.setWeight(QFont.Weight.DemiBold)
        p.setFont(caption_font)
        p.setPen(QColor(c.accent if hovered else c.text))
        metrics = p.fontMetrics()
        text = row.job.prompt_typed
        if lay.caption_lines == 1:
            p.drawText(lay.caption, Qt.AlignmentFlag.AlignLeft, text)
            return
        # two lines: the first breaks at a word, the second is elided
        cut = len(text)
        while cut > 0 and metrics.horizontalAdvance(text[:cut]) > lay.caption.width():
            cut = text.rfind(" ", 0, cut - 1) if " " in text[: cut - 1] else cut - 1
        first, rest = text[:cut], text[cut:].strip()
        line = QRect(lay.caption.left(), lay.caption.top(), lay.caption.width(), metrics.height())
        p.drawText(line, Qt.AlignmentFlag.AlignLeft, first)
        line.translate(0, metrics.lineSpacing())
        p.drawText(
            line,
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(rest, Qt.TextElideMode.ElideRight, line.width()),
        )

    def _paint_chips(self, p: QPainter, row: FeedRow, lay: CardLayout, font: QFont) -> None:
        c = theme.current()
        chip_font = QFont(font)
        chip_font.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
        p.setFont(chip_font)
        metrics = p.fontMetrics()
        x = lay.chips.left()
        for chip in row.chips:
            w = metrics.horizontalAdvance(chip) + 16
            if x + w > lay.chips.right():
                break
            rect = QRect(x, lay.chips.top(), w, CHIP_H)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.cell))
            p.drawRoundedRect(rect, CHIP_H / 2, CHIP_H / 2)
            p.setPen(QColor(c.muted))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, chip)
            x += w + 6

    def _paint_tiles(
        self, p: QPainter, row: FeedRow, model_row: int, lay: CardLayout, font: QFont
    ) -> None:
        c = theme.current()
        model = self.view.feed
        placeholder = model.placeholder_colour()
        running = row.job.state in ACTIVE
        for slot, tile in enumerate(lay.tiles):
            image = row.images.get(slot)
            pix = model.thumbnail(row, image, tile.size()) if image is not None else None
            shown = pix is not None and not pix.isNull()
            size = pix.deviceIndependentSize().toSize() if shown and pix is not None else None
            if size is None or size.width() < tile.width() - 1 or size.height() < tile.height() - 1:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(placeholder)
                p.drawRoundedRect(tile, 6, 6)
            if shown and pix is not None and size is not None:
                target = QRect(QPoint(0, 0), size)
                target.moveCenter(tile.center())
                p.drawPixmap(target.topLeft(), pix)
            elif image is None and running and slot == 0 and row.progress:
                p.setPen(QColor(c.muted))
                p.drawText(tile, Qt.AlignmentFlag.AlignCenter, f"{row.progress} %")
            if image is not None and image.favourite:
                if roomy(tile):
                    self._paint_heart(p, tile, filled=True)
                else:  # a small tile: a dot in the star colour
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(QColor(c.star))
                    p.drawEllipse(QRect(tile.right() - 10, tile.top() + 4, 7, 7))
            if self.view.current == (model_row, slot) and self.view.hasFocus():
                p.setPen(QColor(c.accent))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(tile.adjusted(1, 1, -1, -1), 6, 6)
            if image is not None and self.view.hover[:2] == (model_row, slot):
                self._paint_hover(p, row, model_row, image, tile, font)

    def _paint_heart(self, p: QPainter, tile: QRect, *, filled: bool) -> None:
        c = theme.current()
        rect = heart_rect(tile)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 120))
        p.drawEllipse(rect)
        p.setPen(QColor(c.star if filled else "#ffffff"))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "♥" if filled else "♡")

    def _paint_hover(
        self, p: QPainter, row: FeedRow, model_row: int, image: Any, tile: QRect, font: QFont
    ) -> None:
        c = theme.current()
        small = QFont(font)
        small.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
        p.setFont(small)
        metrics = p.fontMetrics()
        problem = image_problem(row, image)
        for key, rect in hover_buttons(tile, metrics):
            enabled = key == "menu" or problem is None
            under = self.view.hover == (model_row, image.idx, key)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.accent) if under and enabled else QColor(0, 0, 0, 150))
            p.drawRoundedRect(rect, 6, 6)
            p.setPen(QColor("#ffffff") if enabled else QColor(255, 255, 255, 110))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, translate("Feed", dict(HOVER)[key]))
        if roomy(tile):
            self._paint_heart(p, tile, filled=bool(image.favourite))

    def _paint_status(
        self, p: QPainter, row: FeedRow, model_row: int, lay: CardLayout, font: QFont
    ) -> None:
        c = theme.current()
        p.setFont(font)
        text, tone = status_text(row, time.time())
        colour = {"error": c.error, "warning": c.warning}.get(tone, c.muted)
        metrics = p.fontMetrics()
        area = QRect(lay.status)
        if row.job.state not in ACTIVE and not row.images:
            buttons = text_buttons(lay.status, metrics, FAILED_BUTTONS)
            for key, rect in buttons:
                under = self.view.hover == (model_row, -2, key)
                p.setPen(QColor(c.accent) if under else QColor(c.border))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 6, 6)
                p.setPen(QColor(c.text))
                p.drawText(
                    rect, Qt.AlignmentFlag.AlignCenter, translate("Feed", dict(FAILED_BUTTONS)[key])
                )
            area.setBottom(area.bottom() - BUTTON_H - 6)
            p.setPen(QColor(colour))
            p.drawText(
                area,
                Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop,
                _two_lines(text, metrics, area.width()),
            )
            return
        if row.job.state in ACTIVE:
            bar = QRect(area.right() - 119, area.center().y() - 2, 120, 5)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.border))
            p.drawRoundedRect(bar, 2, 2)
            if row.progress:
                done = QRect(bar)
                done.setWidth(max(5, bar.width() * min(row.progress, 100) // 100))
                p.setBrush(QColor(c.accent))
                p.drawRoundedRect(done, 2, 2)
            area.setRight(bar.left() - 8)
        p.setPen(QColor(colour))
        p.drawText(
            area,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width()),
        )
