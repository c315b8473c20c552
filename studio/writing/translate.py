"""Translating an episode (or a series) with a chat model, for dubbing: same lines, same roles, same pauses.

``translate_episode(ask, lines, source=…, target=…, glossary=…)`` sends the episode in chunks (with the
end of the previous chunk as context) and asks for colloquial, spoken short-drama dialogue in the target
language, each line about as long to say as its source (the seconds from
``studio.domain.timeline.estimate_duration_ms`` are given per line). Every answer must give back every
line id exactly once with its role unchanged (``generate.id_problems``); otherwise it is shown the
problem and asked again, a bounded number of times, and the whole translation fails with ``WritingError``
rather than come back with a line missing. The result, a ``TranslatedEpisode``, keeps for each line the
source line's id; ``studio.actions.writing`` turns it into a new episode in the target language with the
same cast, applied in one transaction.

The glossary (``Glossary``) keeps names and terms the same across a series: a plain JSON file beside the
project (``glossary_path(project)`` → ``<project>.glossary.json``) or any file given with ``--glossary``::

    {"en": {"顾沉": "Gu Chen", "霸总": "the boss"}, "zh": {"Gu Chen": "顾沉"}}

(keys are target languages; a flat ``{"顾沉": "Gu Chen"}`` applies to every target). Terms the model
adds for names it met are returned in ``TranslatedEpisode.new_terms``, for the caller to save.

Dubbing fit: ``check_fit(pairs, margin=0.15)`` takes source and target takes' durations and flags lines
running more than the margin over their source, each ``FitIssue`` offering (a) ``shorten_instruction``
for ``shorten_for_fit`` (an LLM rewrite to a number of seconds) and (b) ``speed``, a speed-up within the
engine's limits (``ENGINE_SPEED_LIMITS``) or None when even the fastest speed would not fit.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.domain.timeline import estimate_duration_ms
from studio.formats.script_import import DraftLine
from studio.writing.ask import JsonAsk, JsonTask
from studio.writing.errors import WritingError
from studio.writing.generate import SeriesBrief, id_problems, rewrite_lines
from studio.writing.lines import LANGUAGE_NAMES, ContextLine

#: Lines sent in one request.
CHUNK_LINES = 40
#: The fastest and slowest speed each engine accepts.
ENGINE_SPEED_LIMITS: dict[str, tuple[float, float]] = {"minimax": (0.5, 2.0), "kokoro": (0.5, 2.0),
                                                       "espeak": (0.5, 2.0)}
DEFAULT_MARGIN = 0.15

TRANSLATION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "lines": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "role": {"type": "string"},
                           "text": {"type": "string", "minLength": 1}},
            "required": ["id", "role", "text"]}},
        "terms": {"type": "array", "items": {
            "type": "object",
            "properties": {"source": {"type": "string", "minLength": 1},
                           "target": {"type": "string", "minLength": 1}},
            "required": ["source", "target"]}},
    },
    "required": ["lines"],
}


# --- glossary ------------------------------------------------------------------------------------------

def glossary_path(project: str | Path) -> Path:
    """Where a project's glossary lives: beside it, ``<name>.glossary.json``."""
    p = Path(project)
    return p.with_name(p.stem + ".glossary.json")


