"""A timed script (SRT) imported as an episode whose lines are locked to their cues: rendered offline
(eSpeak), every line starts at its cue whatever came before it, a take longer than its slot is flagged as
overflowing (in the plan and in the status sentence), dragging a locked line moves its cue, tightening
gaps leaves locked lines alone, and the import is undone and redone with its cues."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from studio.actions import importing, timing
from studio.actions.render import render
from studio.actions.status import count
from studio.domain.model import ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.formats.script_import import read_script
from studio.render.mixdown import build_timeline
from studio.render.planner import OVERFLOW_TOLERANCE_MS, RenderPlanner
from studio.store.project_file import ProjectStore

# The third cue is far too short for its text: its take must overflow. The second starts before the
# first would end if the lines followed one another.
SRT = """1
00:00:00,500 --> 00:00:04,000
Lin Wan: The rain did not stop all night.

2
00:00:01,500 --> 00:00:05,000
Chen: Who left this letter?

3
00:00:07,000 --> 00:00:07,300
Lin Wan: Meet me at three tomorrow afternoon, at the old station by the river.

4
00:00:12,000 --> 00:00:15,000
Chen: I will be there.
"""


@pytest.fixture
def rendered(tmp_path: Path):
    src = tmp_path / "ep.srt"
    src.write_text(SRT, encoding="utf-8")
    store = ProjectStore.create(tmp_path / "dub.troupe", "Dub", ProjectSettings(engine="espeak"))
    plan = importing.plan_import(store, read_script(src))
    assert "locked to their subtitle times" in importing.describe(plan)
    result = importing.apply_import(store, plan)
    engine = EspeakEngine()

    async def go() -> None:
        try:
            await render(store, engine, [result.episode.id])
        finally:
            await engine.aclose()

    asyncio.run(go())
    yield store, RenderPlanner(store, engine), result
    store.close()


def test_each_line_starts_at_its_cue_and_a_take_longer_than_its_slot_overflows(rendered) -> None:
    store, planner, result = rendered
    lines = store.lines(result.episode.id)
    assert [(ln.cue_start_ms, ln.cue_end_ms) for ln in lines] == [(500, 4000), (1500, 5000), (7000, 7300),
                                                                  (12000, 15000)]
    assert all(ln.locked for ln in lines)
    plans = planner.plan(result.episode.id)
    assert all(p.take is not None for p in plans)
    timeline = build_timeline(store, plans)
    starts = {p.line_id: p.start_ms for p in timeline.placements}
    for ln in lines:
        assert abs(starts[ln.id] - ln.cue_start_ms) <= 20
    # measured from the takes themselves: which ones run past their slot
    for p in plans:
        slot = p.line.cue_end_ms - p.line.cue_start_ms
        assert p.overflowing == (p.take.duration_ms - slot > OVERFLOW_TOLERANCE_MS)
        if p.overflowing:
            assert p.overflow_ms == p.take.duration_ms - slot
    assert plans[2].overflowing and not plans[3].overflowing
    counts = count(plans)
    assert counts.overflowing == sum(p.overflowing for p in plans) >= 1
    assert f"({counts.overflowing} longer than their cue)" in counts.sentence()


def test_dragging_a_locked_line_moves_its_cue_and_its_clip(rendered) -> None:
    store, planner, result = rendered
    lines = store.lines(result.episode.id)
    roles = {r.id: r for r in store.roles()}
    third = lines[2]
    moved = timing.dragged(third, roles.get(third.role_id), store.settings, 1200, alone=False, first=False,
                           start_ms=7000)
    assert (moved.cue_start_ms, moved.cue_end_ms) == (8200, 8500)
    assert (moved.gap_ms, moved.offset_ms) == (third.gap_ms, third.offset_ms)
    store.update_line(moved)
    timeline = build_timeline(store, planner.plan(result.episode.id))
    starts = {p.line_id: p.start_ms for p in timeline.placements}
    assert starts[third.id] == 8200
    assert starts[lines[3].id] == 12000  # the next locked line keeps its own cue
    # never before the start of the episode
    first = store.lines(result.episode.id)[0]
    back = timing.dragged(first, roles.get(first.role_id), store.settings, -5000, alone=True, first=True,
                          start_ms=500)
    assert back.cue_start_ms == 0 and back.cue_end_ms == 3500


def test_tightening_gaps_leaves_locked_lines_at_their_cues(rendered) -> None:
    store, _planner, result = rendered
    lines = store.lines(result.episode.id)
    assert timing.tightened(lines, {r.id: r for r in store.roles()}, store.settings, limit_ms=0) == []


def test_an_unlocked_line_after_a_locked_one_follows_it_by_its_gap(rendered) -> None:
    store, planner, result = rendered
    lines = store.lines(result.episode.id)
    free = lines[1].with_(cue_start_ms=None, cue_end_ms=None, gap_ms=300)
    store.update_line(free)
    plans = planner.plan(result.episode.id)
    placed = {p.line_id: p for p in build_timeline(store, plans).placements}
    before = placed[lines[0].id]
    assert placed[free.id].start_ms == before.start_ms + before.duration_ms + 300
    assert not plans[1].overflowing  # not locked: no slot to overflow


def test_undo_and_redo_of_a_timed_import_keep_the_cues(rendered) -> None:
    store, _planner, result = rendered
    cues = [(ln.text, ln.cue_start_ms, ln.cue_end_ms) for ln in store.lines(result.episode.id)]
    importing.undo_import(store, result)
    assert all(e.id != result.episode.id for e in store.episodes())
    importing.redo_import(store, result)
    assert [(ln.text, ln.cue_start_ms, ln.cue_end_ms) for ln in store.lines(result.episode.id)] == cues
