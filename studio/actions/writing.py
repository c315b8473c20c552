"""The writing room's verbs, shared by the window and the ``troupe`` command: generate, continue, rewrite,
translate, fit a dub, attribute prose, and MiniMax's role-audio pipeline.

Every verb that asks a chat model first builds a *plan* and changes nothing; the caller applies the plan
in one step (one store transaction per episode, the whole batch undone if any episode fails), so a failed
or cancelled request leaves the project byte-identical. The window wraps ``apply_*`` / ``undo_*`` in undo
commands; the command line applies directly. Errors are ``ActionError`` sentences; ``NeedsChatModelError``
(an ``ActionError``) says "Generating needs a chat model: add a MiniMax key in Settings or set an
OpenAI-compatible base URL." so a window can offer to open Settings.

What a window calls, and what it gets back:

* ``chat = await connect(what="Generating")`` → ``Chat`` (the endpoint and its ``JsonAsk``; ``await
  chat.aclose()`` when done). ``chat_available()`` says whether to enable the model-backed actions.
* Generate: ``brief = series_brief(store, premise, genre=…, language=…, episodes=…, episode_seconds=…)``;
  ``async for event in stream_generate(chat, brief)`` yields ``LinePreview`` (a growing preview),
  ``Restarted`` (clear that episode's preview), ``EpisodeReady``; or ``plan = await generate(chat,
  brief)`` → ``GenerationPlan``. Then ``results = apply_generation(store, plan)`` (undo:
  ``undo_generation(store, results)``).
* Continue: ``await plan_continuation(store, chat, episode_id, count=…, instruction=…)`` →
  ``ContinuationPlan``; ``stream_continuation`` for the preview; ``apply_continuation`` →
  ``AddedLines``; ``undo_continuation``.
* Rewrite: ``await plan_rewrite(store, chat, episode_id, line_ids, "more tense")`` → ``RewritePlan``
  (before/after lines); ``apply_rewrite`` / ``undo_rewrite``.
* Translate: ``await plan_translation(store, chat, episode_id, "en", glossary=load_glossary(path))`` →
  ``TranslationPlan`` (a new episode with the same cast, each line mapped to its source line);
  ``plan_series_translation`` for every episode; ``apply_translation`` → ``TranslationResult``
  (``line_map``: source line id → new line id); ``apply_translations`` for a batch;
  ``save_new_terms`` keeps the names the model translated in the glossary file beside the project.
* Dubbing fit: ``fit_issues(store, source_episode_id, target_episode_id, margin=0.15, engine=…)`` →
  ``list[FitIssue]``; for the flagged lines ``plan_speed_ups(store, issues)`` (b) or ``await
  plan_shortening(store, chat, target_episode_id, issues)`` (a), both ``RewritePlan``.
* Attribute: ``await plan_attribution(store, text, chat=None)`` → ``AttributionPlan`` (the attribution with
  per-line confidences and an ``ImportPlan``); ``apply_attribution`` → ``ImportResult``.
* Role audio: ``plan_bulk_import(store, script)`` → ``ImportPlan`` of a Role Classification script;
  ``await bulk_audio(script, out, engine=…, sample_rate=…, bitrate=…)`` → ``BulkResult`` (mp3, subtitle
  JSON, ``extra_info``), rendered in a scratch project; ``await bulk_from_episode(store, episode_id, …)``
  for an episode of an open project.

Must not live here: Qt, click, printing.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from studio.actions import ActionError
from studio.actions.importing import (
    ImportPlan,
    ImportResult,
    LinesPlan,
    ScriptLine,
    apply_import,
    plan_import,
    plan_lines,
    undo_import,
)
from studio.domain.model import DONE, Line, NewLine, is_narrator_name
from studio.domain.timeline import estimate_duration_ms
from studio.engines.speech import EngineError, SpeechEngine
from studio.formats.bulk import (
    BITRATES,
    SAMPLE_RATES,
    TITLE_ID,
    BulkScript,
    SubtitleCue,
    check_invisible,
    extra_info,
    invisible_ratio,
    subtitle_cues,
    write_subtitles,
)
from studio.formats.prose import ProseAttribution, Roster
from studio.formats.script_import import DraftLine, ScriptDraft, ScriptImportError
from studio.store.project_file import ProjectStore
from studio.writing.ask import JsonAsk
from studio.writing.attribute import attribute
from studio.writing.endpoint import ChatEndpoint, pick_model, resolve_endpoint
from studio.writing.errors import NeedsChatModel, WritingError
from studio.writing.generate import (
    EpisodeReady,
    GeneratedEpisode,
    GenerationEvent,
    SeriesBrief,
    continue_episode,
    rewrite_lines,
    stream_series,
)
from studio.writing.generate import (
    stream_continuation as _stream_continuation,
)
from studio.writing.lines import CastMember, ContextLine, EarlierEpisode
from studio.writing.translate import (
    FitIssue,
    FitPair,
    Glossary,
    TranslatedEpisode,
    check_fit,
    glossary_path,
    shorten_for_fit,
    translate_episode,
)


class NeedsChatModelError(ActionError):
    """No chat endpoint is configured; the sentence says what to set."""


def _action_error(exc: WritingError) -> ActionError:
    if isinstance(exc, NeedsChatModel):
        return NeedsChatModelError(str(exc))
    return ActionError(str(exc))


# --- the chat model ----------------------------------------------------------------------------------

@dataclass
class Chat:
    endpoint: ChatEndpoint
    ask: JsonAsk

    async def aclose(self) -> None:
        await self.ask.client.aclose()


def chat_available(settings: Any = None) -> bool:
    try:
        resolve_endpoint(settings)
    except WritingError:
        return False
    return True


async def connect(settings: Any = None, *, what: str = "Generating", base_url: str | None = None,
                  model: str | None = None, api_key: str | None = None, retry: Any = None,
                  temperature: float | None = None) -> Chat:
    """The configured chat model, ready to ask; ``NeedsChatModelError`` when none is configured."""
    try:
        endpoint = await pick_model(resolve_endpoint(settings, what=what, base_url=base_url, model=model,
                                                     api_key=api_key))
    except WritingError as exc:
        raise _action_error(exc) from exc
    client = endpoint.client(retry=retry)
    return Chat(endpoint, JsonAsk(client, json_schema=endpoint.json_schema, temperature=temperature))


# --- the project as the model sees it ----------------------------------------------------------------

def cast_of(store: ProjectStore) -> tuple[CastMember, ...]:
    return tuple(CastMember(r.name, r.gender, r.notes) for r in store.roles() if not r.is_narrator)


def context_lines(store: ProjectStore, episode_id: int) -> list[ContextLine]:
    names = {r.id: r.name for r in store.roles()}
    language = store.episode(episode_id).language
    narrator = "旁白" if language == "zh" else "Narrator"
    return [ContextLine(ln.id, names.get(ln.role_id, narrator) if ln.role_id is not None else narrator, ln.text,
                        ln.delivery.emotion, ln.note, ln.gap_ms, ln.delivery) for ln in store.lines(episode_id)]


def earlier_episodes(store: ProjectStore, before: int | None = None, *, keep: int = 3) -> tuple[EarlierEpisode, ...]:
    """The last ``keep`` episodes before episode id ``before`` (all when None), for continuity."""
    episodes = store.episodes()
    if before is not None:
        episodes = episodes[: next((i for i, e in enumerate(episodes) if e.id == before), len(episodes))]
    return tuple(EarlierEpisode(i + 1, e.title, tuple(context_lines(store, e.id)))
                 for i, e in list(enumerate(episodes))[-keep:])


def series_brief(store: ProjectStore, premise: str, *, genre: str = "", language: str | None = None,
                 episodes: int = 1, episode_seconds: int = 90, allow_new_roles: bool = True,
                 continuity: bool = True) -> SeriesBrief:
    """What to ask for, with the project's cast and (with ``continuity``) its last episodes."""
    lang = language or (store.episodes()[-1].language if store.episodes() else "zh")
    brief = SeriesBrief(premise, genre, lang, episodes, episode_seconds, cast_of(store), allow_new_roles,
                        store.title, earlier_episodes(store) if continuity else ())
    problems = brief.problems()
    if problems:
        raise ActionError(" ".join(problems))
    return brief


