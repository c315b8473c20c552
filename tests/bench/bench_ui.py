"""Benchmarks of the studio window: opening a 5,000-line episode, a screenful of table ``data()`` calls,
and the longest event-loop stall while 100 lines render.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_ui.py``. Prints the numbers and exits
non-zero when a target is missed (open ≤ 1 s, screenful ≤ 16 ms, stall ≤ 50 ms).
"""

from __future__ import annotations

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

import qasync  # noqa: E402
from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from studio.domain.model import Delivery, ProjectSettings  # noqa: E402
from studio.store.project_file import ProjectStore  # noqa: E402

OPEN_LIMIT_S = 1.0
SCREENFUL_LIMIT_MS = 16.0
STALL_LIMIT_MS = 50.0

SENTENCES = ["夜深了，雨还在下。", "你终于来了。", "我答应过你的，就一定会来。", "那就进来吧，外面冷。",
             "The rain has not stopped since noon.", "他看了看表，没有说话。"]


def build_project(path: Path, lines: int) -> Path:
    store = ProjectStore.create(path, "Bench", ProjectSettings(engine="espeak"))
    presets = ["narrator", "female_lead", "male_lead", "girl", "old_man"]
    roles = [store.add_role(f"角色{i}", voices={"espeak": presets[i]}).id for i in range(5)]
    store.add_episode("长集", "zh", [(roles[i % 5], f"{SENTENCES[i % len(SENTENCES)]}（{i}）", Delivery(), None)
                                    for i in range(lines)])
    store.close()
    return path


async def make_window(path: Path) -> tuple[object, float]:
    from studio.session.project import ProjectSession
    from studio.settings import Settings
    from studio.ui.main_window import MainWindow
    from studio.ui.services import build_services

    t0 = time.perf_counter()
    services = build_services(Settings(path.parent / "settings.json"))
    session = ProjectSession(ProjectStore.open(path), services.engines)
    window = MainWindow(services, session, None)
    window.show()
    await asyncio.sleep(0)  # one turn of the loop: the window is laid out and painted
    return window, time.perf_counter() - t0


def bench_screenful(window: object) -> list[float]:
    from studio.ui import script_model as sm

    model = window.model  # type: ignore[attr-defined]
    view = window.view  # type: ignore[attr-defined]
    rows = max(1, view.viewport().height() // view.verticalHeader().defaultSectionSize()) + 1
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole,
             Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole,
             Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.SizeHintRole]
    times = []
    for start in range(0, model.rowCount() - rows, max(1, model.rowCount() // 50)):
        indexes = [model.index(r, c) for r in range(start, start + rows) for c in range(sm.COLUMN_COUNT)]
        t0 = time.perf_counter()
        for index in indexes:
            for role in roles:
                model.data(index, role)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"screenful: {rows} rows × {sm.COLUMN_COUNT} columns × {len(roles)} roles = "
          f"{rows * sm.COLUMN_COUNT * len(roles)} data() calls")
    return times


async def bench_render_stall(path: Path) -> tuple[float, float, int, float]:
    window, _ = await make_window(path)
    ticks: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: ticks.append(clock.nsecsElapsed() / 1e6))
    heartbeat.start()
    await asyncio.sleep(0.2)
    ticks.clear()
    t0 = time.perf_counter()
    task = window.render_stale()  # type: ignore[attr-defined]
    report = await task
    elapsed = time.perf_counter() - t0
    await asyncio.sleep(0.3)  # the timeline's debounced refresh and peaks
    heartbeat.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    await window.shutdown()  # type: ignore[attr-defined]
    window.close()  # type: ignore[attr-defined]
    await window.services.engines.aclose()  # type: ignore[attr-defined]
    window.session.close()  # type: ignore[attr-defined]
    rendered = len(report.rendered) if report else 0
    return max(gaps), statistics.quantiles(gaps, n=100)[98], rendered, elapsed


async def main() -> int:
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        os.environ["TROUPE_CONFIG_DIR"] = str(tmpdir / "cfg")
        os.environ["TROUPE_DATA_DIR"] = str(tmpdir / "data")

        big = build_project(tmpdir / "big.troupe", 5000)
        window, opened = await make_window(big)
        print(f"open a 5,000-line episode (store + planner + model + window shown): {opened * 1000:.0f} ms "
              f"(target ≤ {OPEN_LIMIT_S * 1000:.0f} ms)")
        t0 = time.perf_counter()
        window.model.load(window.model.episode_id)  # type: ignore[attr-defined]
        print(f"  reload of the model alone: {(time.perf_counter() - t0) * 1000:.0f} ms")
        if opened > OPEN_LIMIT_S:
            failures.append("open")
        times = bench_screenful(window)
        print(f"  median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms over {len(times)} screens "
              f"(target ≤ {SCREENFUL_LIMIT_MS:.0f} ms)")
        if max(times) > SCREENFUL_LIMIT_MS:
            failures.append("screenful")
        t0 = time.perf_counter()
        window.model.setData(window.model.index(2500, 2), "改过的一句。")  # type: ignore[attr-defined]
        print(f"  edit one line of 5,000 (undo command + store + row replan): "
              f"{(time.perf_counter() - t0) * 1000:.1f} ms")
        await window.shutdown()  # type: ignore[attr-defined]
        window.close()  # type: ignore[attr-defined]
        await window.services.engines.aclose()  # type: ignore[attr-defined]
        window.session.close()  # type: ignore[attr-defined]

        small = build_project(tmpdir / "render.troupe", 100)
        worst, p99, rendered, elapsed = await bench_render_stall(small)
        print(f"render 100 lines with espeak: {rendered} rendered in {elapsed:.2f} s; longest event-loop stall "
              f"{worst:.1f} ms, 99th percentile {p99:.1f} ms (target ≤ {STALL_LIMIT_MS:.0f} ms)")
        if worst > STALL_LIMIT_MS:
            failures.append("stall")
    if failures:
        print("MISSED:", ", ".join(failures))
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        sys.exit(loop.run_until_complete(main()))
