"""The cast panel warns when two roles sound alike: the voices are measured in the background (real eSpeak
renders and the real encoder), the banner names the pair and suggests a voice that sounds apart, applying
it is one undo step, and the warning goes and comes back with the cast."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from studio.domain.model import Delivery, ProjectSettings
from studio.library import embedding
from studio.store.project_file import ProjectStore
from studio.ui.cast_model import CastModel
from tests.ui.conftest import Harness, wait_for

pytestmark = [pytest.mark.gui,
              pytest.mark.skipif(embedding.weights_path() is None, reason="resemblyzer's weights are not installed"),
              pytest.mark.timeout(300)]


def alike_project(path: Path) -> Path:
    store = ProjectStore.create(path, "测试剧", ProjectSettings(engine="espeak"))
    # eSpeak's female_lead and girl are the same voice a few notes apart (likeness 0.97)
    voices = {"旁白": "narrator", "林晚": "female_lead", "小雨": "girl", "陆沉": "old_man"}
    ids = {name: store.add_role(name, voices={"espeak": v}).id for name, v in voices.items()}
    rows = [("旁白", "夜深了。"), ("林晚", "你终于来了。"), ("小雨", "姐姐，他是谁？"), ("陆沉", "我答应过你的。"),
            ("小雨", "你别走。")]
    store.add_episode("第一集", "zh", [(ids[r], t, Delivery(), None) for r, t in rows])
    store.close()
    return path


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("embeddings")  # measured here from nothing, once for the module


@pytest.fixture
async def alike(tmp_path: Path, cache_dir: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("TROUPE_CACHE_DIR", str(cache_dir))
    h = Harness(alike_project(tmp_path / "alike.troupe"))
    h.window.show()
    yield h
    await h.close()


def row_of(panel: Any, name: str) -> int:
    return next(i for i in range(panel.model.rowCount()) if panel.model.role_at(i).name == name)


async def test_two_roles_cast_alike_are_named_with_a_voice_that_sounds_apart(alike: Harness) -> None:
    panel = alike.window.cast_panel
    banner = panel.alike_banner
    assert not banner.isVisible()
    await wait_for(lambda: bool(panel.alike.advice), timeout=240)  # the check starts by itself
    assert banner.isVisible()
    text = panel.alike_text.text()
    assert re.search(r"林晚 and 小雨 sound alike \(0\.9\d\) — pick another voice for one\.", text), text
    assert "陆沉" not in text and "旁白" not in text
    # the voice column marks both roles, and says who they sound like
    model = panel.model
    voice = model.index(row_of(panel, "小雨"), CastModel.VOICE)
    assert voice.data(Qt.ItemDataRole.DecorationRole) is not None  # the warning sign
    assert "Sounds like 林晚 (0.9" in voice.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row_of(panel, "陆沉"), CastModel.VOICE).data(Qt.ItemDataRole.DecorationRole) is None

    advice = panel.alike.advice[0]
    assert advice.role in ("林晚", "小雨")
    button = panel.alike_buttons[0]
    assert button.isVisible() and advice.role in button.text()
    steps = alike.window.undo_stack.count()
    button.click()
    assert alike.window.undo_stack.count() == steps + 1  # one undo step
    recast = alike.store.role_by_name(advice.role)
    assert recast is not None and recast.voices["espeak"] == advice.voice_id
    assert advice.voice_id not in ("female_lead", "girl", "narrator", "old_man")
    await wait_for(lambda: not banner.isVisible() and not panel.alike.pairs, timeout=60)  # measured again
    assert model.index(row_of(panel, advice.role), CastModel.VOICE).data(Qt.ItemDataRole.DecorationRole) is None

    alike.window.undo_stack.undo()  # the alike voice again: so is the warning
    await wait_for(lambda: banner.isVisible(), timeout=60)
    assert "林晚 and 小雨 sound alike" in panel.alike_text.text()


async def test_roles_that_share_a_voice_are_named_at_once(alike: Harness) -> None:
    panel = alike.window.cast_panel
    await wait_for(lambda: bool(panel.alike.advice), timeout=240)
    lu = alike.store.role_by_name("陆沉")
    assert lu is not None
    panel.model.set_voice(lu.id, "narrator")  # 陆沉 now speaks with the narrator's voice
    await wait_for(lambda: "旁白 and 陆沉 share a voice" in panel.alike_text.text()
                   or "陆沉 and 旁白 share a voice" in panel.alike_text.text(), timeout=60)


async def test_a_voice_list_that_arrives_after_the_check_still_brings_the_suggestion(alike: Harness,
                                                                                      monkeypatch: Any) -> None:
    panel = alike.window.cast_panel
    catalog = panel.catalog
    listed = catalog.voices
    late = {"yes": True}
    monkeypatch.setattr(catalog, "voices", lambda engine=None: [] if late["yes"] else listed(engine))
    panel.check_voices()
    await wait_for(lambda: bool(panel.alike.pairs), timeout=240)  # named, but nothing to suggest from yet
    assert not panel.alike.advice
    late["yes"] = False
    catalog.voices_changed.emit()  # the engine's list has come
    await wait_for(lambda: bool(panel.alike.advice), timeout=240)
    assert panel.alike_buttons[0].isVisible()
