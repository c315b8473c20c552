"""Playback head: plays a float32 buffer on the default sound output through sounddevice.

``Player`` lives on the GUI thread. PortAudio calls our stream callback on its own thread; that
callback only copies frames out of the buffer and bumps a frame counter (a plain int, atomic under
the GIL). A ``QTimer`` on the GUI thread polls the counter and turns it into ``position_changed``
and, once the stream reports it has drained, ``finished``. Nothing in the callback touches Qt.

Having no sound output is a normal state, not an error: no PortAudio library, no devices, or a
device that refuses to open all end in ``state == "unavailable"`` with a sentence in
``unavailable_reason``, and ``play()`` raises for none of them. ``sounddevice`` is imported lazily (PortAudio
scans devices at import time), so constructing a ``Player`` is free.

No decoding, mixing or file access here: callers pass samples already in memory.
"""

from __future__ import annotations

import collections
import importlib
import threading
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

PLAYING = "playing"
STOPPED = "stopped"
UNAVAILABLE = "unavailable"

NO_LIBRARY = (
    "The PortAudio sound library is not installed; playback is off, rendering and export still work."
)
NO_DEVICE = "No audio output device was found; playback is off, rendering and export still work."

_POLL_MS = 30


@dataclass
class _Voice:
    """One playing buffer. Written by the audio thread (``frame``, ``done``), read by the GUI thread."""

    buffer: np.ndarray  # (frames, channels) float32, C-contiguous
    rate: int
    frame: int
    start_frame: int
    done: threading.Event = field(default_factory=threading.Event)
    stream: Any = None
    #: a stream: blocks still to play (the audio thread pops them), while ``growing`` more may come
    queue: collections.deque[np.ndarray] | None = None
    queued: int = 0  # frames handed to the stream so far
    growing: bool = False
    level: float = 0.0  # RMS of the last callback's frames

    def end(self) -> int:
        return self.buffer.shape[0] if self.queue is None else self.queued


