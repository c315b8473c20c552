"""MiniMax's role-audio format (Role Classification output + ``/v1/bulk_t2a``), read and written exactly.

Input, as MiniMax's role recognition returns it: a JSON list of ``{"sentence_no", "role_id", "text"}``
(or that list under ``"sentences"`` / ``"data"``, with ``role_voice``, ``voice_configs`` and
``interval_title`` beside it). ``role_id`` ``"title"`` is the chapter's title — followed by
``interval_title`` seconds of silence (two decimals) —, ``"anarration"`` the narration, anything else a
character. ``role_voice`` maps role ids to voice ids; ``voice_configs`` maps a voice id to its
``{speed, vol, pitch}`` (speed 0.5–2, vol above 0 up to 10, pitch −12…12). ``BulkScript.draft()`` turns it
into the ``ScriptDraft`` an import plans: lines in ``sentence_no`` order, each with its voice's delivery,
the title line under its own role when it has a voice of its own (标题 / "Chapter title"), the line after
the title starting ``interval_title`` later.

Output, the deliverables ``/v1/bulk_t2a`` documents, built by ``studio.actions.writing.bulk_audio`` from
the rendered episode: one mp3 at ``SAMPLE_RATES`` × ``BITRATES``, a subtitle JSON with sentence-level
times in ms (``subtitle_cues``: sentences of at most ``MAX_SENTENCE_CHARS`` characters, longer ones split
at punctuation), and ``extra_info`` (``extra_info()``: audio length, size, sample rate, bitrate, word
count, invisible-character ratio, usage characters, format, channels). MiniMax's 10 % rule is kept: a text
of which more than 10 % are invisible control characters (ASCII controls other than tab and newline) is
refused with MiniMax's sentence (``check_invisible``); below that they are counted and dropped.

Must not live here: rendering, a project, Qt.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.domain.model import Delivery
from studio.domain.timeline import Placement, estimate_duration_ms
from studio.formats.script_import import DraftLine, ScriptDraft, ScriptImportError, detect_language
from studio.formats.subtitles import split_text

__all__ = ["BITRATES", "BulkScript", "BulkSentence", "INVISIBLE_LIMIT", "MAX_SENTENCE_CHARS", "SAMPLE_RATES",
           "SubtitleCue", "VoiceConfig", "check_invisible", "extra_info", "invisible_ratio", "parse_bulk",
           "parse_role_voice", "parse_voice_configs", "read_bulk", "subtitle_cues", "subtitle_sentences",
           "word_count", "write_subtitles"]

SAMPLE_RATES = (16000, 24000, 32000)
BITRATES = (32000, 64000, 128000)
MAX_SENTENCE_CHARS = 50
INVISIBLE_LIMIT = 0.10
#: What MiniMax says (status 1042) when more than 10 % of a text is invisible characters.
MINIMAX_INVISIBLE_SENTENCE = "illegal characters exceed 10%"
TITLE_ID, NARRATION_ID = "title", "anarration"
TITLE_ROLE = {"zh": "标题", "en": "Chapter title"}
NARRATOR_ROLE = {"zh": "旁白", "en": "Narrator"}
MAX_INTERVAL_S = 99.99

_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class BulkError(ScriptImportError):
    """A role-audio input that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class VoiceConfig:
    speed: float | None = None
    vol: float | None = None
    pitch: int | None = None

    def delivery(self) -> Delivery:
        return Delivery(speed=self.speed, volume=self.vol, pitch=self.pitch)


@dataclass(frozen=True)
class BulkSentence:
    number: int
    role_id: str
    text: str


