"""Decoding an image scaled while it is read (a thumbnail never decodes the full picture):
for the thumbnail cache and the reference previews alike. Runs in worker threads."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter

__all__ = ["encode_mask", "mask_from_picture", "read_scaled", "scaled"]


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


def encode_mask(image: QImage, width: int, height: int) -> bytes:
    """A mask as EvoLink reads it — a PNG at ``width`` × ``height``, opaque where to repaint,
    transparent where to keep — from an image whose alpha marks the area. One bit per pixel
    (a two-colour palette: transparent and opaque white), so a 4096² mask is encoded in tens
    of milliseconds. Runs in a worker thread."""
    if (image.width(), image.height()) != (width, height):
        image = image.scaled(
            width,
            height,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    bits = image.createAlphaMask(Qt.ImageConversionFlag.ThresholdAlphaDither)  # 1 = opaque
    bits.setColorTable([0x00000000, 0xFFFFFFFF])
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    bits.save(buf, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; str works
    buf.close()
    return bytes(data.data())


def mask_from_picture(data: bytes, width: int, height: int) -> bytes | None:
    """A black-and-white picture (white: repaint, black: keep; any size) as EvoLink's mask;
    None when it is not an image. Transparent parts keep, like black."""
    picture = QImage.fromData(data)
    if picture.isNull():
        return None
    flat = QImage(picture.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.black)  # what is transparent keeps
    painter = QPainter(flat)
    painter.drawImage(0, 0, picture)
    painter.end()
    grey = flat.convertToFormat(QImage.Format.Format_Grayscale8)
    # the grey values, read as alpha: light = opaque = repaint
    alpha = QImage(
        grey.constBits(),
        grey.width(),
        grey.height(),
        grey.bytesPerLine(),
        QImage.Format.Format_Alpha8,
    ).copy()
    return encode_mask(
        alpha.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied), width, height
    )
