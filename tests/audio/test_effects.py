"""Voice effects on test signals: each stays under full scale, is deterministic, keeps loudness, and does
what its name says (a measured band, repeats at their delays, a tail, a flat pitch)."""

from __future__ import annotations

import numpy as np
import pytest

from studio.audio.effects import (
    EFFECT_FUNCTIONS,
    PEAK_CEILING,
    apply_effect,
    echo,
    hall,
    radio,
    robot,
    telephone,
)
from studio.domain.model import EFFECTS

RATE = 24000


def voice_like(seconds: float = 1.5, rate: int = RATE, f0: float = 130.0) -> np.ndarray:
    """A gliding harmonic buzz (60 harmonics) with a little noise and a pause: speech's spectrum roughly."""
    t = np.arange(int(seconds * rate)) / rate
    phase = 2 * np.pi * np.cumsum(f0 + 25 * np.sin(2 * np.pi * 1.3 * t)) / rate
    buzz = sum(np.sin(k * phase) / k for k in range(1, 60))
    x = 0.5 * buzz / np.max(np.abs(buzz)) + 0.03 * np.random.default_rng(1).standard_normal(len(t))
    x[int(0.6 * len(x)):int(0.7 * len(x))] = 0
    return x.astype(np.float32)


def tone(freq: float, seconds: float = 1.0, amplitude: float = 0.9, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def band_db(x: np.ndarray, rate: int, low: float, high: float, ref: tuple[float, float] = (300, 3400)) -> float:
    """Energy in [low, high) Hz relative to the energy in ``ref``, in dB."""
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    inside = power[(freqs >= low) & (freqs < high)].sum()
    reference = power[(freqs >= ref[0]) & (freqs <= ref[1])].sum()
    return float(10 * np.log10(inside / reference))


def loud_rms(x: np.ndarray) -> float:
    frames = x[: len(x) // 480 * 480].reshape(-1, 480)
    power = np.mean(frames.astype(np.float64) ** 2, axis=1)
    return float(np.sqrt(np.mean(power[power > power.max() * 1e-4])))


def test_every_delivery_effect_has_a_function() -> None:
    assert tuple(EFFECT_FUNCTIONS) == EFFECTS


@pytest.mark.parametrize("name", EFFECTS)
@pytest.mark.parametrize("signal", ["tone", "voice", "loud"])
def test_effect_stays_below_full_scale_and_is_deterministic(name: str, signal: str) -> None:
    x = {"tone": tone(440.0), "voice": voice_like(), "loud": np.clip(3 * voice_like(), -1, 1)}[signal]
    y = EFFECT_FUNCTIONS[name](x, RATE)
    assert y.dtype == np.float32 and np.all(np.isfinite(y))
    assert float(np.max(np.abs(y))) <= PEAK_CEILING
    assert np.array_equal(y, EFFECT_FUNCTIONS[name](x.copy(), RATE))
    assert len(y) >= len(x)


@pytest.mark.parametrize("name", EFFECTS)
def test_effect_keeps_the_loudness_of_speech(name: str) -> None:
    x = voice_like()
    y = apply_effect(name, x, RATE)
    assert abs(20 * np.log10(loud_rms(y) / loud_rms(x))) < 3.0


@pytest.mark.parametrize("name", EFFECTS)
def test_silence_stays_silence_of_the_same_length(name: str) -> None:
    x = np.zeros(RATE // 2, np.float32)
    y = apply_effect(name, x, RATE)
    assert len(y) == len(x) and not y.any()
    assert apply_effect(name, np.zeros(0, np.float32), RATE).size == 0


def test_no_effect_is_the_input_and_an_unknown_one_is_named() -> None:
    x = voice_like()
    assert np.array_equal(apply_effect(None, x, RATE), x)
    with pytest.raises(ValueError, match="megaphone"):
        apply_effect("megaphone", x, RATE)


@pytest.mark.parametrize("rate", [22050, 24000, 32000, 48000])
def test_telephone_is_a_measured_300_to_3400_hz_band(rate: int) -> None:
    x = voice_like(rate=rate)
    y = telephone(x, rate)
    assert band_db(x, rate, 0, 250) > -10 and band_db(x, rate, 4000, rate / 2) > -15
    assert band_db(y, rate, 0, 250) < -35
    assert band_db(y, rate, 4000, rate / 2) < -40
    assert len(y) == len(x)


@pytest.mark.parametrize("freq, passes", [(150.0, False), (1000.0, True), (2500.0, True), (5000.0, False)])
def test_telephone_on_tones(freq: float, passes: bool) -> None:
    x = tone(freq, amplitude=0.3) + tone(1000.0, amplitude=0.3) * (freq != 1000.0)
    y = telephone(x, RATE)
    power = np.abs(np.fft.rfft(y)) ** 2
    freqs = np.fft.rfftfreq(len(y), 1 / RATE)
    at = power[np.abs(freqs - freq) < 20].sum()
    reference = power[np.abs(freqs - 1000.0) < 20].sum()
    level = 10 * np.log10(at / reference)
    assert (level > -3) if passes else (level < -40)


def test_radio_is_narrower_than_the_telephone_and_compressed_and_hissing() -> None:
    x = voice_like()
    y = radio(x, RATE)
    assert band_db(y, RATE, 0, 350) < -30
    assert band_db(y, RATE, 3400, RATE / 2) < -30
    phone = telephone(x, RATE)
    assert band_db(y, RATE, 300, 450) < band_db(phone, RATE, 300, 450) - 6
    # Compression: a line whose second half is 20 dB quieter comes out far less uneven.
    uneven = x.copy()
    uneven[len(x) // 2:] *= 0.1
    out = radio(uneven, RATE)
    half = len(x) // 2
    before = 20 * np.log10(loud_rms(uneven[:half]) / loud_rms(uneven[half:]))
    after = 20 * np.log10(loud_rms(out[:half]) / loud_rms(out[half:]))
    assert after < before - 8
    # A little hiss in the pause, well under the speech.
    pause = y[int(0.62 * len(x)):int(0.68 * len(x))]
    assert 0 < np.sqrt(np.mean(pause**2)) < 0.05 * loud_rms(y)


def test_echo_repeats_a_click_three_times_quieter_each_time() -> None:
    x = np.zeros(RATE, np.float32)
    x[100:124] = 0.8
    y = echo(x, RATE)
    assert len(y) > len(x) + int(0.7 * RATE)
    peaks = [float(np.max(np.abs(y[max(0, 100 + int(d * RATE) - 200):100 + int(d * RATE) + 400])))
             for d in (0.0, 0.24, 0.48, 0.72)]
    assert peaks[0] > peaks[1] > peaks[2] > peaks[3] > 0.05 * peaks[0]
    between = y[100 + int(0.1 * RATE):100 + int(0.2 * RATE)]
    assert float(np.max(np.abs(between))) < 0.01 * peaks[0]


def test_hall_leaves_a_decaying_tail() -> None:
    x = voice_like(0.5)
    y = hall(x, RATE)
    assert len(y) == len(x) + RATE
    after = y[len(x):]
    tenth = len(after) // 10
    early = np.sqrt(np.mean(after[:tenth] ** 2))
    late = np.sqrt(np.mean(after[5 * tenth:6 * tenth] ** 2))
    assert early > 0.05 * loud_rms(y) and late < 0.3 * early


def test_robot_speaks_on_one_flat_pitch() -> None:
    def pitch(x: np.ndarray, start: float) -> float:
        seg = x[int(start * RATE):int(start * RATE) + 2048].astype(np.float64)
        ac = np.correlate(seg, seg, "full")[len(seg) - 1:]
        lo, hi = RATE // 400, RATE // 60
        return RATE / (lo + int(np.argmax(ac[lo:hi])))

    x = voice_like(f0=180.0)
    y = robot(x, RATE)
    sung = [pitch(x, s) for s in (0.1, 0.3, 0.5)]
    spoken = [pitch(y, s) for s in (0.1, 0.3, 0.5)]
    assert max(sung) - min(sung) > 15  # the input glides
    assert all(abs(p - 110) < 3 for p in spoken)
