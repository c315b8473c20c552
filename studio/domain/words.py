"""Word timings of a take: which written word is heard when, and how that is known.

A take's words are kept as a ``WordTimings``: each ``Word`` is a piece of the line *as written* (a Han
character, a Latin word or a number; punctuation is not a word) with its start and end in milliseconds
from the start of the take, and its character offsets in the written text, so a writer can put the
punctuation back between the words. ``source`` says how the times were found:

* ``"engine"``: the engine said so (MiniMax's word subtitles, Kokoro's predicted phoneme durations,
  eSpeak's word events);
* ``"aligned"``: the take's audio was analysed (energy and voicing) and matched against the text;
* ``"estimate"``: neither was possible, so syllable weights were spread over the take — labelled as such.

Engines and the aligner time what was *spoken* (the text after the lexicon, numbers read out) as
``Span`` pieces; ``words_from_spans`` carries those times over to the written text by aligning the two
texts character by character, so a respelling never shows in a subtitle. The spans are kept with the
words (``WordTimings.spoken``), so the same take can be mapped again to another written form and a lip-sync
track can follow what was really said.

Also here: ``syllable_weights`` (the relative length of each unit of a text, for alignment and estimates),
``estimate_spans``, ``heard_words`` (a take's words on the episode's clock, trims honoured) and the note
format stored beside each take (kind ``"words"``). Pure Python: no I/O, no audio, no engine names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The note kind word timings are kept under beside a take.
NOTE_KIND = "words"
#: The version of the note's layout.
NOTE_VERSION = 1
#: How a take's word times were found.
SOURCES = ("engine", "aligned", "estimate")

# CJK ideographs (with extensions and compatibility forms), kana and hangul syllables.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002fa1f"
_UNIT = re.compile(
    rf"(?P<cjk>[{_CJK}])"
    r"|(?P<num>\d+(?:[.,:]\d+)*%?)"
    rf"|(?P<word>[^\W\d_{_CJK}]+(?:['’\-][^\W\d_{_CJK}]+)*)"
)
_SENTENCE_END = re.compile(r"[。！？!?…]|\.(?:\s|$)|\.{2,}")
_CLAUSE = re.compile(r"[，、；：,;:—–]|-{2,}")
_VOWELS = re.compile(r"[aeiouy]+", re.IGNORECASE)

#: Relative lengths, in "Mandarin syllables" (about 220 ms at normal speed).
SYLLABLE = 1.0
EN_SYLLABLE = 0.8
EN_LETTER = 0.06
DIGIT_ZH = 1.0  # a digit read out in Chinese is about one syllable
CLAUSE_PAUSE = 0.7  # ，、；： , ; :  (about 150 ms)
SENTENCE_PAUSE = 1.4  # 。！？ . ! ?  (about 300 ms)


@dataclass(frozen=True)
class Span:
    """A piece of spoken text and when it is heard (ms from the start of the take)."""

    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Word:
    """A written word and when it is heard. ``begin``/``end`` are its offsets in the written text."""

    text: str
    start_ms: int
    end_ms: int
    begin: int = 0
    end: int = 0


@dataclass(frozen=True)
class WordTimings:
    """The words of one take (times relative to the take), with how they were found."""

    words: tuple[Word, ...]
    source: str  # one of SOURCES
    method: str  # e.g. "minimax-subtitles", "kokoro-durations", "espeak-events", "energy-alignment"
    duration_ms: int
    text: str  # the written text the words are taken from
    language: str = "zh"
    spoken: tuple[Span, ...] = field(default_factory=tuple)  # what was said, timed

    @property
    def estimated(self) -> bool:
        return self.source == "estimate"

    def to_note(self) -> dict[str, Any]:
        """The JSON document kept beside the take (note kind ``NOTE_KIND``)."""
        return {
            "version": NOTE_VERSION, "source": self.source, "method": self.method,
            "duration_ms": int(self.duration_ms), "language": self.language, "text": self.text,
            "words": [[w.text, w.start_ms, w.end_ms, w.begin, w.end] for w in self.words],
            "spoken": [[s.text, s.start_ms, s.end_ms] for s in self.spoken],
        }

    @classmethod
    def from_note(cls, note: Mapping[str, Any]) -> WordTimings | None:
        """The timings in a stored note, or None when it is not one this version reads."""
        try:
            if int(note.get("version", 0)) != NOTE_VERSION or note.get("source") not in SOURCES:
                return None
            words = tuple(Word(str(t), int(s), int(e), int(b), int(n)) for t, s, e, b, n in note["words"])
            spoken = tuple(Span(str(t), int(s), int(e)) for t, s, e in note.get("spoken", ()))
            return cls(words, str(note["source"]), str(note.get("method", "")), int(note["duration_ms"]),
                       str(note.get("text", "")), str(note.get("language", "zh")), spoken)
        except (KeyError, TypeError, ValueError):
            return None

    def for_text(self, text: str) -> WordTimings:
        """The same timings mapped onto another written ``text`` (two lines sharing one take)."""
        if text == self.text:
            return self
        if not self.spoken:
            return remap(self, text)
        words = words_from_spans(self.spoken, text, self.language, self.duration_ms)
        return WordTimings(tuple(words), self.source, self.method, self.duration_ms, text, self.language,
                           self.spoken)


def remap(timings: WordTimings, text: str) -> WordTimings:
    """``timings`` carried to ``text`` through its own words (when no spoken spans were kept)."""
    spans = [Span(w.text, w.start_ms, w.end_ms) for w in timings.words]
    words = words_from_spans(spans, text, timings.language, timings.duration_ms)
    return WordTimings(tuple(words), timings.source, timings.method, timings.duration_ms, text,
                       timings.language, timings.spoken)


# --- units of a text -----------------------------------------------------------------------------------


def word_units(text: str) -> list[tuple[int, int]]:
    """The (begin, end) offsets of each word of ``text``: a CJK character, a Latin word (with inner
    apostrophes and hyphens) or a number. Punctuation and spaces belong to no word."""
    return [m.span() for m in _UNIT.finditer(text)]


def is_cjk(ch: str) -> bool:
    return bool(re.fullmatch(f"[{_CJK}]", ch))


def english_syllables(word: str) -> int:
    """A spelling-based syllable count (vowel groups, a silent final e dropped), at least 1."""
    w = word.lower()
    groups = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, groups)


def _unit_weight(unit: str, chinese: bool) -> float:
    if len(unit) == 1 and is_cjk(unit):
        return SYLLABLE
    if unit[:1].isdigit():
        digits = sum(ch.isdigit() for ch in unit)
        return digits * DIGIT_ZH if chinese else EN_SYLLABLE * max(2, 2 * digits)
    letters = sum(ch.isalpha() for ch in unit)
    return EN_SYLLABLE * english_syllables(unit) + EN_LETTER * letters


def syllable_weights(text: str, language: str) -> list[tuple[int, int, float, float]]:
    """Each word unit of ``text`` as (begin, end, weight, pause before it), in syllable units: how long
    it takes to say relative to the others, and the pause punctuation asks for before it."""
    chinese = language.split("-")[0].lower() in ("zh", "cmn", "yue")
    out: list[tuple[int, int, float, float]] = []
    last_end = 0
    for begin, end in word_units(text):
        between = text[last_end:begin]
        pause = 0.0
        if out:
            if _SENTENCE_END.search(between):
                pause = SENTENCE_PAUSE
            elif _CLAUSE.search(between):
                pause = CLAUSE_PAUSE
        out.append((begin, end, _unit_weight(text[begin:end], chinese), pause))
        last_end = end
    return out


def estimate_spans(text: str, language: str, start_ms: int, end_ms: int) -> list[Span]:
    """The units of ``text`` spread over ``[start_ms, end_ms]`` by their syllable weights (with the pauses
    punctuation asks for between them)."""
    units = syllable_weights(text, language)
    if not units:
        return []
    total = sum(w + p for _, _, w, p in units)
    span = max(0, end_ms - start_ms)
    out: list[Span] = []
    t = 0.0
    for begin, end, weight, pause in units:
        t += pause
        s = start_ms + span * t / total
        t += weight
        out.append(Span(text[begin:end], round(s), round(start_ms + span * t / total)))
    return out


# --- spoken spans onto the written text ----------------------------------------------------------------


def _char_times(spans: Sequence[Span]) -> tuple[str, list[float], list[float]]:
    """The spans' texts joined, with a start and end time for every character (a span's time shared
    evenly over its non-space characters)."""
    chars: list[str] = []
    starts: list[float] = []
    ends: list[float] = []
    for sp in spans:
        text = sp.text
        if chars and not chars[-1].isspace() and text and not text[0].isspace() \
                and not (is_cjk(chars[-1]) or is_cjk(text[0])):
            text = " " + text  # keep Latin words apart
        n = max(1, sum(not c.isspace() for c in text))
        k = 0
        step = (sp.end_ms - sp.start_ms) / n
        for c in text:
            s = sp.start_ms + step * k
            if not c.isspace():
                k += 1
            chars.append(c)
            starts.append(s)
            ends.append(sp.start_ms + step * k if not c.isspace() else s)
    return "".join(chars), starts, ends


def _norm(text: str) -> str:
    return text.lower().replace("’", "'")


def words_from_spans(spans: Sequence[Span], text: str, language: str, duration_ms: int) -> list[Word]:
    """The words of the written ``text`` timed from ``spans`` of what was spoken.

    The two texts are aligned character by character (difflib): a character both share takes the
    spoken character's time; a written stretch said differently (a respelling, a number read out) shares
    the time of what was said in its place; a written word with nothing said for it gets no length, at
    the time where it would be. Times are clamped into the take and made to increase."""
    units = word_units(text)
    if not units:
        return []
    spoken, s_start, s_end = _char_times([s for s in spans if s.text])
    n = len(text)
    c_start: list[float | None] = [None] * n
    c_end: list[float | None] = [None] * n
    in_word = [False] * n
    for begin, end in units:
        for i in range(begin, end):
            in_word[i] = True
    if spoken:
        matcher = difflib.SequenceMatcher(None, _norm(text), _norm(spoken), autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    c_start[i1 + k], c_end[i1 + k] = s_start[j1 + k], s_end[j1 + k]
            elif tag == "replace":
                t0, t1 = s_start[j1], s_end[j2 - 1]
                inside = [i for i in range(i1, i2) if in_word[i]] or list(range(i1, i2))
                count = len(inside)
                for k, i in enumerate(inside):
                    c_start[i] = t0 + (t1 - t0) * k / count
                    c_end[i] = t0 + (t1 - t0) * (k + 1) / count
    # Characters with no time take the end of the timed one before (or the start of the one after).
    last: float | None = None
    for i in range(n):
        if c_start[i] is None:
            continue
        last = c_end[i]
        break
    else:
        last = 0.0
    prev_end = None
    for i in range(n):
        if c_start[i] is None:
            if prev_end is None:
                nxt = next((c_start[j] for j in range(i, n) if c_start[j] is not None), last)
                c_start[i] = c_end[i] = nxt
            else:
                c_start[i] = c_end[i] = prev_end
        else:
            prev_end = c_end[i]
    words: list[Word] = []
    floor = 0
    top = max(0, int(duration_ms))
    for begin, end in units:
        starts = [c_start[i] for i in range(begin, end) if not text[i].isspace()]
        ends = [c_end[i] for i in range(begin, end) if not text[i].isspace()]
        s = round(min(x for x in starts if x is not None))
        e = round(max(x for x in ends if x is not None))
        s = min(max(s, floor), top)
        e = min(max(e, s), top)
        words.append(Word(text[begin:end], s, e, begin, end))
        floor = s
    return words


def timings_from_spans(spans: Sequence[Span], text: str, language: str, duration_ms: int, *, source: str,
                       method: str) -> WordTimings:
    """``WordTimings`` of the written ``text`` from spoken ``spans`` (see ``words_from_spans``)."""
    if source not in SOURCES:
        raise ValueError(f"unknown word-timing source {source!r}")
    clean = tuple(Span(s.text, max(0, min(s.start_ms, duration_ms)), max(0, min(s.end_ms, duration_ms)))
                  for s in spans)
    words = words_from_spans(clean, text, language, duration_ms)
    return WordTimings(tuple(words), source, method, int(duration_ms), text, language, clean)


def estimate(text: str, spoken: str, language: str, duration_ms: int, start_ms: int = 0,
             end_ms: int | None = None) -> WordTimings:
    """An estimate, labelled as one: the spoken text's syllables spread over ``[start_ms, end_ms]`` (the
    take's speech, or the whole take), mapped onto the written ``text``."""
    end = duration_ms if end_ms is None else end_ms
    spans = estimate_spans(spoken or text, language, start_ms, end)
    return timings_from_spans(spans, text, language, duration_ms, source="estimate", method="syllable-estimate")


