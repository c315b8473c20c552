"""Loudness: BS.1770 integrated loudness, 4× oversampled true peak, and normalisation with a limiter.

Lives here: ``measure``, ``normalize``, ``NormalizeStream`` and ``LoudnessReport``. Everything runs over
fixed-size chunks so a half-hour episode never needs more than a few extra megabytes: the K-weighting
coefficients come from pyloudnorm's meter, the filtering is streamed through ``scipy.signal.sosfilt``
with carried state, and gating follows BS.1770-4 (400 ms blocks, 75 % overlap, -70 LUFS absolute and
-10 LU relative gates). The oversampling is skipped for chunks whose sample peak shows they cannot
matter (``peak_bound``), which leaves every result exactly as the full computation would give it.
The limiter looks ahead, so the gain is already down when a peak arrives; its gain envelope is smooth
(linear attack over about 5 ms, exponential release of about 50 ms).
Does not live here: mixing, decoding, encoding, or any Qt code.
"""

from __future__ import annotations

import math
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import numpy as np
import pyloudnorm
import scipy.ndimage
import scipy.signal

T = TypeVar("T")

#: Samples processed per step.
CHUNK = 1 << 16
#: Below this integrated loudness a signal is treated as silence and left alone.
SILENCE_LUFS = -70.0
ATTACK_S = 0.005
RELEASE_S = 0.050
#: The limiter aims this far under the ceiling, leaving room for interpolation differences.
HEADROOM_DB = 0.15
#: Accepted distance of the output loudness from the target before another pass is made.
LOUDNESS_TOLERANCE_LU = 0.3


@dataclass(frozen=True)
class LoudnessReport:
    """What ``normalize`` measured and did; ``gain_db`` is the gain applied (before the limiter's first pass)."""

    input_lufs: float
    output_lufs: float
    true_peak_dbtp: float
    gain_db: float
    limited: bool
    note: str = ""

    @property
    def silent(self) -> bool:
        return not math.isfinite(self.input_lufs) or self.input_lufs < SILENCE_LUFS


# --- true peak -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _phases() -> np.ndarray:
    """(12, 3) float32: the three in-between phases of a 4× interpolator, ready for a sliding window.

    Window ``x[i : i + 12]`` times column ``p - 1`` gives the value at ``i + 5 + p / 4``. Column 1 is
    symmetric and column 2 is column 0 reversed (the prototype filter is symmetric).
    """
    h = 4.0 * scipy.signal.firwin(49, 0.25, window=("kaiser", 8.0))
    return np.stack([h[p::4][:12][::-1] for p in (1, 2, 3)], axis=1).astype(np.float32)


@lru_cache(maxsize=1)
def _folded() -> tuple[tuple[np.float32, ...], tuple[np.float32, ...], tuple[np.float32, ...]]:
    """Coefficients of the folded interpolator used by ``_phase_peaks``, each for k = 0..5.

    With ``a`` = phase 1/4 and ``b`` = phase 1/2 taps, ``s_k = x[k] + x[11 - k]`` and
    ``d_k = x[k] - x[11 - k]``: ``y1 + y3 = Σ (a_k + a_(11-k)) s_k``, ``y1 - y3 = Σ (a_k - a_(11-k)) d_k``
    and ``y2 = Σ b_k s_k``.
    """
    p = _phases().astype(np.float64)
    a, b = p[:, 0], p[:, 1]
    plus = tuple(np.float32(a[k] + a[11 - k]) for k in range(6))
    minus = tuple(np.float32(a[k] - a[11 - k]) for k in range(6))
    mid = tuple(np.float32(b[k]) for k in range(6))
    return plus, minus, mid


@lru_cache(maxsize=1)
def peak_bound() -> float:
    """Largest possible ratio of the 4× true peak to the sample peak, for this interpolator.

    Every interpolated value is a weighted sum of 12 samples, so it can exceed the largest |sample| at
    most by the sum of the absolute tap weights of its phase (1.763, i.e. +4.93 dB, for the half-way
    phase). The bound is reached by a full-scale sequence whose signs follow the taps. Typical audio
    stays far below it, but only the bound itself makes skipping the oversampling safe; a little is
    added for float32 rounding.
    """
    l1 = float(np.abs(_phases().astype(np.float64)).sum(axis=0).max())
    return max(1.0, l1) * (1.0 + 1e-4)