# --- generate ----------------------------------------------------------------------------------------

@dataclass
class GenerationPlan:
    episodes: list[GeneratedEpisode]

    def describe(self) -> str:
        lines = sum(len(e.draft.lines) for e in self.episodes)
        roles = sorted({r.name for e in self.episodes for r in e.new_roles})
        text = f"{len(self.episodes)} episode(s), {lines} lines"
        return text + (f", new roles: {', '.join(roles)}" if roles else "")


async def generate(chat: Chat, brief: SeriesBrief) -> GenerationPlan:
    """Every episode of the brief, written and checked; nothing applied."""
    episodes: list[GeneratedEpisode] = []
    async for event in stream_generate(chat, brief, stream=False):
        if isinstance(event, EpisodeReady):
            episodes.append(event.result)
    return GenerationPlan(episodes)


async def stream_generate(chat: Chat, brief: SeriesBrief, *, stream: bool = True) -> AsyncIterator[GenerationEvent]:
    """The generation's events (see ``studio.writing.generate``); ``ActionError`` on failure."""
    try:
        async for event in stream_series(chat.ask, brief, stream=stream):
            yield event
    except WritingError as exc:
        raise _action_error(exc) from exc


def _with_genders(plan: ImportPlan, roles: Sequence[CastMember]) -> ImportPlan:
    genders = {r.name: r.gender for r in roles if r.gender}
    plan.new_roles = [replace(r, gender=genders.get(r.name, r.gender)) for r in plan.new_roles]
    return plan


