"""How far a project is rendered, per engine: the counts the window's status bar shows and ``troupe info``
prints, computed the same way for both.

A line is *done* when a take has its current render key, *failed* when its last attempt at that key
failed, *stale* otherwise (including lines with no voice yet: rendering casts one), *empty* when it has
no text. Counts come from the project file's truth; the window's queued/rendering marks are an overlay
and never change them. Must not live here: Qt, printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from studio.domain.model import DONE, EMPTY, FAILED, STALE
from studio.engines.speech import EngineError, SpeechEngine
from studio.render.planner import LinePlan, RenderPlanner, unplanned
from studio.store.project_file import ProjectStore


@dataclass(frozen=True)
class StatusCounts:
    done: int = 0
    stale: int = 0
    failed: int = 0
    empty: int = 0
    needs_voice: int = 0  # of the stale ones: no voice for this engine yet
    overflowing: int = 0  # of the done ones: a timed line whose take runs past its slot

    @property
    def lines(self) -> int:
        return self.done + self.stale + self.failed + self.empty

    @property
    def to_render(self) -> int:
        return self.stale + self.failed

    def __add__(self, other: StatusCounts) -> StatusCounts:
        return StatusCounts(self.done + other.done, self.stale + other.stale, self.failed + other.failed,
                            self.empty + other.empty, self.needs_voice + other.needs_voice,
                            self.overflowing + other.overflowing)

    def sentence(self) -> str:
        parts = [f"{self.done} rendered", f"{self.stale} stale"]
        if self.overflowing:
            parts[0] += f" ({self.overflowing} longer than their cue)"
        if self.needs_voice:
            parts[-1] += f" ({self.needs_voice} with no voice yet: rendering casts one)"
        parts.append(f"{self.failed} failed")
        if self.empty:
            parts.append(f"{self.empty} empty")
        return ", ".join(parts)


def count(plans: Iterable[LinePlan]) -> StatusCounts:
    done = stale = failed = empty = needs_voice = overflowing = 0
    for p in plans:
        if p.status == DONE:
            done += 1
            overflowing += p.overflowing
        elif p.status == FAILED:
            failed += 1
        elif p.status == EMPTY:
            empty += 1
        elif p.status == STALE:
            stale += 1
            needs_voice += p.needs_voice
    return StatusCounts(done, stale, failed, empty, needs_voice, overflowing)


def episode_plans(store: ProjectStore, engine: SpeechEngine | None, episode_id: int,
                  engine_problem: str = "") -> list[LinePlan]:
    """Every line's plan on ``engine`` (None: the engine cannot be built here, ``engine_problem`` says why)."""
    if engine is None:
        return unplanned(store.lines(episode_id), engine_problem or "No speech engine is available.")
    return RenderPlanner(store, engine).plan(episode_id)


@dataclass(frozen=True)
class EngineStatus:
    engine: str
    model: str
    problem: str  # why the engine cannot be used here ("" when it can)
    episodes: dict[int, StatusCounts]  # episode id -> counts

    @property
    def total(self) -> StatusCounts:
        return sum(self.episodes.values(), StatusCounts())


async def engine_status(store: ProjectStore, name: str, model: str = "") -> EngineStatus:
    """The counts of every episode on engine ``name`` (built here just to plan, closed after)."""
    from studio.actions.engines import create

    try:
        engine: SpeechEngine | None = create(name, model or None)
        problem = ""
    except EngineError as exc:
        engine, problem = None, str(exc)
    try:
        episodes = {ep.id: count(episode_plans(store, engine, ep.id, problem)) for ep in store.episodes()}
    finally:
        if engine is not None:
            await engine.aclose()
    return EngineStatus(name, model, problem, episodes)


def engines_in_use(store: ProjectStore) -> list[str]:
    """The project's engine first, then every other engine that has takes in the project."""
    names = [store.settings.engine]
    names += sorted(e for (e, _m) in store.take_engines() if e not in names)
    return names


__all__ = ["EngineStatus", "StatusCounts", "count", "engine_status", "engines_in_use", "episode_plans"]
