"""Doubtful takes in the window: the Status and Check columns, the "Doubtful takes" filter, the timeline's mark,
Render ▸ Render the doubtful lines again, the Settings switch, and — with the recogniser installed — each new
take heard back as it arrives, off the UI thread."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from studio.checks import listen
from studio.checks.scoring import CheckResult, Difference
from studio.settings import Settings
from studio.ui import script_model as sm

from .conftest import Harness, make_project, wait_for

FINE = CheckResult(1.0, "夜深了，雨还在下。", (), 8, 0)
SKIPPED = CheckResult(0.5, "终于来了", (Difference("你", "", units=1, serious=False),
                                      Difference("林晚", "", units=2, serious=True)), 6, 3)


def _take_of(h: Harness, row: int) -> int:
    take = h.session.episode.plan_at(row).take
    assert take is not None
    return take.id


async def test_a_doubtful_take_is_shown_filtered_marked_and_rendered_again(project_path: Path, qtbot: Any) -> None:
    h = Harness(project_path)
    h.window.show()
    try:
        await asyncio.wait_for(h.window.render_stale(), 60)
        model, view = h.model, h.view
        assert [model.index(r, sm.STATUS).data() for r in range(4)] == ["done"] * 4
        assert model.index(0, sm.CHECK).data() == ""  # not heard yet
        h.store.set_take_note(_take_of(h, 0), listen.NOTE_KIND, FINE.to_note())
        h.store.set_take_note(_take_of(h, 1), listen.NOTE_KIND, SKIPPED.to_note())
        await asyncio.sleep(0)

        assert model.index(0, sm.CHECK).data() == "✓"
        assert model.index(0, sm.STATUS).data() == "done"
        assert model.index(1, sm.STATUS).data() == "doubtful"
        assert model.index(1, sm.CHECK).data() == "⚠ 50%"
        tip = model.index(1, sm.STATUS).data(Qt.ItemDataRole.ToolTipRole)
        assert "“林晚” was not heard" in tip and "Heard: 终于来了" in tip
        assert [model.index(r, sm.CHECK).data(sm.DOUBTFUL_ROLE) for r in range(4)] == [False, True, False, False]

        doubtful = h.window.doubtful  # type: ignore[attr-defined]
        assert doubtful.filter.text() == "Doubtful takes (1)" and doubtful.act.isEnabled()
        from PySide6.QtTest import QTest

        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert doubtful.filter.isChecked() and doubtful.filter_act.isChecked()
        assert [view.isRowHidden(r) for r in range(4)] == [True, False, True, True]

        h.window.timeline.refresh()
        clips = {c.line_id: c for c in h.window.timeline_view.clips()}
        line_ids = [h.session.episode.plan_at(r).line.id for r in range(4)]
        assert "“林晚” was not heard" in clips[line_ids[1]].doubt
        assert clips[line_ids[0]].doubt == "" and clips[line_ids[2]].doubt == ""

        before = {line: len(h.store.takes_for_line(line)) for line in line_ids}
        await asyncio.wait_for(doubtful.rerender(), 60)
        after = {line: len(h.store.takes_for_line(line)) for line in line_ids}
        assert {line: after[line] - before[line] for line in line_ids} == {
            line_ids[0]: 0, line_ids[1]: 1, line_ids[2]: 0, line_ids[3]: 0}
        # the new take has not been heard: no longer doubtful, and the filter shows no line
        await wait_for(lambda: doubtful.filter.text() == "Doubtful takes (0)", 5)
        assert model.index(1, sm.STATUS).data() == "done" and model.index(1, sm.CHECK).data() == ""
        assert all(view.isRowHidden(r) for r in range(4))
        doubtful.filter.click()
        assert not any(view.isRowHidden(r) for r in range(4))
        assert not doubtful.act.isEnabled()
    finally:
        await h.close()


async def test_the_settings_switch_keeps_the_choice(project_path: Path, qtbot: Any) -> None:
    from studio.ui.settings_dialog import SettingsDialog

    settings = Settings()
    dialog = SettingsDialog(settings, None)
    qtbot.addWidget(dialog)
    if not listen.available():
        assert not dialog.listen_back.isEnabled()
        return
    assert dialog.listen_back.isChecked() is False  # the tests' settings say so
    dialog.listen_back.setChecked(True)
    dialog._accept()
    assert Settings().get("listen_back") is True and listen.enabled(Settings())


@pytest.mark.slow
@pytest.mark.skipif(not listen.available(), reason="the recogniser's packages are not installed")
async def test_each_new_take_is_heard_as_it_arrives_without_stalling_the_window(tmp_path: Path, qtbot: Any) -> None:
    from studio.domain.render_key import SpeechRequest
    from studio.engines.kokoro import KokoroEngine

    lines = [("林晚", "林晚收到一封没有署名的信。"), ("林晚", "Tell me the whole truth about the letter.")]
    path = make_project(tmp_path / "p.troupe", lines[:1], engine="kokoro")
    Settings().set("listen_back", True)
    h = Harness(path)
    h.store.set_voice(h.store.role_by_name("林晚").id, "kokoro", "jf_nezumi")
    h.window.show()
    try:
        await asyncio.wait_for(h.window.render_stale(), 120)
        await wait_for(lambda: h.model.index(0, sm.CHECK).data() != "", 120)
        assert h.model.index(0, sm.CHECK).data() == "✓", h.model.index(0, sm.CHECK).data(Qt.ItemDataRole.ToolTipRole)

        # a take that skipped the name, as an engine that drops a word would give it, under the line's key
        plan = h.session.episode.plan_at(0)
        assert plan.job is not None
        engine = KokoroEngine()
        said = engine.synthesize_sync(engine.prepare(SpeechRequest(engine="kokoro", voice_id="jf_nezumi",
                                                                   text="收到一封没有署名的信。")))
        stalls: list[float] = []
        ticking = True

        async def tick() -> None:
            last = time.perf_counter()
            while ticking:
                await asyncio.sleep(0.01)
                now = time.perf_counter()
                stalls.append(now - last - 0.01)
                last = now

        ticker = asyncio.ensure_future(tick())
        h.store.add_take(line_id=plan.line.id, render_key=plan.job.key, audio=said.audio, format=said.format,
                         sample_rate=said.sample_rate, duration_ms=said.duration_ms, engine="kokoro",
                         model=said.model, voice_id="jf_nezumi")
        h.session.episode.load(h.session.episode.episode_id)  # show the newest take of the key
        await wait_for(lambda: h.model.index(0, sm.STATUS).data() == "doubtful", 60)
        ticking = False
        await ticker
        assert "“林晚” was not heard" in h.model.index(0, sm.STATUS).data(Qt.ItemDataRole.ToolTipRole)
        assert h.window.doubtful.filter.text() == "Doubtful takes (1)"  # type: ignore[attr-defined]
        assert max(stalls) <= 0.05, max(stalls)
        assert "Doubtful take of line 1" in h.window.statusBar().currentMessage()
    finally:
        await h.close()


@pytest.mark.slow
@pytest.mark.skipif(not listen.available(), reason="the recogniser's packages are not installed")
async def test_a_take_in_another_voice_is_flagged_as_drifting_in_the_window(tmp_path: Path, qtbot: Any) -> None:
    from studio.domain.render_key import SpeechRequest
    from studio.engines.espeak import EspeakEngine
    from studio.library.embedding import encoder_problem

    if encoder_problem() is not None:
        pytest.skip(encoder_problem())
    lines = [("林晚", "She waited by the window for the whole of the long night."),
             ("林晚", "Nobody came to the door, and the rain did not stop.")]
    path = make_project(tmp_path / "p.troupe", lines)
    Settings().set("listen_back", True)
    h = Harness(path)
    h.window.show()
    try:
        await asyncio.wait_for(h.window.render_stale(), 60)
        episode = h.session.episode
        await wait_for(lambda: all(episode.verdict_at(r) is not None and episode.verdict_at(r).similarity is not None
                                   for r in range(2)), 180)
        assert not any(episode.verdict_at(r).drifting for r in range(2))  # the role's own voice
        # the second line's take comes out in another voice (as a MiniMax take in another timbre would)
        plan = episode.plan_at(1)
        assert plan.job is not None
        engine = EspeakEngine()
        said = await engine.synthesize(SpeechRequest(engine="espeak", voice_id="old_man", language="en",
                                                     text=plan.line.text))
        await engine.aclose()
        h.store.add_take(line_id=plan.line.id, render_key=plan.job.key, audio=said.audio, format=said.format,
                         sample_rate=said.sample_rate, duration_ms=said.duration_ms, engine="espeak",
                         model=said.model, voice_id="female_lead")
        episode.load(episode.episode_id)
        await wait_for(lambda: episode.verdict_at(1) is not None and episode.verdict_at(1).similarity is not None,
                       120)
        assert episode.verdict_at(1).drifting and not episode.verdict_at(0).drifting
        assert h.model.index(1, sm.STATUS).data() == "doubtful"
        assert "The voice drifts from the role's own" in h.model.index(1, sm.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    finally:
        await h.close()
