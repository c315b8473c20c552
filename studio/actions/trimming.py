"""Trimming the silence at the start and end of lines' takes, for the window and ``troupe trim`` alike.

A take often begins and ends with a little silence of the engine's own; on the timeline it adds to every gap.
``find_trims`` decodes each rendered line's take and finds where its sound begins and ends (``silence_ms``:
10 ms frames against the take's loudest one, then to the sample inside the first and last frame heard);
``trimmed`` gives the lines with those trims set (``Line.trim_start_ms`` / ``trim_end_ms``), ``untrimmed``
with them cleared. The placement and the mix then use the part between the trims
(``studio.render.mixdown.build_timeline``), so the line is placed that much shorter, the lines after it move
up, and the export and its subtitles follow. ``trim_episode`` does it all in one store transaction.

Decoding is CPU work: the window runs ``find_trims`` in a worker thread on a reader. Must not live here: Qt,
click, printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from studio.audio.decode import decode_to_mono
from studio.domain.model import DONE, Line
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore

#: A 10 ms frame this far under the take's loudest frame is silence ...
SILENCE_BELOW_DB = -45.0
#: ... and so is anything under this level, however quiet the take.
FLOOR_DBFS = -65.0
FRAME_MS = 10
#: Silences shorter than this are not worth a trim.
MIN_TRIM_MS = 15
#: The rate takes are decoded at to be measured.
ANALYSIS_RATE = 16_000


@dataclass(frozen=True)
class TrimFound:
    """The silence found at the start and end of a line's take (``take_ms`` long), in ms."""

    line_id: int
    take_id: int
    take_ms: int
    start_ms: int
    end_ms: int

    @property
    def heard_ms(self) -> int:
        return max(0, self.take_ms - self.start_ms - self.end_ms)


def silence_ms(samples: np.ndarray, rate: int) -> tuple[int, int]:
    """(leading, trailing) silence of mono ``samples`` in ms; (0, 0) when nothing in them is heard."""
    x = np.asarray(samples, dtype=np.float64).reshape(-1)
    frame = max(1, rate * FRAME_MS // 1000)
    n = len(x) // frame
    if n == 0:
        return 0, 0
    frames = x[: n * frame].reshape(n, frame)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    floor = 10.0 ** (FLOOR_DBFS / 20.0)
    loudest = float(rms.max())
    if loudest <= floor:
        return 0, 0
    level = max(floor, loudest * 10.0 ** (SILENCE_BELOW_DB / 20.0))
    heard = np.flatnonzero(rms > level)
    first, last = int(heard[0]), int(heard[-1])
    # to the sample: the first and last sample above the level inside the first and last frame heard
    head = np.flatnonzero(np.abs(frames[first]) > level)
    tail = np.flatnonzero(np.abs(frames[last]) > level)
    begin = first * frame + (int(head[0]) if len(head) else 0)
    end = last * frame + (int(tail[-1]) + 1 if len(tail) else frame)
    lead = round(begin * 1000 / rate)
    trail = max(0, round((len(x) - end) * 1000 / rate))
    return (lead if lead >= MIN_TRIM_MS else 0), (trail if trail >= MIN_TRIM_MS else 0)


def _rendered(plans: Sequence[LinePlan], line_ids: Iterable[int] | None) -> list[LinePlan]:
    wanted = set(line_ids) if line_ids is not None else None
    return [p for p in plans if p.status == DONE and p.take is not None
            and (wanted is None or p.line.id in wanted)]


def find_trims(store: ProjectStore, plans: Sequence[LinePlan], line_ids: Iterable[int] | None = None,
               cancelled: object = None) -> list[TrimFound]:
    """The silence at both ends of the take of each rendered line of ``plans`` (those of ``line_ids``, or
    all). Decodes every take: run it off the UI thread, on a reader. ``cancelled`` (anything with
    ``is_set()``) stops it between takes."""
    out = []
    for p in _rendered(plans, line_ids):
        if cancelled is not None and cancelled.is_set():  # type: ignore[attr-defined]
            break
        take = p.take
        assert take is not None
        samples = decode_to_mono(store.take_audio(take.id), take.format, ANALYSIS_RATE)
        lead, trail = silence_ms(samples, ANALYSIS_RATE)
        if lead + trail >= take.duration_ms:
            lead, trail = 0, 0
        out.append(TrimFound(p.line.id, take.id, take.duration_ms, lead, trail))
    return out


def trimmed(lines: Sequence[Line], found: Iterable[TrimFound]) -> list[Line]:
    """The lines of ``lines`` whose trims change to the silence ``found`` (the others are left out)."""
    by_id = {f.line_id: f for f in found}
    out = []
    for ln in lines:
        f = by_id.get(ln.id)
        if f is not None and (ln.trim_start_ms, ln.trim_end_ms) != (f.start_ms, f.end_ms):
            out.append(ln.with_(trim_start_ms=f.start_ms, trim_end_ms=f.end_ms))
    return out


def untrimmed(lines: Sequence[Line]) -> list[Line]:
    """The lines of ``lines`` that have trims, with their takes heard whole again."""
    return [ln.with_(trim_start_ms=0, trim_end_ms=0) for ln in lines if ln.trim_start_ms or ln.trim_end_ms]


@dataclass(frozen=True)
class TrimResult:
    before: list[Line]  # the lines changed, as they were (what undoing needs)
    after: list[Line]
    found: list[TrimFound]

    @property
    def saved_ms(self) -> int:
        """How much shorter the changed lines are heard now than before (negative: longer)."""
        return sum(a.trim_start_ms + a.trim_end_ms for a in self.after) - \
            sum(b.trim_start_ms + b.trim_end_ms for b in self.before)


def trim_episode(store: ProjectStore, plans: Sequence[LinePlan], line_ids: Iterable[int] | None = None, *,
                 clear: bool = False) -> TrimResult:
    """Trim the silence of the rendered lines of ``plans`` (those of ``line_ids``, or all), or with ``clear``
    hear their takes whole again: one store transaction; the result says what changed."""
    ids = list(line_ids) if line_ids is not None else None
    lines = [p.line for p in plans if ids is None or p.line.id in ids]
    if clear:
        found: list[TrimFound] = []
        after = untrimmed(lines)
    else:
        found = find_trims(store, plans, ids)
        after = trimmed(lines, found)
    by_id = {ln.id: ln for ln in lines}
    before = [by_id[a.id] for a in after]
    if after:
        store.update_lines(after)
    return TrimResult(before, after, found)


__all__ = ["FLOOR_DBFS", "SILENCE_BELOW_DB", "TrimFound", "TrimResult", "find_trims", "silence_ms",
           "trim_episode", "trimmed", "untrimmed"]
