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
