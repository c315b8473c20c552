"""Video export benchmark on the demo's first episode (about a minute, rendered offline with eSpeak first):
a 9:16 MP4 over a cover image with burned-in captions, for each x264 speed asked.

Run as ``python tests/bench/bench_video.py [--presets veryfast,ultrafast] [--bilingual]``. Prints numbers only
(no asserts), not a pytest module: the export's wall time and the time ffmpeg alone took for the picture, the
file's size and streams, video duration minus audio duration (target within one frame), the loudness measured
by ffmpeg's EBU R128 meter (target −16 LUFS), and the caption box found at the midpoint of line 5 (by
comparing with the same frame exported without captions) against the feed's safe area.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.actions import video as vid  # noqa: E402
from studio.actions.render import render  # noqa: E402
from studio.audio.ffmpeg import ffmpeg_exe  # noqa: E402
from studio.engines.espeak import EspeakEngine  # noqa: E402
from studio.render.mixdown import build_timeline  # noqa: E402
from studio.render.planner import RenderPlanner  # noqa: E402
from studio.store.project_file import ProjectStore  # noqa: E402
from studio.video.probe import ffprobe_exe  # noqa: E402
from studio.video.safe_area import VERTICAL_FEED  # noqa: E402
from tests.meters import ebur128  # noqa: E402


def frame(path: Path, at_ms: int) -> np.ndarray:
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-ss", f"{at_ms / 1000:.3f}", "-i", str(path), "-frames:v", "1",
                          "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(1920, 1080, 3).astype(int)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--presets", default="veryfast,ultrafast")
    ap.add_argument("--bilingual", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-video-"))
    project = tmp / "demo.troupe"
    subprocess.run([sys.executable, "-m", "studio.cli", "new", str(project), "--demo"], check=True,
                   capture_output=True)
    cover = tmp / "cover.png"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "color=c=0x304060:s=1080x1920", "-frames:v", "1",
                    str(cover)], check=True)
    store = ProjectStore.open(project)
    episode = store.episodes()[0].id
    engine = EspeakEngine()
    t0 = time.perf_counter()

    async def go() -> None:
        try:
            await render(store, engine, [episode])
        finally:
            await engine.aclose()

    asyncio.run(go())
    print(f"render (espeak): {time.perf_counter() - t0:.1f} s")
    plans = RenderPlanner(store, engine).plan(episode)
    bare = vid.export_video(store, episode, plans, vid.check_video_request(tmp / "bare.mp4", cover, aspect="9:16",
                                                                            captions=False, x264_preset="ultrafast"))
    for preset in args.presets.split(","):
        out = tmp / f"ep1-{preset}.mp4"
        request = vid.check_video_request(out, cover, aspect="9:16", preset_name="short-video", x264_preset=preset,
                                          bilingual=args.bilingual)
        t0 = time.perf_counter()
        result = vid.export_video(store, episode, plans, request)
        took = time.perf_counter() - t0
        info = json.loads(subprocess.run([ffprobe_exe(), "-v", "error", "-print_format", "json", "-show_streams",
                                          str(out)], capture_output=True, text=True, check=True).stdout)
        streams = {s["codec_type"]: s for s in info["streams"]}
        v, a = streams["video"], streams["audio"]
        lufs, peak = ebur128(out)
        placement = build_timeline(store, plans).placements[4]
        mid = placement.start_ms + placement.duration_ms // 2
        rows, cols = np.nonzero(np.abs(frame(out, mid) - frame(bare.path, mid)).sum(axis=2) > 60)
        band = 1920 - VERTICAL_FEED.bottom
        print(f"{preset}: {took:.1f} s for {result.duration_ms / 1000:.1f} s of video "
              f"({result.duration_ms / 1000 / took:.2f}× real time), {out.stat().st_size / 1e6:.2f} MB, "
              f"{v['codec_name']} {v['width']}×{v['height']} + {a['codec_name']}; video − audio "
              f"{(float(v['duration']) - float(a['duration'])) * 1000:+.0f} ms; {lufs:.1f} LUFS, peak {peak:.1f} dBFS; "
              f"caption rows {rows.min()}–{rows.max()} (bottom band from {band}), columns {cols.min()}–{cols.max()} "
              f"(right column from {1080 - VERTICAL_FEED.right})")
    store.close()


if __name__ == "__main__":
    main()
