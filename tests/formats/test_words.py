"""Word timings as values and as files: spoken spans carried onto the written text (respellings and numbers
read out), estimates labelled as such, trims dropping and clipping words, the karaoke ASS read back with
pysubs2 (its \\kf tags adding up to each line's length), the word JSON, and a viseme track that covers its
whole stretch without a gap."""

from __future__ import annotations

import json
from pathlib import Path

import pysubs2
import pytest

from studio.domain.words import (
    NOTE_VERSION,
    Span,
    WordTimings,
    check_timings,
    estimate,
    heard_words,
    syllable_weights,
    timings_from_spans,
    word_units,
)
from studio.formats.subtitles import AssStyle
from studio.formats.visemes import VISEMES, final_visemes, piece_visemes, viseme_document, write_visemes_json
from studio.formats.words import TimedLine, karaoke_file, karaoke_sums, write_karaoke_ass, write_words_json


def test_chinese_is_timed_by_character_and_english_by_word() -> None:
    text = "林晚在Starbucks等你，3点见。"
    assert [text[a:b] for a, b in word_units(text)] == ["林", "晚", "在", "Starbucks", "等", "你", "3", "点", "见"]
    english = "Don't go, Dr. Li—it's 9:30!"
    assert [english[a:b] for a, b in word_units(english)] == \
        ["Don't", "go", "Dr", "Li", "it's", "9:30"]


def test_pauses_follow_punctuation_and_english_weighs_its_syllables() -> None:
    units = syllable_weights("你好，世界。再见", "zh")
    assert [p for *_, p in units] == [0.0, 0.0, 0.7, 0.0, 1.4, 0.0]
    weights = {text: w for text, w in ((("a", "extraordinary")[i], syllable_weights(t, "en")[0][2])
                                       for i, t in enumerate(("a", "extraordinary")))}
    assert weights["extraordinary"] > 4 * weights["a"]


def test_spoken_spans_land_on_the_written_words_whatever_the_lexicon_said() -> None:
    spans = [Span("Doctor", 100, 500), Span("Li", 500, 800), Span("has", 900, 1100), Span("three", 1100, 1400),
             Span("cats", 1400, 1800)]
    timings = timings_from_spans(spans, "Dr. Li has 3 cats.", "en", 2000, source="engine", method="test")
    assert [(w.text, w.start_ms, w.end_ms) for w in timings.words] == [
        ("Dr", 100, 500), ("Li", 500, 800), ("has", 900, 1100), ("3", 1100, 1400), ("cats", 1400, 1800)]
    zh = timings_from_spans([Span("一千九百", 100, 900), Span("年", 900, 1100), Span("三", 1200, 1400),
                             Span("点", 1400, 1600)], "1900年，3点", "zh", 2000, source="engine", method="test")
    assert [(w.text, w.start_ms) for w in zh.words] == [("1900", 100), ("年", 900), ("3", 1200), ("点", 1400)]
    assert check_timings(zh) == []


def test_starts_increase_and_stay_inside_the_take_even_from_untidy_spans() -> None:
    spans = [Span("b", 700, 900), Span("a", 200, 400), Span("c", 2500, 3200)]  # out of order, past the end
    timings = timings_from_spans(spans, "a b c", "en", 3000, source="engine", method="test")
    assert check_timings(timings) == []
    starts = [w.start_ms for w in timings.words]
    assert starts == sorted(starts) and all(0 <= w.start_ms <= w.end_ms <= 3000 for w in timings.words)
    broken = WordTimings(tuple(timings.words[::-1]), "engine", "test", 3000, "a b c")
    assert check_timings(broken)  # the check itself can fail


def test_an_estimate_says_so_and_spreads_the_speech_span() -> None:
    timings = estimate("今天很好。", "今天很好。", "zh", 2000, 200, 1800)
    assert timings.source == "estimate" and timings.estimated
    assert timings.words[0].start_ms == 200 and timings.words[-1].end_ms == 1800
    assert check_timings(timings) == []


def test_the_note_round_trips_and_an_unknown_version_is_not_read() -> None:
    timings = estimate("Hello there", "Hello there", "en", 1000)
    note = json.loads(json.dumps(timings.to_note()))
    assert WordTimings.from_note(note) == timings
    assert WordTimings.from_note({**note, "version": NOTE_VERSION + 1}) is None
    assert WordTimings.from_note({"version": NOTE_VERSION, "source": "engine"}) is None


def test_the_same_take_maps_onto_another_written_form() -> None:
    timings = timings_from_spans([Span("Doctor", 0, 400), Span("Li", 400, 700)], "Dr. Li", "en", 800,
                                 source="aligned", method="test")
    other = timings.for_text("Doctor Li")
    assert [(w.text, w.start_ms) for w in other.words] == [("Doctor", 0), ("Li", 400)]


def test_trims_drop_words_they_hide_and_clip_those_they_cross() -> None:
    spans = [Span("one", 0, 300), Span("two", 300, 700), Span("three", 700, 1000)]
    timings = timings_from_spans(spans, "one two three", "en", 1000, source="engine", method="test")
    heard = heard_words(timings, 7, 5000, trim_start_ms=400, trim_end_ms=200)
    assert [(w.text, w.start_ms, w.end_ms) for w in heard] == [("two", 5000, 5300), ("three", 5300, 5400)]
    assert heard_words(timings, 7, 0) and len(heard_words(timings, 7, 0)) == 3


