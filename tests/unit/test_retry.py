"""Retry policy tables (contract §9, reliability G5)."""

from __future__ import annotations

import math
from email.utils import parsedate_to_datetime

import pytest

from mjdesk.api.retry import RetryPolicy, parse_retry_after, server_hint, suggestion_delay

# "Now" for the HTTP-date rows: ten seconds before the date they name.
NOW = parsedate_to_datetime("Fri, 15 Jan 2027 08:00:00 GMT").timestamp()


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"retry-after": "7"}, 7.0),
        ({"retry-after": " 7 "}, 7.0),
        ({"retry-after": "0"}, 0.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after": "-5"}, None),
        ({"retry-after": "nan"}, None),
        ({"retry-after": "inf"}, math.inf),
        ({"retry-after": "99999999999999999999"}, 99999999999999999999.0),
        ({"retry-after": ""}, None),
        ({"retry-after": "soon"}, None),
        ({"retry-after": "Zun, 29 Sep 2026 10:00:00 GMT"}, None),
        ({"retry-after": "Fri, 15 Jan 2027 08:00:10 GMT"}, 10.0),
        ({"retry-after": "Fri, 15 Jan 2027 07:59:00 GMT"}, None),  # in the past
        ({"retry-after": "Sat, 01 Jan 100000 00:00:00 GMT"}, None),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "120001"}, 120.001),
        ({"retry-after-ms": "junk", "retry-after": "3"}, 3.0),
        ({"retry-after-ms": "-1", "retry-after": "3"}, 3.0),
        ({"retry-after-ms": "nan"}, None),
        ({"retry-after": "1e400"}, math.inf),
    ],
)
def test_retry_after_table(headers, expected):
    got = parse_retry_after(headers, now=NOW)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("retry after 60 seconds", 60.0),
        ("Please retry after 30 seconds", 30.0),
        ("retry in 5s", 5.0),
        ("retry after 2 minutes", 120.0),
        ("retry after 250 ms", 0.25),
        ("reduce concurrent tasks", None),
        ("", None),
        (None, None),
    ],
)
def test_suggestion_delay(text, expected):
    assert suggestion_delay(text) == expected


def test_header_wins_over_suggestion():
    assert server_hint({"retry-after": "3"}, "retry after 60 seconds") == 3.0
    assert server_hint({}, "retry after 60 seconds") == 60.0


def test_nominal_schedule_and_jitter_bounds():
    policy = RetryPolicy()
    assert policy.nominal_schedule() == [0.5, 1.0, 2.0, 4.0]
    assert RetryPolicy(max_retries=6).nominal_schedule() == [0.5, 1, 2, 4, 8, 8]
    lo = RetryPolicy(random=lambda: 0.0)
    hi = RetryPolicy(random=lambda: 1.0)
    for attempt in range(8):
        nominal = min(0.5 * 2**attempt, 8)
        assert lo.backoff(attempt) == pytest.approx(nominal * 0.5)
        assert hi.backoff(attempt) == pytest.approx(nominal)
    assert RetryPolicy().backoff(10_000) == pytest.approx(RetryPolicy().backoff(10_000), abs=4)


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (None, 0.5),
        (0.0, 0.0),
        (7.0, 7.0),
        (120.0, 120.0),
        (120.5, None),
        (math.inf, None),
        (math.nan, None),
    ],
)
def test_delay_prefers_the_server_and_refuses_long_waits(hint, expected):
    policy = RetryPolicy(random=lambda: 1.0)
    assert policy.delay(0, hint) == expected
