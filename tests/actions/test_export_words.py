"""The export action's word-timed files from real offline renders (eSpeak): a karaoke ASS that loads back
with pysubs2 and whose tags add up to each line's length, word JSON whose starts increase inside each
line, and a viseme track covering the episode without a gap, for a Chinese and an English episode. Word
timings are kept beside each take when it is rendered, made once for an older take and never again, left
to the caller by a read-only reader, and trims drop the words they hide."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pysubs2
import pytest

from studio.actions import export as exporting
from studio.actions.render import render
from studio.domain.model import Delivery
from studio.domain.words import NOTE_KIND, WordTimings
from studio.engines.espeak import EspeakEngine
from studio.formats.words import karaoke_sums
from studio.render.mixdown import build_timeline
from studio.render.planner import RenderPlanner
from studio.render.word_timing import ensure_timings
from studio.store.events import TakeNoted
from studio.store.project_file import ProjectStore

ZH = ["暴雨夜，林晚收到一封没有署名的信。", "陈伯，这封信是谁送来的？", "明天下午三点，在Starbucks见面。"]
EN = ["The rain did not stop all night.", "Who left this letter, Mr. Chen?", "Meet me at three tomorrow."]


@pytest.fixture
def project(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "words.troupe", "S")
    lin = store.add_role("林晚", colour="#ff6600")
    chen = store.add_role("陈伯", colour="#3399ff")
    zh = store.add_episode("E1", "zh", [((lin if i % 2 else chen).id, t, Delivery(), None) for i, t in enumerate(ZH)])
    en = store.add_episode("E2", "en", [((lin if i % 2 else chen).id, t, Delivery(), None) for i, t in enumerate(EN)])
    engine = EspeakEngine()

    async def go() -> None:
        try:
            await render(store, engine, [zh.id, en.id])
        finally:
            await engine.aclose()

    asyncio.run(go())
    yield store, RenderPlanner(store, engine), {"zh": zh.id, "en": en.id}
    store.close()


def _export(store, plans, out: Path, **kw):
    request = exporting.check_request(out, subtitles="ass", karaoke=True, words=True, visemes=True, **kw)
    return exporting.export(store, plans[0].line.episode_id, plans, request)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_episode_exports_its_words_as_karaoke_json_and_visemes(project, tmp_path: Path, language: str) -> None:
    store, planner, episodes = project
    plans = planner.plan(episodes[language])
    result = _export(store, plans, tmp_path / f"{language}.wav")
    names = sorted(p.name for p in result.word_paths)
    assert names == [f"{language}.karaoke.ass", f"{language}.visemes.json", f"{language}.words.json"]
    assert all(p in result.files() for p in result.word_paths)
    assert result.word_sources == {"aligned": 3}  # eSpeak gives no word times: the audio was aligned
    placements = {p.line_id: p for p in build_timeline(store, plans).placements}

    doc = json.loads((tmp_path / f"{language}.words.json").read_text(encoding="utf-8"))
    assert [ln["text"] for ln in doc["lines"]] == (ZH if language == "zh" else EN)
    for line in doc["lines"]:
        starts = [w["start_ms"] for w in line["words"]]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        place = placements[line["line_id"]]
        assert place.start_ms <= starts[0] and line["words"][-1]["end_ms"] <= place.end_ms
        assert line["source"] == "aligned"
    assert doc["lines"][0]["words"][0]["text"] == ("暴" if language == "zh" else "The")

    subs = pysubs2.load(str(tmp_path / f"{language}.karaoke.ass"))
    assert {e.style for e in subs.events} == {"林晚", "陈伯"}
    assert subs.styles["林晚"].primarycolor == pysubs2.Color(255, 102, 0)
    per_line: dict[int, int] = {}
    for start, end, total in karaoke_sums(subs):
        assert abs(total - (end - start)) <= 10
        (line_id,) = [p.line_id for p in placements.values() if p.start_ms - 10 <= start < p.end_ms]
        per_line[line_id] = per_line.get(line_id, 0) + total
    assert set(per_line) == set(placements)
    for line_id, total in per_line.items():
        assert abs(total - placements[line_id].duration_ms) <= 30  # within a few centiseconds
    shown = "".join(e.plaintext for e in subs.events).replace(" ", "")
    assert shown == "".join(ZH if language == "zh" else EN).replace(" ", "")  # the written text, all of it

    visemes = json.loads((tmp_path / f"{language}.visemes.json").read_text(encoding="utf-8"))
    assert visemes["duration_ms"] == result.duration_ms
    for track in visemes["tracks"]:
        cues = track["cues"]
        assert cues[0]["start_ms"] == 0 and cues[-1]["end_ms"] == result.duration_ms
        assert all(a["end_ms"] == b["start_ms"] for a, b in zip(cues, cues[1:], strict=False))
        assert {c["viseme"] for c in cues} - {"sil"}


def test_word_times_are_made_once_and_reused(project, tmp_path: Path) -> None:
    store, planner, episodes = project
    plans = planner.plan(episodes["zh"])
    takes = [p.take.id for p in plans if p.take]
    assert len(store.take_notes(NOTE_KIND, takes)) == 3  # kept when rendered
    store.clear_take_notes(NOTE_KIND)  # as an older take would be
    noted: list[int] = []
    store.subscribe(lambda e: noted.append(e.take_id) if isinstance(e, TakeNoted) else None)

    _export(store, plans, tmp_path / "a.wav")
    assert sorted(noted) == sorted(takes)  # aligned once each, and kept
    first = store.take_notes(NOTE_KIND, takes)
    noted.clear()
    _export(store, plans, tmp_path / "b.wav")
    assert noted == []  # a second export made no new alignment
    assert store.take_notes(NOTE_KIND, takes) == first
    assert (tmp_path / "a.words.json").read_text(encoding="utf-8") == \
        (tmp_path / "b.words.json").read_text(encoding="utf-8")


def test_a_reader_leaves_the_new_timings_to_the_caller(project) -> None:
    store, planner, episodes = project
    plans = planner.plan(episodes["en"])
    store.clear_take_notes(NOTE_KIND)
    reader = store.reader()
    try:
        report = ensure_timings(reader, plans)
    finally:
        reader.close()
    assert len(report.computed) == 3 and set(report.unsaved) == set(report.computed)
    assert store.take_notes(NOTE_KIND, report.computed) == {}
    for timings in report.unsaved.values():
        store.set_take_note(next(iter(report.unsaved)), NOTE_KIND, timings.to_note())
        break
    assert len(store.take_notes(NOTE_KIND, report.computed)) == 1


def test_trimmed_words_are_left_out(project, tmp_path: Path) -> None:
    store, planner, episodes = project
    plans = planner.plan(episodes["en"])
    first = plans[0]
    timings = WordTimings.from_note(store.take_note(first.take.id, NOTE_KIND))
    assert timings is not None and timings.words[0].text == "The"
    cut = timings.words[1].start_ms  # "The" is not heard
    store.update_line(first.line.with_(trim_start_ms=cut))
    plans = planner.plan(episodes["en"])
    result = _export(store, plans, tmp_path / "t.wav")
    assert tmp_path / "t.words.json" in result.word_paths
    doc = json.loads((tmp_path / "t.words.json").read_text(encoding="utf-8"))
    words = doc["lines"][0]["words"]
    assert words[0]["text"] == "rain" and words[0]["start_ms"] == doc["lines"][0]["start_ms"]


def test_the_request_names_the_files_and_old_callers_get_none(tmp_path: Path) -> None:
    request = exporting.check_request(tmp_path / "ep.mp3", "srt", karaoke=True, visemes=True)
    assert [p.name for p in request.files()] == ["ep.mp3", "ep.srt", "ep.karaoke.ass", "ep.visemes.json"]
    assert exporting.check_request(tmp_path / "ep.mp3", "srt").word_files == ()
