"""Which lines need rendering: each line's engine request, its render key, and the take that has it.

The planner reads the project (roles, lines, lexicon, settings) and asks the engine to ``prepare`` each
request, so the key names exactly what would be sent. A line is *done* when a take with its key exists,
*failed* when its last attempt at this key failed, and *stale* otherwise. A done line of a timed script
(locked to its source cue) whose take is longer than its slot (cue end − cue start) is *overflowing*
(``LinePlan.overflow_ms``): it runs into what comes after its cue. Nothing here renders.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from studio.domain.casting import RoleInfo, VoiceInfo, auto_cast, scene_pairs
from studio.domain.lexicon import LexiconEntry, apply_for_offline, minimax_tone_entries
from studio.domain.model import (
    DONE,
    EMPTY,
    FAILED,
    STALE,
    Episode,
    Line,
    ProjectSettings,
    Role,
    Take,
    effective_delivery,
)
from studio.domain.render_key import EFFECT_EXTRA, SpeechRequest
from studio.engines.speech import EngineError, SpeechEngine, Voice
from studio.store.project_file import ProjectStore


@dataclass(frozen=True)
class LineJob:
    line: Line
    request: SpeechRequest
    key: str
    role_name: str


@dataclass(frozen=True)
class LinePlan:
    """A line's render state on one engine. ``job`` is None when the line cannot be rendered as it
    stands: it is empty (status ``empty``), has no voice yet (status ``stale`` with ``needs_voice``:
    rendering casts one), or the engine refuses it (status ``failed`` with ``error``)."""

    line: Line
    job: LineJob | None
    status: str
    take: Take | None
    error: str | None = None
    trace_id: str | None = None
    needs_voice: bool = False
    overflow_ms: int = 0  # a locked line's take runs this much past its slot (0: it fits, or not locked)

    @property
    def overflowing(self) -> bool:
        return self.overflow_ms > 0


#: How far a take may run past its slot before the line is flagged as overflowing: about a frame at 25 fps
#: (a take's own trailing breath is not worth a flag).
OVERFLOW_TOLERANCE_MS = 40


def slot_ms(line: Line) -> int | None:
    """A locked line's slot: from its cue's start to its cue's end (None: not locked, or no end)."""
    if line.cue_start_ms is None or line.cue_end_ms is None:
        return None
    return max(0, line.cue_end_ms - line.cue_start_ms)


def overflow_of(line: Line, take: Take | None) -> int:
    """How many ms ``take`` (as heard: its trims left out) runs past ``line``'s slot; 0 when it fits (within
    ``OVERFLOW_TOLERANCE_MS``) or the line is not locked."""
    slot = slot_ms(line)
    if slot is None or take is None:
        return 0
    heard = max(0, take.duration_ms - line.trim_start_ms - line.trim_end_ms)
    over = heard - slot
    return over if over > OVERFLOW_TOLERANCE_MS else 0


def unplanned(lines: list[Line], reason: str) -> list[LinePlan]:
    """Plans for lines when no engine can be built (``reason`` says why): nothing is known to be done,
    so every line with text is stale."""
    return [LinePlan(ln, None, STALE if ln.text.strip() else EMPTY, None, reason) for ln in lines]


#: Given an engine's voices, a similarity of two of them (None: not measured), or None (nothing measured).
LikenessHook = Callable[[Sequence[Voice]], Awaitable[Callable[[str, str], float | None] | None]]


class NoVoiceError(Exception):
    pass


#: The MiniMax sound effect each voice effect becomes. "radio" has none: MiniMax's four effects are a
#: telephone, two echoes and a robot, and its telephone is not a radio, so a radio line is sent to
#: MiniMax without a sound effect (its request and key equal the plain line's). Kokoro and eSpeak make
#: every effect themselves (``studio.audio.effects``).
MINIMAX_SOUND_EFFECTS = {"telephone": "lofi_telephone", "echo": "spacious_echo", "hall": "auditorium_echo",
                         "robot": "robotic"}


def build_request(engine: SpeechEngine, line: Line, role: Role | None, episode: Episode,
                  lexicon: list[LexiconEntry], voice_id: str,
                  settings: ProjectSettings | None = None) -> SpeechRequest:
    """The request ``engine`` will render ``line`` with, after its ``prepare()``.

    The line's voice effect (inherited from its role) goes into ``extra``: for MiniMax as
    ``voice_modify.sound_effects`` (``MINIMAX_SOUND_EFFECTS``), for the offline engines as ``effect``,
    which they apply after synthesis. MiniMax also gets the voice modify settings (pitch, intensity,
    timbre) that are set and not 0. A line without an effect or those gets no ``extra`` entry, so its key
    is the one it had before they existed.
    """
    d = effective_delivery(line, role)
    language = episode.language
    if engine.name == "minimax":
        text = apply_for_offline(line.text, [e for e in lexicon if e.kind == "replace"], language)
        pron = minimax_tone_entries(text, lexicon, language)
    else:  # replacements in the text; pinyin entries for the engine to read its words with
        text = apply_for_offline(line.text, lexicon, language)
        pron = minimax_tone_entries(text, [e for e in lexicon if e.kind == "pinyin"], language)
    settings = settings or ProjectSettings()
    audio: dict[str, object] = {}
    if engine.name == "minimax":  # offline engines fix their own format and rate in prepare()
        audio = {"audio_format": settings.minimax_format, "sample_rate": settings.minimax_sample_rate}
    extra: tuple[tuple[str, str], ...] = ()
    if d.effect is not None:
        if engine.name != "minimax":
            extra = ((EFFECT_EXTRA, d.effect),)
        elif d.effect in MINIMAX_SOUND_EFFECTS:
            extra = (("voice_modify.sound_effects", MINIMAX_SOUND_EFFECTS[d.effect]),)
    if engine.name == "minimax":  # deeper/brighter, stronger/softer, fuller/crisper: MiniMax only
        extra += tuple((f"voice_modify.{k}", str(v)) for k, v in d.voice_modify().items())
    req = SpeechRequest(engine=engine.name, voice_id=voice_id, text=text.strip(), language=language,
                        speed=float(d.speed or 1.0), volume=float(d.volume or 1.0), pitch=int(d.pitch or 0),
                        emotion=d.emotion, pronunciation=pron, extra=extra, **audio)  # type: ignore[arg-type]
    return engine.prepare(req)


