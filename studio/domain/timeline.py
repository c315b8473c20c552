"""Timeline maths: where each take sits in time, from line order, gaps and manual offsets.

The rule: a line starts ``gap`` after the end of everything before it (a negative gap overlaps the
previous line), nudged by its manual offset, never before zero. The offset moves that line alone: what
follows keys on where it would be without it. The first line has no gap. Both the
mixdown and the subtitles are built from these placements, so they cannot drift apart.

A *locked* line (a timed script's, ``Slot.cue_ms``: imported from SRT/ASS/VTT or a video's subtitles)
starts at its source cue instead, plus its offset, whatever came before it; its gap is not used. It may
overlap the line before it or run past its own slot (the planner flags that as overflowing). A line after
it that is not locked follows it as usual: ``gap`` after the end of everything before it. Moving a locked
line (a drag on the timeline) moves its cue (``studio.actions.timing.dragged``).

A line without a take can still be given a place with an estimated length
(``estimate_duration_ms``, ``Slot.estimated``); the placement then says it is an estimate, so the
timeline can show it as a placeholder and an export can leave it out.

Pure Python: no Qt, no I/O, no engine names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from studio.domain import markup


@dataclass(frozen=True)
class Placement:
    line_id: int
    start_ms: int
    duration_ms: int
    estimated: bool = False  # the duration is an estimate (no take yet), not a take's length

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.duration_ms


@dataclass(frozen=True)
class Slot:
    """What the timeline needs to know of one line."""

    line_id: int
    duration_ms: int | None  # None: no take yet (the line is skipped, not given a hole)
    gap_ms: int
    offset_ms: int = 0
    estimated: bool = False  # duration_ms is an estimate; carried through to Placement.estimated
    cue_ms: int | None = None  # a locked line's source cue: it starts here (plus its offset), gap unused


def place(slots: Iterable[Slot]) -> list[Placement]:
    placements: list[Placement] = []
    cursor = 0  # end of everything placed so far
    for slot in slots:
        if slot.duration_ms is None:
            continue
        if slot.cue_ms is not None:
            anchor = max(0, slot.cue_ms)  # locked to its source cue
        else:
            gap = slot.gap_ms if placements else 0
            anchor = max(0, cursor + gap)  # where the line would start without its offset
        start = max(0, anchor + slot.offset_ms)
        p = Placement(slot.line_id, start, max(0, slot.duration_ms), slot.estimated)
        placements.append(p)
        # what follows keys on where the line would be without its offset: an offset moves the line alone
        cursor = max(cursor, anchor + p.duration_ms)
    return placements


def total_ms(placements: Iterable[Placement]) -> int:
    return max((p.end_ms for p in placements), default=0)


# -- estimated spoken length ---------------------------------------------------------------------

CJK_MS_PER_CHAR = 220  # about 4.5 Chinese characters a second
WORD_MS = 360  # about 2.75 English words a second
DIGIT_MS_ZH = 200  # a digit read out in Chinese ("二零二四"): about one syllable each
SENTENCE_PAUSE_MS = 300  # after 。！？.!?… inside a line
CLAUSE_PAUSE_MS = 150  # after ，、；：,;:— inside a line
MIN_ESTIMATE_MS = 300  # a non-empty line is never estimated shorter than this

# CJK ideographs (with extensions and compatibility forms), kana and hangul syllables.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002fa1f"
_TOKENS = re.compile(
    rf"(?P<cjk>[{_CJK}])"
    r"|(?P<digits>\d+(?:[.,:]\d+)*)"
    rf"|(?P<word>[^\W\d_{_CJK}]+(?:['’-][^\W\d_{_CJK}]+)*)"
    r"|(?P<sentence>[。！？!?…]+|\.(?:\s|$)|\.{2,})"
    r"|(?P<clause>[，、；：,;:—–]+|-{2,})"
)


def _is_chinese(language: str) -> bool:
    tag = language.strip().lower().replace("_", "-")
    return tag.split("-")[0] in {"zh", "cmn", "yue", "wuu", "hak", "nan"}


def estimate_duration_ms(text: str, language: str, speed: float = 1.0) -> int:
    """A plain estimate of how long ``text`` takes to say, in milliseconds.

    CJK characters count at about 4.5 a second and other words at about 2.75 a second whatever
    ``language`` says (a Chinese line may quote an English name, and the other way round); in a
    Chinese episode a number is read digit by digit, elsewhere as a word. Punctuation inside the
    line adds a short pause (a longer one after a sentence); punctuation that ends the line adds
    nothing. ``speed`` divides the result (2.0 is twice as fast). An empty or blank line is 0 ms;
    any other line is at least ``MIN_ESTIMATE_MS``. A pause marker (``<#0.8#>``) adds its length; a sound
    tag adds the short pause the offline engines make of it.
    """
    if not text.strip():
        return 0
    if markup.has_markup(text):  # pauses last as written; sound tags say nothing (offline, a short pause)
        total = 0.0
        for piece, pause in markup.segments(markup.for_offline(text)):
            if re.search(r"\w", piece):
                total += _spoken_ms(piece, language, speed)
            total += pause * 1000
        return max(MIN_ESTIMATE_MS, round(total))
    return max(MIN_ESTIMATE_MS, round(_spoken_ms(text, language, speed)))


def _spoken_ms(text: str, language: str, speed: float) -> float:
    chinese = _is_chinese(language)
    ms = 0.0
    pending_pause = 0.0  # a pause counts only if something is said after it
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "sentence":
            pending_pause = max(pending_pause, SENTENCE_PAUSE_MS)
            continue
        if kind == "clause":
            pending_pause = max(pending_pause, CLAUSE_PAUSE_MS)
            continue
        ms += pending_pause
        pending_pause = 0.0
        if kind == "cjk":
            ms += CJK_MS_PER_CHAR
        elif kind == "digits":
            digits = sum(ch.isdigit() for ch in match.group())
            ms += digits * DIGIT_MS_ZH if chinese else WORD_MS * max(1, (digits + 1) // 2)
        else:
            ms += WORD_MS
    if not speed or speed <= 0:
        speed = 1.0
    return ms / speed


def starts_by_line(placements: Iterable[Placement]) -> dict[int, int]:
    """Each placed line's start (ms): what a sound effect attached to a line follows."""
    return {p.line_id: p.start_ms for p in placements}


def shifted(placements: Iterable[Placement], delta_ms: int) -> list[Placement]:
    """The placements moved by ``delta_ms`` (a window's own time, e.g. for a part of an episode)."""
    return [Placement(p.line_id, p.start_ms + delta_ms, p.duration_ms, p.estimated) for p in placements]
