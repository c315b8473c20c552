"""Mixing in blocks: an episode's clips summed a block at a time, so memory does not grow with its length.

Lives here: ``Clip`` (samples that start at a frame of the mix, decoded only when a block first needs
them and dropped after the last block they sound in), ``Track`` (a lane that makes its own samples for
any stretch of the mix, e.g. a music bed), ``MixBlock`` and ``BlockMixer``, which yields the mix (and,
when asked, one buffer per bus: the stems) block by block, or renders any window of it. Mono clips are
panned with a constant-power law in a stereo mix, so a centred clip is as loud in stereo as in mono.
Does not live here: decoding, placing lines (``studio.domain.timeline``), loudness, encoding, Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

#: Frames per block when the caller names none: two seconds at 48 kHz.
DEFAULT_BLOCK = 96_000


@dataclass(frozen=True)
class Clip:
    """Samples that start at frame ``start`` of the mix.

    ``frames`` is the expected length (e.g. a take's duration): a window that starts after
    ``start + frames`` never decodes the clip. The clip keeps all the samples ``load`` returns, whatever
    ``frames`` says. ``load`` gives float samples at the mix rate, 1-D (mono) or frames × channels.
    """

    start: int
    frames: int
    load: Callable[[], np.ndarray]
    gain: float = 1.0
    pan: float = 0.0  # -1 (left) .. 1 (right): where a mono clip sits in a stereo mix
    bus: Hashable = None  # the stem this clip belongs to


class Track(Protocol):
    """A lane that makes its own samples: ``render(start, frames, channels)`` returns frames × channels
    float32 samples for ``[start, start + frames)`` of the mix (or None for silence there). Calls come in
    order for a streamed mix, but a track must also answer a jump (a window somewhere else)."""

    bus: Hashable

    def render(self, start: int, frames: int, channels: int) -> np.ndarray | None: ...


@dataclass
class MixBlock:
    """One block of the mix: frames ``[start, start + len(mix))``; ``buses`` holds each bus's share
    (same shape as ``mix``; they add up to it) when the mixer was asked for them."""

    start: int
    mix: np.ndarray
    buses: dict[Hashable, np.ndarray] | None = None


def pan_gains(pan: float) -> tuple[float, float]:
    """Left and right gains of a mono signal at ``pan`` (-1 .. 1), constant power: ``l² + r² = 1``."""
    p = min(1.0, max(-1.0, float(pan)))
    angle = (p + 1.0) * math.pi / 4.0
    return math.cos(angle), math.sin(angle)


def add_into(out: np.ndarray, samples: np.ndarray, gain: float = 1.0, pan: float = 0.0) -> None:
    """Add ``samples`` (1-D or n × channels, ``len(samples) == len(out)``) times ``gain`` into ``out``
    (n × channels). Mono into stereo is panned; stereo into mono is averaged; otherwise channel to channel."""
    channels = out.shape[1]
    x = np.asarray(samples, dtype=np.float32)
    if x.ndim == 1:
        if channels == 1:
            if gain == 1.0:
                out[:, 0] += x
            else:
                out[:, 0] += x * np.float32(gain)
            return
        left, right = pan_gains(pan)
        out[:, 0] += x * np.float32(gain * left)
        out[:, 1] += x * np.float32(gain * right)  # further channels, if any, get none
        return
    if x.shape[1] == channels:
        out += x if gain == 1.0 else x * np.float32(gain)
    elif channels == 1:
        out[:, 0] += x.mean(axis=1) * np.float32(gain)
    elif x.shape[1] == 1:
        add_into(out, x[:, 0], gain, pan)
    else:
        width = min(channels, x.shape[1])
        out[:, :width] += x[:, :width] * np.float32(gain)


class BlockMixer:
    """The sum of ``clips`` and ``tracks`` over ``total_frames`` frames with ``channels`` channels.

    ``blocks`` streams it in order; ``render`` returns any window. Each clip is decoded when the first
    block it sounds in is made and let go after the last one, so a streamed mix holds only the clips
    that sound in the current block. Clips that run past ``total_frames`` are cut there.
    """

    def __init__(self, clips: Sequence[Clip], total_frames: int, channels: int = 1, *,
                 tracks: Sequence[Track] = (), block_frames: int = DEFAULT_BLOCK,
                 margin_frames: int = 0) -> None:
        """``margin_frames``: how far a decoded clip may run past its expected ``frames`` (rounding of
        durations); a window starting later than that after a clip's expected end skips the clip."""
        if channels < 1:
            raise ValueError("a mix needs at least one channel")
        self.clips = sorted(clips, key=lambda c: c.start)
        self.total_frames = max(0, int(total_frames))
        self.channels = int(channels)
        self.tracks = list(tracks)
        self.block_frames = max(1, int(block_frames))
        self.margin = max(0, int(margin_frames))

    def bus_keys(self) -> list[Hashable]:
        """Every bus that has a clip or a track, in the order they first appear."""
        keys = [c.bus for c in self.clips] + [t.bus for t in self.tracks]
        return list(dict.fromkeys(keys))

    def blocks(self, start: int = 0, stop: int | None = None, *, buses: bool = False,
               block_frames: int | None = None) -> Iterator[MixBlock]:
        """Blocks of the mix covering ``[start, stop)`` (default: all of it), in order."""
        stop = self.total_frames if stop is None else min(int(stop), self.total_frames)
        start = max(0, int(start))
        step = max(1, int(block_frames or self.block_frames))
        keys = self.bus_keys() if buses else []
        active: list[tuple[Clip, np.ndarray]] = []
        i = 0
        n_clips = len(self.clips)
        for b0 in range(start, stop, step):
            b1 = min(stop, b0 + step)
            n = b1 - b0
            while i < n_clips and self.clips[i].start < b1:
                clip = self.clips[i]
                i += 1
                if clip.start + clip.frames + self.margin <= b0:
                    continue  # over before the window starts: never decoded
                active.append((clip, self._decode(clip)))
            mix = np.zeros((n, self.channels), dtype=np.float32)
            parts = {k: np.zeros((n, self.channels), dtype=np.float32) for k in keys} if buses else None
            still: list[tuple[Clip, np.ndarray]] = []
            for clip, samples in active:
                lo = max(b0, clip.start)
                hi = min(b1, clip.start + len(samples))
                if hi > lo:
                    piece = samples[lo - clip.start: hi - clip.start]
                    target = parts[clip.bus] if parts is not None else mix
                    add_into(target[lo - b0: hi - b0], piece, clip.gain, clip.pan)
                if clip.start + len(samples) > b1:
                    still.append((clip, samples))
            active = still
            for track in self.tracks:
                sound = track.render(b0, n, self.channels)
                if sound is None:
                    continue
                if parts is not None:
                    parts[track.bus] += sound
                else:
                    mix += sound
            if parts is not None:
                for part in parts.values():
                    mix += part
            yield MixBlock(b0, mix, parts)

    def render(self, start: int, stop: int) -> np.ndarray:
        """Frames ``[start, stop)`` of the mix as one frames × channels float32 array (zeros past the end)."""
        start, stop = max(0, int(start)), max(0, int(stop))
        out = np.zeros((max(0, stop - start), self.channels), dtype=np.float32)
        for block in self.blocks(start, stop):
            out[block.start - start: block.start - start + len(block.mix)] = block.mix
        return out

    def close(self) -> None:
        """Let go of what the tracks hold open (a music file, a temporary decode)."""
        for track in self.tracks:
            closer = getattr(track, "close", None)
            if closer is not None:
                closer()

    @staticmethod
    def _decode(clip: Clip) -> np.ndarray:
        samples = np.asarray(clip.load(), dtype=np.float32)
        if samples.ndim not in (1, 2):
            raise ValueError(f"a clip's samples must be 1-D or frames × channels, got shape {samples.shape}")
        return samples
