"""Widget tests run on Qt's event loop through qasync, against the simulator over loopback."""

from __future__ import annotations

import asyncio
import contextlib
import gc

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from mjdesk.app.wiring import build_studio
from mjdesk.library import Library
from mjdesk.secrets import TRUSTED_BACKENDS, KeyringSecretStore, MemorySecretStore
from mjdesk.services import ThumbnailService
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
        self._news = asyncio.Event()
        for signal in _news_signals(window, service):
            signal.connect(self._heard)

    def _heard(self, *_args) -> None:
        self._news.set()

    async def until(self, predicate, limit=20.0):
        """Waits until ``predicate()`` holds: it is checked again whenever a service says
        something or a model of the window changes (and every 250 ms, for widget states that
        no signal announces, such as a dialog shown or a banner hidden)."""
        async with asyncio.timeout(limit):
            while not predicate():
                self._news.clear()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(0.25):
                        await self._news.wait()

    async def only_job(self, state, limit=20.0):
        """Waits until the queue holds one job, in ``state``; returns it."""
        model = self.window.queue.queue_model
        await self.until(lambda: model.rowCount() == 1 and model.job_at(0).state == state, limit)
        return model.job_at(0)


def next_emission(signal, where=None) -> asyncio.Future:
    """A future for the signal's next emission (its arguments) that ``where`` accepts: the
    test awaits it on the running qasync loop instead of spinning a nested Qt loop."""
    future = asyncio.get_running_loop().create_future()

    def on(*args):
        if where is not None and not where(*args):
            return
        signal.disconnect(on)
        if not future.done():
            future.set_result(args)

    signal.connect(on)
    return future


def _news_signals(window, service):
    """Every signal the services send, and the change signals of the window's models."""
    parts = (service, service.connection, service.jobs, service.gallery)
    for part in parts:
        meta = part.metaObject()
        for i in range(meta.methodOffset(), meta.methodCount()):
            method = meta.method(i)
            if method.methodType() == method.MethodType.Signal:
                yield getattr(part, bytes(method.name()).decode())
    for model in (window.queue.queue_model, window.results_model, window.gallery_model):
        yield from (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset)


@contextlib.asynccontextmanager
async def open_studio(
    sim, tmp_path, qtbot, *, keyring_backend=None, connect=True, settings_changes=None
):
    """The real window over a real service, library and simulator. Everything is built and torn
    down inside one test coroutine: qasync runs one last event pass with no running loop after
    each ``run_until_complete``, so no background task may outlive the test body."""
    app = QApplication.instance()
    theme.apply(app)
    library = await Library.open(tmp_path / "lib")
    settings = Settings(api_base=sim.url, files_base=sim.url, **(settings_changes or {}))
    backend = MemoryKeyring() if keyring_backend is None else keyring_backend
    keyring = KeyringSecretStore(backend=lambda: backend, trusted=("tests.", *TRUSTED_BACKENDS))
    service = build_studio(
        library, settings, keyring=keyring, session=MemorySecretStore(), time_scale=400
    )
    thumbs = ThumbnailService(cache_path=library.store.thumb_path)
    window = MainWindow(service, thumbs, library_dir=str(tmp_path / "lib"))
    qtbot.addWidget(window)
    window.resize(1440, 900)  # a desktop's window (the offscreen screen is 800 × 600)
    window.show()
    if connect:
        await service.connection.connect_with_key(DEMO_KEY)
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
