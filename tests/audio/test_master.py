"""Streamed loudness: the block meter agrees with the whole-signal meter and pyloudnorm, the block limiter
gives the same samples however the blocks are cut, and the passes land on the target under the ceiling."""

from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest

from studio.audio import loudness as whole
from studio.audio.master import Mastering, StreamLimiter, StreamMeter

RATE = 48000


def speechish(seconds: float, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    f0 = 150 * (1 + 0.2 * np.sin(2 * np.pi * 0.7 * t))
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    voiced = sum(np.sin(k * phase) / k for k in range(1, 7))
    syll = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) ** 1.5
    bursts = (rng.random(len(t)) < 2e-5).astype(np.float32) * 0.9  # sharp peaks for the limiter
    return (0.1 * voiced * syll + np.convolve(bursts, np.ones(30), "same")).astype(np.float32)


def feed_in_pieces(sizes_seed: int, x: np.ndarray, consumer) -> list[np.ndarray]:
    rng = np.random.default_rng(sizes_seed)
    out, pos = [], 0
    while pos < len(x):
        n = int(rng.integers(1, 150_000))
        out.append(consumer(x[pos:pos + n]))
        pos += n
    return out


def test_the_block_meter_equals_the_whole_signal_meter_however_fed() -> None:
    x = speechish(40.0)
    meter = StreamMeter(RATE, 1)
    feed_in_pieces(4, x, meter.feed)
    lufs, peak = meter.result()
    ref_lufs, ref_peak = whole.measure(x, RATE)
    assert lufs == pytest.approx(ref_lufs, abs=1e-9) and peak == pytest.approx(ref_peak, abs=1e-9)
    assert lufs == pytest.approx(pyloudnorm.Meter(RATE).integrated_loudness(x.astype(np.float64)), abs=0.01)


def test_the_stereo_meter_sums_the_channels_as_bs1770_says() -> None:
    x = speechish(20.0)
    st = np.stack([x, 0.5 * np.roll(x, 3000)], axis=1)
    meter = StreamMeter(RATE, 2)
    feed_in_pieces(5, st, meter.feed)
    lufs, peak = meter.result()
    assert lufs == pytest.approx(pyloudnorm.Meter(RATE).integrated_loudness(st.astype(np.float64)), abs=0.01)
    assert peak == pytest.approx(whole.measure(x, RATE)[1], abs=1e-6)  # the louder channel's
    silent = StreamMeter(RATE, 2)
    silent.feed(np.zeros((RATE, 2), np.float32))
    assert silent.result()[0] == -np.inf


def test_the_block_limiter_gives_the_whole_signal_limiter_s_samples() -> None:
    x = speechish(30.0)
    gain, threshold = 10 ** (12 / 20), 10 ** (-1.15 / 20)
    ref = np.empty_like(x)
    whole._drain(whole._limit(x, ref, RATE, gain, threshold, whole._Meter(RATE)))
    for seed in (1, 2):
        lim = StreamLimiter(RATE, 1, gain, threshold)
        parts = feed_in_pieces(seed, x, lim.push)
        parts.append(lim.finish())
        y = np.concatenate(parts)[:, 0]
        assert len(y) == len(x)
        np.testing.assert_array_equal(y, ref)
        assert lim.engaged


def test_a_stereo_limiter_moves_both_channels_together() -> None:
    x = speechish(10.0)
    st = np.stack([x, 0.3 * x], axis=1)
    lim = StreamLimiter(RATE, 2, 10 ** (15 / 20), 10 ** (-1.15 / 20))
    y = np.concatenate([lim.push(st), lim.finish()])
    np.testing.assert_allclose(y[:, 1], 0.3 * y[:, 0], atol=1e-6)
    assert whole.measure(y[:, 0], RATE)[1] <= -1.0


@pytest.mark.parametrize(("target", "ceiling", "channels"), [(-16, -1, 1), (-14, -1, 2), (-23, -1, 1), (-24, -2, 2)])
def test_the_passes_land_on_the_target_under_the_ceiling(target: float, ceiling: float, channels: int) -> None:
    x = speechish(70.0, seed=channels)
    sig = x[:, None] if channels == 1 else np.stack([x, 0.8 * np.roll(x, 500)], axis=1)
    m = Mastering(RATE, channels, target, ceiling, len(sig))
    for s in range(0, len(sig), 96000):
        m.analyse(sig[s:s + 96000])
    m.plan()
    while True:
        out = [m.process(sig[s:s + 96000]) for s in range(0, len(sig), 96000)]
        out.append(m.flush())
        if m.finish_pass():
            break
    y = np.concatenate(out)
    assert y.shape == sig.shape
    check = StreamMeter(RATE, channels)
    check.feed(y)
    lufs, peak = check.result()
    assert abs(lufs - target) <= 0.3 and peak <= ceiling
    assert m.report is not None and m.report.output_lufs == pytest.approx(lufs, abs=1e-6)
    assert m.passes <= 2


@pytest.mark.parametrize(("target", "ceiling"), [(-14, -1), (-24, -2)])
def test_a_mix_that_can_be_mixed_again_is_predicted_from_its_loud_chunks(target: float, ceiling: float) -> None:
    x = np.concatenate([speechish(50.0, seed=s) * (0.3 + 0.35 * s) for s in range(3)])[:, None]

    def render(a: int, b: int) -> np.ndarray:
        out = np.zeros((b - a, 1), np.float32)
        lo, hi = max(a, 0), min(b, len(x))
        out[lo - a: hi - a] = x[lo:hi]
        return out

    m = Mastering(RATE, 1, target, ceiling, len(x), input_true_peak=False)
    for s in range(0, len(x), 96000):
        m.analyse(x[s:s + 96000])
    plan = m.plan(render)
    assert plan.threshold_db is not None  # the bursts need the limiter even at -24
    assert abs(plan.gain_db - (target - m.in_lufs)) > 0.2  # the gain allows for what the limiter takes
    while True:
        out = [m.process(x[s:s + 96000]) for s in range(0, len(x), 96000)]
        out.append(m.flush())
        if m.finish_pass():
            break
    assert m.passes <= 2
    check = StreamMeter(RATE, 1)
    check.feed(np.concatenate(out))
    lufs, peak = check.result()
    assert abs(lufs - target) <= 0.3 and peak <= ceiling
    assert m.in_tp >= 20 * np.log10(np.abs(x).max())  # at least the sample peak
