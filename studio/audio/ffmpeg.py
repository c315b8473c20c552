"""Encoding sample buffers to files with an ffmpeg subprocess.

Lives here: finding an ffmpeg executable, piping float32 samples to its stdin and writing the result
atomically (temporary file in the target folder, then ``os.replace``), and ``ExportError``.
Does not live here: decoding (``studio.audio.decode``), loudness, mixing, or any Qt code.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO

import numpy as np
import soxr

#: Bytes written to ffmpeg's stdin per call (about 1.4 s of 48 kHz mono float32).
_PIPE_CHUNK = 1 << 18

#: format name -> (muxer, codec arguments, default bitrate or None for lossless)
_FORMATS: dict[str, tuple[str, list[str], str | None]] = {
    "wav": ("wav", ["-c:a", "pcm_s16le"], None),
    "flac": ("flac", ["-c:a", "flac"], None),
    "mp3": ("mp3", ["-c:a", "libmp3lame"], "192k"),
    "m4a": ("ipod", ["-c:a", "aac"], "160k"),
    "opus": ("opus", ["-c:a", "libopus"], "96k"),
}

FORMATS = tuple(_FORMATS)
OPUS_RATE = 48000


class ExportError(RuntimeError):
    """An export could not be written. The message says what failed and what to do about it."""


def ffmpeg_exe() -> str:
    """Path of the ffmpeg to run: the one on PATH, else the one bundled with imageio-ffmpeg."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:
        exe = None
    if exe and Path(exe).exists():
        return str(exe)
    raise ExportError(
        "ffmpeg was not found: install ffmpeg (for example `apt install ffmpeg`) "
        "or the imageio-ffmpeg package, then try again."
    )


def format_of(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    name = (fmt or Path(path).suffix).lower().lstrip(".")
    if name == "ogg":
        name = "opus"
    if name not in _FORMATS:
        raise ExportError(
            f"“{name or Path(path).name}” is not an export format; choose one of {', '.join(FORMATS)}."
        )
    return name


def encode(
    samples: np.ndarray,
    rate: int,
    out_path: str | os.PathLike[str],
    fmt: str | None = None,
    bitrate: str | None = None,
) -> Path:
    """Encode mono (1-D) or multichannel (frames × channels) float samples to ``out_path``.

    The format comes from ``fmt`` or the file suffix (wav, flac, mp3, m4a, opus). Opus is always
    written at 48 kHz. Either the complete file appears at ``out_path`` or nothing does.
    """
    out = Path(out_path)
    name = format_of(out, fmt)
    muxer, codec, default_bitrate = _FORMATS[name]
    data = np.asarray(samples)
    if data.ndim not in (1, 2):
        raise ExportError("Only mono or multichannel (frames × channels) sample arrays can be exported.")
    if name == "opus" and rate != OPUS_RATE:
        data = soxr.resample(data.astype(np.float32, copy=False), rate, OPUS_RATE)
        rate = OPUS_RATE
    data = np.ascontiguousarray(data, dtype="<f4")
    channels = 1 if data.ndim == 1 else data.shape[1]

    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(_os_sentence(exc, out)) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    cmd = [
        ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "f32le", "-ar", str(int(rate)), "-ac", str(channels), "-i", "pipe:0",
        *codec,
    ]
    if default_bitrate is not None:
        cmd += ["-b:a", bitrate or default_bitrate]
    cmd += ["-f", muxer, str(tmp)]
    try:
        _run(cmd, data, out)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def _run(cmd: list[str], data: np.ndarray, out: Path) -> None:
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err)
        assert proc.stdin is not None
        raw = memoryview(data.reshape(-1)).cast("B")
        try:
            try:
                for start in range(0, len(raw), _PIPE_CHUNK):
                    _write(proc.stdin, raw[start : start + _PIPE_CHUNK])
                proc.stdin.close()
            except BrokenPipeError:
                pass  # ffmpeg stopped reading; its exit status and message say why
            code = proc.wait()
        except OSError as exc:
            _stop(proc)
            raise ExportError(_os_sentence(exc, out)) from exc
        except BaseException:
            _stop(proc)
            raise
        if code != 0:
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip()
            if "No space left" in message:
                raise ExportError(_os_sentence(OSError(errno.ENOSPC, "No space left on device"), out))
            last = message.splitlines()[-1] if message else f"exit status {code}"
            raise ExportError(f"ffmpeg could not write {out.name} ({last}); check the folder and try again.")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.kill()
    try:
        if proc.stdin is not None:
            proc.stdin.close()
    except OSError:
        pass
    proc.wait()


def _write(stream: IO[bytes], chunk: memoryview) -> None:
    stream.write(chunk)


def _os_sentence(exc: OSError, out: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"The disk is full, so {out.name} was not written; free some space in {out.parent} and export again."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{out.parent} cannot be written to, so {out.name} was not saved; choose another folder."
    if exc.errno == errno.ENOENT:
        return f"The folder {out.parent} does not exist; choose an existing folder for {out.name}."
    return f"Writing {out.name} failed ({exc.strerror or exc}); check the folder and export again."
