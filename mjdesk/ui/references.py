"""Reference zones: image prompts (several), style reference, omni reference (one).

Each zone takes dropped files (several at once), URLs dragged from a browser, images and files
pasted with Ctrl+V, images dragged from the gallery and a file picker. Local files go to the
studio service to be checked and uploaded; the zone shows their progress or the reason they were
refused, and the URLs land in the prompt. What the zone lists is what the prompt contains.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .flow import FlowLayout
from .wheel import QuietSlider

translate = QCoreApplication.translate

# kind: title, weight parameter, weight label, weight tip, slider range, default, slider scale
KINDS = {
    "image": (
        str(QT_TRANSLATE_NOOP("ReferenceZone", "Image prompts")),
        "iw",
        str(QT_TRANSLATE_NOOP("ReferenceZone", "Image weight")),
        "--iw",
        0,
        30,
        10,
        0.1,
    ),
    "style": (
        str(QT_TRANSLATE_NOOP("ReferenceZone", "Style reference")),
        "sw",
        str(QT_TRANSLATE_NOOP("ReferenceZone", "Style weight")),
        "--sw",
        0,
        1000,
        100,
        1.0,
    ),
    "omni": (
        str(QT_TRANSLATE_NOOP("ReferenceZone", "Omni reference")),
        "ow",
        str(QT_TRANSLATE_NOOP("ReferenceZone", "Omni weight")),
        "--ow",
        1,
        1000,
        100,
        1.0,
    ),
}
TILE = 64  # a reference's thumbnail, px

DRAFT_WHY = str(
    QT_TRANSLATE_NOOP(
        "ReferenceZone", "Draft cannot use image prompts or references: choose Fast or Turbo"
    )
)


@dataclass
class _Pending:
    ticket: str
    label: str
    error: str = ""


class ReferenceZone(QFrame):
    """One drop zone. Emits ``files_added`` / ``bytes_added`` for uploads, ``url_added`` for
    remote URLs, ``url_removed`` and ``weight_changed``."""

    files_added = Signal(str, list)  # kind, [path]
    image_added = Signal(str, str, QImage)  # kind, ticket, image (pasted or dropped pixels)
    url_added = Signal(str, str)  # kind, url
    url_removed = Signal(str, str)  # kind, url
    weight_changed = Signal(str, object)  # parameter name, value or None
    preview_wanted = Signal(str)  # url: a thumbnail is wanted (answered with set_preview)

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        title, self.weight_param, weight_label, flag, lo, hi, default, self.scale = KINDS[kind]
        self.default_weight = default
        title = translate("ReferenceZone", title)
        weight_label = translate("ReferenceZone", weight_label)
        self.draft_why = translate("ReferenceZone", DRAFT_WHY)
        self.drop_hint = self.tr("Drop images or URLs here, or paste with Ctrl+V")
        self.single = kind == "omni"
        self.setObjectName("DropZone")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(title)
        self.setMinimumHeight(96)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        head = QHBoxLayout()
        self.title = QLabel(title)
        self.title.setObjectName("SectionTitle")
        head.addWidget(self.title)
        head.addStretch(1)
        self.pick = QPushButton(self.tr("Add…"))
        self.pick.setToolTip(self.tr("Choose image files (PNG, JPEG, GIF or WebP)"))
        self.pick.setAccessibleName(self.tr("Add {title}").format(title=title))
        self.pick.clicked.connect(self._on_pick)
        head.addWidget(self.pick)
        layout.addLayout(head)
        self.hint = QLabel(self.drop_hint)
        self.hint.setObjectName("Muted")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.tiles = FlowLayout(spacing=6)
        layout.addLayout(self.tiles)
        self.items_box = QVBoxLayout()
        self.items_box.setSpacing(4)
        layout.addLayout(self.items_box)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        theme.set_tone(self.message, "error")
        self.message.hide()
        layout.addWidget(self.message)
        weight_row = QHBoxLayout()
        self.weight = QuietSlider()
        self.weight.reset_requested.connect(self._reset_weight)
        self.weight.setRange(lo, hi)
        self.weight.setValue(default)
        self.weight.setAccessibleName(weight_label)
        self.weight.setToolTip(f"{weight_label} ({flag})")
        self.weight_value = QLabel("")
        self.weight_value.setObjectName("Muted")
        self.weight_value.setMinimumWidth(72)
        self.weight.valueChanged.connect(self._on_weight)
        weight_row.addWidget(QLabel(weight_label))
        weight_row.addWidget(self.weight, 1)
        weight_row.addWidget(self.weight_value)
        layout.addLayout(weight_row)
        self._urls: list[str] = []
        self._pending: dict[str, _Pending] = {}
        self._previews: dict[str, QPixmap] = {}
        self._asked: set[str] = set()
        self._draft = False
        paste = QShortcut(QKeySequence.StandardKey.Paste, self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        self._render()

    # -- state from the prompt ---------------------------------------------------------------

    def show_state(self, urls: list[str], weight: float | None, draft: bool) -> None:
        changed = list(urls) != self._urls or draft != self._draft
        self._urls = list(urls)
        self._draft = draft
        self.weight.blockSignals(True)
        if weight is not None:
            self.weight.setValue(round(weight / self.scale))
            self.weight_value.setText(_num(weight))
        else:  # no token: the route's default applies, and the number says which
            self.weight.setValue(self.default_weight)
            self.weight_value.setText(
                self.tr("{value} (default)").format(
                    value=_num(round(self.default_weight * self.scale, 2))
                )
            )
        self.weight.blockSignals(False)
        if changed:
            self._render()

    def set_preview(self, url: str, image: QImage) -> None:
        """A reference's thumbnail arrived (decoded off the GUI thread)."""
        if image.isNull():
            return
        self._previews[url] = QPixmap.fromImage(image)
        if url in self._urls:
            self._render()

    def preview_of(self, url: str) -> QPixmap | None:
        return self._previews.get(url)

    def _render(self) -> None:
        for box in (self.tiles, self.items_box):
            while box.count():
                item = box.takeAt(0)
                w = item.widget() if item is not None else None
                if w is not None:
                    w.deleteLater()
        for url in self._urls:
            self.tiles.addWidget(self._tile(url))
            if url not in self._asked:
                self._asked.add(url)
                self.preview_wanted.emit(url)
        for pending in self._pending.values():
            self.items_box.addWidget(
                self._chip(self.tr("Uploading {name}…").format(name=pending.label))
            )
        busy = any(not p.error for p in self._pending.values())
        self.progress.setVisible(busy)
        self.hint.setVisible(not self._urls and not self._pending)
        self.weight.setEnabled(bool(self._urls) and not self._draft)
        enabled = not self._draft
        self.setAcceptDrops(enabled)
        self.pick.setEnabled(enabled)
        self.setToolTip(self.draft_why if self._draft else "")
        self.hint.setText(self.draft_why if self._draft else self.drop_hint)

    def _tile(self, url: str) -> QWidget:
        """A reference as a picture (its name until the picture arrives), its name under it,
        the whole URL in the tooltip, and a button to remove it from the prompt."""
        tile = QFrame()
        tile.setObjectName("RefTile")
        tile.setToolTip(url)
        tile.setAccessibleName(self.tr("Reference {name}").format(name=_short(url)))
        box = QVBoxLayout(tile)
        box.setContentsMargins(4, 4, 4, 4)
        box.setSpacing(2)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        picture = QLabel()
        picture.setObjectName("RefPicture")
        picture.setFixedSize(TILE, TILE)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = self._previews.get(url)
        if pixmap is not None:
            picture.setPixmap(
                pixmap.scaled(
                    TILE,
                    TILE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            picture.setText("…")
        top.addWidget(picture)
        remove = QToolButton()
        remove.setText("×")
        remove.setAccessibleName(self.tr("Remove {reference}").format(reference=url))
        remove.setToolTip(self.tr("Remove this reference from the prompt"))
        remove.clicked.connect(lambda: self.url_removed.emit(self.kind, url))
        top.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(top)
        name = QLabel()
        name.setObjectName("Muted")
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setText(name.fontMetrics().elidedText(_name(url), Qt.TextElideMode.ElideMiddle, TILE))
        name.setFixedWidth(TILE)
        box.addWidget(name)
        return tile

    def _chip(self, text: str) -> QWidget:
        label = QLabel(_short(text))
        label.setToolTip(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    # -- uploads -----------------------------------------------------------------------------

    def begin_upload(self, ticket: str, label: str) -> None:
        self._pending[ticket] = _Pending(ticket, label)
        self.message.hide()
        self._render()

    def owns(self, ticket: str) -> bool:
        return ticket in self._pending

    def finish_upload(self, ticket: str, error: str) -> None:
        pending = self._pending.pop(ticket, None)
        if pending is not None and error:
            self.show_error(f"{pending.label}: {error}")
        self._render()

    def show_error(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    # -- input -------------------------------------------------------------------------------

    def _on_pick(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose reference images"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp);;All files (*)"),
        )
        if paths:
            self._add_paths(paths)

    def _add_paths(self, paths: list[str]) -> None:
        if self._draft:
            self.show_error(self.draft_why)
            return
        if self.single:
            paths = paths[:1]
        self.files_added.emit(self.kind, paths)

    def accept_mime(self, mime: QMimeData) -> bool:
        """Takes files, URLs or image data from a drop or the clipboard."""
        if self._draft:
            self.show_error(self.draft_why)
            return False
        local = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        remote = [u.toString() for u in mime.urls() if u.scheme() in ("http", "https")]
        if not local and not remote and mime.hasText():
            remote = [
                t for t in mime.text().split() if t.lower().startswith(("http://", "https://"))
            ]
        if local:
            self._add_paths(local)
            return True
        if remote:
            for url in remote[: 1 if self.single else len(remote)]:
                self.url_added.emit(self.kind, url)
            return True
        if mime.hasImage():
            image = QImage(mime.imageData())
            if image.isNull():
                self.show_error(self.tr("The pasted image could not be read"))
                return False
            ticket = uuid.uuid4().hex
            self.begin_upload(ticket, self.tr("pasted image"))
            self.image_added.emit(self.kind, ticket, image.copy())
            return True
        self.show_error(self.tr("Drop PNG, JPEG, GIF or WebP images, or image URLs"))
        return False

    def paste(self) -> None:
        mime = QApplication.clipboard().mimeData()
        if mime is not None:
            self.accept_mime(mime)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if not self._draft and (mime.hasUrls() or mime.hasImage() or mime.hasText()):
            self.setProperty("hover", True)
            self.style().polish(self)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.setProperty("hover", False)
        self.style().polish(self)

    def dropEvent(self, event: QDropEvent) -> None:
        self.setProperty("hover", False)
        self.style().polish(self)
        if self.accept_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def _reset_weight(self) -> None:
        """Double-click on the slider: the weight's token goes, the default applies."""
        self.weight_changed.emit(self.weight_param, None)

    def _on_weight(self, value: int) -> None:
        weight = value * self.scale
        self.weight_value.setText(_num(round(weight, 2)))
        self.weight_changed.emit(self.weight_param, round(weight, 2) if self.scale != 1 else value)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _name(url: str) -> str:
    """The file name a reference URL ends in (its host when it has none)."""
    parts = urlsplit(url)
    return Path(parts.path).name or parts.netloc or url


def _short(text: str) -> str:
    if text.lower().startswith(("http://", "https://")):
        parts = urlsplit(text)
        name = Path(parts.path).name or parts.netloc
        return f"{parts.netloc} · {name}" if name != parts.netloc else name
    return text if len(text) <= 48 else text[:47] + "…"
