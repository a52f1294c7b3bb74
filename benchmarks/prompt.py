"""Benchmark: ``analyze`` as run on every keystroke in the editor.

Cases: an 8,000-character prompt with 10 parameters, and a prompt with 3 nested permutations.
Baseline, measured in the same run on the same text: the least any prompt reader must do
(split the text into words and join them again). Target: median < 1 ms for the long prompt.
Prints one line per case, then a final JSON line.
"""

from __future__ import annotations

import json
import statistics
import time

from mjdesk.core.prompt import analyze

WORDS = "a cinematic shot of a maine coon cat on a neon lit balcony at night, rain, reflections,"
PARAMS = (
    " --ar 16:9 --s 500 --c 20 --seed 1234 --exp 15 --raw --sw 250"
    " --sref https://cdn.example.com/s.png --oref https://cdn.example.com/o.png --ow 100"
)


def long_prompt() -> str:
    body = (WORDS + " ") * 200
    return body[: 8000 - len(PARAMS)].rstrip() + PARAMS


NESTED = (
    "a {small {red, blue}, large {green, golden}} {fox, owl {in flight, at rest}}"
    " in a misty forest --ar {1:1, 16:9} --s 300"
)


def median_ms(fn, repeat: int) -> float:
    for _ in range(20):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    text = long_prompt()
    assert len(text) == 8000 and analyze(text).ok and len(analyze(text).params) == 10
    nested = analyze(NESTED)
    assert nested.ok, nested.diagnostics
    long_ms = median_ms(lambda: analyze(text), 400)
    nested_ms = median_ms(lambda: analyze(NESTED), 400)
    base_long = median_ms(lambda: " ".join(text.split()), 400)
    base_nested = median_ms(lambda: " ".join(NESTED.split()), 400)
    print(
        f"long prompt (8000 chars, 10 params): median {long_ms:.3f} ms "
        f"(baseline {base_long:.3f} ms)"
    )
    print(
        f"nested permutations ({nested.task_count} tasks): median {nested_ms:.3f} ms "
        f"(baseline {base_nested:.4f} ms)"
    )
    result = {
        "benchmark": "prompt",
        "long_prompt_median_ms": round(long_ms, 4),
        "long_prompt_baseline_ms": round(base_long, 4),
        "long_prompt_ratio": round(long_ms / base_long, 1),
        "nested_median_ms": round(nested_ms, 4),
        "nested_tasks": nested.task_count,
        "nested_baseline_ms": round(base_nested, 5),
        "target_long_ms": 1.0,
        "pass": long_ms < 1.0,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
