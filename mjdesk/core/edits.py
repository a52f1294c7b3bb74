"""The requests of EvoLink's V8.1 routes that act on an image: which model, with which fields.

Each builder returns an ``Edit``: the words a job shows, the prompt sent, the speed, and the
route's ``model`` and ``model_params`` (api-contract.md §1.5). Where an image can serve as a
source at all is ``evolink.source_problem``'s to say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from . import canvas, evolink
from .canvas import Placement

__all__ = [
    "Edit",
    "canvas_edit",
    "remix",
    "remove_background",
    "repaint",
    "retexture",
    "vary",
]


@dataclass(frozen=True, slots=True)
class Edit:
    label: str  # what the queue shows for the job
    prompt: str  # what is sent ("" where the route takes none)
    speed: str
    model: str
    params: dict[str, Any] = field(default_factory=dict)


def _route_speed(speed: str) -> str:
    """The edit routes run fast or turbo; a Draft prompt's edits run fast."""
    return speed if speed in ("fast", "turbo") else "fast"


def vary(
    source_prompt: str, task_id: str, index: int, strength: Literal["subtle", "strong"]
) -> Edit:
    """A variation of image ``index`` (0–3) of a V8.1 task."""
    return Edit(
        f"Vary ({strength}) · {source_prompt}",
        "",
        "fast",
        evolink.VARIATION,
        {"task_id": task_id, "image_number": index, "type": strength},
    )


def remix(
    prompt: str,
    speed: str,
    task_id: str,
    index: int,
    strength: Literal["subtle", "strong"] = "strong",
) -> Edit:
    """Image ``index`` of a V8.1 task, remade with a new prompt (strong by default)."""
    speed = _route_speed(speed)
    return Edit(
        f"Remix · {prompt}",
        prompt,
        speed,
        evolink.REMIX,
        {"task_id": task_id, "image_number": index, "mode": strength, "speed": speed},
    )


def remove_background(source_prompt: str, image_url: str) -> Edit:
    """The route takes the image by URL and no prompt or speed."""
    return Edit(
        f"Remove background · {source_prompt}",
        "",
        "fast",
        evolink.REMOVE_BG,
        {"image_urls": [image_url]},
    )


def retexture(prompt: str, speed: str, image_url: str) -> Edit:
    """The image's shapes, remade in the look the prompt describes (any image, by URL)."""
    speed = _route_speed(speed)
    return Edit(
        f"Retexture · {prompt}",
        prompt,
        speed,
        evolink.RETEXTURE,
        {"image_urls": [image_url], "speed": speed},
    )


def repaint(
    prompt: str, speed: str, image_url: str, place: Placement, mask: dict[str, Any] | str
) -> Edit:
    """Repaints what ``mask`` covers (polygon areas from ``canvas.areas``, or the URL of a mask
    image: opaque repaints, transparent keeps) of the image placed by ``place``."""
    speed = _route_speed(speed)
    return Edit(
        f"Repaint · {prompt}",
        prompt,
        speed,
        evolink.UPLOAD_PAINT,
        {
            "image_urls": [image_url],
            "mask": mask,
            "canvas": place.canvas(),
            "img_pos": place.img_pos(),
            "speed": speed,
        },
    )


def canvas_edit(
    label: str,
    prompt: str,
    speed: str,
    place: Placement,
    source_size: tuple[int, int],
    *,
    task: tuple[str, int] | None = None,
    image_url: str | None = None,
) -> Edit:
    """A zoom out, pan or reframe: the source placed on a larger canvas, the rest painted.

    ``mj-v8.1-edit`` serves it when the source is image 0–3 of a V8.1 task (``task``) and the
    canvas keeps the source's aspect; otherwise ``mj-v8.1-upload-paint`` with the new area as
    the mask (needs ``image_url``)."""
    speed = _route_speed(speed)
    words = f"{label} · {prompt}"
    same = canvas.aspect_matches(place.canvas_w, place.canvas_h, *source_size)
    if task is not None and same:
        task_id, index = task
        return Edit(
            words,
            prompt,
            speed,
            evolink.EDIT,
            {
                "task_id": task_id,
                "image_number": index,
                "canvas": place.canvas(),
                "img_pos": place.img_pos(),
                "speed": speed,
            },
        )
    if image_url is None:
        raise ValueError("an image URL is needed when the edit route cannot serve")
    mask = canvas.areas(canvas.new_area(place), place)
    edit = repaint(prompt, speed, image_url, place, mask)
    return Edit(words, edit.prompt, edit.speed, edit.model, edit.params)
