"""The editor's side panels: the repaint tools and the canvas (reframe) tools. They set
their controls on the window, which owns what they change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import canvas
from .. import theme
from ..wheel import QuietSlider
from .mask import TINT

__all__ = ["frame_tools", "repaint_tools"]

TINTS = (TINT, "#4dd2ff", "#ffd24d")
ASPECTS = ("1:1", "4:5", "2:3", "3:4", "9:16", "16:9", "3:2", "4:3", "21:9")


translate = QCoreApplication.translate


def repaint_tools(w: Any) -> QWidget:
    """The repaint tools: brush, eraser, rectangle, lasso, size, undo, invert, the tint."""
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    col.addWidget(theme.section_title(translate("EditorWindow", "Mark what to repaint")))
    row = QHBoxLayout()
    w.tool_buttons = {}
    group = QButtonGroup(w)
    for key, label, tip in (
        (
            "brush",
            translate("EditorWindow", "Brush"),
            translate("EditorWindow", "Brush (B); [ and ] size it"),
        ),
        ("eraser", translate("EditorWindow", "Eraser"), translate("EditorWindow", "Eraser (E)")),
        (
            "rect",
            translate("EditorWindow", "Rectangle"),
            translate("EditorWindow", "Rectangle (R); Alt takes away"),
        ),
        (
            "lasso",
            translate("EditorWindow", "Lasso"),
            translate("EditorWindow", "Lasso (L); Alt takes away"),
        ),
    ):
        button = QPushButton(label)
        button.setObjectName("Segment")
        button.setToolTip(tip)
        button.setCheckable(True)
        button.setChecked(key == "brush")
        button.clicked.connect(lambda _=False, k=key: w.paint.set_tool(k))
        group.addButton(button)
        w.tool_buttons[key] = button
        row.addWidget(button)
    w.paint.tool_changed.connect(lambda k: w.tool_buttons[k].setChecked(True))
    row.setSpacing(0)
    col.addLayout(row)
    hint = QLabel(
        translate(
            "EditorWindow",
            "Paint over what should change. Ctrl+wheel zooms, Space+drag or the middle "
            "button pans, Ctrl+0 fits.",
        )
    )
    hint.setObjectName("Muted")
    hint.setWordWrap(True)
    col.addWidget(hint)
    size_row = QHBoxLayout()
    size_row.addWidget(QLabel(translate("EditorWindow", "Brush size")))
    w.brush_size = QuietSlider()
    w.brush_size.setRange(2, 400)
    w.brush_size.valueChanged.connect(lambda v: w.paint.set_radius(float(v)))
    size_row.addWidget(w.brush_size, 1)
    w.brush_value = QLabel("")
    w.brush_value.setMinimumWidth(48)
    size_row.addWidget(w.brush_value)
    col.addLayout(size_row)
    row = QHBoxLayout()
    w.undo_button = QPushButton(translate("EditorWindow", "Undo"))
    w.undo_button.clicked.connect(w.undo)
    w.redo_button = QPushButton(translate("EditorWindow", "Redo"))
    w.redo_button.clicked.connect(w.redo)
    invert = QPushButton(translate("EditorWindow", "Invert"))
    invert.clicked.connect(lambda: w._mask_op("invert"))
    clear = QPushButton(translate("EditorWindow", "Clear"))
    clear.clicked.connect(lambda: w._mask_op("clear"))
    for push in (w.undo_button, w.redo_button, invert, clear):
        row.addWidget(push)
    col.addLayout(row)
    row = QHBoxLayout()
    w.show_mask = QCheckBox(translate("EditorWindow", "Show mask"))
    w.show_mask.setChecked(True)
    w.show_mask.toggled.connect(w.paint.set_overlay)
    row.addWidget(w.show_mask)
    w.tint = QComboBox()
    for colour, name in zip(
        TINTS,
        (
            translate("EditorWindow", "Red"),
            translate("EditorWindow", "Blue"),
            translate("EditorWindow", "Yellow"),
        ),
        strict=True,
    ):
        w.tint.addItem(name, colour)
    w.tint.setToolTip(translate("EditorWindow", "The mask's colour on the image"))
    w.tint.currentIndexChanged.connect(lambda _i: w.paint.set_tint(QColor(w.tint.currentData())))
    row.addWidget(w.tint)
    col.addLayout(row)
    return box


def frame_tools(w: Any) -> QWidget:
    """The canvas tools: aspect, zoom out (presets and custom), pan with an amount."""
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    col.addWidget(theme.section_title(translate("EditorWindow", "Canvas")))
    row = QHBoxLayout()
    row.addWidget(QLabel(translate("EditorWindow", "Aspect")))
    w.aspect = QComboBox()
    w.aspect.setEditable(True)
    w.aspect.addItem(translate("EditorWindow", "Original"), "original")
    w.aspect.addItems(ASPECTS)
    w.aspect.setToolTip(translate("EditorWindow", "Any W:H; the image keeps its own proportions"))
    w.aspect.activated.connect(lambda _i: w._reframe_to(w.aspect.currentText()))
    line = w.aspect.lineEdit()
    if line is not None:
        line.editingFinished.connect(lambda: w._reframe_to(w.aspect.currentText()))
    row.addWidget(w.aspect, 1)
    col.addLayout(row)
    row = QHBoxLayout()
    row.addWidget(QLabel(translate("EditorWindow", "Zoom out")))
    for factor in canvas.ZOOM_FACTORS:
        zoom = QPushButton(f"{factor:g}×")
        zoom.clicked.connect(lambda _=False, f=factor: w._zoom_out(f))
        row.addWidget(zoom)
    w.zoom_factor = QDoubleSpinBox()
    w.zoom_factor.setRange(1.1, canvas.MAX_ZOOM)
    w.zoom_factor.setSingleStep(0.1)
    w.zoom_factor.setValue(1.25)
    w.zoom_factor.setSuffix("×")
    w.zoom_factor.setToolTip(translate("EditorWindow", "A zoom out of your own, up to 2×"))
    w.zoom_factor.setAccessibleName(translate("EditorWindow", "Custom zoom out"))
    w.zoom_factor.editingFinished.connect(lambda: w._zoom_out(w.zoom_factor.value()))
    row.addWidget(w.zoom_factor)
    col.addLayout(row)
    row = QHBoxLayout()
    row.addWidget(QLabel(translate("EditorWindow", "Pan")))
    w.pan_amount = QuietSlider()
    w.pan_amount.setRange(10, 100)
    w.pan_amount.setValue(50)
    w.pan_amount.setToolTip(translate("EditorWindow", "How far to pan, as a share of the image"))
    for arrow, direction, tip in (
        ("←", "left", translate("EditorWindow", "Pan left")),
        ("→", "right", translate("EditorWindow", "Pan right")),
        ("↑", "up", translate("EditorWindow", "Pan up")),
        ("↓", "down", translate("EditorWindow", "Pan down")),
    ):
        arrow_button = QToolButton()
        arrow_button.setText(arrow)
        arrow_button.setToolTip(tip)
        arrow_button.setAccessibleName(tip)
        arrow_button.clicked.connect(lambda _=False, d=direction: w._pan(d))
        row.addWidget(arrow_button)
    row.addWidget(w.pan_amount, 1)
    col.addLayout(row)
    w.frame_label = QLabel("")
    w.frame_label.setObjectName("Muted")
    w.frame_label.setWordWrap(True)
    col.addWidget(w.frame_label)
    w.op_label = translate("EditorWindow", "Zoom out 1.5×")
    return box
