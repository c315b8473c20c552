"""The lexicon's pinyin entries as the offline engines read them: a request's ``pronunciation`` entries
(``"银行/(yin2)(hang2)"``, the form MiniMax is sent) turned into word → syllables, and a run of text cut at
those words. Pure Python; no Qt, no I/O.
"""

from __future__ import annotations

import re


def pinyin_readings(pronunciation: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The lexicon's pinyin entries of a request (``"银行/(yin2)(hang2)"``) as word → syllables; entries
    that are not all toned pinyin syllables (IPA, mixed text) are left out."""
    out: dict[str, tuple[str, ...]] = {}
    for entry in pronunciation:
        word, _, spoken = entry.partition("/")
        syllables = tuple(re.findall(r"\(([^()]*)\)", spoken))
        if word and syllables and re.fullmatch(r"(?:\([a-zü]+[1-5]\))+", spoken):
            out[word] = syllables
    return out


def split_readings(run: str, readings: dict[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...] | None]]:
    """``run`` cut into (text, syllables) pieces: the lexicon's words (longest first, left to right) with
    their syllables, the rest with None."""
    if not readings:
        return [(run, None)]
    pattern = re.compile("|".join(re.escape(w) for w in sorted(readings, key=len, reverse=True)))
    out: list[tuple[str, tuple[str, ...] | None]] = []
    pos = 0
    for m in pattern.finditer(run):
        if m.start() > pos:
            out.append((run[pos:m.start()], None))
        out.append((m.group(), readings[m.group()]))
        pos = m.end()
    if pos < len(run):
        out.append((run[pos:], None))
    return out
