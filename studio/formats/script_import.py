"""Reading a script file into a draft: CSV/TSV, XLSX, plain "Role: line" text, MiniMax bulk JSON, Fountain
screenplays, DOCX, and prose chapters.

What lives here: decoding (UTF-8, UTF-8 with BOM, GB18030, UTF-16 with BOM, a guessed encoding as a
last resort), format detection, the header and emotion vocabularies (English and Chinese), per-row
validation, stage directions (a parenthetical becomes the line's emotion when it names one, else a
visible note that is never spoken), episode labels in headings ("Episode 2: The Key", "第二集：钥匙"),
and the ``ScriptDraft`` / ``DraftLine`` values a preview shows before anything is imported.

Other readers this module dispatches to: ``.fountain`` screenplays (``studio.formats.fountain``), a text
that reads as prose rather than "Role: line" (``studio.formats.prose``: the offline role attribution),
``.docx`` (its tables like a spreadsheet, else its paragraphs like a text file; needs python-docx).
A spreadsheet may have a title row (merged across the columns, or a single cell) above its header and
group rows (a merged row such as "第一场 咖啡馆") among its lines: the title becomes the draft's title,
a group row a note on the line that follows it.

What must not live here: project or store access, Qt, engine calls. A draft is returned whole or not
at all: every problem in the file is collected first and raised together as ``ScriptImportError``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.domain.model import EMOTIONS, Delivery, is_narrator_name

__all__ = [
    "DraftLine",
    "ScriptDraft",
    "ScriptImportError",
    "SUPPORTED_SUFFIXES",
    "detect_language",
    "emotion_id",
    "parse_text",
    "read_script",
    "split_episode_heading",
]

#: File suffixes ``read_script`` accepts.
SUPPORTED_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".text", ".md", ".json", ".xlsx", ".xlsm", ".fountain",
                      ".spmd", ".docx", ".srt", ".ass", ".ssa", ".vtt",  # timed scripts (studio.formats.timed)
                      ".mp4", ".mov", ".m4v", ".mkv", ".webm")  # a video with its subtitles, to dub

#: Role ids MiniMax bulk scripts use for the narrator (also honoured in the other formats).
_NARRATOR_IDS = {"anarration", "title"}

#: Largest file read at all; scripts are far smaller.
_MAX_BYTES = 50 * 1024 * 1024

#: Longest pause a row may ask for.
_MAX_GAP_MS = 60_000


# ---------------------------------------------------------------------------------------------------
# Public values


@dataclass
class DraftLine:
    """One line of a draft. ``source_row`` is the row / line / sentence number in the source file.

    ``note`` holds stage directions that are shown with the line but never spoken ("转身; 停顿"). A
    direction that names an emotion becomes ``delivery.emotion`` instead and is not repeated here.
    """

    role: str
    text: str
    delivery: Delivery = field(default_factory=Delivery)
    gap_ms: int | None = None
    source_row: int = 0
    note: str = ""
    cue_start_ms: int | None = None  # a timed script's (SRT/ASS/VTT) source cue: the line is locked to it
    cue_end_ms: int | None = None


@dataclass
class ScriptDraft:
    """A parsed script, not yet part of any project.

    ``title`` is the episode's own title without an episode label ("The Key" from "Episode 2: The
    Key"); the label's number, when the script has one, is ``episode_number``.
    """

    title: str
    language: str  # "zh" | "en"
    lines: list[DraftLine] = field(default_factory=list)
    role_voices: dict[str, str] = field(default_factory=dict)  # role -> voice id (from the file)
    roles: list[str] = field(default_factory=list)  # in first-appearance order
    episode_number: int | None = None
    source_video: str | None = None  # the video a timed script came with (a dub), as an absolute path
    encoding: str = "utf-8"  # how the file's bytes were read (e.g. "gb18030", "big5")


class ScriptImportError(Exception):
    """The file can't be imported. ``message`` says what is wrong and what to do; ``problems`` lists
    ``(row number, what is wrong)`` for row-level faults (empty for file-level ones)."""

    MAX_LISTED = 30

    def __init__(self, message: str, problems: Sequence[tuple[int, str]] = (), *, unit: str = "Row") -> None:
        self.message = message
        self.problems: list[tuple[int, str]] = list(problems)
        self.unit = unit
        super().__init__(self._text())

    def _text(self) -> str:
        if len(self.problems) <= 1:
            return self.message
        listed = [f"{self.unit} {row}: {what}" for row, what in self.problems[: self.MAX_LISTED]]
        more = len(self.problems) - self.MAX_LISTED
        if more > 0:
            listed.append(f"…and {more} more.")
        return "\n".join([self.message, *listed])


# ---------------------------------------------------------------------------------------------------
# Vocabularies


def _norm_word(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip().lower()


_EMOTION_WORDS: dict[str, str | None] = {}


def _words(emotion: str | None, *words: str) -> None:
    for w in words:
        _EMOTION_WORDS[_norm_word(w)] = emotion


for _e in EMOTIONS:
    _words(_e, _e)
_words("happy", "开心", "高兴", "快乐", "喜悦", "兴奋", "愉快", "欢快", "欣喜", "joy", "joyful", "glad", "excited", "cheerful")
_words("sad", "悲伤", "难过", "伤心", "哀伤", "委屈", "失落", "沮丧", "悲痛", "sorrowful", "upset", "unhappy")
_words("angry", "生气", "愤怒", "恼怒", "气愤", "暴怒", "发火", "恼火", "anger", "mad", "furious")
_words("fearful", "害怕", "恐惧", "惊恐", "紧张", "担心", "不安", "fear", "afraid", "scared", "frightened", "nervous")
_words("disgusted", "厌恶", "嫌弃", "恶心", "反感", "disgust")
_words("surprised", "惊讶", "吃惊", "震惊", "惊奇", "诧异", "surprise", "shocked", "astonished")
_words("calm", "平静", "冷静", "淡定", "沉稳", "calmly")
_words("fluent", "流畅", "自然", "natural")
_words("whisper", "低语", "耳语", "小声", "悄悄", "轻声", "whispering", "whispered", "whispers")
# Stage directions scripts write in parentheses: 老王（笑）：…, Lin Wan (laughing): …
_words("happy", "笑", "微笑", "大笑", "笑着", "笑道", "欢笑", "含笑", "偷笑", "傻笑", "laughing", "laughs",
       "laugh", "smiling", "smiles", "happily", "cheerfully", "giggling", "giggles", "chuckling", "chuckles")
_words("sad", "哭", "哭着", "哭泣", "哽咽", "抽泣", "啜泣", "流泪", "含泪", "叹气", "叹息", "crying", "cries",
       "sobbing", "sobs", "sighs", "sighing", "sadly", "tearful", "tearfully", "in tears", "weeping")
_words("angry", "怒", "怒吼", "怒道", "吼", "吼道", "大吼", "咆哮", "shouting", "shouts", "yelling", "yells",
       "angrily", "furiously", "roaring")
_words("fearful", "颤抖", "发抖", "哆嗦", "惶恐", "trembling", "fearfully", "terrified")
_words("surprised", "惊", "惊呼", "惊叫", "惊讶地", "惊喜", "gasps", "gasping", "surprised", "stunned")
_words("disgusted", "冷笑", "不屑", "鄙夷", "嗤笑", "嫌恶", "sneering", "sneers", "scoffs", "scoffing",
       "disgusted", "contemptuously")
_words("calm", "淡淡地", "淡然", "calm", "evenly")
_words("whisper", "低声", "悄声", "低声地", "softly", "quietly", "under her breath", "under his breath",
       "whispering")
_words(None, "中性", "正常", "默认", "无", "普通", "neutral", "normal", "none", "default", "-", "—", "/")

_EMOTION_HINT = (
    f"Use one of {', '.join(EMOTIONS)} (or 开心, 悲伤, 生气, 害怕, 厌恶, 惊讶, 平静, 低语), or leave it empty."
)


def emotion_id(word: str) -> str | None:
    """The emotion id for an English or Chinese emotion word; ``None`` for a neutral word or empty.

    Raises ``KeyError`` for a word that is not known.
    """
    w = _norm_word(word).strip("()[]【】")
    if not w:
        return None
    if w in _EMOTION_WORDS:
        return _EMOTION_WORDS[w]
    if len(w) > 1 and w[-1] in "地的" and w[:-1] in _EMOTION_WORDS:  # 生气地, 开心的
        return _EMOTION_WORDS[w[:-1]]
    raise KeyError(word)


def _norm_header(cell: str) -> str:
    s = _norm_word(cell)
    s = re.sub(r"\(.*?\)|\[.*?\]|【.*?】", "", s)  # units such as "(ms)" or "（秒）" after NFKC
    return re.sub(r"[\s_\-.:#]+", "", s)


_HEADER_WORDS: dict[str, str] = {}


def _headers(column: str, *words: str) -> None:
    for w in words:
        _HEADER_WORDS[_norm_header(w)] = column


_headers("role", "role", "character", "speaker", "name", "role name", "character name", "role_id",
         "角色", "人物", "说话人", "角色名", "人物名", "讲话人", "发言人", "说话者", "配音角色", "角色名称",
         "人物名称", "人物角色", "出场人物", "配音演员角色", "说话角色", "姓名")
_headers("text", "text", "line", "lines", "dialogue", "dialog", "content", "sentence", "script", "words",
         "utterance", "台词", "文本", "内容", "对白", "对话", "句子", "文字", "台词内容", "台词文本", "对白内容",
         "文案", "台词/旁白", "台词旁白", "配音文本", "配音台词", "剧本内容")
_headers("emotion", "emotion", "mood", "feeling", "情绪", "情感", "语气", "感情", "情绪语气", "语气情绪")
_headers("speed", "speed", "rate", "tempo", "语速", "速度", "速率")
_headers("pitch", "pitch", "音调", "音高", "声调", "语调")
_headers("volume", "volume", "vol", "loudness", "音量", "响度")
_headers("pause", "pause", "gap", "silence", "delay", "pause_ms", "gap_ms", "停顿", "间隔", "停顿时长",
         "间隔时长", "停顿时间", "静音")
_headers("voice", "voice", "voice id", "voice_id", "音色", "音色id", "声音")
_headers("note", "note", "notes", "direction", "directions", "stage direction", "备注", "说明", "舞台提示",
         "动作", "提示", "场景", "画面", "动作提示", "表演提示", "镜头", "场次")


# ---------------------------------------------------------------------------------------------------
# Field parsing


class _FieldError(ValueError):
    """A cell that can't be used; the message says which and why."""


