"""Widget tests run on Qt's event loop through qasync, against the simulator over loopback."""

from __future__ import annotations

import asyncio
import contextlib
import gc

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from mjdesk.library import Library
from mjdesk.secrets import TRUSTED_BACKENDS, KeyringSecretStore, MemorySecretStore
from mjdesk.services import StudioService, ThumbnailService
from mjdesk.settings import Settings
from mjdesk.ui import theme
from mjdesk.ui.main_window import MainWindow
from tests.conftest import MemoryKeyring
from tests.simctl import DEMO_KEY


def _qt_loop() -> asyncio.AbstractEventLoop:
    app = QApplication.instance() or QApplication([])
    return qasync.QEventLoop(app)


def pytest_asyncio_loop_factories(config, item):
    return {"qt": _qt_loop}


class Studio:
    def __init__(self, window, service, library, keyring):
        self.window = window
        self.service = service
        self.library = library
        self.keyring = keyring

    async def until(self, predicate, limit=20.0):
        async with asyncio.timeout(limit):
            while not predicate():  # noqa: ASYNC110 - polls widget state, which has no event
                await asyncio.sleep(0.02)

    async def only_job(self, state, limit=20.0):
        """Waits until the queue holds one job, in ``state``; returns it."""
        model = self.window.queue.queue_model
        await self.until(lambda: model.rowCount() == 1 and model.job_at(0).state == state, limit)
        return model.job_at(0)


@contextlib.asynccontextmanager
async def open_studio(sim, tmp_path, qtbot, *, keyring_backend=None, connect=True):
    """The real window over a real service, library and simulator. Everything is built and torn
    down inside one test coroutine: qasync runs one last event pass with no running loop after
    each ``run_until_complete``, so no background task may outlive the test body."""
    app = QApplication.instance()
    theme.apply(app)
    library = await Library.open(tmp_path / "lib")
    settings = Settings(api_base=sim.url, files_base=sim.url)
    backend = MemoryKeyring() if keyring_backend is None else keyring_backend
    keyring = KeyringSecretStore(backend=lambda: backend, trusted=("tests.", *TRUSTED_BACKENDS))
    service = StudioService(
        library, settings, keyring=keyring, session=MemorySecretStore(), time_scale=400
    )
    thumbs = ThumbnailService(cache_path=library.store.thumb_path)
    window = MainWindow(service, thumbs, library_dir=str(tmp_path / "lib"))
    qtbot.addWidget(window)
    window.show()
    if connect:
        await service.connect_with_key(DEMO_KEY)
    try:
        yield Studio(window, service, library, backend)
    finally:
        await service.close()
        await thumbs.close()
        await library.close()
        await asyncio.sleep(0)


@pytest.fixture(autouse=True)
def _collect_in_the_gui_thread(qapp):
    """Qt objects must die in the GUI thread: collect the windows' reference cycles here, after
    pytest-qt has closed them, before a worker thread's allocation could trigger the collector."""
    yield
    qapp.processEvents()
    gc.collect()
    qapp.processEvents()