def plan_generated_episode(store: ProjectStore, episode: GeneratedEpisode) -> ImportPlan:
    title = episode.draft.title or f"Episode {len(store.episodes()) + 1}"
    return _with_genders(plan_import(store, episode.draft, title=title), episode.new_roles)


def apply_generation(store: ProjectStore, plan: GenerationPlan) -> list[ImportResult]:
    """Add every generated episode (with its new roles), each in one transaction; if one fails, the ones
    added before it are taken out again, so the project ends as it was."""
    drafts: list[tuple[ScriptDraft, Sequence[CastMember]]] = [(e.draft, e.new_roles) for e in plan.episodes]
    return _apply_drafts(store, drafts)


def _apply_drafts(store: ProjectStore, drafts: Sequence[tuple[ScriptDraft, Sequence[CastMember]]]) -> list[ImportResult]:
    results: list[ImportResult] = []
    try:
        for draft, roles in drafts:
            title = draft.title or f"Episode {len(store.episodes()) + 1}"
            results.append(apply_import(store, _with_genders(plan_import(store, draft, title=title), roles)))
    except Exception as exc:
        for result in reversed(results):
            undo_import(store, result)
        raise ActionError(f"The episodes could not be added ({exc}); the project is unchanged.") from exc
    return results


def undo_generation(store: ProjectStore, results: Sequence[ImportResult]) -> None:
    for result in reversed(results):
        undo_import(store, result)


# --- continue ----------------------------------------------------------------------------------------

@dataclass
class ContinuationPlan:
    episode_id: int
    index: int  # where the lines go (the end of the episode)
    plan: LinesPlan
    generated: GeneratedEpisode


@dataclass
class AddedLines:
    episode_id: int
    line_ids: list[int]
    role_ids: list[int] = field(default_factory=list)


def _continuation_brief(store: ProjectStore, episode_id: int, premise: str) -> SeriesBrief:
    episode = store.episode(episode_id)
    return SeriesBrief(premise or store.title, "", episode.language, 1, 90, cast_of(store), True, store.title,
                       earlier_episodes(store, episode_id))


def lines_plan(store: ProjectStore, episode_id: int, generated: GeneratedEpisode) -> ContinuationPlan:
    """The generated lines as a plan of new lines after the episode's last (roles matched, narrator kept), nothing applied."""
    items = [ScriptLine(ln.role, ln.text, ln.delivery, ln.gap_ms, ln.note) for ln in generated.draft.lines]
    narrator = next((r.id for r in store.roles() if r.is_narrator), None)
    plan = plan_lines(store, [ScriptLine("" if is_narrator_name(i.role) and narrator else i.role, i.text, i.delivery,
                                         i.gap_ms, i.note) for i in items], default_role=narrator)
    genders = {r.name: r.gender for r in generated.new_roles if r.gender}
    plan.new_roles = [replace(r, gender=genders.get(r.name, r.gender)) for r in plan.new_roles]
    return ContinuationPlan(episode_id, len(store.lines(episode_id)), plan, generated)


