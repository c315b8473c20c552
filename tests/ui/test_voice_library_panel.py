"""The voice library dock against the fake MiniMax server: the sections, the sentence when MiniMax has no
key, previews (the second one costs no request; with no sound device the preview is a file), offline
browsing from the cache, casting by "Use for role" and by dropping a voice on a role."""
# ruff: noqa: F811  (the fake_minimax fixture is imported, then named by the tests that use it)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QMimeData

from studio.library import LibraryVoice
from studio.ui.cast_model import CastModel
from studio.ui.voice_catalog import MIME_VOICE, VoiceListModel
from tests.fake_minimax.fixture import fake_minimax  # noqa: F401
from tests.fake_minimax.server import FakeMiniMax

from .conftest import Harness, wait_for
from .test_window import FakePlayer

T2A = "/v1/t2a_v2"


@pytest.fixture
def online(fake_minimax: FakeMiniMax, monkeypatch: pytest.MonkeyPatch) -> FakeMiniMax:
    monkeypatch.setenv("MINIMAX_API_KEY", fake_minimax.api_key)
    monkeypatch.setenv("MINIMAX_API_HOST", fake_minimax.url)
    return fake_minimax


async def _open(project_path: Path, player: Any = None) -> Harness:
    h = Harness(project_path, player)
    h.window.show()
    return h


async def test_without_a_key_the_minimax_section_says_why(project_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          qtbot: Any) -> None:
    monkeypatch.delenv("MINIMAX_API_KEY", raising=False)
    monkeypatch.setattr("studio.engines.minimax.config._keyring_get", lambda: None)
    h = await _open(project_path)
    try:
        panel = h.window.voice_library
        panel.show_engine("minimax")
        h.window.catalog.load("minimax")
        await wait_for(lambda: "No MiniMax API key" in panel.banner.text(), 10)
        assert "Settings" in panel.banner.text()
        assert panel.banner.isVisible()
        panel.show_engine("espeak")  # the offline presets are always there
        assert panel.model.rowCount() >= 8
    finally:
        await h.close()


async def test_preview_twice_makes_one_request_and_plays_both(project_path: Path, online: FakeMiniMax,
                                                              qtbot: Any) -> None:
    player = FakePlayer(ok=True)
    h = await _open(project_path, player)
    try:
        panel = h.window.voice_library
        panel.show_engine("minimax")
        await h.window.catalog.load("minimax")
        assert panel.model.rowCount() > 0 and not panel.catalog.problem("minimax")
        voice = next(v for v in h.window.catalog.library.voices("minimax") if v.kind == "system")
        before = len(online.calls(T2A))
        first = await panel.preview(voice.voice_id, "minimax")
        assert first and len(online.calls(T2A)) == before + 1
        second = await panel.preview(voice.voice_id, "minimax")
        assert second == first and len(online.calls(T2A)) == before + 1  # from the cache: no request
        assert panel.last_preview is not None and panel.last_preview.cached
        assert player.played  # the sound reached the player
    finally:
        await h.close()


async def test_with_no_sound_device_the_preview_is_kept_as_a_file(project_path: Path, qtbot: Any) -> None:
    h = await _open(project_path, FakePlayer(ok=False))
    messages: list[str] = []
    try:
        panel = h.window.voice_library
        panel.message.connect(messages.append)
        assert await panel.preview("female_lead", "espeak")
        assert panel.last_preview is not None and panel.last_preview.path.exists()
        assert panel.save_preview.isEnabled() and panel.preview_file.path == panel.last_preview.path
        assert any("cannot be played" in m for m in messages)
    finally:
        await h.close()


