"""EvoLink's facts, in one place: limits, lifetimes, models, how many results a task returns.

Everything here comes from api-contract.md (EvoLink's documentation, or mjdesk's decision where
it is silent). The client guards requests with it and the window asks it; nothing else spells
these numbers out.
"""

from __future__ import annotations

from typing import Final

from .i18n import Text, translate
from .modes import IMAGES_PER_TASK

#: The generation model, and the V8.1 routes that act on an image.
GENERATE: Final = "mj-v8.1"
VARIATION: Final = "mj-v8.1-variation"
REMIX: Final = "mj-v8.1-remix"
RETEXTURE: Final = "mj-v8.1-retexture"
EDIT: Final = "mj-v8.1-edit"
UPLOAD_PAINT: Final = "mj-v8.1-upload-paint"
REMOVE_BG: Final = "mj-v8.1-remove-bg"
MODELS: Final = (GENERATE, VARIATION, REMIX, RETEXTURE, EDIT, UPLOAD_PAINT, REMOVE_BG)

#: The longest prompt the route accepts (characters).
MAX_PROMPT_CHARS: Final = 8192

#: How long a completed task's result links (and the task itself, as an edit source) live.
RESULT_LINK_LIFETIME: Final = 30 * 86400.0
#: Reuse a result link as an image URL only this long, so it cannot expire mid-task.
RESULT_LINK_REUSE: Final = RESULT_LINK_LIFETIME - 86400.0
#: Files uploaded through the files API live 72 hours.
UPLOAD_LIFETIME: Final = 72 * 3600.0


def expected_results(model: str, speed: str) -> int | None:
    """How many images one task of ``model`` returns when nothing is withheld: 4, or 24 for a
    Draft generation; None where EvoLink does not say (the edit routes)."""
    if model == GENERATE:
        return IMAGES_PER_TASK.get(speed, 4)
    return None


def max_results(model: str, speed: str) -> int:
    """More results than this from one task is a protocol error, not images to download: what
    the route can return plus a little slack (the edit routes' count is undocumented)."""
    expected = expected_results(model, speed) or 4
    return expected + max(2, expected // 2)


def links_may_have_expired(completed_at: float | None, now: float) -> bool:
    """Whether a refused result link can be explained by its age. Younger links that answer
    403/404/410 are a fault of the moment: fetch the task again and retry."""
    return completed_at is not None and now - completed_at >= RESULT_LINK_LIFETIME


#: The image numbers the routes that take a source task accept (0–3).
SOURCE_IMAGES: Final = 4


def source_problem(model: str, task_id: str | None, index: int, age: float) -> Text | None:
    """Why an image cannot be the source of a variation, remix or other route that takes a
    source task (``task_id`` + ``image_number``), or None when it can. ``age`` is seconds
    since the image was made."""
    if model != GENERATE or not task_id:
        return translate(
            "Gallery", "Only images made by Midjourney V8.1 prompts can be varied or remixed"
        )
    if index >= SOURCE_IMAGES:
        return translate(
            "Gallery", "EvoLink addresses images 1–4 of a task only; this is image {n} of a draft"
        ).format(n=index + 1)
    if age > RESULT_LINK_LIFETIME:
        return translate(
            "Gallery", "The source task is older than 30 days; EvoLink may no longer have it"
        )
    return None
