"""Waveform peaks: the loudest sample in each of N equal slices of a take, for drawing.

Pure numpy, vectorised, no Qt. A take's peaks are computed once (a few hundred buckets) and the
timeline resamples those to pixel columns with the same function, so nothing here should ever loop
over samples in Python. Loudness, normalisation and mixing live elsewhere in ``studio.audio``.
"""

from __future__ import annotations

import numpy as np


def peaks(samples: np.ndarray, buckets: int) -> np.ndarray:
    """Return ``buckets`` float32 values: the max of ``abs(sample)`` within each slice.

    ``samples`` may be 1-D (mono) or 2-D ``(frames, channels)``; channels are folded together by
    taking the loudest. Integer PCM is scaled to -1..1 by its type's range. When there are fewer
    samples than buckets, each bucket takes the sample it falls on, so short inputs still fill the
    width. Empty input gives zeros. NaN and inf count as silence.
    """
    if buckets < 0:
        raise ValueError(f"buckets must be >= 0, got {buckets}")
    if buckets == 0:
        return np.zeros(0, dtype=np.float32)
    a = np.asarray(samples)
    if a.ndim == 2:
        a = np.abs(a).max(axis=1) if a.shape[1] else np.zeros(a.shape[0], dtype=a.dtype)
    elif a.ndim != 1:
        a = a.reshape(-1)
    n = a.shape[0]
    if n == 0:
        return np.zeros(buckets, dtype=np.float32)

    scale = 1.0
    if np.issubdtype(a.dtype, np.integer):
        info = np.iinfo(a.dtype)
        scale = 1.0 / float(max(abs(info.min), info.max))
        a = a.astype(np.float32)  # abs(int16 min) would overflow in place
    mag = np.abs(a, dtype=np.float32) if a.dtype != np.float32 else np.abs(a)
    if not np.isfinite(mag).all():
        mag = np.nan_to_num(mag, nan=0.0, posinf=0.0, neginf=0.0)

    if n >= buckets:
        edges = (np.arange(buckets, dtype=np.int64) * n) // buckets  # strictly increasing
        out = np.maximum.reduceat(mag, edges)
    else:
        out = mag[(np.arange(buckets, dtype=np.int64) * n) // buckets]
    out = out.astype(np.float32, copy=False)
    if scale != 1.0:
        out *= np.float32(scale)
    return out
