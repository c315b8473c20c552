"""The studio's main window: menus, toolbar, docks, status bar, and the glue between them.

The window is handed its services and one ``ProjectSession`` by the composition root (``studio.app``),
and asks the root to open another project (``open_requested``) rather than swapping projects itself.
Every edit goes through ``UndoRunner`` as an undo command; rendering through ``RenderController``;
playback through ``PlaybackController``. Long or blocking work never runs here on the UI thread.
Must not live here: SQLite access other than through the store's methods, engine calls.
"""

from __future__ import annotations

import asyncio
import base64
import gc
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from studio.domain.model import DONE, Delivery, Line
from studio.store.project_file import ProjectStore
from studio.ui import commands as cmd
from studio.ui import script_model as sm
from studio.ui.cast_panel import CastPanel
from studio.ui.clipboard import lines_to_tsv, parse_paste
from studio.ui.episode_audio import PlaybackController, TimelineController
from studio.ui.find_replace import FindReplaceDialog
from studio.ui.render_controller import RenderController
from studio.ui.script_model import ScriptModel
from studio.ui.script_view import ScriptView
from studio.ui.services import Services, cost_per_char, emotions_for
from studio.ui.session import ProjectSession
from studio.ui.voice_library import VoiceCatalog, VoiceLibrary
from studio.ui.wal_keeper import WalKeeper

log = logging.getLogger(__name__)

ENGINE_LABELS = {"kokoro": "Kokoro", "espeak": "eSpeak", "minimax": "MiniMax"}


def _load_timeline_module() -> Any:
    try:
        from studio.ui import timeline
    except Exception:  # the timeline view is optional: a placeholder dock is shown instead
        log.info("timeline view not available", exc_info=True)
        return None
    return timeline


