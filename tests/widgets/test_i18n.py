"""Every user-visible string goes through tr(): Qt's own lupdate extracts the catalogue from the
source, a pseudo-translation of all of it is compiled with lrelease and installed, and then no
English word may be left in the window, its menus or its dialogs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTabWidget,
    QWidget,
)

import mjdesk
from mjdesk.ui.queue import actions_for
from tests.widgets.conftest import open_studio

OPEN, CLOSE = "‹", "›"
WORDS = re.compile(r"[A-Za-z]{2,}")
# words that are names, not language
NAMES = {"mjdesk", "EvoLink", "Midjourney", "MJDESK_API_KEY", "HD", "Ctrl", "Alt", "Shift", "Tab"}


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    path = shutil.which(name)
    assert path, f"{name} (installed with PySide6) is needed to check the translations"
    return path


@pytest.fixture(scope="module")
def pseudo_qm(tmp_path_factory) -> Path:
    """The whole catalogue, each string wrapped in ‹ › (placeholders kept), compiled."""
    out = tmp_path_factory.mktemp("i18n")
    ts = out / "mjdesk_xx.ts"
    sources = sorted(str(p) for p in Path(mjdesk.__file__).parent.rglob("*.py"))
    run = subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(ts)],
        capture_output=True,
        text=True,
        check=True,
    )
    tree = ET.parse(ts)
    count = 0
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = translation.findall("numerusform")
        for target in forms or [translation]:
            target.text = OPEN + source + CLOSE
        translation.attrib.pop("type", None)
        count += 1
    assert count > 250, (count, run.stdout)  # the whole interface, not a sample
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = out / "mjdesk_xx.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
    return qm


@pytest.fixture
def pseudo(qapp, pseudo_qm):
    translator = QTranslator()
    assert translator.load(str(pseudo_qm))
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def _untranslated(text: str) -> bool:
    if not text or OPEN in text or text.startswith(("/", "http://", "https://")):
        return False  # a path or an address is data
    return any(w not in NAMES for w in WORDS.findall(text))


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    found = [
        ("title", widget.windowTitle() if widget.isWindow() else ""),
        ("tooltip", widget.toolTip()),
        ("accessible name", widget.accessibleName()),
    ]
    if isinstance(widget, QLabel):
        found.append(("label", widget.text()))
    if isinstance(widget, QAbstractButton):
        found.append(("button", widget.text()))
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        found.append(("placeholder", widget.placeholderText()))
    if isinstance(widget, QComboBox) and not widget.isEditable():
        found += [("choice", widget.itemText(i)) for i in range(widget.count())]
    if isinstance(widget, QTabWidget):
        found += [("tab", widget.tabText(i)) for i in range(widget.count())]
    return found


def _english_left(root: QWidget) -> list[str]:
    left = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget.parent(), QTabBar):
            continue  # Qt's own scroll buttons: qtbase's catalogue translates them
        box = widget.parent()
        if (
            isinstance(box, QDialogButtonBox)
            and isinstance(widget, QPushButton)
            and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
        ):
            continue  # Save, Cancel, Close: qtbase's catalogue translates them
        for kind, text in _texts(widget):
            if _untranslated(text):
                left.append(f"{type(widget).__name__} {kind}: {text!r}")
    return left


async def test_no_english_is_left_in_the_window(sim, tmp_path, qtbot, pseudo):
    async with open_studio(sim, tmp_path, qtbot, connect=False) as st:
        window = st.window
        window.keyring_problem = None
        window.show_first_run()
        window.editor.setPlainText("")
        window.editor.reanalyse()
        await st.service.connection.connect_with_key("mjdesk-demo-key")
        await st.until(lambda: st.service.connection.ready)
        window.editor.setPlainText("a kite --ar 3:2 --style raw")  # a problem with a fix
        assert _english_left(window) == []
        menus = [a.text() for a in window.menuBar().actions()]
        menus += [a.text() for m in window.menuBar().findChildren(QMenu) for a in m.actions()]
        assert [t for t in menus if _untranslated(t)] == []
        # the analyser's sentences, with their values and the variants they apply to
        window.editor.setPlainText("a {red, blue} kite --s 2000 --ar 3:x --q 2")
        shown = [label.text() for label in window.diagnostics.findChildren(QLabel)]
        assert "‹--s must be between 0 and 1000 (it is 2000)›" in shown, shown
        assert "‹--ar takes a ratio of positive whole numbers such as 16:9, not “3:x”›" in shown, (
            shown
        )
        assert _english_left(window) == []
        window.editor.setPlainText("{a red, a blue --s 5000} kite")
        shown = [label.text() for label in window.diagnostics.findChildren(QLabel)]
        assert any(
            t.startswith("‹‹--s must be between") and "‹variant 2: “a blue --s 5000”›" in t
            for t in shown
        ), shown
        # the parts made later: the settings dialog, the shortcuts sheet, the menus' words
        window.open_settings()
        await st.until(lambda: window.settings_flow.dialog is not None)
        assert _english_left(window.settings_flow.dialog) == []
        dialog = window.settings_flow.dialog
        dialog.api_base.setText("http://api.evolink.ai")  # the URL checker's sentence, with a value
        dialog.callback.setText("https://127.0.0.1/hook")
        dialog._on_save()
        assert dialog.errors["api_base"].text() == (
            "‹‹API base URL› must use https:// (plain http:// is only allowed on this computer)›"
        )
        assert dialog.errors["callback_url"].text().startswith("‹Callback URL")
        assert _english_left(dialog) == []
        window.settings_flow.dialog.reject()
        window.show_shortcuts()
        assert _english_left(window._shortcuts_box) == []
        window._shortcuts_box.close()

        class Job:
            state = "unconfirmed"

        for action in actions_for(Job()):
            assert not _untranslated(action.label) and not _untranslated(action.reason)


def test_the_catalogue_is_what_the_source_says(pseudo_qm):
    """Spot checks that strings made outside a QObject carry their context too."""
    translator = QTranslator()
    assert translator.load(str(pseudo_qm))
    assert translator.translate("Queue", "Generating") == "‹Generating›"
    assert translator.translate("Gallery", "Open in viewer") == "‹Open in viewer›"
    assert translator.translate("ReferenceZone", "Style reference") == "‹Style reference›"
    assert QCoreApplication.translate("Queue", "Generating") == "Generating"  # not installed


async def test_a_failed_task_explains_itself_in_the_users_language(sim, tmp_path, qtbot, pseudo):
    async with open_studio(sim, tmp_path, qtbot) as st:
        w = st.window
        w.editor.setPlainText("a kite sim:fail=content_policy_violation")
        w.submit()
        model = w.queue.queue_model
        await st.only_job("failed")
        tip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
        assert (
            tip == "‹Blocked by EvoLink's safety filters. Rephrase the prompt or change the "
            "reference images.›"
        )
        assert model.job_at(0).error_message.startswith("Blocked by")  # the library keeps English
        assert model.job_at(0).reason.context == "TaskErrors"  # and the sentence beside it


async def test_the_clients_own_words_are_said_too(sim, tmp_path, qtbot, pseudo):
    """A server that cannot be reached: the status bar says so in the user's language, the
    client's sentence inside the window's."""
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    async with open_studio(sim, tmp_path, qtbot, connect=False) as st:
        st.service.connection.settings = st.service.settings.with_changes(
            api_base=url, files_base=url
        )
        await st.service.connection.connect_with_key("mjdesk-demo-key")
        await st.until(lambda: "Offline" in st.window.status.currentMessage())
        message = st.window.status.currentMessage()
        assert message.startswith("‹Offline: ‹Cannot reach the server ("), message
