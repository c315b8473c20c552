"""The window's parts: object names, cast and episode edits with undo, playback state, voice preview,
settings, the timeline, and the screenshot command."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from studio.ui import script_model as sm

from .conftest import Harness, wait_for

ROOT = Path(__file__).resolve().parents[2]


async def test_main_parts_and_actions_have_stable_object_names(harness: Harness) -> None:
    w = harness.window
    for name in ("scriptTable", "castPanel", "voiceLibrary", "timeline"):
        widget = w.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    for name in ("actionRenderSelected", "actionRenderStale", "actionPlay", "actionStop", "actionExport",
                 "actionUndo", "actionRedo"):
        assert w.findChild(QAction, name) is not None, name


class FakePlayer(QObject):
    position_changed = Signal(int)
    state_changed = Signal(str)
    finished = Signal()

    def __init__(self, ok: bool) -> None:
        super().__init__()
        self.ok = ok
        self.played: list[tuple[int, int, int]] = []

    def available(self) -> bool:
        return self.ok

    @property
    def unavailable_reason(self) -> str:
        return "" if self.ok else "No audio output device was found."

    def play(self, samples: Any, rate: int, start_ms: int = 0, owner: str = "") -> None:
        self.owner = owner
        self.played.append((len(samples), rate, start_ms))
        self.state_changed.emit("playing")

    def play_stream(self, rate: int, owner: str = "") -> bool:
        self.owner = owner
        if not self.ok:
            return False
        self._streamed = 0
        self._rate = rate
        self.state_changed.emit("playing")
        return True

    def feed(self, block: Any) -> None:
        self._streamed += len(block)

    def end_stream(self) -> None:
        self.played.append((self._streamed, self._rate, 0))

    def level(self) -> float:
        return 0.0

    def state(self) -> str:
        return "stopped"

    def stop(self) -> None:
        self.state_changed.emit("stopped")


async def test_play_is_disabled_with_the_reason_when_there_is_no_audio_device(project_path: Path,
                                                                             qtbot: Any) -> None:
    h = Harness(project_path, FakePlayer(ok=False))
    # the harness closes the window itself (shutdown first), so qtbot must not
    try:
        assert not h.window.act_play.isEnabled()
        assert "No audio output" in h.window.act_play.toolTip()
    finally:
        await h.close()


async def test_timeline_shows_the_rendered_clips(harness: Harness) -> None:
    h = harness
    view = h.window.timeline_view
    h.window.timeline.refresh()
    assert [c.placeholder for c in view.clips()] == [True] * 4  # nothing rendered yet: every line holds its place
    await asyncio.wait_for(h.window.render_stale(), 30)
    h.window.timeline.refresh()
    assert [c.line_id for c in view.clips()] == [h.model.line_at(r).id for r in range(4)]
    assert [c.placeholder for c in view.clips()] == [False] * 4
    assert view.clips()[1].role_name == "林晚"


async def test_voice_preview_synthesizes_a_sample(harness: Harness) -> None:
    lib = harness.window.voice_library
    await wait_for(lambda: lib.model.rowCount() > 0)
    lib.select_voice("female_lead")
    duration = await asyncio.wait_for(lib.preview(), 20)
    assert duration and duration > 300


async def test_cast_add_rename_merge_and_undo(harness: Harness) -> None:
    h = harness
    panel = h.window.cast_panel
    alias = panel.add_role("小林")
    assert alias is not None
    h.model.setData(h.model.index(3, sm.ROLE), alias.id)
    row = panel.model.row_of(alias.id)
    assert panel.model.setData(panel.model.index(row, panel.model.NAME), "林晚的别名")
    assert h.model.index(3, sm.ROLE).data() == "林晚的别名"
    lin = h.store.role_by_name("林晚")
    assert panel.merge_roles(alias.id, lin.id)
    assert h.model.index(3, sm.ROLE).data() == "林晚"
    assert h.store.role_by_name("林晚的别名") is None
    assert panel.model.index(panel.model.row_of(lin.id), panel.model.LINES).data() == "2"
    h.window.undo_stack.undo()  # un-merge: the alias and its line come back, with the same id
    assert h.model.index(3, sm.ROLE).data() == "林晚的别名"
    assert h.model.line_at(3).role_id == alias.id
    for _ in range(3):
        h.window.undo_stack.undo()
    assert h.store.role_by_name("小林") is None
    for _ in range(4):
        h.window.undo_stack.redo()
    assert h.store.role_by_name("林晚的别名") is None and h.model.index(3, sm.ROLE).data() == "林晚"


async def test_voice_binding_is_undoable_and_makes_the_role_lines_stale(harness: Harness) -> None:
    h = harness
    await asyncio.wait_for(h.window.render_stale(), 30)
    panel = h.window.cast_panel
    lin = h.store.role_by_name("林晚")
    panel.select_role(lin.id)
    panel.assign_voice("girl")
    assert h.store.role(lin.id).voices["espeak"] == "girl"
    statuses = [h.model.index(r, sm.STATUS).data(sm.STATUS_ROLE) for r in range(4)]
    assert statuses == ["done", "stale", "done", "stale"]
    h.window.undo_stack.undo()
    assert h.store.role(lin.id).voices["espeak"] == "female_lead"
    assert all(h.model.index(r, sm.STATUS).data(sm.STATUS_ROLE) == "done" for r in range(4))


async def test_episode_new_duplicate_delete_and_undo(harness: Harness) -> None:
    h = harness
    w = h.window
    first = h.model.episode_id
    w.act_ep_dup.trigger()
    assert len(h.store.episodes()) == 2 and h.model.episode_id != first
    assert h.model.rowCount() == 4
    w.act_ep_delete.trigger()
    assert len(h.store.episodes()) == 1 and h.model.episode_id == first
    w.undo_stack.undo()
    assert len(h.store.episodes()) == 2
    copy = h.store.episodes()[1]
    assert len(h.store.lines(copy.id)) == 4
    w.act_ep_new.trigger()
    assert len(h.store.episodes()) == 3 and h.model.rowCount() == 0
    assert w.episode_list.count() == 3


async def test_settings_dialog_saves_the_key_to_the_keyring_only(harness: Harness,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    saved: dict[tuple[str, str], str] = {}
    monkeypatch.setattr(keyring, "set_password", lambda s, u, k: saved.__setitem__((s, u), k))
    from studio.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(harness.services.settings, harness.session)
    dialog.key.setText("sk-test-123")
    dialog.gap.setValue(500)
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    dialog.host.setCurrentIndex(dialog.host.findData("https://api.minimaxi.com"))
    dialog.rpm.setValue(20)
    dialog.apply()
    assert saved == {("troupe", "minimax"): "sk-test-123"}
    from studio.engines.minimax.config import load_settings, resolve_host

    mm = load_settings()  # the CLI and the engine read the same MiniMax settings
    assert resolve_host(None, mm) == "https://api.minimaxi.com"
    assert mm["limits"]["speech"]["rpm"] == 20
    assert "sk-test-123" not in json.dumps(mm)
    text = harness.services.settings.path.read_text(encoding="utf-8")
    assert "sk-test-123" not in text
    assert harness.store.settings.gap_ms == 500
    assert harness.model.index(1, sm.GAP).data() == "500 ms"
    assert harness.services.settings.get("ui_language") == "zh"
    dialog.deleteLater()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshot_command_writes_a_png(tmp_path: Path, project_path: Path, lang: str) -> None:
    out = tmp_path / f"shot-{lang}.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               TROUPE_CONFIG_DIR=str(tmp_path / "cfg"), TROUPE_DATA_DIR=str(tmp_path / "data"))
    code = "from studio.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code, "--screenshot", str(out), "--lang", lang,
                             str(project_path)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.exists() and out.stat().st_size > 10_000


async def test_chinese_translation_is_shipped_and_loads(harness: Harness) -> None:
    from PySide6.QtCore import QCoreApplication

    from studio.ui.i18n import install_translators

    app = QCoreApplication.instance()
    translators = install_translators(app, "zh")
    try:
        assert translators, "troupe_zh_CN.qm is missing"
        assert QCoreApplication.translate("MainWindow", "Render &selected") == "生成选中行(&S)"
        assert QCoreApplication.translate("ScriptModel", "stale") == "待生成"
    finally:
        for t in translators:
            app.removeTranslator(t)
