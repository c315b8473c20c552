"""Blends sent as timbre_weights, pcm streams as sample blocks, the AI-content watermark, file deletion."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pytest
import soundfile

from studio.domain.render_key import SpeechRequest
from studio.engines.minimax import blend
from studio.engines.minimax.engine import MiniMaxEngine
from studio.engines.minimax.errors import InvalidRequestError
from studio.engines.minimax.streaming import PcmDecoder
from tests.fake_minimax.server import FakeMiniMax

T2A = "/v1/t2a_v2"
MIX = "mix:female-shaonv*60+male-qn-jingying*40"


def line(voice_id: str = "female-shaonv", text: str = "你好，今天天气不错。", **kw: object) -> SpeechRequest:
    return SpeechRequest(engine="minimax", voice_id=voice_id, text=text, **kw)  # type: ignore[arg-type]


# --- blends --------------------------------------------------------------------------------------------

def test_blend_spec_round_trips_and_keeps_odd_ids() -> None:
    parts = blend.parse_blend("mix: Chinese (Mandarin)_News_Anchor*30 + female-shaonv*70")
    assert parts == (blend.BlendPart("Chinese (Mandarin)_News_Anchor", 30), blend.BlendPart("female-shaonv", 70))
    assert blend.blend_spec(parts) == "mix:Chinese (Mandarin)_News_Anchor*30+female-shaonv*70"
    assert blend.timbre_weights(parts)[1] == {"voice_id": "female-shaonv", "weight": 70}


@pytest.mark.parametrize("spec, phrase", [
    ("mix:female-shaonv*60", "two to four voices"),
    ("mix:a1*10+b1*10+c1*10+d1*10+e1*10", "two to four voices"),
    ("mix:female-shaonv*0+male-qn-jingying*40", "whole numbers from 1 to 100"),
    ("mix:female-shaonv*101+male-qn-jingying*40", "whole numbers from 1 to 100"),
    ("mix:female-shaonv*0.6+male-qn-jingying*0.4", "whole numbers from 1 to 100"),
    ("mix:female-shaonv+male-qn-jingying*40", "has no weight"),
    ("mix:female-shaonv*50+female-shaonv*50", "twice"),
    ("mix:*50+female-shaonv*50", "has no id"),
])
def test_bad_blends_are_refused_in_prepare_with_a_sentence(engine: MiniMaxEngine, spec: str, phrase: str) -> None:
    with pytest.raises(InvalidRequestError, match=phrase):
        engine.prepare(line(spec))


async def test_a_blend_is_sent_as_timbre_weights_with_an_empty_voice_id(engine: MiniMaxEngine,
                                                                      fake_minimax: FakeMiniMax) -> None:
    prepared = engine.prepare(line("mix: female-shaonv*60 + male-qn-jingying*40"))
    assert prepared.voice_id == MIX  # the render key names the canonical spec
    result = await engine.synthesize(line(MIX))
    body = fake_minimax.calls(T2A)[-1].json
    assert body["timbre_weights"] == [{"voice_id": "female-shaonv", "weight": 60},
                                      {"voice_id": "male-qn-jingying", "weight": 40}]
    assert body["voice_setting"]["voice_id"] == ""
    assert fake_minimax.calls(T2A)[-1].code == 0 and result.voice_id == MIX


async def test_fake_refuses_a_blend_with_a_voice_id_or_bad_weights(engine: MiniMaxEngine,
                                                                   fake_minimax: FakeMiniMax) -> None:
    body = engine.request_body(engine.prepare(line(MIX)))
    body["voice_setting"]["voice_id"] = "female-shaonv"
    with pytest.raises(Exception, match="2013"):
        await engine.transport.post_json(T2A, body)
    body["voice_setting"]["voice_id"] = ""
    body["timbre_weights"][0]["weight"] = 0.6
    with pytest.raises(Exception, match="2013"):
        await engine.transport.post_json(T2A, body)


# --- pcm streams ----------------------------------------------------------------------------------------

def test_pcm_decoder_carries_a_split_sample_over() -> None:
    samples = np.array([1000, -2000, 3000], dtype="<i2").tobytes()
    decoder = PcmDecoder()
    first, second = decoder.feed(samples[:3]), decoder.feed(samples[3:])
    joined = np.concatenate([first, second]) * 32768
    assert joined.round().tolist() == [1000, -2000, 3000] and decoder.pending == 0


async def test_pcm_streams_as_float_blocks_at_the_requested_rate(make_engine: Callable[..., MiniMaxEngine],
                                                                 fake_minimax: FakeMiniMax) -> None:
    fake_minimax.stream_chunks = 5
    engine = make_engine()
    stream = engine.stream_samples(line(sample_rate=24000))
    blocks = [block async for block in stream]
    body = fake_minimax.calls(T2A)[-1].json
    assert body["stream"] is True and body["audio_setting"]["format"] == "pcm"
    assert body["audio_setting"]["sample_rate"] == 24000 and "aigc_watermark" not in body
    assert len(blocks) >= 4 and all(b.dtype == np.float32 for b in blocks)
    assert stream.sample_rate == 24000 and stream.finished
    total = sum(len(b) for b in blocks)
    data, rate = soundfile.read(io.BytesIO(stream.wav()))
    assert rate == 24000 and len(data) == total and abs(stream.duration_ms - total / 24) <= 1


async def test_a_stream_with_voice_modify_falls_back_to_one_block(engine: MiniMaxEngine,
                                                                  fake_minimax: FakeMiniMax) -> None:
    request = line(extra=(("voice_modify.pitch", "20"),))
    assert engine.stream_format(replace_format(request, "pcm")) == "mp3"
    blocks = [b async for b in engine.stream_samples(request)]
    body = fake_minimax.calls(T2A)[-1].json
    assert len(blocks) == 1 and body["stream"] is False and body["audio_setting"]["format"] == "wav"
    assert fake_minimax.calls(T2A)[-1].code == 0


def replace_format(request: SpeechRequest, fmt: str) -> SpeechRequest:
    from dataclasses import replace

    return replace(request, audio_format=fmt)


async def test_synthesize_in_pcm_hands_back_a_wav_file(engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    result = await engine.synthesize(line(audio_format="pcm", sample_rate=16000))
    assert fake_minimax.calls(T2A)[-1].json["audio_setting"]["format"] == "pcm"
    data, rate = soundfile.read(io.BytesIO(result.audio))
    assert result.format == "wav" and rate == 16000 and len(data) > 0


# --- watermark ------------------------------------------------------------------------------------------

async def test_watermark_only_on_non_streaming_requests_and_in_the_key(make_engine: Callable[..., MiniMaxEngine],
                                                                      fake_minimax: FakeMiniMax) -> None:
    plain, marked = make_engine(), make_engine(aigc_watermark=True)
    assert plain.prepare(line()).render_key != marked.prepare(line()).render_key
    await marked.synthesize(line())
    assert fake_minimax.calls(T2A)[-1].json["aigc_watermark"] is True
    _ = [c async for c in marked.stream_speech(line())]
    streamed = fake_minimax.calls(T2A)[-1]
    assert "aigc_watermark" not in streamed.json and streamed.code == 0
    await plain.synthesize(line())
    assert "aigc_watermark" not in fake_minimax.calls(T2A)[-1].json
    await marked.design("bright young woman", "Hello!")
    assert fake_minimax.calls("/v1/voice_design")[-1].json["aigc_watermark"] is True


def test_watermark_follows_the_settings(make_engine: Callable[..., MiniMaxEngine]) -> None:
    from studio.engines.minimax import config

    settings = {**config.load_settings(), "aigc_watermark": True}
    assert make_engine(settings=settings).aigc_watermark is True
    assert make_engine().aigc_watermark is False
    assert make_engine(settings=settings, aigc_watermark=False).aigc_watermark is False


# --- files ----------------------------------------------------------------------------------------------

async def test_uploaded_files_can_be_deleted(engine: MiniMaxEngine, fake_minimax: FakeMiniMax,
                                             tmp_path: object) -> None:
    from pathlib import Path

    clip = Path(str(tmp_path)) / "s.wav"
    t = np.arange(12 * 16000) / 16000
    soundfile.write(str(clip), (0.1 * np.sin(2 * np.pi * 180 * t)).astype(np.float32), 16000)
    result = await engine.clone(clip, name="Lin")
    assert result.file_id in fake_minimax.files
    await engine.delete_file(result.file_id, "voice_clone")
    assert result.file_id not in fake_minimax.files and fake_minimax.deleted_files == [result.file_id]
    assert fake_minimax.calls("/v1/files/delete")[-1].json == {"file_id": result.file_id, "purpose": "voice_clone"}


async def test_a_failed_clone_deletes_what_it_uploaded(engine: MiniMaxEngine, fake_minimax: FakeMiniMax,
                                                       tmp_path: object) -> None:
    from pathlib import Path

    clip = Path(str(tmp_path)) / "s.wav"
    soundfile.write(str(clip), np.full(12 * 16000, 0.01, dtype=np.float32), 16000)
    fake_minimax.asr_transcript = "完全不同的一句话"
    with pytest.raises(Exception, match="1043"):
        await engine.clone(clip, name="Lin", text_validation="今天的风好大。", accuracy=0.9)
    assert fake_minimax.files == {} and len(fake_minimax.deleted_files) == 1
    assert fake_minimax.calls("/v1/voice_clone")[-1].json["text_validation"] == "今天的风好大。"