def _number(raw: str) -> float:
    return float(_norm_word(raw).replace(",", "."))


def _parse_speed(raw: str) -> float | None:
    s = _norm_word(raw)
    if not s:
        return None
    try:
        v = _number(s[:-1]) / 100 if s.endswith("%") else _number(s.strip("x×倍 "))
    except ValueError:
        raise _FieldError(f"Speed “{raw}” is not a number. Write it like 1.2 (0.5–2.0, 1.0 is normal).") from None
    if not 0.5 <= v <= 2.0:
        raise _FieldError(f"Speed {v:g} is outside 0.5–2.0 (1.0 is normal).")
    return v


def _parse_pitch(raw: str) -> int | None:
    s = _norm_word(raw)
    if not s:
        return None
    try:
        v = _number(re.sub(r"(st|semitones?|半音)$", "", s).strip())
    except ValueError:
        raise _FieldError(f"Pitch “{raw}” is not a number. Write semitones from -12 to 12 (0 is normal).") from None
    if not math.isfinite(v) or not -12 <= v <= 12:
        raise _FieldError(f"Pitch {v:g} is outside -12–12 semitones (0 is normal).")
    if v != int(v):
        raise _FieldError(f"Pitch {v:g} must be a whole number of semitones from -12 to 12.")
    return int(v)


def _parse_volume(raw: str) -> float | None:
    s = _norm_word(raw)
    if not s:
        return None
    try:
        v = _number(s[:-1]) / 100 if s.endswith("%") else _number(s)
    except ValueError:
        raise _FieldError(f"Volume “{raw}” is not a number. Write it like 1.5 (above 0, up to 10).") from None
    if not 0 < v <= 10:
        raise _FieldError(f"Volume {v:g} is outside 0–10 (it must be above 0; 1.0 is normal).")
    return v


_DURATION = re.compile(r"^(?P<n>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?P<unit>ms|毫秒|s|sec|secs|seconds?|秒)?$")


