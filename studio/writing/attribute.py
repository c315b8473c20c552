"""Who says what in prose, with a chat model — or, with none, the offline splitter.

``attribute(text, ask=None, roster=None)`` returns a ``ProseAttribution`` (``studio.formats.prose``): with
``ask`` (a ``JsonAsk`` on the configured chat client) the chapter goes to the model in chunks of whole
paragraphs (``chunk_chars``), each chunk shown the roster so far (names, aliases, genders) and adding
to it, so 顾沉 in chunk 1 is still 顾沉 — and not a new 顾总 — in chunk 5; without ``ask`` the offline
rule-based splitter does the work (``studio.formats.prose.attribute_prose``).

Every model answer is checked before it is used: each paragraph of the chunk is covered, in order;
each line's text is taken from its paragraph (the model may not write text of its own); each speaker is
a character whose name or alias occurs in the chapter or the given roster, so a narrative sentence can
never become a role. A chunk whose answers stay wrong fails the whole attribution with ``WritingError``:
nothing half-attributed comes back. ``on_progress(done, total)`` hears each chunk.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any

from studio.domain.model import is_narrator_name
from studio.formats.prose import (
    ProseAttribution,
    ProseLine,
    Roster,
    attribute_prose,
    paragraphs,
    plausible_name,
    split_chunks,
)
from studio.formats.script_import import detect_language
from studio.writing.ask import JsonAsk, JsonTask
from studio.writing.errors import WritingError
from studio.writing.lines import LANGUAGE_NAMES

CHUNK_CHARS = 2500

ATTRIBUTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "characters": {"type": "array", "items": {
            "type": "object",
            "properties": {"name": {"type": "string", "minLength": 1},
                           "aliases": {"type": "array", "items": {"type": "string"}},
                           "gender": {"enum": ["female", "male", None]}},
            "required": ["name"]}},
        "lines": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "properties": {"paragraph": {"type": "integer", "minimum": 1},
                           "kind": {"enum": ["dialogue", "narration"]},
                           "speaker": {"type": ["string", "null"]},
                           "text": {"type": "string", "minLength": 1},
                           "confidence": {"type": "number", "minimum": 0, "maximum": 1}},
            "required": ["paragraph", "kind", "text"]}},
    },
    "required": ["lines"],
}

def _squash(text: str) -> str:
    """The words only: spaces and punctuation differ between a paragraph and its lines (“：” becomes “。”)."""
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


def _system(language: str) -> str:
    return (f"You turn a chapter of a {LANGUAGE_NAMES.get(language, language)} novel into lines for an audio "
            "drama. Split every paragraph, in order, into dialogue (the words inside quotation marks, without "
            "the marks) and narration (everything else, one sentence per line). Give each dialogue line its "
            "speaker — a character's canonical name from the roster, or a new character you list in "
            "characters with their aliases and gender — and your confidence from 0 to 1. Copy the text "
            "exactly; never add words. A speaker must be a person named in the text: never use a phrase "
            "such as “老陈点点头” or “the man in the car” as a name. Use null as speaker when you cannot tell.")


def _roster_text(roster: Roster) -> str:
    return json.dumps([{"name": n, "aliases": roster.aliases_of(n), "gender": roster.gender(n)}
                       for n in roster.names], ensure_ascii=False)


def _forms(roster: Roster, name: str) -> list[str]:
    canonical = roster.canonical(name) or name
    return [canonical, *roster.aliases_of(canonical)]


def _check(chunk: list[str], first: int, chapter: str, roster: Roster) -> Callable[[Any], list[str]]:
    squashed = {first + i: _squash(p) for i, p in enumerate(chunk)}
    last = first + len(chunk) - 1

    def check(value: Any) -> list[str]:
        problems: list[str] = []
        known = Roster(dict(roster.aliases), dict(roster.genders))
        for c in value.get("characters") or []:
            names = [c["name"], *(c.get("aliases") or [])]
            odd = [n for n in names if not plausible_name(n)]
            if odd:
                problems.append(f"characters: “{odd[0]}” is a phrase from the text, not a name; give the person's "
                                "name.")
            if not any(n.strip() and n.strip() in chapter for n in names):
                problems.append(f"characters: “{c['name']}” is not named in the text; list only people the text "
                                "names.")
            known.add(c["name"], c.get("aliases") or ())
        covered: set[int] = set()
        previous = first
        for i, line in enumerate(value["lines"]):
            n = line["paragraph"]
            if not first <= n <= last:
                problems.append(f"lines[{i}].paragraph {n} is outside {first}–{last}.")
                continue
            if n < previous:
                problems.append(f"lines[{i}] goes back to paragraph {n}; keep the text's order.")
            previous = n
            covered.add(n)
            if _squash(line["text"]) not in squashed[n]:
                problems.append(f"lines[{i}].text is not in paragraph {n}; copy the text exactly.")
            speaker = (line.get("speaker") or "").strip()
            if line["kind"] == "dialogue" and speaker and not is_narrator_name(speaker):
                if known.canonical(speaker) is None:
                    problems.append(f"lines[{i}].speaker “{speaker}” is not in the roster or characters.")
                elif not plausible_name(speaker):
                    problems.append(f"lines[{i}].speaker “{speaker}” is a phrase, not a name.")
                elif speaker not in roster.aliases and not any(a in chapter for a in _forms(known, speaker)):
                    problems.append(f"lines[{i}].speaker “{speaker}” is not named in the text.")
        missing = [str(n) for n in range(first, last + 1) if n not in covered and squashed[n]]
        if missing:
            problems.append(f"Paragraphs {', '.join(missing[:12])} are missing; split every paragraph.")
        return problems[:10]

    return check


async def attribute(text: str, *, ask: JsonAsk | None = None, roster: Roster | None = None,
                    language: str | None = None, title: str = "", chunk_chars: int = CHUNK_CHARS,
                    on_progress: Callable[[int, int], None] | None = None) -> ProseAttribution:
    """The chapter's lines with speakers: by the chat model with ``ask``, offline without."""
    if ask is None:
        return attribute_prose(text, roster=roster, language=language, title=title)
    offline = attribute_prose(text, roster=roster, language=language, title=title)  # title, language, names
    paras = paragraphs(text)
    if offline.title and paras and paras[0].strip().lstrip("#").strip() == offline.title:
        paras = paras[1:]
    if not paras:
        raise WritingError("The text has no paragraphs to attribute.")
    language = language or offline.language or detect_language(paras)
    current = Roster(dict((roster or Roster()).aliases), dict((roster or Roster()).genders))
    chapter = "\n".join(paras)
    lines: list[ProseLine] = []
    chunks = split_chunks(paras, chunk_chars)
    first = 1
    for done, chunk in enumerate(chunks, start=1):
        numbered = "\n".join(f"[{first + i}] {p}" for i, p in enumerate(chunk))
        messages = [{"role": "system", "content": _system(language)},
                    {"role": "user", "content": f"Roster so far: {_roster_text(current)}\n\n"
                                                f"Paragraphs:\n{numbered}"}]
        task = JsonTask("attributed_lines", ATTRIBUTION_SCHEMA, _check(chunk, first, chapter, current),
                        what="The attribution")
        value = await ask.ask(messages, task)
        for c in value.get("characters") or []:
            current.add(c["name"], [a for a in c.get("aliases") or [] if a.strip()], c.get("gender"))
        for line in value["lines"]:
            speaker = (line.get("speaker") or "").strip()
            canonical = current.canonical(speaker) if speaker and not is_narrator_name(speaker) else None
            dialogue = line["kind"] == "dialogue"
            confidence = float(line.get("confidence", 0.8 if canonical else 0.1))
            lines.append(ProseLine("dialogue" if dialogue else "narration", " ".join(line["text"].split()),
                                   canonical if dialogue else None,
                                   round(confidence if dialogue else 1.0, 2), line["paragraph"],
                                   how="model" if dialogue and canonical else ("unknown" if dialogue else "")))
        first += len(chunk)
        if on_progress is not None:
            on_progress(done, len(chunks))
    speakers = [ln.speaker for ln in lines if ln.kind == "dialogue"]
    return ProseAttribution(title or offline.title, language, lines, current, speakers)


__all__ = ["ATTRIBUTION_SCHEMA", "CHUNK_CHARS", "attribute"]
