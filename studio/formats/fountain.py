"""Fountain screenplays (``.fountain``) into a script draft.

Follows the Fountain 1.1 syntax: a title page (``Title:``, ``Credit:``, ``Author:`` … up to the first
blank line; its ``Title`` is the draft's title), scene headings (``INT.``, ``EXT.``, ``EST.``,
``INT./EXT.``, ``I/E`` or a forced ``.HEADING``, with an optional ``#12#`` scene number), character cues
(a line in capitals before dialogue, or forced with ``@`` — the way to write a cue in Chinese, ``@林晚``;
extensions such as ``(V.O.)``, ``(O.S.)`` and ``(CONT'D)`` and a dual-dialogue ``^`` are taken off the
name), parentheticals, dialogue, transitions (``CUT TO:`` or forced ``>``), centred text (``>…<``),
notes (``[[…]]``), boneyard (``/* … */``), sections (``#``), synopses (``=``), page breaks (``===``),
lyrics (``~``) and emphasis (``*``, ``**``, ``_``).

What becomes what: each dialogue block is a line of its character; a parenthetical that names a feeling
((whispering), (angry), （低声）) becomes the line's emotion through the script importer's vocabulary,
any other parenthetical a note, and a parenthetical inside a block starts a new line of the same character
with it. Action paragraphs and centred text are narration (the narrator's lines). A scene heading, a
transition and a ``[[note]]`` are never spoken: they are notes on the line that follows (or on the last line
for a note at the end). A voice-over or off-screen extension is noted on its line ("V.O.").

Must not live here: project access, Qt. Errors are ``ScriptImportError`` with a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from studio.domain.model import Delivery
from studio.formats.script_import import (
    ScriptDraft,
    ScriptImportError,
    _clean_text,
    _finish,
    _read_directions,
    _Row,
)

__all__ = ["looks_like_fountain", "parse_fountain"]

_SCENE = re.compile(r"^(?:int|ext|est|int\.?/ext|i/e)[. ]", re.IGNORECASE)
# A run of spaces is tried from its start only (the look-behind), so a long run costs a pass, not a square.
_SCENE_NUMBER = re.compile(r"(?:^|(?<=\S))\s*#[\w.\-]+#\s*$")
_TRANSITION = re.compile(r"^[A-Z0-9 .'\-]+TO:$")
_EXTENSION = re.compile(r"(?:^|(?<=\S))\s*\((?:V\.?O\.?|O\.?S\.?|O\.?C\.?|CONT'?D|CONT\.|MORE|画外音|旁白)\)\s*", re.IGNORECASE)
_VOICE_OVER = re.compile(r"\((V\.?O\.?|O\.?S\.?|O\.?C\.?|画外音)\)", re.IGNORECASE)
_TITLE_KEY = re.compile(r"^(title|credit|author|authors|source|draft date|date|contact|copyright|notes|revision)"
                        r"\s*:\s*(.*)$", re.IGNORECASE)
_NOTE = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_BONEYARD = re.compile(r"/\*.*?\*/", re.DOTALL)
_EMPHASIS = re.compile(r"(\*{1,3}|_)(?=\S)(.+?)(?<=\S)\1")
_CJK = re.compile(r"[\u3400-\u9fff]")


def looks_like_fountain(text: str) -> bool:
    """Whether ``text`` reads as a Fountain screenplay (scene headings or a title page and cues)."""
    lines = [ln.strip() for ln in text.splitlines()]
    headings = sum(1 for ln in lines if _SCENE.match(ln) or (ln.startswith(".") and not ln.startswith("..")
                                                               and len(ln) > 1 and ln[1].isalpha()))
    cues = sum(1 for i, ln in enumerate(lines[:-1]) if lines[i + 1] and _is_cue(ln, i, lines))
    titled = bool(lines and _TITLE_KEY.match(lines[0]))
    return headings >= 1 and cues >= 1 or titled and cues >= 2


def _is_cue(line: str, index: int, lines: list[str]) -> bool:
    if index > 0 and lines[index - 1].strip():
        return False
    if index + 1 >= len(lines) or not lines[index + 1].strip():
        return False
    if line.startswith("@"):
        return len(line) > 1
    if line.startswith(("!", ">", ".", "#", "=", "~", "[[")) or _SCENE.match(line) or _TRANSITION.match(line):
        return False
    name = _EXTENSION.sub(" ", line).rstrip("^ ").strip()
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and not _CJK.search(name) and name == name.upper() and len(name) <= 40 \
        and not name.endswith((".", "!", "?", ":"))


def _cue_name(line: str) -> tuple[str, str]:
    """The role name of a cue line, and its voice-over note ("V.O." / "O.S." / "")."""
    raw = line[1:] if line.startswith("@") else line
    raw = raw.rstrip().rstrip("^").strip()
    vo = _VOICE_OVER.search(raw)
    name = _EXTENSION.sub(" ", raw).strip()
    name = " ".join(name.split())
    if not _CJK.search(name) and name == name.upper():
        name = " ".join(w.capitalize() if w.isalpha() else w.title() for w in name.split())
    return name, (vo.group(1).upper().replace("..", ".") if vo else "")


def _plain(text: str) -> str:
    text = text.replace("\\*", "\x00")
    for _ in range(3):
        text = _EMPHASIS.sub(r"\2", text)
    return text.replace("\x00", "*")


@dataclass
class _Pending:
    notes: list[str]


def parse_fountain(text: str, *, source_name: str = "") -> ScriptDraft:
    """A draft from Fountain text (see the module notes for what becomes what)."""
    text = _BONEYARD.sub("", text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    lines = text.split("\n")
    title = ""
    i = 0
    if lines and _TITLE_KEY.match(lines[0].strip()):
        key = ""
        while i < len(lines) and lines[i].strip():
            m = _TITLE_KEY.match(lines[i].strip())
            if m:
                key = m.group(1).lower()
                if key == "title" and m.group(2).strip():
                    title = _plain(m.group(2).strip())
            elif key == "title" and not title:
                title = _plain(lines[i].strip())
            i += 1
    body = [ln.rstrip() for ln in lines[i:]]
    stripped = [ln.strip() for ln in body]
    rows: list[_Row] = []
    pending: list[str] = []  # notes for the next line (scene headings, transitions, [[notes]])
    number = i

    def take_notes(raw: str) -> str:
        found = [_clean_text(n) for n in _NOTE.findall(raw)]
        pending.extend(n for n in found if n)
        return _NOTE.sub("", raw)

    def add(role: str | None, said: str, row: int, emotion: str | None = None, note: str = "") -> None:
        said = _clean_text(_plain(said))
        if not said:
            pending.extend([note] if note else [])
            return
        notes = [*pending, *([note] if note else [])]
        pending.clear()
        rows.append(_Row(row, role, said, Delivery(emotion=emotion), None, "; ".join(dict.fromkeys(notes))))

    k = 0
    while k < len(body):
        line = stripped[k]
        row = number + k + 1
        if not line:
            k += 1
            continue
        if line.startswith("===") or line.startswith("#") or (line.startswith("=") and not line.startswith("==")):
            k += 1
            continue
        if _NOTE.fullmatch(line):
            take_notes(line)
            k += 1
            continue
        forced_scene = line.startswith(".") and len(line) > 1 and line[1] not in ". "
        if (_SCENE.match(line) or forced_scene) and (k == 0 or not stripped[k - 1]):
            heading = _SCENE_NUMBER.sub("", line[1:] if forced_scene else line).strip()
            pending.append(_clean_text(_plain(heading)))
            k += 1
            continue
        if line.startswith(">") and line.endswith("<"):
            add(None, line[1:-1].strip(), row)
            k += 1
            continue
        if (line.startswith(">") or _TRANSITION.match(line)) and (k + 1 >= len(body) or not stripped[k + 1]):
            pending.append(_clean_text(line.lstrip(">").strip()))
            k += 1
            continue
        if _is_cue(line, k, stripped):
            role, voice = _cue_name(line)
            k += 1
            said: list[str] = []
            directions: list[str] = [voice] if voice else []
            start = number + k + 1
            while k < len(body) and stripped[k]:
                part = take_notes(stripped[k]).strip()
                if part[:1] in "(（" and part[-1:] in ")）":
                    if said:
                        emotion, note = _read_directions(directions)
                        add(role, " ".join(said) if not _CJK.search("".join(said)) else "".join(said), start,
                            emotion, note)
                        said, directions = [], [voice] if voice else []
                        start = number + k + 1
                    directions.append(part[1:-1])
                elif part:
                    said.append(part.lstrip("~").strip())
                k += 1
            emotion, note = _read_directions(directions)
            if said:
                add(role, " ".join(said) if not _CJK.search("".join(said)) else "".join(said), start, emotion, note)
            elif note:
                pending.append(note)
            continue
        # action: a paragraph until a blank line
        paragraph = []
        while k < len(body) and stripped[k]:
            part = take_notes(stripped[k])
            paragraph.append(part.lstrip("!").strip())
            k += 1
            if k < len(body) and stripped[k] and _is_cue(stripped[k], k, stripped):
                break
        joined = " ".join(p for p in paragraph if p) if not _CJK.search("".join(paragraph)) else "".join(paragraph)
        add(None, joined, row)
    if pending and rows:
        last = rows[-1]
        last.note = "; ".join(dict.fromkeys([*filter(None, [last.note]), *pending]))
    if not rows:
        name = Path(source_name).name if source_name else ""
        raise ScriptImportError(f"“{name or 'The screenplay'}” has no dialogue or action to import. Check that "
                                "it is a Fountain screenplay (character cues in capitals, or @Name).")
    return _finish(rows, [], unit="Line", source_name=source_name, title=title)
