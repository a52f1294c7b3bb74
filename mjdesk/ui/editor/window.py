"""The editor window: repaint a region, reframe (zoom out, pan, any aspect) or retexture one
image, with the same prompt editor as the Create tab, and send it through the same engine.

Every rule about the request is ``core``'s (``core.canvas`` for geometry, ``core.edits`` for
the routes); this window gathers what the user chose, checks it where the user is looking,
gets the image (and a mask image, when brush strokes cannot be sent as polygons) to a URL
EvoLink can fetch, and submits one job whose parent is the source image.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from ...core import canvas, edits
from ...core.evolink import source_problem
from ...core.prompt import prose
from ...services.words import say
from .. import ops, theme
from ..prompt_editor import DiagnosticsList, PromptEditor
from .frame import FrameCanvas
from .paint import PaintCanvas
from .panels import frame_tools, repaint_tools

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox

    from ...services.ports import StudioPort
    from ..wheel import QuietSlider

__all__ = ["EditorWindow", "open_editor"]

MODES = ("repaint", "reframe", "retexture")
DISPLAY_SIDE = 2048  # the picture the canvas shows is at most this long (the mask is full size)


def _display_copy(image: QImage) -> QImage:
    """The source at display size (runs in a worker thread)."""
    if max(image.width(), image.height()) <= DISPLAY_SIDE:
        return image
    return image.scaled(
        DISPLAY_SIDE,
        DISPLAY_SIDE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class EditorWindow(QWidget):
    # the side panels' controls (made by panels.py)
    tool_buttons: dict[str, QPushButton]
    brush_size: QuietSlider
    brush_value: QLabel
    undo_button: QPushButton
    redo_button: QPushButton
    show_mask: QCheckBox
    tint: QComboBox
    aspect: QComboBox
    zoom_factor: QDoubleSpinBox
    pan_amount: QuietSlider
    frame_label: QLabel
    op_label: str

    def __init__(self, service: StudioPort, item: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.service = service
        self.item = item
        self.setObjectName("Editor")
        self.setWindowTitle(self.tr("Edit · {prompt}").format(prompt=prose(item.prompt)[:60]))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1400, 900)
        self.source_size = (item.width or 0, item.height or 0)
        self.mode = "repaint"
        self._build()
        self._load()

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QHBoxLayout(self)
        root.setContentsMargins(12, 12, 12, 12)
        left = QVBoxLayout()
        self.tabs = QTabBar()
        for label in (self.tr("Repaint"), self.tr("Reframe"), self.tr("Retexture")):
            self.tabs.addTab(label)
        self.tabs.currentChanged.connect(lambda i: self.set_mode(MODES[i]))
        left.addWidget(self.tabs)
        self.stack = QStackedWidget()
        self.paint = PaintCanvas()
        self.frame = FrameCanvas()
        self.stack.addWidget(self.paint)
        self.stack.addWidget(self.frame)
        left.addWidget(self.stack, 1)
        root.addLayout(left, 1)
        side = QWidget()
        side.setObjectName("EditorSide")
        side.setFixedWidth(400)
        col = QVBoxLayout(side)
        col.setContentsMargins(12, 0, 0, 0)
        self.tools_box = repaint_tools(self)
        self.frame_box = frame_tools(self)
        col.addWidget(self.tools_box)
        col.addWidget(self.frame_box)
        col.addWidget(theme.section_title(self.tr("Prompt")))
        self.editor = PromptEditor()
        self.editor.setPlainText(prose(self.item.prompt))
        self.editor.setMaximumHeight(140)
        self.editor.submit_requested.connect(self.send)
        col.addWidget(self.editor)
        self.diagnostics = DiagnosticsList(self.editor)
        col.addWidget(self.diagnostics)
        self.editor.analysis_changed.connect(self._on_analysis)
        speed_row = QHBoxLayout()
        speed_row.setSpacing(0)
        self.speed_group = QButtonGroup(self)
        for i, (key, label) in enumerate((("fast", self.tr("Fast")), ("turbo", self.tr("Turbo")))):
            button = QPushButton(label)
            button.setObjectName("Segment")
            button.setCheckable(True)
            button.setChecked(key == "fast")
            button.setProperty("speed", key)
            self.speed_group.addButton(button, i)
            speed_row.addWidget(button)
        self.speed_group.buttonToggled.connect(lambda *_: self._update_cost())
        col.addLayout(speed_row)
        self.cost = QLabel("")
        self.cost.setObjectName("Muted")
        col.addWidget(self.cost)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        col.addWidget(self.message)
        col.addStretch(1)
        self.send_button = QPushButton(self.tr("Send  (Ctrl+Enter)"))
        self.send_button.setObjectName("Primary")
        self.send_button.clicked.connect(self.send)
        col.addWidget(self.send_button)
        root.addWidget(side)
        self.paint.changed.connect(self._update_buttons)
        self.frame.placement_changed.connect(lambda _p: self._on_placement())
        self.set_mode("repaint")

    # -- the source --------------------------------------------------------------------------

    def _load(self) -> None:
        path = self.service.gallery.image_path(self.item)

        async def load() -> tuple[int, int, QImage]:
            image = await self.service.gallery.load_full_image(path)
            display = await asyncio.get_running_loop().run_in_executor(None, _display_copy, image)
            return image.width(), image.height(), display

        def loaded(result: tuple[int, int, QImage]) -> None:
            w, h, display = result
            if not w or display.isNull():
                self.say(self.tr("The image could not be read"), "error")
                return
            self.source_size = (w, h)
            self.paint.set_image(w, h, display)
            self.frame.set_image(w, h, display)
            self.brush_size.blockSignals(True)
            self.brush_size.setValue(int(self.paint.radius))
            self.brush_size.blockSignals(False)
            self._update_buttons()

        ops.run(self, self.service.spawn, load(), loaded, name="editor image")

    # -- modes and controls ------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(MODES.index(mode))
        self.tabs.blockSignals(False)
        self.stack.setCurrentWidget(self.frame if mode == "reframe" else self.paint)
        self.paint.editing = mode == "repaint"
        self.paint.update()
        self.tools_box.setVisible(mode == "repaint")
        self.frame_box.setVisible(mode == "reframe")
        self.say("")
        self._update_cost()

    def _zoom_out(self, factor: float) -> None:
        self.aspect.setCurrentIndex(0)  # a zoom out keeps the image's proportions
        self.op_label = self.tr("Zoom out {f}×").format(f=f"{round(factor, 2):g}")
        self.frame.set_placement(canvas.zoom_out(*self.source_size, factor))

    def _pan(self, direction: str) -> None:
        names = {
            "left": self.tr("Pan left"),
            "right": self.tr("Pan right"),
            "up": self.tr("Pan up"),
            "down": self.tr("Pan down"),
        }
        self.op_label = names[direction]
        self.aspect.setEditText("")  # the canvas takes the proportions the pan gives it
        amount = self.pan_amount.value() / 100
        self.frame.set_placement(canvas.pan(*self.source_size, direction, amount))  # type: ignore[arg-type]

    def _reframe_to(self, text: str) -> None:
        original = text == self.aspect.itemText(0)
        if original:  # the image's own proportions
            w, h = self.source_size
            text = f"{w}:{h}"
        try:
            a, b = (int(v) for v in text.replace(" ", "").split(":"))
            if a <= 0 or b <= 0 or max(a / b, b / a) > 8 or max(a, b) > 10_000:
                raise ValueError
        except ValueError:
            self.say(self.tr("Type an aspect as W:H, for example 16:9"), "error")
            return
        shown = self.aspect.itemText(0) if original else f"{a}:{b}"
        self.op_label = self.tr("Reframe {aspect}").format(aspect=shown)
        self.frame.set_placement(canvas.reframe(*self.source_size, a, b))

    def _on_placement(self) -> None:
        p = self.frame.placement
        if p is None:
            return
        problem = canvas.placement_problem(p, *self.source_size, same_aspect=False)
        self.frame_label.setText(
            say(problem)
            if problem
            else self.tr("Canvas {w} × {h}; the image at {x}, {y}, {iw} × {ih}").format(
                w=p.canvas_w, h=p.canvas_h, x=p.x, y=p.y, iw=p.w, ih=p.h
            )
        )

    def _mask_op(self, op: str) -> None:
        layer = self.paint.layer
        if layer is not None:
            getattr(layer, op)()
            self.paint.update()
            self._update_buttons()

    def undo(self) -> None:
        self.paint.undo()

    def redo(self) -> None:
        self.paint.redo()

    def _update_buttons(self) -> None:
        layer = self.paint.layer
        self.undo_button.setEnabled(layer is not None and layer.can_undo())
        self.redo_button.setEnabled(layer is not None and layer.can_redo())
        self.brush_value.setText(f"{round(self.paint.radius * 2)} px")

    @property
    def speed(self) -> str:
        button = self.speed_group.checkedButton()
        return str(button.property("speed")) if button is not None else "fast"

    def _on_analysis(self, _analysis: object) -> None:
        self.diagnostics.show_analysis(self.editor.analysis if self.editor.toPlainText() else None)

    def _update_cost(self) -> None:
        price = self.service.jobs.price_of(self.speed, "standard")
        self.cost.setText(
            self.tr("1 task · ≈ {n} credits").format(n=f"{price:g}")
            if price
            else self.tr("1 task · {speed} (the price shows once EvoLink has priced it)").format(
                speed=self.speed.capitalize()
            )
        )

    def say(self, text: str, tone: str = "muted") -> None:
        self.message.setText(text)
        theme.set_tone(self.message, tone)

    # -- sending -----------------------------------------------------------------------------

    def send(self) -> None:
        from .send import prepare

        prompt = self.editor.toPlainText().strip()
        if not prompt:
            self.say(self.tr("Describe what the edit should paint"), "error")
            self.editor.setFocus()
            return
        if not self.editor.analysis.ok:
            self.say(self.tr("Fix the prompt first (see the notes under it)"), "error")
            return
        if not all(self.source_size):
            self.say(self.tr("The image is still loading"), "error")
            return
        try:
            work = prepare(self, prompt)
        except ValueError as exc:
            self.say(str(exc), "error")
            return
        self.send_button.setEnabled(False)
        self.say(self.tr("Sending…"))

        def done(edit: edits.Edit) -> None:
            from ...library import edit_job

            self.send_button.setEnabled(True)
            self.service.jobs.submit_jobs([edit_job(edit, self.item.id)])
            note = ""
            if edit.model != "mj-v8.1-edit" and self.mode == "reframe":
                note = " " + self.tr(
                    "(EvoLink's canvas route takes only images 1–4 of a recent V8.1 task at their "
                    "own proportions; this one went by its picture instead.)"
                )
            self.say(
                self.tr("Sent. The results arrive in Recent results and under the original.")
                + note,
                "success",
            )

        def failed(exc: Exception) -> None:
            from ...services.uploads import UploadError

            self.send_button.setEnabled(True)
            if not isinstance(exc, UploadError):
                self.say(self.tr("The edit could not be prepared; see the log"), "error")
                raise exc
            self.say(str(exc), "error")

        ops.run(self, self.service.spawn, work, done, failed=failed, name="edit")

    def source_task(self) -> tuple[str, int] | None:
        """The source as EvoLink's edit route takes it (task and image 0–3), if it can."""
        item = self.item
        age = time.time() - item.created_at
        if source_problem(item.model, item.task_id, item.idx, age) is None:
            return item.task_id, item.idx
        return None


def open_editor(service: StudioPort, item: Any, parent: QWidget | None = None) -> EditorWindow:
    window = EditorWindow(service, item, parent)
    window.show()
    window.raise_()
    return window
