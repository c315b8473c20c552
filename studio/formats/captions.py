"""Captions burned into a video: an ASS file, styled per role, kept inside the platform's safe area, with an
optional second line in the other language (bilingual captions) and optional speaker names.

Lives here: ``Caption`` (a line's text and time, and its counterpart in the other language), ``CaptionLayout``
(the caption canvas of a frame: its short side is 1080 units, so styles sized for 1080 × 1920 read the same
on any frame, and the safe area in those units), ``split_captions`` (long lines cut to the small-screen
limits, the second line cut alongside), the caption builders and ``caption_file`` / ``write_caption_file``.

A *builder* turns captions into an ``SSAFile``: ``plain_captions`` (a role's colour and position from its
``AssStyle``, the second line smaller under the first). Another kind (karaoke word highlighting, for one)
plugs in by ``register_builder("karaoke", build)``; whatever a builder returns is then placed inside the
safe area by ``place_in_safe_area`` (play resolution, style margins), so every kind lands in the same
place. Does not live here: timing (``studio.domain.timeline``), ffmpeg (``studio.video``), projects. No Qt.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pysubs2

from studio.formats.subtitles import AssStyle, Cue, SubtitleOptions, ass_file, fit_cues, split_text
from studio.video.safe_area import CAPTION_CLEARANCE, SafeArea, safe_area_for

#: The second (other-language) line of a bilingual caption: this much of the first line's size, this colour.
SECOND_LINE_SCALE = 0.72
SECOND_LINE_COLOUR = "#f2f2f2"
#: The short side of the caption canvas (ASS play resolution); styles are sized for it.
CANVAS_SHORT_SIDE = 1080


@dataclass(frozen=True)
class Caption:
    start_ms: int
    end_ms: int
    text: str
    role: str | None = None
    second: str = ""  # the same line in the other language, shown under it (bilingual captions)
    line_id: int | None = None  # the line it shows (a builder may look up more of it, e.g. its words' times)


@dataclass(frozen=True)
class CaptionLayout:
    """The caption canvas of a frame (``width`` × ``height`` units, the short side 1080) and its safe area."""

    width: int
    height: int
    safe: SafeArea

    @classmethod
    def for_frame(cls, width: int, height: int) -> CaptionLayout:
        k = CANVAS_SHORT_SIDE / max(1, min(width, height))
        w, h = round(width * k), round(height * k)
        return cls(w, h, safe_area_for(w, h))


CaptionBuilder = Callable[[Sequence[Caption], Mapping[str, AssStyle], CaptionLayout], pysubs2.SSAFile]


def _ass_safe(text: str) -> str:
    """Text as ASS shows it literally: braces open override blocks and backslashes start codes."""
    return text.replace("\\", "＼").replace("{", "（").replace("}", "）")


def _bgr(colour: str) -> str:
    v = colour.strip().lstrip("#")
    return f"&H{v[4:6]}{v[2:4]}{v[0:2]}&".upper()


def plain_captions(captions: Sequence[Caption], styles: Mapping[str, AssStyle],
                   layout: CaptionLayout) -> pysubs2.SSAFile:
    """Each caption in its role's style; a second line smaller and light under the first."""
    cues = []
    for c in captions:
        text = _ass_safe(c.text)
        if c.second.strip():
            base = (styles.get(c.role or "") or AssStyle()).size
            size = max(8, round(base * SECOND_LINE_SCALE))
            text += f"\n{{\\fs{size}\\c{_bgr(SECOND_LINE_COLOUR)}}}{_ass_safe(c.second.strip())}"
        cues.append(Cue(c.start_ms, c.end_ms, text, c.role))
    return ass_file(cues, styles, play_res=(layout.width, layout.height))


#: Caption kinds by name. ``plain`` is the studio's own; others register here.
BUILDERS: dict[str, CaptionBuilder] = {"plain": plain_captions}


def register_builder(name: str, builder: CaptionBuilder) -> None:
    """Offer another kind of caption (e.g. "karaoke") to video exports by name."""
    BUILDERS[name] = builder


def _vertical(alignment: object) -> str:
    n = int(alignment)  # type: ignore[call-overload]
    return "bottom" if n in (1, 2, 3) else "top" if n in (7, 8, 9) else "middle"


