"""What the simulator accepts: EvoLink's documented rules for a generation, for each edit
route and for a callback URL, answered as the real API answers a refused request."""

from __future__ import annotations

import contextlib
import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit

from .canvas import Geometry, check_geometry
from .config import _IMAGE_EXT_RE, MAIN_MODEL
from .invalid import _Invalid
from .state import SimState

__all__ = [
    "check_callback",
    "check_edit",
    "check_generation",
    "has_image_extension",
    "leading_image_urls",
]


def check_generation(body: dict[str, Any]) -> tuple[str, str, str, None, None]:
    """A V8.1 generation request: (prompt, speed, quality, no source, no geometry) or
    _Invalid."""
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise _Invalid("prompt is required", "prompt", switchable=False)
    if len(prompt) > 8192:
        raise _Invalid("prompt exceeds 8192 characters", "prompt")
    quality = body.get("quality", "standard")
    if quality not in ("standard", "hd"):
        raise _Invalid("quality must be standard or hd", "quality", switchable=False)
    params = body.get("model_params") or {}
    if not isinstance(params, dict):
        raise _Invalid("model_params must be an object", "model_params", switchable=False)
    speed = params.get("speed", "fast")
    if speed not in ("draft", "fast", "turbo"):
        raise _Invalid("speed must be draft, fast or turbo", "model_params.speed", switchable=False)
    if quality == "hd" and speed == "draft":
        raise _Invalid("hd quality cannot be used with draft speed", "quality")
    urls, text = leading_image_urls(prompt)
    for u in urls:
        if not has_image_extension(u):
            raise _Invalid("image URLs must end in .png, .gif, .webp, .jpg or .jpeg", "prompt")
    if len(urls) == 1 and not text:
        raise _Invalid("a single image prompt needs text", "prompt")
    if speed == "draft" and (urls or re.search(r"--(sref|oref)\b", prompt, re.IGNORECASE)):
        raise _Invalid(
            "image prompts and references need fast or turbo speed", "model_params.speed"
        )
    return prompt, speed, quality, None, None


def check_edit(
    state: SimState, key: str, model: str, body: dict[str, Any]
) -> tuple[str, str, str, tuple[str, int] | None, Geometry | None]:
    """A request to an edit route: (prompt, speed, quality, source task and image, canvas
    geometry) or _Invalid."""
    params = body.get("model_params") or {}
    if not isinstance(params, dict):
        raise _Invalid("model_params must be an object", "model_params", switchable=False)
    prompt = body.get("prompt")
    speed = params.get("speed", "fast")
    if model == "mj-v8.1-remove-bg":
        if prompt is not None or "speed" in params:
            raise _Invalid("remove-bg does not take prompt or speed", "prompt", switchable=False)
    elif speed not in ("fast", "turbo"):
        raise _Invalid("speed must be fast or turbo", "model_params.speed", switchable=False)
    needs_prompt = model in (
        "mj-v8.1-remix",
        "mj-v8.1-retexture",
        "mj-v8.1-edit",
        "mj-v8.1-upload-paint",
    )
    if needs_prompt and (not isinstance(prompt, str) or not prompt.strip()):
        raise _Invalid("prompt is required", "prompt", switchable=False)
    if prompt is not None and (not isinstance(prompt, str) or len(prompt) > 8192):
        raise _Invalid("prompt exceeds 8192 characters", "prompt")
    source: tuple[str, int] | None = None
    if model in ("mj-v8.1-variation", "mj-v8.1-remix", "mj-v8.1-edit"):
        task_id = params.get("task_id")
        number = params.get("image_number", 0)
        if not isinstance(task_id, str) or not task_id:
            raise _Invalid(
                "model_params.task_id is required", "model_params.task_id", switchable=False
            )
        src = state.tasks.get(task_id)
        if src is None or src.key != key:
            raise _Invalid("source task not found", "model_params.task_id", switchable=False)
        if src.status_at(state.now()) != "completed" or not src.model.startswith(MAIN_MODEL):
            raise _Invalid(
                "source task is not a completed V8.1 task",
                "model_params.task_id",
                switchable=False,
            )
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= 3:
            raise _Invalid(
                "image_number must be 0-3", "model_params.image_number", switchable=False
            )
        kind = params.get("type" if model == "mj-v8.1-variation" else "mode")
        if kind is not None and kind not in ("subtle", "strong"):
            raise _Invalid("type must be subtle or strong", "model_params.type", switchable=False)
        source = (task_id, number)
    if model in ("mj-v8.1-retexture", "mj-v8.1-upload-paint", "mj-v8.1-remove-bg"):
        urls = body.get("image_urls")
        if not isinstance(urls, list) or not urls or not isinstance(urls[0], str):
            raise _Invalid("image_urls is required", "image_urls", switchable=False)
    if model in ("mj-v8.1-edit", "mj-v8.1-upload-paint"):
        for name in ("canvas", "img_pos"):
            if not isinstance(params.get(name), dict):
                raise _Invalid(
                    f"model_params.{name} is required", f"model_params.{name}", switchable=False
                )
    if model == "mj-v8.1-upload-paint" and not params.get("mask"):
        raise _Invalid("model_params.mask is required", "model_params.mask", switchable=False)
    geometry = None
    if model in ("mj-v8.1-edit", "mj-v8.1-upload-paint"):
        geometry = check_geometry(model, params, body.get("image_urls"))
    return (
        str(prompt or ""),
        str(speed if model != "mj-v8.1-remove-bg" else "fast"),
        "standard",
        source,
        geometry,
    )


def check_callback(url: Any, *, allow_private: bool) -> str | None:
    """The callback URL to deliver to (None for none), or _Invalid."""
    if url is None or url == "":
        return None
    if not isinstance(url, str) or len(url) > 2048:
        raise _Invalid(
            "callback_url must be at most 2048 characters", "callback_url", switchable=False
        )
    parts = urlsplit(url)
    host = parts.hostname or ""
    private = host in ("localhost",) or host.endswith(".localhost")
    with contextlib.suppress(ValueError):
        addr = ipaddress.ip_address(host)
        private = private or not addr.is_global
    if allow_private and parts.scheme in ("http", "https") and host:
        return url
    if parts.scheme != "https" or not host or private:
        raise _Invalid("callback_url must be a public https URL", "callback_url", switchable=False)
    return url


def leading_image_urls(prompt: str) -> tuple[list[str], str]:
    """(leading image URLs, the text after them up to the first parameter)."""
    words = prompt.split()
    urls: list[str] = []
    for w in words:
        bare = w[1:-1] if w.startswith("<") and w.endswith(">") else w
        if bare.lower().startswith(("http://", "https://")):
            urls.append(bare)
        else:
            break
    rest = " ".join(words[len(urls) :])
    text = "" if rest.startswith("--") else rest.split(" --", 1)[0]
    return urls, text.strip()


def has_image_extension(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0]
    return bool(_IMAGE_EXT_RE.search(path))
