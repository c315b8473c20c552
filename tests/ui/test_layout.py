"""At 1280×800 the window is usable: the Text column takes the spare width, numeric columns stay narrow,
the timeline shows at least four lanes, and the cast's voice names are not cut."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from studio.ui import script_model as sm
from studio.ui.cast_model import CastModel

from .conftest import Harness, make_project, wait_for

LINES = [("旁白", "暴雨夜，林晚收到一封没有署名的信，信封上只有一个地址。"), ("林晚", "陈伯，这封信是谁送来的？"),
         ("陆沉", "林晚，好久不见。"), ("小雨", "姐姐，门外那个人一直在看我们！"), ("陈伯", "小姐，要不要报警？")]


async def test_the_window_at_1280_by_800_gives_text_the_room(tmp_path: Path, qtbot: Any) -> None:
    h = Harness(make_project(tmp_path / "p.troupe", LINES))
    try:
        h.window.resize(1280, 800)
        h.window.show()
        await wait_for(lambda: h.window.voice_library.model.rowCount() > 0, 10)
        await asyncio.sleep(0.3)  # layouts and the timeline's debounced refresh
        view = h.view
        hh = view.horizontalHeader()
        text_width = hh.sectionSize(sm.TEXT)
        viewport = view.viewport().width()
        assert text_width >= 0.4 * viewport, (text_width, viewport)
        widest_line = max(view.fontMetrics().horizontalAdvance(t) for _, t in LINES[1:])
        assert text_width > widest_line  # a whole line of dialogue is readable
        for col in (sm.NUMBER, sm.SPEED, sm.GAP, sm.DURATION):
            assert hh.sectionSize(col) < 90, col
        visible = [c for c in range(sm.COLUMN_COUNT) if not view.isColumnHidden(c)]
        assert sum(hh.sectionSize(c) for c in visible) <= viewport + 2  # nothing pushed off-screen
        timeline = h.window.timeline_view
        assert timeline.lane_count() >= 4
        for lane in range(4):
            assert timeline.rect().contains(timeline.lane_rect(lane)), lane
        cast = h.window.cast_panel
        ch = cast.table.horizontalHeader()
        voice_width = ch.sectionSize(CastModel.VOICE)
        fm = cast.table.fontMetrics()
        for row in range(cast.model.rowCount()):
            label = cast.model.index(row, CastModel.VOICE).data()
            assert fm.horizontalAdvance(label) + 8 <= voice_width, label
        h.store.set_voice(h.store.role_by_name("林晚").id, "espeak", "female_lead")
        label = cast.model.index(cast.model.row_of(h.store.role_by_name("林晚").id), CastModel.VOICE).data()
        assert fm.horizontalAdvance(label) + 8 <= voice_width, label
    finally:
        await h.close()