def _parse_gap(raw: str) -> int | None:
    s = _norm_word(raw)
    if not s:
        return None
    m = _DURATION.match(s)
    if not m:
        raise _FieldError(f"Pause “{raw}” is not a duration. Write milliseconds like 500, or 500ms / 0.5s.")
    n = float(m["n"])
    ms = n if m["unit"] in (None, "ms", "毫秒") else n * 1000
    if ms < 0:
        raise _FieldError(f"Pause “{raw}” is negative. Write 0 or more milliseconds.")
    if ms > _MAX_GAP_MS:
        raise _FieldError(f"Pause “{raw}” is longer than {_MAX_GAP_MS // 1000} seconds.")
    return int(round(ms))


def _parse_emotion(raw: str) -> str | None:
    try:
        return emotion_id(raw)
    except KeyError:
        raise _FieldError(f"Emotion “{raw.strip()}” is not recognised. {_EMOTION_HINT}") from None


def _clean_text(s: str) -> str:
    return " ".join(s.split())


def _clean_role(s: str) -> str:
    return " ".join(s.replace("*", " ").split())


# ---------------------------------------------------------------------------------------------------
# Language


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def detect_language(texts: Iterable[str]) -> str:
    """"zh" when the texts are mostly CJK (counting CJK characters against Latin words), else "en"."""
    cjk = words = 0
    for t in texts:
        cjk += len(_CJK.findall(t))
        words += len(_LATIN_WORD.findall(t))
    return "zh" if cjk and cjk >= words else "en"


# ---------------------------------------------------------------------------------------------------
# Collecting rows into a draft


@dataclass
class _Row:
    row: int
    role: str | None  # None: the narrator
    text: str
    delivery: Delivery
    gap_ms: int | None
    note: str = ""
    cue_start_ms: int | None = None
    cue_end_ms: int | None = None


def _role_or_narrator(role: str) -> str | None:
    role = _clean_role(role)
    if not role or role.lower() in _NARRATOR_IDS:
        return None
    return role


def _list_numbers(numbers: Sequence[int]) -> str:
    shown = [str(n) for n in numbers[:12]]
    if len(numbers) > 12:
        shown.append("…")
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _problems_error(problems: list[tuple[int, str]], unit: str, source: str) -> ScriptImportError:
    problems = sorted(problems, key=lambda p: p[0])
    where = f" in {source}" if source else ""
    if len(problems) == 1:
        row, what = problems[0]
        msg = f"{unit} {row}{where}: {what} Nothing was imported; fix that {unit.lower()} and import again."
        return ScriptImportError(msg, problems, unit=unit)
    rows = sorted({r for r, _ in problems})
    if len(rows) == 1:
        msg = (f"{unit} {rows[0]}{where} has {len(problems)} problems; nothing was imported. "
               f"Fix that {unit.lower()} and import again.")
    else:
        msg = (f"{unit}s {_list_numbers(rows)}{where} have problems; nothing was imported. "
               "Fix them and import again.")
    return ScriptImportError(msg, problems, unit=unit)


def _quoted(name: str) -> str:
    return f"“{name}”" if name else "The script"


def _finish(rows: list[_Row], problems: list[tuple[int, str]], *, unit: str, source_name: str, title: str,
            voices: dict[str | None, str] | None = None) -> ScriptDraft:
    source = Path(source_name).name if source_name else ""
    if problems:
        raise _problems_error(problems, unit, f"“{source}”" if source else "")
    if not rows:
        raise ScriptImportError(
            f"{_quoted(source)} has no lines to import. Add at least one line of dialogue and import again.")
    language = detect_language(r.text for r in rows)
    narrator = next((r.role for r in rows if r.role and is_narrator_name(r.role)), None)
    narrator = narrator or ("旁白" if language == "zh" else "Narrator")
    lines = [DraftLine(role=r.role or narrator, text=r.text, delivery=r.delivery, gap_ms=r.gap_ms,
                       source_row=r.row, note=r.note, cue_start_ms=r.cue_start_ms, cue_end_ms=r.cue_end_ms)
             for r in rows]
    roles = list(dict.fromkeys(line.role for line in lines))
    role_voices: dict[str, str] = {}
    for key, voice in (voices or {}).items():
        name = narrator if key is None else key
        if name in roles and name not in role_voices and voice:
            role_voices[name] = voice
    from_file = not title
    if from_file:
        title = Path(source_name).stem if source_name else ""
    episode_number, rest = split_episode_heading(title)
    if not from_file:  # a file name ("episode1_zh") is kept whole: it is the user's own name for it
        title = rest or title.strip()  # a bare label ("第二集") stays the title
    title = title or ("未命名剧本" if language == "zh" else "Untitled script")
    return ScriptDraft(title=title, language=language, lines=lines, role_voices=role_voices, roles=roles,
                       episode_number=episode_number)


# ---------------------------------------------------------------------------------------------------
# Tables (CSV / TSV / XLSX / pasted spreadsheet cells)

_DELIMITERS = ("\t", ",", ";", "|")


