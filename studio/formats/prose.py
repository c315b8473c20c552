"""Prose (a novel chapter) into script lines, offline: who says each quotation, and narration for the rest.

What lives here: the rule-based splitter and the values it shares with the chat-model attribution in
``studio.writing.attribute`` — ``Roster`` (each character's name with its aliases, 顾沉 / 顾总 / 顾先生,
Ethan Cole / Ethan / Mr. Cole, and gender), ``ProseLine`` (a dialogue or narration line with its speaker,
a confidence from 0 to 1 and how the speaker was found) and ``ProseAttribution`` (the lines, the roster,
the title, and ``draft()`` — the ``ScriptDraft`` an import previews). It sits in ``formats`` beside the
other readers because it needs no model and no network; the chat-model path builds on it.

The rules, in order of trust:

1. Quotations: Chinese “”, 「」, 『』 and English "…" / “…”. A short quoted word inside a sentence
   (屏幕上跳出“苏蔓”两个字, the screen read "Nora" in white) is a quoted term, not speech.
2. A speech tag next to the quotation names the speaker: after it (“……”顾沉淡淡地说。, "…," said Nora.)
   or before it (林晚压低声音说：“……”, Marcus sighed and said softly, "…"), with speech verbs
   (说/道/问/喊/笑道/低声道/打断 …, said/asked/shouted/whispered …). 他/她, he/she resolve to the
   character of that gender mentioned last.
3. Otherwise the paragraph's actor: the subject of the narration around the quotation in the same
   paragraph (老陈点点头：“……”, Claire didn't move. "…"), since a paragraph holds one speaker.
4. Otherwise the subject of a short narration paragraph just before (林晚后退了一步。 then “……”).
5. Otherwise alternation: in a two-person exchange the speaker before the last one speaks again.
   A name the quotation opens or ends with is the person spoken to (“顾总，……”, "…, Ethan."), so it
   is never the speaker.
6. Otherwise the narrator reads it, with a note and a confidence of 0.1: a role is never made up.

Names come only from the text's own evidence: a run at the start of a clause that begins with a common
surname (or 老/小/阿 and a surname, or a doubled given name like 念念) and keeps its length every time it
recurs — so "老陈点点头" yields 老陈 and never a role called 老陈点点头 — or, in English, capitalised
words that recur or stand next to a speech verb. Aliases are merged into one role: a surname with a
title (顾总, 陈叔, 苏小姐) or 老/小 + surname into the one character with that surname, a doubled
character (晚晚) into the one name ending in it, and Mr./Miss + surname or a first or last name alone
into the full name. A given ``Roster`` (the project's cast) is trusted first.

Everything outside quotations is narration, split into sentences; a bare speech tag (顾沉淡淡地说,
said Nora) is not read aloud but kept as the line's note, and its manner (低声, 笑道, quietly) becomes the
line's emotion through the script importer's vocabulary.

Must not live here: Qt, a project, a chat model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from studio.domain.casting import guess_role_gender
from studio.domain.model import Delivery, is_narrator_name
from studio.formats.script_import import (
    DraftLine,
    ScriptDraft,
    ScriptImportError,
    detect_language,
    emotion_id,
    split_episode_heading,
)

__all__ = ["ProseAttribution", "ProseLine", "Roster", "attribute_prose", "discover_roster", "looks_like_prose",
           "paragraphs", "plausible_name", "read_prose", "split_chunks"]

NARRATOR = {"zh": "旁白", "en": "Narrator"}
UNKNOWN_NOTE = {"zh": "说话人不明", "en": "speaker unknown"}

# --- vocabularies ------------------------------------------------------------------------------------

_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔汤温康施樊葛邢齐乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞左柳祝宁尚舒阮柯纪梅凌裴霍涂苗盛曲翁冉骆蓝"
    "辛靳柴蒙鲍喻祁滕饶穆卓缪简项娄窦戚岑景宫晏席卫柏宗瞿桂佟臧闵邬卞姬栾商甄虞")
_COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "慕容", "东方", "南宫", "令狐", "皇甫", "公孙", "夏侯",
                      "独孤", "长孙", "宇文", "端木", "尉迟", "轩辕", "西门", "司徒"}
#: Characters that do not end a name run: function words and the grammar around a subject.
_NOT_IN_NAME = set("的了着过是在说道问不也都就又还把被让给和与跟对向从我你他她它们这那个一没很太才便却再"
                   "氏家里上下前后中外来去到得地么呢吗吧啊呀哦嗯之其")
_ZH_TITLES = ("董事长", "总经理", "总裁", "总监", "先生", "小姐", "太太", "夫人", "女士", "经理", "医生", "律师",
              "警官", "老师", "教授", "博士", "同学", "秘书", "助理", "队长", "组长", "主任", "主管", "部长", "局长",
              "科长", "院长", "校长", "所长", "厂长", "店长", "老板", "导演", "师傅", "少爷", "大哥", "大姐", "阿姨",
              "叔叔", "伯伯", "奶奶", "爷爷", "董", "总", "哥", "姐", "叔", "伯", "姨", "妈", "爷", "少")
_ZH_PRONOUNS = {"她": "female", "他": "male"}
_ZH_STOP = {"于是", "但是", "只是", "还是", "就是", "可是", "不过", "然后", "接着", "随后", "这时", "此时",
            "那时", "忽然", "突然", "原来", "其实", "当然", "毕竟", "终于", "司机", "电话", "手机", "别墅",
            "屏幕", "车窗", "车门", "时候", "宋体", "江湖", "方向", "高兴", "黄昏", "林子", "石头", "夏天"}
_ZH_SPEECH = ("说道", "问道", "喊道", "叫道", "答道", "笑道", "骂道", "吼道", "叹道", "应道", "怒道", "喝道",
              "斥道", "哭道", "回道", "低语", "开口", "回答", "插嘴", "补充", "解释", "提醒", "追问", "反问",
              "打断", "催促", "吩咐", "嘱咐", "感叹", "惊呼", "尖叫", "嘀咕", "嘟囔", "回应", "接话", "说",
              "道", "问", "喊", "叫", "答", "吼", "骂", "嚷")
_ZH_SPEECH_RE = re.compile("|".join(sorted(map(re.escape, _ZH_SPEECH), key=len, reverse=True)))

_EN_SPEECH = ("said", "asked", "replied", "answered", "shouted", "yelled", "whispered", "murmured",
              "muttered", "snapped", "cried", "called", "added", "continued", "began", "interrupted",
              "demanded", "insisted", "admitted", "explained", "laughed", "sighed", "sobbed", "gasped",
              "breathed", "hissed", "growled", "groaned", "said", "says", "asks", "told", "warned",
              "pleaded", "begged", "repeated", "announced", "exclaimed", "screamed", "stammered", "agreed")
_EN_SPEECH_SET = set(_EN_SPEECH)
_EN_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Detective", "Officer", "Inspector", "Aunt", "Uncle",
              "Professor", "Captain", "Sergeant", "Lady", "Lord", "Madam")
_EN_PRONOUNS = {"she": "female", "her": "female", "he": "male", "his": "male", "him": "male"}
_EN_STOP = set("""a an the and but or so then when while as if because though although after before until
since once inside outside above below behind beside between across along around outside over under
he she it they we i you his her its their our my your him them us me this that these those there here
what why where who whom whose how which yes no not oh ah well now just still even only maybe perhaps
thank thanks please sorry hello hi hey good great okay ok get go come let don't can't won't it's i'm
chapter part book prologue epilogue monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december daddy mommy mom dad sir
madam god christ""".split())

_SENTENCE_END_ZH = "。！？!?…；;"
_CLAUSE_BREAK = re.compile(r"[，,、；;：:。！？!?…—\s]+")


# --- roster ------------------------------------------------------------------------------------------


@dataclass
class Roster:
    """Characters by their canonical name, each with aliases and a gender ("female" | "male" | None)."""

    aliases: dict[str, str] = field(default_factory=dict)  # alias (or the name itself) -> canonical name
    genders: dict[str, str | None] = field(default_factory=dict)  # canonical name -> gender

    @classmethod
    def of(cls, names: Iterable[str], aliases: Mapping[str, Iterable[str]] | None = None,
           genders: Mapping[str, str | None] | None = None) -> Roster:
        roster = cls()
        for name in names:
            roster.add(name, (aliases or {}).get(name, ()), (genders or {}).get(name))
        return roster

    @property
    def names(self) -> list[str]:
        return list(self.genders)

    def add(self, name: str, aliases: Iterable[str] = (), gender: str | None = None) -> str:
        name = name.strip()
        if not name:
            return name
        canonical = self.aliases.get(name, name)
        if canonical not in self.genders:
            self.genders[canonical] = gender
        elif gender and not self.genders[canonical]:
            self.genders[canonical] = gender
        self.aliases.setdefault(name, canonical)
        for alias in aliases:
            if alias.strip() and alias.strip() not in self.aliases:
                self.aliases[alias.strip()] = canonical
        return canonical

    def canonical(self, alias: str) -> str | None:
        return self.aliases.get(alias.strip())

    def aliases_of(self, name: str) -> list[str]:
        return [a for a, c in self.aliases.items() if c == name and a != name]

    def gender(self, name: str) -> str | None:
        return self.genders.get(name)

    def _pattern(self) -> re.Pattern[str] | None:
        if not self.aliases:
            return None
        words = sorted(self.aliases, key=len, reverse=True)
        parts = [rf"(?<![A-Za-z]){re.escape(w)}(?![a-z])" if w[:1].isascii() else re.escape(w) for w in words]
        return re.compile("|".join(parts))

    def mentions(self, text: str) -> list[tuple[int, str]]:
        """(position, canonical name) of each mention in ``text``, longest aliases first."""
        pattern = self._pattern()
        if pattern is None:
            return []
        return [(m.start(), self.aliases[m.group()]) for m in pattern.finditer(text)]

    def at(self, text: str, pos: int = 0) -> tuple[str, int] | None:
        """The character whose alias starts at ``pos`` (canonical name, alias length)."""
        pattern = self._pattern()
        if pattern is None:
            return None
        m = pattern.match(text, pos)
        return (self.aliases[m.group()], len(m.group())) if m else None

    def merged(self, other: Roster) -> Roster:
        out = Roster(dict(self.aliases), dict(self.genders))
        for name in other.names:
            canonical = out.add(name, other.aliases_of(name), other.gender(name))
            for alias in other.aliases_of(name):
                out.aliases.setdefault(alias, canonical)
        return out


# --- values ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProseLine:
    """One line of an attributed chapter. ``speaker`` is a roster name for dialogue, None for narration
    (and for dialogue whose speaker is unknown: the narrator reads it). ``how`` says which rule found the
    speaker: "tag", "beat", "before", "alternation", "context", "model", "unknown" (or "" for narration)."""

    kind: str  # "dialogue" | "narration"
    text: str
    speaker: str | None = None
    confidence: float = 1.0
    paragraph: int = 0
    note: str = ""
    emotion: str | None = None
    how: str = ""


@dataclass
class ProseAttribution:
    title: str
    language: str
    lines: list[ProseLine]
    roster: Roster
    quote_speakers: list[str | None] = field(default_factory=list)  # per quotation, in order (for checking)

    @property
    def narrator(self) -> str:
        return NARRATOR.get(self.language, "Narrator")

    def draft(self, *, narrator: str | None = None, min_confidence: float = 0.0) -> ScriptDraft:
        """The ``ScriptDraft`` to preview and import: each dialogue line under its speaker (the narrator's
        when unknown or below ``min_confidence``), each narration sentence under the narrator."""
        narrator = narrator or self.narrator
        lines: list[DraftLine] = []
        for i, ln in enumerate(self.lines, start=1):
            role = ln.speaker if ln.kind == "dialogue" and ln.speaker and ln.confidence >= min_confidence \
                else narrator
            note = ln.note
            if ln.kind == "dialogue" and role == narrator and not note:
                note = UNKNOWN_NOTE.get(self.language, "speaker unknown")
            lines.append(DraftLine(role, ln.text, Delivery(emotion=ln.emotion), None, ln.paragraph or i, note))
        if not lines:
            raise ScriptImportError("The text has no sentences to import.")
        number, rest = split_episode_heading(self.title)
        return ScriptDraft(title=rest or self.title, language=self.language, lines=lines,
                           roles=list(dict.fromkeys(ln.role for ln in lines)), episode_number=number)

    @property
    def confidences(self) -> list[float]:
        """Per draft line (same order as ``draft().lines``)."""
        return [ln.confidence for ln in self.lines]

    def speakers(self) -> list[str]:
        return list(dict.fromkeys(ln.speaker for ln in self.lines if ln.kind == "dialogue" and ln.speaker))


# --- paragraphs and quotations -----------------------------------------------------------------------

_SCENE_BREAK = re.compile(r"^[\s*＊#~～—\-·•=]+$")
_TITLE_LINE = re.compile(r"^(?:第\s*[\d零〇一二两三四五六七八九十百千]+\s*[章回节集话]|chapter\b|part\b|prologue\b|"
                         r"epilogue\b|episode\b)", re.IGNORECASE)


def paragraphs(text: str) -> list[str]:
    """The chapter's paragraphs (one per non-empty line; hard-wrapped English lines joined)."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln.strip().lstrip("\ufeff") for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if len(lines) > 1 and all(re.search(r"[A-Za-z]", ln) for ln in lines) and not any(
                _SCENE_BREAK.match(ln) for ln in lines):
            # English hard-wrapped: a line that does not end a sentence continues
            joined = lines[0]
            for ln in lines[1:]:
                if re.search(r"[.!?\"”’:)]$", joined) and (ln[:1] in "\"“" or ln[:1].isupper()):
                    out.append(joined)
                    joined = ln
                else:
                    joined += " " + ln
            out.append(joined)
        else:
            out.extend(lines)
    return out


