"""The voice library's verbs against the fake MiniMax server: list, preview, clone, design, blend, delete.

Every request the fake receives is recorded, so "nothing was sent" is checked on the server's side.
"""
# ruff: noqa: F811  (the fake_minimax fixture is imported, then named by the tests that use it)

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile

from studio.actions import ActionError
from studio.actions import voices as actions
from studio.domain.render_key import SpeechRequest
from studio.engines.minimax.client import RetryPolicy
from studio.engines.minimax.engine import MiniMaxEngine
from studio.engines.minimax.ratelimit import RateLimits
from studio.library import CONSENT_STATEMENT, PreviewCache, VoiceLibrary
from tests.fake_minimax.fixture import fake_minimax  # noqa: F401
from tests.fake_minimax.server import FakeMiniMax

T2A = "/v1/t2a_v2"
UPLOAD = "/v1/files/upload"
CLONE = "/v1/voice_clone"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("MINIMAX_API_KEY", "MINIMAX_API_HOST", "MINIMAX_GROUP_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TROUPE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TROUPE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("studio.engines.minimax.config._keyring_get", lambda: None)


@pytest.fixture
async def engine(fake_minimax: FakeMiniMax) -> AsyncIterator[MiniMaxEngine]:
    eng = MiniMaxEngine(api_key=fake_minimax.api_key, host=fake_minimax.url, limits=RateLimits(window=60.0),
                        retry=RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02))
    yield eng
    await eng.aclose()


@pytest.fixture
def library(tmp_path: Path) -> VoiceLibrary:
    return VoiceLibrary(tmp_path / "data" / "voices")


@pytest.fixture
def cache(library: VoiceLibrary) -> PreviewCache:
    return PreviewCache(library.folder / "previews")