# --- on the episode's clock ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HeardWord:
    """A word as heard in the episode: its times on the episode's clock, and the line it belongs to."""

    line_id: int
    text: str
    start_ms: int
    end_ms: int
    source: str
    role: str | None = None
    begin: int = 0  # offsets in the written text (of a written word; 0 for a spoken piece)
    end: int = 0


def heard_words(timings: WordTimings, line_id: int, start_ms: int, *, trim_start_ms: int = 0,
                trim_end_ms: int = 0, role: str | None = None, spoken: bool = False) -> list[HeardWord]:
    """The take's words (``spoken``: the spoken pieces instead) placed at ``start_ms``, where the heard
    part of the take begins on the episode's clock. Trims leave ``trim_start_ms`` of the take's start and
    ``trim_end_ms`` of its end unheard: a word wholly inside them is dropped, one crossing them is clipped
    to what is heard."""
    lo = max(0, trim_start_ms)
    hi = timings.duration_ms - max(0, trim_end_ms)
    items = [Word(sp.text, sp.start_ms, sp.end_ms) for sp in timings.spoken] if spoken else timings.words
    out: list[HeardWord] = []
    for w in items:
        s, e = max(w.start_ms, lo), min(w.end_ms, hi)
        if (e <= s) if w.end_ms > w.start_ms else not lo <= w.start_ms <= hi:
            continue
        out.append(HeardWord(line_id, w.text, start_ms + s - lo, start_ms + e - lo, timings.source, role,
                             w.begin, w.end))
    return out


def check_timings(timings: WordTimings) -> list[str]:
    """Sentences naming what is wrong with ``timings`` (empty when the starts increase and every word lies
    inside the take)."""
    problems = []
    last = -1
    for w in timings.words:
        if w.start_ms < last:
            problems.append(f"“{w.text}” starts at {w.start_ms} ms, before the word ahead of it.")
        if not 0 <= w.start_ms <= w.end_ms <= timings.duration_ms:
            problems.append(f"“{w.text}” ({w.start_ms}–{w.end_ms} ms) is not inside the take "
                            f"(0–{timings.duration_ms} ms).")
        last = w.start_ms
    return problems


def count_sources(timings: Iterable[WordTimings]) -> dict[str, int]:
    """How many takes' timings came from each source."""
    out: dict[str, int] = {}
    for t in timings:
        out[t.source] = out.get(t.source, 0) + 1
    return out
