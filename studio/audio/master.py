"""Loudness for a mix that is made block by block: measure it in one streamed pass, then apply the gain and
the true-peak limiter in a second streamed pass on the way to the encoder.

Lives here: ``StreamMeter`` (BS.1770-4 integrated loudness of mono or multichannel blocks, channel
energies summed, and the 4× oversampled true peak of every channel), ``StreamLimiter`` (the look-ahead
limiter of ``studio.audio.loudness`` with its gain linked across channels, fed and drained block by block)
and ``Mastering``, which runs the passes: ``analyse`` every block of the mix, ``plan``, then ``process``
every block again (a fresh mix of the same signal) and ``finish_pass``; when a pass misses the target
(the limiter took more loudness than predicted) ``finish_pass`` says so and the caller mixes once more.
The gain of the first output pass already allows for what the limiter will take away: it is tried on
chunks spread over the whole signal kept during the analysis (the whole signal when it is short).
Memory does not grow with the signal's length. Does not live here: mixing, decoding, encoding, Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.ndimage
import scipy.signal

from studio.audio.loudness import (
    ATTACK_S,
    HEADROOM_DB,
    LOUDNESS_TOLERANCE_LU,
    RELEASE_S,
    SILENCE_LUFS,
    LoudnessReport,
    _gated,
    _interval_peaks,
    _k_weighting,
    _max_peak,
    _Release,
    _SegmentEnergy,
    peak_bound,
)

#: Frames the limiter works on at a time.
CHUNK = 1 << 16
#: Frames of the signal kept during the analysis to predict the limiter's effect (about 33 s at 48 kHz).
SAMPLE_FRAMES = 24 * CHUNK
#: Chunks mixed again to predict the limiter, chosen across peak levels (``Mastering.plan``'s ``render``).
STRATA = 24
#: Passes through the limiter at most (each one a fresh mix).
MAX_PASSES = 4


def _db(linear: float) -> float:
    return 20.0 * math.log10(linear) if linear > 0 else -math.inf


def _frames(block: np.ndarray, channels: int) -> np.ndarray:
    x = np.asarray(block, dtype=np.float32)
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2 or x.shape[1] != channels:
        raise ValueError(f"expected frames × {channels} samples, got shape {x.shape}")
    return x


class StreamMeter(_SegmentEnergy):
    """Integrated loudness (BS.1770-4) and true peak of a signal fed in consecutive blocks of any size."""

    def __init__(self, rate: int, channels: int = 1, *, true_peak: bool = True) -> None:
        """With ``true_peak=False`` only the loudness is measured (the peak reads -inf)."""
        self.rate = int(rate)
        self.channels = int(channels)
        self.true_peak = true_peak
        sos, self.gain = _k_weighting(self.rate)
        self.sos = sos
        self.zi = np.zeros((sos.shape[0], 2, self.channels))
        self.seg_len = max(1, int(round(self.rate * 0.1)))
        self.segments: list[np.ndarray] = []
        self.part_sum = 0.0
        self.part_n = 0
        self.tail = np.zeros((11, self.channels), dtype=np.float32)
        self.peak = 0.0
        self.frames = 0
        self.bound = peak_bound()
        #: K-weighted energy of each whole CHUNK of frames from the start (kept when ``grid`` is set).
        self.grid = False
        self.chunk_energy: list[float] = []
        self._grid_sum = 0.0
        self._grid_fill = 0

    def _add_grid(self, energy: np.ndarray) -> None:
        pos = 0
        while pos < energy.size:
            take = min(CHUNK - self._grid_fill, energy.size - pos)
            self._grid_sum += float(energy[pos:pos + take].sum())
            self._grid_fill += take
            pos += take
            if self._grid_fill == CHUNK:
                self.chunk_energy.append(self._grid_sum * self.gain**2)
                self._grid_sum, self._grid_fill = 0.0, 0

    def gated_frames(self) -> int:
        """About how many frames the integrated loudness's gated blocks cover (blocks advance 100 ms)."""
        energies = np.concatenate(self.segments) * self.gain**2 if self.segments else np.zeros(0)
        if energies.size < 4:
            return self.frames
        sums = np.concatenate([[0.0], np.cumsum(energies)])
        blocks = (sums[4:] - sums[:-4]) / 4.0
        lufs = _gated(blocks)
        if not math.isfinite(lufs):
            return 0
        with np.errstate(divide="ignore"):
            levels = -0.691 + 10.0 * np.log10(blocks)
        above = blocks[levels >= SILENCE_LUFS]
        relative = -0.691 + 10.0 * math.log10(float(above.mean())) - 10.0
        return int(((levels >= SILENCE_LUFS) & (levels > relative)).sum()) * self.seg_len

    def feed(self, block: np.ndarray) -> None:
        x = _frames(block, self.channels)
        n = len(x)
        if n == 0:
            return
        self.frames += n
        if self.true_peak:
            seg = np.concatenate([self.tail, x])
            for c in range(self.channels):
                col = np.ascontiguousarray(seg[:, c])
                top = max(float(col.max()), float(-col.min()))
                if top * self.bound > self.peak:  # else this block cannot raise the peak (``peak_bound``)
                    self.peak = max(self.peak, _max_peak(col))
            self.tail = seg[-11:].copy()
        y, self.zi = scipy.signal.sosfilt(self.sos, x, axis=0, zi=self.zi)
        sq = np.square(y, out=y)
        energy = sq[:, 0] if self.channels == 1 else sq.sum(axis=1)
        if self.grid:
            self._add_grid(energy)
        self._add_energy(energy)

    def result(self) -> tuple[float, float]:
        """(integrated LUFS, true peak dBTP); -inf for silence."""
        peak = self.peak
        if self.frames and self.true_peak:
            seg = np.concatenate([self.tail, np.zeros((6, self.channels), np.float32)])
            for c in range(self.channels):
                peak = max(peak, _max_peak(np.ascontiguousarray(seg[:, c])))
        energies = np.concatenate(self.segments) if self.segments else np.zeros(0)
        energies = energies * self.gain**2
        if energies.size >= 4:
            sums = np.concatenate([[0.0], np.cumsum(energies)])
            blocks = (sums[4:] - sums[:-4]) / 4.0
        elif self.frames:
            total = float(energies.sum()) * self.seg_len + self.part_sum * self.gain**2
            blocks = np.array([total / self.frames])
        else:
            blocks = np.zeros(0)
        return _gated(blocks), _db(peak)