class Player(QObject):
    """Plays one buffer at a time on the default output device.

    Signals: ``position_changed(ms)`` while playing (about every 30 ms) and at stop/end;
    ``state_changed(state)`` with ``"playing"``, ``"stopped"`` or ``"unavailable"``;
    ``finished()`` when a buffer plays to its end (not on ``stop()``).
    """

    position_changed = Signal(int)
    state_changed = Signal(str)
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sd: ModuleType | None = None
        self._probed = False
        self._reason = ""
        self._last_error = ""
        self._device_rate: float | None = None
        self._device_channels = 0
        self._state = STOPPED
        self.owner = ""  # who started what is playing ("episode", "preview")
        self._voice: _Voice | None = None
        self._position_ms = 0
        self._last_emitted_ms = -1
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._poll)

    # -- availability -------------------------------------------------------------------------

    def available(self) -> bool:
        """True when an output device exists. The first call loads PortAudio; the answer is cached."""
        if not self._probed:
            self._probe()
        return self._sd is not None and not self._reason

    @property
    def unavailable_reason(self) -> str:
        """A sentence for the user when there is no output (or it would not open), else ``""``."""
        if not self._probed:
            self._probe()
        if self._reason:
            return self._reason
        return self._last_error if self._state == UNAVAILABLE else ""

    def state(self) -> str:
        return self._state

    def _probe(self) -> None:
        self._probed = True
        try:
            sd = importlib.import_module("sounddevice")
        except Exception:  # OSError when libportaudio is missing; anything else is just as fatal
            self._sd, self._reason = None, NO_LIBRARY
            return
        self._sd = sd
        try:
            dev = sd.query_devices(kind="output")
        except Exception:  # PortAudioError "Error querying device -1" when there are none
            dev = None
        if not dev or int(dev.get("max_output_channels", 0) or 0) < 1:
            self._reason = NO_DEVICE
            return
        self._reason = ""
        self._device_rate = float(dev.get("default_samplerate") or 0) or None
        self._device_channels = int(dev["max_output_channels"])

    # -- transport -----------------------------------------------------------------------------

    def play(self, samples: np.ndarray, rate: int, start_ms: int = 0, owner: str = "") -> None:
        """Play ``samples`` (1-D mono or ``(frames, channels)``) at ``rate`` Hz from ``start_ms``.

        Replaces whatever is playing. ``owner`` names who plays ("episode", "preview"), so a listener can
        tell whose position ``position_changed`` reports. Without an output device this emits ``"unavailable"`` (every
        time, so the caller can show ``unavailable_reason``) and returns.
        """
        self._stop_voice()
        self.owner = owner
        if not self.available():
            self._set_state(UNAVAILABLE, force=True)
            return
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        buf = _as_frames(samples)
        if self._device_channels and buf.shape[1] > self._device_channels:
            buf = np.ascontiguousarray(buf.mean(axis=1, keepdims=True, dtype=np.float32))
        start_frame = min(buf.shape[0], max(0, int(round(start_ms * rate / 1000))))
        if start_frame >= buf.shape[0]:
            self._position_ms = _frames_to_ms(buf.shape[0], rate)
            self._set_state(STOPPED)
            self.position_changed.emit(self._position_ms)
            self.finished.emit()
            return

        voice = self._open(buf, rate, start_frame)
        if voice is None and self._device_rate and int(self._device_rate) != rate:
            # Some devices take only their own rate; resample rather than stay silent.
            dev_rate = int(self._device_rate)
            voice = self._open(_resample(buf, rate, dev_rate), dev_rate, int(start_frame * dev_rate / rate))
        if voice is None:
            self._set_state(UNAVAILABLE, force=True)
            return
        self._voice = voice
        self._position_ms = _frames_to_ms(start_frame, voice.rate)
        self._last_emitted_ms = -1
        try:
            voice.stream.start()
        except Exception as exc:
            self._close_stream(voice)
            self._voice = None
            self._last_error = _open_failed(exc)
            self._set_state(UNAVAILABLE, force=True)
            return
        self._set_state(PLAYING)
        self._emit_position(self._position_ms)
        self._timer.start()

    def play_stream(self, rate: int, channels: int = 1, owner: str = "") -> bool:
        """Start playing sound that is still arriving: ``feed()`` adds blocks, ``end_stream()`` says there is
        no more. Silence is played while the stream runs dry (the position waits for the sound). Nothing is
        held but the blocks not yet played, so an episode of any length streams. Returns False when there is
        no output."""
        self._stop_voice()
        self.owner = owner
        if not self.available():
            self._set_state(UNAVAILABLE, force=True)
            return False
        channels = max(1, min(channels, self._device_channels or channels))
        voice = self._open(np.zeros((0, channels), dtype=np.float32), rate, 0, stream=True)
        if voice is None:
            self._set_state(UNAVAILABLE, force=True)
            return False
        self._voice = voice
        self._position_ms = 0
        self._last_emitted_ms = -1
        try:
            voice.stream.start()
        except Exception as exc:
            self._close_stream(voice)
            self._voice = None
            self._last_error = _open_failed(exc)
            self._set_state(UNAVAILABLE, force=True)
            return False
        self._set_state(PLAYING)
        self._timer.start()
        return True

    def feed(self, samples: np.ndarray) -> None:
        """More samples (mono, or frames × channels) for the stream started by ``play_stream``."""
        voice = self._voice
        if voice is None or voice.queue is None or not voice.growing:
            return
        block = _as_frames(samples)
        width = voice.buffer.shape[1]
        if block.shape[1] != width:
            block = block.mean(axis=1, keepdims=True, dtype=np.float32) if width == 1 else \
                np.repeat(block[:, :1], width, axis=1)
        voice.queue.append(np.ascontiguousarray(block, dtype=np.float32))
        voice.queued += block.shape[0]

    def end_stream(self) -> None:
        voice = self._voice
        if voice is not None:
            voice.growing = False

    def queued_ms(self) -> int:
        """How much of a stream has been fed but not played yet."""
        voice = self._voice
        if voice is None or voice.queue is None:
            return 0
        return _frames_to_ms(max(0, voice.queued - voice.frame), voice.rate)

    def level(self) -> float:
        """How loud the sound just played was (RMS, 0..1): for a level meter."""
        voice = self._voice
        if voice is None:
            return 0.0
        if voice.queue is not None:
            return voice.level
        end = min(voice.frame, voice.end())
        start = max(0, end - voice.rate // 20)
        if end <= start:
            return 0.0
        block = voice.buffer[start:end]
        return float(np.sqrt(np.mean(np.square(block))))

    def stop(self) -> None:
        """Stop at once. Emits ``"stopped"`` if something was playing; never emits ``finished``."""
        was_playing = self._voice is not None
        if was_playing:
            self._position_ms = self._current_ms(self._voice)  # type: ignore[arg-type]
        self._stop_voice()
        if was_playing:
            self._emit_position(self._position_ms)
            self._set_state(STOPPED)

    def position_ms(self) -> int:
        """Where playback is (or stopped), in ms of the buffer passed to ``play``."""
        if self._voice is not None:
            return self._current_ms(self._voice)
        return self._position_ms

    # -- internals -----------------------------------------------------------------------------

    def _open(self, buf: np.ndarray, rate: int, start_frame: int, stream: bool = False) -> _Voice | None:
        sd = self._sd
        assert sd is not None
        voice = _Voice(buffer=buf, rate=rate, frame=start_frame, start_frame=start_frame)
        if stream:
            voice.queue, voice.growing = collections.deque(), True
        callback_stop = sd.CallbackStop

        def from_buffer(outdata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
            # Audio thread: copy frames, advance the counter, nothing else.
            pos = voice.frame
            end = voice.end()
            chunk = voice.buffer[pos : min(pos + frames, end)]
            n = chunk.shape[0]
            outdata[:n] = chunk
            if n < frames:
                outdata[n:] = 0
            voice.frame = pos + n
            if pos + n >= end:
                raise callback_stop

        def from_queue(outdata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
            # Audio thread: pop fed blocks into the output (silence while the stream runs dry).
            queue = voice.queue
            assert queue is not None
            n = 0
            while n < frames and queue:
                block = queue[0]
                take = min(frames - n, block.shape[0])
                outdata[n:n + take] = block[:take]
                if take == block.shape[0]:
                    queue.popleft()
                else:
                    queue[0] = block[take:]
                n += take
            if n < frames:
                outdata[n:] = 0
            voice.frame += n
            voice.level = float(np.sqrt(np.mean(np.square(outdata[:n])))) if n else 0.0
            if not queue and not voice.growing:
                raise callback_stop

        callback = from_queue if stream else from_buffer

        try:
            voice.stream = sd.OutputStream(
                samplerate=rate,
                channels=buf.shape[1],
                dtype="float32",
                callback=callback,
                finished_callback=voice.done.set,
            )
        except Exception as exc:  # PortAudioError, ValueError (bad rate/channels), OSError
            self._last_error = _open_failed(exc)
            return None
        self._last_error = ""
        return voice

    def _current_ms(self, voice: _Voice) -> int:
        ms = _frames_to_ms(voice.frame, voice.rate)
        latency = getattr(voice.stream, "latency", 0.0) or 0.0
        if isinstance(latency, (int, float)) and not voice.done.is_set():
            ms -= int(latency * 1000)
        return max(_frames_to_ms(voice.start_frame, voice.rate), min(ms, self._end_ms(voice)))

    @staticmethod
    def _end_ms(voice: _Voice) -> int:
        return _frames_to_ms(voice.end(), voice.rate)

    def _poll(self) -> None:
        voice = self._voice
        if voice is None:
            self._timer.stop()
            return
        if voice.done.is_set():
            self._position_ms = self._end_ms(voice)
            self._stop_voice()
            self._emit_position(self._position_ms)
            self._set_state(STOPPED)
            self.finished.emit()
            return
        self._emit_position(self._current_ms(voice))

    def _emit_position(self, ms: int) -> None:
        if ms != self._last_emitted_ms:
            self._last_emitted_ms = ms
            self.position_changed.emit(ms)

    def _stop_voice(self) -> None:
        self._timer.stop()
        voice, self._voice = self._voice, None
        if voice is not None:
            self._close_stream(voice)

    @staticmethod
    def _close_stream(voice: _Voice) -> None:
        stream = voice.stream
        if stream is None:
            return
        try:
            if not voice.done.is_set():
                stream.abort()
        except Exception:
            pass
        try:
            stream.close()
        except Exception:
            pass

    def _set_state(self, state: str, force: bool = False) -> None:
        if state != self._state or force:
            self._state = state
            self.state_changed.emit(state)


def _as_frames(samples: np.ndarray) -> np.ndarray:
    a = np.asarray(samples)
    if np.issubdtype(a.dtype, np.integer):
        info = np.iinfo(a.dtype)
        a = a.astype(np.float32) / float(max(abs(info.min), info.max))
    a = a.astype(np.float32, copy=False)
    if a.ndim == 1:
        a = a[:, None]
    elif a.ndim != 2:
        raise ValueError(f"samples must be 1-D or (frames, channels), got shape {a.shape}")
    if a.shape[1] == 0:
        a = np.zeros((a.shape[0], 1), dtype=np.float32)
    return np.ascontiguousarray(a)


def _resample(buf: np.ndarray, src: int, dst: int) -> np.ndarray:
    """Linear resampling, good enough for monitoring; exports never go through here."""
    n = buf.shape[0]
    m = max(1, int(round(n * dst / src)))
    x_new = np.arange(m, dtype=np.float64) * (src / dst)
    x_old = np.arange(n, dtype=np.float64)
    cols = [np.interp(x_new, x_old, buf[:, c]).astype(np.float32) for c in range(buf.shape[1])]
    return np.ascontiguousarray(np.stack(cols, axis=1))


def _frames_to_ms(frames: int, rate: int) -> int:
    return int(frames * 1000 // rate)


def _open_failed(exc: BaseException) -> str:
    detail = str(exc).strip() or type(exc).__name__
    return (
        f"The audio output could not be opened ({detail}); "
        "playback is off, rendering and export still work."
    )
