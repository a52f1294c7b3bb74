"""The library's filters as one row of chips: "+ Filter" offers speed, quality, rating, date,
shape, project, operation, favourites, references and grouping; each filter in force is a chip
that one click removes; together they read as a sentence (shown under the grid)."""

from __future__ import annotations

import time
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QSizePolicy, QToolButton, QWidget

from ..core import evolink

__all__ = ["FILTER_KEYS", "FilterBar", "describe"]

translate = QCoreApplication.translate

FILTER_KEYS: Final = (
    "speed",
    "quality",
    "min_rating",
    "days",
    "aspect",
    "project_id",
    "style",
    "models",
    "favourites",
    "with_references",
    "group_by_job",
)

# what each operation filter selects (jobs.model)
OPERATIONS: Final = {
    "generate": (evolink.GENERATE,),
    "vary": (evolink.VARIATION, evolink.REMIX),
    "edit": (evolink.EDIT, evolink.UPLOAD_PAINT),
    "retexture": (evolink.RETEXTURE,),
    "remove-bg": (evolink.REMOVE_BG,),
}


def _choices(key: str) -> list[tuple[Any, str]]:
    t = translate
    table: dict[str, list[tuple[Any, str]]] = {
        "speed": [
            ("draft", t("Filters", "Draft")),
            ("fast", t("Filters", "Fast")),
            ("turbo", t("Filters", "Turbo")),
        ],
        "quality": [("standard", t("Filters", "Standard")), ("hd", t("Filters", "HD"))],
        "min_rating": [(n, "★" * n + ("+" if n < 5 else "")) for n in range(1, 6)],
        "days": [
            (1.0, t("Filters", "Today")),
            (7.0, t("Filters", "Last 7 days")),
            (30.0, t("Filters", "Last 30 days")),
        ],
        "aspect": [
            ("square", t("Filters", "Square")),
            ("landscape", t("Filters", "Landscape")),
            ("portrait", t("Filters", "Portrait")),
        ],
        "models": [
            ("generate", t("Filters", "Generated")),
            ("vary", t("Filters", "Variations and remixes")),
            ("edit", t("Filters", "Repaints and canvas edits")),
            ("retexture", t("Filters", "Retextured")),
            ("remove-bg", t("Filters", "Background removed")),
        ],
    }
    return table.get(key, [])


def _valid(key: str, value: Any) -> bool:
    if key in ("favourites", "with_references", "group_by_job"):
        return value is True
    if key == "project_id":
        return isinstance(value, int) and not isinstance(value, bool)
    if key == "style":
        return isinstance(value, str) and bool(value)
    return key in FILTER_KEYS and value in dict(_choices(key))


def _titles() -> dict[str, str]:
    t = translate
    return {
        "speed": t("Filters", "Speed"),
        "quality": t("Filters", "Quality"),
        "min_rating": t("Filters", "Rating"),
        "days": t("Filters", "Date"),
        "aspect": t("Filters", "Shape"),
        "project_id": t("Filters", "Project"),
        "style": t("Filters", "Style"),
        "models": t("Filters", "Operation"),
        "favourites": t("Filters", "Favourites only"),
        "with_references": t("Filters", "Has references"),
        "group_by_job": t("Filters", "Group by job"),
    }


def _chip_text(key: str, value: Any, projects: dict[int, str]) -> str:
    if key == "favourites":
        return "♥ " + translate("Filters", "Favourites")
    if key == "with_references":
        return translate("Filters", "Has references")
    if key == "group_by_job":
        return translate("Filters", "Grouped by job")
    if key == "project_id":
        return "▤ " + projects.get(value, "?")
    if key == "style":
        return "◐ " + str(value)
    return str(dict(_choices(key)).get(value, value))


def describe(values: dict[str, Any], projects: dict[int, str]) -> str:
    """The filters as words: "fast, HD, rated ★★★+, last 7 days, in “Client A”"."""
    t = translate
    parts = []
    for key in FILTER_KEYS:
        if key not in values:
            continue
        value = values[key]
        if key == "min_rating":
            parts.append(t("Filters", "rated {stars}").format(stars=_chip_text(key, value, {})))
        elif key == "project_id":
            parts.append(t("Filters", "in “{project}”").format(project=projects.get(value, "?")))
        elif key == "style":
            parts.append(t("Filters", "in the style “{style}”").format(style=value))
        elif key == "favourites":
            parts.append(t("Filters", "favourites"))
        elif key == "with_references":
            parts.append(t("Filters", "with references"))
        elif key == "group_by_job":
            parts.append(t("Filters", "one per job"))
        elif key == "quality":
            parts.append(_chip_text(key, value, projects))  # "HD" stays as it is written
        else:
            parts.append(_chip_text(key, value, projects).lower())
    return ", ".join(parts)


