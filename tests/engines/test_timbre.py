"""Tests of the timbre tools of the offline palette: formant shifting and style vectors split in halves."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import lfilter
from signal_checks import median_f0

from studio.engines.offline_presets import KOKORO_RECIPES, KokoroRecipe, kokoro_style
from studio.engines.timbre import shift_formants

RATE = 24000


def vowel(f0: float = 130.0, formants: tuple[float, ...] = (700.0, 1200.0, 2600.0), seconds: float = 1.0) -> np.ndarray:
    """A pulse train at ``f0`` through resonators at ``formants``: a steady synthetic vowel."""
    n = int(seconds * RATE)
    x = np.zeros(n)
    x[:: int(RATE / f0)] = 1.0
    for f in formants:
        r = np.exp(-np.pi * 90.0 / RATE)
        x = lfilter([1.0 - r], [1.0, -2 * r * np.cos(2 * np.pi * f / RATE), r * r], x)
    x *= np.hanning(n) ** 0.1
    return (0.3 * x / np.max(np.abs(x))).astype(np.float32)


def envelope(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The frequencies and smoothed log spectrum (the spectral envelope, harmonics smoothed away)."""
    spectrum = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    freqs = np.fft.rfftfreq(x.size, 1 / RATE)
    smooth = np.convolve(spectrum, np.ones(301) / 301, mode="same")  # wider than the harmonics' spacing
    return freqs, np.log(smooth + 1e-9)


def envelope_scale(x: np.ndarray, y: np.ndarray) -> float:
    """The factor that best maps ``x``'s envelope onto ``y``'s (y(f) ≈ x(f / factor)) over 300–4000 Hz."""
    freqs, ex = envelope(x)
    _, ey = envelope(y)
    band = (freqs >= 300) & (freqs <= 4000)
    factors = np.arange(0.75, 1.35, 0.005)
    scores = [np.corrcoef(ey[band], np.interp(freqs[band] / k, freqs, ex))[0, 1] for k in factors]
    return float(factors[int(np.argmax(scores))])


@pytest.mark.parametrize("ratio", [0.88, 1.15])
def test_formants_move_and_pitch_and_length_stay(ratio: float) -> None:
    x = vowel()
    y = shift_formants(x, RATE, ratio)
    assert y.dtype == np.float32 and y.size == x.size
    assert median_f0(y, RATE) == pytest.approx(median_f0(x, RATE), rel=0.04)
    assert envelope_scale(x, x) == pytest.approx(1.0, abs=0.006)
    assert envelope_scale(x, y) == pytest.approx(ratio, abs=0.04)


def test_no_shift_and_silence_are_left_alone() -> None:
    x = vowel(seconds=0.5)
    assert np.array_equal(shift_formants(x, RATE, 1.0), x)
    silent = np.zeros(RATE, np.float32)
    assert np.array_equal(shift_formants(silent, RATE, 1.2), silent)


def test_style_takes_the_prosody_half_from_another_blend() -> None:
    rng = np.random.default_rng(3)
    voices = {name: rng.normal(size=(510, 1, 256)).astype(np.float32) for name in ("a", "b", "c")}
    plain = kokoro_style(voices, KokoroRecipe((("a", 1.0), ("b", 3.0))))
    assert np.allclose(plain, (voices["a"] + 3 * voices["b"]) / 4)
    split = kokoro_style(voices, KokoroRecipe((("a", 1.0),), prosody=(("c", 1.0),)))
    assert np.array_equal(split[..., :128], voices["a"][..., :128])
    assert np.array_equal(split[..., 128:], voices["c"][..., 128:])
    assert split.dtype == np.float32 and voices["a"][0, 0, 200] != split[0, 0, 200]


def test_every_recipe_stays_in_range() -> None:
    from studio.engines.offline_presets import KOKORO_BASE_VOICES
    from studio.engines.timbre import FORMANT_RANGE

    for pid, r in KOKORO_RECIPES.items():
        assert FORMANT_RANGE[0] <= r.formant <= FORMANT_RANGE[1], pid
        assert all(name in KOKORO_BASE_VOICES and w > 0 for name, w in (*r.blend, *r.prosody)), pid
        assert "Kokoro " in r.detail


@pytest.mark.slow
def test_a_kokoro_preset_with_shifted_formants_keeps_its_pitch_length_and_word_times(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from signal_checks import decode

    from studio.engines.kokoro import KokoroEngine
    from studio.engines.speech import SpeechRequest

    engine = KokoroEngine()
    child = KOKORO_RECIPES["child"]
    assert child.formant != 1.0

    def say(voice: str):  # type: ignore[no-untyped-def]
        result = engine.synthesize_sync(engine.prepare(SpeechRequest(engine="kokoro", voice_id=voice,
                                                                     text="你到底想怎么样？", language="zh")))
        return (*decode(result.audio), result.spans)

    shifted, sr, spans = say("child")
    monkeypatch.setitem(KOKORO_RECIPES, "child", dataclasses.replace(child, formant=1.0))
    plain, _, plain_spans = say("child")
    assert shifted.size == plain.size
    assert spans == plain_spans
    assert median_f0(shifted, sr) == pytest.approx(median_f0(plain, sr), rel=0.05)
    assert envelope_scale(plain[: sr], shifted[: sr]) > 1.0 + (child.formant - 1.0) / 2
