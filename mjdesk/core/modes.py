"""Speed and quality modes, and what they cost (contract §1.2, §9)."""

from __future__ import annotations

from typing import Final, Literal

Speed = Literal["draft", "fast", "turbo"]
Quality = Literal["standard", "hd"]

SPEEDS: Final[tuple[Speed, ...]] = ("draft", "fast", "turbo")
QUALITIES: Final[tuple[Quality, ...]] = ("standard", "hd")

SPEED_MULTIPLIER: Final[dict[str, float]] = {"draft": 1.0, "fast": 1.0, "turbo": 2.0}
QUALITY_MULTIPLIER: Final[dict[str, float]] = {"standard": 1.0, "hd": 1.5}

#: Images one task returns, per speed.
IMAGES_PER_TASK: Final[dict[str, int]] = {"draft": 24, "fast": 4, "turbo": 4}


def compatible(speed: str, quality: str) -> bool:
    """HD can never be combined with Draft."""
    return not (speed == "draft" and quality == "hd")


def cost_units(speed: str, quality: str, tasks: int = 1) -> float:
    """Relative cost: speed multiplier × quality multiplier × number of tasks."""
    return SPEED_MULTIPLIER.get(speed, 1.0) * QUALITY_MULTIPLIER.get(quality, 1.0) * tasks
