"""What can be done with one image, wherever it shows (the library, recent results): the
list of actions with the reason each is unavailable, the menu they make, and what each does:
reuse its prompt or settings, use it as a reference, rerun, vary, remix, remove its
background, copy it, show its file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMenu, QWidget

from ..core import edits
from ..core.evolink import source_problem
from ..services.words import say
from . import ops

if TYPE_CHECKING:
    from ..services.ports import StudioPort

__all__ = ["GalleryAction", "ImageActions", "gallery_actions", "strip_params"]

translate = QCoreApplication.translate


def strip_params(prompt: str) -> str:
    """The prose of a prompt, without its parameters (what "Use prompt" puts back)."""
    from ..core.prompt import prose

    return prose(prompt)


class GalleryAction:
    __slots__ = ("enabled", "key", "label", "reason")

    def __init__(self, key: str, label: str, enabled: bool = True, reason: str = "") -> None:
        self.key, self.label, self.enabled, self.reason = key, label, enabled, reason


def gallery_actions(item: Any, *, prompt_text: str, now: float) -> list[GalleryAction]:
    """What a gallery image offers, each disabled with its reason where it does not apply."""
    problem = source_problem(item.model, item.task_id, item.idx, now - item.created_at)
    why = say(problem) if problem is not None else ""
    edit_ok = problem is None
    return [
        GalleryAction("open", translate("Gallery", "Open in viewer")),
        GalleryAction("edit_image", translate("Gallery", "Edit… (repaint, reframe, retexture)")),
        GalleryAction("use_prompt", translate("Gallery", "Use prompt")),
        GalleryAction("use_settings", translate("Gallery", "Use all settings")),
        GalleryAction("image", translate("Gallery", "Use as image prompt")),
        GalleryAction("style", translate("Gallery", "Use as style reference")),
        GalleryAction("omni", translate("Gallery", "Use as omni reference")),
        GalleryAction("rerun", translate("Gallery", "Rerun")),
        GalleryAction("vary_subtle", translate("Gallery", "Vary (subtle)"), edit_ok, why),
        GalleryAction("vary_strong", translate("Gallery", "Vary (strong)"), edit_ok, why),
        GalleryAction(
            "remix",
            translate("Gallery", "Remix with the current prompt"),
            edit_ok and bool(prompt_text.strip()),
            why or translate("Gallery", "Type the prompt for the remix in the editor first"),
        ),
        GalleryAction("remove_bg", translate("Gallery", "Remove background")),
        GalleryAction("copy_image", translate("Gallery", "Copy image")),
        GalleryAction("reveal", translate("Gallery", "Show in folder")),
    ]


class ImageActions(QObject):
    """Runs image actions for a panel; ``anchor`` is the widget whose lifetime bounds the
    background work they start."""

    prompt_requested = Signal(str, str, str)  # prompt; speed and quality ("" keeps them)
    reference_requested = Signal(str, str)  # zone ("image", "style", "omni"), file path
    open_requested = Signal(int)  # image id: show it in the viewer
    status_message = Signal(str, int)  # text, milliseconds

    def __init__(
        self,
        service: StudioPort,
        anchor: QWidget,
        *,
        prompt: Callable[[], tuple[str, str]],
    ) -> None:
        super().__init__(anchor)
        self.service = service
        self.anchor = anchor
        self._prompt = prompt  # the create panel's prompt text and speed (for Remix)

    def fill_menu(self, menu: QMenu, item: Any, now: float) -> None:
        """Adds every action on ``item`` to ``menu``; an unavailable one says why."""
        menu.setToolTipsVisible(True)
        for action in gallery_actions(item, prompt_text=self._prompt()[0], now=now):
            entry = menu.addAction(action.label)
            entry.setEnabled(action.enabled)
            if not action.enabled:
                entry.setToolTip(action.reason)
            entry.triggered.connect(lambda _=False, k=action.key: self.run(k, item))

    def run(self, key: str, item: Any) -> None:
        """Runs the action ``key`` (one of ``image_actions``'s keys) on ``item``."""
        path = self.service.gallery.image_path(item)
        if key == "open":
            self.open_requested.emit(item.id)
        elif key == "edit_image":
            from .editor import open_editor

            open_editor(self.service, item, self.anchor.window())
        elif key == "use_prompt":
            self.prompt_requested.emit(strip_params(item.prompt), "", "")
        elif key == "use_settings":
            self.prompt_requested.emit(item.prompt, item.speed, item.quality)
        elif key in ("image", "style", "omni"):
            self.reference_requested.emit(key, str(path))
        elif key == "rerun":
            self.service.jobs.retry(item.job_id)
        elif key in ("vary_subtle", "vary_strong"):
            strong = key == "vary_strong"
            self._submit_edit(
                item,
                edits.vary(item.prompt, item.task_id, item.idx, "strong" if strong else "subtle"),
            )
        elif key == "remix":
            prompt, speed = self._prompt()
            self._submit_edit(item, edits.remix(prompt.strip(), speed, item.task_id, item.idx))
        elif key == "remove_bg":
            self._remove_background(item)
        elif key == "copy_image":
            ops.run(
                self.anchor,
                self.service.spawn,
                self.service.gallery.load_full_image(path),
                self._copy_image,
                name="copy image",
            )
        elif key == "reveal":
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path.parent)))

    def _remove_background(self, item: Any) -> None:
        """The route takes the image by URL: its fresh result link, or the file uploaded."""
        from ..services.uploads import UploadError

        def failed(exc: Exception) -> None:
            if not isinstance(exc, UploadError):
                raise exc
            self.status_message.emit(str(exc), 8000)

        ops.run(
            self.anchor,
            self.service.spawn,
            self.service.uploads.public_url_of(item.id),
            lambda url: self._submit_edit(item, edits.remove_background(item.prompt, url)),
            failed=failed,
            name="remove background",
        )

    def _submit_edit(self, item: Any, edit: edits.Edit) -> None:
        from ..library import edit_job

        self.service.jobs.submit_jobs([edit_job(edit, item.id)])

    def _copy_image(self, image: QtGui.QImage) -> None:
        if not image.isNull():
            QtGui.QGuiApplication.clipboard().setImage(image)
            self.status_message.emit(self.tr("Image copied"), 3000)
