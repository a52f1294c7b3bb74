"""Every error family, the create and read retry policies, and unconfirmed creates."""

from __future__ import annotations

import socket

import pytest

from mjdesk.api import (
    ApiConnectionError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    EvoLinkClient,
    GenerationRequest,
    InsufficientQuotaError,
    Limits,
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    RateLimitError,
    RequestTooLargeError,
    ResponseTooLargeError,
    RetryPolicy,
    ServerError,
    ServiceUnavailableError,
    UnconfirmedCreateError,
)
from mjdesk.sim import BROKE_KEY, FORBIDDEN_KEY
from tests.e2e.helpers import SleepLog, make_client, req


def creates(sim):
    return sim.ledger()


# -- error families -----------------------------------------------------------------------


async def test_unknown_key_is_401_and_never_retried(sim):
    sleeps = SleepLog()
    async with make_client(sim, "not-a-valid-key", sleeps=sleeps) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.create_generation(req())
        with pytest.raises(AuthenticationError):
            await client.get_credits()
    assert info.value.status == 401 and info.value.type == "authentication_error"
    assert len(creates(sim)) == 1 and sleeps.waits == []
    assert sim.requests("credits") == 1


async def test_broke_key_is_402_and_never_retried(sim):
    sleeps = SleepLog()
    async with make_client(sim, BROKE_KEY, sleeps=sleeps) as client:
        with pytest.raises(InsufficientQuotaError) as info:
            await client.create_generation(req())
    assert info.value.status == 402 and info.value.type == "insufficient_quota_error"
    assert len(creates(sim)) == 1 and creates(sim)[0]["task_id"] is None
    assert sleeps.waits == []


async def test_running_out_of_credits_is_402(sim):
    sim.set_credits("mjdesk-demo-key", 1.0)
    async with make_client(sim) as client:
        with pytest.raises(InsufficientQuotaError):
            await client.create_generation(req())


async def test_forbidden_key_is_403(sim):
    async with make_client(sim, FORBIDDEN_KEY) as client:
        with pytest.raises(PermissionDeniedError) as info:
            await client.get_credits()
    assert info.value.status == 403


async def test_malformed_task_id_is_400_with_a_string_code(sim):
    async with make_client(sim) as client:
        with pytest.raises(BadRequestError) as info:
            await client.get_task("not-a-task")
    err = info.value
    assert err.status == 400 and err.code == "invalid_task_id" and err.param == "task_id"


async def test_unknown_task_is_404(sim):
    async with make_client(sim) as client:
        with pytest.raises(NotFoundError) as info:
            await client.get_task("task-unified-1700000000-zzzzzzzz")
    assert info.value.status == 404 and info.value.code == "resource_not_found"


async def test_task_past_retention_is_404(sim):
    async with make_client(sim) as client:
        task = await client.create_generation(req())
        sim.advance(61 * 86400)
        with pytest.raises(NotFoundError):
            await client.get_task(task.id)


@pytest.mark.parametrize(("status", "family"), [(400, BadRequestError), (404, NotFoundError)])
async def test_unknown_model_is_400_or_404_as_configured(sim, status, family):
    sim.config(unknown_model_status=status)
    async with make_client(sim) as client:
        with pytest.raises(family) as info:
            await client.create_generation(GenerationRequest("x", model="mj-v8.1-bogus"))
    assert info.value.status == status


async def test_oversized_body_is_413(sim):
    sim.config(max_body_bytes=2000)
    async with make_client(sim) as client:
        with pytest.raises(RequestTooLargeError) as info:
            await client.create_generation(req("a" * 4000))
    assert info.value.status == 413 and info.value.type == "request_too_large_error"


async def test_server_side_validation_is_400_in_sync_mode(sim):
    # The client checks the documented rules itself; an edit model's missing field is left
    # to the server.
    async with make_client(sim) as client:
        with pytest.raises(BadRequestError) as info:
            await client.create_generation(
                GenerationRequest("x", model="mj-v8.1-variation", extra_model_params={})
            )
    assert info.value.param == "model_params.task_id"


