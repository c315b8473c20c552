"""Voice effects on float32 mono samples: a telephone call, a radio, an echo, a hall, a robot.

Each effect is a function ``(samples, sample_rate) -> samples``. The result keeps roughly the loudness
of the speech it was given (the loud parts' RMS is matched; the export normalises the episode anyway),
never peaks above ``PEAK_CEILING``, and is the same for the same input every time (noise and reverb
come from fixed seeds). Echo and hall add a tail, so their output is longer than their input; the
others keep the length. Silence stays silence, with its length.

* ``telephone``: light saturation, then the narrow-band line: 8 kHz sampling with µ-law companding
  (G.711), and a steep 300–3400 Hz band-pass (8th-order Butterworth, run forwards and backwards).
* ``radio``: a narrower 450–2800 Hz band, more saturation, a compressor (4:1) and a little band-limited
  hiss, as from a walkie-talkie or an old receiver.
* ``echo``: three repeats 240, 480 and 720 ms later, each quieter and darker (a flashback, a thought).
* ``hall``: a short synthetic reverb (early reflections and a decaying noise tail, about 1.3 s RT60).
* ``robot``: a flat-pitch vocoder (each short frame's spectrum kept, its phase replaced by one fixed
  phase, frames laid at a 110 Hz period), so the voice keeps its words but loses its melody.

Pure numpy/scipy/soxr: no Qt, no files, no engine names.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import signal

from studio.domain.model import EFFECTS

__all__ = ["EFFECT_FUNCTIONS", "PEAK_CEILING", "apply_effect", "echo", "hall", "radio", "robot", "telephone"]

PEAK_CEILING = 0.95
_SILENCE = 1e-6  # a peak below this is silence: returned as it is
_MAX_GAIN = 10.0  # loudness matching never raises the level by more than 20 dB

Effect = Callable[[np.ndarray, int], np.ndarray]


# --- building blocks -------------------------------------------------------------------------------

def _zero_phase(sos: np.ndarray, x: np.ndarray, sample_rate: int) -> np.ndarray:
    """``sos`` run forwards and backwards (twice the slope, no phase shift), with silence around ``x`` so
    short inputs work and the edges do not ring."""
    pad = int(0.05 * sample_rate)
    padded = np.pad(x.astype(np.float64), pad)
    return np.asarray(signal.sosfiltfilt(sos, padded, padtype=None)[pad:pad + len(x)])


def _band(x: np.ndarray, sample_rate: int, low: float, high: float, order: int) -> np.ndarray:
    nyquist = sample_rate / 2
    out = x
    if low > 0:
        out = _zero_phase(signal.butter(order, low, "highpass", fs=sample_rate, output="sos"), out, sample_rate)
    if high < nyquist * 0.98:
        out = _zero_phase(signal.butter(order, high, "lowpass", fs=sample_rate, output="sos"), out, sample_rate)
    return out


def _saturate(x: np.ndarray, drive: float) -> np.ndarray:
    """Soft clipping by ``tanh``, independent of the input level (the peak drives it by ``drive``)."""
    peak = float(np.max(np.abs(x)))
    if peak == 0:
        return x
    return np.tanh(drive * x / peak) / np.tanh(drive) * peak


def _resample(x: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    import soxr

    return np.asarray(soxr.resample(x.astype(np.float64), rate_in, rate_out, quality="VHQ"))


def _active_rms(x: np.ndarray, sample_rate: int) -> float:
    """RMS of the loud parts (20 ms blocks within 40 dB of the loudest), so pauses and tails do not count."""
    block = max(1, int(0.02 * sample_rate))
    n = len(x) // block
    if n == 0:
        return float(np.sqrt(np.mean(x**2))) if len(x) else 0.0
    power = np.mean(x[: n * block].reshape(n, block) ** 2, axis=1)
    loud = power[power >= power.max() * 1e-4]
    return float(np.sqrt(np.mean(loud))) if loud.size else 0.0


def _finish(y: np.ndarray, x: np.ndarray, sample_rate: int) -> np.ndarray:
    """``y`` at the loudness of ``x``, with its peak at most ``PEAK_CEILING``."""
    target, level = _active_rms(x, sample_rate), _active_rms(y, sample_rate)
    if level > 0:
        y = y * min(_MAX_GAIN, target / level)
    peak = float(np.max(np.abs(y))) if y.size else 0.0
    if peak > PEAK_CEILING:
        y = y * (PEAK_CEILING / peak)
    return y.astype(np.float32)


def _fade_out(y: np.ndarray, sample_rate: int, seconds: float) -> np.ndarray:
    n = min(len(y), int(seconds * sample_rate))
    if n:
        y[-n:] *= np.cos(np.linspace(0, np.pi / 2, n)) ** 2
    return y


# --- the effects -----------------------------------------------------------------------------------

_PHONE_RATE = 8000
_MU = 255.0


def telephone(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """A phone call: 300–3400 Hz, 8 kHz µ-law, lightly saturated."""
    x = np.asarray(samples, dtype=np.float64)
    y = _saturate(x, 1.6)
    rate = min(sample_rate, _PHONE_RATE)
    y = _resample(y, sample_rate, rate) if rate != sample_rate else y
    peak = float(np.max(np.abs(y))) or 1.0
    mu = np.sign(y) * np.log1p(_MU * np.abs(y) / peak) / np.log1p(_MU)  # G.711 µ-law, 8 bits
    mu = np.round(mu * 127) / 127
    y = np.sign(mu) * np.expm1(np.abs(mu) * np.log1p(_MU)) / _MU * peak
    y = _band(y, rate, 300.0, 3400.0, 8)
    y = _resample(y, rate, sample_rate) if rate != sample_rate else y
    y = y[: len(x)] if len(y) >= len(x) else np.pad(y, (0, len(x) - len(y)))
    return _finish(_band(y, sample_rate, 300.0, 3400.0, 8), x, sample_rate)


def radio(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """A radio or walkie-talkie: 450–2800 Hz, driven, compressed, with a little hiss."""
    x = np.asarray(samples, dtype=np.float64)
    y = _saturate(x, 2.5)
    # A 4:1 compressor from 14 dB under the speech's RMS, on a 10 ms envelope run both ways (no lag, no
    # surge at the start); then the band, which also takes away what the gain changes add outside it.
    smooth = 1 - np.exp(-1 / (0.010 * sample_rate))
    envelope = np.sqrt(np.maximum(signal.filtfilt([smooth], [1, smooth - 1], y**2), 1e-12))
    threshold = 0.2 * _active_rms(y, sample_rate)
    y = y * np.where(envelope > threshold, (envelope / threshold) ** (1 / 4 - 1), 1.0)
    y = _band(y, sample_rate, 450.0, 2800.0, 6)
    hiss = _band(np.random.default_rng(7).standard_normal(len(y)), sample_rate, 450.0, 2800.0, 6)
    hiss *= 10 ** (-34 / 20) * _active_rms(y, sample_rate) / (float(np.sqrt(np.mean(hiss**2))) or 1.0)
    return _finish(y + hiss, x, sample_rate)


_ECHO_TAPS = ((0.240, 0.50, 5000.0), (0.480, 0.28, 3500.0), (0.720, 0.14, 2500.0))  # delay s, gain, darkness


def echo(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """An echo: the line, then three quieter and darker repeats 240 ms apart."""
    x = np.asarray(samples, dtype=np.float64)
    tail = int(_ECHO_TAPS[-1][0] * sample_rate)
    y = np.pad(x, (0, tail))
    for delay, gain, cutoff in _ECHO_TAPS:
        d = int(delay * sample_rate)
        y[d:d + len(x)] += gain * _band(x, sample_rate, 0.0, min(cutoff, 0.45 * sample_rate), 2)
    return _finish(_fade_out(y, sample_rate, 0.05), x, sample_rate)


_HALL_RT60 = 1.3
_HALL_TAIL_S = 1.0


def _hall_response(sample_rate: int) -> np.ndarray:
    """The hall's impulse response: 12 early reflections in the first 80 ms, then a decaying, darkening
    noise tail; unit energy."""
    rng = np.random.default_rng(11)
    n = int(1.6 * sample_rate)
    t = np.arange(n) / sample_rate
    tail = rng.standard_normal(n) * np.exp(-6.91 * t / _HALL_RT60) * np.minimum(1.0, t / 0.03)
    tail = _band(tail, sample_rate, 150.0, min(6000.0, 0.45 * sample_rate), 2)
    response = 0.4 * tail / np.sqrt(np.sum(tail**2))
    for delay in np.sort(rng.uniform(0.008, 0.080, 12)):
        response[int(delay * sample_rate)] += rng.uniform(0.15, 0.35) * (1 - delay / 0.1)
    return response / np.sqrt(np.sum(response**2))


def hall(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """A hall: the dry voice with a short synthetic reverb under it, and a one-second tail."""
    x = np.asarray(samples, dtype=np.float64)
    wet = signal.fftconvolve(x, _hall_response(sample_rate))[: len(x) + int(_HALL_TAIL_S * sample_rate)]
    y = np.pad(x, (0, len(wet) - len(x))) + 0.55 * wet
    return _finish(_fade_out(y, sample_rate, 0.2), x, sample_rate)


_ROBOT_HZ = 110.0
_ROBOT_CHIRP = 0.4  # spreads each period's pulse over about 40 % of the period


def robot(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """A robot: every frame's spectrum with one fixed phase, frames one 110 Hz period apart, so the
    voice speaks on one flat, buzzing pitch."""
    x = np.asarray(samples, dtype=np.float64)
    hop = max(1, int(round(sample_rate / _ROBOT_HZ)))
    size = 4 * hop
    window = np.hanning(size)
    padded = np.pad(x, (size, size + hop))
    frames = np.lib.stride_tricks.sliding_window_view(padded, size)[::hop]
    magnitude = np.abs(np.fft.rfft(frames * window, axis=1))
    # One fixed, gentle chirp instead of zero phase: the same pitch, without a click's peaks.
    bins = np.arange(magnitude.shape[1])
    pulses = np.fft.irfft(magnitude * np.exp(-1j * np.pi * _ROBOT_CHIRP * bins**2 / size), size, axis=1)
    pulses = np.roll(pulses, size // 2 - int(_ROBOT_CHIRP * size / 4), axis=1) * window
    out = np.zeros(len(padded))
    norm = np.zeros(len(padded))
    for i, pulse in enumerate(pulses):
        out[i * hop:i * hop + size] += pulse
        norm[i * hop:i * hop + size] += window**2
    y = (out / np.maximum(norm, 1e-3 * norm.max()))[size:size + len(x)]
    return _finish(y, x, sample_rate)


EFFECT_FUNCTIONS: dict[str, Effect] = {
    "telephone": telephone, "radio": radio, "echo": echo, "hall": hall, "robot": robot}
assert tuple(EFFECT_FUNCTIONS) == EFFECTS, "every effect a delivery can name has a function here"


def apply_effect(effect: str | None, samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """``samples`` (float32 mono, full scale 1.0) with ``effect`` applied; unchanged when it is None.

    Raises ``ValueError`` for an effect this module does not know.
    """
    audio = np.asarray(samples, dtype=np.float32)
    if effect is None:
        return audio
    function = EFFECT_FUNCTIONS.get(effect)
    if function is None:
        raise ValueError(f"“{effect}” is not a voice effect; use one of {', '.join(EFFECT_FUNCTIONS)}.")
    if audio.size == 0 or float(np.max(np.abs(audio))) < _SILENCE:
        return audio
    return function(audio, sample_rate)
