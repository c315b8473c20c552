"""Pause markers render as real silence of their length in the offline engines, measured on their audio."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from signal_checks import decode

from studio.engines.espeak import EspeakEngine
from studio.engines.kokoro import KokoroEngine
from studio.engines.pauses import join_with_pauses
from studio.engines.speech import SpeechRequest

THRESHOLD = 0.01  # 1 % of full scale: quieter than this is silence
TOLERANCE_S = 0.03


def quiet_stretches(x: np.ndarray, sr: int, at_least_s: float = 0.15) -> list[tuple[float, float]]:
    """(start, length) in seconds of every stretch below ``THRESHOLD`` between two sounds."""
    loud = np.flatnonzero(np.abs(x) > THRESHOLD)
    gaps = np.diff(loud) - 1
    return [(float(loud[i] + 1) / sr, float(g) / sr) for i, g in enumerate(gaps) if g >= at_least_s * sr]


def sound_end(x: np.ndarray, sr: int) -> float:
    return float(np.flatnonzero(np.abs(x) > THRESHOLD)[-1] + 1) / sr


def render(engine, text: str, language: str) -> tuple[np.ndarray, int, object]:
    req = SpeechRequest(engine=engine.name, voice_id="female_lead", text=text, language=language)
    result = asyncio.run(engine.synthesize(req))
    x, sr = decode(result.audio)
    return x, sr, result


def test_join_keeps_the_quiet_between_sounds_exactly_the_pause() -> None:
    rate = 1000
    tone = np.concatenate([np.zeros(100), np.full(200, 0.5), np.zeros(100)]).astype(np.float32)
    out, offsets = join_with_pauses([(np.zeros(0, np.float32), 0.3), (tone, 0.8), (tone, 0.02), (tone, 0.0)],
                                    rate, THRESHOLD)
    loud = np.flatnonzero(np.abs(out) > THRESHOLD)
    assert loud[0] == 300  # the leading pause
    assert sorted(np.diff(loud)[np.diff(loud) > 1] - 1) == [20, 800]
    assert [out[o + 100] for o in offsets[1:]] == [0.5, 0.5, 0.5]  # each piece's sample 0 is where it says


def _check_pause(engine, first: str, second: str, language: str, joiner: str = "") -> float:
    x, sr, _ = render(engine, f"{first}{joiner}<#0.8#>{joiner}{second}", language)
    alone, sr2, _ = render(engine, first, language)
    assert sr == sr2
    long = [(at, length) for at, length in quiet_stretches(x, sr) if length > 0.5]
    assert len(long) == 1, long  # one long silence, and it is the marker's
    at, length = long[0]
    assert abs(length - 0.8) <= TOLERANCE_S, length
    assert abs(at - sound_end(alone, sr)) <= 0.05  # right where the first part's sound ends
    return length


@pytest.mark.parametrize(("first", "second", "language", "joiner"), [
    ("你到底想怎么样", "我不明白。", "zh", ""), ("I told you", "never again.", "en", " ")])
def test_espeak_renders_a_pause_marker_as_its_silence(first: str, second: str, language: str, joiner: str) -> None:
    _check_pause(EspeakEngine(), first, second, language, joiner)


@pytest.mark.slow
@pytest.mark.parametrize(("first", "second", "language", "joiner"), [
    ("你到底想怎么样", "我不明白。", "zh", ""), ("I told you", "never again.", "en", " ")])
def test_kokoro_renders_a_pause_marker_as_its_silence(first: str, second: str, language: str, joiner: str) -> None:
    _check_pause(KokoroEngine(), first, second, language, joiner)


@pytest.mark.slow
def test_kokoro_word_times_skip_the_pause() -> None:
    x, sr, result = render(KokoroEngine(), "你到底想怎么样<#0.8#>我不明白。", "zh")
    spans = result.spans
    assert spans and "".join(s.text for s in spans) == "你到底想怎么样我不明白"
    (at, length), = [q for q in quiet_stretches(x, sr) if q[1] > 0.5]
    before = [s for s in spans if s.text in "你到底想怎么样"]
    after = [s for s in spans if s.text in "我不明白"]
    assert max(s.end_ms for s in before) <= (at * 1000) + 50  # a word may end in its quiet tail
    assert min(s.start_ms for s in after) >= (at + length) * 1000 - 50


def test_a_sound_tag_is_never_read_aloud_offline() -> None:
    engine = EspeakEngine()
    tagged, sr, result = render(engine, "哈哈 (laughs) 你真逗。", "zh")
    assert engine.prepare(SpeechRequest(engine="espeak", voice_id="female_lead", text="哈哈 (laughs) 你真逗。")
                          ).text == "哈哈 <#0.3#> 你真逗。"
    plain, _, _ = render(engine, "哈哈 你真逗。", "zh")
    # the tag became a 0.3 s pause, not English words: the take is about that much longer than the plain line
    assert abs((len(tagged) - len(plain)) / sr - 0.3) < 0.25
    assert any(abs(length - 0.3) <= TOLERANCE_S for _, length in quiet_stretches(tagged, sr))
