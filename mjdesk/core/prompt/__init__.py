"""The Midjourney V8.1 prompt language as mjdesk understands it: parse, lint, expand, cost.

``analyze(text, speed, quality)`` is the single entry point; ``set_param`` rewrites one
parameter in the text for the GUI's controls. Pure Python, no Qt, no I/O.
"""

from ._analyze import RULES, Diagnostic, PromptAnalysis, TaskPlan, analyze, prose
from ._edit import (
    add_image_prompt,
    add_reference,
    get_param,
    remove_image_prompt,
    remove_reference,
    set_param,
)
from ._params import SPECS, ParamSpec, lookup
from ._tokens import tokenize

__all__ = [
    "RULES",
    "SPECS",
    "Diagnostic",
    "ParamSpec",
    "PromptAnalysis",
    "TaskPlan",
    "add_image_prompt",
    "add_reference",
    "analyze",
    "get_param",
    "lookup",
    "prose",
    "remove_image_prompt",
    "remove_reference",
    "set_param",
    "tokenize",
]
