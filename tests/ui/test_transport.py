"""Playback as the window steers it, on a stand-in sound device whose clock the test drives (it pulls frames
the way PortAudio's thread would): the playhead follows the sound, pause and resume go on from the same
sample, a loop repeats its stretch, seeking while playing scrubs, and the line being heard is highlighted."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from studio.render.mixdown import build_timeline, mix_timeline
from studio.ui.playback import Player
from studio.ui.transport import PAUSED, PLAYING, STOPPED

from .conftest import Harness, make_project, wait_for
from .test_playback import _FakeSD, _FakeStream

LINES = [("旁白", "夜深了，雨还在下。"), ("林晚", "你终于来了。"), ("陆沉", "我答应过你的。"), ("林晚", "那就进来吧。")]


@pytest.fixture
def fake_sd(monkeypatch: pytest.MonkeyPatch) -> _FakeSD:
    sd = _FakeSD([{"name": "default", "max_output_channels": 2, "default_samplerate": 48000.0}])
    monkeypatch.setitem(sys.modules, "sounddevice", sd)
    _FakeStream.instances.clear()
    return sd


async def _rendered(tmp_path: Path) -> tuple[Harness, np.ndarray]:
    h = Harness(make_project(tmp_path / "t.troupe", LINES), Player())
    h.window.show()
    await asyncio.wait_for(h.window.render_stale(), 30)
    h.window.timeline.refresh()
    timeline = build_timeline(h.store, h.session.episode.plans(), placeholders=True)
    mix = mix_timeline(h.store, timeline, h.store.settings.sample_rate)
    return h, mix


async def _pull(player: Player, frames: int) -> np.ndarray:
    """Play ``frames`` of real sound (waiting for the mix to be fed), as the device would."""
    out = []
    while frames > 0:
        await wait_for(lambda: player.queued_ms() > 0 or not _FakeStream.instances[-1].started, 10)
        stream = _FakeStream.instances[-1]
        before = player._voice.frame  # noqa: SLF001 - frames really played so far
        block = stream.pull(min(frames, 480))
        got = player._voice.frame - before if player._voice is not None else len(block)  # noqa: SLF001
        out.append(block[:got, 0])
        frames -= got
        await asyncio.sleep(0)
    return np.concatenate(out) if out else np.zeros(0, np.float32)


async def test_the_playhead_follows_the_sound_and_the_heard_line_is_highlighted(tmp_path: Path, fake_sd: _FakeSD,
                                                                              qtbot: Any) -> None:
    h, mix = await _rendered(tmp_path)
    try:
        rate = h.store.settings.sample_rate
        second = h.model.line_at(1).id
        start = h.window.timeline.placements[second].start_ms
        h.view.select_lines([second])
        h.window.act_play_line.trigger()
        await wait_for(lambda: h.window.playback.state == PLAYING, 10)
        heard = await _pull(h.window.player if hasattr(h.window, "player") else h.window.playback.player, rate // 2)
        first = round(start * rate / 1000)
        assert np.allclose(heard, mix[first:first + len(heard)], atol=1e-5)  # the mix, from the line's start
        await wait_for(lambda: abs(h.window.timeline_view.playhead() - (start + 500)) <= 40, 5)
        assert h.model.heard == second
        assert h.window.act_play.text().replace("&", "") == "Pause"
    finally:
        await h.close()


async def test_pause_and_resume_go_on_from_the_same_sample(tmp_path: Path, fake_sd: _FakeSD, qtbot: Any) -> None:
    h, mix = await _rendered(tmp_path)
    try:
        player, playback = h.window.playback.player, h.window.playback
        rate = h.store.settings.sample_rate
        playback.play_at(0)
        await wait_for(lambda: playback.state == PLAYING, 10)
        first = await _pull(player, rate // 3)
        await asyncio.sleep(0.1)  # the poll reports where the sound is
        playback.pause()
        assert playback.state == PAUSED
        paused_at = playback.position_ms
        assert abs(paused_at - 333) <= 1
        h.window.act_play.trigger()  # Space: go on
        await wait_for(lambda: playback.state == PLAYING, 10)
        after = await _pull(player, rate // 4)
        frame = round(paused_at * rate / 1000)
        assert np.allclose(first, mix[:len(first)], atol=1e-5)
        assert np.allclose(after, mix[frame:frame + len(after)], atol=1e-5)
        playback.stop()
        assert playback.state == STOPPED
    finally:
        await h.close()


async def test_a_loop_repeats_the_selected_lines(tmp_path: Path, fake_sd: _FakeSD, qtbot: Any) -> None:
    h, mix = await _rendered(tmp_path)
    try:
        player, playback = h.window.playback.player, h.window.playback
        rate = h.store.settings.sample_rate
        line = h.model.line_at(1).id
        h.view.select_lines([line])
        h.window.act_loop.setChecked(True)
        spot = h.window.timeline.placements[line]
        assert playback.loop == (spot.start_ms, spot.end_ms)
        playback.play_at(spot.start_ms)
        await wait_for(lambda: playback.state == PLAYING, 10)
        length = round((spot.end_ms - spot.start_ms) * rate / 1000)
        heard = await _pull(player, length + rate // 5)
        a = round(spot.start_ms * rate / 1000)
        assert np.allclose(heard[:length], mix[a:a + length], atol=1e-4)
        again = heard[length:]
        assert np.allclose(again, mix[a:a + len(again)], atol=1e-4)  # back to the loop's start
    finally:
        await h.close()


async def test_without_a_sound_device_the_playhead_still_moves_and_shows_the_line(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch,
                                                                                qtbot: Any) -> None:
    sd = _FakeSD([])  # no output device
    monkeypatch.setitem(sys.modules, "sounddevice", sd)
    h = Harness(make_project(tmp_path / "t.troupe", LINES), Player())
    h.window.show()
    try:
        await asyncio.wait_for(h.window.render_stale(), 30)
        h.window.timeline.refresh()
        assert not h.window.act_play.isEnabled() and "No audio output" in h.window.act_play.toolTip()
        third = h.model.line_at(2).id
        spot = h.window.timeline.placements[third]
        h.window.timeline_view.seek_requested.emit(spot.start_ms + 50)
        assert h.window.timeline_view.playhead() == spot.start_ms + 50
        assert h.view.selected_line_ids() == [third] and h.model.heard == third
    finally:
        await h.close()
