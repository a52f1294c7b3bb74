"""The Library tab's controls around the grid: search, filters in words with values beside
them, sort, saved searches, thumbnail size, import and export buttons, and the count."""

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
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from .flow import FlowLayout
from .gallery import GalleryModel
from .gallery_view import GalleryView

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
    """Search, filters, sorting, thumbnail size, and the grid."""

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
        layout.setSpacing(8)
        bar = QHBoxLayout()
        self.bar = bar  # the library tab puts its sidebar toggle first
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search prompts and tags"))
        self.search.setAccessibleName(self.tr("Search the library"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        # each choice carries its query value: the words shown are translated
        self.speed = _combo(
            self.tr("Speed filter"),
            [
                (None, self.tr("Any speed")),
                ("draft", self.tr("Draft")),
                ("fast", self.tr("Fast")),
                ("turbo", self.tr("Turbo")),
            ],
        )
        self.quality = _combo(
            self.tr("Quality filter"),
            [
                (None, self.tr("Any quality")),
                ("standard", self.tr("Standard")),
                ("hd", self.tr("HD")),
            ],
        )
        self.favourites = QCheckBox("♥")
        self.favourites.setToolTip(self.tr("Favourites only"))
        self.favourites.setAccessibleName(self.tr("Favourites only"))
        self.rating = _combo(
            self.tr("Minimum rating"),
            [(0, self.tr("Any rating"))]
            + [(n, "★" * n + ("+" if n < 5 else "")) for n in range(1, 6)],
        )
        self.sort = _combo(
            self.tr("Sort order"),
            [
                ("newest", self.tr("Newest")),
                ("oldest", self.tr("Oldest")),
                ("rating", self.tr("Rating")),
            ],
        )
        self.when = _combo(
            self.tr("Date range"),
            [
                (None, self.tr("Any time")),
                (1.0, self.tr("Today")),
                (7.0, self.tr("Last 7 days")),
                (30.0, self.tr("Last 30 days")),
            ],
        )
        self.aspect = _combo(
            self.tr("Aspect ratio filter"),
            [
                (None, self.tr("Any shape")),
                ("square", self.tr("Square")),
                ("landscape", self.tr("Landscape")),
                ("portrait", self.tr("Portrait")),
            ],
        )
        self.references = QCheckBox(self.tr("With references"))
        self.project = _combo(self.tr("Project filter"), [(None, self.tr("All projects"))])
        self.group = QCheckBox(self.tr("Group by job"))
        self.group.setToolTip(self.tr("One image per task: 4-up and 24-up stacks"))
        self._combos = (
            self.speed,
            self.quality,
            self.rating,
            self.sort,
            self.when,
            self.aspect,
            self.project,
        )
        for combo in self._combos:
            # compact: the filters must never push the create panel off screen
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(7)
        self.saved = QComboBox()
        self.saved.addItem(self.tr("Saved searches"))
        self.saved.setAccessibleName(self.tr("Saved searches"))
        self.save_search = QPushButton(self.tr("Save search…"))
        bar.addWidget(self.sort)
        layout.addLayout(bar)
        filters = FlowLayout()  # wraps onto as many rows as the column's width needs
        for w in (
            self.speed,
            self.quality,
            self.rating,
            self.favourites,
            self.when,
            self.aspect,
            self.project,
            self.references,
            self.group,
        ):
            filters.addWidget(w)
        layout.addLayout(filters)
        saved_row = QHBoxLayout()
        saved_row.addWidget(self.saved, 1)
        saved_row.addWidget(self.save_search)
        layout.addLayout(saved_row)
        self.view = GalleryView(model)
        layout.addWidget(self.view, 1)
        foot = QHBoxLayout()
        self.count = QLabel("")
        self.count.setObjectName("Muted")
        foot.addWidget(self.count)
        self.selected = QLabel("")
        self.selected.setAccessibleName(self.tr("Selection"))
        foot.addWidget(self.selected, 1)
        self.view.selection_counted.connect(self.show_selected)
        self.import_button = QPushButton(self.tr("Import folder…"))
        self.import_button.setToolTip(
            self.tr("Add a folder of earlier images, with any prompt they carry")
        )
        self.export_button = QPushButton(self.tr("Export selection…"))
        self.export_button.setToolTip(
            self.tr("Copy the selected images to a folder, with their prompts")
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
        for combo in self._combos:
            combo.currentIndexChanged.connect(lambda _: self._emit_query())
        for box in (self.favourites, self.references, self.group):
            box.toggled.connect(lambda _: self._emit_query())
        self.saved.activated.connect(self._on_saved_chosen)
        self._saved: list[dict[str, Any]] = []

    def query(self, now: float | None = None) -> dict[str, Any]:
        import time

        days = self.when.currentData()
        since = None
        if days is not None:
            since = (time.time() if now is None else now) - days * 86400
        return {
            "text": self.search.text(),
            "speed": self.speed.currentData(),
            "quality": self.quality.currentData(),
            "favourites": self.favourites.isChecked(),
            "min_rating": self.rating.currentData(),
            "sort": self.sort.currentData(),
            "since": since,
            "aspect": self.aspect.currentData(),
            "with_references": self.references.isChecked(),
            "project_id": self.project.currentData(),
            "group_by_job": self.group.isChecked(),
        }

    def filters(self) -> dict[str, Any]:
        """The panel's state as plain values (what a saved search stores)."""
        return {
            "text": self.search.text(),
            "speed": self.speed.currentIndex(),
            "quality": self.quality.currentIndex(),
            "rating": self.rating.currentIndex(),
            "favourites": self.favourites.isChecked(),
            "sort": self.sort.currentIndex(),
            "when": self.when.currentIndex(),
            "aspect": self.aspect.currentIndex(),
            "references": self.references.isChecked(),
            "group": self.group.isChecked(),
        }

    def apply_filters(self, f: dict[str, Any]) -> None:
        widgets = [
            self.search,
            self.speed,
            self.quality,
            self.rating,
            self.favourites,
            self.sort,
            self.when,
            self.aspect,
            self.references,
            self.group,
        ]
        for w in widgets:
            w.blockSignals(True)
        try:
            self.search.setText(str(f.get("text", "")))
            for name, combo in (
                ("speed", self.speed),
                ("quality", self.quality),
                ("rating", self.rating),
                ("sort", self.sort),
                ("when", self.when),
                ("aspect", self.aspect),
            ):
                combo.setCurrentIndex(int(f.get(name, 0)))
            self.favourites.setChecked(bool(f.get("favourites")))
            self.references.setChecked(bool(f.get("references")))
            self.group.setChecked(bool(f.get("group")))
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._emit_query()

    def set_saved_searches(self, saved: list[dict[str, Any]]) -> None:
        self._saved = list(saved)
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(self.tr("Saved searches"))
        for s in self._saved:
            self.saved.addItem(str(s.get("name", "search")))
        self.saved.blockSignals(False)

    def _on_saved_chosen(self, index: int) -> None:
        if index >= 1 and index - 1 < len(self._saved):
            self.apply_filters(self._saved[index - 1].get("filters", {}))

    def set_projects(self, projects: list[tuple[int, str]]) -> None:
        current = self.project.currentData()
        self.project.blockSignals(True)
        self.project.clear()
        self.project.addItem(self.tr("All projects"), None)
        for pid, name in projects:
            self.project.addItem(name, pid)
        index = self.project.findData(current)
        self.project.setCurrentIndex(max(0, index))
        self.project.blockSignals(False)

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

    def show_count(self, shown: int) -> None:
        text = self.tr("1 image") if shown == 1 else self.tr("{count} images")
        self.count.setText(text.format(count=QLocale().toString(shown)))
