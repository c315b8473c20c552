"""Word timings from MiniMax: every plain request asks for the word-level subtitle file, the file (as the
fake serves it, in the documented shape) becomes spans of the text sent, a number read as several
syllables and an English word in pieces come back as one span each, and the words of a Chinese and an
English line start in order inside the take. A model that times sentences only, or a file that cannot
be fetched, costs the word times, never the take; the render queue keeps the words beside the take."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.domain.model import Delivery
from studio.domain.render_key import SpeechRequest
from studio.domain.words import NOTE_KIND, WordTimings, check_timings, timings_from_spans
from studio.engines.minimax.engine import MiniMaxEngine
from studio.engines.minimax.subtitles import parse_subtitle_file
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore
from tests.fake_minimax.server import FakeMiniMax, subtitle_file

T2A = "/v1/t2a_v2"


def request(text: str, language: str, voice: str) -> SpeechRequest:
    return SpeechRequest(engine="minimax", voice_id=voice, text=text, language=language)


def test_the_fake_file_has_the_documented_shape() -> None:
    doc = subtitle_file("我们在1953年见面。Hello there!", 4000, words=True)
    assert [s["text"] for s in doc] == ["我们在1953年见面。", "Hello there!"]
    first = doc[0]
    assert {"text", "pronounce_text", "time_begin", "time_end", "text_begin", "text_end", "timestamped_words"} <= \
        set(first)
    numbers = [w for w in first["timestamped_words"] if w["word"] == "1953"]
    assert len(numbers) == 4 and len({w["word_begin"] for w in numbers}) == 1  # one entry per syllable read
    assert subtitle_file("你好。", 1000, words=False)[0]["timestamped_words"] is None


def test_syllables_of_one_word_are_joined_into_one_span() -> None:
    raw = json.dumps(subtitle_file("Remarkable, 1953!", 3000, words=True))
    spans = parse_subtitle_file(raw)
    assert spans is not None and [s.text for s in spans] == ["Remarkable", "1953"]
    assert spans[0].end_ms <= spans[1].start_ms
    assert parse_subtitle_file(json.dumps(subtitle_file("你好。", 1000, words=False))) is None
    assert parse_subtitle_file(b"<html>not json</html>") is None
    wrapped = json.dumps({"subtitles": subtitle_file("你好。", 1000, words=True)})
    assert [s.text for s in parse_subtitle_file(wrapped) or []] == ["你", "好"]


@pytest.mark.parametrize(("text", "language", "voice"), [
    ("今天下午三点，在1953咖啡馆见面。", "zh", "female-shaonv"),
    ("Meet me at three, Dr. Chen. Don't be late!", "en", "English_CalmWoman"),
])
async def test_a_line_comes_back_with_its_words_timed_in_order_inside_the_take(
        engine: MiniMaxEngine, fake_minimax: FakeMiniMax, text: str, language: str, voice: str) -> None:
    result = await engine.synthesize(request(text, language, voice))
    body = fake_minimax.calls(T2A)[-1].json
    assert body["subtitle_enable"] is True and body["subtitle_type"] == "word"
    assert result.spans and result.timing_method == "minimax-subtitles"
    timings = timings_from_spans(result.spans, text, language, result.duration_ms, source="engine",
                                 method=result.timing_method)
    assert check_timings(timings) == []
    starts = [w.start_ms for w in timings.words]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert 0 < starts[0] and timings.words[-1].end_ms <= result.duration_ms
    assert "".join(w.text for w in timings.words) == "".join(ch for ch in text if ch.isalnum() or ch == "'")


async def test_sentence_subtitles_only_give_no_word_spans(engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    fake_minimax.sentence_subtitles_only = True
    result = await engine.synthesize(request("你好，世界。", "zh", "female-shaonv"))
    assert result.audio and result.spans is None


async def test_a_subtitle_file_that_cannot_be_fetched_keeps_the_take(
        engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    real = fake_minimax.subtitle_files
    fake_minimax.subtitle_files = _Forgetful()  # the storage URL answers 404
    try:
        result = await engine.synthesize(request("你好，世界。", "zh", "female-shaonv"))
    finally:
        fake_minimax.subtitle_files = real
    assert result.audio and result.spans is None
    assert any(c.path.startswith("/files/subtitles/") and c.http_status == 404 for c in fake_minimax.requests)


class _Forgetful(dict):  # type: ignore[type-arg]
    def __setitem__(self, key: object, value: object) -> None:
        pass


async def test_word_timings_can_be_turned_off(make_engine: Callable[..., MiniMaxEngine],
                                              fake_minimax: FakeMiniMax) -> None:
    engine = make_engine(word_timings=False)
    result = await engine.synthesize(request("你好。", "zh", "female-shaonv"))
    assert "subtitle_enable" not in fake_minimax.calls(T2A)[-1].json and result.spans is None


def test_the_render_key_does_not_change(engine: MiniMaxEngine) -> None:
    prepared = engine.prepare(request("你好。", "zh", "female-shaonv"))
    assert "subtitle" not in repr(prepared.extra)  # the subtitle file is not part of what is said


async def test_rendered_takes_keep_their_engine_word_times(
        engine: MiniMaxEngine, fake_minimax: FakeMiniMax, tmp_path: Path) -> None:
    store = ProjectStore.create(tmp_path / "w.troupe", "S")
    try:
        lead = store.add_role("林晚", voices={"minimax": "female-shaonv"})
        ep = store.add_episode("E1", "zh", [(lead.id, "明天见。", Delivery(), None),
                                            (lead.id, "我在Starbucks等你。", Delivery(), None)])
        planner = RenderPlanner(store, engine)
        report = await RenderScheduler(store, engine).render(planner.stale_jobs(ep.id))
        assert report.ok
        plans = planner.plan(ep.id)
        notes = store.take_notes(NOTE_KIND, [p.take.id for p in plans if p.take])
        assert len(notes) == 2
        for p in plans:
            timings = WordTimings.from_note(notes[p.take.id])
            assert timings is not None and timings.source == "engine" and timings.method == "minimax-subtitles"
            assert timings.text == p.line.text and check_timings(timings) == []
        assert [w.text for w in WordTimings.from_note(notes[plans[1].take.id]).words] == \
            ["我", "在", "Starbucks", "等", "你"]
    finally:
        store.close()
