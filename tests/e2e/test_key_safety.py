"""The API key never appears in a repr, an exception, a log record or a written file."""

from __future__ import annotations

import base64
import logging
import traceback
import uuid
from urllib.parse import quote

import pytest

from mjdesk.api import (
    ApiError,
    AuthenticationError,
    EvoLinkClient,
    Limits,
    UnconfirmedCreateError,
    UnsafeUrlError,
)
from mjdesk.api.redact import Redactor
from tests.e2e.helpers import make_client, req, wait_done
from tests.images import encode


def forms(key: str) -> list[str]:
    return [
        key,
        quote(key, safe=""),
        base64.b64encode(key.encode()).decode(),
        key[:12],
        base64.b64encode(f"Bearer {key}".encode()).decode(),
    ]


def leaks(text: str, key: str) -> list[str]:
    return [f for f in forms(key) if f in text]


async def test_canary_key_never_leaks(sim, tmp_path, caplog):
    canary = f"mjdesk-canary-{uuid.uuid4()}"
    wrong = f"mjdesk-canary-{uuid.uuid4()}"
    sim.config(keys=["mjdesk-demo-key", canary], slow_seconds=1.0)
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "mjdesk", "asyncio", ""):
        logging.getLogger(name).setLevel(logging.DEBUG)
    texts: list[str] = []
    errors: list[BaseException] = []
    async with make_client(sim, canary, limits=Limits(json_deadline=0.3)) as client:
        texts.append(repr(client))
        texts.append(repr(vars(client)))
        task = await client.create_generation(req(client_ref="c1"))
        done = await wait_done(client, task.id)
        await client.download(done.results[0], tmp_path / "img")
        await client.upload_file(encode("PNG"))
        await client.get_credits()
        for kind in ("reset_after", "server_error"):
            sim.fault(kind, route="create")
            try:
                await client.create_generation(req())
            except UnconfirmedCreateError as exc:
                errors.append(exc)
        sim.fault("slow_drip", route="create")
        sim.config(slow_seconds=2.0)
        try:
            await client.create_generation(req())
        except UnconfirmedCreateError as exc:
            errors.append(exc)
        try:
            await client.download("https://10.1.2.3/a.png", tmp_path / "x")
        except UnsafeUrlError as exc:
            errors.append(exc)
    async with make_client(sim, wrong) as bad:
        with pytest.raises(AuthenticationError) as info:
            await bad.get_credits()
        errors.append(info.value)
        texts.append(repr(bad))
    assert len(errors) == 5
    for exc in errors:
        texts += [str(exc), repr(exc), "".join(traceback.format_exception(exc)), repr(vars(exc))]
    for record in caplog.records:
        texts.append(record.getMessage())
        texts.append(repr(record.args))
        if record.exc_info:
            texts.append("".join(traceback.format_exception(*record.exc_info)))
    assert any("HTTP Request" in t for t in texts), "httpx logging was not captured"
    for text in texts:
        assert not leaks(text, canary), text[:300]
        assert not leaks(text, wrong), text[:300]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert not leaks(path.read_bytes().decode("latin-1"), canary)


@pytest.mark.parametrize("bad", ["", "   ", "abc\r\nX-Evil: 1", "abc\ndef", "clé-secrète", "a b"])
def test_unusable_keys_are_refused_before_any_header_is_built(bad):
    with pytest.raises(AuthenticationError):
        EvoLinkClient(bad)


def test_surrounding_whitespace_is_trimmed_and_repr_hides_the_key():
    client = EvoLinkClient("  sk-live-abcdef0123456789\n")
    assert "sk-live" not in repr(client)
    assert client._auth.headers()["Authorization"] == "Bearer sk-live-abcdef0123456789"
    assert "sk-live" not in repr(vars(client))


@pytest.mark.parametrize(
    ("base", "ok"),
    [
        ("https://api.evolink.ai", True),
        ("https://api.evolink.ai/", True),
        ("http://127.0.0.1:8080", True),
        ("http://localhost:9", True),
        ("http://[::1]:9", True),
        ("http://api.evolink.ai", False),
        ("http://10.0.0.1", False),
        ("https://user:pass@api.evolink.ai", False),
        ("https://api.evolink.ai/?x=1", False),
        ("https://api.evolink.ai/#frag", False),
        ("ftp://api.evolink.ai", False),
        ("api.evolink.ai", False),
        ("", False),
    ],
)
def test_base_urls_must_be_https_except_loopback(base, ok):
    if ok:
        EvoLinkClient("k-123", base_url=base, files_url=base)
    else:
        with pytest.raises(UnsafeUrlError):
            EvoLinkClient("k-123", base_url=base)


def test_redaction_filter_scrubs_records_and_tracebacks():
    r = Redactor()
    key = "sk-secret-0123456789abcdef"
    r.add(key)
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "key=%s", (key,), None)
    try:
        raise ApiError(f"boom {key}")
    except ApiError:
        import sys

        record.exc_info = sys.exc_info()
    assert r.filter(record)
    assert key not in record.getMessage() and key not in (record.exc_text or "")
    assert r.scrub(quote(key, safe="")) == "[redacted]"
