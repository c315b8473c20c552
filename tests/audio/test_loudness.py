"""Loudness measurement and normalisation, checked against ffmpeg's ebur128 meter and pyloudnorm."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf
from numpy.lib.stride_tricks import sliding_window_view

from studio.audio import loudness
from studio.audio.ffmpeg import ffmpeg_exe
from studio.audio.loudness import LoudnessReport, NormalizeStream, measure, normalize

RATE = 48000


def speechlike(seconds: float, rate: int = RATE, seed: int = 1, level: float = 0.3) -> np.ndarray:
    """Voiced harmonics with a gliding pitch, syllable envelopes, pauses and a little breath noise."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    t = np.arange(n) / rate
    f0 = 150 + 40 * np.sin(2 * np.pi * 0.6 * t) + 10 * rng.standard_normal()
    phase = 2 * np.pi * np.cumsum(f0) / rate
    voiced = sum(np.sin(k * phase) / k**0.8 for k in range(1, 20))
    syllables = np.clip(np.sin(2 * np.pi * 3.7 * t + rng.uniform(0, 6)), 0, None) ** 1.5
    phrases = (np.sin(2 * np.pi * 0.25 * t) > -0.6).astype(float)
    x = level * voiced * syllables * phrases / 4 + 0.003 * rng.standard_normal(n)
    return x.astype(np.float32)


