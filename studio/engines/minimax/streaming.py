"""Raw pcm from a t2a_v2 stream turned into float32 sample blocks, and pcm wrapped in a WAV file.

MiniMax's ``pcm`` format is raw signed 16-bit little-endian mono at the request's sample rate (the
contract does not state it; this is what field clients use). Stream pieces are whole bytes but may end
in the middle of a sample, so ``PcmDecoder`` carries the odd byte over to the next piece.
``SampleStream`` is what ``MiniMaxEngine.stream_samples`` returns: an async iterator of float32 blocks
that also knows its sample rate. No network, no Qt.
"""

from __future__ import annotations

import io
import wave
from collections.abc import AsyncIterator, Awaitable
from typing import Any

import numpy as np


class PcmDecoder:
    """Feed raw 16-bit little-endian bytes, get float32 samples in [-1, 1)."""

    def __init__(self) -> None:
        self._carry = b""

    def feed(self, data: bytes) -> np.ndarray:
        data = self._carry + data
        whole = len(data) - len(data) % 2
        self._carry = data[whole:]
        return np.frombuffer(data[:whole], dtype="<i2").astype(np.float32) / np.float32(32768.0)

    @property
    def pending(self) -> int:
        """Bytes held back (0 or 1); a finished stream should leave none."""
        return len(self._carry)


def pcm_to_wav(pcm: bytes, sample_rate: int) -> bytes:
    """A 16-bit mono WAV file holding ``pcm`` (a trailing odd byte is dropped)."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(int(sample_rate))
        w.writeframes(pcm[: len(pcm) - len(pcm) % 2])
    return buf.getvalue()


class SampleStream:
    """float32 mono blocks at ``sample_rate``, as they arrive: ``async for block in stream``.

    ``pcm`` holds every byte received so far, so once the loop ends ``wav()`` is the whole clip.
    """

    def __init__(self, blocks: AsyncIterator[np.ndarray], sample_rate: int) -> None:
        self._blocks = blocks
        self.sample_rate = int(sample_rate)
        self.pcm = bytearray()
        self.finished = False

    @classmethod
    def from_pcm(cls, pieces: AsyncIterator[bytes], sample_rate: int) -> SampleStream:
        stream: SampleStream

        async def blocks() -> AsyncIterator[np.ndarray]:
            decoder = PcmDecoder()
            async for piece in pieces:
                stream.pcm.extend(piece)
                block = decoder.feed(piece)
                if block.size:
                    yield block
            stream.finished = True

        stream = cls(blocks(), sample_rate)
        return stream

    @classmethod
    def from_result(cls, result: Awaitable[Any], sample_rate: int) -> SampleStream:
        """One block: the decoded audio of an awaited ``SpeechResult`` (a wav file)."""
        stream: SampleStream

        async def blocks() -> AsyncIterator[np.ndarray]:
            import soundfile

            done = await result
            samples, rate = soundfile.read(io.BytesIO(done.audio), dtype="float32", always_2d=True)
            mono = samples.mean(axis=1).astype(np.float32)
            if int(rate) != stream.sample_rate:
                import soxr

                mono = np.asarray(soxr.resample(mono, int(rate), stream.sample_rate), dtype=np.float32)
            stream.pcm.extend((np.clip(mono, -1.0, 1.0) * 32767.0).astype("<i2").tobytes())
            stream.finished = True
            yield mono

        stream = cls(blocks(), sample_rate)
        return stream

    def __aiter__(self) -> AsyncIterator[np.ndarray]:
        return self._blocks

    async def aclose(self) -> None:
        closer = getattr(self._blocks, "aclose", None)
        if closer is not None:
            await closer()

    def wav(self) -> bytes:
        """Everything received so far as a WAV file."""
        return pcm_to_wav(bytes(self.pcm), self.sample_rate)

    @property
    def duration_ms(self) -> int:
        return round(len(self.pcm) // 2 * 1000 / self.sample_rate) if self.sample_rate else 0
