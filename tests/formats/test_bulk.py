"""MiniMax's role-audio pipeline: Role Classification JSON in, one mp3 + sentence subtitles + extra_info out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile as sf

from studio.actions import ActionError
from studio.actions.importing import apply_import
from studio.actions.writing import bulk_audio, plan_bulk_import
from studio.formats.bulk import (
    BulkError,
    check_invisible,
    parse_bulk,
    read_bulk,
    subtitle_sentences,
    word_count,
)
from studio.store.project_file import ProjectStore

SEED = [
    {"sentence_no": 0, "role_id": "title", "text": "第一章 雨夜"},
    {"sentence_no": 1, "role_id": "anarration", "text": "雨下了一整夜，林晚站在门口，一直等到天亮，可是那个人始终没有"
                                                        "回来，她终于明白，有些人一旦离开就再也不会回来了。"},
    {"sentence_no": 2, "role_id": "林晚", "text": "你到底去哪儿了？"},
]
ROLE_VOICE = {"title": "audiobook_male_1", "anarration": "audiobook_male_1", "林晚": "female-shaonv"}


def espeak():  # type: ignore[no-untyped-def]
    from studio.engines.espeak import EspeakEngine

    return EspeakEngine()


def test_role_classification_reads_exactly(tmp_path: Path) -> None:
    path = tmp_path / "roles.json"
    shuffled = [SEED[2], SEED[0], SEED[1]]
    path.write_text(json.dumps({"sentences": shuffled, "role_voice": ROLE_VOICE, "interval_title": 1.234,
                                "voice_configs": {"female-shaonv": {"speed": 1.2, "vol": 2, "pitch": -3}}},
                               ensure_ascii=False), encoding="utf-8")
    script = read_bulk(path)
    assert [s.role_id for s in script.sentences] == ["title", "anarration", "林晚"]
    assert script.interval_title == 1.23
    draft = script.draft()
    assert [ln.role for ln in draft.lines] == ["旁白", "旁白", "林晚"]  # title and narration share a voice
    assert draft.title == "第一章 雨夜"
    assert draft.lines[1].gap_ms == 1230 and draft.lines[2].gap_ms is None
    d = draft.lines[2].delivery
    assert (d.speed, d.volume, d.pitch) == (1.2, 2.0, -3)
    assert draft.role_voices == {"旁白": "audiobook_male_1", "林晚": "female-shaonv"}


def test_title_with_its_own_voice_is_its_own_role() -> None:
    script = parse_bulk(SEED, role_voice={**ROLE_VOICE, "title": "presenter_male"})
    assert script.draft().lines[0].role == "标题"


def test_bad_inputs_are_refused_with_a_sentence() -> None:
    with pytest.raises(BulkError, match="role_voice must map"):
        parse_bulk(SEED, role_voice={"title": 3})
    with pytest.raises(BulkError, match="speed 3 is outside"):
        parse_bulk(SEED, voice_configs={"v": {"speed": 3}})
    with pytest.raises(BulkError, match="unknown fields: rate"):
        parse_bulk(SEED, voice_configs={"v": {"rate": 1}})
    with pytest.raises(BulkError, match="interval_title"):
        parse_bulk(SEED, interval_title=-1)
    with pytest.raises(BulkError, match="entry 1 has no role_id"):
        parse_bulk([{"text": "x"}])


def test_the_ten_percent_rule() -> None:
    assert check_invisible(["abcdefghi\x01"]) == pytest.approx(0.1)
    with pytest.raises(BulkError, match="illegal characters exceed 10%"):
        check_invisible(["abcdefgh\x01\x02"])
    assert check_invisible(["tab\tand\nnewline are fine"]) == 0
    script = parse_bulk([{"sentence_no": 0, "role_id": "anarration", "text": "好的，我们明天\x07见面吧。"}])
    assert script.draft().lines[0].text == "好的，我们明天见面吧。"


def test_subtitle_sentences_are_at_most_fifty_characters() -> None:
    long = "这是一句很长很长的话，" * 8 + "终于结束了。短句。"
    parts = subtitle_sentences(long)
    assert all(len(p) <= 50 for p in parts) and "".join(parts) == long.strip()
    assert subtitle_sentences("First one. Second one!") == ["First one.", "Second one!"]
    assert word_count(["你好，world 42!"]) == 9


def test_import_plan_binds_minimax_voices_and_guesses_genders(tmp_path: Path) -> None:
    store = ProjectStore.create(tmp_path / "p.troupe", "P")
    try:
        plan = plan_bulk_import(store, parse_bulk(SEED, role_voice=ROLE_VOICE))
        roles = {r.name: r for r in plan.new_roles}
        assert roles["林晚"].voices == {"minimax": "female-shaonv"} and roles["林晚"].gender == "female"
        result = apply_import(store, plan)
        assert len(result.lines) == 3
    finally:
        store.close()


async def render_seed(tmp_path: Path, speed: float, name: str, **options: object):  # type: ignore[no-untyped-def]
    script = parse_bulk(SEED, role_voice=ROLE_VOICE, voice_configs={"female-shaonv": {"speed": speed}},
                        interval_title=1.5)
    return await bulk_audio(script, tmp_path / name, engine=espeak(), **options)  # type: ignore[arg-type]


async def test_bulk_pipeline_writes_mp3_subtitles_and_extra_info(tmp_path: Path) -> None:
    result = await render_seed(tmp_path, 1.0, "out.mp3", sample_rate=24000, bitrate=64000)
    info = sf.info(str(result.audio))
    assert info.samplerate == 24000 and info.channels == 1
    cues = json.loads(result.subtitles.read_text(encoding="utf-8"))
    assert result.subtitles == tmp_path / "out.json"
    decoded_ms = info.frames * 1000 / info.samplerate
    assert abs(decoded_ms - cues[-1]["time_end"]) <= 50
    assert result.extra_info["audio_length"] == pytest.approx(decoded_ms, abs=50)
    assert cues[0]["text"] == "第一章 雨夜" and cues[0]["role_id"] == "title"
    assert cues[1]["time_begin"] - cues[0]["time_end"] == 1500  # the title's interval
    assert all(len(c["text"]) <= 50 for c in cues) and len(cues) >= 4  # the long narration is split
    assert [c["time_begin"] for c in cues] == sorted(c["time_begin"] for c in cues)
    extra = result.extra_info
    assert extra["audio_size"] == result.audio.stat().st_size
    assert (extra["audio_sample_rate"], extra["bitrate"], extra["audio_format"]) == (24000, 64000, "mp3")
    assert extra["word_count"] == word_count(s["text"] for s in SEED)
    assert extra["invisible_character_ratio"] == 0
    assert abs(info.duration * 64000 / 8 - extra["audio_size"]) < 0.15 * extra["audio_size"]  # about 64 kbps


async def test_voice_config_speed_is_heard_in_the_duration(tmp_path: Path) -> None:
    normal = await render_seed(tmp_path, 1.0, "a.mp3")
    fast = await render_seed(tmp_path, 1.5, "b.mp3")
    said = [c for c in normal.cues if c.role_id == "林晚"][0]
    said_fast = [c for c in fast.cues if c.role_id == "林晚"][0]
    assert said_fast.time_end - said_fast.time_begin < 0.8 * (said.time_end - said.time_begin)
    assert fast.duration_ms < normal.duration_ms


async def test_title_as_last_line_keeps_its_interval_as_trailing_silence(tmp_path: Path) -> None:
    script = parse_bulk([SEED[2], {"sentence_no": 9, "role_id": "title", "text": "完"}], role_voice=ROLE_VOICE,
                        interval_title=1.0)
    result = await bulk_audio(script, tmp_path / "t.mp3", engine=espeak())
    assert result.duration_ms - result.cues[-1].time_end == 1000


async def test_bulk_refuses_bad_options_and_invisible_text(tmp_path: Path) -> None:
    script = parse_bulk(SEED, role_voice=ROLE_VOICE)
    with pytest.raises(ActionError, match="sample rate"):
        await bulk_audio(script, tmp_path / "x.mp3", engine=espeak(), sample_rate=44100)
    with pytest.raises(ActionError, match="bitrate"):
        await bulk_audio(script, tmp_path / "x.mp3", engine=espeak(), bitrate=256000)
    with pytest.raises(ActionError, match=".mp3"):
        await bulk_audio(script, tmp_path / "x.wav", engine=espeak())
    dirty = parse_bulk([{"sentence_no": 0, "role_id": "anarration", "text": "好\x01\x02\x03的"}])
    with pytest.raises(ActionError, match="illegal characters exceed 10%"):
        await bulk_audio(dirty, tmp_path / "x.mp3", engine=espeak())
    assert not (tmp_path / "x.mp3").exists()


async def test_bulk_pipeline_on_minimax_sends_each_role_its_voice_and_config(tmp_path: Path) -> None:
    from studio.engines.minimax.client import RetryPolicy
    from studio.engines.minimax.engine import MiniMaxEngine
    from studio.engines.minimax.ratelimit import RateLimits
    from tests.fake_minimax.server import FakeMiniMax

    with FakeMiniMax() as fake:
        engine = MiniMaxEngine(api_key=fake.api_key, host=fake.url, retry=RetryPolicy(max_attempts=2, base_delay=0.01),
                               limits=RateLimits(window=60.0))
        try:
            script = parse_bulk(SEED, role_voice=ROLE_VOICE,
                                voice_configs={"female-shaonv": {"speed": 1.5, "vol": 2, "pitch": -2}},
                                interval_title=0.5)
            result = await bulk_audio(script, tmp_path / "mm.mp3", engine=engine, sample_rate=32000, bitrate=128000)
        finally:
            await engine.aclose()
        calls = [c.json for c in fake.calls("/v1/t2a_v2") if c.code == 0]
    voices = {c["text"]: c["voice_setting"] for c in calls}
    assert voices["你到底去哪儿了？"]["voice_id"] == "female-shaonv"
    assert (voices["你到底去哪儿了？"]["speed"], voices["你到底去哪儿了？"]["vol"],
            voices["你到底去哪儿了？"]["pitch"]) == (1.5, 2.0, -2)
    assert voices["第一章 雨夜"]["voice_id"] == "audiobook_male_1"
    cues = json.loads(result.subtitles.read_text(encoding="utf-8"))
    assert cues[1]["time_begin"] - cues[0]["time_end"] == 500
    info = sf.info(str(result.audio))
    assert abs(info.frames * 1000 / info.samplerate - cues[-1]["time_end"]) <= 50
