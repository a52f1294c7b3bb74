"""The look: a calm dark neutral grey where the images are the brightest thing on screen, one
accent colour for the primary action and selection, an 8 px grid."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#7c5cff"
ACCENT_HOVER = "#8f74ff"
BG = "#17181b"
PANEL = "#1f2024"
RAISED = "#27292e"
BORDER = "#33363d"
TEXT = "#e6e6e9"
MUTED = "#9a9ca5"
ERROR = "#ff6b6b"
WARNING = "#f2b84b"
INFO = "#5fb3f9"
SUCCESS = "#4cc38a"

STATE_COLOURS = {
    "saved": MUTED,
    "sending": INFO,
    "accepted": INFO,
    "running": ACCENT,
    "downloading": ACCENT,
    "stored": SUCCESS,
    "unconfirmed": WARNING,
    "failed": ERROR,
    "timed_out": ERROR,
    "expired": WARNING,
    "needs_attention": WARNING,
    "dismissed": MUTED,
}

QSS = f"""
QMainWindow, QDialog {{ background: {BG}; }}
QWidget {{ color: {TEXT}; font-size: 13px; }}
QToolTip {{ background: {RAISED}; color: {TEXT}; border: 1px solid {BORDER}; padding: 6px; }}
#Panel {{ background: {PANEL}; border-radius: 12px; }}
#SectionTitle {{ color: {MUTED}; font-size: 11px; font-weight: 600; letter-spacing: 1px; }}
#Muted {{ color: {MUTED}; }}
#DemoBadge {{ background: #3b2f6e; color: #d9d0ff; border-radius: 10px; padding: 4px 12px;
             font-weight: 600; }}
#Banner {{ background: #3a2f1a; color: #ffe2a8; border-radius: 8px; padding: 8px 12px; }}
QPlainTextEdit, QLineEdit, QSpinBox, QDoubleSpinBox, QComboBox {{
    background: {RAISED}; border: 1px solid {BORDER}; border-radius: 8px; padding: 6px 8px;
    selection-background-color: {ACCENT};
}}
QPlainTextEdit:focus, QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{ border-color: {ACCENT}; }}
QPlainTextEdit#PromptEditor {{ font-size: 15px; padding: 10px 12px; }}
QPushButton {{ background: {RAISED}; border: 1px solid {BORDER}; border-radius: 8px;
              padding: 6px 14px; }}
QPushButton:hover {{ border-color: {MUTED}; }}
QPushButton:focus {{ border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #5d6069; }}
QPushButton#Primary {{ background-color: {ACCENT}; border: 1px solid {ACCENT}; color: white;
                      font-weight: 600; padding: 8px 22px; }}
QPushButton#Primary:hover {{ background-color: {ACCENT_HOVER}; }}
QPushButton#Primary:disabled {{ background-color: #3a3452; border-color: #3a3452;
                               color: #9d97b8; }}
QPushButton#Segment {{ background-color: {RAISED}; border: 1px solid {BORDER}; border-radius: 0;
                      padding: 6px 12px; min-width: 64px; }}
QPushButton#Segment:checked {{ background-color: {ACCENT}; border-color: {ACCENT};
                              color: white; font-weight: 600; }}
QPushButton#Segment:disabled {{ color: #55585f; }}
QPushButton#Segment:focus {{ border-color: {TEXT}; }}
QSlider::groove:horizontal {{ height: 4px; background: {BORDER}; border-radius: 2px; }}
QSlider::sub-page:horizontal {{ background: {ACCENT}; border-radius: 2px; }}
QSlider::handle:horizontal {{ background: {TEXT}; width: 14px; height: 14px; margin: -5px 0;
                              border-radius: 7px; }}
QProgressBar {{ background: {RAISED}; border: none; border-radius: 3px; height: 6px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QListView, QTableView {{ background: transparent; border: none; outline: none; }}
QListView::item:selected {{ background: #2c2744; border-radius: 8px; }}
QScrollBar:vertical {{ background: transparent; width: 10px; }}
QScrollBar::handle:vertical {{ background: {BORDER}; border-radius: 5px; min-height: 24px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
QStatusBar {{ background: {PANEL}; color: {MUTED}; }}
QCheckBox::indicator {{ width: 16px; height: 16px; border: 1px solid {MUTED};
                        border-radius: 4px; background: {RAISED}; }}
QCheckBox::indicator:checked {{ background: {ACCENT}; border-color: {ACCENT}; }}
QFrame#DropZone {{ background: {RAISED}; border: 1px dashed {BORDER}; border-radius: 10px; }}
QFrame#DropZone[hover="true"] {{ border: 1px dashed {ACCENT}; background: #262338; }}
QFrame#DropZone:disabled {{ background: {PANEL}; }}
QMenu {{ background: {RAISED}; border: 1px solid {BORDER}; padding: 4px; }}
QMenu::item {{ padding: 6px 18px; border-radius: 6px; }}
QMenu::item:selected {{ background: {ACCENT}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ background: transparent; color: {MUTED}; padding: 6px 12px; }}
QTabBar::tab:selected {{ color: {TEXT}; border-bottom: 2px solid {ACCENT}; }}
"""


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, BG),
        (QPalette.ColorRole.WindowText, TEXT),
        (QPalette.ColorRole.Base, RAISED),
        (QPalette.ColorRole.AlternateBase, PANEL),
        (QPalette.ColorRole.Text, TEXT),
        (QPalette.ColorRole.Button, RAISED),
        (QPalette.ColorRole.ButtonText, TEXT),
        (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, RAISED),
        (QPalette.ColorRole.ToolTipText, TEXT),
        (QPalette.ColorRole.PlaceholderText, MUTED),
    ):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    app.setStyleSheet(QSS)
