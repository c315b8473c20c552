"""Writing episodes with a chat model: a series from a premise, the next lines of an episode, a rewrite
of chosen lines.

A ``SeriesBrief`` holds what the user asked for (premise, genre — 甜宠, 逆袭, 悬疑, 霸总, romance,
thriller … —, language, number and length of episodes, the cast and whether new roles may be added).
Each episode is one request whose answer is validated against ``episode_schema`` (title, new roles, and
lines of ``role``/``text``/``emotion``/``pause_ms``/``note``) and checked (every role is in the cast,
the new roles or the narrator); an unusable answer is retried a bounded number of times
(``studio.writing.ask``). What comes back is a ``GeneratedEpisode`` — a ``ScriptDraft`` and the new roles
with their genders — that nothing has applied yet: ``studio.actions.writing`` turns it into an import plan.

Calls, for a window (all async; ``ask`` is a ``JsonAsk`` on the configured chat client):

* ``await generate_series(ask, brief)`` → ``list[GeneratedEpisode]`` (episode *n* sees episodes 1…n-1).
* ``async for event in stream_series(ask, brief)``: ``LinePreview(episode, index, line)`` as each line
  completes, ``Restarted(episode, reason)`` when an answer was dropped (clear that episode's preview),
  ``EpisodeReady(episode, result)`` when an episode is complete and valid. It ends after the last
  ``EpisodeReady`` or raises ``WritingError``.
* ``await continue_episode(ask, brief, lines, count=…, instruction=…)`` → ``GeneratedEpisode`` of the
  lines to append; ``stream_continuation`` streams the same events.
* ``await rewrite_lines(ask, brief, lines, selected_ids, instruction)`` → ``{line id: DraftLine}``, every
  selected id exactly once with its role kept ("more tense", "shorter", "更口语化").

Must not live here: project access, Qt, printing.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Any

from studio.domain.model import is_narrator_name
from studio.formats.script_import import DraftLine, ScriptDraft
from studio.writing.ask import Finished, JsonAsk, JsonTask, Partial, Retrying
from studio.writing.errors import WritingError
from studio.writing.jsonio import schema_problems
from studio.writing.lines import (
    LANGUAGE_NAMES,
    LINE_SCHEMA,
    CastMember,
    ContextLine,
    EarlierEpisode,
    draft_line,
    narrator_for,
    normalize_line,
    normalize_lines,
    role_problems,
)

#: Genres offered in the window, with what each asks of the writing.
GENRES: dict[str, str] = {
    "甜宠": "sweet, teasing romance with a protective love interest; warm misunderstandings resolved",
    "逆袭": "an underdog humiliated early who turns the tables; satisfying reversals (打脸) each episode",
    "悬疑": "suspense: a mystery, clues planted and paid off, a cliffhanger at each episode's end",
    "霸总": "a domineering, rich CEO love interest; power imbalance, sharp banter, jealousy",
    "复仇": "revenge: a wronged heroine returns and dismantles her enemies step by step",
    "穿越": "time travel or rebirth: modern knowledge in another era, or a second chance at life",
    "romance": "romance: chemistry, obstacles, a slow-burn or a meet-cute",
    "thriller": "thriller: danger, a ticking clock, reversals, a cliffhanger at each episode's end",
    "comedy": "comedy: quick banter, running gags, a light touch",
    "fantasy": "fantasy: a magic system, a quest, a world with rules",
}
#: About how long a spoken short-drama line takes, for turning episode seconds into a line count.
SECONDS_PER_LINE = 4.5
MAX_EPISODES = 100


@dataclass(frozen=True)
class SeriesBrief:
    premise: str
    genre: str = ""
    language: str = "zh"  # "zh" | "en"
    episodes: int = 1
    episode_seconds: int = 90  # the length of each episode, spoken
    cast: tuple[CastMember, ...] = ()
    allow_new_roles: bool = True
    title: str = ""  # the series' title, when it has one
    earlier: tuple[EarlierEpisode, ...] = ()  # episodes already in the project, oldest first

    @property
    def target_lines(self) -> int:
        return max(4, round(self.episode_seconds / SECONDS_PER_LINE))

    def problems(self) -> list[str]:
        found = []
        if not self.premise.strip():
            found.append("Write a premise: a sentence or two about the story.")
        if self.language not in LANGUAGE_NAMES:
            found.append(f"The language must be zh or en, not “{self.language}”.")
        if not 1 <= self.episodes <= MAX_EPISODES:
            found.append(f"The number of episodes must be 1 to {MAX_EPISODES}.")
        if not 15 <= self.episode_seconds <= 900:
            found.append("An episode must be 15 seconds to 15 minutes long.")
        if not self.allow_new_roles and not self.cast:
            found.append("With no new roles allowed, the series needs a cast.")
        return found


@dataclass
class GeneratedEpisode:
    """An episode (or lines to append) the model wrote: a draft, and the roles it added."""

    number: int
    draft: ScriptDraft
    new_roles: list[CastMember] = field(default_factory=list)


@dataclass(frozen=True)
class LinePreview:
    episode: int
    index: int
    line: DraftLine


@dataclass(frozen=True)
class Restarted:
    episode: int
    reason: str


@dataclass(frozen=True)
class EpisodeReady:
    episode: int
    result: GeneratedEpisode


GenerationEvent = LinePreview | Restarted | EpisodeReady


# --- schema and checks -------------------------------------------------------------------------------

NEW_ROLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"name": {"type": "string", "minLength": 1},
                   "gender": {"enum": ["female", "male", None]},
                   "description": {"type": "string"}},
    "required": ["name"],
}


def episode_schema(*, new_roles: bool = True) -> dict[str, Any]:
    props: dict[str, Any] = {"title": {"type": "string"}}
    if new_roles:
        props["new_roles"] = {"type": "array", "items": NEW_ROLE_SCHEMA}
    props["lines"] = {"type": "array", "minItems": 1, "items": LINE_SCHEMA}
    return {"type": "object", "properties": props, "required": ["title", "lines"]}


def _new_names(value: dict[str, Any]) -> list[str]:
    return [str(r.get("name", "")).strip() for r in value.get("new_roles") or [] if isinstance(r, dict)]


def _episode_check(brief: SeriesBrief) -> Any:
    cast = {c.name for c in brief.cast}

    def check(value: Any) -> list[str]:
        new = _new_names(value)
        clash = [n for n in new if n in cast]
        problems = [f"new_roles: “{n}” is already in the cast; do not list it as new." for n in clash][:3]
        if not brief.allow_new_roles and new:
            problems.append("new_roles must be empty: use only the given cast.")
        problems += role_problems(value["lines"], cast | set(new))
        return problems

    return check


def episode_task(brief: SeriesBrief) -> JsonTask:
    return JsonTask("episode_script", episode_schema(new_roles=brief.allow_new_roles), _episode_check(brief),
                    what="The generated episode", normalize=normalize_lines)


# --- prompts -------------------------------------------------------------------------------------------

def _system(brief: SeriesBrief) -> str:
    lang = LANGUAGE_NAMES.get(brief.language, brief.language)
    narrator = narrator_for(brief.language)
    return (
        "You are the head writer of a vertical short drama (短剧) for audio: 1–3 minute episodes, fast "
        "hooks, conflict in the first lines, a cliffhanger at the end. Write every line as it is spoken: "
        "short, colloquial, natural to say aloud, no camera directions inside lines. Put actions and "
        f"settings in short narration lines spoken by “{narrator}” or in a line's note. Use emotions "
        "only where they matter. pause_ms is for a dramatic silence only (otherwise null). "
        f"Write all text in {lang}; role names stay exactly as given.")


def _cast_text(brief: SeriesBrief, extra: Sequence[CastMember] = ()) -> str:
    cast = [c.to_prompt() for c in (*brief.cast, *extra)]
    rule = ("You may add new roles (list each in new_roles with its gender)." if brief.allow_new_roles
            else "Use only these roles (and the narrator); new_roles must be empty.")
    return f"Cast: {json.dumps(cast, ensure_ascii=False)}\n{rule}"


def _earlier_text(earlier: Sequence[EarlierEpisode], budget: int = 6000) -> str:
    if not earlier:
        return ""
    parts: list[str] = []
    used = 0
    for ep in reversed(earlier):  # the latest episodes matter most
        body = "\n".join(f"{ln.role}: {ln.text}" for ln in ep.lines)
        text = f"Episode {ep.number} “{ep.title}”:\n{body}"
        if used + len(text) > budget:
            text = text[: max(0, budget - used)]
        if text:
            parts.append(text)
        used += len(text)
        if used >= budget:
            break
    return "Earlier episodes (keep continuity):\n" + "\n\n".join(reversed(parts))


def _genre_text(genre: str) -> str:
    if not genre.strip():
        return ""
    hint = GENRES.get(genre.strip()) or GENRES.get(genre.strip().lower())
    return f"Genre: {genre}" + (f" — {hint}." if hint else ".")


def episode_messages(brief: SeriesBrief, number: int, earlier: Sequence[EarlierEpisode] = (),
                     extra_cast: Sequence[CastMember] = ()) -> list[dict[str, Any]]:
    parts = [
        f"Series: {brief.title}" if brief.title else "",
        f"Premise: {brief.premise.strip()}",
        _genre_text(brief.genre),
        _cast_text(brief, extra_cast),
        _earlier_text([*brief.earlier, *earlier]),
        f"Write episode {number} of {max(brief.episodes, number)}: about {brief.target_lines} lines "
        f"(about {brief.episode_seconds} seconds spoken), with a title.",
    ]
    return [{"role": "system", "content": _system(brief)},
            {"role": "user", "content": "\n\n".join(p for p in parts if p)}]


# --- results -------------------------------------------------------------------------------------------

def _episode(brief: SeriesBrief, number: int, value: dict[str, Any], title: str | None = None) -> GeneratedEpisode:
    lines = [draft_line(item, row=i) for i, item in enumerate(value["lines"], start=1)]
    narrator = narrator_for(brief.language)
    lines = [DraftLine(narrator if is_narrator_name(ln.role) else ln.role, ln.text, ln.delivery, ln.gap_ms,
                       ln.source_row, ln.note) for ln in lines]
    new_roles: list[CastMember] = []
    cast = {c.name for c in brief.cast}
    for item in value.get("new_roles") or []:
        name = str(item["name"]).strip()
        if name and name not in cast and not is_narrator_name(name) and name not in {r.name for r in new_roles}:
            new_roles.append(CastMember(name, item.get("gender"), str(item.get("description") or "").strip()))
    draft = ScriptDraft(title=(title if title is not None else str(value.get("title") or "")).strip(),
                        language=brief.language, lines=lines,
                        roles=list(dict.fromkeys(ln.role for ln in lines)), episode_number=number)
    return GeneratedEpisode(number, draft, new_roles)


def _as_earlier(result: GeneratedEpisode) -> EarlierEpisode:
    return EarlierEpisode(result.number, result.draft.title,
                          tuple(ContextLine(i, ln.role, ln.text) for i, ln in enumerate(result.draft.lines)))


def _preview(brief: SeriesBrief, number: int, event: Partial) -> LinePreview | None:
    item = normalize_line(event.value)
    if schema_problems(item, LINE_SCHEMA):
        return None
    return LinePreview(number, event.index, draft_line(item, row=event.index + 1))


def _first_number(brief: SeriesBrief) -> int:
    return max((e.number for e in brief.earlier), default=0) + 1


def _check_brief(brief: SeriesBrief) -> None:
    problems = brief.problems()
    if problems:
        raise WritingError(" ".join(problems), problems=problems)


async def generate_episode(ask: JsonAsk, brief: SeriesBrief, number: int,
                           earlier: Sequence[EarlierEpisode] = (),
                           extra_cast: Sequence[CastMember] = ()) -> GeneratedEpisode:
    _check_brief(brief)
    value = await ask.ask(episode_messages(brief, number, earlier, extra_cast), episode_task(brief))
    return _episode(brief, number, value)


def _with_cast(brief: SeriesBrief, extra: Sequence[CastMember]) -> SeriesBrief:
    if not extra:
        return brief
    return SeriesBrief(brief.premise, brief.genre, brief.language, brief.episodes, brief.episode_seconds,
                       (*brief.cast, *extra), brief.allow_new_roles, brief.title, brief.earlier)


async def generate_series(ask: JsonAsk, brief: SeriesBrief) -> list[GeneratedEpisode]:
    """``brief.episodes`` episodes, each written with the ones before it (and their new roles) as context."""
    results: list[GeneratedEpisode] = []
    async for event in stream_series(ask, brief, stream=False):
        if isinstance(event, EpisodeReady):
            results.append(event.result)
    return results


async def stream_series(ask: JsonAsk, brief: SeriesBrief, *, stream: bool = True) -> AsyncIterator[GenerationEvent]:
    _check_brief(brief)
    first = _first_number(brief)
    earlier: list[EarlierEpisode] = []
    added: list[CastMember] = []
    for number in range(first, first + brief.episodes):
        current = _with_cast(brief, added)
        messages = episode_messages(current, number, earlier)
        task = episode_task(current)
        if stream:
            result: GeneratedEpisode | None = None
            async with aclosing(ask.stream(messages, task)) as events:
                async for event in events:
                    if isinstance(event, Partial):
                        preview = _preview(current, number, event)
                        if preview is not None:
                            yield preview
                    elif isinstance(event, Retrying):
                        yield Restarted(number, event.reason)
                    elif isinstance(event, Finished):
                        result = _episode(current, number, event.value)
            assert result is not None
        else:
            result = _episode(current, number, await ask.ask(messages, task))
        added.extend(result.new_roles)
        earlier.append(_as_earlier(result))
        yield EpisodeReady(number, result)


# --- continue ------------------------------------------------------------------------------------------

def _continue_messages(brief: SeriesBrief, lines: Sequence[ContextLine], count: int, instruction: str,
                       title: str) -> list[dict[str, Any]]:
    shown = "\n".join(f"{ln.role}: {ln.text}" for ln in lines[-80:])
    parts = [
        f"Premise: {brief.premise.strip()}" if brief.premise.strip() else "",
        _genre_text(brief.genre),
        _cast_text(brief),
        _earlier_text(brief.earlier),
        f"The episode “{title}” so far:\n{shown}" if shown else f"The episode “{title}” has no lines yet.",
        f"Write the next {count} lines, continuing exactly where it stops."
        + (f" Direction: {instruction.strip()}" if instruction.strip() else "")
        + " Give the episode's title unchanged.",
    ]
    return [{"role": "system", "content": _system(brief)},
            {"role": "user", "content": "\n\n".join(p for p in parts if p)}]


async def continue_episode(ask: JsonAsk, brief: SeriesBrief, lines: Sequence[ContextLine], *, count: int = 10,
                           instruction: str = "", title: str = "") -> GeneratedEpisode:
    """The next ``count`` lines of an episode (``lines``: the episode so far), not yet applied."""
    result: GeneratedEpisode | None = None
    async for event in stream_continuation(ask, brief, lines, count=count, instruction=instruction, title=title,
                                           stream=False):
        if isinstance(event, EpisodeReady):
            result = event.result
    assert result is not None
    return result


async def stream_continuation(ask: JsonAsk, brief: SeriesBrief, lines: Sequence[ContextLine], *, count: int = 10,
                              instruction: str = "", title: str = "",
                              stream: bool = True) -> AsyncIterator[GenerationEvent]:
    if not 1 <= count <= 200:
        raise WritingError("Ask for 1 to 200 lines.")
    number = _first_number(brief)
    messages = _continue_messages(brief, lines, count, instruction, title)
    task = episode_task(brief)
    if not stream:
        yield EpisodeReady(number, _episode(brief, number, await ask.ask(messages, task), title))
        return
    async with aclosing(ask.stream(messages, task)) as events:
        async for event in events:
            if isinstance(event, Partial):
                preview = _preview(brief, number, event)
                if preview is not None:
                    yield preview
            elif isinstance(event, Retrying):
                yield Restarted(number, event.reason)
            elif isinstance(event, Finished):
                yield EpisodeReady(number, _episode(brief, number, event.value, title))


# --- rewrite -------------------------------------------------------------------------------------------

REWRITE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"lines": {"type": "array", "minItems": 1, "items": {
        "type": "object",
        "properties": {"id": {"type": "integer"}, **LINE_SCHEMA["properties"]},
        "required": ["id", "role", "text"]}}},
    "required": ["lines"],
}


def id_problems(items: Sequence[Any], wanted: Sequence[int], roles: dict[int, str] | None = None) -> list[str]:
    """Sentences for answer items whose ids are not exactly ``wanted``, each once (and, with ``roles``,
    whose role differs from the one given)."""
    seen: dict[int, int] = {}
    problems = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), int):
            seen[item["id"]] = seen.get(item["id"], 0) + 1
    missing = [i for i in wanted if i not in seen]
    extra = [i for i in seen if i not in set(wanted)]
    twice = [i for i, n in seen.items() if n > 1]
    if missing:
        problems.append(f"Lines with ids {', '.join(map(str, missing[:20]))} are missing; give every id once.")
    if extra:
        problems.append(f"Ids {', '.join(map(str, extra[:20]))} were not asked for.")
    if twice:
        problems.append(f"Ids {', '.join(map(str, twice[:20]))} appear more than once; give each id once.")
    if roles:
        changed = [item["id"] for item in items if isinstance(item, dict) and item.get("id") in roles
                   and str(item.get("role", "")).strip() != roles[item["id"]]]
        if changed:
            problems.append(f"Keep each line's role: ids {', '.join(map(str, changed[:20]))} changed theirs.")
    return problems


async def rewrite_lines(ask: JsonAsk, brief: SeriesBrief, lines: Sequence[ContextLine], selected: Sequence[int],
                        instruction: str) -> dict[int, DraftLine]:
    """New versions of the ``selected`` lines (ids of ``lines``), each with its role kept."""
    chosen = [ln for ln in lines if ln.id in set(selected)]
    if not chosen:
        raise WritingError("Choose the lines to rewrite first.")
    if not instruction.strip():
        raise WritingError("Say how to rewrite them, e.g. “more tense” or “shorter”.")
    roles = {ln.id: ln.role for ln in chosen}
    wanted = [ln.id for ln in chosen]

    def check(value: Any) -> list[str]:
        return id_problems(value["lines"], wanted, roles)

    around = "\n".join(f"[{ln.id}] {ln.role}: {ln.text}" for ln in lines[-120:])
    parts = [
        f"Premise: {brief.premise.strip()}" if brief.premise.strip() else "",
        _cast_text(brief),
        _earlier_text(brief.earlier),
        f"The episode (ids in brackets):\n{around}",
        "Rewrite these lines: " + json.dumps([ln.to_prompt() for ln in chosen], ensure_ascii=False),
        f"Direction: {instruction.strip()}. Keep each line's id and role; return one line per id.",
    ]
    messages = [{"role": "system", "content": _system(brief)},
                {"role": "user", "content": "\n\n".join(p for p in parts if p)}]
    value = await ask.ask(messages, JsonTask("rewritten_lines", REWRITE_SCHEMA, check, what="The rewrite",
                                             normalize=normalize_lines))
    return {int(item["id"]): draft_line(item) for item in value["lines"]}


__all__ = ["EpisodeReady", "GENRES", "GeneratedEpisode", "GenerationEvent", "LinePreview", "REWRITE_SCHEMA",
           "Restarted", "SeriesBrief", "continue_episode", "episode_messages", "episode_schema", "episode_task",
           "generate_episode", "generate_series", "id_problems", "rewrite_lines", "stream_continuation",
           "stream_series"]
