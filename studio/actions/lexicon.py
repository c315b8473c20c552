"""The series' pronunciation lexicon as the user edits it, for the window and ``troupe lexicon``.

An entry says how a written word is to be said: a replacement spelling, pinyin with tone digits
("hang2 zhang3") or IPA, for one language or all. What lives here: checking an entry the user typed
(``check_entry``), adding (an entry for the same word and language is replaced), removing, listing, the
lines an entry affects (those that contain its word: exactly the lines that go stale), and the pinyin the
offline engine reads a word with, with every reading of each 多音字 to choose from (``readings``).
Entries reach the engines through the planner (``studio.domain.lexicon``); subtitles keep the written text.
Must not live here: Qt, click, printing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from studio.actions import ActionError
from studio.domain.lexicon import KINDS, LexiconEntry
from studio.domain.markup import display_text
from studio.store.project_file import ProjectStore

LANGUAGES = ("zh", "en")
_SYLLABLE = re.compile(r"^[a-zü]+[1-5]$")


@dataclass(frozen=True)
class AffectedLine:
    """A line an entry applies to: its episode's number (from 1), its place in the episode (from 1)."""

    line_id: int
    episode: int
    number: int
    text: str


@dataclass(frozen=True)
class Change:
    """What an add or a remove did: the lexicon before and after, and the lines whose requests change."""

    before: tuple[LexiconEntry, ...]
    after: tuple[LexiconEntry, ...]
    entry: LexiconEntry
    replaced: LexiconEntry | None
    lines: tuple[AffectedLine, ...]


@dataclass(frozen=True)
class Reading:
    """How a word is read by the offline engine (``default``, toned pinyin syllables), and each of its
    characters' readings to choose from (one list per character; several for a 多音字)."""

    word: str
    default: tuple[str, ...]
    choices: tuple[tuple[str, ...], ...]

    @property
    def polyphonic(self) -> tuple[int, ...]:
        """The places of the characters that have more than one reading."""
        return tuple(i for i, c in enumerate(self.choices) if len(c) > 1)


def normalize_pinyin(text: str) -> str:
    """Pinyin as the lexicon keeps it: lower case, syllables with tone digits separated by spaces
    ("Hang2,Zhang3" → "hang2 zhang3"; "v" and "u:" become "ü")."""
    syllables = re.split(r"[\s,，、']+", text.strip().lower().replace("u:", "ü").replace("v", "ü"))
    return " ".join(s for s in syllables if s)


def check_entry(written: str, spoken: str, kind: str = "replace", language: str | None = None) -> LexiconEntry:
    """The entry the user typed, checked; ``ActionError`` with a sentence when it cannot be used."""
    written = written.strip()
    spoken = spoken.strip()
    kind = (kind or "replace").strip().lower()
    if language is not None:
        language = language.strip().lower() or None
    if language in ("all", "any", "*"):
        language = None
    if not written:
        raise ActionError("Write the word the entry is for.")
    if display_text(written) != written or "<#" in written:
        raise ActionError(f"“{written}” holds a pause marker or a sound tag; an entry is for a word.")
    if kind not in KINDS:
        raise ActionError(f"“{kind}” is not a kind of entry: use {', '.join(KINDS)}.")
    if language is not None and language not in LANGUAGES:
        raise ActionError(f"“{language}” is not a language of the lexicon: use zh, en or leave it for both.")
    if not spoken:
        raise ActionError(f"Write how “{written}” is to be said.")
    if kind == "pinyin":
        spoken = normalize_pinyin(spoken)
        syllables = spoken.split()
        bad = [s for s in syllables if not _SYLLABLE.match(s)]
        if bad:
            raise ActionError(f"“{bad[0]}” is not a pinyin syllable with its tone: write it like “hang2” "
                              "(tones 1–4, 5 for the light tone).")
        han = [ch for ch in written if "\u4e00" <= ch <= "\u9fff"]
        if han and len(han) == len(written) and len(syllables) != len(han):
            raise ActionError(f"“{written}” has {len(han)} characters but the pinyin has {len(syllables)} "
                              "syllables: give one syllable for each character.")
    if kind == "ipa":
        spoken = spoken.strip("/[] ")
        if not spoken:
            raise ActionError(f"Write the IPA for “{written}”.")
    return LexiconEntry(written, spoken, kind, language)