def _columns(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        col = _HEADER_WORDS.get(_norm_header(cell))
        if col and col not in found:
            found[col] = i
    return found


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return [line]


def _choose_delimiter(header_line: str, prefer_tab: bool) -> tuple[str, list[str]]:
    """The delimiter that best splits the header into known column names, with that split."""
    best: tuple[tuple[int, int, int, int], str, list[str]] | None = None
    for d in _DELIMITERS:
        cells = _split_line(header_line, d)
        cols = _columns(cells)
        score = ("text" in cols, len(cols), prefer_tab and d == "\t", len(cells))
        if best is None or score > best[0]:
            best = (score, d, cells)
    assert best is not None
    return best[1], best[2]


def _no_text_column(header: Sequence[str], source: str) -> ScriptImportError:
    found = ", ".join(f"“{c.strip()}”" for c in header if c.strip()) or "none"
    return ScriptImportError(
        f"No text column found{f' in “{source}”' if source else ''}. Name a column text or 台词 "
        f"(the header row has: {found}) and import again.")


#: How many rows above the header a table may spend on a title before the header must come.
_HEADER_SEARCH_ROWS = 5


def _rows_from_table(records: Iterable[tuple[int, Sequence[str]]], *, source_name: str,
                     group_rows: frozenset[int] = frozenset()) -> ScriptDraft:
    """Rows are ``(row number, cells)``. The header is the first non-blank row that names a text column,
    within the first few; single-cell rows above it are the title. ``group_rows`` are rows merged across
    the table (a scene or group label): each becomes a note on the next line."""
    source = Path(source_name).name if source_name else ""
    cols: dict[str, int] | None = None
    rows: list[_Row] = []
    problems: list[tuple[int, str]] = []
    voices: dict[str | None, str] = {}
    voice_rows: dict[str | None, int] = {}
    title = ""
    first_header: list[str] | None = None
    seen = 0
    group = ""
    for number, cells in records:
        cells = [c if isinstance(c, str) else "" for c in cells]
        filled = [c.strip() for c in cells if c.strip()]
        if not filled:
            continue
        if cols is None:
            seen += 1
            found = _columns(cells)
            if "text" in found:
                cols = found
                continue
            first_header = first_header or cells
            if seen < _HEADER_SEARCH_ROWS and (len(filled) == 1 or number in group_rows):
                title = title or filled[0]  # a title row above the header ("第一集 雨夜", merged across)
                continue
            raise _no_text_column(first_header, source)
        if number in group_rows or (len(filled) == 1 and len(cells) > 1 and not cells[cols["text"]].strip()
                                    and "role" in cols and filled[0] != cells[cols["role"]].strip()):
            group = _clean_text(filled[0])  # "第一场 咖啡馆": a label for the lines below it
            continue

        def cell(name: str, cells: Sequence[str] = cells, cols: dict[str, int] = cols) -> str:
            i = cols.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        raw_role, text = cell("role"), _clean_text(cell("text"))
        if not text:
            if raw_role:
                problems.append((number, f"Role “{_clean_role(raw_role)}” has no text. "
                                         "Write the line or delete the row."))
            continue
        role = _role_or_narrator(raw_role)
        row_problems: list[str] = []
        values: dict[str, Any] = {}
        for name, parse in (("speed", _parse_speed), ("pitch", _parse_pitch), ("volume", _parse_volume),
                            ("emotion", _parse_emotion), ("pause", _parse_gap)):
            try:
                values[name] = parse(cell(name))
            except _FieldError as e:
                row_problems.append(str(e))
        voice = cell("voice")
        if voice:
            if role in voices and voices[role] != voice:
                row_problems.append(
                    f"Voice “{voice}” differs from “{voices[role]}” given for the same role on "
                    f"row {voice_rows[role]}. Give each role one voice.")
            else:
                voices.setdefault(role, voice)
                voice_rows.setdefault(role, number)
        if row_problems:
            problems.extend((number, p) for p in row_problems)
            continue
        note = "; ".join(n for n in (group, _clean_text(cell("note"))) if n)
        group = ""
        rows.append(_Row(number, role, text,
                         Delivery(speed=values["speed"], volume=values["volume"], pitch=values["pitch"],
                                  emotion=values["emotion"]),
                         values["pause"], note))
    if cols is None:
        if first_header is not None:
            raise _no_text_column(first_header, source)
        raise ScriptImportError(f"{_quoted(source)} is empty. Choose a script with at least one line.")
    return _finish(rows, problems, unit="Row", source_name=source_name, title=title, voices=voices)


def _parse_table(text: str, *, source_name: str, prefer_tab: bool = False) -> ScriptDraft:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter, _ = _choose_delimiter(first, prefer_tab)
    try:
        records = list(enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1))
    except csv.Error as e:
        raise ScriptImportError(
            f"{_quoted(Path(source_name).name)} could not be read as a table ({e}). "
            "Check its quotes, or save it again as CSV (UTF-8) and import again.") from None
    return _rows_from_table(records, source_name=source_name)


def _cell_str(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "isoformat"):
        return str(v.isoformat())
    return str(v)


def _read_xlsx(data: bytes, source_name: str) -> ScriptDraft:
    import openpyxl  # imported here: a plain-text import should not pay for it

    name = Path(source_name).name
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign file
        raise ScriptImportError(
            f"“{name}” could not be opened as an Excel workbook ({type(e).__name__}). "
            "Save it again from your spreadsheet program as .xlsx or CSV and import again.") from None
    try:
        if not wb.worksheets:
            raise ScriptImportError(f"“{name}” has no sheets. Put the script on the first sheet.")
        ws = wb.worksheets[0]
        records = _xlsx_records(ws, name)
        width = max((len(cells) for _, cells in records), default=0)
        # rows merged across (nearly) the whole table: a title above the header, or a group label
        merged_rows = frozenset(r.min_row for r in ws.merged_cells.ranges
                                if r.min_row == r.max_row and r.max_col - r.min_col + 1 >= max(2, width - 1))
    finally:
        wb.close()
    if not any(any(c.strip() for c in cells) for _, cells in records):
        raise ScriptImportError(
            f"The first sheet (“{ws.title}”) of “{name}” is empty. Put the script on the first sheet.")
    return _rows_from_table(records, source_name=source_name, group_rows=merged_rows)


#: Widest script table read from a workbook (a cell further right is refused with this limit named).
XLSX_MAX_COLUMNS = 1000


