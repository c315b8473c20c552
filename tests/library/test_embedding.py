"""Tests of the speaker embedding: the shipped weights run in numpy, the cache per voice, and the largest set
of voices that are not alike."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from studio.engines.offline_presets import KOKORO_RECIPES, KokoroRecipe, preset_version
from studio.library import embedding
from studio.library.embedding import (
    EMBED_RATE,
    EmbeddingCache,
    EmbeddingUnavailable,
    SpeakerEncoder,
    largest_distinct,
    mel_frames,
    similarity,
)

needs_weights = pytest.mark.skipif(embedding.weights_path() is None, reason="resemblyzer's weights are not installed")


def test_mel_bands_put_a_tone_where_its_frequency_is() -> None:
    t = np.arange(EMBED_RATE) / EMBED_RATE
    bands = []
    for hz in (300.0, 1000.0, 4000.0):
        mel = mel_frames(np.sin(2 * np.pi * hz * t).astype(np.float32))
        assert mel.shape == (1 + EMBED_RATE // 160, 40)
        bands.append(int(np.argmax(mel[50])))
    # Slaney's mel scale is linear to 1 kHz (66.7 Hz a mel) then logarithmic; 40 bands up to 8 kHz
    assert bands[0] < bands[1] < bands[2]
    assert bands[0] == 3 and bands[1] in (12, 13) and bands[2] in (30, 31)  # centres at 1.10 mel a band


def test_missing_weights_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding, "weights_path", lambda: None)
    assert "pip install --no-deps resemblyzer==0.1.4" in (embedding.encoder_problem() or "")
    with pytest.raises(EmbeddingUnavailable, match="not installed"):
        SpeakerEncoder()


def test_damaged_weights_are_a_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "pretrained.pt"
    bad.write_bytes(b"\x80\x02" + b"not a checkpoint" * 10)
    with pytest.raises(EmbeddingUnavailable, match="could not be read.*reinstall"):
        SpeakerEncoder(bad)


@needs_weights
def test_weights_load_without_torch() -> None:
    state = embedding.load_torch_legacy(embedding.weights_path())["model_state"]
    assert state["lstm.weight_ih_l0"].shape == (1024, 40)
    assert state["lstm.weight_hh_l2"].shape == (1024, 256)
    assert state["linear.weight"].shape == (256, 256)
    assert all(np.all(np.isfinite(v)) for v in state.values() if isinstance(v, np.ndarray))
    import sys
    assert "torch" not in sys.modules


@needs_weights
def test_silence_is_refused_with_a_sentence() -> None:
    with pytest.raises(ValueError, match="too short or silent"):
        embedding.encoder().embed(np.zeros(24000, np.float32), 24000)


def _speech(voice: str, text: str) -> tuple[np.ndarray, int]:
    from studio.engines.espeak import EspeakEngine
    from studio.engines.speech import SpeechRequest

    engine = EspeakEngine()
    result = engine.synthesize_sync(engine.prepare(SpeechRequest(engine="espeak", voice_id=voice, text=text,
                                                                 language="en")))
    audio, rate = sf.read(io.BytesIO(result.audio), dtype="float32")
    return audio, rate


@needs_weights
def test_two_lines_of_one_voice_are_closer_than_two_voices() -> None:
    enc = embedding.encoder()
    one = "The city lights went out one by one, and she was still waiting by the window."
    two = "What do you really want from me? I have waited ten years and I am done waiting."
    child_1, child_2 = (enc.embed(*_speech("child", t)) for t in (one, two))
    old_1, old_2 = (enc.embed(*_speech("old_man", t)) for t in (one, two))
    for v in (child_1, old_1):
        assert v.shape == (256,) and v.dtype == np.float32
        assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-4
    same = min(similarity(child_1, child_2), similarity(old_1, old_2))
    across = max(similarity(child_1, old_2), similarity(old_1, child_2))
    assert same > across + 0.05
    # the rate of the clip does not matter: 24 kHz and 16 kHz of the same audio give the same voice
    audio, rate = _speech("child", one)
    import soxr
    assert similarity(enc.embed(audio, rate), enc.embed(soxr.resample(audio, rate, 16000), 16000)) > 0.98


def test_similarity() -> None:
    a, b = np.array([1.0, 0.0]), np.array([1.0, 1.0])
    assert similarity(a, a) == pytest.approx(1.0)
    assert similarity(a, b) == pytest.approx(2 ** -0.5)
    assert similarity(a, np.zeros(2)) == 0.0


def test_cache_keeps_one_vector_per_voice_and_version(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    vector = np.random.default_rng(1).normal(size=256).astype(np.float32)
    calls = []

    def clips() -> list[tuple[np.ndarray, int]]:
        calls.append(1)
        return [(np.zeros(10, np.float32), 24000)]

    got = cache.voice("kokoro", "old_man", "v1", clips, embed=lambda _c: vector)
    again = EmbeddingCache(tmp_path).voice("kokoro", "old_man", "v1", clips, embed=lambda _c: -vector)
    assert len(calls) == 1  # the second cache read the file; nothing was rendered again
    assert np.allclose(got, vector) and np.allclose(again, vector, atol=1e-5)
    assert EmbeddingCache(tmp_path).get("kokoro", "old_man", "v2") is None  # a changed recipe measures anew
    assert EmbeddingCache(tmp_path).get("espeak", "old_man", "v1") is None
    assert json.loads((tmp_path / "speaker-embeddings.json").read_text())["encoder"] == embedding.ENCODER_ID


def test_damaged_cache_counts_as_empty(tmp_path: Path) -> None:
    (tmp_path / "speaker-embeddings.json").write_text("{ not json", encoding="utf-8")
    cache = EmbeddingCache(tmp_path)
    assert cache.get("kokoro", "girl", "v1") is None
    cache.put("kokoro", "girl", "v1", np.ones(256, np.float32))
    assert EmbeddingCache(tmp_path).get("kokoro", "girl", "v1") is not None


def test_default_cache_is_in_the_user_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TROUPE_CACHE_DIR", str(tmp_path))
    assert EmbeddingCache().path == tmp_path / "speaker-embeddings.json"


def test_largest_distinct_is_exact_not_greedy() -> None:
    # "hub" is alike nobody but a greedy pick of "a" first would block b and c
    alike = {frozenset(p) for p in (("a", "b"), ("a", "c"), ("b", "d"), ("c", "e"))}
    names = ["a", "b", "c", "d", "e", "hub"]
    chosen = largest_distinct(names, lambda x, y: frozenset((x, y)) in alike)
    assert len(chosen) == 4 and "hub" in chosen
    assert all(frozenset((x, y)) not in alike for x in chosen for y in chosen if x != y)
    assert largest_distinct(["x", "y"], lambda _a, _b: True) == ["x"]
    assert largest_distinct([], lambda _a, _b: True) == []


def test_preset_version_follows_the_recipe(monkeypatch: pytest.MonkeyPatch) -> None:
    before = preset_version("kokoro", "old_man")
    assert before == preset_version("kokoro", "old_man") and before != preset_version("kokoro", "girl")
    monkeypatch.setitem(KOKORO_RECIPES, "old_man", KokoroRecipe((("jm_kumo", 1.0),), speed=0.8))
    assert preset_version("kokoro", "old_man") != before
