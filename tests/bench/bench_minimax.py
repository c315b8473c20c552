"""Benchmark of MiniMaxEngine throughput against the fake server (not collected by pytest).

Run: ``.venv/bin/python tests/bench/bench_minimax.py [--full]``.

1. 200 lines, 300 ms server latency, a 600 RPM limit on both sides: wall time of the concurrent
   client versus a sequential client and versus the bounds set by the rate limit and by concurrency.
2. A 60 RPM limit (the window scaled down 6x unless ``--full``): achieved rate versus 60/min, and the
   number of 1002 answers (must be zero).

Prints numbers only; nothing here is imported by the studio.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from studio.domain.render_key import SpeechRequest  # noqa: E402
from studio.engines.minimax.engine import MiniMaxEngine  # noqa: E402
from studio.engines.minimax.ratelimit import EndpointLimit, RateLimits  # noqa: E402
from tests.fake_minimax.server import FakeMiniMax  # noqa: E402

T2A = "/v1/t2a_v2"


def request(i: int) -> SpeechRequest:
    return SpeechRequest(engine="minimax", voice_id="female-shaonv", text=f"第{i}句台词，测试渲染速度。",
                         audio_format="mp3", sample_rate=16000)


async def render(engine: MiniMaxEngine, count: int, workers: int) -> float:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(count):
        queue.put_nowait(i)

    async def worker() -> None:
        while not queue.empty():
            i = queue.get_nowait()
            result = await engine.synthesize(request(i))
            assert result.audio

    start = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(workers)))
    return time.monotonic() - start


async def throughput(fake: FakeMiniMax, lines: int, sequential_sample: int) -> None:
    rpm, window, latency = 600, 60.0, 0.3
    fake.latency = latency
    fake.set_rpm_limit(rpm, window=window)
    limits = RateLimits({"speech": EndpointLimit(rpm, 200_000, window=window)})
    engine = MiniMaxEngine(api_key=fake.api_key, host=fake.url, limits=limits, settings={})
    try:
        await engine.synthesize(request(-1))  # warm the connection pool and the fake's audio cache
        seq = await render(engine, sequential_sample, 1) * lines / sequential_sample
        start_calls = len(fake.calls(T2A))
        wall = await render(engine, lines, engine.max_concurrency)
    finally:
        await engine.aclose()
    rejected = sum(1 for c in fake.calls(T2A)[start_calls:] if c.code == 1002)
    workers = engine.max_concurrency
    rate_bound = max(0, math.ceil(lines / rpm) - 1) * window + latency  # sliding window: up to rpm at once
    paced_bound = lines * window / rpm  # if requests were spread evenly over the minute
    concurrency_bound = math.ceil(lines / workers) * latency
    bound = max(rate_bound, concurrency_bound)
    print(f"[1] {lines} lines, {latency * 1000:.0f} ms latency, {rpm} RPM limit, {workers} requests in flight")
    print(f"    concurrent wall time     {wall:7.2f} s")
    print(f"    sequential client        {seq:7.2f} s  (measured on {sequential_sample} lines, scaled)"
          f"  -> {seq / wall:.1f}x faster")
    print(f"    sliding-window rate bound {rate_bound:6.2f} s; concurrency bound {concurrency_bound:.2f} s;"
          f" binding bound {bound:.2f} s -> wall is {100 * (wall / bound - 1):+.1f} % of it")
    print(f"    evenly paced bound (N/RPM) {paced_bound:5.2f} s -> wall is {wall / paced_bound:.2f} of it")
    print(f"    1002 answers: {rejected}")


async def steady_rate(fake: FakeMiniMax, scale: float, lines: int) -> None:
    rpm_per_minute = 60
    window = 60.0 / scale
    limit = round(rpm_per_minute / scale)
    fake.latency = 0.3
    fake.set_rpm_limit(limit, window=window)
    limits = RateLimits({"speech": EndpointLimit(limit, 20_000, window=window)})
    engine = MiniMaxEngine(api_key=fake.api_key, host=fake.url, limits=limits, settings={})
    first = len(fake.calls(T2A))
    try:
        wall = await render(engine, lines, engine.max_concurrency)
    finally:
        await engine.aclose()
    calls = fake.calls(T2A)[first:]
    rejected = sum(1 for c in calls if c.code == 1002)
    times = sorted(c.time for c in calls)
    windows_used = (times[-1] - times[0] + window) / window
    per_window_max = fake.max_in_window(T2A, window)
    achieved = len(calls) / windows_used  # requests per window
    per_minute = achieved * 60.0 / window  # limit per window x windows per minute = 60/min
    print(f"[2] {lines} lines at {rpm_per_minute} RPM (window {window:.0f} s = 60 s / {scale:g}, limit {limit}"
          f" per window), {engine.max_concurrency} in flight")
    print(f"    wall time {wall:.1f} s; most requests in any window: {per_window_max} (limit {limit})")
    print(f"    achieved rate {per_minute:.1f}/min vs {rpm_per_minute}/min ({100 * achieved / limit:.0f} %),"
          f" counted over the {windows_used:.1f} windows the run spanned")
    print(f"    1002 answers: {rejected}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="run part 2 with a real 60 s window (about 2 min)")
    parser.add_argument("--lines", type=int, default=200)
    args = parser.parse_args()
    with FakeMiniMax() as fake:
        await throughput(fake, args.lines, sequential_sample=40)
    with FakeMiniMax() as fake:
        if args.full:
            await steady_rate(fake, 1.0, 120)
        else:
            await steady_rate(fake, 6.0, 40)


if __name__ == "__main__":
    asyncio.run(main())
