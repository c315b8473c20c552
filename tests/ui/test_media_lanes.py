"""The music and effects lanes in the window: a bed set through the Music bed dialog shows in the music lane
(its dips under speech drawn) and undo takes it off; a file dropped on the effects lane becomes an effect
there, dragged along time and removed with Delete, each one undo step; an effect attached to a line follows
the line when its gap changes; playback through the transport mixes the bed (measured on the samples the
device pulls); a role's pan and the stereo choice; and an export from the window after a bed with 12 dB of
ducking is stereo, with its music 12 dB lower under speech than between lines (measured on the file)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from studio.audio.mix import length_for
from studio.render.mixdown import EpisodeMedia, build_timeline, mix_timeline
from studio.ui.playback import Player
from studio.ui.timeline import EFFECTS, MUSIC
from studio.ui.transport import PLAYING

from .conftest import Harness, make_project, wait_for
from .test_playback import _FakeSD, _FakeStream

LINES = [("旁白", "夜深了，雨还在下。"), ("林晚", "你终于来了。"), ("陆沉", "我答应过你的。"), ("林晚", "那就进来吧。")]
MUSIC_HZ = 15000  # above anything eSpeak's 22 kHz takes hold, so the mix's band there is the music alone


def _tone(path: Path, seconds: float, freq: float, level: float = 0.3, rate: int = 48000) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    sf.write(path, (level * np.sin(2 * np.pi * freq * t)).astype(np.float32), rate)
    return path


async def _ready(tmp_path: Path, player: Any = None, gap_ms: int | None = None) -> Harness:
    h = Harness(make_project(tmp_path / "t.troupe", LINES), player)
    h.window.resize(1280, 900)
    h.window.show()
    h.window.resizeDocks([h.window.timeline_dock], [330], Qt.Orientation.Vertical)
    if gap_ms is not None:
        h.window.edits.set_all_gaps(gap_ms)
    await asyncio.wait_for(h.window.render_stale(), 30)
    h.window.timeline.refresh()
    await asyncio.sleep(0.05)
    return h


def _ep(h: Harness) -> int:
    episode = h.session.episode.episode_id
    assert episode is not None
    return episode


async def _set_bed_in_dialog(h: Harness, path: Path, *, volume: float = -10.0, duck: float = 12.0,
                             attack: int = 250, release: int = 600) -> Any:
    dialog = h.window.media.ask_music_bed()
    assert dialog is not None and dialog.isVisible()
    assert await dialog.load_file(str(path))
    dialog.volume.setValue(volume)
    dialog.duck.setValue(duck)
    dialog.attack.setValue(attack)
    dialog.release.setValue(release)
    dialog.fade_in.setValue(0)
    dialog.fade_out.setValue(0)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    await asyncio.sleep(0)
    return dialog


def _lane_pixels(h: Harness, kind: str) -> np.ndarray:
    view = h.window.timeline_view
    rect = view.media_lane_rect(kind)
    image = view.grab(rect).toImage()
    ptr = image.constBits()
    arr = np.frombuffer(ptr, np.uint8, image.sizeInBytes()).reshape(image.height(), image.bytesPerLine())
    return arr[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[..., :3].astype(int)


async def test_a_bed_set_in_the_dialog_shows_in_the_music_lane_and_undo_takes_it_off(tmp_path: Path,
                                                                                     qtbot: Any) -> None:
    h = await _ready(tmp_path, gap_ms=1500)
    try:
        view, stack = h.window.timeline_view, h.window.undo_stack
        assert view.media_lanes_shown() and view.music() is None
        empty = _lane_pixels(h, MUSIC)
        steps = stack.count()
        await _set_bed_in_dialog(h, _tone(tmp_path / "theme.wav", 3.0, 440))
        bed = h.store.music_bed(_ep(h))
        assert bed is not None and (bed.name, bed.volume_db, bed.ducking.amount_db, bed.loop) == ("theme.wav", -10,
                                                                                                 12, True)
        assert stack.count() == steps + 1  # one undo step
        music = view.music()
        assert music is not None and music.name == "theme.wav"
        assert not view.music_rect().isEmpty()
        # the lane draws the bed at its level: down by the ducking under a line, at its volume between lines
        placements = sorted(h.window.timeline.placements.values(), key=lambda p: p.start_ms)
        first, second = placements[0], placements[1]
        assert 20 * np.log10(music.gain_at((first.start_ms + first.end_ms) / 2)) == pytest.approx(-12, abs=0.1)
        assert music.gain_at((first.end_ms + second.start_ms) / 2) == pytest.approx(1.0)  # between them
        assert music.end_ms >= placements[-1].end_ms  # looped to the episode's end
        drawn = _lane_pixels(h, MUSIC)
        assert np.abs(drawn - empty).sum(axis=2).astype(bool).mean() > 0.2  # a bed is painted over the lane
        stack.undo()
        assert h.store.music_bed(_ep(h)) is None and view.music() is None
        stack.redo()
        assert h.store.music_bed(_ep(h)).name == "theme.wav" and view.music() is not None
    finally:
        await h.close()


async def test_the_music_dialog_changes_settings_or_removes_the_bed_as_one_step_each(tmp_path: Path,
                                                                                      qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        stack = h.window.undo_stack
        await _set_bed_in_dialog(h, _tone(tmp_path / "theme.wav", 3.0, 440))
        dialog = h.window.media.ask_music_bed()
        assert dialog.file_label.text().startswith("theme.wav")
        assert dialog.volume.value() == -10 and dialog.remove.isEnabled()
        dialog.volume.setValue(70)  # clamped by the field to its range
        assert dialog.volume.value() == 12
        dialog.fade_out.setValue(3000)
        dialog.loop.setChecked(False)
        steps = stack.count()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        bed = h.store.music_bed(_ep(h))
        assert (bed.volume_db, bed.fade_out_ms, bed.loop) == (12, 3000, False) and stack.count() == steps + 1
        assert h.window.timeline_view.music().end_ms == 3000  # played once: it stops with its file
        bad = tmp_path / "notes.wav"
        bad.write_text("not sound", encoding="utf-8")
        dialog = h.window.media.ask_music_bed()
        assert not await dialog.load_file(str(bad))
        assert "is not an audio file" in dialog.error.text() and dialog.error.isVisible()
        dialog.remove.click()
        assert h.store.music_bed(_ep(h)) is None and stack.count() == steps + 2
        assert not dialog.isVisible()
        stack.undo()
        assert h.store.music_bed(_ep(h)).fade_out_ms == 3000
    finally:
        await h.close()


async def test_the_file_chooser_starts_in_the_folder_music_came_from_last(tmp_path: Path, qtbot: Any,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    h = await _ready(tmp_path)
    try:
        music_dir = tmp_path / "music"
        music_dir.mkdir()
        bed = _tone(music_dir / "theme.wav", 2.0, 440)
        asked: list[str] = []

        def choose(parent: Any, title: str, folder: str, filters: str) -> tuple[str, str]:
            asked.append(folder)
            return str(bed), ""

        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
        dialog = h.window.media.ask_music_bed()
        dialog.choose.click()
        await wait_for(lambda: dialog.file is not None, 10)
        assert asked == [str(tmp_path)]  # first time: the project's folder
        assert h.services.settings.get("last_media_dir") == str(music_dir)
        dialog.reject()
        h.window.media.ask_add_effect()
        await wait_for(lambda: h.window.media.effect_dialog is not None, 10)
        assert asked[-1] == str(music_dir)  # remembered, for effects too
        h.window.media.effect_dialog.reject()
    finally:
        await h.close()


def _drop(view: Any, path: Path, pos: QPoint) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPointF(pos)
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(view, QDragEnterEvent(pos, actions, mime, buttons, mods))
    move = QDragMoveEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(view, move)
    assert move.isAccepted()
    QApplication.sendEvent(view, QDropEvent(point, actions, mime, buttons, mods))


def _drag(view: Any, start: QPoint, dx: int) -> None:
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(view, start + QPoint(dx * step // 5, 0))
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(dx, 0))


async def test_a_dropped_effect_lands_there_is_dragged_and_deleted_each_one_undo_step(tmp_path: Path,
                                                                                       qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        view, stack, ep = h.window.timeline_view, h.window.undo_stack, _ep(h)
        door = _tone(tmp_path / "door.wav", 0.4, 1200)
        lane = view.media_lane_rect(EFFECTS)
        x = round(view.x_at(2500))
        steps = stack.count()
        _drop(view, door, QPoint(x, lane.center().y()))
        await wait_for(lambda: bool(h.store.effect_clips(ep)), 10)
        (clip,) = h.store.effect_clips(ep)
        assert clip.line_id is None and abs(clip.at_ms - view.ms_at(x)) <= 1 and stack.count() == steps + 1
        rect = view.effect_rect(clip.id)
        assert not rect.isEmpty() and lane.contains(rect.center())
        assert view.selected_effect() == clip.id
        _drag(view, rect.center(), 40)  # 40 px at 0.05 px/ms: about 800 ms later (snapping may nudge it)
        moved = h.store.effect_clip(clip.id)
        assert 600 <= moved.at_ms - clip.at_ms <= 1000 and stack.count() == steps + 2
        assert view.effect_rect(clip.id).left() > rect.left() + 20
        stack.undo()
        assert h.store.effect_clip(clip.id).at_ms == clip.at_ms
        stack.redo()
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         view.effect_rect(clip.id).center())
        rows_before = h.model.rowCount()
        QTest.keyClick(view, Qt.Key.Key_Delete)
        assert h.store.effect_clips(ep) == [] and h.model.rowCount() == rows_before  # the effect, not a line
        assert view.effect_rect(clip.id).isEmpty()
        stack.undo()
        assert [c.id for c in h.store.effect_clips(ep)] == [clip.id]
        # on the music lane a dropped file becomes the bed
        _drop(view, _tone(tmp_path / "theme.wav", 2.0, 300), view.media_lane_rect(MUSIC).center())
        await wait_for(lambda: h.store.music_bed(ep) is not None, 10)
        assert h.store.music_bed(ep).name == "theme.wav" and view.music() is not None
    finally:
        await h.close()


async def test_an_attached_effect_follows_its_line_and_a_double_click_edits_it(tmp_path: Path, qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        from studio.actions import media

        view, ep = h.window.timeline_view, _ep(h)
        third, second = h.model.line_at(2), h.model.line_at(1)
        sound = media.read_media(_tone(tmp_path / "door.wav", 0.4, 1200), media.EFFECT)
        clip = h.window.media.add_effect(ep, sound, line_id=third.id, offset_ms=100)
        assert clip is not None
        start = h.window.timeline.placements[third.id].start_ms
        assert abs(view.effect_rect(clip.id).left() - round(view.x_at(start + 100))) <= 1
        # dragging the line before it changes that line's gap: the third line and its effect move
        clip_rect = view.clip_rect(second.id)
        _drag(view, clip_rect.center(), 30)
        h.window.timeline.refresh()
        await asyncio.sleep(0)
        moved = h.window.timeline.placements[third.id].start_ms
        assert moved - start >= 500
        assert abs(view.effect_rect(clip.id).left() - round(view.x_at(moved + 100))) <= 1
        assert h.store.effect_clip(clip.id).offset_ms == 100  # the effect itself did not change
        # while the line is being dragged, its effect goes with it
        line_rect = view.clip_rect(third.id)
        QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, line_rect.center())
        before = view.effect_rect(clip.id).left()
        for step in range(1, 6):
            QTest.mouseMove(view, line_rect.center() + QPoint(8 * step, 0))
        assert view.effect_rect(clip.id).left() - before >= 30
        QTest.keyClick(view, Qt.Key.Key_Escape)
        QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, line_rect.center())
        assert view.effect_rect(clip.id).left() == before
        # a double-click opens it; moving it to a time detaches it (one undo step)
        QTest.mouseDClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          view.effect_rect(clip.id).center())
        dialog = h.window.media.effect_dialog
        assert dialog is not None and dialog.isVisible() and dialog.with_line.isChecked()
        assert dialog.line.currentData() == third.id and dialog.offset.value() == 100
        dialog.at_time.setChecked(True)
        dialog.at.setValue(1234)
        dialog.volume.setValue(-6)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        changed = h.store.effect_clip(clip.id)
        assert (changed.line_id, changed.at_ms, changed.volume_db) == (None, 1234, -6)
        h.window.undo_stack.undo()
        assert h.store.effect_clip(clip.id).line_id == third.id
    finally:
        await h.close()


async def test_add_sound_effect_goes_with_the_selected_line_when_the_playhead_is_in_it(tmp_path: Path, qtbot: Any,
                                                                                        monkeypatch) -> None:
    h = await _ready(tmp_path)
    try:
        door = _tone(tmp_path / "door.wav", 0.4, 1200)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(door), "")))
        second = h.model.line_at(1).id
        spot = h.window.timeline.placements[second]
        h.view.select_lines([second])
        h.window.timeline_view.set_playhead(spot.start_ms + 200)
        h.window.findChild(type(h.window.act_play), "actionAddEffect").trigger()
        await wait_for(lambda: h.window.media.effect_dialog is not None, 10)
        dialog = h.window.media.effect_dialog
        assert dialog.with_line.isChecked() and dialog.line.currentData() == second
        assert dialog.offset.value() == 200
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        (clip,) = h.store.effect_clips(_ep(h))
        assert (clip.line_id, clip.offset_ms) == (second, 200)
        # with the playhead between lines it goes at the playhead
        h.window.timeline_view.set_playhead(spot.end_ms + 100)
        place = h.window.media.default_place()
        assert place["line_id"] is None and place["at_ms"] == spot.end_ms + 100
    finally:
        await h.close()


async def test_a_roles_pan_and_the_stereo_choice_are_undo_steps(tmp_path: Path, qtbot: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    h = await _ready(tmp_path)
    try:
        from PySide6.QtWidgets import QInputDialog

        role = h.store.role_by_name("林晚")
        h.window.cast_panel.select_role(role.id)
        monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (-40, True)))
        pan = h.window.cast_panel.findChild(type(h.window.act_play), "rolePan")
        assert pan in h.window.cast_panel.table.actions()  # in the cast table's context menu
        pan.trigger()
        assert all(h.store.episode_mix(e.id).pan_of(role.id) == pytest.approx(-0.4) for e in h.store.episodes())
        h.window.undo_stack.undo()
        assert h.store.episode_mix(_ep(h)).pan_of(role.id) == 0
        stereo = h.window.findChild(type(h.window.act_play), "actionStereo")
        stereo.trigger()
        assert h.store.episode_mix(_ep(h)).stereo and stereo.isChecked()
        h.window.undo_stack.undo()
        assert not h.store.episode_mix(_ep(h)).stereo and not stereo.isChecked()
    finally:
        await h.close()


@pytest.fixture
def fake_sd(monkeypatch: pytest.MonkeyPatch) -> _FakeSD:
    sd = _FakeSD([{"name": "default", "max_output_channels": 2, "default_samplerate": 48000.0}])
    monkeypatch.setitem(sys.modules, "sounddevice", sd)
    _FakeStream.instances.clear()
    return sd


async def _pull(player: Player, frames: int) -> np.ndarray:
    """Play ``frames`` frames × channels of real sound, as the device would."""
    out = []
    while frames > 0:
        await wait_for(lambda: player.queued_ms() > 0 or not _FakeStream.instances[-1].started, 10)
        stream = _FakeStream.instances[-1]
        before = player._voice.frame  # noqa: SLF001
        block = stream.pull(min(frames, 480))
        got = player._voice.frame - before if player._voice is not None else len(block)  # noqa: SLF001
        out.append(block[:got])
        frames -= got
        await asyncio.sleep(0)
    return np.concatenate(out)


def _band_db(x: np.ndarray, rate: int, freq: float) -> float:
    w = np.hanning(len(x))
    spectrum = np.abs(np.fft.rfft(x * w))
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    band = (freqs > freq - 40) & (freqs < freq + 40)
    return float(20 * np.log10(np.sqrt((spectrum[band] ** 2).sum()) + 1e-12))


async def test_playback_through_the_transport_mixes_the_bed_and_the_dialogs_preview(tmp_path: Path, fake_sd: _FakeSD,
                                                                                   qtbot: Any) -> None:
    h = await _ready(tmp_path, Player())
    try:
        await _set_bed_in_dialog(h, _tone(tmp_path / "theme.wav", 2.0, MUSIC_HZ), volume=-10, duck=12)
        playback, player = h.window.playback, h.window.playback.player
        rate = h.store.settings.sample_rate
        timeline = build_timeline(h.store, h.session.episode.plans(), placeholders=True)
        mix = mix_timeline(h.store, timeline, rate)
        speech = mix_timeline(h.store, timeline, rate, media=EpisodeMedia())
        assert mix.ndim == 2 and mix.shape[1] == 2  # the bed makes it stereo
        playback.play_at(0)
        await wait_for(lambda: playback.state == PLAYING, 10)
        heard = await _pull(player, rate)
        assert heard.shape[1] == 2
        np.testing.assert_allclose(heard, mix[:len(heard)], atol=1e-4)  # the device hears the mix with the bed
        left = heard[:, 0]
        # the music is there, at its ducked level under the first line (-10 dB, then 12 dB down)
        assert _band_db(left, rate, MUSIC_HZ) > _band_db(speech[:len(left)], rate, MUSIC_HZ) + 40
        tone = 0.3 * 10 ** ((-10 - 12) / 20) * np.sin(2 * np.pi * MUSIC_HZ * np.arange(len(left)) / rate)
        first = timeline.placements[0]
        if first.end_ms > 1000:  # the whole second is under the first line: both channels carry the bed's power
            power = sum(10 ** (_band_db(heard[:, c], rate, MUSIC_HZ) / 10) for c in (0, 1))
            assert 10 * np.log10(power) == pytest.approx(_band_db(tone, rate, MUSIC_HZ), abs=0.5)
        playback.stop()
        # the dialog's Preview plays its draft, not the stored bed
        dialog = h.window.media.ask_music_bed()
        dialog.volume.setValue(-30)
        dialog.preview.setChecked(True)
        await wait_for(lambda: playback.state == PLAYING, 10)
        assert playback.bed_preview is not None and playback.bed_preview[0].volume_db == -30
        quieter = await _pull(player, rate // 2)
        drop = _band_db(heard[:len(quieter), 0], rate, MUSIC_HZ) - _band_db(quieter[:, 0], rate, MUSIC_HZ)
        assert drop == pytest.approx(20, abs=1.0)
        dialog.reject()
        assert playback.bed_preview is None and playback.state != PLAYING
        assert h.store.music_bed(_ep(h)).volume_db == -10  # a preview changes nothing
    finally:
        await h.close()


async def test_an_export_after_a_bed_set_in_the_window_is_stereo_and_ducked_by_12_db(tmp_path: Path,
                                                                                     qtbot: Any) -> None:
    h = await _ready(tmp_path, gap_ms=1500)
    try:
        await _set_bed_in_dialog(h, _tone(tmp_path / "theme.wav", 5.0, MUSIC_HZ), volume=-10, duck=12)
        out = tmp_path / "ep.wav"
        result = await h.window.export(str(out))
        assert result is not None and out.exists()
        audio, rate = sf.read(out, dtype="float64")
        assert audio.ndim == 2 and audio.shape[1] == 2  # the bed made the export stereo
        # keep only the music's band (the speech has nothing there), then compare its level in two places
        spectrum = np.fft.rfft(audio.mean(axis=1))
        freqs = np.fft.rfftfreq(len(audio), 1 / rate)
        spectrum[(freqs < MUSIC_HZ - 200) | (freqs > MUSIC_HZ + 200)] = 0
        music = np.fft.irfft(spectrum, len(audio))
        spans = sorted((p.start_ms, p.end_ms) for p in h.window.timeline.placements.values())
        bed = h.store.music_bed(_ep(h))
        attack, release = bed.ducking.attack_ms, bed.ducking.release_ms
        frame = lambda ms: length_for(ms, rate)  # noqa: E731
        under = np.concatenate([music[frame(a + 50):frame(b - 50)] for a, b in spans])
        gaps = np.concatenate([music[frame(b + release + 50):frame(c - attack - 50)]
                               for (_a, b), (c, _d) in zip(spans, spans[1:], strict=False)])
        assert len(under) > rate and len(gaps) > rate

        def rms_db(x: np.ndarray) -> float:
            return float(20 * np.log10(np.sqrt(np.mean(x ** 2))))

        print(f"music under speech is {rms_db(gaps) - rms_db(under):.2f} dB lower than between lines")
        assert rms_db(gaps) - rms_db(under) == pytest.approx(12.0, abs=0.5)
    finally:
        await h.close()


FIVE_ROLES = [("旁白", "夜深了，雨还在下。"), ("林晚", "你终于来了。"), ("陆沉", "我答应过你的。"), ("小雨", "姐姐，信上写了什么呀？"),
              ("陈伯", "一个穿黑衣服的年轻人，放下就走了。")]


async def test_the_first_layout_shows_every_lane_with_the_music_and_effects_lanes(tmp_path: Path,
                                                                                 qtbot: Any) -> None:
    """With no layout of the user's saved, the window opens with the timeline tall enough for five roles'
    lanes, the effects lane and the music lane, none scrolled out of sight."""
    from studio.domain.model import Delivery, ProjectSettings
    from studio.store.project_file import ProjectStore

    path = tmp_path / "t.troupe"
    store = ProjectStore.create(path, "测试剧", ProjectSettings(engine="espeak"))
    voices = ["narrator", "female_lead", "male_lead", "girl", "old_man"]
    ids = [store.add_role(name, voices={"espeak": voice}).id for (name, _t), voice in zip(FIVE_ROLES, voices,
                                                                                          strict=True)]
    store.add_episode("第一集", "zh", [(rid, text, Delivery(), None) for rid, (_n, text) in zip(ids, FIVE_ROLES,
                                                                                               strict=True)])
    store.close()
    h = Harness(path)
    try:
        assert not h.services.settings.get("window_state")
        h.window.show()
        await asyncio.wait_for(h.window.render_stale(), 30)
        h.window.timeline.refresh()
        view, dock = h.window.timeline_view, h.window.timeline_dock
        await wait_for(lambda: len(view.clips()) == 5 and view.lanes_shortfall() == 0, 10)
        assert len(view._layout.lanes) == 5  # noqa: SLF001
        await asyncio.sleep(0.05)
        music = view.media_lane_rect(MUSIC)
        assert music.bottom() < view.height() - 10 and not music.isEmpty()  # above the scroll bar, in view
        assert dock.height() <= round(h.window.height() * 0.4)
        # a layout the user saved is theirs: the timeline is not grown again
        h.window.resizeDocks([dock], [150], Qt.Orientation.Vertical)
        await asyncio.sleep(0.05)
        shrunk = dock.height()
        h.window.timeline.refresh()
        await asyncio.sleep(0.05)
        assert dock.height() == shrunk and view.lanes_shortfall() > 0
    finally:
        await h.close()


async def test_the_lanes_refreshed_while_the_window_closes_start_no_work_and_raise_nothing(tmp_path: Path,
                                                                                          qtbot: Any) -> None:
    h = await _ready(tmp_path)
    try:
        from studio.actions import media

        sound = media.read_media(_tone(tmp_path / "door.wav", 0.4, 1200), media.EFFECT)
        assert h.window.media.add_effect(_ep(h), sound, at_ms=500) is not None
        await h.window.tasks.shutdown()  # the first step of closing the window
        lanes = h.window.media.lanes
        lanes._effect_peaks.clear()  # noqa: SLF001  (so a refresh would want to read them again)
        lanes.refresh()  # e.g. the dialogue clips changed one last time
        assert h.window.tasks.running() == [] and len(h.window.timeline_view.effects()) == 1
    finally:
        await h.close()
