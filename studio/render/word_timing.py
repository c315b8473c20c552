"""Word timings of takes: made when a take is rendered, found (or made once) for older takes, and laid
on an episode's timeline for the word-timed files.

* ``timings_for_result``: a new take's words from what the engine reported (``SpeechResult.spans``), else
  from its audio (``timings_from_audio``).
* ``timings_from_audio``: the light forced alignment of ``studio.audio.align`` (source "aligned"); when the
  audio cannot be read or holds no speech, an estimate over the take (source "estimate").
* ``ensure_timings``: each rendered line's timings from its take's ``"words"`` note; a take without one
  is aligned now and its note saved (so the next export costs nothing). The report counts what had to
  be made.
* ``timed_lines``: the episode's lines with their words on the episode's clock (trims honoured), for the
  writers in ``studio.formats.words`` and ``studio.formats.visemes``.

CPU work is synchronous here: callers on an event loop use a worker thread. No Qt.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from studio.audio.align import align_text
from studio.audio.decode import decode_to_mono
from studio.domain.markup import display_text
from studio.domain.model import DONE
from studio.domain.timeline import Placement
from studio.domain.words import NOTE_KIND, HeardWord, WordTimings, estimate, heard_words, timings_from_spans
from studio.engines.speech import SpeechResult
from studio.formats.subtitles import AssStyle
from studio.formats.visemes import write_visemes_json
from studio.formats.words import TimedLine, write_karaoke_ass, write_words_json
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectError, ProjectStore

log = logging.getLogger(__name__)

ALIGN_RATE = 16000


def timings_from_audio(audio: bytes, fmt: str, duration_ms: int, text: str, spoken: str,
                       language: str) -> WordTimings:
    """The words of ``text`` (written) found in a take's ``audio`` by aligning ``spoken`` (what was said);
    an estimate over the take, labelled so, when the audio cannot be read or nothing is heard. Pause
    markers and sound tags are neither words nor said: they are left out of both."""
    text, spoken = display_text(text), display_text(spoken)
    try:
        samples = decode_to_mono(audio, fmt, ALIGN_RATE)
    except Exception as exc:
        log.warning("a take could not be decoded for word timings (%s); estimating them", exc)
        return estimate(text, spoken, language, duration_ms)
    result = align_text(samples, ALIGN_RATE, spoken or text, language)
    if not result.spans or result.speech_ms is None:
        return estimate(text, spoken, language, duration_ms)
    return timings_from_spans(result.spans, text, language, duration_ms, source="aligned",
                              method="energy-alignment")


def timings_for_result(result: SpeechResult, text: str, spoken: str, language: str) -> WordTimings:
    """A new take's word timings: the engine's own when it gave them, else aligned on its audio."""
    text, spoken = display_text(text), display_text(spoken)  # no pause markers or sound tags
    if result.spans:
        return timings_from_spans(result.spans, text, language, result.duration_ms, source="engine",
                                  method=result.timing_method or result.engine)
    return timings_from_audio(result.audio, result.format, result.duration_ms, text, spoken, language)


@dataclass
class TimingReport:
    """Each rendered line's timings (by line id), and the takes whose timings had to be made now."""

    by_line: dict[int, WordTimings] = field(default_factory=dict)
    computed: list[int] = field(default_factory=list)  # take ids aligned (or estimated) by this call
    unsaved: dict[int, WordTimings] = field(default_factory=dict)  # computed but not kept (a read-only store)


def _keep(store: ProjectStore, take_id: int, timings: WordTimings) -> bool:
    try:
        store.set_take_note(take_id, NOTE_KIND, timings.to_note())
        return True
    except (sqlite3.OperationalError, ProjectError) as exc:  # a reader: the caller may keep them
        log.debug("word timings of take %s not saved here (%s)", take_id, exc)
        return False


def ensure_timings(store: ProjectStore, plans: Sequence[LinePlan], *, save: bool = True,
                   known: Mapping[int, WordTimings] | None = None) -> TimingReport:
    """Word timings for every rendered line of ``plans``: the take's note when it has one, else aligned
    now (and saved as the take's note when ``save`` and the store can write; else left in
    ``TimingReport.unsaved`` for the caller to keep). ``known``: timings by take id already at hand."""
    report = TimingReport()
    done = [p for p in plans if p.status == DONE and p.take is not None]
    notes = store.take_notes(NOTE_KIND, [p.take.id for p in done if p.take is not None])
    made: dict[int, WordTimings] = dict(known or {})
    for p in done:
        take = p.take
        assert take is not None
        timings = made.get(take.id)
        if timings is None and take.id in notes:
            timings = WordTimings.from_note(notes[take.id])
        if timings is None:
            spoken = display_text(p.job.request.text if p.job is not None else p.line.text)
            language = p.job.request.language if p.job is not None else "zh"
            timings = timings_from_audio(store.take_audio(take.id), take.format, take.duration_ms,
                                         display_text(p.line.text), spoken, language)
            report.computed.append(take.id)
            if not (save and _keep(store, take.id, timings)):
                report.unsaved[take.id] = timings
        made[take.id] = timings
        report.by_line[p.line.id] = timings.for_text(display_text(p.line.text))  # no pauses or tags
    return report


