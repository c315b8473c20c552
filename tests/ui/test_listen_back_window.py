"""Render → Listen back to the takes, in the window: the check runs in a worker thread (the loop keeps
ticking), the doubtful line is selected and listed with its words, and the results are kept beside the takes."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMenu

from studio.checks import listen
from studio.domain.model import Delivery, ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.engines.speech import SpeechRequest
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore

from .conftest import Harness, wait_for

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not listen.available(), reason="the recogniser's packages are not installed")]

LINES = ["Where were you last night?", "Tell me the whole truth about the letter."]


async def _project(path: Path) -> Path:
    store = ProjectStore.create(path, "S", ProjectSettings(engine="espeak"))
    role = store.add_role("Lin", voices={"espeak": "female_lead"})
    ep = store.add_episode("E1", "en", [(role.id, t, Delivery(), None) for t in LINES])
    engine = EspeakEngine()
    planner = RenderPlanner(store, engine)
    second = planner.plan(ep.id)[1]
    said = await (engine.synthesize(SpeechRequest(engine="espeak", voice_id="female_lead", language="en",
                                                       text="Tell me the story about the letter.")))
    store.add_take(line_id=second.line.id, render_key=second.job.key, audio=said.audio, format=said.format,
                   sample_rate=said.sample_rate, duration_ms=said.duration_ms, engine="espeak", model=said.model,
                   voice_id="female_lead")
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep.id))
    store.close()
    return path


async def test_listen_back_selects_the_doubtful_line_without_stalling(tmp_path: Path, qtbot: Any) -> None:
    listen.transcribe(listen.np.zeros(listen.RATE, listen.np.float32), "en")  # the model loads once per process
    h = Harness(await _project(tmp_path / "lb.troupe"))
    try:
        h.window.show()

        async def longest_stall(until) -> float:  # noqa: ANN001
            worst, last = 0.0, time.perf_counter()
            while not until():
                await asyncio.sleep(0.005)
                now = time.perf_counter()
                worst, last = max(worst, now - last), now
            return worst

        settle = time.perf_counter() + 2.0  # the window's first layout and paint are done before measuring
        await longest_stall(lambda: time.perf_counter() > settle)
        quiet_end = time.perf_counter() + 1.0
        idle = await longest_stall(lambda: time.perf_counter() > quiet_end)
        menu = next(a.menu() for a in h.window.menuBar().actions()
                    if isinstance(a.menu(), QMenu) and h.window.act_render_stale in a.menu().actions())
        assert h.window.listen_back.act in menu.actions()
        h.window.listen_back.act.trigger()
        task = h.window.tasks.get("listen-back-check")
        assert task is not None
        # while the worker hears the takes
        worst = await longest_stall(lambda: h.window.listen_back.report is not None or task.done())
        await task
        print(f"longest event-loop stall while listening back: {worst * 1000:.1f} ms (idle: {idle * 1000:.1f} ms)")
        assert worst <= 0.050 + idle
        report = h.window.listen_back.report
        assert report is not None and len(report.checked) == 2
        (doubtful,) = report.doubtful
        second = h.store.lines(h.store.episodes()[0].id)[1]
        assert doubtful.line_id == second.id
        assert h.view.selected_line_ids() == [second.id]
        box = h.window.listen_back.box
        assert box is not None and box.isVisible() and "Line 2" in box.detailedText()
        await wait_for(lambda: h.store.take_notes(listen.NOTE_KIND, [c.take_id for c in report.checked]).keys()
                       == {c.take_id for c in report.checked})
        box.close()
    finally:
        await h.close()
