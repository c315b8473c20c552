"""Every Qt model of the window passes pytest-qt's model tester while the project changes under it."""

from __future__ import annotations

import asyncio
from typing import Any

from studio.domain.model import Delivery

from .conftest import Harness, wait_for


async def test_script_model_stays_consistent_through_edits_and_renders(harness: Harness, qtmodeltester: Any) -> None:
    h = harness
    qtmodeltester.check(h.model, force_py=True)
    ep = h.model.episode_id
    ids = h.store.insert_lines(ep, 1, [(None, "插进来的一句。", Delivery(), None)])
    h.store.move_lines(ep, list(reversed(h.session.episode.line_ids())))
    await asyncio.wait_for(h.window.render_stale(), 30)
    h.store.delete_lines(ids)
    h.window.open_episode(None)
    h.window.open_episode(ep)


async def test_cast_model_stays_consistent(harness: Harness, qtmodeltester: Any) -> None:
    h = harness
    qtmodeltester.check(h.window.cast_panel.model, force_py=True)
    h.window.cast_panel.add_role("苏晴", "female")
    h.window.undo_stack.undo()
    h.window.engine_actions["kokoro"].trigger()
    await wait_for(lambda: h.window.voice_library.model.rowCount() > 0, 10)


async def test_voice_model_stays_consistent(harness: Harness, qtmodeltester: Any) -> None:
    h = harness
    await wait_for(lambda: h.window.voice_library.model.rowCount() > 0, 10)
    qtmodeltester.check(h.window.voice_library.model, force_py=True)  # it watches every change from here on
    h.window.engine_actions["kokoro"].trigger()
    await wait_for(lambda: h.window.voice_library.model.rowCount() > 12, 10)
    h.window.voice_library.search.setText("narrator")
    h.window.voice_library.set_filter("gender", "female")
    h.window.voice_library.show_engine(None)
