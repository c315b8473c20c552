"""A settings file that cannot be read: the studio opens on the defaults, says so once in its status bar
(and on stderr), and the damaged file is kept aside when the settings are next written, never over."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from .conftest import make_project, wait_for

DAMAGED = b'{"version": 2, "audio": {"gap_ms": 5'


async def test_the_window_says_the_settings_were_damaged_and_keeps_the_file(
        private_dirs: Path, qtbot: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from studio.app import Studio
    from studio.settings import Settings, settings_file
    from studio.ui.services import build_services

    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(DAMAGED)
    project = make_project(private_dirs / "p.troupe")
    settings = Settings()
    assert settings.get("gap_ms") == 350 and settings.problem is not None
    services = build_services(settings)
    studio = Studio(QApplication.instance(), services, None)
    running = asyncio.get_running_loop().create_task(studio.run(str(project), None))
    try:
        await wait_for(lambda: studio.window is not None and "could not be read" in
                       studio.window.statusBar().currentMessage(), 20)
        said = studio.window.statusBar().currentMessage()
        assert said == (f"The settings file {path} could not be read, so the defaults are used; the damaged file "
                        "is kept beside it.")
    finally:
        studio._quit.set()
        assert await asyncio.wait_for(running, 30) == 0
        await services.engines.aclose()
    kept = list(path.parent.glob("settings.json.damaged-*"))
    assert [p.read_bytes() for p in kept] == [DAMAGED]  # kept aside, as it was
    assert json.loads(path.read_text())["persist"]["last_project"] == str(project.resolve())  # a new, sound file
    assert capsys.readouterr().err.count("could not be read") == 1