@dataclass
class BulkScript:
    sentences: list[BulkSentence]
    role_voice: dict[str, str] = field(default_factory=dict)
    voice_configs: dict[str, VoiceConfig] = field(default_factory=dict)
    interval_title: float = 0.0
    source_name: str = ""

    @property
    def language(self) -> str:
        return detect_language(s.text for s in self.sentences)

    @property
    def invisible_ratio(self) -> float:
        return invisible_ratio(s.text for s in self.sentences)

    def title_text(self) -> str:
        return next((s.text for s in self.sentences if s.role_id == TITLE_ID), "")

    def role_names(self) -> dict[str, str]:
        """Role id → the role's name in the draft."""
        lang = self.language
        narrator = NARRATOR_ROLE.get(lang, "Narrator")
        title_voice = self.role_voice.get(TITLE_ID)
        own_title = bool(title_voice) and title_voice != self.role_voice.get(NARRATION_ID)
        names: dict[str, str] = {}
        for s in self.sentences:
            if s.role_id in names:
                continue
            if s.role_id == NARRATION_ID:
                names[s.role_id] = narrator
            elif s.role_id == TITLE_ID:
                names[s.role_id] = TITLE_ROLE.get(lang, "Chapter title") if own_title else narrator
            else:
                names[s.role_id] = s.role_id
        return names

    def draft(self) -> ScriptDraft:
        """The draft an import previews: one line per sentence, in order, invisible characters dropped."""
        check_invisible(s.text for s in self.sentences)
        names = self.role_names()
        lines: list[DraftLine] = []
        gap_next: int | None = None
        for s in self.sentences:
            text = " ".join(_INVISIBLE.sub("", s.text).split())
            if not text:
                continue
            voice = self.role_voice.get(s.role_id, "")
            config = self.voice_configs.get(voice, VoiceConfig())
            lines.append(DraftLine(names[s.role_id], text, config.delivery(), gap_next, s.number))
            gap_next = round(self.interval_title * 1000) if s.role_id == TITLE_ID else None
        if not lines:
            raise BulkError(f"“{self.source_name or 'The script'}” has no sentences with text.")
        voices: dict[str, str] = {}
        for rid, name in names.items():
            if self.role_voice.get(rid) and name not in voices:
                voices[name] = self.role_voice[rid]
        title = self.title_text() or (Path(self.source_name).stem if self.source_name else "")
        lang = self.language
        return ScriptDraft(title=_INVISIBLE.sub("", title).strip() or ("未命名" if lang == "zh" else "Untitled"),
                           language=lang, lines=lines, role_voices=voices,
                           roles=list(dict.fromkeys(ln.role for ln in lines)))

    def title_last(self) -> bool:
        """Whether the script ends on its title (then the interval is trailing silence)."""
        spoken = [s for s in self.sentences if _INVISIBLE.sub("", s.text).strip()]
        return bool(spoken) and spoken[-1].role_id == TITLE_ID


# --- reading -----------------------------------------------------------------------------------------

def _load_json(value: str | Path | Any, what: str) -> Any:
    """A JSON value from a file path, a JSON text, or an already-parsed value."""
    if isinstance(value, Path) or (isinstance(value, str) and not value.lstrip().startswith(("{", "["))):
        path = Path(value)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise BulkError(f"The {what} “{path}” could not be read ({exc.strerror or exc}).") from None
        value = text
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise BulkError(f"The {what} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).") \
                from None
    return value


def parse_role_voice(value: str | Path | Any) -> dict[str, str]:
    """``{"role id": "voice id"}`` from JSON text, a file or a mapping; ``BulkError`` otherwise."""
    data = _load_json(value, "role_voice")
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                             for k, v in data.items()):
        raise BulkError('role_voice must map role ids to voice ids, like {"title": "audiobook_male_1", '
                        '"anarration": "audiobook_male_1", "林晚": "female-shaonv"}.')
    return {k.strip(): v.strip() for k, v in data.items()}


def _number(raw: Any, name: str, voice: str) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise BulkError(f"voice_configs “{voice}”: {name} must be a number.")
    return float(raw)


