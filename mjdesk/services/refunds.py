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
WINDOW = 180.0  # seconds a surplus waits for the failure it belongs to (it can come first)
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
        self._surplus: list[list[float]] = []  # [seen at, credits] not yet explained

    def charged(self, job_id: int, price: float, accepted_at: float) -> None:
        """A task EvoLink accepted (and charged for); counted once, if after the reading."""
        if self.balance is not None and accepted_at >= self.read_at:
            self._charged[job_id] = price

    def failed(self, job_id: int, price: float) -> None:
        """A charged task failed: its refund is looked for in the readings (EvoLink may have
        returned it before the app learnt of the failure)."""
        if self.balance is not None and all(w.job_id != job_id for w in self._waiting):
            self._waiting.append(_Waiting(job_id, price))

    @property
    def waiting(self) -> list[int]:
        return [w.job_id for w in self._waiting]

    def reading(self, balance: float, now: float) -> list[tuple[int, float]]:
        """A new balance: (job id, credits returned — its price, or 0.0 once given up) for
        every failed task it settles."""
        if self.balance is not None:
            surplus = balance - (self.balance - sum(self._charged.values()))
            if surplus > _CENT:
                self._surplus.append([now, surplus])
        self._surplus = [s for s in self._surplus if now - s[0] <= WINDOW]
        settled: list[tuple[int, float]] = []
        if self.balance is not None:
            for w in list(self._waiting):
                w.readings += 1
                if self._take(w.price):
                    settled.append((w.job_id, w.price))
                    self._waiting.remove(w)
                elif w.readings >= PATIENCE:
                    settled.append((w.job_id, 0.0))
                    self._waiting.remove(w)
        self.balance, self.read_at = balance, now
        self._charged.clear()
        return settled

    def _take(self, price: float) -> bool:
        """Explains ``price`` of the unexplained surplus, oldest first, if there is that much."""
        if sum(s[1] for s in self._surplus) < price - _CENT:
            return False
        for s in self._surplus:
            used = min(s[1], price)
            s[1] -= used
            price -= used
        self._surplus = [s for s in self._surplus if s[1] > _CENT]
        return True
