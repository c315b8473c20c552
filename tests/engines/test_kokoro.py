"""Tests for the embedded Kokoro engine, run against the real model (a few seconds in all).

The model loads once for the whole module; each synthesized line is cached so the checks share it.
"""

from __future__ import annotations

import asyncio
import functools
import time

import numpy as np
import pytest
from signal_checks import decode, median_f0, rms

from studio.engines import kokoro
from studio.engines.kokoro import MODEL_ID, KokoroEngine, _token_chunks, _yi_bu_sandhi, parse_voice_spec
from studio.engines.offline_presets import PRESET_IDS
from studio.engines.speech import EngineError, SpeechEngine, SpeechRequest, SpeechResult

ZH_LINE = "你到底想怎么样？我们明天再说吧。"
EN_LINE = "Where were you last night? Tell me the truth."
ENGINE = KokoroEngine()


@functools.cache
def say(text: str, language: str = "zh", voice: str = "female_lead", pitch: int = 0) -> tuple[np.ndarray, int]:
    req = SpeechRequest(engine="kokoro", voice_id=voice, text=text, language=language, pitch=pitch)
    result = ENGINE.synthesize_sync(ENGINE.prepare(req))
    x, sr = decode(result.audio)
    assert result.duration_ms == round(len(x) * 1000 / sr)
    return x, sr


def test_prepare_without_the_model() -> None:
    req = SpeechRequest(engine="kokoro", voice_id="jf_alpha:0.6+jm_kumo:0.4", text="好", emotion="angry",
                        pronunciation=("好/(hao3)", "read/(riːd)"), speed=0.1, pitch=30, sample_rate=44100, audio_format="mp3")
    prepared = ENGINE.prepare(req)
    assert prepared.model == MODEL_ID == ENGINE.model == "kokoro-82m-v1.0-int8"
    assert prepared.emotion is None
    assert prepared.pronunciation == ("好/(hao3)",)  # the lexicon's pinyin is read; IPA is not
    assert prepared.speed == 0.5 and prepared.pitch == 12
    assert prepared.sample_rate == 24000 and prepared.audio_format == "wav"
    assert isinstance(ENGINE, SpeechEngine) and ENGINE.max_concurrency == 1
    assert parse_voice_spec("jf_alpha:0.6+jm_kumo:0.4") == (("jf_alpha", 0.6), ("jm_kumo", 0.4))
    assert parse_voice_spec("jf_alpha+jm_kumo") == (("jf_alpha", 1.0), ("jm_kumo", 1.0))


@pytest.mark.parametrize("voice_id", ["hero", "jf_alpha:0", "zf_xiaobei", "jf_alpha:abc", ""])
def test_unknown_voice_is_a_clear_error(voice_id: str) -> None:
    with pytest.raises(EngineError) as info:
        ENGINE.prepare(SpeechRequest(engine="kokoro", voice_id=voice_id, text="好"))
    message = str(info.value)
    assert "female_lead" in message and "jm_kumo" in message and "jf_alpha:0.6+jm_kumo:0.4" in message


def test_voices_are_presets_then_base_voices() -> None:
    voices = asyncio.run(ENGINE.voices())
    ids = [v.voice_id for v in voices]
    assert ids[: len(PRESET_IDS)] == list(PRESET_IDS)
    assert {"female_lead", "male_lead", "young_man", "girl", "child", "old_man", "old_woman", "narrator"} <= set(ids)
    assert {"jf_alpha", "jm_kumo"} <= set(ids)
    for v in voices:
        ENGINE.prepare(SpeechRequest(engine="kokoro", voice_id=v.voice_id, text="好"))


def test_long_sentences_are_cut_at_clauses_within_the_token_limit() -> None:
    vocab = {c: i + 1 for i, c in enumerate(" abcdefghij,.")}
    clause = " ".join(["abcdefghij"] * 10) + ","  # 110 tokens
    phonemes = " ".join([clause] * 12)  # about 1330 tokens
    chunks = _token_chunks(phonemes, vocab)
    assert len(chunks) == 3
    assert all(len(c) <= 510 for c in chunks)
    assert all(c[-1] == vocab[","] for c in chunks)  # each chunk ends at a clause boundary
    one_word = _token_chunks("a" * 1200, vocab)
    assert [len(c) for c in one_word] == [510]  # a single word that cannot be cut is truncated to the limit
    assert _token_chunks("", vocab) == [] and _token_chunks("ab", vocab) == [[vocab["a"], vocab["b"]]]


def test_punctuation_only_is_a_pause_and_empty_is_an_error() -> None:
    result = ENGINE.synthesize_sync(ENGINE.prepare(SpeechRequest(engine="kokoro", voice_id="girl", text="……")))
    x, sr = decode(result.audio)
    assert sr == 24000 and result.duration_ms == 500 and rms(x) == 0.0
    with pytest.raises(EngineError, match="empty"):
        ENGINE.synthesize_sync(ENGINE.prepare(SpeechRequest(engine="kokoro", voice_id="girl", text=" ")))


