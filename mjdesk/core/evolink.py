"""EvoLink's facts, in one place: limits, lifetimes, models, how many results a task returns.

Everything here comes from api-contract.md (EvoLink's documentation, or mjdesk's decision where
it is silent). The client guards requests with it and the window asks it; nothing else spells
these numbers out.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple
from urllib.parse import urlsplit

from .i18n import Text, translate
from .modes import IMAGES_PER_TASK, QUALITIES, SPEEDS

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


def likely_results(model: str, speed: str) -> int:
    """How many images to make room for before a task has answered: the generation's count,
    one for a background removal, four for the other edit routes (their count is not
    documented; the real answer replaces this guess)."""
    expected = expected_results(model, speed)
    if expected is not None:
        return expected
    return 1 if model == REMOVE_BG else 4


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
    since the image was made. Any completed V8.1-series task serves: a variation can be
    varied again."""
    # a V8.1 variation, remix or canvas edit serves again; a cut-out (remove-bg) does not
    if not model.startswith(GENERATE) or model == REMOVE_BG or not task_id:
        return translate("Gallery", "Only images made by Midjourney V8.1 can be varied or remixed")
    if index >= SOURCE_IMAGES:
        return translate(
            "Gallery", "EvoLink addresses images 1–4 of a task only; this is image {n} of a draft"
        ).format(n=index + 1)
    if age > RESULT_LINK_LIFETIME:
        return translate(
            "Gallery", "The source task is older than 30 days; EvoLink may no longer have it"
        )
    return None


# -- what a generation request may carry ---------------------------------------------------

#: The endings an image prompt URL must have.
IMAGE_URL_ENDINGS: Final = re.compile(r"\.(png|gif|webp|jpe?g)$", re.IGNORECASE)
_REFERENCE_PARAM: Final = re.compile(r"(^|\s)--(sref|oref)\b", re.IGNORECASE)


class Problem(NamedTuple):
    """Why EvoLink would refuse a request: the field at fault and a sentence."""

    param: str
    message: Text


def leading_image_urls(prompt: str) -> tuple[list[str], str]:
    """The image prompt URLs a prompt starts with, and the text after them (before any
    parameter)."""
    words = prompt.split()
    urls: list[str] = []
    for w in words:
        bare = w[1:-1] if w.startswith("<") and w.endswith(">") else w
        if bare.lower().startswith(("http://", "https://")):
            urls.append(bare)
        else:
            break
    rest = " ".join(words[len(urls) :])
    text = rest.split(" --", 1)[0] if not rest.startswith("--") else ""
    return urls, text.strip()


def generation_problem(model: str, speed: str, quality: str, prompt: str) -> Problem | None:
    """Why a request to ``model`` would be refused, or None: checked before it is sent."""
    too_long = Problem("prompt", translate("Client", "The prompt is longer than 8192 characters"))
    if model != GENERATE:
        if not model.startswith("mj-v8.1-"):
            return Problem(
                "model", translate("Client", "Unknown model {model}").format(model=repr(model))
            )
        return too_long if len(prompt) > MAX_PROMPT_CHARS else None
    if speed not in SPEEDS:
        return Problem(
            "model_params.speed",
            translate("Client", "Unknown speed {speed}").format(speed=repr(speed)),
        )
    if quality not in QUALITIES:
        return Problem(
            "quality",
            translate("Client", "Unknown quality {quality}").format(quality=repr(quality)),
        )
    if quality == "hd" and speed == "draft":
        return Problem(
            "quality", translate("Client", "HD quality cannot be combined with Draft speed")
        )
    if not prompt.strip():
        return Problem("prompt", translate("Client", "The prompt is empty"))
    if len(prompt) > MAX_PROMPT_CHARS:
        return too_long
    urls, text = leading_image_urls(prompt)
    if any(not IMAGE_URL_ENDINGS.search(urlsplit(u).path) for u in urls):
        return Problem(
            "prompt",
            translate("Client", "Image prompt URLs must end in .png, .gif, .webp, .jpg or .jpeg"),
        )
    if len(urls) == 1 and not text:
        return Problem(
            "prompt",
            translate("Client", "One image prompt needs some text (or add a second image)"),
        )
    if speed == "draft" and (urls or _REFERENCE_PARAM.search(prompt)):
        return Problem(
            "model_params.speed",
            translate("Client", "Draft speed cannot use image prompts or references"),
        )
    return None
