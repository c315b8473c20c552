"""A light forced alignment of a take's audio to its text: energy and voicing, matched against syllables.

No acoustic model is involved. The method, in four steps:

1. **Activity.** Frame energy (25 ms windows every 10 ms) in dB; a frame is *active* above a threshold
   set between the take's noise floor and its loud frames (``max(peak − 38 dB, floor + 25 % of the
   range)``). Holes shorter than 40 ms (stop closures) are filled, blips shorter than 30 ms dropped. The
   first and last active frames are the take's *speech span* (leading and trailing silence trimmed).
2. **Pauses.** Silent runs of at least 80 ms inside the span are pause candidates. The text's
   punctuation boundaries (，。, . ! ?) are matched to them by dynamic programming: a boundary's expected
   time (syllable weights spread over the span) against the pause's middle, with a cost for a comma said
   without a pause and for a long pause left unmatched. Matched pauses cut the line into phrases.
3. **Syllables.** Inside a phrase each unit (a Han character, an English word by its vowel groups and
   letters, a number by its digits — ``studio.domain.words.syllable_weights``) gets a share of the
   phrase's *active* time in proportion to its weight, so unmatched silences fall between units instead
   of stretching them.
4. **Dips.** Each boundary inside a phrase moves to the deepest energy dip within a third of the shorter
   neighbour's length, when that dip is at least 3 dB below the energy where the boundary fell:
   syllables are loud in their vowels and quiet between them.

Measured against Kokoro's own phoneme durations (``tests/bench/bench_word_timing.py``), word starts land
within about a syllable's quarter on Mandarin and a little worse on English, whose word boundaries often
have no energy dip. It needs only numpy. Must not live here: decoding of project takes, engine names.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from studio.domain.words import Span, syllable_weights

HOP_MS = 10
WINDOW_MS = 25
MIN_PAUSE_MS = 80
FILL_HOLE_MS = 40
DROP_BLIP_MS = 30
DIP_DB = 3.0


@dataclass(frozen=True)
class Activity:
    """Frame energies (dB, one per ``HOP_MS``) and which frames carry speech."""

    db: np.ndarray
    active: np.ndarray  # bool per frame
    hop_ms: int = HOP_MS

    @property
    def span(self) -> tuple[int, int] | None:
        """(first active frame, one past the last), or None when nothing is heard."""
        idx = np.flatnonzero(self.active)
        return (int(idx[0]), int(idx[-1]) + 1) if idx.size else None


def frame_energy(samples: np.ndarray, rate: int) -> np.ndarray:
    """Energy in dB of each 25 ms window, every 10 ms."""
    x = np.asarray(samples, dtype=np.float64).ravel()
    hop = max(1, rate * HOP_MS // 1000)
    win = max(hop, rate * WINDOW_MS // 1000)
    frames = max(0, 1 + (len(x) - 1) // hop) if len(x) else 0
    if frames == 0:
        return np.zeros(0)
    pad = np.concatenate([x, np.zeros(win)])
    sq = np.concatenate([[0.0], np.cumsum(pad * pad)])
    starts = np.arange(frames) * hop
    energy = (sq[starts + win] - sq[starts]) / win
    return 10.0 * np.log10(energy + 1e-12)


def _runs(mask: np.ndarray, value: bool) -> list[tuple[int, int]]:
    """(start, end) of each run of ``value`` in ``mask``."""
    m = np.concatenate([[False], mask == value, [False]]).astype(np.int8)
    d = np.diff(m)
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist(), strict=True))


def activity(samples: np.ndarray, rate: int) -> Activity:
    db = frame_energy(samples, rate)
    if db.size == 0:
        return Activity(db, np.zeros(0, bool))
    peak = float(np.percentile(db, 95))
    floor = float(np.percentile(db, 10))
    threshold = max(peak - 38.0, floor + 0.25 * (peak - floor))
    active = db > threshold
    if peak < -70.0:  # digital silence or near it
        active[:] = False
    for s, e in _runs(active, False):
        if s > 0 and e < len(active) and (e - s) * HOP_MS < FILL_HOLE_MS:
            active[s:e] = True
    for s, e in _runs(active, True):
        if (e - s) * HOP_MS < DROP_BLIP_MS:
            active[s:e] = False
    return Activity(db, active)


def speech_span_ms(samples: np.ndarray, rate: int) -> tuple[int, int] | None:
    """Where speech starts and ends in ``samples`` (ms), leading and trailing silence left out."""
    span = activity(samples, rate).span
    return None if span is None else (span[0] * HOP_MS, min(span[1] * HOP_MS, round(len(samples) * 1000 / rate)))


def _match_pauses(expected: list[float], pauses: list[tuple[int, int]], length: float) -> dict[int, int]:
    """Boundary index -> pause index, monotonic, by dynamic programming (see the module's step 2)."""
    k, g = len(expected), len(pauses)
    if not k or not g:
        return {}
    skip_boundary = 0.6
    skip_pause = [0.3 + 0.004 * (e - s) * HOP_MS for s, e in pauses]
    mids = [(s + e) / 2 for s, e in pauses]
    inf = float("inf")
    cost = np.full((k + 1, g + 1), inf)
    move = np.zeros((k + 1, g + 1), np.int8)  # 1 match, 2 skip boundary, 3 skip pause
    cost[0, 0] = 0.0
    for i in range(k + 1):
        for j in range(g + 1):
            here = cost[i, j]
            if here == inf:
                continue
            if i < k and j < g:
                c = here + 10.0 * abs(expected[i] - mids[j]) / max(1.0, length)
                if c < cost[i + 1, j + 1]:
                    cost[i + 1, j + 1], move[i + 1, j + 1] = c, 1
            if i < k and here + skip_boundary < cost[i + 1, j]:
                cost[i + 1, j], move[i + 1, j] = here + skip_boundary, 2
            if j < g and here + skip_pause[j] < cost[i, j + 1]:
                cost[i, j + 1], move[i, j + 1] = here + skip_pause[j], 3
    out: dict[int, int] = {}
    i, j = k, g
    while i or j:
        m = move[i, j]
        if m == 1:
            out[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif m == 2:
            i -= 1
        else:
            j -= 1
    return out


def _distribute(weights: list[float], active: np.ndarray, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) frames of each unit in ``[start, end)``, sharing its active frames by weight."""
    n = len(weights)
    seg = active[start:end]
    cum = np.concatenate([[0], np.cumsum(seg)])
    total = int(cum[-1])
    if total == 0 or end <= start:  # nothing heard in the phrase: share its length instead
        length = max(0, end - start)
        acc = np.concatenate([[0.0], np.cumsum(weights)]) / max(1e-9, sum(weights))
        return [(start + round(length * acc[i]), start + round(length * acc[i + 1])) for i in range(n)]
    acc = np.cumsum(weights) / max(1e-9, sum(weights)) * total
    out: list[tuple[int, int]] = []
    s = start
    for i in range(n):
        if i == n - 1:
            e = end
        else:
            e = start + int(np.searchsorted(cum, acc[i] - 1e-9, side="left"))
            e = max(s, min(e, end))
        out.append((s, e))
        nxt = e
        while nxt < end and not active[nxt]:  # the next unit starts where sound does
            nxt += 1
        s = nxt if i < n - 1 and nxt < end else e
    return out


def _refine(bounds: list[tuple[int, int]], db: np.ndarray) -> list[tuple[int, int]]:
    """Move each inner boundary to a nearby energy dip (module step 4)."""
    if len(bounds) < 2:
        return bounds
    smooth = np.convolve(db, np.ones(3) / 3.0, mode="same") if db.size >= 3 else db
    out = [list(b) for b in bounds]
    for i in range(len(out) - 1):
        left, right = out[i], out[i + 1]
        if left[1] != right[0]:
            continue  # a silence between them already marks the boundary
        b = left[1]
        reach = max(1, min(left[1] - left[0], right[1] - right[0]) // 3)
        lo, hi = max(left[0] + 1, b - reach), min(right[1] - 1, b + reach)
        if hi <= lo or b >= len(smooth):
            continue
        window = smooth[lo:hi + 1]
        best = lo + int(np.argmin(window))
        if smooth[min(b, len(smooth) - 1)] - smooth[best] >= DIP_DB:
            left[1] = right[0] = best
    return [(a, b) for a, b in out]


@dataclass(frozen=True)
class Alignment:
    spans: list[Span]
    speech_ms: tuple[int, int] | None  # the speech span, None when nothing was heard
    pauses_matched: int = 0


def align_text(samples: np.ndarray, rate: int, text: str, language: str) -> Alignment:
    """Each unit of ``text`` (what was spoken) timed in ``samples`` (see the module docstring). When no
    speech is heard the spans are empty and ``speech_ms`` is None."""
    act = activity(samples, rate)
    span = act.span
    units = syllable_weights(text, language)
    duration_ms = round(len(samples) * 1000 / rate) if rate else 0
    if span is None or not units:
        return Alignment([], None)
    first, last = span
    speech_ms = (first * HOP_MS, min(last * HOP_MS, duration_ms))
    pauses = [(s, e) for s, e in _runs(act.active[first:last], False) if (e - s) * HOP_MS >= MIN_PAUSE_MS]
    pauses = [(s + first, e + first) for s, e in pauses]
    # Expected frame of each punctuation boundary: weights and pauses spread over the speech span.
    total = sum(w + p for _, _, w, p in units)
    t = 0.0
    expected: dict[int, float] = {}
    for i, (_, _, w, p) in enumerate(units):
        if i and p > 0:
            expected[i] = first + (last - first) * (t + p / 2) / total
        t += w + p
    boundaries = sorted(expected)
    matched = _match_pauses([expected[b] for b in boundaries], pauses, last - first)
    cuts = {boundaries[bi]: pauses[pj] for bi, pj in matched.items()}
    frames: list[tuple[int, int]] = []
    group_start, seg_start = 0, first
    for i in range(1, len(units) + 1):
        if i < len(units) and i not in cuts:
            continue
        seg_end = cuts[i][0] if i < len(units) else last
        weights = [units[k][2] for k in range(group_start, i)]
        bounds = _distribute(weights, act.active, seg_start, seg_end)
        frames.extend(_refine(bounds, act.db))
        if i < len(units):
            group_start, seg_start = i, cuts[i][1]
    # A frame's window runs 25 ms from its start: its energy speaks of the window's middle.
    centre = (WINDOW_MS - HOP_MS) // 2

    def ms(frame: int) -> int:
        return min(frame * HOP_MS + (centre if 0 < frame < len(act.db) else 0), duration_ms)

    spans = [Span(text[b:e], ms(s), ms(f)) for (b, e, _, _), (s, f) in zip(units, frames, strict=True)]
    return Alignment(spans, speech_ms, len(cuts))
