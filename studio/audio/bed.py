"""A music bed as a lane of a block mix: streamed from its file, looped, faded and ducked under speech.

Lives here: ``StreamReader`` (encoded audio decoded a stretch at a time at the mix rate, channels kept, with
seeking and seamless looping; libsndfile in-process, or one ffmpeg decode into a temporary WAV for other
formats), ``duck_envelope`` (how far down, 0..1, the bed is at each frame, from the speech spans) and
``BedTrack`` (a ``studio.audio.blockmix.Track``). Only a few seconds of the bed are ever decoded at a
time, however long the episode. Does not live here: where speech is (the caller gives the spans), Qt.
"""

from __future__ import annotations

import bisect
import io
import os
import subprocess
import tempfile
from collections.abc import Hashable, Sequence
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from studio.audio.blockmix import add_into
from studio.audio.decode import SOUNDFILE_FORMATS, DecodeError
from studio.audio.ffmpeg import ffmpeg_exe

#: Source frames read per step.
_READ = 1 << 15


class StreamReader:
    """Frames of an encoded file at ``rate`` Hz, read in order from any position, looping if asked."""

    def __init__(self, data: bytes, fmt: str, rate: int, *, loop: bool = False) -> None:
        self.rate = int(rate)
        self.loop = loop
        self._tmp: Path | None = None
        name = fmt.lower().lstrip(".")
        self._file = self._open(data, name)
        self.src_rate = int(self._file.samplerate)
        self.channels = int(self._file.channels)
        self.src_frames = int(self._file.frames)
        #: Length of the file at the mix rate.
        self.frames = int(round(self.src_frames * self.rate / self.src_rate)) if self.src_rate else 0
        self._reset_stream()
        self.position = 0  # next frame (mix rate, within the file) that ``read`` returns

    def _open(self, data: bytes, name: str) -> sf.SoundFile:
        if name in SOUNDFILE_FORMATS:
            try:
                return sf.SoundFile(io.BytesIO(data))
            except (sf.LibsndfileError, RuntimeError, TypeError):
                pass
        # Decode once into a temporary float WAV next to nothing else: memory stays flat for long files.
        fd, src = tempfile.mkstemp(suffix=f".{name or 'bin'}")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        fd2, out = tempfile.mkstemp(suffix=".wav")
        os.close(fd2)
        self._tmp = Path(out)
        try:
            proc = subprocess.run([ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", src,
                                   "-vn", "-c:a", "pcm_f32le", "-f", "wav", out], capture_output=True)
        finally:
            os.unlink(src)
        if proc.returncode != 0:
            self.close()
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise DecodeError(f"The music could not be decoded ({message[-1] if message else 'ffmpeg failed'}).")
        return sf.SoundFile(out)

    def _reset_stream(self) -> None:
        self._fifo = np.zeros((0, self.channels), dtype=np.float32)
        self._resampler = None if self.src_rate == self.rate else \
            soxr.ResampleStream(self.src_rate, self.rate, self.channels, dtype="float32")
        self._flushed = False

    def seek(self, frame: int) -> None:
        """Continue from ``frame`` (mix rate) of the file, counted as if it had been played from its start
        (looping, when it loops). The resampler starts afresh there, so the first few frames after a seek
        ramp in, and the position is exact to half a frame of the file."""
        src = int(round(max(0, frame) * self.src_rate / self.rate))
        if self.loop and self.src_frames:
            src %= self.src_frames
        src = min(src, self.src_frames)
        self._file.seek(src)
        self._reset_stream()
        self.position = int(round(src * self.rate / self.src_rate)) if self.src_rate else 0

    def read(self, n: int) -> np.ndarray:
        """The next ``n`` frames (frames × channels); fewer only at the end of a file that does not loop."""
        while len(self._fifo) < n:
            raw = self._file.read(_READ, dtype="float32", always_2d=True)
            if len(raw) == 0:
                if self.loop and self.src_frames:
                    self._file.seek(0)  # the resampler carries on: the join is seamless
                    continue
                if self._resampler is not None and not self._flushed:
                    self._flushed = True
                    tail = self._resampler.resample_chunk(np.zeros((0, self.channels), np.float32), last=True)
                    self._fifo = np.concatenate([self._fifo, tail])
                    continue
                break
            y = raw if self._resampler is None else self._resampler.resample_chunk(raw)
            self._fifo = np.concatenate([self._fifo, y]) if len(self._fifo) else y
        out, self._fifo = self._fifo[:n], self._fifo[n:]
        self.position += len(out)
        if self.loop and self.frames:
            self.position %= self.frames
        return out

    def close(self) -> None:
        try:
            self._file.close()
        except Exception:
            pass
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)
            self._tmp = None

    def __del__(self) -> None:
        if getattr(self, "_tmp", None) is not None:
            self.close()


