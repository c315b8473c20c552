"""The composition root: builds the services once, opens a project and shows the studio window on the
qasync loop.

``run_studio(project, screenshot=..., language=...)`` is what ``troupe [PROJECT]`` calls. It opens PROJECT,
else the last project, else the demo series (created on first run in ``data_dir()/Demo.troupe``). With
``screenshot`` it draws the window into a PNG and exits. Lives here: application start-up and shut-down,
switching projects, the last-resort error hook. Must not live here: widgets, edits, rendering.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEMO_NAME = "Demo.troupe"


class NoDisplayError(RuntimeError):
    pass


def _prepare_platform(screenshot: str | None) -> None:
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if not headless or os.environ.get("QT_QPA_PLATFORM"):
        return
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    # Qt would abort with a bare "could not connect to display"; say what to do instead.
    raise NoDisplayError(
        "There is no display to open the studio window on. Run it in a desktop session, or headless: "
        "`xvfb-run troupe` (window on a virtual screen) or `troupe --screenshot shot.png` (a picture of it). "
        "Rendering and export work without a window: see `troupe --help`.")


def demo_project_path() -> Path:
    from studio.settings import data_dir

    return data_dir() / DEMO_NAME


def ensure_demo_project() -> Path:
    """The demo series, created on first use."""
    from studio.store.project_file import ProjectStore

    path = demo_project_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        from studio.formats.project_build import create_demo_project

        create_demo_project(path).close()
    except Exception:
        log.warning("the demo series could not be built; starting with an empty project", exc_info=True)
        path.unlink(missing_ok=True)
        store = ProjectStore.create(path, "Demo")
        store.add_episode("Episode 1", "zh")
        store.close()
    return path


class Studio:
    """The running application: services, the open project and its window."""

    def __init__(self, app: Any, services: Any, player: Any) -> None:
        self.app = app
        self.services = services
        self.player = player
        self.window: Any = None
        self.session: Any = None
        self._quit = asyncio.Event()
        self._switching: asyncio.Task[None] | None = None

    # ---------------------------------------------------------------- projects

    def initial_project(self, project: str | None) -> Path:
        if project:
            return Path(project)
        last = self.services.settings.get("last_project")
        if last and Path(last).exists():
            return Path(last)
        return ensure_demo_project()

    def open(self, path: Path) -> bool:
        from studio.store.project_file import ProjectError, ProjectStore
        from studio.ui.main_window import MainWindow
        from studio.ui.session import ProjectSession

        try:
            store = ProjectStore.open(path)
        except ProjectError as exc:
            self._tell(str(exc))
            return False
        session = ProjectSession(store, self.services.engines)
        window = MainWindow(self.services, session, self.player)
        window.setAttribute(self._delete_on_close(), True)
        window.open_requested.connect(lambda p: self._switch(Path(p), create=False))
        window.new_requested.connect(lambda p: self._switch(Path(p), create=True))
        window.destroyed.connect(lambda *_: None)
        old_window, old_session = self.window, self.session
        self.window, self.session = window, session
        if old_window is not None:
            old_window.close()
        if old_session is not None:
            old_session.close()
        try:
            self.services.settings.add_recent(str(path.resolve()))
        except OSError:
            log.info("recent projects not saved", exc_info=True)
        window.show()
        return True

    @staticmethod
    def _delete_on_close() -> Any:
        from PySide6.QtCore import Qt

        return Qt.WidgetAttribute.WA_DeleteOnClose

    def _switch(self, path: Path, create: bool) -> None:
        from studio.store.project_file import ProjectError, ProjectStore

        if create:
            try:
                store = ProjectStore.create(path, path.stem)
                store.add_episode("Episode 1", "zh")
                store.close()
            except ProjectError as exc:
                self._tell(str(exc))
                return
        if self.session is not None and Path(self.session.store.path).resolve() == path.resolve():
            return
        if self.window is not None:
            self.window.render.cancel_all()
        self.open(path)

    def _tell(self, sentence: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self.window is not None:
            self.window.show_message(sentence)
            QMessageBox.warning(self.window, "Troupe", sentence)
        else:
            print(f"troupe: {sentence}", file=sys.stderr)

    # ---------------------------------------------------------------- running

    async def run(self, project: str | None, screenshot: str | None) -> int:
        self.app.lastWindowClosed.connect(self._on_last_window_closed)
        if not self.open(self.initial_project(project)):
            if project or not self.open(ensure_demo_project()):
                return 2
        try:
            if screenshot:
                return await self.take_screenshot(Path(screenshot))
            warm = asyncio.get_running_loop().create_task(self._warm_engine())
            await self._quit.wait()
            warm.cancel()
            return 0
        finally:
            await self.shutdown()

    async def _warm_engine(self) -> None:
        """Load the offline model in a worker thread while the user reads the script, so the first
        render or preview does not wait for it."""
        engine = self.session.engine if self.session is not None else None
        preload = getattr(engine, "preload", None)
        if preload is None:
            return
        try:
            await preload()
        except Exception:  # the first render reports any real problem as a sentence
            log.info("engine warm-up failed", exc_info=True)

    def _on_last_window_closed(self) -> None:
        if self.window is None or not self.window.isVisible():
            self._quit.set()

    async def take_screenshot(self, out: Path) -> int:
        window = self.window
        window.resize(1440, 900)
        window.default_dock_sizes()
        loading = window.catalog.load()
        if loading is not None:
            try:
                await asyncio.wait_for(loading, 10)
            except (TimeoutError, Exception):
                log.info("voices not listed for the screenshot", exc_info=True)
        window.timeline.refresh()
        for _ in range(30):  # let timers, layouts and peaks settle
            await asyncio.sleep(0.05)
        task = window.timeline._peaks_task  # noqa: SLF001
        if task is not None:
            try:
                await asyncio.wait_for(task, 10)
            except Exception:
                log.info("peaks not ready for the screenshot", exc_info=True)
            window.timeline.refresh()
        await asyncio.sleep(0.3)
        out.parent.mkdir(parents=True, exist_ok=True)
        image = window.grab()
        if not image.save(str(out)):
            print(f"troupe: could not write {out}.", file=sys.stderr)
            return 1
        print(f"Saved {out} ({image.width()}×{image.height()}).")
        return 0

    async def shutdown(self) -> None:
        window, session = self.window, self.session
        self.window = self.session = None
        if window is not None:
            try:
                await window.render.shutdown()
            except Exception:
                log.exception("stopping renders failed")
            window.playback.stop()
            window.close()
        if self.player is not None:
            try:
                self.player.stop()
            except Exception:
                log.exception("stopping playback failed")
        await self.services.engines.aclose()
        if session is not None:
            session.close()


def _install_excepthook(studio: Studio) -> None:
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        window = studio.window
        if window is not None:
            window.show_message(f"Something went wrong: {exc}. The project is safe; details are in the log.")
        else:
            previous(exc_type, exc, tb)

    sys.excepthook = hook


def _make_player() -> Any:
    try:
        from studio.ui.playback import Player
    except Exception:
        log.info("playback not available", exc_info=True)
        return None
    return Player()


def run_studio(project: str | None = None, *, screenshot: str | None = None, language: str | None = None) -> int:
    """Open the studio window; returns the process exit code."""
    try:
        _prepare_platform(screenshot)
    except NoDisplayError as exc:
        print(f"troupe: {exc}", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_API", "pyside6")  # qasync must bind to PySide6
    import qasync
    from PySide6.QtWidgets import QApplication

    from studio.settings import Settings
    from studio.ui.i18n import install_translators, resolve_language
    from studio.ui.services import build_services
    from studio.ui.theme import apply_theme

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Troupe")
    app.setOrganizationName("Troupe")
    settings = Settings()
    lang = resolve_language(language, settings.get("ui_language"))
    translators = install_translators(app, lang)  # noqa: F841 - kept alive for the app's lifetime
    apply_theme(app)
    services = build_services(settings)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    studio = Studio(app, services, _make_player())
    _install_excepthook(studio)
    with loop:
        return loop.run_until_complete(studio.run(project, screenshot))


def main() -> None:
    """The ``troupe-studio`` entry point."""
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    sys.exit(run_studio(args[0] if args else None))
