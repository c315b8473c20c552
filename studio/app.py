"""The composition root: builds the services once, opens a project and shows the studio window on the
qasync loop.

``run_studio(project, screenshot=..., language=...)`` is what ``troupe [PROJECT]`` calls. It opens PROJECT,
else the last project, else the demo series (created on first run in ``data_dir()/Demo.troupe``). With
``screenshot`` it draws the window into a PNG and exits. A project whose file or folder cannot be written
opens read-only, for viewing and export (the window says so). Lives here: application start-up and shut-down,
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
        # a damaged settings file, as found at start (the first write moves it aside and forgets it)
        self._settings_problem: str | None = getattr(services.settings, "problem", None)

    # ---------------------------------------------------------------- projects

    def initial_project(self, project: str | None) -> tuple[Path, bool]:
        """The project to open first and whether the user named it."""
        if project:
            return Path(project), True
        last = self.services.settings.get("last_project")
        if last and Path(last).exists():
            return Path(last), False
        return ensure_demo_project(), False

    async def open(self, path: Path) -> bool:
        """Open ``path`` in a new window, closing the current one first; tells the user why not."""
        from studio.session.project import ProjectSession
        from studio.store.project_file import ProjectError, ProjectReadOnlyError, ProjectStore

        try:
            try:
                store = ProjectStore.open(path)
            except ProjectReadOnlyError as exc:  # the file or its folder cannot be written: a view of it
                store = ProjectStore.open_readonly(path)
                print(f"troupe: {exc}", file=sys.stderr)
        except ProjectError as exc:
            await self._tell(self._sentence(exc, path))  # said before the window's heavy imports
            return False
        from studio.ui.main_window import MainWindow
        await self._close_window()
        session = ProjectSession(store, self.services.engines)
        window = MainWindow(self.services, session, self.player)
        window.on_close_requested = self._quit.set
        window.files.open_requested.connect(lambda p: self._switch(Path(p), create=False))
        window.files.new_requested.connect(lambda p: self._switch(Path(p), create=True))
        self.window, self.session = window, session
        try:
            self.services.settings.add_recent(str(path.resolve()))
        except (OSError, ValueError):
            log.info("recent projects not saved", exc_info=True)
        window.show()
        return True

    async def _close_window(self) -> None:
        """Stop the window's work, close it and close its project (the log folded into the file)."""
        window, session = self.window, self.session
        self.window = self.session = None
        if window is not None:
            try:
                await window.shutdown()
            except Exception:
                log.exception("stopping the window's work failed")
            window.close()
            window.deleteLater()
        if session is not None:
            session.close()

    def _switch(self, path: Path, create: bool) -> None:
        if self._switching is not None and not self._switching.done():
            return
        self._switching = asyncio.get_event_loop().create_task(self._switch_to(path, create))

    async def _switch_to(self, path: Path, create: bool) -> None:
        from studio.store.project_file import ProjectError, ProjectStore

        if create:
            try:
                store = ProjectStore.create(path, path.stem)
                store.add_episode("Episode 1", "zh")
                store.close()
            except ProjectError as exc:
                await self._tell(str(exc))
                return
        if self.session is not None and Path(self.session.store.path).resolve() == path.resolve():
            return
        await self.open(path)

    @staticmethod
    def _sentence(exc: Exception, path: Path) -> str:
        from PySide6.QtCore import QCoreApplication

        from studio.store.project_file import ProjectLockedError

        if isinstance(exc, ProjectLockedError):
            return QCoreApplication.translate(
                "Studio", "%1 is already open in another Troupe window or command. Close it there first, "
                "or save a copy and open the copy.").replace("%1", path.name)
        return str(exc)

    async def _tell(self, sentence: str) -> None:
        """Show ``sentence`` in a dialog (over the window when there is one) and wait until it is closed."""
        from PySide6.QtWidgets import QMessageBox

        print(f"troupe: {sentence}", file=sys.stderr)
        if self.window is not None:
            self.window.show_message(sentence)
        box = QMessageBox(QMessageBox.Icon.Warning, "Troupe", sentence, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("studioProblem")
        done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        box.finished.connect(lambda result: done.done() or done.set_result(result))
        box.open()  # not exec(): no nested event loop inside a coroutine
        await done
        box.deleteLater()

    # ---------------------------------------------------------------- running

    async def run(self, project: str | None, screenshot: str | None) -> int:
        self.app.setQuitOnLastWindowClosed(False)  # the studio quits through shutdown(), not by itself
        try:
            path, named = self.initial_project(project)
            if not await self.open(path):
                if named or not await self.open(ensure_demo_project()):
                    return 2
            self._say_settings_problem()
            if screenshot:
                return await self.take_screenshot(Path(screenshot))
            warm = asyncio.get_running_loop().create_task(self._warm_engine())
            await self._quit.wait()
            warm.cancel()
            return 0
        finally:
            await self.shutdown()

    def _say_settings_problem(self) -> None:
        """Say once, in the window's status bar and on stderr, that the settings file was damaged and its
        defaults are used (the damaged file is kept beside the new one, never written over)."""
        problem, self._settings_problem = self._settings_problem, None
        if not problem or self.window is None:
            return
        from PySide6.QtCore import QCoreApplication

        print(f"troupe: {problem}", file=sys.stderr)
        path = str(getattr(self.services.settings, "path", ""))
        self.window.show_message(QCoreApplication.translate(
            "Studio", "The settings file %1 could not be read, so the defaults are used; the damaged file is "
            "kept beside it.").replace("%1", path))

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
        task = window.tasks.get("peaks")
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
        """The one way out: the window's jobs cancelled and awaited, playback stopped, engines closed, the
        project closed with its log folded into the file."""
        await self._close_window()
        if self.player is not None:
            try:
                self.player.stop()
            except Exception:
                log.exception("stopping playback failed")
        try:
            await self.services.engines.aclose()
        except Exception:
            log.exception("closing the engines failed")


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
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from studio.resources import resources_dir
    from studio.settings import Settings
    from studio.ui.i18n import install_translators, resolve_language
    from studio.ui.services import build_services
    from studio.ui.theme import apply_theme

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Troupe")
    app.setOrganizationName("Troupe")
    app.setDesktopFileName("troupe")  # the desktop entry ``troupe install-desktop`` writes
    icon = resources_dir() / "icons" / "troupe-256.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    settings = Settings()
    lang = resolve_language(language, settings.get("ui_language"))
    translators = install_translators(app, lang)  # noqa: F841 - kept alive for the app's lifetime
    apply_theme(app)
    services = build_services(settings)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    studio = Studio(app, services, _make_player())
    _install_excepthook(studio)
    from studio.ui.i18n import set_current_language

    set_current_language(app, lang)
    with loop:
        return loop.run_until_complete(studio.run(project, screenshot))


def main() -> None:
    """The ``troupe-studio`` entry point."""
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    sys.exit(run_studio(args[0] if args else None))