class StreamLimiter:
    """``x * gain`` with its 4× true peak held under ``threshold`` (linear), fed and drained in blocks.

    The same limiter as ``studio.audio.loudness``: each sample's required reduction (from the oversampled
    peak of the interval it starts, at the gain), a peak hold with exponential release, then a look-ahead
    ramp, so the gain is already down when a peak arrives. One gain for every channel (linked), so the
    stereo image does not move. ``push`` returns the frames that are final so far (it lags about two
    chunks behind); ``finish`` returns the rest. Output frames equal input frames.
    """

    def __init__(self, rate: int, channels: int, gain: float, threshold: float, *,
                 interval_peaks: np.ndarray | None = None) -> None:
        """``interval_peaks``: the input's interval peaks (``interval_peaks_of``), when they are known
        already, for the whole input; they are then not computed again."""
        self.known = interval_peaks
        self.channels = int(channels)
        self.gain = float(gain)
        self.limit_lin = float(threshold) / self.gain
        self.thr_db = _db(threshold)
        self.attack = max(2, int(round(ATTACK_S * rate)))
        self.release = _Release(RELEASE_S * rate)
        self.bound = peak_bound()
        self.x = np.zeros((0, self.channels), dtype=np.float32)  # input frames [x0, x0 + len(x))
        self.x0 = 0
        self.received = 0
        self.r = np.zeros(0)  # reduction (dB) for frames [r0, r0 + len(r))
        self.r0 = 0
        self._r_parts: list[np.ndarray] = []  # reductions computed after ``r``, joined when needed
        self.out_done = 0
        self.engaged = False

    @property
    def r_done(self) -> int:
        return self.r0 + len(self.r) + sum(len(p) for p in self._r_parts)

    def push(self, block: np.ndarray) -> np.ndarray:
        x = _frames(block, self.channels)
        if len(x):
            self.x = np.concatenate([self.x, x]) if len(self.x) else x.copy()
            self.received += len(x)
        return self._drain(final=False)

    def finish(self) -> np.ndarray:
        return self._drain(final=True)

    def _x(self, start: int, stop: int) -> np.ndarray:
        """Input frames ``[start, stop)``, zeros outside what was received."""
        out = np.zeros((stop - start, self.channels), dtype=np.float32)
        a, b = max(start, self.x0), min(stop, self.x0 + len(self.x))
        if b > a:
            out[a - start: b - start] = self.x[a - self.x0: b - self.x0]
        return out

    def _reductions(self, final: bool) -> None:
        """Extend ``r`` by whole chunks while the input reaches 6 frames past them (or has ended)."""
        while True:
            start = self.r_done
            if start >= self.received:
                return
            stop = min(start + CHUNK, self.received)
            if not final and (stop - start < CHUNK or stop + 6 > self.received):
                return  # wait for a whole chunk and the samples its last interval needs
            need = np.zeros(stop - start, dtype=np.float64)
            if self.known is not None:
                peaks: np.ndarray | None = self.known[start:stop]
            else:
                seg = self._x(start - 5, stop + 6)
                top = max(float(seg.max()), float(-seg.min())) if seg.size else 0.0
                peaks = _peaks(seg) if top * self.bound > self.limit_lin else None
            if peaks is not None:
                over = peaks > self.limit_lin
                if over.any():
                    need[over] = 20.0 * np.log10(peaks[over] * self.gain) - self.thr_db
            self._r_parts.append(self.release.run(need))

    def _drain(self, final: bool) -> np.ndarray:
        self._reductions(final)
        if self._r_parts:
            self.r = np.concatenate([self.r, *self._r_parts])
            self._r_parts = []
        a = self.attack
        end = self.received if final else min(self.received, self.r_done - (a - 1))
        outs = []
        while self.out_done < end:
            o = self.out_done
            m_frames = min(CHUNK, end - o)
            lo, hi = o - (a - 1), o + m_frames + (a - 1)
            ext = np.zeros(hi - lo)
            ra, rb = max(lo, self.r0), min(hi, self.r_done)
            if rb > ra:
                ext[ra - lo: rb - lo] = self.r[ra - self.r0: rb - self.r0]
            x = self._x(o, o + m_frames)
            if ext.any():
                self.engaged = True
                held = scipy.ndimage.maximum_filter1d(ext, size=a, mode="nearest")
                m = held[a // 2: a // 2 + m_frames + a - 1]
                c = np.concatenate([[0.0], np.cumsum(m)])
                smooth_db = (c[a: a + m_frames] - c[:m_frames]) / a
                factor = (self.gain * np.power(10.0, -smooth_db / 20.0)).astype(np.float32)
                y = x * factor[:, None]
            else:
                y = x * np.float32(self.gain)
            outs.append(y)
            self.out_done = o + m_frames
        self._trim()
        if not outs:
            return np.zeros((0, self.channels), dtype=np.float32)
        return outs[0] if len(outs) == 1 else np.concatenate(outs)

    def _trim(self) -> None:
        keep_x = min(self.out_done, self.r_done - 5)
        if keep_x > self.x0:
            self.x = self.x[keep_x - self.x0:]
            self.x0 = keep_x
        keep_r = self.out_done - (self.attack - 1)
        if keep_r > self.r0:
            self.r = self.r[keep_r - self.r0:]
            self.r0 = keep_r


def _peaks(seg: np.ndarray) -> np.ndarray:
    """Interval peaks of frames × channels ``seg`` (5 frames before, 6 after), the largest over channels."""
    peaks = _interval_peaks(np.ascontiguousarray(seg[:, 0]))
    for c in range(1, seg.shape[1]):
        np.maximum(peaks, _interval_peaks(np.ascontiguousarray(seg[:, c])), out=peaks)
    return peaks


def interval_peaks_of(x: np.ndarray) -> np.ndarray:
    """The 4× peak of each interval between frames of ``x`` (frames × channels), largest over channels."""
    pad = np.zeros((len(x) + 11, x.shape[1]), dtype=np.float32)
    pad[5:5 + len(x)] = x
    return _peaks(pad)


def limit(x: np.ndarray, rate: int, gain: float, threshold: float, *,
          interval_peaks: np.ndarray | None = None) -> np.ndarray:
    """``StreamLimiter`` over a whole frames × channels array at once."""
    lim = StreamLimiter(rate, x.shape[1], gain, threshold, interval_peaks=interval_peaks)
    head = lim.push(x)
    return np.concatenate([head, lim.finish()])


@dataclass(frozen=True)
class PassPlan:
    """What one output pass does: a gain, and the limiter's threshold (None: the gain alone is enough)."""

    gain_db: float
    threshold_db: float | None


class Mastering:
    """Two (or more) streamed passes that bring a mix to ``target_lufs`` with true peaks under ``ceiling_dbtp``.

    Use: ``analyse`` each block of the mix; ``plan()``; then per pass ``process`` each block of a fresh mix
    of the same signal (it returns the output frames that are final so far), ``flush()``, and
    ``finish_pass()``, which is True when the pass was good (within 0.3 LU of the target, peaks under the
    ceiling) or the last one allowed; False means the output of that pass is void and another follows.
    ``report`` then says what was measured on the output.
    """

    def __init__(self, rate: int, channels: int, target_lufs: float, ceiling_dbtp: float, total_frames: int, *,
                 input_true_peak: bool = True) -> None:
        """``input_true_peak=False``: the analysis measures sample peaks only, and ``plan`` (given its
        ``render``) finds the true peak where it matters, from the chunks that could reach the ceiling."""
        self.rate = int(rate)
        self.channels = int(channels)
        self.target = float(target_lufs)
        self.ceiling = float(ceiling_dbtp)
        self.total = max(0, int(total_frames))
        self.meter_in = StreamMeter(self.rate, self.channels, true_peak=input_true_peak)
        self.meter_in.grid = True
        self._chunk_peaks: list[float] = []  # sample peak of each whole CHUNK of the input
        self._peak_acc = 0.0
        self._picks = self._choose_sample()
        self._sample: list[np.ndarray] = []
        self._pos = 0
        self.in_lufs = -math.inf
        self.in_tp = -math.inf
        self.plan_: PassPlan | None = None
        self._render: Callable[[int, int], np.ndarray] | None = None
        self.passes = 0
        self._first_gain = 0.0
        self._prev: tuple[float, float] | None = None  # (gain, output loudness) of the previous pass
        self._limiter: StreamLimiter | None = None
        self._meter_out: StreamMeter | None = None
        self.report: LoudnessReport | None = None
        #: Whether output passes measure their true peak (off when the caller measures the encoded file
        #: anyway: the report's true peak is then -inf and the limiter's threshold is trusted).
        self.output_true_peak = True

    # -- pass 1 ------------------------------------------------------------------------------------

    def _choose_sample(self) -> list[tuple[int, int]]:
        """Frame ranges kept for the prediction: everything when short, else chunks spread evenly."""
        if self.total <= SAMPLE_FRAMES:
            return [(0, self.total)]
        count = SAMPLE_FRAMES // CHUNK
        whole = self.total // CHUNK
        picks = np.unique(np.linspace(0, whole - 1, count).round().astype(int))
        return [(int(i) * CHUNK, (int(i) + 1) * CHUNK) for i in picks]

    def analyse(self, block: np.ndarray) -> None:
        x = _frames(block, self.channels)
        self.meter_in.feed(x)
        a, b = self._pos, self._pos + len(x)
        pos = a
        while pos < b:
            edge = min(b, (pos // CHUNK + 1) * CHUNK)
            part = x[pos - a: edge - a]
            if part.size:
                self._peak_acc = max(self._peak_acc, float(part.max()), float(-part.min()))
            if edge % CHUNK == 0:
                self._chunk_peaks.append(self._peak_acc)
                self._peak_acc = 0.0
            pos = edge
        for lo, hi in self._picks:
            if hi > a and lo < b:
                self._sample.append(x[max(lo, a) - a: min(hi, b) - a].copy())
        self._pos = b

    def plan(self, render: Callable[[int, int], np.ndarray] | None = None) -> PassPlan:
        """The first output pass, from the analysis (call once, after every block was analysed).

        ``render(start, stop)`` may give frames ``[start, stop)`` of the signal again (a block mix can
        make any window): the limiter's effect is then tried on the chunks it can touch, chosen across
        their peak levels, which predicts the loudness it takes far better than chunks taken at random."""
        self._render = render
        self.in_lufs, self.in_tp = self.meter_in.result()
        if self.silent:
            self.plan_ = PassPlan(0.0, None)
            return self.plan_
        gain_db = self.target - self.in_lufs
        if not self.meter_in.true_peak:
            self.in_tp = self._input_peak(gain_db)
        if self.in_tp + gain_db <= self.ceiling:
            self.plan_ = PassPlan(gain_db, None)
        else:
            threshold_db = self.ceiling - HEADROOM_DB
            self.plan_ = PassPlan(self._predicted_gain(threshold_db), threshold_db)
        self._sample = []
        self._first_gain = self.plan_.gain_db
        return self.plan_

    def _input_peak(self, gain_db: float) -> float:
        """The input's true peak (dBTP) as far as the plan needs it, when the analysis measured sample
        peaks only: the sample peak when that alone shows the limiter is needed, else the exact true peak
        of the chunks that could reach the ceiling (mixed again), else a bound that shows none can."""
        peaks = self._chunk_peaks + ([self._peak_acc] if self._peak_acc else [])
        top = max(peaks, default=0.0)
        if top <= 0:
            return -math.inf
        sample_db = _db(top)
        if sample_db + gain_db > self.ceiling or self._render is None:
            return sample_db if self._render is not None else _db(top * peak_bound())
        reach = 10.0 ** ((self.ceiling - gain_db) / 20.0)
        exact = sample_db
        for c, peak in enumerate(peaks):
            if peak * peak_bound() > reach:
                seg = _frames(self._render(c * CHUNK - 5, (c + 1) * CHUNK + 6), self.channels)
                for ch in range(self.channels):
                    exact = max(exact, _db(_max_peak(np.ascontiguousarray(seg[:, ch]))))
        return exact

    @property
    def silent(self) -> bool:
        return not math.isfinite(self.in_lufs) or self.in_lufs < SILENCE_LUFS

    def _predicted_gain(self, threshold_db: float) -> float:
        """A gain that, after the limiter, lands on the target: tried on the kept sample of the signal."""
        step = self.target - self.in_lufs
        if self._render is not None and self.total > SAMPLE_FRAMES:
            return self._stratified_gain(threshold_db)
        if not self._sample:
            return step
        sample = np.concatenate(self._sample)
        peaks = interval_peaks_of(sample)  # the same for every gain tried
        meter = StreamMeter(self.rate, self.channels, true_peak=False)
        meter.feed(sample)
        sample_lufs = meter.result()[0]
        if not math.isfinite(sample_lufs):
            return step
        threshold = 10.0 ** (threshold_db / 20.0)
        prev: tuple[float, float] | None = None
        for _ in range(4):
            out_meter = StreamMeter(self.rate, self.channels, true_peak=False)
            out_meter.feed(limit(sample, self.rate, 10.0 ** (step / 20.0), threshold, interval_peaks=peaks))
            out_lufs = self.in_lufs + out_meter.result()[0] - sample_lufs
            if not math.isfinite(out_lufs):
                return self.target - self.in_lufs
            miss = self.target - out_lufs
            if abs(miss) <= 0.05:
                break
            efficiency = 1.0
            if prev is not None and step != prev[0]:
                efficiency = min(1.0, max(0.15, (out_lufs - prev[1]) / (step - prev[0])))
            prev = (step, out_lufs)
            step = min(step + 12.0, step + miss / efficiency)
        return step

    def _stratified_gain(self, threshold_db: float) -> float:
        """The gain for the target, predicted on chunks the limiter can touch (``plan``'s ``render``).

        Chunks whose sample peak keeps them out of the limiter's reach lose nothing. Of the others, up
        to ``STRATA`` are mixed again (with some context on each side, for the limiter's memory), chosen
        evenly across their peak order; each stands for the chunks of similar peak, so the energy the
        limiter takes is summed over them all. The gated energy of the whole signal, known from the
        analysis, turns that into the loudness after the limiter."""
        assert self._render is not None
        step = self.target - self.in_lufs
        threshold = 10.0 ** (threshold_db / 20.0)
        energies = self.meter_in.chunk_energy
        peaks = np.array(self._chunk_peaks[: len(energies)])
        reach = peaks * peak_bound() * 10.0 ** ((step + 6.0) / 20.0) > threshold
        hot = np.flatnonzero(reach)
        if hot.size == 0:
            return step
        order = hot[np.argsort(peaks[hot], kind="stable")]
        ranks = np.unique(np.linspace(0, order.size - 1, min(STRATA, order.size)).round().astype(int))
        ctx = CHUNK // 8
        sos = self.meter_in.sos
        k_gain = self.meter_in.gain ** 2

        def k_energy(seg: np.ndarray) -> float:
            y = scipy.signal.sosfilt(sos, seg, axis=0)
            core = y[ctx: ctx + CHUNK]
            return float(np.square(core).sum()) * k_gain

        picked = []
        for r in ranks:
            c = int(order[r])
            seg = _frames(self._render(c * CHUNK - ctx, (c + 1) * CHUNK + ctx), self.channels)
            picked.append((r, seg, interval_peaks_of(seg), k_energy(seg)))
        total_gated = 10.0 ** ((self.in_lufs + 0.691) / 10.0) * max(1, self.meter_in.gated_frames())
        hot_energy = np.array([energies[int(c)] for c in order])
        prev: tuple[float, float] | None = None
        for _ in range(4):
            g = 10.0 ** (step / 20.0)
            fractions = []
            for _r, seg, seg_peaks, e_in in picked:
                if e_in <= 0:
                    fractions.append(0.0)
                    continue
                e_out = k_energy(limit(seg, self.rate, g, threshold, interval_peaks=seg_peaks))
                fractions.append(max(0.0, 1.0 - e_out / (e_in * g * g)))
            lost = float(np.dot(np.interp(np.arange(order.size), ranks, fractions), hot_energy))
            kept = max(1e-9, 1.0 - lost / total_gated)
            out_lufs = self.in_lufs + step + 10.0 * math.log10(kept)
            miss = self.target - out_lufs
            if abs(miss) <= 0.05:
                break
            efficiency = 1.0
            if prev is not None and step != prev[0]:
                efficiency = min(1.0, max(0.15, (out_lufs - prev[1]) / (step - prev[0])))
            prev = (step, out_lufs)
            step = min(step + 12.0, step + miss / efficiency)
        return step

    # -- output passes -----------------------------------------------------------------------------

    @property
    def gain(self) -> float:
        """The linear gain of the current pass (what stems get, without the limiter)."""
        assert self.plan_ is not None
        return 10.0 ** (self.plan_.gain_db / 20.0)

    def process(self, block: np.ndarray) -> np.ndarray:
        """Output frames of the current pass that are final so far (gain and limiter applied)."""
        assert self.plan_ is not None, "plan() first"
        if self._meter_out is None:
            self._start_pass()
        assert self._meter_out is not None
        x = _frames(block, self.channels)
        if self._limiter is None:
            y = x if self.plan_.gain_db == 0.0 else x * np.float32(self.gain)
        else:
            y = self._limiter.push(x)
        self._meter_out.feed(y)
        return y

    def flush(self) -> np.ndarray:
        """The rest of the current pass's output (the limiter's look-ahead)."""
        if self._meter_out is None:
            self._start_pass()
        assert self._meter_out is not None
        if self._limiter is None:
            return np.zeros((0, self.channels), dtype=np.float32)
        y = self._limiter.finish()
        self._meter_out.feed(y)
        return y

    def _start_pass(self) -> None:
        assert self.plan_ is not None
        self.passes += 1
        self._meter_out = StreamMeter(self.rate, self.channels, true_peak=self.output_true_peak)
        p = self.plan_
        self._limiter = None if p.threshold_db is None else \
            StreamLimiter(self.rate, self.channels, 10.0 ** (p.gain_db / 20.0), 10.0 ** (p.threshold_db / 20.0))

    def retry(self, gain_change_db: float = 0.0, overshoot_db: float = 0.0) -> None:
        """Start the passes again, ``gain_change_db`` louder and, when ``overshoot_db`` > 0, with the
        limiter that much (and 0.1 dB) lower: what a lossy encoder changed, found by measuring its file."""
        assert self.plan_ is not None
        p = self.plan_
        threshold = p.threshold_db
        if overshoot_db > 0 or (threshold is None and self.in_tp + p.gain_db + gain_change_db > self.ceiling):
            base = threshold if threshold is not None else min(self.ceiling - HEADROOM_DB, self.in_tp + p.gain_db)
            threshold = base - max(0.0, overshoot_db) - (0.1 if overshoot_db > 0 else 0.0)
        self.plan_ = PassPlan(p.gain_db + gain_change_db, threshold)
        self.passes = 0
        self._prev = None
        self.report = None

    def finish_pass(self) -> bool:
        """True when this pass's output is the result; False when another pass must follow."""
        assert self.plan_ is not None and self._meter_out is not None
        out_lufs, out_tp = self._meter_out.result()
        p = self.plan_
        limited = self._limiter is not None and self._limiter.engaged
        self._meter_out, self._limiter = None, None
        if self.silent:
            self.report = LoudnessReport(self.in_lufs, out_lufs, out_tp, 0.0, False,
                                         "Silent or nearly silent: left unchanged.")
            return True
        peak_ok = out_tp <= self.ceiling or not self.output_true_peak
        close = abs(out_lufs - self.target) <= LOUDNESS_TOLERANCE_LU
        if (peak_ok and close) or self.passes >= MAX_PASSES:
            note = ""
            if abs(out_lufs - self.target) > 0.5:
                note = f"Peaks kept the loudness at {out_lufs:.1f} LUFS instead of {self.target:.1f}."
            self.report = LoudnessReport(self.in_lufs, out_lufs, out_tp, p.gain_db, limited, note)
            return True
        # Another pass: a secant step on the gain (extra gain on a limited signal mostly lands in the
        # limiter), and a lower threshold if the peaks went over.
        efficiency = 1.0
        if self._prev is not None and p.gain_db != self._prev[0]:
            efficiency = min(1.0, max(0.15, (out_lufs - self._prev[1]) / (p.gain_db - self._prev[0])))
        self._prev = (p.gain_db, out_lufs)
        gain_db = p.gain_db + max(-12.0, min(12.0, (self.target - out_lufs) / efficiency))
        threshold = p.threshold_db if p.threshold_db is not None else self.ceiling - HEADROOM_DB
        if not peak_ok:
            threshold -= out_tp - self.ceiling + 0.05
        if p.threshold_db is None and self.in_tp + gain_db <= threshold:
            self.plan_ = PassPlan(gain_db, None)
        else:
            self.plan_ = PassPlan(gain_db, threshold)
        return False
