"""Tests for the espeak-ng draft engine, the shared role presets and the engine registry.

Everything here runs the real libespeak-ng and checks properties of the audio it returns.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import types

import numpy as np
import pytest
from signal_checks import decode, median_f0, rms

from studio.engines.espeak import SAMPLE_RATE, EspeakEngine
from studio.engines.offline_presets import PRESET_IDS, split_scripts, split_sentences
from studio.engines.registry import available_engines, create_engine
from studio.engines.speech import EngineError, SpeechEngine, SpeechRequest

ZH_LINE = "你到底想怎么样？我们明天再说吧。"
EN_LINE = "Where were you last night? Tell me the truth."


def say(engine: EspeakEngine, text: str, language: str = "zh", voice: str = "female_lead",
        **delivery: float) -> tuple[np.ndarray, int, object]:
    req = SpeechRequest(engine="espeak", voice_id=voice, text=text, language=language, **delivery)
    result = asyncio.run(engine.synthesize(req))
    x, sr = decode(result.audio)
    return x, sr, result


@pytest.fixture(scope="module")
def engine() -> EspeakEngine:
    return EspeakEngine()


def test_engine_satisfies_protocol(engine: EspeakEngine) -> None:
    assert isinstance(engine, SpeechEngine)
    assert engine.name == "espeak"
    assert engine.model.startswith("espeak-ng-1.52")
    assert engine.max_concurrency == 1


def test_zh_line_is_audible_and_plausibly_long(engine: EspeakEngine) -> None:
    x, sr, result = say(engine, ZH_LINE)
    assert sr == SAMPLE_RATE == result.sample_rate == 22050
    assert result.format == "wav" and result.engine == "espeak" and result.voice_id == "female_lead"
    assert result.duration_ms == round(len(x) * 1000 / sr)
    assert 1.5 <= len(x) / sr <= 8.0  # 14 syllables
    assert rms(x) > 0.02
    assert np.max(np.abs(x)) < 0.999  # amplitude kept below clipping


def test_en_line_is_audible_and_plausibly_long(engine: EspeakEngine) -> None:
    x, sr, _ = say(engine, EN_LINE, language="en", voice="male_lead")
    assert 1.2 <= len(x) / sr <= 6.0
    assert rms(x) > 0.02


def test_latin_words_in_a_chinese_line_are_spoken(engine: EspeakEngine) -> None:
    with_word, sr, _ = say(engine, "我们在Starbucks见面。")
    without, _, _ = say(engine, "我们在见面。")
    assert len(with_word) / sr > len(without) / sr + 0.3


def test_presets_sound_different(engine: EspeakEngine) -> None:
    female, sr, _ = say(engine, ZH_LINE, voice="female_lead")
    male, _, _ = say(engine, ZH_LINE, voice="male_lead")
    assert median_f0(male, sr) < 0.8 * median_f0(female, sr)


def test_every_preset_speaks(engine: EspeakEngine) -> None:
    for pid in PRESET_IDS:
        x, _, _ = say(engine, "好的。", voice=pid)
        assert rms(x) > 0.01, pid


def test_speed_pitch_and_volume(engine: EspeakEngine) -> None:
    base, sr, _ = say(engine, EN_LINE, language="en")
    fast, _, _ = say(engine, EN_LINE, language="en", speed=2.0)
    quiet, _, _ = say(engine, EN_LINE, language="en", volume=0.5)
    high, _, _ = say(engine, EN_LINE, language="en", pitch=6)
    assert len(fast) < 0.7 * len(base)
    assert rms(quiet) == pytest.approx(rms(base) / 2, rel=0.05)
    assert median_f0(high, sr) > 1.1 * median_f0(base, sr)


def test_punctuation_only_is_a_pause_and_empty_is_an_error(engine: EspeakEngine) -> None:
    x, sr, result = say(engine, "……")
    assert result.duration_ms == 500 and rms(x) == 0.0
    with pytest.raises(EngineError, match="empty"):
        say(engine, "   ")


def test_han_inside_an_english_line_goes_to_the_mandarin_voice() -> None:
    assert EspeakEngine._segments("I love 北京 in 2024.", "en") == [
        ("en", "I love "), ("zh", "北京 "), ("en", "in 2024.")]


def test_prepare_drops_what_espeak_cannot_do(engine: EspeakEngine) -> None:
    req = SpeechRequest(engine="espeak", voice_id="narrator", text="好", emotion="happy",
                        pronunciation=("好/(hao3)", "read/(riːd)"), speed=5.0, sample_rate=48000, audio_format="mp3")
    prepared = engine.prepare(req)
    assert prepared.emotion is None
    assert prepared.pronunciation == ("好/(hao3)",)  # the lexicon's pinyin is read; IPA is not
    assert prepared.speed == 2.0 and prepared.sample_rate == 22050 and prepared.audio_format == "wav"
    assert prepared.model == engine.model
    assert prepared.render_key != req.render_key


def test_unknown_voice_names_the_valid_ones(engine: EspeakEngine) -> None:
    with pytest.raises(EngineError) as info:
        engine.prepare(SpeechRequest(engine="espeak", voice_id="robot", text="hi"))
    assert "robot" in str(info.value) and "female_lead" in str(info.value) and "old_man" in str(info.value)


def test_voices_list_the_shared_presets(engine: EspeakEngine) -> None:
    voices = asyncio.run(engine.voices())
    assert [v.voice_id for v in voices] == list(PRESET_IDS)
    by_id = {v.voice_id: v for v in voices}
    assert by_id["narrator"].narrator and not by_id["female_lead"].narrator
    assert by_id["old_man"].gender == "male" and by_id["old_man"].age == "old"
    assert "旁白" in by_id["narrator"].description and "Narrator" in by_id["narrator"].description


def test_worker_threads_are_serialized(engine: EspeakEngine) -> None:
    zh = engine.prepare(SpeechRequest(engine="espeak", voice_id="girl", text=ZH_LINE))
    en = engine.prepare(SpeechRequest(engine="espeak", voice_id="old_man", text=EN_LINE, language="en"))
    expected = {zh: engine.synthesize_sync(zh).duration_ms, en: engine.synthesize_sync(en).duration_ms}
    assert abs(expected[zh] - expected[en]) > 300  # distinguishable if samples got mixed up
    results: list[tuple[SpeechRequest, int, float]] = []
    errors: list[BaseException] = []

    def work(req: SpeechRequest) -> None:
        try:
            for _ in range(3):
                result = engine.synthesize_sync(req)
                results.append((req, result.duration_ms, rms(decode(result.audio)[0])))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(req,)) for req in (zh, en, zh, en)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 12
    for req, duration_ms, level in results:
        assert duration_ms == pytest.approx(expected[req], rel=0.03)
        assert level > 0.02


def test_text_splitting() -> None:
    assert split_sentences("你好。“行。” Hello there. It costs 3.5 dollars!") == [
        "你好。", "“行。”", "Hello there.", "It costs 3.5 dollars!"]
    assert split_scripts("在Starbucks见面，New York") == [
        ("han", "在"), ("latin", "Starbucks"), ("han", "见面"), ("other", "，"), ("latin", "New York")]


def test_registry_builds_offline_engines() -> None:
    assert {"kokoro", "espeak"} <= set(available_engines())
    assert isinstance(create_engine("espeak"), EspeakEngine)
    assert create_engine("Kokoro").name == "kokoro"
    with pytest.raises(EngineError, match="no speech engine called"):
        create_engine("festival")


def test_registry_loads_minimax_lazily_with_its_options(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeMiniMax:
        name = "minimax"

        def __init__(self, **options: object) -> None:
            self.options = options

    fake = types.ModuleType("studio.engines.minimax.engine")
    fake.MiniMaxEngine = FakeMiniMax  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "studio.engines.minimax.engine", fake)
    engine = create_engine("minimax", model="speech-2.8-hd")
    assert isinstance(engine, FakeMiniMax) and engine.options == {"model": "speech-2.8-hd"}


def test_registry_reports_a_missing_minimax_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "studio.engines.minimax.engine", None)  # import now fails
    with pytest.raises(EngineError, match="^MiniMax engine is not available: "):
        create_engine("minimax")


def _bands(x: np.ndarray, sr: int) -> tuple[float, float]:
    """Energy below 250 Hz and above 4 kHz, each relative to 300–3400 Hz, in dB."""
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / sr)
    ref = power[(freqs >= 300) & (freqs <= 3400)].sum()
    return (float(10 * np.log10(power[freqs < 250].sum() / ref)),
            float(10 * np.log10(power[freqs > 4000].sum() / ref)))


def test_voice_effect_is_kept_through_prepare_and_is_in_the_take(engine: EspeakEngine) -> None:
    plain = SpeechRequest(engine="espeak", voice_id="male_lead", text=ZH_LINE)
    phone = SpeechRequest(engine="espeak", voice_id="male_lead", text=ZH_LINE, extra=(("effect", "telephone"),))
    assert engine.prepare(phone).extra == (("effect", "telephone"),)
    assert engine.prepare(phone).render_key != engine.prepare(plain).render_key
    x, sr = decode(asyncio.run(engine.synthesize(plain)).audio)
    result = asyncio.run(engine.synthesize(phone))
    y, _ = decode(result.audio)
    assert len(y) == pytest.approx(len(x), abs=0.01 * sr)  # espeak's own length varies by a few samples
    assert result.duration_ms == round(len(y) * 1000 / sr)
    low_x, high_x = _bands(x, sr)
    low_y, high_y = _bands(y, sr)
    assert low_y < low_x - 20 and high_y < high_x - 20
    assert 0.5 < rms(y) / rms(x) < 2.0 and np.max(np.abs(y)) < 0.999


def test_echo_and_hall_lengthen_the_take_by_their_tails(engine: EspeakEngine) -> None:
    lengths = {}
    for effect in (None, "echo", "hall", "robot"):
        extra = (("effect", effect),) if effect else ()
        result = asyncio.run(engine.synthesize(
            SpeechRequest(engine="espeak", voice_id="narrator", text="好的。", extra=extra)))
        x, sr = decode(result.audio)
        assert result.duration_ms == round(len(x) * 1000 / sr)
        lengths[effect] = len(x) / sr
    assert lengths["echo"] > lengths[None] + 0.7 and lengths["hall"] > lengths[None] + 0.9
    assert lengths["robot"] == lengths[None]


def test_an_unknown_voice_effect_is_refused_by_prepare(engine: EspeakEngine) -> None:
    with pytest.raises(EngineError, match="no voice effect “megaphone”.*telephone"):
        engine.prepare(SpeechRequest(engine="espeak", voice_id="narrator", text="好", extra=(("effect", "megaphone"),)))
