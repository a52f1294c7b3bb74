"""The Library tab's controls around the grid: search and sort, one row of filter chips
(``library_filters``) with Save search, and under the grid the count with the filters as a
sentence, the selection's size, import, export and the thumbnail size."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from .gallery import GalleryModel
from .gallery_view import GalleryView
from .library_filters import FilterBar

translate = QCoreApplication.translate

__all__ = ["GalleryPanel"]


def _combo(name: str, choices: list[tuple[Any, str]]) -> QComboBox:
    """A combo whose entries carry values (``currentData``) beside their translated words."""
    combo = QComboBox()
    for value, text in choices:
        combo.addItem(text, value)
    combo.setAccessibleName(name)
    return combo


class GalleryPanel(QWidget):
    """Search, sort, the filter chips, the grid and its foot."""

    query_changed = Signal(object)  # a dict of query fields

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self.side_slot = QVBoxLayout()  # the library's sidebar goes here (library_tab)
        outer.addLayout(self.side_slot)
        layout = QVBoxLayout()
        outer.addLayout(layout, 1)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        bar = QHBoxLayout()
        self.bar = bar  # the library tab puts its sidebar toggle first
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search prompts and tags"))
        self.search.setAccessibleName(self.tr("Search the library"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.sort = _combo(
            self.tr("Sort order"),
            [
                ("newest", self.tr("Newest")),
                ("oldest", self.tr("Oldest")),
                ("rating", self.tr("Rating")),
            ],
        )
        self.sort.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar.addWidget(self.sort)
        layout.addLayout(bar)
        chips = QHBoxLayout()
        self.filters_bar = FilterBar()
        chips.addWidget(self.filters_bar, 1)
        self.save_search = QPushButton(self.tr("Save search…"))
        self.save_search.setToolTip(self.tr("Keep this search and its filters in the sidebar"))
        chips.addWidget(self.save_search)
        layout.addLayout(chips)
        self.view = GalleryView(model)
        layout.addWidget(self.view, 1)
        foot = QHBoxLayout()
        self.count = QLabel("")
        self.count.setObjectName("Muted")
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("1,000,000 images"))
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        foot.addWidget(self.count, 1)
        self.selected = QLabel("")
        self.selected.setAccessibleName(self.tr("Selection"))
        foot.addWidget(self.selected)
        self.view.selection_counted.connect(self.show_selected)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setToolTip(
            self.tr("Add a folder of earlier images, with any prompt they carry")
        )
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(
            self.tr("Save the selected images to a folder: format, size, names, metadata")
        )
        foot.addWidget(self.import_button)
        foot.addWidget(self.export_button)
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(64, 512)
        self.size_slider.setValue(self.view.cell)
        self.size_slider.setMinimumWidth(80)
        self.size_slider.setMaximumWidth(160)
        self.size_slider.setToolTip(self.tr("Thumbnail size (Ctrl + / Ctrl −)"))
        self.size_slider.setAccessibleName(self.tr("Thumbnail size"))
        self.size_slider.valueChanged.connect(self.view.set_cell)
        foot.addWidget(self.size_slider)
        layout.addLayout(foot)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self._emit_query)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.sort.currentIndexChanged.connect(lambda _: self._emit_query())
        self.filters_bar.changed.connect(self._emit_query)
        self._shown = ""

    def query(self, now: float | None = None) -> dict[str, Any]:
        return {
            "text": self.search.text(),
            "sort": self.sort.currentData(),
            **self.filters_bar.query_fields(now),
        }

    def filters(self) -> dict[str, Any]:
        """The search as plain values (what a saved search stores): its words, order and
        filters — not positions in a list that a later version might reorder."""
        return {
            "text": self.search.text(),
            "sort": self.sort.currentData(),
            **self.filters_bar.values,
        }

    def apply_filters(self, f: dict[str, Any]) -> None:
        """A saved search brought back."""
        self.search.blockSignals(True)
        self.sort.blockSignals(True)
        self.filters_bar.blockSignals(True)
        try:
            self.search.setText(str(f.get("text", "")))
            self.sort.setCurrentIndex(max(0, self.sort.findData(f.get("sort", "newest"))))
            self.filters_bar.set_values(f)
        finally:
            self.search.blockSignals(False)
            self.sort.blockSignals(False)
            self.filters_bar.blockSignals(False)
        self._emit_query()

    def set_projects(self, projects: list[tuple[int, str]]) -> None:
        self.filters_bar.set_projects(projects)

    def _emit_query(self) -> None:
        self.query_changed.emit(self.query())

    def show_counting(self, shown: int) -> None:
        """The newest matches are shown; the rest (and their count) are on their way."""
        self.count.setText(
            self.tr("The newest {count} matches… counting").format(count=QLocale().toString(shown))
        )

    def show_selected(self, count: int) -> None:
        """How many images the next bulk action (rate, tag, file, trash, export) acts on."""
        if not count:
            self.selected.setText("")
            return
        text = self.tr("· 1 selected") if count == 1 else self.tr("· {count} selected")
        self.selected.setText(text.format(count=QLocale().toString(count)))

    def show_count(self, shown: int, tasks: bool = False) -> None:
        """The count, and what the filters select in words ("12 images · fast, HD"); grouped
        by job, the tasks are counted (a stack is not an image)."""
        if tasks:
            text = self.tr("1 task") if shown == 1 else self.tr("{count} tasks")
        else:
            text = self.tr("1 image") if shown == 1 else self.tr("{count} images")
        text = text.format(count=QLocale().toString(shown))
        sentence = self.filters_bar.sentence()
        self.count.setText(f"{text} · {sentence}" if sentence else text)
        self.count.setToolTip(sentence)
        if shown:
            self.view.empty_text = ""
        elif sentence or self.search.text().strip():
            self.view.empty_text = self.tr(
                "No images match. Remove a filter (✕) or change the search."
            )
        else:
            self.view.empty_text = self.tr("No images here yet.")
        self.view.viewport().update()
