"""The real ``troupe`` window over a project whose music bed and sound effect were set with ``troupe music`` and
``troupe sfx``: both are drawn on their lanes (found on a screenshot by their colours), the episode plays with
them, and quitting while it plays exits 0 with nothing left in the ``-wal`` file (see tests/realwindow.py)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from realwindow import ROOT, RealApp, require_tools, run_troupe  # tests/ is on sys.path (rootdir conftest)

from studio.store.project_file import ProjectStore
from studio.ui.timeline_media import EFFECT_COLOUR, MUSIC_COLOUR

pytestmark = pytest.mark.gui

SCRIPT = ROOT / "resources" / "demo" / "script_en.txt"


def _tone(path: Path, seconds: float, freq: float) -> Path:
    t = np.arange(int(seconds * 48000)) / 48000
    sf.write(path, (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32), 48000)
    return path


def _colour_pixels(shot: Path, *layers: tuple[str, float], tolerance: int = 6) -> int:
    """How many pixels of the screenshot are the colours ``layers`` (colour, alpha) drawn in turn over white."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(shot)).convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes()).reshape(image.height(),
                                                                                  image.bytesPerLine())
    rgb = arr[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    want = np.array([255.0, 255.0, 255.0])
    for colour, alpha in layers:
        c = QColor(colour)
        want = want + (np.array([c.red(), c.green(), c.blue()]) - want) * alpha
    return int((np.abs(rgb - want).max(axis=2) <= tolerance).sum())


def _run(args: list[str], home: Path) -> None:
    done = run_troupe(args, home, timeout=120)
    assert done.returncode == 0, f"troupe {' '.join(args)} failed:\n{done.stdout}{done.stderr}"


def test_a_bed_and_an_effect_set_on_the_command_line_show_play_and_quit_cleanly(tmp_path: Path) -> None:
    require_tools("Xvfb", "xdotool", "import")
    home = tmp_path / "home"
    home.mkdir()
    project = tmp_path / "drama.troupe"
    _run(["import", str(SCRIPT), str(project)], home)
    _run(["render", str(project), "--engine", "espeak"], home)
    with ProjectStore.open(project) as store:
        store.set_settings(store.settings.with_(engine="espeak"))
    _run(["music", str(project), "set", str(_tone(tmp_path / "theme.wav", 6.0, 330)), "--volume", "-12"], home)
    _run(["sfx", str(project), "add", str(_tone(tmp_path / "door.wav", 1.5, 1200)), "--at", "1500"], home)
    with RealApp(home, [str(project)]) as app:
        window = app.window()
        time.sleep(2)  # the lanes' waveforms are read in the background
        shot = app.screenshot(tmp_path / "window.png")
        # the bed's body (its colour at 70/255 over the lane's tint of it) and the effect (its colour, solid; the
        # lane's name has a stripe of it, 70 pixels)
        body = _colour_pixels(shot, (MUSIC_COLOUR, 16 / 255), (MUSIC_COLOUR, 70 / 255))
        assert body > 5000, f"no music bed drawn ({body} pixels of it), see {shot}"
        effect = _colour_pixels(shot, (EFFECT_COLOUR, 1.0))
        assert effect > 150, f"no sound effect drawn ({effect} pixels of it), see {shot}"
        app.focus(window)
        app.key("space")  # play, with the bed and the effect
        time.sleep(1)
        app.key("ctrl+q")
        result = app.wait(30)
    assert "Traceback" not in result.output, str(result)
    assert result.returncode == 0, str(result)
    wal = Path(f"{project}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with ProjectStore.open(project) as store:
        episode = store.episodes()[0].id
        assert store.music_bed(episode).name == "theme.wav" and len(store.effect_clips(episode)) == 1
