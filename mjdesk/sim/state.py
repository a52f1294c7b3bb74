"""The simulator's world: keys, credits, tasks, files, the create ledger and the fault plan.

Pure Python, no HTTP: ``server.py`` maps requests onto these objects. A task's state is computed
from the (virtual) clock when it is read, so no timer runs per task; only callbacks are scheduled.
"""

from __future__ import annotations

import contextlib
import random
import secrets
import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

from .canvas import aspect_mismatch
from .config import (
    _ALNUM,
    _KEYWORD_RE,
    _URL_RE,
    FAULT_ROUTES,
    MAIN_MODEL,
    QUALITY_MULT,
    SPEED_MULT,
    TASK_ERROR_MESSAGES,
    Fault,
    SimConfig,
    fingerprint,
)
from .images import image_size


@dataclass
class SimTask:
    id: str
    key: str
    model: str
    prompt: str
    speed: str
    quality: str
    created: float
    start_at: float
    done_at: float
    estimated_time: int
    credits: float
    n_results: int
    width: int
    height: int
    outcome: str = "completed"  # or "failed"
    error_code: str | None = None
    error_object: bool = True
    callback_url: str | None = None
    cancelled_at: float | None = None
    source: tuple[str, int] | None = None
    geometry: Any = None  # canvas.Geometry of a canvas edit (edit, upload-paint)
    leak: bool = False  # a careless server: the caller's key inside links and messages

    def status_at(self, now: float) -> str:
        if self.cancelled_at is not None and now >= self.cancelled_at:
            return "failed"
        if now < self.start_at:
            return "pending"
        if now < self.done_at:
            return "processing"
        return self.outcome

    def progress_at(self, now: float) -> int:
        status = self.status_at(now)
        if status == "completed":
            return 100
        if status == "pending":
            return 0
        if status == "failed":
            return 0 if self.cancelled_at is not None else self._running_progress(now)
        return self._running_progress(now)

    def _running_progress(self, now: float) -> int:
        span = max(self.done_at - self.start_at, 1e-6)
        return max(0, min(99, int(100 * (min(now, self.done_at) - self.start_at) / span)))

    def terminal_at(self) -> float:
        if self.cancelled_at is not None:
            return min(self.cancelled_at, self.done_at)
        return self.done_at


@dataclass
class SimFile:
    file_id: str
    key: str
    name: str
    original_name: str
    mime: str
    data: bytes
    upload_path: str
    uploaded: float
    expires: float
    deleted: bool = False