def parse_voice_configs(value: str | Path | Any) -> dict[str, VoiceConfig]:
    """``{"voice id": {"speed", "vol", "pitch"}}`` checked against MiniMax's ranges."""
    data = _load_json(value, "voice_configs")
    if not isinstance(data, dict):
        raise BulkError('voice_configs must map voice ids to {"speed", "vol", "pitch"}.')
    out: dict[str, VoiceConfig] = {}
    for voice, raw in data.items():
        if not isinstance(raw, dict):
            raise BulkError(f"voice_configs “{voice}” must be an object like {{\"speed\": 1.2, \"vol\": 1, "
                            "\"pitch\": 0}.")
        unknown = set(raw) - {"speed", "vol", "pitch"}
        if unknown:
            raise BulkError(f"voice_configs “{voice}” has unknown fields: {', '.join(sorted(unknown))} "
                            "(use speed, vol and pitch).")
        speed = _number(raw.get("speed"), "speed", voice)
        vol = _number(raw.get("vol"), "vol", voice)
        pitch = _number(raw.get("pitch"), "pitch", voice)
        if speed is not None and not 0.5 <= speed <= 2.0:
            raise BulkError(f"voice_configs “{voice}”: speed {speed:g} is outside 0.5–2.")
        if vol is not None and not 0 < vol <= 10:
            raise BulkError(f"voice_configs “{voice}”: vol {vol:g} is outside (0, 10].")
        if pitch is not None and (not -12 <= pitch <= 12 or pitch != int(pitch)):
            raise BulkError(f"voice_configs “{voice}”: pitch {pitch:g} must be a whole number from -12 to 12.")
        out[str(voice).strip()] = VoiceConfig(speed, vol, None if pitch is None else int(pitch))
    return out


def parse_interval(value: Any) -> float:
    if value is None or value == "":
        return 0.0
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise BulkError(f"interval_title “{value}” is not a number of seconds.") from None
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_INTERVAL_S:
        raise BulkError(f"interval_title {value} is outside 0–{MAX_INTERVAL_S} seconds.")
    return round(seconds, 2)


def parse_bulk(data: Any, *, role_voice: Any = None, voice_configs: Any = None, interval_title: Any = None,
               source_name: str = "") -> BulkScript:
    """A ``BulkScript`` from Role Classification JSON (parsed); the keyword values override the file's."""
    name = Path(source_name).name if source_name else "The script"
    extras: dict[str, Any] = {}
    if isinstance(data, dict):
        items = data.get("sentences", data.get("data"))
        extras = data
        if items is None:
            raise BulkError(f"“{name}” has no “sentences” list. Role Classification output is a list of "
                            '{"sentence_no", "role_id", "text"} objects.')
    else:
        items = data
    if not isinstance(items, list) or not items:
        raise BulkError(f"“{name}” holds no sentences. Role Classification output is a list of "
                        '{"sentence_no", "role_id", "text"} objects.')
    problems: list[str] = []
    sentences: list[tuple[float, int, BulkSentence]] = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(f"entry {i} is not an object")
            continue
        rid, text, no = item.get("role_id"), item.get("text"), item.get("sentence_no", i - 1)
        if not isinstance(rid, str) or not rid.strip():
            problems.append(f"entry {i} has no role_id")
            continue
        if not isinstance(text, str):
            problems.append(f"entry {i} has no text")
            continue
        if isinstance(no, bool) or not isinstance(no, int | float) or not math.isfinite(no):
            problems.append(f"entry {i} has a sentence_no that is not a number")
            continue
        sentences.append((float(no), i, BulkSentence(int(no), rid.strip(), text)))
    if problems:
        raise BulkError(f"“{name}”: {'; '.join(problems[:8])}. Nothing was read; fix the file and try again.")
    sentences.sort(key=lambda s: (s[0], s[1]))
    rv = parse_role_voice(role_voice if role_voice is not None else extras.get("role_voice") or {})
    vc = parse_voice_configs(voice_configs if voice_configs is not None else extras.get("voice_configs") or {})
    interval = parse_interval(interval_title if interval_title is not None else extras.get("interval_title"))
    return BulkScript([s for *_, s in sentences], rv, vc, interval, source_name)


def read_bulk(path: str | Path, **overrides: Any) -> BulkScript:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BulkError(f"“{p.name}” could not be read ({exc.strerror or exc}).") from None
    except UnicodeDecodeError:
        raise BulkError(f"“{p.name}” is not UTF-8 JSON. Save it as UTF-8 and try again.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BulkError(f"“{p.name}” is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).") \
            from None
    return parse_bulk(data, source_name=str(p), **overrides)


