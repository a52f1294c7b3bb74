"""A faithful simulator of EvoLink's API for mj-v8.1 (aiohttp, loopback only).

It must not import ``mjdesk.api`` (nor any other client layer): the client and the simulator are
written from the contract independently, so each checks the other.

Prompt keywords that steer a task (case-insensitive, anywhere in the prompt):

* ``sim:fail=<code>`` — the task fails with that business error code (any of contract §4.3);
  ``sim:fail=none`` fails it without an ``error`` object;
* ``sim:moderate=<n>`` — moderation leaves only ``n`` results (1–3);
* ``sim:results=<n>`` — a hostile server: the completed task lists ``n`` result links;
* ``sim:leak`` — a careless server: the caller's key appears in the result links (verbatim
  and percent-encoded) and in a failure's message;
* ``sim:timeout`` — the task fails with ``generation_timeout`` after the task timeout.
"""

from .config import ALL_FAULTS, BROKE_KEY, DEMO_KEY, FORBIDDEN_KEY, SimConfig
from .server import SimThread, Simulator

__all__ = [
    "ALL_FAULTS",
    "BROKE_KEY",
    "DEMO_KEY",
    "FORBIDDEN_KEY",
    "SimConfig",
    "SimThread",
    "Simulator",
]
