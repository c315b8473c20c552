"""The closest offline preset to a clip: two plain measures of a voice, compared with each preset's.

``measure(samples, rate)`` gives a voice's median pitch (F0, by YIN on voiced frames) and brightness
(median spectral centroid of the voiced frames). ``preset_measures`` renders a sample sentence once with
each offline preset (the Kokoro engine by default) and keeps the measures in
``<library folder>/preset-measures.json``, keyed by the engine's model, the preset's recipe and the
text, so they are rendered again only when one of those changes. ``rank`` orders the presets by their
distance to the clip (pitch and brightness, both in semitones) and gives each a score from 0 to 1.

It is a resemblance in two numbers, not a clone, and every match says so (``PresetMatch.label``).
numpy only; no network, no Qt.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ANALYSIS_RATE = 16000
FRAME = 1024  # 64 ms at 16 kHz
HOP = 160  # 10 ms
F0_MIN, F0_MAX = 60.0, 500.0
YIN_THRESHOLD = 0.15
MATCH_LABEL = "closest offline match, not a clone"
PITCH_SCALE = 3.0  # semitones of pitch difference that count as one unit of distance
BRIGHTNESS_SCALE = 6.0  # semitones of brightness difference that count as one unit


class MeasureError(ValueError):
    """A clip in which no voice could be measured; the message says what to do."""


@dataclass(frozen=True)
class VoiceMeasures:
    pitch_hz: float  # median F0 of the voiced frames
    brightness_hz: float  # median spectral centroid of the voiced frames
    voiced_fraction: float  # share of the sounding frames that were voiced

    def to_dict(self) -> dict[str, float]:
        return {"pitch_hz": self.pitch_hz, "brightness_hz": self.brightness_hz,
                "voiced_fraction": self.voiced_fraction}


@dataclass(frozen=True)
class PresetMatch:
    """One offline preset and how close it is to the clip (``score`` 1 = the same two measures)."""

    engine: str
    voice_id: str
    name: str
    score: float
    distance: float
    pitch_hz: float
    brightness_hz: float
    label: str = MATCH_LABEL


def _to_analysis_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    x = np.asarray(samples, dtype=np.float32)
    if x.ndim == 2:
        x = x.mean(axis=1)
    if rate != ANALYSIS_RATE and x.size:
        import soxr

        x = np.asarray(soxr.resample(x, rate, ANALYSIS_RATE), dtype=np.float32)
    return x


def _frames(x: np.ndarray) -> np.ndarray:
    if x.size < FRAME:
        x = np.pad(x, (0, FRAME - x.size))
    count = 1 + (x.size - FRAME) // HOP
    index = np.arange(FRAME)[None, :] + HOP * np.arange(count)[:, None]
    return np.asarray(x[index], dtype=np.float64)


def _yin(frames: np.ndarray) -> np.ndarray:
    """F0 per frame in Hz (0 where unvoiced), by YIN's cumulative mean normalized difference."""
    tau_min = int(ANALYSIS_RATE / F0_MAX)
    tau_max = int(ANALYSIS_RATE / F0_MIN)
    window = FRAME - tau_max
    n = 2 * FRAME
    spectrum = np.fft.rfft(frames, n=n, axis=1)
    head = np.fft.rfft(frames[:, :window], n=n, axis=1)
    corr = np.fft.irfft(spectrum * np.conj(head), n=n, axis=1)[:, : tau_max + 1]
    squares = np.concatenate([np.zeros((frames.shape[0], 1)), np.cumsum(frames**2, axis=1)], axis=1)
    taus = np.arange(tau_max + 1)
    energy_0 = squares[:, window][:, None]
    energy_tau = squares[:, taus + window] - squares[:, taus]
    diff = np.maximum(energy_0 + energy_tau - 2.0 * corr, 0.0)
    cumulative = np.cumsum(diff[:, 1:], axis=1)
    cmnd = np.ones_like(diff)
    cmnd[:, 1:] = diff[:, 1:] * taus[1:] / np.maximum(cumulative, 1e-12)
    f0 = np.zeros(frames.shape[0])
    for i, row in enumerate(cmnd):
        below = np.flatnonzero(row[tau_min: tau_max] < YIN_THRESHOLD)
        if below.size == 0:
            continue
        tau = tau_min + int(below[0])
        while tau + 1 < tau_max and row[tau + 1] < row[tau]:
            tau += 1
        if 0 < tau < tau_max:
            a, b, c = row[tau - 1], row[tau], row[tau + 1]
            shift = 0.5 * (a - c) / (a - 2 * b + c) if (a - 2 * b + c) != 0 else 0.0
            f0[i] = ANALYSIS_RATE / (tau + float(np.clip(shift, -1, 1)))
    return f0


