"""``mjdesk batch --ops FILE.jsonl``: the editor's operations from a terminal, one JSON object
per line, on the same engine as the window.

    {"op": "vary", "image": 12, "strength": "subtle"}
    {"op": "remix", "image": 12, "prompt": "...", "strength": "strong"}
    {"op": "repaint", "image": 12, "mask": "mask.png", "prompt": "..."}
    {"op": "zoom", "image": 12, "factor": 1.5, "prompt": "..."}
    {"op": "pan", "image": 12, "direction": "left", "amount": 0.5, "prompt": "..."}
    {"op": "reframe", "image": 12, "aspect": "16:9", "prompt": "..."}
    {"op": "retexture", "image": 12, "prompt": "..."}
    {"op": "remove-bg", "image": 12}

``image`` is a library image id or the path of an image file in the library; ``mask`` a
picture of any size (white repaints, black keeps), relative to the ops file; ``speed`` (fast or
turbo) is optional. Where the route needs a prompt and the line gives none, the source's own
prompt (without its parameters) is used. A bad line is reported with its number and reason,
and nothing of it is sent.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..core import canvas, edits
from ..core.evolink import source_problem
from ..core.i18n import Text
from ..core.prompt import analyze
from ..library import Library, NewJob, edit_job
from ..services.imaging import mask_from_picture
from ..services.uploads import UploadError, UploadService
from ..services.words import say

__all__ = ["OPS", "Op", "build_jobs", "read_ops"]

OPS = ("vary", "remix", "repaint", "zoom", "pan", "reframe", "retexture", "remove-bg")
_NEEDS_PROMPT = ("remix",)


class BadLine(Exception):
    """A line that cannot be sent, and why."""


@dataclass(frozen=True)
class Op:
    number: int
    fields: dict[str, Any]


def read_ops(path: str, err: TextIO) -> tuple[list[Op], int, Path] | None:
    """The file's lines as operations (shape checked; the library is checked later), the
    number of lines rejected, and the folder masks are relative to; None when unreadable."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err.write(f"mjdesk batch: cannot read {path}: {getattr(exc, 'strerror', None) or exc}\n")
        return None
    ops: list[Op] = []
    rejected = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            fields = json.loads(line)
            if not isinstance(fields, dict):
                raise BadLine("not a JSON object")
            _check_shape(fields)
        except (ValueError, BadLine) as exc:
            reason = exc if isinstance(exc, BadLine) else f"not JSON ({exc})"
            err.write(f"line {number}: {reason}; not sent\n")
            rejected += 1
            continue
        ops.append(Op(number, fields))
    return ops, rejected, source.parent


def _check_shape(f: dict[str, Any]) -> None:
    op = f.get("op")
    if op not in OPS:
        raise BadLine(f"op must be one of {', '.join(OPS)}")
    image = f.get("image")
    if isinstance(image, bool) or not isinstance(image, (int, str)) or image == "":
        raise BadLine("image must be a library image id or an image file in the library")
    if "prompt" in f and not isinstance(f["prompt"], str):
        raise BadLine("prompt must be text")
    if op in _NEEDS_PROMPT and not str(f.get("prompt", "")).strip():
        raise BadLine(f"{op} needs a prompt")
    if f.get("speed", "fast") not in ("fast", "turbo"):
        raise BadLine("speed must be fast or turbo (edits have no draft)")
    if op in ("vary", "remix") and f.get("strength", "subtle") not in ("subtle", "strong"):
        raise BadLine("strength must be subtle or strong")
    if op == "repaint" and not isinstance(f.get("mask"), str):
        raise BadLine("repaint needs a mask: the path of a picture (white repaints)")
    if op == "zoom":
        factor = f.get("factor")
        if not isinstance(factor, (int, float)) or not 1 < factor <= canvas.MAX_ZOOM:
            raise BadLine(f"factor must be a number above 1 and at most {canvas.MAX_ZOOM:g}")
    if op == "pan":
        if f.get("direction") not in ("left", "right", "up", "down"):
            raise BadLine("direction must be left, right, up or down")
        amount = f.get("amount", 0.5)
        if not isinstance(amount, (int, float)) or not 0.1 <= amount <= 1:
            raise BadLine("amount must be from 0.1 to 1 (a share of the image)")
    if op == "reframe":
        try:
            a, b = (int(v) for v in str(f.get("aspect", "")).split(":"))
            if a <= 0 or b <= 0:
                raise ValueError
        except ValueError:
            raise BadLine("aspect must be W:H, for example 16:9") from None


async def build_jobs(
    ops: list[Op], folder: Path, library: Library, uploads: UploadService, err: TextIO
) -> tuple[list[NewJob], int]:
    """A job per good line (uploads done, every check made); bad lines are reported."""
    jobs: list[NewJob] = []
    rejected = 0
    for op in ops:
        try:
            jobs.append(await _job(op.fields, folder, library, uploads))
        except (BadLine, UploadError) as exc:
            err.write(f"line {op.number}: {exc}; not sent\n")
            rejected += 1
    return jobs, rejected


