"""The look: a calm neutral ground where the images are the most vivid thing on screen, one accent
colour for the primary action and selection, an 8 px grid — in a dark and a light scheme.

The scheme follows the system's light/dark setting unless the user picks one in Settings, and it
changes live when the system's does. Widgets that paint by hand read ``current()`` when they
paint; text colours that carry meaning (errors, warnings) are set with ``set_tone`` so the style
sheet gives them the scheme's colour.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

PREFERENCES = ("system", "dark", "light")


@dataclass(frozen=True, slots=True)
class Scheme:
    name: str
    bg: str
    panel: str
    raised: str
    border: str
    text: str
    muted: str
    disabled: str
    accent: str
    accent_hover: str
    on_accent: str
    accent_disabled: str
    on_accent_disabled: str
    selection: str
    error: str
    warning: str
    info: str
    success: str
    badge: str
    on_badge: str
    banner: str
    on_banner: str
    drop_hover: str
    cell: str
    thumb_placeholder: str
    viewer: str
    star: str
    url: str
    value: str

    @property
    def dark(self) -> bool:
        return self.name == "dark"

    def state_colour(self, state: str) -> str:
        """The colour of a job state in the queue."""
        return {
            "saved": self.muted,
            "sending": self.info,
            "accepted": self.info,
            "running": self.accent,
            "downloading": self.accent,
            "stored": self.success,
            "unconfirmed": self.warning,
            "failed": self.error,
            "timed_out": self.error,
            "expired": self.warning,
            "needs_attention": self.warning,
            "dismissed": self.muted,
        }.get(state, self.muted)

    def tone(self, tone: str) -> str:
        return {"error": self.error, "warning": self.warning, "info": self.info}.get(
            tone, self.success if tone == "success" else self.muted
        )


DARK = Scheme(
    name="dark",
    bg="#17181b",
    panel="#1f2024",
    raised="#27292e",
    border="#33363d",
    text="#e6e6e9",
    muted="#9a9ca5",
    disabled="#5d6069",
    accent="#7454fb",
    accent_hover="#8466ff",
    on_accent="#ffffff",
    accent_disabled="#3a3452",
    on_accent_disabled="#9d97b8",
    selection="#2c2744",
    error="#ff6b6b",
    warning="#f2b84b",
    info="#5fb3f9",
    success="#4cc38a",
    badge="#3b2f6e",
    on_badge="#d9d0ff",
    banner="#3a2f1a",
    on_banner="#ffe2a8",
    drop_hover="#262338",
    cell="#202126",
    thumb_placeholder="#26282d",
    viewer="#101113",
    star="#ffd166",
    url="#5fd4c4",
    value="#d9c8ff",
)

LIGHT = Scheme(
    name="light",
    bg="#eef0f3",
    panel="#ffffff",
    raised="#f5f6f8",
    border="#d5d8de",
    text="#1c1d21",
    muted="#62656e",
    disabled="#a3a6ae",
    accent="#5b3ee6",
    accent_hover="#6c52f0",
    on_accent="#ffffff",
    accent_disabled="#d4ccf7",
    on_accent_disabled="#ffffff",
    selection="#e4ddff",
    error="#c92a2a",
    warning="#9a5b00",
    info="#1b6fc2",
    success="#1a7a4c",
    badge="#e7e1ff",
    on_badge="#4026b0",
    banner="#fff1cf",
    on_banner="#5c3d00",
    drop_hover="#efeaff",
    cell="#e9ebef",
    thumb_placeholder="#dfe2e7",
    viewer="#dcdfe4",
    star="#c98a00",
    url="#0b7c70",
    value="#5b3ee6",
)


@functools.cache
def _resource(name: str) -> str:
    """A file of mjdesk's resources, as a style sheet url (installed, frozen or a checkout).
    Looked up once, at start: a later scheme change touches no file on the GUI thread."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "resources", package.parent / "resources"):
        if (folder / name).exists():
            return (folder / name).as_posix()
    return name


