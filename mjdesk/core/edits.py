"""The requests of EvoLink's V8.1 routes that act on an image: which model, with which fields.

Each builder returns an ``Edit``: the words a job shows, the prompt sent, the speed, and the
route's ``model`` and ``model_params`` (api-contract.md §1.5). Where an image can serve as a
source at all is ``evolink.source_problem``'s to say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from . import evolink

__all__ = ["Edit", "remix", "remove_background", "vary"]


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


def remix(prompt: str, speed: str, task_id: str, index: int) -> Edit:
    """Image ``index`` of a V8.1 task, remade with a new prompt (strong)."""
    speed = _route_speed(speed)
    return Edit(
        f"Remix · {prompt}",
        prompt,
        speed,
        evolink.REMIX,
        {"task_id": task_id, "image_number": index, "mode": "strong", "speed": speed},
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