def _phase_peaks(seg: np.ndarray) -> np.ndarray:
    """max(|y1|, |y2|, |y3|) for each 12-sample window of float32 ``seg``: ``len(seg) - 11`` values.

    Plain float32 multiply-adds (no BLAS: its worker threads spin and slow everything down on a busy
    machine). The windows are folded around their centre, which halves the multiplications, and
    ``max(|y1|, |y3|)`` is ``(|y1 + y3| + |y1 - y3|) / 2``.
    """
    n = len(seg) - 11
    plus, minus, mid = _folded()
    u = np.empty(n, dtype=np.float32)
    v = np.empty(n, dtype=np.float32)
    w = np.empty(n, dtype=np.float32)
    s = np.empty(n, dtype=np.float32)
    d = np.empty(n, dtype=np.float32)
    t = np.empty(n, dtype=np.float32)
    for k in range(6):
        lo, hi = seg[k : k + n], seg[11 - k : 11 - k + n]
        np.add(lo, hi, out=s)
        np.subtract(lo, hi, out=d)
        if k == 0:
            np.multiply(s, plus[0], out=u)
            np.multiply(d, minus[0], out=v)
            np.multiply(s, mid[0], out=w)
            continue
        np.multiply(s, plus[k], out=t)
        u += t
        np.multiply(d, minus[k], out=t)
        v += t
        np.multiply(s, mid[k], out=t)
        w += t
    np.abs(u, out=u)
    np.abs(v, out=v)
    u += v
    u *= np.float32(0.5)
    np.abs(w, out=w)
    np.maximum(u, w, out=u)
    return u


def _interval_peaks(seg: np.ndarray) -> np.ndarray:
    """|peak| of each interval between samples, at 4× oversampling.

    ``seg`` (float32) holds 5 samples before the first sample of interest and 6 after the last; the
    result has ``len(seg) - 11`` values, value ``k`` covering ``[seg[k + 5], seg[k + 6]]`` and both end
    points.
    """
    peaks = _phase_peaks(seg)
    np.maximum(peaks, np.abs(seg[5:-6]), out=peaks)
    np.maximum(peaks, np.abs(seg[6:-5]), out=peaks)
    return peaks


def _max_peak(seg: np.ndarray) -> float:
    """Largest 4× oversampled |value| among the samples ``seg[5:-6]`` and the intervals after them."""
    inner = seg[5:-5]
    return max(float(_phase_peaks(seg).max()), float(inner.max()), float(-inner.min()))


def _sample_peak(x: np.ndarray) -> float:
    return max(float(x.max()), float(-x.min())) if x.size else 0.0


def _padded(x: np.ndarray, start: int, stop: int) -> np.ndarray:
    """``x[start - 5 : stop + 6]`` as float32, with zeros outside the signal."""
    lo, hi = start - 5, stop + 6
    if lo >= 0 and hi <= len(x):
        return np.asarray(x[lo:hi], dtype=np.float32)
    out = np.zeros(hi - lo, dtype=np.float32)
    a, b = max(lo, 0), min(hi, len(x))
    out[a - lo : b - lo] = x[a:b]
    return out


def _loudest_chunk_peak(x: np.ndarray) -> float:
    """True peak of the chunk with the largest sample peak (0 for signals of one chunk or less).

    A value the meter would find anyway; knowing it from the start lets quieter chunks skip the
    oversampling (see ``peak_bound``).
    """
    whole = len(x) // CHUNK
    if whole < 2:
        return 0.0
    i = int(np.argmax([_sample_peak(x[k * CHUNK : (k + 1) * CHUNK]) for k in range(whole)]))
    return _max_peak(_padded(x, i * CHUNK, (i + 1) * CHUNK))


def _db(linear: float) -> float:
    return 20.0 * math.log10(linear) if linear > 0 else -math.inf


# --- streaming meter --------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _k_weighting(rate: int) -> tuple[np.ndarray, float]:
    meter = pyloudnorm.Meter(rate)
    sos, gain = [], 1.0
    for stage in meter._filters.values():
        sos.append(np.concatenate([stage.b, stage.a]))
        gain *= stage.passband_gain
    return np.array(sos), gain


