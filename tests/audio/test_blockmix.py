"""The block mixer and the music bed: clips decoded once and let go, constant-power pans, a bed that loops
seamlessly and reads the same from any window, and ducking that is fully down while someone speaks."""

from __future__ import annotations

import numpy as np
import pytest

from studio.audio.bed import BedTrack, StreamReader, duck_envelope
from studio.audio.blockmix import BlockMixer, Clip, pan_gains
from studio.audio.decode import encode_wav

RATE = 8000


def test_clips_are_decoded_once_when_first_needed_and_dropped_after() -> None:
    loads: list[int] = []
    alive: list[int] = []

    def clip(i: int, start: int, n: int) -> Clip:
        def load() -> np.ndarray:
            loads.append(i)
            return np.full(n, 0.1 * (i + 1), np.float32)
        return Clip(start, n, load, bus=i % 2)

    clips = [clip(i, i * 3000, 2500) for i in range(6)]
    mixer = BlockMixer(clips, 20000, 1, block_frames=1000)
    for block in mixer.blocks(buses=True):
        alive.append(sum(1 for c in clips if c.start < block.start + 1000 and c.start + 2500 > block.start))
        assert block.buses is not None
        np.testing.assert_allclose(sum(block.buses.values()), block.mix, atol=1e-7)
    assert loads == list(range(6)) and max(alive) <= 2
    loads.clear()
    window = mixer.render(9500, 10500)  # only clip 3 (9000..11500) sounds here
    assert loads == [3] and np.allclose(window, 0.4)


def test_pans_keep_the_power_of_a_mono_clip() -> None:
    for p in (-1.0, -0.3, 0.0, 0.6, 1.0):
        left, right = pan_gains(p)
        assert left**2 + right**2 == pytest.approx(1.0)
    assert pan_gains(-1.0) == pytest.approx((1.0, 0.0)) and pan_gains(1.0) == pytest.approx((0.0, 1.0), abs=1e-12)
    clip = Clip(0, 100, lambda: np.ones(100, np.float32), pan=0.5)
    out = BlockMixer([clip], 100, 2).render(0, 100)
    assert out[0, 1] > out[0, 0] > 0


def _bed_bytes(seconds: float, rate: int = 11025) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return encode_wav(np.stack([0.3 * np.sin(2 * np.pi * 440 * t), 0.3 * np.sin(2 * np.pi * 660 * t)], axis=1)
                      .astype(np.float32), rate)


def test_a_looping_bed_reads_the_same_streamed_or_from_any_window() -> None:
    data = _bed_bytes(0.7)
    total = 3 * RATE
    track = BedTrack(StreamReader(data, "wav", RATE, loop=True), total_frames=total, volume_db=-6.0,
                     fade_in=400, fade_out=800)
    streamed = BlockMixer([], total, 2, tracks=[track], block_frames=777).render(0, total)
    assert np.abs(streamed[RATE // 2:]).max() > 0.1  # still playing after the file's end: looped
    window = BlockMixer([], total, 2, tracks=[BedTrack(StreamReader(data, "wav", RATE, loop=True),
                                                        total_frames=total, volume_db=-6.0, fade_in=400,
                                                        fade_out=800)]).render(15000, 17000)
    # A seek lands on the same place of the music: after the resampler's first few frames the two agree
    # to well under a frame of timing.
    a, b = window[100:, 0], streamed[15100:17000, 0]
    lags = range(-3, 4)
    best = max(lags, key=lambda k: float(np.dot(a[10:-10], np.roll(b, k)[10:-10])))
    assert best == 0
    assert np.sqrt(np.mean((a - b) ** 2)) < 0.05 * np.sqrt(np.mean(b**2))
    assert abs(streamed[-1]).max() < 1e-3 and abs(streamed[0]).max() < 1e-3  # faded in and out
    once = BedTrack(StreamReader(data, "wav", RATE, loop=False), total_frames=total)
    played = BlockMixer([], total, 2, tracks=[once]).render(0, total)
    assert not played[int(0.75 * RATE):].any()  # without a loop it ends with the file


def test_ducking_is_fully_down_over_speech_and_ramps_around_it() -> None:
    env = duck_envelope(0, 10000, [(3000, 5000)], attack=1000, release=2000)
    assert env[:2000].max() == 0 and env[3000:5001].min() == pytest.approx(1.0)
    assert env[2500] == pytest.approx(0.5) and env[6000] == pytest.approx(0.5) and env[7000:].max() == 0
    np.testing.assert_array_equal(duck_envelope(2000, 4000, [(3000, 5000)], 1000, 2000), env[2000:6000])
    track = BedTrack(StreamReader(_bed_bytes(2.0), "wav", RATE, loop=True), total_frames=RATE * 2,
                     spans=[(4000, 8000)], duck_db=12.0, attack=400, release=400)
    g = track.gain(0, RATE * 2)
    assert 20 * np.log10(g[6000] / g[1000]) == pytest.approx(-12.0, abs=1e-4)