# -- local validation: nothing is sent ----------------------------------------------------


@pytest.mark.parametrize(
    ("request_", "param"),
    [
        (GenerationRequest(""), "prompt"),
        (GenerationRequest("x" * 8193), "prompt"),
        (GenerationRequest("a cat", speed="draft", quality="hd"), "quality"),
        (GenerationRequest("a cat", speed="slow"), "model_params.speed"),  # type: ignore[arg-type]
        (GenerationRequest("a cat", quality="ultra"), "quality"),  # type: ignore[arg-type]
        (GenerationRequest("https://x.test/a.png"), "prompt"),
        (GenerationRequest("https://x.test/a.bmp a cat"), "prompt"),
        (GenerationRequest("https://x.test/a.png a cat", speed="draft"), "model_params.speed"),
        (
            GenerationRequest("a cat --sref https://x.test/s.png", speed="draft"),
            "model_params.speed",
        ),
        (GenerationRequest("a cat", callback_url="http://example.com/hook"), "callback_url"),
        (GenerationRequest("a cat", callback_url="https://127.0.0.1/hook"), "callback_url"),
    ],
)
async def test_locally_invalid_requests_are_refused_before_sending(sim, request_, param):
    async with make_client(sim) as client:
        with pytest.raises(BadRequestError) as info:
            await client.create_generation(request_)
    assert info.value.param == param
    assert creates(sim) == []


async def test_8192_characters_is_accepted(sim):
    async with make_client(sim) as client:
        task = await client.create_generation(req("y" * 8192))
    assert task.status == "pending"


# -- create retry policy ------------------------------------------------------------------


async def test_create_429_with_retry_after_waits_and_resends_once(sim):
    sim.fault("rate_limit", route="create")
    sleeps = SleepLog()
    async with make_client(sim, sleeps=sleeps) as client:
        task = await client.create_generation(req(client_ref="ref-429"))
    ledger = creates(sim)
    assert [e["fault"] for e in ledger] == ["rate_limit", None]
    assert {e["idempotency_key"] for e in ledger} == {"ref-429"}
    assert [e["task_id"] for e in ledger] == [None, task.id]
    assert sleeps.waits == [1.0]


async def test_create_429_without_header_reads_the_suggestion(sim):
    sim.fault("rate_limit_no_header", route="create")
    sleeps = SleepLog()
    async with make_client(sim, sleeps=sleeps) as client:
        await client.create_generation(req())
    assert sleeps.waits == [1.0]


async def test_create_503_is_retried_then_surfaced(sim):
    sim.fault("unavailable", route="create", count=10)
    sleeps = SleepLog()
    async with make_client(sim, sleeps=sleeps) as client:
        with pytest.raises(ServiceUnavailableError):
            await client.create_generation(req())
    assert len(creates(sim)) == 4  # one try and three retries
    assert all(e["task_id"] is None for e in creates(sim))
    assert len(sleeps.waits) == 3


async def test_create_429_with_a_too_long_wait_is_surfaced_not_slept(sim):
    sim.fault("rate_limit", route="create")
    sleeps = SleepLog()
    policy = RetryPolicy(sleep=sleeps, max_server_delay=0.5)
    async with EvoLinkClient(
        "mjdesk-demo-key", base_url=sim.url, files_url=sim.url, retry=policy
    ) as c:
        with pytest.raises(RateLimitError) as info:
            await c.create_generation(req())
    assert info.value.retry_after == 1.0 and sleeps.waits == []
    assert len(creates(sim)) == 1


@pytest.mark.parametrize("kind", ["reset_after", "bad_gateway", "gateway_timeout"])
async def test_create_processed_then_lost_is_unconfirmed_and_not_resent(sim, kind):
    sim.fault(kind, route="create")
    sleeps = SleepLog()
    async with make_client(sim, sleeps=sleeps) as client:
        with pytest.raises(UnconfirmedCreateError) as info:
            await client.create_generation(req(client_ref="ref-x"))
    ledger = creates(sim)
    assert len(ledger) == 1, "an unconfirmed create must never be resent"
    assert ledger[0]["task_id"] is not None and ledger[0]["fault"] == kind
    assert info.value.client_ref == "ref-x"
    assert sleeps.waits == []


