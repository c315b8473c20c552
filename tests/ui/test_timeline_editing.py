"""Timing edits on the timeline: dragging a clip changes the gap before it (Alt: the clip alone), each edit
one undo step shown in the Gap column; the exported audio and every subtitle format follow the new timing
(measured on the exported files); set-every-gap and tighten-gaps."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import numpy as np
import pysubs2
import soundfile as sf
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from studio.audio.decode import decode_to_mono
from studio.domain.model import effective_gap
from studio.ui import script_model as sm

from .conftest import Harness, make_project

LINES = [("旁白", "夜深了。"), ("林晚", "你终于来了。"), ("陆沉", "我答应过你的。"), ("林晚", "那就进来吧。")]


async def _ready(tmp_path: Path) -> Harness:
    h = Harness(make_project(tmp_path / "t.troupe", LINES))
    h.window.resize(1280, 800)
    h.window.show()
    await asyncio.wait_for(h.window.render_stale(), 30)
    h.window.timeline.refresh()
    return h


def _drag(view: Any, line_id: int, dx: int, alt: bool = False) -> None:
    rect = view.clip_rect(line_id)
    start = rect.center()
    mods = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
    QTest.mousePress(view, Qt.MouseButton.LeftButton, mods, start)
    for step in range(1, 6):
        QTest.mouseMove(view, start + QPoint(dx * step // 5, 0))
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, mods, start + QPoint(dx, 0))


def _onset(samples: np.ndarray, rate: int, around_ms: int, span_ms: int = 300) -> float:
    """Where sound begins near ``around_ms`` (ms): the first sample above 5 % of that stretch's peak."""
    a = max(0, round((around_ms - span_ms) * rate / 1000))
    b = round((around_ms + span_ms) * rate / 1000)
    part = np.abs(samples[a:b])
    first = int(np.argmax(part > 0.05 * part.max()))
    return (a + first) * 1000 / rate


async def test_dragging_a_clip_changes_the_gap_and_the_export_follows(tmp_path: Path, qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        view = h.window.timeline_view
        third = h.model.line_at(2)
        before = h.window.timeline.placements[third.id].start_ms
        old_gap = effective_gap(third, h.session.roles()[third.role_id], h.session.settings)
        _drag(view, third.id, 30)  # 30 px at 0.05 px/ms: about 600 ms later
        line = h.store.line(third.id)
        assert line.gap_ms is not None and 500 <= line.gap_ms - old_gap <= 700
        assert h.model.index(2, sm.GAP).data() == f"{line.gap_ms} ms"  # the table shows it
        h.window.timeline.refresh()
        new_start = h.window.timeline.placements[third.id].start_ms
        assert new_start - before == line.gap_ms - old_gap
        fourth = h.model.line_at(3).id  # what follows moved with it
        out = tmp_path / "dragged.wav"
        from studio.actions.export import check_request, export

        plans = h.session.episode.plans()
        request = check_request(out, ("srt", "vtt", "json"))
        await asyncio.to_thread(export, h.store.reader(), h.model.episode_id, plans, request)
        audio, rate = sf.read(out, dtype="float32")
        take = next(p.take for p in plans if p.line.id == third.id)
        take_audio = decode_to_mono(h.store.take_audio(take.id), take.format, rate)
        lead = _onset(take_audio, rate, 0, 300) if len(take_audio) else 0.0  # the take's own leading silence
        assert abs(_onset(audio, rate, new_start + round(lead)) - (new_start + lead)) <= 10
        srt = pysubs2.load(str(out.with_suffix(".srt")))
        vtt = pysubs2.load(str(out.with_suffix(".vtt")))
        cues = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
        cue_list = cues if isinstance(cues, list) else cues.get("cues", cues.get("sentences", []))
        for start_ms in (srt[2].start, vtt[2].start):
            assert abs(start_ms - new_start) <= 10
        json_start = cue_list[2].get("start_ms", cue_list[2].get("time_begin", cue_list[2].get("start")))
        json_start = json_start * 1000 if isinstance(json_start, float) and json_start < 1000 else json_start
        assert abs(json_start - new_start) <= 10
        assert srt[3].start > srt[2].start
        h.window.undo_stack.undo()
        assert h.store.line(third.id).gap_ms == third.gap_ms
        assert h.store.line(fourth).gap_ms is None
    finally:
        await h.close()


async def test_alt_drag_moves_the_clip_alone(tmp_path: Path, qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        view = h.window.timeline_view
        second, third = h.model.line_at(1), h.model.line_at(2)
        after_before = h.window.timeline.placements[third.id].start_ms
        _drag(view, second.id, -10, alt=True)  # 10 px earlier: about 200 ms, overlapping the first line
        assert -360 <= h.store.line(second.id).offset_ms <= -140  # 200 ms, or snapped onto the first line's end
        assert h.store.line(second.id).gap_ms == second.gap_ms  # its gap is untouched
        h.window.timeline.refresh()
        assert h.window.timeline.placements[third.id].start_ms == after_before  # what follows did not move
    finally:
        await h.close()


async def test_escape_puts_a_dragged_clip_back_and_nothing_changes(tmp_path: Path, qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        view = h.window.timeline_view
        third = h.model.line_at(2)
        rect = view.clip_rect(third.id)
        QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
        QTest.mouseMove(view, rect.center() + QPoint(40, 0))
        QTest.keyClick(view, Qt.Key.Key_Escape)
        QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center() + QPoint(40, 0))
        assert h.store.line(third.id) == third
        assert view.clip_rect(third.id) == rect
    finally:
        await h.close()


async def test_set_every_gap_and_tighten_gaps_are_one_undo_step_each(tmp_path: Path, qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        edits = h.window.edits
        assert edits.set_all_gaps(900)
        assert [h.store.line(h.model.line_at(r).id).gap_ms for r in range(4)] == [900] * 4
        assert edits.tighten_gaps()
        assert [h.store.line(h.model.line_at(r).id).gap_ms for r in range(1, 4)] == [150] * 3
        h.window.undo_stack.undo()
        assert [h.store.line(h.model.line_at(r).id).gap_ms for r in range(1, 4)] == [900] * 3
        h.window.undo_stack.undo()
        assert all(h.store.line(h.model.line_at(r).id).gap_ms is None for r in range(4))
    finally:
        await h.close()