@pytest.mark.parametrize(("words", "pinyin", "expected"), [
    (["灯", "一", "盏"], [["deng1"], ["yi1"], ["zhan3"]], "yi4"),
    (["一", "样"], [["yi1"], ["yang4"]], "yi2"),
    (["第", "一"], [["di4"], ["yi1"]], "yi1"),
    (["看", "一", "看"], [["kan4"], ["yi1"], ["kan4"]], "yi5"),
    (["不", "要"], [["bu4"], ["yao4"]], "bu2"),
    (["不", "好"], [["bu4"], ["hao3"]], "bu4"),
])
def test_yi_bu_tone_sandhi_across_words(words: list[str], pinyin: list[list[str]], expected: str) -> None:
    _yi_bu_sandhi(words, pinyin)
    target = "一" if "一" in words else "不"
    assert pinyin[words.index(target)] == [expected]


@pytest.mark.slow
def test_zh_line() -> None:
    x, sr = say(ZH_LINE)
    assert sr == 24000
    assert 1.8 <= len(x) / sr <= 6.0  # 14 syllables and a sentence pause
    assert rms(x) > 0.03
    assert np.max(np.abs(x)) < 0.99


@pytest.mark.slow
def test_en_line() -> None:
    x, sr = say(EN_LINE, language="en", voice="male_lead")
    assert 1.5 <= len(x) / sr <= 5.0
    assert rms(x) > 0.03


@pytest.mark.slow
def test_latin_words_in_a_chinese_line_are_spoken() -> None:
    with_word, sr = say("我们明天在Starbucks见面。")
    without, _ = say("我们明天在见面。")
    assert rms(with_word) > 0.03
    assert len(with_word) / sr > len(without) / sr + 0.3  # "Starbucks" is two syllables, not dropped


@pytest.mark.slow
def test_presets_differ_in_pitch() -> None:
    female, sr = say(ZH_LINE, voice="female_lead")
    male, _ = say(ZH_LINE, voice="male_lead")
    young_man, _ = say(ZH_LINE, voice="young_man")
    f_female, f_male, f_young = median_f0(female, sr), median_f0(male, sr), median_f0(young_man, sr)
    assert f_male < 0.6 * f_female
    assert f_male < f_young < f_female


@pytest.mark.slow
def test_pitch_shift_keeps_duration() -> None:
    base, sr = say(ZH_LINE)
    higher, _ = say(ZH_LINE, pitch=2)
    lower, _ = say(ZH_LINE, pitch=-3)
    for shifted in (higher, lower):
        assert len(shifted) == pytest.approx(len(base), rel=0.10)
    assert median_f0(higher, sr) > 1.06 * median_f0(base, sr)  # +2 st is +12 %
    assert median_f0(lower, sr) < 0.92 * median_f0(base, sr)  # -3 st is -16 %


@pytest.mark.slow
def test_model_loads_once() -> None:
    say(ZH_LINE)
    session = kokoro._MODEL.session if kokoro._MODEL else None
    other = KokoroEngine()
    req = SpeechRequest(engine="kokoro", voice_id="girl", text="好的。")
    other.synthesize_sync(other.prepare(req))
    other.synthesize_sync(other.prepare(req))
    assert kokoro.model_load_count() == 1
    assert session is not None and kokoro._MODEL is not None and kokoro._MODEL.session is session


@pytest.mark.slow
async def test_synthesize_does_not_block_the_event_loop() -> None:
    engine = KokoroEngine()
    await engine.preload()
    ticks: list[float] = []
    stop = asyncio.Event()

    async def heartbeat() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            await asyncio.sleep(0.01)

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.05)
    start = time.perf_counter()
    result: SpeechResult = await engine.synthesize(
        SpeechRequest(engine="kokoro", voice_id="narrator", text="夜深了，城市的灯一盏一盏熄灭。她还在等那个电话。"))
    elapsed = time.perf_counter() - start
    stop.set()
    await beat
    during = [t for t in ticks if start <= t <= start + elapsed]
    gaps = np.diff(ticks)
    assert elapsed > 0.5  # real work happened, long enough that a blocked loop would show
    assert result.duration_ms > 2000
    assert len(during) >= elapsed / 0.05
    assert gaps.max() < 0.25


def test_prepare_keeps_the_voice_effect_and_refuses_an_unknown_one() -> None:
    req = SpeechRequest(engine="kokoro", voice_id="narrator", text="好", extra=(("effect", "radio"),))
    assert ENGINE.prepare(req).extra == (("effect", "radio"),)
    with pytest.raises(EngineError, match="no voice effect “megaphone”"):
        ENGINE.prepare(SpeechRequest(engine="kokoro", voice_id="narrator", text="好",
                                     extra=(("effect", "megaphone"),)))


@pytest.mark.slow
def test_telephone_effect_is_in_the_take() -> None:
    x, sr = say(ZH_LINE, voice="male_lead")
    req = SpeechRequest(engine="kokoro", voice_id="male_lead", text=ZH_LINE, extra=(("effect", "telephone"),))
    result = ENGINE.synthesize_sync(ENGINE.prepare(req))
    y, _ = decode(result.audio)
    assert len(y) == len(x) and result.duration_ms == round(len(y) * 1000 / sr)

    def outside(z: np.ndarray) -> float:  # energy below 250 Hz and above 4 kHz relative to 300–3400 Hz, dB
        power = np.abs(np.fft.rfft(z)) ** 2
        freqs = np.fft.rfftfreq(len(z), 1 / sr)
        ref = power[(freqs >= 300) & (freqs <= 3400)].sum()
        return float(10 * np.log10(power[(freqs < 250) | (freqs > 4000)].sum() / ref))

    assert outside(y) < outside(x) - 20
    assert 0.5 < rms(y) / rms(x) < 2.0 and np.max(np.abs(y)) < 0.99
