"""Word-timed files of an episode: karaoke ASS (each word highlighted as it is heard) and word JSON.

Input is a list of ``TimedLine``: one per placed line, its heard part on the episode's clock and its words
(``studio.domain.words.HeardWord``), already placed and clipped to the line's trims by the export.

* ``write_karaoke_ass``: an ASS file whose events carry ``{\\kf}`` tags, one per word, in centiseconds;
  the text sweeps from the style's secondary colour (white) to its primary colour (the role's colour,
  from the same per-role ``AssStyle`` as the plain ASS file). A silence before, between or after words is an
  empty ``{\\kf}`` syllable, so the tags of a line add up to its heard length; a long line is cut into
  several events the way plain subtitles are (``split_text``), each starting where its first word does.
* ``write_words_json``: ``{"version", "duration_ms", "lines": [{"line_id", "role", "text", "start_ms",
  "end_ms", "source", "method", "words": [{"text", "start_ms", "end_ms"}]}]}`` in whole milliseconds of
  the episode. ``source`` is "engine", "aligned" or "estimate" (see ``studio.domain.words``).

Files are UTF-8, written atomically. No Qt, no audio, no project access here.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pysubs2

from studio.domain.words import HeardWord
from studio.formats.subtitles import (
    DEFAULT_MAX_CHARS,
    MAX_CHARS,
    AssStyle,
    Cue,
    _write_atomic,
    ass_file,
    split_text,
)

WORDS_VERSION = 1


@dataclass(frozen=True)
class TimedLine:
    """A placed line with its heard words (episode times). ``begins``: each word's offset in ``text``."""

    line_id: int
    text: str
    start_ms: int
    end_ms: int
    words: tuple[HeardWord, ...]
    role: str | None = None
    source: str = "estimate"
    method: str = ""
    begins: tuple[int, ...] = field(default_factory=tuple)  # offset of each word in ``text``
    ends: tuple[int, ...] = field(default_factory=tuple)
    spoken: tuple[HeardWord, ...] = field(default_factory=tuple)  # what was said (for lip-sync)


def _cs(ms: float) -> int:
    return int(round(ms / 10.0))


def _ass_text(text: str) -> str:
    return text.replace("{", "(").replace("}", ")").replace("\n", " ")


def _kf(cs: int) -> str:
    return f"{{\\kf{cs}}}"


def karaoke_events(line: TimedLine, max_chars: int) -> list[tuple[int, int, str]]:
    """(start, end, tagged text) of the line's karaoke events: the line cut into parts of at most
    ``max_chars`` (0: one event), each word with ``{\\kf}`` of its length and the text after it up to the
    next word. The tags of an event add up to its length (to the centisecond)."""
    text = line.text
    parts = split_text(text, max_chars) if max_chars else ([text.strip()] if text.strip() else [])
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in parts:
        at = text.find(part, pos)
        at = pos if at < 0 else at
        spans.append((at, at + len(part)))
        pos = at + len(part)
    words = list(zip(line.words, line.begins, strict=False))
    events: list[tuple[int, int, str]] = []
    for k, (a, b) in enumerate(spans):
        inside = [i for i, (_, at) in enumerate(words) if a <= at < b]
        later = [i for i, (_, at) in enumerate(words) if at >= b]
        before = events[-1][1] if events else line.start_ms
        start = line.start_ms if k == 0 else max(before, words[inside[0]][0].start_ms if inside else before)
        last = k == len(spans) - 1 or not later
        end = max(start, line.end_ms if last else words[later[0]][0].start_ms)
        pieces: list[str] = []
        shown = _cs(start)
        for n, i in enumerate(inside):
            w, at = words[i]
            upto = words[inside[n + 1]][1] if n + 1 < len(inside) else b
            body = (text[a:at] if n == 0 else "") + text[at:upto]
            ws = _cs(min(max(w.start_ms, start), end))
            we = _cs(min(max(w.end_ms, w.start_ms, start), end))
            if ws > shown:  # a silence before the word
                pieces.append(_kf(ws - shown))
                shown = ws
            pieces.append(_kf(max(0, we - shown)) + _ass_text(body))
            shown = max(shown, we)
        if not inside:
            pieces.append(_ass_text(text[a:b]))
        if _cs(end) > shown:
            pieces.append(_kf(_cs(end) - shown))
        events.append((start, end, "".join(pieces)))
    return events


def karaoke_file(lines: Sequence[TimedLine], styles: Mapping[str, AssStyle] | None = None, *,
                 language: str = "zh", max_chars: int | None = None,
                 play_res: tuple[int, int] = (1080, 1920)) -> pysubs2.SSAFile:
    """The karaoke ``SSAFile``: the plain ASS file's per-role styles, each sung word turning from white
    (secondary colour) to the role's colour (primary)."""
    limit = MAX_CHARS.get(language.split("-")[0], DEFAULT_MAX_CHARS) if max_chars is None else max_chars
    cues: list[Cue] = []
    for line in sorted(lines, key=lambda t: (t.start_ms, t.line_id)):
        for start, end, tagged in karaoke_events(line, limit):
            cues.append(Cue(start, end, tagged, line.role))
    subs = ass_file(cues, styles, play_res=play_res)
    for style in subs.styles.values():
        style.secondarycolor = pysubs2.Color(255, 255, 255)
    return subs


def write_karaoke_ass(lines: Sequence[TimedLine], path: str | os.PathLike[str],
                      styles: Mapping[str, AssStyle] | None = None, **kw: object) -> Path:
    """A karaoke ASS file of ``lines`` (see ``karaoke_file``)."""
    return _write_atomic(path, karaoke_file(lines, styles, **kw).to_string("ass"))  # type: ignore[arg-type]


def karaoke_sums(subs: pysubs2.SSAFile) -> list[tuple[int, int, int]]:
    """(event start, event end, sum of its ``\\k``/``\\kf``/``\\ko`` tags in ms) for each event: what a test
    or a player checks the timing with."""
    out = []
    for event in subs.events:
        total = sum(int(x) for x in re.findall(r"\\k[fo]?(\d+)", event.text)) * 10
        out.append((event.start, event.end, total))
    return out


def words_document(lines: Sequence[TimedLine], duration_ms: int) -> dict[str, object]:
    """The word JSON document (see the module docstring)."""
    return {
        "version": WORDS_VERSION,
        "duration_ms": int(duration_ms),
        "lines": [{
            "line_id": line.line_id, "role": line.role, "text": line.text, "start_ms": int(line.start_ms),
            "end_ms": int(line.end_ms), "source": line.source, "method": line.method,
            "words": [{"text": w.text, "start_ms": int(w.start_ms), "end_ms": int(w.end_ms)} for w in line.words],
        } for line in sorted(lines, key=lambda t: (t.start_ms, t.line_id))],
    }


def write_words_json(lines: Sequence[TimedLine], path: str | os.PathLike[str], duration_ms: int) -> Path:
    return _write_atomic(path, json.dumps(words_document(lines, duration_ms), ensure_ascii=False, indent=1) + "\n")


__all__ = ["TimedLine", "karaoke_events", "karaoke_file", "karaoke_sums", "words_document", "write_karaoke_ass",
           "write_words_json"]