def _same(a: LexiconEntry, written: str, language: str | None) -> bool:
    return a.written == written and a.language == language


def entries(store: ProjectStore, language: str | None = None) -> list[LexiconEntry]:
    """The lexicon, in the order entries were added (only those that apply to ``language`` when given)."""
    return [e for e in store.lexicon() if language is None or e.language in (None, language)]


def affected_lines(store: ProjectStore, written: str, language: str | None = None) -> list[AffectedLine]:
    """The lines whose text contains ``written`` in episodes of ``language`` (every episode for None)."""
    out: list[AffectedLine] = []
    for n, ep in enumerate(store.episodes(), 1):
        if language is not None and ep.language != language:
            continue
        for k, line in enumerate(store.lines(ep.id), 1):
            if written and written in line.text:
                out.append(AffectedLine(line.id, n, k, line.text))
    return out


def plan_add(store: ProjectStore, entry: LexiconEntry) -> Change:
    """What adding ``entry`` changes (an entry for the same word and language is replaced)."""
    before = tuple(store.lexicon())
    replaced = next((e for e in before if _same(e, entry.written, entry.language)), None)
    if replaced == entry:
        raise ActionError(f"The lexicon already says “{entry.written}” is “{entry.spoken}”.")
    after = tuple(entry if _same(e, entry.written, entry.language) else e for e in before)
    if replaced is None:
        after = (*after, entry)
    return Change(before, after, entry, replaced, tuple(affected_lines(store, entry.written, entry.language)))


def plan_remove(store: ProjectStore, written: str, language: str | None = None) -> Change:
    """What removing the entry for ``written`` (in ``language``, or the only one for that word) changes."""
    written = written.strip()
    before = tuple(store.lexicon())
    matches = [e for e in before if e.written == written]
    if language is not None:
        matches = [e for e in matches if e.language == (None if language in ("all", "any", "*") else language)]
    if not matches:
        raise ActionError(f"The lexicon has no entry for “{written}”. `troupe lexicon list` shows its entries.")
    if len(matches) > 1:
        langs = ", ".join(e.language or "all" for e in matches)
        raise ActionError(f"“{written}” has entries for {langs}: say which language to remove.")
    entry = matches[0]
    after = tuple(e for e in before if e is not entry)
    return Change(before, after, entry, None, tuple(affected_lines(store, entry.written, entry.language)))


def apply(store: ProjectStore, change: Change) -> None:
    store.set_lexicon(list(change.after))


def add(store: ProjectStore, entry: LexiconEntry) -> Change:
    change = plan_add(store, entry)
    apply(store, change)
    return change


def remove(store: ProjectStore, written: str, language: str | None = None) -> Change:
    change = plan_remove(store, written, language)
    apply(store, change)
    return change


