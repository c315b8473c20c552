"""Checks on synthesized speech shared by the offline engine tests: WAV decoding, level and pitch."""

from __future__ import annotations

import io
import wave

import numpy as np


def decode(audio: bytes) -> tuple[np.ndarray, int]:
    with wave.open(io.BytesIO(audio)) as w:
        assert w.getnchannels() == 1
        assert w.getsampwidth() == 2
        frames = w.readframes(w.getnframes())
        return np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0, w.getframerate()


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x**2))) if x.size else 0.0


def median_f0(x: np.ndarray, sr: int, fmin: float = 60.0, fmax: float = 500.0) -> float:
    """Median pitch of the loud frames, by plain autocorrelation."""
    frame, hop = int(0.04 * sr), int(0.01 * sr)
    lo, hi = int(sr / fmax), int(sr / fmin)
    level = rms(x)
    f0s = []
    for start in range(0, len(x) - frame, hop):
        f = x[start:start + frame] - x[start:start + frame].mean()
        if rms(f) < 0.5 * level:
            continue
        spec = np.fft.rfft(f, 2 * frame)
        ac = np.fft.irfft(spec * np.conj(spec))[:frame]
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] > 0.4 * ac[0]:
            f0s.append(sr / lag)
    assert len(f0s) > 10, "too few voiced frames to measure pitch"
    return float(np.median(f0s))
