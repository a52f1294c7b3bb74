"""The queue column: its title, the job list, and what each of the list's actions does (a
confirmation where the action may cost money). It listens to the jobs service only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from ..core.jobs import ACTIVE
from .queue import QueueView
from .theme import section_title

if TYPE_CHECKING:
    from ..services.ports import JobsPort


class QueuePanel(QWidget):
    running_changed = Signal(int)  # jobs not finished yet
    show_requested = Signal(int)  # a job id: show its images
    status_message = Signal(str, int)  # text, milliseconds

    def __init__(self, jobs: JobsPort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(section_title(self.tr("Queue"), indent=True))
        self.view = QueueView()
        self.model = self.view.queue_model
        box.addWidget(self.view, 1)
        self.view.action_requested.connect(self.act)
        jobs.job_added.connect(self._on_job)
        jobs.job_changed.connect(self._on_job)
        jobs.job_progress.connect(self.model.set_progress)
        jobs.jobs_loaded.connect(self._on_jobs_loaded)

    def _on_job(self, job: Any) -> None:
        self.model.upsert(job)
        self._count()

    def _on_jobs_loaded(self, jobs: list[Any]) -> None:
        self.model.set_jobs(jobs)
        self._count()

    def _count(self) -> None:
        counts = self.model.counts()
        self.running_changed.emit(sum(counts.get(str(s), 0) for s in ACTIVE))

    def act(self, key: str, job: Any) -> None:
        """Does the queue action ``key`` (see ``queue.actions_for``) on ``job``."""
        if key == "copy":
            clipboard = QGuiApplication.clipboard()
            clipboard.setText(job.prompt_typed)
            self.status_message.emit(self.tr("Prompt copied"), 3000)
        elif key == "resend":
            answer = QMessageBox.warning(
                self,
                self.tr("mjdesk — Resend?"),
                self.tr(
                    "EvoLink may already have created this task: its answer was lost. Resending "
                    "it may charge you twice. Resend anyway?"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.jobs.resend(job.id)
        elif key == "show":
            self.show_requested.emit(job.id)
        elif key == "retry":
            self.jobs.retry(job.id)
        elif key == "dismiss":
            self.jobs.dismiss(job.id)
        elif key == "resume":
            self.jobs.resume(job.id)
