"""Whether EvoLink gave back a failed task's credits. EvoLink does not say so per task; the
balance does. Between two readings of the balance the app knows what it was charged (the
tasks EvoLink accepted since the first reading); whatever the second reading shows above the
first minus those charges was returned, and it is matched to the failed tasks waiting for a
refund, oldest first, each by its own price. A failed task that no reading has matched after
a few readings is recorded as not returned.

What cannot be told apart: a top-up between two readings looks like a refund when it is at
least a task's price; another program spending from the same key hides one. The window says
"returned" only when the balance showed it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RefundWatch"]

PATIENCE = 3  # readings after a failure with nothing returned: "not returned"
_CENT = 0.005


@dataclass
class _Waiting:
    job_id: int
    price: float
    readings: int = 0


class RefundWatch:
    def __init__(self) -> None:
        self.balance: float | None = None
        self.read_at = 0.0
        self._charged: dict[int, float] = {}  # job id → price, accepted since the last reading
        self._waiting: list[_Waiting] = []

    def charged(self, job_id: int, price: float, accepted_at: float) -> None:
        """A task EvoLink accepted (and charged for); counted once, if after the reading."""
        if self.balance is not None and accepted_at >= self.read_at:
            self._charged[job_id] = price

    def failed(self, job_id: int, price: float) -> None:
        """A charged task failed: its refund is looked for in the next readings."""
        if self.balance is not None and all(w.job_id != job_id for w in self._waiting):
            self._waiting.append(_Waiting(job_id, price))

    @property
    def waiting(self) -> list[int]:
        return [w.job_id for w in self._waiting]

    def reading(self, balance: float, now: float) -> list[tuple[int, float]]:
        """A new balance: (job id, credits returned — its price, or 0.0 once given up) for
        every failed task it settles."""
        settled: list[tuple[int, float]] = []
        if self.balance is not None:
            surplus = balance - (self.balance - sum(self._charged.values()))
            for w in list(self._waiting):
                w.readings += 1
                if surplus >= w.price - _CENT:
                    surplus -= w.price
                    settled.append((w.job_id, w.price))
                    self._waiting.remove(w)
                elif w.readings >= PATIENCE:
                    settled.append((w.job_id, 0.0))
                    self._waiting.remove(w)
        self.balance, self.read_at = balance, now
        self._charged.clear()
        return settled
