"""The queue panel: every job with its state, progress, elapsed time, cost and error, and the
actions that apply to it. A thin model over job rows, a delegate that only paints, and a plain
function that says which actions a job offers (tests call it directly)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from . import theme
from .menus import keyboard_menu_event
from .queue_batches import HEADER, Batch, batches, paint_header, summary
from .queue_words import (
    ACTIVE,
    STATE_LABELS,
    JobAction,
    actions_for,
    cost_words,
    job_meta,
    job_reason,
    state_label,
)

translate = QCoreApplication.translate

JobRole = Qt.ItemDataRole.UserRole + 1
ProgressRole = Qt.ItemDataRole.UserRole + 2
BatchRole = Qt.ItemDataRole.UserRole + 3


Index = QModelIndex | QPersistentModelIndex

__all__ = [
    "ACTIVE",
    "STATE_LABELS",
    "BatchRole",
    "JobAction",
    "JobRole",
    "ProgressRole",
    "QueueModel",
    "QueueView",
    "actions_for",
    "cost_words",
    "job_meta",
    "job_reason",
    "state_label",
]


class QueueModel(QAbstractListModel):
    """Jobs, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._index: dict[int, int] = {}
        self._progress: dict[int, int] = {}
        self.batches: dict[int, Batch] = {}  # job id → its batch (batches of two or more)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        job = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return job.prompt_typed
        if role == Qt.ItemDataRole.ToolTipRole:
            return job_reason(job) or job.prompt
        if role == Qt.ItemDataRole.AccessibleTextRole:
            batch = self.batches.get(job.id)
            head = f"{summary(batch, state_label)}. " if batch and batch.first_id == job.id else ""
            return f"{head}{state_label(job.state)}: {job.prompt_typed}"
        if role == BatchRole:
            return self.batches.get(job.id)
        if role == JobRole:
            return job
        if role == ProgressRole:
            return self._progress.get(job.id, job.progress)
        return None

    def job_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, job_id: int) -> int | None:
        return self._index.get(job_id)

    def _reindex(self) -> None:
        self._index = {job.id: i for i, job in enumerate(self._rows)}
        self.batches = batches(self._rows)

    def set_jobs(self, jobs: list[Any]) -> None:
        self.beginResetModel()
        self._rows = sorted(jobs, key=lambda j: j.id, reverse=True)
        self._reindex()
        self.endResetModel()

    def upsert(self, job: Any) -> None:
        row = self._index.get(job.id)
        if row is not None:
            self._rows[row] = job
            batch = self.batches.get(job.id)
            self.batches = batches(self._rows)  # a batch's counts changed with this job
            head = self._index.get(batch.first_id, row) if batch else row
            self.dataChanged.emit(self.index(min(row, head)), self.index(max(row, head)))
            return
        pos = 0
        while pos < len(self._rows) and self._rows[pos].id > job.id:
            pos += 1
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._rows.insert(pos, job)
        self._reindex()
        self.endInsertRows()

    def set_progress(self, job_id: int, progress: int) -> None:
        self._progress[job_id] = progress
        row = self._index.get(job_id)
        if row is not None:
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [ProgressRole])

    def active_rows(self) -> list[int]:
        return [i for i, j in enumerate(self._rows) if j.state in ACTIVE]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for j in self._rows:
            out[j.state] = out.get(j.state, 0) + 1
        return out


class QueueDelegate(QStyledItemDelegate):
    """A card: state (never cut: the other words give way), time, credits and mode; the
    prompt; progress or the reason, in full when the card is expanded (a click)."""

    GAP = 3  # px between the card's lines
    PAD = 12

    def __init__(self, view: QueueView) -> None:
        super().__init__(view)
        self.view = view

    def _reason_box(self, width: int, font: QFont, job: Any) -> QRect:
        metrics = QFontMetrics(self._small(font))
        text = " ".join(job_reason(job).split())
        return metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)

    @staticmethod
    def _small(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(8.0, font.pointSizeF() * 0.9))
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        job = index.data(JobRole)
        width = max(self.view.viewport().width(), 120)
        batch = index.data(BatchRole)
        header = HEADER if batch is not None and job is not None and batch.first_id == job.id else 0
        line = self.line_height(option.font)
        height = 3 * line + 2 * self.GAP + 24  # three lines, card margins and padding
        if job is None or job.id not in self.view.expanded or not job_reason(job):
            return QSize(width, height + header)  # the width follows the view
        inner = width - 8 - 2 * self.PAD
        box = self._reason_box(inner, option.font, job)
        return QSize(width, max(height, height - line + box.height()) + header)

    def line_height(self, font: QFont) -> int:
        """One line of the card's small type (the card grows with the font and the scale)."""
        return QFontMetrics(self._small(font)).lineSpacing()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        job = index.data(JobRole)
        if job is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(4, 4, -4, -4)
        c = theme.current()
        batch = index.data(BatchRole)
        if batch is not None:  # a batch's cards are indented behind one rule
            if batch.first_id == job.id:
                top = QRect(option.rect.left(), option.rect.top(), option.rect.width(), HEADER)
                text = summary(batch, state_label)
                paint_header(painter, top, batch, batch.key in self.view.folded, text, option.font)
                rect.setTop(rect.top() + HEADER)
            painter.fillRect(
                QRect(option.rect.left() + 6, rect.top(), 3, rect.height()), QColor(c.accent)
            )
            rect.setLeft(rect.left() + 10)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(c.selection if selected else c.raised))
        painter.drawRoundedRect(rect, 10, 10)
        inner = rect.adjusted(self.PAD, 8, -self.PAD, -8)
        colour = QColor(c.state_colour(job.state))
        painter.setBrush(colour)
        dot_y = inner.top() + (self.line_height(option.font) - 8) // 2
        painter.drawEllipse(QRect(inner.left(), dot_y, 8, 8))
        font = self._small(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        label = state_label(job.state)
        label_w = metrics.horizontalAdvance(label)
        painter.setPen(colour)
        painter.drawText(inner.adjusted(16, 0, 0, 0), Qt.AlignmentFlag.AlignLeft, label)
        room = inner.width() - 16 - label_w - 12
        meta = metrics.elidedText(job_meta(job, time.time()), Qt.TextElideMode.ElideLeft, room)
        painter.setPen(QColor(c.muted))
        painter.drawText(inner, Qt.AlignmentFlag.AlignRight, meta)
        font.setWeight(QFont.Weight.Normal)
        painter.setFont(font)
        painter.setPen(QColor(c.text))
        metrics = painter.fontMetrics()
        step = self.line_height(option.font) + self.GAP
        line = inner.adjusted(0, step, 0, 0)
        shown = job.prompt or job.prompt_typed  # the variant this job sent
        # in a batch the variants differ late (--s 100, --s 400): keep both ends in sight
        elide = Qt.TextElideMode.ElideMiddle if batch else Qt.TextElideMode.ElideRight
        prompt = metrics.elidedText(shown, elide, line.width())
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft, prompt)
        bottom = inner.adjusted(0, 2 * step, 0, 0)
        reason = " ".join(job_reason(job).split())
        if job.state in ACTIVE and not reason:
            progress = int(index.data(ProgressRole) or 0)
            bar = QRect(bottom.left(), bottom.top() + 4, bottom.width(), 6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.border))
            painter.drawRoundedRect(bar, 3, 3)
            if progress > 0:
                filled = QRect(bar)
                filled.setWidth(max(6, int(bar.width() * min(progress, 100) / 100)))
                painter.setBrush(QColor(c.accent))
                painter.drawRoundedRect(filled, 3, 3)
        elif reason:  # a stored job's reason is a warning (images withheld), not a success
            painter.setPen(QPen(QColor(c.warning) if job.state == "stored" else colour))
            if job.id in self.view.expanded:
                painter.drawText(
                    bottom, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, reason
                )
            else:
                text = metrics.elidedText(reason, Qt.TextElideMode.ElideRight, bottom.width())
                painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()


