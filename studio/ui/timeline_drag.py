"""Dragging a clip along the timeline: the clip follows the pointer (snapped to its neighbours' edges), a tip
says by how much and whether it moves alone (Alt) or with what follows, Escape puts it back, and the view
reports the move with ``clip_dragged`` when the button is released. The edit itself is the window's.

Must not live here: painting, the layout of clips, what a move does to the project.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QToolTip

from studio.ui.timeline_layout import TimelineClip, TimelineLayout, snap_delta


class ClipDragging:
    """Mixed into ``TimelineView``; uses its ``_drag``, ``_layout``, ``_selected`` and ``_px_per_ms``."""

    _drag: dict[str, Any] | None
    _layout: TimelineLayout
    _selected: int | None
    _px_per_ms: float

    def _relayout_media(self, drag: tuple[int, int] | None = None) -> None: ...

    def _drag_to(self, pos: QPointF, global_pos: QPoint) -> None:
        """Show the dragged clip where it would go (snapped to its neighbours), and by how much."""
        drag = self._drag
        assert drag is not None
        dx = pos.x() - drag["x"]
        if not drag["moved"] and abs(dx) < 4:
            return
        drag["moved"] = True
        clip: TimelineClip = drag["clip"]
        delta = round(dx / self._px_per_ms)
        delta = max(-clip.start_ms, snap_delta(clip, delta, drag["clips"], round(8 / self._px_per_ms)))
        drag["delta"] = delta
        moved = [dataclasses.replace(c, start_ms=c.start_ms + delta) if c.line_id == clip.line_id else c
                 for c in drag["clips"]]
        selected = self._selected
        self._layout = TimelineLayout(moved, drag["lanes"])
        self._selected = selected
        self._relayout_media()  # the effects attached to the clip go with it
        self.update()
        what = self.tr("this clip alone") if drag["alone"] else self.tr("the gap before it")
        QToolTip.showText(global_pos, self.tr("%1 ms (%2)").replace("%1", f"{delta:+d}").replace("%2", what), self)

    def _restore(self, drag: dict) -> None:
        selected = self._selected
        self._layout = TimelineLayout(drag["clips"], drag["lanes"])
        self._selected = selected
        self._relayout_media()
        self.update()

    def cancel_drag(self) -> None:
        """Escape: the dragged clip goes back."""
        drag, self._drag = self._drag, None
        if drag is not None and drag["moved"]:
            QToolTip.hideText()
            self._restore(drag)
