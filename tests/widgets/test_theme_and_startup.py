"""Light and dark schemes (following the system or the user's choice) and the two-step start: the
window's frame first, its panels once that frame is on screen."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from mjdesk.settings import Settings
from mjdesk.ui import theme
from mjdesk.ui.main_window import MainWindow
from mjdesk.ui.settings_dialog import SettingsDialog
from tests.widgets.conftest import open_studio


async def st_until(predicate, limit=10.0):
    async with asyncio.timeout(limit):
        while not predicate():  # noqa: ASYNC110 - polls widget state
            await asyncio.sleep(0.01)


@pytest.fixture
def restore_theme(qapp):
    yield
    theme.apply(qapp, "system")  # offscreen reports no system scheme: dark


@pytest.mark.parametrize(
    ("preference", "system", "expected"),
    [
        ("system", Qt.ColorScheme.Light, "light"),
        ("system", Qt.ColorScheme.Dark, "dark"),
        ("system", Qt.ColorScheme.Unknown, "dark"),
        ("light", Qt.ColorScheme.Dark, "light"),
        ("dark", Qt.ColorScheme.Light, "dark"),
    ],
)
def test_the_scheme_follows_the_system_unless_the_user_chose(preference, system, expected):
    assert theme.scheme_for(preference, system).name == expected


def test_every_state_and_tone_has_a_readable_colour_in_both_schemes():
    def luminance(hex_colour: str) -> float:
        c = QColor(hex_colour)
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(a: str, b: str) -> float:
        hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for scheme in (theme.DARK, theme.LIGHT):
        assert contrast(scheme.text, scheme.panel) >= 7, scheme.name  # WCAG AAA body text
        assert contrast(scheme.muted, scheme.panel) >= 4.5, scheme.name
        assert contrast(scheme.on_accent, scheme.accent) >= 4.5, scheme.name
        assert contrast(scheme.on_banner, scheme.banner) >= 4.5, scheme.name
        for tone in ("error", "warning", "info", "success"):
            assert contrast(scheme.tone(tone), scheme.panel) >= 4.5, (scheme.name, tone)
        for state in ("running", "stored", "failed", "unconfirmed"):
            assert contrast(scheme.state_colour(state), scheme.raised) >= 3, (scheme.name, state)
        # tooltips, menus and the completion popup: text on the raised colour, a menu's
        # current entry on the accent, the feed's muted chips on their cells
        assert contrast(scheme.text, scheme.raised) >= 7, scheme.name
        assert contrast(scheme.muted, scheme.raised) >= 4.5, scheme.name
        assert contrast(scheme.muted, scheme.cell) >= 4.5, scheme.name
        assert contrast(scheme.on_accent, scheme.accent) >= 4.5, scheme.name


async def test_switching_the_scheme_repaints_the_window(sim, tmp_path, qtbot, qapp, restore_theme):
    async with open_studio(sim, tmp_path, qtbot) as st:
        window = st.window
        window.editor.setPlainText("a kite --ar 3:2 --s 250")
        window.submit()
        await st.until(lambda: window.queue.queue_model.rowCount() == 1)
        for name in ("light", "dark", "light"):
            scheme = theme.apply(qapp, name)
            assert scheme.name == name
            await asyncio.sleep(0.05)  # (processEvents inside a qasync task would nest the loop)
            shot = window.grab().toImage()
            # the queue panel's background, beside its title
            panel = window.queue.parentWidget()
            spot = panel.mapTo(window, QPoint(4, panel.height() - 4))
            assert shot.pixelColor(spot).name() == scheme.panel, name
            # the queue card is painted by a delegate: it reads the scheme when it paints
            card = window.queue.visualRect(window.queue.queue_model.index(0, 0))
            inside = window.queue.viewport().mapTo(window, card.topLeft() + QPoint(30, 4))
            assert shot.pixelColor(inside).name() in (scheme.raised, scheme.selection), name
            # the prompt's highlighter recoloured the parameters
            assert window.editor._highlighter.value.foreground().color().name() == scheme.value


def test_the_settings_dialog_offers_the_appearance(qtbot):
    from mjdesk.services.connection import ConnectionService

    dialog = SettingsDialog(
        Settings(appearance="light"),
        ConnectionService.validate_settings,
        keyring_problem=None,
        key_source=None,
        library_dir="/tmp/lib",
    )
    qtbot.addWidget(dialog)
    assert dialog.appearance.currentData() == "light"
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("dark"))
    dialog._on_save()
    assert dialog.result_settings is not None
    assert dialog.result_settings.appearance == "dark"


async def test_the_frame_paints_before_the_panels_exist(sim, tmp_path, qtbot, qapp):
    from mjdesk.app.wiring import build_studio
    from mjdesk.services import ThumbnailService

    window = MainWindow(demo=True)
    qtbot.addWidget(window)
    painted: list[bool] = []
    window.on_first_paint(lambda: painted.append(window.is_populated))
    window.show()
    await st_until(lambda: bool(painted))
    assert painted == [False]  # the first frame came before any panel
    assert not window.settings_button.isEnabled()
    assert "Demo" in window.windowTitle()
    service = build_studio(None, Settings(api_base=sim.url, files_base=sim.url))
    thumbs = ThumbnailService()
    populated: list[bool] = []
    window.populated.connect(lambda: populated.append(True))
    window.populate(service, thumbs)
    assert populated == [True] and window.is_populated
    assert window.settings_button.isEnabled()
    assert window.running_label.text() == "No jobs running"
    later: list[bool] = []
    window.on_first_paint(lambda: later.append(True))  # already painted: called at once
    assert later == [True]
    window.close()
    assert window.was_closed
    await thumbs.close()


def test_the_window_follows_the_system_scheme_live(qtbot, qapp, restore_theme):
    """The system's scheme changes while mjdesk runs: "Follow the system" follows it at once; a
    scheme the user chose stays. (The offscreen platform cannot switch schemes itself, so the
    test sends Qt's own notification, as the desktop integration does.)"""
    hints = qapp.styleHints()
    theme.apply(qapp, "system")
    window = MainWindow()
    qtbot.addWidget(window)
    seen: list[str] = []
    theme.notifier().changed.connect(lambda scheme: seen.append(scheme.name))
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert theme.current().name == "light"
        assert qapp.palette().window().color().name() == theme.LIGHT.bg
        assert window.grab().toImage().pixelColor(2, 2).name() == theme.LIGHT.bg
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert theme.current().name == "dark"
        theme.apply(qapp, "light")  # the user's choice now
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert theme.current().name == "light"
        assert seen == ["light", "dark", "light"]
    finally:
        hints.colorSchemeChanged.emit(hints.colorScheme())


HIDPI = r"""
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from mjdesk.ui.gallery import GalleryModel
from mjdesk.ui.gallery_panel import GalleryPanel
from mjdesk.ui.feed import FeedView
from mjdesk.ui.feed_model import FeedModel

class NoThumbs(QObject):  # the views' thumbnail size is the subject; nothing is loaded
    thumbnail_ready = Signal(str, QImage)
    def get(self, key): return None
    def request(self, *a): return None
    def retain(self, keys): return 0

app = QApplication([])
thumbs = NoThumbs()
results = FeedView(FeedModel(thumbs, lambda i: i))
results.show()
gallery = GalleryPanel(GalleryModel(thumbs, lambda i: i))
gallery.resize(900, 700)
gallery.show()
app.processEvents()
print(app.devicePixelRatio(), results.feed.thumb_size, gallery.view.model().thumb_size)
"""


@pytest.mark.parametrize(("scale", "size"), [("1", 256), ("2", 512)])
def test_thumbnails_are_as_sharp_as_the_screen(tmp_path, scale, size):
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
    out = subprocess.run(
        [sys.executable, "-c", HIDPI], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    ratio, results, gallery = out.stdout.split()
    assert float(ratio) == float(scale)
    assert int(results) == size
    assert int(gallery) == size
