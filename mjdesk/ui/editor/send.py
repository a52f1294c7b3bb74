"""What the editor sends: the checks made before anything leaves (plain words, raised as
ValueError where the user is looking), then the work that gets the image — and a mask image
when brush strokes cannot travel as polygons — to URLs EvoLink can fetch, off the GUI thread,
and builds the request with ``core.edits``."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from ...core import canvas, edits
from ...services.imaging import encode_mask
from ...services.words import say

__all__ = ["prepare"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Editor", text)


def prepare(w: Any, prompt: str) -> Coroutine[Any, Any, edits.Edit]:
    """The edit ``w`` describes, checked now; the coroutine uploads and builds it."""
    src_w, src_h = w.source_size
    speed = w.speed
    uploads = w.service.uploads
    gallery = w.service.gallery
    image_id = w.item.id
    if w.mode == "repaint":
        layer = w.paint.layer
        if layer is None or not layer.covered():
            raise ValueError(_tr("Mark the area to repaint first: brush, rectangle or lasso"))
        place = canvas.zoom_out(src_w, src_h, 1.0)  # the image itself, at a size the route takes
        problem = canvas.placement_problem(place, src_w, src_h, same_aspect=False)
        if problem is not None:
            raise ValueError(say(problem))
        k = place.canvas_w / src_w
        polygons = (
            [[(x * k, y * k) for x, y in poly] for poly in layer.polygons]
            if layer.only_polygons
            else None
        )
        mask_image = QImage(layer.image)  # shared, not copied (only read when no polygons)

        async def repaint() -> edits.Edit:
            url = await uploads.public_url_of(image_id)
            mask: dict[str, Any] | str
            if polygons is not None:
                mask = canvas.areas(polygons, place)
            else:
                png = await asyncio.get_running_loop().run_in_executor(
                    None, encode_mask, mask_image, place.canvas_w, place.canvas_h
                )
                await gallery.keep_mask(png)  # the upload expires; the library keeps it
                mask = await uploads.upload(png)
            return edits.repaint(prompt, speed, url, place, mask)

        return repaint()
    if w.mode == "reframe":
        framed = w.frame.placement
        if framed is None:
            raise ValueError(_tr("The image is still loading"))
        problem = canvas.placement_problem(framed, src_w, src_h, same_aspect=False)
        if problem is not None:
            raise ValueError(say(problem))
        task = w.source_task()
        same = canvas.aspect_matches(framed.canvas_w, framed.canvas_h, src_w, src_h)
        by_url = task is None or not same
        label = w.op_label

        async def reframe() -> edits.Edit:
            url = await uploads.public_url_of(image_id) if by_url else None
            return edits.canvas_edit(
                label, prompt, speed, framed, (src_w, src_h), task=task, image_url=url
            )

        return reframe()

    async def retexture() -> edits.Edit:
        return edits.retexture(prompt, speed, await uploads.public_url_of(image_id))

    return retexture()