def timed_lines(store: ProjectStore, plans: Sequence[LinePlan], placements: Sequence[Placement],
                by_line: Mapping[int, WordTimings]) -> list[TimedLine]:
    """Each placed line with its words on the episode's clock. A placement's start is where the heard
    part of its take begins; the line's trims leave that much of the take's start and end unheard."""
    names = {r.id: r.name for r in store.roles()}
    lines = {p.line.id: p.line for p in plans}
    out: list[TimedLine] = []
    for placement in placements:
        timings = by_line.get(placement.line_id)
        line = lines.get(placement.line_id)
        if timings is None or line is None:
            continue
        start = placement.start_ms
        heard = max(0, timings.duration_ms - max(0, line.trim_start_ms) - max(0, line.trim_end_ms))
        end = start + min(heard, placement.duration_ms)
        role = names.get(line.role_id) if line.role_id is not None else None
        kw = dict(trim_start_ms=line.trim_start_ms, trim_end_ms=line.trim_end_ms, role=role)
        words = _clip(heard_words(timings, line.id, start, **kw), end)  # type: ignore[arg-type]
        spoken = _clip(heard_words(timings, line.id, start, spoken=True, **kw), end)  # type: ignore[arg-type]
        out.append(TimedLine(line.id, display_text(line.text), start, end, tuple(words), role, timings.source, timings.method,
                             tuple(w.begin for w in words), tuple(w.end for w in words), tuple(spoken)))
    return out


def _clip(words: Sequence[HeardWord], end: int) -> list[HeardWord]:
    return [replace(w, start_ms=min(w.start_ms, end), end_ms=min(w.end_ms, end)) for w in words]


# --- the files ----------------------------------------------------------------------------------------

#: The word-timed files an export can write, and the suffix each gets after the audio file's stem.
WORD_FILES = {"karaoke": ".karaoke.ass", "words": ".words.json", "visemes": ".visemes.json"}


def word_file_paths(out: Path, kinds: Sequence[str]) -> list[Path]:
    """Where the word-timed files of an export to ``out`` go (next to it: ``ep1.karaoke.ass``, ...)."""
    return [out.with_name(out.stem + WORD_FILES[k]) for k in kinds]


@dataclass
class WordFiles:
    paths: list[Path]
    report: TimingReport
    sources: dict[str, int]  # lines by the source of their times


def write_word_files(store: ProjectStore, plans: Sequence[LinePlan], out: Path, kinds: Sequence[str], *,
                     duration_ms: int | None = None, ass_styles: Mapping[str, AssStyle] | None = None,
                     max_chars: int | None = None, play_res: tuple[int, int] = (1080, 1920),
                     save: bool = True) -> WordFiles:
    """Write the word-timed ``kinds`` ("karaoke", "words", "visemes") of the episode ``plans`` belong
    to, next to ``out``, from the same placements as its audio (``build_timeline``). Takes without
    timings are aligned once and keep them (see ``ensure_timings``). Either every file appears or none."""
    bad = [k for k in kinds if k not in WORD_FILES]
    if bad:
        raise ValueError(f"Unknown word-timed file “{bad[0]}”; use {', '.join(WORD_FILES)}.")
    report = ensure_timings(store, plans, save=save)
    if not kinds:
        return WordFiles([], report, {})
    from studio.render.mixdown import build_timeline

    timeline = build_timeline(store, plans)
    lines = timed_lines(store, plans, timeline.placements, report.by_line)
    language = store.episode(plans[0].line.episode_id).language if plans else "zh"
    total = max(duration_ms or 0, timeline.duration_ms)
    sources: dict[str, int] = {}
    for line in lines:
        sources[line.source] = sources.get(line.source, 0) + 1
    written: list[Path] = []
    try:
        for kind, path in zip(kinds, word_file_paths(out, kinds), strict=True):
            if kind == "karaoke":
                written.append(write_karaoke_ass(lines, path, ass_styles, language=language, max_chars=max_chars,
                                                 play_res=play_res))
            elif kind == "words":
                written.append(write_words_json(lines, path, total))
            else:
                written.append(write_visemes_json(lines, path, total, language))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return WordFiles(written, report, sources)
