"""Subtitles from timeline placements: cues, line splitting, and SRT / WebVTT / JSON writers.

Lives here: ``Cue``, ``cues_from_placements`` (one cue per line, long lines split at punctuation with
the line's time shared in proportion to characters), ``write_srt`` (the ``srt`` library), ``write_vtt``
(``webvtt-py``) and ``write_json``. Files are UTF-8 and written atomically (temporary file, then
replace). Does not live here: timing rules (``studio.domain.timeline``), audio, or any Qt code.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import srt
import webvtt

from studio.domain.timeline import Placement

#: Longest cue text per language when the caller gives no limit.
MAX_CHARS = {"zh": 24, "en": 42}
DEFAULT_MAX_CHARS = 42

_BREAK_AFTER = re.compile(r"(?<=[，。！？；、,.!?;：:…])")


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str
    role: str | None = None


def split_text(text: str, max_chars: int) -> list[str]:
    """``text`` cut into pieces of at most ``max_chars`` characters.

    Cuts fall after punctuation where possible, else at spaces, else anywhere.
    """
    text = text.strip()
    if max_chars <= 0 or len(text) <= max_chars:
        return [text] if text else []
    pieces: list[str] = []
    for clause in (c for c in _BREAK_AFTER.split(text) if c.strip()):
        if len(clause.strip()) <= max_chars:
            pieces.append(clause)
            continue
        for word in re.split(r"(?<=\s)", clause):
            while len(word.strip()) > max_chars:
                pieces.append(word[:max_chars])
                word = word[max_chars:]
            if word:
                pieces.append(word)
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if current and len((current + piece).strip()) > max_chars:
            chunks.append(current.strip())
            current = piece
        else:
            current += piece
    if current.strip():
        chunks.append(current.strip())
    return chunks


def cues_from_placements(
    placements: Iterable[Placement],
    texts: Mapping[int, tuple[str, str | None]],
    language: str = "zh",
    max_chars: int | None = None,
) -> list[Cue]:
    """One cue per placed line (``texts`` maps line id to ``(text, role name)``), in time order.

    A line longer than ``max_chars`` (default by language: zh 24, en 42) becomes several consecutive
    cues sharing the line's time in proportion to their characters. Lines without text are skipped.
    """
    limit = max_chars if max_chars is not None else MAX_CHARS.get(language, DEFAULT_MAX_CHARS)
    cues: list[Cue] = []
    for p in sorted(placements, key=lambda p: (p.start_ms, p.line_id)):
        if p.line_id not in texts:
            continue
        text, role = texts[p.line_id]
        parts = split_text(text, limit)
        if not parts:
            continue
        weights = [max(1, len(part.replace(" ", ""))) for part in parts]
        total = sum(weights)
        done = 0
        begin = p.start_ms
        for part, weight in zip(parts, weights, strict=True):
            done += weight
            end = p.start_ms + round(p.duration_ms * done / total)
            cues.append(Cue(begin, end, part, role))
            begin = end
    return cues


def _write_atomic(path: str | os.PathLike[str], text: str) -> Path:
    out = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".part", dir=out.parent if str(out.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def srt_text(cues: Sequence[Cue]) -> str:
    subs = [
        srt.Subtitle(
            index=i,
            start=timedelta(milliseconds=c.start_ms),
            end=timedelta(milliseconds=c.end_ms),
            content=c.text,
        )
        for i, c in enumerate(cues, start=1)
    ]
    return srt.compose(subs, reindex=False)


def _vtt_time(ms: int) -> str:
    h, rest = divmod(int(ms), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def vtt_text(cues: Sequence[Cue]) -> str:
    doc = webvtt.WebVTT()
    for c in cues:
        doc.captions.append(webvtt.Caption(_vtt_time(c.start_ms), _vtt_time(c.end_ms), c.text))
    return doc.content


def write_srt(cues: Sequence[Cue], path: str | os.PathLike[str]) -> Path:
    return _write_atomic(path, srt_text(cues))


def write_vtt(cues: Sequence[Cue], path: str | os.PathLike[str]) -> Path:
    return _write_atomic(path, vtt_text(cues))


def write_json(cues: Sequence[Cue], path: str | os.PathLike[str]) -> Path:
    """A JSON array of ``{"text", "time_begin", "time_end", "role"}`` with times in whole milliseconds."""
    items = [
        {"text": c.text, "time_begin": int(c.start_ms), "time_end": int(c.end_ms), "role": c.role}
        for c in cues
    ]
    return _write_atomic(path, json.dumps(items, ensure_ascii=False, indent=2) + "\n")
