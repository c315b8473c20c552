"""Turning audio bytes and files into float32 mono sample arrays, and samples back into WAV bytes.

Lives here: ``decode_to_mono`` (takes as stored: bytes plus a format word), ``decode_frames`` (mono or
stereo kept, for music and sound effects), ``encode_wav``, ``duration_ms``, ``read_audio_file`` (imported
clips) and ``read_media_file`` (a music or effect file as bytes, format and length). wav/flac/mp3/ogg are decoded in-process by
libsndfile and resampled with soxr; anything else (m4a, opus, …) goes through an ffmpeg subprocess.
Does not live here: mixing, loudness, export encoding, or any Qt code.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from studio.audio.ffmpeg import ffmpeg_exe

#: Formats libsndfile decodes in-process.
SOUNDFILE_FORMATS = frozenset({"wav", "flac", "mp3", "ogg"})


class DecodeError(ValueError):
    """Audio bytes or a file could not be decoded."""


def _norm_fmt(fmt: str) -> str:
    return fmt.lower().lstrip(".").strip()


def _to_mono(data: np.ndarray) -> np.ndarray:
    if data.ndim == 2:
        data = data[:, 0] if data.shape[1] == 1 else data.mean(axis=1)
    return np.ascontiguousarray(data, dtype=np.float32)


def _resample(samples: np.ndarray, src: int, dst: int) -> np.ndarray:
    if src == dst or samples.size == 0:
        return samples
    return np.ascontiguousarray(soxr.resample(samples, src, dst), dtype=np.float32)


def decode_to_mono(data: bytes, fmt: str, rate: int) -> np.ndarray:
    """Decode ``data`` (an audio file's bytes in format ``fmt``) to float32 mono at ``rate`` Hz."""
    name = _norm_fmt(fmt)
    if name in SOUNDFILE_FORMATS:
        try:
            samples, src = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
        except (sf.LibsndfileError, RuntimeError, TypeError):
            pass  # let ffmpeg have a go at it
        else:
            return _resample(_to_mono(samples), int(src), rate)
    samples, _ = _ffmpeg_decode_bytes(data, name, rate)
    return samples


def decode_frames(data: bytes, fmt: str, rate: int, max_channels: int = 2) -> np.ndarray:
    """Decode ``data`` to float32 frames × channels at ``rate`` Hz, keeping up to ``max_channels``
    channels (a file with more is mixed down to mono)."""
    name = _norm_fmt(fmt)
    samples: np.ndarray | None = None
    if name in SOUNDFILE_FORMATS:
        try:
            raw, src = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
        except (sf.LibsndfileError, RuntimeError, TypeError):
            pass
        else:
            samples = raw if raw.shape[1] <= max_channels else raw.mean(axis=1, keepdims=True)
            if int(src) != rate and len(samples):
                samples = soxr.resample(np.ascontiguousarray(samples), int(src), rate)
    if samples is None:
        mono, _ = _ffmpeg_decode_bytes(data, name, rate, channels=2 if max_channels >= 2 else 1)
        samples = mono.reshape(-1, 2 if max_channels >= 2 else 1)
    return np.ascontiguousarray(samples, dtype=np.float32)


@dataclass(frozen=True)
class MediaFile:
    """A music or sound-effect file read for the project: its bytes as they are, their format, length."""

    data: bytes
    format: str
    duration_ms: int
    name: str


def read_media_file(path: str | os.PathLike[str]) -> MediaFile:
    """Read a music or effect file; ``DecodeError`` with a sentence when it is not audio we can play."""
    p = Path(path)
    if not p.is_file():
        raise DecodeError(f"{p} does not exist or is not a file.")
    fmt = _norm_fmt(p.suffix) or "wav"
    if fmt in ("oga",):
        fmt = "ogg"
    data = p.read_bytes()
    try:
        length = duration_ms(data, fmt)
    except DecodeError as exc:
        raise DecodeError(f"{p.name} is not an audio file Troupe can read ({exc}).") from exc
    if length <= 0:
        raise DecodeError(f"{p.name} has no sound in it.")
    return MediaFile(data, fmt, length, p.name)


def encode_wav(samples: np.ndarray, rate: int) -> bytes:
    """16-bit PCM WAV bytes of ``samples`` (1-D mono or frames × channels), clipped to [-1, 1]."""
    buf = io.BytesIO()
    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0)
    sf.write(buf, clipped, int(rate), format="WAV", subtype="PCM_16")
    return buf.getvalue()


