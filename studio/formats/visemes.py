"""A viseme track: which mouth shape to show when, for digital-human lip-sync, as JSON.

The set is the Oculus / Meta lip-sync set of 15 visemes (``VISEMES``): ``sil`` (mouth closed, at rest),
``PP`` (p b m), ``FF`` (f v), ``TH`` (θ ð), ``DD`` (t d), ``kk`` (k g ŋ), ``CH`` (tʃ dʒ ʃ ʒ; Mandarin
j q x zh ch sh), ``SS`` (s z; Mandarin z c s), ``nn`` (n l), ``RR`` (ɹ; Mandarin r, er), ``aa`` (a ɑ æ
ʌ), ``E`` (e ɛ ə), ``ih`` (i ɪ; Mandarin y), ``oh`` (o ɔ), ``ou`` (u ʊ ü; Mandarin w).

The mapping, kept simple on purpose:

* **Mandarin**: each character's pinyin (pypinyin) split into its initial and final. The initial gives
  one consonant viseme (b p m → PP, f → FF, d t → DD, n l → nn, g k h → kk, j q x zh ch sh → CH, z c s →
  SS, r → RR, y → ih, w → ou); the final is read letter by letter (a → aa, o → oh (ou after a, as "ao" is
  said), e → E, i → ih, u ü → ou, a final n → nn, ng → kk, er → E RR), so "hao" is kk aa ou and "liang" nn ih aa kk. A digit is read
  as its Chinese numeral.
* **English**: the word's phonemes from espeak-ng (IPA, as the Kokoro engine phonemizes), each mapped
  by the table ``IPA``; h and stress marks give no viseme. Without espeak a spelling rule set stands in.

Within a spoken piece (a character, a word) its visemes share the piece's time, a vowel weighing twice
a consonant; repeats merge. Between pieces, before the first and after the last, the mouth is ``sil``:
every track covers its whole stretch without a gap. The document::

    {"version": 1, "set": "oculus-15", "visemes": [...], "duration_ms": D,
     "tracks": [{"role": "林晚", "cues": [{"viseme": "sil", "start_ms": 0, "end_ms": 1200}, ...]}],
     "lines": [{"line_id": 7, "role": "林晚", "start_ms": 1200, "end_ms": 2900, "source": "engine",
                "cues": [...]}]}

``tracks`` has one track per role covering [0, D] (what drives one avatar); ``lines`` has each line's
own cues covering its heard part. Times are whole milliseconds of the episode. No Qt, no audio here.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from studio.domain.words import HeardWord, is_cjk
from studio.formats.subtitles import _write_atomic
from studio.formats.words import TimedLine

log = logging.getLogger(__name__)

VISEME_VERSION = 1
VISEMES = ("sil", "PP", "FF", "TH", "DD", "kk", "CH", "SS", "nn", "RR", "aa", "E", "ih", "oh", "ou")
VOWELS = frozenset({"aa", "E", "ih", "oh", "ou"})

PINYIN_INITIALS = {"b": "PP", "p": "PP", "m": "PP", "f": "FF", "d": "DD", "t": "DD", "n": "nn", "l": "nn",
                   "g": "kk", "k": "kk", "h": "kk", "j": "CH", "q": "CH", "x": "CH", "zh": "CH", "ch": "CH",
                   "sh": "CH", "r": "RR", "z": "SS", "c": "SS", "s": "SS", "y": "ih", "w": "ou"}
_FINAL_LETTERS = {"a": "aa", "o": "oh", "e": "E", "i": "ih", "u": "ou", "v": "ou", "ü": "ou"}

#: IPA (as espeak-ng / misaki write it) to visemes; capitals are misaki's diphthongs.
IPA: dict[str, tuple[str, ...]] = {
    "p": ("PP",), "b": ("PP",), "m": ("PP",), "f": ("FF",), "v": ("FF",), "θ": ("TH",), "ð": ("TH",),
    "t": ("DD",), "d": ("DD",), "ɾ": ("DD",), "T": ("DD",), "k": ("kk",), "ɡ": ("kk",), "g": ("kk",),
    "ŋ": ("kk",), "ʧ": ("CH",), "ʤ": ("CH",), "ʃ": ("CH",), "ʒ": ("CH",), "s": ("SS",), "z": ("SS",),
    "n": ("nn",), "l": ("nn",), "ɹ": ("RR",), "r": ("RR",), "ɚ": ("RR",), "ɝ": ("RR",), "w": ("ou",),
    "j": ("ih",), "ɑ": ("aa",), "a": ("aa",), "æ": ("aa",), "ʌ": ("aa",), "ɐ": ("aa",), "ɛ": ("E",),
    "e": ("E",), "ə": ("E",), "ᵊ": ("E",), "ɜ": ("E",), "ɪ": ("ih",), "i": ("ih",), "ɔ": ("oh",),
    "ɒ": ("oh",), "o": ("oh",), "ʊ": ("ou",), "u": ("ou",), "A": ("E", "ih"), "I": ("aa", "ih"),
    "O": ("oh", "ou"), "W": ("aa", "ou"), "Y": ("oh", "ih"),
}
_LETTERS = {"a": "aa", "e": "E", "i": "ih", "o": "oh", "u": "ou", "y": "ih", "b": "PP", "p": "PP", "m": "PP",
            "f": "FF", "v": "FF", "t": "DD", "d": "DD", "k": "kk", "g": "kk", "c": "kk", "q": "kk", "x": "kk",
            "s": "SS", "z": "SS", "n": "nn", "l": "nn", "r": "RR", "j": "CH", "w": "ou"}
_DIGITS_ZH = "零一二三四五六七八九"


def final_visemes(final: str) -> list[str]:
    """The visemes of a pinyin final ("iang" → ih aa kk)."""
    out: list[str] = []
    f = final.lower().replace("ü", "v")
    i = 0
    while i < len(f):
        if f.startswith("ng", i):
            out.append("kk")
            i += 2
            continue
        if f.startswith("er", i) and i + 2 == len(f):
            out.extend(["E", "RR"])
            break
        ch = f[i]
        if ch == "o" and i and f[i - 1] == "a":  # "ao" is [au]
            out.append("ou")
        elif ch == "n" and i == len(f) - 1:
            out.append("nn")
        elif ch in _FINAL_LETTERS:
            out.append(_FINAL_LETTERS[ch])
        i += 1
    return out


@lru_cache(maxsize=4096)
def pinyin_visemes(char: str) -> tuple[str, ...]:
    """The visemes of one Chinese character (or a digit, read as its numeral)."""
    from pypinyin import Style, lazy_pinyin

    if char.isdigit():
        char = _DIGITS_ZH[int(char)]
    initial = lazy_pinyin(char, style=Style.INITIALS, strict=False)[0]
    final = lazy_pinyin(char, style=Style.FINALS, strict=False)[0]
    out = [PINYIN_INITIALS[initial]] if initial in PINYIN_INITIALS else []
    return tuple(out + final_visemes(final))


def ipa_visemes(ipa: str) -> tuple[str, ...]:
    out: list[str] = []
    for ch in ipa:
        out.extend(IPA.get(ch, ()))
    return tuple(out)


def spelling_visemes(word: str) -> tuple[str, ...]:
    """A rough spelling-based stand-in when no phonemizer is at hand."""
    w = word.lower()
    out: list[str] = []
    i = 0
    while i < len(w):
        pair = w[i:i + 2]
        if pair == "th":
            out.append("TH")
            i += 2
            continue
        if pair in ("sh", "ch"):
            out.append("CH")
            i += 2
            continue
        if pair == "ng":
            out.append("kk")
            i += 2
            continue
        if w[i] in _LETTERS:
            out.append(_LETTERS[w[i]])
        i += 1
    return tuple(out)


class _English:
    """English words to IPA through espeak-ng (misaki's espeak fallback), or None when it cannot load."""

    _lock = threading.Lock()
    _g2p: Any = None
    _failed = False

    @classmethod
    def ipa(cls, word: str) -> str | None:
        with cls._lock:
            if cls._g2p is None and not cls._failed:
                try:
                    from types import SimpleNamespace

                    from misaki.espeak import EspeakFallback

                    fallback = EspeakFallback(british=False)
                    cls._g2p = lambda text: fallback(SimpleNamespace(text=text))[0]
                except Exception as exc:  # no espeak: spelling rules instead
                    log.info("espeak-ng is not available for visemes (%s); using spelling rules", exc)
                    cls._failed = True
            if cls._g2p is None:
                return None
            try:
                return str(cls._g2p(word) or "")
            except Exception:
                return None


@lru_cache(maxsize=4096)
def english_visemes(word: str) -> tuple[str, ...]:
    ipa = _English.ipa(word)
    found = ipa_visemes(ipa) if ipa else ()
    return found or spelling_visemes(word)


def piece_visemes(text: str, language: str) -> list[str]:
    """The visemes of a spoken piece of text (a character, a word, a number, or a run of them)."""
    out: list[str] = []
    zh = language.split("-")[0] in ("zh", "cmn", "yue")
    for m in re.finditer(r"\d|[^\W\d_]+(?:['’\-][^\W\d_]+)*", text):
        token = m.group()
        if token.isdigit():
            out.extend(pinyin_visemes(token) if zh else english_visemes(token))
        elif is_cjk(token[0]):
            for ch in token:
                out.extend(pinyin_visemes(ch) if is_cjk(ch) else ())
        else:
            out.extend(english_visemes(token))
    return out


@dataclass(frozen=True)
class VisemeCue:
    viseme: str
    start_ms: int
    end_ms: int


def _merge(cues: list[VisemeCue]) -> list[VisemeCue]:
    out: list[VisemeCue] = []
    for c in cues:
        if c.end_ms <= c.start_ms:
            continue
        if out and out[-1].viseme == c.viseme and out[-1].end_ms >= c.start_ms:
            out[-1] = VisemeCue(c.viseme, out[-1].start_ms, max(out[-1].end_ms, c.end_ms))
        else:
            out.append(c)
    return out


def piece_cues(piece: HeardWord, language: str) -> list[VisemeCue]:
    """A piece's visemes sharing its time (a vowel twice a consonant's share)."""
    visemes = piece_visemes(piece.text, language)
    length = piece.end_ms - piece.start_ms
    if not visemes or length <= 0:
        return []
    weights = [2.0 if v in VOWELS else 1.0 for v in visemes]
    total = sum(weights)
    out: list[VisemeCue] = []
    acc = 0.0
    for v, w in zip(visemes, weights, strict=True):
        s = piece.start_ms + round(length * acc / total)
        acc += w
        out.append(VisemeCue(v, s, piece.start_ms + round(length * acc / total)))
    return out


def fill(cues: Sequence[VisemeCue], start_ms: int, end_ms: int) -> list[VisemeCue]:
    """``cues`` over ``[start_ms, end_ms]`` with every gap (and the ends) filled with ``sil``; later cues
    win where two overlap, so the result never overlaps and never leaves a gap."""
    out: list[VisemeCue] = []
    t = start_ms
    for c in sorted(cues, key=lambda c: (c.start_ms, c.end_ms)):
        s, e = max(c.start_ms, t, start_ms), min(c.end_ms, end_ms)
        if e <= s:
            continue
        if s > t:
            out.append(VisemeCue("sil", t, s))
        out.append(VisemeCue(c.viseme, s, e))
        t = e
    if t < end_ms:
        out.append(VisemeCue("sil", t, end_ms))
    return _merge(out)


def line_cues(line: TimedLine, language: str) -> list[VisemeCue]:
    pieces = line.spoken or line.words
    cues = [c for p in pieces for c in piece_cues(p, language)]
    return fill(cues, line.start_ms, max(line.start_ms, line.end_ms))


def _as_json(cues: Sequence[VisemeCue]) -> list[dict[str, Any]]:
    return [{"viseme": c.viseme, "start_ms": int(c.start_ms), "end_ms": int(c.end_ms)} for c in cues]


def viseme_document(lines: Sequence[TimedLine], duration_ms: int, language: str = "zh") -> dict[str, Any]:
    """The viseme JSON document (see the module docstring)."""
    ordered = sorted(lines, key=lambda t: (t.start_ms, t.line_id))
    per_line = [(line, line_cues(line, language)) for line in ordered]
    roles: dict[str | None, list[VisemeCue]] = {}
    for line, cues in per_line:
        roles.setdefault(line.role, []).extend(c for c in cues if c.viseme != "sil")
    total = max([int(duration_ms)] + [line.end_ms for line in ordered])
    return {
        "version": VISEME_VERSION, "set": "oculus-15", "visemes": list(VISEMES), "duration_ms": total,
        "tracks": [{"role": role, "cues": _as_json(fill(cues, 0, total))} for role, cues in roles.items()],
        "lines": [{"line_id": line.line_id, "role": line.role, "start_ms": int(line.start_ms),
                   "end_ms": int(line.end_ms), "source": line.source, "cues": _as_json(cues)}
                  for line, cues in per_line],
    }


def write_visemes_json(lines: Sequence[TimedLine], path: str | os.PathLike[str], duration_ms: int,
                       language: str = "zh") -> Path:
    doc = viseme_document(lines, duration_ms, language)
    return _write_atomic(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
