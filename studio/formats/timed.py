"""Timed scripts: SRT, ASS/SSA and WebVTT subtitles read as an episode whose lines are locked to their cues,
and a video with its subtitles (a file beside it, or its own subtitle stream) read as a script to dub.

The rules: every cue becomes a line with its start and end (``DraftLine.cue_start_ms`` / ``cue_end_ms``).
The speaker comes from the ASS Name field, a WebVTT voice (``<v 林晚>``) or a prefix ("林晚：", "Lin Wan: ");
a line that starts with a dialogue dash ("- ") is a change of speaker: a cue of two dashed lines is two
lines sharing the cue's time (in proportion to their length), each dash handing the word to the other
speaker (the one who spoke before, or "Speaker A/B" while nobody is named). A cue without a speaker of its
own goes on with whoever spoke last; before anyone is named it is the narrator's. A cue that is only a
sound or a direction ("[音乐]", "(door slams)", "♪ … ♪") is not spoken: it becomes the next line's note.
Leading parentheticals set the emotion or a note as in every script (``studio.formats.script_import``).

Lives here: ``parse_timed``, ``read_timed``, ``read_video_script``, the suffixes. Does not live here: the
store, placement on the timeline (``studio.domain.timeline``), ffmpeg itself (``studio.video.probe``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pysubs2

from studio.domain.model import Delivery
from studio.formats.script_import import (
    _CJK,
    _DIRECTION_ONLY,
    _MAX_BYTES,
    _ROLE_PREFIX,
    ScriptDraft,
    ScriptImportError,
    _clean_role,
    _decode,
    _finish,
    _looks_like_role,
    _read_directions,
    _Row,
    _take_leading_directions,
    detect_language,
)

#: Subtitle files read as timed scripts, and the pysubs2 format of each.
TIMED_SUFFIXES = {".srt": "srt", ".ass": "ass", ".ssa": "ssa", ".vtt": "vtt"}
#: Video files read as a script to dub (with their subtitles).
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".mkv", ".webm")

_DASH = re.compile(r"^[-–—‐]\s*")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_PLACEHOLDERS = {"zh": "说话人", "en": "Speaker "}


def _join(a: str, b: str) -> str:
    if not a:
        return b
    if _CJK.match(a[-1:]) and _CJK.match(b[:1]):
        return a + b
    return f"{a} {b}"


def _is_sound(text: str) -> bool:
    s = text.strip()
    return bool(_DIRECTION_ONLY.match(s)) or s.startswith(("♪", "♫")) or s.endswith(("♪", "♫"))


def _prefix(text: str) -> tuple[str | None, str, str | None]:
    """(speaker or None, the text after it, a direction inside the prefix) of "林晚（低声）：你来了"."""
    m = _ROLE_PREFIX.match(text)
    if m and not m["body"].startswith("//") and _looks_like_role(m["role"]) and m["body"].strip():
        return _clean_role(m["role"]), m["body"].strip(), m["note"]
    return None, text, None


class _Speakers:
    """Who speaks: the last speaker, and the one before (for a dash that hands the word over)."""

    def __init__(self, language: str) -> None:
        self.recent: list[str] = []  # most recent first, each once
        self.placeholder = _PLACEHOLDERS.get(language, "Speaker ")
        self.made = 0

    @property
    def current(self) -> str | None:
        return self.recent[0] if self.recent else None

    def said(self, name: str) -> None:
        self.recent = [name, *(n for n in self.recent if n != name)]

    def other(self) -> str:
        """The speaker a dash hands the word to: the one who spoke before the current one, or a new one."""
        if len(self.recent) > 1:
            return self.recent[1]
        taken = set(self.recent)
        while True:
            name = f"{self.placeholder}{chr(ord('A') + self.made % 26)}"
            self.made += 1
            if name not in taken:
                return name


def _load(text: str, fmt: str, source: str) -> pysubs2.SSAFile:
    if fmt == "vtt":
        text = _VOICE.sub(lambda m: f"{m[1].strip()}: ", text).replace("</v>", "")
    try:
        return pysubs2.SSAFile.from_string(text, format_=fmt)
    except Exception as exc:  # pysubs2 raises several kinds for a damaged file
        raise ScriptImportError(f"“{source}” could not be read as {fmt.upper()} subtitles ({exc}). Check the file "
                                "(or save it again as SRT) and import again.") from exc


def parse_timed(text: str, fmt: str, *, source_name: str = "") -> ScriptDraft:
    """A draft from subtitle text (``fmt``: srt, ass, ssa or vtt) whose lines carry their cues."""
    name = Path(source_name).name if source_name else "The subtitles"
    subs = _load(text, fmt, name)
    events = [e for e in subs.events if not e.is_comment and "\\p1" not in e.text and e.plaintext.strip()]
    events.sort(key=lambda e: (e.start, e.end))
    if not events:
        raise ScriptImportError(f"“{name}” has no subtitles to import. Choose a subtitle file with at least one "
                                "cue of text.")
    language = detect_language(e.plaintext for e in events)
    speakers = _Speakers(language)
    rows: list[_Row] = []
    problems: list[tuple[int, str]] = []
    pending: list[str] = []
    for number, event in enumerate(events, start=1):
        start, end = int(event.start), int(event.end)
        if start < 0:
            problems.append((number, "The cue starts before the video does."))
            continue
        if end <= start:
            end = start  # a cue with no length still marks where its line starts
        lines = [ln.strip() for ln in event.plaintext.split("\n") if ln.strip()]
        if all(_is_sound(ln) for ln in lines):
            pending.append(" ".join(ln.strip("[]()（）【】♪♫ ") for ln in lines))
            continue
        field_name = _clean_role(event.name or "")
        parts: list[tuple[str, bool]] = []  # (text, begins with a dash)
        for ln in lines:
            dashed = bool(_DASH.match(ln))
            if dashed or not parts:
                parts.append((_DASH.sub("", ln), dashed))
            else:
                parts[-1] = (_join(parts[-1][0], ln), parts[-1][1])
        said: list[tuple[str | None, str, list[str]]] = []
        for body, dashed in parts:
            role, body, direction = _prefix(body)
            directions = [direction] if direction else []
            if role is None and field_name and len(parts) == 1:
                role = field_name
            if role is None:
                role = speakers.other() if dashed else speakers.current
            if role is not None:
                speakers.said(role)
            said.append((role, body, directions))
        weights = [max(1, len(b.replace(" ", ""))) for _, b, _ in said]
        total, done, begin = sum(weights), 0, start
        for (role, body, directions), weight in zip(said, weights, strict=True):
            done += weight
            finish = start + round((end - start) * done / total)
            body, leading = _take_leading_directions(body, narration=role is None)
            emotion, note = _read_directions([*directions, *leading])
            body = body.strip()
            if body and not _is_sound(body):
                if pending:
                    note = "; ".join(p for p in [*pending, note] if p)
                    pending = []
                rows.append(_Row(number, role, body, Delivery(emotion=emotion), None, note, begin, finish))
            begin = finish
    if not rows and not problems:
        raise ScriptImportError(f"“{name}” has no spoken subtitles to import, only sounds and directions. Choose "
                                "the dialogue subtitles of the video.")
    if pending and rows:
        rows[-1].note = "; ".join(p for p in [rows[-1].note, *pending] if p)
    return _finish(rows, problems, unit="Cue", source_name=source_name, title="")


def _read_text(p: Path) -> str:
    if not p.is_file():
        what = "is a folder" if p.is_dir() else "does not exist"
        raise ScriptImportError(f"“{p}” {what}. Choose a subtitle file.")
    try:
        if p.stat().st_size > _MAX_BYTES:
            raise ScriptImportError(f"“{p.name}” is too large to be a subtitle file; check that you chose the "
                                    "right file.")
        data = p.read_bytes()
    except OSError as e:
        raise ScriptImportError(f"“{p.name}” could not be read ({e.strerror or e}). Check the file and try "
                                "again.") from None
    if not data.strip():
        raise ScriptImportError(f"“{p.name}” is empty. Choose a subtitle file with at least one cue.")
    return _decode(data, p.name)


def read_timed(path: str | Path) -> ScriptDraft:
    """A timed script from an .srt, .ass, .ssa or .vtt file. Never changes anything."""
    p = Path(path)
    fmt = TIMED_SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise ScriptImportError(f"“{p.name}” is not a subtitle file; choose an .srt, .ass or .vtt file.")
    return parse_timed(_read_text(p), fmt, source_name=str(p))


def side_subtitles(video: Path) -> Path | None:
    """A subtitle file beside ``video`` with its name ("clip.srt", or "clip.zh.srt" and the like)."""
    folder = video.parent
    for suffix in TIMED_SUFFIXES:
        same = video.with_suffix(suffix)
        if same.is_file():
            return same
    found = sorted(p for p in folder.glob(f"{glob_escape(video.stem)}.*") if p.suffix.lower() in TIMED_SUFFIXES)
    return found[0] if found else None


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def read_video_script(video: str | Path, subtitles: str | Path | None = None, *,
                      stream: int | None = None) -> ScriptDraft:
    """The script of a video to dub: its subtitles (``subtitles``, else a subtitle file beside it, else its
    own subtitle stream: number ``stream``, 1 for the first, default the first text one) as a timed script
    that remembers the video (``ScriptDraft.source_video``). Titled after the video."""
    from studio.video.probe import ProbeError, extract_subtitles, probe

    v = Path(video)
    try:
        info = probe(v)
    except ProbeError as exc:
        raise ScriptImportError(str(exc)) from exc
    if info.video is None:
        raise ScriptImportError(f"“{v.name}” has no picture; import its subtitles as a script instead, or choose "
                                "the video.")
    if subtitles is not None:
        draft = read_timed(subtitles)
    elif stream is None and (beside := side_subtitles(v)) is not None:
        draft = read_timed(beside)
    else:
        texts = [s for s in info.subtitles if s.text]
        if stream is not None:
            if not 1 <= stream <= len(info.subtitles):
                raise ScriptImportError(f"“{v.name}” has {len(info.subtitles)} subtitle stream(s); there is no "
                                        f"stream {stream}.")
            chosen = info.subtitles[stream - 1]
        elif texts:
            chosen = texts[0]
        elif info.subtitles:
            chosen = info.subtitles[0]  # pictures: extract_subtitles says what to do
        else:
            raise ScriptImportError(
                f"“{v.name}” has no subtitles of its own and no .srt, .ass or .vtt file beside it. Import it "
                "with its subtitle file (troupe import VIDEO PROJECT --subtitles FILE.srt).")
        try:
            text, fmt = extract_subtitles(v, chosen)
        except ProbeError as exc:
            raise ScriptImportError(str(exc)) from exc
        draft = parse_timed(text, fmt, source_name=str(v))
    draft.source_video = str(v.resolve())
    draft.title = v.stem
    late = [ln for ln in draft.lines if ln.cue_start_ms is not None and info.duration_ms
            and ln.cue_start_ms >= info.duration_ms]
    if late:
        raise ScriptImportError(
            f"{len(late)} subtitle(s) start after “{v.name}” ends ({info.duration_ms / 1000:.1f} s); check that "
            "the subtitles belong to this video.")
    return draft


__all__ = ["TIMED_SUFFIXES", "VIDEO_SUFFIXES", "parse_timed", "read_timed", "read_video_script", "side_subtitles"]