def speech(path: Path, seconds: float, rate: int = 16000, fmt: str = "WAV") -> Path:
    """A voice-like clip: a 150 Hz harmonic tone with a slow wobble, written with numpy."""
    t = np.arange(int(seconds * rate)) / rate
    f0 = 150 + 10 * np.sin(2 * np.pi * 0.5 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    wave = sum((0.3 / k) * np.sin(k * phase) for k in range(1, 8))
    soundfile.write(str(path), wave.astype(np.float32), rate, format=fmt)
    return path


def request_for(clip: Path, **kw: object) -> actions.CloneRequest:
    kw.setdefault("consent", True)
    return actions.CloneRequest(audio=clip, name=str(kw.pop("name", "Lin Xiaoyu")), **kw)  # type: ignore[arg-type]


# --- list and filter ------------------------------------------------------------------------------------

async def test_list_then_filter(engine: MiniMaxEngine, library: VoiceLibrary, fake_minimax: FakeMiniMax) -> None:
    assert library.problem("minimax") is not None  # never listed yet
    problems = await actions.refresh(library, ["minimax"], engines=lambda name: engine)
    assert problems == {"minimax": None} and library.problem("minimax") is None
    listed = {v.voice_id for v in library.voices("minimax")}
    assert {"female-shaonv", "English_CalmWoman", "audiobook_male_1"} <= listed
    assert {v.voice_id for v in library.voices("kokoro")} >= {"female_lead", "narrator", "jf_alpha"}
    female_zh = library.filter(engine="minimax", gender="female", language="zh")
    assert "female-shaonv" in {v.voice_id for v in female_zh}
    assert all(v.gender == "female" and "zh" in v.languages for v in female_zh)
    assert [v.voice_id for v in library.filter(search="calm woman", engine="minimax")] == ["English_CalmWoman"]
    assert {v.kind for v in library.filter(kind="preset")} == {"preset"}
    assert {v.engine for v in library.filter(kind="preset")} == {"kokoro", "espeak"}
    narrators = library.filter(style="narrator", engine="minimax")
    assert narrators and all(v.narrator for v in narrators)
    assert "English_expressive_narrator" in {v.voice_id for v in narrators}
    assert len(fake_minimax.calls("/v1/get_voice")) == 1


# --- previews -------------------------------------------------------------------------------------------

async def test_a_second_preview_makes_no_request(engine: MiniMaxEngine, library: VoiceLibrary,
                                                 cache: PreviewCache, fake_minimax: FakeMiniMax) -> None:
    first = await actions.preview(engine, "female-shaonv", cache=cache, library=library)
    assert not first.cached and first.path.is_file() and first.duration_ms > 0
    assert len(fake_minimax.calls(T2A)) == 1
    assert fake_minimax.calls(T2A)[0].json["text"] == actions.sample_text("zh")
    again = await actions.preview(engine, "female-shaonv", cache=cache, library=library)
    assert again.cached and again.path == first.path and len(fake_minimax.calls(T2A)) == 1
    other = await actions.preview(engine, "female-shaonv", "别的句子。", cache=cache)
    assert not other.cached and len(fake_minimax.calls(T2A)) == 2


async def test_a_streamed_preview_plays_blocks_then_is_cached(engine: MiniMaxEngine, library: VoiceLibrary,
                                                              cache: PreviewCache, fake_minimax: FakeMiniMax) -> None:
    fake_minimax.stream_chunks = 6
    stream = actions.stream_preview(engine, "English_CalmWoman", language="en", cache=cache)
    assert not stream.cached and stream.sample_rate == actions.PREVIEW_RATE
    blocks = [b async for b in stream]
    call = fake_minimax.calls(T2A)[-1].json
    assert call["stream"] is True and call["audio_setting"]["format"] == "pcm"
    assert call["text"] == actions.sample_text("en")
    assert len(blocks) >= 5 and all(b.dtype == np.float32 for b in blocks)
    assert stream.audio is not None and stream.audio.path.is_file()
    again = actions.stream_preview(engine, "English_CalmWoman", language="en", cache=cache)
    replay = np.concatenate([b async for b in again])
    assert again.cached and len(fake_minimax.calls(T2A)) == 1
    assert abs(len(replay) - sum(len(b) for b in blocks)) <= 1
    plain = await actions.preview(engine, "English_CalmWoman", language="en", cache=cache)
    assert plain.cached and len(fake_minimax.calls(T2A)) == 1  # the stream's file serves the plain preview too


async def test_preview_refuses_an_empty_text_before_asking(engine: MiniMaxEngine, cache: PreviewCache,
                                                           fake_minimax: FakeMiniMax) -> None:
    with pytest.raises(ActionError, match="preview text is empty"):
        await actions.preview(engine, "female-shaonv", "  ", cache=cache)
    assert fake_minimax.requests == []


# --- cloning --------------------------------------------------------------------------------------------

async def test_clone_with_consent_keeps_the_voice_and_renders_with_its_id(
        engine: MiniMaxEngine, library: VoiceLibrary, cache: PreviewCache, fake_minimax: FakeMiniMax,
        tmp_path: Path) -> None:
    clip = speech(tmp_path / "lin.wav", 20.0)
    before = time.time()
    outcome = await actions.clone(engine, library, request_for(clip, voice_id="LinXiaoyu2026",
                                                                preview_text="今天的风好大。", gender="female"),
                                  cache=cache)
    voice = library.get("LinXiaoyu2026", "minimax")
    assert voice is not None and voice == outcome.voice and voice.kind == "cloned"
    assert voice.days_left() == 7 and voice.expires_at is not None
    assert before + 7 * 86400 - 5 < voice.expires_at <= time.time() + 7 * 86400
    assert voice.consent is not None and voice.consent.statement == CONSENT_STATEMENT
    assert before - 1 <= voice.consent.given_at <= time.time()
    assert voice.source is not None and voice.source.file_name == "lin.wav" and 19.9 < voice.source.duration_s < 20.1
    assert [f.purpose for f in voice.uploaded_files] == ["voice_clone"]
    assert voice.uploaded_files[0].file_id in fake_minimax.files
    assert voice.sample_path and Path(voice.sample_path).is_file()
    assert fake_minimax.calls(CLONE)[-1].json["language_boost"] == "Chinese"
    # the demo is the preview of its text: hearing it again is free
    demo = await actions.preview(engine, "LinXiaoyu2026", "今天的风好大。", cache=cache, library=library)
    assert demo.cached and fake_minimax.calls(T2A) == []

    library.follow(engine)
    await engine.synthesize(SpeechRequest(engine="minimax", voice_id="LinXiaoyu2026", text="你好，我是新声音。"))
    assert fake_minimax.calls(T2A)[-1].json["voice_setting"]["voice_id"] == "LinXiaoyu2026"
    used = library.get("LinXiaoyu2026", "minimax")
    assert used is not None and used.days_left() is None and used.last_used_at is not None
    assert fake_minimax.cloned["LinXiaoyu2026"] is True


@pytest.mark.parametrize("make, code, phrase", [
    (lambda d: speech(d / "short.wav", 7.0), "clip-too-short", "is 7.0 s long; it must be 10 seconds"),
    (lambda d: speech(d / "long.wav", 360.0, rate=8000), "clip-too-long", "trim it to at most 5 minutes"),
    (lambda d: _big_file(d / "big.wav"), "clip-size", "MiniMax accepts at most 20 MB"),
    (lambda d: _text_file(d / "notes.mp3"), "clip-content", "not really mp3 audio (it holds text"),
])
async def test_bad_clips_each_have_a_sentence_and_send_nothing(
        engine: MiniMaxEngine, library: VoiceLibrary, fake_minimax: FakeMiniMax, tmp_path: Path,
        make: Callable[[Path], Path], code: str, phrase: str) -> None:
    clip = make(tmp_path)
    problems = actions.check_clone(request_for(clip))
    assert [p.code for p in problems] == [code] and phrase in problems[0].sentence
    with pytest.raises(actions.CloneRefused) as refused:
        await actions.clone(engine, library, request_for(clip))
    assert phrase in str(refused.value)
    assert fake_minimax.requests == [] and library.own_voices() == []


async def test_cloning_without_consent_is_refused_and_sends_nothing(
        engine: MiniMaxEngine, library: VoiceLibrary, fake_minimax: FakeMiniMax, tmp_path: Path) -> None:
    clip = speech(tmp_path / "ok.wav", 20.0)
    problems = actions.check_clone(request_for(clip, consent=False))
    assert [p.field for p in problems] == ["consent"] and CONSENT_STATEMENT in problems[0].sentence
    with pytest.raises(actions.CloneRefused, match="permission"):
        await actions.clone(engine, library, request_for(clip, consent=False))
    assert fake_minimax.requests == []


def test_every_problem_of_a_form_is_named(tmp_path: Path) -> None:
    problems = actions.check_clone(actions.CloneRequest(
        audio=speech(tmp_path / "s.wav", 4.0), name=" ", voice_id="bad id", prompt_audio=speech(tmp_path / "p.wav", 9.0),
        accuracy=0.8))
    fields = [p.field for p in problems]
    assert fields[:5] == ["name", "consent", "voice_id", "audio", "prompt_audio"]
    assert len({p.sentence for p in problems}) == len(problems)


async def test_trimming_a_long_clip_uploads_only_the_part(engine: MiniMaxEngine, library: VoiceLibrary,
                                                          fake_minimax: FakeMiniMax, tmp_path: Path) -> None:
    clip = speech(tmp_path / "long.wav", 360.0, rate=8000)
    bad = actions.check_clone(request_for(clip, trim_start=30.0, trim_end=36.0))
    assert [p.field for p in bad] == ["trim"] and "6.0 s long" in bad[0].sentence
    outcome = await actions.clone(engine, library, request_for(clip, trim_start=30.0, trim_end=90.0))
    upload = fake_minimax.files[outcome.voice.uploaded_files[0].file_id]
    assert 59.9 < upload["duration"] < 60.1
    assert outcome.voice.source is not None and outcome.voice.source.trim_end_s == 90.0
    assert list((library.folder / "uploads").glob("*")) == []  # the trimmed copy is not kept


async def test_the_transcript_check_is_sent_and_a_mismatch_is_a_sentence(
        engine: MiniMaxEngine, library: VoiceLibrary, fake_minimax: FakeMiniMax, tmp_path: Path) -> None:
    clip = speech(tmp_path / "ok.wav", 15.0)
    fake_minimax.asr_transcript = "今天的风好大，我们回家吧。"
    done = await actions.clone(engine, library, request_for(clip, transcript="今天的风好大，我们回家吧。",
                                                            accuracy=0.8, noise_reduction=True))
    body = fake_minimax.calls(CLONE)[-1].json
    assert body["text_validation"] == "今天的风好大，我们回家吧。" and body["accuracy"] == 0.8
    assert body["need_noise_reduction"] is True and body["need_volume_normalization"] is False
    assert done.voice.source is not None and done.voice.source.noise_reduction is True
    with pytest.raises(ActionError, match="could not match the clip to its transcript"):
        await actions.clone(engine, library, request_for(clip, transcript="完全是另一段话。", accuracy=0.9))
    assert len(library.own_voices()) == 1


# --- design and blend -----------------------------------------------------------------------------------

async def test_design_keeps_the_trial_and_the_prompt(engine: MiniMaxEngine, library: VoiceLibrary,
                                                     cache: PreviewCache, fake_minimax: FakeMiniMax) -> None:
    prompt = "低沉的中年男声，语速慢，适合悬疑旁白"
    outcome = await actions.design(engine, library, prompt, "夜深了，雨还在下。", name="悬疑旁白", cache=cache)
    voice = library.get(outcome.voice.voice_id, "minimax")
    assert voice is not None and voice.kind == "designed" and voice.prompt == prompt and voice.name == "悬疑旁白"
    assert voice.days_left() == 7 and voice.sample_path and Path(voice.sample_path).stat().st_size > 0
    assert outcome.trial is not None and outcome.trial.path.is_file()
    assert actions.check_design("", "x") == ["Describe the voice to design (the prompt is empty)."]
    with pytest.raises(ActionError, match="at most 500"):
        await actions.design(engine, library, prompt, "字" * 501)
    assert len(fake_minimax.calls("/v1/voice_design")) == 1


async def test_a_blend_is_saved_and_renders_as_timbre_weights(engine: MiniMaxEngine, library: VoiceLibrary,
                                                              fake_minimax: FakeMiniMax) -> None:
    await actions.refresh(library, ["minimax"], engines=lambda name: engine)
    parts = actions.parse_components(["female-shaonv:60", "male-qn-jingying:40"])
    voice = actions.blend(library, "Mixed lead", parts)
    assert voice.voice_id == "mix:female-shaonv*60+male-qn-jingying*40" and voice.kind == "blend"
    assert library.get(voice.voice_id, "minimax") == voice and voice.expires_at is None
    await engine.synthesize(SpeechRequest(engine="minimax", voice_id=voice.voice_id, text="你好。"))
    body = fake_minimax.calls(T2A)[-1].json
    assert body["timbre_weights"] == [{"voice_id": "female-shaonv", "weight": 60},
                                      {"voice_id": "male-qn-jingying", "weight": 40}]
    assert body["voice_setting"]["voice_id"] == "" and fake_minimax.calls(T2A)[-1].code == 0


def test_bad_blends_each_have_a_sentence(library: VoiceLibrary) -> None:
    assert "two to four" in actions.check_blend("minimax", [("female-shaonv", 60)])[0]
    assert "whole numbers" in actions.check_blend("minimax", [("female-shaonv", 0), ("male-qn-qingse", 40)])[0]
    assert "twice" in actions.check_blend("minimax", [("female-shaonv", 50), ("female-shaonv", 50)])[0]
    assert "cannot blend" in actions.check_blend("espeak", [("girl", 50), ("old_man", 50)])[0]
    assert "no voice 'nobody'" in actions.check_blend("kokoro", [("nobody", 50), ("jf_alpha", 50)])[0]
    with pytest.raises(ActionError, match="VOICE:WEIGHT"):
        actions.parse_components(["female-shaonv"])


def test_a_kokoro_blend_of_presets_flattens_into_base_voices(library: VoiceLibrary) -> None:
    from studio.engines.kokoro import parse_voice_spec

    voice = actions.blend(library, "Warm narrator", [("narrator", 50), ("jf_alpha", 50)], engine_name="kokoro")
    weights = dict(parse_voice_spec(voice.voice_id))
    assert weights == {"jm_kumo": 35.0, "jf_alpha": 65.0}
    assert library.get(voice.voice_id, "kokoro") == voice
    with pytest.raises(ActionError, match="already in the library"):
        actions.blend(library, "Again", [("narrator", 50), ("jf_alpha", 50)], engine_name="kokoro")


# --- offline --------------------------------------------------------------------------------------------

async def test_with_the_network_off_the_cached_list_and_preview_remain(
        engine: MiniMaxEngine, library: VoiceLibrary, cache: PreviewCache, fake_minimax: FakeMiniMax) -> None:
    await actions.refresh(library, ["minimax"], engines=lambda name: engine)
    heard = await actions.preview(engine, "female-yujie", cache=cache, library=library)
    fake_minimax.stop()  # network off
    calls = len(fake_minimax.requests)
    problem = (await actions.refresh(library, ["minimax"], engines=lambda name: engine))["minimax"]
    assert problem is not None and problem.startswith("MiniMax could not be reached (no connection)")
    assert "showing the list from" in problem and library.problem("minimax") == problem
    assert "female-yujie" in {v.voice_id for v in library.voices("minimax")}
    again = await actions.preview(engine, "female-yujie", cache=cache, library=library)
    assert again.cached and again.path == heard.path and again.path.read_bytes() == heard.path.read_bytes()
    assert len(fake_minimax.requests) == calls
    fresh = VoiceLibrary(library.folder)  # the next start, still offline
    assert "female-yujie" in {v.voice_id for v in fresh.voices("minimax")}
    assert fresh.fetched_at("minimax") == library.fetched_at("minimax")


async def test_no_key_is_a_sentence_and_the_cache_stays(library: VoiceLibrary) -> None:
    problems = await actions.refresh(library, ["minimax", "kokoro"])
    assert problems["minimax"] == "No MiniMax key: add one in Settings (or run `troupe login`)."
    assert problems["kokoro"] is None


# --- lifecycle ------------------------------------------------------------------------------------------

async def test_delete_removes_the_voice_and_its_uploaded_files(
        engine: MiniMaxEngine, library: VoiceLibrary, cache: PreviewCache, fake_minimax: FakeMiniMax,
        tmp_path: Path) -> None:
    clip = speech(tmp_path / "lin.wav", 20.0)
    prompt = speech(tmp_path / "prompt.wav", 4.0)
    made = await actions.clone(engine, library, request_for(clip, prompt_audio=prompt, prompt_text="你好，我是林。",
                                                            preview_text="你好。"), cache=cache)
    vid = made.voice.voice_id
    file_ids = [f.file_id for f in made.voice.uploaded_files]
    assert len(file_ids) == 2 and all(f in fake_minimax.files for f in file_ids)
    await actions.preview(engine, vid, "再说一句。", cache=cache, library=library)
    outcome = await actions.delete(engine, library, vid, cache=cache)
    assert vid not in fake_minimax.cloned
    assert all(f not in fake_minimax.files for f in file_ids) and sorted(fake_minimax.deleted_files) == sorted(file_ids)
    assert library.get(vid) is None and cache.forget_voice(vid) == 0
    assert made.voice.sample_path and not Path(made.voice.sample_path).exists()
    assert any("2 files" in s for s in outcome.sentences)
    with pytest.raises(ActionError, match="no voice"):
        await actions.delete(engine, library, vid)


async def test_delete_refuses_system_voices_and_keeps_the_entry_when_offline(
        engine: MiniMaxEngine, library: VoiceLibrary, fake_minimax: FakeMiniMax, tmp_path: Path) -> None:
    await actions.refresh(library, ["minimax"], engines=lambda name: engine)
    with pytest.raises(ActionError, match="only your clones, designs and blends"):
        await actions.delete(engine, library, "female-shaonv")
    made = await actions.clone(engine, library, request_for(speech(tmp_path / "a.wav", 12.0)))
    fake_minimax.stop()
    with pytest.raises(ActionError, match="could not be deleted"):
        await actions.delete(engine, library, made.voice.voice_id)
    assert library.get(made.voice.voice_id) is not None


async def test_activate_ends_the_expiry_and_warnings_come_before_it(
        engine: MiniMaxEngine, library: VoiceLibrary, fake_minimax: FakeMiniMax, tmp_path: Path) -> None:
    made = await actions.clone(engine, library, request_for(speech(tmp_path / "a.wav", 12.0), name="Heroine"))
    soon = made.voice.created_at + 6.5 * 86400  # type: ignore[operator]
    warnings = actions.expiry_warnings(library, now=soon)
    assert len(warnings) == 1 and "Heroine" in warnings[0] and "12 h" in warnings[0]
    assert actions.expiry_warnings(library, now=made.voice.created_at) == []
    voice = await actions.activate(engine, library, made.voice.voice_id)
    assert voice is not None and voice.expires_at is None and fake_minimax.cloned[made.voice.voice_id] is True
    assert actions.expiry_warnings(library, now=soon) == []


async def test_refresh_ends_the_expiry_of_voices_the_account_lists(
        engine: MiniMaxEngine, library: VoiceLibrary, fake_minimax: FakeMiniMax, tmp_path: Path) -> None:
    made = await actions.clone(engine, library, request_for(speech(tmp_path / "a.wav", 12.0)))
    fake_minimax.cloned[made.voice.voice_id] = True  # used elsewhere (another computer)
    fake_minimax.designed["ttv-voice-20260101-abcd1234"] = True  # made on the web console
    await actions.refresh(library, ["minimax"], engines=lambda name: engine)
    assert library.get(made.voice.voice_id).expires_at is None  # type: ignore[union-attr]
    outside = library.get("ttv-voice-20260101-abcd1234", "minimax")
    assert outside is not None and outside.kind == "designed" and outside.own


# --- closest offline preset -----------------------------------------------------------------------------

class ToneEngine:
    """Renders each preset as a harmonic tone of a known pitch (a stand-in for Kokoro)."""

    name = "kokoro"
    model = "tones-1"
    pitches = {"female_lead": 240.0, "male_lead": 100.0, "girl": 290.0, "child": 340.0, "old_man": 85.0,
               "old_woman": 190.0, "narrator": 115.0, "narrator_female": 210.0, "second_female": 225.0,
               "second_male": 130.0, "young_man": 145.0, "teen": 175.0}

    def __init__(self) -> None:
        self.calls = 0

    async def synthesize(self, request: SpeechRequest) -> object:
        import io
        from types import SimpleNamespace

        self.calls += 1
        rate = 16000
        t = np.arange(2 * rate) / rate
        f0 = self.pitches[request.voice_id]
        wave = sum((0.3 / k) * np.sin(2 * np.pi * f0 * k * t) for k in range(1, 8))
        buf = io.BytesIO()
        soundfile.write(buf, wave.astype(np.float32), rate, format="WAV")
        return SimpleNamespace(audio=buf.getvalue())

    async def aclose(self) -> None:
        pass


async def test_closest_preset_is_found_once_and_labelled_honestly(library: VoiceLibrary, tmp_path: Path) -> None:
    clip = speech(tmp_path / "man.wav", 6.0)  # about 150 Hz
    tones = ToneEngine()
    steps: list[tuple[int, int]] = []
    matches = await actions.closest_presets(clip, library, engine=tones,  # type: ignore[arg-type]
                                            progress=lambda done, total: steps.append((done, total)))
    assert steps[0] == (1, 12) and steps[-1] == (12, 12)
    assert matches[0].voice_id == "young_man" and matches[0].label == "closest offline match, not a clone"
    assert matches[0].score > matches[1].score > 0 and len(matches) == 3
    assert tones.calls == 12
    steps.clear()
    again = await actions.closest_presets(clip, library, engine=tones,  # type: ignore[arg-type]
                                          progress=lambda done, total: steps.append((done, total)))
    assert tones.calls == 12 and steps == [] and again == matches  # the measures are cached in the library
    silent = tmp_path / "silence.wav"
    soundfile.write(str(silent), np.zeros(16000 * 3, dtype=np.float32), 16000)
    with pytest.raises(ActionError, match="silent"):
        await actions.closest_presets(silent, library, engine=tones)  # type: ignore[arg-type]


# --- helpers --------------------------------------------------------------------------------------------

def _big_file(path: Path) -> Path:
    rate = 16000
    frames = (25 * 1024 * 1024) // 2
    with soundfile.SoundFile(str(path), "w", rate, 1, "PCM_16", format="WAV") as out:
        for _ in range(0, frames, rate * 60):
            out.write(np.zeros(min(rate * 60, frames), dtype=np.float32))
    assert path.stat().st_size > 25 * 1024 * 1024 - 100
    return path


def _text_file(path: Path) -> Path:
    path.write_text("Meeting notes: call Lin about the recording session on Friday.\n" * 40, encoding="utf-8")
    return path
