"""The export dialog: where, in which format and size, named how (the first names shown as
they will be), with the prompt embedded or every bit of metadata left out; then progress with
Cancel. Existing files are never overwritten (a clash gets a number)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ..services.exporting import ExportOptions, preview_names
from . import ops

__all__ = ["ExportDialog", "export_selection"]

translate = QCoreApplication.translate


class ExportDialog(QDialog):
    """The choices of one export; ``start`` is emitted with them."""

    start = Signal(object)  # ExportOptions

    def __init__(
        self,
        count: int,
        sample: list[Any],
        folder: str,
        metadata: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("mjdesk — Export 1 image")
            if count == 1
            else self.tr("mjdesk — Export {n} images").format(n=count)
        )
        self.sample = sample
        self.cancelled = False
        layout = QVBoxLayout(self)
        form = QFormLayout()
        where = QHBoxLayout()
        self.folder = QLineEdit(folder)
        self.folder.setAccessibleName(self.tr("Folder"))
        where.addWidget(self.folder, 1)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose)
        where.addWidget(choose)
        form.addRow(self.tr("Folder"), where)
        self.format = QComboBox()
        for value, text in (
            ("original", self.tr("Original files")),
            ("png", "PNG"),
            ("jpeg", "JPEG"),
            ("webp", "WebP"),
        ):
            self.format.addItem(text, value)
        self.format.setAccessibleName(self.tr("Format"))
        form.addRow(self.tr("Format"), self.format)
        self.max_size = QComboBox()
        self.max_size.addItem(self.tr("As made"), None)
        for side in (4096, 2048, 1024, 512):
            self.max_size.addItem(self.tr("At most {n} px").format(n=side), side)
        self.max_size.setAccessibleName(self.tr("Maximum size"))
        form.addRow(self.tr("Size"), self.max_size)
        quality = QHBoxLayout()
        self.quality = QSlider(Qt.Orientation.Horizontal)
        self.quality.setRange(50, 100)
        self.quality.setValue(92)
        self.quality.setAccessibleName(self.tr("Quality"))
        self.quality_value = QLabel("92")
        self.quality.valueChanged.connect(lambda v: self.quality_value.setText(str(v)))
        quality.addWidget(self.quality, 1)
        quality.addWidget(self.quality_value)
        form.addRow(self.tr("Quality"), quality)
        self.template = QLineEdit("{date}_{prompt}_{n}")
        self.template.setAccessibleName(self.tr("File names"))
        self.template.setToolTip(
            self.tr("Fields: {date} {prompt} {task} {n} (image number) {id} {speed}")
        )
        form.addRow(self.tr("Names"), self.template)
        self.preview = QLabel("")
        self.preview.setObjectName("Muted")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.preview)
        self.metadata = QCheckBox(self.tr("Embed the prompt and settings in each file"))
        self.metadata.setChecked(metadata)
        self.metadata.setToolTip(
            self.tr("Off: the files carry no metadata at all (nothing about how they were made)")
        )
        form.addRow("", self.metadata)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, count))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("Export"))
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self._cancel)
        layout.addWidget(self.buttons)
        for signal in (
            self.format.currentIndexChanged,
            self.template.textChanged,
            self.folder.textChanged,
        ):
            signal.connect(self._update)
        self._update()
        self.resize(560, self.sizeHint().height())

    def options(self) -> ExportOptions:
        return ExportOptions(
            folder=Path(self.folder.text().strip()).expanduser(),
            format=str(self.format.currentData()),
            max_side=self.max_size.currentData(),
            quality=self.quality.value(),
            template=self.template.text(),
            metadata=self.metadata.isChecked(),
        )

    def _update(self) -> None:
        lossy = self.format.currentData() in ("jpeg", "webp")
        self.quality.setEnabled(lossy)
        names = preview_names(self.sample[:3], self.options())
        more = "\n…" if len(self.sample) > 3 else ""
        self.preview.setText("\n".join(names) + more)
        self.export_button.setEnabled(bool(self.folder.text().strip()))

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _start(self) -> None:
        for w in (self.folder, self.format, self.max_size, self.quality, self.template):
            w.setEnabled(False)
        self.metadata.setEnabled(False)
        self.export_button.setEnabled(False)
        self.progress.show()
        self.progress.setValue(0)
        self.start.emit(self.options())

    def _cancel(self) -> None:
        if self.progress.isVisible() and self.progress.value() < self.progress.maximum():
            self.cancelled = True  # the export stops before its next file
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        else:
            self.reject()

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)


def export_selection(tab: Any, ids: list[int]) -> None:
    """Opens the dialog on the selection (its first names read off the GUI thread); the
    export runs in the background, its progress in the dialog."""
    gallery = tab.service.gallery
    settings = tab.service.settings

    def opened(sample: list[Any] | None) -> None:
        if sample is None:
            return
        folder = str(Path.home() / "Pictures" / "mjdesk")
        dialog = ExportDialog(len(ids), sample, folder, settings.embed_metadata, tab.panel)
        tab.export_dialog = dialog

        def go(options: ExportOptions) -> None:
            def done(report: Any) -> None:
                tab.status_message.emit(
                    translate("LibraryTab", "Exported {n} of {total} images to {folder}").format(
                        n=len(report.written), total=len(ids), folder=options.folder
                    ),
                    6000,
                )
                dialog.accept()

            ops.run(
                dialog,
                tab.service.spawn,
                gallery.export(ids, options, dialog.show_progress, lambda: dialog.cancelled),
                done,
                name="export",
            )

        dialog.start.connect(go)
        dialog.finished.connect(lambda _r: setattr(tab, "export_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    ops.run(tab.panel, tab.service.spawn, gallery.gallery_items(ids[:4]), opened, name="export")
