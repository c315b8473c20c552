"""Timeline maths: where each take sits in time, from line order, gaps and manual offsets.

The rule: a line starts ``gap`` after the end of everything before it (a negative gap overlaps the
previous line), nudged by its manual offset, never before zero. The first line has no gap. Both the
mixdown and the subtitles are built from these placements, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    line_id: int
    start_ms: int
    duration_ms: int

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.duration_ms


@dataclass(frozen=True)
class Slot:
    """What the timeline needs to know of one line."""

    line_id: int
    duration_ms: int | None  # None: no take yet (the line is skipped, not given a hole)
    gap_ms: int
    offset_ms: int = 0


def place(slots: Iterable[Slot]) -> list[Placement]:
    placements: list[Placement] = []
    cursor = 0  # end of everything placed so far
    for slot in slots:
        if slot.duration_ms is None:
            continue
        gap = slot.gap_ms if placements else 0
        start = max(0, cursor + gap + slot.offset_ms)
        p = Placement(slot.line_id, start, max(0, slot.duration_ms))
        placements.append(p)
        cursor = max(cursor, p.end_ms)
    return placements


def total_ms(placements: Iterable[Placement]) -> int:
    return max((p.end_ms for p in placements), default=0)
