"""How a card of the results feed is painted. A card is one job: the prompt as a caption,
chips for the settings that shaped it, its images at their own aspect (four across; a Draft's
24 as a compact grid), placeholders with progress while it runs, and a status line in words
(its state, how many images, what was withheld, what it cost; a failed job's reason and the
ways out). Where each part goes is ``feed_layout``'s; what the status line says is here.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..core.evolink import source_problem
from ..core.i18n import Text
from ..core.jobs import ACTIVE
from . import theme
from .feed_layout import (
    BUTTON_H,
    CARD_CACHE,
    CHIP_H,
    FAILED_BUTTONS,
    HOVER,
    CardLayout,
    card_layout,
    heart_rect,
    hover_buttons,
    roomy,
    small_font,
    text_buttons,
    two_lines,
)
from .feed_model import FeedModel, FeedRow, RowRole, caption
from .queue import cost_words, job_reason, state_label


class CardHost(Protocol):
    """What the delegate asks of the view it paints for (the feed's view)."""

    feed: FeedModel
    hover: tuple[int, int, str]

    @property
    def current(self) -> tuple[int, int]: ...

    def hasFocus(self) -> bool: ...

    def viewport(self) -> QWidget: ...


__all__ = ["CardLayout", "FeedDelegate", "card_layout", "status_text"]

translate = QCoreApplication.translate


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
    cost = cost_words(job)
    if cost:
        parts.append(cost)
    parts.append(_ago(job.created_at, now))
    if job.state not in ACTIVE and not row.images and job.state != "stored":
        reason = " ".join(job_reason(job).split())
        if reason:
            parts = [state_label(job.state), reason] + ([cost] if cost else [])
        tone = "error"
    return " · ".join(parts), tone


class FeedDelegate(QStyledItemDelegate):
    def __init__(self, view: CardHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        # job id → (key, pixmap of the whole card), least recently drawn first
        self._cards: OrderedDict[int, tuple[tuple[object, ...], QPixmap]] = OrderedDict()

    def _layout_at_origin(self, row: FeedRow, width: int, font: QFont) -> CardLayout:
        key = (width, row.shape)
        if row.layout is None or row.layout[0] != key:
            row.layout = (key, card_layout(row, 0, 0, width, font))
        return row.layout[1]  # type: ignore[return-value]

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
        text = caption(row.job)
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
        p.setFont(small_font(font))
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
        p.setFont(small_font(font))
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
                two_lines(text, metrics, area.width()),
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