async def plan_continuation(store: ProjectStore, chat: Chat, episode_id: int, *, count: int = 10,
                            instruction: str = "", premise: str = "") -> ContinuationPlan:
    """The next ``count`` lines of an episode; nothing applied."""
    try:
        generated = await continue_episode(chat.ask, _continuation_brief(store, episode_id, premise),
                                           context_lines(store, episode_id), count=count, instruction=instruction,
                                           title=store.episode(episode_id).title)
    except WritingError as exc:
        raise _action_error(exc) from exc
    return lines_plan(store, episode_id, generated)


async def stream_continuation(store: ProjectStore, chat: Chat, episode_id: int, *, count: int = 10,
                              instruction: str = "", premise: str = "") -> AsyncIterator[GenerationEvent | ContinuationPlan]:
    """Preview events, then the ``ContinuationPlan`` as the last item."""
    try:
        async for event in _stream_continuation(chat.ask, _continuation_brief(store, episode_id, premise),
                                                context_lines(store, episode_id), count=count,
                                                instruction=instruction, title=store.episode(episode_id).title):
            yield event
            if isinstance(event, EpisodeReady):
                yield lines_plan(store, episode_id, event.result)
    except WritingError as exc:
        raise _action_error(exc) from exc


def apply_continuation(store: ProjectStore, plan: ContinuationPlan) -> AddedLines:
    """The planned lines (and their new roles) added at the episode's end in one transaction."""
    index = len(store.lines(plan.episode_id))
    ids, roles = store.add_lines_with_roles(plan.plan.new_roles, plan.episode_id, index, plan.plan.pairs())
    return AddedLines(plan.episode_id, ids, [r.id for r in roles])


def undo_continuation(store: ProjectStore, added: AddedLines) -> None:
    store.remove_lines_and_roles(added.line_ids, added.role_ids)


# --- rewrite -----------------------------------------------------------------------------------------

@dataclass
class RewritePlan:
    before: list[Line]
    after: list[Line]

    def changed(self) -> list[tuple[Line, Line]]:
        return [(b, a) for b, a in zip(self.before, self.after, strict=True) if b != a]


def _rewritten(line: Line, new: DraftLine, *, keep_delivery: bool = False) -> Line:
    delivery = line.delivery if keep_delivery or new.delivery.emotion is None else replace(
        line.delivery, emotion=new.delivery.emotion)
    return line.with_(text=new.text, delivery=delivery, note=new.note or line.note)


async def plan_rewrite(store: ProjectStore, chat: Chat, episode_id: int, line_ids: Sequence[int], instruction: str,
                       *, premise: str = "") -> RewritePlan:
    """New versions of the chosen lines ("more tense", "shorter"), roles kept; nothing applied."""
    wanted = [ln for ln in store.lines(episode_id) if ln.id in set(line_ids)]
    if not wanted:
        raise ActionError("Choose the lines to rewrite first.")
    try:
        new = await rewrite_lines(chat.ask, _continuation_brief(store, episode_id, premise),
                                  context_lines(store, episode_id), [ln.id for ln in wanted], instruction)
    except WritingError as exc:
        raise _action_error(exc) from exc
    return RewritePlan(wanted, [_rewritten(ln, new[ln.id]) for ln in wanted])


def apply_rewrite(store: ProjectStore, plan: RewritePlan) -> None:
    store.update_lines(plan.after)


def undo_rewrite(store: ProjectStore, plan: RewritePlan) -> None:
    store.update_lines(plan.before)


# --- translate ---------------------------------------------------------------------------------------

