"""Trimming the silence of takes in the window: Episode ▸ Trim silence on the selected line places it shorter
by the silence its take had, the lines after it move up, and it is one undo step; "Hear whole takes" puts the
silence back; a right-click on a clip selects its line and offers both, with the music and effects entries."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication

from studio.actions import trimming
from studio.audio.decode import decode_to_mono, encode_wav

from .conftest import Harness, make_project, wait_for

LINES = [("旁白", "夜深了，雨还在下。"), ("林晚", "你终于来了。"), ("陆沉", "我答应过你的。")]


async def _ready(tmp_path: Path) -> Harness:
    h = Harness(make_project(tmp_path / "t.troupe", LINES))
    h.window.resize(1280, 900)
    h.window.show()
    await asyncio.wait_for(h.window.render_stale(), 30)
    return h


def _pad_take(h: Harness, row: int, silence_ms: int) -> int:
    """Give line ``row`` a take of its own audio after ``silence_ms`` of silence (same render key, so it is
    the line's take now); returns the silence the new take has before its sound, as the action measures it."""
    plan = h.session.episode.plans()[row]
    take = plan.take
    rate = take.sample_rate
    samples = decode_to_mono(h.store.take_audio(take.id), take.format, rate)
    padded = np.concatenate([np.zeros(round(silence_ms * rate / 1000), np.float32), samples])
    h.store.add_take(line_id=plan.line.id, render_key=take.render_key, audio=encode_wav(padded, rate), format="wav",
                     sample_rate=rate, duration_ms=round(len(padded) * 1000 / rate), engine=take.engine,
                     model=take.model, voice_id=take.voice_id)
    h.session.episode.replan_all()  # the newest take of a key is the line's
    assert h.session.episode.plans()[row].take.id != take.id
    return trimming.silence_ms(padded, rate)[0]


def _act(h: Harness, name: str) -> QAction:
    act = h.window.findChild(QAction, name)
    assert act is not None, name
    return act


async def test_trim_silence_on_the_selected_line_places_it_shorter_as_one_undo_step(tmp_path: Path,
                                                                                    qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        lead = _pad_take(h, 1, 400)
        assert lead >= 400
        h.window.timeline.refresh()
        second, third = (h.model.line_at(i).id for i in (1, 2))
        before = dict(h.window.timeline.placements)
        h.view.select_lines([second])
        stack = h.window.undo_stack
        steps = stack.count()
        menu = next(a.menu() for a in h.window.menuBar().actions()
                    if a.menu() is not None and _act(h, "actionTrimSilence") in a.menu().actions())
        assert _act(h, "actionTightenGaps") in menu.actions()  # beside the other timing edits
        _act(h, "actionTrimSilence").trigger()
        await wait_for(lambda: stack.count() == steps + 1, 15)
        line = h.store.line(second)
        assert line.trim_start_ms == lead and h.store.line(third).trim_start_ms == 0  # the selected line only
        h.window.timeline.refresh()
        after = h.window.timeline.placements
        cut = line.trim_start_ms + line.trim_end_ms
        assert after[second].duration_ms == before[second].duration_ms - cut
        from studio.ui import script_model as sm
        shown = h.model.data(h.model.index(1, sm.DURATION))
        assert shown == f"{after[second].duration_ms / 1000:.1f} s"  # the table says what is heard
        assert after[third].start_ms == before[third].start_ms - cut  # what follows moves up
        # the clip draws the sound that is heard, not the whole take squeezed into the shorter clip
        controller = h.window.timeline
        take = h.model.plan_at(1).take
        assert take is not None
        await wait_for(lambda: take.id in controller._peaks, 15)
        controller.refresh()
        whole = len(controller._peaks[take.id])
        drawn = next(c for c in h.window.timeline_view.clips() if c.line_id == second).peaks
        assert drawn is not None
        assert abs(len(drawn) - whole * (take.duration_ms - cut) / take.duration_ms) <= 2
        assert h.window.timeline_view.clip_rect(second).width() < h.window.timeline_view.x_at(before[second].end_ms) \
            - h.window.timeline_view.x_at(before[second].start_ms)
        stack.undo()
        h.window.timeline.refresh()
        assert h.store.line(second).trim_start_ms == 0 and h.window.timeline.placements[third] == before[third]
        stack.redo()
        _act(h, "actionUntrimSilence").trigger()
        assert h.store.line(second).trim_start_ms == 0 and stack.count() == steps + 2
    finally:
        await h.close()


async def test_a_right_click_on_a_clip_selects_its_line_and_offers_the_trims(tmp_path: Path, qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        h.window.timeline.refresh()
        await asyncio.sleep(0.05)
        view = h.window.timeline_view
        third = h.model.line_at(2).id
        h.view.select_lines([h.model.line_at(0).id])
        centre = view.clip_rect(third).center()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, view.mapToGlobal(centre),
                                  Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(view, event)
        menu = h.window.trims.last_menu
        assert menu is not None and menu.isVisible()
        names = [a.objectName() for a in menu.actions()]
        assert {"actionTrimSilence", "actionUntrimSilence", "actionAddEffect", "actionMusicBed"} <= set(names)
        assert h.view.selected_line_ids() == [third]  # what the entries act on
        menu.hide()
        # off the clips: no trims, the media entries still
        empty = QPoint(view.width() - 20, view.media_lane_rect("music").center().y())
        QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, empty, view.mapToGlobal(empty),
                                                       Qt.KeyboardModifier.NoModifier))
        names = [a.objectName() for a in h.window.trims.last_menu.actions()]
        assert "actionTrimSilence" not in names and "actionMusicBed" in names
        h.window.trims.last_menu.hide()
        await asyncio.sleep(0.3)  # the waveforms read and drawn before the window closes
    finally:
        await h.close()


def test_heard_peaks_cut_the_trimmed_silence_off() -> None:
    import numpy as np

    from studio.ui.episode_audio import heard_peaks

    part = heard_peaks(np.arange(1000, dtype=np.float32), 10_000, (1000, 2000))
    assert len(part) == 700 and part[0] == 100 and part[-1] == 799
    assert len(heard_peaks(np.ones(10, dtype=np.float32), 1000, (900, 900))) == 0  # never a negative slice
