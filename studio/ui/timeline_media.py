"""The timeline's music and effects lanes: what they show, where it sits, and how it is painted.

Lives here: ``MusicLane`` (the episode's bed as the view shows it: its name and settings, the file's peaks
and the bed's level over the episode — fades and ducking dips — computed elsewhere), ``EffectLaneClip`` (a
sound effect, at a time or attached to a line with an offset), ``MediaLayout`` (the two lanes below the
dialogue lanes: each effect's start resolved against the dialogue clips as they are drawn, so an attached
effect moves with its line even while that line is dragged, overlapping effects stacked in rows, hit-tests)
and ``MediaPainter``. Not here: events and strings (``timeline``), the bed's maths
(``studio.actions.media.bed_curve``), reading audio.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from studio.ui.timeline_layout import HEADER_W, TimelineLayout, Viewport

MUSIC_COLOUR = "#8a6fd1"
EFFECT_COLOUR = "#2f9e8f"
EFFECT_ROWS = 2  # overlapping effects stack in up to this many rows
MUSIC, EFFECTS = "music", "effects"


@dataclass(frozen=True)
class MusicLane:
    """The music bed as the lane shows it. ``gain`` is its level relative to its volume (1 = at its volume,
    less in fades and under speech), one value per ``step_ms`` up to ``end_ms`` where it stops; ``peaks`` is
    a max-abs envelope of the file (``file_ms`` long), repeated when it loops."""

    name: str
    file_ms: int
    end_ms: int
    volume_db: float
    duck_db: float
    loop: bool
    fade_in_ms: int = 0
    fade_out_ms: int = 0
    step_ms: int = 10
    gain: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32), compare=False, repr=False)
    peaks: np.ndarray | None = field(default=None, compare=False, repr=False)

    def gain_at(self, ms: float) -> float:
        if ms < 0 or ms >= self.end_ms or not len(self.gain):
            return 0.0
        return float(self.gain[min(len(self.gain) - 1, int(ms // self.step_ms))])


@dataclass(frozen=True)
class EffectLaneClip:
    """A sound effect as the lane shows it: at ``at_ms``, or ``offset_ms`` from the start of ``line_id``."""

    clip_id: int
    name: str
    duration_ms: int
    at_ms: int = 0
    line_id: int | None = None
    offset_ms: int = 0
    volume_db: float = 0.0
    peaks: np.ndarray | None = field(default=None, compare=False, repr=False)


@dataclass
class EffectItem:
    clip: EffectLaneClip
    start_ms: int
    row: int = 0

    @property
    def end_ms(self) -> int:
        return self.start_ms + max(0, self.clip.duration_ms)


class MediaLayout:
    """The effects lane (right under the dialogue) and the music lane (at the bottom), resolved against
    ``dialogue``: ``effects_lane`` / ``music_lane`` are their lane indices in the view."""

    def __init__(self, dialogue: TimelineLayout, music: MusicLane | None, effects: list[EffectLaneClip],
                 shown: bool, drag: tuple[int, int] | None = None) -> None:
        self.shown = shown
        self.music = music if shown else None
        self.effects_lane = len(dialogue.lanes)
        self.music_lane = self.effects_lane + 1
        self.lanes = 2 if shown else 0
        items: list[EffectItem] = []
        for clip in effects if shown else []:
            start = self.start_of(clip, dialogue)
            if start is None:
                continue  # attached to a line that has no place: left out, as in the mix
            if drag is not None and drag[0] == clip.clip_id:
                start += drag[1]
            items.append(EffectItem(clip, start))
        items.sort(key=lambda it: (it.start_ms, it.end_ms))
        row_ends = [0] * EFFECT_ROWS
        for it in items:
            free = next((r for r, end in enumerate(row_ends) if end <= it.start_ms), None)
            it.row = free if free is not None else min(range(EFFECT_ROWS), key=row_ends.__getitem__)
            row_ends[it.row] = max(row_ends[it.row], it.end_ms)
        self.rows = max(1, sum(1 for end in row_ends if end > 0))
        self.items = items
        self.by_id = {it.clip.clip_id: it for it in items}
        self.starts = [it.start_ms for it in items]
        self.max_duration = max((it.clip.duration_ms for it in items), default=0)
        fx_end = max((it.end_ms for it in items), default=0)
        self.total_ms = max(fx_end, self.music.end_ms if self.music is not None else 0)

    @staticmethod
    def start_of(clip: EffectLaneClip, dialogue: TimelineLayout) -> int | None:
        if clip.line_id is None:
            return clip.at_ms
        item = dialogue.by_id.get(clip.line_id)
        return None if item is None else item.clip.start_ms + clip.offset_ms

    def effect_rect(self, view: Viewport, it: EffectItem) -> QRect:
        """Where ``it`` is drawn; an effect starting before the episode (attached with a negative offset)
        is cut at 0, as in the mix."""
        start = max(0, it.start_ms)
        return view.span_rect(self.effects_lane, it.row, self.rows, start, max(start, it.end_ms))

    def music_rect(self, view: Viewport) -> QRect:
        music = self.music
        if music is None:
            return QRect()
        return view.span_rect(self.music_lane, 0, 1, 0, max(1, music.end_ms))

    def lane_at(self, view: Viewport, y: float) -> str | None:
        if not self.shown:
            return None
        for kind, lane in ((EFFECTS, self.effects_lane), (MUSIC, self.music_lane)):
            top = view.lane_top(lane)
            if top <= y < top + view.lane_h:
                return kind
        return None

    def effect_at(self, view: Viewport, x: float, y: float) -> EffectItem | None:
        area = view.area
        if not self.items or not (area.left() <= x <= area.right() and area.top() <= y <= area.bottom()):
            return None
        ms = view.ms_for_x(x)
        slack = 2 / view.px_per_ms
        hi = bisect.bisect_right(self.starts, ms + slack)
        lo = bisect.bisect_left(self.starts, ms - self.max_duration - slack)
        for it in reversed(self.items[lo:hi]):
            if self.effect_rect(view, it).contains(int(x), int(y)):
                return it
        return None


@dataclass(frozen=True)
class MediaFrame:
    """What one paint of the media lanes needs besides the dialogue's frame."""

    layout: MediaLayout
    selected_effect: int | None
    music_selected: bool
    music_label: str  # the bed's name and settings, as the view words them
    effects_title: str
    music_title: str
    effects_hint: str  # shown in an empty lane
    music_hint: str
    drop_lane: str | None = None  # the lane a file is being dragged over


