"""Pauses and sound tags written inside a line's text, read the same way everywhere.

A line may hold a pause marker ``<#0.5#>`` (seconds, as MiniMax writes them) and sound tags such as
``(laughs)``, ``(sighs)`` or ``(coughs)``. This module parses them once, for every room:

* ``display_text``: what subtitles, word timings and the table show as words: markers and tags gone.
* ``for_minimax``: the text MiniMax is sent: pauses kept (merged when back to back, none at either end,
  since MiniMax wants one between two speakable pieces); tags kept for the models that speak them
  (speech-2.8) and dropped for the others.
* ``for_offline``: the text an offline engine is given: each tag becomes a short pause marker (it would
  otherwise be read aloud), pauses merged; ``segments`` cuts that text into speakable pieces and the
  silences between them, which Kokoro and eSpeak render as real silence.
* ``notices``: sentences saying what an engine does with the tags it cannot voice.

Only known tag names count as tags; any other parenthesis is ordinary text. Pure Python, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Sound tags MiniMax's speech-2.8 models voice (the documented list).
SOUND_TAGS = (
    "laughs", "chuckle", "coughs", "clear-throat", "groans", "breath", "pant", "inhale", "exhale",
    "gasps", "sniffs", "sighs", "snorts", "burps", "lip-smacking", "humming", "hissing", "emm", "sneezes",
    "whistles", "crying", "applause",
)
MIN_PAUSE_S = 0.01
MAX_PAUSE_S = 99.99
#: What a sound tag becomes for an engine that cannot voice it and renders silence instead.
TAG_PAUSE_S = 0.3

_TAG_NAMES = {t.lower() for t in SOUND_TAGS}
_MARK = re.compile(r"<#(?P<pause>[^#<>]*)#>|[(（]\s*(?P<tag>[A-Za-z][A-Za-z\-]*)\s*[)）]")
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True)
class Piece:
    """One part of a line: ``text`` to speak, a ``pause`` of ``seconds``, or a sound ``tag`` (its name)."""

    kind: str  # "text" | "pause" | "tag"
    text: str = ""
    seconds: float = 0.0


def _pause_seconds(raw: str) -> float | None:
    try:
        value = float(raw.strip())
    except ValueError:
        return None
    if not value > 0 or value != value:  # zero, negative or NaN: no pause
        return None
    return round(min(MAX_PAUSE_S, max(MIN_PAUSE_S, value)), 2)


def parse(text: str) -> list[Piece]:
    """The line as pieces, in order. A marker whose length is not a number greater than 0 (``<#x#>``)
    is dropped (``notices`` names it); an unknown parenthesis stays text."""
    pieces: list[Piece] = []
    pos = 0
    for m in _MARK.finditer(text):
        tag = m.group("tag")
        if tag is not None and tag.lower() not in _TAG_NAMES:
            continue
        if m.start() > pos:
            pieces.append(Piece("text", text[pos:m.start()]))
        if tag is not None:
            pieces.append(Piece("tag", tag.lower()))
        else:
            seconds = _pause_seconds(m.group("pause"))
            if seconds is not None:
                pieces.append(Piece("pause", seconds=seconds))
        pos = m.end()
    if pos < len(text):
        pieces.append(Piece("text", text[pos:]))
    return pieces


def spans(text: str) -> list[tuple[int, int, str]]:
    """Where the pause markers and sound tags of ``text`` are: (start, end, "pause" | "tag"), in order."""
    out = []
    for m in _MARK.finditer(text):
        tag = m.group("tag")
        if tag is not None and tag.lower() not in _TAG_NAMES:
            continue
        out.append((m.start(), m.end(), "tag" if tag is not None else "pause"))
    return out


def has_markup(text: str) -> bool:
    """Whether ``text`` holds a pause marker or a sound tag."""
    return any(p.kind != "text" for p in parse(text)) or bool(re.search(r"<#[^#<>]*#>", text))


def _tidy(text: str) -> str:
    text = _SPACES.sub(" ", text)
    text = re.sub(r" +([,.!?;:，。！？；：、…])", r"\1", text)
    return text.strip()


def display_text(text: str) -> str:
    """The line's words as written, without pause markers or sound tags (subtitles, word timings)."""
    if "<#" not in text and "(" not in text and "（" not in text:
        return text
    joined = "".join(p.text if p.kind == "text" else " " for p in parse(text))
    joined = re.sub(r"<#[^#<>]*#>", " ", joined)  # an unreadable marker is not shown either
    # a space stands where a marker was, so "a<#1#>b" keeps its words apart in English but not in Chinese
    joined = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) +(?=[\u3000-\u9fff\uff00-\uffef])", "", joined)
    return _tidy(joined)