def ebur128(samples: np.ndarray, rate: int, tmp_path: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBFS) from ffmpeg's own meter."""
    path = tmp_path / "meter.wav"
    sf.write(path, samples, rate, subtype="FLOAT")
    log = subprocess.run(
        [ffmpeg_exe(), "-nostats", "-hide_banner", "-i", str(path), "-filter_complex", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    summary = log[log.rindex("Summary:") :]
    lufs = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return lufs, peak


def test_measure_matches_pyloudnorm_and_ffmpeg(tmp_path: Path) -> None:
    x = speechlike(12.0)
    lufs, peak = measure(x, RATE)
    assert lufs == pytest.approx(pyloudnorm.Meter(RATE).integrated_loudness(x.astype(np.float64)), abs=0.05)
    ref_lufs, ref_peak = ebur128(x, RATE, tmp_path)
    assert lufs == pytest.approx(ref_lufs, abs=0.3)
    assert peak == pytest.approx(ref_peak, abs=0.3)


def test_true_peak_sees_between_samples() -> None:
    # A quarter-rate sine sampled at ±45°: samples peak at 0.707, the wave itself at 1.0.
    n = np.arange(RATE)
    x = np.sin(2 * np.pi * (RATE / 4) * n / RATE + np.pi / 4).astype(np.float32)
    _, peak = measure(x, RATE)
    assert 20 * np.log10(np.abs(x).max()) == pytest.approx(-3.01, abs=0.05)
    assert peak > -0.5


def low_crest(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.02 * np.sin(2 * np.pi * 440 * t) * (1 + 0.3 * np.sin(2 * np.pi * 2 * t))).astype(np.float32)


@pytest.mark.parametrize(("level", "expect_limit"), [(0.0, False), (0.3, True), (1.5, True)])
def test_normalize_hits_target_under_ceiling(tmp_path: Path, level: float, expect_limit: bool) -> None:
    x = speechlike(20.0, level=level) if level else low_crest(20.0)
    if expect_limit:
        x[RATE * 7 : RATE * 7 + 60] += 0.8  # a click the gain alone would push over the ceiling
    y, report = normalize(x, RATE, target_lufs=-16.0, ceiling_dbtp=-1.0)
    assert isinstance(report, LoudnessReport)
    assert report.limited is expect_limit
    assert abs(report.output_lufs - -16.0) <= 0.5
    assert report.true_peak_dbtp <= -1.0
    lufs, peak = ebur128(y, RATE, tmp_path)
    assert abs(lufs - -16.0) <= 1.0
    assert peak <= -1.0 + 0.3
    assert len(y) == len(x) and y.dtype == np.float32
    assert y is not x and np.array_equal(x[:100], (speechlike(20.0, level=level) if level else low_crest(20.0))[:100])


def test_limiter_gain_is_smooth_and_looks_ahead() -> None:
    t = np.arange(6 * RATE) / RATE
    x = (0.05 * np.sin(2 * np.pi * 150 * t)).astype(np.float32)
    x[RATE * 3] = 0.9  # single-sample spike
    y, report = normalize(x, RATE, target_lufs=-18.0, ceiling_dbtp=-1.0)
    assert report.limited
    gain = 10 ** (report.gain_db / 20)
    applied = np.ones_like(x)
    nz = np.abs(x) > 1e-3
    applied[nz] = y[nz] / (x[nz] * gain)
    spike = RATE * 3
    assert applied[spike] < 0.5  # pulled down at the spike itself, not after it
    before = applied[spike - int(0.004 * RATE) : spike]
    assert before.max() - before.min() > 0.2  # the gain was already moving down before the spike
    far = applied[spike + int(0.4 * RATE) : spike + int(0.5 * RATE)]
    assert np.all(far[np.abs(x[spike + int(0.4 * RATE) : spike + int(0.5 * RATE)]) > 1e-3] > 0.97)  # released
    window = slice(spike - 600, spike + 600)
    steps = np.abs(np.diff(applied[window][nz[window]]))
    assert steps.max() < 0.05  # no jumps: a smooth envelope


def test_in_place_overwrites_the_input() -> None:
    x = speechlike(5.0, level=0.3)
    y, report = normalize(x, RATE, in_place=True)
    assert y is x
    assert measure(x, RATE)[0] == pytest.approx(report.output_lufs, abs=1e-6)


@pytest.mark.parametrize("signal", [np.zeros(RATE * 3, np.float32), np.full(RATE * 3, 1e-6, np.float32)])
def test_silence_is_left_alone(signal: np.ndarray) -> None:
    y, report = normalize(signal.copy(), RATE)
    assert np.array_equal(y, signal)
    assert report.silent and report.gain_db == 0.0 and not report.limited
    assert "unchanged" in report.note
    assert np.isfinite(y).all()


def test_short_signal_measures() -> None:
    lufs, peak = measure(speechlike(0.2), RATE)
    assert np.isfinite(lufs) and np.isfinite(peak)
    assert measure(np.zeros(0, np.float32), RATE)[0] == -np.inf


# --- true peak: the fast evaluation and the skipping bound against the full computation ---------------


def full_true_peak(x: np.ndarray) -> float:
    """Every 4× interpolated value and every sample, straight from the interpolator's taps (float64)."""
    seg = np.concatenate([np.zeros(5), np.asarray(x, np.float64), np.zeros(6)])
    y = sliding_window_view(seg, 12) @ loudness._phases().astype(np.float64)
    return max(float(np.abs(y).max()), float(np.abs(x).max()))


def worst_case(n: int, level: float, seed: int = 3) -> np.ndarray:
    """Full-scale blocks whose signs follow the half-way phase's taps: the largest overs possible."""
    signs = np.sign(loudness._phases()[:, 1])
    rng = np.random.default_rng(seed)
    x = level * rng.choice([-1.0, 1.0], n)
    for start in range(0, n - 12, 997):
        x[start : start + 12] = level * signs
    return x.astype(np.float32)


def test_peak_bound_is_reached_by_the_worst_case_and_never_exceeded() -> None:
    bound = loudness.peak_bound()
    assert 20 * np.log10(bound) == pytest.approx(4.93, abs=0.01)
    x = worst_case(RATE, 0.25)
    ratio = full_true_peak(x) / float(np.abs(x).max())
    assert bound / 1.001 < ratio <= bound  # the bound is tight
    for sig in (speechlike(5.0), np.random.default_rng(5).uniform(-0.5, 0.5, RATE).astype(np.float32)):
        assert full_true_peak(sig) <= bound * float(np.abs(sig).max())


@pytest.mark.parametrize("kind", ["speech", "worst", "noise"])
def test_fast_interpolation_matches_the_taps(kind: str) -> None:
    if kind == "speech":
        x = speechlike(3.0, level=0.6)
    elif kind == "worst":
        x = worst_case(3 * RATE, 0.5)
    else:
        x = np.random.default_rng(2).uniform(-1, 1, 3 * RATE).astype(np.float32)
    seg = np.concatenate([np.zeros(5, np.float32), x, np.zeros(6, np.float32)])
    ref = np.abs(sliding_window_view(seg, 12) @ loudness._phases().astype(np.float64)).max(axis=1)
    np.testing.assert_allclose(loudness._phase_peaks(seg), ref, rtol=1e-5, atol=1e-6)
    assert loudness._max_peak(seg) == pytest.approx(full_true_peak(x), rel=1e-5)


def long_mix(seconds: float, seed: int = 4) -> np.ndarray:
    """Speech at changing levels with a worst-case burst late in it, quieter by its samples than the
    loudest chunk but louder once oversampled, so skipping the quiet chunks would be caught out."""
    x = speechlike(seconds, seed=seed, level=0.3)
    rng = np.random.default_rng(seed)
    x *= np.repeat(rng.uniform(0.3, 1.0, int(seconds) + 1), RATE)[: len(x)].astype(np.float32)
    loud = int(0.3 * len(x))
    x[loud : loud + 480] = 0.5 * np.sin(2 * np.pi * 100 * np.arange(480) / RATE)  # sample peak 0.5, true ≈ 0.5
    burst = int(0.8 * len(x))
    x[burst : burst + 2400] = worst_case(2400, 0.42)  # samples 0.42, true peak ≈ 0.74
    return x


@pytest.mark.parametrize("kind", ["speech", "mix"])
def test_measure_skipping_quiet_chunks_gives_the_full_true_peak(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    x = speechlike(30.0, level=0.4) if kind == "speech" else long_mix(30.0)
    lufs, peak = measure(x, RATE)
    assert peak == pytest.approx(20 * np.log10(full_true_peak(x)), abs=1e-4)
    meter = loudness._measure(x, RATE)
    if kind == "mix":
        assert not all(meter.chunk_exact)  # the quieter chunks were not oversampled
    monkeypatch.setattr(loudness, "peak_bound", lambda: np.inf)  # no skipping at all
    assert measure(x, RATE) == (lufs, peak)


def test_skipping_changes_no_output(monkeypatch: pytest.MonkeyPatch) -> None:
    x = long_mix(100.0)
    y, report = normalize(x, RATE, target_lufs=-14.0, ceiling_dbtp=-1.0)
    monkeypatch.setattr(loudness, "peak_bound", lambda: np.inf)
    y_full, report_full = normalize(x, RATE, target_lufs=-14.0, ceiling_dbtp=-1.0)
    assert np.array_equal(y, y_full)
    assert report == report_full


# --- long signals and the streamed form ---------------------------------------------------------------


def test_long_signal_is_done_in_one_pass(tmp_path: Path) -> None:
    x = speechlike(100.0, level=0.3)  # long enough for the first gain to be predicted
    x *= np.repeat(np.random.default_rng(6).uniform(0.5, 1.0, 101), RATE)[: len(x)].astype(np.float32)
    x[RATE * 37 : RATE * 37 + 60] += 0.8
    stream = NormalizeStream(x, RATE, target_lufs=-16.0, ceiling_dbtp=-1.0)
    chunks = list(stream)
    assert all(c is not None for c in chunks)  # the predicted gain met the target the first time
    y, report = normalize(x, RATE, target_lufs=-16.0, ceiling_dbtp=-1.0)
    assert np.array_equal(np.concatenate([c for c in chunks if c is not None]), y) and report == stream.report
    assert report.limited and abs(report.output_lufs - -16.0) <= 0.3 and report.true_peak_dbtp <= -1.0
    lufs, peak = ebur128(y, RATE, tmp_path)
    assert abs(lufs - -16.0) <= 1.0
    assert peak <= -1.0 + 0.3


@pytest.mark.parametrize("level", [0.0, 0.3, 1.5, 1e-6])
def test_stream_ends_with_exactly_the_normalized_output(level: float) -> None:
    if level == 1e-6:
        x = np.full(RATE * 3, level, np.float32)
    else:
        x = speechlike(20.0, level=level) if level else low_crest(20.0)
        x[RATE * 7 : RATE * 7 + 60] += 0.8
    y, report = normalize(x, RATE, target_lufs=-16.0, ceiling_dbtp=-1.0)
    stream = NormalizeStream(x.copy(), RATE, target_lufs=-16.0, ceiling_dbtp=-1.0, in_place=True)
    last: list[np.ndarray] = []
    restarts = 0
    for chunk in stream:
        if chunk is None:
            last, restarts = [], restarts + 1
        else:
            assert chunk.dtype == np.float32
            last.append(chunk.copy())
    assert np.array_equal(np.concatenate(last), y)
    assert stream.report == report
    if level == 1.5:
        assert restarts >= 1  # this one needs more than one pass, each streamed afresh
