"""The image editor: repaint a region, reframe (zoom out, pan, any aspect), retexture."""

from __future__ import annotations

from .window import EditorWindow, open_editor

__all__ = ["EditorWindow", "open_editor"]