def _xlsx_records(ws: Any, name: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) of the rows that hold values, read from the cells actually present: a stray
    value far down or right (XFD1048576) costs one cell, not the whole empty rectangle before it."""
    rows: dict[int, dict[int, Any]] = {}
    for (r, c), cell in ws._cells.items():  # only the cells the file has
        if cell.value is None:
            continue
        if c > XLSX_MAX_COLUMNS:
            raise ScriptImportError(
                f"“{name}” has a value in {cell.coordinate}, column {c}; a script table is read up to column "
                f"{XLSX_MAX_COLUMNS}. Delete that cell (or move the script to the left) and import again.")
        rows.setdefault(r, {})[c] = cell.value
    records = []
    for r in sorted(rows):
        cells = rows[r]
        records.append((r, [_cell_str(cells.get(c)) for c in range(1, max(cells) + 1)]))
    return records


def _read_docx(data: bytes, source_name: str) -> ScriptDraft:
    """A Word document: its first table that has a text column, read like a spreadsheet; otherwise its
    paragraphs, read like a text file (a "Role: line" script, a screenplay or a prose chapter)."""
    name = Path(source_name).name
    try:
        import docx  # python-docx, imported here: only .docx imports pay for it
    except ImportError:
        raise ScriptImportError(
            f"“{name}” is a Word document, and this installation cannot read Word documents. Save it as "
            "plain text (.txt) and import that.") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds for a damaged or foreign file
        raise ScriptImportError(
            f"“{name}” could not be opened as a Word document ({type(e).__name__}). Save it again as “.docx”, "
            "or save the script as plain text (.txt) or .csv, and import that.") from None
    for table in document.tables:
        records = [(i, [cell.text for cell in row.cells]) for i, row in enumerate(table.rows, start=1)]
        header = next((cells for _, cells in records if any(c.strip() for c in cells)), None)
        if header is not None and "text" in _columns(header):
            return _rows_from_table(records, source_name=source_name)
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    parts = []
    for i, para in enumerate(paragraphs):
        style = (getattr(para.style, "name", "") or "").lower()
        heading = style.startswith(("heading", "title")) or (i == 0 and split_episode_heading(para.text)[0])
        parts.append(f"# {para.text.strip()}" if heading and not _looks_like_prose_heading(paragraphs) else para.text)
    text = "\n\n".join(parts)
    if not text.strip():
        raise ScriptImportError(f"“{name}” has no text. Put the script in the document's paragraphs or a table.")
    return parse_text(text, source_name=source_name)


def _looks_like_prose_heading(paragraphs: Sequence[Any]) -> bool:
    """A chapter's heading stays a plain line: the prose reader finds its title itself."""
    from studio.formats.prose import looks_like_prose

    return looks_like_prose("\n".join(p.text for p in paragraphs))


# ---------------------------------------------------------------------------------------------------
# Episode labels in titles: "Episode 2: The Key", "EP02 - The Key", "第十二集：钥匙"

_EN_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                    "fifteen sixteen seventeen eighteen nineteen twenty").split()
_LABEL_END = r"(?![A-Za-z0-9])"
_EN_EPISODE = re.compile(
    r"^\s*(?:episode\s*(?:#|no\.?)?\s*|ep\.?\s*#?\s*|e)(?P<n>\d+)" + _LABEL_END, re.IGNORECASE)
_EN_EPISODE_WORD = re.compile(r"^\s*episode\s+(?P<w>[a-z]+)" + _LABEL_END, re.IGNORECASE)
_ZH_EPISODE = re.compile(r"^\s*第\s*(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)\s*[集话話回章]")
_LABEL_SEPARATOR = re.compile(r"^\s*[:：\-–—―.。·、,，|_]*\s*")
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


def _chinese_number(s: str) -> int:
    """十二 → 12, 二十三 → 23, 一百零五 → 105, 一〇五 → 105."""
    if not any(c in _ZH_UNITS for c in s):
        return int("".join(str(_ZH_DIGITS[c]) for c in s))
    total = current = 0
    for c in s:
        if c in _ZH_UNITS:
            total += (current or 1) * _ZH_UNITS[c]
            current = 0
        else:
            current = _ZH_DIGITS[c]
    return total + current


def split_episode_heading(text: str) -> tuple[int | None, str]:
    """The episode number a heading starts with, and the rest of the heading.

    Recognises "Episode 2", "Episode Two", "Ep. 2", "EP02", "E2" and "第2集", "第二集", "第十二集",
    "第2话/回/章", followed by an optional separator (":", "：", "-", "—", ".", a space…):
    ``"Episode 2: The Key"`` → ``(2, "The Key")``; ``"第二集"`` → ``(2, "")``. A heading without a label
    comes back whole: ``"The Key"`` → ``(None, "The Key")``.
    """
    number: int | None = None
    if m := _ZH_EPISODE.match(text):
        raw = m["n"]
        number = int(raw) if raw[0].isdigit() else _chinese_number(raw)
    elif m := _EN_EPISODE.match(text):
        number = int(m["n"])
    elif (m := _EN_EPISODE_WORD.match(text)) and m["w"].lower() in _EN_NUMBER_WORDS:
        number = _EN_NUMBER_WORDS.index(m["w"].lower())
    if m is None or number is None:
        return None, text.strip()
    rest = text[m.end():]
    separator = _LABEL_SEPARATOR.match(rest)
    return number, (rest[separator.end():] if separator else rest).strip()


# ---------------------------------------------------------------------------------------------------
# Plain text: "Role: line" / "角色：台词"

_DIRECTION_ONLY = re.compile(r"^[(（\[【][^)）\]】]*[)）\]】]$")
_LEADING_DIRECTION = re.compile(r"^[(（\[【](?P<d>[^)）\]】]*)[)）\]】]\s*")
_ROLE_PREFIX = re.compile(
    r"^(?P<role>[^:：()（）\[\]【】]+?)\s*(?:[(（\[【](?P<note>[^)）\]】]*)[)）\]】]\s*)?[:：](?P<body>.*)$")
_TITLE_PREFIX = re.compile(r"^(?:title|标题|剧名|片名)\s*[:：]\s*(?P<t>.+)$", re.IGNORECASE)
_NOT_IN_ROLE = set("。！？!?，,;；\"“”「」《》…")
_QUOTES = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}
_WORDISH = re.compile(r"\w")


def _looks_like_role(name: str) -> bool:
    name = _clean_role(name)
    if not name or len(name) > 20 or name[0].isdigit():
        return False
    if any(c in _NOT_IN_ROLE for c in name):
        return False
    return len(name.split()) <= 4 and bool(_WORDISH.search(name))


def _strip_quotes(s: str) -> str:
    if len(s) >= 2 and s[0] in _QUOTES and s[-1] == _QUOTES[s[0]] and _QUOTES[s[0]] not in s[1:-1]:
        return s[1:-1].strip()
    return s


