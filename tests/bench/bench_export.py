"""Export benchmark: a 30-minute episode of about 600 takes, from take bytes to a loudness-normalised mp3.

Run as ``python tests/bench/bench_export.py [--takes N] [--rate HZ]``. Prints numbers only (no asserts):
decode + mixdown time, normalise + encode time as the export does it (the encode running alongside the
last loudness pass) next to ffmpeg alone encoding the same WAV, the naive pydub route (AudioSegment
concatenation in a loop, then export), peak memory, and normalise-then-encode one after the other for
comparison. Not a pytest module.
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.audio.decode import decode_to_mono, duration_ms, encode_wav  # noqa: E402
from studio.audio.ffmpeg import encode, encode_stream, ffmpeg_exe  # noqa: E402
from studio.audio.loudness import NormalizeStream, normalize  # noqa: E402
from studio.audio.mix import mixdown  # noqa: E402
from studio.domain.timeline import Slot, place, total_ms  # noqa: E402

TAKE_RATE = 24000
GAP_MS = 350
BITRATE = "192k"


def speechlike(seconds: float, rng: np.random.Generator) -> np.ndarray:
    n = int(seconds * TAKE_RATE)
    t = np.arange(n) / TAKE_RATE
    f0 = rng.uniform(110, 230) * (1 + 0.15 * np.sin(2 * np.pi * rng.uniform(0.3, 1.2) * t))
    phase = 2 * np.pi * np.cumsum(f0) / TAKE_RATE
    voiced = sum(np.sin(k * phase) / k for k in range(1, 9))
    syll = np.clip(np.sin(2 * np.pi * rng.uniform(3, 5) * t + rng.uniform(0, 6)), 0, None) ** 1.5
    x = rng.uniform(0.05, 0.25) * voiced * syll + 0.002 * rng.standard_normal(n)
    fade = np.minimum(1, np.minimum(t, t[::-1]) / 0.02)
    return (x * fade).astype(np.float32)


def build_takes(count: int, seed: int = 7) -> list[bytes]:
    rng = np.random.default_rng(seed)
    return [encode_wav(speechlike(rng.uniform(2.0, 4.0), rng), TAKE_RATE) for _ in range(count)]


def decode_and_mix(takes: list[bytes], rate: int) -> np.ndarray:
    slots = [Slot(i, duration_ms(b, "wav"), GAP_MS) for i, b in enumerate(takes)]
    placements = place(slots)
    clips = ((p, decode_to_mono(takes[p.line_id], "wav", rate)) for p in placements)
    return mixdown(clips, rate, total_ms(placements))


def naive(takes: list[bytes], rate: int, out: Path) -> float:
    from pydub import AudioSegment

    start = time.perf_counter()
    episode = AudioSegment.empty()
    for i, data in enumerate(takes):
        if i:
            episode += AudioSegment.silent(duration=GAP_MS, frame_rate=TAKE_RATE)
        episode += AudioSegment.from_wav(io.BytesIO(data))
    episode = episode.set_frame_rate(rate)
    episode = episode.apply_gain(-16.0 - (episode.dBFS + 3.0))  # crude RMS-based level, no limiter
    episode.export(str(out), format="mp3", bitrate=BITRATE)
    return time.perf_counter() - start


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--takes", type=int, default=600)
    ap.add_argument("--rate", type=int, default=48000, help="mix and export rate")
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--skip-sequential", action="store_true", help="skip the normalise-then-encode comparison")
    args = ap.parse_args()

    print(f"building {args.takes} takes at {TAKE_RATE} Hz …", flush=True)
    takes = build_takes(args.takes)
    print(f"  {sum(map(len, takes)) / 1e6:.1f} MB of WAV bytes; RSS so far {rss_mb():.0f} MB")

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        mix = decode_and_mix(takes, args.rate)
        t_mix = time.perf_counter() - t0
        minutes = len(mix) / args.rate / 60
        print(f"\nepisode: {minutes:.1f} min at {args.rate} Hz ({mix.nbytes / 1e6:.0f} MB float32)")
        print(f"decode + mixdown        {t_mix:6.2f} s   (target <= 2 s)")

        wav = tmp / "same.wav"
        with sf.SoundFile(wav, "w", args.rate, 1, subtype="PCM_16") as fh:
            for start in range(0, len(mix), 1 << 20):
                fh.write(mix[start : start + (1 << 20)])
        t0 = time.perf_counter()
        subprocess.run(
            [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-i", str(wav), "-c:a", "libmp3lame", "-b:a", BITRATE, str(tmp / "ff.mp3")],
            check=True,
        )
        t_ff = time.perf_counter() - t0
        wav.unlink()

        t0 = time.perf_counter()
        timed = Timed(NormalizeStream(mix, args.rate, -16.0, -1.0, in_place=True), t0)
        encode_stream(timed, args.rate, tmp / "episode.mp3", bitrate=BITRATE)
        t_total = time.perf_counter() - t0
        report = timed.stream.report
        print(f"loudness before the last pass {timed.last_pass_start:6.2f} s   ({timed.passes} pass(es) streamed; "
              f"{report.input_lufs:.1f} -> {report.output_lufs:.2f} LUFS, TP {report.true_peak_dbtp:.2f} dBTP, "
              f"limited={report.limited})")
        print(f"normalise + mp3 encode  {t_total:6.2f} s   (last pass and encode run side by side)")
        print(f"ffmpeg alone (WAV->mp3) {t_ff:6.2f} s   ratio {t_total / t_ff:.2f} (target <= 1.3)")
        rss_pipeline = rss_mb()
        del mix

        if not args.skip_naive:
            t_naive = naive(takes, args.rate, tmp / "naive.mp3")
            ours = t_mix + t_total
            print(f"naive pydub loop+export {t_naive:6.2f} s   vs ours {ours:.2f} s: naive/ours = {t_naive / ours:.2f}")

        print(f"\npeak RSS after our pipeline        {rss_pipeline:6.0f} MB (includes the take bytes; target <= 600 MB)")
        print(f"peak RSS after everything (+naive) {rss_mb():6.0f} MB")

        tracemalloc.start()
        mix = decode_and_mix(takes, args.rate)
        encode_stream(NormalizeStream(mix, args.rate, -16.0, -1.0, in_place=True), args.rate, tmp / "episode2.mp3",
                      bitrate=BITRATE)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"tracemalloc peak, decode+mix+normalise+encode {peak / 1e6:6.0f} MB (take bytes excluded)")

        if not args.skip_sequential:
            del mix
            mix = decode_and_mix(takes, args.rate)
            t0 = time.perf_counter()
            normalize(mix, args.rate, -16.0, -1.0, in_place=True)
            t_norm = time.perf_counter() - t0
            encode(mix, args.rate, tmp / "episode3.mp3", bitrate=BITRATE)
            t_seq = time.perf_counter() - t0
            print("\nside by side (s)            loudness   encode    total   ratio to ffmpeg alone")
            print(f"  normalise, then encode    {t_norm:8.2f} {t_seq - t_norm:8.2f} {t_seq:8.2f}   {t_seq / t_ff:.2f}")
            print(f"  streamed (export path)    {timed.last_pass_start:8.2f}      ... {t_total:8.2f}   "
                  f"{t_total / t_ff:.2f}   (loudness = work before the last pass)")
            print(f"  ffmpeg alone              {'':8} {t_ff:8.2f} {t_ff:8.2f}   1.00")


class Timed:
    """Passes a ``NormalizeStream`` through, noting when its last pass started and how many passes ran."""

    def __init__(self, stream: NormalizeStream, t0: float) -> None:
        self.stream = stream
        self.t0 = t0
        self.passes = 0
        self.last_pass_start = 0.0

    def __iter__(self) -> Iterator[np.ndarray | None]:
        fresh = True
        for chunk in self.stream:
            if chunk is None:
                fresh = True
            elif fresh:
                fresh = False
                self.passes += 1
                self.last_pass_start = time.perf_counter() - self.t0
            yield chunk


if __name__ == "__main__":
    main()