def load_glossary(project: str | Path | None = None, explicit: str | Path | None = None) -> Glossary:
    """The glossary given (``--glossary FILE``), else the one beside the project, else an empty one."""
    try:
        if explicit is not None:
            return Glossary.load(explicit, missing_ok=False)
        return Glossary.load(glossary_path(project)) if project is not None else Glossary()
    except WritingError as exc:
        raise ActionError(str(exc)) from exc


def save_new_terms(glossary: Glossary, target: str, terms: dict[str, str], path: str | Path) -> Path | None:
    """Keep names the model translated (for the next episodes); None when there was nothing new."""
    if not terms:
        return None
    glossary.add(target, terms)
    return glossary.save(path)


@dataclass
class TranslationPlan:
    source_episode_id: int
    plan: ImportPlan
    source_ids: list[int]  # the source line of each planned line, in order
    translated: TranslatedEpisode

    @property
    def new_terms(self) -> dict[str, str]:
        return self.translated.new_terms


@dataclass
class TranslationResult:
    result: ImportResult
    line_map: dict[int, int]  # source line id -> translated line id


async def plan_translation(store: ProjectStore, chat: Chat, episode_id: int, target: str, *,
                           glossary: Glossary | None = None,
                           on_progress: Callable[[int, int], None] | None = None) -> TranslationPlan:
    """The episode in ``target`` as a new episode with the same cast (roles, delivery, pauses, notes and a
    timed script's cues kept); nothing applied."""
    episode = store.episode(episode_id)
    source_lines = [ln for ln in store.lines(episode_id) if ln.text.strip()]
    if not source_lines:
        raise ActionError(f"Episode “{episode.title}” has no lines to translate.")
    try:
        translated = await translate_episode(chat.ask, context_lines(store, episode_id), source=episode.language,
                                             target=target, title=episode.title, glossary=glossary,
                                             on_progress=on_progress)
    except WritingError as exc:
        raise _action_error(exc) from exc
    texts = {t.source_id: t.text for t in translated.lines}
    from studio.actions.importing import PlannedLine

    planned = [PlannedLine(ln.role_id, NewLine(None, texts[ln.id], ln.delivery, ln.gap_ms, ln.note,
                                               ln.cue_start_ms, ln.cue_end_ms))  # a dub keeps its cues
               for ln in source_lines]
    title = translated.title if translated.title and translated.title != episode.title \
        else f"{episode.title} ({target})"
    plan = ImportPlan([], planned, {}, title=title, language=target)
    return TranslationPlan(episode_id, plan, [ln.id for ln in source_lines], translated)


async def plan_series_translation(store: ProjectStore, chat: Chat, target: str, *,
                                  episode_ids: Sequence[int] | None = None, glossary: Glossary | None = None,
                                  on_progress: Callable[[int, int], None] | None = None) -> list[TranslationPlan]:
    """Every episode (not already in ``target``) translated; the glossary grows as names are met."""
    book = glossary or Glossary()
    ids = list(episode_ids) if episode_ids is not None else [e.id for e in store.episodes()
                                                              if e.language != target]
    if not ids:
        raise ActionError(f"There is no episode to translate into {target}.")
    plans = []
    for done, episode_id in enumerate(ids, start=1):
        plan = await plan_translation(store, chat, episode_id, target, glossary=book)
        book.add(target, plan.new_terms)
        plans.append(plan)
        if on_progress is not None:
            on_progress(done, len(ids))
    return plans


def apply_translation(store: ProjectStore, plan: TranslationPlan) -> TranslationResult:
    result = apply_import(store, plan.plan)
    return TranslationResult(result, {src: ln.id for src, ln in zip(plan.source_ids, result.lines, strict=True)})


def apply_translations(store: ProjectStore, plans: Sequence[TranslationPlan]) -> list[TranslationResult]:
    """All or nothing: an episode that fails takes the ones added before it out again."""
    done: list[TranslationResult] = []
    try:
        for plan in plans:
            done.append(apply_translation(store, plan))
    except Exception as exc:
        for r in reversed(done):
            undo_import(store, r.result)
        raise ActionError(f"The translations could not be added ({exc}); the project is unchanged.") from exc
    return done


# --- dubbing fit -------------------------------------------------------------------------------------

