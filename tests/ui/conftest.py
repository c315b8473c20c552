"""Fixtures for the studio window tests: a qasync loop per test (pytest-asyncio loop factory), private
config/data folders, a small espeak project, and a window over it.

Every test here is an ``async def`` test on the qasync loop: wait for Qt signals by awaiting futures,
never with ``qtbot.waitSignal`` (no nested Qt loop inside a coroutine).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

import pytest  # noqa: E402
import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from studio.domain.model import Delivery, ProjectSettings  # noqa: E402
from studio.store.project_file import ProjectStore  # noqa: E402

_app: QApplication | None = None


def _qasync_loop() -> asyncio.AbstractEventLoop:
    global _app
    _app = QApplication.instance() or QApplication([])  # type: ignore[assignment]
    _app.setQuitOnLastWindowClosed(False)  # as the studio does: closing a test's window must not stop the loop
    return qasync.QEventLoop(_app)


def pytest_asyncio_loop_factories(config: Any, item: Any) -> dict[str, Callable[[], asyncio.AbstractEventLoop]]:
    return {"qasync": _qasync_loop}


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TROUPE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TROUPE_DATA_DIR", str(tmp_path / "data"))
    from studio.settings import Settings

    Settings().set("listen_back", False)  # the tests of the check switch it on themselves
    return tmp_path


ZH_LINES = [("旁白", "夜深了，雨还在下。"), ("林晚", "你终于来了。"), ("陆沉", "我答应过你的。"),
            ("林晚", "那就进来吧。")]


def make_project(path: Path, lines: list[tuple[str, str]] | None = None, engine: str = "espeak") -> Path:
    store = ProjectStore.create(path, "测试剧", ProjectSettings(engine=engine))
    voices = {"旁白": "narrator", "林晚": "female_lead", "陆沉": "male_lead"}
    ids = {name: store.add_role(name, voices={"espeak": v}).id for name, v in voices.items()}
    rows = lines if lines is not None else ZH_LINES
    store.add_episode("第一集", "zh", [(ids.get(r), t, Delivery(), None) for r, t in rows])
    store.close()
    return path


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return make_project(tmp_path / "test.troupe")


class Harness:
    """A window over an open project, with its services."""

    def __init__(self, path: Path, player: Any = None) -> None:
        from studio.session.project import ProjectSession
        from studio.settings import Settings
        from studio.ui.main_window import MainWindow
        from studio.ui.services import build_services

        self.path = path
        self.services = build_services(Settings())  # the config folder is the test's own (private_dirs)
        self.session = ProjectSession(ProjectStore.open(path), self.services.engines)
        self.window = MainWindow(self.services, self.session, player)
        self.store = self.session.store
        self.model = self.window.model
        self.view = self.window.view

    async def close(self) -> None:
        await self.window.shutdown()
        self.window.close()
        await self.services.engines.aclose()
        self.session.close()


@pytest.fixture
async def harness(project_path: Path, qtbot: Any) -> AsyncIterator[Harness]:
    h = Harness(project_path)
    # the harness closes the window itself (shutdown first), so qtbot must not
    h.window.show()
    yield h
    await h.close()


async def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Await until ``predicate()`` is true, letting the qasync loop run meanwhile."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the condition")
        await asyncio.sleep(0.01)
