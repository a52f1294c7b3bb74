"""The Midjourney V8.1 prompt language as mjdesk understands it: parse, lint, expand, cost.

``analyze(text, speed, quality)`` is the single entry point; ``set_param`` rewrites one
parameter in the text for the GUI's controls. Pure Python, no Qt, no I/O.
"""

from ._analyze import RULES, Diagnostic, PromptAnalysis, TaskPlan, analyze
from ._edit import get_param, set_param
from ._params import SPECS, ParamSpec, lookup

__all__ = [
    "RULES",
    "SPECS",
    "Diagnostic",
    "ParamSpec",
    "PromptAnalysis",
    "TaskPlan",
    "analyze",
    "get_param",
    "lookup",
    "set_param",
]