def _durations(store: ProjectStore, lines: Sequence[Line], language: str) -> dict[int, int]:
    taken = store.last_take_durations([ln.id for ln in lines])
    return {ln.id: taken.get(ln.id) or estimate_duration_ms(ln.text, language, ln.delivery.speed or 1.0)
            for ln in lines}


def fit_pairs(store: ProjectStore, source_episode_id: int, target_episode_id: int,
              line_map: dict[int, int] | None = None) -> list[FitPair]:
    """Source and target lines with their last takes' durations (estimates where there is no take), paired
    by ``line_map`` (from ``TranslationResult``) or else by position."""
    source = [ln for ln in store.lines(source_episode_id) if ln.text.strip()]
    target = [ln for ln in store.lines(target_episode_id) if ln.text.strip()]
    by_id = {ln.id: ln for ln in target}
    if line_map is not None:
        pairs = [(s, by_id[line_map[s.id]]) for s in source if line_map.get(s.id) in by_id]
    elif len(source) != len(target):
        raise ActionError("The two episodes have different numbers of lines; compare them from the translation "
                          "that made one of the other.")
    else:
        pairs = list(zip(source, target, strict=True))
    s_ms = _durations(store, [s for s, _ in pairs], store.episode(source_episode_id).language)
    t_ms = _durations(store, [t for _, t in pairs], store.episode(target_episode_id).language)
    return [FitPair(s.id, t.id, s_ms[s.id], t_ms[t.id], t.text, t.delivery.speed or 1.0) for s, t in pairs]


def fit_issues(store: ProjectStore, source_episode_id: int, target_episode_id: int, *, margin: float = 0.15,
               engine: str | None = None, line_map: dict[int, int] | None = None) -> list[FitIssue]:
    """The translated lines running more than ``margin`` over their source."""
    try:
        return check_fit(fit_pairs(store, source_episode_id, target_episode_id, line_map), margin=margin,
                         engine=engine or store.settings.engine)
    except WritingError as exc:
        raise ActionError(str(exc)) from exc


def plan_speed_ups(store: ProjectStore, issues: Sequence[FitIssue]) -> RewritePlan:
    """(b) each flagged line sped up to fit, where the engine's limits allow it."""
    usable = [i for i in issues if i.speed is not None]
    lines = {ln.id: ln for ln in store.lines_by_ids([i.target_id for i in usable])}
    before = [lines[i.target_id] for i in usable if i.target_id in lines]
    after = [ln.with_(delivery=replace(ln.delivery, speed=next(i.speed for i in usable if i.target_id == ln.id)))
             for ln in before]
    return RewritePlan(before, after)


async def plan_shortening(store: ProjectStore, chat: Chat, target_episode_id: int,
                          issues: Sequence[FitIssue]) -> RewritePlan:
    """(a) each flagged line rewritten by the chat model to fit its source's length."""
    wanted = {i.target_id for i in issues}
    lines = [ln for ln in store.lines(target_episode_id) if ln.id in wanted]
    if not lines:
        return RewritePlan([], [])
    try:
        new = await shorten_for_fit(chat.ask, _continuation_brief(store, target_episode_id, ""),
                                    context_lines(store, target_episode_id), issues)
    except WritingError as exc:
        raise _action_error(exc) from exc
    return RewritePlan(lines, [_rewritten(ln, new[ln.id], keep_delivery=True) for ln in lines])


# --- attribute ---------------------------------------------------------------------------------------

@dataclass
class AttributionPlan:
    attribution: ProseAttribution
    draft: ScriptDraft
    plan: ImportPlan

    @property
    def confidences(self) -> list[float]:
        return self.attribution.confidences


def project_roster(store: ProjectStore) -> Roster:
    return Roster.of([r.name for r in store.roles() if not r.is_narrator],
                     genders={r.name: r.gender for r in store.roles()})


