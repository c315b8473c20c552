"""Tests for the timeline maths: placements, estimated placements, and the spoken-length estimate."""

from __future__ import annotations

import pytest

from studio.domain.timeline import (
    MIN_ESTIMATE_MS,
    Placement,
    Slot,
    estimate_duration_ms,
    place,
    total_ms,
)


def test_place_skips_lines_without_a_duration_and_keeps_the_gap_rule() -> None:
    placements = place([Slot(1, 1000, 500), Slot(2, None, 0), Slot(3, 800, 200), Slot(4, 400, -300)])
    assert [(p.line_id, p.start_ms, p.duration_ms) for p in placements] == [
        (1, 0, 1000),  # the first line has no gap
        (3, 1200, 800),
        (4, 1700, 400),  # a negative gap overlaps the line before
    ]
    assert total_ms(placements) == 2100


def test_estimated_slots_are_placed_like_any_other_and_say_so() -> None:
    taken = place([Slot(1, 1000, 0), Slot(2, 1500, 300), Slot(3, 700, 300)])
    mixed = place([Slot(1, 1000, 0), Slot(2, 1500, 300, estimated=True), Slot(3, 700, 300)])
    assert [(p.start_ms, p.duration_ms) for p in mixed] == [(p.start_ms, p.duration_ms) for p in taken]
    assert [p.estimated for p in mixed] == [False, True, False]
    assert not any(p.estimated for p in taken)


def test_an_estimated_slot_without_a_duration_is_still_skipped() -> None:
    placements = place([Slot(1, None, 0, estimated=True), Slot(2, 500, 100)])
    assert placements == [Placement(2, 0, 500)]


def test_placement_estimated_defaults_to_false() -> None:
    assert Placement(1, 0, 10).estimated is False
    assert Slot(1, 10, 0).estimated is False


def test_chinese_is_about_four_to_five_characters_a_second() -> None:
    text = "我" * 45
    assert 9_000 <= estimate_duration_ms(text, "zh") <= 11_250


def test_english_is_about_two_and_a_half_to_three_words_a_second() -> None:
    text = " ".join(["word"] * 30)
    assert 10_000 <= estimate_duration_ms(text, "en") <= 12_000


def test_punctuation_inside_a_line_adds_pauses_but_not_at_its_end() -> None:
    plain = estimate_duration_ms("你好 我们走吧", "zh")
    with_comma = estimate_duration_ms("你好，我们走吧", "zh")
    with_stop = estimate_duration_ms("你好。我们走吧", "zh")
    assert plain < with_comma < with_stop
    assert estimate_duration_ms("你好，我们走吧。", "zh") == with_comma
    assert estimate_duration_ms("Well, then.", "en") > estimate_duration_ms("Well then", "en")


def test_cjk_characters_count_whatever_the_language_says() -> None:
    assert estimate_duration_ms("你终于来了，我等了很久", "en") == estimate_duration_ms("你终于来了，我等了很久", "zh")
    # An English name in a Chinese line is a word, not one character per letter.
    assert estimate_duration_ms("Alexander来了", "zh") < estimate_duration_ms("亚历山大来了", "zh") + 400


def test_numbers_are_read_digit_by_digit_in_chinese() -> None:
    assert estimate_duration_ms("2024", "zh") > estimate_duration_ms("2024", "en")
    assert estimate_duration_ms("那年2024", "zh-CN") > estimate_duration_ms("那年", "zh-CN") + 600


def test_speed_divides_the_estimate() -> None:
    text = "The night was long and the rain would not stop."
    normal = estimate_duration_ms(text, "en")
    assert estimate_duration_ms(text, "en", speed=2.0) == pytest.approx(normal / 2, abs=1)
    assert estimate_duration_ms(text, "en", speed=0.5) == pytest.approx(normal * 2, abs=1)
    assert estimate_duration_ms(text, "en", speed=0) == normal  # a missing speed is taken as 1


def test_a_non_empty_line_is_never_shorter_than_the_minimum() -> None:
    assert estimate_duration_ms("嗯", "zh") == MIN_ESTIMATE_MS
    assert estimate_duration_ms("……", "zh") == MIN_ESTIMATE_MS  # a line of silence still has a place
    assert estimate_duration_ms("Oh!", "en", speed=4.0) == MIN_ESTIMATE_MS
    assert MIN_ESTIMATE_MS >= 250


def test_an_empty_line_takes_no_time() -> None:
    assert estimate_duration_ms("", "zh") == 0
    assert estimate_duration_ms("  \n ", "en") == 0


def test_longer_lines_take_longer() -> None:
    short = estimate_duration_ms("我答应过你的。", "zh")
    long = estimate_duration_ms("我答应过你的，无论发生什么，我都会回来找你。", "zh")
    assert long > short * 2


def test_an_offset_moves_its_line_alone() -> None:
    from studio.domain.timeline import Slot, place

    plain = place([Slot(1, 1000, 0), Slot(2, 1000, 300), Slot(3, 1000, 300)])
    moved = place([Slot(1, 1000, 0), Slot(2, 1000, 300, offset_ms=-500), Slot(3, 1000, 300)])
    assert [p.start_ms for p in plain] == [0, 1300, 2600]
    assert [p.start_ms for p in moved] == [0, 800, 2600]  # line 3 stays where it was


def test_a_pause_marker_lasts_as_written_and_a_tag_is_not_read_aloud() -> None:
    from studio.domain.timeline import estimate_duration_ms

    plain = estimate_duration_ms("我是林晚。", "zh")
    paused = estimate_duration_ms("<#2.0#>我是林晚。", "zh")
    assert paused - plain == 2000
    tagged = estimate_duration_ms("(laughs)我是林晚。", "zh")
    assert 0 < tagged - plain <= 400  # a short pause, not the word "laughs" said
    assert estimate_duration_ms("Well <#0.5#> no.", "en") >= estimate_duration_ms("Well no.", "en") + 500