@dataclass
class _Piece:
    kind: str  # "quote" | "text"
    text: str  # a quotation's inside, or the text between quotations


_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』"}


def _pieces(paragraph: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    buf: list[str] = []
    i, n = 0, len(paragraph)
    while i < n:
        c = paragraph[i]
        close = _OPEN_CLOSE.get(c)
        if close is None and c == '"':
            close = '"'
        if close is None:
            buf.append(c)
            i += 1
            continue
        depth, j = 1, i + 1
        while j < n:
            if paragraph[j] == close and (close != '"' or True):
                depth -= 1
                if depth == 0:
                    break
            elif paragraph[j] == c and c != '"':
                depth += 1
            j += 1
        inner = paragraph[i + 1:j]
        before = "".join(buf)
        after = paragraph[j + 1:] if j < n else ""
        if _is_term(before, inner, after):
            buf.append(paragraph[i:j + 1])
        else:
            if buf:
                pieces.append(_Piece("text", before))
                buf = []
            if inner.strip():
                pieces.append(_Piece("quote", inner.strip()))
        i = j + 1
    if buf:
        pieces.append(_Piece("text", "".join(buf)))
    return pieces


def _is_term(before: str, inner: str, after: str) -> bool:
    """A quoted word inside a sentence (跳出“苏蔓”两个字, read "Nora" in white), not speech."""
    inner = inner.strip()
    if not inner or re.search(r"[。！？!?.,，…—~～]$", inner):
        return False
    cjk = bool(re.search(r"[\u4e00-\u9fff]", inner))
    if (len(inner) > 6) if cjk else (len(inner.split()) > 3):
        return False
    prev = before.rstrip()[-1:] if before.strip() else ""
    if not prev or not (prev.isalnum() or "\u4e00" <= prev <= "\u9fff"):
        return False
    nxt = after.lstrip()[:1]
    if not nxt:
        return False
    return nxt.isalnum() and (cjk or nxt.islower() or not after.startswith(" ") or nxt.isdigit())


# --- name discovery ----------------------------------------------------------------------------------


def _surname_of(name: str) -> str | None:
    if name[:2] in _COMPOUND_SURNAMES:
        return name[:2]
    if len(name) >= 2 and name[0] in "老小阿" and name[1] in _SURNAMES:
        return name[1]
    for title in _ZH_TITLES:
        if name.endswith(title) and len(name) > len(title):
            head = name[: -len(title)]
            return head if head in _SURNAMES or head in _COMPOUND_SURNAMES else None
    if name[0] in _SURNAMES:
        return name[0]
    return None


def _zh_title_form(name: str) -> bool:
    """顾总, 陈叔, 苏小姐, 老陈, 小林: a surname with a title, not a full name."""
    if len(name) == 2 and name[0] in "老小阿" and name[1] in _SURNAMES:
        return True
    for title in _ZH_TITLES:
        head = name[: -len(title)] if name.endswith(title) else ""
        if head and (head in _SURNAMES or head in _COMPOUND_SURNAMES):
            return True
    return False


def _name_chars_ok(run: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" and c not in _NOT_IN_NAME for c in run)


def _zh_candidates_at(text: str, pos: int) -> list[str]:
    """Name-shaped runs starting at ``pos``: 2–4 characters."""
    out = []
    for size in (2, 3, 4):
        run = text[pos:pos + size]
        if len(run) < size or not _name_chars_ok(run):
            break
        out.append(run)
    return out


def _zh_shape(run: str) -> bool:
    if run in _ZH_STOP:
        return False
    if _zh_title_form(run):
        return True
    if run[:2] in _COMPOUND_SURNAMES:
        return len(run) in (3, 4)
    if len(run) == 2 and run[0] == run[1]:
        return True  # 念念, 晚晚
    return run[0] in _SURNAMES and len(run) in (2, 3)


def _clause_starts(text: str) -> list[int]:
    starts = [0] if text and not _CLAUSE_BREAK.match(text[0]) else []
    starts += [m.end() for m in _CLAUSE_BREAK.finditer(text) if m.end() < len(text)]
    return starts


def _discover_zh(narration: Sequence[str], known: Roster, spots: Sequence[set[int]]) -> Roster:
    joined = "\n".join(narration)
    starts: dict[str, int] = {}
    tagged: set[str] = set()
    for index, text in enumerate(narration):
        for pos in _clause_starts(text):
            if known.at(text, pos):
                continue
            for run in _zh_candidates_at(text, pos):
                if _zh_shape(run):
                    starts[run] = starts.get(run, 0) + 1
                    rest = text[pos + len(run):pos + len(run) + 10]
                    if _ZH_SPEECH_RE.match(rest) or re.match(r"^[\u4e00-\u9fff]{1,6}地[说道问喊]", rest):
                        tagged.add(run)
                    elif pos in spots[index] and len(run) == 2:
                        tagged.add(run)  # the subject right beside a quotation: 老陈点点头：“……”
    chosen: list[str] = []
    for run in sorted(starts, key=len):
        if len(run) > 2 and run[:2] in chosen:
            continue  # decided at its two-character prefix
        occurrences = joined.count(run)
        longer = [r for r in starts if len(r) == len(run) + 1 and r.startswith(run)]
        best = max(longer, key=joined.count, default=None)
        if best is not None and not _zh_title_form(run) and joined.count(best) >= max(2, 0.8 * occurrences) \
                and _zh_shape(best):
            run = best  # 林晚晴, not 林晚
            occurrences = joined.count(run)
        if run in chosen:
            continue
        if occurrences >= 2 or run in tagged:
            chosen.append(run)
    found = Roster()
    full = [n for n in chosen if not _zh_title_form(n) and not (len(n) == 2 and n[0] == n[1])]
    titled = [n for n in chosen if _zh_title_form(n)]
    doubled = [n for n in chosen if len(n) == 2 and n[0] == n[1]]
    for name in full:
        found.add(name)
    for name in titled:  # 顾总 → 顾沉 when 顾沉 is the one 顾; else a character of its own (老陈)
        surname = _surname_of(name)
        same = [n for n in [*found.names, *known.names] if _surname_of(n) == surname and not _zh_title_form(n)]
        if len(set(same)) == 1:
            found.aliases[name] = same[0]
            found.genders.setdefault(same[0], None)
        else:
            found.add(name)
    for name in doubled:
        same = [n for n in [*found.names, *known.names] if n.endswith(name[0]) and n != name]
        if len(set(same)) == 1:
            found.aliases[name] = same[0]
        else:
            found.add(name)
    return found


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def _en_sequences(text: str) -> list[tuple[int, str, bool]]:
    """(position, capitalised run with titles, whether it opens a sentence) for each run in ``text``."""
    out: list[tuple[int, str, bool]] = []
    tokens = list(_EN_WORD.finditer(text))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = re.sub(r"['’]s$", "", tok.group())
        if not word[:1].isupper():
            i += 1
            continue
        start = tok.start()
        before = text[:start].rstrip()
        opens = not before or before[-1] in ".!?\"“”:—" or before.endswith("* *")
        parts = [word]
        j = i + 1
        while j < len(tokens):
            nxt = tokens[j]
            gap = text[tokens[j - 1].end():nxt.start()]
            w = re.sub(r"['’]s$", "", nxt.group())
            if gap not in (" ", ". ") or not w[:1].isupper() or (gap == ". " and parts[-1] not in _EN_TITLES):
                break
            if tokens[j - 1].group().endswith(("'s", "’s")):
                break
            parts.append(w)
            j += 1
        while parts and parts[0].lower() in _EN_STOP:
            parts.pop(0)
            opens = False
        if parts:
            out.append((start, " ".join(parts), opens))
        i = j
    return out


def _strip_title(run: str) -> str:
    words = run.split()
    while words and words[0].rstrip(".") in _EN_TITLES:
        words.pop(0)
    return " ".join(words)


def _discover_en(narration: Sequence[str], known: Roster, spots: Sequence[set[int]]) -> Roster:
    counts: dict[str, int] = {}
    tagged: set[str] = set()
    after_the: set[str] = set()
    for index, text in enumerate(narration):
        for pos, run, _opens in _en_sequences(text):
            if pos in spots[index] and not re.search(r"\bthe\s+$", text[:pos], re.IGNORECASE):
                bare_spot = _strip_title(run)
                if bare_spot and bare_spot.lower() not in _EN_STOP:
                    tagged.add(bare_spot)  # the subject right beside a quotation
            bare = _strip_title(run)
            if not bare or any(w.lower() in _EN_STOP for w in bare.split()):
                continue
            counts[bare] = counts.get(bare, 0) + 1
            if re.search(r"\bthe\s+$", text[:pos], re.IGNORECASE):
                after_the.add(bare)
            follow = text[pos + len(run):pos + len(run) + 30].lower()
            precede = text[max(0, pos - 15):pos].lower()
            first = re.match(r"^(?:['’]s)?\s+(?:\w+ly\s+)?([a-z]+)", follow)
            if first and first.group(1) in _EN_SPEECH_SET or re.search(
                    rf"\b(?:{'|'.join(_EN_SPEECH)})\s+$", precede):
                tagged.add(bare)
    multi = [r for r in counts if " " in r and r not in after_the]
    found = Roster()
    for run in sorted(multi, key=len, reverse=True):
        if known.canonical(run) is None:
            found.add(run)
    for run, n in counts.items():
        if " " in run or run in after_the or known.canonical(run) is not None:
            continue
        owners = [m for m in [*found.names, *known.names] if run in m.split()]
        if len(set(owners)) == 1:
            found.aliases[run] = owners[0]
        elif n >= 2 or run in tagged:
            found.add(run)
    return found


def _learn_genders(roster: Roster, paragraphs_: Sequence[str], language: str) -> None:
    texts = list(paragraphs_)
    evidence: dict[str, dict[str, int]] = {}
    pronoun_start = re.compile(r"^\s*(他|她)(?!们)" if language == "zh" else r"^\s*(He|She|His|Her)\b")
    for para in texts:
        sentences = _sentences(para, language)
        for a, b in zip(sentences, sentences[1:], strict=False):
            subject = roster.at(a.strip(), 0)
            m = pronoun_start.match(b)
            if subject and m:
                g = _ZH_PRONOUNS.get(m.group(1)) or _EN_PRONOUNS.get(m.group(1).lower())
                if g:
                    box = evidence.setdefault(subject[0], {"female": 0, "male": 0})
                    box[g] += 1
    if language != "zh":  # "Mora crossed her arms": a possessive in the subject's own sentence
        for para in texts:
            for sentence in _sentences(para, language):
                subject = roster.at(sentence.strip(), 0)
                if not subject:
                    continue
                rest = sentence.strip()[subject[1]:]
                if roster.mentions(rest):
                    continue
                box = evidence.setdefault(subject[0], {"female": 0, "male": 0})
                box["male"] += len(re.findall(r"\b(?:his|himself)\b", rest))
                box["female"] += len(re.findall(r"\b(?:her|herself)\s+(?!to\b|at\b|for\b|and\b|as\b)[a-z]", rest))
    for name in roster.names:
        if roster.gender(name):
            continue
        guess = guess_role_gender(name, texts)
        if guess is None:
            for alias in roster.aliases_of(name):
                guess = guess_role_gender(alias, ())
                if guess:
                    break
        if guess is None and name in evidence:
            box = evidence[name]
            if box["female"] > box["male"]:
                guess = "female"
            elif box["male"] > box["female"]:
                guess = "male"
        roster.genders[name] = guess


def _spoken_aliases(roster: Roster, texts: Sequence[str], language: str) -> None:
    """Forms of address the text uses (顾总, 陈叔, 苏小姐, 晚晚; Mr. Cole, Cole) joined to the one
    character they can mean. Never adds a character."""
    seen: set[str] = set()
    if language == "zh":
        for text in texts:
            for pos in _clause_starts(text):
                for run in _zh_candidates_at(text, pos):
                    if _zh_title_form(run) or (len(run) == 2 and run[0] == run[1]):
                        seen.add(run)
        joined = "\n".join(texts)
        for name in roster.names:  # 若溪 for 沈若溪, when the text calls her so
            surname = _surname_of(name)
            given = name[len(surname):] if surname and name.startswith(surname) else ""
            if len(given) == 2 and not _zh_title_form(name) and joined.count(given) > joined.count(name) \
                    and roster.canonical(given) is None:
                others = [n for n in roster.names if n != name and given in n]
                if not others:
                    roster.aliases[given] = name
        for run in seen:
            if roster.canonical(run):
                continue
            if len(run) == 2 and run[0] == run[1]:
                owners = {n for n in roster.names if n.endswith(run[0]) and n != run}
            else:
                surname = _surname_of(run)
                owners = {n for n in roster.names if _surname_of(n) == surname and n != run}
            if len(owners) == 1:
                roster.aliases[run] = owners.pop()
        return
    titles = "|".join(_EN_TITLES)
    for text in texts:
        for m in re.finditer(rf"\b(?:(?:{titles})\.?\s+)?[A-Z][a-z]+", text):
            seen.add(m.group())
    for run in seen:
        if roster.canonical(run):
            continue
        bare = _strip_title(run)
        if not bare or bare.lower() in _EN_STOP:
            continue
        titled = bare != run
        owners = {n for n in roster.names if " " in n and (bare == n.split()[-1] or (not titled and bare == n.split()[0]))}
        if len(owners) == 1:
            roster.aliases[run] = owners.pop()


def discover_roster(text: str, roster: Roster | None = None, language: str | None = None) -> Roster:
    """The characters a chapter names (with aliases and genders), on top of ``roster``."""
    paras = paragraphs(text)
    language = language or detect_language(paras)
    known = roster or Roster()
    pieces: list[_Piece] = []
    narration: list[str] = []
    spots: list[set[int]] = []  # per narration piece: where a subject beside a quotation stands
    for para in paras:
        own = _pieces(para)
        pieces.extend(own)
        for k, piece in enumerate(own):
            if piece.kind != "text":
                continue
            here: set[int] = set()
            if k > 0 and own[k - 1].kind == "quote":
                here.add(len(piece.text) - len(piece.text.lstrip("，,。.：: ")))
            if k + 1 < len(own) and own[k + 1].kind == "quote":
                body = piece.text.rstrip()
                ends = [m.end() for m in re.finditer(r"[。！？!?…]+\s*|(?<=[.!?])\s+", body[:-1] if body else body)]
                here.add(ends[-1] if ends else len(piece.text) - len(piece.text.lstrip()))
            narration.append(piece.text)
            spots.append(here)
    found = _discover_zh(narration, known, spots) if language == "zh" else _discover_en(narration, known, spots)
    merged = known.merged(found)
    _spoken_aliases(merged, [p.text for p in pieces], language)
    _learn_genders(merged, paras, language)
    return merged


# --- sentences and tags ------------------------------------------------------------------------------

_EN_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Capt|Sgt|Lt|vs|etc)\.$")


def _sentences(text: str, language: str) -> list[str]:
    out: list[str] = []
    buf = ""
    i = 0
    while i < len(text):
        c = text[i]
        buf += c
        if language == "zh" and c in _SENTENCE_END_ZH:
            while i + 1 < len(text) and text[i + 1] in _SENTENCE_END_ZH + "”」』":
                i += 1
                buf += text[i]
            out.append(buf)
            buf = ""
        elif language != "zh" and c in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            if not _EN_ABBREV.search(buf):
                out.append(buf)
                buf = ""
        i += 1
    if buf.strip():
        out.append(buf)
    return [s for s in (x.strip() for x in out) if s]


@dataclass
class _Who:
    name: str | None
    pronoun: str | None = None  # "female" | "male" when found through a pronoun
    tag: bool = False  # a speech verb stands with it


def _zh_subject(clause: str, roster: Roster) -> _Who | None:
    clause = clause.lstrip("，,：: ")
    found = roster.at(clause, 0)
    if found:
        return _Who(found[0])
    if clause[:1] in _ZH_PRONOUNS and clause[1:2] != "们":
        return _Who(None, _ZH_PRONOUNS[clause[0]])
    return None


def _zh_has_speech(clause: str) -> bool:
    return bool(_ZH_SPEECH_RE.search(clause))


_EN_LEAD = re.compile(
    r"^(?:(?:Then|And|But|So|Now|Finally|Suddenly|Slowly|Quietly)\s*,?\s+"
    r"|(?:Back|Inside|Outside|At|In|On|After|Before|Later|Meanwhile|Still|For|With|Without|From|Across|Behind|"
    r"Beside|By|Near|Once|When|As|Upstairs|Downstairs|Over|Under|Through)\b[^,.!?\"“”]{0,50},\s+)")
_EN_TITLE_LEAD = re.compile(r"^(?:(?:" + "|".join(_EN_TITLES) + r")\.?\s+)+(?=[A-Z])")


def _en_subject(sentence: str, roster: Roster) -> _Who | None:
    s = sentence.strip().lstrip(",;:—- ")
    for _ in range(2):
        s = _EN_LEAD.sub("", s)
    found = roster.at(s, 0)
    if found:
        return _Who(found[0])
    s = _EN_TITLE_LEAD.sub("", s)
    found = roster.at(s, 0)
    if found:
        return _Who(found[0])
    m = re.match(r"^(she|he|her|his)\b", s, re.IGNORECASE)
    if m:
        return _Who(None, _EN_PRONOUNS[m.group(1).lower()])
    return None


def _en_tag_after(text: str, roster: Roster) -> _Who | None:
    """``said Nora`` / ``Nora said`` / ``he whispered`` at the start of the text after a quotation."""
    s = text.strip().lstrip(",;:— ")
    m = re.match(r"^([a-z]+)\s+(.*)", s)
    if m and m.group(1) in _EN_SPEECH_SET:
        rest = m.group(2)
        found = roster.at(rest, 0)
        if found:
            return _Who(found[0], tag=True)
        p = re.match(r"^(she|he)\b", rest)
        if p:
            return _Who(None, _EN_PRONOUNS[p.group(1)], tag=True)
    who = _en_subject(s, roster)
    if who is None:
        return None
    head = roster.at(s, 0)
    rest = s[head[1]:] if head else re.sub(r"^\w+", "", s)
    rest = re.sub(r"^['’]s\b", "", rest)
    verb = re.match(r"^\s+(?:\w+ly\s+)?([a-z]+)", rest)
    who.tag = bool(verb and verb.group(1) in _EN_SPEECH_SET)
    return who


def _is_pure_tag(sentence: str, language: str, roster: Roster) -> bool:
    s = sentence.strip().rstrip("。，,：:.!?！？ ")
    if not s:
        return False
    if language == "zh":
        who = _zh_subject(s, roster)
        if who is None or "，" in s or "," in s:
            return False
        head = roster.at(s, 0)
        rest = s[head[1]:] if head else s[1:]
        return bool(re.fullmatch(r"[\u4e00-\u9fff]{0,8}?(?:" + _ZH_SPEECH_RE.pattern + r")(?:着|了)?", rest))
    s = re.sub(r",\s+\w+ing\b[^,]*$", "", s)  # "Ellis said, closing the door"
    if "," in s or re.search(r"\band\b", s):
        return False
    m = re.match(r"^([a-z]+)\s+(.*)$", s)
    if m and m.group(1) in _EN_SPEECH_SET:
        return bool(roster.at(m.group(2), 0) or re.match(r"^(she|he)$", m.group(2)))
    who = _en_tag_after(s, roster)
    return bool(who and who.tag and len(s.split()) <= 8)


def _cut_trailing_tag(sentence: str, language: str) -> tuple[str, str]:
    """"林晚瞥了他一眼，压低声音说：" → ("林晚瞥了他一眼。", "压低声音说"); English "… and said softly," too."""
    s = sentence.rstrip()
    if language == "zh":
        body = s.rstrip("：:，,")
        parts = re.split(r"[，,]", body)
        last = parts[-1]
        if len(parts) > 1 and re.fullmatch(r"[\u4e00-\u9fff]{0,8}?(?:" + _ZH_SPEECH_RE.pattern + r")(?:着|了)?",
                                           last) and not last.startswith(("他", "她")):
            return body[: len(body) - len(last)].rstrip("，, ") + "。", last
        return sentence, ""
    body = s.rstrip(",:; ")
    m = re.search(r"(?:,\s*|\s+and\s+)((?:\w+ly\s+)?(?:" + "|".join(_EN_SPEECH) + r")(?:\s+\w+ly)?)$", body)
    if m and m.start() > 0:
        return body[: m.start()].rstrip(", ") + ".", m.group(1)
    return sentence, ""


def _manner(tag: str, language: str) -> str | None:
    """The emotion a speech tag's manner names (低声 → whisper, quietly → whisper), if any."""
    if not tag:
        return None
    if language == "zh":
        for size in (4, 3, 2):
            for i in range(0, max(0, len(tag) - size) + 1):
                try:
                    found = emotion_id(tag[i:i + size])
                except KeyError:
                    continue
                if found:
                    return found
        return None
    for word in re.findall(r"[a-z]+", tag.lower()):
        try:
            found = emotion_id(word)
        except KeyError:
            continue
        if found:
            return found
    return None


# --- the splitter ------------------------------------------------------------------------------------


@dataclass
class _State:
    roster: Roster
    language: str
    mentions: list[str] = field(default_factory=list)  # canonical names, most recent last
    turns: list[str] = field(default_factory=list)  # speakers of the current exchange
    spoken_to: str | None = None  # whom the last quotation addressed by name

    def mention(self, text: str) -> None:
        for _, name in self.roster.mentions(text):
            self.mentions.append(name)

    def resolve(self, who: _Who | None, *, exclude: Set[str] = frozenset()) -> tuple[str | None, float]:
        if who is None:
            return None, 0.0
        if who.name:
            return who.name, 1.0
        matches = [m for m in reversed(self.mentions) if self.roster.gender(m) == who.pronoun and m not in exclude]
        if matches:
            unique = len(set(matches[:6])) == 1
            return matches[0], 0.9 if unique else 0.7
        unknown = [m for m in reversed(self.mentions) if self.roster.gender(m) is None and m not in exclude]
        return (unknown[0], 0.45) if unknown else (None, 0.0)


def _addressee(quote: str, state: _State) -> str | None:
    q = quote.strip()
    head = state.roster.at(q, 0)
    if head and q[head[1]:head[1] + 1] in "，,！!？?。.—…":
        return head[0]
    m = re.search(r"[,，]\s*([^,，]{1,20}?)[.!?。！？]*$", q)
    if m:
        tail = state.roster.at(m.group(1), 0)
        if tail and len(m.group(1).rstrip(".!?。！？")) == tail[1]:
            return tail[0]
    return None


def _narration_subject(text: str, state: _State, *, last: bool) -> tuple[_Who | None, str]:
    """The subject of the last (or first) sentence of a narration piece, and that sentence."""
    sentences = _sentences(text, state.language)
    if not sentences:
        return None, ""
    sentence = sentences[-1] if last else sentences[0]
    if state.language == "zh":
        for pos in _clause_starts(sentence):
            who = _zh_subject(sentence[pos:], state.roster)
            if who:
                return who, sentence
        return None, sentence
    return _en_subject(sentence, state.roster), sentence


def _tag_for(pieces: list[_Piece], i: int, state: _State) -> tuple[_Who | None, str, str]:
    """The explicit speech tag of quotation ``i``: (who, where "after"/"before", the tag sentence)."""
    lang = state.language
    if i + 1 < len(pieces) and pieces[i + 1].kind == "text":
        after = pieces[i + 1].text
        first = _sentences(after, lang)[:1]
        clause = re.split(r"[，,]", first[0])[0] if first else ""
        if lang == "zh":
            who = _zh_subject(clause, state.roster)
            if who and _zh_has_speech(clause):
                who.tag = True
                return who, "after", clause
        else:
            who = _en_tag_after(first[0] if first else "", state.roster)
            if who and who.tag:
                return who, "after", first[0]
    if i > 0 and pieces[i - 1].kind == "text":
        before = pieces[i - 1].text.rstrip()
        if before.endswith(("：", ":", "，", ",")):
            sentence = _sentences(before, lang)[-1] if _sentences(before, lang) else before
            if (lang == "zh" and _zh_has_speech(sentence.split("，")[-1])) or (
                    lang != "zh" and re.search(r"\b(?:" + "|".join(_EN_SPEECH) + r")\b", sentence)):
                who, _ = _narration_subject(before, state, last=True)
                if who:
                    who.tag = True
                    return who, "before", sentence
    return None, "", ""


def _paragraph_actor(pieces: list[_Piece], state: _State) -> tuple[_Who | None, str]:
    """The actor of a paragraph's narration nearest its first quotation."""
    first_quote = next((k for k, p in enumerate(pieces) if p.kind == "quote"), None)
    if first_quote is None:
        return None, ""
    if first_quote > 0:
        who, _ = _narration_subject(pieces[first_quote - 1].text, state, last=True)
        if who:
            return who, "beat"
    for k in range(first_quote + 1, len(pieces)):
        if pieces[k].kind == "text":
            who, _ = _narration_subject(pieces[k].text, state, last=False)
            if who:
                return who, "beat"
            break
    return None, ""


def _narration_lines(text: str, state: _State, paragraph: int, *, before_quote: bool,
                     after_quote: bool) -> tuple[list[ProseLine], str, str]:
    """Narration sentences of a piece, and the bare tags lifted out of it: one right after the quotation
    before the piece, one right before the quotation after it (for those quotations' notes)."""
    lang = state.language
    lines: list[ProseLine] = []
    tag_after = tag_before = ""
    sentences = _sentences(text, lang)
    for k, sentence in enumerate(sentences):
        s = sentence.strip()
        if not re.search(r"\w", s):
            continue
        first, last = k == 0, k == len(sentences) - 1
        if ((after_quote and first) or (before_quote and last)) and _is_pure_tag(s, lang, state.roster):
            tag = s.rstrip("。，,：:.!?！？ ")
            if after_quote and first:
                tag_after = tag
            else:
                tag_before = tag
            continue
        if before_quote and last:
            s, cut = _cut_trailing_tag(s, lang)
            tag_before = cut
        s = s.rstrip("，,：:;； ")
        if s and s[-1] not in _SENTENCE_END_ZH + ".!?”」』\"—":
            s += "。" if lang == "zh" else "."
        if lang != "zh":
            s = s[:1].upper() + s[1:]
        lines.append(ProseLine("narration", s, None, 1.0, paragraph))
    return lines, tag_after, tag_before


def _with_note(line: ProseLine, note: str, language: str) -> ProseLine:
    return ProseLine(line.kind, line.text, line.speaker, line.confidence, line.paragraph,
                     "; ".join(filter(None, [line.note, note])), line.emotion or _manner(note, language), line.how)


def _join_quotes(a: str, b: str, language: str) -> str:
    if language == "zh":
        return a + b
    if a.endswith(",") and b[:1].isupper() and not b.startswith("I "):
        a = a[:-1] + "."
    return f"{a} {b}"


def _finished(line: ProseLine, language: str) -> ProseLine:
    return ProseLine(line.kind, _finish_quote(line.text, language), line.speaker, line.confidence, line.paragraph,
                     line.note, line.emotion, line.how)


def _finish_quote(text: str, language: str) -> str:
    """A line does not end on the comma its tag followed: “上车，”顾沉说 → 上车。"""
    if text.endswith(("，", ",")):
        return text[:-1] + ("。" if language == "zh" else ".")
    return text


def _attribute_paragraph(para: str, number: int, state: _State, previous: list[_Piece] | None,
                         out: list[ProseLine], quote_speakers: list[str | None]) -> None:
    pieces = _pieces(para)
    lang = state.language
    quotes = [k for k, p in enumerate(pieces) if p.kind == "quote"]
    if not quotes:
        state.mention(para)
        for line in _narration_lines(para, state, number, before_quote=False, after_quote=False)[0]:
            out.append(line)
        return
    # mentions before the first quotation count for its pronouns
    for p in pieces[: quotes[0]]:
        state.mention(p.text)
    actor, actor_how = _paragraph_actor(pieces, state)
    addressees = {k: _addressee(pieces[k].text, state) for k in quotes}
    addressed = {a for a in addressees.values() if a}  # nobody in a paragraph speaks to themselves
    speakers: dict[int, tuple[str | None, float, str, str]] = {}
    for k in quotes:
        addressee = addressees[k]
        exclude = {addressee} if addressee else set()
        who, where, tag_sentence = _tag_for(pieces, k, state)
        name, conf = state.resolve(who, exclude=exclude)
        how = "tag"
        if name is None and actor is not None:
            name, conf = state.resolve(actor, exclude=addressed)
            conf *= 0.8
            how = actor_how
        if name is None:
            name, conf, how = _from_context(state, previous, addressed)
        if name is not None and name == addressee:
            name, conf, how = None, 0.0, "unknown"
        speakers[k] = (name, conf, how, tag_sentence if where else "")
    # a paragraph holds one speaker: quotations without a tag of their own follow the tagged one
    tagged = [speakers[k] for k in quotes if speakers[k][2] == "tag" and speakers[k][0]]
    if tagged:
        for k in quotes:
            name, conf, how, tag = speakers[k]
            if how != "tag" and tagged[0][0] != _addressee(pieces[k].text, state):
                speakers[k] = (tagged[0][0], min(0.9, tagged[0][1]), "tag", tag)
    # lines, in order
    pending: ProseLine | None = None  # a dialogue line the next quotation may continue
    carry = ""  # a bare tag just before the next quotation
    for k, piece in enumerate(pieces):
        if piece.kind == "text":
            state.mention(piece.text)
            lines, tag_after, tag_before = _narration_lines(
                piece.text, state, number, before_quote=k + 1 < len(pieces) and pieces[k + 1].kind == "quote",
                after_quote=k > 0 and pieces[k - 1].kind == "quote")
            if tag_after and pending is not None:
                pending = _with_note(pending, tag_after, lang)
            if lines:
                if pending is not None:
                    out.append(_finished(pending, lang))
                    pending = None
                out.extend(lines)
            carry = tag_before
            continue
        name, conf, how, tag = speakers[k]
        quote_speakers.append(name)
        line = ProseLine("dialogue", piece.text, name, round(conf, 2), number, carry, _manner(carry or tag, lang),
                         how)
        carry = ""
        if pending is not None and pending.speaker == line.speaker:
            pending = ProseLine("dialogue", _join_quotes(pending.text, line.text, lang), line.speaker,
                                min(pending.confidence, line.confidence), number,
                                "; ".join(filter(None, [pending.note, line.note])), pending.emotion or line.emotion,
                                pending.how)
            continue
        if pending is not None:
            out.append(_finished(pending, lang))
        pending = line
    if pending is not None:
        out.append(_finished(pending, lang))
    for k in quotes:
        name = speakers[k][0]
        if name:
            if not state.turns or state.turns[-1] != name:
                state.turns.append(name)
            state.mentions.append(name)
    state.spoken_to = addressees[quotes[-1]]


def _from_context(state: _State, previous: list[_Piece] | None, exclude: set[str]) -> tuple[str | None, float, str]:
    if previous is not None and all(p.kind == "text" for p in previous):
        text = "".join(p.text for p in previous)
        if len(_sentences(text, state.language)) <= 2 and len(text) <= (80 if state.language == "zh" else 200):
            who, _ = _narration_subject(text, state, last=True)
            if who is None:
                who, _ = _narration_subject(text, state, last=False)
            name, conf = state.resolve(who, exclude=exclude)
            if name:
                return name, round(0.65 * conf, 2), "before"
    turns = [t for t in state.turns if t]
    if state.spoken_to and state.spoken_to not in exclude and (not turns or turns[-1] != state.spoken_to):
        return state.spoken_to, 0.6, "reply"  # the one just spoken to by name answers
    if turns:
        last = turns[-1]
        other = next((t for t in reversed(turns[:-1]) if t != last), None)
        if other is not None and other not in exclude:
            return other, 0.6, "alternation"
        recent = next((m for m in reversed(state.mentions) if m != last and m not in exclude), None)
        if recent is not None:
            return recent, 0.4, "context"
    return None, 0.1, "unknown"


def _split_title(paras: list[str]) -> tuple[str, list[str]]:
    if not paras:
        return "", paras
    first = paras[0].strip().lstrip("#").strip()
    if _TITLE_LINE.match(first) or (len(first) <= 30 and not re.search(r"[。！？!?\"“”「」.]$", first)
                                    and not any(q in first for q in "“”「」\"")):
        return first, paras[1:]
    return "", paras


def attribute_prose(text: str, *, roster: Roster | None = None, language: str | None = None,
                    title: str = "") -> ProseAttribution:
    """Dialogue and narration lines of a chapter, each dialogue line with its speaker and a confidence.

    ``roster`` (the project's cast, with aliases) is trusted first; the chapter's own names are added to
    it. Never raises on odd text; an empty text gives no lines.
    """
    paras = paragraphs(text)
    found_title, body = _split_title(paras)
    language = language or detect_language(body or paras)
    full = discover_roster("\n\n".join(body), roster, language)
    state = _State(full, language)
    out: list[ProseLine] = []
    quote_speakers: list[str | None] = []
    previous: list[_Piece] | None = None
    for number, para in enumerate(body, start=1):
        if _SCENE_BREAK.match(para):
            state.turns.clear()
            state.spoken_to = None
            previous = None
            continue
        _attribute_paragraph(para, number, state, previous, out, quote_speakers)
        previous = _pieces(para)
    return ProseAttribution(title or found_title, language, out, full, quote_speakers)


def split_chunks(paras: Sequence[str], max_chars: int = 2500) -> list[list[str]]:
    """Paragraphs grouped into chunks of at most ``max_chars`` (a longer paragraph is a chunk alone)."""
    chunks: list[list[str]] = []
    current: list[str] = []
    size = 0
    for para in paras:
        if current and size + len(para) > max_chars:
            chunks.append(current)
            current, size = [], 0
        current.append(para)
        size += len(para)
    if current:
        chunks.append(current)
    return chunks


_ACTION_IN_NAME = re.compile("点头|摇头|抬头|低头|回头|转身|站起|坐下|看着|笑着|叹气|皱眉|走进|走出|推开|拿起|放下|"
                             "说|道|问|喊|笑|哭|看|走|站|坐|叹|了|着|地|的")


def plausible_name(name: str) -> bool:
    """Whether ``name`` can be a character's name at all: 老陈 or Ethan Cole, never 老陈点点头 or
    "the man in the car" (a narrative phrase)."""
    n = name.strip()
    if not n or is_narrator_name(n):
        return bool(n)
    cjk = re.sub(r"[^\u4e00-\u9fff]", "", n)
    if cjk:
        if len(cjk) > 6:
            return False
        core = n
        for title in _ZH_TITLES:
            if core.endswith(title) and len(core) > len(title):
                core = core[: -len(title)]
                break
        return len(core) <= 4 and not _ACTION_IN_NAME.search(core[1:] if len(core) > 1 else "")
    words = n.replace(".", " ").split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() or w.lower() in {"de", "van", "von", "da", "le"}
                                        for w in words)