class MediaPainter:
    def __init__(self, font: QFont) -> None:
        self.text_font = QFont(font)
        self.text_font.setPointSizeF(max(7.0, font.pointSizeF() - 0.5))
        self.head_font = QFont(font)
        self.head_font.setBold(True)
        self._elided: dict[tuple[str, int], str] = {}

    # -- lanes ---------------------------------------------------------------------------------

    def paint_backgrounds(self, p: QPainter, view: Viewport, m: MediaFrame, pal: QPalette, width: int) -> None:
        lay = m.layout
        if not lay.shown:
            return
        base = pal.color(QPalette.ColorRole.Base)
        area = view.area
        p.save()
        p.setClipRect(QRect(0, area.top(), width, area.height()))
        for kind, lane, colour in ((EFFECTS, lay.effects_lane, EFFECT_COLOUR), (MUSIC, lay.music_lane, MUSIC_COLOUR)):
            if not view.lane_visible(lane):
                continue
            band = QRect(area.left(), view.lane_top(lane), area.width(), view.lane_h)
            tint = QColor(colour)
            tint.setAlpha(60 if m.drop_lane == kind else 16)
            p.fillRect(band, base)
            p.fillRect(band, tint)
        top = view.lane_top(lay.effects_lane)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawLine(area.left(), top, area.right(), top)  # where the dialogue ends
        p.restore()

    def paint_headers(self, p: QPainter, view: Viewport, m: MediaFrame, pal: QPalette) -> None:
        lay = m.layout
        if not lay.shown:
            return
        area = view.area
        mid, text_c = pal.color(QPalette.ColorRole.Mid), pal.color(QPalette.ColorRole.Text)
        pad = 6 if view.lane_h >= 40 else 4
        p.save()
        p.setClipRect(QRect(0, area.top(), HEADER_W, area.height()))
        p.setFont(self.head_font)
        fm = QFontMetrics(self.head_font)
        for lane, title, colour in ((lay.effects_lane, m.effects_title, EFFECT_COLOUR),
                                    (lay.music_lane, m.music_title, MUSIC_COLOUR)):
            if not view.lane_visible(lane):
                continue
            top = view.lane_top(lane)
            p.fillRect(QRect(0, top, HEADER_W - 1, view.lane_h), pal.color(QPalette.ColorRole.Window))
            p.fillRect(QRect(0, top + pad, 5, view.lane_h - 2 * pad), QColor(colour))
            p.setPen(mid)
            p.drawLine(0, top + view.lane_h - 1, HEADER_W, top + view.lane_h - 1)
            p.setPen(text_c)
            p.drawText(QRect(12, top, HEADER_W - 16, view.lane_h), Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(title, Qt.TextElideMode.ElideRight, HEADER_W - 18))
        p.restore()

    def paint(self, p: QPainter, view: Viewport, m: MediaFrame, dialogue: TimelineLayout, pal: QPalette,
              exposed: QRect) -> None:
        lay = m.layout
        if not lay.shown:
            return
        area = view.area
        p.save()
        p.setClipRect(area)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        placeholder = pal.color(QPalette.ColorRole.PlaceholderText)
        p.setFont(self.text_font)
        fm = QFontMetrics(self.text_font)
        if view.lane_visible(lay.effects_lane):
            t0, t1 = view.ms_for_x(exposed.left() - 2), view.ms_for_x(exposed.right() + 2)
            for it in lay.items:
                if it.end_ms >= t0 and it.start_ms <= t1:
                    self._paint_effect(p, view, m, it, dialogue, pal)
            if not lay.items:
                self._hint(p, view, lay.effects_lane, m.effects_hint, placeholder, fm)
        if view.lane_visible(lay.music_lane):
            if lay.music is None:
                self._hint(p, view, lay.music_lane, m.music_hint, placeholder, fm)
            else:
                self._paint_music(p, view, m, lay.music, pal, exposed)
        p.restore()

    def paint_connectors(self, p: QPainter, view: Viewport, m: MediaFrame, dialogue: TimelineLayout) -> None:
        """A thin line from each attached effect up to its line's clip: drawn joined to it."""
        lay = m.layout
        if not lay.shown:
            return
        p.save()
        p.setClipRect(view.area)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for it in lay.items:
            line_id = it.clip.line_id
            line = dialogue.by_id.get(line_id) if line_id is not None else None
            if line is None:
                continue
            target = view.clip_rect(line, dialogue.lanes)
            fx = lay.effect_rect(view, it)
            if fx.right() < view.area.left() and target.right() < view.area.left():
                continue
            colour = QColor(dialogue.lanes[line.lane].colour)
            pen = QPen(colour, 1.4, Qt.PenStyle.DashLine)
            p.setPen(pen)
            a = QPointF(target.left() + 0.5, target.bottom() + 1)
            b = QPointF(fx.left() + 0.5, fx.top())
            p.drawLine(a, b)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawEllipse(a, 2.5, 2.5)
        p.restore()

    def _hint(self, p: QPainter, view: Viewport, lane: int, text: str, colour: QColor, fm: QFontMetrics) -> None:
        if view.lane_h < fm.height():
            return
        box = QRect(view.area.left() + 8, view.lane_top(lane), view.area.width() - 16, view.lane_h)
        key = (text, box.width())
        elided = self._elided.get(key)
        if elided is None:  # the same hint every frame: elided once per width
            if len(self._elided) > 64:
                self._elided.clear()
            elided = self._elided[key] = fm.elidedText(text, Qt.TextElideMode.ElideRight, box.width())
        p.setPen(colour)
        p.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)

    # -- effects ---------------------------------------------------------------------------------

    def _paint_effect(self, p: QPainter, view: Viewport, m: MediaFrame, it: EffectItem, dialogue: TimelineLayout,
                      pal: QPalette) -> None:
        r = m.layout.effect_rect(view, it)
        fill = QColor(EFFECT_COLOUR)
        selected = it.clip.clip_id == m.selected_effect
        outline = QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = min(4.0, r.height() / 4, r.width() / 2)
        if selected:
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(outline.adjusted(-2, -2, 2, 2), radius + 2, radius + 2)
            fill = fill.lighter(115)
        p.setPen(QPen(fill.darker(150), 1))
        p.setBrush(fill)
        p.drawRoundedRect(outline, radius, radius)
        line_id = it.clip.line_id
        line = dialogue.by_id.get(line_id) if line_id is not None else None
        if line is not None:  # joined to its line: the line's colour along the left edge
            path = QPainterPath()
            path.addRoundedRect(outline, radius, radius)
            p.save()
            p.setClipPath(path, Qt.ClipOperation.IntersectClip)
            p.fillRect(QRect(r.left(), r.top(), 4, r.height()), QColor(dialogue.lanes[line.lane].colour))
            p.restore()
        if r.width() < 14:
            return
        vis_l, vis_r = max(r.left() + 6, view.area.left() + 3), min(r.right() - 2, view.area.right())
        peaks = it.clip.peaks
        if peaks is not None and len(peaks) and vis_r > vis_l:
            self._wave(p, r, vis_l, vis_r, lambda x: _peak(peaks, (x - r.left()) / max(1, r.width())),
                       QColor(255, 255, 255, 90))
        fm = QFontMetrics(self.text_font)
        if r.height() >= fm.height() and vis_r - vis_l > 16:
            p.setPen(QColor(255, 255, 255))
            p.drawText(QRect(vis_l, r.top(), vis_r - vis_l, min(r.height(), fm.height() + 2)),
                       Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(it.clip.name, Qt.TextElideMode.ElideRight, vis_r - vis_l))

    # -- music -----------------------------------------------------------------------------------

    def _paint_music(self, p: QPainter, view: Viewport, m: MediaFrame, music: MusicLane, pal: QPalette,
                     exposed: QRect) -> None:
        r = m.layout.music_rect(view)
        fill = QColor(MUSIC_COLOUR)
        body = QColor(fill)
        body.setAlpha(70)
        outline = QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5)
        if m.music_selected:
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(outline.adjusted(-2, -2, 2, 2), 5, 5)
        p.setPen(QPen(fill.darker(130), 1))
        p.setBrush(body)
        p.drawRoundedRect(outline, 3, 3)
        fm = QFontMetrics(self.text_font)
        text_h = fm.height() if r.height() >= 2 * fm.height() else 0
        vis_l = max(r.left() + 1, view.area.left(), exposed.left() - 2)
        vis_r = min(r.right() - 1, view.area.right(), exposed.right() + 2)
        if vis_r > vis_l:
            wave_box = QRect(r.left(), r.top() + text_h, r.width(), r.height() - text_h)
            peaks = music.peaks

            def level(x: float) -> float:
                ms = view.ms_for_x(x)
                gain = music.gain_at(ms)
                if peaks is None or not len(peaks) or music.file_ms <= 0:
                    return 0.55 * gain
                pos = ms % music.file_ms if music.loop else ms
                return _peak(peaks, pos / music.file_ms) * gain

            wave = QColor(fill.darker(110))
            wave.setAlpha(150)
            self._wave(p, wave_box, vis_l, vis_r, level, wave)
            self._envelope(p, view, music, wave_box, vis_l, vis_r, fill.darker(160))
        if text_h or r.height() >= fm.height():
            left = max(r.left() + 5, view.area.left() + 4)
            width = min(r.right(), view.area.right()) - left - 4
            if width > 20:
                back = QColor(pal.color(QPalette.ColorRole.Base))
                back.setAlpha(190)
                label = fm.elidedText(m.music_label, Qt.TextElideMode.ElideRight, width)
                box = QRect(left, r.top() + 1, width, fm.height())
                p.fillRect(QRectF(left - 2, box.top(), fm.horizontalAdvance(label) + 4, fm.height()), back)
                p.setPen(pal.color(QPalette.ColorRole.Text))
                p.drawText(box, Qt.AlignmentFlag.AlignVCenter, label)

    def _envelope(self, p: QPainter, view: Viewport, music: MusicLane, box: QRect, x0: int, x1: int,
                  colour: QColor) -> None:
        """The bed's level as a line: at the top of the lane at its own volume, lower in fades and under
        speech (the ducking dips)."""
        top, h = box.top() + 2, max(1, box.height() - 4)
        points = []
        for x in range(x0, x1 + 1, 2):
            g = music.gain_at(view.ms_for_x(x))
            points.append(QPointF(x + 0.5, top + h * (1.0 - min(1.0, g))))
        if len(points) > 1:
            p.setPen(QPen(colour, 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(QPolygonF(points))

    @staticmethod
    def _wave(p: QPainter, box: QRect, x0: int, x1: int, level, colour: QColor) -> None:  # noqa: ANN001
        mid = box.top() + box.height() / 2.0
        half = max(1.0, box.height() / 2.0 - 2)
        xs = range(x0, x1 + 1)
        amps = [max(0.5, min(1.0, level(x)) * half) for x in xs]
        top = [QPointF(x + 0.5, mid - a) for x, a in zip(xs, amps, strict=True)]
        bottom = [QPointF(x + 0.5, mid + a) for x, a in zip(reversed(xs), reversed(amps), strict=True)]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPolygon(QPolygonF(top + bottom))


def _peak(peaks: np.ndarray, fraction: float) -> float:
    if not len(peaks) or not 0 <= fraction <= 1 or math.isnan(fraction):
        return 0.0
    return float(peaks[min(len(peaks) - 1, int(fraction * len(peaks)))])


__all__ = ["EFFECTS", "EFFECT_COLOUR", "MUSIC", "MUSIC_COLOUR", "EffectItem", "EffectLaneClip", "MediaFrame",
           "MediaLayout", "MediaPainter", "MusicLane"]
