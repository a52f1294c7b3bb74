"""Decoding an image scaled while it is read (a thumbnail never decodes the full picture):
for the thumbnail cache and the reference previews alike. Runs in worker threads."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader

__all__ = ["read_scaled", "scaled"]


def read_scaled(path: str, size: int) -> QImage:
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and (full.width() > size or full.height() > size):
        reader.setScaledSize(full.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return image if not image.isNull() else QImage()


def scaled(source: str | bytes, size: int) -> QImage:
    """A file (path) or encoded bytes, at most ``size`` px on its longer side."""
    if isinstance(source, str):
        return read_scaled(source, size)
    image = QImage.fromData(source)
    if image.isNull() or (image.width() <= size and image.height() <= size):
        return image
    return image.scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