class MainWindow(QMainWindow):
    """One window over one open project."""

    open_requested = Signal(str)  # path of a project to open instead of this one
    new_requested = Signal(str)  # path of a new project to create and open

    def __init__(self, services: Services, session: ProjectSession, player: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services = services
        self.session = session
        self.store = session.store
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.runner = cmd.UndoRunner(self.undo_stack, self.show_message)
        self.model = ScriptModel(session, self._commit_lines, self._move_lines, self)
        self.model.selection_rows = self._selection_rows_for_edit
        self._key_known: bool | None = None
        self.view = ScriptView(self.model, self._emotion_choices, self._take_choices, self)
        self.catalog = VoiceCatalog(session, self)
        self.render = RenderController(session, self.model, self)
        self.wal_keeper = WalKeeper(session.store, self)
        self._find_dialog: FindReplaceDialog | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(self._build_filter_bar())
        layout.addWidget(self.view)
        self.setCentralWidget(central)

        self._build_docks(player)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()

        self._refresh_episodes()
        first = self.store.episodes()
        self.open_episode(first[0].id if first else None)
        self._update_title()
        self._update_engine_label()
        self._update_actions()
        self.resize(1280, 800)
        self.default_dock_sizes()
        self._restore_state()

    # ================================================================ building

    def _build_filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.episode_title = QLabel(self)
        self.episode_title.setObjectName("episodeTitle")
        font = self.episode_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.episode_title.setFont(font)
        bar.addWidget(self.episode_title)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Show role:"), self))
        self.role_filter = QComboBox(self)
        self.role_filter.setObjectName("roleFilter")
        self.role_filter.setAccessibleName(self.tr("Filter by role"))
        self.role_filter.setMinimumWidth(140)
        bar.addWidget(self.role_filter)
        return bar

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name + "Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self, player: Any) -> None:
        self.episode_list = QListWidget(self)
        self.episode_list.setObjectName("episodeList")
        self.episode_list.setAccessibleName(self.tr("Episodes"))
        self.episodes_dock = self._dock(self.tr("Episodes"), "episodes", self.episode_list,
                                        Qt.DockWidgetArea.LeftDockWidgetArea)
        self.cast_panel = CastPanel(self.session, self.catalog, self.runner, self)
        self.cast_dock = self._dock(self.tr("Cast"), "cast", self.cast_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.voice_library = VoiceLibrary(self.session, self.catalog, player, self)
        self.voice_dock = self._dock(self.tr("Voice library"), "voiceLibrary", self.voice_library,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.cast_dock, self.voice_dock, Qt.Orientation.Vertical)
        module = _load_timeline_module()
        if module is not None:
            self.timeline_view: Any = module.TimelineView(self)
            clip_type = module.TimelineClip
        else:
            self.timeline_view = QLabel(self.tr("The timeline is not available in this installation."), self)
            self.timeline_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
            clip_type = None
        self.timeline_view.setObjectName("timeline")
        self.timeline_view.setAccessibleName(self.tr("Timeline"))
        self.timeline_dock = self._dock(self.tr("Timeline"), "timeline", self.timeline_view,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.timeline = TimelineController(self.model, self.timeline_view if clip_type else None, clip_type, self)
        self.playback = PlaybackController(self.model, player, self.timeline, self)

    def default_dock_sizes(self) -> None:
        self.resizeDocks([self.episodes_dock, self.cast_dock], [140, 300], Qt.Orientation.Horizontal)
        self.resizeDocks([self.timeline_dock], [170], Qt.Orientation.Vertical)

    def _action(self, text: str, name: str | None = None, shortcut: Any = None, slot: Any = None,
                tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        K = QKeySequence.StandardKey
        self.act_new = a(self.tr("&New project…"), "actionNew", K.New, self._new_project)
        self.act_open = a(self.tr("&Open project…"), "actionOpen", K.Open, self._open_project)
        self.act_import = a(self.tr("&Import script…"), "actionImport", "Ctrl+Shift+I", self._import_script,
                            self.tr("Add a script file as a new episode"))
        self.act_export = a(self.tr("&Export episode…"), "actionExport", "Ctrl+E", self._export,
                            self.tr("Export the episode as audio with subtitles"))
        self.act_copy_as = a(self.tr("Save a &copy as…"), "actionSaveCopy", K.SaveAs, self._save_copy)
        self.act_quit = a(self.tr("&Quit"), "actionQuit", K.Quit, self.close)

        self.act_undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setObjectName("actionUndo")
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setObjectName("actionRedo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.act_undo, self.act_redo):
            self.addAction(act)
        self.act_cut = a(self.tr("Cu&t lines"), "actionCut", K.Cut, self._cut)
        self.act_copy = a(self.tr("&Copy lines"), "actionCopy", K.Copy, self._copy)
        self.act_paste = a(self.tr("&Paste lines"), "actionPaste", K.Paste, self._paste)
        self.act_insert_above = a(self.tr("Insert line &above"), "actionInsertAbove", "Ctrl+Shift+Return",
                                  lambda: self._insert_line(above=True))
        self.act_insert_below = a(self.tr("Insert line &below"), "actionInsertBelow", "Ctrl+Shift+N",
                                  lambda: self._insert_line(above=False))
        self.act_delete = a(self.tr("&Delete lines"), "actionDelete", K.Delete, self._delete_lines)
        self.act_move_up = a(self.tr("Move &up"), "actionMoveUp", "Ctrl+Up", lambda: self._move_selection(-1))
        self.act_move_down = a(self.tr("Move do&wn"), "actionMoveDown", "Ctrl+Down",
                               lambda: self._move_selection(1))
        self.act_find = a(self.tr("&Find and replace…"), "actionFind", [QKeySequence("Ctrl+F"),
                                                                         QKeySequence("Ctrl+H")], self._find)

        self.act_ep_new = a(self.tr("&New episode"), "actionEpisodeNew", None, self._episode_new)
        self.act_ep_rename = a(self.tr("&Rename episode…"), "actionEpisodeRename", "F2", self._episode_rename)
        self.act_ep_dup = a(self.tr("&Duplicate episode"), "actionEpisodeDuplicate", None, self._episode_duplicate)
        self.act_ep_delete = a(self.tr("D&elete episode"), "actionEpisodeDelete", None, self._episode_delete)
        self.act_ep_up = a(self.tr("Move episode &up"), "actionEpisodeUp", None, lambda: self._episode_move(-1))
        self.act_ep_down = a(self.tr("Move episode do&wn"), "actionEpisodeDown", None,
                             lambda: self._episode_move(1))

        self.act_render_selected = a(self.tr("Render &selected"), "actionRenderSelected",
                                     [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")],
                                     self.render_selected, self.tr("Render the selected lines (Ctrl+Enter)"))
        self.act_render_new_take = a(self.tr("Render a &new take of the selection"), "actionRenderNewTake", None,
                                     lambda: self.render_selected(force=True))
        self.act_render_stale = a(self.tr("Render s&tale lines"), "actionRenderStale", "Ctrl+R",
                                  self.render_stale, self.tr("Render every line that is out of date"))
        self.act_render_all = a(self.tr("Render &all lines"), "actionRenderAll", "Ctrl+Shift+R", self.render_all)
        self.act_cancel = a(self.tr("&Cancel rendering"), "actionCancelRender", "Ctrl+.", self.render.cancel_all,
                            self.tr("Stop rendering; finished lines are kept"))

        self.act_play = a(self.tr("&Play from selected line"), "actionPlay", "Space", self.play,
                          self.tr("Play the episode from the selected line (Space)"))
        self.act_stop = a(self.tr("&Stop"), "actionStop", "Shift+Space", self.playback.stop)
        self.act_settings = a(self.tr("&Settings…"), "actionSettings", K.Preferences, self._settings)
        if self.act_settings.shortcut().isEmpty():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.engine_group = QActionGroup(self)
        self.engine_actions: dict[str, QAction] = {}
        for name in ("kokoro", "espeak", "minimax"):
            act = QAction(ENGINE_LABELS[name], self, checkable=True)
            act.setObjectName(f"actionEngine_{name}")
            act.triggered.connect(lambda _c=False, n=name: self.session.set_engine(n))
            self.engine_group.addAction(act)
            self.engine_actions[name] = act
        self.act_about = a(self.tr("&About Troupe"), "actionAbout", None, self._about)
        self.act_keys = a(self.tr("&Keyboard shortcuts"), "actionShortcuts", "F1", self._shortcuts)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&File"))
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("menuRecent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        m.addActions([self.act_import, self.act_export, self.act_copy_as])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu(self.tr("&Edit"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste])
        m.addSeparator()
        m.addActions([self.act_insert_above, self.act_insert_below, self.act_delete, self.act_move_up,
                      self.act_move_down])
        m.addSeparator()
        self.set_role_menu = m.addMenu(self.tr("Set &role of selection"))
        self.set_role_menu.aboutToShow.connect(self._fill_role_menu)
        self.set_emotion_menu = m.addMenu(self.tr("Set e&motion of selection"))
        self.set_emotion_menu.aboutToShow.connect(self._fill_emotion_menu)
        m.addSeparator()
        m.addAction(self.act_find)
        m = mb.addMenu(self.tr("E&pisode"))
        m.addActions([self.act_ep_new, self.act_ep_rename, self.act_ep_dup, self.act_ep_delete])
        m.addSeparator()
        m.addActions([self.act_ep_up, self.act_ep_down])
        m = mb.addMenu(self.tr("&Render"))
        m.addActions([self.act_render_selected, self.act_render_new_take, self.act_render_stale,
                      self.act_render_all])
        m.addSeparator()
        m.addAction(self.act_cancel)
        m = mb.addMenu(self.tr("Pla&yback"))
        m.addActions([self.act_play, self.act_stop])
        m = mb.addMenu(self.tr("&Settings"))
        m.addAction(self.act_settings)
        em = m.addMenu(self.tr("Speech &engine"))
        em.addActions(list(self.engine_actions.values()))
        m.addSeparator()
        for dock in (self.episodes_dock, self.cast_dock, self.voice_dock, self.timeline_dock):
            m.addAction(dock.toggleViewAction())
        m = mb.addMenu(self.tr("&Help"))
        m.addActions([self.act_keys, self.act_about])

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main"), self)
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addActions([self.act_render_selected, self.act_render_stale, self.act_cancel])
        tb.addSeparator()
        tb.addActions([self.act_play, self.act_stop])
        tb.addSeparator()
        tb.addAction(self.act_export)
        self.addToolBar(tb)
        self.toolbar = tb

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        sb.setObjectName("statusBar")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("renderProgress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.stale_label = QLabel(self)
        self.stale_label.setObjectName("staleCount")
        self.chars_label = QLabel(self)
        self.chars_label.setObjectName("charCount")
        self.engine_label = QLabel(self)
        self.engine_label.setObjectName("engineState")
        for w in (self.progress, self.stale_label, self.chars_label, self.engine_label):
            w.setContentsMargins(10, 0, 10, 0)
            sb.addPermanentWidget(w)
        self._totals_timer = QTimer(self)
        self._totals_timer.setSingleShot(True)
        self._totals_timer.setInterval(100)
        self._totals_timer.timeout.connect(self._update_totals)

    def _connect(self) -> None:
        self.model.problem.connect(self.show_message)
        self.model.totals_changed.connect(self._totals_timer.start)
        self.model.modelReset.connect(self._totals_timer.start)
        self.view.selection_changed.connect(self._on_selection)
        self.view.doubleClicked.connect(lambda _i: None)
        self.episode_list.currentRowChanged.connect(self._on_episode_row)
        self.role_filter.currentIndexChanged.connect(self._on_role_filter)
        self.session.store_changed.connect(self._on_store_changed)
        self.session.engine_changed.connect(lambda _n: self._update_engine_label())
        self.session.engine_problem.connect(self.show_message)
        self.render.message.connect(self.show_message)
        self.render.progress.connect(self._on_progress)
        self.render.busy_changed.connect(lambda _b: self._update_actions())
        self.playback.message.connect(self.show_message)
        self.cast_panel.message.connect(self.show_message)
        self.cast_panel.filter_requested.connect(self._filter_to_role)
        self.voice_library.message.connect(self.show_message)
        self.voice_library.assign_requested.connect(self.cast_panel.assign_voice)
        self.undo_stack.indexChanged.connect(lambda _i: self._update_actions())
        player = self.playback.player
        if player is not None:
            player.position_changed.connect(self._on_position)
        if hasattr(self.timeline_view, "seek_requested"):
            self.timeline_view.seek_requested.connect(self._on_seek)
            self.timeline_view.line_activated.connect(lambda lid: self.view.select_lines([lid]))

    # ================================================================ episodes

    def current_episode_id(self) -> int | None:
        return self.model.episode_id

    def open_episode(self, episode_id: int | None) -> None:
        self.model.load(episode_id)
        # The loaded episode lives as long as it is shown: keep it out of the collector's full passes,
        # which would otherwise walk every cached line while the user types or renders.
        gc.collect()
        gc.freeze()
        for row in range(self.episode_list.count()):
            item = self.episode_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == episode_id:
                self.episode_list.blockSignals(True)
                self.episode_list.setCurrentRow(row)
                self.episode_list.blockSignals(False)
        self._refresh_role_filter()
        self._update_episode_title()
        if self.model.rowCount():
            self.view.selectRow(0)
            self.view.setCurrentIndex(self.model.index(0, sm.TEXT))
        self.timeline.schedule()

    def _refresh_episodes(self) -> None:
        current = self.model.episode_id
        self.episode_list.blockSignals(True)
        self.episode_list.clear()
        for n, ep in enumerate(self.store.episodes(), 1):
            item = QListWidgetItem(f"{n}. {ep.title}")
            item.setData(Qt.ItemDataRole.UserRole, ep.id)
            item.setToolTip(ep.title)
            self.episode_list.addItem(item)
            if ep.id == current:
                self.episode_list.setCurrentItem(item)
        self.episode_list.blockSignals(False)

    def _on_episode_row(self, row: int) -> None:
        item = self.episode_list.item(row)
        if item is not None:
            self.open_episode(item.data(Qt.ItemDataRole.UserRole))

    def _update_episode_title(self) -> None:
        ep_id = self.model.episode_id
        if ep_id is None:
            self.episode_title.setText(self.tr("No episode yet: use Episode ▸ New episode or File ▸ Import script."))
            return
        ep = self.store.episode(ep_id)
        number = next((n for n, e in enumerate(self.store.episodes(), 1) if e.id == ep_id), 0)
        lang = {"zh": self.tr("Chinese"), "en": self.tr("English")}.get(ep.language, ep.language)
        self.episode_title.setText(self.tr("Episode %1: %2  (%3)").replace("%1", str(number))
                                   .replace("%2", ep.title).replace("%3", lang))

    def _episode_new(self) -> None:
        number = len(self.store.episodes()) + 1
        lang = self.store.episode(self.model.episode_id).language if self.model.episode_id else "zh"
        command = cmd.AddEpisode(self.store, self.tr("Episode %1").replace("%1", str(number)), lang, [],
                                 self.tr("New episode"))
        if self.runner.run(command) and command.episode is not None:
            self.open_episode(command.episode.id)

    def _episode_rename(self) -> None:
        ep_id = self.model.episode_id
        if ep_id is None:
            return
        ep = self.store.episode(ep_id)
        title, ok = QInputDialog.getText(self, self.tr("Rename episode"), self.tr("Title:"), text=ep.title)
        if ok and title.strip() and title.strip() != ep.title:
            self.rename_episode(title.strip())

    def rename_episode(self, title: str) -> None:
        ep_id = self.model.episode_id
        if ep_id is None:
            return
        ep = self.store.episode(ep_id)
        after = type(ep)(ep.id, ep.position, title, ep.language)
        self.runner.run(cmd.EditEpisode(self.store, ep, after, self.tr("Rename episode")))

    def _episode_duplicate(self) -> None:
        ep_id = self.model.episode_id
        if ep_id is None:
            return
        ep = self.store.episode(ep_id)
        specs = [(ln.role_id, ln.text, ln.delivery, ln.gap_ms) for ln in self.store.lines(ep_id)]
        command = cmd.AddEpisode(self.store, self.tr("%1 (copy)").replace("%1", ep.title), ep.language, specs,
                                 self.tr("Duplicate episode"), position=ep.position + 1)
        if self.runner.run(command) and command.episode is not None:
            self.open_episode(command.episode.id)

    def _episode_delete(self) -> None:
        ep_id = self.model.episode_id
        if ep_id is None:
            return
        self.runner.run(cmd.DeleteEpisode(self.store, ep_id, self.tr("Delete episode")))
        self.show_message(self.tr("Episode deleted. Undo (Ctrl+Z) brings it back."))

    def _episode_move(self, step: int) -> None:
        ep_id = self.model.episode_id
        if ep_id is None:
            return
        ids = [e.id for e in self.store.episodes()]
        old = ids.index(ep_id)
        new = old + step
        if 0 <= new < len(ids):
            self.runner.run(cmd.MoveEpisode(self.store, ep_id, old, new, self.tr("Move episode")))

    # ================================================================ store events

    def _on_store_changed(self, kind: str, payload: Any) -> None:
        if kind == "episodes_changed":
            ids = [e.id for e in self.store.episodes()]
            self._refresh_episodes()
            if self.model.episode_id not in ids:
                self.open_episode(ids[0] if ids else None)
            else:
                self._update_episode_title()
        elif kind in ("role_added", "role_changed", "role_removed"):
            self._refresh_role_filter()
        elif kind == "project":
            self._update_title()
        elif kind == "settings":
            self._update_engine_label()
            self._totals_timer.start()

    # ================================================================ line edits

    def _commit_lines(self, before: list[Line], after: list[Line], label: str) -> bool:
        return self.runner.run(cmd.EditLines(self.store, before, after, label))

    def _move_lines(self, order: list[int], label: str) -> bool:
        ep = self.model.episode_id
        if ep is None:
            return False
        before = [p.line.id for p in self.model.plans()]
        ok = self.runner.run(cmd.MoveLines(self.store, ep, before, order, label))
        return ok

    def _selection_rows_for_edit(self, row: int, col: int) -> list[int]:
        rows = self.view.selected_rows()
        if col != sm.TEXT and row in rows and len(rows) > 1:
            return rows
        return [row]

    def _insert_line(self, above: bool) -> None:
        ep = self.model.episode_id
        if ep is None:
            return
        rows = self.view.selected_rows()
        if rows:
            ref = self.model.line_at(rows[0] if above else rows[-1])
            index = ref.position if above else ref.position + 1
            role_id = ref.role_id
        else:
            index, role_id = self.model.rowCount(), None
        command = cmd.InsertLines(self.store, ep, index, [(role_id, "", Delivery(), None)],
                                  self.tr("Insert line"))
        if self.runner.run(command):
            self.view.select_lines(command.ids)
            row = self.model.row_of(command.ids[0])
            if row is not None:
                self.view.edit(self.model.index(row, sm.TEXT))

    def _delete_lines(self) -> None:
        ids = self.view.selected_line_ids()
        if not ids:
            return
        rows = self.view.selected_rows()
        label = self.tr("Delete %1 line(s)").replace("%1", str(len(ids)))
        if self.runner.run(cmd.DeleteLines(self.store, ids, label)):
            if self.model.rowCount():
                row = min(rows[0], self.model.rowCount() - 1)
                self.view.selectRow(row)
            self.show_message(label + " — " + self.tr("Undo (Ctrl+Z) brings them back."))

    def _move_selection(self, step: int) -> None:
        ids = self.view.selected_line_ids()
        if not ids:
            return
        rows = self.view.selected_rows()
        n = self.model.rowCount()
        if (step < 0 and rows[0] == 0) or (step > 0 and rows[-1] == n - 1):
            return
        dest = rows[0] - 1 if step < 0 else rows[-1] + 2
        order = self.model.order_after_move(ids, dest)
        if self._move_lines(order, self.tr("Move lines")):
            self.view.select_lines(ids, self.view.currentIndex().column())

    def _copy(self) -> None:
        rows = self.view.selected_rows()
        roles = self.model.roles()
        data = []
        for r in rows:
            line = self.model.line_at(r)
            role = roles.get(line.role_id) if line.role_id is not None else None
            data.append((role.name if role else "", line.text, line.delivery.emotion))
        if data:
            QGuiApplication.clipboard().setText(lines_to_tsv(data))
            self.show_message(self.tr("Copied %1 line(s).").replace("%1", str(len(data))))

    def _cut(self) -> None:
        self._copy()
        self._delete_lines()

    def _paste(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> list[int]:
        """Insert pasted lines below the selection (roles created by name as needed); returns new ids."""
        ep = self.model.episode_id
        pasted = parse_paste(text)
        if ep is None or not pasted:
            return []
        rows = self.view.selected_rows()
        ref = self.model.line_at(rows[-1]) if rows else None
        index = ref.position + 1 if ref is not None else self.model.rowCount()
        by_name = {r.name: r.id for r in self.store.roles()}
        label = self.tr("Paste %1 line(s)").replace("%1", str(len(pasted)))
        ids: list[int] = []
        with self.runner.macro(label):
            for p in pasted:
                if p.role and p.role not in by_name:
                    add = cmd.AddRole(self.store, p.role, self.tr("Add role"))
                    if self.runner.run(add) and add.role is not None:
                        by_name[p.role] = add.role.id
            specs = [(by_name.get(p.role) if p.role else (ref.role_id if ref else None), p.text, p.delivery,
                      p.gap_ms) for p in pasted]
            insert = cmd.InsertLines(self.store, ep, index, specs, label)
            if self.runner.run(insert):
                ids = insert.ids
        if ids:
            self.view.select_lines(ids)
            self.show_message(label)
        return ids

    def set_role_of_selection(self, role_id: int | None) -> None:
        self.model.set_values(self.view.selected_rows(), sm.ROLE, role_id if role_id is not None else -1)

    def set_emotion_of_selection(self, emotion: str) -> None:
        self.model.set_values(self.view.selected_rows(), sm.EMOTION, emotion)

    def _fill_role_menu(self) -> None:
        from studio.ui.delegates import colour_icon

        menu = self.set_role_menu
        menu.clear()
        for role in self.store.roles():
            act = menu.addAction(colour_icon(role.colour), role.name)
            act.triggered.connect(lambda _c=False, rid=role.id: self.set_role_of_selection(rid))

    def _fill_emotion_menu(self) -> None:
        menu = self.set_emotion_menu
        menu.clear()
        for label, value in self._emotion_choices(QModelIndex()):
            act = menu.addAction(label)
            act.triggered.connect(lambda _c=False, v=value: self.set_emotion_of_selection(str(v)))

    def _emotion_choices(self, index: QModelIndex | QPersistentModelIndex) -> list[tuple[str, object]]:
        choices: list[tuple[str, object]] = [(self.tr("(engine decides)"), "")]
        names = self.model._emotion_names  # noqa: SLF001 - the same translated words as the column
        for e in emotions_for(self.session.engine_name, self.session.engine_model):
            choices.append((names.get(e, e), e))
        return choices

    def _take_choices(self, index: QModelIndex | QPersistentModelIndex) -> list[tuple[str, object]]:
        plan = self.model.plan_at(index.row())
        if plan.job is None:
            return [(self.tr("(no take)"), None)]
        takes = [t for t in self.store.takes_for_line(plan.line.id) if t.render_key == plan.job.key]
        if not takes:
            return [(self.tr("(no take)"), None)]
        choices: list[tuple[str, object]] = [(self.tr("newest"), None)]
        for t in takes:
            choices.append((self.tr("take %1 (%2 s)").replace("%1", str(t.id))
                            .replace("%2", f"{t.duration_ms / 1000:.1f}"), t.id))
        return choices

    # ================================================================ filter

    def _refresh_role_filter(self) -> None:
        from studio.ui.delegates import colour_icon

        current = self.role_filter.currentData()
        self.role_filter.blockSignals(True)
        self.role_filter.clear()
        self.role_filter.addItem(self.tr("All roles"), None)
        for role in self.store.roles():
            self.role_filter.addItem(colour_icon(role.colour), role.name, role.id)
        pos = self.role_filter.findData(current)
        self.role_filter.setCurrentIndex(max(0, pos))
        self.role_filter.blockSignals(False)
        self._on_role_filter()

    def _on_role_filter(self, *args: object) -> None:
        role_id = self.role_filter.currentData()
        self.view.set_role_filter(None if role_id is None else {role_id})

    def _filter_to_role(self, role_id: int) -> None:
        pos = self.role_filter.findData(role_id)
        if pos >= 0:
            self.role_filter.setCurrentIndex(pos)

    # ================================================================ find

    def _find(self) -> None:
        if self._find_dialog is None:
            self._find_dialog = FindReplaceDialog(self.model, self.view, self._commit_lines, self)
            self._find_dialog.message.connect(self.show_message)
        self._find_dialog.show()
        self._find_dialog.raise_()
        self._find_dialog.activateWindow()

    # ================================================================ rendering

    def _spawn(self, task: asyncio.Task[Any] | None) -> asyncio.Task[Any] | None:
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return task

    def render_selected(self, force: bool = False) -> asyncio.Task[Any] | None:
        ids = self.view.selected_line_ids()
        if not ids:
            self.show_message(self.tr("Select the lines to render first."))
            return None
        return self.render.render_lines(ids, only_stale=not force, force=force)

    def render_stale(self) -> asyncio.Task[Any] | None:
        return self.render.render_lines(None)

    def render_all(self) -> asyncio.Task[Any] | None:
        if not self._confirm_paid_rerender():
            return None
        return self.render.render_lines(None, only_stale=False, force=True)

    def _confirm_paid_rerender(self) -> bool:
        """Rendering every line again on a paid engine costs money: say how much and ask first."""
        price = cost_per_char(self.session.engine_name, self.session.engine_model)
        if not price:
            return True
        chars, _ = self.model.char_counts()
        answer = QMessageBox.question(
            self, self.tr("Render all lines"),
            self.tr("Render every line of this episode again with MiniMax? That is %1 characters, "
                    "about $%2. The takes you have are kept.").replace("%1", str(chars))
            .replace("%2", f"{chars * price:.2f}"))
        return answer == QMessageBox.StandardButton.Yes

    def _on_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.progress.hide()
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("Rendering %v / %m"))
        self.progress.show()

    # ================================================================ playback

    def play(self) -> None:
        ids = self.view.selected_line_ids()
        self._spawn(self.playback.play_from(ids[0] if ids else None))

    def _on_position(self, ms: int) -> None:
        if hasattr(self.timeline_view, "set_playhead"):
            self.timeline_view.set_playhead(ms)

    def _on_seek(self, ms: int) -> None:
        self._on_position(ms)
        placements = sorted(self.timeline.placements.values(), key=lambda p: p.start_ms)
        hit = next((p for p in placements if p.start_ms <= ms < p.end_ms), None)
        if hit is not None:
            self.view.select_lines([hit.line_id])

    def _on_selection(self) -> None:
        ids = self.view.selected_line_ids()
        if ids and hasattr(self.timeline_view, "select_line"):
            self.timeline_view.select_line(ids[0])
        self._update_actions()
        self._totals_timer.start()

    # ================================================================ files

    def _new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New project"), str(Path.home()),
                                              self.tr("Troupe projects (*.troupe)"))
        if path:
            self.new_requested.emit(path if path.endswith(".troupe") else path + ".troupe")

    def _open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), str(Path.home()),
                                              self.tr("Troupe projects (*.troupe)"))
        if path:
            self.open_requested.emit(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.services.settings.get("recent_projects") if Path(p).exists()]
        if not recent:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)
        for p in recent:
            act = self.recent_menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.triggered.connect(lambda _c=False, path=p: self.open_requested.emit(path))

    def _import_script(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import script"), str(Path.home()),
            self.tr("Scripts (*.txt *.csv *.tsv *.xlsx *.json *.md);;All files (*)"))
        if path:
            self.import_script(path)

    def import_script(self, path: str) -> int | None:
        """Add the script at ``path`` as a new episode (one undo step); returns the episode id."""
        from studio.formats.script_import import ScriptImportError, read_script

        try:
            draft = read_script(path)
        except ScriptImportError as exc:
            self.show_message(str(exc))
            QMessageBox.warning(self, self.tr("Import script"), str(exc))
            return None
        by_name = {r.name: r.id for r in self.store.roles()}
        label = self.tr("Import script")
        episode = None
        with self.runner.macro(label):
            for name in draft.roles or [ln.role for ln in draft.lines]:
                if name and name not in by_name:
                    add = cmd.AddRole(self.store, name, self.tr("Add role"))
                    if self.runner.run(add) and add.role is not None:
                        by_name[name] = add.role.id
            specs = [(by_name.get(ln.role), ln.text, ln.delivery, ln.gap_ms) for ln in draft.lines]
            title = draft.title or Path(path).stem
            add_ep = cmd.AddEpisode(self.store, title, draft.language, specs, label)
            if self.runner.run(add_ep):
                episode = add_ep.episode
        if episode is None:
            return None
        self.open_episode(episode.id)
        self.show_message(self.tr("Imported %1 lines as “%2”.").replace("%1", str(len(draft.lines)))
                          .replace("%2", episode.title))
        return episode.id

    def _save_copy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy as"), str(self.store.path.parent),
                                              self.tr("Troupe projects (*.troupe)"))
        if path:
            self._spawn(asyncio.get_event_loop().create_task(self.save_copy(path)))

    async def save_copy(self, path: str) -> None:
        try:
            target = await asyncio.to_thread(_with_reader, self.store, lambda r: r.save_copy_as(path))
        except Exception as exc:
            self.show_message(str(exc))
            return
        self.show_message(self.tr("Saved a copy as %1.").replace("%1", str(target)))

    def _export(self) -> None:
        ep = self.model.episode_id
        if ep is None:
            return
        fmt = self.services.settings.get("audio_format") or "wav"
        suggested = str(self.store.path.with_name(f"{self.store.path.stem}-{ep}.{fmt}"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export episode"), suggested,
                                              self.tr("Audio (*.wav *.flac *.mp3 *.m4a *.opus)"))
        if path:
            self._spawn(asyncio.get_event_loop().create_task(self.export(path)))

    async def export(self, path: str) -> None:
        ep = self.model.episode_id
        if ep is None:
            return
        try:
            from studio.render.mixdown import export_episode
        except ImportError as exc:
            self.show_message(self.tr("Export is not available in this installation (%1).").replace("%1", str(exc)))
            return
        plans = self.model.plans()
        if not any(p.status == DONE for p in plans):
            self.show_message(self.tr("Nothing to export yet: render the episode first (Ctrl+R)."))
            return
        self.show_message(self.tr("Exporting…"))
        try:
            result = await asyncio.to_thread(
                _with_reader, self.store, lambda r: export_episode(r, ep, plans, Path(path)))
        except Exception as exc:
            log.info("export failed", exc_info=True)
            self.show_message(self.tr("Export failed: %1").replace("%1", str(exc)))
            return
        missing = len(result.missing)
        text = self.tr("Exported %1 (%2 s).").replace("%1", str(result.audio_path)) \
            .replace("%2", f"{result.duration_ms / 1000:.1f}")
        if missing:
            text += " " + self.tr("%1 unrendered line(s) were left out.").replace("%1", str(missing))
        self.show_message(text)

    # ================================================================ settings, help

    def _settings(self) -> None:
        from studio.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services.settings, self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self._on_settings_applied)
        dialog.open()

    def _on_settings_applied(self, message: str) -> None:
        self._key_known = None
        self.catalog.reload()
        self._update_engine_label()
        if message:
            self.show_message(message)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Troupe"),
                          self.tr("Troupe — a studio for AI-voiced short dramas.\n"
                                  "Write, cast, render and export episodes."))

    def _shortcuts(self) -> None:
        rows = [(self.tr("Edit the cell"), "Enter"), (self.tr("New line inside a text"), "Shift+Enter"),
                (self.tr("Render the selection"), "Ctrl+Enter"), (self.tr("Play from the line"), "Space"),
                (self.tr("Move lines"), "Ctrl+↑ / Ctrl+↓"), (self.tr("Delete lines"), "Del"),
                (self.tr("Undo / redo"), "Ctrl+Z / Ctrl+Shift+Z"), (self.tr("Find and replace"), "Ctrl+F")]
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), "\n".join(f"{k}\t{v}" for k, v in rows))

    # ================================================================ status

    def show_message(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 15000)
        else:
            self.statusBar().clearMessage()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.store.title} — Troupe")

    def _update_engine_label(self) -> None:
        name = self.session.engine_name
        act = self.engine_actions.get(name)
        if act is not None:
            act.setChecked(True)
        label = ENGINE_LABELS.get(name, name)
        if self.session.engine is None:
            state = self.tr("not available")
            self.engine_label.setToolTip(self.session.engine_error or "")
        elif name == "minimax":
            if self._key_known is None:
                self._key_known = _has_minimax_key()
            state = self.tr("online") if self._key_known else self.tr("no API key")
            config = getattr(self.session.engine, "config", None)
            self.engine_label.setToolTip(getattr(config, "host", ""))
        else:
            state = self.tr("offline")
            self.engine_label.setToolTip(self.tr("Runs on this computer; no network needed."))
        self.engine_label.setText(f"{label} · {state}")

    def _update_totals(self) -> None:
        stale = self.model.stale_count()
        total_chars, stale_chars = self.model.char_counts()
        self.stale_label.setText(self.tr("%1 stale").replace("%1", str(stale)))
        rows = self.view.selected_rows()
        sel_chars = sum(len(self.model.line_at(r).text.strip()) for r in rows[:5000])
        text = self.tr("%1 chars (selection %2)").replace("%1", str(total_chars)).replace("%2", str(sel_chars))
        price = cost_per_char(self.session.engine_name, self.session.engine_model)
        if price:
            text += " · " + self.tr("to render ≈ $%1").replace("%1", f"{stale_chars * price:.2f}")
        else:
            text += " · " + self.tr("free (offline)")
        self.chars_label.setText(text)

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
        self.act_play.setEnabled(can_play and has_ep)
        self.act_stop.setEnabled(can_play)
        tip = self.tr("Play the episode from the selected line (Space)") if can_play else self.playback.reason()
        self.act_play.setToolTip(tip)
        self.act_play.setStatusTip(tip)

    # ================================================================ state

    def _restore_state(self) -> None:
        raw = self.services.settings.get("window_state")
        if not raw:
            return
        try:
            data = json.loads(base64.b64decode(raw))
            self.restoreGeometry(base64.b64decode(data["geometry"]))
            self.restoreState(base64.b64decode(data["state"]))
        except (ValueError, KeyError, TypeError):
            log.info("saved window state ignored")

    def save_state(self) -> None:
        data = {"geometry": base64.b64encode(bytes(self.saveGeometry().data())).decode(),
                "state": base64.b64encode(bytes(self.saveState().data())).decode()}
        self.services.settings.set("window_state", base64.b64encode(json.dumps(data).encode()).decode())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every edit is already on disk: nothing to ask.
        try:
            self.save_state()
        except OSError:
            log.info("window state not saved", exc_info=True)
        self.render.cancel_all()
        self.playback.stop()
        self.timeline.cancel()
        self.wal_keeper.stop()
        self.catalog.cancel()
        self.voice_library.cancel()
        for task in list(self._tasks):
            task.cancel()
        if self._find_dialog is not None:
            self._find_dialog.close()
        super().closeEvent(event)


def _has_minimax_key() -> bool:
    import os

    if os.environ.get("MINIMAX_API_KEY"):
        return True
    try:
        import keyring

        return bool(keyring.get_password("troupe", "minimax"))
    except Exception:
        return False


T = TypeVar("T")


def _with_reader(store: ProjectStore, work: Callable[[ProjectStore], T]) -> T:
    """Run ``work`` (in a worker thread) on a read-only connection of its own, then close it."""
    reader = store.reader()
    try:
        return work(reader)
    finally:
        reader.close()
