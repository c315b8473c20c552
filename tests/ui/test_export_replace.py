"""The window's export replaces a file no export wrote only after the user said Replace: the answer
reaches the export action as its permission (the action refuses such a file otherwise)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from studio.actions import export as exporting
from studio.domain.model import Delivery, ProjectSettings
from studio.store.project_file import ProjectStore
from tests.ui.conftest import Harness


@pytest.fixture
async def one(tmp_path: Path, qtbot: Any):
    path = tmp_path / "rain.troupe"
    store = ProjectStore.create(path, "Rain", ProjectSettings(engine="espeak"))
    role = store.add_role("Lin", voices={"espeak": "female_lead"})
    store.add_episode("One", "en", [(role.id, "It is late, and the rain goes on.", Delivery(), None)])
    store.close()
    h = Harness(path)
    h.window.show()
    yield h
    await h.close()


async def test_replace_answered_yes_replaces_the_users_file_and_no_keeps_it(one: Harness, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "Rain-E01-en.srt"
    mine.write_text("my own subtitles", encoding="utf-8")
    line = one.store.lines(one.session.episode.episode_id)[0]
    await one.window.render.render_lines([line.id])
    request = exporting.check_batch(one.store, out, episodes="1", format="wav", subtitles="srt")
    assert mine in request.existing()
    kept = await one.window.exports.run(request, unrendered="leave", replace=False)
    assert kept is None and mine.read_text(encoding="utf-8") == "my own subtitles"
    report = await one.window.exports.run(request, unrendered="leave", replace=True)
    assert report is not None and len(report.files) == 1
    assert "rain goes on" in mine.read_text(encoding="utf-8")
