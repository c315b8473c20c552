"""Subtitles from timeline placements: cues, line splitting, and SRT / WebVTT / JSON / ASS writers.

Lives here: ``Cue``, ``cues_from_placements`` (one cue per line, long lines split at punctuation with
the line's time shared in proportion to characters), ``SubtitleOptions`` and ``fit_cues`` (limits for
short-video screens: characters per line, lines per cue, longest cue, reading speed; speaker names),
``write_srt`` (the ``srt`` library), ``write_vtt`` (``webvtt-py``), ``write_json`` and ``write_ass``
(``pysubs2``, a style per role: colour and position). Files are UTF-8 and written atomically
(temporary file, then replace). Does not live here: timing rules (``studio.domain.timeline``), audio,
or any Qt code.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

import pysubs2
import srt
import webvtt

from studio.domain.markup import display_text
from studio.domain.timeline import Placement
from studio.files import give_normal_permissions

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
        parts = split_text(display_text(text), limit)  # pause markers and sound tags are never shown
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
        give_normal_permissions(tmp)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: Stands for "-->" in SRT text, where "-->" would read as a cue's timing line.
SRT_ARROW = "→"


def clean_text(text: str) -> str:
    """``text`` as any subtitle file can hold it: lone surrogates (which UTF-8 cannot encode) become
    U+FFFD, control characters other than newline and tab go, and line ends become ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _LONE_SURROGATE.sub("\ufffd", text))


def _lines(text: str) -> str:
    """The cue's text lines without empty ones (an empty line ends a cue in SRT and WebVTT)."""
    return "\n".join(line for line in clean_text(text).split("\n") if line.strip())


def srt_cue_text(text: str) -> str:
    """A cue's text as an SRT cue can hold it: no empty line, no "-->" (see ``SRT_ARROW``)."""
    return _lines(text).replace("-->", SRT_ARROW)


