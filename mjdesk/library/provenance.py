"""Provenance inside the image file, without re-encoding its pixels.

The same XMP packet goes into a PNG ``iTXt`` chunk (keyword ``XML:com.adobe.xmp``), a JPEG
``APP1`` segment, or a WebP ``XMP`` chunk (adding a ``VP8X`` header when the file has none).
Other formats are returned untouched.
"""

from __future__ import annotations

import re
import struct
import zlib
from typing import Final

__all__ = ["embed", "read"]

_NS: Final = "https://mjdesk.app/ns/1.0/"
_FIELDS: Final = (
    "prompt",
    "prompt_sent",
    "params",
    "speed",
    "quality",
    "task_id",
    "model",
    "created",
)
_XMP_JPEG_ID: Final = b"http://ns.adobe.com/xap/1.0/\x00"
_PNG_KEY: Final = b"XML:com.adobe.xmp"


def escape(text: str) -> str:
    """XML text escaping (xml.sax.saxutils pulls in urllib at import time)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _packet(meta: dict[str, str]) -> bytes:
    attrs = "\n".join(
        f"   <mjdesk:{k}>{escape(str(meta[k]))}</mjdesk:{k}>" for k in _FIELDS if k in meta
    )
    desc = escape(str(meta.get("prompt", "")))
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        f' xmlns:mjdesk="{_NS}">\n'
        f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{desc}</rdf:li></rdf:Alt>'
        "</dc:description>\n"
        f"{attrs}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return xml.encode("utf-8")


def embed(data: bytes, meta: dict[str, str]) -> bytes:
    """``data`` with an XMP packet describing ``meta`` added (pixels untouched)."""
    packet = _packet(meta)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _embed_png(data, packet)
    if data.startswith(b"\xff\xd8\xff"):
        return _embed_jpeg(data, packet)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _embed_webp(data, packet)
    return data


def _embed_png(data: bytes, packet: bytes) -> bytes:
    # iTXt: keyword, NUL, compression flag, method, language tag NUL, translated keyword NUL, text
    body = _PNG_KEY + b"\x00\x00\x00\x00\x00" + packet
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"iTXt" + body) & 0xFFFFFFFF)
    # after IHDR (8 + 4 + 4 + 13 + 4 = 33 bytes): readers find it before the image data
    ihdr_end = 8 + 8 + struct.unpack(">I", data[8:12])[0] + 4
    return data[:ihdr_end] + chunk + data[ihdr_end:]


def _embed_jpeg(data: bytes, packet: bytes) -> bytes:
    payload = _XMP_JPEG_ID + packet
    if len(payload) + 2 > 0xFFFF:
        return data
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    # after SOI and any APP0 (JFIF) segment
    pos = 2
    if data[2:4] == b"\xff\xe0":
        pos = 4 + struct.unpack(">H", data[4:6])[0]
    return data[:pos] + segment + data[pos:]


def _webp_canvas(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8 ":
        w, h = struct.unpack("<HH", data[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if kind == b"VP8L":
        b = data[21:25]
        w = 1 + (((b[1] & 0x3F) << 8) | b[0])
        h = 1 + (((b[3] & 0x0F) << 10) | (b[2] << 2) | ((b[1] & 0xC0) >> 6))
        return w, h
    return None


def _embed_webp(data: bytes, packet: bytes) -> bytes:
    chunks = data[12:]
    if data[12:16] == b"VP8X":
        flags = data[20] | 0x04
        header = data[12:20] + bytes([flags]) + data[21:30]
        rest = data[30:]
    else:
        size = _webp_canvas(data)
        if size is None:
            return data
        w, h = size
        alpha = 0x10 if data[12:16] == b"VP8L" and data[24] & 0x10 else 0
        vp8x = (
            bytes([0x04 | alpha, 0, 0, 0])
            + (w - 1).to_bytes(3, "little")
            + (h - 1).to_bytes(3, "little")
        )
        header = b"VP8X" + struct.pack("<I", 10) + vp8x
        rest = chunks
    xmp = b"XMP " + struct.pack("<I", len(packet)) + packet + (b"\x00" if len(packet) % 2 else b"")
    body = b"WEBP" + header + rest + xmp
    return b"RIFF" + struct.pack("<I", len(body)) + body


_TAG_RE: Final = re.compile(rb"<mjdesk:(\w+)>(.*?)</mjdesk:\1>", re.DOTALL)


def read(data: bytes) -> dict[str, str]:
    """The mjdesk fields of the XMP packet in ``data`` (empty when there is none)."""
    start = data.find(b"<x:xmpmeta")
    if start < 0:
        return {}
    end = data.find(b"</x:xmpmeta>", start)
    block = data[start:end] if end > 0 else data[start:]
    return {
        m.group(1).decode(): _unescape(m.group(2).decode("utf-8")) for m in _TAG_RE.finditer(block)
    }
