"""Benchmarks of playback and the timeline in the real window over a 30-minute episode of 600 rendered lines.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_timeline.py [--lines 600]``. Prints the
numbers and exits non-zero when a target is missed:

* play latency: Play pressed at the episode's middle → the first PortAudio callback that carries sound, on the
  real output stream (PortAudio through ALSA's null device, as on a machine without a sound card), five
  times; target ≤ 100 ms each;
* drag repaint: a clip dragged across a timeline zoomed out to show all 600 clips, each ``paintEvent``
  timed; target ≤ 16 ms per frame (the 95th percentile and the worst are printed).

The episode is rendered with eSpeak first (about a minute on two cores).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
os.environ.setdefault("ALSA_CONFIG_PATH", str(ROOT / "tests" / "alsa-null.conf"))

import numpy as np  # noqa: E402
import qasync  # noqa: E402
import sounddevice as sd  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from studio.domain.model import Delivery, ProjectSettings  # noqa: E402
from studio.store.project_file import ProjectStore  # noqa: E402

PLAY_LIMIT_MS = 100.0
FRAME_LIMIT_MS = 16.0
WORDS = ("the rain kept falling on the old roof while she waited by the door for him to come home at last "
         "and nobody in the house said a single word about the letter").split()


async def build_project(path: Path, lines: int) -> Path:
    """An English episode of ``lines`` lines of about three seconds each, rendered with eSpeak."""
    from studio.actions.render import render
    from studio.engines.espeak import EspeakEngine

    store = ProjectStore.create(path, "Bench", ProjectSettings(engine="espeak", sample_rate=48000))
    presets = ["narrator", "female_lead", "male_lead", "girl", "old_man"]
    roles = [store.add_role(f"Role {i}", voices={"espeak": presets[i]}).id for i in range(5)]
    rng = np.random.default_rng(7)
    texts = [" ".join(rng.choice(WORDS, 6)).capitalize() + f", line {i}." for i in range(lines)]
    store.add_episode("Long", "en", [(roles[i % 5], t, Delivery(), None) for i, t in enumerate(texts)])
    engine = EspeakEngine()

    async def go() -> None:
        try:
            await render(store, engine, [store.episodes()[0].id])
        finally:
            await engine.aclose()

    await go()
    store.close()
    return path


FRAMES: list[float] = []  # paint times while FRAMES is not empty (its first item is a marker)
PROFILE: list[object] = []  # with BENCH_PROFILE=1: a cProfile of the dragged frames, printed at the end


def time_timeline_paints() -> None:
    """Time every paint of the timeline view (installed before the window exists, so Qt calls it)."""
    from studio.ui.timeline import TimelineView

    real = TimelineView.paintEvent

    profiler = None
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profiler = cProfile.Profile()
        PROFILE.append(profiler)

    def timed(self, event):  # noqa: ANN001, ANN202
        t0 = time.perf_counter()
        if FRAMES and profiler is not None:
            profiler.enable()
        real(self, event)
        if FRAMES and profiler is not None:
            profiler.disable()
        if FRAMES:
            FRAMES.append((time.perf_counter() - t0) * 1000)

    TimelineView.paintEvent = timed


class FirstSound:
    """Wraps ``sounddevice.OutputStream`` so the first callback whose frames are not silent is timed."""

    def __init__(self) -> None:
        self.heard_at: float | None = None
        self.real = sd.OutputStream

    def install(self) -> None:
        probe = self

        class Timed(self.real):  # type: ignore[misc, valid-type]
            def __init__(self, *args: object, callback=None, **kwargs: object) -> None:  # noqa: ANN001
                def timed(outdata, frames, when, status):  # noqa: ANN001, ANN202
                    callback(outdata, frames, when, status)
                    if probe.heard_at is None and np.any(outdata):
                        probe.heard_at = time.perf_counter()

                super().__init__(*args, callback=timed if callback else None, **kwargs)

        sd.OutputStream = Timed


async def open_window(path: Path):  # noqa: ANN201
    from studio.session.project import ProjectSession
    from studio.settings import Settings
    from studio.ui.main_window import MainWindow
    from studio.ui.services import build_services

    services = build_services(Settings(path.parent / "settings.json"))
    session = ProjectSession(ProjectStore.open(path), services.engines)
    from studio.ui.playback import Player

    window = MainWindow(services, session, Player())
    window.resize(1600, 1000)
    window.show()
    await asyncio.sleep(0.5)
    return window


async def close_window(window) -> None:  # noqa: ANN001
    await window.shutdown()
    window.close()
    await window.services.engines.aclose()
    window.session.close()


async def bench_play(window, probe: FirstSound, total_ms: int) -> list[float]:  # noqa: ANN001
    playback = window.playback
    if not playback.available():
        raise SystemExit(f"no output device: {playback.reason()} (is ALSA_CONFIG_PATH the null device?)")
    out = []
    for k in range(5):
        probe.heard_at = None
        at = total_ms // 2 + k * 60_000
        pressed = time.perf_counter()
        playback.play_at(at)
        while probe.heard_at is None:
            if time.perf_counter() - pressed > 5:
                raise SystemExit("no sound within 5 s of Play")
            await asyncio.sleep(0.001)
        out.append((probe.heard_at - pressed) * 1000)
        await asyncio.sleep(0.3)
        playback.stop()
        await asyncio.sleep(0.3)
    return out


async def bench_drag(window) -> tuple[list[float], int]:  # noqa: ANN001
    view = window.timeline_view
    await asyncio.sleep(1.5)  # the controller's debounced refresh and the peaks
    clips = view.clips()
    view.zoom_to_fit()  # every clip on screen at once: the most a frame can have to draw
    await asyncio.sleep(0.2)
    FRAMES.clear()
    FRAMES.append(-1.0)  # recording from here on
    try:
        clip = clips[len(clips) // 2]
        start = view.clip_rect(clip.line_id).center()
        QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        for step in range(1, 61):
            QTest.mouseMove(view, start + QPoint(step * 3, 0))
            view.repaint()
            await asyncio.sleep(0)
        QTest.keyClick(view, Qt.Key.Key_Escape)  # put it back
        QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    finally:
        times = FRAMES[1:]
        FRAMES.clear()
    return times, len(clips)


async def main(lines: int) -> int:
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        os.environ["TROUPE_CONFIG_DIR"] = str(tmpdir / "cfg")
        os.environ["TROUPE_DATA_DIR"] = str(tmpdir / "data")
        t0 = time.perf_counter()
        path = await build_project(tmpdir / "long.troupe", lines)
        print(f"rendered {lines} lines with eSpeak in {time.perf_counter() - t0:.0f} s")
        probe = FirstSound()
        probe.install()
        time_timeline_paints()
        window = await open_window(path)
        try:
            placements = window.timeline.placements
            total_ms = max(p.start_ms + p.duration_ms for p in placements.values())
            print(f"episode: {total_ms / 60000:.1f} minutes, {len(placements)} clips")
            latencies = await bench_play(window, probe, total_ms)
            print(f"Play → first sound: median {statistics.median(latencies):.0f} ms, worst {max(latencies):.0f} ms "
                  f"(target ≤ {PLAY_LIMIT_MS:.0f} ms)")
            if max(latencies) > PLAY_LIMIT_MS:
                failures.append("play latency")
            frames, clips = await bench_drag(window)
            if not frames:
                print("drag: no frame was painted")
                failures.append("drag")
            else:
                p95 = statistics.quantiles(frames, n=20)[18] if len(frames) >= 20 else max(frames)
                print(f"drag over {clips} clips: {len(frames)} frames, median {statistics.median(frames):.1f} ms, "
                      f"95th percentile {p95:.1f} ms, worst {max(frames):.1f} ms (target ≤ {FRAME_LIMIT_MS:.0f} ms)")
                if p95 > FRAME_LIMIT_MS:
                    failures.append("drag repaint")
        finally:
            await close_window(window)
    if PROFILE:
        import pstats

        pstats.Stats(PROFILE[0]).sort_stats("cumulative").print_stats(18)
    if failures:
        print("missed:", ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=600)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        sys.exit(loop.run_until_complete(main(args.lines)))