def readings(word: str) -> Reading:
    """The toned pinyin the offline engine gives ``word`` (as it reads a whole word, tone sandhi
    included) and each character's readings (the usual one first)."""
    from pypinyin import Style, lazy_pinyin, pinyin

    word = word.strip()
    if not word:
        raise ActionError("Write a word to see its pinyin.")
    default = lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True, tone_sandhi=True)
    choices: list[tuple[str, ...]] = []
    for i, ch in enumerate(word):
        options = pinyin(ch, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
        ordered = list(dict.fromkeys(options))
        if len(default) == len(word) and default[i] not in ordered and re.fullmatch(r"[a-zü]+[1-5]", default[i]):
            ordered.insert(0, default[i])  # the reading in this word (a light tone, a sandhi)
        elif len(default) == len(word) and default[i] in ordered:  # the engine's reading first
            ordered.remove(default[i])
            ordered.insert(0, default[i])
        choices.append(tuple(ordered))
    return Reading(word, tuple(default), tuple(choices))


#: Characters whose readings change the meaning and that engines often misread (a short, common list).
TRICKY = frozenset("行长还重乐觉教着得干调便传朝藏差降数为发少种转相要应处量空难假解会给血薄称曾冲弹单"
                   "度恶分更好几折占载扎挣宿省盛似吓兴旋压晕曲强切缝落模")


def suspects(store: ProjectStore, words: Sequence[str] = ()) -> list[tuple[str, int]]:
    """Words to look at for the lexicon, with how many lines hold each, most used first: ``words`` from
    elsewhere (a listen-back check) first, then the 多音字 of the script that the offline engine reads
    differently from line to line or that are often misread (``TRICKY``). Characters an entry covers
    are left out."""
    from pypinyin import Style, lazy_pinyin

    covered = "".join(e.written for e in store.lexicon())
    counts: dict[str, int] = {}
    heard: dict[str, set[str]] = {}
    for ep in store.episodes():
        if ep.language != "zh":
            continue
        for line in store.lines(ep.id):
            text = display_text(line.text)
            said = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
            for ch, py in zip(text, said if len(said) == len(text) else [""] * len(text), strict=True):
                if not ("\u4e00" <= ch <= "\u9fff") or ch in covered:
                    continue
                heard.setdefault(ch, set()).add(py.rstrip("12345"))
            for ch in set(text):
                if "\u4e00" <= ch <= "\u9fff" and ch not in covered:
                    counts[ch] = counts.get(ch, 0) + 1
    doubtful = {ch: n for ch, n in counts.items()
                if ch in TRICKY or len({p for p in heard.get(ch, set()) if p}) > 1}
    ordered = [(w, sum(1 for ep in store.episodes() for ln in store.lines(ep.id) if w in ln.text))
               for w in words if w and w not in covered]
    return ordered + sorted(doubtful.items(), key=lambda kv: (-kv[1], kv[0]))


def describe(entry: LexiconEntry) -> str:
    """One line for a list: "银行 → yin2 hang2 (pinyin, zh)"."""
    return f"{entry.written} → {entry.spoken} ({entry.kind}, {entry.language or 'all languages'})"


@dataclass(frozen=True)
class Audition:
    """What hearing an entry says: the request for the active engine (the entry applied as the render would
    apply it, the lexicon itself unchanged) and what is said, in words (the line's place, or the word)."""

    request: object  # SpeechRequest
    said: str
    line: AffectedLine | None


def audition(store: ProjectStore, engine: object, entry: LexiconEntry) -> Audition:
    """The request that lets the user hear ``entry`` on ``engine`` before keeping it: the first line that
    holds the word, in its role's voice, else the word alone in the narrator's (or any cast) voice."""
    from studio.render.planner import build_request

    lexicon = [e for e in store.lexicon() if not _same(e, entry.written, entry.language)] + [entry]
    roles = {r.id: r for r in store.roles()}
    name = getattr(engine, "name", "")
    episodes = {e.id: e for e in store.episodes()}
    for found in affected_lines(store, entry.written, entry.language):
        line = store.line(found.line_id)
        role = roles.get(line.role_id) if line.role_id is not None else None
        voice = role.voices.get(name) if role is not None else None
        if voice:
            request = build_request(engine, line, role, episodes[line.episode_id], lexicon, voice,  # type: ignore[arg-type]
                                    store.settings)
            return Audition(request, display_text(line.text), found)
    cast = sorted((r for r in roles.values() if r.voices.get(name)), key=lambda r: (not r.is_narrator, r.position))
    if not cast:
        raise ActionError(f"No role has a {name} voice yet: cast one to hear the entry.")
    language = entry.language or next((e.language for e in episodes.values()), "zh")
    episode = next((e for e in episodes.values() if e.language == language), None)
    if episode is None:
        raise ActionError(f"There is no {language} episode to hear the entry in.")
    from studio.domain.model import Delivery, Line

    sample = Line(id=0, episode_id=episode.id, position=0, role_id=cast[0].id, text=entry.written,
                  delivery=Delivery())
    request = build_request(engine, sample, cast[0], episode, lexicon, cast[0].voices[name],  # type: ignore[arg-type]
                            store.settings)
    return Audition(request, entry.written, None)