def measure(samples: np.ndarray, rate: int) -> VoiceMeasures:
    """The pitch and brightness of a voice in ``samples`` (mono or frames x channels, any rate)."""
    x = _to_analysis_rate(samples, rate)
    if x.size < FRAME or not np.any(x):
        raise MeasureError("The clip is silent or too short to measure a voice: choose a few seconds of speech.")
    frames = _frames(x)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    sounding = rms > max(1e-4, 0.1 * float(np.percentile(rms, 95)))
    if not np.any(sounding):
        raise MeasureError("The clip is too quiet to measure a voice: choose a louder recording.")
    f0 = _yin(frames[sounding])
    voiced = f0 > 0
    if voiced.sum() < 10:
        raise MeasureError("No voiced speech was found in the clip: choose a recording of someone speaking.")
    windowed = frames[sounding][voiced] * np.hanning(FRAME)[None, :]
    magnitude = np.abs(np.fft.rfft(windowed, axis=1))
    freqs = np.fft.rfftfreq(FRAME, 1.0 / ANALYSIS_RATE)
    centroid = (magnitude @ freqs) / np.maximum(magnitude.sum(axis=1), 1e-12)
    return VoiceMeasures(pitch_hz=float(np.median(f0[voiced])), brightness_hz=float(np.median(centroid)),
                         voiced_fraction=float(voiced.mean()))


def measure_audio(audio: bytes) -> VoiceMeasures:
    """``measure`` of an encoded file held in memory (what an engine returns)."""
    import soundfile

    samples, rate = soundfile.read(io.BytesIO(audio), dtype="float32", always_2d=True)
    return measure(samples, int(rate))


def _semitones(a: float, b: float) -> float:
    return 12.0 * math.log2(max(a, 1e-6) / max(b, 1e-6))


def distance(a: VoiceMeasures, b: VoiceMeasures) -> float:
    return math.hypot(_semitones(a.pitch_hz, b.pitch_hz) / PITCH_SCALE,
                      _semitones(a.brightness_hz, b.brightness_hz) / BRIGHTNESS_SCALE)


def rank(clip: VoiceMeasures, presets: dict[str, VoiceMeasures], *, engine: str = "kokoro",
         names: dict[str, str] | None = None, top: int = 3) -> list[PresetMatch]:
    """The ``top`` presets nearest to ``clip``, nearest first."""
    matches = []
    for voice_id, measures in presets.items():
        d = distance(clip, measures)
        matches.append(PresetMatch(engine=engine, voice_id=voice_id, name=(names or {}).get(voice_id, voice_id),
                                   score=round(1.0 / (1.0 + d), 3), distance=round(d, 3),
                                   pitch_hz=round(measures.pitch_hz, 1),
                                   brightness_hz=round(measures.brightness_hz, 1)))
    matches.sort(key=lambda m: m.distance)
    return matches[:top]


def _measures_key(model: str, voice_id: str, recipe: str, text: str) -> str:
    return hashlib.sha256(json.dumps([model, voice_id, recipe, text]).encode("utf-8")).hexdigest()[:24]


async def preset_measures(engine: Any, cache_path: Path, text: str, presets: Iterable[tuple[str, str]],
                          language: str = "zh",
                          progress: Callable[[int, int], None] | None = None) -> dict[str, VoiceMeasures]:
    """The measures of each (preset id, recipe) rendered by ``engine`` speaking ``text``, from the cache
    in ``cache_path`` when present; renders (and caches) the missing ones, calling ``progress(done, total)``
    after each of those (the first run renders them all: seconds each with Kokoro)."""
    import asyncio

    from studio.domain.render_key import SpeechRequest
    from studio.library.catalog import _write_json

    try:
        cached = json.loads(cache_path.read_text(encoding="utf-8"))
        if not isinstance(cached, dict):
            cached = {}
    except (OSError, ValueError):
        cached = {}
    out: dict[str, VoiceMeasures] = {}
    missing: list[tuple[str, str]] = []
    for voice_id, recipe in presets:
        key = _measures_key(engine.model, voice_id, recipe, text)
        entry: Any = cached.get(key)
        try:
            out[voice_id] = VoiceMeasures(float(entry["pitch_hz"]), float(entry["brightness_hz"]),
                                          float(entry["voiced_fraction"]))
        except (KeyError, TypeError, ValueError):
            missing.append((voice_id, key))
    for done, (voice_id, key) in enumerate(missing, 1):
        result = await engine.synthesize(SpeechRequest(engine=engine.name, voice_id=voice_id, text=text,
                                                       language=language))
        measures = await asyncio.to_thread(measure_audio, result.audio)
        out[voice_id] = measures
        cached[key] = {"voice_id": voice_id, **measures.to_dict()}
        _write_json(cache_path, cached)  # after each, so a cancelled first run keeps what it measured
        if progress is not None:
            progress(done, len(missing))
    return out
