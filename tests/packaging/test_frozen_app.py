"""The one-folder app passes packaging/smoke_frozen.sh (--version, a demo project rendered with Kokoro and
espeak, an MP3 export, a screenshot), with no system program on PATH, and the screenshot is a drawn window.

Building the app takes minutes and rendering the demo with Kokoro a few more, so this runs only when asked:
``TROUPE_FROZEN_APP=dist/troupe`` (or ``=1`` for dist/troupe) after ``bash packaging/build.sh``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ASKED = os.environ.get("TROUPE_FROZEN_APP", "")

pytestmark = pytest.mark.skipif(not ASKED, reason="set TROUPE_FROZEN_APP=dist/troupe to check the one-folder app")


@pytest.mark.timeout(2400)
def test_the_one_folder_app_passes_the_smoke_test(tmp_path: Path) -> None:
    dist = ROOT / "dist" / "troupe" if ASKED == "1" else Path(ASKED).resolve()
    assert (dist / "troupe").is_file(), f"no {dist}/troupe: run bash packaging/build.sh first"
    done = subprocess.run(["bash", str(ROOT / "packaging" / "smoke_frozen.sh"), str(dist)], capture_output=True,
                          text=True, env={**os.environ, "SMOKE_OUT": str(tmp_path)}, timeout=2300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "passed every check" in done.stdout

    from PySide6.QtGui import QImage

    shot = QImage(str(tmp_path / "s.png"))
    assert not shot.isNull() and shot.width() >= 640
    colours = {shot.pixel(x, y) for x in range(0, shot.width(), 7) for y in range(0, shot.height(), 7)}
    assert len(colours) > 50, "the screenshot is nearly one colour: the window was not drawn"
    assert (tmp_path / "x.mp3").stat().st_size > 20000