def _parse_plain(text: str, *, source_name: str) -> ScriptDraft:
    rows: list[_Row] = []
    problems: list[tuple[int, str]] = []
    title = ""
    pending: list[str] = []  # stage directions on lines of their own, kept as the next line's note
    for number, raw in enumerate(text.splitlines(), start=1):
        s = raw.strip().lstrip("\ufeff")
        if not s:
            continue
        if _DIRECTION_ONLY.match(s):
            pending.append(s[1:-1].strip())
            continue
        if s.startswith("#"):
            if not rows and not title:
                title = s.lstrip("#").strip()
            continue
        m_title = _TITLE_PREFIX.match(s)
        if m_title and not rows and not title:
            title = m_title["t"].strip()
            continue
        m = _ROLE_PREFIX.match(s)
        directions: list[str] = []
        labelled = bool(m and not m["body"].startswith("//") and _looks_like_role(m["role"]))  # not "https://…"
        if m and labelled:
            role = _role_or_narrator(m["role"])
            body = m["body"].strip()
            if m["note"] is not None:
                directions.append(m["note"])
            if not body:
                problems.append((number, f"Role “{_clean_role(m['role'])}” has no text after the colon. "
                                         "Write the line or delete it."))
                continue
        else:
            role, body = None, s
            if not _WORDISH.search(body):  # "***", "——": a scene separator
                continue
        body, leading = _take_leading_directions(body, narration=not labelled)
        if not body:
            continue  # "林晚：（停顿）": a stage direction, nothing to say
        emotion, note = _read_directions([*directions, *leading])
        body = _clean_text(_strip_quotes(body))
        if not body:
            continue
        if pending:
            note = "; ".join(p for p in [*pending, note] if p)
            pending = []
        rows.append(_Row(number, role, body, Delivery(emotion=emotion), None, note))
    if pending and rows:  # directions after the last line: kept with it, never dropped
        rows[-1].note = "; ".join(p for p in [rows[-1].note, *pending] if p)
    if not rows and not problems:
        name = Path(source_name).name if source_name else ""
        raise ScriptImportError(
            f"{_quoted(name)} has no lines to import. Write one line per row, like “林晚：你来了。” "
            "or “Lin Wan: You came.”, and import again.")
    return _finish(rows, problems, unit="Line", source_name=source_name, title=title)


def _take_leading_directions(body: str, *, narration: bool) -> tuple[str, list[str]]:
    """``body`` without the parentheticals it starts with ("（转身）（低声）你来了。"), and those
    parentheticals. A role-less line whose bracket is followed by a colon ("【系统】：…") is left whole."""
    found: list[str] = []
    rest = body
    while d := _LEADING_DIRECTION.match(rest):
        found.append(d["d"])
        rest = rest[d.end():].strip()
    if narration and rest[:1] in (":", "："):
        return body, []
    return rest, found


_DIRECTION_PARTS = re.compile(r"[,，、;；]")
_SAYING = ("说道", "说", "道", "问", "喊")  # 笑着说, 低声道: the verb of speaking adds nothing


def _direction_emotion(piece: str) -> str | None:
    """The emotion a stage direction names (``None`` for a neutral word); ``KeyError`` if it names none."""
    try:
        return emotion_id(piece)
    except KeyError:
        w = _norm_word(piece)
        for verb in _SAYING:
            if len(w) > len(verb) and w.endswith(verb):
                return emotion_id(w[: -len(verb)])
        raise


def _read_directions(directions: Iterable[str]) -> tuple[str | None, str]:
    """The emotion and the note a line's parentheticals give: the first direction that names an emotion
    sets it; every other direction is kept, in order, as the note ("转身; 停顿")."""
    emotion: str | None = None
    notes: list[str] = []
    for direction in directions:
        direction = _clean_text(direction)
        if not direction:
            continue
        pieces = [direction]
        try:
            _direction_emotion(direction)
        except KeyError:
            parts = [p.strip() for p in _DIRECTION_PARTS.split(direction) if p.strip()]
            if len(parts) > 1 and any(_names_emotion(p) for p in parts):
                pieces = parts  # "（笑，转身）": the feeling and the action, apart
        for piece in pieces:
            try:
                found = _direction_emotion(piece)
            except KeyError:
                notes.append(piece)
                continue
            if found is None:
                continue  # "（正常）": neutral, nothing to keep
            if emotion is None:
                emotion = found
            elif found != emotion:
                notes.append(piece)  # a second, different feeling stays visible
    return emotion, "; ".join(dict.fromkeys(notes))


def _names_emotion(piece: str) -> bool:
    try:
        return _direction_emotion(piece) is not None
    except KeyError:
        return False


# ---------------------------------------------------------------------------------------------------
# MiniMax bulk JSON


#: Deepest nesting of a JSON script (a bulk script is three deep; more is not a script).
JSON_MAX_DEPTH = 32
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _json_depth(text: str) -> int:
    """How deep ``text``'s arrays and objects nest (strings skipped), in one pass."""
    depth = deepest = 0
    for token in _JSON_TOKENS.finditer(text):
        t = token.group()
        if t in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif t in "]}":
            depth -= 1
    return deepest