def _format_pause(seconds: float) -> str:
    return f"<#{seconds:.2f}".rstrip("0").rstrip(".") + "#>"


def _join(pieces: list[Piece], *, edges: bool) -> str:
    """Pieces back into text: pauses merged when back to back (their lengths added), and at the ends
    kept only when ``edges``."""
    out: list[Piece] = []
    for p in pieces:
        if p.kind == "text" and not p.text.strip():
            if out and out[-1].kind == "text":
                out[-1] = Piece("text", out[-1].text + p.text)
            elif p.text:
                out.append(p)
            continue
        if p.kind == "pause" and out and out[-1].kind == "pause":
            out[-1] = Piece("pause", seconds=round(min(MAX_PAUSE_S, out[-1].seconds + p.seconds), 2))
        elif p.kind == "pause" and len(out) >= 2 and out[-1].kind == "text" and not out[-1].text.strip() \
                and out[-2].kind == "pause":
            out[-2] = Piece("pause", seconds=round(min(MAX_PAUSE_S, out[-2].seconds + p.seconds), 2))
        else:
            out.append(p)
    spoken = [i for i, p in enumerate(out) if p.kind != "pause" and (p.kind == "tag" or p.text.strip())]
    parts: list[str] = []
    for i, p in enumerate(out):
        if p.kind == "text":
            parts.append(p.text)
        elif p.kind == "tag":
            parts.append(f"({p.text})")
        elif edges or (spoken and spoken[0] < i < spoken[-1]):
            parts.append(_format_pause(p.seconds))
    return _tidy("".join(parts))


def for_minimax(text: str, *, tags: bool) -> str:
    """The text as MiniMax is sent it: pauses kept between speakable pieces, sound tags kept when the
    model voices them (``tags``), else dropped."""
    pieces = parse(text)
    if not any(p.kind != "text" for p in pieces) and "<#" not in text:
        return text
    if not tags:
        pieces = [p for p in pieces if p.kind != "tag"]
    return _join(pieces, edges=False)


def for_offline(text: str) -> str:
    """The text an offline engine is given: every sound tag a ``TAG_PAUSE_S`` pause, pauses merged."""
    pieces = parse(text)
    if not any(p.kind != "text" for p in pieces) and "<#" not in text:
        return text
    return _join([Piece("pause", seconds=TAG_PAUSE_S) if p.kind == "tag" else p for p in pieces], edges=True)


def segments(text: str) -> list[tuple[str, float]]:
    """``text`` (as ``for_offline`` gives it) as (speakable text, silence after it in seconds) pairs, in
    order. A pause at the start is a first pair with empty text. Text without markers is one pair."""
    out: list[tuple[str, float]] = []
    current = ""
    for p in parse(text):
        if p.kind == "text":
            current += p.text
        elif p.kind == "tag":
            current += f"({p.text})"  # not for_offline's output: keep it as written
        else:
            if out and not current.strip():
                out[-1] = (out[-1][0], out[-1][1] + p.seconds)
            else:
                out.append((current.strip(), p.seconds))
            current = ""
    if current.strip() or not out:
        out.append((current.strip(), 0.0))
    merged: list[tuple[str, float]] = []
    for piece, pause in out:  # punctuation alone ("world <#0.3#>.") goes with the words before it
        if merged and merged[-1][0] and piece and not re.search(r"\w", piece):
            merged[-1] = (merged[-1][0] + piece, merged[-1][1] + pause)
        else:
            merged.append((piece, pause))
    return merged


def tags_in(text: str) -> list[str]:
    return [p.text for p in parse(text) if p.kind == "tag"]


def notices(text: str, engine: str, *, voices_tags: bool) -> list[str]:
    """Sentences for a user about what ``engine`` does with this line's markup it cannot honour."""
    out: list[str] = []
    tags = sorted(set(tags_in(text)))
    if tags and not voices_tags:
        names = ", ".join(f"({t})" for t in tags)
        if engine == "minimax":
            out.append(f"{names}: this MiniMax model does not voice sound tags, so they are left out; "
                       "choose a speech-2.8 model to hear them.")
        else:
            out.append(f"{names}: the {engine} engine cannot voice sound tags, so each becomes a short pause.")
    for m in re.finditer(r"<#([^#<>]*)#>", text):
        if _pause_seconds(m.group(1)) is None:
            out.append(f"“{m.group(0)}” is not a pause: write the seconds, such as <#0.5#>.")
    return out
