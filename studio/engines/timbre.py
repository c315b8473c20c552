"""Timbre changes for the offline voices: the vocal tract made longer or shorter, the pitch left alone.

``shift_formants(audio, rate, ratio)`` moves every formant by ``ratio`` (1.1 = a 10 % shorter vocal tract:
a smaller, younger-sounding speaker; 0.9 = a larger, darker one) and keeps the pitch and the length. It is
Praat's "Change gender" (resampling for the spectral envelope, PSOLA to put the pitch and length back),
run through the ``praat-parselmouth`` wheel in-process. Pitch alone does not change who a voice sounds
like; the formants do.

numpy in, numpy out; no Qt, no I/O.
"""

from __future__ import annotations

import numpy as np

__all__ = ["FORMANT_RANGE", "shift_formants"]

FORMANT_RANGE = (0.8, 1.25)  # beyond this, voices stop sounding human
_PITCH_FLOOR, _PITCH_CEILING = 60.0, 600.0  # Hz: the span Praat looks for the voice's pitch in


def shift_formants(audio: np.ndarray, rate: int, ratio: float) -> np.ndarray:
    """``audio`` (mono float) with its formants scaled by ``ratio``; same length, same pitch."""
    ratio = float(np.clip(ratio, *FORMANT_RANGE))
    x = np.asarray(audio, dtype=np.float32)
    if abs(ratio - 1.0) < 1e-3 or x.size < rate // 20 or not np.any(x):
        return x
    import parselmouth
    from parselmouth.praat import call

    sound = parselmouth.Sound(x.astype(np.float64), sampling_frequency=float(rate))
    # Change gender: pitch floor, pitch ceiling, formant shift ratio, new pitch median (0 = keep),
    # pitch range factor, duration factor
    changed = call(sound, "Change gender", _PITCH_FLOOR, _PITCH_CEILING, ratio, 0.0, 1.0, 1.0)
    out = np.asarray(changed.values[0], dtype=np.float32)
    if int(round(changed.sampling_frequency)) != rate:
        import soxr

        out = np.asarray(soxr.resample(out, changed.sampling_frequency, rate), dtype=np.float32)
    if out.size >= x.size:
        return out[:x.size]
    return np.pad(out, (0, x.size - out.size))
