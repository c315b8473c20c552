"""Which roles sound alike: the cast panel's warning and ``troupe cast --check`` share these rules.

Each voice a role is cast with on an engine speaks two sample lines (in the project's language), once;
the speaker embedding of those lines is kept in the user's cache under the engine, the voice id and the
voice's version (an offline preset's recipe, the engine's model), so a check after the first one renders
nothing. Two roles *sound alike* when their voices' embeddings are at least ``ALIKE_AT`` similar: about
as alike as two lines of one voice (the same-voice floor measured by ``tests/bench/bench_distinct.py``).

Must not live here: Qt. The engine given does the rendering (offline engines, or MiniMax through the
caller's own engine and account).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from studio.actions import ActionError
from studio.domain.model import Role
from studio.domain.render_key import SpeechRequest
from studio.engines.speech import EngineError, SpeechEngine
from studio.library.embedding import EmbeddingCache, EmbeddingUnavailable, encoder, similarity

#: Voices at least this similar count as one voice to a listener (two lines of one preset score 0.91–0.96).
ALIKE_AT = 0.9

SAMPLE_LINES = {
    "zh": ("夜深了，城市的灯一盏一盏熄灭，她还站在窗前等他回来。", "你到底想怎么样？我已经等了你整整十年。"),
    "en": ("The city lights went out one by one, and she was still waiting by the window.",
           "What do you really want from me? I have waited ten years for this."),
}


@dataclass(frozen=True)
class AlikePair:
    """Two roles whose voices sound alike on one engine."""

    first: str
    second: str
    first_voice: str
    second_voice: str
    similarity: float

    @property
    def sentence(self) -> str:
        how = "share a voice" if self.first_voice == self.second_voice else f"sound alike ({self.similarity:.2f})"
        return f"{self.first} and {self.second} {how} — pick another voice for one."


def voice_version(engine: SpeechEngine, voice_id: str) -> str:
    """What the voice's sound depends on: the engine's model and, for an offline preset, its recipe."""
    from studio.engines.offline_presets import PRESETS, preset_version

    model = getattr(engine, "model", "") or ""
    if engine.name in ("kokoro", "espeak") and voice_id in PRESETS:
        return f"{model}|{preset_version(engine.name, voice_id)}"
    return str(model)


async def voice_embedding(engine: SpeechEngine, voice_id: str, language: str = "zh",
                          cache: EmbeddingCache | None = None) -> np.ndarray:
    """The speaker embedding of ``voice_id`` on ``engine``, from the cache or two sample lines."""
    import soundfile as sf

    cache = cache or EmbeddingCache()
    lang = language if language in SAMPLE_LINES else "zh"
    version = f"{voice_version(engine, voice_id)}|{lang}"
    cached = cache.get(engine.name, voice_id, version)
    if cached is not None:
        return cached
    try:
        enc = encoder()
    except EmbeddingUnavailable as exc:
        raise ActionError(str(exc)) from None
    vectors = []
    for text in SAMPLE_LINES[lang]:
        try:
            result = await engine.synthesize(SpeechRequest(engine=engine.name, voice_id=voice_id, text=text,
                                                           language=lang))
        except EngineError as exc:
            raise ActionError(f"The voice “{voice_id}” could not be heard to compare it: {exc}") from exc
        audio, rate = sf.read(io.BytesIO(result.audio), dtype="float32")
        vectors.append(enc.embed(audio, rate))
    mean = np.mean(vectors, axis=0)
    vector = (mean / np.linalg.norm(mean)).astype(np.float32)
    cache.put(engine.name, voice_id, version, vector)
    return vector


async def alike_roles(roles: Sequence[Role], engine: SpeechEngine, language: str = "zh",
                      cache: EmbeddingCache | None = None, threshold: float = ALIKE_AT,
                      progress: Callable[[int, int], None] | None = None) -> list[AlikePair]:
    """The pairs of ``roles`` (those cast on ``engine``) whose voices sound alike, most alike first."""
    cast = [(r.name, r.voices[engine.name]) for r in roles if r.voices.get(engine.name)]
    voices = sorted({v for _, v in cast})
    vectors: dict[str, np.ndarray] = {}
    for i, voice_id in enumerate(voices):
        if progress:
            progress(i, len(voices))
        vectors[voice_id] = await voice_embedding(engine, voice_id, language, cache)
    if progress:
        progress(len(voices), len(voices))
    pairs = []
    for i, (name_a, voice_a) in enumerate(cast):
        for name_b, voice_b in cast[i + 1:]:
            value = 1.0 if voice_a == voice_b else similarity(vectors[voice_a], vectors[voice_b])
            if value >= threshold:
                pairs.append(AlikePair(name_a, name_b, voice_a, voice_b, round(value, 3)))
    return sorted(pairs, key=lambda p: -p.similarity)
