"""The timeline's level of detail: zoomed out over a long episode, clips narrower than a few pixels are drawn as
plain rectangles in their lane's colour, exactly where the full drawing puts them (``span_rects`` is
``span_rect`` to the pixel); placeholders are fainter, failed ones red; the selected clip keeps its outline; and
zooming in brings text and waveforms back."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette

from studio.audio.peaks import peaks
from studio.ui.timeline import TimelineClip, TimelineView
from studio.ui.timeline_layout import HEADER_W, RULER_H, Viewport
from studio.ui.timeline_paint import FAILED_COLOUR, LOD_PX

COLOURS = ["#3060d0", "#d03030", "#30a050", "#c08020", "#8040c0"]


def _episode(n: int = 600) -> list[TimelineClip]:
    wave = peaks(np.sin(np.linspace(0, 60, 24000)).astype(np.float32), 200)
    clips = []
    for i in range(n):
        placeholder = i % 10 == 3
        clips.append(TimelineClip(i + 1, i * 3400, 3000, f"Role {i % 5}", COLOURS[i % 5], f"Line {i}",
                                  None if placeholder else wave, placeholder=placeholder,
                                  status="failed" if i == 13 else ("stale" if placeholder else "done")))
    return clips


def _pixels(view: TimelineView) -> np.ndarray:
    img = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(img.height(), img.bytesPerLine())
    return arr[:, : img.width() * 3].reshape(img.height(), img.width(), 3).astype(int)


def _near(px: np.ndarray, colour: QColor, tol: int = 3) -> np.ndarray:
    return np.abs(px - np.array([colour.red(), colour.green(), colour.blue()])).max(axis=2) <= tol


def test_many_spans_are_placed_to_the_pixel_as_one_is() -> None:
    rng = np.random.default_rng(5)
    for px_per_ms, lane_h in ((0.0007, 22), (0.013, 46), (0.31, 30)):
        view = Viewport(QRect(HEADER_W, RULER_H, 1200, 400), px_per_ms, int(rng.integers(0, 900)),
                        int(rng.integers(0, 40)), lane_h)
        n = 300
        lane, subrows = rng.integers(0, 6, n), rng.integers(1, 4, n)
        subrow = rng.integers(0, 3, n) % subrows
        start = rng.integers(0, 2_000_000, n)
        end = start + rng.integers(0, 9000, n)
        left, top, width, height = view.span_rects(lane, subrow, subrows, start, end)
        for k in range(n):
            r = view.span_rect(int(lane[k]), int(subrow[k]), int(subrows[k]), int(start[k]), int(end[k]))
            assert (r.left(), r.top(), r.width(), r.height()) == (left[k], top[k], width[k], height[k])


def test_zoomed_out_the_clips_are_plain_rectangles_in_their_lane_colours(qtbot) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_clips(_episode())
    view.zoom_to_fit()
    view.follow_playhead = False
    view.set_playhead(2_100_000)  # past the last clip, so it crosses none
    items = view._layout.items  # noqa: SLF001
    rects = {it.clip.line_id: view.clip_rect(it.clip.line_id) for it in items}
    assert max(r.width() for r in rects.values()) < LOD_PX  # every clip is drawn at the lowest detail
    px = _pixels(view)
    for it in items:
        r = rects[it.clip.line_id]
        inside = px[r.top():r.bottom() + 1, r.left():r.right() + 1]
        if it.clip.status == "failed":
            want = QColor(FAILED_COLOUR)
        elif it.clip.placeholder:
            continue  # faint, checked below
        else:
            want = QColor(it.clip.colour)
        assert _near(inside, want).all(), (it.clip.line_id, r)  # filled, no outline, text or waveform
    # a placeholder is its lane's colour made faint over the lane: lighter than a rendered clip of that lane
    ph = next(it for it in items if it.clip.placeholder and it.clip.status != "failed")
    r = rects[ph.clip.line_id]
    inside = px[r.top():r.bottom() + 1, r.left():r.right() + 1]
    lane_colour = QColor(ph.clip.colour)
    assert not _near(inside, lane_colour, tol=20).any()
    assert inside.mean() > np.mean([lane_colour.red(), lane_colour.green(), lane_colour.blue()]) + 20
    # nothing is drawn between two clips of a lane
    a, b = [rects[it.clip.line_id] for it in items if it.lane == 0 and not it.clip.placeholder][:2]
    gap = px[a.top():a.bottom() + 1, a.right() + 2:b.left() - 1]
    assert gap.size and not _near(gap, QColor(COLOURS[0]), tol=20).any()


def test_the_selected_clip_keeps_its_outline_and_zooming_in_brings_the_detail_back(qtbot) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_clips(_episode())
    view.zoom_to_fit()
    view.select_line(301)
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    r = view.clip_rect(301)
    px = _pixels(view)
    ring = px[r.top() - 3:r.bottom() + 4, r.left() - 3:r.right() + 4]
    assert _near(ring, highlight, tol=40).any()  # the selection ring is drawn around it
    view.set_px_per_ms(0.1)  # 3 s clips 300 px wide: text and waveform again
    view.select_line(301)
    r = view.clip_rect(301)
    assert r.width() > 100
    inside = _pixels(view)[r.top():r.bottom() + 1, r.left() + 6:r.right() - 6]
    colours = {tuple(c) for c in inside.reshape(-1, 3)}
    assert len(colours) > 8  # not a plain fill: text, waveform, shading
