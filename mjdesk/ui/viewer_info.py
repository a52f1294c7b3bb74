"""The viewer's side panel, laid out for people: the prompt (with Copy), its settings as chips,
the rating and favourite to click, the tags to edit (with completion), where the image came
from (a link to its source), and the file's size and shape. The task id stays at the foot, for
support."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import evolink
from ..core.modes import cost_units
from . import theme
from .flow import FlowLayout
from .gallery import ratio_words
from .tag_editor import TagLine

__all__ = ["InfoPanel", "operation_words"]

translate = QCoreApplication.translate


def operation_words(model: str) -> str:
    """What made an image, in words (the model EvoLink ran)."""
    t = translate
    return {
        evolink.GENERATE: t("Viewer", "Generated"),
        evolink.VARIATION: t("Viewer", "Variation"),
        evolink.REMIX: t("Viewer", "Remix"),
        evolink.RETEXTURE: t("Viewer", "Retexture"),
        evolink.EDIT: t("Viewer", "Canvas edit"),
        evolink.UPLOAD_PAINT: t("Viewer", "Repaint"),
        evolink.REMOVE_BG: t("Viewer", "Background removed"),
    }.get(model, model)


def _bytes(n: int) -> str:
    return QLocale().formattedDataSize(n, 1)


class InfoPanel(QWidget):
    rate = Signal(int)  # 0 to 5
    favourite = Signal()
    tags_edited = Signal(list, list)  # added, removed
    source_requested = Signal(int)  # the image this one was made from

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(320)
        self._rating = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(theme.section_title(self.tr("Prompt")))
        self.prompt = QLabel("")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.prompt)
        self.copy = QPushButton(self.tr("Copy prompt"))
        self.copy.setToolTip(self.tr("Copy the prompt as it was sent (Ctrl+C)"))
        self.copy.clicked.connect(self.copy_prompt)
        self.copy.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the viewer keeps the keys
        layout.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignLeft)
        self.chips = FlowLayout(spacing=4)
        layout.addLayout(self.chips)
        stars = QHBoxLayout()
        stars.setSpacing(2)
        self.star_buttons: list[QToolButton] = []
        for n in range(1, 6):
            b = QToolButton()
            b.setAutoRaise(True)
            b.setToolTip(self.tr("Rate {n} (key {n}; 0 clears)").format(n=n))
            b.setAccessibleName(self.tr("Rate {n}").format(n=n))
            b.clicked.connect(lambda _=False, n=n: self.rate.emit(0 if self._rating == n else n))
            stars.addWidget(b)
            self.star_buttons.append(b)
        self.heart = QToolButton()
        self.heart.setAutoRaise(True)
        self.heart.setToolTip(self.tr("Favourite (F)"))
        self.heart.setAccessibleName(self.tr("Favourite"))
        self.heart.clicked.connect(self.favourite)
        big = self.heart.font()
        big.setPointSizeF(big.pointSizeF() * 1.5)
        for b in (*self.star_buttons, self.heart):
            b.setFont(big)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        stars.addSpacing(8)
        stars.addWidget(self.heart)
        stars.addStretch(1)
        layout.addLayout(stars)
        layout.addWidget(theme.section_title(self.tr("Tags")))
        self.tags = TagLine([])
        self.tags.setPlaceholderText(self.tr("Add tags, then Enter"))
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.returnPressed.connect(self._on_tags)
        layout.addWidget(self.tags)
        self.source = QLabel("")
        self.source.setTextFormat(Qt.TextFormat.RichText)
        self.source.linkActivated.connect(lambda link: self.source_requested.emit(int(link)))
        layout.addWidget(self.source)
        self.file = QLabel("")
        self.file.setObjectName("Muted")
        self.file.setWordWrap(True)
        layout.addWidget(self.file)
        self.task = QLabel("")
        self.task.setObjectName("Muted")
        self.task.setWordWrap(True)
        self.task.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.task)
        self._tags: list[str] = []
        self.item: Any = None

    # -- contents ----------------------------------------------------------------------------

    def show_item(self, item: Any, parent_id: int | None) -> None:
        self.item = item
        self.prompt.setText(item.prompt)
        while self.chips.count():
            taken = self.chips.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        units = cost_units(item.speed, item.quality)
        for text in (
            item.speed.capitalize() if item.speed else "",
            "HD" if item.quality == "hd" else self.tr("Standard"),
            f"{item.width}×{item.height}" if item.width else "",
            ratio_words(item.width, item.height),
            operation_words(item.model),
            self.tr("Style: {name}").format(name=item.style)
            if getattr(item, "style", None)
            else "",
            self.tr("1 cost unit")
            if units == 1
            else self.tr("{n} cost units").format(n=f"{units:g}"),
        ):
            if text:
                chip = QLabel(text)
                chip.setObjectName("ParamChip")
                self.chips.addWidget(chip)
        self.show_marks(item.rating, bool(item.favourite))
        self._tags = item.tags.split()
        self.tags.setText(" ".join(self._tags) + (" " if self._tags else ""))
        made = time.strftime("%Y-%m-%d %H:%M", time.localtime(item.created_at))
        if parent_id is not None:
            self.source.setText(
                self.tr('Made from <a href="{id}">its source image</a> · {made}').format(
                    id=parent_id, made=made
                )
            )
        else:
            self.source.setText(self.tr("Made {made}").format(made=made))
        kind = (item.path.rsplit(".", 1)[-1] if "." in item.path else "").upper()
        size = _bytes(item.size) if getattr(item, "size", 0) else ""
        self.file.setText(" · ".join(x for x in (kind, size) if x))
        self.task.setText(
            self.tr("Task {task} · image {n}").format(task=item.task_id or "—", n=item.idx + 1)
        )

    def show_marks(self, rating: int, favourite: bool) -> None:
        self._rating = rating
        for n, b in enumerate(self.star_buttons, start=1):
            b.setText("★" if n <= rating else "☆")
        self.heart.setText("♥" if favourite else "♡")

    def set_tag_names(self, names: list[str]) -> None:
        self.tags.completer_.model().setStringList(names)  # type: ignore[attr-defined]

    def show_pair(self, left: Any, right: Any) -> None:
        """Compare: what each side is."""
        self.item = None
        self.prompt.setText(
            self.tr("Left: {left}\n\nRight: {right}").format(
                left=f"{left.prompt} ({left.width}×{left.height})",
                right=f"{right.prompt} ({right.width}×{right.height})",
            )
        )
        self.source.setText("")
        self.file.setText("")
        self.task.setText("")

    def copy_prompt(self) -> None:
        if self.item is not None:
            QGuiApplication.clipboard().setText(self.item.prompt)

    def _on_tags(self) -> None:
        words = self.tags.words()
        add = [w for w in words if w not in self._tags]
        remove = [t for t in self._tags if t not in words]
        self._tags = words
        if add or remove:
            self.tags_edited.emit(add, remove)