class _SegmentEnergy:
    """The mean energy of each ``seg_len``-sample segment, from energies fed in chunks of any size; the
    segment not yet whole is kept as a running sum (``part_sum`` of ``part_n`` samples)."""

    seg_len: int
    segments: list[np.ndarray]
    part_sum: float
    part_n: int

    def _add_energy(self, energy: np.ndarray) -> None:
        k = self.seg_len
        first = min(k - self.part_n, energy.size)
        self.part_sum += float(energy[:first].sum())
        self.part_n += first
        if self.part_n < k:
            return
        self.segments.append(np.array([self.part_sum / k]))
        rest = energy[first:]
        whole = rest.size // k
        if whole:
            self.segments.append(rest[: whole * k].reshape(whole, k).mean(axis=1))
        left = rest[whole * k :]
        self.part_sum, self.part_n = float(left.sum()), left.size


class _Meter(_SegmentEnergy):
    """Integrated loudness and true peak of a signal fed to it in consecutive chunks."""

    def __init__(self, rate: int, known_peak: float = 0.0) -> None:
        """``known_peak``: a true-peak value already found in the signal to come, or 0."""
        self.rate = rate
        self.sos, self.gain = _k_weighting(rate)
        self.zi = np.zeros((self.sos.shape[0], 2))
        self.seg_len = max(1, int(round(rate * 0.1)))
        self.segments: list[np.ndarray] = []
        self.part_sum = 0.0
        self.part_n = 0
        self.tail = np.zeros(11, dtype=np.float32)  # last 11 samples seen (zeros before the start)
        self.peak = known_peak  # largest true peak computed so far
        self.count = 0
        # Per fed chunk: the peak of the intervals ending in it, and whether that is the exact 4×
        # value (True) or only an upper bound that could not raise the overall peak (False).
        self.chunk_peaks: list[float] = []
        self.chunk_exact: list[bool] = []

    def feed(self, chunk: np.ndarray, peak: float | None = None, *, exact: bool = True) -> None:
        """Add the next samples.

        ``peak`` may give the chunk's known true peak to save computing it, or with ``exact=False`` an
        upper bound of it. The oversampling is skipped whenever ``peak_bound()`` times the sample peak
        shows the chunk cannot raise the overall peak, so that stays exact.
        """
        if chunk.size == 0:
            return
        chunk = np.asarray(chunk, dtype=np.float32)
        self.count += chunk.size
        seg = np.concatenate([self.tail, chunk])
        if peak is None or not exact:
            bound = _sample_peak(seg) * peak_bound()
            if peak is not None:
                bound = min(bound, peak)
            if bound <= self.peak:
                peak, exact = bound, False
            else:
                peak, exact = _max_peak(seg), True
        self.chunk_peaks.append(peak)
        self.chunk_exact.append(exact)
        if exact:
            self.peak = max(self.peak, peak)
        self.tail = seg[-11:].copy()
        y, self.zi = scipy.signal.sosfilt(self.sos, chunk, zi=self.zi)
        self._add_energy(np.square(y, out=y))

    def result(self) -> tuple[float, float]:
        """(integrated LUFS, true peak dBTP); -inf for silence."""
        seg = np.concatenate([self.tail, np.zeros(6, dtype=np.float32)])
        peak = max(self.peak, _max_peak(seg)) if self.count else 0.0
        energies = np.concatenate(self.segments) if self.segments else np.zeros(0)
        energies = energies * self.gain**2
        if energies.size >= 4:
            c = np.concatenate([[0.0], np.cumsum(energies)])
            blocks = (c[4:] - c[:-4]) / 4.0
        elif self.count:
            total = float(energies.sum()) * self.seg_len + self.part_sum * self.gain**2
            blocks = np.array([total / self.count])
        else:
            blocks = np.zeros(0)
        return _gated(blocks), _db(peak)


def _gated(blocks: np.ndarray) -> float:
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10.0 * np.log10(blocks)
    above = blocks[levels >= SILENCE_LUFS]
    if above.size == 0:
        return -math.inf
    relative = -0.691 + 10.0 * math.log10(float(above.mean())) - 10.0
    kept = blocks[(levels >= SILENCE_LUFS) & (levels > relative)]
    if kept.size == 0:
        return -math.inf
    return -0.691 + 10.0 * math.log10(float(kept.mean()))