def style_sheet(c: Scheme) -> str:
    for scheme in (DARK, LIGHT):  # both schemes' files, so switching later needs no lookup
        _resource(f"chevron-{scheme.name}.svg")
        _resource(f"chevron-up-{scheme.name}.svg")
    return f"""
QMainWindow, QDialog {{ background: {c.bg}; }}
QWidget {{ color: {c.text}; font-size: 13px; }}
QToolTip {{ background: {c.raised}; color: {c.text}; border: 1px solid {c.border}; padding: 6px; }}
#Panel {{ background: {c.panel}; border-radius: 12px; }}
#AppName {{ font-size: 18px; font-weight: 700; }}
#SectionTitle {{ color: {c.muted}; font-size: 11px; font-weight: 600; letter-spacing: 1px; }}
#Muted {{ color: {c.muted}; }}
QLabel[tone="error"] {{ color: {c.error}; }}
QLabel[tone="warning"] {{ color: {c.warning}; }}
QLabel[tone="info"] {{ color: {c.info}; }}
QLabel[tone="success"] {{ color: {c.success}; }}
#DemoBadge {{ background: {c.badge}; color: {c.on_badge}; border-radius: 10px; padding: 4px 12px;
             font-weight: 600; }}
#Banner {{ background: {c.banner}; border-radius: 8px; padding: 8px 12px; }}
#Banner QLabel {{ color: {c.on_banner}; }}
#CreateScroll, #CreateInner {{ background: transparent; }}
QPlainTextEdit, QLineEdit, QSpinBox, QDoubleSpinBox, QComboBox {{
    background: {c.raised}; border: 1px solid {c.border}; border-radius: 8px; padding: 6px 8px;
    selection-background-color: {c.accent}; selection-color: {c.on_accent};
}}
QComboBox::drop-down {{ border: none; width: 24px; }}
QComboBox::down-arrow {{ image: url("{_resource(f"chevron-{c.name}.svg")}"); width: 10px;
                         height: 6px; }}
QSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::up-button,
QDoubleSpinBox::down-button {{ border: none; width: 22px; subcontrol-origin: border; }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button, QDoubleSpinBox::down-button {{ subcontrol-position: bottom right; }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{
    image: url("{_resource(f"chevron-up-{c.name}.svg")}"); width: 9px; height: 5px; }}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{
    image: url("{_resource(f"chevron-{c.name}.svg")}"); width: 9px; height: 5px; }}
QComboBox QAbstractItemView {{ background: {c.raised}; border: 1px solid {c.border};
                               selection-background-color: {c.accent};
                               selection-color: {c.on_accent}; }}
QPlainTextEdit:focus, QLineEdit:focus, QComboBox:focus, QSpinBox:focus,
QDoubleSpinBox:focus {{ border-color: {c.accent}; }}
QPlainTextEdit#PromptEditor {{ font-size: 15px; padding: 10px 12px; }}
QPushButton {{ background: {c.raised}; border: 1px solid {c.border}; border-radius: 8px;
              padding: 6px 14px; }}
QPushButton:hover {{ border-color: {c.muted}; }}
QPushButton:focus {{ border: 2px solid {c.accent}; padding: 5px 13px; }}
QPushButton:disabled {{ color: {c.disabled}; }}
QPushButton#Primary {{ background-color: {c.accent}; border: 1px solid {c.accent};
                      color: {c.on_accent}; font-weight: 600; padding: 8px 22px; }}
QPushButton#Primary:hover {{ background-color: {c.accent_hover}; }}
QPushButton#Primary:focus {{ border: 2px solid {c.text}; padding: 7px 21px; }}
QPushButton#Primary:disabled {{ background-color: {c.accent_disabled};
                               border-color: {c.accent_disabled}; color: {c.on_accent_disabled}; }}
QPushButton#Segment {{ background-color: {c.raised}; border: 1px solid {c.border};
                      border-radius: 0; padding: 6px 12px; min-width: 64px; }}
QPushButton#Segment:checked {{ background-color: {c.accent}; border-color: {c.accent};
                              color: {c.on_accent}; font-weight: 600; }}
QPushButton#Segment:disabled {{ color: {c.disabled}; }}
QPushButton#Segment:focus {{ border: 2px solid {c.text}; padding: 5px 11px; }}
QSlider::groove:horizontal {{ height: 4px; background: {c.border}; border-radius: 2px; }}
QSlider::sub-page:horizontal {{ background: {c.accent}; border-radius: 2px; }}
QSlider::handle:horizontal {{ background: {c.text}; width: 14px; height: 14px; margin: -5px 0;
                              border-radius: 7px; }}
QSlider::handle:horizontal:focus {{ background: {c.accent}; }}
QProgressBar {{ background: {c.raised}; border: none; border-radius: 3px; height: 6px; }}
QProgressBar::chunk {{ background: {c.accent}; border-radius: 3px; }}
QListView, QTableView {{ background: transparent; border: 1px solid transparent; outline: none;
                         border-radius: 8px; }}
QListView:focus, QTableView:focus {{ border-color: {c.accent}; }}
QListView::item:selected {{ background: {c.selection}; color: {c.text}; border-radius: 8px; }}
QListView#CompletionPopup {{ background: {c.raised}; color: {c.text}; border: 1px solid {c.border};
  padding: 2px; }}
QListWidget::item:focus {{ border: 1px solid {c.accent}; }}
QScrollBar:vertical {{ background: transparent; width: 10px; }}
QScrollBar::handle:vertical {{ background: {c.border}; border-radius: 5px; min-height: 24px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
QStatusBar {{ background: {c.panel}; color: {c.muted}; }}
QCheckBox::indicator {{ width: 16px; height: 16px; border: 1px solid {c.muted};
                        border-radius: 4px; background: {c.raised}; }}
QCheckBox::indicator:checked {{ background: {c.accent}; border-color: {c.accent}; }}
QCheckBox:focus {{ color: {c.accent}; }}
QCheckBox::indicator:focus {{ border: 2px solid {c.accent}; }}
QFrame#DropZone {{ background: {c.raised}; border: 1px dashed {c.border}; border-radius: 10px; }}
QFrame#DropZone:focus {{ border: 2px solid {c.accent}; }}
QFrame#DropZone[hover="true"] {{ border: 1px dashed {c.accent}; background: {c.drop_hover}; }}
QFrame#DropZone:disabled {{ background: {c.panel}; }}
QFrame#RefTile {{ background: {c.panel}; border: 1px solid {c.border}; border-radius: 8px; }}
QLabel#RefPicture {{ background: {c.thumb_placeholder}; border-radius: 4px; color: {c.muted}; }}
QLabel#ParamChip {{ background: {c.raised}; border: 1px solid {c.border}; border-radius: 9px;
                    padding: 1px 8px; }}
QToolButton#Chip {{ background: {c.raised}; border: 1px solid {c.border}; border-radius: 11px;
                    padding: 2px 10px; }}
QToolButton#Chip:hover {{ border-color: {c.accent}; }}
QMenu {{ background: {c.raised}; border: 1px solid {c.border}; padding: 4px; }}
QMenu::item {{ padding: 6px 18px; border-radius: 6px; }}
QMenu::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QMenu::item:disabled {{ color: {c.disabled}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ background: transparent; color: {c.muted}; padding: 6px 12px;
               border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {c.text}; border-bottom: 2px solid {c.accent}; }}
QTabBar::tab:focus {{ color: {c.accent}; }}
"""


