"""The render queue: runs line jobs through an engine, bounded, cancellable, reporting progress.

A key already in the project costs zero engine calls. Jobs that share a key are rendered once. Each
finished take is saved in its own transaction as soon as it arrives, so cancelling or killing the process
keeps every finished take; its word timings follow as the take's "words" note (the engine's own when it
gives them, else aligned on the audio in a worker thread; see ``word_timing``). A failed line records its error and never stops the others. Re-rendering a line
cancels its job in flight (tasks are named ``render:{line_id}``).

Events go to a plain callback (the UI adapts them to Qt signals); nothing here imports Qt.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from studio.domain.model import Take
from studio.domain.words import NOTE_KIND
from studio.engines.speech import EngineError, SpeechEngine, SpeechResult, with_variation
from studio.render.planner import LineJob
from studio.render.word_timing import timings_for_result
from studio.store.project_file import ProjectDiskFullError, ProjectReadOnlyError, ProjectStore

log = logging.getLogger(__name__)

QUEUED, STARTED, DONE, CACHED, FAILED, CANCELLED = "queued", "started", "done", "cached", "failed", "cancelled"


@dataclass(frozen=True)
class RenderEvent:
    kind: str  # QUEUED | STARTED | DONE | CACHED | FAILED | CANCELLED
    line_id: int
    done: int  # jobs finished (any outcome) in this batch so far
    total: int
    message: str = ""
    take: Take | None = None
    trace_id: str | None = None


@dataclass
class RenderReport:
    rendered: list[int] = field(default_factory=list)
    cached: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    cancelled: list[int] = field(default_factory=list)
    engine_calls: int = 0
    #: Why the render stopped before its end (the disk is full, the project is read-only): one sentence
    #: for the whole batch; the takes finished before are kept, the other lines are ``cancelled``.
    stopped: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled and self.stopped is None


class RenderScheduler:
    """One per (project, engine). ``render()`` may be called again while a batch runs."""

    def __init__(self, store: ProjectStore, engine: SpeechEngine, *, jobs: int | None = None,
                 on_event: Callable[[RenderEvent], None] | None = None, word_timings: bool = True) -> None:
        self.store = store
        self.engine = engine
        self.concurrency = max(1, jobs or engine.max_concurrency)
        self._slots = asyncio.Semaphore(self.concurrency)
        self._on_event = on_event
        self._line_tasks: dict[int, asyncio.Task[None]] = {}
        self._key_locks: dict[str, asyncio.Lock] = {}
        self.engine_calls = 0
        self.word_timings = word_timings  # keep each new take's word timings as its "words" note

    def _emit(self, event: RenderEvent) -> None:
        if self._on_event is not None:
            try:
                self._on_event(event)
            except Exception:  # a listener's bug must not kill the render
                log.exception("render event listener failed")

    def cancel_line(self, line_id: int) -> None:
        task = self._line_tasks.get(line_id)
        if task is not None and not task.done():
            task.cancel()

    def cancel_all(self) -> None:
        for task in list(self._line_tasks.values()):
            if not task.done():
                task.cancel()

    @property
    def busy(self) -> bool:
        return any(not t.done() for t in self._line_tasks.values())

    async def render(self, jobs: Sequence[LineJob], *, force: bool = False) -> RenderReport:
        """Render ``jobs``; returns when every job has finished, failed or been cancelled.

        ``force`` renders a fresh take even when the key already has one (a new variant).
        """
        report = RenderReport()
        total = len(jobs)
        state = {"done": 0}

        def finish(kind: str, line_id: int, **kw: object) -> None:
            state["done"] += 1
            self._emit(RenderEvent(kind, line_id, state["done"], total, **kw))  # type: ignore[arg-type]

        tasks: list[asyncio.Task[None]] = []
        for job in jobs:
            self.cancel_line(job.line.id)  # preempt a stale job for the same line
            self._emit(RenderEvent(QUEUED, job.line.id, state["done"], total))
            task = asyncio.get_running_loop().create_task(
                self._run_one(job, force, report, finish), name=f"render:{job.line.id}")
            self._line_tasks[job.line.id] = task
            tasks.append(task)
        try:
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
        except asyncio.CancelledError:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        finally:
            for job, task in zip(jobs, tasks, strict=True):
                if self._line_tasks.get(job.line.id) is task:
                    del self._line_tasks[job.line.id]
        report.engine_calls = self.engine_calls
        return report

    async def _run_one(self, job: LineJob, force: bool, report: RenderReport,
                       finish: Callable[..., None]) -> None:
        line_id = job.line.id
        saved: Take | None = None
        try:
            lock = self._key_locks.setdefault(job.key, asyncio.Lock())
            async with lock:  # lines sharing a key wait for the first one's take
                existing = None if force else self.store.take_for_key(job.key)
                if existing is not None:
                    report.cached.append(line_id)
                    finish(CACHED, line_id, take=existing)
                    return
                async with self._slots:
                    self._emit(RenderEvent(STARTED, line_id, 0, 0))
                    self.engine_calls += 1
                    request = job.request
                    if force:  # a new take of a key that has takes: ask for another reading of it
                        request = with_variation(request, sum(t.render_key == job.key
                                                              for t in self.store.takes_for_line(line_id)))
                    result = await self.engine.synthesize(request)
                take = self.store.add_take(
                    line_id=line_id, render_key=job.key, audio=result.audio, format=result.format,
                    sample_rate=result.sample_rate, duration_ms=result.duration_ms, engine=result.engine,
                    model=result.model, voice_id=result.voice_id, billed_chars=result.billed_chars,
                    trace_id=result.trace_id)
                saved, force = take, False
                await self._note_words(take, job, result)
            report.rendered.append(line_id)
            finish(DONE, line_id, take=take)
        except asyncio.CancelledError:
            if saved is not None:  # the take is kept; only its word timings were cut short
                report.rendered.append(line_id)
                finish(DONE, line_id, take=saved)
            else:
                report.cancelled.append(line_id)
                finish(CANCELLED, line_id)
            raise
        except (ProjectDiskFullError, ProjectReadOnlyError) as exc:
            # The project cannot take more: say it once, stop the other lines, keep what was saved.
            if report.stopped is None:
                report.stopped = str(exc)
                log.info("render stopped: %s", exc)
                current = asyncio.current_task()
                for task in list(self._line_tasks.values()):
                    if task is not current:
                        task.cancel()
            report.cancelled.append(line_id)
            finish(CANCELLED, line_id)
        except EngineError as exc:
            self._fail(job, str(exc), exc.trace_id, report, finish)
        except Exception as exc:  # an engine bug must not stop the other lines
            log.exception("rendering line %s failed", line_id)
            self._fail(job, f"Rendering failed unexpectedly: {exc}", None, report, finish)

    async def _note_words(self, take: Take, job: LineJob, result: SpeechResult) -> None:
        """Keep the take's word timings beside it: the engine's own, else aligned on its audio in a worker
        thread. A failure here costs the words, never the take."""
        if not self.word_timings:
            return
        try:
            timings = await asyncio.to_thread(timings_for_result, result, job.line.text, job.request.text,
                                              job.request.language)
            self.store.set_take_note(take.id, NOTE_KIND, timings.to_note())
        except asyncio.CancelledError:
            raise
        except (ProjectDiskFullError, ProjectReadOnlyError) as exc:
            log.warning("the word timings of line %s were not kept: %s", job.line.id, exc)
        except Exception:
            log.exception("could not keep the word timings of line %s", job.line.id)

    def _fail(self, job: LineJob, message: str, trace_id: str | None, report: RenderReport,
              finish: Callable[..., None]) -> None:
        line_id = job.line.id
        report.failed[line_id] = message
        try:
            self.store.set_line_error(line_id, job.key, message, trace_id)
        except Exception:
            log.exception("could not record the error of line %s", line_id)
        finish(FAILED, line_id, message=message, trace_id=trace_id)
