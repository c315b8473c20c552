"""The File menu's work: new and open project (handed to the composition root), open recent, import a
script, save a copy (export is ``export_flow``'s).

File choosers start where the user's files are (the folder last used for that kind of file, else the
project's folder) and remember it. Import reads and plans the script off the UI thread and applies it as
one undo step (a text script whose encoding was a guess is previewed first, to confirm or choose another:
``encoding_dialog``); the copy runs in a worker thread on a read-only connection. The rules are the actions'
(``studio.actions.importing``, ``copying``). Must not live here: those rules.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from studio.actions import ActionError, copying, importing
from studio.session.project import ProjectSession
from studio.settings import Settings
from studio.ui import commands as cmd
from studio.ui.asking import answer
from studio.ui.render_controller import RenderController
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

def _patterns(suffixes: tuple[str, ...]) -> str:
    return " ".join(f"*{s}" for s in suffixes)


def script_filters() -> tuple[str, str]:
    """The import chooser's patterns: scripts and subtitles, and videos to dub — every suffix the importer
    reads (``studio.formats.script_import.SUPPORTED_SUFFIXES``), so the chooser never hides one."""
    from studio.formats.script_import import SUPPORTED_SUFFIXES
    from studio.formats.timed import VIDEO_SUFFIXES

    videos = tuple(s for s in SUPPORTED_SUFFIXES if s in VIDEO_SUFFIXES)
    scripts = tuple(s for s in SUPPORTED_SUFFIXES if s not in VIDEO_SUFFIXES)
    return _patterns(scripts), _patterns(videos)


class FileActions(QObject):
    open_requested = Signal(str)  # a project to open instead of this one
    new_requested = Signal(str)  # a new project to create and open
    episode_imported = Signal(int)  # episode id

    def __init__(self, window: QWidget, session: ProjectSession, settings: Settings, runner: cmd.UndoRunner,
                 render: RenderController, tasks: TaskManager, show_message: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.settings = settings
        self.runner = runner
        self.render = render
        self.tasks = tasks
        self.show_message = show_message

    @property
    def store(self):  # noqa: ANN201
        return self.session.store

    # ---------------------------------------------------------------- folders

    def _folder(self, option: str, *, writable: bool = False) -> str:
        """Where a chooser starts; for a file to be written (``writable``), never a folder that cannot take
        it (a read-only project's): the home folder then."""
        saved = self.settings.get(option)
        for folder in ([saved] if saved else []) + [str(Path(self.store.path).resolve().parent)]:
            if Path(folder).is_dir() and (not writable or os.access(folder, os.W_OK)):
                return folder
        return str(Path.home())

    def _remember(self, option: str, path: str) -> None:
        try:
            self.settings.set(option, str(Path(path).resolve().parent))
        except (OSError, ValueError):
            log.info("folder not remembered", exc_info=True)

    # ---------------------------------------------------------------- projects

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("New project"),
                                              self._folder("last_project_dir", writable=True),
                                              self.tr("Troupe projects (*.troupe)"))
        if path:
            self._remember("last_project_dir", path)
            self.new_requested.emit(path if path.endswith(".troupe") else path + ".troupe")

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open project"),
                                              self._folder("last_project_dir"), self.tr("Troupe projects (*.troupe)"))
        if path:
            self._remember("last_project_dir", path)
            self.open_requested.emit(path)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        recent = [p for p in self.settings.get("recent_projects") if Path(p).exists()]
        if not recent:
            menu.addAction(self.tr("(none)")).setEnabled(False)
        for p in recent:
            act = menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.triggered.connect(lambda _c=False, path=p: self.open_requested.emit(path))

    # ---------------------------------------------------------------- import

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import script"), self._folder("last_import_dir"),
            self.tr("Scripts and subtitles (%1);;Videos to dub (%2);;All files (*)")
            .replace("%1", script_filters()[0]).replace("%2", script_filters()[1]))
        if path:
            self._remember("last_import_dir", path)
            self.tasks.spawn("import", self.import_script(path))

    async def import_script(self, path: str, encoding: str | None = None) -> int | None:
        """Add the script at ``path`` as a new episode (one undo step); returns the episode id. A text
        script whose encoding had to be guessed is shown in it first, to import as it is or in the encoding
        the user chooses; ``encoding`` names it instead."""
        from studio.formats.script_import import ScriptImportError

        self.show_message(self.tr("Reading %1…").replace("%1", Path(path).name))
        try:
            draft = await asyncio.to_thread(importing.read_script_file, path, encoding)
            guessed = importing.uncertain_encoding(draft, encoding)
            if guessed is not None:
                chosen = await self._ask_encoding(path, guessed)
                if chosen is None:
                    self.show_message(self.tr("Import cancelled; nothing was imported."))
                    return None
                if chosen != guessed:
                    draft = await asyncio.to_thread(importing.read_script_file, path, chosen)
                encoding = chosen
        except ScriptImportError as exc:
            self.show_message(str(exc).splitlines()[0])
            # opened, not exec()'d: a loop nested inside this task would step other tasks from within it
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import script"), str(exc),
                              QMessageBox.StandardButton.Close, self.window)
            box.setObjectName("importRefused")
            await answer(box)
            return None
        plan = importing.plan_import(self.store, draft)
        command = cmd.ImportScript(self.store, plan, self.tr("Import script"))
        if not self.runner.run(command) or command.result is None:
            return None
        episode = command.result.episode
        self.episode_imported.emit(episode.id)
        said = self.tr("Imported %1 lines as “%2”.").replace("%1", str(len(plan.lines))).replace("%2", episode.title)
        if encoding:
            said += " " + self.tr("The script was read as %1.").replace("%1", encoding)
        self.show_message(said)
        return episode.id

    async def _ask_encoding(self, path: str, guessed: str) -> str | None:
        """The encoding to read ``path`` in (the one guessed, or another), or None when the user cancels."""
        from studio.ui.asking import finished
        from studio.ui.encoding_dialog import EncodingDialog

        dialog = EncodingDialog(path, guessed, self.window)
        try:
            return dialog.encoding() if await finished(dialog) else None
        finally:
            dialog.deleteLater()

    # ---------------------------------------------------------------- save a copy

    def ask_save_copy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save a copy as"),
                                              self._folder("last_project_dir", writable=True),
                                              self.tr("Troupe projects (*.troupe)"))
        if path:
            self.tasks.spawn("save-copy", self.save_copy(path))

    async def save_copy(self, path: str) -> Path | None:
        try:
            target = await asyncio.to_thread(copying.save_copy, self.store, path)
        except (ActionError, OSError) as exc:
            self.show_message(str(exc))
            return None
        self.show_message(self.tr("Saved a copy as %1.").replace("%1", str(target)))
        if self.store.read_only:  # the copy is what the user can edit: open it in place of the view
            self.open_requested.emit(str(target))
        return target