async def plan_attribution(store: ProjectStore, text: str, *, chat: Chat | None = None, title: str = "",
                           on_progress: Callable[[int, int], None] | None = None) -> AttributionPlan:
    """A chapter as a new episode: speakers by the chat model with ``chat``, by the offline splitter without.
    The project's roles are the starting roster; nothing applied."""
    if not text.strip():
        raise ActionError("The chapter is empty.")
    try:
        result = await attribute(text, ask=chat.ask if chat else None, roster=project_roster(store), title=title,
                                 on_progress=on_progress)
    except WritingError as exc:
        raise _action_error(exc) from exc
    narrator = next((r.name for r in store.roles() if r.is_narrator), None)
    try:
        draft = result.draft(narrator=narrator)
    except ScriptImportError as exc:
        raise ActionError(str(exc)) from exc
    plan = plan_import(store, draft, title=title or None)
    return AttributionPlan(result, draft, plan)


def apply_attribution(store: ProjectStore, plan: AttributionPlan) -> ImportResult:
    return apply_import(store, plan.plan)


# --- MiniMax role audio ------------------------------------------------------------------------------

@dataclass
class BulkResult:
    audio: Path
    subtitles: Path
    extra_info: dict[str, Any]
    cues: list[SubtitleCue]
    duration_ms: int


def _check_audio_options(sample_rate: int, bitrate: int) -> None:
    if sample_rate not in SAMPLE_RATES:
        raise ActionError(f"The sample rate must be one of {', '.join(map(str, SAMPLE_RATES))}, not {sample_rate}.")
    if bitrate not in BITRATES:
        raise ActionError(f"The bitrate must be one of {', '.join(map(str, BITRATES))}, not {bitrate}.")


def _gender_of_voice(voice_id: str) -> str | None:
    v = voice_id.lower()
    if "female" in v or "woman" in v or "girl" in v or "nvsheng" in v or "shaonv" in v or "yujie" in v:
        return "female"
    if "male" in v or "man" in v or "boy" in v or "nansheng" in v:
        return "male"
    return None


def plan_bulk_import(store: ProjectStore, script: BulkScript, *, title: str | None = None) -> ImportPlan:
    """A Role Classification script as a new episode: voices from ``role_voice`` on the MiniMax engine,
    each voice's ``voice_configs`` on its lines, the title's interval as the next line's pause."""
    try:
        draft = script.draft()
    except ScriptImportError as exc:
        raise ActionError(str(exc)) from exc
    plan = plan_import(store, draft, title=title)
    genders = {name: _gender_of_voice(voice) for name, voice in draft.role_voices.items()}
    plan.new_roles = [replace(r, gender=r.gender or genders.get(r.name)) for r in plan.new_roles]
    return plan


async def bulk_from_episode(store: ProjectStore, episode_id: int, engine: SpeechEngine, out: str | Path, *,
                            sample_rate: int = 32000, bitrate: int = 128000, trailing_ms: int = 0,
                            role_ids: dict[int, str] | None = None,
                            on_event: Callable[[Any], None] | None = None) -> BulkResult:
    """Render what is stale, then write ``out`` (mp3) and ``out``'s ``.json`` subtitles; ``extra_info`` as
    MiniMax reports it. ``role_ids`` names each line's role id in the subtitles (default: the role name)."""
    from studio.actions.render import render
    from studio.audio.ffmpeg import ExportError, encode_stream
    from studio.render.mixdown import build_timeline, mix_timeline
    from studio.render.planner import RenderPlanner

    _check_audio_options(sample_rate, bitrate)
    target = Path(out)
    if target.suffix.lower() != ".mp3":
        raise ActionError("The role audio is an mp3 file: give the output a .mp3 name.")
    if not target.parent.exists():
        raise ActionError(f"The folder {target.parent} does not exist.")
    lines = store.lines(episode_id)
    ratio = check_invisible_for_action([ln.text for ln in lines])
    try:
        _, report = await render(store, engine, [episode_id], on_event=on_event)
    except EngineError as exc:
        raise ActionError(str(exc)) from exc
    if report.failed:
        first = next(iter(report.failed.values()))
        raise ActionError(f"{len(report.failed)} line(s) could not be rendered: {first}")
    plans = RenderPlanner(store, engine).plan(episode_id)
    if not any(p.status == DONE for p in plans):
        raise ActionError("Nothing was rendered, so there is no audio to write.")
    timeline = build_timeline(store, plans)

    def mix() -> tuple[Path, int]:
        import numpy as np

        samples = mix_timeline(store, timeline, sample_rate)
        if trailing_ms > 0:
            samples = np.concatenate([samples, np.zeros(round(trailing_ms * sample_rate / 1000), np.float32)])
        samples = np.clip(samples, -1.0, 1.0)
        encode_stream([samples], sample_rate, target, "mp3", f"{bitrate // 1000}k")
        return target, round(len(samples) * 1000 / sample_rate)

    try:
        audio, length_ms = await asyncio.to_thread(mix)
    except ExportError as exc:
        raise ActionError(str(exc)) from exc
    names = {r.id: r.name for r in store.roles()}
    texts = {ln.id: (ln.text, (role_ids or {}).get(ln.id) or names.get(ln.role_id or -1, ""), ln.position)
             for ln in lines}
    cues = subtitle_cues(timeline.placements, texts, store.episode(episode_id).language)
    subtitles = write_subtitles(cues, target.with_suffix(".json"))
    info = extra_info(audio_length_ms=length_ms, audio_size=audio.stat().st_size, sample_rate=sample_rate,
                      bitrate=bitrate, texts=[ln.text for ln in lines], invisible=ratio)
    return BulkResult(audio, subtitles, info, cues, length_ms)


