"""Encoding sample buffers to files with an ffmpeg subprocess.

Lives here: finding an ffmpeg executable, piping float32 samples to its stdin and writing the result
atomically (temporary file in the target folder, then ``os.replace``), and ``ExportError``.
Does not live here: decoding (``studio.audio.decode``), loudness, mixing, or any Qt code.
"""

from __future__ import annotations

import errno
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import numpy as np
import soxr

from studio.files import give_normal_permissions

#: Bytes written to ffmpeg's stdin per call (about 1.4 s of 48 kHz mono float32).
_PIPE_CHUNK = 1 << 18
#: Chunks that may wait for the feeding thread before the producer is held up.
_QUEUE = 32

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
    data = np.asarray(samples)
    if data.ndim not in (1, 2):
        raise ExportError("Only mono or multichannel (frames × channels) sample arrays can be exported.")
    if name == "opus" and rate != OPUS_RATE:
        data = soxr.resample(data.astype(np.float32, copy=False), rate, OPUS_RATE)
        rate = OPUS_RATE
    data = np.ascontiguousarray(data, dtype="<f4")
    step = max(1, _PIPE_CHUNK // (4 * (1 if data.ndim == 1 else max(1, data.shape[1]))))
    chunks = (data[start : start + step] for start in range(0, len(data), step))
    return encode_stream(chunks, rate, out, name, bitrate, channels=1 if data.ndim == 1 else data.shape[1])


def encode_stream(
    chunks: Iterable[np.ndarray | None],
    rate: int,
    out_path: str | os.PathLike[str],
    fmt: str | None = None,
    bitrate: str | None = None,
    *,
    channels: int | None = None,
) -> Path:
    """Encode float sample chunks to ``out_path`` while they are still being produced.

    Each chunk is mono (1-D) or frames × channels, all alike (``channels`` is taken from the first
    chunk unless given). ffmpeg encodes in its own process and a thread feeds it, so the producer of
    the chunks keeps working meanwhile. A ``None`` among the chunks discards everything sent so far
    and starts the encode afresh (for producers that find a result needs another pass); see
    ``studio.audio.loudness.NormalizeStream``. Chunks must not change after they are handed over, up to
    the next ``None`` or the end. Format and rate rules, and the guarantee, are those of ``encode``:
    either the complete file appears at ``out_path`` or nothing does. ``EncodeSink`` is the same encode
    for a producer that pushes its chunks.
    """
    sink = EncodeSink(out_path, rate, fmt, bitrate, channels=channels)
    try:
        for chunk in chunks:
            if chunk is None:
                sink.restart()
            else:
                sink.send(chunk)
        return sink.close()
    except BaseException:
        sink.abort()
        raise


class EncodeSink:
    """An encode to ``out_path`` that is fed chunk by chunk: ``send`` each chunk, ``restart`` to throw away
    what was sent and begin again, then ``close`` (the file appears, complete) or ``abort`` (nothing
    appears, an earlier file of that name is left as it was). The temporary file lives in the target
    folder, so a missing or unwritable folder fails at once, before any work."""

    def __init__(self, out_path: str | os.PathLike[str], rate: int, fmt: str | None = None,
                 bitrate: str | None = None, *, channels: int | None = None) -> None:
        self.out = Path(out_path)
        self.name = format_of(self.out, fmt)
        self.rate = int(rate)
        self.bitrate = bitrate
        self.channels = channels
        folder = self.out.parent if str(self.out.parent) else Path(".")
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{self.out.stem}.", suffix=".part", dir=folder)
        except OSError as exc:
            raise ExportError(_os_sentence(exc, self.out)) from exc
        os.close(fd)
        give_normal_permissions(tmp_name)
        self.tmp = Path(tmp_name)
        self._job: _Encoder | None = None
        self._resampler: soxr.ResampleStream | None = None
        self._done = False

    def send(self, chunk: np.ndarray) -> None:
        data = np.asarray(chunk)
        if data.ndim not in (1, 2):
            raise ExportError("Only mono or multichannel (frames × channels) sample arrays can be exported.")
        width = 1 if data.ndim == 1 else data.shape[1]
        if self.channels is not None and width != self.channels:
            raise ExportError(f"A chunk of {width} channel(s) came among chunks of {self.channels}.")
        if self._job is None:
            self.channels = width
            self._start()
        assert self._job is not None
        if self._resampler is not None:
            data = self._resampler.resample_chunk(np.asarray(data, dtype=np.float32))
        self._job.send(data)

    def _start(self) -> None:
        channels = self.channels or 1
        rate = self.rate
        if self.name == "opus" and self.rate != OPUS_RATE:
            self._resampler = soxr.ResampleStream(self.rate, OPUS_RATE, channels, dtype="float32")
            rate = OPUS_RATE
        self._job = _Encoder(_command(self.name, rate, channels, self.bitrate, self.tmp), self.out)

    def restart(self) -> None:
        """Forget everything sent so far; the next ``send`` begins a fresh encode."""
        if self._job is not None:
            self._job.abort()
        self._job, self._resampler = None, None

    def close(self) -> Path:
        """Finish the encode and put the file in place; ``ExportError`` with a sentence if it failed."""
        try:
            if self._job is None:
                self._start()
            elif self._resampler is not None:
                width = self.channels or 1
                tail = np.zeros((0, width) if width != 1 else 0, np.float32)
                self._job.send(self._resampler.resample_chunk(tail, last=True))
            assert self._job is not None
            self._job.finish()
            os.replace(self.tmp, self.out)
            self._done = True
        except BaseException:
            self.abort()
            raise
        return self.out

    def abort(self) -> None:
        """Stop the encode and remove the temporary file; idempotent, and harmless after ``close``."""
        if self._job is not None and not self._done:
            self._job.abort()
        self._job = None
        if not self._done:
            self.tmp.unlink(missing_ok=True)


def _command(name: str, rate: int, channels: int, bitrate: str | None, tmp: Path) -> list[str]:
    muxer, codec, default_bitrate = _FORMATS[name]
    cmd = [
        ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "f32le", "-ar", str(int(rate)), "-ac", str(channels), "-i", "pipe:0",
        *codec,
    ]
    if default_bitrate is not None:
        cmd += ["-b:a", bitrate or default_bitrate]
    return [*cmd, "-f", muxer, str(tmp)]


class _Encoder:
    """One ffmpeg process and the thread that writes the queued chunks to its stdin."""

    def __init__(self, cmd: list[str], out: Path) -> None:
        self.out = out
        self.err = tempfile.TemporaryFile()
        try:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self.err)
        except BaseException:
            self.err.close()
            raise
        self.queue: queue.Queue[memoryview | None] = queue.Queue(maxsize=_QUEUE)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._pump, name="ffmpeg-stdin", daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        stdin = self.proc.stdin
        assert stdin is not None
        while True:
            raw = self.queue.get()
            if raw is None:
                break
            if self.error is not None:
                continue  # keep taking chunks so the producer never blocks on a full queue
            try:
                for start in range(0, len(raw), _PIPE_CHUNK):
                    _write(stdin, raw[start : start + _PIPE_CHUNK])
            except BaseException as exc:
                self.error = exc
        try:
            stdin.close()
        except OSError as exc:
            if self.error is None:
                self.error = exc

    def send(self, data: np.ndarray) -> None:
        if self.error is not None:
            self._fail()
        if data.size:
            flat = np.ascontiguousarray(data, dtype="<f4").reshape(-1)
            self.queue.put(memoryview(flat.data).cast("B"))

    def finish(self) -> None:
        """Wait for the encode to end; ``ExportError`` if it failed."""
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and not isinstance(self.error, BrokenPipeError):
            self._fail()
        code = self.proc.wait()  # after a broken pipe, ffmpeg's exit status and message say why
        try:
            if code != 0:
                self.err.seek(0)
                message = self.err.read().decode("utf-8", "replace").strip()
                if "No space left" in message:
                    raise ExportError(_os_sentence(OSError(errno.ENOSPC, "No space left on device"), self.out))
                last = message.splitlines()[-1] if message else f"exit status {code}"
                raise ExportError(
                    f"ffmpeg could not write {self.out.name} ({last}); check the folder and try again."
                )
        finally:
            self.err.close()

    def _fail(self) -> None:
        error = self.error
        if isinstance(error, BrokenPipeError):
            self.finish()  # ffmpeg stopped reading: report why it did
            raise ExportError(f"ffmpeg stopped reading before {self.out.name} was complete; try again.")
        self.abort()
        if isinstance(error, OSError):
            raise ExportError(_os_sentence(error, self.out)) from error
        raise error if error is not None else ExportError(f"Writing {self.out.name} failed.")

    def abort(self) -> None:
        """Stop ffmpeg and the feeding thread; idempotent."""
        if self.proc.returncode is None:
            _stop(self.proc)
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        self.err.close()


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.kill()
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
