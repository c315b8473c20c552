"""MiniMaxEngine speech against the fake server: request contract, streaming, retries, rate limits."""

from __future__ import annotations

import asyncio
import io
import logging
import time
from collections.abc import Callable

import pytest
import soundfile

from studio.domain.render_key import SpeechRequest
from studio.engines.minimax.engine import MiniMaxEngine
from studio.engines.minimax.errors import (
    AuthError,
    ContentFlaggedError,
    InvalidRequestError,
    MalformedResponseError,
)
from studio.engines.minimax.ratelimit import EndpointLimit, RateLimits
from studio.engines.speech import SpeechEngine
from tests.fake_minimax.server import FakeMiniMax

T2A = "/v1/t2a_v2"


def line(text: str = "你好，今天天气不错。", **kw: object) -> SpeechRequest:
    kw.setdefault("voice_id", "female-shaonv")
    return SpeechRequest(engine="minimax", text=text, **kw)  # type: ignore[arg-type]


def test_engine_satisfies_the_speech_engine_protocol(engine: MiniMaxEngine) -> None:
    assert isinstance(engine, SpeechEngine)
    assert engine.name == "minimax"
    assert engine.model == "speech-2.8-hd"
    assert engine.max_concurrency >= 1


async def test_synthesize_returns_decodable_audio_with_usage(engine: MiniMaxEngine,
                                                             fake_minimax: FakeMiniMax) -> None:
    result = await engine.synthesize(line(audio_format="wav", sample_rate=24000))
    data, rate = soundfile.read(io.BytesIO(result.audio))
    assert rate == 24000 and len(data) > 0
    assert result.format == "wav" and result.sample_rate == 24000
    assert result.billed_chars == len("你好，今天天气不错。")
    assert result.duration_ms > 0 and result.trace_id
    assert result.extra["usage_characters"] == result.billed_chars


async def test_request_has_bearer_auth_and_no_group_id_by_default(engine: MiniMaxEngine,
                                                                  fake_minimax: FakeMiniMax) -> None:
    await engine.synthesize(line())
    call = fake_minimax.calls(T2A)[-1]
    assert call.headers["Authorization"] == f"Bearer {fake_minimax.api_key}"
    assert "GroupId" not in call.query
    assert call.headers["Content-Type"].startswith("application/json")


async def test_group_id_is_sent_only_when_configured(make_engine: Callable[..., MiniMaxEngine],
                                                     fake_minimax: FakeMiniMax) -> None:
    fake_minimax.group_id = "1900000000000000001"
    await make_engine(group_id="1900000000000000001").synthesize(line())
    assert fake_minimax.calls(T2A)[-1].query == {"GroupId": "1900000000000000001"}


async def test_no_emotion_is_sent_to_speech_28_by_default(engine: MiniMaxEngine,
                                                          fake_minimax: FakeMiniMax) -> None:
    await engine.synthesize(line())
    body = fake_minimax.calls(T2A)[-1].json
    assert "emotion" not in body["voice_setting"]
    assert body["model"] == "speech-2.8-hd"
    assert body["audio_setting"] == {"format": "wav", "sample_rate": 24000, "bitrate": 128000, "channel": 1}
    assert body["language_boost"] == "Chinese"
    assert body["stream"] is False


async def test_whisper_is_never_sent_to_speech_28_but_is_to_26(engine: MiniMaxEngine,
                                                               fake_minimax: FakeMiniMax) -> None:
    await engine.synthesize(line(emotion="whisper"))
    assert "emotion" not in fake_minimax.calls(T2A)[-1].json["voice_setting"]
    assert engine.prepare(line(emotion="whisper")).emotion is None
    await engine.synthesize(line(emotion="whisper", model="speech-2.6-hd"))
    assert fake_minimax.calls(T2A)[-1].json["voice_setting"]["emotion"] == "whisper"
    await engine.synthesize(line(emotion="neutral"))
    assert fake_minimax.calls(T2A)[-1].json["voice_setting"]["emotion"] == "calm"


async def test_interjections_are_kept_on_28_and_stripped_elsewhere(engine: MiniMaxEngine,
                                                                   fake_minimax: FakeMiniMax) -> None:
    await engine.synthesize(line("哈哈 (laughs) 你真逗。"))
    assert "(laughs)" in fake_minimax.calls(T2A)[-1].json["text"]
    await engine.synthesize(line("哈哈 (laughs) 你真逗。", model="speech-02-hd"))
    assert fake_minimax.calls(T2A)[-1].json["text"] == "哈哈 你真逗。"


