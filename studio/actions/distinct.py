"""Which roles sound alike: the cast panel's warning and ``troupe cast --check`` share these rules.

Each voice a role is cast with on an engine speaks two sample lines (in the project's language), once;
the speaker embedding of those lines is kept in the user's cache under the engine, the voice id and the
voice's version (an offline preset's recipe, the engine's model), so a check after the first one renders
nothing. Two roles *sound alike* when their voices' embeddings are at least ``ALIKE_AT`` similar: about
as alike as two lines of one voice (the same-voice floor measured by ``tests/bench/bench_distinct.py``).

Casting with it: ``voice_table`` gathers the embeddings of an engine's voices into a ``VoiceTable`` (a
likeness for each pair of measured voices). An offline voice is measured from its two sample lines (above);
a MiniMax voice from its newest cached preview (``studio.library.previews``; kept in the embedding cache
under the preview's key), and a MiniMax voice without one is left out: nothing is ever asked of MiniMax to
cast. With ``render=False`` (auto-cast before a render) only what is cached or on disk is used, so casting
renders nothing; the window's cast check and ``troupe cast --check`` measure the offline palette once
(``render=True``), after which auto-cast keeps alike voices apart too. Without the encoder's weights
``voice_table`` returns None and auto-cast works as it always did. ``suggest`` proposes, for each alike
pair, another voice for one of its roles (the one with fewer lines first) that sounds apart from every
other role, chosen by ``studio.domain.casting.auto_cast``.

Must not live here: Qt. The engine given does the rendering (offline engines, or MiniMax through the
caller's own engine and account).
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from studio.actions import ActionError
from studio.domain.casting import RoleInfo, VoiceInfo, auto_cast, guess_role_gender, scene_pairs
from studio.domain.model import Role
from studio.domain.render_key import SpeechRequest
from studio.engines.speech import EngineError, SpeechEngine, Voice
from studio.library.embedding import (
    EmbeddingCache,
    EmbeddingUnavailable,
    encoder,
    encoder_problem,
    similarity,
)
from studio.library.previews import PreviewCache
from studio.store.project_file import ProjectStore

log = logging.getLogger(__name__)

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
        enc = await asyncio.to_thread(encoder)  # the first call reads its weights: off the loop too
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
        vectors.append(await asyncio.to_thread(enc.embed, audio, rate))  # seconds of numpy: off the loop
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


# --- casting with the embeddings ------------------------------------------------------------------------

OFFLINE = ("kokoro", "espeak")


@dataclass
class VoiceTable:
    """The speaker embeddings of some of an engine's voices, and how alike each measured pair is."""

    engine: str
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    threshold: float = ALIKE_AT

    def likeness(self, a: str, b: str) -> float | None:
        """Cosine similarity of two voices (1.0 for one voice), None when either was never measured."""
        if a == b:
            return 1.0
        va, vb = self.vectors.get(a), self.vectors.get(b)
        return None if va is None or vb is None else round(similarity(va, vb), 3)

    def alike(self, a: str, b: str) -> bool:
        value = self.likeness(a, b)
        return value is not None and value >= self.threshold


def newest_previews(previews: PreviewCache, engine: str) -> dict[str, dict[str, object]]:
    """The newest cached preview (its metadata) of each of ``engine``'s voices that has one."""
    out: dict[str, dict[str, object]] = {}
    for meta in previews.entries():
        voice_id = str(meta.get("voice_id") or "")
        if meta.get("engine") != engine or not voice_id or not (previews.folder / str(meta.get("file", ""))).is_file():
            continue
        known = out.get(voice_id)
        if known is None or float(meta.get("created_at") or 0.0) > float(known.get("created_at") or 0.0):  # type: ignore[arg-type]
            out[voice_id] = meta
    return out


async def _preview_embedding(engine: str, voice_id: str, meta: dict[str, object] | None, folder: Path,
                             cache: EmbeddingCache) -> np.ndarray | None:
    if meta is None:
        return None
    version = f"preview|{meta['key']}"
    cached = cache.get(engine, voice_id, version)
    if cached is not None:
        return cached
    from studio.audio.decode import read_audio_file

    def measure() -> np.ndarray:
        samples, rate = read_audio_file(folder / str(meta["file"]))
        return encoder().embed(samples, rate)

    try:
        vector = await asyncio.to_thread(measure)
    except Exception as exc:  # an unreadable or too short preview: the voice is left unmeasured
        log.info("preview of %s could not be measured: %s", voice_id, exc)
        return None
    cache.put(engine, voice_id, version, vector)
    return vector


