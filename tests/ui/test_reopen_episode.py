"""A project opens on the episode that was open when it was closed (the first one when that one is gone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio.domain.model import Delivery
from studio.store.project_file import ProjectStore

from .conftest import Harness, make_project


async def test_the_episode_open_last_is_open_again(tmp_path: Path, qtbot: Any) -> None:
    path = make_project(tmp_path / "p.troupe")
    with ProjectStore.open(path) as store:
        role = store.roles()[0]
        second = store.add_episode("第二集", "zh", [(role.id, "又是一天。", Delivery(), None)]).id
    h = Harness(path)
    first = h.session.episode.episode_id
    assert first != second
    h.window.open_episode(second)
    await h.close()

    again = Harness(path)
    try:
        assert again.session.episode.episode_id == second
    finally:
        await again.close()
    with ProjectStore.open(path) as store:
        store.delete_episode(second)
    third = Harness(path)  # the remembered episode is gone: the first one opens
    try:
        assert third.session.episode.episode_id == first
    finally:
        await third.close()


async def test_f2_edits_the_script_cell_and_renames_the_episode_only_from_the_episode_list(
        project_path: Path, qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView

    from studio.ui import script_model as sm

    h = Harness(project_path)
    h.window.show()
    try:
        act = h.window.act_ep_rename
        assert act.shortcut().toString() == "F2" and act in h.window.episode_list.actions()
        assert act not in h.window.actions()
        asked: list[int] = []
        act.triggered.connect(lambda *_: asked.append(1))
        h.window.activateWindow()
        h.view.setFocus()
        h.view.setCurrentIndex(h.model.index(1, sm.TEXT))
        QTest.keyClick(h.view, Qt.Key.Key_F2)
        assert h.view.state() == QAbstractItemView.State.EditingState and asked == []
    finally:
        await h.close()