async def test_pronunciation_language_voice_modify_and_pauses_are_sent(engine: MiniMaxEngine,
                                                                       fake_minimax: FakeMiniMax) -> None:
    request = line("Read it <#0.5#> again.", language="en", speed=1.25, volume=2.0, pitch=-3,
                   pronunciation=("read/(riːd)",),
                   extra=(("label", "EP1-L3"), ("voice_modify.intensity", "-20"),
                          ("voice_modify.sound_effects", "robotic"), ("unknown", "x")),
                   audio_format="flac", sample_rate=48000, voice_id="English_CalmWoman")
    prepared = engine.prepare(request)
    assert prepared.sample_rate == 44100
    assert dict(prepared.extra) == {"label": "EP1-L3", "voice_modify.intensity": "-20",
                                    "voice_modify.sound_effects": "robotic"}
    result = await engine.synthesize(request)
    body = fake_minimax.calls(T2A)[-1].json
    assert body["text"] == "Read it <#0.5#> again."
    assert body["pronunciation_dict"] == {"tone": ["read/(riːd)"]}
    assert body["language_boost"] == "English"
    assert body["voice_modify"] == {"intensity": -20, "sound_effects": "robotic"}
    assert body["voice_setting"] == {"voice_id": "English_CalmWoman", "speed": 1.25, "vol": 2.0, "pitch": -3}
    assert body["audio_setting"]["format"] == "flac" and body["audio_setting"]["sample_rate"] == 44100
    assert result.format == "flac"


def test_prepare_is_stable_so_render_keys_match(engine: MiniMaxEngine) -> None:
    prepared = engine.prepare(line(emotion="whisper", sample_rate=48000))
    assert engine.prepare(prepared) == prepared
    assert prepared.render_key != line(emotion="whisper", sample_rate=48000).render_key
    assert prepared.model == "speech-2.8-hd" and prepared.engine == "minimax"


@pytest.mark.parametrize("change, setting", [({"speed": 2.5}, "speed"), ({"volume": 0.0}, "vol"),
                                             ({"pitch": 13}, "pitch"), ({"text": "  "}, "text"),
                                             ({"model": "speech-9"}, "model")])
async def test_out_of_range_settings_are_refused_before_sending(engine: MiniMaxEngine, fake_minimax: FakeMiniMax,
                                                                change: dict[str, object], setting: str) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await engine.synthesize(line(**change))
    assert info.value.code == setting
    assert fake_minimax.calls(T2A) == []