def _line(text: str, spans: list[Span], start: int, duration: int, role: str = "林晚") -> TimedLine:
    timings = timings_from_spans(spans, text, "zh", duration, source="engine", method="test")
    words = heard_words(timings, 1, start, role=role)
    spoken = heard_words(timings, 1, start, role=role, spoken=True)
    return TimedLine(1, text, start, start + duration, tuple(words), role, timings.source, timings.method,
                     tuple(w.begin for w in words), tuple(w.end for w in words), tuple(spoken))


@pytest.fixture
def lines() -> list[TimedLine]:
    first = _line("你好，世界。", [Span("你", 120, 300), Span("好", 300, 520), Span("世", 800, 1000),
                                Span("界", 1000, 1300)], 0, 1500)
    second = _line("Hello, Li!", [Span("Hello", 200, 600), Span("Li", 700, 1100)], 2000, 1250, role="Chen")
    second = TimedLine(2, second.text, second.start_ms, second.end_ms, second.words, second.role, second.source,
                       second.method, second.begins, second.ends, second.spoken)
    return [first, second]


def test_the_karaoke_ass_loads_back_and_its_tags_add_up_to_each_line(lines: list[TimedLine], tmp_path: Path) -> None:
    path = write_karaoke_ass(lines, tmp_path / "ep.karaoke.ass", {"林晚": AssStyle(colour="#ff8800")})
    subs = pysubs2.load(str(path))
    assert len(subs.events) == 2
    for (start, end, total), line in zip(karaoke_sums(subs), lines, strict=True):
        assert start == line.start_ms and abs(end - line.end_ms) <= 10
        assert abs(total - (line.end_ms - line.start_ms)) <= 30  # within a few centiseconds
    first = subs.events[0]
    assert first.plaintext == "你好，世界。"  # the written text, punctuation kept
    assert "{\\kf12}" in first.text  # the silence before the first word
    assert subs.styles["林晚"].primarycolor == pysubs2.Color(255, 136, 0)
    assert subs.styles["林晚"].secondarycolor == pysubs2.Color(255, 255, 255)


def test_a_long_line_becomes_several_karaoke_events_in_time_order() -> None:
    text = "今天天气很好，我们去公园散步吧，然后一起吃晚饭。"
    spans = [Span(ch, 100 + 200 * i, 300 + 200 * i) for i, ch in enumerate(c for c in text if c.isalnum())]
    line = _line(text, spans, 1000, 200 * len(spans) + 300)
    subs = karaoke_file([line], max_chars=8)
    assert len(subs.events) >= 3
    assert "".join(e.plaintext for e in subs.events) == text
    sums = karaoke_sums(subs)
    assert all(a[1] <= b[0] for a, b in zip(sums, sums[1:], strict=False))
    assert abs(sum(t for *_, t in sums) - (line.end_ms - line.start_ms)) <= 30


def test_the_words_json_has_episode_times_and_sources(lines: list[TimedLine], tmp_path: Path) -> None:
    doc = json.loads(write_words_json(lines, tmp_path / "ep.words.json", 3500).read_text(encoding="utf-8"))
    assert doc["duration_ms"] == 3500 and [ln["source"] for ln in doc["lines"]] == ["engine", "engine"]
    english = doc["lines"][1]
    assert [(w["text"], w["start_ms"]) for w in english["words"]] == [("Hello", 2200), ("Li", 2700)]


def _covers(cues: list[dict], start: int, end: int) -> None:
    assert cues[0]["start_ms"] == start and cues[-1]["end_ms"] == end
    for a, b in zip(cues, cues[1:], strict=False):
        assert a["end_ms"] == b["start_ms"] and a["viseme"] != b["viseme"]
    assert all(c["viseme"] in VISEMES and c["end_ms"] > c["start_ms"] for c in cues)


def test_the_viseme_track_covers_everything_without_a_gap(lines: list[TimedLine], tmp_path: Path) -> None:
    doc = json.loads(write_visemes_json(lines, tmp_path / "ep.visemes.json", 3500).read_text(encoding="utf-8"))
    assert doc["duration_ms"] == 3500 and doc["visemes"][0] == "sil"
    for track in doc["tracks"]:
        _covers(track["cues"], 0, 3500)
    for line, entry in zip(lines, doc["lines"], strict=True):
        _covers(entry["cues"], line.start_ms, line.end_ms)
        assert {c["viseme"] for c in entry["cues"]} - {"sil"}  # the mouth moves while the line is heard
    zh = doc["lines"][0]["cues"]
    assert zh[0] == {"viseme": "sil", "start_ms": 0, "end_ms": 120}  # silence before 你


def test_pinyin_and_english_map_to_the_set() -> None:
    assert piece_visemes("好", "zh") == ["kk", "aa", "ou"]
    assert piece_visemes("八", "zh") == ["PP", "aa"]
    assert final_visemes("iang") == ["ih", "aa", "kk"] and final_visemes("er") == ["E", "RR"]
    english = piece_visemes("thumbs", "en")
    assert english[0] == "TH" and "PP" in english and english[-1] == "SS"
    assert set(piece_visemes("1953年", "zh")) <= set(VISEMES)


def test_a_line_without_words_is_silence(tmp_path: Path) -> None:
    quiet = TimedLine(3, "……", 100, 600, (), "旁白")
    doc = viseme_document([quiet], 1000)
    assert doc["tracks"][0]["cues"] == [{"viseme": "sil", "start_ms": 0, "end_ms": 1000}]