async def measure_voices(engine: SpeechEngine, voice_ids: Sequence[str], language: str = "zh",
                         cache: EmbeddingCache | None = None, *, render: bool = True,
                         previews: PreviewCache | None = None,
                         progress: Callable[[int, int], None] | None = None) -> dict[str, np.ndarray]:
    """The embeddings of those ``voice_ids`` that can be measured (see the module's notes), by voice id.

    ``render``: an offline voice not in the cache speaks its sample lines (else it is left out). A voice the
    engine cannot speak with is left out. Raises nothing for a single voice; the caller checks the encoder.
    """
    cache = cache or EmbeddingCache()
    lang = language if language in SAMPLE_LINES else "zh"
    out: dict[str, np.ndarray] = {}
    ids = list(dict.fromkeys(v for v in voice_ids if v))
    shelf = (previews or PreviewCache()) if engine.name == "minimax" else None
    newest = newest_previews(shelf, engine.name) if shelf is not None else {}
    for i, voice_id in enumerate(ids):
        if progress is not None:
            progress(i, len(ids))
        if engine.name == "minimax":
            assert shelf is not None
            vector = await _preview_embedding(engine.name, voice_id, newest.get(voice_id), shelf.folder, cache)
        else:
            vector = cache.get(engine.name, voice_id, f"{voice_version(engine, voice_id)}|{lang}")
            if vector is None and render:
                try:
                    vector = await voice_embedding(engine, voice_id, lang, cache)
                except ActionError as exc:
                    log.info("voice %s could not be measured: %s", voice_id, exc)
        if vector is not None:
            out[voice_id] = vector
    if progress is not None:
        progress(len(ids), len(ids))
    return out


def palette(engine: str, voices: Sequence[Voice]) -> list[str]:
    """The voices worth measuring to cast with: an offline engine's presets, or every listed voice."""
    if engine in OFFLINE:
        from studio.engines.offline_presets import PRESET_IDS

        listed = [v.voice_id for v in voices if v.kind == "preset"]
        return listed or list(PRESET_IDS)  # the presets are known before the engine's list has loaded
    return [v.voice_id for v in voices]


async def voice_table(engine: SpeechEngine, voices: Sequence[Voice] | Sequence[str], language: str = "zh",
                      cache: EmbeddingCache | None = None, *, render: bool = False,
                      previews: PreviewCache | None = None, threshold: float = ALIKE_AT,
                      progress: Callable[[int, int], None] | None = None) -> VoiceTable | None:
    """A ``VoiceTable`` of ``voices`` (Voice values: their palette; ids: those) on ``engine``; None when the
    encoder's weights are not installed."""
    if encoder_problem() is not None:
        return None
    ids = [v if isinstance(v, str) else v.voice_id for v in voices]
    if voices and not isinstance(voices[0], str):
        ids = palette(engine.name, voices)  # type: ignore[arg-type]
    try:
        vectors = await measure_voices(engine, ids, language, cache, render=render, previews=previews,
                                       progress=progress)
    except EmbeddingUnavailable:
        return None
    return VoiceTable(engine.name, vectors, threshold)


def cast_likeness(engine: SpeechEngine, language: str = "zh", cache: EmbeddingCache | None = None,
                  previews: PreviewCache | None = None
                  ) -> Callable[[Sequence[Voice]], Awaitable[Callable[[str, str], float | None] | None]]:
    """The hook ``cast_missing`` asks for the likeness of the voices it casts from: what is cached or on
    disk only, so auto-casting renders nothing and asks no server."""
    async def likeness(voices: Sequence[Voice]) -> Callable[[str, str], float | None] | None:
        table = await voice_table(engine, voices, language, cache, render=False, previews=previews)
        if table is None or len(table.vectors) < 2:
            return None
        return table.likeness

    return likeness


def alike_pairs(roles: Sequence[Role], table: VoiceTable) -> list[AlikePair]:
    """The pairs of ``roles`` cast on the table's engine whose voices are alike, most alike first (a voice
    that was not measured is in no pair, unless two roles share it)."""
    cast = [(r.name, r.voices[table.engine]) for r in roles if r.voices.get(table.engine)]
    pairs = []
    for i, (name_a, voice_a) in enumerate(cast):
        for name_b, voice_b in cast[i + 1:]:
            value = table.likeness(voice_a, voice_b)
            if value is not None and value >= table.threshold:
                pairs.append(AlikePair(name_a, name_b, voice_a, voice_b, round(value, 3)))
    return sorted(pairs, key=lambda p: -p.similarity)


@dataclass(frozen=True)
class CastContext:
    """What casting knows of a project's script: lines per role, the texts that speak of the roles, which
    roles share scenes, and the language of the sample lines."""

    counts: Mapping[int, int] = field(default_factory=dict)
    texts: tuple[str, ...] = ()
    together: Mapping[frozenset[int], int] = field(default_factory=dict)
    language: str = "zh"


