"""The window's chrome, all part of its first frame: the top bar (name, credits, Settings),
the banner under it and the status line at the bottom.

The banner shows one sentence the user must see (no key yet, sending paused, the library cannot
be written, images moved to the trash) and the one button that answers it; it only says which
action was asked for, the window decides what it does. These use no Qt types the first frame
does not already need.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QProcess, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

__all__ = ["Banner", "Columns", "StatusLine", "TopBar", "start_demo"]


def _sentence_part(text: str) -> str:
    """A sentence made a clause: no final full stop, lower-case first letter."""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:]


class Banner(QFrame):
    triggered = Signal(str)  # the action of the button pressed ("settings", "resume", …)
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.action = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.text, 1)
        self.button = QPushButton("")
        self.button.clicked.connect(lambda: self.triggered.emit(self.action))
        row.addWidget(self.button)
        self.demo = QPushButton(self.tr("Try the demo"))
        self.demo.setToolTip(self.tr("Opens mjdesk --demo in a new window"))
        self.demo.clicked.connect(self.demo_requested)
        self.demo.hide()
        row.addWidget(self.demo)
        self.hide()

    def say(self, text: str, button: str, action: str) -> None:
        """Shows ``text`` with a button labelled ``button`` that asks for ``action``."""
        self.text.setText(text)
        self.button.setText(button)
        self.button.setAccessibleName(button)
        self.demo.hide()
        self.action = action
        self.show()

    def dismiss(self, action: str | None = None) -> None:
        """Hides the banner (only if it shows ``action``, when one is named)."""
        if action is None or self.action == action:
            self.hide()

    def say_no_key(self, keyring_problem: str | None, *, offer_demo: bool) -> None:
        """No key yet: how to add one (or what works without a keyring), and the demo."""
        if keyring_problem:
            text = self.tr(
                "No EvoLink API key yet, and {problem}. Set MJDESK_API_KEY before starting "
                "mjdesk, or paste the key in Settings for this session only. Or try the demo: "
                "everything works offline with simulated results."
            ).format(problem=_sentence_part(keyring_problem))
        else:
            text = self.tr(
                "No EvoLink API key yet. Add one in Settings: it is kept in your system's "
                "keyring, never in a file. Or try the demo: everything works offline with "
                "simulated results."
            )
        self.say(text, self.tr("Add key…"), "settings")
        self.demo.setVisible(offer_demo)


class TopBar(QHBoxLayout):
    """The app's name, the model, the demo badge, the credits left and the Settings button."""

    def __init__(self, *, demo: bool) -> None:
        super().__init__()
        name = QLabel("mjdesk")
        name.setObjectName("AppName")
        self.addWidget(name)
        model = QLabel(self.tr("Midjourney V8.1 · EvoLink"))
        model.setObjectName("Muted")
        self.addWidget(model)
        if demo:
            badge = QLabel(self.tr("Demo — simulated results"))
            badge.setObjectName("DemoBadge")
            badge.setAccessibleName(self.tr("Demo mode: results are simulated"))
            self.addWidget(badge)
        self.addStretch(1)
        self.credits_label = QLabel("")
        self.credits_label.setObjectName("Muted")
        self._last_balance: float | None = None
        self.addWidget(self.credits_label)
        self.settings_button = QPushButton(self.tr("Settings"))
        self.settings_button.setToolTip(self.tr("Settings: API key, library, appearance (Ctrl+,)"))
        self.settings_button.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_button.setEnabled(False)  # until the panels are built
        self.addWidget(self.settings_button)

    def set_credits(self, remaining: object) -> None:
        """The balance EvoLink reports; its tooltip says how the last change came about."""
        if remaining is None:
            self.credits_label.setText("")
            self.credits_label.setToolTip("")
            return
        value = float(remaining)  # type: ignore[arg-type]
        locale = QLocale()
        self.credits_label.setText(
            self.tr("{amount} credits").format(amount=locale.toString(value, "f", 2))
        )
        before, self._last_balance = self._last_balance, value
        tip = self.tr("Your EvoLink balance, read after each task ends")
        if before is not None and abs(value - before) >= 0.005:
            change = locale.toString(abs(value - before), "f", 2)
            if value < before:
                why = self.tr("−{amount} since the last reading: tasks were charged")
            else:
                why = self.tr(
                    "+{amount} since the last reading: EvoLink returned credits (a failed task "
                    "is refunded) or the balance was topped up"
                )
            tip += "\n" + why.format(amount=change)
        self.credits_label.setToolTip(tip)


class Columns(QSplitter):
    """The three columns: create (fixed), results and library (stretching), queue (fixed).
    ``boxes`` are their layouts, filled once the panels are built."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.boxes: list[QVBoxLayout] = []
        # the create column: 514 px plus the scroll bar; the queue: its state words and
        # times on one line; the results take what is left (440 px at 1280)
        for margins, width in (((0, 0, 0, 0), 540), ((12, 12, 12, 12), 0), ((8, 12, 8, 12), 250)):
            panel = QFrame()
            panel.setMinimumWidth(width)
            panel.setObjectName("Panel")
            box = QVBoxLayout(panel)
            box.setContentsMargins(*margins)
            self.boxes.append(box)
            self.addWidget(panel)
        self.setSizes([560, 580, 300])
        for column, stretch in enumerate((0, 1, 0)):
            self.setStretchFactor(column, stretch)
        self.setChildrenCollapsible(False)


class StatusLine(QStatusBar):
    """Under the panels: passing messages, how many jobs run, and the connection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.running_label = QLabel(self.tr("Starting…"))
        self.connection_label = QLabel("")
        self.addPermanentWidget(self.running_label)
        self.addPermanentWidget(self.connection_label)

    def set_running(self, active: int) -> None:
        self.running_label.setText(
            self.tr("No jobs running")
            if not active
            else self.tr("1 job running")
            if active == 1
            else self.tr("{count} jobs running").format(count=active)
        )

    def set_connection(self, state: str, detail: str) -> None:
        labels = {
            "online": self.tr("● Online"),
            "connecting": self.tr("● Connecting…"),
            "offline": self.tr("● Offline"),
        }
        self.connection_label.setText(labels.get(state, self.tr("● No key")))
        self.connection_label.setToolTip(detail)
        if state == "offline":
            self.showMessage(self.tr("Offline: {reason}").format(reason=detail), 8000)


def start_demo(status: QStatusBar) -> None:
    """Opens ``mjdesk --demo`` in a process of its own (with its own library) and says so in
    ``status``."""
    import sys

    frozen = getattr(sys, "frozen", False)
    args = ["--demo"] if frozen else ["-m", "mjdesk", "--demo"]
    if QProcess.startDetached(sys.executable, args):
        status.showMessage(status.tr("Starting the demo…"), 5000)
    else:
        status.showMessage(status.tr("The demo could not be started"), 8000)