class SimState:
    """All mutable simulator state. Called from one event loop only."""

    def __init__(self, config: SimConfig) -> None:
        self.config = config
        self.control_token = ""
        self.base_url = ""
        self.reset()

    def reset(self) -> None:
        self.rng = random.Random(self.config.seed)
        self.clock_offset = 0.0
        self.tasks: dict[str, SimTask] = {}
        self.files: dict[str, SimFile] = {}
        self.ledger: list[dict[str, Any]] = []
        self.callbacks: list[dict[str, Any]] = []
        self.faults: deque[Fault] = deque()
        self.burst_left = 0
        self.balances: dict[str, float] = {}
        self.used: dict[str, float] = {}
        self.request_times: dict[str, deque[float]] = {}
        self.stats: dict[str, Any] = {
            "requests": {},
            "task_gets": {},
            "in_flight": 0,
            "max_in_flight": 0,
            "faults": {},
        }

    # -- clock and ids -----------------------------------------------------------------------

    def now(self) -> float:
        return time.time() + self.clock_offset

    def new_task_id(self) -> str:
        suffix = "".join(self.rng.choice(_ALNUM) for _ in range(8))
        return f"task-unified-{int(self.now())}-{suffix}"

    def new_file_id(self) -> str:
        return "file_" + secrets.token_hex(8)

    # -- keys and credits --------------------------------------------------------------------

    def key_status(self, key: str | None) -> str:
        if not key:
            return "missing"
        if key in self.config.forbidden_keys:
            return "forbidden"
        if key in self.config.broke_keys:
            return "broke"
        if key in self.config.keys:
            return "ok"
        return "unknown"

    def balance(self, key: str) -> float:
        if key in self.config.broke_keys:
            return 0.0
        return self.balances.setdefault(key, self.config.initial_credits)

    def charge(self, key: str, amount: float) -> bool:
        if self.balance(key) < amount:
            return False
        self.balances[key] = self.balance(key) - amount
        self.used[key] = self.used.get(key, 0.0) + amount
        return True

    def refund(self, key: str, amount: float) -> None:
        self.balances[key] = self.balance(key) + amount
        self.used[key] = self.used.get(key, 0.0) - amount

    # -- limits ------------------------------------------------------------------------------

    def rate_limited(self, key: str) -> bool:
        limit = self.config.rate_limit_per_s
        if limit <= 0:
            return False
        now = time.monotonic()
        window = self.request_times.setdefault(key, deque())
        while window and now - window[0] > 1.0:
            window.popleft()
        if len(window) >= limit:
            return True
        window.append(now)
        return False

    def running_tasks(self, key: str) -> int:
        now = self.now()
        return sum(
            1
            for t in self.tasks.values()
            if t.key == key and t.status_at(now) in ("pending", "processing")
        )

    # -- faults ------------------------------------------------------------------------------

    def pick_fault(self, route: str, prompt: str | None = None) -> str | None:
        for fault in list(self.faults):
            if fault.route not in ("any", route) or route not in FAULT_ROUTES.get(fault.kind, ()):
                continue
            if fault.match and (prompt is None or fault.match not in prompt):
                continue
            fault.count -= 1
            if fault.count <= 0:
                self.faults.remove(fault)
            return self._count_fault(fault.kind)
        if self.burst_left > 0:
            self.burst_left -= 1
            return self._count_fault("unavailable")
        rate = self.config.fault_rate
        if rate > 0 and self.rng.random() < rate:
            kinds = [k for k in self.config.fault_kinds if route in FAULT_ROUTES.get(k, ())]
            if kinds:
                kind = self.rng.choice(kinds)
                if kind == "burst":
                    self.burst_left = 2
                    kind = "unavailable"
                return self._count_fault(kind)
        return None

    def _count_fault(self, kind: str) -> str:
        counts = self.stats["faults"]
        counts[kind] = counts.get(kind, 0) + 1
        return kind

    # -- tasks -------------------------------------------------------------------------------

    def make_task(
        self,
        *,
        key: str,
        model: str,
        prompt: str,
        speed: str,
        quality: str,
        callback_url: str | None,
        failure: str | None = None,
        source: tuple[str, int] | None = None,
        geometry: Any = None,
    ) -> SimTask:
        cfg = self.config
        rng = self.rng
        if speed == "draft":
            est = rng.randint(15, 25)
        else:
            est = rng.randint(30, 60)
            if quality == "hd":
                est = min(60, est + 10)
        now = self.now()
        pending = cfg.scaled(min(3.0, est * 0.1))
        duration = cfg.scaled(est * rng.uniform(0.7, 1.15))
        n = 24 if (model == MAIN_MODEL and speed == "draft") else 4
        if model == "mj-v8.1-remove-bg":
            n = 1
        width, height = image_size(prompt, speed if model == MAIN_MODEL else "fast", quality)
        src = self.tasks.get(source[0]) if source is not None else None
        if src is not None and geometry is None:  # a variation or remix keeps its source's size
            width, height = src.width, src.height
        if geometry is not None:  # a canvas edit returns the canvas, at most 512 px long
            width, height = geometry.result_size(512)
        if cfg.image_scale != 1.0:
            width = max(16, int(width * cfg.image_scale))
            height = max(16, int(height * cfg.image_scale))
        credits = round(
            cfg.base_credits * SPEED_MULT.get(speed, 1.0) * QUALITY_MULT.get(quality, 1.0), 4
        )
        task = SimTask(
            id=self.new_task_id(),
            key=key,
            model=model,
            prompt=prompt,
            speed=speed,
            quality=quality,
            created=now,
            start_at=now + pending,
            done_at=now + pending + duration,
            estimated_time=est,
            credits=credits,
            n_results=n,
            width=width,
            height=height,
            callback_url=callback_url,
            source=source,
            geometry=geometry,
        )
        self._apply_keywords(task)
        if failure:
            task.outcome, task.error_code = "failed", failure
        elif model == "mj-v8.1-edit" and src is not None and aspect_mismatch(geometry, src):
            # documented: a canvas off the source's aspect may fail during execution
            task.outcome, task.error_code = "failed", "image_dimension_mismatch"
        self.tasks[task.id] = task
        return task

    def _apply_keywords(self, task: SimTask) -> None:
        for m in _KEYWORD_RE.finditer(task.prompt):
            word, value = m.group(1).lower(), (m.group(2) or "").lower()
            if word == "fail":
                task.outcome = "failed"
                if value in ("", "none"):
                    task.error_code, task.error_object = "unknown_error", value != "none"
                else:
                    task.error_code = value
            elif word == "moderate":
                try:
                    task.n_results = max(1, min(task.n_results - 1, int(value or "2")))
                except ValueError:
                    task.n_results = 2
            elif word == "leak":
                task.leak = True
            elif word == "results":  # a hostile server listing too many results
                with contextlib.suppress(ValueError):
                    task.n_results = max(1, min(int(value), 20000))
            elif word == "timeout":
                task.outcome, task.error_code = "failed", "generation_timeout"
                task.done_at = task.created + self.config.scaled(self.config.task_timeout)
        unknown_ref = self.unresolvable_reference(task.prompt)
        if unknown_ref and task.outcome == "completed":
            task.outcome, task.error_code = "failed", "image_processing_error"

    def unresolvable_reference(self, prompt: str) -> str | None:
        """A simulator file URL in the prompt that is unknown, deleted or expired."""
        if not self.base_url:
            return None
        prefix = self.base_url + "/files/"
        for found in _URL_RE.findall(prompt):
            url = str(found).strip("<>")
            if url.startswith(prefix):
                file_id = url[len(prefix) :].split("/")[-1].split("-", 1)[0].split(".")[0]
                f = self.files.get(file_id)
                if f is None or f.deleted or self.now() >= f.expires:
                    return url
        return None

    def task_view(self, task: SimTask) -> dict[str, Any]:
        now = self.now()
        status = task.status_at(now)
        view: dict[str, Any] = {
            "created": int(task.created),
            "id": task.id,
            "model": task.model,
            "object": "image.generation.task",
            "progress": task.progress_at(now),
            "status": status,
            "task_info": {"can_cancel": status in ("pending", "processing")},
            "type": "image",
        }
        if status == "completed":
            view["results"] = [
                f"{self.base_url}/results/{task.id}/{i}.png" for i in range(task.n_results)
            ]
            if task.leak:  # verbatim, percent-encoded char by char, in lower-case hex
                spelled = "".join(f"%{b:02x}" for b in task.key.encode())
                view["results"] = [f"{u}?token={task.key}&sig={spelled}" for u in view["results"]]
        if status == "failed":
            code = "request_cancelled" if task.cancelled_at is not None else task.error_code
            if task.error_object or task.cancelled_at is not None:
                code = code or "unknown_error"
                message = TASK_ERROR_MESSAGES.get(code, code)
                if task.leak:
                    message += f" (request by key {task.key})"
                view["error"] = {"code": code, "message": message}
        return view

    def create_view(self, task: SimTask) -> dict[str, Any]:
        return {
            "created": int(task.created),
            "id": task.id,
            "model": task.model,
            "object": "image.generation.task",
            "progress": 0,
            "status": "pending",
            "task_info": {"can_cancel": True, "estimated_time": task.estimated_time},
            "type": "image",
            "usage": {
                "billing_rule": "per_call",
                "credits_reserved": task.credits,
                "user_group": "default",
            },
        }

    def settle(self, task: SimTask) -> None:
        """Refunds a failed task once it is terminal (called lazily on reads)."""
        if not self.config.refund_failed or getattr(task, "_settled", False):
            return
        now = self.now()
        if task.status_at(now) == "failed":
            self.refund(task.key, task.credits)
            task._settled = True  # type: ignore[attr-defined]

    def record_create(self, **entry: Any) -> dict[str, Any]:
        entry.setdefault("at", self.now())
        self.ledger.append(entry)
        return entry

    def snapshot_config(self) -> dict[str, Any]:
        data = asdict(self.config)
        for k in ("keys", "broke_keys", "forbidden_keys"):
            data[k] = [fingerprint(x) for x in data[k]]
        return data
