"""Rendering from the window: the CLI's ``RenderScheduler``, its events adapted to Qt signals.

One scheduler per engine (re-rendering a line preempts its job in flight). Missing voices are cast first
(``cast_missing``) and the casting is announced once. Every outcome is reported one way: row states go to
the script model, counts to ``progress``, and one sentence per batch to ``message``; a failed line shows
on its row, never as a dialog. Must not live here: widgets, SQLite access other than through the store.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from studio.domain.model import DONE, QUEUED, RENDERING
from studio.engines.speech import EngineError
from studio.render import scheduler as sch
from studio.render.planner import LineJob, cast_missing
from studio.render.scheduler import RenderEvent, RenderReport, RenderScheduler
from studio.ui.script_model import ScriptModel
from studio.ui.session import ProjectSession

log = logging.getLogger(__name__)


class RenderController(QObject):
    """Starts, follows and cancels renders of the current episode."""

    progress = Signal(int, int)  # finished, total (0, 0 when idle)
    busy_changed = Signal(bool)
    message = Signal(str)
    line_event = Signal(object)  # RenderEvent, for listeners that want every step
    batch_finished = Signal(object)  # RenderReport

    def __init__(self, session: ProjectSession, model: ScriptModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = model
        self._schedulers: dict[str, RenderScheduler] = {}
        self._batches: set[asyncio.Task[RenderReport | None]] = set()
        self._done = 0
        self._total = 0

    # ---------------------------------------------------------------- state

    @property
    def busy(self) -> bool:
        return bool(self._batches)

    def _scheduler(self) -> RenderScheduler:
        engine = self.session.engine
        if engine is None:
            raise EngineError(self.session.engine_error or self.tr("No speech engine is available."))
        key = f"{engine.name}:{engine.model}"
        sched = self._schedulers.get(key)
        if sched is None or sched.engine is not engine:
            sched = RenderScheduler(self.session.store, engine, on_event=self._on_event)
            self._schedulers[key] = sched
        return sched

    # ---------------------------------------------------------------- starting

    def render_lines(self, line_ids: Sequence[int] | None, *, only_stale: bool = True,
                     force: bool = False) -> asyncio.Task[RenderReport | None]:
        """Start rendering lines of the current episode (all when ``line_ids`` is None); returns the task."""
        task = asyncio.get_event_loop().create_task(self._render(list(line_ids) if line_ids is not None else None,
                                                                 only_stale, force))
        self._batches.add(task)
        if len(self._batches) == 1:
            self.busy_changed.emit(True)
        task.add_done_callback(self._batch_done)
        return task

    async def _render(self, line_ids: list[int] | None, only_stale: bool, force: bool) -> RenderReport | None:
        episode_id = self.model.episode_id
        if episode_id is None:
            return None
        try:
            sched = self._scheduler()
            cast = await cast_missing(self.session.store, sched.engine, [episode_id])
        except EngineError as exc:
            self.message.emit(self.tr("Cannot render: %1").replace("%1", str(exc)))
            return None
        if cast:
            names = ", ".join(f"{role} → {voice}" for role, voice in cast.items())
            self.message.emit(self.tr("Auto-cast missing voices: %1").replace("%1", names))
            await asyncio.sleep(0)  # let the store's role events replan the rows first
        plans = self.session.plan(episode_id, line_ids)
        jobs: list[LineJob] = []
        unrenderable = 0
        for p in plans:
            if p.job is None:
                unrenderable += 1
            elif force or not only_stale or p.status != DONE:
                jobs.append(p.job)
        if not jobs:
            if unrenderable:
                self.message.emit(self.tr("%1 line(s) cannot be rendered; see their Status tooltip.")
                                  .replace("%1", str(unrenderable)))
            else:
                self.message.emit(self.tr("Nothing to render: every line is up to date."))
            return None
        self._total += len(jobs)
        self.progress.emit(self._done, self._total)
        try:
            report = await sched.render(jobs, force=force)
        except asyncio.CancelledError:
            for job in jobs:
                self.model.set_overlay(job.line.id, None)
            raise
        self._announce(report, unrenderable)
        self.batch_finished.emit(report)
        return report

    def _announce(self, report: RenderReport, unrenderable: int) -> None:
        parts = [self.tr("Rendered %1, reused %2").replace("%1", str(len(report.rendered)))
                 .replace("%2", str(len(report.cached)))]
        if report.failed:
            parts.append(self.tr("%1 failed (see the Status column)").replace("%1", str(len(report.failed))))
        if report.cancelled:
            parts.append(self.tr("%1 cancelled").replace("%1", str(len(report.cancelled))))
        if unrenderable:
            parts.append(self.tr("%1 cannot be rendered").replace("%1", str(unrenderable)))
        self.message.emit("; ".join(parts) + ".")

    def _batch_done(self, task: asyncio.Task[RenderReport | None]) -> None:
        self._batches.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            log.error("render batch failed", exc_info=exc)
            self.message.emit(self.tr("Rendering stopped: %1").replace("%1", str(exc)))
        if not self._batches:
            self._done = self._total = 0
            self.progress.emit(0, 0)
            self.busy_changed.emit(False)

    # ---------------------------------------------------------------- events

    def _on_event(self, event: RenderEvent) -> None:
        model = self.model
        if event.kind == sch.QUEUED:
            model.set_overlay(event.line_id, QUEUED)
        elif event.kind == sch.STARTED:
            model.set_overlay(event.line_id, RENDERING)
        else:
            if event.kind in (sch.DONE, sch.CACHED) and event.take is not None:
                model.set_take(event.line_id, event.take)
            model.set_overlay(event.line_id, None)
            self._done += 1
            self.progress.emit(self._done, self._total)
        self.line_event.emit(event)

    # ---------------------------------------------------------------- cancelling

    def cancel_line(self, line_id: int) -> None:
        for sched in self._schedulers.values():
            sched.cancel_line(line_id)

    def cancel_all(self) -> None:
        for sched in self._schedulers.values():
            sched.cancel_all()
        if self._batches:
            self.message.emit(self.tr("Rendering cancelled; finished lines are kept."))

    async def shutdown(self) -> None:
        self.cancel_all()
        for task in list(self._batches):
            task.cancel()
        if self._batches:
            await asyncio.gather(*self._batches, return_exceptions=True)
