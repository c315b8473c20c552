"""What the window shows is the truth: through render all → cancel → another engine → Settings OK → another
episode → back, every row's status and the stale count match what a fresh `troupe info` reports for the
engine in use (read from the project file by another process while the window has it open)."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from studio.domain.model import DONE, FAILED, STALE, Delivery, ProjectSettings
from studio.render.planner import RenderPlanner
from studio.store.project_file import ProjectStore

from .conftest import Harness, wait_for
from .test_render_from_ui import FailingEngine


def _two_episodes(path: Path) -> Path:
    store = ProjectStore.create(path, "剧", ProjectSettings(engine="espeak"))
    n = store.add_role("旁白", voices={"espeak": "narrator"})
    a = store.add_role("林晚", voices={"espeak": "female_lead"})
    b = store.add_role("陆沉")  # no voice yet: rendering casts one
    store.add_episode("第一集", "zh", [(r.id, f"第{i}句。", Delivery(), None)
                                    for i, r in enumerate([n, a, b, a, n, b])])
    store.add_episode("第二集", "zh", [(a.id, "第二集的话。", Delivery(), None), (n.id, "完。", Delivery(), None)])
    store.close()
    return path


def _info(path: Path, engine: str) -> list[tuple[int, int, int]]:
    """(rendered, stale, failed) per episode, as `troupe info --engine ENGINE` prints them."""
    proc = subprocess.run([sys.executable, "-m", "studio.cli", "info", str(path), "--engine", engine],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    found = re.findall(rf"^\s+{engine}: (\d+) rendered, (\d+) stale.*?, (\d+) failed", proc.stdout, re.M)
    assert found, proc.stdout
    return [(int(a), int(b), int(c)) for a, b, c in found]


def _window_counts(h: Harness) -> tuple[int, int, int]:
    statuses = [h.model.status_of(r) for r in range(h.model.rowCount())]
    return statuses.count(DONE), statuses.count(STALE), statuses.count(FAILED)


async def _check(h: Harness, path: Path, engine: str) -> None:
    await asyncio.sleep(0.15)  # the status bar's totals are coalesced over 100 ms
    h.window.status.update_totals()
    number = [e.id for e in h.store.episodes()].index(h.model.episode_id)
    expected = _info(path, engine)[number]
    assert h.session.engine_name == engine
    assert _window_counts(h) == expected
    assert h.window.stale_label.text() == f"{expected[1]} stale"


async def test_every_row_and_the_stale_count_stay_true_through_a_session(tmp_path: Path, qtbot: Any) -> None:
    path = _two_episodes(tmp_path / "walk.troupe")
    h = Harness(path)
    h.window.show()
    try:
        await _check(h, path, "espeak")
        slow = FailingEngine(h.session.engine, bad="", delay=0.25)
        h.session._engine = slow  # noqa: SLF001 - a slower espeak, so there is time to cancel
        h.session._planner = RenderPlanner(h.store, slow)  # noqa: SLF001
        task = h.window.render_all()
        assert task is not None
        await wait_for(lambda: _window_counts(h)[0] >= 1, 20)
        h.window.act_cancel.trigger()
        await asyncio.wait_for(task, 20)
        assert 1 <= _window_counts(h)[0] < 6  # some done, some not: the cancel landed mid-batch
        await _check(h, path, "espeak")

        h.window.engine_actions["kokoro"].trigger()
        await _check(h, path, "kokoro")

        h.window.open_settings()
        dialog = h.window.findChild(QDialogButtonBox).parent()
        dialog.engine.setCurrentIndex(dialog.engine.findData("espeak"))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        await _check(h, path, "espeak")

        h.window.episode_list.setCurrentRow(1)
        assert h.model.episode_id == h.store.episodes()[1].id
        await _check(h, path, "espeak")
        h.window.episode_list.setCurrentRow(0)
        await _check(h, path, "espeak")

        h.window.open_settings()  # Settings → OK without changing anything changes nothing shown
        before = [h.model.status_of(r) for r in range(h.model.rowCount())]
        dialogs = [d for d in h.window.findChildren(QDialogButtonBox) if d.parent().isVisible()]
        dialogs[-1].button(QDialogButtonBox.StandardButton.Ok).click()
        assert [h.model.status_of(r) for r in range(h.model.rowCount())] == before
        await _check(h, path, "espeak")
    finally:
        await h.close()