def cast_context(store: ProjectStore, episode_ids: Sequence[int] | None = None) -> CastContext:
    episodes = list(episode_ids) if episode_ids is not None else [e.id for e in store.episodes()]
    per_episode = [store.lines(ep) for ep in episodes]
    language = store.episode(episodes[0]).language if episodes else "zh"
    return CastContext(store.line_counts_by_role(), tuple(ln.text for lines in per_episode for ln in lines),
                       scene_pairs([ln.role_id for ln in lines] for lines in per_episode), language)


@dataclass(frozen=True)
class Advice:
    """Another voice for one role of an alike pair: one that sounds apart from every other role's."""

    role_id: int
    role: str
    voice_id: str
    pair: AlikePair


def suggest(roles: Sequence[Role], voices: Sequence[Voice], table: VoiceTable, pairs: Sequence[AlikePair],
            context: CastContext | None = None) -> list[Advice]:
    """At most one ``Advice`` per pair, most alike pair first; a later advice counts the earlier ones as
    taken. Only measured voices are suggested, of the role's gender (stated, guessed, else its voice's), and
    never one alike to another role's."""
    context = context or CastContext()
    engine = table.engine
    cast = {r.id: r.voices[engine] for r in roles if r.voices.get(engine)}
    by_name = {r.name: r for r in roles}
    candidates = [VoiceInfo(v.voice_id, v.gender, v.age, v.narrator) for v in voices if v.voice_id in table.vectors]
    out: list[Advice] = []
    moved: set[int] = set()
    for pair in pairs:
        first, second = by_name.get(pair.first), by_name.get(pair.second)
        if first is None or second is None or first.id in moved or second.id in moved:
            continue
        order = sorted((second, first), key=lambda r: context.counts.get(r.id, 0))  # fewer lines first
        for role in order:
            others = {k: v for k, v in cast.items() if k != role.id}
            # a role of no known gender keeps the gender of the voice it was given
            now = next((v.gender for v in voices if v.voice_id == cast.get(role.id)), None)
            wanted = role.gender or guess_role_gender(role.name, context.texts) or now
            info = RoleInfo(role.id, role.name, wanted, context.counts.get(role.id, 0), context.texts)
            choice = auto_cast([info], candidates, others, likeness=table.likeness, alike_at=table.threshold,
                               together=context.together).get(role.id)
            if choice is None or choice == cast.get(role.id) or choice in others.values():
                continue
            if any(table.alike(choice, v) for v in others.values()):
                continue
            gender = next((c.gender for c in candidates if c.voice_id == choice), None)
            if wanted and gender and gender != wanted:
                continue
            out.append(Advice(role.id, role.name, choice, pair))
            cast[role.id] = choice
            moved.add(role.id)
            break
    return out


@dataclass
class CastCheck:
    """The roles that sound alike on an engine, what to do about them, and the roles left unmeasured."""

    pairs: list[AlikePair] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    unmeasured: list[str] = field(default_factory=list)  # roles whose voice could not be measured


async def check_cast(roles: Sequence[Role], engine: SpeechEngine, voices: Sequence[Voice],
                     context: CastContext | None = None, cache: EmbeddingCache | None = None, *,
                     previews: PreviewCache | None = None, threshold: float = ALIKE_AT,
                     progress: Callable[[int, int], None] | None = None,
                     on_pairs: Callable[[list[AlikePair]], None] | None = None) -> CastCheck:
    """The window's cast check: measure the voices cast on ``engine`` (rendering an offline voice's sample
    lines once; a MiniMax voice by its cached preview), name the alike pairs (``on_pairs`` hears them
    before anything else is measured), then measure the palette to suggest a distinct voice for each pair.
    Raises ``ActionError`` without the encoder."""
    problem = encoder_problem()
    if problem is not None:
        raise ActionError(problem)
    context = context or CastContext()
    cache = cache or EmbeddingCache()
    cast = [r for r in roles if r.voices.get(engine.name)]
    vectors = await measure_voices(engine, [r.voices[engine.name] for r in cast], context.language, cache,
                                   render=True, previews=previews, progress=progress)
    table = VoiceTable(engine.name, dict(vectors), threshold)
    shared = [AlikePair(a.name, b.name, a.voices[engine.name], b.voices[engine.name], 1.0)
              for i, a in enumerate(cast) for b in cast[i + 1:] if a.voices[engine.name] == b.voices[engine.name]]
    pairs = sorted({(p.first, p.second): p for p in shared + alike_pairs(cast, table)}.values(),
                   key=lambda p: -p.similarity)
    result = CastCheck(pairs, [], [r.name for r in cast if r.voices[engine.name] not in vectors])
    if on_pairs is not None:
        on_pairs(pairs)
    if pairs:
        rest = [v for v in palette(engine.name, voices) if v not in vectors]
        table.vectors.update(await measure_voices(engine, rest, context.language, cache, render=True,
                                                  previews=previews, progress=progress))
        result.advice = suggest(roles, voices, table, pairs, context)
    return result
