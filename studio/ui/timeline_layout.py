"""What the timeline view shows and where it sits on screen, without painting or events.

Lives here: ``TimelineClip`` (one clip as a caller hands it to the view), ``format_time``, the lane
and item records, building lanes from the clips and an optional cast order (``TimelineLayout``),
stacking same-role overlaps into sub-rows, fitting the lane height to the view, and ``Viewport``:
the mapping between time/lanes and widget pixels that both painting and hit-testing go through.

Not here: ``QPainter`` and colours beyond parsing a role's, mouse or keyboard handling, scroll
bars, strings shown to the user, and anything about audio or where takes go in time
(``studio.domain.timeline`` computes placements; callers pass them in as clips).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor

HEADER_W = 120  # role names column
RULER_H = 26
LANE_H = 46  # a lane's height when there is room
MIN_LANE_H = 22  # lanes shrink towards this to fit the view, keeping one line of text
CLIP_PAD = 4  # vertical padding of clips inside a full-height lane
COMPACT_CLIP_PAD = 2  # ... and inside a shrunken one
MAX_SUBROWS = 3  # same-role overlaps stack in up to this many rows within the lane
FALLBACK_COLOUR = "#8a8a8a"

STATUSES = ("stale", "queued", "rendering", "done", "failed")


@dataclass(frozen=True)
class TimelineClip:
    """One line as the view shows it.

    A rendered clip is a take at its placement; ``peaks`` is a max-abs envelope (any length) or None.
    A ``placeholder`` is a line with no take for its current render key (stale, queued, rendering,
    failed or not yet cast), placed with an estimated duration; it is drawn hatched and its peaks,
    if any, are ignored. ``status`` is one of ``STATUSES`` or "" when the caller does not say. A rendered
    clip with a ``doubt`` is marked: a check found that its take may not say its line.
    """

    line_id: int
    start_ms: int
    duration_ms: int
    role_name: str
    colour: str
    text: str
    peaks: np.ndarray | None = field(default=None, compare=False, repr=False)
    placeholder: bool = False
    status: str = ""
    doubt: str = ""  # why a check found the take doubtful ("" when it did not), for the mark and tooltip

    @property
    def end_ms(self) -> int:
        return self.start_ms + max(0, self.duration_ms)


def format_time(ms: int, with_tenths: bool = False) -> str:
    """``mm:ss`` (``h:mm:ss`` past an hour), optionally with tenths: ``01:05.5``."""
    ms = max(0, int(ms))
    secs, rem = divmod(ms, 1000)
    mins, secs = divmod(secs, 60)
    hours, mins = divmod(mins, 60)
    text = f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins:02d}:{secs:02d}"
    if with_tenths:
        text += f".{rem // 100}"
    return text


def _colour(value: str | QColor) -> QColor:
    colour = QColor(value)
    return colour if colour.isValid() else QColor(FALLBACK_COLOUR)


@dataclass
class Lane:
    role_name: str
    colour: QColor
    subrows: int = 1


@dataclass
class Item:
    clip: TimelineClip
    lane: int
    subrow: int = 0


class TimelineLayout:
    """The clips sorted by start, each in a lane (and a sub-row of it), and the lanes in order.

    With ``lanes`` (``(role_name, colour)`` top to bottom) those lanes come first in that order and
    are kept even without a clip; any other role gets a lane after them, in the order it first
    appears among the clips. Without ``lanes`` every lane comes from the clips that way.
    """

    def __init__(
        self, clips: Iterable[TimelineClip] = (), lanes: Sequence[tuple[str, str | QColor]] | None = None
    ) -> None:
        self.clips: list[TimelineClip] = list(clips)
        self.lanes: list[Lane] = []
        self.lane_of: dict[str, int] = {}
        for name, colour in lanes or ():
            self._add_lane(name, colour)
        for c in self.clips:
            self._add_lane(c.role_name, c.colour)
        items = [Item(c, self.lane_of[c.role_name]) for c in self.clips]
        items.sort(key=lambda it: (it.clip.start_ms, it.clip.end_ms))
        self._assign_subrows(items)
        self.items: list[Item] = items
        self.starts: list[int] = [it.clip.start_ms for it in items]
        self.max_duration = max((max(0, it.clip.duration_ms) for it in items), default=0)
        self.total_ms = max((it.clip.end_ms for it in items), default=0)
        self.by_id: dict[int, Item] = {it.clip.line_id: it for it in items}
        self._columns: ItemColumns | None = None

    def columns(self) -> ItemColumns:
        """The items as numpy columns (made once per layout): what a frame of many clips is drawn from."""
        if self._columns is None:
            self._columns = ItemColumns.of(self)
        return self._columns

    def lane_order(self) -> list[tuple[str, QColor]]:
        """The lanes as ``(role_name, colour)``, top to bottom: what rebuilds this layout in the same order."""
        return [(lane.role_name, lane.colour) for lane in self.lanes]

    def _add_lane(self, name: str, colour: str | QColor) -> None:
        if name not in self.lane_of:
            self.lane_of[name] = len(self.lanes)
            self.lanes.append(Lane(name, _colour(colour)))

    def _assign_subrows(self, items: list[Item]) -> None:
        """Stack same-role overlaps greedily; lanes without overlaps keep a single row."""
        row_ends: dict[int, list[int]] = {}
        for it in items:
            ends = row_ends.setdefault(it.lane, [])
            for r, end in enumerate(ends):
                if end <= it.clip.start_ms:
                    it.subrow = r
                    ends[r] = it.clip.end_ms
                    break
            else:
                if len(ends) < MAX_SUBROWS:
                    it.subrow = len(ends)
                    ends.append(it.clip.end_ms)
                else:  # more than MAX_SUBROWS at once: reuse the row that frees up first
                    r = min(range(len(ends)), key=ends.__getitem__)
                    it.subrow = r
                    ends[r] = max(ends[r], it.clip.end_ms)
        for lane_idx, ends in row_ends.items():
            self.lanes[lane_idx].subrows = max(1, len(ends))

    @property
    def placeholder_count(self) -> int:
        return sum(1 for c in self.clips if c.placeholder)

    def item_at(self, view: Viewport, x: float, y: float) -> Item | None:
        """The clip drawn at widget ``(x, y)`` (the topmost one), or None."""
        area = view.area
        if not (area.left() <= x <= area.right() and area.top() <= y <= area.bottom()):
            return None
        ms = view.ms_for_x(x)
        slack = 2 / view.px_per_ms  # clips are at least 3 px wide
        hi = bisect.bisect_right(self.starts, ms + slack)
        lo = bisect.bisect_left(self.starts, ms - self.max_duration - slack)
        for it in reversed(self.items[lo:hi]):  # last drawn is on top
            if view.clip_rect(it, self.lanes).contains(int(x), int(y)):
                return it
        return None

    def step_from(self, line_id: int | None, step: int) -> int | None:
        """The line ``step`` clips after (negative: before) ``line_id`` in time, clamped at both
        ends; from no line, the first (or, stepping back, the last). None when there are no clips."""
        if not self.items:
            return None
        if line_id not in self.by_id:
            return self.items[0 if step > 0 else -1].clip.line_id
        cur = next(i for i, it in enumerate(self.items) if it.clip.line_id == line_id)
        return self.items[min(len(self.items) - 1, max(0, cur + step))].clip.line_id


@dataclass(frozen=True)
class ItemColumns:
    """A layout's items (in its order) as arrays: start and end (ms), lane, sub-row and the lane's sub-rows,
    line id, and ``kind`` (0 rendered, 1 placeholder, 2 failed placeholder, 3 doubtful take)."""

    start: np.ndarray
    end: np.ndarray
    lane: np.ndarray
    subrow: np.ndarray
    subrows: np.ndarray
    line_id: np.ndarray
    kind: np.ndarray

    @classmethod
    def of(cls, layout: TimelineLayout) -> ItemColumns:
        subrows = [lane.subrows for lane in layout.lanes]
        rows = [(c.start_ms, c.start_ms + max(0, c.duration_ms), it.lane, it.subrow, subrows[it.lane], c.line_id,
                 (2 if c.status == "failed" else 1) if c.placeholder else (3 if c.doubt else 0))
                for it in layout.items for c in (it.clip,)]
        table = np.array(rows, dtype=np.int64).reshape(-1, 7)
        return cls(*(np.ascontiguousarray(table[:, k]) for k in range(7)))


def fit_lane_height(available: int, lanes: int, minimum: int = MIN_LANE_H) -> int:
    """The tallest lane height up to ``LANE_H`` at which ``lanes`` lanes fit ``available`` pixels,
    but never below ``minimum`` (then the lanes scroll)."""
    if lanes <= 0 or available <= 0:
        return LANE_H
    return max(minimum, min(LANE_H, available // lanes))


@dataclass(frozen=True)
class Viewport:
    """Where time and lanes are on screen for one scroll position, zoom and size.

    ``area`` is the lanes area (right of the role names, below the ruler, above the scroll bar).
    """

    area: QRect
    px_per_ms: float
    scroll_x: int
    scroll_y: int
    lane_h: int

    @property
    def clip_pad(self) -> int:
        return CLIP_PAD if self.lane_h >= 40 else COMPACT_CLIP_PAD

    def x_for_ms(self, ms: float) -> float:
        return HEADER_W + ms * self.px_per_ms - self.scroll_x

    def ms_for_x(self, x: float) -> float:
        return (x - HEADER_W + self.scroll_x) / self.px_per_ms

    def lane_top(self, lane: int) -> int:
        return RULER_H + lane * self.lane_h - self.scroll_y

    def lane_visible(self, lane: int) -> bool:
        top = self.lane_top(lane)
        return top <= self.area.bottom() and top + self.lane_h >= self.area.top()

    def clip_rect(self, item: Item, lanes: Sequence[Lane]) -> QRect:
        return self.span_rect(item.lane, item.subrow, lanes[item.lane].subrows, item.clip.start_ms, item.clip.end_ms)

    def span_rect(self, lane: int, subrow: int, subrows: int, start_ms: float, end_ms: float) -> QRect:
        """Where ``[start_ms, end_ms)`` is drawn in row ``subrow`` of ``subrows`` of lane ``lane``."""
        pad = self.clip_pad
        top = self.lane_top(lane) + pad
        row_h = (self.lane_h - 2 * pad) / subrows
        y0 = top + round(subrow * row_h)
        y1 = top + round((subrow + 1) * row_h) - (1 if subrows > 1 else 0)
        left = math.floor(self.x_for_ms(start_ms))
        width = max(3, math.ceil(self.x_for_ms(end_ms)) - left)
        return QRect(left, y0, width, max(1, y1 - y0))

    def span_rects(self, lane: np.ndarray, subrow: np.ndarray, subrows: np.ndarray, start_ms: np.ndarray,
                   end_ms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``span_rect`` for many spans at once: (left, top, width, height) arrays, to the pixel the same."""
        pad = self.clip_pad
        top = RULER_H + lane * self.lane_h - self.scroll_y + pad
        row_h = (self.lane_h - 2 * pad) / subrows
        y0 = top + np.round(subrow * row_h).astype(np.int64)
        y1 = top + np.round((subrow + 1) * row_h).astype(np.int64) - (subrows > 1)
        left = np.floor(HEADER_W + start_ms * self.px_per_ms - self.scroll_x).astype(np.int64)
        right = np.ceil(HEADER_W + end_ms * self.px_per_ms - self.scroll_x).astype(np.int64)
        return left, y0, np.maximum(3, right - left), np.maximum(1, y1 - y0)


def snap_delta(clip: TimelineClip, delta_ms: int, others: Iterable[TimelineClip], tolerance_ms: int) -> int:
    """``delta_ms`` nudged so the moved clip's start or end meets a neighbour's start or end when it comes
    within ``tolerance_ms`` of one (the nearest wins); unchanged when none is that close."""
    start, end = clip.start_ms + delta_ms, clip.end_ms + delta_ms
    best: int | None = None
    for other in others:
        if other.line_id == clip.line_id:
            continue
        for edge in (other.start_ms, other.end_ms):
            for mine in (start, end):
                shift = edge - mine
                if abs(shift) <= tolerance_ms and (best is None or abs(shift) < abs(best)):
                    best = shift
    return delta_ms + (best or 0)
