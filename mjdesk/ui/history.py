"""The prompt history: every prompt sent, searchable, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QVBoxLayout, QWidget


class HistoryDialog(QDialog):
    def __init__(self, prompts: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("mjdesk — Prompt history"))
        self.resize(640, 420)
        self.chosen: str | None = None
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Search your prompts"))
        self.filter.setAccessibleName(self.tr("Search prompt history"))
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.addItems(prompts)
        layout.addWidget(self.list)
        self.filter.textChanged.connect(self._on_filter)
        self.filter.returnPressed.connect(self._choose_first)
        self.list.itemActivated.connect(lambda item: self._choose(item.text()))

    def _on_filter(self, text: str) -> None:
        words = text.lower().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(not all(w in item.text().lower() for w in words))

    def _choose_first(self) -> None:
        for i in range(self.list.count()):
            if not self.list.item(i).isHidden():
                self._choose(self.list.item(i).text())
                return

    def _choose(self, text: str) -> None:
        self.chosen = text
        self.accept()
