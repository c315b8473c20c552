"""Tiny test videos made with ffmpeg's own sources (a test picture and a tone): a few seconds, small."""

from __future__ import annotations

import subprocess
from pathlib import Path

from studio.audio.ffmpeg import ffmpeg_exe


def make_video(out: Path, seconds: float = 3.0, subtitles: Path | None = None, *, size: str = "160x284",
               rate: int = 25, sound: bool = True) -> Path:
    """An H.264 video of ``seconds`` (testsrc) with a tone (AAC) and, given ``subtitles``, that file as its own
    subtitle stream (mov_text in MP4, as a phone's editor writes it)."""
    cmd = [ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
           f"testsrc=size={size}:rate={rate}:duration={seconds}"]
    maps = ["-map", "0:v"]
    n = 1
    if sound:
        cmd += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
        maps += ["-map", f"{n}:a", "-c:a", "aac"]
        n += 1
    if subtitles is not None:
        cmd += ["-i", str(subtitles)]
        maps += ["-map", f"{n}:s", "-c:s", "mov_text" if out.suffix.lower() in (".mp4", ".mov") else "srt"]
    subprocess.run([*cmd, *maps, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(out)],
                   check=True, timeout=60, capture_output=True)
    return out
