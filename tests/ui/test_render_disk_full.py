"""A render the disk cannot take (a full disk, simulated by SQLite's page limit) is said in the window in
one sentence, as the command line says it: the takes finished before are kept, the other lines stay stale
(not failed), and no per-line "failed" is reported."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from studio.domain.model import DONE, FAILED, STALE
from studio.store.project_file import ProjectStore
from studio.ui import script_model as sm

from .conftest import Harness, make_project, wait_for


def _status(h: Any, row: int) -> str:
    return h.model.index(row, sm.STATUS).data(sm.STATUS_ROLE)


def _fill_after(store: ProjectStore, pages: int) -> None:
    """The disk is full ``pages`` database pages from now (SQLite says SQLITE_FULL past that)."""
    count = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count={count + pages}")


async def test_a_render_the_disk_cannot_take_is_one_sentence(tmp_path: Path, qtbot: Any) -> None:
    text = "This is line number {} of a long night, and the rain goes on and on, and on."
    path = make_project(tmp_path / "full.troupe", [("林晚", text.format(i + 1)) for i in range(12)])
    h = Harness(path)
    h.window.show()
    try:
        said: list[str] = []
        h.window.render.message.connect(said.append)
        _fill_after(h.store, 60)  # room for a few takes, not twelve
        report = await asyncio.wait_for(h.window.render_stale(), 60)
        assert report is not None and report.stopped is not None
        kept = len(report.rendered)
        assert 0 < kept < 12
        assert said[-1] == ("The disk is full; nothing was lost, free space and render again. "
                            f"The {kept} line(s) rendered before it stopped are kept.")
        assert not any("failed" in s for s in said)
        statuses = [_status(h, r) for r in range(12)]
        assert statuses.count(DONE) == kept and FAILED not in statuses
        assert statuses.count(STALE) == 12 - kept
        await wait_for(lambda: not h.window.render.busy)
        assert h.window.statusBar().currentMessage() == said[-1]
    finally:
        await h.close()
