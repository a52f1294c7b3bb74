"""Shared test set-up: offscreen Qt, an in-memory keyring, a loopback simulator."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("MJDESK_API_KEY", None)

import keyring
import keyring.backend
import pytest

from tests.simctl import SimControl


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in memory: no test ever touches the real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


keyring.set_keyring(MemoryKeyring())


@pytest.fixture(scope="session")
def sim_session():
    """One simulator thread for the whole run (quick timing); tests reset it."""
    from mjdesk.sim import SimConfig, SimThread

    config = SimConfig(speed_factor=400.0, seed=1234, allow_private_callbacks=True)
    thread = SimThread(config, control_token="test-control-token")
    thread.start()
    yield thread
    thread.stop()


@pytest.fixture
def sim(sim_session) -> SimControl:
    ctl = SimControl(sim_session.url, sim_session.control_token)
    ctl.reset()
    ctl.config(
        speed_factor=400.0,
        fault_rate=0.0,
        validation="sync",
        file_error_style="status",
        retry_after_header=True,
        slow_seconds=3.0,
        max_body_bytes=1024 * 1024,
        file_max_bytes=100 * 1024 * 1024,
        file_quota=2000,
        result_ttl=30 * 86400.0,
        file_ttl=72 * 3600.0,
        rate_limit_per_s=0.0,
        max_concurrent_tasks=0,
        unknown_model_status=400,
        task_timeout=1200.0,
        image_scale=1.0,
        refund_failed=True,
        keys=["mjdesk-demo-key"],
    )
    return ctl
