"""A finished MP4 (H.264 + AAC) from a backdrop, a soundtrack that is already mastered, and a caption file:
one ffmpeg run, with progress read from ``-progress pipe:1`` and cancellation that kills ffmpeg.

Backdrops: ``Still`` (a cover image for the whole episode), ``Scenes`` (a still per scene: images from given
times on) and ``Footage`` (the user's own video; its picture is kept: copied unchanged when nothing is
burned in and its size and codec already suit, else re-encoded frame for frame). Images are read once and
repeated in memory, scaled to fit the frame with black bars (``fit="pad"``) or to fill it (``fit="crop"``).
The soundtrack is copied as it is (``-c:a copy``): its loudness was set and measured before, so nothing
here touches the sound. Captions are burned in through libass (ffmpeg's ``ass`` filter) from an ASS file.
Either the whole file appears at ``out`` or nothing does (a temporary file beside it, then a rename).

Lives here: the backdrops, ``compose``, ``ComposeResult``, ``VideoCancelled``. Does not live here: what the
captions say (``studio.formats.captions``), the mix (``studio.render.mixdown``), projects. No Qt.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from studio.audio.ffmpeg import ExportError, ffmpeg_exe
from studio.files import give_normal_permissions
from studio.video.probe import MediaInfo

#: Frame rate of a video made from stills (platforms take 24–60; captions change on whole frames).
STILL_FPS = 30
#: x264's speed/size trade-off for exports; tests pass "ultrafast".
X264_PRESET = "veryfast"
X264_PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")
#: x264 quality (lower is better; 18–23 looks clean on a phone).
CRF = 20
#: Image files a still may be.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp")
#: How ffmpeg's progress is polled for a cancel (seconds).
_POLL_S = 0.05


class VideoCancelled(Exception):
    """The video was cancelled; nothing half-written was left behind."""


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class Still:
    image: Path


@dataclass(frozen=True)
class Scenes:
    """Stills by time: each image from its start (ms) to the next one's; the first one starts at 0."""

    stills: tuple[tuple[int, Path], ...]


@dataclass(frozen=True)
class Footage:
    """The user's own video; its picture stream is kept."""

    path: Path
    info: MediaInfo


Backdrop = Still | Scenes | Footage


@dataclass(frozen=True)
class ComposeResult:
    path: Path
    width: int
    height: int
    frames: int | None  # the frames written (known for stills; the source's for footage)
    copied_picture: bool  # the footage's picture stream was copied unchanged (-c:v copy)
    duration_ms: int


def footage_size(info: MediaInfo) -> tuple[int, int]:
    """The size a video shows at (its rotation applied)."""
    v = info.video
    assert v is not None
    if abs(v.rotation) % 180 == 90:
        return v.height, v.width
    return v.width, v.height


def can_copy_picture(backdrop: Footage, size: tuple[int, int] | None, captions: bool) -> bool:
    """Whether the footage's picture can go into the MP4 as it is: nothing burned in, its own size, H.264."""
    v = backdrop.info.video
    return (v is not None and not captions and v.codec == "h264"
            and (size is None or size == footage_size(backdrop.info)))


