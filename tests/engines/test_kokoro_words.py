"""Kokoro's own word timings: the model's predicted phoneme durations (a second output added to the same
graph) timing each character of a Chinese line and each word of an English one, in order, inside the
take; the audio bit for bit what the plain graph gives; pitch shifts and sentence gaps accounted for."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from studio.domain.render_key import SpeechRequest
from studio.domain.words import check_timings, timings_from_spans
from studio.engines import kokoro
from studio.engines.kokoro import KokoroEngine


def _say(text: str, language: str, voice: str = "jf_alpha", pitch: int = 0):
    engine = KokoroEngine()
    req = SpeechRequest(engine="kokoro", voice_id=voice, text=text, language=language, pitch=pitch)
    return asyncio.run(engine.synthesize(req))


def test_the_durations_output_is_added_without_touching_the_graph() -> None:
    blob = b"\x08\x09" + b"\x3a\x05" + b"\x0a\x03abc"  # ir_version 9; graph {node-ish bytes "abc"}
    with pytest.raises(ValueError, match="no tensor"):
        kokoro._with_output(blob, "missing", 7)
    patched = kokoro._with_output(b"\x08\x09\x3a\x03abc", "abc", 7)
    assert patched.startswith(b"\x08\x09\x3a") and b"abc" in patched and len(patched) > 7
    with pytest.raises(ValueError, match="no graph"):
        kokoro._with_output(b"\x08\x09", "abc", 7)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "language", "words"), [
    ("今天天气很好，我们去公园散步吧。明天三点见。", "zh", list("今天天气很好我们去公园散步吧明天三点见")),
    ("Hello there, Dr. Chen. We met in 1953!", "en", ["Hello", "there", "Dr", "Chen", "We", "met", "in", "1953"]),
])
def test_a_line_is_timed_by_the_model_itself(text: str, language: str, words: list[str]) -> None:
    result = _say(text, language)
    assert result.spans and result.timing_method == "kokoro-durations"
    timings = timings_from_spans(result.spans, text, language, result.duration_ms, source="engine",
                                 method=result.timing_method)
    assert [w.text for w in timings.words] == words
    assert check_timings(timings) == []
    starts = [w.start_ms for w in timings.words]
    assert len(set(starts)) == len(starts) and starts == sorted(starts)
    # The second sentence starts after the sentence gap the engine puts in.
    second = words.index("明" if language == "zh" else "We")
    assert timings.words[second].start_ms - timings.words[second - 1].end_ms >= 200


@pytest.mark.slow
def test_the_words_fall_where_the_sound_is() -> None:
    import io

    import soundfile

    result = _say("你好。我很好。", "zh")
    audio, rate = soundfile.read(io.BytesIO(result.audio), dtype="float32")
    for span in result.spans or ():
        piece = audio[int(span.start_ms * rate / 1000):int(span.end_ms * rate / 1000)]
        assert piece.size and float(np.sqrt(np.mean(piece ** 2))) > 0.01  # each syllable is heard
    gap = [s for s in result.spans or ()][1:3]
    between = audio[int(gap[0].end_ms * rate / 1000) + 240:int(gap[1].start_ms * rate / 1000) - 240]
    assert between.size and float(np.max(np.abs(between))) < 0.01  # the sentence gap is silent


@pytest.mark.slow
def test_a_pitch_shift_keeps_the_words_inside_the_shorter_take() -> None:
    plain, high = _say("我们去公园散步吧。", "zh"), _say("我们去公园散步吧。", "zh", pitch=5)
    assert high.spans and plain.spans
    ratio = plain.duration_ms / high.duration_ms
    assert abs(plain.spans[-1].start_ms / max(1, high.spans[-1].start_ms) - ratio) < 0.1
    assert high.spans[-1].end_ms <= high.duration_ms


@pytest.mark.slow
def test_the_audio_is_what_the_plain_graph_gives() -> None:
    import onnxruntime as ort

    with kokoro._LOCK:
        model = kokoro._load_model()
        assert model.durations
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        opts.log_severity_level = 3
        plain = ort.InferenceSession(kokoro._assemble_model(), sess_options=opts,
                                     providers=["CPUExecutionProvider"])
        tokens = [model.vocab[c] for c in kokoro._phonemize(model, "你好。", "zh") if c in model.vocab]
        feed = {"tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
                "style": model.voices["jf_alpha"][len(tokens) - 1].reshape(1, 256).astype(np.float32),
                "speed": np.array([1.0], dtype=np.float32)}
        audio, durations = model.session.run(None, feed)
        (expected,) = plain.run(None, feed)
    assert np.array_equal(audio, expected)
    assert int(durations.sum()) * kokoro.FRAME_SAMPLES == len(audio) and len(durations) == len(tokens) + 2
