"""Render a batch: cast the roles that have no voice, plan, choose which lines to render, run them.

``plan_batch`` does the first three steps and returns a ``RenderBatch`` (what will be rendered, what was
cast, what cannot be rendered and why, the characters and the cost); ``run_batch`` renders it through a
``RenderScheduler``. ``render`` does both. The window and the ``troupe`` command call these same
functions, so a line is chosen, cast and counted the same way in both. Must not live here: Qt,
printing, progress bars (callers follow the scheduler's events).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from studio.actions import ActionError
from studio.actions.costs import billed_chars, estimate
from studio.actions.distinct import cast_likeness
from studio.domain.model import DONE, EMPTY
from studio.engines.speech import EngineError, SpeechEngine
from studio.render.planner import LineJob, RenderPlanner, cast_missing
from studio.render.scheduler import RenderEvent, RenderReport, RenderScheduler
from studio.store.project_file import ProjectStore


class Which(Enum):
    """Which lines of the chosen ones a batch renders."""

    STALE = "stale"  # lines without a take for their current key (and failed ones, again)
    ALL = "all"  # every line: a fresh take even where one exists
    DOUBTFUL = "doubtful"  # lines whose take a check found doubtful: another take (another reading)


@dataclass
class RenderBatch:
    engine: str
    model: str
    jobs: list[LineJob] = field(default_factory=list)
    cast: dict[str, str] = field(default_factory=dict)  # role name -> voice id chosen now
    unrenderable: dict[int, str] = field(default_factory=dict)  # line id -> why (empty lines left out)
    force: bool = False

    @property
    def chars(self) -> int:
        return billed_chars(self.jobs)

    @property
    def cost(self) -> str | None:
        """"$0.12" on a paid engine, None when free."""
        return estimate(self.engine, self.model, self.chars)

    @property
    def notices(self) -> list[str]:
        """What the engine does with the sound tags and pause markers of the batch's lines that it cannot
        honour (each sentence once, with how many lines it is about)."""
        from studio.domain.markup import notices
        from studio.engines.minimax.models import SPEECH_MODELS

        voices_tags = self.engine == "minimax" and getattr(SPEECH_MODELS.get(self.model), "interjections", False)
        counts: dict[str, int] = {}
        for job in self.jobs:
            for sentence in notices(job.line.text, self.engine, voices_tags=voices_tags):
                counts[sentence] = counts.get(sentence, 0) + 1
        return [s if n == 1 else f"{s} ({n} lines)" for s, n in counts.items()]


async def plan_batch(store: ProjectStore, engine: SpeechEngine, episode_ids: Sequence[int], *,
                     line_ids: Sequence[int] | None = None, which: Which = Which.STALE) -> RenderBatch:
    """Cast missing voices (saved to the project), then choose the jobs. ``line_ids`` limits the batch to
    those lines (of ``episode_ids``). Raises ``ActionError`` when the engine cannot list voices to cast."""
    if not episode_ids:
        raise ActionError("There is no episode to render.")
    try:
        language = store.episode(episode_ids[0]).language  # voices that sound alike are cast apart
        cast = await cast_missing(store, engine, list(episode_ids), likeness=cast_likeness(engine, language))
    except EngineError as exc:
        raise ActionError(f"Cannot cast the roles that have no voice: {exc}") from exc
    planner = RenderPlanner(store, engine)
    batch = RenderBatch(engine.name, engine.model, cast=cast, force=which is not Which.STALE)
    wanted = list(line_ids) if line_ids is not None else None
    doubtful: set[int] = set()
    if which is Which.DOUBTFUL:
        from studio.actions.check import doubtful_lines

        doubtful = set(doubtful_lines(store, planner, list(episode_ids)))
    for episode_id in episode_ids:
        for plan in planner.plan(episode_id, wanted):
            if which is Which.DOUBTFUL:
                if plan.line.id in doubtful and plan.job is not None:
                    batch.jobs.append(plan.job)
            elif plan.job is None:
                if plan.status != EMPTY:
                    batch.unrenderable[plan.line.id] = plan.error or "This line cannot be rendered."
            elif which is Which.ALL or plan.status != DONE:
                batch.jobs.append(plan.job)
    return batch


async def run_batch(scheduler: RenderScheduler, batch: RenderBatch) -> RenderReport:
    """Render the batch's jobs; returns when each one is done, reused, failed or cancelled."""
    if scheduler.engine.name != batch.engine:
        raise ActionError("The batch was planned for another engine.")
    return await scheduler.render(batch.jobs, force=batch.force)


async def render(store: ProjectStore, engine: SpeechEngine, episode_ids: Sequence[int], *,
                 line_ids: Sequence[int] | None = None, which: Which = Which.STALE,
                 scheduler: RenderScheduler | None = None, jobs: int | None = None,
                 on_event: Callable[[RenderEvent], None] | None = None,
                 on_planned: Callable[[RenderBatch], None] | None = None) -> tuple[RenderBatch, RenderReport]:
    """Plan and run a batch. ``on_planned`` hears the batch before anything is rendered (to announce the
    casting and the cost, or to size a progress bar); ``on_event`` follows each line when no scheduler is
    given (a given scheduler reports to its own listener)."""
    batch = await plan_batch(store, engine, episode_ids, line_ids=line_ids, which=which)
    if on_planned is not None:
        on_planned(batch)
    if not batch.jobs:
        return batch, RenderReport()
    if scheduler is None:
        scheduler = RenderScheduler(store, engine, jobs=jobs, on_event=on_event)
    return batch, await run_batch(scheduler, batch)


def summary(batch: RenderBatch, report: RenderReport) -> str:
    """One sentence on what a batch did."""
    if not batch.jobs:
        if batch.unrenderable:
            return f"{len(batch.unrenderable)} line(s) cannot be rendered; see their status."
        return "Nothing to render: every line is up to date."
    parts = [f"Rendered {len(report.rendered)}, reused {len(report.cached)}"]
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    if report.cancelled:
        parts.append(f"{len(report.cancelled)} cancelled")
    if batch.unrenderable:
        parts.append(f"{len(batch.unrenderable)} cannot be rendered")
    return "; ".join(parts) + "."


__all__ = ["RenderBatch", "Which", "plan_batch", "render", "run_batch", "summary"]
