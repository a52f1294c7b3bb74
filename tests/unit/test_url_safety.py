"""Callback and result URL validation (reliability G12, G13, G16)."""

from __future__ import annotations

import pytest

from mjdesk.api import UnsafeUrlError
from mjdesk.api.security import (
    is_loopback_host,
    resolve_public,
    validate_callback_url,
    validate_fetch_url,
)

REJECTED_CALLBACKS = [
    "http://example.com/hook",
    "https://127.0.0.1/hook",
    "https://127.5.6.7/hook",
    "https://localhost/hook",
    "https://localhost./hook",
    "https://app.localhost/hook",
    "https://printer.local/hook",
    "https://2130706433/hook",
    "https://0x7f.1/hook",
    "https://0177.0.0.1/hook",
    "https://127.1/hook",
    "https://[::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[fd00::1]/hook",
    "https://[fe80::1]/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://100.64.0.1/hook",
    "https://10.0.0.5/hook",
    "https://172.16.0.1/hook",
    "https://172.31.255.255/hook",
    "https://192.168.1.1/hook",
    "https://0.0.0.0/hook",
    "https://224.0.0.1/hook",
    "https://user:pass@example.com/hook",
    "https://example.com/" + "a" * 2030,
    "javascript:alert(1)",
    "ftp://example.com/hook",
    "https://intranet/hook",
    "https:///hook",
    "https://exa mple.com/hook",
    "https://example.com/ho\nok",
    "",
]

ACCEPTED_CALLBACKS = [
    "https://example.com/hook",
    "https://hooks.example.org:8443/evolink?x=1",
    "https://8.8.8.8/hook",
    "https://[2001:4860:4860::8888]/hook",
    "https://sub.domain.example.co.uk/a/b/c",
    "https://172.32.0.1/hook",
    "https://example.com/" + "a" * (2048 - len("https://example.com/")),
]


@pytest.mark.parametrize("url", REJECTED_CALLBACKS)
def test_callback_rejections(url):
    with pytest.raises(UnsafeUrlError):
        validate_callback_url(url)


@pytest.mark.parametrize("url", ACCEPTED_CALLBACKS)
def test_callback_acceptances(url):
    assert validate_callback_url(url) == url


def test_2048_is_the_boundary():
    base = "https://example.com/"
    assert len(ACCEPTED_CALLBACKS[-1]) == 2048
    with pytest.raises(UnsafeUrlError):
        validate_callback_url(base + "a" * (2049 - len(base)))


@pytest.mark.parametrize(
    "host",
    ["localhost", "127.0.0.1", "127.9.9.9", "::1", "[::1]", "::ffff:127.0.0.1", "2130706433"],
)
def test_loopback_hosts(host):
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", ["example.com", "10.0.0.1", "", None, "8.8.8.8"])
def test_not_loopback(host):
    assert not is_loopback_host(host)


def test_fetch_rules():
    validate_fetch_url("https://media.example.com/a.png", allow_loopback=False)
    validate_fetch_url("http://127.0.0.1:9/a.png", allow_loopback=True)
    for bad in (
        "http://127.0.0.1:9/a.png",
        "http://media.example.com/a.png",
        "data:image/png;base64,xx",
        "https://192.168.0.2/a.png",
    ):
        with pytest.raises(UnsafeUrlError):
            validate_fetch_url(bad, allow_loopback=False)


@pytest.mark.parametrize(
    "url", ["http://10.0.0.5/a.png", "http://169.254.169.254/x", "http://[fd00::1]/a"]
)
def test_a_private_address_is_called_private_not_insecure(url):
    with pytest.raises(UnsafeUrlError, match="private or local network address"):
        validate_fetch_url(url, allow_loopback=False)


async def test_resolution_rejects_names_that_resolve_to_loopback():
    with pytest.raises(UnsafeUrlError):
        await resolve_public("localhost", 443, allow_loopback=False)
    await resolve_public("localhost", 443, allow_loopback=True)