def measure(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """(integrated loudness in LUFS, true peak in dBTP) of mono samples; -inf for digital silence."""
    return _measure(_mono(samples), int(rate)).result()


def _measure(x: np.ndarray, rate: int) -> _Meter:
    meter = _Meter(rate, _loudest_chunk_peak(x))
    for start in range(0, len(x), CHUNK):
        meter.feed(x[start : start + CHUNK])
    return meter


def _mono(samples: np.ndarray) -> np.ndarray:
    x = np.asarray(samples)
    if x.ndim == 2:
        x = x.mean(axis=1)
    if x.ndim != 1:
        raise ValueError(f"expected mono samples, got shape {x.shape}")
    return x


# --- limiter ----------------------------------------------------------------------------------------


class _Release:
    """Peak hold with exponential release of the required gain reduction (in dB), carried across chunks."""

    def __init__(self, tau_samples: float) -> None:
        self.tau = tau_samples
        self.last = 0.0  # reduction at the previous sample

    def run(self, need_db: np.ndarray) -> np.ndarray:
        n = need_db.size
        carry = self.last * math.exp(-n / self.tau) if self.last > 0 else 0.0
        if not need_db.any():
            if self.last < 1e-6:
                self.last = 0.0
                return np.zeros(n, dtype=np.float64)
            out = self.last * np.exp(-np.arange(1, n + 1) / self.tau)
            self.last = carry
            return out
        idx = np.arange(n, dtype=np.float64) / self.tau
        with np.errstate(divide="ignore"):
            v = np.log(need_db) + idx
        np.maximum.accumulate(v, out=v)
        if self.last > 0:
            np.maximum(v, math.log(self.last) - 1.0 / self.tau, out=v)
        out = np.exp(v - idx)
        self.last = float(out[-1])
        return out


def _limit(
    src: np.ndarray,
    out: np.ndarray | None,
    rate: int,
    gain: float,
    threshold: float,
    meter: _Meter,
    src_peaks: _Meter | None = None,
) -> Generator[np.ndarray, None, bool]:
    """Write ``src * gain``, limited so its 4× true peak stays under ``threshold``, to ``out``.

    A generator: it yields each finished output chunk (a view into ``out``, or into a reused buffer
    when ``out`` is None and only the metering matters) and returns whether any gain reduction
    happened. ``out`` may be ``src``: ``src`` is read one chunk ahead of the writing. Every output chunk
    is also fed to ``meter``. ``src_peaks``, a meter that has already seen all of ``src`` in the same
    chunks, lets quiet chunks skip the peak search.
    """
    n = len(src)
    attack = max(2, int(round(ATTACK_S * rate)))
    release = _Release(RELEASE_S * rate)
    limit_lin = threshold / gain
    thr_db = _db(threshold)
    known: list[float] | None = None
    exact: list[bool] | None = None
    src_peak = 0.0
    if src_peaks is not None and src_peaks.count == n:
        known, exact, src_peak = src_peaks.chunk_peaks, src_peaks.chunk_exact, src_peaks.peak
    scratch = np.empty(min(n, CHUNK), dtype=np.float32)

    def reductions() -> Iterator[np.ndarray]:
        for i, start in enumerate(range(0, n, CHUNK)):
            stop = min(n, start + CHUNK)
            need = np.zeros(stop - start, dtype=np.float64)
            if known is not None:
                bound = known[i + 1] if i + 1 < len(known) else src_peak
                if max(known[i], bound) <= limit_lin:
                    yield release.run(need)
                    continue
            peaks = _interval_peaks(_padded(src, start, stop))
            over = peaks > limit_lin
            if over.any():
                need[over] = 20.0 * np.log10(peaks[over] * gain) - thr_db
            yield release.run(need)

    chunks = reductions()
    cur = next(chunks, None)
    before = np.zeros(attack - 1)
    engaged = was_engaged = False
    start = i = 0
    while cur is not None:
        nxt = next(chunks, None)
        after = np.zeros(attack - 1)
        if nxt is not None:
            k = min(attack - 1, nxt.size)
            after[:k] = nxt[:k]
        stop = start + cur.size
        dest = out[start:stop] if out is not None else scratch[: cur.size]
        ext = np.concatenate([before, cur, after])
        out_peak, out_exact = None, True
        if ext.any():
            engaged = was_engaged = True
            held = scipy.ndimage.maximum_filter1d(ext, size=attack, mode="nearest")
            m = held[attack // 2 : attack // 2 + cur.size + attack - 1]  # max over [j, j + attack)
            c = np.concatenate([[0.0], np.cumsum(m)])
            smooth_db = (c[attack : attack + cur.size] - c[: cur.size]) / attack
            factor = (gain * np.power(10.0, -smooth_db / 20.0)).astype(np.float32)
            np.multiply(src[start:stop], factor, out=dest, casting="unsafe")
        else:
            if known is not None and exact is not None and not was_engaged:
                out_peak, out_exact = known[i] * gain, exact[i]
            was_engaged = False
            np.multiply(src[start:stop], np.float32(gain), out=dest, casting="unsafe")
        meter.feed(dest, out_peak, exact=out_exact)
        yield dest
        tail = np.concatenate([before, cur])[-(attack - 1) :]
        before = tail if tail.size == attack - 1 else np.concatenate([np.zeros(attack - 1 - tail.size), tail])
        cur, start, i = nxt, stop, i + 1
    return engaged


def _drain(gen: Generator[object, None, T]) -> T:
    """Run a generator to its end and return its return value."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def _chunks_of(x: np.ndarray) -> Iterator[np.ndarray]:
    for start in range(0, len(x), CHUNK):
        yield np.asarray(x[start : start + CHUNK], dtype=np.float32)


#: Signals at least this many chunks long get their first limiter gain predicted from a sample.
_PREDICT_MIN_CHUNKS = 48
#: Chunks in that sample (evenly spread over the signal).
_PREDICT_CHUNKS = 48


def _predicted_step(x: np.ndarray, rate: int, in_lufs: float, target_lufs: float, threshold_db: float) -> float:
    """Gain (dB) for the first limiter pass, so that the loudness the limiter takes away is made up.

    Tried on evenly spread chunks of a long signal: the loudness change a gain and limiter cause there
    stands for the change over the whole. Only a starting point; ``normalize`` measures the full result.
    """
    step = target_lufs - in_lufs
    whole = len(x) // CHUNK
    if whole < _PREDICT_MIN_CHUNKS:
        return step
    picks = np.unique(np.linspace(0, whole - 1, _PREDICT_CHUNKS).round().astype(int))
    sample = np.concatenate([np.asarray(x[i * CHUNK : (i + 1) * CHUNK], dtype=np.float32) for i in picks])
    sample_meter = _measure(sample, rate)
    sample_lufs = sample_meter.result()[0]
    if not math.isfinite(sample_lufs):
        return step
    threshold = 10.0 ** (threshold_db / 20.0)
    prev: tuple[float, float] | None = None
    for _ in range(4):
        meter = _Meter(rate)
        _drain(_limit(sample, None, rate, 10.0 ** (step / 20.0), threshold, meter, sample_meter))
        out_lufs = in_lufs + meter.result()[0] - sample_lufs
        if not math.isfinite(out_lufs):
            return target_lufs - in_lufs
        miss = target_lufs - out_lufs
        if abs(miss) <= 0.05:
            break
        efficiency = 1.0
        if prev is not None and step != prev[0]:
            efficiency = min(1.0, max(0.15, (out_lufs - prev[1]) / (step - prev[0])))
        prev = (step, out_lufs)
        step = min(step + 12.0, step + miss / efficiency)
    return step


def _passes(
    samples: np.ndarray, rate: int, target_lufs: float, ceiling_dbtp: float, in_place: bool
) -> Generator[np.ndarray | None, None, tuple[np.ndarray, LoudnessReport]]:
    """The work of ``normalize``, yielding each output chunk as soon as it is final for its pass.

    A ``None`` means the chunks yielded since the start (or the previous ``None``) are void: that pass
    missed the target and another one follows. Returns what ``normalize`` returns.
    """
    x = _mono(samples)
    rate = int(rate)
    in_meter = _measure(x, rate)
    in_lufs, in_tp = in_meter.result()
    if not math.isfinite(in_lufs) or in_lufs < SILENCE_LUFS:
        yield from _chunks_of(x)
        return samples, LoudnessReport(
            in_lufs, in_lufs, in_tp, 0.0, False, "Silent or nearly silent: left unchanged."
        )
    if in_place:
        if x is not samples or x.dtype != np.float32 or not x.flags.writeable:
            raise ValueError("in-place normalisation needs a writable 1-D float32 array")
        out = x
    else:
        out = np.empty(len(x), dtype=np.float32)
    gain_db = target_lufs - in_lufs
    if in_tp + gain_db <= ceiling_dbtp:
        g = np.float32(10.0 ** (gain_db / 20.0))
        for start in range(0, len(x), CHUNK):
            np.multiply(x[start : start + CHUNK], g, out=out[start : start + CHUNK], casting="unsafe")
            yield out[start : start + CHUNK]
        return out, LoudnessReport(in_lufs, in_lufs + gain_db, in_tp + gain_db, gain_db, False)

    threshold_db = ceiling_dbtp - HEADROOM_DB
    step_db = gain_db = _predicted_step(x, rate, in_lufs, target_lufs, threshold_db)
    src, src_meter = x, in_meter
    out_lufs, out_tp = in_lufs, in_tp
    prev_lufs: float | None = None
    passes = 4
    for k in range(passes):
        meter = _Meter(rate)
        limiter = _limit(src, out, rate, 10.0 ** (step_db / 20.0), 10.0 ** (threshold_db / 20.0), meter, src_meter)
        yield from limiter
        out_lufs, out_tp = meter.result()
        src, src_meter = out, meter
        peak_ok = out_tp <= ceiling_dbtp
        if (peak_ok and abs(out_lufs - target_lufs) <= LOUDNESS_TOLERANCE_LU) or k == passes - 1:
            break
        yield None
        # Extra gain on the limited signal mostly lands in the limiter: scale the next step by how
        # much of the last one came through as loudness (secant step, bounded).
        if prev_lufs is not None and step_db > 0:
            efficiency = min(1.0, max(0.15, (out_lufs - prev_lufs) / step_db))
        else:
            efficiency = 1.0
        prev_lufs = out_lufs
        step_db = min(12.0, (target_lufs - out_lufs) / efficiency)
        if not peak_ok:
            threshold_db -= out_tp - ceiling_dbtp + 0.05
    note = ""
    if abs(out_lufs - target_lufs) > 0.5:
        note = f"Peaks kept the loudness at {out_lufs:.1f} LUFS instead of {target_lufs:.1f}."
    return out, LoudnessReport(in_lufs, out_lufs, out_tp, gain_db, True, note)


class NormalizeStream:
    """``normalize`` as an iterable of output chunks, so the result can be encoded while it is made.

    Iterating (once) runs the normalisation and yields float32 chunks of the output, in order, each as
    soon as it is final for the pass being made. ``None`` in between means every chunk since the start
    (or the previous ``None``) is void, because that pass missed the target: the chunks of the next
    pass follow. A pass that passes the checks is the last, so a consumer that restarts at each
    ``None`` ends up with exactly the output. The chunks are views into the output (or the input, for
    silence) and are not changed again until the next ``None``. Afterwards ``samples`` and ``report``
    hold what ``normalize`` returns.
    """

    def __init__(
        self,
        samples: np.ndarray,
        rate: int,
        target_lufs: float = -16.0,
        ceiling_dbtp: float = -1.0,
        *,
        in_place: bool = False,
    ) -> None:
        self._work = _passes(samples, rate, target_lufs, ceiling_dbtp, in_place)
        self.samples: np.ndarray | None = None
        self.report: LoudnessReport | None = None

    def __iter__(self) -> Iterator[np.ndarray | None]:
        self.samples, self.report = yield from self._work


def normalize(
    samples: np.ndarray,
    rate: int,
    target_lufs: float = -16.0,
    ceiling_dbtp: float = -1.0,
    *,
    in_place: bool = False,
) -> tuple[np.ndarray, LoudnessReport]:
    """Bring mono ``samples`` to ``target_lufs`` with true peaks at or under ``ceiling_dbtp``.

    A plain gain when it keeps the peaks under the ceiling; otherwise gain plus the look-ahead limiter,
    repeated (on its own output) until the loudness is within 0.3 LU of the target and the true peak
    under the ceiling, at most 4 passes. On long signals the first pass's gain already allows for what
    the limiter will take away (tried on a sample of the signal), so one pass is usually enough.
    Silence and near-silence come back unchanged. With ``in_place`` the input array is overwritten
    instead of copied (it must then be a writable float32 array). ``NormalizeStream`` does the same
    work chunk by chunk.
    """
    return _drain(_passes(samples, rate, target_lufs, ceiling_dbtp, in_place))
