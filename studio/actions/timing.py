"""Timing edits of an episode: a clip dragged on the timeline (the gap before it, or the clip alone), every
gap set to one length, gaps tightened. Each returns the lines as they should be after the edit, so the window
applies them as one undo step and the command line could apply them directly.

The rule of the timeline (``studio.domain.timeline.place``): a line starts ``gap`` after the end of what came
before it (negative: it overlaps), plus its own offset, which moves it alone. The first line's gap is not
used, so dragging the first clip changes its offset. A locked line (a timed script's: it starts at its source
cue) has no gap that counts: dragging it moves its cue, start and end together (what follows it keys on it
as usual; locked lines after it keep their own cues), and gap edits leave it where it is. Must not live here:
Qt, the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from studio.domain.model import Line, ProjectSettings, Role, effective_gap

#: Gaps "Tighten gaps" keeps (longer ones are cut to this); overlaps and shorter gaps stay as they are.
TIGHT_GAP_MS = 150
MIN_GAP_MS = -10_000  # an overlap of at most ten seconds
MAX_GAP_MS = 60_000


def _clamp(ms: int) -> int:
    return max(MIN_GAP_MS, min(MAX_GAP_MS, int(ms)))


def dragged(line: Line, role: Role | None, settings: ProjectSettings, delta_ms: int, *, alone: bool,
            first: bool, start_ms: int) -> Line:
    """``line`` after its clip was dragged by ``delta_ms``: the gap before it changes (what follows moves
    with it) or, ``alone``, its own offset. A clip never moves before the episode's start (``start_ms`` is
    where it was). A locked line's cue moves instead (its slot keeps its length)."""
    delta = max(-start_ms, int(delta_ms))
    if line.locked:
        assert line.cue_start_ms is not None
        delta = max(-line.cue_start_ms, delta)
        end = line.cue_end_ms + delta if line.cue_end_ms is not None else None
        return line.with_(cue_start_ms=line.cue_start_ms + delta, cue_end_ms=end)
    if alone or first:
        return line.with_(offset_ms=line.offset_ms + delta)
    return line.with_(gap_ms=_clamp(effective_gap(line, role, settings) + delta))


def with_gaps(lines: Sequence[Line], gap_ms: int) -> list[Line]:
    """Every line's own gap set to ``gap_ms`` (the first line's too, though it has none to keep)."""
    return [ln.with_(gap_ms=_clamp(gap_ms)) for ln in lines]


def tightened(lines: Sequence[Line], roles: Mapping[int, Role], settings: ProjectSettings,
              limit_ms: int = TIGHT_GAP_MS) -> list[Line]:
    """The lines whose gap is longer than ``limit_ms``, cut to it (overlaps and short gaps are kept; locked
    lines sit at their cues, so their gaps are left alone)."""
    out = []
    for ln in lines[1:]:
        if ln.locked:
            continue
        role = roles.get(ln.role_id) if ln.role_id is not None else None
        if effective_gap(ln, role, settings) > limit_ms:
            out.append(ln.with_(gap_ms=limit_ms))
    return out


__all__ = ["TIGHT_GAP_MS", "dragged", "tightened", "with_gaps"]
