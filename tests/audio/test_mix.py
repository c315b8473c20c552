"""Mixdown and stems: buffer length, placement, overlaps adding, stems summing to the mix."""

from __future__ import annotations

import numpy as np
import pytest

from studio.audio.mix import mixdown, stems
from studio.domain.timeline import Placement, Slot, place

RATE = 24000


def ones(ms: int, value: float = 1.0) -> np.ndarray:
    return np.full(round(ms * RATE / 1000), value, dtype=np.float32)


def test_length_is_total_ms_exactly() -> None:
    clips = [(Placement(1, 0, 1000), ones(1000))]
    assert len(mixdown(clips, RATE, total_ms=2500)) == 60000
    assert len(mixdown(clips, 44100, total_ms=1001)) == round(1001 * 44100 / 1000)
    assert len(mixdown([], RATE, total_ms=0)) == 0


def test_default_length_is_latest_end_and_clips_land_at_their_start() -> None:
    placements = place([Slot(1, 1000, 0), Slot(2, 500, 250)])
    clips = [(placements[0], ones(1000, 0.25)), (placements[1], ones(500, 0.5))]
    out = mixdown(clips, RATE)
    assert out.dtype == np.float32
    assert len(out) == round(1750 * RATE / 1000)
    assert np.all(out[:24000] == 0.25)
    assert np.all(out[24000:30000] == 0.0)  # the 250 ms gap
    assert np.all(out[30000:] == 0.5)


def test_overlapping_clips_add() -> None:
    placements = place([Slot(1, 1000, 0), Slot(2, 1000, -400)])
    assert placements[1].start_ms == 600
    out = mixdown([(placements[0], ones(1000, 0.3)), (placements[1], ones(1000, 0.2))], RATE)
    assert out[0] == pytest.approx(0.3)
    assert out[round(0.8 * RATE)] == pytest.approx(0.5)
    assert out[-1] == pytest.approx(0.2)
    assert len(out) == round(1.6 * RATE)


def test_clip_running_past_the_end_is_cut_and_generators_work() -> None:
    gen = ((Placement(i, i * 100, 100), ones(300, 1.0)) for i in range(3))
    out = mixdown(gen, RATE, total_ms=300)
    assert len(out) == 7200
    assert out[0] == 1 and out[3000] == 2 and out[6000] == 3


def test_stereo_clip_is_refused() -> None:
    with pytest.raises(ValueError):
        mixdown([(Placement(1, 0, 10), np.zeros((240, 2), np.float32))], RATE)


def test_stems_have_equal_length_and_sum_to_the_mix() -> None:
    rng = np.random.default_rng(0)
    placements = place([Slot(i, 400 + 37 * i, -50 if i % 3 == 0 else 120) for i in range(1, 12)])
    clips = [(p, rng.standard_normal(round(p.duration_ms * RATE / 1000)).astype(np.float32) * 0.1) for p in placements]
    roles = {p.line_id: ("hero" if p.line_id % 2 else "narrator") for p in placements}
    roles.pop(5)
    parts = stems(clips, roles, RATE)
    assert set(parts) == {"hero", "narrator", None}
    full = mixdown(clips, RATE)
    assert {len(v) for v in parts.values()} == {len(full)}
    np.testing.assert_allclose(sum(parts.values()), full, atol=1e-6)
    by_fn = stems(clips, lambda p: p.line_id % 3, RATE, total_ms=20000)
    assert {len(v) for v in by_fn.values()} == {20000 * RATE // 1000}