async def test_the_cached_minimax_list_is_browsable_offline(project_path: Path, fake_minimax: FakeMiniMax,
                                                           monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> None:
    monkeypatch.setenv("MINIMAX_API_KEY", fake_minimax.api_key)
    monkeypatch.setenv("MINIMAX_API_HOST", fake_minimax.url)
    h = await _open(project_path)
    try:
        await h.window.catalog.load("minimax")
        listed = {v.voice_id for v in h.window.catalog.library.voices("minimax")}
        assert listed
    finally:
        await h.close()
    monkeypatch.setenv("MINIMAX_API_HOST", "http://127.0.0.1:9")  # the network is gone: nothing answers there
    h = await _open(project_path)
    try:
        panel = h.window.voice_library
        panel.show_engine("minimax")
        assert {panel.model.voice_at(r).voice_id for r in range(panel.model.rowCount())} >= listed
    finally:
        await h.close()


async def test_a_voice_is_cast_by_use_for_role_and_by_dropping_it_on_a_role(harness: Harness) -> None:
    h = harness
    panel, cast = h.window.voice_library, h.window.cast_panel
    panel.show_engine("espeak")
    lin = h.store.role_by_name("林晚")
    cast.select_role(lin.id)
    row = panel.model.row_of("espeak", "girl")
    assert row is not None
    panel.table.selectRow(row)
    panel.assign_button.click()
    assert h.store.role_by_name("林晚").voices["espeak"] == "girl"
    chen = h.store.role_by_name("陆沉")
    mime = QMimeData()
    mime.setData(MIME_VOICE, QByteArray(b"kokoro\nold_man"))
    target = cast.model.index(cast.model.row_of(chen.id), CastModel.VOICE)
    assert cast.model.canDropMimeData(mime, 0, -1, -1, target)  # type: ignore[arg-type]
    cast.model.dropMimeData(mime, 0, -1, -1, target)  # type: ignore[arg-type]
    assert h.store.role_by_name("陆沉").voices == {"espeak": "male_lead", "kokoro": "old_man"}
    tip = cast.model.index(cast.model.row_of(chen.id), CastModel.VOICE).data(3)  # ToolTipRole
    assert "Kokoro:" in tip and "eSpeak:" in tip  # each engine's voice for the role
    h.window.undo_stack.undo()
    assert "kokoro" not in h.store.role_by_name("陆沉").voices


async def test_a_new_voice_expiring_soon_shows_its_days_and_a_warning(harness: Harness) -> None:
    import time

    h = harness
    library = h.window.catalog.library
    now = time.time()
    library.add(LibraryVoice("minimax", "MyVoice2026", "My voice", "cloned", created_at=now - 6 * 86400,
                             expires_at=now + 3600))
    panel = h.window.voice_library
    panel.show_engine("minimax")
    row = panel.model.row_of("minimax", "MyVoice2026")
    assert row is not None
    assert "1 day(s) left" in panel.model.index(row, VoiceListModel.STATE).data()
    assert "will be deleted by MiniMax" in panel.banner.text()


async def test_a_voice_preview_does_not_move_the_episodes_playhead(project_path: Path, qtbot: Any) -> None:
    player = FakePlayer(ok=True)
    h = await _open(project_path, player)
    try:
        h.window.timeline_view.set_playhead(1234)
        assert await h.window.voice_library.preview("female_lead", "espeak")
        assert player.owner == "preview"
        player.position_changed.emit(1900)  # the preview's own position
        assert h.window.timeline_view.playhead() == 1234
    finally:
        await h.close()


async def test_clone_in_the_window_then_cast_and_render_sends_the_new_voice(project_path: Path, online: FakeMiniMax,
                                                                          tmp_path: Path, qtbot: Any) -> None:
    """The whole walk: list → filter → clone a 20 s clip with consent in the wizard → the voice shows its expiry
    → "Use for role…" casts it → rendering that role on MiniMax sends the new voice id; a blend sends weights."""
    import asyncio

    from PySide6.QtCore import Qt

    from .test_voice_dialogs import filled, future_of, speech

    player = FakePlayer(ok=True)
    h = await _open(project_path, player)
    try:
        panel, cast = h.window.voice_library, h.window.cast_panel
        panel.show_engine("minimax")
        await h.window.catalog.load("minimax")
        panel.set_filter("kind", "system")
        assert panel.model.rowCount() > 0 and all(panel.model.voice_at(r).kind == "system"
                                                  for r in range(panel.model.rowCount()))
        panel.set_filter("kind", None)
        lin = h.store.role_by_name("林晚")
        cast.select_role(lin.id)
        dialog = panel.open_clone()
        await filled(dialog, speech(tmp_path / "lin.wav", 20.0))
        created = future_of(dialog.voice_created)
        qtbot.mouseClick(dialog.clone_button, Qt.MouseButton.LeftButton)
        voice = await asyncio.wait_for(created, 30)
        row = panel.model.row_of("minimax", voice.voice_id)
        assert row is not None and "7 day(s) left" in panel.model.index(row, VoiceListModel.STATE).data()
        used = future_of(dialog.use_for_role)
        await wait_for(lambda: dialog.outcome_bar.role_button.isVisible(), 10)
        qtbot.mouseClick(dialog.outcome_bar.role_button, Qt.MouseButton.LeftButton)
        await asyncio.wait_for(used, 5)
        assert h.store.role_by_name("林晚").voices["minimax"] == voice.voice_id
        h.window.engine_actions["minimax"].trigger()
        lin_rows = [r for r in range(h.model.rowCount()) if h.model.line_at(r).role_id == lin.id]
        h.view.select_lines([h.model.line_at(lin_rows[0]).id])
        await asyncio.wait_for(h.window.render_selected(), 30)
        sent = [c.json["voice_setting"]["voice_id"] for c in online.calls(T2A)]
        assert voice.voice_id in sent
        assert h.model.status_of(lin_rows[0]) == "done"
        # the voice is no longer at risk: its first real use was recorded by the library
        assert panel.catalog.library.get(voice.voice_id, "minimax").days_left() is None
    finally:
        await h.close()
