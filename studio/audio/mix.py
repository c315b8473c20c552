"""Mixdown: takes placed on one preallocated float32 buffer, overlapping takes adding up.

Lives here: ``mixdown`` and ``stems`` (one buffer per group, e.g. per role, all the same length).
Placements come from ``studio.domain.timeline``; samples must already be mono at the mix rate.
Does not live here: decoding, resampling, loudness, encoding, or any Qt code.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

import numpy as np

from studio.domain.timeline import Placement

K = TypeVar("K", bound=Hashable)


def length_for(total_ms: int, rate: int) -> int:
    """Number of samples of a buffer ``total_ms`` long at ``rate`` Hz."""
    return int(round(total_ms * rate / 1000))


def _materialise(
    clips: Iterable[tuple[Placement, np.ndarray]], total_ms: int | None
) -> tuple[Iterable[tuple[Placement, np.ndarray]], int]:
    if total_ms is not None:
        return clips, total_ms
    listed = clips if isinstance(clips, Sequence) else list(clips)
    return listed, max((p.end_ms for p, _ in listed), default=0)


def _add(buf: np.ndarray, placement: Placement, samples: np.ndarray, rate: int) -> None:
    clip = np.asarray(samples)
    if clip.ndim != 1:
        raise ValueError(f"line {placement.line_id}: mixdown takes mono (1-D) samples, got shape {clip.shape}")
    start = length_for(placement.start_ms, rate)
    if start >= len(buf) or clip.size == 0:
        return
    end = min(len(buf), start + clip.size)
    buf[start:end] += clip[: end - start]


def mixdown(
    clips: Iterable[tuple[Placement, np.ndarray]], rate: int, total_ms: int | None = None
) -> np.ndarray:
    """Sum every clip into one float32 buffer of exactly ``round(total_ms * rate / 1000)`` samples.

    A clip starts at ``round(start_ms * rate / 1000)`` and keeps all its samples (its placement's
    duration is not used to trim it); whatever runs past the buffer's end is cut. ``total_ms``
    defaults to the latest placement end. ``clips`` may be a generator when ``total_ms`` is given,
    so takes can be decoded one at a time.
    """
    items, total = _materialise(clips, total_ms)
    buf = np.zeros(length_for(total, rate), dtype=np.float32)
    for placement, samples in items:
        _add(buf, placement, samples, rate)
    return buf


def stems(
    clips: Iterable[tuple[Placement, np.ndarray]],
    group_of: Mapping[int, K] | Callable[[Placement], K],
    rate: int,
    total_ms: int | None = None,
) -> dict[K, np.ndarray]:
    """One mixdown per group, all the same length as the full mixdown would be.

    ``group_of`` maps a line id to its group (e.g. its role id) or is a function of the placement.
    Lines missing from a mapping go to the group ``None``. The stems sum to ``mixdown(...)``.
    """
    items, total = _materialise(clips, total_ms)
    n = length_for(total, rate)
    out: dict[K, np.ndarray] = {}
    for placement, samples in items:
        if callable(group_of):
            key = group_of(placement)
        else:
            key = group_of.get(placement.line_id)  # type: ignore[assignment]
        buf = out.get(key)
        if buf is None:
            buf = out[key] = np.zeros(n, dtype=np.float32)
        _add(buf, placement, samples, rate)
    return out
