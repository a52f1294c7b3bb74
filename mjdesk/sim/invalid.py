"""A request the simulator refuses: its message and the field at fault."""

from __future__ import annotations

__all__ = ["_Invalid"]


class _Invalid(Exception):
    def __init__(self, message: str, param: str, *, switchable: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.switchable = switchable
