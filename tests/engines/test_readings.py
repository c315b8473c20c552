"""The lexicon's pinyin entries reach the offline engines: Kokoro reads the word with the entry's
syllables (checked on the phonemes it speaks) and eSpeak says them with its pinyin voice."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from signal_checks import decode

from studio.engines import kokoro
from studio.engines.espeak import EspeakEngine
from studio.engines.kokoro import KokoroEngine
from studio.engines.readings import pinyin_readings, split_readings
from studio.engines.speech import SpeechRequest


def test_entries_become_readings_and_cut_the_text_at_their_words() -> None:
    readings = pinyin_readings(("银行/(yin2)(xing2)", "read/(riːd)", "银行行长/(yin2)(hang2)(hang2)(zhang3)"))
    assert readings == {"银行": ("yin2", "xing2"), "银行行长": ("yin2", "hang2", "hang2", "zhang3")}
    assert split_readings("去银行行长家，再去银行", readings) == [
        ("去", None), ("银行行长", ("yin2", "hang2", "hang2", "zhang3")), ("家，再去", None),
        ("银行", ("yin2", "xing2"))]


@pytest.mark.parametrize("engine", [EspeakEngine(), KokoroEngine()], ids=["espeak", "kokoro"])
def test_prepare_keeps_pinyin_entries_only(engine) -> None:
    req = SpeechRequest(engine=engine.name, voice_id="female_lead", text="我去银行。",
                        pronunciation=("银行/(yin2)(xing2)", "read/(riːd)"))
    assert engine.prepare(req).pronunciation == ("银行/(yin2)(xing2)",)


def _say(engine, pron: tuple[str, ...]) -> np.ndarray:
    req = SpeechRequest(engine=engine.name, voice_id="female_lead", text="我去银行。", pronunciation=pron)
    return decode(asyncio.run(engine.synthesize(req)).audio)[0]


def test_espeak_says_the_entry_not_its_own_reading() -> None:
    engine = EspeakEngine()
    plain, entry = _say(engine, ()), _say(engine, ("银行/(yin2)(xing2)",))
    n = min(len(plain), len(entry))
    assert not np.allclose(plain[:n], entry[:n])


@pytest.mark.slow
def test_kokoro_reads_the_word_with_the_entrys_syllables() -> None:
    engine = KokoroEngine()
    _say(engine, ())  # loads the model
    model = kokoro._load_model()
    plain, _ = kokoro._phonemize_units(model, "我去银行。", "zh")
    read, units = kokoro._phonemize_units(model, "我去银行。", "zh", {"银行": ("yin2", "xing2")})
    xing = model.zh._zh.py2ipa("xing2")
    hang = model.zh._zh.py2ipa("hang2")
    assert hang in plain and xing not in plain
    assert xing in read and hang not in read
    assert [u for u, _ in units] == ["我", "去", "银", "行"]