@dataclass
class Glossary:
    """Names and terms per target language (``""``: every target)."""

    terms: dict[str, dict[str, str]] = field(default_factory=dict)

    def for_target(self, language: str) -> dict[str, str]:
        return {**self.terms.get("", {}), **self.terms.get(language, {})}

    def add(self, language: str, found: Mapping[str, str]) -> None:
        book = self.terms.setdefault(language, {})
        for source, target in found.items():
            if source.strip() and target.strip() and source not in self.for_target(language):
                book[source.strip()] = target.strip()

    @classmethod
    def from_json(cls, data: Any, *, source: str = "The glossary") -> Glossary:
        if not isinstance(data, dict):
            raise WritingError(f"{source} must be a JSON object like {{\"en\": {{\"顾沉\": \"Gu Chen\"}}}}.")
        terms: dict[str, dict[str, str]] = {}
        for key, value in data.items():
            if isinstance(value, str):
                terms.setdefault("", {})[str(key)] = value
            elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                terms[str(key)] = {str(k): v for k, v in value.items()}
            else:
                raise WritingError(f"{source}: “{key}” must map terms to their translations (text to text).")
        return cls(terms)

    @classmethod
    def load(cls, path: str | Path, *, missing_ok: bool = True) -> Glossary:
        p = Path(path)
        if not p.exists():
            if missing_ok:
                return cls()
            raise WritingError(f"There is no glossary at {p}.")
        try:
            data = json.loads(p.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as exc:
            raise WritingError(f"The glossary {p.name} could not be read ({exc}). Fix it or leave it out.") from None
        return cls.from_json(data, source=f"The glossary {p.name}")

    def to_json(self) -> dict[str, Any]:
        flat = self.terms.get("", {})
        return {**flat, **{k: dict(v) for k, v in self.terms.items() if k}}

    def save(self, path: str | Path) -> Path:
        p = Path(path)
        tmp = p.with_name(p.name + ".part")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(p)
        return p


# --- translation ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TranslatedLine:
    source_id: int
    role: str
    text: str


@dataclass
class TranslatedEpisode:
    title: str
    language: str
    lines: list[TranslatedLine]
    new_terms: dict[str, str] = field(default_factory=dict)

    def text_for(self, source_id: int) -> str:
        return next(ln.text for ln in self.lines if ln.source_id == source_id)


def _system(source: str, target: str) -> str:
    return (f"You translate vertical short dramas (短剧) from {LANGUAGE_NAMES.get(source, source)} into "
            f"{LANGUAGE_NAMES.get(target, target)} for dubbing. Write natural, colloquial spoken dialogue "
            "the way native actors would say it — short sentences, contractions, idiom where the source "
            "uses idiom — never stiff or literal. Keep every line's id and role exactly; one translated "
            "line per source line, never merged or split. Each line should take about as long to say as "
            "its source (seconds are given): shorten rather than pad. Use the glossary's translations for "
            "names and terms every time; list in terms any other name you translated.")


def _relevant(glossary: Mapping[str, str], texts: Sequence[str]) -> dict[str, str]:
    joined = "\n".join(texts)
    return {k: v for k, v in glossary.items() if k in joined}


def _chunk_messages(chunk: Sequence[ContextLine], *, source: str, target: str, title: str, first: bool,
                    glossary: Mapping[str, str], before: Sequence[tuple[ContextLine, str]]) -> list[dict[str, Any]]:
    items = []
    for ln in chunk:
        item = ln.to_prompt()
        item["seconds"] = round(estimate_duration_ms(ln.text, source, ln.delivery.speed or 1.0) / 1000, 1)
        items.append(item)
    parts = []
    if first and title:
        parts.append(f"Episode title: {title} (translate it as title)")
    terms = _relevant(glossary, [ln.text for ln in chunk] + [title])
    names = {ln.role for ln in chunk}
    terms.update({k: v for k, v in glossary.items() if k in names})
    if terms:
        parts.append("Glossary: " + json.dumps(terms, ensure_ascii=False))
    if before:
        shown = "\n".join(f"{ln.role}: {ln.text} => {text}" for ln, text in before)
        parts.append(f"Just before (already translated):\n{shown}")
    parts.append("Translate these lines: " + json.dumps(items, ensure_ascii=False))
    return [{"role": "system", "content": _system(source, target)},
            {"role": "user", "content": "\n\n".join(parts)}]


async def translate_episode(ask: JsonAsk, lines: Sequence[ContextLine], *, source: str, target: str,
                            title: str = "", glossary: Glossary | None = None, chunk_lines: int = CHUNK_LINES,
                            on_progress: Callable[[int, int], None] | None = None) -> TranslatedEpisode:
    """Every line of ``lines`` translated into ``target``, or ``WritingError``. ``on_progress(done,
    total)`` hears each finished chunk (lines done of all)."""
    if source == target:
        raise WritingError(f"The episode is already in {LANGUAGE_NAMES.get(target, target)}.")
    if target not in LANGUAGE_NAMES:
        raise WritingError(f"Troupe translates into zh or en, not “{target}”.")
    speaking = [ln for ln in lines if ln.text.strip()]
    if not speaking:
        raise WritingError("The episode has no lines to translate.")
    ids = [ln.id for ln in speaking]
    if len(set(ids)) != len(ids):
        raise WritingError("The episode's line ids are not unique.")
    book = dict(glossary.for_target(target)) if glossary else {}
    out: list[TranslatedLine] = []
    new_terms: dict[str, str] = {}
    translated_title = ""
    before: list[tuple[ContextLine, str]] = []
    size = max(1, chunk_lines)
    for start in range(0, len(speaking), size):
        chunk = speaking[start:start + size]
        roles = {ln.id: ln.role for ln in chunk}
        wanted = [ln.id for ln in chunk]

        def check(value: Any, wanted: list[int] = wanted, roles: dict[int, str] = roles) -> list[str]:
            return id_problems(value["lines"], wanted, roles)

        task = JsonTask("translated_lines", TRANSLATION_SCHEMA, check, what="The translation")
        value = await ask.ask(_chunk_messages(chunk, source=source, target=target, title=title, first=start == 0,
                                              glossary=book, before=before), task)
        by_id = {int(item["id"]): " ".join(str(item["text"]).split()) for item in value["lines"]}
        out.extend(TranslatedLine(ln.id, ln.role, by_id[ln.id]) for ln in chunk)
        if start == 0:
            translated_title = str(value.get("title") or "").strip()
        for term in value.get("terms") or []:
            src, dst = str(term["source"]).strip(), str(term["target"]).strip()
            if src and dst and src not in book:
                new_terms[src] = dst
                book[src] = dst
        before = [(ln, by_id[ln.id]) for ln in chunk[-5:]]
        if on_progress is not None:
            on_progress(min(len(speaking), start + size), len(speaking))
    return TranslatedEpisode(translated_title or title, target, out, new_terms)


# --- dubbing fit ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FitPair:
    """A source line and its translation, with their takes' (or estimated) durations."""

    source_id: int
    target_id: int
    source_ms: int
    target_ms: int
    text: str = ""  # the target line's text
    speed: float = 1.0  # the target line's current speed


@dataclass(frozen=True)
class FitIssue:
    source_id: int
    target_id: int
    source_ms: int
    target_ms: int
    over: float  # how far over its source, 0.25 = 25 %
    speed: float | None  # a speed that fits within the engine's limits, or None
    max_speed: float
    text: str = ""

    @property
    def target_seconds(self) -> float:
        return round(self.source_ms / 1000, 1)

    def shorten_instruction(self) -> str:
        return f"shorter: about {self.target_seconds:g} seconds to say (now {self.target_ms / 1000:.1f})"


def check_fit(pairs: Sequence[FitPair], *, margin: float = DEFAULT_MARGIN, engine: str = "kokoro") -> list[FitIssue]:
    """The lines whose translation runs more than ``margin`` over its source, each with a speed-up that
    brings it back within the source's length (within ``engine``'s limits) when one does."""
    if not 0 <= margin <= 5:
        raise WritingError("The margin must be between 0 and 5 (0.15 is 15 %).")
    _, fastest = ENGINE_SPEED_LIMITS.get(engine, (0.5, 2.0))
    issues = []
    for p in pairs:
        if p.source_ms <= 0 or p.target_ms <= 0:
            continue
        over = p.target_ms / p.source_ms - 1
        if over <= margin + 1e-9:
            continue
        needed = math.ceil(p.speed * p.target_ms / p.source_ms * 100) / 100
        speed = needed if needed <= fastest else None
        issues.append(FitIssue(p.source_id, p.target_id, p.source_ms, p.target_ms, round(over, 3), speed, fastest,
                               p.text))
    return issues


async def shorten_for_fit(ask: JsonAsk, brief: SeriesBrief, lines: Sequence[ContextLine],
                          issues: Sequence[FitIssue]) -> dict[int, DraftLine]:
    """Shorter versions of the flagged target lines (``lines``: the target episode), each asked to fit its
    source's seconds. Nothing is applied."""
    if not issues:
        return {}
    targets = "; ".join(f"[{i.target_id}] at most {i.target_seconds:g} s" for i in issues)
    return await rewrite_lines(ask, brief, lines, [i.target_id for i in issues],
                               f"make each line shorter to say, keeping its meaning and tone — {targets}")


__all__ = ["CHUNK_LINES", "DEFAULT_MARGIN", "ENGINE_SPEED_LIMITS", "FitIssue", "FitPair", "Glossary",
           "TRANSLATION_SCHEMA", "TranslatedEpisode", "TranslatedLine", "check_fit", "glossary_path",
           "shorten_for_fit", "translate_episode"]
