"""The timeline view: one lane per role, each line a clip, a ruler and a playhead; below the dialogue, when
the window asks for them, an effects lane (sound effects at times or joined to lines, dragged along time,
removed with Delete, edited on a double-click) and a music lane (the bed: its waveform at its level, fades
and the dips where it ducks under speech). Audio files dropped on those lanes are reported.

``TimelineView`` is a self-painted ``QWidget`` (no scene graph). This module holds the widget: its
public API, scrolling and zoom, lane heights that shrink to fit a short dock, hit-testing, mouse,
wheel and keyboard handling, tooltips and every string the user reads (through ``self.tr()``).
It owns a horizontal and a vertical ``QScrollBar`` as children and scrolls by pixel offsets.

Not here: the clip and lane records and the time/pixel mapping (``timeline_layout``), how anything
is drawn (``timeline_paint``), where takes go in time (``studio.domain.timeline``), loading audio
(callers pass precomputed peaks) or playing anything. The view only shows clips and reports clicks
(``seek_requested``, ``line_activated``) and edits (``clip_dragged``, ``effect_moved``, ``file_dropped`` …);
the music and effects lanes' records and painting are ``timeline_media``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QToolTip, QWidget

from studio.ui.timeline_drag import ClipDragging
from studio.ui.timeline_layout import (
    COMPACT_CLIP_PAD,
    HEADER_W,
    LANE_H,
    MIN_LANE_H,
    RULER_H,
    STATUSES,
    Item,
    TimelineClip,
    TimelineLayout,
    Viewport,
    fit_lane_height,
    format_time,
)
from studio.ui.timeline_media import (
    EFFECTS,
    MUSIC,
    EffectItem,
    EffectLaneClip,
    MediaFrame,
    MediaLayout,
    MusicLane,
)
from studio.ui.timeline_paint import Frame, TimelinePainter, text_font_for

__all__ = [
    "EFFECTS", "HEADER_W", "LANE_H", "MIN_LANE_H", "MUSIC", "RULER_H", "STATUSES", "EffectLaneClip", "MusicLane",
    "TimelineClip", "TimelineView", "format_time",
]  # fmt: skip

MIN_PX_PER_MS = 0.0002  # 1 px per 5 seconds (an hour in 720 px)
MAX_PX_PER_MS = 1.0  # 1 px per millisecond
DEFAULT_PX_PER_MS = 0.05  # 50 px per second
ZOOM_STEP = 1.25
TAIL_MS = 2000  # room after the last clip


class TimelineView(ClipDragging, QWidget):
    """Lanes of clips over a time ruler.

    Signals: ``seek_requested(ms)`` on a click (or drag) on empty space or the ruler;
    ``line_activated(line_id)`` on a click or double-click on a clip (rendered or placeholder), or
    when the keyboard moves the selection (Left/Right). Ctrl+wheel (or +/-) zooms around the
    pointer; wheel and Shift+wheel scroll.
    """

    seek_requested = Signal(int)
    line_activated = Signal(int)
    #: a clip was dragged: line id, how far (ms), and whether alone (Alt: its own offset) or with what follows
    clip_dragged = Signal(int, int, bool)
    #: the clips were replaced (``set_clips``): what is drawn against them (the media lanes) may follow
    clips_changed = Signal()
    #: a sound effect was clicked (its id), dragged (id, how far in ms, where it started), or asked to be
    #: removed (Delete) or edited (double-click); the music lane was double-clicked
    effect_selected = Signal(int)
    effect_moved = Signal(int, int, int)
    effect_remove_requested = Signal(int)
    effect_edit_requested = Signal(int)
    music_edit_requested = Signal()
    #: an audio file was dropped on a media lane: which ("music" or "effects"), the file, and the time there
    file_dropped = Signal(str, str, int)
    #: the context menu was asked for: over a dialogue clip (its line id; -1 elsewhere), over a sound effect
    #: (its id; -1 elsewhere), and where on the screen
    menu_requested = Signal(int, int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setAccessibleName(self.tr("Timeline"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

        self._layout = TimelineLayout()
        self._selected: int | None = None
        self._playhead_ms = 0
        self._px_per_ms = DEFAULT_PX_PER_MS
        self._lane_h = LANE_H
        self._dragging_seek = False
        self._drag: dict | None = None  # a clip being dragged: clip, press x, alone, delta, moved, clips before
        self._painter = TimelinePainter(self.font())
        # The shortest lane that still shows one line of clip text.
        text_h = QFontMetrics(text_font_for(self.font())).height()
        self._min_lane_h = max(MIN_LANE_H, text_h + 2 + 2 * COMPACT_CLIP_PAD)
        #: While True, ``set_playhead`` scrolls so the playhead stays in view.
        self.follow_playhead = True
        self._media_shown = False
        self._music: MusicLane | None = None
        self._effects: list[EffectLaneClip] = []
        self._selected_effect: int | None = None
        self._music_selected = False
        self._fx_drag: dict | None = None  # an effect being dragged: item, press x, delta, moved
        self._drop_lane: str | None = None
        self._media = MediaLayout(self._layout, None, [], False)
        self.setAcceptDrops(True)

        self._hbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self._hbar.setObjectName("timeline_hscroll")
        self._hbar.setAccessibleName(self.tr("Timeline scroll"))
        self._vbar = QScrollBar(Qt.Orientation.Vertical, self)
        self._vbar.setObjectName("timeline_vscroll")
        self._vbar.setAccessibleName(self.tr("Timeline lanes scroll"))
        self._vbar.hide()
        for bar in (self._hbar, self._vbar):
            bar.valueChanged.connect(lambda _v: self.update())
        self._update_description()

    # -- public API ----------------------------------------------------------------------------

    def set_clips(
        self, clips: Iterable[TimelineClip], lanes: Sequence[tuple[str, str | QColor]] | None = None
    ) -> None:
        """Replace every clip (rendered ones and placeholders).

        ``lanes`` names the lanes top to bottom as ``(role_name, colour)`` (the cast order of the
        roles that speak in the episode): they keep that order whatever is rendered, and a listed
        lane without a clip is still drawn. Roles of clips not listed get lanes after them, in the
        order they first appear in ``clips``; without ``lanes`` that is the order of every lane.
        """
        self._layout = TimelineLayout(clips, lanes)
        if self._selected not in self._layout.by_id:
            self._selected = None
        self._relayout_media()
        self._painter.clear_waveforms()
        self._update_scrollbars()
        self._update_description()
        self.updateGeometry()
        self.update()
        self.clips_changed.emit()

    # -- the music and effects lanes -----------------------------------------------------------

    def set_media_lanes(self, shown: bool) -> None:
        """Show (or hide) the effects and music lanes under the dialogue."""
        if shown == self._media_shown:
            return
        self._media_shown = shown
        self._media_changed()

    def media_lanes_shown(self) -> bool:
        return self._media_shown

    def lanes_shortfall(self) -> int:
        """How many pixels taller the view would have to be to show every lane (the media lanes included)
        at its smallest height without scrolling; 0 when they all fit."""
        lanes = len(self._layout.lanes) + self._media.lanes
        available = self.height() - RULER_H - self._hbar.sizeHint().height()
        return max(0, lanes * self._min_lane_h - available)

    def set_music(self, music: MusicLane | None) -> None:
        """The bed the music lane shows (None: the lane is empty)."""
        self._music = music
        if music is None:
            self._music_selected = False
        self._media_changed()

    def music(self) -> MusicLane | None:
        return self._music

    def set_effects(self, effects: Iterable[EffectLaneClip]) -> None:
        """The sound effects the effects lane shows (an attached one is placed against its line's clip)."""
        self._effects = list(effects)
        if self._selected_effect not in {e.clip_id for e in self._effects}:
            self._selected_effect = None
        self._media_changed()

    def effects(self) -> list[EffectLaneClip]:
        return list(self._effects)

    def selected_effect(self) -> int | None:
        return self._selected_effect

    def select_effect(self, clip_id: int | None) -> None:
        """Highlight a sound effect (None clears); Delete then asks to remove it."""
        new = clip_id if clip_id in self._media.by_id else None
        if new != self._selected_effect:
            self._selected_effect = new
            if new is not None:
                self._music_selected = False
            self.update()

    def effect_rect(self, clip_id: int) -> QRect:
        """Where sound effect ``clip_id`` is drawn (empty if it is not)."""
        item = self._media.by_id.get(clip_id)
        return self._media.effect_rect(self._viewport(), item) if item is not None else QRect()

    def music_rect(self) -> QRect:
        """Where the music bed is drawn (empty without one)."""
        return self._media.music_rect(self._viewport())

    def media_lane_rect(self, kind: str) -> QRect:
        """Where the ``"effects"`` or ``"music"`` lane is (its name included); empty when not shown."""
        if not self._media_shown:
            return QRect()
        lane = self._media.effects_lane if kind == EFFECTS else self._media.music_lane
        return QRect(0, self._viewport().lane_top(lane), self._lanes_rect().right() + 1, self._lane_h)

    def _relayout_media(self, drag: tuple[int, int] | None = None) -> None:
        self._media = MediaLayout(self._layout, self._music, self._effects, self._media_shown, drag)

    def _media_changed(self) -> None:
        self._relayout_media()
        self._update_scrollbars()
        self._update_description()
        self.updateGeometry()
        self.update()

    def clips(self) -> list[TimelineClip]:
        """The clips last passed to ``set_clips``, in that order."""
        return list(self._layout.clips)

    def select_line(self, line_id: int | None) -> None:
        """Highlight the clip of ``line_id`` (None or unknown clears) and scroll it into view.

        Does not emit ``line_activated``: this is how the window mirrors its own selection here.
        """
        by_id = self._layout.by_id
        new = line_id if line_id in by_id else None
        if new == self._selected:
            if new is not None:
                self._ensure_visible(by_id[new])
            return
        old, self._selected = self._selected, new
        for lid in (old, new):
            if lid is not None and lid in by_id:
                self.update(self._clip_rect(by_id[lid]).adjusted(-3, -3, 3, 3))
        if new is not None:
            self._ensure_visible(by_id[new])

    def selected_line(self) -> int | None:
        return self._selected

    def set_playhead(self, ms: int) -> None:
        """Move the playhead; repaints two thin strips, and scrolls only if it left the view."""
        ms = max(0, int(ms))
        if ms == self._playhead_ms:
            return
        old_x = self.x_at(self._playhead_ms)
        self._playhead_ms = ms
        if self.follow_playhead and self._follow(ms):
            return  # scrolled: the whole view repaints
        new_x = self.x_at(ms)
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
        anchor_ms = self._viewport().ms_for_x(anchor_x)
        self._px_per_ms = value
        self._painter.clear_waveforms()
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
        self.set_px_per_ms(width / max(1000, self._total_ms() + TAIL_MS // 2))
        self._hbar.setValue(0)

    def visible_range_ms(self) -> tuple[int, int]:
        view = self._viewport()
        return int(view.ms_for_x(view.area.left())), int(view.ms_for_x(view.area.right() + 1))

    def clip_rect(self, line_id: int) -> QRect:
        """Where the clip of ``line_id`` is drawn, in widget coordinates (empty if unknown)."""
        item = self._layout.by_id.get(line_id)
        return self._clip_rect(item) if item is not None else QRect()

    def lane_count(self) -> int:
        return len(self._layout.lanes)

    def lane_names(self) -> list[str]:
        return [lane.role_name for lane in self._layout.lanes]

    def lane_height(self) -> int:
        """The current height of every lane: ``LANE_H`` when there is room, less (down to a
        minimum that keeps one line of text) when that lets every lane fit."""
        return self._lane_h

    def lane_rect(self, index: int) -> QRect:
        """Where lane ``index`` is drawn (role name column included), in widget coordinates."""
        if not 0 <= index < len(self._layout.lanes):
            return QRect()
        area = self._lanes_rect()
        return QRect(0, self._viewport().lane_top(index), area.right() + 1, self._lane_h)

    def ms_at(self, x: float) -> int:
        """The time under widget x (not clamped to the lanes area; never negative)."""
        return max(0, round(self._viewport().ms_for_x(x)))

    def x_at(self, ms: float) -> float:
        """The widget x of time ``ms`` at the current zoom and scroll."""
        return self._viewport().x_for_ms(ms)

    def sizeHint(self) -> QSize:  # noqa: N802
        lanes = max(2, len(self._layout.lanes)) + self._media.lanes
        return QSize(800, RULER_H + lanes * LANE_H + self._hbar.sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(HEADER_W + 120, RULER_H + self._min_lane_h + self._hbar.sizeHint().height())

    # -- geometry ------------------------------------------------------------------------------

    def _lanes_rect(self) -> QRect:
        """The scrolled area where clips live (right of the role names, below the ruler)."""
        right = self.width() - (self._vbar.width() if self._vbar.isVisible() else 0)
        bottom = self.height() - self._hbar.height()
        return QRect(HEADER_W, RULER_H, max(0, right - HEADER_W), max(0, bottom - RULER_H))

    def _viewport(self) -> Viewport:
        scroll_y = self._vbar.value() if self._vbar.isVisible() else 0
        return Viewport(self._lanes_rect(), self._px_per_ms, self._hbar.value(), scroll_y, self._lane_h)

    def _clip_rect(self, item: Item) -> QRect:
        return self._viewport().clip_rect(item, self._layout.lanes)

    def _update_scrollbars(self) -> None:
        hb_h = self._hbar.sizeHint().height()
        vb_w = self._vbar.sizeHint().width()
        available = self.height() - RULER_H - hb_h
        lanes = len(self._layout.lanes) + self._media.lanes
        self._lane_h = fit_lane_height(available, lanes, self._min_lane_h)
        lanes_h = lanes * self._lane_h
        need_v = lanes_h > available and self.height() > 0
        self._vbar.setVisible(need_v)
        right = self.width() - (vb_w if need_v else 0)
        self._hbar.setGeometry(HEADER_W, self.height() - hb_h, max(0, right - HEADER_W), hb_h)
        if need_v:
            self._vbar.setGeometry(self.width() - vb_w, RULER_H, vb_w, max(0, available))
        area = self._lanes_rect()
        self._hbar.blockSignals(True)
        self._hbar.setRange(0, max(0, math.ceil((self._total_ms() + TAIL_MS) * self._px_per_ms) - area.width()))
        self._hbar.setPageStep(max(1, area.width()))
        self._hbar.setSingleStep(max(1, area.width() // 20))
        self._hbar.blockSignals(False)
        self._vbar.setRange(0, max(0, lanes_h - area.height()))
        self._vbar.setPageStep(max(1, area.height()))
        self._vbar.setSingleStep(max(1, self._lane_h // 2))

    def _total_ms(self) -> int:
        return max(self._layout.total_ms, self._media.total_ms)

    def _follow(self, ms: int) -> bool:
        """Scroll so ``ms`` is visible; returns True if the view scrolled."""
        area = self._lanes_rect()
        if area.width() <= 0:
            return False
        x = self.x_at(ms)
        if area.left() <= x <= area.right() - 2:
            return False
        before = self._hbar.value()
        # Page forward so the playhead lands near the left edge, as when reading along.
        self._hbar.setValue(round(ms * self._px_per_ms - area.width() * 0.1))
        return self._hbar.value() != before

    def _ensure_visible(self, item: Item) -> None:
        area = self._lanes_rect()
        r = self._clip_rect(item)
        if r.right() < area.left() or r.left() > area.right():
            self._hbar.setValue(round(item.clip.start_ms * self._px_per_ms - area.width() * 0.2))
        if self._vbar.isVisible():
            top, v = item.lane * self._lane_h, self._vbar.value()
            if top < v:
                self._vbar.setValue(top)
            elif top + self._lane_h > v + area.height():
                self._vbar.setValue(top + self._lane_h - area.height())

    def _item_at(self, pos: QPoint | QPointF) -> Item | None:
        return self._layout.item_at(self._viewport(), pos.x(), pos.y())

    # -- text ----------------------------------------------------------------------------------

    def _tooltip_text(self, clip: TimelineClip) -> str:
        role = clip.role_name or self.tr("No role")
        head = f"{role} · {format_time(clip.start_ms, True)}–{format_time(clip.end_ms, True)}"
        if not clip.placeholder:
            if clip.doubt:
                doubt = self.tr("Doubtful take: %1").replace("%1", clip.doubt)
                return f"{head}\n{clip.text}\n{doubt}"
            return f"{head}\n{clip.text}"
        length = self.tr("{seconds} s").format(seconds=f"{max(0, clip.duration_ms) / 1000:.1f}")
        states = {
            "stale": self.tr("Changed since its last take: not rendered yet (estimated {length})"),
            "queued": self.tr("Waiting to be rendered (estimated {length})"),
            "rendering": self.tr("Rendering now (estimated {length})"),
            "failed": self.tr("Rendering failed; render it again (estimated {length})"),
        }
        state = states.get(clip.status, self.tr("Not rendered yet (estimated {length})"))
        return f"{head}\n{state.format(length=length)}\n{clip.text}"

    def _update_description(self) -> None:
        layout = self._layout
        if not layout.clips:
            text = self.tr("No clips")
        else:
            text = self.tr("{clips} clips in {lanes} lanes, {length} long").format(
                clips=len(layout.clips), lanes=len(layout.lanes), length=format_time(layout.total_ms)
            )
            if layout.placeholder_count:
                text += self.tr(", {count} not rendered yet").format(count=layout.placeholder_count)
        if self._media_shown:
            if self._music is not None:
                text += self.tr("; music “{name}”").format(name=self._music.name)
            if self._effects:
                text += self.tr("; {count} sound effects").format(count=len(self._effects))
        self.setAccessibleDescription(text)

    def _music_label(self, music: MusicLane) -> str:
        duck = (self.tr("ducks {db} dB under speech").format(db=f"{music.duck_db:g}") if music.duck_db > 0
                else self.tr("no ducking"))
        parts = [f"♪ {music.name}", self.tr("{db} dB").format(db=f"{music.volume_db:g}"), duck]
        if music.loop:
            parts.append(self.tr("looped"))
        return " · ".join(parts)

    def _effect_tooltip(self, it: EffectItem) -> str:
        clip = it.clip
        head = f"{clip.name} · {format_time(max(0, it.start_ms), True)}–{format_time(it.end_ms, True)}"
        level = self.tr("{db} dB").format(db=f"{clip.volume_db:+g}")
        where = (self.tr("Moves with its line ({offset} ms from its start)").format(offset=f"{clip.offset_ms:+d}")
                 if clip.line_id is not None else self.tr("At a fixed time"))
        return f"{head} · {level}\n{where}\n" + self.tr("Drag to move it, double-click to edit, Delete removes it.")

    def _music_tooltip(self) -> str:
        music = self._music
        if music is None:
            return self.tr("Drop a music file here, or double-click to choose one.")
        fades = self.tr("fade in {a} ms, fade out {b} ms").format(a=music.fade_in_ms, b=music.fade_out_ms)
        return f"{self._music_label(music)}\n{fades}\n" + self.tr("Double-click to change the music bed.")

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
        lane = self._media_lane_at(pos)
        if lane == EFFECTS:
            effect = self._media.effect_at(self._viewport(), pos.x(), pos.y())
            if effect is not None:
                self.select_effect(effect.clip.clip_id)
                self.effect_selected.emit(effect.clip.clip_id)
                self._fx_drag = {"item": effect, "x": pos.x(), "delta": 0, "moved": False}
                event.accept()
                return
        self.select_effect(None)
        if self._music_selected != (lane == MUSIC and self._music is not None):
            self._music_selected = lane == MUSIC and self._music is not None
            self.update()
        item = self._item_at(pos)
        if not self._activate_at(pos):
            self._dragging_seek = True
            self.seek_requested.emit(self.ms_at(pos.x()))
        elif item is not None:
            alone = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            self._drag = {"clip": item.clip, "x": pos.x(), "alone": alone, "delta": 0, "moved": False,
                          "clips": self._layout.clips, "lanes": self._layout.lane_order()}
        event.accept()

    def _activate_at(self, pos: QPointF) -> bool:
        """Select and activate the clip under ``pos``; False when there is none."""
        item = self._item_at(pos)
        if item is not None:
            self.select_line(item.clip.line_id)
            self.line_activated.emit(item.clip.line_id)
        return item is not None

    def _media_lane_at(self, pos: QPoint | QPointF) -> str | None:
        area = self._lanes_rect()
        if not (area.left() <= pos.x() <= area.right() and area.top() <= pos.y() <= area.bottom()):
            return None
        return self._media.lane_at(self._viewport(), pos.y())

    def _drag_effect_to(self, pos: QPointF, global_pos: QPoint) -> None:
        """The dragged effect follows the pointer, snapped to the clips' edges and the playhead."""
        drag = self._fx_drag
        assert drag is not None
        dx = pos.x() - drag["x"]
        if not drag["moved"] and abs(dx) < 4:
            return
        drag["moved"] = True
        item: EffectItem = drag["item"]
        delta = round(dx / self._px_per_ms)
        tolerance = 8 / self._px_per_ms
        start, end = item.start_ms + delta, item.end_ms + delta
        edges = [self._playhead_ms] + [e for c in self._layout.clips for e in (c.start_ms, c.end_ms)]
        edges += [e for it in self._media.items if it.clip.clip_id != item.clip.clip_id
                  for e in (it.start_ms, it.end_ms)]
        shifts = [edge - mine for edge in edges for mine in (start, end) if abs(edge - mine) <= tolerance]
        if shifts:
            delta += min(shifts, key=abs)
        delta = max(-max(0, item.start_ms), delta)  # never before the episode's start
        drag["delta"] = delta
        self._relayout_media((item.clip.clip_id, delta))
        self.update()
        QToolTip.showText(global_pos, self.tr("%1 ms").replace("%1", f"{delta:+d}"), self)

    def _end_effect_drag(self, emit: bool) -> None:
        drag, self._fx_drag = self._fx_drag, None
        if drag is None or not drag["moved"]:
            return
        QToolTip.hideText()
        self._relayout_media()
        self.update()
        if emit and drag["delta"]:
            item: EffectItem = drag["item"]
            self.effect_moved.emit(item.clip.clip_id, drag["delta"], item.start_ms)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._fx_drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._drag_effect_to(pos, event.globalPosition().toPoint())
            return
        if self._drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._drag_to(pos, event.globalPosition().toPoint())
            return
        if self._dragging_seek and event.buttons() & Qt.MouseButton.LeftButton:
            area = self._lanes_rect()
            x = min(max(pos.x(), area.left()), area.right())
            self.seek_requested.emit(self.ms_at(x))
        elif not event.buttons():
            hit = self._item_at(pos) is not None or (
                self._media_lane_at(pos) == EFFECTS and self._media.effect_at(self._viewport(), pos.x(), pos.y()))
            self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._dragging_seek = False
        self._end_effect_drag(emit=True)
        drag, self._drag = self._drag, None
        if drag is not None and drag["moved"]:
            QToolTip.hideText()
            self._restore(drag)  # the edit's own refresh puts the clips where they now are
            if drag["delta"]:
                self.clip_dragged.emit(drag["clip"].line_id, drag["delta"], drag["alone"])
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if event.button() == Qt.MouseButton.LeftButton and pos.x() >= HEADER_W:
            lane = self._media_lane_at(pos)
            effect = self._media.effect_at(self._viewport(), pos.x(), pos.y()) if lane == EFFECTS else None
            if effect is not None:
                self._fx_drag = None
                self.effect_edit_requested.emit(effect.clip.clip_id)
                event.accept()
                return
            if lane == MUSIC:
                self._dragging_seek = False
                self.music_edit_requested.emit()
                event.accept()
                return
        if event.button() == Qt.MouseButton.LeftButton and self._activate_at(pos):
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
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._layout.items:
            self._step_selection(-1 if key == Qt.Key.Key_Left else 1)
        elif key == Qt.Key.Key_Home:
            self._hbar.setValue(0)
        elif key == Qt.Key.Key_End:
            self._hbar.setValue(self._hbar.maximum())
        elif key == Qt.Key.Key_Escape and self._drag is not None:
            self.cancel_drag()
        elif key == Qt.Key.Key_Escape and self._fx_drag is not None:
            self._end_effect_drag(emit=False)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected_effect is not None:
            self.effect_remove_requested.emit(self._selected_effect)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step_selection(self, step: int) -> None:
        lid = self._layout.step_from(self._selected, step)
        if lid is not None and lid != self._selected:
            self.select_line(lid)
            self.line_activated.emit(lid)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # Delete removes the selected sound effect here, not the lines selected in the table
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected_effect is not None:
                event.accept()
                return True
            if event.key() == Qt.Key.Key_Escape and self._fx_drag is not None:
                event.accept()
                return True
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_at(event.pos())
            if not text:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def _tooltip_at(self, pos: QPoint) -> str:
        lane = self._media_lane_at(pos)
        if lane == EFFECTS:
            effect = self._media.effect_at(self._viewport(), pos.x(), pos.y())
            return self._effect_tooltip(effect) if effect is not None else (
                "" if self._effects else self.tr("Drop sound effects here."))
        if lane == MUSIC:
            return self._music_tooltip()
        item = self._item_at(pos)
        return self._tooltip_text(item.clip) if item is not None else ""

    # -- files dropped on the media lanes ------------------------------------------------------

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> str | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        return next((url.toLocalFile() for url in mime.urls() if url.isLocalFile()), None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._media_shown and self._dropped_file(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        lane = self._media_lane_at(event.position()) if self._dropped_file(event) else None
        if lane != self._drop_lane:
            self._drop_lane = lane
            self.update()
        if lane is None:
            event.ignore()
        else:
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QEvent) -> None:  # noqa: N802
        if self._drop_lane is not None:
            self._drop_lane = None
            self.update()
        super().dragLeaveEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self._drop_lane = None
        self.update()
        path = self._dropped_file(event)
        lane = self._media_lane_at(event.position()) if path else None
        if lane is None or path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.file_dropped.emit(lane, path, self.ms_at(event.position().x()))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        pos = event.pos()
        if pos.x() < HEADER_W or pos.y() < RULER_H:
            event.ignore()
            return
        lane = self._media_lane_at(pos)
        effect = self._media.effect_at(self._viewport(), pos.x(), pos.y()) if lane == EFFECTS else None
        item = self._item_at(pos) if lane is None else None
        if effect is not None:
            self.select_effect(effect.clip.clip_id)
        self.menu_requested.emit(item.clip.line_id if item is not None else -1,
                                 effect.clip.clip_id if effect is not None else -1, event.globalPos())
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        media = None
        if self._media_shown:
            media = MediaFrame(
                self._media, self._selected_effect, self._music_selected,
                self._music_label(self._music) if self._music is not None else "",
                effects_title=self.tr("Effects"), music_title=self.tr("Music"),
                effects_hint=self.tr("Sound effects: drop audio files here, or Episode ▸ Add sound effect…"),
                music_hint=self.tr("Music bed: drop a music file here, or Episode ▸ Music bed…"),
                drop_lane=self._drop_lane,
            )  # fmt: skip
        frame = Frame(
            self._layout, self._viewport(), self.width(), self.height(), self.palette(), self._playhead_ms,
            self._selected, self.hasFocus(),
            empty_text=self.tr("No takes yet. Rendered lines appear here."), unnamed_role=self.tr("No role"),
            media=media,
        )  # fmt: skip
        p = QPainter(self)
        try:
            self._painter.paint(p, frame, event.rect(), event.region())
        finally:
            p.end()