# --- telling prose from a script ---------------------------------------------------------------------

_LABEL = re.compile(r"^\s*([^:：()（）\[\]【】\"“”「」]{1,20}?)\s*(?:[(（][^)）]*[)）]\s*)?[:：]\s*(.*)$")


def looks_like_prose(text: str) -> bool:
    """Whether ``text`` reads as a chapter of prose rather than a "Role: line" script."""
    labelled = prose = 0
    for raw in text.splitlines():
        s = raw.strip()
        if not s or s.startswith("#") or _SCENE_BREAK.match(s):
            continue
        m = _LABEL.match(s)
        quoted = any(q in s for q in "“「\"")
        if m and not _quote_after_narrative(m.group(1), m.group(2)):
            labelled += 1
            continue
        if quoted or len(s) >= 40:
            prose += 1
    # a script may have a few long narration lines; prose has few "Role: line" lines, if any
    return prose > labelled and labelled <= max(2, 0.15 * (prose + labelled))


def _quote_after_narrative(label: str, body: str) -> bool:
    """老陈点点头：“好。” — a narrative clause before a quotation, not a role's label."""
    body = body.strip()
    if body[:1] not in "“「\"『":
        return False
    cjk = re.sub(r"[^\u4e00-\u9fff]", "", label)
    return len(cjk) > 4 or bool(_ZH_SPEECH_RE.search(label[1:])) or bool(
        re.search(r"\b(?:" + "|".join(_EN_SPEECH) + r")\b", label)) or len(label.split()) > 3


def read_prose(path: str | Path | None = None, *, text: str | None = None, roster: Roster | None = None,
               source_name: str = "") -> ProseAttribution:
    """A chapter from a file (decoded like any script) or from ``text``, attributed offline."""
    if text is None:
        if path is None:
            raise ValueError("give a path or a text")
        from studio.formats.script_import import _decode  # the importer's decoding rules, once

        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise ScriptImportError(f"“{p.name}” could not be read ({exc.strerror or exc}).") from None
        text = _decode(data, p.name)
        source_name = source_name or p.name
    if not text.strip():
        raise ScriptImportError(f"“{source_name or 'The text'}” is empty. Choose a chapter with some text.")
    result = attribute_prose(text, roster=roster)
    if not result.title and source_name:
        result.title = Path(source_name).stem
    if not result.lines:
        raise ScriptImportError(f"“{source_name or 'The text'}” has no sentences to import.")
    return result
