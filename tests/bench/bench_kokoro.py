"""Kokoro speed on this machine: real-time factor and warm time to first audio, for zh and en.

Run with ``python tests/bench/bench_kokoro.py`` from the repository root. Not a pytest module.
Targets on a 2-core CPU: RTF <= 0.4 on a paragraph, warm first audio <= 1.5 s for one drama line.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.engines.kokoro import KokoroEngine  # noqa: E402
from studio.engines.speech import SpeechRequest, SpeechResult  # noqa: E402

PARAGRAPHS = {
    "zh": ("夜深了，城市的灯一盏一盏熄灭。林晓站在窗前，手里握着那封没有寄出的信。"
           "她想起十年前的那个夏天，他们在海边许下的约定。如今他回来了，却已经不认识她。"
           "她深吸一口气，决定明天去见他，把一切都说清楚。"),
    "en": ("The city lights went out one by one. Lin stood by the window, holding the letter she never sent. "
           "She remembered the summer ten years ago and the promise they made by the sea. "
           "Now he was back, and he did not recognise her. She took a deep breath and decided to see him tomorrow."),
}
LINES = {"zh": "你到底想怎么样？", "en": "What do you really want from me?"}
RTF_TARGET, FIRST_AUDIO_TARGET = 0.4, 1.5


def timed(engine: KokoroEngine, text: str, lang: str, voice: str = "female_lead",
          repeat: int = 1) -> tuple[float, float, SpeechResult]:
    """Best wall time and best CPU time of ``repeat`` blocking syntheses, and the last result."""
    best = best_cpu = float("inf")
    req = engine.prepare(SpeechRequest(engine="kokoro", voice_id=voice, text=text, language=lang))
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = engine.synthesize_sync(req)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best, best_cpu, result


async def main() -> int:
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.2f}" + ("  (busy machine: numbers will be high)" if load > 0.8 else ""))
    engine = KokoroEngine()
    start = time.perf_counter()
    await engine.preload()
    print(f"cold load (model + G2P dictionaries): {time.perf_counter() - start:.2f} s")
    ok = True
    for lang in ("zh", "en"):
        timed(engine, LINES[lang], lang)  # warm the code paths for this language
        first, _, line = timed(engine, LINES[lang], lang, repeat=3)
        seconds, cpu, para = timed(engine, PARAGRAPHS[lang], lang, repeat=2)
        rtf = seconds / (para.duration_ms / 1000)
        ok &= rtf <= RTF_TARGET and first <= FIRST_AUDIO_TARGET
        print(f"[{lang}] paragraph: {para.duration_ms / 1000:.2f} s of audio in {seconds:.2f} s -> "
              f"RTF {rtf:.3f} (target <= {RTF_TARGET}); CPU seconds per audio second {cpu / (para.duration_ms / 1000):.3f}")
        print(f"[{lang}] warm first audio for one line ({line.duration_ms / 1000:.2f} s of audio): "
              f"{first:.2f} s (target <= {FIRST_AUDIO_TARGET} s)")
        slow, _, _ = timed(engine, PARAGRAPHS[lang], lang, voice="old_man")
        print(f"[{lang}] paragraph with a pitch-shifted preset (old_man): {slow:.2f} s")
    print(f"load average now {os.getloadavg()[0]:.2f}")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