def _parse_json(text: str, *, source_name: str) -> ScriptDraft:
    name = Path(source_name).name if source_name else ""
    depth = _json_depth(text)
    if depth > JSON_MAX_DEPTH:
        raise ScriptImportError(
            f"{_quoted(name)} nests its lists and objects {depth} deep; a script is read up to {JSON_MAX_DEPTH} "
            "deep. Check that this is the right file (a MiniMax bulk script is three deep).")
    try:
        data = json.loads(text)
    except RecursionError:
        raise ScriptImportError(f"{_quoted(name)} nests too deep to be a script.") from None
    except json.JSONDecodeError as e:
        raise ScriptImportError(
            f"{_quoted(name)} is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}. "
            "Fix it there (or export it again) and import again.") from None
    title = ""
    role_voice: Any = {}
    if isinstance(data, dict):
        items = data.get("sentences", data.get("data"))
        role_voice = data.get("role_voice") or {}
        raw_title = data.get("title")
        title = raw_title if isinstance(raw_title, str) else ""
        if items is None:
            raise ScriptImportError(
                f"{_quoted(name)} has no “sentences” or “data” list. A bulk script is a list of "
                "{\"sentence_no\", \"role_id\", \"text\"} objects, optionally wrapped as {\"sentences\": [...]}.")
    else:
        items = data
    if not isinstance(items, list):
        raise ScriptImportError(
            f"{_quoted(name)} does not hold a list of sentences. A bulk script is a list of "
            "{\"sentence_no\", \"role_id\", \"text\"} objects.")
    if not items:
        raise ScriptImportError(f"{_quoted(name)} has no sentences to import. Add at least one and import again.")
    if not isinstance(role_voice, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in role_voice.items()):
        raise ScriptImportError(
            f"“role_voice” in {_quoted(name)} must map role ids to voice ids, like "
            "{\"anarration\": \"female-shaonv\"}. Fix it and import again.")

    problems: list[tuple[int, str]] = []
    entries: list[tuple[float, int, int, dict[str, Any]]] = []  # (sort key, position, number, item)
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append((i, "This entry is not an object with “role_id” and “text”."))
            continue
        no = item.get("sentence_no")
        if no is None or no == "":
            entries.append((float(i), i, i, item))
            continue
        try:
            key = float(no)
            if not math.isfinite(key):
                raise ValueError
        except (TypeError, ValueError):
            problems.append((i, f"sentence_no “{no}” is not a number."))
            continue
        entries.append((key, i, int(key) if key.is_integer() else i, item))
    if any(item.get("sentence_no") not in (None, "") for *_, item in entries):
        entries.sort(key=lambda e: (e[0], e[1]))

    rows: list[_Row] = []
    for _, _, number, item in entries:
        raw_role = item.get("role_id", item.get("role", ""))
        raw_role = "" if raw_role is None else str(raw_role)
        raw_text = item.get("text", "")
        if not isinstance(raw_text, str):
            problems.append((number, "“text” is not a string."))
            continue
        text_ = _clean_text(raw_text)
        if not text_:
            if raw_role.strip():
                problems.append((number, f"Role “{raw_role.strip()}” has no text. "
                                         "Write the sentence or delete it."))
            continue
        row_problems: list[str] = []
        values: dict[str, Any] = {}
        for column, alt, parse in (("speed", "speed", _parse_speed), ("pitch", "pitch", _parse_pitch),
                                   ("volume", "vol", _parse_volume), ("emotion", "emotion", _parse_emotion),
                                   ("pause", "gap_ms", _parse_gap)):
            raw = item.get(column, item.get(alt))
            try:
                values[column] = parse("" if raw is None else str(raw))
            except _FieldError as e:
                row_problems.append(str(e))
        raw_note = item.get("note", item.get("notes"))
        if raw_note is not None and not isinstance(raw_note, str):
            row_problems.append("“note” is not a string.")
        if row_problems:
            problems.extend((number, p) for p in row_problems)
            continue
        rows.append(_Row(number, _role_or_narrator(raw_role), text_,
                         Delivery(speed=values["speed"], volume=values["volume"], pitch=values["pitch"],
                                  emotion=values["emotion"]),
                         values["pause"], _clean_text(raw_note or "")))
    voices: dict[str | None, str] = {}
    for rid, vid in role_voice.items():
        voices.setdefault(_role_or_narrator(rid), vid.strip())
    return _finish(rows, problems, unit="Sentence", source_name=source_name, title=title.strip(),
                   voices=voices)


# ---------------------------------------------------------------------------------------------------
# Decoding and dispatch


def _binary(name: str) -> ScriptImportError:
    return ScriptImportError(
        f"{_quoted(name)} is not a text file (it looks binary). Export the script as CSV (UTF-8), "
        ".xlsx or plain text and import that.")


def _looks_binary(text: str) -> bool:
    bad = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    return bad > max(2, len(text) // 100)


def _guess_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data).best()
    return None if best is None else str(best)


#: Encodings a Chinese script may come in without a BOM, tried in this order when the file is not UTF-8.
_CJK_ENCODINGS = ("gb18030", "big5")


def _cjk_share(text: str) -> tuple[int, float]:
    """(CJK characters, their share of the non-ASCII characters) of ``text``; private-use characters
    (what a wrong CJK code page gives) count against it."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return 0, 0.0
    cjk = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\u3000" <= c <= "\u303f"
              or "\uff00" <= c <= "\uffef" or c in "“”‘’…—·")
    pua = sum(1 for c in wide if "\ue000" <= c <= "\uf8ff")
    return cjk, (cjk - 4 * pua) / len(wide)


def _utf8_damage(data: bytes) -> tuple[int, list[tuple[int, bytes]]]:
    """(characters read as UTF-8 beyond ASCII, [(line number, bad bytes)…]) of bytes that are not all
    valid UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")
    good = sum(1 for c in text if ord(c) > 0x7F and not "\udc80" <= c <= "\udcff")
    bad: list[tuple[int, bytes]] = []
    for n, line in enumerate(text.split("\n"), 1):
        for run in re.findall("[\udc80-\udcff]+", line):
            bad.append((n, bytes(ord(c) - 0xDC00 for c in run)))
    return good, bad


