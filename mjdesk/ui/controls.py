"""Speed and quality selectors (which can never form HD + Draft) and the parameter controls
that stay in sync with the prompt text both ways."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from ..core.modes import QUALITIES, SPEEDS
from .wheel import QuietComboBox, QuietSlider

translate = QCoreApplication.translate

HD_DRAFT_WHY = str(
    QT_TRANSLATE_NOOP("ModeBar", "HD cannot be combined with Draft: choose Fast or Turbo first")
)
DRAFT_HD_WHY = str(
    QT_TRANSLATE_NOOP("ModeBar", "Draft cannot be combined with HD: choose Standard first")
)


class ModeBar(QWidget):
    """Draft / Fast / Turbo and Standard / HD. HD is disabled while Draft is selected and
    Draft while HD is, each with a tooltip saying why; one never changes the other."""

    speed_chosen = Signal(str)
    quality_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = {
            "draft": self.tr("&Draft"),
            "fast": self.tr("&Fast"),
            "turbo": self.tr("&Turbo"),
            "standard": self.tr("&Standard"),
            "hd": self.tr("&HD"),
        }
        self.tips = {
            "draft": self.tr("Draft: 24 quick 512 px sketches per task, same cost as Fast"),
            "fast": self.tr("Fast: 4 images, the standard cost"),
            "turbo": self.tr("Turbo: 4 images, faster, about twice the cost"),
            "standard": self.tr("Standard resolution, 1× cost"),
            "hd": self.tr("HD: native ~2K output, 1.5× cost"),
        }
        accessible = {
            "draft": self.tr("Speed: Draft"),
            "fast": self.tr("Speed: Fast"),
            "turbo": self.tr("Speed: Turbo"),
            "standard": self.tr("Quality: Standard"),
            "hd": self.tr("Quality: HD"),
        }
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.speed_group = QButtonGroup(self)
        self.quality_group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for group, names in ((self.speed_group, SPEEDS), (self.quality_group, QUALITIES)):
            for name in names:
                b = QPushButton(self)
                b.setObjectName("Segment")
                b.setText(labels[name])
                b.setCheckable(True)
                b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                b.setAccessibleName(accessible[name])
                group.addButton(b)
                layout.addWidget(b)
                self.buttons[name] = b
                b.clicked.connect(lambda _=False, n=name: self._on_clicked(n))
            layout.addSpacing(16)
        layout.addStretch(1)
        self._speed = "fast"
        self._quality = "standard"
        self._refresh()

    @property
    def speed(self) -> str:
        return self._speed

    @property
    def quality(self) -> str:
        return self._quality

    def _on_clicked(self, name: str) -> None:
        if name in SPEEDS:
            if name == "draft" and self._quality == "hd":
                self._refresh()
                return
            self._speed = name
            self._refresh()
            self.speed_chosen.emit(name)
        else:
            if name == "hd" and self._speed == "draft":
                self._refresh()
                return
            self._quality = name
            self._refresh()
            self.quality_chosen.emit(name)

    def set_modes(self, speed: str, quality: str) -> bool:
        """Shows the modes the prompt asks for; refuses (returns False) HD with Draft."""
        if speed == "draft" and quality == "hd":
            return False
        self._speed, self._quality = speed, quality
        self._refresh()
        return True

    def _refresh(self) -> None:
        for name, b in self.buttons.items():
            b.setChecked(name in (self._speed, self._quality))
            tip = self.tips[name]
            enabled = True
            if name == "hd" and self._speed == "draft":
                enabled, tip = False, translate("ModeBar", HD_DRAFT_WHY)
            if name == "draft" and self._quality == "hd":
                enabled, tip = False, translate("ModeBar", DRAFT_HD_WHY)
            b.setEnabled(enabled)
            b.setToolTip(tip)


ASPECTS = ["1:1", "4:5", "2:3", "3:4", "9:16", "16:9", "3:2", "4:3", "21:9"]


class _SliderRow:
    def __init__(
        self,
        panel: ParamsPanel,
        name: str,
        label: str,
        lo: int,
        hi: int,
        default: int,
        scale: float = 1.0,
    ) -> None:
        self.name = name
        self.default = default
        self.scale = scale
        self.label = QLabel(label)
        self.slider = QuietSlider()
        self.slider.setRange(lo, hi)
        self.slider.setValue(default)
        self.slider.setAccessibleName(label)
        self.value = QLabel(translate("ParamsPanel", "default"))
        self.value.setObjectName("Muted")
        self.value.setMinimumWidth(56)
        self.reset = QToolButton()
        self.reset.setText("×")
        self.reset.setToolTip(
            translate("ParamsPanel", "Remove --{name} from the prompt").format(name=name)
        )
        self.reset.setAccessibleName(translate("ParamsPanel", "Remove {label}").format(label=label))
        self.slider.valueChanged.connect(lambda v: panel._on_slider(self, v))
        self.reset.clicked.connect(lambda: panel.param_edited.emit(self.name, None))
        self.slider.reset_requested.connect(lambda: panel.param_edited.emit(self.name, None))
        self.slider.setToolTip(
            translate(
                "ParamsPanel",
                "{label}: drag, or click and use the arrow keys; double-click for the default",
            ).format(label=label)
        )

    def show(self, value: Any) -> None:
        self.slider.blockSignals(True)
        if value is None:
            self.slider.setValue(self.default)
            self.value.setText(translate("ParamsPanel", "default"))
            self.reset.setEnabled(False)
        else:
            self.slider.setValue(round(float(value) / self.scale))
            self.value.setText(_num(value))
            self.reset.setEnabled(True)
        self.value.setToolTip("")
        self.slider.blockSignals(False)

    def show_set(self, typed: str) -> None:
        """A set of values (``{100, 500}``): the number shows the set; the slider sits on its
        first value, and moving it replaces the set (the panel says so)."""
        self.value.setText(typed)
        self.value.setToolTip(
            translate(
                "ParamsPanel",
                "A set of values: each makes its own task. Moving the slider uses one value.",
            )
        )
        self.reset.setEnabled(True)


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ParamsPanel(QWidget):
    """Aspect ratio, stylize, chaos, exp, raw and seed. A control rewrites only its token;
    editing the token moves the control."""

    param_edited = Signal(str, object)  # name, value (None removes the token)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        self.aspect = QuietComboBox()
        self.aspect.setEditable(True)
        self.default_text = self.tr("default")
        self.aspect.addItem(self.default_text)
        self.aspect.addItems(ASPECTS)
        self.aspect.setAccessibleName(self.tr("Aspect ratio"))
        self.aspect_tip = self.tr("Aspect ratio (--ar): pick a preset or type W:H")
        self.aspect.setToolTip(self.aspect_tip)
        line = self.aspect.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("W:H"))
        self.aspect.activated.connect(self._on_aspect)
        line.editingFinished.connect(self._on_aspect)
        grid.addWidget(QLabel(self.tr("Aspect")), 0, 0)
        grid.addWidget(self.aspect, 0, 1, 1, 3)
        self.rows = {
            "s": _SliderRow(self, "s", self.tr("Stylize"), 0, 1000, 100),
            "c": _SliderRow(self, "c", self.tr("Chaos"), 0, 100, 0),
            "exp": _SliderRow(self, "exp", self.tr("Exp"), 0, 100, 0),
        }
        for i, row in enumerate(self.rows.values(), start=1):
            grid.addWidget(row.label, i, 0)
            grid.addWidget(row.slider, i, 1)
            grid.addWidget(row.value, i, 2)
            grid.addWidget(row.reset, i, 3)
        n = len(self.rows) + 1
        self.raw = QCheckBox(self.tr("Raw"))
        self.raw.setToolTip(self.tr("--raw: turn off Midjourney's default beautification"))
        self.raw.toggled.connect(lambda on: self.param_edited.emit("raw", True if on else None))
        grid.addWidget(self.raw, n, 0)
        self.seed = QLineEdit()
        self.seed.setPlaceholderText(self.tr("random seed"))
        self.seed.setAccessibleName(self.tr("Seed"))
        self.seed.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,10}"), self))
        self.seed.setToolTip(
            self.tr("--seed 0–4294967295: the same seed and prompt give similar images")
        )
        self.seed.editingFinished.connect(self._on_seed)
        grid.addWidget(QLabel(self.tr("Seed")), n, 1, alignment=Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.seed, n, 2, 1, 2)
        grid.setColumnStretch(1, 1)

    def _on_slider(self, row: _SliderRow, value: int) -> None:
        row.value.setText(_num(value * row.scale))
        row.reset.setEnabled(True)
        self.param_edited.emit(row.name, value if row.scale == 1 else value * row.scale)

    def _on_aspect(self, *_: object) -> None:
        text = self.aspect.currentText().strip()
        if not text or text in ("default", self.default_text):
            self.param_edited.emit("ar", None)
        else:
            self.param_edited.emit("ar", text)

    def _on_seed(self) -> None:
        text = self.seed.text().strip()
        self.param_edited.emit("seed", int(text) if text else None)

    def show_aspect_text(self, text: str) -> None:
        """Shows the aspect as typed (a set such as ``{1:1, 16:9}``) without emitting."""
        self.aspect.blockSignals(True)
        self.aspect.setEditText(text)
        self.aspect.setToolTip(
            self.tr("A set of aspects: each makes its own task. Pick one to use only it.")
        )
        self.aspect.blockSignals(False)

    def show_params(self, params: dict[str, Any]) -> None:
        """Mirrors the prompt's values without emitting edits."""
        self.blockSignals(True)
        try:
            ar = params.get("ar")
            self.aspect.blockSignals(True)
            self.aspect.setToolTip(self.aspect_tip)
            self.aspect.setEditText(ar if isinstance(ar, str) else self.default_text)
            self.aspect.blockSignals(False)
            for name, row in self.rows.items():
                row.show(params.get(name))
            self.raw.blockSignals(True)
            self.raw.setChecked(bool(params.get("raw")))
            self.raw.blockSignals(False)
            seed = params.get("seed")
            if not self.seed.hasFocus():
                self.seed.setText("" if seed is None else str(seed))
        finally:
            self.blockSignals(False)