def check_invisible_for_action(texts: Sequence[str]) -> float:
    try:
        return check_invisible(texts)
    except ScriptImportError as exc:
        raise ActionError(str(exc)) from exc


async def bulk_audio(script: BulkScript, out: str | Path, *, engine: SpeechEngine, sample_rate: int = 32000,
                     bitrate: int = 128000, workdir: str | Path | None = None,
                     on_event: Callable[[Any], None] | None = None) -> BulkResult:
    """MiniMax's ``/v1/bulk_t2a`` deliverables for a Role Classification script, on any engine: the script
    is imported into a scratch project (role voices on MiniMax; the offline engines cast by gender),
    rendered, mixed at ``sample_rate`` and encoded at ``bitrate``."""
    _check_audio_options(sample_rate, bitrate)
    ratio = check_invisible_for_action([s.text for s in script.sentences])
    with tempfile.TemporaryDirectory(prefix="troupe-bulk-", dir=workdir) as tmp:
        store = ProjectStore.create(Path(tmp) / "bulk.troupe", script.title_text() or "Role audio")
        try:
            store.set_settings(store.settings.with_(engine=engine.name))
            result = apply_import(store, plan_bulk_import(store, script))
            spoken = [s for s in script.sentences if _has_text(s.text)]
            role_of_line = {line.id: s.role_id for line, s in zip(result.lines, spoken, strict=True)}
            trailing = round(script.interval_title * 1000) if script.title_last() else 0
            bulk = await bulk_from_episode(store, result.episode.id, engine, out, sample_rate=sample_rate,
                                           bitrate=bitrate, trailing_ms=trailing, role_ids=role_of_line,
                                           on_event=on_event)
            bulk.extra_info["invisible_character_ratio"] = round(ratio, 4)
            return bulk
        finally:
            store.close()


def _has_text(text: str) -> bool:
    from studio.formats.bulk import _INVISIBLE

    return bool(" ".join(_INVISIBLE.sub("", text).split()))


__all__ = ["AddedLines", "AttributionPlan", "BulkResult", "Chat", "ContinuationPlan", "GenerationPlan",
           "NeedsChatModelError", "RewritePlan", "TITLE_ID", "TranslationPlan", "TranslationResult",
           "apply_attribution", "apply_continuation", "apply_generation", "apply_rewrite", "apply_translation",
           "apply_translations", "bulk_audio", "bulk_from_episode", "cast_of", "chat_available", "connect",
           "context_lines", "earlier_episodes", "fit_issues", "fit_pairs", "generate", "invisible_ratio",
           "load_glossary", "plan_attribution", "plan_bulk_import", "plan_continuation", "plan_generated_episode",
           "plan_rewrite", "plan_series_translation", "plan_shortening", "plan_speed_ups", "plan_translation",
           "project_roster", "save_new_terms", "series_brief", "stream_continuation", "stream_generate",
           "undo_continuation", "undo_generation", "undo_rewrite"]