def decode_script(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a script file's bytes. UTF-8 (BOM or not) and UTF-16 with a BOM as they are;
    a file that is UTF-8 but for a few damaged bytes is refused naming the line and the bytes (never
    read in another code page); GB18030 or Big5 when they decode cleanly and read as Chinese; anything
    else only when a guess reads it cleanly. ``ScriptImportError`` with a sentence otherwise.

    ``encoding`` (a codec name the user chose) reads the bytes in that encoding and nothing else: a byte
    it cannot read is refused naming its line."""
    if encoding is not None:
        return _decode_as(data, name, encoding)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        try:
            return _checked(data.decode("utf-16"), name), "utf-16"
        except UnicodeDecodeError:
            raise _binary(name) from None
    if b"\x00" in data:
        raise _binary(name)
    try:
        return _checked(data.decode("utf-8-sig"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    good, bad = _utf8_damage(data)
    bad_bytes = sum(len(b) for _, b in bad)
    readings = []
    for encoding in _CJK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        count, share = _cjk_share(text)
        if count >= 2 and share >= 0.9:
            readings.append((share, -_CJK_ENCODINGS.index(encoding), text, encoding))
    # Mostly UTF-8 with a few damaged bytes: refuse (never read in another code page), unless the few
    # characters that looked like UTF-8 are outnumbered and the file reads cleanly as Chinese.
    if good and bad_bytes <= max(8, good // 2) and not (readings and good < bad_bytes):
        shown = "; ".join(f"line {n}: bytes {b.hex(' ')}" for n, b in bad[:3]) + ("; …" if len(bad) > 3 else "")
        raise ScriptImportError(
            f"{_quoted(name)} is UTF-8 text with {len(bad)} damaged place(s) ({shown}). Fix or retype those "
            "characters and save the file as UTF-8 again; nothing was imported.")
    if readings:
        _share, _order, text, encoding = max(readings)
        return _checked(text, name), encoding
    controls = sum(1 for b in data if b < 0x20 and b not in b"\t\n\r\f\v")
    if controls > max(2, len(data) // 100):
        raise _binary(name)
    guessed = _guess_encoding(data)
    if guessed is None or _looks_binary(guessed):
        raise _binary(name)
    if any("\x80" <= c <= "\x9f" for c in guessed):
        raise ScriptImportError(
            f"{_quoted(name)} is not UTF-8, and its encoding cannot be told for sure. Save it as UTF-8 "
            "(in most editors: Save as… ▸ Encoding ▸ UTF-8) and import it again.")
    return _checked(guessed, name), _guessed_name(data)


def _decode_as(data: bytes, name: str, encoding: str) -> tuple[str, str]:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise ScriptImportError(f"There is no text encoding called “{encoding}”. Name one such as utf-8, "
                                "gb18030, big5, shift_jis, cp1252 or latin-1.") from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ScriptImportError(
            f"{_quoted(name)} cannot be read as {encoding}: line {line} holds bytes "
            f"{data[exc.start:exc.end].hex(' ')} that are not {encoding}. Choose another encoding; nothing was "
            "imported.") from None
    return _checked(text, name), codec


def _guessed_name(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return "unknown"
    best = from_bytes(data).best()
    return "unknown" if best is None else best.encoding


def _checked(text: str, name: str) -> str:
    if _looks_binary(text):
        raise _binary(name)
    return text.lstrip("\ufeff")


def _decode(data: bytes, name: str) -> str:
    """Text of a script file (see ``decode_script``)."""
    return decode_script(data, name)[0]


def _looks_like_json(s: str) -> bool:
    if s.startswith("{"):
        return True
    if not s.startswith("["):
        return False
    first_line = s.splitlines()[0].strip()
    return first_line == "[" or bool(re.match(r"^\[\s*[{\]]", s))


def _looks_like_table(s: str) -> bool:
    first = next((ln for ln in s.splitlines() if ln.strip()), "")
    _, cells = _choose_delimiter(first, prefer_tab=True)
    return len(cells) >= 2 and "text" in _columns(cells)


def parse_text(text: str, *, source_name: str = "") -> ScriptDraft:
    """A draft from text (a pasted script or a decoded file), recognising MiniMax bulk JSON, a table
    with a header row (tab- or comma-separated), or "Role: line" plain text."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ScriptImportError(
            f"{_quoted(Path(source_name).name if source_name else '')} is empty. "
            "Paste or choose a script with at least one line.")
    stripped = text.strip()
    if _looks_like_json(stripped):
        return _parse_json(stripped, source_name=source_name)
    if _looks_like_table(stripped):
        return _parse_table(text, source_name=source_name, prefer_tab=True)
    from studio.formats.fountain import looks_like_fountain, parse_fountain
    from studio.formats.prose import looks_like_prose, read_prose

    if looks_like_fountain(text):
        return parse_fountain(text, source_name=source_name)
    if looks_like_prose(text):
        return read_prose(text=text, source_name=source_name).draft()
    return _parse_plain(text, source_name=source_name)


def read_script(path: str | Path, encoding: str | None = None) -> ScriptDraft:
    """A draft from a script file, chosen by suffix (and content for .txt). Never changes anything.
    ``encoding``: read a text script in that encoding instead of telling it from the bytes (see
    ``decode_script``); workbooks, documents, subtitles and videos are read as they are."""
    p = Path(path)
    name = p.name
    suffix = p.suffix.lower()
    if suffix == ".doc":
        raise ScriptImportError(
            f"“{name}” is an old-style Word file (.doc). Save it as .docx or as plain text (.txt) and import that.")
    if suffix == ".xls":
        raise ScriptImportError(
            f"“{name}” is an old-style Excel file (.xls). Save it as .xlsx or CSV (UTF-8) and import that.")
    if suffix not in SUPPORTED_SUFFIXES and suffix:
        raise ScriptImportError(
            f"Troupe can't import “{suffix}” files (“{name}”). Save the script as .txt, .csv, .tsv, .xlsx, "
            ".docx, .fountain, .json or subtitles (.srt, .ass, .vtt) and import that.")
    from studio.formats import timed

    if suffix in timed.VIDEO_SUFFIXES:
        return timed.read_video_script(p)
    if suffix in timed.TIMED_SUFFIXES:
        return timed.read_timed(p)
    try:
        if not p.is_file():
            what = "is a folder" if p.is_dir() else "does not exist"
            raise ScriptImportError(f"“{p}” {what}. Choose a script file.")
        if p.stat().st_size > _MAX_BYTES:
            raise ScriptImportError(
                f"“{name}” is too large to be a script ({p.stat().st_size // (1024 * 1024)} MB). "
                "Check that you chose the right file.")
        data = p.read_bytes()
    except OSError as e:
        raise ScriptImportError(f"“{name}” could not be read ({e.strerror or e}). Check the file and try again.") \
            from None
    if not data.strip():
        raise ScriptImportError(f"“{name}” is empty. Choose a script with at least one line.")
    if suffix == ".docx":
        return _read_docx(data, str(p))
    if suffix in (".xlsx", ".xlsm") or (data.startswith(b"PK\x03\x04") and suffix in (".csv", ".tsv", ".tab")):
        return _read_xlsx(data, str(p))
    text, read_as = decode_script(data, name, encoding)
    if not text.strip():
        raise ScriptImportError(f"“{name}” is empty. Choose a script with at least one line.")
    draft = _parse_decoded(text, p, suffix)
    if read_as != "utf-8":
        draft.encoding = read_as
    return draft


def _parse_decoded(text: str, p: Path, suffix: str) -> ScriptDraft:
    if suffix in (".fountain", ".spmd"):
        from studio.formats.fountain import parse_fountain

        return parse_fountain(text, source_name=str(p))
    if suffix == ".json":
        return _parse_json(text, source_name=str(p))
    if suffix in (".csv", ".tsv", ".tab"):
        return _parse_table(text, source_name=str(p), prefer_tab=suffix != ".csv")
    return parse_text(text, source_name=str(p))
