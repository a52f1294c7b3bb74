"""Real image bytes of every accepted format, made in the test run (no binary fixtures)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

# A 1 × 1 GIF89a (Qt has no GIF writer).
GIF_1X1 = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def encode(fmt: str, width: int = 64, height: int = 48) -> bytes:
    if fmt.upper() == "GIF":
        return GIF_1X1
    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(QColor(200, 120, 60))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    assert img.save(buf, fmt.upper()), fmt
    buf.close()
    return bytes(data)