@pytest.mark.parametrize("kind", ["reset_before", "server_error"])
async def test_create_lost_before_processing_is_still_unconfirmed(sim, kind):
    # A reset or a 500 looks the same to the client whether or not the server processed the
    # request, so the client must not resend; the ledger shows nothing was created.
    sim.fault(kind, route="create")
    async with make_client(sim) as client:
        with pytest.raises(UnconfirmedCreateError):
            await client.create_generation(req())
    ledger = creates(sim)
    assert len(ledger) == 1 and ledger[0]["task_id"] is None


async def test_create_slow_drip_past_the_deadline_is_unconfirmed(sim):
    sim.config(slow_seconds=2.0)
    sim.fault("slow_drip", route="create")
    async with make_client(sim, limits=Limits(json_deadline=0.3)) as client:
        with pytest.raises(UnconfirmedCreateError):
            await client.create_generation(req())
    assert len(creates(sim)) == 1


async def test_create_refused_connection_is_retried_then_reported(sim):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sleeps = SleepLog()
    base = f"http://127.0.0.1:{port}"
    policy = RetryPolicy(sleep=sleeps, random=lambda: 1.0)
    async with EvoLinkClient("mjdesk-demo-key", base_url=base, files_url=base, retry=policy) as c:
        with pytest.raises(ApiConnectionError) as info:
            await c.create_generation(req())
    assert not isinstance(info.value, UnconfirmedCreateError)
    assert sleeps.waits == [0.5, 1.0, 2.0]


# -- read retry policy --------------------------------------------------------------------


async def test_get_retry_schedule_is_half_one_two_four(sim):
    sim.fault("server_error", route="credits", count=10)
    sleeps = SleepLog()
    async with make_client(sim, sleeps=sleeps) as client:
        with pytest.raises(ServerError) as info:
            await client.get_credits()
    assert info.value.status == 500
    assert sleeps.waits == [0.5, 1.0, 2.0, 4.0]
    assert sim.requests("credits") == 5


@pytest.mark.parametrize(
    "kind",
    [
        "server_error",
        "bad_gateway",
        "unavailable",
        "gateway_timeout",
        "reset_before",
        "reset_after",
        "rate_limit",
        "burst",
        "slow",
    ],
)
async def test_a_transient_fault_on_a_poll_is_absorbed(sim, kind):
    async with make_client(sim) as client:
        task = await client.create_generation(req())
        sim.config(slow_seconds=0.2)
        sim.fault(kind, route="task")
        got = await client.get_task(task.id)
    assert got.id == task.id


async def test_non_json_error_page_is_a_server_error_with_a_plain_message(sim):
    sim.fault("bad_gateway", route="credits", count=10)
    async with make_client(sim) as client:
        with pytest.raises(ServerError) as info:
            await client.get_credits()
    assert info.value.status == 502
    assert "<html" not in str(info.value) and "not JSON" in info.value.message


async def test_get_timeout_after_retries_is_a_timeout_error(sim):
    sim.config(slow_seconds=2.0)
    sim.fault("slow", route="credits", count=10)
    async with make_client(sim, limits=Limits(json_deadline=0.2)) as client:
        with pytest.raises(ApiTimeoutError):
            await client.get_credits()


async def test_json_over_the_cap_is_aborted(sim):
    async with make_client(sim, limits=Limits(max_json_bytes=64)) as client:
        with pytest.raises(ResponseTooLargeError):
            await client.get_credits()


async def test_not_visible_task_is_404(sim):
    async with make_client(sim) as client:
        task = await client.create_generation(req())
        sim.fault("not_visible", route="task")
        with pytest.raises(NotFoundError):
            await client.get_task(task.id)
        assert (await client.get_task(task.id)).id == task.id


async def test_protocol_error_type_exists_for_garbage():
    assert issubclass(ProtocolError, Exception)
