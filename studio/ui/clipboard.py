"""Lines to and from the clipboard: copied lines are tab-separated ``role<TAB>text<TAB>emotion`` rows, and a
paste accepts those, a spreadsheet selection (TSV with or without a header), "Role: line" text, or plain
lines (which take the current row's role).

Pure functions over text and role names; no Qt and no store access.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studio.domain.model import EMOTIONS, Delivery


@dataclass(frozen=True)
class PastedLine:
    role: str | None  # a role name, or None for "the current role"
    text: str
    delivery: Delivery = Delivery()
    gap_ms: int | None = None


def lines_to_tsv(rows: Sequence[tuple[str, str, str | None]]) -> str:
    """``(role name, text, emotion)`` rows as TSV (newlines inside a text become spaces)."""
    out = []
    for role, text, emotion in rows:
        clean = " ".join(text.replace("\t", " ").splitlines())
        out.append("\t".join([role, clean, emotion or ""]).rstrip("\t"))
    return "\n".join(out) + ("\n" if out else "")


def parse_paste(text: str) -> list[PastedLine]:
    """Lines to insert for pasted ``text`` (empty when there is nothing to paste)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        return []
    rows = [r for r in text.split("\n") if r.strip()]
    if any("\t" in r for r in rows):
        return _from_tsv(text, rows)
    if any(":" in r or "：" in r for r in rows):
        draft = _parse_script(text)
        if draft is not None:
            return draft
    return [PastedLine(None, r.strip()) for r in rows]


def _parse_script(text: str) -> list[PastedLine] | None:
    try:
        from studio.formats.script_import import ScriptImportError, parse_text
    except ImportError:
        return None
    try:
        draft = parse_text(text, source_name="clipboard")
    except ScriptImportError:
        return None
    return [PastedLine(ln.role or None, ln.text, ln.delivery, ln.gap_ms) for ln in draft.lines]


def _from_tsv(text: str, rows: list[str]) -> list[PastedLine]:
    first = [c.strip().lower() for c in rows[0].split("\t")]
    if "text" in first or "台词" in first or "文本" in first:
        parsed = _parse_script(text)
        if parsed is not None:
            return parsed
    out = []
    for r in rows:
        cells = [c.strip() for c in r.split("\t")]
        cells = [c for c in cells]
        if len(cells) == 1 or (len(cells) >= 2 and not cells[1] and cells[0]):
            out.append(PastedLine(None, cells[0]))
            continue
        role, body = cells[0], cells[1]
        emotion = cells[2].lower() if len(cells) > 2 and cells[2].lower() in EMOTIONS else None
        if body:
            out.append(PastedLine(role or None, body, Delivery(emotion=emotion)))
    return out
