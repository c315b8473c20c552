"""The File menu's work: new and open project (handed to the composition root), open recent, import a
script, export the open episode, save a copy.

File choosers start where the user's files are (the folder last used for that kind of file, else the
project's folder) and remember it. Import reads and plans the script off the UI thread and applies it as
one undo step; export says before it starts which lines are not rendered and offers to render them first;
the copy and the export run in worker threads on a read-only connection. The rules are the actions'
(``studio.actions.importing``, ``export``, ``copying``). Must not live here: those rules.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from studio.actions import ActionError, copying, importing
from studio.actions import export as exporting
from studio.actions.render import Which
from studio.session.project import ProjectSession
from studio.settings import Settings
from studio.ui import commands as cmd
from studio.ui.render_controller import RenderController
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

SCRIPT_FILTER = "*.txt *.csv *.tsv *.xlsx *.xlsm *.json *.md"
RENDER_FIRST, LEAVE_OUT = "render", "leave"


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

    def _folder(self, option: str) -> str:
        saved = self.settings.get(option)
        if saved and Path(saved).is_dir():
            return saved
        return str(Path(self.store.path).resolve().parent)

    def _remember(self, option: str, path: str) -> None:
        try:
            self.settings.set(option, str(Path(path).resolve().parent))
        except (OSError, ValueError):
            log.info("folder not remembered", exc_info=True)

    # ---------------------------------------------------------------- projects

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("New project"), self._folder("last_project_dir"),
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
            self.tr("Scripts (%1);;All files (*)").replace("%1", SCRIPT_FILTER))
        if path:
            self._remember("last_import_dir", path)
            self.tasks.spawn("import", self.import_script(path))

    async def import_script(self, path: str) -> int | None:
        """Add the script at ``path`` as a new episode (one undo step); returns the episode id."""
        from studio.formats.script_import import ScriptImportError, read_script

        self.show_message(self.tr("Reading %1…").replace("%1", Path(path).name))
        try:
            draft = await asyncio.to_thread(read_script, path)
        except ScriptImportError as exc:
            self.show_message(str(exc).splitlines()[0])
            QMessageBox.warning(self.window, self.tr("Import script"), str(exc))
            return None
        plan = importing.plan_import(self.store, draft)
        command = cmd.ImportScript(self.store, plan, self.tr("Import script"))
        if not self.runner.run(command) or command.result is None:
            return None
        episode = command.result.episode
        self.episode_imported.emit(episode.id)
        self.show_message(self.tr("Imported %1 lines as “%2”.").replace("%1", str(len(plan.lines)))
                          .replace("%2", episode.title))
        return episode.id

    # ---------------------------------------------------------------- save a copy

    def ask_save_copy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save a copy as"), self._folder("last_project_dir"),
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
        return target

    # ---------------------------------------------------------------- export

    def ask_export(self) -> None:
        episode = self.session.episode
        ep = episode.episode_id
        if ep is None:
            return
        fmt = self.settings.get("audio_format") or "wav"
        number = [e.id for e in self.store.episodes()].index(ep) + 1
        suggested = str(Path(self._folder("last_export_dir")) / f"{Path(self.store.path).stem}-E{number:02d}.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export episode"), suggested,
                                              self.tr("Audio (*.wav *.flac *.mp3 *.m4a *.opus)"))
        if not path:
            return
        self._remember("last_export_dir", path)
        missing = exporting.unrendered(episode.plans())
        choice = LEAVE_OUT
        if missing:
            choice = self._ask_about_unrendered(len(missing), len(episode))
            if choice is None:
                return
        self.tasks.spawn("export", self.export(path, choice))

    def _ask_about_unrendered(self, missing: int, total: int) -> str | None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Export episode"),
                          self.tr("%1 of %2 lines are not rendered yet. Render them first, or export without "
                                  "them (they are left out of the audio and the subtitles)?")
                          .replace("%1", str(missing)).replace("%2", str(total)), parent=self.window)
        render = box.addButton(self.tr("Render first"), QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(self.tr("Export without them"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(render)
        box.exec()
        clicked = box.clickedButton()
        return RENDER_FIRST if clicked is render else LEAVE_OUT if clicked is leave else None

    async def export(self, path: str, unrendered: str = LEAVE_OUT) -> exporting.ExportResult | None:
        """Export the open episode to ``path``. Lines not rendered are rendered first (``render``) or left
        out (``leave``) — the caller has decided and told the user before this starts."""
        episode = self.session.episode
        ep = episode.episode_id
        if ep is None:
            return None
        try:
            request = exporting.check_request(path, ("srt",), None)
        except ActionError as exc:
            self.show_message(str(exc))
            return None
        if unrendered == RENDER_FIRST and exporting.unrendered(episode.plans()):
            await self.render.render_lines(None, Which.STALE)
            if exporting.unrendered(episode.plans()):
                self.show_message(self.tr("Some lines could not be rendered; nothing was exported. See their "
                                          "Status."))
                return None
        plans = episode.plans()
        left_out = len(exporting.unrendered(plans))
        self.show_message(self.tr("Exporting…"))
        try:
            result = await asyncio.to_thread(_export_on_reader, self.store, ep, plans, request)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # ActionError, ExportError, OSError: each carries its sentence
            log.info("export failed", exc_info=True)
            self.show_message(self.tr("Export failed: %1").replace("%1", str(exc)))
            return None
        text = self.tr("Exported %1 (%2 s).").replace("%1", str(result.audio_path)) \
            .replace("%2", f"{result.duration_ms / 1000:.1f}")
        if left_out:
            text += " " + self.tr("%1 unrendered line(s) left out, as chosen.").replace("%1", str(left_out))
        self.show_message(text)
        return result


def _export_on_reader(store, episode_id, plans, request):  # noqa: ANN001, ANN202 - runs in a worker thread
    reader = store.reader()
    try:
        return exporting.export(reader, episode_id, plans, request)
    finally:
        reader.close()
