"""Voice cloning, design, listing and deletion against the fake; clip checks; voice id rules; 7-day rule."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile

from studio.engines.minimax import voices
from studio.engines.minimax.engine import MiniMaxEngine
from studio.engines.minimax.errors import (
    ClipError,
    InvalidParameterError,
    InvalidRequestError,
    InvalidVoiceIdError,
    VoiceError,
)
from tests.fake_minimax.server import FakeMiniMax

UPLOAD = "/v1/files/upload"
CLONE = "/v1/voice_clone"


def tone(path: Path, seconds: float, rate: int = 16000) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    soundfile.write(str(path), (0.1 * np.sin(2 * np.pi * 180 * t)).astype(np.float32), rate)
    return path


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return tone(tmp_path / "sample.wav", 12.0)


@pytest.fixture
def prompt_clip(tmp_path: Path) -> Path:
    return tone(tmp_path / "prompt.wav", 4.0)


# --- local clip checks --------------------------------------------------------------------------------

def test_a_good_clip_passes_and_is_measured(sample: Path) -> None:
    info = voices.check_clip(sample)
    assert info.format == "wav" and 11.9 < info.duration_s < 12.1


def test_m4a_is_measured_with_ffmpeg(tmp_path: Path, sample: Path) -> None:
    m4a = tmp_path / "sample.m4a"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(sample), "-c:a", "aac", str(m4a)], check=True)
    assert 11.5 < voices.check_clip(m4a).duration_s < 12.5


@pytest.mark.parametrize("name, seconds, prompt, phrase", [
    ("short.wav", 6.0, False, "10 seconds to 5 minutes"),
    ("long.wav", 301.0, False, "10 seconds to 5 minutes"),
    ("prompt.wav", 8.5, True, "shorter than 8 seconds"),
])
def test_clip_durations_are_checked(tmp_path: Path, name: str, seconds: float, prompt: bool, phrase: str) -> None:
    path = tone(tmp_path / name, seconds, rate=8000)
    with pytest.raises(ClipError, match=phrase):
        voices.check_clip(path, prompt=prompt)


def test_clip_format_size_and_existence_are_checked(tmp_path: Path) -> None:
    ogg = tmp_path / "clip.ogg"
    ogg.write_bytes(b"OggS")
    with pytest.raises(ClipError, match="not an mp3, m4a or wav"):
        voices.check_clip(ogg)
    big = tmp_path / "big.wav"
    big.write_bytes(b"\0" * (20 * 1024 * 1024 + 1))
    with pytest.raises(ClipError, match="at most 20 MB"):
        voices.check_clip(big)
    with pytest.raises(ClipError, match="does not exist"):
        voices.check_clip(tmp_path / "nope.wav")
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"not audio at all" * 10)
    with pytest.raises(ClipError, match="not really mp3 audio .it holds text"):
        voices.check_clip(junk)
    noise = tmp_path / "noise.wav"
    noise.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ClipError, match="not really wav audio .its content is not"):
        voices.check_clip(noise)


def test_a_clip_is_known_by_its_content_not_its_suffix(tmp_path: Path) -> None:
    misnamed = tmp_path / "take.mp3"
    tone(tmp_path / "take.wav", 12.0).rename(misnamed)  # really a wav file
    info = voices.check_clip(misnamed)
    assert info.format == "wav" and info.content_type == "audio/wav" and info.upload_name == "take.wav"
    assert voices.sniff_format(b"ID3\x04\x00") == "mp3"
    assert voices.sniff_format(b"\xff\xfb\x90\x00") == "mp3"
    assert voices.sniff_format(b"\xff\xf1\x50\x80") is None  # AAC ADTS, not mp3
    assert voices.sniff_format(b"\x00\x00\x00\x20ftypM4A ") == "m4a"


# --- voice ids ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("voice_id, ok", [
    ("MiniMax001", True), ("Lin_2026-a1", True), ("a1234567", True),
    ("1abcdefgh", False), ("abc123", False), ("abcdefgh", False), ("Lin_2026_", False), ("Lin-2026-", False),
    ("Lin 2026 x", False), ("林2026abcd", False), ("a" * 255 + "1", True), ("a" * 256 + "1", False),
])
def test_voice_id_rules(voice_id: str, ok: bool) -> None:
    assert (voices.voice_id_problem(voice_id) is None) is ok
    if not ok:
        with pytest.raises(InvalidVoiceIdError):
            voices.validate_voice_id(voice_id)


@pytest.mark.parametrize("name", ["林小雨", "Narrator Lin", "2nd Officer", "", "a-_-b"])
def test_generated_voice_ids_always_follow_the_rules(name: str) -> None:
    vid = voices.generate_voice_id(name)
    assert voices.voice_id_problem(vid) is None
    assert vid != voices.generate_voice_id(name)


# --- the 7-day rule -------------------------------------------------------------------------------------

def test_seven_day_rule() -> None:
    assert voices.activation_deadline(1000.0) == 1000.0 + 7 * 24 * 3600.0


# --- cloning against the fake ---------------------------------------------------------------------------

async def test_clone_uploads_checks_and_returns_a_playable_preview(engine: MiniMaxEngine, fake_minimax: FakeMiniMax,
                                                                   sample: Path, prompt_clip: Path) -> None:
    result = await engine.clone(sample, name="Lin Xiaoyu", prompt_audio=prompt_clip,
                                prompt_text="你好，我是林小雨。", preview_text="今天的风好大。",
                                need_noise_reduction=True)
    uploads = fake_minimax.calls(UPLOAD)
    assert [u.form["purpose"] for u in uploads] == ["voice_clone", "prompt_audio"]
    assert uploads[0].headers["Content-Type"].startswith("multipart/form-data; boundary=")
    body = fake_minimax.calls(CLONE)[-1].json
    assert body["voice_id"] == result.voice_id and voices.voice_id_problem(result.voice_id) is None
    assert body["voice_id"].startswith("Lin_Xiaoyu_")
    assert body["clone_prompt"] == {"prompt_audio": result.prompt_file_id, "prompt_text": "你好，我是林小雨。"}
    assert body["need_noise_reduction"] is True and body["need_volume_normalization"] is False
    assert body["text"] == "今天的风好大。" and body["model"] == "speech-2.8-hd"
    assert isinstance(body["file_id"], int)
    data, _ = soundfile.read(io.BytesIO(result.demo_audio or b""))
    assert len(data) > 0
    assert result.created_at > 0 and result.billed_chars == len("今天的风好大。")
    assert result.uploaded_files == ((result.file_id, "voice_clone"), (result.prompt_file_id, "prompt_audio"))
    demo_get = [r for r in fake_minimax.requests if r.path.startswith("/files/demo/")]
    assert len(demo_get) == 1


async def test_clone_with_hex_preview_and_chosen_id(engine: MiniMaxEngine, fake_minimax: FakeMiniMax,
                                                    sample: Path) -> None:
    fake_minimax.clone_demo_as = "hex"
    result = await engine.clone(sample, name="x", voice_id="Hero2026A", preview_text="Hi there.")
    assert result.voice_id == "Hero2026A"
    data, _ = soundfile.read(io.BytesIO(result.demo_audio or b""))
    assert len(data) > 0
    with pytest.raises(VoiceError) as info:
        await engine.clone(sample, name="x", voice_id="Hero2026A")
    assert info.value.code == 2039 and "already taken" in str(info.value)


async def test_bad_clips_and_ids_cost_no_request(engine: MiniMaxEngine, fake_minimax: FakeMiniMax,
                                                 tmp_path: Path, sample: Path) -> None:
    with pytest.raises(ClipError):
        await engine.clone(tone(tmp_path / "short.wav", 5.0), name="x")
    with pytest.raises(InvalidVoiceIdError):
        await engine.clone(sample, name="x", voice_id="bad id")
    with pytest.raises(InvalidRequestError, match="transcript"):
        await engine.clone(sample, name="x", prompt_audio=sample)
    assert fake_minimax.requests == []


async def test_fake_refuses_short_samples_long_prompts_and_bad_ids(engine: MiniMaxEngine,
                                                                   fake_minimax: FakeMiniMax,
                                                                   tmp_path: Path, sample: Path) -> None:
    short = voices.ClipInfo(tone(tmp_path / "s.wav", 5.0), "wav", 5.0, 1)
    long_prompt = voices.ClipInfo(tone(tmp_path / "p.wav", 9.0), "wav", 9.0, 1)
    good = voices.check_clip(sample)
    transport = engine.transport
    short_id = await voices.upload_file(transport, short, "voice_clone")
    with pytest.raises(VoiceError) as info:
        await transport.post_json(CLONE, {"file_id": short_id, "voice_id": "Short2026a"})
    assert info.value.code == 2037
    good_id = await voices.upload_file(transport, good, "voice_clone")
    prompt_id = await voices.upload_file(transport, long_prompt, "prompt_audio")
    with pytest.raises(VoiceError) as info:
        await transport.post_json(CLONE, {"file_id": good_id, "voice_id": "Long2026a",
                                          "clone_prompt": {"prompt_audio": prompt_id, "prompt_text": "好。"}})
    assert info.value.code == 2048
    with pytest.raises(InvalidParameterError) as perr:
        await transport.post_json(CLONE, {"file_id": good_id, "voice_id": "nodigits"})
    assert perr.value.parameter == "voice_id"


async def test_activation_makes_a_clone_listed_and_uses_t2a(engine: MiniMaxEngine, fake_minimax: FakeMiniMax,
                                                            sample: Path) -> None:
    result = await engine.clone(sample, name="Lin")
    assert result.voice_id not in {v.voice_id for v in await engine.voices()}  # listed only after first use
    used: list[str] = []
    engine.voice_used.append(used.append)
    speech = await engine.activate(result.voice_id)
    assert used == [result.voice_id]
    assert speech.audio and fake_minimax.calls("/v1/t2a_v2")[-1].json["voice_setting"]["voice_id"] == result.voice_id
    listed = {v.voice_id: v for v in await engine.voices()}
    assert listed[result.voice_id].kind == "cloned" and listed[result.voice_id].created == "2026-01-02"


async def test_design_returns_id_and_trial_audio(engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    result = await engine.design("低沉的中年男声，语速慢，适合悬疑旁白", preview_text="夜深了，雨还在下。")
    assert result.voice_id.startswith("ttv-voice-")
    data, _ = soundfile.read(io.BytesIO(result.audio))
    assert len(data) > 0
    assert fake_minimax.calls("/v1/voice_design")[-1].json == {
        "prompt": "低沉的中年男声，语速慢，适合悬疑旁白", "preview_text": "夜深了，雨还在下。"}
    with pytest.raises(InvalidRequestError, match="500"):
        await engine.design("x", preview_text="字" * 501)
    assert len(fake_minimax.calls("/v1/voice_design")) == 1


async def test_delete_voice(engine: MiniMaxEngine, fake_minimax: FakeMiniMax) -> None:
    designed = await engine.design("bright young woman", preview_text="Hello!")
    await engine.delete_voice(designed.voice_id, "voice_generation")
    assert designed.voice_id not in fake_minimax.designed
    with pytest.raises(InvalidParameterError):
        await engine.delete_voice(designed.voice_id, "voice_generation")
