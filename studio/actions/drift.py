"""Does every take still sound like its role? The voice check of ``troupe check`` (and of the window's takes).

**The reference.** A role's reference embedding is the speaker embedding of the voice it is cast with on
the engine, as ``studio.actions.distinct`` measures it for casting: an offline voice speaking its two
sample lines in the episode's language (rendered once, then kept in the user's embedding cache under the
engine, the voice id and the voice's version — an offline preset's recipe, the engine's model — so a
recipe that changes between episodes gives a new reference and the older takes show it). A MiniMax voice is
never rendered just to check it: its reference is its newest cached preview, else the mean embedding of
the role's first three takes with that voice in series order (episode, then line), its first kept takes.

**A take's measure.** Each take is embedded once; the vector is kept beside the take as take note
``embedding`` (``{"encoder": ENCODER_ID, "vector": [256 floats]}``). Its similarity to its reference is kept
as take note ``drift``, a format the window's script table reads, stable from here on::

    {"similarity": 0.71,        # cosine similarity to the reference, 3 decimals; null when not measured
     "drifting": true,          # similarity < threshold
     "threshold": 0.72,         # DRIFT_BELOW when it was judged
     "voice": "female_lead",    # the voice the take was rendered with
     "reference": "voice",      # "voice" (sample lines), "preview" or "takes" (the role's first takes)
     "version": "…",            # what the reference was made from; a new one judges the take again
     "reason": "short"}         # only when not measured: "short" (under a second of sound) or "effect"
                                # (a voice effect or MiniMax voice modify changes the timbre on purpose)

**The threshold.** Measured by rendering 10 Chinese lines (from "你好。" to a 4-second sentence) on each
of the 12 eSpeak presets and 6 of them on each of the 12 Kokoro presets, and comparing each take with its
own voice's reference and with the reference of every other preset that sounds apart from it (likeness
< 0.9). Takes of a second or more (96 eSpeak, 60 Kokoro):

    ============  ==============================  ==================================  =============
    engine        own voice: min / 5th pct / med  another voice: median / 95th / max  flagged < 0.72
    ============  ==============================  ==================================  =============
    eSpeak        0.769 / 0.822 / 0.922            0.679 / 0.825 / 0.889                0 % / 65.7 %
    Kokoro        0.769 / 0.834 / 0.920            0.642 / 0.801 / 0.885                0 % / 76.4 %
    ============  ==============================  ==================================  =============

(flagged: takes of the role's own voice / takes of another voice). DRIFT_BELOW = 0.72 sits 0.05 under the
least similar own-voice take, so a take of the role's own voice is not flagged, while two thirds to three
quarters of the takes of another voice are (the rest are voices close to the role's own; at 0.75 no own
take was flagged either, but with half the margin). Takes under a second say too little: own-voice takes
of "你好。" scored down to 0.61, so they are not judged.

Runs on the caller's loop; the embedding and decoding go to worker threads. Must not live here: Qt, click.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from studio.actions import ActionError, distinct
from studio.domain.model import DONE
from studio.domain.render_key import EFFECT_EXTRA
from studio.library.embedding import (
    EMBED_RATE,
    ENCODER_ID,
    EmbeddingCache,
    EmbeddingUnavailable,
    encoder,
    encoder_problem,
    similarity,
)
from studio.library.previews import PreviewCache
from studio.render.planner import LinePlan, RenderPlanner
from studio.store.project_file import ProjectStore

NOTE_KIND = "drift"
EMBEDDING_NOTE = "embedding"
#: A take less similar than this to its role's reference is drifting (see the measures above).
DRIFT_BELOW = 0.72
#: Takes shorter than this (seconds of sound) are not judged: one short word says too little.
MIN_SECONDS = 1.0
#: How many of a role's first takes make its reference when its voice has none of its own.
FIRST_TAKES = 3


@dataclass(frozen=True)
class TakeDrift:
    line_id: int
    take_id: int
    episode: int  # the episode's number, from 1
    number: int  # the line's place in its episode, from 1
    role: str
    text: str
    note: dict[str, Any]

    @property
    def similarity(self) -> float | None:
        value = self.note.get("similarity")
        return None if value is None else float(value)

    @property
    def drifting(self) -> bool:
        return bool(self.note.get("drifting"))


@dataclass
class DriftReport:
    checked: list[TakeDrift] = field(default_factory=list)
    measured_now: int = 0  # takes embedded in this run (the others had their embedding kept)
    not_rendered: int = 0
    failed: dict[int, str] = field(default_factory=dict)  # line id → why its take could not be measured
    cancelled: bool = False

    @property
    def drifting(self) -> list[TakeDrift]:
        return [c for c in self.checked if c.drifting]


@dataclass
class _Todo:
    episode: int
    number: int
    plan: LinePlan
    language: str
    voice: str
    role_id: int | None
    vector: np.ndarray | None = None
    reason: str | None = None


def _changes_timbre(plan: LinePlan) -> bool:
    assert plan.job is not None
    return any(k == EFFECT_EXTRA or k.startswith("voice_modify.") for k, _ in plan.job.request.extra)


def _embed_take(audio: bytes, fmt: str) -> np.ndarray | None:
    """The take's embedding, or None when it holds less than ``MIN_SECONDS`` of sound."""
    from studio.audio.decode import decode_to_mono

    samples = decode_to_mono(audio, fmt, EMBED_RATE)
    if samples.size < MIN_SECONDS * EMBED_RATE:
        return None
    try:
        return encoder().embed(samples, EMBED_RATE)
    except ValueError:  # silence
        return None


