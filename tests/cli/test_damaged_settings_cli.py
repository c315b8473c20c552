"""A damaged settings file: a command goes on with the defaults and says so once (the file is kept)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_damaged_settings_file_falls_back_to_defaults_with_a_notice(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_bytes(b'{"general": {"engine": "kok')
    env = {**os.environ, "TROUPE_CONFIG_DIR": str(config), "TROUPE_DATA_DIR": str(tmp_path / "data")}
    project = tmp_path / "p.troupe"
    run = [sys.executable, "-m", "studio.cli"]
    assert subprocess.run([*run, "new", str(project), "--demo"], env=env, capture_output=True).returncode == 0
    proc = subprocess.run([*run, "render", str(project), "-e", "1", "--engine", "espeak"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("could not be read") == 1 and "defaults are used" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (config / "settings.json").read_bytes() == b'{"general": {"engine": "kok'  # kept as it was