class QueueView(QListView):
    action_requested = Signal(str, object)  # action key, job

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue_model = QueueModel(self)
        self.setModel(self.queue_model)
        self.expanded: set[int] = set()  # job ids whose reason is shown in full
        self.folded: set[tuple[str, float]] = set()  # batches shown as their header only
        self.queue_model.modelReset.connect(self._apply_folds)
        self.queue_model.rowsInserted.connect(self._apply_folds)
        self.setItemDelegate(QueueDelegate(self))
        self.setAccessibleName(self.tr("Task queue"))
        self.setUniformItemSizes(False)
        self.clicked.connect(self._on_clicked)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_menu)
        self.doubleClicked.connect(self._on_double_clicked)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def event(self, event: QEvent) -> bool:
        if keyboard_menu_event(self, event):
            return True
        return super().event(event)

    def _tick(self) -> None:
        for row in self.queue_model.active_rows():
            idx = self.queue_model.index(row)
            self.update(idx)

    def menu_for(self, job: Any) -> QMenu:
        menu = QMenu(self)
        for action in actions_for(job):
            item = menu.addAction(action.label)
            item.setEnabled(action.enabled)
            if not action.enabled:
                item.setToolTip(action.reason)
            item.triggered.connect(lambda _=False, k=action.key: self.action_requested.emit(k, job))
        menu.setToolTipsVisible(True)
        return menu

    def _on_menu(self, pos: Any) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        menu = self.menu_for(index.data(JobRole))
        menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _on_clicked(self, index: QModelIndex) -> None:
        """A click shows a card's reason in full, or folds it again."""
        job = index.data(JobRole)
        if job is None or not job_reason(job):
            return
        self.expanded ^= {job.id}
        self.scheduleDelayedItemsLayout()

    def fold(self, batch: Batch, folded: bool) -> None:
        """Shows a batch as its header and newest card, or opens it."""
        (self.folded.add if folded else self.folded.discard)(batch.key)
        self._apply_folds()
        self.viewport().update()

    def _apply_folds(self, *_: Any) -> None:
        model = self.queue_model
        for row in range(model.rowCount()):
            job = model.job_at(row)
            batch = model.batches.get(job.id)
            hide = batch is not None and batch.key in self.folded and batch.first_id != job.id
            if self.isRowHidden(row) != hide:
                self.setRowHidden(row, hide)

    def mouseReleaseEvent(self, event: Any) -> None:
        """A click on a batch's header folds or opens the batch."""
        index = self.indexAt(event.position().toPoint())
        batch = index.data(BatchRole) if index.isValid() else None
        on_header = event.position().y() < self.visualRect(index).top() + HEADER
        if batch is not None and batch.first_id == index.data(JobRole).id and on_header:
            self.fold(batch, batch.key not in self.folded)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        index = self.currentIndex()
        job = index.data(JobRole) if index.isValid() else None
        batch = index.data(BatchRole) if index.isValid() else None
        if batch is not None and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.fold(batch, event.key() == Qt.Key.Key_Left)
            return
        if job is not None and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return):
            self._on_clicked(index)
            return
        if job is not None and event.key() == Qt.Key.Key_Delete and job.state == "saved":
            self.action_requested.emit("dismiss", job)  # cancel: it was never sent
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.expanded:
            self.scheduleDelayedItemsLayout()  # wrapped reasons change height with the width

    def _on_double_clicked(self, index: QModelIndex) -> None:
        job = index.data(JobRole)
        if job is not None and job.state == "stored":
            self.action_requested.emit("show", job)