def _vector_of(note: dict[str, Any] | None) -> np.ndarray | None:
    if not note or note.get("encoder") != ENCODER_ID:
        return None
    try:
        vector = np.asarray(note["vector"], dtype=np.float32)
    except (KeyError, TypeError, ValueError):
        return None
    return vector if vector.shape == (256,) and np.all(np.isfinite(vector)) else None


async def check_drift(store: ProjectStore, planner: RenderPlanner, episode_ids: Sequence[int], *,
                      cache: EmbeddingCache | None = None, previews: PreviewCache | None = None,
                      threshold: float = DRIFT_BELOW, recheck: bool = False,
                      progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None,
                      keep: Callable[[int, str, dict[str, Any]], None] | None = None) -> DriftReport:
    """Judge every take of ``episode_ids`` that ``planner``'s engine rendered against its role's reference.

    ``progress(done, total)`` hears each take; ``cancelled()`` is asked between takes. Each new note goes to
    ``keep(take_id, kind, note)`` (kinds ``embedding`` and ``drift``); by default it is saved in ``store``.
    ``recheck`` measures every take again. Raises ``ActionError`` when the encoder is not installed."""
    problem = encoder_problem()
    if problem is not None:
        raise ActionError(problem)
    engine = planner.engine
    cache = cache or EmbeddingCache()
    save = keep or (lambda take_id, kind, note: store.set_take_note(take_id, kind, note))
    numbers = {e.id: n for n, e in enumerate(store.episodes(), 1)}
    report = DriftReport()
    names = {r.id: r.name for r in store.roles()}
    todo: list[_Todo] = []
    for ep in episode_ids:
        language = store.episode(ep).language
        for k, plan in enumerate(planner.plan(ep), 1):
            if plan.status != DONE or plan.take is None or plan.job is None:
                report.not_rendered += bool(plan.line.text.strip())
                continue
            todo.append(_Todo(numbers.get(ep, 0), k, plan, language, plan.job.request.voice_id, plan.line.role_id))
    take_ids = [t.plan.take.id for t in todo if t.plan.take is not None]
    drift_notes = {} if recheck else store.take_notes(NOTE_KIND, take_ids)
    vector_notes = {} if recheck else store.take_notes(EMBEDDING_NOTE, take_ids)

    # The references a voice has of its own: its sample lines (offline) or its newest cached preview.
    references: dict[tuple[str, str], tuple[np.ndarray, str, str]] = {}  # (voice, language) → vector, kind, version
    for voice, language in dict.fromkeys((t.voice, t.language) for t in todo):
        try:
            if engine.name == "minimax":
                shelf = previews or PreviewCache()
                meta = distinct.newest_previews(shelf, engine.name).get(voice)
                vectors = await distinct.measure_voices(engine, [voice], language, cache, render=False,
                                                        previews=shelf)
                if voice in vectors and meta is not None:
                    references[voice, language] = (vectors[voice], "preview", f"preview|{meta['key']}")
            else:
                vector = await distinct.voice_embedding(engine, voice, language, cache)
                references[voice, language] = (vector, "voice", f"{distinct.voice_version(engine, voice)}|{language}")
        except (ActionError, EmbeddingUnavailable) as exc:
            for t in todo:
                if t.voice == voice:
                    report.failed[t.plan.line.id] = str(exc)
    todo = [t for t in todo if t.plan.line.id not in report.failed]

    def reference_of(t: _Todo) -> tuple[np.ndarray, str, str] | None:
        return references.get((t.voice, t.language)) or fallback.get((t.role_id, t.voice))

    def judged(t: _Todo) -> dict[str, Any] | None:
        """The kept note, when it was judged against the reference it would be judged against now."""
        assert t.plan.take is not None
        note = drift_notes.get(t.plan.take.id)
        ref = references.get((t.voice, t.language))
        if note is None or ref is None or note.get("version") != ref[2] or note.get("threshold") != threshold:
            return None
        return note

    # Measure the takes that need it (all of a voice without a reference of its own: its first takes make one).
    fallback: dict[tuple[int | None, str], tuple[np.ndarray, str, str]] = {}
    need = [t for t in todo if judged(t) is None]
    for i, t in enumerate(need):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        take = t.plan.take
        assert take is not None
        if _changes_timbre(t.plan):
            t.reason = "effect"
        else:
            t.vector = _vector_of(vector_notes.get(take.id))
            if t.vector is None:
                try:
                    audio = store.take_audio(take.id)
                    t.vector = await asyncio.to_thread(_embed_take, audio, take.format)
                except Exception as exc:  # one take that cannot be read does not stop the check
                    report.failed[t.plan.line.id] = str(exc) or type(exc).__name__
                    continue
                report.measured_now += 1
                if t.vector is None:
                    t.reason = "short"
                else:
                    save(take.id, EMBEDDING_NOTE, {"encoder": ENCODER_ID,
                                                   "vector": [round(float(v), 5) for v in t.vector]})
            if t.vector is None:
                t.reason = t.reason or "short"
        if progress is not None:
            progress(i + 1, len(need))
    firsts: dict[tuple[int | None, str], list[_Todo]] = {}
    for t in todo:
        if (t.voice, t.language) not in references and t.vector is not None:
            firsts.setdefault((t.role_id, t.voice), []).append(t)
    for key, takes in firsts.items():
        chosen = takes[:FIRST_TAKES]
        mean = np.mean([t.vector for t in chosen if t.vector is not None], axis=0)
        version = "takes|" + ",".join(str(t.plan.take.id) for t in chosen if t.plan.take is not None)
        fallback[key] = ((mean / np.linalg.norm(mean)).astype(np.float32), "takes", version)

    for t in todo:
        take = t.plan.take
        assert take is not None
        note = judged(t)
        if note is None:
            if t.vector is None and t.reason is None:
                continue  # not reached (cancelled) or failed
            ref = reference_of(t)
            value = None if t.vector is None or ref is None else round(similarity(t.vector, ref[0]), 3)
            note = {"similarity": value, "drifting": value is not None and value < threshold,
                    "threshold": threshold, "voice": t.voice,
                    "reference": ref[1] if ref else None, "version": ref[2] if ref else None}
            if t.reason:
                note["reason"] = t.reason
            save(take.id, NOTE_KIND, note)
        report.checked.append(TakeDrift(t.plan.line.id, take.id, t.episode, t.number,
                                        names.get(t.role_id, "") if t.role_id is not None else "",
                                        t.plan.line.text, note))
    return report


__all__ = ["DRIFT_BELOW", "DriftReport", "NOTE_KIND", "TakeDrift", "check_drift"]
