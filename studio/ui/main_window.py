"""The studio's main window: its parts laid out (script table, episodes, cast, voice library, timeline,
status bar) and the few things only the window decides — which episode is open, what is selected, which
actions are enabled, and how it closes.

The window is handed its services and one ``ProjectSession`` by the composition root (``studio.app``).
Each part is its own module: menus (``window_menus``), line edits (``line_edits``), episodes
(``episodes_panel``), files (``file_actions``), rendering (``render_controller``), sound and time
(``episode_audio``), the status bar (``status_line``). Every background job runs under the window's
``TaskManager``; ``shutdown()`` is the one way out: it cancels and awaits them all.
Must not live here: business rules (``studio.actions``), SQLite access, engine calls.
"""

from __future__ import annotations

import asyncio
import base64
import gc
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from studio.actions import costs
from studio.actions.render import Which
from studio.render.scheduler import RenderReport
from studio.session import events as se
from studio.session.project import ProjectSession, SessionEvent
from studio.store import events as ev
from studio.ui import commands as cmd
from studio.ui import script_model as sm
from studio.ui import window_menus
from studio.ui.cast_panel import CastPanel
from studio.ui.check_menu import install_check
from studio.ui.delegates import colour_icon
from studio.ui.dub_fit import install as install_dub_fit
from studio.ui.episode_audio import TimelineController
from studio.ui.episodes_panel import EpisodesPanel
from studio.ui.export_flow import ExportFlow
from studio.ui.file_actions import FileActions
from studio.ui.find_replace import FindReplaceDialog
from studio.ui.help_dialogs import ShortcutsDialog, show_about
from studio.ui.lexicon_dialog import install_lexicon
from studio.ui.line_edits import LineEdits
from studio.ui.media_menu import install as install_media
from studio.ui.read_only import disable_writes
from studio.ui.read_only import install as install_read_only
from studio.ui.render_controller import RenderController
from studio.ui.script_model import ScriptModel
from studio.ui.script_view import ScriptView
from studio.ui.services import Services
from studio.ui.status_line import StatusLine, engine_problem
from studio.ui.tasks import TaskManager
from studio.ui.timeline import TimelineClip, TimelineView
from studio.ui.transport import PAUSED, PLAYING, PlaybackController
from studio.ui.voice_catalog import VoiceCatalog
from studio.ui.voice_library import VoiceLibraryPanel
from studio.ui.wal_keeper import WalKeeper
from studio.ui.writing_room import install_writing_room

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """One window over one open project."""

    def __init__(self, services: Services, session: ProjectSession, player: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services = services
        self.session = session
        self.store = session.store
        #: set by the composition root: asked to quit the app when the window is closed
        self.on_close_requested: Callable[[], None] | None = None
        self._shut_down = False
        self._closing = False
        self.tasks = TaskManager(on_error=self._job_failed)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.runner = cmd.UndoRunner(self.undo_stack, self.show_message)
        self.edits = LineEdits(session, self.runner, self.show_message, self)
        self.model = ScriptModel(session, self.edits.commit_lines, self.edits.move_lines, self)
        self.view = ScriptView(self.model, self.edits.emotion_choices, self.edits.take_choices,
                               self.edits.effect_choices, self)
        self.edits.attach(self.model, self.view)
        self.catalog = VoiceCatalog(session, self.tasks, services.library, services.engines, self)
        self.render = RenderController(session, self.tasks, self)
        self.wal_keeper = WalKeeper(session.store, self)
        self.episodes = EpisodesPanel(session, self.runner, self)
        self.status = StatusLine(self.statusBar(), session, self.view.selected_rows, self)
        self._find_dialog: FindReplaceDialog | None = None

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(self._build_filter_bar())
        layout.addWidget(self.view)
        self.setCentralWidget(central)
        self._build_docks(player)
        self.files = FileActions(self, session, services.settings, self.runner, self.render, self.tasks,
                                 self.show_message)
        self.exports = ExportFlow(self, session, services.settings, self.runner, self.render, self.tasks,
                                  self.show_message)
        window_menus.build(self)
        self._connect()

        self.episodes.refresh()
        first = self.store.episodes()
        last = self._last_episode()
        self.open_episode(last if last in {e.id for e in first} else first[0].id if first else None)
        self._update_title()
        self._update_engine()
        self._update_actions()
        self.resize(1280, 800)
        self.default_dock_sizes()
        self._restore_state()
        self.catalog.load()
        install_media(self)  # music and effects lanes, their menu entries and edits
        install_writing_room(self)
        install_dub_fit(self)  # Episode ▸ Fit the dub
        install_lexicon(self)  # Settings → Pronunciation lexicon…
        install_check(self)  # Render → Listen back to the takes
        install_read_only(self)  # a project that cannot be written: viewing and export only

    # ================================================================ building

    def _build_filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.episodes.title)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Show role:"), self))
        self.role_filter = QComboBox(self)
        self.role_filter.setObjectName("roleFilter")
        self.role_filter.setAccessibleName(self.tr("Filter by role"))
        self.role_filter.setMinimumWidth(140)
        bar.addWidget(self.role_filter)
        self.filter_bar = bar  # the check adds its Doubtful takes filter here
        return bar

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name + "Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self, player: Any) -> None:
        self.episode_list = self.episodes.list
        self.episodes_dock = self._dock(self.tr("Episodes"), "episodes", self.episode_list,
                                        Qt.DockWidgetArea.LeftDockWidgetArea)
        self.cast_panel = CastPanel(self.session, self.catalog, self.runner, self)
        self.cast_dock = self._dock(self.tr("Cast"), "cast", self.cast_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.voice_library = VoiceLibraryPanel(self.session, self.catalog, self.tasks, self.services.previews,
                                               player, self._selected_line_text, self)
        self.voice_dock = self._dock(self.tr("Voice library"), "voiceLibrary", self.voice_library,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.cast_dock, self.voice_dock, Qt.Orientation.Vertical)
        self.timeline_view = TimelineView(self)
        self.timeline_view.setObjectName("timeline")
        self.timeline_view.setAccessibleName(self.tr("Timeline"))
        self.timeline_dock = self._dock(self.tr("Timeline"), "timeline", self.timeline_view,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.timeline = TimelineController(self.session, self.timeline_view, TimelineClip, self.tasks, self)
        self.playback = PlaybackController(self.session, player, self.tasks, lambda: self.timeline.placements, self)

    def default_dock_sizes(self) -> None:
        self.resizeDocks([self.episodes_dock, self.cast_dock], [110, 360], Qt.Orientation.Horizontal)
        self.resizeDocks([self.timeline_dock], [200], Qt.Orientation.Vertical)
        self.resizeDocks([self.cast_dock, self.voice_dock], [210, 290], Qt.Orientation.Vertical)

    def _connect(self) -> None:
        self.model.problem.connect(self.show_message)
        self.model.totals_changed.connect(self.status.schedule_totals)
        self.model.modelReset.connect(self.status.schedule_totals)
        self.view.selection_changed.connect(self._on_selection)
        self.episodes.open_requested.connect(self.open_episode)
        self.files.episode_imported.connect(self.open_episode)
        self.role_filter.currentIndexChanged.connect(self._on_role_filter)
        self._unsubscribe = self.session.subscribe(self._on_session)
        self.render.message.connect(self.show_message)
        self.render.progress.connect(self.status.on_progress)
        self.exports.progress.connect(self.status.on_export_progress)
        self.status.cancel_export.clicked.connect(self.exports.cancel)
        self.render.busy_changed.connect(lambda _b: self._update_actions())
        self.playback.message.connect(self.show_message)
        self.cast_panel.message.connect(self.show_message)
        self.cast_panel.filter_requested.connect(self.filter_to_role)
        self.voice_library.message.connect(self.show_message)
        self.voice_library.assign_requested.connect(lambda engine, vid: self.cast_panel.assign_voice(vid, engine))
        self.undo_stack.indexChanged.connect(self._on_edit)
        # the episode's time comes from the transport (a voice preview on the same output moves nothing here)
        self.playback.position_changed.connect(self.timeline_view.set_playhead)
        self.playback.line_heard.connect(self.model.set_heard)
        self.playback.state_changed.connect(lambda _s: self._update_actions())
        self.timeline_view.seek_requested.connect(self._on_seek)
        self.timeline_view.clip_dragged.connect(self._on_clip_dragged)
        self.timeline_view.line_activated.connect(lambda lid: self.view.select_lines([lid]))
        header = self.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        for col in sm.HIDDEN_BY_DEFAULT:
            self.view.setColumnHidden(col, True)

    # ================================================================ the project's changes

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, ev.EpisodesChanged):
            ids = [e.id for e in self.store.episodes()]
            if self.model.episode_id not in ids:
                self.open_episode(ids[0] if ids else None)
            self.episodes.refresh()
        elif isinstance(event, (ev.RoleAdded, ev.RoleChanged, ev.RoleRemoved)):
            self._refresh_role_filter()
        elif isinstance(event, ev.ProjectRenamed):
            self._update_title()
        elif isinstance(event, (ev.SettingsChanged, se.EngineChanged)):
            self._update_engine()
            self.status.schedule_totals()

    def _update_engine(self) -> None:
        act = self.engine_actions.get(self.session.engine_name)
        if act is not None:
            act.setChecked(True)
        self.status.update_engine()
        if self.session.engine_error:
            self.show_message(engine_problem(self.session))

    # ================================================================ episodes

    def current_episode_id(self) -> int | None:
        return self.model.episode_id

    def open_episode(self, episode_id: int | None) -> None:
        if episode_id != self.session.episode.episode_id:
            self.show_message("")  # what was said was about the other episode
        self.session.episode.load(episode_id)
        # The open episode lives as long as it is shown: keep it out of the collector's full passes,
        # which would otherwise walk every cached line while the user types or renders.
        gc.collect()
        gc.freeze()
        self.episodes.select(episode_id)
        self._remember_episode(episode_id)
        self._refresh_role_filter()
        if self.model.rowCount():
            self.view.selectRow(0)
            self.view.setCurrentIndex(self.model.index(0, sm.TEXT))
        self.timeline.schedule()

    def _project_key(self) -> str:
        return str(Path(self.store.path).resolve())

    def _last_episode(self) -> int | None:
        """The episode that was open when this project was last closed (None: not known)."""
        value = (self.services.settings.get("open_episodes") or {}).get(self._project_key())
        return value if isinstance(value, int) else None

    def _remember_episode(self, episode_id: int | None) -> None:
        if episode_id is None or getattr(self, "_shut_down", False):
            return
        known = dict(self.services.settings.get("open_episodes") or {})
        key = self._project_key()
        if known.get(key) == episode_id:
            return
        known.pop(key, None)
        known[key] = episode_id
        try:  # the newest last, at most 30 projects
            self.services.settings.set("open_episodes", dict(list(known.items())[-30:]))
        except (OSError, ValueError):
            log.info("the open episode was not remembered", exc_info=True)

    def rename_episode(self, title: str) -> None:
        self.episodes.rename(title)

    def delete_episode(self) -> None:
        if self.episodes.delete():
            self.show_message(self.tr("Episode deleted. Undo (Ctrl+Z) brings it back."))

    # ================================================================ line edits (the tests' and menus' entry)

    def paste_text(self, text: str) -> list[int]:
        return self.edits.paste_text(text)

    def set_role_of_selection(self, role_id: int | None) -> None:
        self.edits.set_role_of_selection(role_id)

    async def import_script(self, path: str) -> int | None:
        return await self.files.import_script(path)

    async def export(self, path: str, unrendered: str = "leave") -> Any:
        """Export the open episode to ``path`` (an existing file is replaced); unrendered lines are
        rendered first (``render``) or left out (``leave``). The ExportResult, or None."""
        return await self.exports.export_file(path, unrendered)

    async def save_copy(self, path: str) -> Any:
        return await self.files.save_copy(path)

    # ================================================================ rendering

    def render_selected(self, force: bool = False) -> asyncio.Task[RenderReport | None] | None:
        ids = self.view.selected_line_ids()
        if not ids:
            self.show_message(self.tr("Select the lines to render first."))
            return None
        return self.render.render_lines(ids, Which.ALL if force else Which.STALE)

    def render_stale(self) -> asyncio.Task[RenderReport | None]:
        return self.render.render_lines(None)

    def render_all(self) -> asyncio.Task[RenderReport | None] | None:
        if self.session.engine is None:  # say why first, never ask about a cost that cannot be spent
            self.show_message(self.tr("Cannot render: %1").replace("%1", engine_problem(self.session)))
            return None
        if not self._confirm_paid_rerender():
            return None
        return self.render.render_lines(None, Which.ALL)

    def _confirm_paid_rerender(self) -> bool:
        """Rendering every line again on a paid engine costs money: say how much and ask first."""
        chars, _ = self.model.char_counts()
        cost = costs.estimate(self.session.engine_name, self.session.engine_model, chars)
        if cost is None:
            return True
        answer = QMessageBox.question(
            self, self.tr("Render all lines"),
            self.tr("Render every line of this episode with MiniMax, with a fresh take even where one exists? "
                    "That is %1 characters, about %2. The takes you have are kept.")
            .replace("%1", str(chars)).replace("%2", cost))
        return answer == QMessageBox.StandardButton.Yes

    # ================================================================ playback and selection

    def play(self) -> None:
        """Space: play or pause (from the selected line when stopped)."""
        ids = self.view.selected_line_ids()
        self.playback.toggle(ids[0] if ids else None)

    def play_from_line(self) -> None:
        ids = self.view.selected_line_ids()
        self.playback.play_from(ids[0] if ids else None)

    def play_from_playhead(self) -> None:
        self.playback.play_at(self.timeline_view.playhead())

    def toggle_loop(self, on: bool) -> None:
        """Loop the selected lines' stretch of the episode while playing."""
        if not on:
            self.playback.set_loop(None)
            self.show_message(self.tr("Loop off."))
            return
        spans = [self.timeline.placements[i] for i in self.view.selected_line_ids() if i in self.timeline.placements]
        if not spans:
            self.act_loop.setChecked(False)
            self.show_message(self.tr("Select the lines to loop first."))
            return
        start, end = min(p.start_ms for p in spans), max(p.end_ms for p in spans)
        self.playback.set_loop(start, end)
        self.show_message(self.tr("Looping %1 s to %2 s.").replace("%1", f"{start / 1000:.1f}")
                          .replace("%2", f"{end / 1000:.1f}"))

    def _on_edit(self, _index: int) -> None:
        if self._shut_down:
            return
        self._update_actions()
        # a sentence about the project's state goes stale with the next edit: clear it (the edit's own
        # sentence, if it has one, comes right after)
        self.show_message("")

    def _selected_line_text(self) -> str | None:
        ids = self.view.selected_line_ids()
        row = self.model.row_of(ids[0]) if ids else None
        return self.model.line_at(row).text if row is not None else None

    def _on_clip_dragged(self, line_id: int, delta_ms: int, alone: bool) -> None:
        spot = self.timeline.placements.get(line_id)
        self.edits.drag_clip(line_id, delta_ms, alone, spot.start_ms if spot is not None else 0)

    def ask_all_gaps(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        gap, ok = QInputDialog.getInt(self, self.tr("Set every gap"),
                                      self.tr("Gap before each line (ms; negative overlaps):"),
                                      self.session.settings.gap_ms, -5000, 10000, 50)
        if ok:
            self.edits.set_all_gaps(gap)

    def _on_seek(self, ms: int) -> None:
        self.timeline_view.set_playhead(ms)
        self.playback.seek(ms)  # while playing, playing goes on from here (scrubbing)
        line_id = self.timeline.clip_at(ms)
        if line_id is not None and self.playback.state != PLAYING:
            self.view.select_lines([line_id])

    def _on_selection(self) -> None:
        ids = self.view.selected_line_ids()
        if ids:
            self.timeline_view.select_line(ids[0])
        self._update_actions()
        self.status.schedule_totals()

    # ================================================================ role filter, columns, find

    def _refresh_role_filter(self) -> None:
        current = self.role_filter.currentData()
        self.role_filter.blockSignals(True)
        self.role_filter.clear()
        self.role_filter.addItem(self.tr("All roles"), None)
        for role in self.session.roles().values():
            self.role_filter.addItem(colour_icon(role.colour), role.name, role.id)
        self.role_filter.setCurrentIndex(max(0, self.role_filter.findData(current)))
        self.role_filter.blockSignals(False)
        self._on_role_filter()

    def _on_role_filter(self, *args: object) -> None:
        role_id = self.role_filter.currentData()
        self.view.set_role_filter(None if role_id is None else {role_id})

    def filter_to_role(self, role_id: int) -> None:
        pos = self.role_filter.findData(role_id)
        if pos >= 0:
            self.role_filter.setCurrentIndex(pos)

    _filter_to_role = filter_to_role

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for col in range(sm.COLUMN_COUNT):
            if col in (sm.NUMBER, sm.TEXT):
                continue
            act = menu.addAction(str(self.model.headerData(col, Qt.Orientation.Horizontal)))
            act.setCheckable(True)
            act.setChecked(not self.view.isColumnHidden(col))
            act.toggled.connect(lambda on, c=col: (self.view.setColumnHidden(c, not on), self.view.fit_text_column()))
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))

    def find(self) -> None:
        if self._find_dialog is None:
            self._find_dialog = FindReplaceDialog(self.model, self.view, self.edits.commit_lines, self)
            self._find_dialog.message.connect(self.show_message)
        self._find_dialog.show()
        self._find_dialog.raise_()
        self._find_dialog.activateWindow()

    _find = find

    # ================================================================ settings, help

    def open_settings(self) -> None:
        from studio.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services.settings, self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self._on_settings_applied)
        dialog.open()

    def _on_settings_applied(self, message: str) -> None:
        self.catalog.reload()
        self._update_engine()
        if message:
            self.show_message(message)

    def about(self) -> None:
        show_about(self)

    def shortcuts(self) -> None:
        extra = [(self.tr("Edit the cell"), "Enter"), (self.tr("New line inside a text"), "Shift+Enter")]
        dialog = ShortcutsDialog(self.findChildren(type(self.act_play)), extra, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # ================================================================ status

    def show_message(self, text: str) -> None:
        self.status.show_message(text)

    def _job_failed(self, name: str, exc: BaseException) -> None:
        self.show_message(self.tr("Something went wrong (%1): %2. The project is safe; details are in the log.")
                          .replace("%1", name.split(":")[0]).replace("%2", str(exc) or type(exc).__name__))

    def _update_title(self) -> None:
        if self.store.read_only:
            self.setWindowTitle(self.tr("%1 (read-only) — Troupe").replace("%1", self.store.title))
            return
        self.setWindowTitle(f"{self.store.title} — Troupe")

    @property
    def stale_label(self) -> QLabel:
        return self.status.stale_label

    def _update_actions(self) -> None:
        has_sel = bool(self.view.selected_rows())
        has_ep = self.model.episode_id is not None
        for act in (self.act_render_selected, self.act_render_new_take, self.act_cut, self.act_copy,
                    self.act_delete, self.act_move_up, self.act_move_down):
            act.setEnabled(has_sel)
        for act in (self.act_render_stale, self.act_render_all, self.act_export, self.act_paste,
                    self.act_insert_above, self.act_insert_below, self.act_ep_rename, self.act_ep_dup,
                    self.act_ep_delete, self.act_ep_up, self.act_ep_down):
            act.setEnabled(has_ep)
        self.act_cancel.setEnabled(self.render.busy)
        can_play = self.playback.available()
        playing = self.playback.state == PLAYING
        for act in (self.act_play, self.act_play_line, self.act_play_head, self.act_loop):
            act.setEnabled(can_play and has_ep)
        self.act_stop.setEnabled(can_play and self.playback.state in (PLAYING, PAUSED))
        self.act_play.setText(self.tr("&Pause") if playing else self.tr("&Play"))
        tip = self.tr("Play or pause the episode (Space)") if can_play else self.playback.reason()
        self.act_play.setToolTip(tip)
        self.act_play.setStatusTip(tip)
        disable_writes(self)

    # ================================================================ state

    def _restore_state(self) -> None:
        raw = self.services.settings.get("window_state")
        if not raw:
            return
        try:
            data = json.loads(base64.b64decode(raw))
            self.restoreGeometry(base64.b64decode(data["geometry"]))
            self.restoreState(base64.b64decode(data["state"]))
            if "table" in data:
                self.view.horizontalHeader().restoreState(base64.b64decode(data["table"]))
                self.view.fit_text_column()
            if "cast" in data:
                self.cast_panel.table.horizontalHeader().restoreState(base64.b64decode(data["cast"]))
        except (ValueError, KeyError, TypeError):
            log.info("saved window state ignored")

    def save_state(self) -> None:
        def b64(data: Any) -> str:
            return base64.b64encode(bytes(data.data())).decode()

        data = {"geometry": b64(self.saveGeometry()), "state": b64(self.saveState()),
                "table": b64(self.view.horizontalHeader().saveState()),
                "cast": b64(self.cast_panel.table.horizontalHeader().saveState())}
        self.services.settings.set("window_state", base64.b64encode(json.dumps(data).encode()).decode())

    # ================================================================ closing

    async def shutdown(self) -> None:
        """Stop everything the window started, and wait for it: renders, previews, mixing, peaks."""
        if self._shut_down:
            return
        self._shut_down = True
        try:
            self.save_state()
        except (OSError, ValueError):
            log.info("window state not saved", exc_info=True)
        self.render.cancel_all()
        self.playback.stop()
        self.wal_keeper.stop()
        if self._find_dialog is not None:
            self._find_dialog.close()
        self.exports.close()
        auto_check = getattr(self, "auto_check", None)
        if auto_check is not None:  # no new take is heard once the window closes
            auto_check.detach()
        await self.tasks.shutdown()
        for part in (self.model, self.cast_panel.model, self.catalog, self.timeline, self.voice_library):
            part.detach()
        self._unsubscribe()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every edit is already on disk: nothing to ask. The app closes the window after shutdown().
        if self._shut_down:
            super().closeEvent(event)
            return
        event.ignore()
        if self._closing:
            return
        self._closing = True
        if self.on_close_requested is not None:
            self.on_close_requested()
        else:  # a window on its own (no app around it): stop what can be stopped and close
            asyncio.get_event_loop().create_task(self._shutdown_and_close())

    async def _shutdown_and_close(self) -> None:
        await self.shutdown()
        self.close()