# --- the 10 % rule and counts --------------------------------------------------------------------------

def invisible_ratio(texts: Iterable[str]) -> float:
    joined = "".join(texts)
    return len(_INVISIBLE.findall(joined)) / len(joined) if joined else 0.0


def check_invisible(texts: Iterable[str]) -> float:
    """The invisible-character ratio; ``BulkError`` with MiniMax's sentence when it is over 10 %."""
    ratio = invisible_ratio(texts)
    if ratio > INVISIBLE_LIMIT:
        raise BulkError(f"MiniMax refuses this text: {MINIMAX_INVISIBLE_SENTENCE} (1042; {ratio:.1%} of it are "
                        "invisible control characters). Remove them and try again.")
    return ratio


def word_count(texts: Iterable[str]) -> int:
    """Spoken characters, digits and letters, punctuation and spaces left out (MiniMax's word_count)."""
    return sum(1 for t in texts for c in t if c.isalnum())


# --- subtitles ---------------------------------------------------------------------------------------

_SENTENCE = re.compile(r".+?(?:[。！？!?…]+[”」』\"']?|\.(?=\s|$)|$)", re.DOTALL)


def subtitle_sentences(text: str, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    """``text`` as sentences of at most ``limit`` characters (long ones split at commas, then anywhere)."""
    out: list[str] = []
    for m in _SENTENCE.finditer(text.strip()):
        sentence = m.group().strip()
        if not sentence:
            continue
        out.extend(split_text(sentence, limit) if len(sentence) > limit else [sentence])
    return [s for s in out if s]


@dataclass(frozen=True)
class SubtitleCue:
    text: str
    time_begin: int
    time_end: int
    role_id: str = ""
    sentence_no: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "time_begin": self.time_begin, "time_end": self.time_end,
                "role_id": self.role_id, "sentence_no": self.sentence_no}


def subtitle_cues(placements: Sequence[Placement], texts: Mapping[int, tuple[str, str, int]], language: str,
                  limit: int = MAX_SENTENCE_CHARS) -> list[SubtitleCue]:
    """Sentence cues from line placements (``texts``: line id → (text, role id, sentence number)); a line's
    time is shared among its sentences in proportion to their estimated spoken length."""
    cues: list[SubtitleCue] = []
    for p in sorted(placements, key=lambda p: (p.start_ms, p.line_id)):
        if p.line_id not in texts:
            continue
        text, role_id, number = texts[p.line_id]
        parts = subtitle_sentences(text, limit)
        if not parts:
            continue
        weights = [max(1, estimate_duration_ms(part, language)) for part in parts]
        total = sum(weights)
        begin = p.start_ms
        done = 0
        for part, weight in zip(parts, weights, strict=True):
            done += weight
            end = p.start_ms + round(p.duration_ms * done / total)
            cues.append(SubtitleCue(part, begin, end, role_id, number))
            begin = end
    return cues


def write_subtitles(cues: Sequence[SubtitleCue], path: str | Path) -> Path:
    out = Path(path)
    tmp = out.with_name(f".{out.name}.part")
    tmp.write_text(json.dumps([c.to_json() for c in cues], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out


def extra_info(*, audio_length_ms: int, audio_size: int, sample_rate: int, bitrate: int, texts: Sequence[str],
               invisible: float, channels: int = 1) -> dict[str, Any]:
    """MiniMax's ``extra_info`` figures for a finished file."""
    clean = [_INVISIBLE.sub("", t) for t in texts]
    return {"audio_length": int(audio_length_ms), "audio_sample_rate": int(sample_rate), "audio_size": int(audio_size),
            "bitrate": int(bitrate), "word_count": word_count(clean),
            "invisible_character_ratio": round(invisible, 4),
            "usage_characters": sum(len(t) for t in clean), "audio_format": "mp3", "audio_channel": channels}
