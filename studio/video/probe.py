"""What a video file holds, asked of ffprobe (or, without it, read from ``ffmpeg -i``): its length, its
picture (codec, size, frame rate, frames), its sound and its subtitle streams; and taking a subtitle stream
or the sound out of it, and what the ffmpeg in use can do (libass, libx264).

Lives here: ``probe`` → ``MediaInfo``, ``extract_subtitles``, ``extract_audio``, ``count_frames``,
``has_filter`` / ``has_encoder``, ``ProbeError`` (a sentence). Does not live here: projects, subtitles'
meaning (``studio.formats.timed``), encoding a video (``studio.video.compose``). No Qt.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from studio.audio.ffmpeg import ExportError, ffmpeg_exe

#: Subtitle codecs that are text (and can become a timed script); the others are pictures (DVD, Blu-ray).
TEXT_SUBTITLE_CODECS = ("subrip", "srt", "ass", "ssa", "webvtt", "mov_text", "text")
#: Longest a probe may take.
PROBE_TIMEOUT_S = 60


class ProbeError(ValueError):
    """A video file that cannot be read as one; the message says what to do."""


@dataclass(frozen=True)
class VideoStream:
    index: int  # the stream's index in the file
    codec: str
    width: int
    height: int
    fps: float
    frames: int | None = None  # as the container says (None: it does not)
    rotation: int = 0

    @property
    def portrait(self) -> bool:
        return self.height > self.width


@dataclass(frozen=True)
class SubtitleStream:
    index: int  # the stream's index in the file
    number: int  # which subtitle stream it is (0: the first)
    codec: str
    language: str = ""
    title: str = ""

    @property
    def text(self) -> bool:
        return self.codec in TEXT_SUBTITLE_CODECS

    def describe(self) -> str:
        extra = ", ".join(x for x in (self.language, self.title) if x)
        return f"subtitle stream {self.number + 1} ({self.codec}{', ' + extra if extra else ''})"


@dataclass(frozen=True)
class MediaInfo:
    path: Path
    duration_ms: int
    video: VideoStream | None
    audio_streams: int = 0
    subtitles: list[SubtitleStream] = field(default_factory=list)

    @property
    def has_audio(self) -> bool:
        return self.audio_streams > 0


def ffprobe_exe() -> str | None:
    """The ffprobe beside the ffmpeg in use, or on PATH; None when there is none (``ffmpeg -i`` then)."""
    try:
        sibling = Path(ffmpeg_exe()).with_name("ffprobe")
    except ExportError:
        sibling = None
    if sibling is not None and sibling.exists():
        return str(sibling)
    return shutil.which("ffprobe")


def _ratio(text: str | None) -> float:
    if not text:
        return 0.0
    num, _, den = str(text).partition("/")
    try:
        return float(num) / float(den) if den else float(num)
    except (ValueError, ZeroDivisionError):
        return 0.0


def _check_file(path: Path) -> None:
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "does not exist"
        raise ProbeError(f"“{path}” {what}; choose a video file.")


def probe(path: str | Path) -> MediaInfo:
    """What ``path`` holds; ``ProbeError`` with a sentence when it is not a media file ffmpeg can read."""
    p = Path(path)
    _check_file(p)
    exe = ffprobe_exe()
    if exe is None:
        return _probe_with_ffmpeg(p)
    try:
        proc = subprocess.run([exe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(p)],
                              capture_output=True, text=True, timeout=PROBE_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProbeError(f"“{p.name}” could not be read ({exc}).") from exc
    if proc.returncode != 0:
        why = (proc.stderr.strip().splitlines() or ["not a media file"])[-1]
        raise ProbeError(f"“{p.name}” is not a video Troupe can read ({why}).")
    data = json.loads(proc.stdout or "{}")
    streams = data.get("streams") or []
    fmt = data.get("format") or {}
    video = None
    audio = 0
    subs: list[SubtitleStream] = []
    for s in streams:
        kind = s.get("codec_type")
        tags = s.get("tags") or {}
        if kind == "video" and video is None and not (s.get("disposition") or {}).get("attached_pic"):
            frames = s.get("nb_frames")
            rotation = 0
            for side in s.get("side_data_list") or []:
                if "rotation" in side:
                    rotation = int(side["rotation"])
            if "rotate" in tags:
                rotation = int(tags["rotate"])
            video = VideoStream(int(s["index"]), str(s.get("codec_name", "")), int(s.get("width") or 0),
                                int(s.get("height") or 0),
                                _ratio(s.get("avg_frame_rate")) or _ratio(s.get("r_frame_rate")),
                                int(frames) if frames and str(frames).isdigit() else None, rotation)
        elif kind == "audio":
            audio += 1
        elif kind == "subtitle":
            subs.append(SubtitleStream(int(s["index"]), len(subs), str(s.get("codec_name", "")),
                                       str(tags.get("language", "") or ""), str(tags.get("title", "") or "")))
    seconds = _ratio(fmt.get("duration"))
    if not seconds and video is not None:
        seconds = max((_ratio(s.get("duration")) for s in streams), default=0.0)
    return MediaInfo(p, round(seconds * 1000), video, audio, subs)


_STREAM = re.compile(r"Stream #\d+:(?P<index>\d+)(?:\[[^\]]*\])?(?:\((?P<lang>[^)]*)\))?: (?P<kind>\w+): (?P<rest>.*)")
_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")


def _probe_with_ffmpeg(p: Path) -> MediaInfo:
    try:
        proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(p)], capture_output=True, text=True,
                              timeout=PROBE_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired, ExportError) as exc:
        raise ProbeError(f"“{p.name}” could not be read ({exc}).") from exc
    text = proc.stderr
    m = _DURATION.search(text)
    if m is None:
        raise ProbeError(f"“{p.name}” is not a video Troupe can read.")
    seconds = int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3])
    video = None
    audio = 0
    subs: list[SubtitleStream] = []
    for sm in _STREAM.finditer(text):
        kind, rest = sm["kind"], sm["rest"]
        codec = rest.split()[0].strip(",") if rest else ""
        if kind == "Video" and video is None and "attached pic" not in rest:
            size = re.search(r"\b(\d{2,5})x(\d{2,5})\b", rest)
            fps = re.search(r"([\d.]+) fps", rest)
            video = VideoStream(int(sm["index"]), codec, int(size[1]) if size else 0, int(size[2]) if size else 0,
                                float(fps[1]) if fps else 0.0)
        elif kind == "Audio":
            audio += 1
        elif kind == "Subtitle":
            subs.append(SubtitleStream(int(sm["index"]), len(subs), codec, sm["lang"] or ""))
    return MediaInfo(p, round(seconds * 1000), video, audio, subs)


def extract_subtitles(path: str | Path, stream: SubtitleStream) -> tuple[str, str]:
    """The text of a subtitle stream as (text, format): ASS streams stay ASS (their speaker names with
    them), every other text stream becomes SRT. ``ProbeError`` for a picture stream."""
    p = Path(path)
    if not stream.text:
        raise ProbeError(f"The {stream.describe()} of “{p.name}” is made of pictures, not text; turn it into an "
                         "SRT file (with an OCR tool) and import the video with that file.")
    fmt = "ass" if stream.codec in ("ass", "ssa") else "srt"
    cmd = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(p), "-map", f"0:{stream.index}",
           "-f", fmt, "pipe:1"]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=PROBE_TIMEOUT_S * 5)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProbeError(f"The subtitles of “{p.name}” could not be read ({exc}).") from exc
    if proc.returncode != 0:
        why = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["ffmpeg failed"])[-1]
        raise ProbeError(f"The {stream.describe()} of “{p.name}” could not be read ({why}).")
    return proc.stdout.decode("utf-8", "replace"), fmt


def extract_audio(path: str | Path, rate: int, channels: int = 2) -> bytes:
    """The sound of a video as FLAC bytes at ``rate`` (for a bed under the new dialogue)."""
    p = Path(path)
    cmd = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(p), "-vn", "-sn", "-map", "0:a:0",
           "-ac", str(channels), "-ar", str(int(rate)), "-c:a", "flac", "-f", "flac", "pipe:1"]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=PROBE_TIMEOUT_S * 10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProbeError(f"The sound of “{p.name}” could not be read ({exc}).") from exc
    if proc.returncode != 0 or not proc.stdout:
        why = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["it has no sound"])[-1]
        raise ProbeError(f"The sound of “{p.name}” could not be read ({why}).")
    return proc.stdout


def count_frames(path: str | Path) -> int:
    """The video frames of ``path``, counted packet by packet (what "the same picture" is checked by)."""
    exe = ffprobe_exe()
    p = Path(path)
    if exe is not None:
        proc = subprocess.run([exe, "-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries",
                               "stream=nb_read_packets", "-of", "csv=p=0", str(p)],
                              capture_output=True, text=True, timeout=PROBE_TIMEOUT_S * 5)
        if proc.returncode == 0 and proc.stdout.strip().split(",")[0].isdigit():
            return int(proc.stdout.strip().split(",")[0])
    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(p), "-map", "0:v:0", "-c", "copy", "-f", "null", "-"],
                          capture_output=True, text=True, timeout=PROBE_TIMEOUT_S * 5)
    found = re.findall(r"frame=\s*(\d+)", proc.stderr)
    if not found:
        raise ProbeError(f"The frames of “{p.name}” could not be counted.")
    return int(found[-1])


@functools.cache
def _listing(kind: str) -> str:
    try:
        proc = subprocess.run([ffmpeg_exe(), "-hide_banner", f"-{kind}"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired, ExportError):
        return ""
    return proc.stdout


def has_filter(name: str) -> bool:
    """Whether the ffmpeg in use has the filter ``name`` (``ass`` and ``subtitles`` need libass)."""
    return re.search(rf"^\s*\S+\s+{re.escape(name)}\s", _listing("filters"), re.MULTILINE) is not None


def has_encoder(name: str) -> bool:
    return re.search(rf"^\s*\S+\s+{re.escape(name)}\s", _listing("encoders"), re.MULTILINE) is not None


__all__ = ["MediaInfo", "ProbeError", "SubtitleStream", "TEXT_SUBTITLE_CODECS", "VideoStream", "count_frames",
           "extract_audio", "extract_subtitles", "ffprobe_exe", "has_encoder", "has_filter", "probe"]
