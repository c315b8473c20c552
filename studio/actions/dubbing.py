"""Dubbing a timed episode: the video it came from, the episode in the other language that pairs with it,
the lines that run past their slot, and the three ways to fit them.

An episode imported from subtitles or a video has its lines locked to their source cues (each starts at its
cue; its slot ends at the cue's end). A line whose take is longer than its slot is *overflowing*
(``LinePlan.overflow_ms``, counted by ``studio.actions.status``); ``overflowing`` lists them and each fit is
a ``RewritePlan`` (lines before and after) the window applies as one undo step and the command line
directly: ``plan_speed_fit`` (faster delivery, never above ``MAX_FIT_SPEED``), ``plan_overlap`` (the slot
stretched to the take: the line is allowed to run into what follows) and ``plan_shorten`` (the writing
room's dubbing fit: a chat model rewrites the line to about its slot's length).

The video: ``EpisodeMix.source_video`` holds the path as it was at import; ``source_video`` finds it (or the
video of the episode this one pairs with, for a translation) and says in a sentence when it has moved.
Pairing (``partner_episode``, ``paired_texts``): a translation made by the writing room has one line per
spoken source line, in order, by the same role, with the same cues; so two timed episodes pair by cue,
others by order (and only when their roles speak in the same order).
Must not live here: Qt, printing, ffmpeg.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from studio.actions import ActionError
from studio.actions.writing import Chat, RewritePlan, apply_rewrite, undo_rewrite
from studio.actions.writing import plan_shortening as _plan_shortening
from studio.domain.model import DONE, Line, effective_delivery
from studio.render.planner import LinePlan, slot_ms
from studio.store.project_file import ProjectStore
from studio.writing.translate import FitIssue

#: The fastest a line is sped up to fit its slot (faster sounds rushed).
MAX_FIT_SPEED = 1.3
#: Speed-ups aim this much under the slot: speech does not shorten exactly with speed.
SPEED_MARGIN = 0.04


# --- the source video ----------------------------------------------------------------------------------


def recorded_video(store: ProjectStore, episode_id: int) -> str:
    """The video path the episode remembers ("" when it has none)."""
    return store.episode_mix(episode_id).source_video


def set_source_video(store: ProjectStore, episode_id: int, path: str | Path) -> str:
    """Have the episode remember ``path`` as its source video (found again after a move); returns the one
    it had (for undo)."""
    before = recorded_video(store, episode_id)
    p = Path(path)
    if not p.is_file():
        raise ActionError(f"“{p}” is not a video file; choose the video the episode was made from.")
    store.set_episode_mix(episode_id, replace(store.episode_mix(episode_id), source_video=str(p.resolve())))
    return before


def _found(recorded: str, store: ProjectStore) -> Path | None:
    p = Path(recorded)
    if p.is_file():
        return p
    near = Path(store.path).parent / p.name  # moved together with the project
    return near if near.is_file() else None


def source_video(store: ProjectStore, episode_id: int) -> Path | None:
    """The video the episode (or the episode it pairs with, for a translation) was imported from; None when
    it has none. ``ActionError`` with a sentence when the video has moved away."""
    episode = store.episode(episode_id)
    recorded = recorded_video(store, episode_id)
    if not recorded:
        other = partner_episode(store, episode_id, quiet=True)
        recorded = recorded_video(store, other) if other is not None else ""
    if not recorded:
        return None
    found = _found(recorded, store)
    if found is None:
        raise ActionError(f"The video of “{episode.title}” was {recorded}, which is not there any more. Put it "
                          "back, or choose it again: Episode ▸ Source video… in the window, or --video.")
    return found


# --- pairing a translation with its source ---------------------------------------------------------------


def _spoken(store: ProjectStore, episode_id: int) -> list[Line]:
    return [ln for ln in store.lines(episode_id) if ln.text.strip()]


def _cues(lines: Sequence[Line]) -> list[int | None]:
    return [ln.cue_start_ms for ln in lines]


def partner_episode(store: ProjectStore, episode_id: int, *, quiet: bool = False) -> int | None:
    """The episode in another language that pairs line by line with ``episode_id`` (its translation, or the
    one it was translated from): as many spoken lines spoken by the same roles in the same order, the same
    cues when both are timed; the nearest one when several do. None when there is none (``quiet``), else ``ActionError`` saying what to do."""
    episodes = store.episodes()
    me = store.episode(episode_id)
    mine = _spoken(store, episode_id)
    candidates = []
    for ep in episodes:
        if ep.id == episode_id or ep.language == me.language:
            continue
        theirs = _spoken(store, ep.id)
        if len(theirs) != len(mine) or not mine:
            continue
        if [ln.role_id for ln in theirs] != [ln.role_id for ln in mine]:
            continue  # a translation keeps every line's role: another episode that happens to be as long is not one
        same_cues = _cues(theirs) == _cues(mine) and all(c is not None for c in _cues(mine))
        timed = any(ln.locked for ln in mine)
        if timed and not same_cues:
            continue
        candidates.append((abs(ep.position - me.position), ep.position, ep.id))
    if candidates:
        return min(candidates)[2]
    if quiet:
        return None
    raise ActionError(f"No episode in another language pairs with “{me.title}” line by line. Translate it first "
                      "(Writing room → Translate, or troupe translate), or name the episode to pair with.")


def paired_texts(store: ProjectStore, episode_id: int, other_id: int) -> dict[int, str]:
    """Each spoken line of ``episode_id`` → the text of its counterpart in ``other_id`` (by cue when both
    are timed, else by order). ``ActionError`` when the two do not pair."""
    mine, theirs = _spoken(store, episode_id), _spoken(store, other_id)
    if all(ln.locked for ln in mine + theirs) and mine:
        by_cue: dict[int | None, list[Line]] = {}
        for ln in theirs:
            by_cue.setdefault(ln.cue_start_ms, []).append(ln)
        out = {}
        for ln in mine:
            match = by_cue.get(ln.cue_start_ms)
            if match:
                out[ln.id] = match.pop(0).text
        return out
    if len(mine) != len(theirs):
        a, b = store.episode(episode_id), store.episode(other_id)
        raise ActionError(f"“{a.title}” has {len(mine)} spoken lines and “{b.title}” {len(theirs)}; bilingual "
                          "captions pair them one to one. Choose the episode that is its translation.")
    return {a.id: b.text for a, b in zip(mine, theirs, strict=True)}


# --- lines longer than their slot --------------------------------------------------------------------------


@dataclass(frozen=True)
class Overflow:
    line_id: int
    number: int  # the line's place in the episode, from 1
    slot_ms: int
    take_ms: int
    over_ms: int
    text: str

    def sentence(self) -> str:
        return (f"line {self.number} runs {self.over_ms / 1000:.2f} s past its cue ({self.take_ms / 1000:.2f} s "
                f"in a {self.slot_ms / 1000:.2f} s slot): “{self.text[:40]}”")


def overflowing(plans: Sequence[LinePlan]) -> list[Overflow]:
    """The rendered lines that run past their slot, in order."""
    out = []
    for p in plans:
        if p.status == DONE and p.overflowing and p.take is not None:
            slot = slot_ms(p.line) or 0
            out.append(Overflow(p.line.id, p.line.position + 1, slot, slot + p.overflow_ms, p.overflow_ms,
                                p.line.text))
    return out


def _chosen(plans: Sequence[LinePlan], line_ids: Sequence[int] | None) -> list[LinePlan]:
    wanted = set(line_ids) if line_ids is not None else None
    return [p for p in plans if p.status == DONE and p.overflowing and (wanted is None or p.line.id in wanted)]


@dataclass
class SpeedFit:
    plan: RewritePlan
    still_over: list[int]  # line ids that stay over their slot at the fastest allowed speed


def plan_speed_fit(store: ProjectStore, plans: Sequence[LinePlan], *, max_speed: float = MAX_FIT_SPEED,
                   line_ids: Sequence[int] | None = None) -> SpeedFit:
    """Each overflowing line (of ``line_ids``, default all) spoken faster to fit its slot, never faster than
    ``max_speed``; the lines still too long at that speed are named. Nothing is applied; the lines must be
    rendered again to be heard."""
    if not 1.0 < max_speed <= 2.0:
        raise ActionError(f"A fastest speed of {max_speed:g}× is outside 1–2×; {MAX_FIT_SPEED:g}× keeps speech natural.")
    roles = {r.id: r for r in store.roles()}
    before, after, still = [], [], []
    for p in _chosen(plans, line_ids):
        ln = p.line
        slot = slot_ms(ln) or 0
        assert p.take is not None
        heard = p.take.duration_ms - ln.trim_start_ms - ln.trim_end_ms
        current = effective_delivery(ln, roles.get(ln.role_id) if ln.role_id is not None else None).speed or 1.0
        wanted = current * heard / max(1, slot) * (1 + SPEED_MARGIN)
        speed = round(min(max_speed, wanted), 2)
        if wanted > max_speed:
            still.append(ln.id)
        if speed <= current:
            continue
        before.append(ln)
        after.append(ln.with_(delivery=replace(ln.delivery, speed=speed)))
    return SpeedFit(RewritePlan(before, after), still)


def plan_overlap(plans: Sequence[LinePlan], *, line_ids: Sequence[int] | None = None) -> RewritePlan:
    """Each overflowing line allowed to run over: its slot stretched to its take (it overlaps what follows
    its cue; it starts where it did)."""
    before, after = [], []
    for p in _chosen(plans, line_ids):
        ln = p.line
        assert p.take is not None and ln.cue_start_ms is not None
        heard = p.take.duration_ms - ln.trim_start_ms - ln.trim_end_ms
        before.append(ln)
        after.append(ln.with_(cue_end_ms=ln.cue_start_ms + heard))
    return RewritePlan(before, after)


async def plan_shorten(store: ProjectStore, chat: Chat, episode_id: int, plans: Sequence[LinePlan], *,
                       line_ids: Sequence[int] | None = None) -> RewritePlan:
    """Each overflowing line rewritten by the chat model to about its slot's length (the writing room's
    dubbing fit); nothing applied."""
    issues = []
    for p in _chosen(plans, line_ids):
        slot = slot_ms(p.line) or 0
        take = slot + p.overflow_ms
        issues.append(FitIssue(p.line.id, p.line.id, slot, take, take / max(1, slot) - 1, None, MAX_FIT_SPEED,
                               p.line.text))
    if not issues:
        return RewritePlan([], [])
    return await _plan_shortening(store, chat, episode_id, issues)


def apply_fit(store: ProjectStore, plan: RewritePlan) -> None:
    apply_rewrite(store, plan)


def undo_fit(store: ProjectStore, plan: RewritePlan) -> None:
    undo_rewrite(store, plan)


__all__ = ["MAX_FIT_SPEED", "Overflow", "SpeedFit", "apply_fit", "overflowing", "paired_texts", "partner_episode",
           "plan_overlap", "plan_shorten", "plan_speed_fit", "recorded_video", "set_source_video", "source_video",
           "undo_fit"]
