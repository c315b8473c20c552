"""The episode the user has open, as every view sees it: its lines in order, each line's plan on the
active engine (stale / done / failed / empty, with its take), and the render marks (queued, rendering)
laid over them while a batch runs.

``OpenEpisode`` owns these rows; the script table, the timeline, playback and export read them here.
It is told of every committed change by its ``ProjectSession`` — after the session has loaded the
engine a change asks for — updates its rows, and tells its listeners with typed row events
(``studio.session.events``). Qt-free: the table model only adapts it. Must not live here: Qt, edits
to the project, rendering.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from studio.actions.check import DRIFT_KIND, TakeVerdict, take_verdicts
from studio.actions.status import StatusCounts, count
from studio.checks.listen import NOTE_KIND as CHECK_KIND
from studio.domain.model import DONE, QUEUED, RENDERING, Line, Take
from studio.render.planner import LinePlan, overflow_of
from studio.session import events as se
from studio.store import events as ev

if TYPE_CHECKING:
    from studio.session.project import ProjectSession

Listener = Callable[[se.EpisodeEvent], None]
MARKS = (QUEUED, RENDERING)


class OpenEpisode:
    """The rows of the open episode (none when ``episode_id`` is None)."""

    def __init__(self, project: ProjectSession) -> None:
        self.project = project
        self.episode_id: int | None = None
        self._language = ""
        self._plans: list[LinePlan] = []
        self._row_of: dict[int, int] = {}
        self._marks: dict[int, str] = {}  # line id -> queued | rendering
        self._verdicts: dict[int, TakeVerdict] = {}  # take id -> what its checks say (read on demand)
        self._verdicts_read: set[int] = set()  # take ids whose notes have been read
        self._listeners: ev.Listeners[se.EpisodeEvent] = ev.Listeners()

    # ---------------------------------------------------------------- listening

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self._listeners.subscribe(listener)

    def _emit(self, event: se.EpisodeEvent) -> None:
        self._listeners.emit(event)

    # ---------------------------------------------------------------- loading

    def load(self, episode_id: int | None) -> None:
        """Open ``episode_id`` (None: no episode)."""
        self._emit(se.EpisodeAboutToReset())
        self.episode_id = episode_id
        self._marks.clear()
        self._read()
        self._emit(se.EpisodeReset(episode_id))
        self._emit(se.TotalsChanged())

    def _read(self) -> None:
        store = self.project.store
        if self.episode_id is not None:
            self._language = store.episode(self.episode_id).language
            self._plans = self.project.plan(self.episode_id)
        else:
            self._language, self._plans = "", []
        self._reindex()

    def _reindex(self) -> None:
        self._row_of = {p.line.id: i for i, p in enumerate(self._plans)}

    # ---------------------------------------------------------------- checks of the takes

    def verdict_at(self, row: int) -> TakeVerdict | None:
        """What the listen-back and voice-drift checks say of the row's take (None: no take, or not checked)."""
        take = self._plans[row].take
        if take is None:
            return None
        if take.id not in self._verdicts_read:
            missing = [p.take.id for p in self._plans if p.take is not None and p.take.id not in self._verdicts_read]
            self._verdicts.update(take_verdicts(self.project.store, missing))
            self._verdicts_read.update(missing)
        return self._verdicts.get(take.id)

    def doubtful_rows(self) -> list[int]:
        """The rows whose take a check found doubtful."""
        out = []
        for row, plan in enumerate(self._plans):
            if plan.status == DONE and plan.take is not None:
                verdict = self.verdict_at(row)
                if verdict is not None and verdict.doubtful:
                    out.append(row)
        return out

    def _take_noted(self, event: ev.TakeNoted) -> None:
        if event.kind not in (CHECK_KIND, DRIFT_KIND):
            return
        if event.take_id is None:
            self._verdicts.clear()
            self._verdicts_read.clear()
            ids = self.line_ids()
        else:
            self._verdicts.pop(event.take_id, None)
            self._verdicts_read.discard(event.take_id)
            ids = [p.line.id for p in self._plans if p.take is not None and p.take.id == event.take_id]
        if ids:
            self._changed_rows(ids, status_only=True)
            self._emit(se.TotalsChanged())

    # ---------------------------------------------------------------- reading

    def __len__(self) -> int:
        return len(self._plans)

    @property
    def language(self) -> str:
        return self._language

    def plans(self) -> list[LinePlan]:
        return list(self._plans)

    def plan_at(self, row: int) -> LinePlan:
        return self._plans[row]

    def line_at(self, row: int) -> Line:
        return self._plans[row].line

    def row_of(self, line_id: int) -> int | None:
        return self._row_of.get(line_id)

    def line_ids(self) -> list[int]:
        return [p.line.id for p in self._plans]

    def status_at(self, row: int) -> str:
        """What the row shows: a render mark while queued or rendering, else the plan's status."""
        plan = self._plans[row]
        return self._marks.get(plan.line.id, plan.status)

    def mark_of(self, line_id: int) -> str | None:
        return self._marks.get(line_id)

    def counts(self) -> StatusCounts:
        """Done / stale / failed / empty, as the project file has them (render marks aside)."""
        return count(self._plans)

    def char_counts(self) -> tuple[int, int]:
        """(characters in the episode, characters of lines still to render)."""
        total = to_render = 0
        for p in self._plans:
            n = len(p.line.text.strip())
            total += n
            if p.status != DONE:
                to_render += n
        return total, to_render

    # ---------------------------------------------------------------- render marks

    def mark(self, line_id: int, status: str | None) -> None:
        """Show ``queued`` / ``rendering`` on a row (None clears the mark)."""
        if status is not None and status not in MARKS:
            raise ValueError(f"not a render mark: {status}")
        if line_id not in self._row_of:
            return  # a line of another episode (a render of several) marks no row here
        if status is None:
            if self._marks.pop(line_id, None) is None:
                return
        elif self._marks.get(line_id) == status:
            return
        else:
            self._marks[line_id] = status
        self._changed_rows([line_id], status_only=True)

    def clear_marks(self, line_ids: Sequence[int] | None = None) -> None:
        ids = list(self._marks) if line_ids is None else [i for i in line_ids if i in self._marks]
        for i in ids:
            self._marks.pop(i, None)
        self._changed_rows(ids, status_only=True)

    def take_arrived(self, line_id: int, take: Take) -> None:
        """A take for the row's current key exists (a cache hit emits no store event)."""
        row = self._row_of.get(line_id)
        if row is None:
            return
        plan = self._plans[row]
        if plan.job is None or take.render_key != plan.job.key:
            return
        chosen = plan.line.chosen_take_id
        keep_choice = plan.status == DONE and plan.take is not None and plan.take.id == chosen
        if not keep_choice:  # a take the user chose for this key stays the one shown
            self._plans[row] = dataclasses.replace(plan, status=DONE, take=take, error=None, trace_id=None,
                                                   overflow_ms=overflow_of(plan.line, take))
        self._marks.pop(line_id, None)
        self._changed_rows([line_id])
        self._emit(se.TotalsChanged())

    # ---------------------------------------------------------------- reacting to the project

    def replan_all(self) -> None:
        """Plan every row again (the engine, roles, lexicon or settings changed)."""
        if self.episode_id is None:
            return
        if all(e.id != self.episode_id for e in self.project.store.episodes()):
            self.load(None)  # undoing an import removes its roles first, then the episode open here
            return
        plans = self.project.plan(self.episode_id)
        if [p.line.id for p in plans] != [p.line.id for p in self._plans]:
            self.load(self.episode_id)
            return
        self._plans = plans
        self._marks.clear()
        if plans:
            self._emit(se.RowsChanged(0, len(plans) - 1))
        self._emit(se.TotalsChanged())

    def on_store(self, event: ev.StoreEvent) -> None:
        if self.episode_id is None:
            return
        if isinstance(event, ev.LinesChanged):
            self._replan([i for i in event.line_ids if i in self._row_of])
        elif isinstance(event, ev.LineFailed):
            if event.line_id in self._row_of:
                self._replan([event.line_id])
        elif isinstance(event, ev.TakeAdded):
            self._take_added(event.take)
        elif isinstance(event, ev.TakeNoted):
            self._take_noted(event)
        elif isinstance(event, ev.LinesInserted):
            if event.episode_id == self.episode_id:
                self._insert(list(event.line_ids))
        elif isinstance(event, ev.LinesRemoved):
            self._remove([i for i in event.line_ids if i in self._row_of])
        elif isinstance(event, ev.LinesMoved):
            if event.episode_id == self.episode_id:
                self._reorder()
        elif isinstance(event, ev.EpisodesChanged):
            self._episodes_changed()
        elif isinstance(event, ev.PLAN_WIDE):
            self.replan_all()

    def _episodes_changed(self) -> None:
        store = self.project.store
        if self.episode_id not in {e.id for e in store.episodes()}:
            self.load(None)
        elif store.episode(self.episode_id).language != self._language:
            self._language = store.episode(self.episode_id).language
            self.replan_all()

    def _take_added(self, take: Take) -> None:
        for plan in self._plans:
            if plan.job is not None and plan.job.key == take.render_key and plan.status != DONE:
                self.take_arrived(plan.line.id, take)

    def _changed_rows(self, line_ids: Sequence[int], status_only: bool = False) -> None:
        rows = sorted(self._row_of[i] for i in line_ids if i in self._row_of)
        for first, last in _runs(rows):
            self._emit(se.RowsChanged(first, last, status_only))

    def _replan(self, ids: list[int]) -> None:
        if not ids or self.episode_id is None:
            return
        for plan in self.project.plan(self.episode_id, ids):
            row = self._row_of.get(plan.line.id)
            if row is None:
                continue
            self._plans[row] = plan
            self._marks.pop(plan.line.id, None)
        self._changed_rows(ids)
        self._emit(se.TotalsChanged())

    def _insert(self, ids: list[int]) -> None:
        assert self.episode_id is not None
        new = sorted(self.project.plan(self.episode_id, ids), key=lambda p: p.line.position)
        for plan in new:
            row = max(0, min(plan.line.position, len(self._plans)))
            self._emit(se.RowsAboutToBeInserted(row, row))
            self._plans.insert(row, plan)
            self._reindex()
            self._emit(se.RowsInserted(row, row))
        self._refresh_positions()
        self._emit(se.TotalsChanged())

    def _remove(self, ids: list[int]) -> None:
        for row in sorted((self._row_of[i] for i in ids), reverse=True):
            self._emit(se.RowsAboutToBeRemoved(row, row))
            self._marks.pop(self._plans[row].line.id, None)
            del self._plans[row]
            self._reindex()
            self._emit(se.RowsRemoved(row, row))
        if ids:
            self._refresh_positions()
            self._emit(se.TotalsChanged())

    def _reorder(self) -> None:
        assert self.episode_id is not None
        order = [ln.id for ln in self.project.store.lines(self.episode_id)]
        if sorted(order) != sorted(self._row_of):
            self.load(self.episode_id)
            return
        self._emit(se.RowsAboutToMove())
        by_id = {p.line.id: p for p in self._plans}
        self._plans = [by_id[i] for i in order]
        self._reindex()
        self._emit(se.RowsMoved())
        self._refresh_positions()

    def _refresh_positions(self) -> None:
        """Lines carry their position, which the store keeps equal to their row: after rows come, go or
        move, bring every row's line up to date."""
        first = None
        for row, plan in enumerate(self._plans):
            if plan.line.position != row:
                line = plan.line.with_(position=row)
                job = dataclasses.replace(plan.job, line=line) if plan.job is not None else None
                self._plans[row] = dataclasses.replace(plan, line=line, job=job)
                first = row if first is None else first
        if first is not None:
            self._emit(se.RowsChanged(first, len(self._plans) - 1))


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted row numbers as (first, last)."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        elif not out or r != out[-1][1]:
            out.append((r, r))
    return out