def vtt_cue_text(text: str) -> str:
    """A cue's text as WebVTT requires it: ``&``, ``<`` and ``>`` as character references (so "-->"
    cannot occur), no empty line."""
    return _lines(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ass_cue_text(text: str) -> str:
    """A cue's text as an ASS event shows it literally: braces (which open override tags) as full-width
    parentheses, backslashes (``\\N``, ``\\h``…) as full-width ones, line breaks as ``\\N``."""
    text = _lines(text).replace("\\", "＼").replace("{", "（").replace("}", "）")
    return text.replace("\n", "\\N")


def ass_field(text: str | None) -> str:
    """A name for an ASS field of a comma-separated line (style or actor): no comma, no line break."""
    return " ".join(clean_text(text or "").replace(",", " ").split())


def srt_text(cues: Sequence[Cue]) -> str:
    subs = [
        srt.Subtitle(
            index=i,
            start=timedelta(milliseconds=c.start_ms),
            end=timedelta(milliseconds=c.end_ms),
            content=srt_cue_text(c.text),
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
        doc.captions.append(webvtt.Caption(_vtt_time(c.start_ms), _vtt_time(c.end_ms), vtt_cue_text(c.text)))
    return doc.content


def write_srt(cues: Sequence[Cue], path: str | os.PathLike[str]) -> Path:
    return _write_atomic(path, srt_text(cues))


def write_vtt(cues: Sequence[Cue], path: str | os.PathLike[str]) -> Path:
    return _write_atomic(path, vtt_text(cues))


def json_text(cues: Sequence[Cue]) -> str:
    """A JSON array of ``{"text", "time_begin", "time_end", "role"}`` with times in whole milliseconds."""
    items = [
        {"text": clean_text(c.text), "time_begin": int(c.start_ms), "time_end": int(c.end_ms),
         "role": clean_text(c.role) if c.role is not None else None}
        for c in cues
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def write_json(cues: Sequence[Cue], path: str | os.PathLike[str]) -> Path:
    """The cues as ``json_text`` says."""
    return _write_atomic(path, json_text(cues))


# --- limits for small screens -------------------------------------------------------------------------

#: Characters per subtitle line that suit a phone held upright, per language.
SHORT_VIDEO_CHARS = {"zh": 16, "en": 32}


@dataclass(frozen=True)
class SubtitleOptions:
    """How cues are cut and shown.

    ``max_chars``: characters per subtitle line (None: by language, ``MAX_CHARS``); ``max_lines``: lines
    per cue, a cue longer than ``max_chars × max_lines`` is split into consecutive cues at punctuation;
    ``max_duration_ms``: a cue on screen longer than this is split too; ``max_cps``: reading speed in
    characters per second — a cue read faster is held on into the silence after it (never over the next
    cue) and, if that is not enough, counted in ``fit_cues``'s report; ``min_duration_ms``: the shortest
    time a cue stays up (the same way); ``speaker_names``: the role's name before the text (in WebVTT as
    every format, counted in the line length; ASS also names the role in each line's Name field).
    """

    max_chars: int | None = None
    max_lines: int = 1
    max_duration_ms: int | None = None
    max_cps: float | None = None
    min_duration_ms: int = 0
    speaker_names: bool = False

    def chars_for(self, language: str) -> int:
        if self.max_chars is not None:
            return self.max_chars
        return MAX_CHARS.get(language.split("-")[0], DEFAULT_MAX_CHARS)

    def validate(self) -> list[str]:
        problems = []
        if self.max_chars is not None and not 4 <= self.max_chars <= 200:
            problems.append(f"{self.max_chars} characters per subtitle line is outside 4–200.")
        if not 1 <= self.max_lines <= 4:
            problems.append(f"{self.max_lines} lines per subtitle is outside 1–4.")
        if self.max_cps is not None and not 1 <= self.max_cps <= 60:
            problems.append(f"A reading speed of {self.max_cps:g} characters a second is outside 1–60.")
        if self.max_duration_ms is not None and self.max_duration_ms < 500:
            problems.append("A subtitle must be allowed at least 500 ms on screen.")
        return problems


#: For vertical short video: two short lines, at most 7 s on screen, a comfortable reading speed.
SHORT_VIDEO = SubtitleOptions(max_chars=None, max_lines=2, max_duration_ms=7000, max_cps=None, min_duration_ms=700)


def short_video_options(language: str, **changes: object) -> SubtitleOptions:
    """``SHORT_VIDEO`` with the line length for ``language`` (16 characters of Chinese, 32 of English)
    and a reading speed to match (9 and 17 characters a second)."""
    zh = language.split("-")[0] == "zh"
    base = replace(SHORT_VIDEO, max_chars=SHORT_VIDEO_CHARS["zh" if zh else "en"], max_cps=9.0 if zh else 17.0)
    return replace(base, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FitReport:
    """What ``fit_cues`` did: cues split, cues held on to be readable, and cues still read too fast."""

    split: int = 0
    extended: int = 0
    too_fast: list[Cue] = field(default_factory=list)


def _speaker(text: str, role: str | None, language: str) -> str:
    if not role:
        return text
    return f"{role}：{text}" if language.split("-")[0] == "zh" else f"{role}: {text}"


def _wrap(text: str, max_chars: int, max_lines: int) -> str:
    """``text`` broken into at most ``max_lines`` lines of ``max_chars`` where it can be."""
    if max_lines <= 1 or len(text) <= max_chars:
        return text
    lines = split_text(text, max_chars)
    if len(lines) <= max_lines:
        return "\n".join(lines) if lines else text
    return text


def fit_cues(cues: Sequence[Cue], options: SubtitleOptions, language: str = "zh") -> tuple[list[Cue], FitReport]:
    """``cues`` cut to the limits of ``options``: each cue at most ``max_lines`` lines of the line length
    (a longer one split at punctuation into consecutive cues sharing its time by characters), none on
    screen longer than ``max_duration_ms``, and each held on into the silence after it until it can be
    read at ``max_cps`` (and for ``min_duration_ms``), never past the next cue's start. Speaker names, when
    asked, go before each line's first cue. The cues' starts never move."""
    per_line = options.chars_for(language)
    capacity = per_line * max(1, options.max_lines)
    out: list[Cue] = []
    split = 0
    ordered = sorted(cues, key=lambda c: (c.start_ms, c.end_ms))
    for cue in ordered:
        text = cue.text.strip()
        if not text:
            continue
        if options.speaker_names:
            text = _speaker(text, cue.role, language)
        duration = max(0, cue.end_ms - cue.start_ms)
        pieces_needed = max(1, -(-len(text) // capacity))
        if options.max_duration_ms:
            pieces_needed = max(pieces_needed, -(-duration // options.max_duration_ms))
        limit = capacity if pieces_needed == 1 else min(capacity, max(4, -(-len(text) // pieces_needed)))
        parts = split_text(text, limit)
        if len(parts) > 1:
            split += len(parts) - 1
        weights = [max(1, len(part.replace(" ", ""))) for part in parts]
        total = sum(weights)
        done = 0
        begin = cue.start_ms
        for part, weight in zip(parts, weights, strict=True):
            done += weight
            end = cue.start_ms + round(duration * done / total)
            out.append(Cue(begin, end, _wrap(part, per_line, options.max_lines), cue.role))
            begin = end
    extended = 0
    too_fast: list[Cue] = []
    for i, cue in enumerate(out):
        chars = len(cue.text.replace("\n", "").replace(" ", ""))
        want = options.min_duration_ms
        if options.max_cps:
            want = max(want, int(round(1000 * chars / options.max_cps)))
        have = cue.end_ms - cue.start_ms
        if have >= want:
            continue
        room = out[i + 1].start_ms if i + 1 < len(out) else cue.start_ms + want
        end = max(cue.end_ms, min(cue.start_ms + want, room))
        if end > cue.end_ms:
            extended += 1
            out[i] = cue = Cue(cue.start_ms, end, cue.text, cue.role)
        if options.max_cps and chars / max(0.001, (cue.end_ms - cue.start_ms) / 1000) > options.max_cps + 1e-9:
            too_fast.append(cue)
    return out, FitReport(split, extended, too_fast)


# --- ASS / SSA ------------------------------------------------------------------------------------------

#: Where a role's subtitles sit on the screen.
POSITIONS = {"bottom": pysubs2.Alignment.BOTTOM_CENTER, "middle": pysubs2.Alignment.MIDDLE_CENTER,
             "top": pysubs2.Alignment.TOP_CENTER}


@dataclass(frozen=True)
class AssStyle:
    """A role's look in an ASS file: text colour (``#rrggbb``), position (bottom, middle, top), font."""

    colour: str = "#ffffff"
    position: str = "bottom"
    font: str = "Noto Sans CJK SC"
    size: int = 64
    outline: float = 3.0

    def validate(self) -> list[str]:
        problems = []
        if not re.fullmatch(r"#?[0-9a-fA-F]{6}", self.colour.strip()):
            problems.append(f"“{self.colour}” is not a colour like #ffcc00.")
        if self.position not in POSITIONS:
            problems.append(f"“{self.position}” is not a subtitle position; use {', '.join(POSITIONS)}.")
        return problems


def _colour(value: str) -> pysubs2.Color:
    v = value.strip().lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", v):
        raise ValueError(f"“{value}” is not a colour like #ffcc00.")
    return pysubs2.Color(int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16))


def _style_name(role: str | None) -> str:
    return ass_field(role) or "Default"


def ass_file(cues: Sequence[Cue], styles: Mapping[str, AssStyle] | None = None, *,
             play_res: tuple[int, int] = (1080, 1920), default: AssStyle | None = None,
             literal: bool = False) -> pysubs2.SSAFile:
    """An ``SSAFile`` of ``cues``: one style per role (``styles`` by role name; others get ``default``),
    the role in each event's Name field. ``play_res`` is the video frame the styles are sized for
    (default: a vertical 1080 × 1920 short video). ``literal``: the cues' text is shown as it is (see
    ``ass_cue_text``); else it may carry override tags of the caller's."""
    subs = pysubs2.SSAFile()
    subs.info["PlayResX"] = str(play_res[0])
    subs.info["PlayResY"] = str(play_res[1])
    subs.info["WrapStyle"] = "0"
    subs.info["ScaledBorderAndShadow"] = "yes"
    base = default or AssStyle()
    wanted = {_style_name(None): base}
    for cue in cues:
        name = _style_name(cue.role)
        if name not in wanted:
            wanted[name] = (styles or {}).get(cue.role or "", base)
    margin = max(10, play_res[1] // 12)
    for name, style in wanted.items():
        subs.styles[name] = pysubs2.SSAStyle(
            fontname=style.font, fontsize=float(style.size), primarycolor=_colour(style.colour),
            outlinecolor=pysubs2.Color(0, 0, 0), backcolor=pysubs2.Color(0, 0, 0, 128), outline=style.outline,
            shadow=1.0, alignment=POSITIONS.get(style.position, pysubs2.Alignment.BOTTOM_CENTER),
            marginl=40, marginr=40, marginv=margin)
    for cue in cues:
        subs.events.append(pysubs2.SSAEvent(start=int(cue.start_ms), end=int(cue.end_ms),
                                            text=ass_cue_text(cue.text) if literal else
                                            clean_text(cue.text).replace("\n", "\\N"), style=_style_name(cue.role),
                                            name=ass_field(cue.role)))
    return subs


def ass_text(cues: Sequence[Cue], styles: Mapping[str, AssStyle] | None = None, **kw: object) -> str:
    return ass_file(cues, styles, literal=True, **kw).to_string("ass")  # type: ignore[arg-type]


def write_ass(cues: Sequence[Cue], path: str | os.PathLike[str], styles: Mapping[str, AssStyle] | None = None,
              **kw: object) -> Path:
    """An Advanced SubStation file with a style per role (see ``ass_file``)."""
    return _write_atomic(path, ass_text(cues, styles, **kw))


#: Subtitle kinds the export writes, and their suffix.
SUBTITLE_KINDS = ("srt", "vtt", "ass", "json")


def write_subtitles(kind: str, cues: Sequence[Cue], path: str | os.PathLike[str], *,
                    styles: Mapping[str, AssStyle] | None = None, play_res: tuple[int, int] = (1080, 1920)) -> Path:
    """Write ``cues`` as ``kind`` (srt, vtt, ass, json); ``styles`` and ``play_res`` are for ASS."""
    return _write_atomic(path, subtitle_text(kind, cues, styles=styles, play_res=play_res))


def subtitle_text(kind: str, cues: Sequence[Cue], *, styles: Mapping[str, AssStyle] | None = None,
                  play_res: tuple[int, int] = (1080, 1920)) -> str:
    """The text of a ``kind`` file of ``cues`` (what ``write_subtitles`` writes): an export makes it
    before any audio, so a problem with the subtitles (``ValueError``) leaves no half export."""
    if kind == "srt":
        return srt_text(cues)
    if kind == "vtt":
        return vtt_text(cues)
    if kind == "json":
        return json_text(cues)
    if kind == "ass":
        return ass_text(cues, styles, play_res=play_res)
    raise ValueError(f"Unknown subtitle format “{kind}”; use {', '.join(SUBTITLE_KINDS)}.")
