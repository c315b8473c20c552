"""Mixing a window of an episode: windows tile the whole mix sample for sample, a window decodes only the
takes that sound in it, and the block mix equals the one-buffer mixdown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from studio.audio.decode import decode_to_mono, encode_wav
from studio.audio.mix import length_for, mixdown
from studio.domain.model import DONE, Delivery
from studio.render.mixdown import build_timeline, mix_range, mix_timeline
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore

TAKE_RATE = 24000
RATE = 48000


def tone(seconds: float, freq: float, level: float = 0.2) -> np.ndarray:
    t = np.arange(int(seconds * TAKE_RATE)) / TAKE_RATE
    return (level * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def rendered_project(path: Path, seconds: list[float], gaps: list[int | None] | None = None
                     ) -> tuple[ProjectStore, int, list[LinePlan]]:
    """A project whose episode has one rendered take per entry of ``seconds`` (tones), and its plans."""
    store = ProjectStore.create(path, "Mix")
    a = store.add_role("A")
    b = store.add_role("B")
    gaps = gaps or [None] * len(seconds)
    ep = store.add_episode("E1", "zh", [((a.id if i % 2 == 0 else b.id), f"第{i}句。", Delivery(), gaps[i])
                                        for i in range(len(seconds))])
    plans = []
    for i, (line, secs) in enumerate(zip(store.lines(ep.id), seconds, strict=True)):
        audio = encode_wav(tone(secs, 200 + 37 * i), TAKE_RATE)
        take = store.add_take(line_id=line.id, render_key=f"k{line.id}", audio=audio, format="wav",
                              sample_rate=TAKE_RATE, duration_ms=round(secs * 1000), engine="espeak",
                              model="m", voice_id="v")
        plans.append(LinePlan(line, None, DONE, take))
    return store, ep.id, plans


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[ProjectStore, int, list[LinePlan]]]:
    store, ep, plans = rendered_project(tmp_path / "p.troupe", [1.3, 0.7, 2.1, 0.4, 1.8, 1.1],
                                        [None, 250, -300, 400, None, 1200])
    yield store, ep, plans
    store.close()


def test_block_mix_equals_the_one_buffer_mixdown(project) -> None:
    store, _ep, plans = project
    timeline = build_timeline(store, plans)
    clips = []
    for p in timeline.placements:
        take = store.take(timeline.take_ids[p.line_id])
        clips.append((p, decode_to_mono(store.take_audio(take.id), "wav", RATE)))
    expected = mixdown(clips, RATE, timeline.duration_ms)
    got = mix_timeline(store, timeline, RATE)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, atol=1e-6)


def test_windows_tile_the_whole_mix(project) -> None:
    store, _ep, plans = project
    timeline = build_timeline(store, plans)
    whole = mix_range(store, timeline, RATE, 0, timeline.duration_ms)
    assert whole.shape == (length_for(timeline.duration_ms, RATE), 1)
    cuts = [0, 333, 1000, 1001, 2750, 4100, timeline.duration_ms]
    parts = [mix_range(store, timeline, RATE, a, b) for a, b in zip(cuts, cuts[1:], strict=False)]
    np.testing.assert_array_equal(np.concatenate(parts), whole)
    tail = mix_range(store, timeline, RATE, timeline.duration_ms - 100, timeline.duration_ms + 400)
    assert len(tail) == length_for(timeline.duration_ms + 400, RATE) - length_for(timeline.duration_ms - 100, RATE)
    assert not tail[-length_for(300, RATE):].any()  # silence past the end
    stereo = mix_range(store, timeline, RATE, 500, 1500, channels=2)
    assert stereo.shape == (RATE, 2)
    np.testing.assert_allclose(stereo[:, 0], stereo[:, 1])
    np.testing.assert_allclose(stereo[:, 0] * np.sqrt(2), whole[length_for(500, RATE):length_for(1500, RATE), 0],
                               atol=1e-6)  # centred at constant power


def test_a_window_decodes_only_the_takes_that_sound_in_it(project, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ep, plans = project
    timeline = build_timeline(store, plans)
    read: list[int] = []
    real = store.take_audio

    def counting(take_id: int) -> bytes:
        read.append(take_id)
        return real(take_id)

    monkeypatch.setattr(store, "take_audio", counting)
    third = timeline.placements[2]
    mix_range(store, timeline, RATE, third.start_ms + 100, third.start_ms + 200)
    # The third line overlaps the second (gap -300), which ends inside the window? Only what sounds is read.
    sounding = {timeline.take_ids[p.line_id] for p in timeline.placements
                if p.start_ms < third.start_ms + 200 and p.end_ms > third.start_ms + 100}
    assert set(read) == sounding and len(read) == len(sounding) >= 1
    read.clear()
    mix_range(store, timeline, RATE, 0, timeline.duration_ms)
    assert sorted(read) == sorted(timeline.take_ids.values())  # each take once


def test_a_window_must_not_end_before_it_starts(project) -> None:
    store, _ep, plans = project
    with pytest.raises(ValueError):
        mix_range(store, build_timeline(store, plans), RATE, 500, 100)