def duck_envelope(start: int, frames: int, spans: Sequence[tuple[int, int]], attack: int, release: int) -> np.ndarray:
    """How far down (0 = not at all, 1 = the full amount) the bed is at each of ``frames`` frames from
    ``start``: fully down over each speech span, going down over ``attack`` frames before it and coming
    back over ``release`` frames after it. ``spans`` are (start, end) frames in time order, not overlapping."""
    out = np.zeros(frames, dtype=np.float32)
    if not spans or frames <= 0:
        return out
    stop = start + frames
    ends = [e for _, e in spans]
    starts = [s for s, _ in spans]
    first = bisect.bisect_left(ends, start - release)
    last = bisect.bisect_left(starts, stop + attack)
    if first >= last:
        return out
    t = np.arange(start, stop, dtype=np.float64)
    for s, e in spans[first:last]:
        lo, hi = s - attack, e + release
        a, b = max(lo, start), min(hi, stop)
        if b <= a:
            continue
        seg = t[a - start: b - start]
        up = np.clip((seg - lo) / attack, 0.0, 1.0) if attack > 0 else (seg >= s).astype(np.float64)
        down = np.clip((hi - seg) / release, 0.0, 1.0) if release > 0 else (seg < e).astype(np.float64)
        np.maximum(out[a - start: b - start], np.minimum(up, down), out=out[a - start: b - start])
    return out


class BedTrack:
    """A music bed from frame 0 of the mix to ``end`` (the episode's end, or the file's when it does not
    loop and is shorter), at ``volume_db``, faded in and out, and ``duck_db`` down under ``spans``."""

    def __init__(self, reader: StreamReader, *, total_frames: int, volume_db: float = 0.0, fade_in: int = 0,
                 fade_out: int = 0, spans: Sequence[tuple[int, int]] = (), duck_db: float = 0.0, attack: int = 0,
                 release: int = 0, bus: Hashable = "music") -> None:
        self.reader = reader
        self.bus = bus
        self.end = total_frames if reader.loop else min(total_frames, reader.frames)
        self.volume_db = volume_db
        self.fade_in = max(0, fade_in)
        self.fade_out = max(0, fade_out)
        self.spans = list(spans)
        self.duck_db = max(0.0, duck_db)
        self.attack = max(0, attack)
        self.release = max(0, release)
        self._next = 0  # the mix frame the reader stands at

    def gain(self, start: int, frames: int) -> np.ndarray:
        """The bed's linear gain for frames ``[start, start + frames)``: volume, ducking and fades."""
        db = np.full(frames, self.volume_db, dtype=np.float64)
        if self.duck_db > 0 and self.spans:
            db -= self.duck_db * duck_envelope(start, frames, self.spans, self.attack, self.release)
        g = np.power(10.0, db / 20.0)
        t = np.arange(start, start + frames, dtype=np.float64)
        if self.fade_in:
            g *= np.clip(t / self.fade_in, 0.0, 1.0)
        if self.fade_out:
            g *= np.clip((self.end - t) / self.fade_out, 0.0, 1.0)
        return g.astype(np.float32)

    def render(self, start: int, frames: int, channels: int) -> np.ndarray | None:
        n = max(0, min(frames, self.end - start))
        if n <= 0:
            return None
        if start != self._next:
            self.reader.seek(start)
        raw = self.reader.read(n)
        self._next = start + len(raw)
        out = np.zeros((frames, channels), dtype=np.float32)
        if len(raw):
            g = self.gain(start, len(raw))
            add_into(out[: len(raw)], raw * g[:, None])
        return out

    def close(self) -> None:
        self.reader.close()
