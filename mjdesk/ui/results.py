"""Recent results, the centre of the Create tab: the feed of jobs and their images (see
``feed.py``), kept current from the jobs service, with every image action wired to the one
place that performs it (``image_actions``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QMenu

from .feed import FeedView
from .feed_model import FeedModel, caption
from .image_actions import ImageActions

if TYPE_CHECKING:
    from ..services.ports import StudioPort

__all__ = ["ResultsPanel"]


class ResultsPanel(QObject):
    prompt_requested = Signal(str, str, str)  # prompt; speed and quality ("" keeps them)
    open_requested = Signal(int)  # image id: show it in the viewer
    status_message = Signal(str, int)  # text, milliseconds

    def __init__(
        self,
        service: StudioPort,
        thumbnails: Any,
        *,
        prompt: Callable[[], tuple[str, str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.model = FeedModel(thumbnails, service.gallery.image_path)
        self.view = FeedView(self.model)
        self.model.setParent(self.view)
        self.actions = ImageActions(service, self.view, prompt=prompt)
        self.actions.prompt_requested.connect(self.prompt_requested)
        self.actions.open_requested.connect(self.open_requested)
        self.actions.status_message.connect(self.status_message)
        self.view.image_action.connect(self.actions.run)
        self.view.job_action.connect(self._on_job_action)
        self.view.favourite_requested.connect(self._on_favourite)
        self.view.menu_requested.connect(self._on_menu)
        jobs = service.jobs
        jobs.jobs_loaded.connect(self.model.load_jobs)
        jobs.images_loaded.connect(self.model.load_images)
        jobs.job_added.connect(self.model.upsert)
        jobs.job_changed.connect(self.model.upsert)
        jobs.job_progress.connect(self.model.set_progress)
        jobs.image_stored.connect(self.model.add_image)

    def _on_job_action(self, key: str, job: Any) -> None:
        if key in ("use_prompt", "edit"):
            self.prompt_requested.emit(caption(job), job.speed, job.quality)
            if key == "edit":
                self.status_message.emit(
                    self.tr("The prompt is back in the editor: change it and send it again"), 5000
                )
        elif key == "rerun":
            self.service.jobs.retry(job.id)
            self.status_message.emit(self.tr("Running the prompt again"), 3000)

    def _on_favourite(self, image_id: int, favourite: bool) -> None:
        self.model.set_favourite(image_id, favourite)
        self.service.gallery.set_favourite([image_id], favourite)

    def _on_menu(self, item: Any, where: QPoint) -> None:
        menu = QMenu(self.view)
        self.actions.fill_menu(menu, item, time.time())
        menu.addSeparator()
        favourite = menu.addAction(
            self.tr("Remove from favourites") if item.favourite else self.tr("Favourite")
        )
        favourite.triggered.connect(lambda: self._on_favourite(item.id, not item.favourite))
        menu.exec(where)
        menu.deleteLater()
