"""The sidebar's project and tag actions: a project made (at the top or inside another),
renamed, deleted (its images stay, the count said first); a tag renamed or merged across the
library. Each asks in a window-modal dialog (``tab.asking`` while open) and reports in the
status line, a refused name included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from . import ops

__all__ = ["connect_sidebar"]

translate = QCoreApplication.translate


def _ask(tab: Any, title: str, label: str, text: str, then: Callable[[str], None]) -> None:
    dialog = QInputDialog(tab.panel)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)

    def chosen(value: str) -> None:
        if value.strip():
            then(value.strip())

    dialog.textValueSelected.connect(chosen)
    dialog.finished.connect(dialog.deleteLater)
    tab.asking = dialog
    dialog.open()


def _do(tab: Any, work: Any, said: Callable[[Any], str]) -> None:
    def failed(exc: Exception) -> None:
        tab.status_message.emit(
            translate("LibraryTab", "Not done: {reason}").format(reason=exc), 6000
        )

    ops.run(
        tab.sidebar,
        tab.service.spawn,
        work,
        lambda result: tab.status_message.emit(said(result), 4000),
        failed=failed,
        name="project",
    )


def connect_sidebar(tab: Any) -> None:
    sidebar, gallery = tab.sidebar, tab.service.gallery

    def create(parent: int | None) -> None:
        def make(name: str) -> None:
            _do(
                tab,
                gallery.create_project(name, parent),
                lambda _id: translate("LibraryTab", "Made the project “{name}”").format(name=name),
            )

        _ask(
            tab,
            translate("LibraryTab", "mjdesk — New project"),
            translate("LibraryTab", "Name of the new project:"),
            "",
            make,
        )

    def rename(project_id: int, old: str) -> None:
        def apply(name: str) -> None:
            if name != old:
                _do(
                    tab,
                    gallery.rename_project(project_id, name),
                    lambda _r: translate("LibraryTab", "Renamed “{old}” to “{name}”").format(
                        old=old, name=name
                    ),
                )

        _ask(
            tab,
            translate("LibraryTab", "mjdesk — Rename project"),
            translate("LibraryTab", "New name:"),
            old,
            apply,
        )

    def delete(project_id: int, name: str, held: int) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("LibraryTab", "mjdesk — Delete project"),
            translate(
                "LibraryTab",
                "Delete the project “{name}”? Its {n} images stay in the library, in no project.",
            ).format(name=name, n=held),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            tab.panel,
        )

        def answered(button: int) -> None:
            if button == QMessageBox.StandardButton.Yes:
                _do(
                    tab,
                    gallery.delete_project(project_id),
                    lambda n: translate(
                        "LibraryTab", "Deleted the project “{name}”; its {n} images stay"
                    ).format(name=name, n=n),
                )

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        tab.asking = box
        box.open()

    def rename_tag(old: str) -> None:
        def apply(new: str) -> None:
            _do(
                tab,
                gallery.rename_tag(old, new),
                lambda n: translate("LibraryTab", "Renamed the tag “{old}” on {n} images").format(
                    old=old, n=n
                ),
            )

        _ask(
            tab,
            translate("LibraryTab", "mjdesk — Rename tag"),
            translate("LibraryTab", "New name (an existing tag's name merges the two):"),
            old,
            apply,
        )

    sidebar.project_create_requested.connect(create)
    sidebar.project_rename_requested.connect(rename)
    sidebar.project_delete_requested.connect(delete)
    sidebar.tag_rename_requested.connect(rename_tag)
