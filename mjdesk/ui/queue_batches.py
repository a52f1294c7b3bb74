"""Batches in the queue: the jobs one submission made (a permutation, ``--repeat``, a line of
``mjdesk batch``) sit together under a header that counts them by state and folds them away.

A batch is the run of neighbouring jobs that share a batch name and the moment they were
recorded (one transaction records a whole submission). A job on its own has no header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from . import theme

__all__ = ["HEADER", "Batch", "batches", "paint_header", "summary"]

translate = QCoreApplication.translate

HEADER = 26  # px above a batch's first card


@dataclass(eq=False)
class Batch:
    key: tuple[str, float]
    first_id: int  # the newest job: its card carries the header
    ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # state → jobs

    @property
    def size(self) -> int:
        return len(self.ids)


def _key(job: Any) -> tuple[str, float] | None:
    name = getattr(job, "batch", None)
    return (name, job.created_at) if name else None


def batches(rows: Sequence[Any]) -> dict[int, Batch]:
    """Job id → its batch, for every job in a batch of two or more (rows newest first)."""
    out: dict[int, Batch] = {}
    run: list[Any] = []

    def close() -> None:
        if len(run) > 1:
            batch = Batch(_key(run[0]) or ("", 0.0), run[0].id)
            for job in run:
                batch.ids.append(job.id)
                batch.counts[job.state] = batch.counts.get(job.state, 0) + 1
                out[job.id] = batch
        run.clear()

    for job in rows:
        key = _key(job)
        if run and key is not None and key == _key(run[-1]):
            run.append(job)
            continue
        close()
        if key is not None:
            run.append(job)
    close()
    return out


def summary(batch: Batch, label: Any) -> str:
    """ "Batch · 6 jobs · 4 Done · 2 Generating" (``label`` names a state)."""
    parts = [translate("Queue", "Batch · {n} jobs").format(n=batch.size)]
    for state, n in sorted(batch.counts.items(), key=lambda kv: -kv[1]):
        parts.append(f"{n} {label(state)}")
    return " · ".join(parts)


def paint_header(
    painter: QPainter, rect: QRect, batch: Batch, folded: bool, text: str, font: QFont
) -> None:
    """The header strip: a chevron (folded or open) and the batch's counts."""
    c = theme.current()
    painter.save()
    small = QFont(font)
    small.setPointSizeF(max(8.0, font.pointSizeF() * 0.85))
    small.setWeight(QFont.Weight.DemiBold)
    painter.setFont(small)
    painter.setPen(QColor(c.muted))
    area = rect.adjusted(10, 0, -8, 0)
    chevron = "▸" if folded else "▾"
    painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, chevron)
    words = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width() - 16)
    painter.drawText(
        area.adjusted(16, 0, 0, 0),
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
        words,
    )
    painter.restore()