class FilterBar(QWidget):
    """ "+ Filter" and the chips of the filters in force."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, Any] = {}
        self.projects: dict[int, str] = {}
        self.styles: list[str] = []  # the names of the saved styles
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self.add = QToolButton()
        self.add.setText(translate("Filters", "+ Filter"))
        self.add.setAccessibleName(translate("Filters", "Add a filter"))
        self.add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add.setMenu(QMenu(self.add))
        self.add.menu().aboutToShow.connect(self._fill_menu)
        self._row.addWidget(self.add)
        self.chips: dict[str, QToolButton] = {}
        self._row.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    # -- state -------------------------------------------------------------------------------

    def set_value(self, key: str, value: Any) -> None:
        """Puts a filter in force (None or False takes it away)."""
        if value is None or value is False:
            self.values.pop(key, None)
        else:
            self.values[key] = value
        self._show_chips()
        self.changed.emit()

    def set_values(self, values: dict[str, Any]) -> None:
        """Filters from a saved search: what this version does not offer is left out."""
        self.values = {k: v for k, v in values.items() if _valid(k, v)}
        self._show_chips()
        self.changed.emit()

    def clear(self) -> None:
        self.set_values({})

    def query_fields(self, now: float | None = None) -> dict[str, Any]:
        v = self.values
        days = v.get("days")
        since = None if days is None else (time.time() if now is None else now) - days * 86400
        models: tuple[str, ...] = OPERATIONS.get(v["models"], ()) if "models" in v else ()
        return {
            "speed": v.get("speed"),
            "quality": v.get("quality"),
            "favourites": bool(v.get("favourites")),
            "min_rating": int(v.get("min_rating", 0)),
            "since": since,
            "aspect": v.get("aspect"),
            "with_references": bool(v.get("with_references")),
            "project_id": v.get("project_id"),
            "group_by_job": bool(v.get("group_by_job")),
            "models": models,
            "style": v.get("style"),
        }

    def set_projects(self, projects: list[tuple[int, str]]) -> None:
        self.projects = dict(projects)
        if "project_id" in self.values and self.values["project_id"] not in self.projects:
            self.set_value("project_id", None)  # deleted
        else:
            self._show_chips()

    def sentence(self) -> str:
        return describe(self.values, self.projects)

    # -- widgets -----------------------------------------------------------------------------

    def _show_chips(self) -> None:
        for chip in self.chips.values():
            self._row.removeWidget(chip)
            chip.deleteLater()
        self.chips = {}
        for n, key in enumerate(k for k in FILTER_KEYS if k in self.values):
            chip = QToolButton()
            chip.setObjectName("Chip")
            chip.setText(_chip_text(key, self.values[key], self.projects) + "  ✕")
            chip.setToolTip(translate("Filters", "Remove this filter"))
            chip.setAccessibleName(
                translate("Filters", "Remove the filter {name}").format(name=_titles()[key])
            )
            chip.clicked.connect(lambda _=False, key=key: self.set_value(key, None))
            self._row.insertWidget(1 + n, chip)
            self.chips[key] = chip

    def _fill_menu(self) -> None:
        menu = self.add.menu()
        menu.clear()
        titles = _titles()
        for key in ("speed", "quality", "min_rating", "days", "aspect", "models"):
            sub = menu.addMenu(titles[key])
            for value, text in _choices(key):
                act = sub.addAction(text)
                act.setCheckable(True)
                act.setChecked(self.values.get(key) == value)
                act.triggered.connect(lambda _=False, k=key, v=value: self.set_value(k, v))
        projects = menu.addMenu(titles["project_id"])
        projects.setEnabled(bool(self.projects))
        for pid, name in sorted(self.projects.items(), key=lambda kv: kv[1].casefold()):
            act = projects.addAction(name)
            act.setCheckable(True)
            act.setChecked(self.values.get("project_id") == pid)
            act.triggered.connect(lambda _=False, p=pid: self.set_value("project_id", p))
        styles = menu.addMenu(titles["style"])
        styles.setEnabled(bool(self.styles) or "style" in self.values)
        for name in self.styles:
            act = styles.addAction(name)
            act.setCheckable(True)
            act.setChecked(self.values.get("style") == name)
            act.triggered.connect(lambda _=False, n=name: self.set_value("style", n))
        menu.addSeparator()
        for key in ("favourites", "with_references", "group_by_job"):
            act = menu.addAction(titles[key])
            act.setCheckable(True)
            act.setChecked(bool(self.values.get(key)))
            act.toggled.connect(lambda on, k=key: self.set_value(k, on or None))
        if self.values:
            menu.addSeparator()
            menu.addAction(translate("Filters", "Clear all filters"), self.clear)
