"""Locked placements: a line with a source cue starts there (plus its offset) whatever came before it; a
line after it that is not locked follows it by its gap."""

from __future__ import annotations

from studio.domain.timeline import Slot, place


def test_a_locked_line_starts_at_its_cue_and_may_overlap_the_line_before() -> None:
    placed = place([Slot(1, 3000, 0, cue_ms=500), Slot(2, 1000, 400, cue_ms=1500), Slot(3, 800, 200),
                    Slot(4, 500, 9999, offset_ms=-100, cue_ms=10_000)])
    assert [(p.line_id, p.start_ms) for p in placed] == [
        (1, 500),  # the first line's cue, not zero
        (2, 1500),  # overlaps line 1: its gap is not used
        (3, 3700),  # not locked: 200 ms after the end of everything before it (3500)
        (4, 9900),  # its cue plus its offset
    ]


def test_a_cue_before_zero_is_held_at_zero() -> None:
    assert place([Slot(1, 100, 0, cue_ms=-50)])[0].start_ms == 0
