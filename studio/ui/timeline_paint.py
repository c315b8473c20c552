"""How the timeline view is painted: lane backgrounds, clips, placeholders, ruler, role names, playhead.

``TimelinePainter`` draws one ``Frame`` (the layout, the viewport and the view's state at paint
time) with a ``QPainter``. It paints only what lies in the exposed region, so a playhead step that
exposes two thin strips costs two thin strips. A rendered clip is a filled rounded rectangle in its
role's colour with its text and waveform; a placeholder (a line without a take) is a hatched outline
in the role's colour with its text and no waveform, a dot when it is queued or rendering, and a red
edge when rendering failed.

Not here: deciding what is where (``timeline_layout``), events, scrolling, and translatable text:
the view passes the strings it wants painted in the ``Frame``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QRegion,
)

from studio.audio.peaks import peaks as compute_peaks
from studio.ui.timeline_layout import HEADER_W, RULER_H, Item, TimelineLayout, Viewport, format_time
from studio.ui.timeline_media import MediaFrame, MediaPainter

PLAYHEAD_COLOUR = "#e5484d"
FAILED_COLOUR = "#d92d20"
KINDS = 4  # of clip drawn narrow: rendered, placeholder, failed, doubtful (TimelineLayout.columns)
DOUBT_COLOUR = "#c2185b"  # a rendered clip whose take a check found doubtful (the table's colour)
#: Clips narrower than this on screen are drawn as plain rectangles batched per lane (no text, waveform or
#: outline): a long episode zoomed out to fit draws hundreds of them in a frame.
LOD_PX = 6
HATCH_SPACING = 7  # px between the diagonal lines of a placeholder
_TICK_STEPS_MS = (
    100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
    60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
)  # fmt: skip
_LABEL_MIN_PX = 64


@dataclass(frozen=True)
class Frame:
    """Everything one paint needs besides the painter and the exposed region."""

    layout: TimelineLayout
    view: Viewport
    width: int
    height: int
    palette: QPalette
    playhead_ms: int
    selected: int | None
    focused: bool
    empty_text: str  # shown when there is no clip at all
    unnamed_role: str  # the lane name shown for clips without a role
    media: MediaFrame | None = None  # the music and effects lanes, when shown


class _Shape:
    """A clip's rectangle, its rounded outline, and which part of it is on screen (long clips at
    high zoom are far wider than the view)."""

    def __init__(self, r: QRect, area: QRect) -> None:
        self.rect = r
        self.outline = QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5)
        self.radius = min(5.0, r.height() / 4, r.width() / 2)
        self.vis_l = max(r.left() + 2, area.left())
        self.vis_r = min(r.right() - 2, area.right())
        self.legible = r.width() >= 6 and self.vis_r > self.vis_l  # room for text or a waveform


def luminance(c: QColor) -> float:
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()


def text_font_for(font: QFont) -> QFont:
    """The font of the clips' text (a little smaller than the widget's)."""
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() - 0.5))
    return small


class TimelinePainter:
    """Paints frames; keeps the fonts and the per-width waveform columns between paints."""

    def __init__(self, font: QFont) -> None:
        self.text_font = text_font_for(font)
        self.small_font = QFont(font)
        self.small_font.setPointSizeF(max(6.5, font.pointSizeF() - 1.5))
        self.head_font = QFont(font)
        self.head_font.setBold(True)
        self._wave_cache: dict[tuple[int, int], np.ndarray] = {}
        self.media = MediaPainter(font)

    def clear_waveforms(self) -> None:
        """Forget the waveform columns (after new clips or a new zoom)."""
        self._wave_cache.clear()

    def paint(self, p: QPainter, f: Frame, exposed: QRect, region: QRegion) -> None:
        pal = f.palette
        window = pal.color(QPalette.ColorRole.Window)
        text_c = pal.color(QPalette.ColorRole.Text)
        mid = pal.color(QPalette.ColorRole.Mid)
        p.fillRect(exposed, window)
        area = f.view.area
        self._paint_lane_backgrounds(p, f)
        if f.media is not None:
            self.media.paint_backgrounds(p, f.view, f.media, pal, f.width)

        # Only the exposed part of the lanes: a playhead step exposes two thin strips there, even
        # though the corner readout makes the bounding rectangle of the whole update wide.
        clip_area = region.intersected(area).boundingRect()
        layout = f.layout
        if not clip_area.isEmpty() and layout.items:
            p.save()
            p.setClipRect(area)
            t0 = f.view.ms_for_x(clip_area.left() - 2)
            t1 = f.view.ms_for_x(clip_area.right() + 2)
            lo = bisect.bisect_left(layout.starts, t0 - layout.max_duration)
            hi = bisect.bisect_right(layout.starts, t1)
            detailed = self._paint_narrow(p, f, lo, hi, t0, clip_area)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            selected_item: Item | None = None
            for i in detailed:
                it = layout.items[i]
                if it.clip.line_id == f.selected:
                    selected_item = it
                    continue  # drawn last, on top
                self._paint_item(p, f, it, f.view.clip_rect(it, layout.lanes), selected=False)
            if selected_item is not None:
                self._paint_item(p, f, selected_item, f.view.clip_rect(selected_item, layout.lanes), True)
            p.restore()
        if f.media is not None and not clip_area.isEmpty():
            self.media.paint_connectors(p, f.view, f.media, layout)
            self.media.paint(p, f.view, f.media, layout, pal, clip_area)

        if not layout.items:
            box = area
            if f.media is not None and f.media.layout.shown:  # above the music and effects lanes
                box = QRect(area.left(), area.top(), area.width(),
                            f.view.lane_top(f.media.layout.effects_lane) - area.top())
            if box.height() >= QFontMetrics(self.text_font).height():
                p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, f.empty_text)

        self._paint_ruler(p, f, exposed, text_c, mid, window)
        self._paint_headers(p, f, text_c, mid, window)
        if f.media is not None:
            self.media.paint_headers(p, f.view, f.media, pal)
        self._paint_playhead(p, f)
        if f.focused:
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRect(0, 0, f.width - 1, f.height - 1))

    # -- lanes and clips -----------------------------------------------------------------------

    def _paint_lane_backgrounds(self, p: QPainter, f: Frame) -> None:
        base = f.palette.color(QPalette.ColorRole.Base)
        alt = f.palette.color(QPalette.ColorRole.AlternateBase)
        area = f.view.area
        p.save()
        p.setClipRect(QRect(0, area.top(), f.width, area.height()))
        for i in range(len(f.layout.lanes)):
            if f.view.lane_visible(i):
                band = QRect(area.left(), f.view.lane_top(i), area.width(), f.view.lane_h)
                p.fillRect(band, base if i % 2 == 0 else alt)
        p.restore()

    def _paint_narrow(self, p: QPainter, f: Frame, lo: int, hi: int, t0: float, exposed: QRect) -> list[int]:
        """Level of detail: the clips of ``layout.items[lo:hi]`` in ``exposed`` that are narrower than
        ``LOD_PX`` on screen (a zoomed-out view of a long episode) are drawn here as plain rectangles, one
        batch per lane and kind, with no text, waveform or outline; returns the indices of the others
        (wider, or the selected clip), to be drawn in full."""
        if hi <= lo:
            return []
        layout, view = f.layout, f.view
        c = layout.columns()
        sl = slice(lo, hi)
        left, top, width, height = view.span_rects(c.lane[sl], c.subrow[sl], c.subrows[sl], c.start[sl], c.end[sl])
        shown = (c.end[sl] >= t0) & (top + height - 1 >= exposed.top()) & (top <= exposed.bottom())
        if f.selected is not None:
            shown_full = c.line_id[sl] == f.selected
        else:
            shown_full = np.zeros(hi - lo, dtype=bool)
        narrow = shown & (width < LOD_PX) & ~shown_full
        full = np.flatnonzero(shown & ~narrow) + lo
        if narrow.any():
            group = c.lane[sl][narrow] * KINDS + c.kind[sl][narrow]
            order = np.argsort(group, kind="stable")
            group = group[order]
            xs, ys = left[narrow][order].tolist(), top[narrow][order].tolist()
            ws, hs = width[narrow][order].tolist(), height[narrow][order].tolist()
            bounds = np.flatnonzero(np.diff(group)) + 1
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            p.setPen(Qt.PenStyle.NoPen)
            for a, b in zip([0, *bounds.tolist()], [*bounds.tolist(), len(group)], strict=True):
                lane, kind = divmod(int(group[a]), KINDS)
                p.setBrush(self._narrow_colour(f, layout.lanes[lane].colour, kind))
                p.drawRects(list(map(QRect, xs[a:b], ys[a:b], ws[a:b], hs[a:b])))
        return full.tolist()

    @staticmethod
    def _narrow_colour(f: Frame, colour: QColor, kind: int) -> QColor:
        """A narrow clip's fill: the lane's colour; a placeholder's a faint one; a failed one red; a doubtful
        take the doubt colour."""
        if kind == 0:
            return QColor(colour)
        if kind == 2:
            return QColor(FAILED_COLOUR)
        if kind == 3:
            return QColor(DOUBT_COLOUR)
        base = f.palette.color(QPalette.ColorRole.Base)
        tint = colour.lighter(135) if luminance(base) < 0.5 and luminance(colour) < 0.5 else QColor(colour)
        tint.setAlpha(110)
        return tint

    def _paint_item(self, p: QPainter, f: Frame, it: Item, r: QRect, selected: bool) -> None:
        shape = _Shape(r, f.view.area)
        if selected:
            p.setPen(QPen(f.palette.color(QPalette.ColorRole.Highlight), 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(shape.outline.adjusted(-2, -2, 2, 2), shape.radius + 2, shape.radius + 2)
        colour = QColor(f.layout.lanes[it.lane].colour)
        if it.clip.placeholder:
            self._paint_placeholder(p, f, it, shape, colour, selected)
        else:
            self._paint_rendered(p, f, it, shape, colour, selected)

    def _paint_rendered(self, p: QPainter, f: Frame, it: Item, s: _Shape, fill: QColor, selected: bool) -> None:
        border = fill.darker(150)
        if selected:
            fill = fill.lighter(112)
        p.setPen(QPen(border, 1))
        p.setBrush(fill)
        p.drawRoundedRect(s.outline, s.radius, s.radius)
        if s.legible:
            ink = QColor(0, 0, 0) if luminance(fill) > 0.55 else QColor(255, 255, 255)
            if s.rect.height() < QFontMetrics(self.text_font).height() + 8:  # a compact lane: no row to spare
                self._paint_waveform(p, it, s, ink, 0, alpha=55)  # so the waveform goes faintly behind the text
                self._paint_text(p, f, it, s.rect, ink, 0)
            else:
                text_h = self._paint_text(p, f, it, s.rect, ink, 0)
                self._paint_waveform(p, it, s, ink, text_h)
        if it.clip.doubt:
            self._paint_doubt(p, f, s)

    def _paint_doubt(self, p: QPainter, f: Frame, s: _Shape) -> None:
        """A doubtful take: an outline in the doubt colour and a "?" badge at the clip's visible end."""
        colour = QColor(DOUBT_COLOUR)
        p.setPen(QPen(colour, 2.0, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(s.outline.adjusted(1, 1, -1, -1), s.radius, s.radius)
        r = s.rect
        size = min(14, r.height() - 4)
        if size < 8 or r.width() < size + 8:
            return
        right = min(r.right(), f.view.area.right()) - 3
        badge = QRectF(right - size, r.top() + 2, size, size)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(badge)
        font = QFont(self.text_font)
        font.setBold(True)
        font.setPixelSize(max(7, int(size * 0.75)))
        p.setFont(font)
        p.setPen(QColor(255, 255, 255))
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, "?")
        p.setFont(self.text_font)

    def _paint_placeholder(self, p: QPainter, f: Frame, it: Item, s: _Shape, colour: QColor,
                           selected: bool) -> None:
        base = f.palette.color(QPalette.ColorRole.Base)
        dark = luminance(base) < 0.5
        line_c = colour.lighter(135) if dark and luminance(colour) < 0.5 else QColor(colour)
        tint = QColor(line_c)
        tint.setAlpha(60 if selected else 34)
        path = QPainterPath()
        path.addRoundedRect(s.outline, s.radius, s.radius)
        p.fillPath(path, tint)
        r = s.rect
        if s.vis_r > s.vis_l:  # diagonal hatching, only over the visible part
            hatch = QColor(line_c)
            hatch.setAlpha(110)
            p.save()
            p.setClipPath(path, Qt.ClipOperation.IntersectClip)
            p.setPen(QPen(hatch, 1.2))
            h = r.height()
            start = s.vis_l - h - ((s.vis_l - h) % HATCH_SPACING)  # anchored to time, so it does not crawl
            for x in range(start, s.vis_r + 1, HATCH_SPACING):
                p.drawLine(QPointF(x, r.bottom() + 1), QPointF(x + h + 1, r.top()))
            p.restore()
        failed = it.clip.status == "failed"
        edge = QColor(FAILED_COLOUR) if failed else line_c
        p.setPen(QPen(edge, 2.0 if failed else 1.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(s.outline.adjusted(0.5, 0.5, -0.5, -0.5), s.radius, s.radius)
        if not s.legible:
            return
        marker_w = self._paint_status_marker(p, f, it, r, line_c)
        self._paint_text(p, f, it, r, f.palette.color(QPalette.ColorRole.Text), marker_w, backing=base)

    def _paint_status_marker(self, p: QPainter, f: Frame, it: Item, r: QRect, colour: QColor) -> int:
        """A small dot before the text: hollow when queued, filled when rendering, red when failed."""
        status = it.clip.status
        if status not in ("queued", "rendering", "failed") or r.width() < 40 or r.height() < 10:
            return 0
        fm = QFontMetrics(self.text_font)
        row_h = min(fm.height(), r.height() - 2)
        x = max(r.left() + 5, f.view.area.left() + 3)
        centre = QPointF(x + 3.5, r.top() + 1 + row_h / 2)
        if status == "queued":
            p.setPen(QPen(colour, 1.2))
            p.setBrush(Qt.BrushStyle.NoBrush)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(FAILED_COLOUR) if status == "failed"
                       else f.palette.color(QPalette.ColorRole.Highlight))
        p.drawEllipse(centre, 3.0, 3.0)
        return 10

    def _paint_text(self, p: QPainter, f: Frame, it: Item, r: QRect, ink: QColor, indent: int,
                    backing: QColor | None = None) -> int:
        """The line's text on the clip's first row; returns the height used (0 if it did not fit)."""
        fm = QFontMetrics(self.text_font)
        if r.height() < fm.height() + 2 or r.width() < 18:
            return 0
        text_h = fm.height()
        text_left = max(r.left() + 5, f.view.area.left() + 3) + indent  # readable when scrolled
        avail = r.right() - 4 - text_left
        if avail <= 10:
            return text_h
        label = fm.elidedText(it.clip.text.replace("\n", " "), Qt.TextElideMode.ElideRight, avail)
        box = QRect(text_left, r.top() + 1, avail, text_h)
        if backing is not None:  # keep the hatching from running through the letters
            behind = QColor(backing)
            behind.setAlpha(200)
            width = fm.horizontalAdvance(label)
            p.fillRect(QRectF(text_left - 2, box.top() + 1, width + 4, text_h - 2), behind)
        p.setFont(self.text_font)
        p.setPen(ink)
        p.drawText(box, Qt.AlignmentFlag.AlignVCenter, label)
        return text_h

    def _paint_waveform(self, p: QPainter, it: Item, s: _Shape, ink: QColor, text_h: int, alpha: int = 120) -> None:
        wave, r = it.clip.peaks, s.rect
        wave_top = r.top() + text_h + 1
        wave_h = r.bottom() - 2 - wave_top
        if wave is None or wave_h < 4 or len(wave) == 0:
            return
        cols = self._wave_columns(it, r.width())
        seg = cols[s.vis_l - r.left() : s.vis_r - r.left() + 1]
        if seg.size == 0:
            return
        mid_y = wave_top + wave_h / 2.0
        amp = np.maximum(np.clip(seg, 0.0, 1.0) * (wave_h / 2.0), 0.5)
        xs = np.arange(seg.size, dtype=np.float64) + s.vis_l + 0.5
        top_pts = [QPointF(x, mid_y - a) for x, a in zip(xs.tolist(), amp.tolist(), strict=True)]
        bot_pts = [QPointF(x, mid_y + a) for x, a in zip(xs[::-1].tolist(), amp[::-1].tolist(), strict=True)]
        wave_c = QColor(ink)
        wave_c.setAlpha(alpha)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(wave_c)
        p.drawPolygon(QPolygonF(top_pts + bot_pts))

    def _wave_columns(self, it: Item, width: int) -> np.ndarray:
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

    # -- ruler, role names, playhead -----------------------------------------------------------

    def _paint_ruler(self, p: QPainter, f: Frame, exposed: QRect, text_c: QColor, mid: QColor,
                     window: QColor) -> None:
        ruler = QRect(0, 0, f.width, RULER_H)
        if not ruler.intersects(exposed):
            return
        p.fillRect(ruler, window.darker(106))
        p.setPen(mid)
        p.drawLine(0, RULER_H - 1, f.width, RULER_H - 1)
        px_per_ms = f.view.px_per_ms
        step = next((s for s in _TICK_STEPS_MS if s * px_per_ms >= _LABEL_MIN_PX), _TICK_STEPS_MS[-1])
        minor = step // 5 if step % 5 == 0 else step // 2
        area = f.view.area
        t0 = max(0.0, f.view.ms_for_x(max(area.left(), exposed.left()) - _LABEL_MIN_PX))
        t1 = f.view.ms_for_x(min(area.right(), exposed.right()) + 1)
        p.save()
        p.setClipRect(QRect(area.left(), 0, area.width(), RULER_H))
        p.setFont(self.small_font)
        fm = QFontMetrics(self.small_font)
        tenths = step < 1000
        t = int(t0 // minor) * minor
        while t <= t1:
            x = round(f.view.x_for_ms(t))
            if t % step == 0:
                p.setPen(text_c)
                p.drawLine(x, RULER_H - 9, x, RULER_H - 1)
                label = format_time(t, tenths)
                box = QRect(x + 3, 1, fm.horizontalAdvance(label) + 4, RULER_H - 9)
                p.drawText(box, Qt.AlignmentFlag.AlignVCenter, label)
            else:
                p.setPen(mid)
                p.drawLine(x, RULER_H - 5, x, RULER_H - 1)
            t += minor
        p.restore()
        # The corner above the role names: the playhead's time.
        corner = QRect(0, 0, HEADER_W, RULER_H)
        p.fillRect(corner, window.darker(106))
        p.setPen(mid)
        p.drawLine(0, RULER_H - 1, HEADER_W, RULER_H - 1)
        p.setPen(text_c)
        p.setFont(self.small_font)
        p.drawText(corner.adjusted(8, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter,
                   format_time(f.playhead_ms, True))

    def _paint_headers(self, p: QPainter, f: Frame, text_c: QColor, mid: QColor, window: QColor) -> None:
        area = f.view.area
        lane_h = f.view.lane_h
        bar_pad = 6 if lane_h >= 40 else 4
        p.save()
        p.setClipRect(QRect(0, area.top(), HEADER_W, area.height()))
        p.fillRect(QRect(0, area.top(), HEADER_W, area.height()), window)
        p.setFont(self.head_font)
        fm = QFontMetrics(self.head_font)
        for i, lane in enumerate(f.layout.lanes):
            if not f.view.lane_visible(i):
                continue
            top = f.view.lane_top(i)
            p.fillRect(QRect(0, top + bar_pad, 5, lane_h - 2 * bar_pad), lane.colour)
            p.setPen(mid)
            p.drawLine(0, top + lane_h - 1, HEADER_W, top + lane_h - 1)
            p.setPen(text_c)
            name = fm.elidedText(lane.role_name or f.unnamed_role, Qt.TextElideMode.ElideRight, HEADER_W - 18)
            p.drawText(QRect(12, top, HEADER_W - 16, lane_h), Qt.AlignmentFlag.AlignVCenter, name)
        p.setPen(mid)
        p.drawLine(HEADER_W - 1, area.top(), HEADER_W - 1, area.bottom())
        p.restore()

    def _paint_playhead(self, p: QPainter, f: Frame) -> None:
        area = f.view.area
        x = round(f.view.x_for_ms(f.playhead_ms))
        if x < area.left() or x > area.right():
            return
        colour = QColor(PLAYHEAD_COLOUR)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(QPen(colour, 1.5))
        p.drawLine(QPointF(x + 0.5, 0), QPointF(x + 0.5, area.bottom()))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPolygon(QPolygonF([QPointF(x - 5, 0), QPointF(x + 6, 0), QPointF(x + 0.5, 7)]))
        p.restore()
