"""Export benchmarks: a batch of short episodes against ffmpeg alone, and the memory of a long episode.

Run as ``python tests/bench/bench_export.py [--episodes 20] [--minutes 3] [--long-minutes 60] [--format mp3]``.
Prints numbers only (no asserts), not a pytest module:

* batch: ``export_batch`` of N episodes of M minutes (speech-like takes stored in a project, mixed in blocks,
  measured, mastered into ffmpeg, subtitles written) — seconds per episode, next to ffmpeg alone encoding a
  WAV of the same episode to the same format, and their ratio (target <= 1.1);
* long: the peak RSS of a fresh process exporting one episode of ``--long-minutes`` (target <= 250 MB),
  with the size a whole-episode float32 buffer would have had for comparison.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.audio.decode import encode_wav  # noqa: E402
from studio.audio.ffmpeg import ffmpeg_exe  # noqa: E402
from studio.domain.model import DONE, Delivery  # noqa: E402
from studio.render.planner import LinePlan  # noqa: E402
from studio.store.project_file import ProjectStore  # noqa: E402

TAKE_RATE = 24000
GAP_MS = 350
BITRATE = {"mp3": "192k", "m4a": "160k", "opus": "96k"}
CODEC = {"mp3": ["-c:a", "libmp3lame"], "m4a": ["-c:a", "aac"], "opus": ["-c:a", "libopus"],
         "flac": ["-c:a", "flac"], "wav": ["-c:a", "pcm_s16le"]}


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


def takes_for(minutes: float, rng: np.random.Generator) -> list[tuple[bytes, int]]:
    out, total = [], 0.0
    while total < minutes * 60:
        secs = float(rng.uniform(2.0, 4.0))
        out.append((encode_wav(speechlike(secs, rng), TAKE_RATE), round(secs * 1000)))
        total += secs + GAP_MS / 1000
    return out


def build_project(path: Path, episodes: int, minutes: float, seed: int = 7) -> list[int]:
    """A project of ``episodes`` episodes of about ``minutes`` each, every line rendered (take bytes are
    made once and stored under each episode's own keys)."""
    rng = np.random.default_rng(seed)
    takes = takes_for(minutes, rng)
    with ProjectStore.create(path, "Bench") as store:
        roles = [store.add_role(n) for n in ("旁白", "林晚", "陆沉", "小雨")]
        for e in range(episodes):
            ep = store.add_episode(f"第{e + 1}集", "zh", [(roles[i % 4].id, f"第{i}句台词。", Delivery(), None)
                                                       for i in range(len(takes))])
            for line, (audio, ms) in zip(store.lines(ep.id), takes, strict=True):
                store.add_take(line_id=line.id, render_key=f"e{e}-{line.id}", audio=audio, format="wav",
                               sample_rate=TAKE_RATE, duration_ms=ms, engine="espeak", model="m", voice_id="v")
        return [ep.id for ep in store.episodes()]


def plans_of(store: ProjectStore, episode_id: int) -> list[LinePlan]:
    plans = []
    for line in store.lines(episode_id):
        take = store.takes_for_line(line.id)[0]
        plans.append(LinePlan(line, None, DONE, take))
    return plans


def bench_batch(tmp: Path, episodes: int, minutes: float, fmt: str) -> None:
    from studio.actions import export as exporting

    project = tmp / "batch.troupe"
    t0 = time.perf_counter()
    ids = build_project(project, episodes, minutes)
    print(f"built {episodes} episodes of {minutes:g} min in {time.perf_counter() - t0:.1f} s", flush=True)
    with ProjectStore.open(project) as store:
        plans = {i: plans_of(store, i) for i in ids}
        out = tmp / "batch"
        out.mkdir()
        request = exporting.check_batch(store, out, format=fmt, subtitles="srt", preset_name="short-video",
                                        bitrate=BITRATE.get(fmt))
        t0 = time.perf_counter()
        report = exporting.export_batch(store, request, plans)
        t_batch = time.perf_counter() - t0
        wavs = tmp / "wav"
        wavs.mkdir()
        same = exporting.check_batch(store, wavs, format="wav", subtitles="none", preset_name="short-video")
        exporting.export_batch(store, same, plans)
    t_ff = 0.0
    for item in same.items:
        t0 = time.perf_counter()
        cmd = [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-i", str(item.out), *CODEC[fmt]]
        if fmt in BITRATE:
            cmd += ["-b:a", BITRATE[fmt]]
        subprocess.run([*cmd, str(tmp / f"ff.{fmt}")], check=True)
        t_ff += time.perf_counter() - t0
    per, per_ff = t_batch / episodes, t_ff / episodes
    print(f"\nbatch of {episodes} x {minutes:g} min to {fmt} (with srt), {report.files[0].result.passes} pass(es) "
          f"for the first; measured {report.files[0].integrated_lufs:.2f} LUFS, "
          f"TP {report.files[0].true_peak_dbtp:.2f} dBTP")
    print(f"  export_batch          {per:6.2f} s per episode ({t_batch:.1f} s in all)")
    print(f"  ffmpeg alone, WAV->{fmt:<4} {per_ff:6.2f} s per episode")
    print(f"  ratio                 {per / per_ff:6.2f}   (target <= 1.1)")


_CHILD = """
import sys, time
def hwm():
    # This process's own peak RSS (ru_maxrss would carry the parent's over the exec).
    for row in open("/proc/self/status"):
        if row.startswith("VmHWM:"):
            return int(row.split()[1]) / 1024
    return float("nan")
sys.path.insert(0, {root!r})
sys.path.insert(0, {here!r})
from pathlib import Path
from bench_export import plans_of
from studio.actions import export as exporting
from studio.store.project_file import ProjectStore
with ProjectStore.open({project!r}) as store:
    ep = store.episodes()[0].id
    plans = plans_of(store, ep)
    before = hwm()
    request = exporting.check_request(Path({out!r}), ("srt",), preset_name="short-video")
    t0 = time.perf_counter()
    result = exporting.export(store, ep, plans, request)
    took = time.perf_counter() - t0
    peak = hwm()
print(f"{{before:.0f}} {{peak:.0f}} {{took:.1f}} {{result.duration_ms}} {{result.measured_lufs:.2f}} {{result.measured_true_peak_dbtp:.2f}}")
"""


def bench_long(tmp: Path, minutes: float, fmt: str, rate: int = 48000) -> None:
    project = tmp / "long.troupe"
    t0 = time.perf_counter()
    build_project(project, 1, minutes, seed=11)
    print(f"\nbuilt one episode of {minutes:g} min in {time.perf_counter() - t0:.1f} s", flush=True)
    here = str(Path(__file__).resolve().parent)
    code = _CHILD.format(root=str(Path(__file__).resolve().parents[2]), here=here, project=str(project),
                         out=str(tmp / f"long.{fmt}"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, peak, took, duration_ms, lufs, tp = proc.stdout.split()
    whole = int(duration_ms) * rate / 1000 * 4 / 1e6
    print(f"long episode: {int(duration_ms) / 60000:.1f} min exported to {fmt} in {took} s "
          f"({lufs} LUFS, TP {tp} dBTP)")
    print(f"  peak RSS of the exporting process {float(peak):6.0f} MB (target <= 250 MB; {float(before):.0f} MB "
          f"before the export started)")
    print(f"  a whole-episode float32 mix alone would be {whole:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--episodes", type=int, default=20)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--long-minutes", type=float, default=60.0)
    ap.add_argument("--format", default="mp3", choices=sorted(CODEC))
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-long", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if not args.skip_batch:
            bench_batch(tmp, args.episodes, args.minutes, args.format)
        if not args.skip_long:
            bench_long(tmp, args.long_minutes, args.format)
    print(f"\npeak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
