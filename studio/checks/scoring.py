"""How well what was heard in a take matches the line's text: a match score and the words that differ.

Chinese is compared by toned pinyin syllables (a homophone written with another character says the same
thing; a wrong tone or a skipped syllable does not), with the differing stretches shown in characters;
English by words. Punctuation, case, pause markers and sound tags are left out. Pure Python.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from studio.domain.markup import display_text

#: Below this match score a take is doubtful.
DOUBTFUL_BELOW = 0.85

_HAN = re.compile(r"[\u3400-\u9fff]")
_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Difference:
    """One stretch where the take differs: ``expected`` (empty: something extra was heard) and ``heard``
    (empty: it was skipped)."""

    expected: str
    heard: str
    tone_only: bool = False  # the same syllables, another tone (Chinese)
    units: int = 1  # how many of the line's units (syllables, words) the stretch covers
    serious: bool = True  # enough to make the take doubtful on its own (see ``CheckResult.doubtful``)

    def sentence(self) -> str:
        if not self.heard:
            return f"“{self.expected}” was not heard"
        if not self.expected:
            return f"“{self.heard}” was heard but is not in the line"
        if self.tone_only:
            return f"“{self.expected}” was heard in another tone (“{self.heard}”)"
        return f"“{self.expected}” was heard as “{self.heard}”"


@dataclass(frozen=True)
class CheckResult:
    score: float  # 0..1: 1 = every unit heard as written
    heard: str
    differences: tuple[Difference, ...] = field(default=())
    units: int = 0  # how many units (syllables, words) the line has
    errors: int = 0  # edits between the line's units and the heard ones

    @property
    def doubtful(self) -> bool:
        """Below ``DOUBTFUL_BELOW``, or a serious difference: in Chinese two syllables or more of the line (a
        name, a word) missing or said as others; in English a word of four letters or more missing, added
        or said as another. One syllable, a tone or a short English word heard otherwise counts only in the
        score: the recogniser itself often hears those wrong."""
        return self.score < DOUBTFUL_BELOW or any(d.serious for d in self.differences)

    def to_note(self) -> dict[str, object]:
        return {"score": self.score, "heard": self.heard, "units": self.units, "errors": self.errors,
                "differences": [[d.expected, d.heard, d.tone_only, d.units, d.serious] for d in self.differences]}

    @classmethod
    def from_note(cls, note: dict[str, object]) -> CheckResult:
        diffs = tuple(Difference(str(d[0]), str(d[1]), bool(d[2]) if len(d) > 2 else False,
                                 int(d[3]) if len(d) > 3 else 1, bool(d[4]) if len(d) > 4 else True)
                      for d in note.get("differences", []))  # type: ignore[union-attr]
        return cls(float(note["score"]), str(note.get("heard", "")), diffs, int(note.get("units", 0)),  # type: ignore[arg-type]
                   int(note.get("errors", 0)))  # type: ignore[arg-type]


def _zh_units(text: str) -> tuple[list[str], list[str]]:
    """(characters, their toned pinyin) of the Han characters and digits of ``text``."""
    from pypinyin import Style, lazy_pinyin

    text = unicodedata.normalize("NFKC", display_text(text))
    chars = [ch for ch in text if _HAN.match(ch)]
    han = "".join(chars)
    syllables = lazy_pinyin(han, style=Style.TONE3, neutral_tone_with_five=True, tone_sandhi=True) if han else []
    if len(syllables) != len(chars):
        syllables = [lazy_pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True)[0] for ch in chars]
    return chars, syllables


_SPELLING = ((re.compile(r"our$"), "or"), (re.compile(r"ise$"), "ize"), (re.compile(r"([^aeiou])tre$"), r"\1ter"))


def _en_words(text: str) -> list[str]:
    """Words of English ``text``, lower case, British spellings as American (harbour, harbor)."""
    words = _EN_WORD.findall(text.lower().replace("’", "'"))
    for pattern, repl in _SPELLING:
        words = [pattern.sub(repl, w) if len(w) > 4 else w for w in words]
    return words


def _edits(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def _differences(a_keys: list[str], b_keys: list[str], a_shown: list[str], b_shown: list[str],
                 joiner: str) -> tuple[Difference, ...]:
    """Where the keys differ, shown as the line's and the heard units; Chinese (joiner "") is serious from
    two syllables of the line, English (joiner " ") from a word of four letters."""
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a_keys, b=b_keys, autojunk=False).get_opcodes():
        if tag != "equal":
            untoned = [k.rstrip("12345") for k in a_keys[i1:i2]] == [k.rstrip("12345") for k in b_keys[j1:j2]]
            tone_only = tag == "replace" and untoned
            if joiner:
                serious = any(len(w) >= 4 for w in [*a_shown[i1:i2], *b_shown[j1:j2]])
            else:
                serious = not tone_only and i2 - i1 >= 2
            out.append(Difference(joiner.join(a_shown[i1:i2]), joiner.join(b_shown[j1:j2]), tone_only, i2 - i1,
                                  serious))
    return tuple(out)


def _neutral(syllables: list[str]) -> list[str]:
    """Light tones count as their syllable: recognisers and dictionaries disagree on them most."""
    return [s[:-1] if s.endswith("5") else s for s in syllables]


def score(expected: str, heard: str, language: str) -> CheckResult:
    """Compare the line's text with what the recogniser heard."""
    if language == "zh":
        e_chars, e_py = _zh_units(expected)
        h_chars, h_py = _zh_units(heard)
        keys_e, keys_h = _neutral(e_py), _neutral(h_py)
        errors = _edits(keys_e, keys_h)
        diffs = _differences(keys_e, keys_h, e_chars, h_chars, "")
        units = len(keys_e)
    else:
        e_words = _en_words(display_text(expected))
        h_words = _en_words(heard)
        errors = _edits(e_words, h_words)
        diffs = _differences(e_words, h_words, e_words, h_words, " ")
        units = len(e_words)
    value = 1.0 - min(1.0, errors / units) if units else (1.0 if not heard.strip() else 0.0)
    return CheckResult(value, heard.strip(), diffs, units, errors)


def error_rates(expected: str, heard: str, language: str) -> dict[str, float]:
    """Error rates for a benchmark: zh "cer" (characters) and "ser" (toned syllables); en "wer"."""
    if language == "zh":
        e_chars, e_py = _zh_units(expected)
        h_chars, h_py = _zh_units(heard)
        n = max(1, len(e_chars))
        return {"cer": _edits(e_chars, h_chars) / n, "ser": _edits(e_py, h_py) / n}
    e = _en_words(display_text(expected))
    h = _en_words(heard)
    return {"wer": _edits(e, h) / max(1, len(e))}