def duration_ms(data: bytes, fmt: str) -> int:
    """Duration of encoded audio in milliseconds (rounded)."""
    name = _norm_fmt(fmt)
    if name in SOUNDFILE_FORMATS:
        try:
            info = sf.info(io.BytesIO(data))
        except (sf.LibsndfileError, RuntimeError, TypeError):
            pass
        else:
            if info.frames > 0 and info.samplerate > 0:
                return int(round(info.frames * 1000 / info.samplerate))
    samples, rate = _ffmpeg_decode_bytes(data, name, None)
    return int(round(len(samples) * 1000 / rate)) if rate else 0


def read_audio_file(path: str | os.PathLike[str]) -> tuple[np.ndarray, int]:
    """Float32 mono samples of an audio file and its sample rate."""
    p = Path(path)
    if not p.is_file():
        raise DecodeError(f"{p} does not exist or is not a file.")
    if _norm_fmt(p.suffix) in SOUNDFILE_FORMATS:
        try:
            samples, rate = sf.read(str(p), dtype="float32", always_2d=True)
        except (sf.LibsndfileError, RuntimeError, TypeError):
            pass
        else:
            return _to_mono(samples), int(rate)
    return _ffmpeg_decode_path(p, None)


def _ffmpeg_decode_bytes(data: bytes, fmt: str, rate: int | None, channels: int = 1) -> tuple[np.ndarray, int]:
    # A file, not a pipe: MP4/M4A keep their index at the end and need a seekable input.
    fd, name = tempfile.mkstemp(suffix=f".{fmt or 'bin'}")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return _ffmpeg_decode_path(Path(name), rate, channels)
    finally:
        os.unlink(name)


_OUT_RATE = re.compile(r"Output #0.*?Audio: pcm_f32le[^,]*, (\d+) Hz", re.S)


def _ffmpeg_decode_path(path: Path, rate: int | None, channels: int = 1) -> tuple[np.ndarray, int]:
    """Interleaved float32 samples (``channels`` of them per frame) and their rate."""
    cmd = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-i", str(path), "-vn", "-ac", str(channels)]
    if rate is not None:
        cmd += ["-ar", str(int(rate))]
    cmd += ["-f", "f32le", "-c:a", "pcm_f32le", "pipe:1"]
    proc = subprocess.run(cmd, capture_output=True)
    log = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        last = log.strip().splitlines()[-1] if log.strip() else f"exit status {proc.returncode}"
        raise DecodeError(f"{path.name} could not be decoded by ffmpeg ({last}).")
    out_rate = rate
    if out_rate is None:
        m = _OUT_RATE.search(log)
        if m is None:
            raise DecodeError(f"ffmpeg did not report the sample rate of {path.name}.")
        out_rate = int(m.group(1))
    samples = np.frombuffer(proc.stdout, dtype="<f4").astype(np.float32)
    return samples, out_rate


def iter_file_blocks(path: str | os.PathLike[str], block_frames: int = 1 << 16) -> tuple[int, int, Iterator[np.ndarray]]:
    """(rate, channels, blocks): an audio file's frames × channels float32 blocks at its own rate, read a
    block at a time (libsndfile in-process, else an ffmpeg pipe), so a long file is never held whole."""
    p = Path(path)
    if _norm_fmt(p.suffix) in SOUNDFILE_FORMATS | {"opus"}:
        try:
            fh = sf.SoundFile(str(p))
        except (sf.LibsndfileError, RuntimeError, TypeError):
            pass
        else:
            def from_soundfile() -> Iterator[np.ndarray]:
                with fh:
                    while True:
                        block = fh.read(block_frames, dtype="float32", always_2d=True)
                        if not len(block):
                            return
                        yield block

            return int(fh.samplerate), int(fh.channels), from_soundfile()
    probe = subprocess.run([ffmpeg_exe(), "-nostdin", "-hide_banner", "-i", str(p)], capture_output=True)
    text = probe.stderr.decode("utf-8", "replace")
    m = re.search(r"Audio: [^\n]*?, (\d+) Hz, (mono|stereo|(\d+) channels)", text)
    if m is None:
        raise DecodeError(f"{p.name} could not be read as audio.")
    rate = int(m.group(1))
    channels = 1 if m.group(2) == "mono" else 2 if m.group(2) == "stereo" else int(m.group(3))

    def from_ffmpeg() -> Iterator[np.ndarray]:
        proc = subprocess.Popen([ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(p),
                                 "-vn", "-f", "f32le", "-c:a", "pcm_f32le", "pipe:1"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert proc.stdout is not None
        size = block_frames * channels * 4
        try:
            while True:
                raw = proc.stdout.read(size)
                if not raw:
                    break
                usable = len(raw) - len(raw) % (4 * channels)
                yield np.frombuffer(raw[:usable], dtype="<f4").reshape(-1, channels).astype(np.float32)
        finally:
            proc.stdout.close()
            proc.kill()
            proc.wait()

    return rate, channels, from_ffmpeg()
