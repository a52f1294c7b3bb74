"""Polling cadence and engine timings (contract §9), scalable so tests run in milliseconds."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class PollPolicy:
    first_check_max: float = 10.0
    interval: float = 3.0
    growth: float = 1.5
    interval_cap: float = 15.0
    jitter: float = 0.2
    active_window: float = 25 * 60.0
    slow_interval: float = 5 * 60.0
    give_up_after: float = 24 * 3600.0
    not_visible_grace: float = 60.0
    send_retry: float = 30.0
    download_retry: float = 30.0
    max_download_rounds: int = 10
    rate_limit_pause: float = 10.0
    scale: float = 1.0

    def scaled(self, seconds: float) -> float:
        return seconds * self.scale

    def first_delay(self, estimated_time: float | None) -> float:
        """First check: half the server's estimate, at most 10 s."""
        est = estimated_time if estimated_time and estimated_time > 0 else 2 * self.first_check_max
        return self.scaled(min(est / 2.0, self.first_check_max))

    def next_delay(self, polls: int, age: float, rng: random.Random) -> float | None:
        """The wait before the next check after ``polls`` checks, for a task accepted ``age``
        seconds ago (unscaled); None when it is time to give up (needs attention)."""
        age = max(0.0, age)
        if age >= self.scaled(self.give_up_after):
            return None
        if age >= self.scaled(self.active_window):
            return self.scaled(self.slow_interval)
        nominal = min(self.interval * self.growth ** max(0, polls - 1), self.interval_cap)
        spread = 1.0 + self.jitter * (2.0 * rng.random() - 1.0)
        return self.scaled(nominal * spread)

    def fast(self, scale: float) -> PollPolicy:
        return replace(self, scale=scale)