def _fit(width: int, height: int, fit: str) -> str:
    if fit == "crop":
        return f"scale={width}:{height}:force_original_aspect_ratio=increase,crop={width}:{height},setsar=1"
    return (f"scale={width}:{height}:force_original_aspect_ratio=decrease,"
            f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1")


def still_frames(duration_ms: int, fps: int) -> int:
    """Frames of a video from stills that lasts ``duration_ms``: never shorter than the sound."""
    return max(1, math.ceil(duration_ms * fps / 1000 - 1e-6))


def _scene_frames(stills: Sequence[tuple[int, Path]], duration_ms: int, fps: int) -> list[int]:
    total = still_frames(duration_ms, fps)
    edges = [min(total, round(max(0, start) * fps / 1000)) for start, _ in stills] + [total]
    edges[0] = 0
    return [max(0, b - a) for a, b in zip(edges, edges[1:], strict=False)]


def _command(backdrop: Backdrop, audio: Path, tmp: Path, duration_ms: int, size: tuple[int, int] | None,
             captions: Path | None, fps: int, preset: str, crf: int, fit: str) -> tuple[list[str], int, int, int | None,
                                                                                 bool]:
    """(ffmpeg arguments, width, height, frames, picture copied)."""
    exe = ffmpeg_exe()
    head = [exe, "-nostdin", "-hide_banner", "-loglevel", "error", "-nostats", "-progress", "pipe:1", "-y"]
    encode = ["-c:v", "libx264", "-preset", preset, "-crf", str(crf), "-pix_fmt", "yuv420p"]
    burn = f",ass=filename={captions.name}" if captions is not None else ""
    tail = ["-c:a", "copy", "-movflags", "+faststart", "-f", "mp4", str(tmp)]
    if isinstance(backdrop, Footage):
        src_w, src_h = footage_size(backdrop.info)
        width, height = size or (src_w, src_h)
        frames = backdrop.info.video.frames if backdrop.info.video is not None else None
        inputs = ["-i", str(backdrop.path), "-i", str(audio)]
        if can_copy_picture(backdrop, size, captions is not None):
            return ([*head, *inputs, "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy", *tail],
                    width, height, frames, True)
        chain = _fit(width, height, fit) if (width, height) != (src_w, src_h) else "setsar=1"
        graph = f"[0:v:0]{chain}{burn},format=yuv420p[v]"
        return ([*head, *inputs, "-filter_complex", graph, "-map", "[v]", "-map", "1:a:0", *encode,
                 "-fps_mode", "passthrough", *tail], width, height, frames, False)
    assert size is not None
    width, height = size
    stills = [(0, backdrop.image)] if isinstance(backdrop, Still) else list(backdrop.stills)
    counts = _scene_frames(stills, duration_ms, fps)
    used = [(image, n) for (_, image), n in zip(stills, counts, strict=True) if n > 0]
    inputs: list[str] = []
    parts: list[str] = []
    for i, (image, n) in enumerate(used):
        inputs += ["-framerate", str(fps), "-i", str(image)]
        parts.append(f"[{i}:v]{_fit(width, height, fit)},format=yuv420p,loop=loop={n - 1}:size=1:start=0,"
                     f"setpts=N/({fps}*TB)[s{i}]")
    joined = "".join(f"[s{i}]" for i in range(len(used)))
    parts.append(f"{joined}concat=n={len(used)}:v=1:a=0{burn},format=yuv420p[v]")
    frames = sum(n for _, n in used)
    cmd = [*head, *inputs, "-i", str(audio), "-filter_complex", ";".join(parts), "-map", "[v]",
           "-map", f"{len(used)}:a:0", *encode, "-tune", "stillimage", "-r", str(fps),
           *tail]
    return cmd, width, height, frames, False


def compose(out: str | os.PathLike[str], backdrop: Backdrop, audio: str | os.PathLike[str], duration_ms: int, *,
            size: tuple[int, int] | None = None, captions: str | os.PathLike[str] | None = None,
            fps: int = STILL_FPS, preset: str = X264_PRESET, crf: int = CRF, fit: str = "pad",
            progress: Callable[[float], None] | None = None, cancel: CancelToken | None = None) -> ComposeResult:
    """Write ``out`` (MP4): the backdrop's picture at ``size`` (None for footage: its own size) with
    ``captions`` (an ASS file) burned in, and ``audio`` (an AAC .m4a, copied as it is). A video from stills
    lasts ``duration_ms`` (whole frames, never shorter); footage keeps every frame it has. ``progress``
    hears the fraction done (0..1); ``cancel`` kills ffmpeg (``VideoCancelled``). ``ExportError`` with a
    sentence when ffmpeg fails; either the complete file appears or nothing does."""
    target = Path(out)
    if fit not in ("pad", "crop"):
        raise ValueError(f"“{fit}” is not a way to fit a picture; use pad or crop.")
    if preset not in X264_PRESETS:
        raise ValueError(f"“{preset}” is not an x264 preset; use one of {', '.join(X264_PRESETS)}.")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part.mp4", dir=folder)
    except OSError as exc:
        raise ExportError(f"{folder} cannot be written to, so {target.name} was not made ({exc.strerror or exc}); "
                          "choose another folder.") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    work = Path(tempfile.mkdtemp(prefix="troupe-video-"))
    try:
        burn = None
        if captions is not None:
            burn = work / "captions.ass"  # a plain name: ffmpeg's filter syntax never sees the user's path
            shutil.copyfile(captions, burn)
        cmd, width, height, frames, copied = _command(backdrop, Path(audio), tmp, duration_ms, size, burn, fps,
                                                      preset, crf, fit)
        length = duration_ms if not isinstance(backdrop, Footage) else max(duration_ms, backdrop.info.duration_ms)
        _run(cmd, work, max(1, length), progress, cancel, target)
        give_normal_permissions(tmp)  # mkstemp made it private; the video is the user's like any file
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ComposeResult(target, width, height, frames, copied, duration_ms)


def _run(cmd: list[str], cwd: Path, length_ms: int, progress: Callable[[float], None] | None,
         cancel: CancelToken | None, target: Path) -> None:
    err: IO[bytes] = tempfile.TemporaryFile()
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err)
    except OSError as exc:
        err.close()
        raise ExportError(f"ffmpeg could not be started ({exc}); check the ffmpeg install.") from exc
    stopped = threading.Event()
    done = threading.Event()

    def watch() -> None:
        while not done.wait(_POLL_S):
            if cancel is not None and cancel.is_set():
                stopped.set()
                proc.kill()
                return

    watcher = threading.Thread(target=watch, name="ffmpeg-cancel", daemon=True)
    watcher.start()
    try:
        assert proc.stdout is not None
        for raw in proc.stdout:
            key, _, value = raw.decode("ascii", "replace").strip().partition("=")
            if progress is not None and key in ("out_time_us", "out_time_ms") and value.strip().lstrip("-").isdigit():
                progress(min(1.0, max(0.0, int(value) / 1000 / length_ms)))  # both are microseconds
        code = proc.wait()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        done.set()
        watcher.join()
    try:
        if stopped.is_set():
            raise VideoCancelled("The video export was cancelled.")
        if code != 0:
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip()
            if "No space left" in message:
                raise ExportError(f"The disk is full, so {target.name} was not written; free some space in "
                                  f"{target.parent} and export again.")
            last = message.splitlines()[-1] if message else f"exit status {code}"
            raise ExportError(f"ffmpeg could not make {target.name} ({last}); check the backdrop and try again.")
        if progress is not None:
            progress(1.0)
    finally:
        err.close()


__all__ = ["Backdrop", "CRF", "ComposeResult", "Footage", "IMAGE_SUFFIXES", "STILL_FPS", "Scenes", "Still",
           "VideoCancelled", "X264_PRESET", "X264_PRESETS", "can_copy_picture", "compose", "footage_size",
           "still_frames"]
