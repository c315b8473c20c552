"""The values the writing room trades in, and how they look to a chat model.

``CastMember`` (a role's name, gender, description and aliases) and ``ContextLine`` (a line of an
existing episode, with its id) are what the model is shown; ``LINE_SCHEMA`` is one line of an answer
(``role``, ``text``, ``emotion``, ``pause_ms``, ``note``), ``normalize_line`` maps what models write for
an emotion ("开心", "tense", "neutral") onto the studio's vocabulary before the schema is checked, and
``draft_line`` turns an answer's line into the ``DraftLine`` a preview shows and an import adds.
Qt-free, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from studio.domain.model import EMOTIONS, Delivery, is_narrator_name
from studio.formats.script_import import DraftLine, emotion_id

NARRATOR = {"zh": "旁白", "en": "Narrator"}
LANGUAGE_NAMES = {"zh": "Simplified Chinese (简体中文)", "en": "English"}
MAX_PAUSE_MS = 60_000

LINE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "role": {"type": "string", "minLength": 1, "description": "who speaks (the narrator for narration)"},
        "text": {"type": "string", "minLength": 1, "description": "what is said, spoken style"},
        "emotion": {"enum": [*EMOTIONS, None], "description": "how it is said, or null"},
        "pause_ms": {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_PAUSE_MS,
                     "description": "silence before the line in milliseconds, or null for the usual gap"},
        "note": {"type": "string", "description": "a stage direction shown but never spoken"},
    },
    "required": ["role", "text"],
}


@dataclass(frozen=True)
class CastMember:
    """A role the model may give lines to."""

    name: str
    gender: str | None = None  # "female" | "male" | None
    description: str = ""
    aliases: tuple[str, ...] = ()

    def to_prompt(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.gender:
            out["gender"] = self.gender
        if self.description:
            out["description"] = self.description
        if self.aliases:
            out["aliases"] = list(self.aliases)
        return out


@dataclass(frozen=True)
class ContextLine:
    """A line of an existing episode as the model sees it; ``id`` is the line's id in the project (or
    its position when it has none)."""

    id: int
    role: str
    text: str
    emotion: str | None = None
    note: str = ""
    gap_ms: int | None = None
    delivery: Delivery = field(default_factory=Delivery)

    def to_prompt(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "role": self.role, "text": self.text}
        if self.emotion:
            out["emotion"] = self.emotion
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class EarlierEpisode:
    """An episode the model should know of (continuity): its number, title and lines."""

    number: int
    title: str
    lines: tuple[ContextLine, ...] = ()


def narrator_for(language: str) -> str:
    return NARRATOR.get(language, "Narrator")


def normalize_emotion(raw: Any) -> Any:
    """An emotion id for what a model wrote ("开心" → "happy", "neutral" → None); unknown words are kept
    (the schema then names them)."""
    if raw is None or not isinstance(raw, str):
        return raw
    try:
        return emotion_id(raw)
    except KeyError:
        return raw.strip()


def normalize_line(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    out = dict(item)
    if "emotion" in out:
        out["emotion"] = normalize_emotion(out["emotion"])
    for key in ("role", "text", "note"):
        if isinstance(out.get(key), str):
            out[key] = " ".join(out[key].split())
    if isinstance(out.get("pause_ms"), float) and out["pause_ms"].is_integer():
        out["pause_ms"] = int(out["pause_ms"])
    return out


def normalize_lines(value: Any, key: str = "lines") -> Any:
    if isinstance(value, dict) and isinstance(value.get(key), list):
        value = dict(value)
        value[key] = [normalize_line(item) for item in value[key]]
    return value


def draft_line(item: dict[str, Any], *, row: int = 0) -> DraftLine:
    """The ``DraftLine`` of a validated answer line."""
    emotion = item.get("emotion")
    return DraftLine(role=str(item["role"]).strip(), text=str(item["text"]).strip(),
                     delivery=Delivery(emotion=emotion if emotion in EMOTIONS else None),
                     gap_ms=item.get("pause_ms"), source_row=row, note=str(item.get("note") or "").strip())


def role_problems(lines: Sequence[Any], allowed: Iterable[str], *, key: str = "lines") -> list[str]:
    """Sentences for answer lines whose role is not one of ``allowed`` (the narrator always is)."""
    names = set(allowed)
    problems = []
    for i, item in enumerate(lines):
        role = str(item.get("role", "")).strip() if isinstance(item, dict) else ""
        if role and role not in names and not is_narrator_name(role):
            problems.append(f"{key}[{i}].role “{role}” is not in the cast; use one of "
                            f"{', '.join(sorted(names)) or 'the narrator'}.")
    return problems[:6]


__all__ = ["CastMember", "ContextLine", "EarlierEpisode", "LANGUAGE_NAMES", "LINE_SCHEMA", "NARRATOR",
           "draft_line", "narrator_for", "normalize_emotion", "normalize_line", "normalize_lines",
           "role_problems"]