class _Theme(QObject):
    """Which scheme is shown, and the application it is applied to."""

    changed = Signal(object)  # the new Scheme

    def __init__(self) -> None:
        super().__init__()
        self.scheme = DARK
        self.preference = "system"
        self.system = Qt.ColorScheme.Unknown
        self.app: QApplication | None = None

    def apply(self, app: QApplication, preference: str | None = None) -> Scheme:
        if preference is not None:
            self.preference = preference if preference in PREFERENCES else "system"
        if self.app is not app:
            self.app = app
            app.setStyle("Fusion")
            hints = app.styleHints()
            self.system = hints.colorScheme()
            hints.colorSchemeChanged.connect(self._on_system_scheme)
        scheme = scheme_for(self.preference, self.system)
        if scheme is self.scheme and app.styleSheet():
            return scheme
        self.scheme = scheme
        app.setPalette(palette(scheme))
        app.setStyleSheet(style_sheet(scheme))
        self.changed.emit(scheme)
        return scheme

    def _on_system_scheme(self, system: Qt.ColorScheme) -> None:
        """The OS switched between light and dark while mjdesk runs."""
        self.system = system
        if self.app is not None and self.preference == "system":
            self.apply(self.app)


def scheme_for(preference: str, system: Qt.ColorScheme) -> Scheme:
    """The scheme to show: the user's choice, else the system's; dark when the system does not
    say (the images read best on a dark ground)."""
    if preference == "light":
        return LIGHT
    if preference == "dark":
        return DARK
    return LIGHT if system == Qt.ColorScheme.Light else DARK


def palette(c: Scheme) -> QPalette:
    p = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, c.bg),
        (QPalette.ColorRole.WindowText, c.text),
        (QPalette.ColorRole.Base, c.raised),
        (QPalette.ColorRole.AlternateBase, c.panel),
        (QPalette.ColorRole.Text, c.text),
        (QPalette.ColorRole.Button, c.raised),
        (QPalette.ColorRole.ButtonText, c.text),
        (QPalette.ColorRole.Highlight, c.accent),
        (QPalette.ColorRole.HighlightedText, c.on_accent),
        (QPalette.ColorRole.ToolTipBase, c.raised),
        (QPalette.ColorRole.ToolTipText, c.text),
        (QPalette.ColorRole.PlaceholderText, c.muted),
        (QPalette.ColorRole.Link, c.accent),
        (QPalette.ColorRole.Mid, c.border),
        (QPalette.ColorRole.Light, c.panel),
        (QPalette.ColorRole.Midlight, c.raised),
        (QPalette.ColorRole.Dark, c.border),
        (QPalette.ColorRole.Shadow, c.border),
    ):
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c.disabled))
    return p


_theme: _Theme | None = None


def _state() -> _Theme:
    global _theme
    if _theme is None:
        _theme = _Theme()
    return _theme


def apply(app: QApplication, preference: str | None = None) -> Scheme:
    """Applies the scheme for ``preference`` ("system", "dark" or "light"; None keeps the last
    one) to the application, and follows the system's changes from then on."""
    return _state().apply(app, preference)


def current() -> Scheme:
    return _state().scheme


def notifier() -> _Theme:
    """Emits ``changed(scheme)`` after a scheme has been applied."""
    return _state()


def set_tone(label: QWidget, tone: str | None) -> None:
    """Colours a label's text by meaning ("error", "warning", "info", "success", None)."""
    label.setProperty("tone", tone or "")
    style = label.style()
    style.unpolish(label)
    style.polish(label)


def section_title(text: str, *, indent: bool = False) -> QLabel:
    """A panel's small upper-case heading (styled as ``SectionTitle``)."""
    label = QLabel(("  " if indent else "") + text.upper())
    label.setObjectName("SectionTitle")
    return label
