"""Joining an offline engine's spoken pieces with silences of exact length (pause markers, ``<#0.8#>``).

A pause is measured where a listener hears it: from where the sound before it fades below a threshold to
where the sound after it rises above it. Each piece keeps at most a short tail and head of its own quiet
edges; the rest of the pause is digital silence, so the quiet stretch is the marker's length to the sample.
Pure numpy, no Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

EDGE_S = 0.04  # how much of a piece's own quiet edge is kept next to a pause


def _loud(audio: np.ndarray, threshold: float) -> tuple[int, int] | None:
    loud = np.flatnonzero(np.abs(audio) > threshold)
    return (int(loud[0]), int(loud[-1]) + 1) if loud.size else None


def join_with_pauses(pieces: Sequence[tuple[np.ndarray, float]], rate: int,
                     threshold: float) -> tuple[np.ndarray, list[int]]:
    """``pieces`` of (audio, seconds of silence after it) joined into one array, and for each piece where
    its sample 0 falls in the result (add it to a time inside the piece, in samples, to place that time).

    A piece with no sound above ``threshold`` adds only its silence. The quiet between two pieces'
    sounds, and before the first and after the last when a pause stands there, is exactly the pause.
    """
    dtype = pieces[0][0].dtype if pieces else np.dtype(np.float32)
    edge = int(EDGE_S * rate)
    out: list[np.ndarray] = []
    offsets: list[int] = []
    at = 0
    lead = 0.0  # silence owed before the next sound
    prev_tail: int | None = None  # quiet samples kept after the sound before (None: no sound yet)
    for audio, pause in pieces:
        span = _loud(audio, threshold) if audio.size else None
        if span is None:
            offsets.append(at)
            lead += pause
            continue
        start, end = span
        want = int(round(lead * rate))
        if prev_tail is None and want == 0:
            head, zeros = start, 0  # nothing asked for before the first sound: keep its own start
        else:
            head = min(start, edge, want // 2 if prev_tail is not None else want)
            zeros = max(0, want - head - (prev_tail or 0))
        if zeros:
            out.append(np.zeros(zeros, dtype))
            at += zeros
        cut = start - head
        offsets.append(at - cut)
        kept = len(audio) - end
        tail = min(kept, edge, int(round(pause * rate)) // 2) if pause > 0 else kept
        body = audio[cut:end + tail]
        out.append(body)
        at += len(body)
        prev_tail, lead = tail, pause
    if lead > 0:
        rest = int(round(lead * rate)) - (prev_tail or 0)
        if rest > 0:
            out.append(np.zeros(rest, dtype))
    return (np.concatenate(out) if out else np.zeros(0, dtype)), offsets
