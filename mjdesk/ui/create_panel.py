"""The Create panel: the prompt, its diagnostics and summary, the modes, the parameters and the
reference zones, and sending. Whatever a control changes is written into the prompt text, which
stays the one truth (``core.prompt`` reads and rewrites it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.modes import IMAGES_PER_TASK, compatible
from ..core.prompt import PromptAnalysis
from . import ops
from .theme import section_title

if TYPE_CHECKING:
    from ..services.ports import StudioPort
    from .references import ReferenceZone

__all__ = ["CONFIRM_ABOVE", "CreatePanel"]

#: Above this many tasks, sending asks first.
CONFIRM_ABOVE = 4


class CreatePanel(QtWidgets.QScrollArea):
    status_message = Signal(str, int)  # text, milliseconds
    settings_needed = Signal()  # sending needs a key first

    def __init__(self, service: StudioPort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._build()
        self._connect()
        settings = service.settings  # a session starts in the chosen modes (Settings, Defaults)
        if compatible(settings.speed, settings.quality):
            self.editor.set_modes(settings.speed, settings.quality)

    def _build(self) -> None:
        from .controls import ModeBar, ParamsPanel
        from .prompt_editor import DiagnosticsList, PromptEditor
        from .references import ReferenceZone

        self.setObjectName("CreateScroll")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner.setObjectName("CreateInner")
        col = QVBoxLayout(inner)
        col.setContentsMargins(16, 16, 16, 16)
        col.setSpacing(8)
        col.addWidget(section_title(self.tr("Prompt")))
        self.editor = PromptEditor()
        self.editor.setMinimumHeight(110)
        self.editor.setMaximumHeight(180)
        col.addWidget(self.editor)
        self.diagnostics = DiagnosticsList(self.editor)
        col.addWidget(self.diagnostics)
        submit_row = QHBoxLayout()
        self.summary = QLabel("")
        self.summary.setObjectName("Muted")
        # it wraps rather than widen the column (History, Presets and Generate share the row)
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(60)
        submit_row.addWidget(self.summary, 1)
        self.history_button = QPushButton(self.tr("History"))
        self.history_button.setToolTip(self.tr("Search your earlier prompts (Ctrl+H)"))
        self.history_button.clicked.connect(self.open_history)
        submit_row.addWidget(self.history_button)
        from .presets import PresetsButton

        self.presets = PresetsButton(self)
        submit_row.addWidget(self.presets)
        self.generate = QPushButton(self.tr("Generate"))
        self.generate.setObjectName("Primary")
        self.generate.setToolTip(self.tr("Send the prompt (Ctrl+Enter)"))
        self.generate.clicked.connect(self.submit)
        submit_row.addWidget(self.generate)
        col.addLayout(submit_row)
        col.addSpacing(8)
        col.addWidget(section_title(self.tr("Mode")))
        self.modes = ModeBar()
        col.addWidget(self.modes)
        col.addSpacing(8)
        col.addWidget(section_title(self.tr("Styles")))
        from .styles_panel import StylesPanel

        self.styles = StylesPanel(self)
        col.addWidget(self.styles)
        col.addSpacing(8)
        col.addWidget(section_title(self.tr("Parameters")))
        self.params = ParamsPanel()
        col.addWidget(self.params)
        col.addSpacing(8)
        col.addWidget(section_title(self.tr("References")))
        self.zones = {kind: ReferenceZone(kind) for kind in ("image", "style", "omni")}
        for zone in self.zones.values():
            col.addWidget(zone)
        col.addStretch(1)
        self.setWidget(inner)

    def _connect(self) -> None:
        self.editor.analysis_changed.connect(self.on_analysis)
        self.editor.submit_requested.connect(self.submit)
        self.editor.history_requested.connect(self.open_history)
        self.editor.image_dropped.connect(self._on_image_dropped_on_prompt)
        self.modes.speed_chosen.connect(self._on_speed_chosen)
        self.modes.quality_chosen.connect(self._on_quality_chosen)
        self.params.param_edited.connect(self._on_param_edited)
        for zone in self.zones.values():
            zone.files_added.connect(self.add_files)
            zone.image_added.connect(self._on_image_added)
            zone.url_added.connect(self.on_url_added)
            zone.url_removed.connect(self._on_url_removed)
            zone.weight_changed.connect(self._on_param_edited)
            zone.preview_wanted.connect(lambda url, z=zone: load_preview(self, z, url))
        self.service.connection.ready_changed.connect(
            lambda _ready: self.on_analysis(self.editor.analysis)
        )
        self.service.jobs.prices_changed.connect(lambda: self.on_analysis(self.editor.analysis))

    def use_prompt(self, prompt: str, speed: str = "", quality: str = "") -> None:
        """Puts a prompt (and its modes, when given) in the editor, ready to send."""
        if speed:
            self.editor.set_modes(speed, quality)
        self.editor.setPlainText(prompt)
        self.editor.setFocus()

    def on_analysis(self, a: PromptAnalysis) -> None:
        self.modes.set_modes(a.speed, a.quality)
        self.params.show_params(a.params)
        typed_ar = _typed_set(self.editor.toPlainText(), "ar")
        if typed_ar is not None:  # a set of aspects ({1:1, 16:9}): shown as the set it is
            self.params.show_aspect_text(typed_ar)
        for name, row in self.params.rows.items():  # a set of stylize, chaos or exp values
            typed = _typed_set(self.editor.toPlainText(), name)
            if typed is not None:
                row.show_set(typed)
        draft = a.speed == "draft"
        self.zones["image"].show_state(list(a.image_urls), a.params.get("iw"), draft)
        sref = a.params.get("sref") or []
        self.zones["style"].show_state(list(sref), a.params.get("sw"), draft)
        oref = a.params.get("oref")
        self.zones["omni"].show_state([oref] if oref else [], a.params.get("ow"), draft)
        empty = not self.editor.toPlainText().strip()
        self.diagnostics.show_analysis(a if not empty else None)
        images = sum(IMAGES_PER_TASK.get(t.speed, 4) for t in a.tasks) if a.ok else 0
        if empty:
            self.summary.setText(self.tr("Type a prompt, then Ctrl+Enter"))
        elif a.ok:
            tasks = (
                self.tr("1 task")
                if a.task_count == 1
                else self.tr("{count} tasks").format(count=a.task_count)
            )
            units = self._cost_words(a)
            pictures = self.tr("{count} images").format(count=images)
            self.summary.setText(f"{tasks} · {pictures} · {units}")
        else:
            problems = len(a.errors)
            self.summary.setText(
                self.tr("1 problem to fix before sending")
                if problems == 1
                else self.tr("{count} problems to fix before sending").format(count=problems)
            )
        ready = bool(self.service.jobs.accepts_prompts)
        self.generate.setEnabled(a.ok and not empty and ready)
        if not ready:
            self.generate.setToolTip(self.tr("Add an API key in Settings first"))
        elif not a.ok:
            self.generate.setToolTip(self.tr("Fix the prompt's problems first"))
        else:
            self.generate.setToolTip(self.tr("Send the prompt (Ctrl+Enter)"))

    def _rewrite(self, text: str) -> None:
        self.editor.replace_text(text)

    def _on_speed_chosen(self, speed: str) -> None:
        from ..core.prompt import set_param

        text = self.editor.toPlainText()
        for flag in ("draft", "fast", "turbo"):
            text = set_param(text, flag, None)
        self._rewrite(text)
        self.editor.set_modes(speed, self.editor.quality)

    def _on_quality_chosen(self, quality: str) -> None:
        from ..core.prompt import set_param

        self._rewrite(set_param(self.editor.toPlainText(), "hd", None))
        self.editor.set_modes(self.editor.speed, quality)

    def _cost_words(self, a: PromptAnalysis) -> str:
        """What sending costs: credits when EvoLink has priced every mode used (contract §9:
        its ``credits_reserved`` on an earlier task), else relative cost units."""
        prices = [self.service.jobs.price_of(t.speed, t.quality) for t in a.tasks]
        if prices and all(p is not None for p in prices):
            credits = sum(p for p in prices if p is not None)
            return self.tr("≈ {count} credits").format(count=f"{credits:g}")
        if a.cost_units == 1:
            return self.tr("1 cost unit")
        return self.tr("{count} cost units").format(count=f"{a.cost_units:g}")

    def _on_param_edited(self, name: str, value: object) -> None:
        from ..core.prompt import set_param

        text = self.editor.toPlainText()
        before = _typed_set(text, name)
        if before is not None and str(value) == before:
            return  # the set shown in the control, unchanged
        self._rewrite(set_param(text, name, value))  # type: ignore[arg-type]
        if before is not None:  # never silently: a set of values became one
            self.status_message.emit(
                self.tr(
                    "Replaced the set {old} with {new}: Ctrl+Z in the prompt brings it back"
                ).format(old=before, new=value if value is not None else self.tr("the default")),
                8000,
            )

    def submit(self) -> None:
        a = self.editor.analysis
        if not self.editor.toPlainText().strip():
            return
        if not a.ok:
            self.status_message.emit(
                self.tr("Fix the prompt's problems first (they are underlined)"), 6000
            )
            return
        if not self.service.jobs.accepts_prompts:
            self.settings_needed.emit()
            return
        if a.task_count > CONFIRM_ABOVE:
            answer = QtWidgets.QMessageBox.question(
                self,
                self.tr("mjdesk — Send several tasks?"),
                self.tr(
                    "This prompt makes {tasks} tasks ({units} cost units). Send them all?"
                ).format(tasks=a.task_count, units=f"{a.cost_units:g}"),
            )
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return
        self.service.jobs.submit(a, style=self.styles.style_of(a.text))
        self.styles.sent()
        self.editor.remember(a.text)
        sent = (
            self.tr("Sent 1 task")
            if a.task_count == 1
            else self.tr("Sent {count} tasks").format(count=a.task_count)
        )
        self.status_message.emit(sent, 4000)

    def _on_image_dropped_on_prompt(self, path: str) -> None:
        ops.run(
            self,
            self.service.spawn,
            self.service.gallery.read_provenance(Path(path)),
            self._restore_from,
            name="restore from image",
        )

    def _restore_from(self, meta: dict[str, str]) -> None:
        """The prompt and modes an image carries, back in the editor."""
        prompt = meta.get("prompt_sent") or meta.get("prompt")
        if not prompt:
            self.status_message.emit(self.tr("That image carries no mjdesk prompt"), 5000)
            return
        speed = meta.get("speed", self.editor.speed)
        quality = meta.get("quality", self.editor.quality)
        if speed in ("draft", "fast", "turbo") and quality in ("standard", "hd"):
            self.editor.set_modes(speed, quality)
        self.editor.setPlainText(prompt)
        self.status_message.emit(self.tr("Prompt and settings restored from the image"), 4000)

    def open_history(self) -> None:
        ops.run(
            self,
            self.service.spawn,
            self.service.jobs.prompt_history(),
            self._show_history,
            name="history",
        )

    def _show_history(self, prompts: list[str]) -> None:
        from .history import HistoryDialog

        dialog = HistoryDialog(prompts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._use_history(dialog.chosen))
        dialog.open()

    def _use_history(self, text: str | None) -> None:
        if text:
            self.editor.setPlainText(text)
            self.editor.setFocus()

    def add_files(self, kind: str, paths: list[str]) -> None:
        import uuid

        zone = self.zones[kind]
        for path in paths:
            ticket = uuid.uuid4().hex
            zone.begin_upload(ticket, Path(path).name)
            upload_reference(self, kind, ticket, self.service.uploads.upload(path))

    def _on_image_added(self, kind: str, ticket: str, image: Any) -> None:
        upload_reference(self, kind, ticket, self.service.uploads.upload_image(image))

    def on_url_added(self, kind: str, url: str) -> None:
        from ..core.prompt import add_image_prompt, add_reference

        text = self.editor.toPlainText()
        if kind == "image":
            text = add_image_prompt(text, url)
        else:
            text = add_reference(text, "sref" if kind == "style" else "oref", url)
        self._rewrite(text)

    def _on_url_removed(self, kind: str, url: str) -> None:
        from ..core.prompt import remove_image_prompt, remove_reference

        text = self.editor.toPlainText()
        if kind == "image":
            text = remove_image_prompt(text, url)
        else:
            text = remove_reference(text, "sref" if kind == "style" else "oref", url)
        self._rewrite(text)


def _typed_set(text: str, name: str) -> str | None:
    """The brace set typed as ``--name``'s value (``{1:1, 16:9}``), or None."""
    from ..core.prompt import get_param

    value = get_param(text, name)
    return value if isinstance(value, str) and value.startswith("{") else None


def upload_reference(panel: CreatePanel, kind: str, ticket: str, upload: Any) -> None:
    """One reference's upload: its URL goes into the prompt, or its zone says why not."""
    from ..services.uploads import UploadError

    zone = panel.zones[kind]

    def done(url: str) -> None:
        zone.finish_upload(ticket, "")
        panel.on_url_added(kind, url)

    def failed(exc: Exception) -> None:
        if not isinstance(exc, UploadError):
            raise exc
        zone.finish_upload(ticket, str(exc))

    ops.run(panel, panel.service.spawn, upload, done, failed=failed, name="upload")


def load_preview(panel: CreatePanel, zone: ReferenceZone, url: str) -> None:
    """A reference's thumbnail, fetched and decoded by the upload service off the GUI
    thread; the zone shows its name until it comes (or for good, if none can be had)."""
    ops.run(
        panel,
        panel.service.spawn,
        panel.service.uploads.preview(url),
        lambda image: zone.set_preview(url, image),
        name="reference preview",
    )
