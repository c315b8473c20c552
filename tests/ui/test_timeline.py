"""Tests for the timeline view: lanes, clip geometry, clicks, zoom, scrolling, placeholders and what it paints."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollBar, QToolTip

from studio.audio.peaks import peaks
from studio.ui.timeline import HEADER_W, LANE_H, RULER_H, TimelineClip, TimelineView, format_time

RED = "#d03030"
GREEN = "#30a050"
BLUE = "#3060d0"


def _clips() -> list[TimelineClip]:
    tone = peaks(np.sin(np.linspace(0, 60, 24000)).astype(np.float32), 200)
    return [
        TimelineClip(1, 0, 2000, "Narrator", BLUE, "It was raining.", tone),
        TimelineClip(2, 2300, 1500, "林黛玉", RED, "你又来做什么？", tone),
        TimelineClip(3, 3200, 1800, "贾宝玉", GREEN, "妹妹，我是来看你的。", None),  # overlaps line 2
        TimelineClip(4, 5300, 1000, "Narrator", BLUE, "Silence.", tone),
        TimelineClip(5, 6500, 1200, "林黛玉", RED, "走吧。", tone),
    ]


@pytest.fixture
def view(qtbot) -> TimelineView:
    w = TimelineView()
    qtbot.addWidget(w)
    w.resize(900, 260)
    w.show()
    qtbot.waitExposed(w)
    w.set_clips(_clips())
    return w


def test_names_for_the_window(view: TimelineView) -> None:
    assert view.objectName() == "timeline"
    assert view.accessibleName()
    assert "5 clips" in view.accessibleDescription()


def test_one_lane_per_role_in_first_appearance_order(view: TimelineView) -> None:
    assert view.lane_count() == 3
    assert view.lane_names() == ["Narrator", "林黛玉", "贾宝玉"]
    assert view.clips() == _clips()


def test_crosstalk_across_roles_sits_in_different_lanes(view: TimelineView) -> None:
    r2, r3 = view.clip_rect(2), view.clip_rect(3)
    # The times overlap, so the x-ranges overlap; the lanes keep both fully visible.
    assert r2.left() < r3.right() and r3.left() < r2.right()
    assert not r2.intersects(r3)


def test_clips_in_a_lane_overlap_only_when_their_times_do(qtbot) -> None:
    w = TimelineView()
    qtbot.addWidget(w)
    w.resize(1200, 300)
    clips = [
        TimelineClip(1, 0, 1000, "A", RED, "one"),
        TimelineClip(2, 1000, 1000, "A", RED, "two, touching"),
        TimelineClip(3, 2500, 1000, "A", RED, "three"),
        TimelineClip(4, 3000, 1000, "A", RED, "four, over three"),
        TimelineClip(5, 0, 4000, "B", GREEN, "other lane"),
    ]
    w.set_clips(clips)
    assert w.lane_count() == 2
    rects = {c.line_id: w.clip_rect(c.line_id) for c in clips}
    for a in clips[:4]:
        for b in clips[:4]:
            if a.line_id >= b.line_id:
                continue
            times_overlap = a.start_ms < b.end_ms and b.start_ms < a.end_ms
            if not times_overlap:
                # Touching clips may share a boundary pixel, never more.
                inter = rects[a.line_id].intersected(rects[b.line_id])
                assert inter.isEmpty() or inter.width() <= 1, (a.line_id, b.line_id)
    # Same-role crosstalk is still visible: the two overlapping clips are stacked, not on top of each other.
    assert not rects[3].intersects(rects[4])
    assert abs(rects[3].top() - rects[4].top()) >= 8
    # And both stay inside lane A.
    lane_a = w.lane_rect(0)
    assert lane_a.top() == RULER_H
    for lid in (1, 2, 3, 4):
        assert lane_a.top() <= rects[lid].top() and rects[lid].bottom() <= lane_a.bottom()


def test_clip_width_follows_duration_and_zoom(view: TimelineView) -> None:
    r1 = view.clip_rect(1)
    assert abs(r1.width() - 2000 * view.px_per_ms()) <= 2
    assert abs(r1.left() - HEADER_W) <= 1


def test_click_on_a_clip_activates_and_selects_it(qtbot, view: TimelineView) -> None:
    seeks: list[int] = []
    view.seek_requested.connect(seeks.append)
    r = view.clip_rect(3)
    with qtbot.waitSignal(view.line_activated, timeout=1000) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=r.center())
    assert blocker.args == [3]
    assert view.selected_line() == 3
    assert seeks == []


def test_double_click_on_a_clip_activates_it(qtbot, view: TimelineView) -> None:
    got: list[int] = []
    view.line_activated.connect(got.append)
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=view.clip_rect(4).center())
    assert got and all(lid == 4 for lid in got)


def test_click_on_the_ruler_seeks_to_that_time(qtbot, view: TimelineView) -> None:
    x = HEADER_W + 237
    expected = 237 / view.px_per_ms()
    with qtbot.waitSignal(view.seek_requested, timeout=1000) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, RULER_H // 2))
    assert abs(blocker.args[0] - expected) <= 1 / view.px_per_ms()


def test_click_on_empty_lane_space_seeks_after_scrolling(qtbot, view: TimelineView) -> None:
    view.set_px_per_ms(0.4)
    view._hbar.setValue(500)
    lane_y = view.clip_rect(1).center().y()
    x = HEADER_W + 300  # 800 px into the content: 2000 ms, just past clip 1 (ends at 2000 ms)
    with qtbot.assertNotEmitted(view.line_activated):
        with qtbot.waitSignal(view.seek_requested, timeout=1000) as blocker:
            qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x + 10, lane_y))
    assert abs(blocker.args[0] - (810 / 0.4)) <= 1 / 0.4 + 1


def test_click_on_role_names_does_nothing(qtbot, view: TimelineView) -> None:
    with qtbot.assertNotEmitted(view.seek_requested), qtbot.assertNotEmitted(view.line_activated):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(20, RULER_H + 20))


def _wheel(view: TimelineView, dy: int, mods: Qt.KeyboardModifier, x: int = 400) -> None:
    pos = QPointF(x, 100)
    ev = QWheelEvent(
        pos, view.mapToGlobal(pos), QPoint(), QPoint(0, dy), Qt.MouseButton.NoButton, mods,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view, ev)


def test_ctrl_wheel_zooms_around_the_pointer(view: TimelineView) -> None:
    view.set_px_per_ms(0.2)  # content wider than the view, so there is room to keep the anchor
    view._hbar.setValue(300)
    before = view.px_per_ms()
    ms_under = view.ms_at(400)
    _wheel(view, 120, Qt.KeyboardModifier.ControlModifier)
    assert view.px_per_ms() > before * 1.1
    assert abs(view.ms_at(400) - ms_under) <= 2 / view.px_per_ms() + 1
    _wheel(view, -240, Qt.KeyboardModifier.ControlModifier)
    assert view.px_per_ms() < before
    assert abs(view.clip_rect(1).width() - 2000 * view.px_per_ms()) <= 2


def test_plain_wheel_scrolls_along_time(view: TimelineView) -> None:
    view.set_px_per_ms(0.5)
    view._hbar.setValue(0)
    _wheel(view, -120, Qt.KeyboardModifier.NoModifier)
    assert view._hbar.value() > 0
    assert view.visible_range_ms()[0] > 0


def test_zoom_to_fit_shows_everything(view: TimelineView) -> None:
    view.set_px_per_ms(1.0)
    view.zoom_to_fit()
    lo, hi = view.visible_range_ms()
    assert lo == 0 and hi >= 7700


def test_select_line_highlights_without_emitting(qtbot, view: TimelineView) -> None:
    with qtbot.assertNotEmitted(view.line_activated):
        view.select_line(5)
    assert view.selected_line() == 5
    view.select_line(12345)
    assert view.selected_line() is None


def test_select_line_scrolls_the_clip_into_view(view: TimelineView) -> None:
    view.set_px_per_ms(1.0)
    view._hbar.setValue(0)
    view.select_line(5)
    lo, hi = view.visible_range_ms()
    assert lo <= 6500 <= hi


def test_playhead_follows_when_it_leaves_the_view(view: TimelineView) -> None:
    view.set_px_per_ms(0.5)
    view._hbar.setValue(0)
    _, hi = view.visible_range_ms()
    view.set_playhead(hi + 500)
    lo2, hi2 = view.visible_range_ms()
    assert lo2 <= view.playhead() <= hi2
    view.follow_playhead = False
    view.set_playhead(0)
    assert view.visible_range_ms()[0] == lo2


def test_set_clips_keeps_selection_only_if_still_there(view: TimelineView) -> None:
    view.select_line(2)
    view.set_clips(_clips()[:3])
    assert view.selected_line() == 2
    view.set_clips(_clips()[3:])
    assert view.selected_line() is None
    assert view.lane_names() == ["Narrator", "林黛玉"]


def _count_near(img, colour: str, tol: int = 6) -> int:
    c = QColor(colour)
    arr = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(img.height(), img.bytesPerLine())
    px = arr[:, : img.width() * 4].reshape(img.height(), img.width(), 4)  # BGRA on little-endian
    diff = np.abs(px[:, :, :3].astype(int) - np.array([c.blue(), c.green(), c.red()]))
    return int((diff.max(axis=2) <= tol).sum())


def test_grab_paints_clips_in_their_role_colours(view: TimelineView) -> None:
    from PySide6.QtGui import QImage

    img = view.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    assert img.width() > 0
    # Not blank: many distinct colours.
    arr = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(img.height(), img.bytesPerLine())
    assert len(np.unique(arr[:, : img.width() * 4].reshape(-1, 4), axis=0)) > 20
    for colour in (RED, GREEN, BLUE):
        assert _count_near(img, colour) > 500, colour
    # A role that is not on the timeline is not painted.
    assert _count_near(img, "#ff00ff", tol=2) == 0


def test_empty_view_paints_and_ignores_clicks(qtbot) -> None:
    w = TimelineView()
    qtbot.addWidget(w)
    w.resize(600, 200)
    w.set_clips([])
    assert w.lane_count() == 0
    assert not w.grab().isNull()
    with qtbot.assertNotEmitted(w.line_activated):
        qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(HEADER_W + 50, RULER_H + 20))


def test_600_clips_paint_quickly(qtbot) -> None:
    rng = np.random.default_rng(7)
    clips, t = [], 0
    for i in range(600):
        d = int(rng.integers(800, 5000))
        clips.append(
            TimelineClip(i, t, d, f"Role {i % 8}", ["#7aa2f7", "#f7768e", "#9ece6a", "#e0af68"][i % 4],
                         "台词 line " * 4, rng.random(300).astype(np.float32))
        )  # fmt: skip
        t += d + int(rng.integers(-600, 400))
    w = TimelineView()
    qtbot.addWidget(w)
    w.resize(1400, 500)
    w.set_clips(clips)
    w.zoom_to_fit()  # worst case: every clip visible
    w.grab()
    t0 = time.perf_counter()
    for _ in range(3):
        w.grab()
    assert (time.perf_counter() - t0) / 3 < 0.5


def test_format_time() -> None:
    assert format_time(0) == "00:00"
    assert format_time(65_500) == "01:05"
    assert format_time(65_500, True) == "01:05.5"
    assert format_time(3_725_000) == "1:02:05"


def test_peaks_are_max_abs_per_bucket() -> None:
    x = np.array([0.0, -1.0, 0.5, 0.2, -0.25, 0.1], dtype=np.float32)
    assert peaks(x, 3).tolist() == pytest.approx([1.0, 0.5, 0.25])
    assert peaks(x, 3).dtype == np.float32
    assert peaks(np.array([[0.1, -0.9], [0.3, 0.2]]), 2).tolist() == pytest.approx([0.9, 0.3])
    assert peaks(np.array([-32768, 16384], dtype=np.int16), 2).tolist() == pytest.approx([1.0, 0.5])
    assert peaks(np.array([0.5, -1.0], dtype=np.float32), 4).tolist() == pytest.approx([0.5, 0.5, 1.0, 1.0])
    assert peaks(np.zeros(0, dtype=np.float32), 5).tolist() == [0.0] * 5
    assert peaks(np.array([np.nan, 0.5]), 1).tolist() == [0.5]
    big = np.random.default_rng(0).standard_normal(1_000_003).astype(np.float32)
    out = peaks(big, 777)
    assert out.shape == (777,)
    assert out.max() == pytest.approx(np.abs(big).max())


def test_moving_the_playhead_repaints_only_thin_strips(qtbot, view: TimelineView) -> None:
    from PySide6.QtCore import QEvent, QObject

    class Spy(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.rects: list = []

        def eventFilter(self, obj, event) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                self.rects.extend(event.region())
            return False

    view.set_px_per_ms(0.1)
    view.set_playhead(1000)
    qtbot.wait(20)
    spy = Spy()
    view.installEventFilter(spy)
    view.set_playhead(1200)
    qtbot.waitUntil(lambda: bool(spy.rects), timeout=1000)
    view.removeEventFilter(spy)
    lane_rects = [r for r in spy.rects if r.bottom() > RULER_H and r.right() > HEADER_W]
    assert lane_rects
    assert all(r.width() <= 40 for r in lane_rects), spy.rects
    assert any(r.contains(int(view.x_at(1200)), RULER_H + 5) for r in lane_rects)


# -- placeholders and lanes in cast order ------------------------------------------------------------

AMBER = "#e0a030"
CAST = [("Narrator", BLUE), ("林黛玉", RED), ("贾宝玉", GREEN)]
DOCK_H = 150  # the timeline dock is about 170 px at the window's default size, less its title bar


def _tone() -> np.ndarray:
    return peaks(np.sin(np.linspace(0, 80, 24000)).astype(np.float32), 200)


def _as_placeholders(clips: list[TimelineClip], role: str, status: str = "stale") -> list[TimelineClip]:
    return [
        TimelineClip(c.line_id, c.start_ms, c.duration_ms, c.role_name, c.colour, c.text, c.peaks,
                     placeholder=True, status=status) if c.role_name == role else c
        for c in clips
    ]  # fmt: skip


def _pixels(view: TimelineView, rect: QRect) -> np.ndarray:
    """The RGB pixels of ``rect`` in a fresh grab of ``view`` (rows × columns × 3)."""
    img = view.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    arr = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(img.height(), img.bytesPerLine())
    px = arr[:, : img.width() * 4].reshape(img.height(), img.width(), 4)[:, :, 2::-1]  # BGRA -> RGB
    return px[rect.top() : rect.bottom() + 1, rect.left() : rect.right() + 1].astype(int)


def _near(px: np.ndarray, colour: str, tol: int = 40) -> np.ndarray:
    c = QColor(colour)
    return np.abs(px - np.array([c.red(), c.green(), c.blue()])).max(axis=2) <= tol


def _one_clip_view(qtbot, clip: TimelineClip, height: int = 260) -> TimelineView:
    w = TimelineView()
    qtbot.addWidget(w)
    w.resize(900, height)
    w.show()
    qtbot.waitExposed(w)
    w.set_playhead(0)
    w.set_clips([clip])
    return w


def test_lanes_keep_cast_order_when_a_middle_roles_clips_become_placeholders(qtbot) -> None:
    w = TimelineView()
    qtbot.addWidget(w)
    w.resize(900, 260)
    rendered = [c for c in _clips() if c.role_name != "Narrator"] + [_clips()[0]]  # narrator speaks last
    w.set_clips(rendered, lanes=CAST)
    assert w.lane_names() == ["Narrator", "林黛玉", "贾宝玉"]
    before = {c.line_id: w.clip_rect(c.line_id) for c in rendered}
    w.set_clips(_as_placeholders(rendered, "林黛玉"), lanes=CAST)
    assert w.lane_names() == ["Narrator", "林黛玉", "贾宝玉"]
    assert {c.line_id: w.clip_rect(c.line_id) for c in rendered} == before
    # A caller that passes only rendered lines still keeps the middle lane where the cast puts it.
    w.set_clips([c for c in rendered if c.role_name != "林黛玉"], lanes=CAST)
    assert w.lane_names() == ["Narrator", "林黛玉", "贾宝玉"]
    assert w.clip_rect(3) == before[3]


def test_without_lanes_a_placeholder_still_holds_its_roles_lane(view: TimelineView) -> None:
    view.set_clips(_as_placeholders(_clips(), "林黛玉"))
    assert view.lane_names() == ["Narrator", "林黛玉", "贾宝玉"]
    assert view.lane_count() == 3


def test_roles_not_in_lanes_follow_the_listed_ones_in_first_appearance_order(view: TimelineView) -> None:
    clips = [TimelineClip(9, 0, 500, "Maid", AMBER, "Tea?"), *_clips()]
    view.set_clips(clips, lanes=[("贾宝玉", GREEN), ("Nobody yet", "#ff00ff")])
    assert view.lane_names() == ["贾宝玉", "Nobody yet", "Maid", "Narrator", "林黛玉"]


def test_a_listed_lane_without_clips_is_drawn_with_its_colour(view: TimelineView) -> None:
    view.set_clips(_clips(), lanes=[*CAST, ("Silent", "#ff00ff")])
    assert view.lane_names()[-1] == "Silent"
    lane = view.lane_rect(3)
    assert lane.top() >= RULER_H and lane.height() > 0
    header = _pixels(view, QRect(0, lane.top(), HEADER_W, lane.height()))
    assert _near(header, "#ff00ff", tol=4).sum() > 20  # the role's colour bar
    assert not _near(_pixels(view, QRect(HEADER_W, lane.top(), 700, lane.height())), "#ff00ff", 4).any()


def test_lane_colours_come_from_the_lanes_given(view: TimelineView) -> None:
    view.set_clips(_clips(), lanes=[("Narrator", "#ff00ff")])
    px = _pixels(view, view.clip_rect(4))  # a rendered Narrator clip is filled with the lane's colour
    assert _near(px, "#ff00ff", tol=4).mean() > 0.3
    assert not _near(px, BLUE, tol=4).any()  # not with the colour the clip itself carries


def test_a_placeholder_is_clicked_selected_and_stepped_to_like_any_clip(qtbot, view: TimelineView) -> None:
    view.set_clips(_as_placeholders(_clips(), "林黛玉", "queued"))
    seeks: list[int] = []
    view.seek_requested.connect(seeks.append)
    with qtbot.waitSignal(view.line_activated, timeout=1000) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.clip_rect(2).center())
    assert blocker.args == [2] and view.selected_line() == 2 and seeks == []
    view.select_line(1)
    with qtbot.waitSignal(view.line_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert blocker.args == [2]


def test_a_placeholder_draws_no_waveform_but_a_rendered_clip_does(qtbot) -> None:
    def region(placeholder: bool, with_peaks: bool) -> np.ndarray:
        clip = TimelineClip(1, 1000, 3000, "A", BLUE, "", _tone() if with_peaks else None,
                            placeholder=placeholder, status="stale" if placeholder else "done")  # fmt: skip
        w = _one_clip_view(qtbot, clip)
        return _pixels(w, w.clip_rect(1))

    assert not np.array_equal(region(False, True), region(False, False))  # the waveform is visible
    assert np.array_equal(region(True, True), region(True, False))  # a placeholder ignores its peaks


def test_a_placeholder_is_a_hatched_outline_not_a_filled_clip(qtbot) -> None:
    def region(placeholder: bool) -> np.ndarray:
        clip = TimelineClip(1, 1000, 3000, "A", BLUE, "", None, placeholder=placeholder)
        w = _one_clip_view(qtbot, clip)
        return _pixels(w, w.clip_rect(1))

    rendered, hatched = region(False), region(True)
    assert _near(rendered, BLUE).mean() > 0.8
    in_colour = _near(hatched, BLUE, tol=90)
    assert 0.05 < in_colour.mean() < 0.5  # outline and lines in the role's colour, background between
    assert in_colour[0, 5:-5].all() and in_colour[-1, 5:-5].all()  # the outline's top and bottom
    # Across the middle, thin lines alternate with the background: about one every 7 px.
    row = hatched[hatched.shape[0] // 2, 5:-5].sum(axis=1)
    on_line = (np.abs(row - np.median(row)) > 60).astype(int)
    assert int(np.count_nonzero(np.diff(on_line) == 1)) >= row.size // 10
    # A rendered clip is one even fill across the same row.
    flat = rendered[rendered.shape[0] // 2, 5:-5].sum(axis=1)
    assert int(np.count_nonzero(np.abs(flat - np.median(flat)) > 60)) == 0


def test_a_failed_placeholder_has_a_red_edge(qtbot) -> None:
    def red_edge(status: str) -> int:
        clip = TimelineClip(1, 1000, 3000, "A", BLUE, "", None, placeholder=True, status=status)
        w = _one_clip_view(qtbot, clip)
        px = _pixels(w, w.clip_rect(1))
        return int(_near(px[:, -3:], "#d92d20", tol=50).sum() + _near(px[-3:, :], "#d92d20", tol=50).sum())

    assert red_edge("failed") > 30
    assert red_edge("queued") == 0


def test_a_rendering_placeholder_shows_a_marker_that_a_stale_one_does_not(qtbot) -> None:
    def region(status: str) -> np.ndarray:
        clip = TimelineClip(1, 1000, 3000, "A", GREEN, "词", None, placeholder=True, status=status)
        w = _one_clip_view(qtbot, clip)
        return _pixels(w, w.clip_rect(1))

    stale = region("stale")
    assert not np.array_equal(region("rendering"), stale)
    assert np.array_equal(region(""), stale)


def _tooltip_at(view: TimelineView, pos: QPoint) -> str:
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.mapToGlobal(pos))
    QApplication.sendEvent(view, event)
    return QToolTip.text()


def test_a_placeholders_tooltip_says_it_is_not_rendered_and_how_long_it_should_be(qtbot) -> None:
    clip = TimelineClip(1, 1000, 2400, "Ann", BLUE, "Come in.", None, placeholder=True)
    w = _one_clip_view(qtbot, clip)
    tip = _tooltip_at(w, w.clip_rect(1).center())
    assert "Not rendered yet (estimated 2.4 s)" in tip and "Come in." in tip
    w.set_clips([TimelineClip(1, 1000, 2400, "Ann", BLUE, "Come in.", None, placeholder=True, status="failed")])
    assert "failed" in _tooltip_at(w, w.clip_rect(1).center())
    w.set_clips([TimelineClip(1, 1000, 2400, "Ann", BLUE, "Come in.", _tone())])
    tip = _tooltip_at(w, w.clip_rect(1).center())
    assert "Come in." in tip and "estimated" not in tip


def test_the_empty_state_shows_only_when_there_are_no_clips(qtbot) -> None:
    w = TimelineView()
    qtbot.addWidget(w)
    pal = w.palette()
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor("#ff00ff"))
    w.setPalette(pal)
    w.resize(900, 260)
    w.show()
    qtbot.waitExposed(w)
    middle = QRect(HEADER_W + 200, RULER_H + 40, 500, 120)
    w.set_clips([], lanes=CAST)
    assert _near(_pixels(w, middle), "#ff00ff", tol=60).sum() > 20
    far_away = TimelineClip(1, 60_000, 1000, "Narrator", BLUE, "later", None, placeholder=True)
    w.set_clips([far_away], lanes=CAST)
    assert w.visible_range_ms()[1] < 60_000
    assert not _near(_pixels(w, middle), "#ff00ff", tol=60).any()


def test_the_description_counts_lines_not_rendered_yet(view: TimelineView) -> None:
    view.set_clips(_as_placeholders(_clips(), "林黛玉"))
    assert "5 clips" in view.accessibleDescription()
    assert "2 not rendered" in view.accessibleDescription()


@pytest.mark.parametrize(("height", "lanes"), [(DOCK_H, 4), (170, 4), (170, 5)])
def test_lanes_fit_the_timeline_docks_default_height(qtbot, height: int, lanes: int) -> None:
    w = TimelineView()
    qtbot.addWidget(w)
    w.resize(900, height)
    w.show()
    qtbot.waitExposed(w)
    roles = [(f"Role {i}", c) for i, c in enumerate([BLUE, RED, GREEN, AMBER, "#8040c0"][:lanes])]
    clips = [TimelineClip(i, 500 + i * 1500, 1400, name, c, "台词", _tone()) for i, (name, c) in enumerate(roles)]
    w.set_clips(clips, lanes=roles)
    hbar = w.findChild(QScrollBar, "timeline_hscroll")
    vbar = w.findChild(QScrollBar, "timeline_vscroll")
    visible = QRect(0, RULER_H, w.width(), hbar.geometry().top() - RULER_H)
    assert not vbar.isVisible()
    for i in range(lanes):
        lane = w.lane_rect(i)
        assert not lane.isEmpty() and visible.contains(lane), (i, lane, visible)
        assert lane.contains(w.clip_rect(i))
    # Each clip still shows its line of text.
    blank = [TimelineClip(c.line_id, c.start_ms, c.duration_ms, c.role_name, c.colour, "", c.peaks) for c in clips]
    with_text = [_pixels(w, w.clip_rect(i)) for i in range(lanes)]
    w.set_clips(blank, lanes=roles)
    for i in range(lanes):
        assert not np.array_equal(with_text[i], _pixels(w, w.clip_rect(i))), i


def test_lanes_are_full_height_when_there_is_room_and_scroll_below_their_minimum(qtbot) -> None:
    w = TimelineView()
    qtbot.addWidget(w)
    w.resize(900, 400)
    w.show()
    qtbot.waitExposed(w)
    w.set_clips(_clips())
    assert w.lane_height() == LANE_H
    w.resize(900, DOCK_H)
    assert w.lane_height() < LANE_H
    many = [TimelineClip(i, i * 1000, 900, f"R{i}", RED, "台词", _tone()) for i in range(12)]
    w.set_clips(many)
    assert w.findChild(QScrollBar, "timeline_vscroll").isVisible()
    assert w.lane_height() >= 20
    # At the smallest lane height a clip still shows its text (and stays inside its lane).
    assert w.lane_rect(0).contains(w.clip_rect(0))
    with_text = _pixels(w, w.clip_rect(0))
    w.set_clips([TimelineClip(c.line_id, c.start_ms, c.duration_ms, c.role_name, c.colour, "", c.peaks)
                 for c in many])  # fmt: skip
    assert not np.array_equal(with_text, _pixels(w, w.clip_rect(0)))
