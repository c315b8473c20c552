"""Pronunciation entries and how they reach an engine.

An entry maps a written word to what should be said: plain replacement text, pinyin with tone digits
("chu3 li3"), or IPA. Offline engines get replaced text; MiniMax gets ``pronunciation_dict.tone`` entries.
Subtitles always keep the written text. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

KINDS = ("replace", "pinyin", "ipa")


@dataclass(frozen=True)
class LexiconEntry:
    written: str
    spoken: str
    kind: str = "replace"  # one of KINDS
    language: str | None = None  # None: every language


def _applies(entry: LexiconEntry, language: str) -> bool:
    return bool(entry.written) and (entry.language is None or entry.language == language)


def apply_for_offline(text: str, entries: Sequence[LexiconEntry], language: str) -> str:
    """Text with every ``replace`` entry substituted (longest written form first)."""
    for e in sorted((e for e in entries if e.kind == "replace" and _applies(e, language)),
                    key=lambda e: -len(e.written)):
        if e.written.isascii() and e.written.replace(" ", "").isalnum():
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(e.written)}(?![A-Za-z0-9])", e.spoken, text)
        else:
            text = text.replace(e.written, e.spoken)
    return text


def minimax_tone_entries(text: str, entries: Sequence[LexiconEntry], language: str) -> tuple[str, ...]:
    """``pronunciation_dict.tone`` entries for the words of ``text`` that have pinyin/IPA entries."""
    out = []
    for e in entries:
        if e.kind == "replace" or not _applies(e, language) or e.written not in text:
            continue
        if e.kind == "pinyin":
            syllables = e.spoken.replace(",", " ").split()
            spoken = "".join(f"({s})" for s in syllables)
        else:
            spoken = f"({e.spoken.strip('()/ ')})"
        out.append(f"{e.written}/{spoken}")
    return tuple(sorted(out))