class RenderPlanner:
    """Plans renders of one project on one engine."""

    def __init__(self, store: ProjectStore, engine: SpeechEngine) -> None:
        self.store = store
        self.engine = engine

    def _fallback_voice(self, roles: dict[int, Role]) -> str | None:
        for role in roles.values():
            if role.is_narrator and self.engine.name in role.voices:
                return role.voices[self.engine.name]
        return None

    def plan(self, episode_id: int, line_ids: list[int] | None = None) -> list[LinePlan]:
        store = self.store
        episode = store.episode(episode_id)
        roles = {r.id: r for r in store.roles()}
        lexicon = store.lexicon()
        if line_ids is not None:  # a few rows: read only them
            lines = [ln for ln in store.lines_by_ids(line_ids) if ln.episode_id == episode_id]
        else:
            lines = store.lines(episode_id)
        errors = store.line_errors()
        settings = store.settings
        fallback = self._fallback_voice(roles)
        jobs: list[tuple[Line, LineJob | None, LinePlan | None]] = []
        for ln in lines:
            role = roles.get(ln.role_id) if ln.role_id is not None else None
            voice = role.voices.get(self.engine.name) if role else fallback
            if not ln.text.strip():
                jobs.append((ln, None, LinePlan(ln, None, EMPTY, None, "The line has no text yet.")))
                continue
            if not voice:
                who = f"“{role.name}”" if role else "this line (it has no role)"
                jobs.append((ln, None, LinePlan(
                    ln, None, STALE, None, f"No {self.engine.name} voice is cast for {who} yet; rendering "
                    "casts one automatically.", needs_voice=True)))
                continue
            try:
                req = build_request(self.engine, ln, role, episode, lexicon, voice, settings)
            except (EngineError, ValueError) as exc:  # the engine refuses this request (an unknown voice)
                jobs.append((ln, None, LinePlan(ln, None, FAILED, None, str(exc))))
                continue
            jobs.append((ln, LineJob(ln, req, req.render_key, role.name if role else ""), None))
        takes = store.takes_for_keys(j.key for _, j, _ in jobs if j is not None)
        plans = []
        for ln, job, refused in jobs:
            if job is None:
                assert refused is not None
                plans.append(refused)
                continue
            take = takes.get(job.key)
            if take is not None and ln.chosen_take_id and ln.chosen_take_id != take.id:
                chosen = _safe_take(store, ln.chosen_take_id)
                if chosen is not None and chosen.render_key == job.key:
                    take = chosen
            if take is not None:
                plans.append(LinePlan(ln, job, DONE, take, overflow_ms=overflow_of(ln, take)))
                continue
            err = errors.get(ln.id)
            if err is not None and err[0] == job.key:
                plans.append(LinePlan(ln, job, FAILED, None, err[1], err[2]))
            else:
                plans.append(LinePlan(ln, job, STALE, None))
        return plans

    def stale_jobs(self, episode_id: int, include_failed: bool = True) -> list[LineJob]:
        return [p.job for p in self.plan(episode_id) if p.job is not None
                and (p.status == STALE or (include_failed and p.status == FAILED))]


def _safe_take(store: ProjectStore, take_id: int) -> Take | None:
    try:
        return store.take(take_id)
    except Exception:
        return None


async def cast_missing(store: ProjectStore, engine: SpeechEngine, episode_ids: list[int] | None = None, *,
                       likeness: LikenessHook | None = None) -> dict[str, str]:
    """Auto-cast every role (that speaks in ``episode_ids``) with no voice for ``engine``.

    ``likeness``, when given, is asked (with the engine's voices) for a similarity of two voices, so voices
    that sound alike are kept apart, roles that share scenes first (``studio.domain.casting``); it may
    answer None (nothing measured). The choices are saved to the project and returned as role name -> voice id.
    """
    roles = store.roles()
    counts = store.line_counts_by_role()
    episodes = episode_ids if episode_ids is not None else [e.id for e in store.episodes()]
    per_episode = [store.lines(ep) for ep in episodes]
    lines = [ln for ep_lines in per_episode for ln in ep_lines]
    if episode_ids is not None:
        speaking = {ln.role_id for ln in lines}
        roles = [r for r in roles if r.id in speaking]
    texts = tuple(ln.text for ln in lines)  # the script tells a role's gender where its name does not
    missing = [r for r in roles if engine.name not in r.voices]
    if not missing:
        return {}
    voices: list[Voice] = await engine.voices()
    taken = {r.id: r.voices[engine.name] for r in store.roles() if engine.name in r.voices}
    like = await likeness(voices) if likeness is not None and voices else None
    choice = auto_cast(
        [RoleInfo(r.id, r.name, r.gender, counts.get(r.id, 0), texts) for r in missing],
        [VoiceInfo(v.voice_id, v.gender, v.age, v.narrator) for v in voices],
        taken, likeness=like, together=scene_pairs([ln.role_id for ln in ep_lines] for ep_lines in per_episode))
    result = {}
    for r in missing:
        if r.id in choice:
            store.set_voice(r.id, engine.name, choice[r.id])
            result[r.name] = choice[r.id]
    return result