async def _job(f: dict[str, Any], folder: Path, library: Library, uploads: UploadService) -> NewJob:
    image, job = await _source(f["image"], library)
    w, h = image.width or 0, image.height or 0
    if not w or not h:
        raise BadLine("the image's size is not known")
    op, speed = f["op"], f.get("speed", "fast")
    own = job.prompt.split(" --", 1)[0].strip() or job.prompt_typed
    prompt = str(f.get("prompt") or own).strip()
    if not analyze(prompt, speed).ok:
        raise BadLine("the prompt has errors (check it in the window's editor)")
    age = time.time() - (job.completed_at or job.created_at)
    problem = source_problem(job.model, job.task_id, image.idx, age)
    task = (job.task_id, image.idx) if problem is None and job.task_id else None
    edit = await _edit(
        op, f, prompt, speed, (w, h), task, problem, image.id, folder, uploads, library
    )
    return edit_job(edit, image.id)


async def _edit(
    op: str,
    f: dict[str, Any],
    prompt: str,
    speed: str,
    size: tuple[int, int],
    task: tuple[str, int] | None,
    problem: Text | None,
    image_id: int,
    folder: Path,
    uploads: UploadService,
    library: Library,
) -> edits.Edit:
    w, h = size
    if op in ("vary", "remix"):
        if task is None:
            raise BadLine(say(problem) if problem else "the image cannot be varied")
        strength = f.get("strength", "subtle" if op == "vary" else "strong")
        if op == "vary":
            return edits.vary(prompt, task[0], task[1], strength)
        return edits.remix(prompt, speed, task[0], task[1], strength)
    if op == "remove-bg":
        return edits.remove_background(prompt, await uploads.public_url_of(image_id))
    if op == "retexture":
        return edits.retexture(prompt, speed, await uploads.public_url_of(image_id))
    if op == "repaint":
        place = canvas.zoom_out(w, h, 1.0)
        _placed(place, w, h)
        try:
            data = (folder / f["mask"]).read_bytes()
        except OSError as exc:
            raise BadLine(f"cannot read the mask {f['mask']}: {exc.strerror or exc}") from None
        loop = asyncio.get_running_loop()
        png = await loop.run_in_executor(
            None, mask_from_picture, data, place.canvas_w, place.canvas_h
        )
        if png is None:
            raise BadLine(f"the mask {f['mask']} is not a picture")
        kept = png
        await library.run(lambda s: s.keep_mask(kept))  # the library keeps what was sent
        url = await uploads.public_url_of(image_id)
        return edits.repaint(prompt, speed, url, place, await uploads.upload(png))
    if op == "zoom":
        place, label = canvas.zoom_out(w, h, float(f["factor"])), f"Zoom out {f['factor']:g}×"
    elif op == "pan":
        amount = float(f.get("amount", 0.5))
        place, label = canvas.pan(w, h, f["direction"], amount), f"Pan {f['direction']}"
    else:
        a, b = (int(v) for v in str(f["aspect"]).split(":"))
        place, label = canvas.reframe(w, h, a, b), f"Reframe {a}:{b}"
    _placed(place, w, h)
    same = canvas.aspect_matches(place.canvas_w, place.canvas_h, w, h)
    by_url = None if task is not None and same else await uploads.public_url_of(image_id)
    return edits.canvas_edit(label, prompt, speed, place, (w, h), task=task, image_url=by_url)


def _placed(place: canvas.Placement, w: int, h: int) -> None:
    problem = canvas.placement_problem(place, w, h, same_aspect=False)
    if problem is not None:
        raise BadLine(say(problem))


async def _source(ref: int | str, library: Library) -> tuple[Any, Any]:
    """The image a line names (an id, or a file of the library) and its job."""

    def find(s: Any) -> tuple[Any, Any] | None:
        image_id = ref if isinstance(ref, int) else s.image_id_for_path(_in_library(ref, s.root))
        if image_id is None:
            return None
        try:
            image = s.image(image_id)
        except LookupError:
            return None
        if image.deleted_at is not None:
            return None
        return image, s.job(image.job_id)

    found = await library.run(find)
    if found is None:
        raise BadLine(f"no image {ref!r} in the library")
    return found


def _in_library(ref: str, root: Path) -> Path:
    path = Path(ref)
    return path if path.is_absolute() else root / path


def terminal_uploads(library: Any, client: Any) -> Any:
    """The window's upload service (checks, cache, reuse of result links) for a terminal run."""
    from ..services.uploads import UploadService
    from ..settings import Settings

    return UploadService(library=lambda: library, client=lambda: client, settings=Settings)


async def op_jobs_of(args: Any, library: Any, client: Any, err: TextIO) -> tuple[list[NewJob], int]:
    """The ops file's jobs: images resolved, uploads made, every check passed."""
    uploads = terminal_uploads(library, client)
    return await build_jobs(args.op_lines, args.ops_folder, library, uploads, err)
