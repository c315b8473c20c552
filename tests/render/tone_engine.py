"""A tiny deterministic speech engine for scheduler tests: a tone per character, counted calls.

It stands in for a real engine so the render queue itself is what the tests exercise.
"""

from __future__ import annotations

import asyncio
import io

import numpy as np
import soundfile as sf

from studio.domain.render_key import SpeechRequest
from studio.engines.speech import EngineError, SpeechResult, Voice

RATE = 24000


def tone_wav(seconds: float, freq: float = 220.0) -> bytes:
    t = np.arange(int(seconds * RATE)) / RATE
    buf = io.BytesIO()
    sf.write(buf, (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32), RATE, format="WAV", subtype="PCM_16")
    return buf.getvalue()


class ToneEngine:
    name = "espeak"

    def __init__(self, delay: float = 0.0, fail_texts: tuple[str, ...] = ()) -> None:
        self.calls: list[SpeechRequest] = []
        self.delay = delay
        self.fail_texts = fail_texts
        self.running = 0
        self.max_running = 0

    @property
    def model(self) -> str:
        return "tone-1"

    @property
    def max_concurrency(self) -> int:
        return 2

    async def voices(self) -> list[Voice]:
        return [Voice("espeak", "narrator", "Narrator", "female", "adult", narrator=True),
                Voice("espeak", "female_lead", "F", "female", "young"),
                Voice("espeak", "male_lead", "M", "male", "adult"),
                Voice("espeak", "old_man", "Old", "male", "old")]

    def prepare(self, request: SpeechRequest) -> SpeechRequest:
        from dataclasses import replace

        return replace(request, model=self.model, emotion=None, sample_rate=RATE, audio_format="wav")

    async def synthesize(self, request: SpeechRequest) -> SpeechResult:
        self.calls.append(request)
        self.running += 1
        self.max_running = max(self.max_running, self.running)
        try:
            await asyncio.sleep(self.delay)
            if any(t in request.text for t in self.fail_texts):
                raise EngineError(f"Cannot say “{request.text}”.", trace_id="trace-1")
            seconds = 0.1 * len(request.text)
            return SpeechResult(tone_wav(seconds), "wav", RATE, int(round(seconds * 1000)), self.name,
                                self.model, request.voice_id)
        finally:
            self.running -= 1

    async def aclose(self) -> None:
        pass
