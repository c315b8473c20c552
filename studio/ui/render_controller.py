"""Rendering from the window: the render action (``studio.actions.render``) run as background jobs, its
scheduler's events shown on the open episode's rows and in the status bar.

One scheduler per engine (re-rendering a line preempts its job in flight). Every outcome is reported one
way: row marks go to the open episode (queued, rendering, then the take), counts to ``progress``, one
sentence per batch to ``message``; a failed line shows on its row, never as a dialog. A batch the project
could take no more of (the disk is full, the file cannot be written: ``RenderReport.stopped``) is said
in that one sentence, as the command line says it; its unfinished lines stay stale, not failed. A
project open read-only renders nothing (the engine is never asked). Events of a
scheduler whose engine is no longer the active one move the progress bar but mark no row, so the rows
always show the active engine's state. Must not live here: widgets, choosing lines (the action does).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from studio.actions import ActionError
from studio.actions.render import RenderBatch, Which, plan_batch, run_batch
from studio.domain.model import QUEUED, RENDERING
from studio.render import scheduler as sch
from studio.render.scheduler import RenderEvent, RenderReport, RenderScheduler
from studio.session.project import ProjectSession
from studio.store.project_file import DISK_FULL
from studio.ui.status_line import engine_problem
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

BATCH = "render"


class RenderController(QObject):
    """Starts, follows and cancels renders of the open episode."""

    progress = Signal(int, int)  # finished, total (0, 0 when idle)
    busy_changed = Signal(bool)
    message = Signal(str)
    line_event = Signal(object)  # RenderEvent, for listeners that want every step
    batch_finished = Signal(object)  # RenderReport

    def __init__(self, session: ProjectSession, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self._schedulers: dict[str, RenderScheduler] = {}
        self._done = 0
        self._total = 0
        self._busy = False
        self._planning: set[asyncio.Task[object]] = set()  # batches still choosing their lines

    # ---------------------------------------------------------------- state

    @property
    def busy(self) -> bool:
        return bool(self.tasks.running(BATCH))

    def _engine_key(self) -> str:
        return f"{self.session.engine_name}:{self.session.engine_model}"

    def _scheduler(self) -> RenderScheduler:
        engine = self.session.engine
        assert engine is not None
        key = self._engine_key()
        sched = self._schedulers.get(key)
        if sched is None or sched.engine is not engine:
            sched = RenderScheduler(self.session.store, engine, on_event=lambda e, k=key: self._on_event(k, e))
            self._schedulers[key] = sched
        return sched

    # ---------------------------------------------------------------- starting

    def render_lines(self, line_ids: Sequence[int] | None, which: Which = Which.STALE
                     ) -> asyncio.Task[RenderReport | None]:
        """Render lines of the open episode (all when ``line_ids`` is None); returns the job."""
        ids = list(line_ids) if line_ids is not None else None
        task = self.tasks.spawn_unique(BATCH, self._render(ids, which))
        task.add_done_callback(lambda _t: self._update_busy())
        self._update_busy()
        return task

    def render_episodes(self, episode_ids: Sequence[int]) -> asyncio.Task[RenderReport | None]:
        """Render what is stale in those episodes (an export of several asks for it); the open episode's
        rows show their marks as usual, other episodes' lines only move the progress bar."""
        task = self.tasks.spawn_unique(BATCH, self._render(None, Which.STALE, list(episode_ids)))
        task.add_done_callback(lambda _t: self._update_busy())
        self._update_busy()
        return task

    async def _render(self, line_ids: list[int] | None, which: Which,
                      episode_ids: list[int] | None = None) -> RenderReport | None:
        episode_id = self.session.episode.episode_id
        engine = self.session.engine
        if episode_ids is None:
            episode_ids = [episode_id] if episode_id is not None else []
        if not episode_ids:
            return None
        if self.session.store.read_only:
            self.message.emit(self.tr("This project is open read-only, so nothing can be rendered into it; save a "
                                      "copy elsewhere to edit and render it."))
            return None
        if engine is None:
            self.message.emit(self.tr("Cannot render: %1").replace("%1", engine_problem(self.session)))
            return None
        me = asyncio.current_task()
        if me is not None:
            self._planning.add(me)
        try:
            batch = await plan_batch(self.session.store, engine, episode_ids, line_ids=line_ids, which=which)
        except ActionError as exc:
            self.message.emit(str(exc))
            return None
        finally:
            self._planning.discard(me)  # type: ignore[arg-type]
        if engine is not self.session.engine:  # the engine changed while voices were listed
            return None
        if batch.cast:
            names = ", ".join(f"{role} → {voice}" for role, voice in batch.cast.items())
            self.message.emit(self.tr("Auto-cast missing voices: %1").replace("%1", names))
        if not batch.jobs:
            if batch.unrenderable:
                self.message.emit(self.tr("%1 line(s) cannot be rendered; see their Status tooltip.")
                                  .replace("%1", str(len(batch.unrenderable))))
            else:
                self.message.emit(self.tr("Nothing to render: every line is up to date."))
            return None
        self._total += len(batch.jobs)
        self.progress.emit(self._done, self._total)
        key = self._engine_key()
        try:
            report = await run_batch(self._scheduler(), batch)
        except asyncio.CancelledError:
            if key == self._engine_key():
                self.session.episode.clear_marks([j.line.id for j in batch.jobs])
            raise
        self._announce(batch, report)
        self.batch_finished.emit(report)
        return report

    def _announce(self, batch: RenderBatch, report: RenderReport) -> None:
        if report.stopped is not None:
            self.message.emit(self._stopped(report))
            return
        parts = [self.tr("Rendered %1, reused %2").replace("%1", str(len(report.rendered)))
                 .replace("%2", str(len(report.cached)))]
        if report.failed:
            parts.append(self.tr("%1 failed (see the Status column)").replace("%1", str(len(report.failed))))
        if report.cancelled:
            parts.append(self.tr("%1 cancelled").replace("%1", str(len(report.cancelled))))
        if batch.unrenderable:
            parts.append(self.tr("%1 cannot be rendered").replace("%1", str(len(batch.unrenderable))))
        self.message.emit(self.tr("%1.").replace("%1", self.tr("; ").join(parts)))

    def _stopped(self, report: RenderReport) -> str:
        """The one sentence of a batch the project could take no more of, and what was kept."""
        said = (self.tr("The disk is full; nothing was lost, free space and render again.")
                if report.stopped == DISK_FULL else str(report.stopped))
        if report.rendered:
            said += " " + self.tr("The %1 line(s) rendered before it stopped are kept.").replace(
                "%1", str(len(report.rendered)))
        return said

    def _update_busy(self) -> None:
        busy = self.busy
        if busy == self._busy:
            return
        self._busy = busy
        if not busy:
            self._done = self._total = 0
            self.progress.emit(0, 0)
        self.busy_changed.emit(busy)

    # ---------------------------------------------------------------- events

    def _on_event(self, engine_key: str, event: RenderEvent) -> None:
        episode = self.session.episode
        current = engine_key == self._engine_key()
        if event.kind == sch.QUEUED:
            if current:
                episode.mark(event.line_id, QUEUED)
        elif event.kind == sch.STARTED:
            if current:
                episode.mark(event.line_id, RENDERING)
        else:
            if current:
                if event.kind in (sch.DONE, sch.CACHED) and event.take is not None:
                    episode.take_arrived(event.line_id, event.take)
                episode.mark(event.line_id, None)
            self._done += 1
            self.progress.emit(self._done, self._total)
        self.line_event.emit(event)

    # ---------------------------------------------------------------- cancelling

    def cancel_line(self, line_id: int) -> None:
        for sched in self._schedulers.values():
            sched.cancel_line(line_id)

    def cancel_all(self) -> None:
        """Stop every line in flight (the batches finish with their report); batches still choosing their
        lines stop at once."""
        busy = self.busy
        for sched in self._schedulers.values():
            sched.cancel_all()
        for task in list(self._planning):
            task.cancel()
        self.session.episode.clear_marks()
        if busy:
            self.message.emit(self.tr("Rendering cancelled; finished lines are kept."))
