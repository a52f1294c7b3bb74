"""Exporting a selection as the user chose: the original files or PNG, JPEG or WebP, at most
a given size, named by a template, with the prompt embedded or every bit of metadata left out
(the privacy switch). One file at a time in a worker thread, so progress is told and a cancel
stops between files; a file that exists is never overwritten (created exclusively, numbered
on a clash)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

from ..library import GalleryItem, provenance
from ..library.exports import export_name

__all__ = ["FORMATS", "ExportOptions", "ExportReport", "export_one"]

FORMATS: Final = ("original", "png", "jpeg", "webp")
_EXT: Final = {"png": "png", "jpeg": "jpg", "webp": "webp"}
_QT_FORMAT: Final = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    folder: Path
    format: str = "original"  # one of FORMATS
    max_side: int | None = None  # the longest side at most (None: as made)
    quality: int = 92  # JPEG and WebP
    template: str = "{date}_{prompt}_{n}"
    metadata: bool = True  # embed the prompt and settings; False strips every bit


@dataclass(slots=True)
class ExportReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)  # image id, reason
    cancelled: bool = False


def _meta(item: GalleryItem) -> dict[str, str]:
    return {
        "prompt": item.prompt,
        "speed": item.speed,
        "quality": item.quality,
        "task_id": item.task_id or "",
        "model": item.model,
    }


def _encode(image: QImage, fmt: str, quality: int) -> bytes:
    if fmt in ("jpg", "jpeg") and image.hasAlphaChannel():  # JPEG has no transparency: white
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("#ffffff"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as text here, though its stubs say bytes
    saver: Any = image.save
    if not saver(buffer, _QT_FORMAT[fmt], quality if fmt != "png" else -1):
        raise OSError(f"could not encode {fmt.upper()}")
    return bytes(data.data())


def _convert(source: Path, options: ExportOptions, fmt: str) -> bytes:
    """Decodes, scales to the maximum size (never up) and encodes: the pixels only, no
    metadata of the source."""
    reader = QImageReader(str(source))
    reader.setAutoTransform(True)
    size = reader.size()
    if options.max_side and size.isValid() and max(size.width(), size.height()) > options.max_side:
        reader.setScaledSize(
            size.scaled(
                QSize(options.max_side, options.max_side), Qt.AspectRatioMode.KeepAspectRatio
            )
        )
    image = reader.read()
    if image.isNull():
        raise OSError(reader.errorString() or "not an image")
    return _encode(image, fmt, options.quality)


def _write_new(folder: Path, name: str, data: bytes) -> Path:
    """Creates ``name`` (or ``name-2``, ``-3``…) exclusively: nothing that exists is ever
    replaced, even by another program writing at the same time."""
    stem, dot, ext = name.rpartition(".")
    n = 1
    while True:
        target = folder / (name if n == 1 else f"{stem}-{n}{dot}{ext}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            n += 1
            continue
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        except OSError:
            with contextlib.suppress(OSError):
                target.unlink()  # no half-written file is left (a full disk)
            raise
        return target


def export_one(root: Path, item: GalleryItem, options: ExportOptions) -> Path:
    """One image exported (run it in a worker thread)."""
    source = Path(item.path) if Path(item.path).is_absolute() else root / item.path
    source_ext = source.suffix.lstrip(".").lower() or "png"
    fmt = source_ext if options.format == "original" else _EXT[options.format]
    data = source.read_bytes()
    untouched = options.format == "original" and not options.max_side and options.metadata
    if options.format == "original" and options.max_side and item.width and item.height:
        untouched = max(item.width, item.height) <= options.max_side and options.metadata
    if not untouched:
        if fmt not in _QT_FORMAT:
            raise OSError(f"cannot write {fmt.upper()} files")
        data = _convert(source, options, fmt)
    if options.metadata and not provenance.read(data):
        data = provenance.embed(data, _meta(item))
    options.folder.mkdir(parents=True, exist_ok=True)
    return _write_new(options.folder, export_name(options.template, item, fmt), data)


def preview_names(items: Sequence[GalleryItem], options: ExportOptions) -> list[str]:
    """The names the first images would get (before any clash numbering)."""
    out = []
    for item in items:
        ext = Path(item.path).suffix.lstrip(".").lower() or "png"
        fmt = ext if options.format == "original" else _EXT[options.format]
        out.append(export_name(options.template, item, fmt))
    return out
