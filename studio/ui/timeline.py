"""The timeline view: one lane per role, each take a clip with its text and waveform, a ruler and a playhead.

``TimelineView`` is a self-painted ``QWidget`` (no scene graph): it keeps the clips sorted by start,
paints only those inside the exposed rectangle, and repaints only a thin strip when the playhead
moves, so 600 clips stay cheap. It owns a horizontal and a vertical ``QScrollBar`` as children and
scrolls by pixel offsets.

This module only shows placements and reports clicks (``seek_requested``, ``line_activated``). It
does not compute where takes go (``studio.domain.timeline`` does), does not load audio (callers
pass precomputed peaks), and does not play anything.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QRegion,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QToolTip, QWidget

from studio.audio.peaks import peaks as compute_peaks

HEADER_W = 120  # role names column
RULER_H = 26
LANE_H = 46
CLIP_PAD = 4  # vertical padding of clips inside a lane
MIN_PX_PER_MS = 0.0002  # 1 px per 5 seconds (an hour in 720 px)
MAX_PX_PER_MS = 1.0  # 1 px per millisecond
DEFAULT_PX_PER_MS = 0.05  # 50 px per second
ZOOM_STEP = 1.25
TAIL_MS = 2000  # room after the last clip
MAX_SUBROWS = 3  # same-role overlaps stack in up to this many rows within the lane
_TICK_STEPS_MS = (
    100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
    60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
)  # fmt: skip
_LABEL_MIN_PX = 64


@dataclass(frozen=True)
class TimelineClip:
    """One placed take as the view shows it. ``peaks`` is a max-abs envelope (any length) or None."""

    line_id: int
    start_ms: int
    duration_ms: int
    role_name: str
    colour: str
    text: str
    peaks: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def end_ms(self) -> int:
        return self.start_ms + max(0, self.duration_ms)


@dataclass
class _Lane:
    role_name: str
    colour: QColor
    subrows: int = 1


@dataclass
class _Item:
    clip: TimelineClip
    lane: int
    subrow: int


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


class TimelineView(QWidget):
    """Lanes of clips over a time ruler.

    Signals: ``seek_requested(ms)`` on a click (or drag) on empty space or the ruler;
    ``line_activated(line_id)`` on a click or double-click on a clip, or when the keyboard moves the
    selection (Left/Right). Ctrl+wheel (or +/-) zooms around the pointer; wheel and Shift+wheel scroll.
    """

    seek_requested = Signal(int)
    line_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setAccessibleName("Timeline")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

        self._clips: list[TimelineClip] = []
        self._items: list[_Item] = []  # sorted by start
        self._starts: list[int] = []
        self._max_duration = 0
        self._total_ms = 0
        self._lanes: list[_Lane] = []
        self._lane_of: dict[str, int] = {}
        self._by_id: dict[int, _Item] = {}
        self._selected: int | None = None
        self._playhead_ms = 0
        self._px_per_ms = DEFAULT_PX_PER_MS
        self._wave_cache: dict[tuple[int, int], np.ndarray] = {}
        self._dragging_seek = False
        #: While True, ``set_playhead`` scrolls so the playhead stays in view.
        self.follow_playhead = True

        self._hbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self._hbar.setObjectName("timeline_hscroll")
        self._hbar.setAccessibleName("Timeline scroll")
        self._vbar = QScrollBar(Qt.Orientation.Vertical, self)
        self._vbar.setObjectName("timeline_vscroll")
        self._vbar.setAccessibleName("Timeline lanes scroll")
        self._vbar.hide()
        self._hbar.valueChanged.connect(self._on_scrolled)
        self._vbar.valueChanged.connect(self._on_scrolled)

        self._text_font = QFont(self.font())
        self._text_font.setPointSizeF(max(7.0, self.font().pointSizeF() - 0.5))
        self._small_font = QFont(self.font())
        self._small_font.setPointSizeF(max(6.5, self.font().pointSizeF() - 1.5))
        self._head_font = QFont(self.font())
        self._head_font.setBold(True)
        self._update_description()

    # -- public API ----------------------------------------------------------------------------

    def set_clips(self, clips: Iterable[TimelineClip]) -> None:
        """Replace every clip. Lanes follow the order roles first appear in ``clips``."""
        self._clips = list(clips)
        self._lanes, self._lane_of = [], {}
        for c in self._clips:
            if c.role_name not in self._lane_of:
                self._lane_of[c.role_name] = len(self._lanes)
                colour = QColor(c.colour)
                self._lanes.append(_Lane(c.role_name, colour if colour.isValid() else QColor("#8a8a8a")))
        items = [_Item(c, self._lane_of[c.role_name], 0) for c in self._clips]
        items.sort(key=lambda it: (it.clip.start_ms, it.clip.end_ms))
        self._assign_subrows(items)
        self._items = items
        self._starts = [it.clip.start_ms for it in items]
        self._max_duration = max((max(0, it.clip.duration_ms) for it in items), default=0)
        self._total_ms = max((it.clip.end_ms for it in items), default=0)
        self._by_id = {it.clip.line_id: it for it in items}
        if self._selected not in self._by_id:
            self._selected = None
        self._wave_cache.clear()
        self._update_scrollbars()
        self._update_description()
        self.updateGeometry()
        self.update()

    def clips(self) -> list[TimelineClip]:
        """The clips last passed to ``set_clips``, in that order."""
        return list(self._clips)

    def select_line(self, line_id: int | None) -> None:
        """Highlight the clip of ``line_id`` (None or unknown clears) and scroll it into view.

        Does not emit ``line_activated``: this is how the window mirrors its own selection here.
        """
        new = line_id if line_id in self._by_id else None
        if new == self._selected:
            if new is not None:
                self._ensure_visible(self._by_id[new])
            return
        old, self._selected = self._selected, new
        for lid in (old, new):
            if lid is not None and lid in self._by_id:
                self.update(self._clip_rect(self._by_id[lid]).adjusted(-3, -3, 3, 3))
        if new is not None:
            self._ensure_visible(self._by_id[new])

    def selected_line(self) -> int | None:
        return self._selected

    def set_playhead(self, ms: int) -> None:
        """Move the playhead; repaints two thin strips, and scrolls only if it left the view."""
        ms = max(0, int(ms))
        if ms == self._playhead_ms:
            return
        old_x = self._x_for_ms(self._playhead_ms)
        self._playhead_ms = ms
        if self.follow_playhead and self._follow(ms):
            return  # scrolled: the whole view repaints
        new_x = self._x_for_ms(ms)
        h = self.height()
        for x in (old_x, new_x):
            self.update(QRect(int(x) - 6, 0, 13, h))
        self.update(QRect(0, 0, HEADER_W, RULER_H))  # the time readout in the corner

    def playhead(self) -> int:
        return self._playhead_ms

    def px_per_ms(self) -> float:
        return self._px_per_ms

    def set_px_per_ms(self, value: float, anchor_x: float | None = None) -> None:
        """Set the zoom, keeping the time under ``anchor_x`` (default: the view's centre) in place."""
        value = min(MAX_PX_PER_MS, max(MIN_PX_PER_MS, float(value)))
        if value == self._px_per_ms:
            return
        area = self._lanes_rect()
        if anchor_x is None:
            anchor_x = area.center().x()
        anchor_x = min(max(anchor_x, area.left()), area.right())
        anchor_ms = self._ms_for_x(anchor_x)
        self._px_per_ms = value
        self._wave_cache.clear()
        self._update_scrollbars()
        self._hbar.setValue(round(anchor_ms * value - (anchor_x - area.left())))
        self.update()

    def zoom_in(self) -> None:
        self.set_px_per_ms(self._px_per_ms * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_px_per_ms(self._px_per_ms / ZOOM_STEP)

    def zoom_to_fit(self) -> None:
        """Zoom so every clip fits the visible width."""
        width = max(50, self._lanes_rect().width() - 10)
        self.set_px_per_ms(width / max(1000, self._total_ms + TAIL_MS // 2))
        self._hbar.setValue(0)

    def visible_range_ms(self) -> tuple[int, int]:
        area = self._lanes_rect()
        return int(self._ms_for_x(area.left())), int(self._ms_for_x(area.right() + 1))

    def clip_rect(self, line_id: int) -> QRect:
        """Where the clip of ``line_id`` is drawn, in widget coordinates (empty if unknown)."""
        item = self._by_id.get(line_id)
        return self._clip_rect(item) if item is not None else QRect()

    def lane_count(self) -> int:
        return len(self._lanes)

    def lane_names(self) -> list[str]:
        return [lane.role_name for lane in self._lanes]

    def ms_at(self, x: float) -> int:
        """The time under widget x (not clamped to the lanes area; never negative)."""
        return max(0, round(self._ms_for_x(x)))

    def x_at(self, ms: int) -> float:
        return self._x_for_ms(ms)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(800, RULER_H + max(2, len(self._lanes)) * LANE_H + self._hbar.sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(HEADER_W + 120, RULER_H + LANE_H + self._hbar.sizeHint().height())

    # -- geometry ------------------------------------------------------------------------------

    def _lanes_rect(self) -> QRect:
        """The scrolled area where clips live (right of the role names, below the ruler)."""
        right = self.width() - (self._vbar.width() if self._vbar.isVisible() else 0)
        bottom = self.height() - self._hbar.height()
        return QRect(HEADER_W, RULER_H, max(0, right - HEADER_W), max(0, bottom - RULER_H))

    def _x_for_ms(self, ms: float) -> float:
        return HEADER_W + ms * self._px_per_ms - self._hbar.value()

    def _ms_for_x(self, x: float) -> float:
        return (x - HEADER_W + self._hbar.value()) / self._px_per_ms

    def _lane_top(self, lane: int) -> int:
        return RULER_H + lane * LANE_H - (self._vbar.value() if self._vbar.isVisible() else 0)

    def _clip_rect(self, item: _Item) -> QRect:
        lane = self._lanes[item.lane]
        top = self._lane_top(item.lane) + CLIP_PAD
        inner = LANE_H - 2 * CLIP_PAD
        row_h = inner / lane.subrows
        y0 = top + round(item.subrow * row_h)
        y1 = top + round((item.subrow + 1) * row_h) - (1 if lane.subrows > 1 else 0)
        x0 = self._x_for_ms(item.clip.start_ms)
        x1 = self._x_for_ms(item.clip.end_ms)
        left = math.floor(x0)
        width = max(3, math.ceil(x1) - left)
        return QRect(left, y0, width, max(1, y1 - y0))

    def _assign_subrows(self, items: list[_Item]) -> None:
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
            self._lanes[lane_idx].subrows = max(1, len(ends))

    def _content_width(self) -> int:
        return math.ceil((self._total_ms + TAIL_MS) * self._px_per_ms)

    def _update_scrollbars(self) -> None:
        hb_h = self._hbar.sizeHint().height()
        vb_w = self._vbar.sizeHint().width()
        lanes_h = len(self._lanes) * LANE_H
        need_v = lanes_h > self.height() - RULER_H - hb_h and self.height() > 0
        self._vbar.setVisible(need_v)
        right = self.width() - (vb_w if need_v else 0)
        self._hbar.setGeometry(HEADER_W, self.height() - hb_h, max(0, right - HEADER_W), hb_h)
        if need_v:
            self._vbar.setGeometry(self.width() - vb_w, RULER_H, vb_w, max(0, self.height() - RULER_H - hb_h))
        area = self._lanes_rect()
        self._hbar.blockSignals(True)
        self._hbar.setRange(0, max(0, self._content_width() - area.width()))
        self._hbar.setPageStep(max(1, area.width()))
        self._hbar.setSingleStep(max(1, area.width() // 20))
        self._hbar.blockSignals(False)
        self._vbar.setRange(0, max(0, lanes_h - area.height()))
        self._vbar.setPageStep(max(1, area.height()))
        self._vbar.setSingleStep(LANE_H // 2)

    def _follow(self, ms: int) -> bool:
        """Scroll so ``ms`` is visible; returns True if the view scrolled."""
        area = self._lanes_rect()
        if area.width() <= 0:
            return False
        x = self._x_for_ms(ms)
        if area.left() <= x <= area.right() - 2:
            return False
        before = self._hbar.value()
        # Page forward so the playhead lands near the left edge, as when reading along.
        self._hbar.setValue(round(ms * self._px_per_ms - area.width() * 0.1))
        return self._hbar.value() != before

    def _ensure_visible(self, item: _Item) -> None:
        area = self._lanes_rect()
        r = self._clip_rect(item)
        if r.right() < area.left() or r.left() > area.right():
            self._hbar.setValue(round(item.clip.start_ms * self._px_per_ms - area.width() * 0.2))
        top = RULER_H + item.lane * LANE_H
        if self._vbar.isVisible():
            v = self._vbar.value()
            if top - RULER_H < v:
                self._vbar.setValue(top - RULER_H)
            elif top + LANE_H - RULER_H > v + area.height():
                self._vbar.setValue(top + LANE_H - RULER_H - area.height())

    def _item_at(self, pos: QPoint | QPointF) -> _Item | None:
        x, y = pos.x(), pos.y()
        area = self._lanes_rect()
        if not (area.left() <= x <= area.right() and area.top() <= y <= area.bottom()):
            return None
        ms = self._ms_for_x(x)
        slack = 2 / self._px_per_ms  # clips are at least 3 px wide
        hi = bisect.bisect_right(self._starts, ms + slack)
        lo = bisect.bisect_left(self._starts, ms - self._max_duration - slack)
        for it in reversed(self._items[lo:hi]):  # last drawn is on top
            if self._clip_rect(it).contains(int(x), int(y)):
                return it
        return None

    def _on_scrolled(self, _value: int) -> None:
        self.update()

    # -- events --------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._update_scrollbars()
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        if pos.x() < HEADER_W:
            event.accept()
            return
        item = self._item_at(pos)
        if item is not None:
            self.select_line(item.clip.line_id)
            self.line_activated.emit(item.clip.line_id)
        else:
            self._dragging_seek = True
            self.seek_requested.emit(self.ms_at(pos.x()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._dragging_seek and event.buttons() & Qt.MouseButton.LeftButton:
            area = self._lanes_rect()
            x = min(max(pos.x(), area.left()), area.right())
            self.seek_requested.emit(self.ms_at(x))
        elif not event.buttons():
            hit = self._item_at(pos) is not None
            self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._dragging_seek = False
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            item = self._item_at(event.position())
            if item is not None:
                self.select_line(item.clip.line_id)
                self.line_activated.emit(item.clip.line_id)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta()
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            steps = (delta.y() or delta.x()) / 120.0
            if steps:
                self.set_px_per_ms(self._px_per_ms * (ZOOM_STEP**steps), anchor_x=event.position().x())
            event.accept()
            return
        dx, dy = delta.x(), delta.y()
        if mods & Qt.KeyboardModifier.ShiftModifier and not dx:
            dx, dy = dy, 0
        if dy and not self._vbar.isVisible() and not dx:
            dx, dy = dy, 0  # nothing to scroll vertically: the wheel moves along time
        if dx:
            self._hbar.setValue(self._hbar.value() - round(dx / 120.0 * self._hbar.singleStep() * 3))
        if dy:
            self._vbar.setValue(self._vbar.value() - round(dy / 120.0 * self._vbar.singleStep() * 2))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0 and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_to_fit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._items:
            self._step_selection(-1 if key == Qt.Key.Key_Left else 1)
        elif key == Qt.Key.Key_Home:
            self._hbar.setValue(0)
        elif key == Qt.Key.Key_End:
            self._hbar.setValue(self._hbar.maximum())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step_selection(self, step: int) -> None:
        order = self._items
        if self._selected is None:
            idx = 0 if step > 0 else len(order) - 1
        else:
            cur = next(i for i, it in enumerate(order) if it.clip.line_id == self._selected)
            idx = min(len(order) - 1, max(0, cur + step))
        lid = order[idx].clip.line_id
        if lid != self._selected:
            self.select_line(lid)
            self.line_activated.emit(lid)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self._item_at(event.pos())
            if item is None:
                QToolTip.hideText()
                event.ignore()
            else:
                c = item.clip
                QToolTip.showText(
                    event.globalPos(),
                    f"{c.role_name} · {format_time(c.start_ms, True)}–{format_time(c.end_ms, True)}\n{c.text}",
                    self,
                )
            return True
        return super().event(event)

    # -- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        try:
            self._paint(p, event.rect(), event.region())
        finally:
            p.end()

    def _paint(self, p: QPainter, exposed: QRect, region: QRegion) -> None:
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        alt = pal.color(QPalette.ColorRole.AlternateBase)
        window = pal.color(QPalette.ColorRole.Window)
        text_c = pal.color(QPalette.ColorRole.Text)
        mid = pal.color(QPalette.ColorRole.Mid)
        p.fillRect(exposed, window)

        area = self._lanes_rect()
        # Lane backgrounds.
        p.save()
        p.setClipRect(QRect(0, area.top(), self.width(), area.height()))
        for i in range(len(self._lanes)):
            top = self._lane_top(i)
            if top > area.bottom() or top + LANE_H < area.top():
                continue
            p.fillRect(QRect(area.left(), top, area.width(), LANE_H), base if i % 2 == 0 else alt)
        p.restore()

        # Clips, only those in the exposed x-range.
        # Only the exposed part of the lanes: a playhead step exposes two thin strips there, even
        # though the corner readout makes the bounding rectangle of the whole update wide.
        clip_area = region.intersected(area).boundingRect()
        if not clip_area.isEmpty() and self._items:
            p.save()
            p.setClipRect(area)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            t0 = self._ms_for_x(clip_area.left() - 2)
            t1 = self._ms_for_x(clip_area.right() + 2)
            lo = bisect.bisect_left(self._starts, t0 - self._max_duration)
            hi = bisect.bisect_right(self._starts, t1)
            selected_item: _Item | None = None
            for it in self._items[lo:hi]:
                if it.clip.end_ms < t0:
                    continue
                r = self._clip_rect(it)
                if r.bottom() < clip_area.top() or r.top() > clip_area.bottom():
                    continue
                if it.clip.line_id == self._selected:
                    selected_item = it
                    continue  # drawn last, on top
                self._paint_clip(p, it, r, area, selected=False)
            if selected_item is not None:
                self._paint_clip(p, selected_item, self._clip_rect(selected_item), area, selected=True)
            p.restore()

        if not self._items:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, "No takes yet. Rendered lines appear here.")

        self._paint_ruler(p, exposed, text_c, mid, window)
        self._paint_headers(p, area, text_c, mid, window)
        self._paint_playhead(p, area)
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRect(0, 0, self.width() - 1, self.height() - 1))

    def _paint_clip(self, p: QPainter, it: _Item, r: QRect, area: QRect, selected: bool) -> None:
        lane = self._lanes[it.lane]
        fill = QColor(lane.colour)
        border = fill.darker(150)
        rf = QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = min(5.0, r.height() / 4, r.width() / 2)
        if selected:
            hl = self.palette().color(QPalette.ColorRole.Highlight)
            p.setPen(QPen(hl, 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rf.adjusted(-2, -2, 2, 2), radius + 2, radius + 2)
            fill = fill.lighter(112)
        p.setPen(QPen(border, 1))
        p.setBrush(fill)
        p.drawRoundedRect(rf, radius, radius)

        if r.width() < 6:
            return
        # What part of the clip is on screen (long clips at high zoom are far wider than the view).
        vis_l = max(r.left() + 2, area.left())
        vis_r = min(r.right() - 2, area.right())
        if vis_r <= vis_l:
            return
        dark_text = _luminance(fill) > 0.55
        ink = QColor(0, 0, 0) if dark_text else QColor(255, 255, 255)

        text_h = 0
        fm = QFontMetrics(self._text_font)
        if r.height() >= fm.height() + 2 and r.width() >= 18:
            text_h = fm.height()
            text_left = max(r.left() + 5, area.left() + 3)  # keep the text readable when scrolled
            avail = r.right() - 4 - text_left
            if avail > 10:
                p.setFont(self._text_font)
                p.setPen(ink)
                label = fm.elidedText(it.clip.text.replace("\n", " "), Qt.TextElideMode.ElideRight, avail)
                p.drawText(QRect(text_left, r.top() + 1, avail, text_h), Qt.AlignmentFlag.AlignVCenter, label)

        wave = it.clip.peaks
        wave_top = r.top() + text_h + 1
        wave_h = r.bottom() - 2 - wave_top
        if wave is None or wave_h < 4 or len(wave) == 0:
            return
        cols = self._wave_columns(it, r.width())
        first = vis_l - r.left()
        last = vis_r - r.left()
        seg = cols[first : last + 1]
        if seg.size == 0:
            return
        mid_y = wave_top + wave_h / 2.0
        amp = np.clip(seg, 0.0, 1.0) * (wave_h / 2.0)
        amp = np.maximum(amp, 0.5)
        xs = np.arange(seg.size, dtype=np.float64) + vis_l + 0.5
        top_pts = [QPointF(x, mid_y - a) for x, a in zip(xs.tolist(), amp.tolist(), strict=True)]
        bot_pts = [QPointF(x, mid_y + a) for x, a in zip(xs[::-1].tolist(), amp[::-1].tolist(), strict=True)]
        wave_c = QColor(ink)
        wave_c.setAlpha(120)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(wave_c)
        p.drawPolygon(QPolygonF(top_pts + bot_pts))

    def _wave_columns(self, it: _Item, width: int) -> np.ndarray:
        key = (it.clip.line_id, width)
        cols = self._wave_cache.get(key)
        if cols is None:
            src = np.asarray(it.clip.peaks, dtype=np.float32)
            top = float(src.max()) if src.size else 0.0
            cols = compute_peaks(src, width)
            if top > 1.0:  # peaks not in -1..1 (e.g. raw int16 counts): scale to the loudest
                cols = cols / np.float32(top)
            self._wave_cache[key] = cols
        return cols

    def _paint_ruler(self, p: QPainter, exposed: QRect, text_c: QColor, mid: QColor, window: QColor) -> None:
        ruler = QRect(0, 0, self.width(), RULER_H)
        if not ruler.intersects(exposed):
            return
        p.fillRect(ruler, window.darker(106))
        p.setPen(mid)
        p.drawLine(0, RULER_H - 1, self.width(), RULER_H - 1)
        step = next(
            (s for s in _TICK_STEPS_MS if s * self._px_per_ms >= _LABEL_MIN_PX), _TICK_STEPS_MS[-1]
        )
        minor = step // 5 if step % 5 == 0 else step // 2
        area = self._lanes_rect()
        t0 = max(0.0, self._ms_for_x(max(area.left(), exposed.left()) - _LABEL_MIN_PX))
        t1 = self._ms_for_x(min(area.right(), exposed.right()) + 1)
        p.save()
        p.setClipRect(QRect(area.left(), 0, area.width(), RULER_H))
        p.setFont(self._small_font)
        fm = QFontMetrics(self._small_font)
        tenths = step < 1000
        t = int(t0 // minor) * minor
        while t <= t1:
            x = round(self._x_for_ms(t))
            if t % step == 0:
                p.setPen(text_c)
                p.drawLine(x, RULER_H - 9, x, RULER_H - 1)
                label = format_time(t, tenths)
                p.drawText(QRect(x + 3, 1, fm.horizontalAdvance(label) + 4, RULER_H - 9), Qt.AlignmentFlag.AlignVCenter, label)
            else:
                p.setPen(mid)
                p.drawLine(x, RULER_H - 5, x, RULER_H - 1)
            t += minor
        p.restore()
        # The corner above the role names.
        corner = QRect(0, 0, HEADER_W, RULER_H)
        p.fillRect(corner, window.darker(106))
        p.setPen(mid)
        p.drawLine(0, RULER_H - 1, HEADER_W, RULER_H - 1)
        p.setPen(text_c)
        p.setFont(self._small_font)
        p.drawText(corner.adjusted(8, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, format_time(self._playhead_ms, True))

    def _paint_headers(self, p: QPainter, area: QRect, text_c: QColor, mid: QColor, window: QColor) -> None:
        p.save()
        p.setClipRect(QRect(0, area.top(), HEADER_W, area.height()))
        p.fillRect(QRect(0, area.top(), HEADER_W, area.height()), window)
        p.setFont(self._head_font)
        fm = QFontMetrics(self._head_font)
        for i, lane in enumerate(self._lanes):
            top = self._lane_top(i)
            if top > area.bottom() or top + LANE_H < area.top():
                continue
            p.fillRect(QRect(0, top + 6, 5, LANE_H - 12), lane.colour)
            p.setPen(mid)
            p.drawLine(0, top + LANE_H - 1, HEADER_W, top + LANE_H - 1)
            p.setPen(text_c)
            name = fm.elidedText(lane.role_name, Qt.TextElideMode.ElideRight, HEADER_W - 18)
            p.drawText(QRect(12, top, HEADER_W - 16, LANE_H), Qt.AlignmentFlag.AlignVCenter, name)
        p.setPen(mid)
        p.drawLine(HEADER_W - 1, area.top(), HEADER_W - 1, area.bottom())
        p.restore()

    def _paint_playhead(self, p: QPainter, area: QRect) -> None:
        x = round(self._x_for_ms(self._playhead_ms))
        if x < area.left() or x > area.right():
            return
        colour = QColor("#e5484d")
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(QPen(colour, 1.5))
        p.drawLine(QPointF(x + 0.5, 0), QPointF(x + 0.5, area.bottom()))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPolygon(QPolygonF([QPointF(x - 5, 0), QPointF(x + 6, 0), QPointF(x + 0.5, 7)]))
        p.restore()

    def _update_description(self) -> None:
        n = len(self._clips)
        roles = len(self._lanes)
        self.setAccessibleDescription(
            f"{n} clips in {roles} lanes, {format_time(self._total_ms)} long" if n else "No clips"
        )


def _luminance(c: QColor) -> float:
    return (0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF())