async def test_emotion_refused_with_2013_is_retried_once_without_and_remembered(
        engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    fake_minimax.emotion_rejected_models = {"speech-02-hd"}
    result = await engine.synthesize(line(emotion="happy", model="speech-02-hd"))
    calls = fake_minimax.calls(T2A)
    assert [c.json["voice_setting"].get("emotion") for c in calls] == ["happy", None]
    assert result.extra["emotion_dropped"] is True
    assert engine.prepare(line(emotion="happy", model="speech-02-hd")).emotion is None
    await engine.synthesize(line(emotion="sad", model="speech-02-hd"))
    assert len(fake_minimax.calls(T2A)) == 3
    assert "emotion" not in fake_minimax.calls(T2A)[-1].json["voice_setting"]
    assert engine.prepare(line(emotion="happy")).emotion == "happy"  # other models unaffected


async def test_empty_audio_with_status_zero_is_an_error(engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    fake_minimax.inject("empty_audio", 6)
    with pytest.raises(MalformedResponseError, match="no audio"):
        await engine.synthesize(line())
    assert len(fake_minimax.calls(T2A)) == 6


async def test_malformed_json_and_a_cut_answer_are_retried(engine: MiniMaxEngine,
                                                           fake_minimax: FakeMiniMax) -> None:
    fake_minimax.inject("malformed")
    fake_minimax.inject("cut")
    result = await engine.synthesize(line())
    assert result.audio
    assert len(fake_minimax.calls(T2A)) == 3


async def test_wrong_key_gives_one_clear_error_with_region_hint(make_engine: Callable[..., MiniMaxEngine],
                                                                fake_minimax: FakeMiniMax) -> None:
    engine = make_engine(api_key="sk-wrong-0000")
    with pytest.raises(AuthError) as info:
        await engine.synthesize(line())
    message = str(info.value)
    assert "1004" in message and "api.minimax.io" in message and "api.minimaxi.com" in message
    assert "trace id" in message
    assert len(fake_minimax.calls(T2A)) == 1  # not retried


async def test_wrong_key_2049_on_a_real_region_host_names_the_other_host() -> None:
    from studio.engines.minimax.errors import error_for_code
    err = error_for_code(2049, "invalid api key", host="https://api.minimax.io", trace_id="t1")
    assert isinstance(err, AuthError)
    assert "https://api.minimaxi.com" in str(err) and "t1" in str(err)
    err = error_for_code(1004, "", host="https://api.minimaxi.com")
    assert "https://api.minimax.io" in str(err)


async def test_flagged_content_names_the_line(engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    with pytest.raises(ContentFlaggedError) as info:
        await engine.synthesize(line("这句话 FLAGGED 了", extra=(("label", "EP2 line 14"),)))
    assert "EP2 line 14" in str(info.value) and "1026" in str(info.value)
    assert info.value.trace_id


async def test_streaming_preview_delivers_audio_before_the_stream_ends(engine: MiniMaxEngine,
                                                                       fake_minimax: FakeMiniMax) -> None:
    fake_minimax.chunk_delay = 0.15
    fake_minimax.stream_chunks = 5
    times: list[float] = []
    audio = bytearray()
    async for chunk in engine.stream_speech(line("这是一个预览，用来试听角色的声音。")):
        times.append(time.monotonic())
        audio.extend(chunk)
    assert len(times) == 5
    assert times[0] < times[-1] - 0.4
    body = fake_minimax.calls(T2A)[-1].json
    assert body["stream"] is True and body["stream_options"] == {"exclude_aggregated_audio": True}
    assert body["audio_setting"]["format"] == "mp3"  # wav is not allowed when streaming
    data, _ = soundfile.read(io.BytesIO(bytes(audio)))
    assert len(data) > 0


async def test_streaming_skips_the_aggregated_final_chunk_and_tolerates_done(
        engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    fake_minimax.always_aggregate = True
    fake_minimax.send_done = True
    fake_minimax.chunk_delay = 0.0
    streamed = b"".join([c async for c in engine.stream_speech(line(audio_format="mp3", sample_rate=32000))])
    full = await engine.synthesize(line(audio_format="mp3", sample_rate=32000))
    assert streamed == full.audio


async def test_streaming_error_as_plain_json_body_is_raised(make_engine: Callable[..., MiniMaxEngine]) -> None:
    engine = make_engine(api_key="sk-wrong-0000")
    with pytest.raises(AuthError):
        async for _ in engine.stream_speech(line()):
            pass


async def test_stream_cut_before_any_audio_is_retried(engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    fake_minimax.chunk_delay = 0.0
    fake_minimax.inject("http", status=503)
    chunks = [c async for c in engine.stream_speech(line())]
    assert chunks and len(fake_minimax.calls(T2A)) == 2


async def test_batch_of_40_with_1002s_and_500s_renders_everything_within_the_rate(
        make_engine: Callable[..., MiniMaxEngine], fake_minimax: FakeMiniMax,
        caplog: pytest.LogCaptureFixture) -> None:
    window, rpm = 2.0, 20
    fake_minimax.latency = 0.02
    fake_minimax.set_rpm_limit(rpm, window=window)
    fake_minimax.inject("code", 3, code=1002, path=T2A)
    fake_minimax.inject("http", 2, status=500, path=T2A)
    engine = make_engine(limits=RateLimits({"speech": EndpointLimit(rpm, 20_000, window=window)}))
    caplog.set_level(logging.INFO, logger="studio.engines.minimax")
    gate = asyncio.Semaphore(engine.max_concurrency)

    async def job(i: int) -> bytes:
        async with gate:
            result = await engine.synthesize(line(f"第{i}句台词，测试批量渲染。", extra=(("label", f"L{i}"),)))
            return result.audio

    results = await asyncio.gather(*(job(i) for i in range(40)))
    assert all(results)
    calls = fake_minimax.calls(T2A)
    assert len(calls) == 45  # 40 lines + 5 retried failures
    assert sum(1 for c in calls if c.code == 1002) == 3  # only the injected ones: the RPM guard never fired
    assert fake_minimax.max_in_window(T2A, window) <= rpm
    retries = [r for r in caplog.records if "retry" in r.getMessage()]
    assert len(retries) == 5
    assert any("slowing down" in r.getMessage() for r in caplog.records)
    texts = sorted(c.json["text"] for c in calls if c.code == 0)
    assert len(texts) == 40 and len(set(texts)) == 40


async def test_limiter_is_shared_by_engines_on_one_account(make_engine: Callable[..., MiniMaxEngine],
                                                           fake_minimax: FakeMiniMax) -> None:
    limits = RateLimits({"speech": EndpointLimit(5, window=1.0)})
    first, second = make_engine(limits=limits), make_engine(limits=limits)
    assert first.limits is second.limits
    await asyncio.gather(*(eng.synthesize(line(f"句子{i}")) for i in range(6) for eng in (first, second)))
    assert fake_minimax.max_in_window(T2A, 1.0) <= 5


async def test_voices_maps_system_and_tolerates_null_lists(engine: MiniMaxEngine,
                                                           fake_minimax: FakeMiniMax) -> None:
    voices = {v.voice_id: v for v in await engine.voices()}
    assert voices["female-shaonv"].gender == "female" and voices["female-shaonv"].age == "young"
    assert voices["male-qn-qingse"].gender == "male"
    assert voices["clever_boy"].age == "child"
    assert voices["English_CalmWoman"].gender == "female" and voices["English_CalmWoman"].languages == ("en",)
    assert voices["English_expressive_narrator"].narrator is True
    assert voices["Chinese (Mandarin)_Humorous_Elder"].age == "old"
    assert all(v.kind == "system" and v.engine == "minimax" for v in voices.values())
    assert fake_minimax.calls("/v1/get_voice")[-1].json == {"voice_type": "all"}