def place_in_safe_area(subs: pysubs2.SSAFile, layout: CaptionLayout) -> pysubs2.SSAFile:
    """``subs`` sized for ``layout``'s canvas with every style's margins inside its safe area: bottom
    captions above the bottom band, top ones under the top band, all clear of the side columns (events
    with margins of their own that reach into a band are pulled out of it). Returns ``subs``."""
    safe = layout.safe
    gap = CAPTION_CLEARANCE
    subs.info["PlayResX"] = str(layout.width)
    subs.info["PlayResY"] = str(layout.height)
    subs.info["WrapStyle"] = "0"
    subs.info["ScaledBorderAndShadow"] = "yes"
    need = {"bottom": safe.bottom + gap, "top": safe.top + gap, "middle": 0}
    for style in subs.styles.values():
        style.marginl = max(int(style.marginl), safe.left + gap)
        style.marginr = max(int(style.marginr), safe.right + gap)
        where = _vertical(style.alignment)
        style.marginv = max(int(style.marginv), need[where]) if where != "middle" else int(style.marginv)
    for event in subs.events:
        style = subs.styles.get(event.style)
        where = _vertical(style.alignment) if style is not None else "bottom"
        if event.marginl and event.marginl < safe.left + gap:
            event.marginl = safe.left + gap
        if event.marginr and event.marginr < safe.right + gap:
            event.marginr = safe.right + gap
        if event.marginv and where != "middle" and event.marginv < need[where]:
            event.marginv = need[where]
    return subs


def caption_file(captions: Sequence[Caption], styles: Mapping[str, AssStyle], layout: CaptionLayout, *,
                 builder: str | CaptionBuilder = "plain") -> pysubs2.SSAFile:
    """The ASS of ``captions`` made by ``builder`` (a name in ``BUILDERS`` or a builder) and placed inside
    ``layout``'s safe area."""
    build = BUILDERS[builder] if isinstance(builder, str) else builder
    return place_in_safe_area(build(captions, styles, layout), layout)


def write_caption_file(path: str | os.PathLike[str], captions: Sequence[Caption], styles: Mapping[str, AssStyle],
                       layout: CaptionLayout, *, builder: str | CaptionBuilder = "plain") -> Path:
    out = Path(path)
    out.write_text(caption_file(captions, styles, layout, builder=builder).to_string("ass"), encoding="utf-8")
    return out


def split_captions(captions: Sequence[Caption], options: SubtitleOptions, language: str) -> list[Caption]:
    """Each caption cut to ``options``' limits (``fit_cues``: lines per caption, characters per line, time
    on screen; speaker names when asked). A second line is cut into as many pieces at punctuation when it
    can be, else shown whole under each piece. A caption held on to be readable never runs into the next."""
    out: list[Caption] = []
    for c in sorted(captions, key=lambda c: (c.start_ms, c.end_ms)):
        pieces, _ = fit_cues([Cue(c.start_ms, c.end_ms, c.text, c.role)], options, language)
        seconds = [c.second] * len(pieces)
        if c.second.strip() and len(pieces) > 1:
            parts = split_text(c.second, max(4, math.ceil(len(c.second) / len(pieces))))
            if len(parts) == len(pieces):
                seconds = parts
        for piece, second in zip(pieces, seconds, strict=True):
            out.append(Caption(piece.start_ms, max(piece.end_ms, piece.start_ms), piece.text, c.role, second,
                               c.line_id))
    for i in range(len(out) - 1):  # held on past its own end: stop at the next caption
        nxt = out[i + 1].start_ms
        if out[i].end_ms > nxt >= out[i].start_ms:
            out[i] = replace(out[i], end_ms=max(out[i].start_ms, nxt))
    return out


def plain_cues(captions: Sequence[Caption]) -> list[Cue]:
    """The captions as subtitle cues (for side files): the second line on a line of its own."""
    return [Cue(c.start_ms, c.end_ms, c.text + (f"\n{c.second}" if c.second.strip() else ""), c.role)
            for c in captions]


__all__ = ["BUILDERS", "Caption", "CaptionBuilder", "CaptionLayout", "SECOND_LINE_COLOUR", "SECOND_LINE_SCALE",
           "caption_file", "place_in_safe_area", "plain_captions", "plain_cues", "register_builder",
           "split_captions", "write_caption_file"]
