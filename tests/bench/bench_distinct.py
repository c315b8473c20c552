"""How many offline presets a listener can tell apart, measured with the speaker-embedding model.

Every Kokoro preset speaks a fixed pair of Chinese lines and a fixed pair of English lines. For two
voices A and B, their likeness is the mean cosine similarity of A's first line with B's second and A's
second with B's first (different words, as in the same-voice measure), over both languages. A voice's
own likeness is that of its two lines with each other; the *same-voice floor* is the lowest of these.
Two presets count as distinct when their likeness is below the floor: they are less alike than two lines
of one voice ever are. A stricter measure compares whole voices: the mean embedding of each preset's four
lines, against the same floor (averaging removes what the words add, so voices come out more alike). The
report is the largest set of mutually distinct presets by each measure; the target is for the strict one.

Each line's embedding is kept in ``<cache>/bench-distinct`` under the preset's recipe, so a run after a
change renders only the presets whose recipe changed (``--fresh`` renders all).

Run with ``python tests/bench/bench_distinct.py [--engine kokoro|espeak] [--target 8]`` from the
repository root (about a minute on two cores). Not a pytest module; exits 1 below the target.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import sys
import time
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.engines.offline_presets import PRESET_IDS, preset_version  # noqa: E402
from studio.engines.registry import create_engine  # noqa: E402
from studio.engines.speech import SpeechRequest  # noqa: E402
from studio.library.embedding import (  # noqa: E402
    EmbeddingCache,
    cache_folder,
    encoder,
    encoder_problem,
    largest_distinct,
    similarity,
)

LINES = {
    "zh": ("夜深了，城市的灯一盏一盏熄灭，她还站在窗前等他回来。",
           "你到底想怎么样？我已经等了你整整十年，不想再等了。"),
    "en": ("The city lights went out one by one, and she was still waiting by the window.",
           "What do you really want from me? I have waited ten years and I am done waiting."),
}


def likeness(a: dict[str, list[np.ndarray]], b: dict[str, list[np.ndarray]]) -> float:
    return float(np.mean([(similarity(a[lang][0], b[lang][1]) + similarity(a[lang][1], b[lang][0])) / 2
                          for lang in LINES]))


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default="kokoro")
    parser.add_argument("--target", type=int, default=8)
    parser.add_argument("--fresh", action="store_true", help="render every preset again")
    args = parser.parse_args()
    problem = encoder_problem()
    if problem:
        print(problem)
        return 2
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    engine = create_engine(args.engine)
    enc = encoder()
    cache = EmbeddingCache(cache_folder() / "bench-distinct")
    start = time.perf_counter()
    emb: dict[str, dict[str, list[np.ndarray]]] = {}
    seconds, rendered = 0.0, 0
    for pid in PRESET_IDS:
        emb[pid] = {}
        for lang, pair in LINES.items():
            emb[pid][lang] = []
            for text in pair:
                version = f"{preset_version(args.engine, pid)}|{engine.model}|{text}"
                vector = None if args.fresh else cache.get(args.engine, pid, version)
                if vector is None:
                    result = await engine.synthesize(SpeechRequest(engine=args.engine, voice_id=pid, text=text,
                                                                   language=lang))
                    audio, rate = sf.read(io.BytesIO(result.audio), dtype="float32")
                    seconds += len(audio) / rate
                    rendered += 1
                    vector = enc.embed(audio, rate)
                    cache.put(args.engine, pid, version, vector)
                emb[pid][lang].append(vector)
    await engine.aclose()
    print(f"rendered and embedded {rendered} lines ({seconds:.0f} s of speech) in {time.perf_counter() - start:.0f} s; "
          f"{4 * len(PRESET_IDS) - rendered} from the cache")

    own = {pid: float(np.mean([similarity(*emb[pid][lang]) for lang in LINES])) for pid in PRESET_IDS}
    floor = min(own.values())
    matrix = {(a, b): own[a] if a == b else likeness(emb[a], emb[b]) for a in PRESET_IDS for b in PRESET_IDS}
    width = max(len(p) for p in PRESET_IDS)
    print("\nlikeness (diagonal: the voice's own two lines; * = at or above the floor)")
    print(" " * width + " " + " ".join(f"{p[:6]:>7}" for p in PRESET_IDS))
    for a in PRESET_IDS:
        cells = []
        for b in PRESET_IDS:
            value = matrix[a, b]
            mark = "*" if a != b and value >= floor else " "
            cells.append(f"{value:6.2f}{mark}")
        print(f"{a:>{width}} " + " ".join(cells))
    print(f"\nsame-voice floor: {floor:.3f} ({min(own, key=own.get)}); own likeness "
          f"{min(own.values()):.2f}–{max(own.values()):.2f}")
    pairs = sorted(((matrix[a, b], a, b) for i, a in enumerate(PRESET_IDS) for b in PRESET_IDS[i + 1:]),
                   reverse=True)
    print("closest pairs: " + ", ".join(f"{a} ≈ {b} ({v:.2f})" for v, a, b in pairs[:6]))
    distinct = largest_distinct(list(PRESET_IDS), lambda a, b: matrix[a, b] >= floor)
    print(f"\nmutually distinct presets, line by line: {len(distinct)} of {len(PRESET_IDS)}: {', '.join(distinct)}")

    voice = {pid: np.mean([v for lang in LINES for v in emb[pid][lang]], axis=0) for pid in PRESET_IDS}
    strict = {(a, b): similarity(voice[a], voice[b]) for a in PRESET_IDS for b in PRESET_IDS}
    pairs = sorted(((strict[a, b], a, b) for i, a in enumerate(PRESET_IDS) for b in PRESET_IDS[i + 1:]),
                   reverse=True)
    print("whole voices, closest pairs: " + ", ".join(f"{a} ≈ {b} ({v:.2f})" for v, a, b in pairs[:8]))
    distinct = largest_distinct(list(PRESET_IDS), lambda a, b: strict[a, b] >= floor)
    print(f"mutually distinct presets, whole voices (strict): {len(distinct)} of {len(PRESET_IDS)}: "
          f"{', '.join(distinct)}")
    sweep = [(t, len(largest_distinct(list(PRESET_IDS), lambda a, b, t=t: strict[a, b] >= t)))
             for t in (0.80, 0.82, 0.85, 0.88, 0.90)]
    print("whole voices distinct at fixed thresholds: " + ", ".join(f"{t:.2f} → {n}" for t, n in sweep))
    ok = len(distinct) >= args.target
    print(f"target >= {args.target}: " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
