"""The OS keyring for real: a Secret Service (gnome-keyring on its own D-Bus session) holds the
key saved from the Settings dialog, a restarted studio finds and uses it, Remove deletes it, and
no file written anywhere holds it."""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import subprocess
import uuid
from urllib.parse import quote

import pytest
from PySide6.QtCore import Qt

from mjdesk.secrets import SERVICE, USERNAME, find_api_key
from tests.widgets.conftest import next_emission, open_studio


@pytest.fixture
def secret_service(tmp_path, monkeypatch):
    """A private session bus with gnome-keyring's Secret Service on it, and XDG folders of the
    test's own: the user's real keyring is never touched."""
    missing = [t for t in ("dbus-daemon", "gnome-keyring-daemon") if not shutil.which(t)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} missing: scripts/bootstrap.sh --test installs them")
        pytest.skip(f"{missing} not installed (scripts/bootstrap.sh --test installs them)")
    home = tmp_path / "home"
    dirs = {
        "HOME": home,
        "XDG_RUNTIME_DIR": home / "run",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
    }
    for name, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(path))
    dirs["XDG_RUNTIME_DIR"].chmod(0o700)
    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout.split()
    address, bus_pid = bus[0], int(bus[1])
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input="a test password\n",
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    )
    from keyring.backends.SecretService import Keyring

    backend = Keyring()
    try:
        yield backend
    finally:
        os.kill(bus_pid, signal.SIGTERM)  # gnome-keyring leaves with its bus


async def test_a_key_saved_in_the_os_keyring_survives_a_restart_and_is_never_written(
    sim, tmp_path, qtbot, secret_service
):
    canary = f"mjdesk-canary-{uuid.uuid4()}"
    sim.config(keys=["mjdesk-demo-key", canary])
    async with open_studio(
        sim, tmp_path, qtbot, keyring_backend=secret_service, connect=False
    ) as st:
        w = st.window
        w.open_settings()
        await st.until(
            lambda: w.settings_flow.dialog is not None and w.settings_flow.dialog.isVisible()
        )
        dialog = w.settings_flow.dialog
        qtbot.keyClicks(dialog.key, canary)
        saved = next_emission(st.service.connection.key_saved)
        qtbot.mouseClick(dialog.save_key, Qt.MouseButton.LeftButton)
        assert await asyncio.wait_for(saved, 10) == (True, "Key saved in the system keyring")
        await st.until(lambda: st.service.connection.ready)
        dialog.reject()
    assert secret_service.get_password(SERVICE, USERNAME) == canary

    async with open_studio(
        sim, tmp_path, qtbot, keyring_backend=secret_service, connect=False
    ) as st:  # a restart: the key comes back from the Secret Service
        key, source = await find_api_key([st.service.connection.keyring])
        assert (key, source) == (canary, "keyring")
        await st.service.connection.connect_with_key(key)
        st.window.editor.setPlainText("a lantern over a night market")
        st.window.submit()
        await st.only_job("stored")
        w = st.window
        w.open_settings()
        await st.until(
            lambda: w.settings_flow.dialog is not None and w.settings_flow.dialog.isVisible()
        )
        removed = next_emission(
            st.service.connection.connection_changed, where=lambda state, _detail: state == "no-key"
        )
        qtbot.mouseClick(w.settings_flow.dialog.remove, Qt.MouseButton.LeftButton)
        assert (await asyncio.wait_for(removed, 10))[0] == "no-key"
        w.settings_flow.dialog.reject()
    assert secret_service.get_password(SERVICE, USERNAME) is None
    assert [e["prompt"] for e in sim.ledger()] == ["a lantern over a night market"]

    forms = {
        canary,
        quote(canary, safe=""),
        base64.b64encode(canary.encode()).decode(),
        base64.b64encode(f"Bearer {canary}".encode()).decode(),
        canary[:20],
    }
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" for p in written) and any("keyrings" in str(p) for p in written)
    hits = [(p, f) for p in written for f in forms if f.encode() in p.read_bytes()]
    assert hits == []
