"""Subtitle cues from placements, splitting long lines, and SRT / WebVTT / JSON files that parse back."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import srt
import webvtt

from studio.domain.timeline import Placement, Slot, place
from studio.formats.subtitles import Cue, cues_from_placements, split_text, write_json, write_srt, write_vtt

LONG_ZH = "他推开门，屋里一片漆黑。她没有回头，只是轻声说：你终于来了，我等了你整整十年！"


def sample_cues() -> list[Cue]:
    placements = place([Slot(1, 1200, 0), Slot(2, 2500, 300), Slot(3, 800, -100), Slot(4, None, 0)])
    texts = {1: ("你好。", "小明"), 2: ("今天天气不错，我们出去走走吧？", "小红"), 3: ("好。", None), 4: ("没有声音", "x")}
    return cues_from_placements(placements, texts)


def test_one_cue_per_placed_line_with_its_times() -> None:
    cues = sample_cues()
    assert [(c.start_ms, c.end_ms) for c in cues] == [(0, 1200), (1500, 4000), (3900, 4700)]
    assert [c.role for c in cues] == ["小明", "小红", None]


def test_long_zh_line_splits_at_punctuation_in_proportion() -> None:
    cues = cues_from_placements([Placement(7, 1000, 7800)], {7: (LONG_ZH, "旁白")}, language="zh")
    assert len(cues) >= 2
    assert all(len(c.text) <= 24 for c in cues)
    assert "".join(c.text for c in cues) == LONG_ZH
    assert all(c.text[-1] in "，。！？；、：" for c in cues)  # every cut falls after punctuation
    assert cues[0].start_ms == 1000 and cues[-1].end_ms == 8800
    for a, b in zip(cues, cues[1:], strict=False):
        assert a.end_ms == b.start_ms
    # time shared by characters: 24 + 15 characters over 7.8 s
    first = cues[0]
    assert abs((first.end_ms - first.start_ms) - round(7800 * len(first.text) / len(LONG_ZH))) <= 1


def test_split_falls_back_to_spaces_then_hard_cuts() -> None:
    en = "This is a rather long English sentence without any punctuation at all in it whatsoever"
    parts = split_text(en, 42)
    assert all(len(p) <= 42 for p in parts) and " ".join(parts) == en
    assert split_text("一" * 50, 24) == ["一" * 24, "一" * 24, "一" * 2]
    assert split_text("short", 42) == ["short"] and split_text("   ", 10) == []
    cues = cues_from_placements([Placement(1, 0, 3000)], {1: (en, "Ann")}, language="en")
    assert len(cues) == len(parts) >= 2


def test_srt_parses_back(tmp_path: Path) -> None:
    cues = sample_cues() + cues_from_placements([Placement(9, 5000, 7800)], {9: (LONG_ZH, None)})
    path = write_srt(cues, tmp_path / "ep.srt")
    parsed = list(srt.parse(path.read_text(encoding="utf-8")))
    assert len(parsed) == len(cues)
    for sub, cue in zip(parsed, cues, strict=True):
        assert sub.start == timedelta(milliseconds=cue.start_ms)
        assert sub.end == timedelta(milliseconds=cue.end_ms)
        assert sub.content == cue.text
    assert [p.name for p in tmp_path.iterdir()] == ["ep.srt"]


def test_vtt_parses_back(tmp_path: Path) -> None:
    cues = sample_cues() + [Cue(3_725_042, 3_726_000, "late line", None)]
    path = write_vtt(cues, tmp_path / "ep.vtt")
    assert path.read_text(encoding="utf-8").startswith("WEBVTT")
    parsed = webvtt.read(str(path)).captions
    assert len(parsed) == len(cues)
    for cap, cue in zip(parsed, cues, strict=True):
        assert cap.start_in_seconds == cue.start_ms // 1000
        assert cap.start == _vtt(cue.start_ms) and cap.end == _vtt(cue.end_ms)
        assert cap.text == cue.text


def _vtt(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def test_json_shape(tmp_path: Path) -> None:
    cues = sample_cues()
    path = write_json(cues, tmp_path / "ep.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data[1] == {"text": "今天天气不错，我们出去走走吧？", "time_begin": 1500, "time_end": 4000, "role": "小红"}
    assert all(isinstance(d["time_begin"], int) and isinstance(d["time_end"], int) for d in data)
    assert "今天" in path.read_text(encoding="utf-8")  # real UTF-8, not escapes


# --- limits for short-video screens, speaker names, ASS ------------------------------------------------

import pysubs2  # noqa: E402

from studio.formats.subtitles import (  # noqa: E402
    AssStyle,
    SubtitleOptions,
    fit_cues,
    short_video_options,
    write_ass,
)


def test_long_cues_are_split_to_the_line_length_and_wrapped_to_two_lines() -> None:
    cue = Cue(1000, 8800, LONG_ZH, "旁白")
    out, report = fit_cues([cue], SubtitleOptions(max_chars=12, max_lines=2), "zh")
    assert len(out) >= 2 and report.split == len(out) - 1
    for c in out:
        lines = c.text.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 12 for line in lines)
    assert "".join(c.text.replace("\n", "") for c in out) == LONG_ZH
    assert out[0].start_ms == 1000 and out[-1].end_ms == 8800
    assert all(a.end_ms == b.start_ms for a, b in zip(out, out[1:], strict=False))


def test_a_cue_too_long_on_screen_is_split() -> None:
    out, _ = fit_cues([Cue(0, 20_000, "一句话，" * 6, None)], SubtitleOptions(max_chars=40, max_duration_ms=7000), "zh")
    assert len(out) >= 3 and all(c.end_ms - c.start_ms <= 7000 for c in out)


def test_reading_speed_holds_a_cue_into_the_silence_but_never_over_the_next() -> None:
    cues = [Cue(0, 500, "这句话说得非常快", None), Cue(3000, 3300, "又一句很快的话", None), Cue(3500, 5000, "慢", None)]
    out, report = fit_cues(cues, SubtitleOptions(max_chars=30, max_cps=8.0), "zh")
    assert out[0].start_ms == 0 and out[0].end_ms == 1000  # 8 characters at 8 a second
    assert out[1].end_ms == 3500  # held on only up to the next cue's start
    assert report.extended == 2 and report.too_fast == [out[1]]
    assert [c.start_ms for c in out] == [0, 3000, 3500]  # starts never move


def test_speaker_names_come_first_and_count_in_the_line_length() -> None:
    out, _ = fit_cues([Cue(0, 4000, "你终于来了，我等了你很久。", "林晚"), Cue(4000, 5000, "Hello there.", "Ann")],
                      SubtitleOptions(max_chars=10, max_lines=1, speaker_names=True), "zh")
    assert out[0].text.startswith("林晚：") and all(len(c.text) <= 10 for c in out if c.role == "林晚")
    assert not any(c.text.startswith("林晚") for c in out[1:] if c.role == "林晚")
    en, _ = fit_cues([Cue(0, 1000, "Hello there.", "Ann")], SubtitleOptions(speaker_names=True), "en")
    assert en[0].text == "Ann: Hello there."
    assert short_video_options("zh").max_chars == 16 and short_video_options("en").max_chars == 32


def test_ass_has_a_style_per_role_with_its_colour_and_position(tmp_path: Path) -> None:
    cues = [Cue(0, 1234, "你好。", "林晚"), Cue(1500, 2000, "第二\n行", "陆沉"), Cue(2100, 2600, "无名", None)]
    path = write_ass(cues, tmp_path / "ep.ass", {"林晚": AssStyle("#e06c75", "top"), "陆沉": AssStyle("#61afef")})
    subs = pysubs2.load(str(path))
    assert [(e.start, e.end, e.name, e.style) for e in subs.events] == [
        (0, 1230, "林晚", "林晚"), (1500, 2000, "陆沉", "陆沉"), (2100, 2600, "", "Default")]  # ASS keeps centiseconds
    assert subs.events[1].plaintext == "第二\n行"
    assert subs.styles["林晚"].primarycolor == pysubs2.Color(0xE0, 0x6C, 0x75)
    assert subs.styles["林晚"].alignment == pysubs2.Alignment.TOP_CENTER
    assert subs.styles["陆沉"].alignment == pysubs2.Alignment.BOTTOM_CENTER
    assert subs.info["PlayResY"] == "1920"
    assert AssStyle("red", "left").validate()
