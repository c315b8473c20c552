"""A dub's lines that run past their cue, in the window: the status says by how much, Episode ▸ Fit the dub
speeds them up or lets them overlap, each one undo step."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from studio.domain.model import ProjectSettings
from studio.store.project_file import ProjectStore
from studio.ui import script_model as sm
from tests.ui.conftest import Harness

# the second cue is far too short for its line: its take runs past it
SRT = """1
00:00:00,200 --> 00:00:02,500
林晚：你来了。

2
00:00:03,000 --> 00:00:03,900
林晚：我等了你很久很久，你终于来了。

3
00:00:06,000 --> 00:00:08,000
林晚：走吧。
"""


async def test_an_overflowing_line_is_shown_and_fitted_by_speed_or_overlap(tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "dub.troupe"
    ProjectStore.create(path, "Dub", ProjectSettings(engine="espeak")).close()
    subs = tmp_path / "dub.srt"
    subs.write_text(SRT, encoding="utf-8")
    h = Harness(path)
    try:
        episode = await h.window.import_script(str(subs))
        assert episode is not None
        await asyncio.wait_for(h.window.render_stale(), 60)
        model = h.window.model
        over = [row for row in range(model.rowCount()) if h.session.episode.plan_at(row).overflowing]
        assert over == [1]
        status = model.data(model.index(1, sm.STATUS))
        assert status.startswith("+") and status.endswith(" s")
        assert model.data(model.index(1, sm.GAP)) == "at 3.0 s"  # a locked line starts at its cue
        assert "past its cue" in model.data(model.index(1, sm.STATUS), Qt.ItemDataRole.ToolTipRole)
        assert "+" not in model.data(model.index(0, sm.STATUS))

        line = h.store.lines(episode)[1]
        fit = h.window.dub_fit
        fit.menu.aboutToShow.emit()
        assert fit.act_speed.isEnabled() and fit.act_overlap.isEnabled()
        fit.act_speed.trigger()
        faster = h.store.lines(episode)[1]
        assert (faster.delivery.speed or 1.0) > 1.0
        assert h.window.undo_stack.undoText() == "Speak faster to fit"
        h.window.undo_stack.undo()
        assert h.store.lines(episode)[1] == line

        fit.act_overlap.trigger()
        overlapped = h.store.lines(episode)[1]
        assert overlapped.cue_start_ms == line.cue_start_ms and overlapped.cue_end_ms > line.cue_end_ms
        assert not h.session.episode.plan_at(1).overflowing  # its slot is its take now
        fit.menu.aboutToShow.emit()
        assert not fit.act_speed.isEnabled()
        h.window.undo_stack.undo()
        assert h.store.lines(episode)[1] == line and h.session.episode.plan_at(1).overflowing
    finally:
        await h.close()
