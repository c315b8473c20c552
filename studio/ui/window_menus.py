"""The main window's actions, menus and toolbar: every command a user can reach, with its shortcut and
object name (``actionRenderStale``, ``actionExport`` …), wired to the part of the window that does it.

``build(window)`` sets the ``act_*`` attributes on the window and fills its menu bar and toolbar.
Must not live here: what the actions do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar

from studio.actions.engines import ENGINE_LABELS
from studio.domain.model import ENGINES

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow


def _action(w: MainWindow, text: str, name: str, shortcut: Any = None, slot: Callable[[], object] | None = None,
            tip: str | None = None) -> QAction:
    action = QAction(text, w)
    action.setObjectName(name)
    if shortcut is not None:
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) if isinstance(s, str) else s for s in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    w.addAction(action)
    return action


# Every string here is translated in the main window's context: the menus are the main window's.


def build(w: MainWindow) -> None:
    _build_actions(w)
    _build_menus(w)
    _build_toolbar(w)


def _build_actions(w: MainWindow) -> None:
    a = _action
    K = QKeySequence.StandardKey
    files, edits, eps = w.files, w.edits, w.episodes
    w.act_new = a(w, QCoreApplication.translate("MainWindow", "&New project…"), "actionNew", K.New, files.new_project)
    w.act_open = a(w, QCoreApplication.translate("MainWindow", "&Open project…"), "actionOpen", K.Open, files.open_project)
    w.act_import = a(w, QCoreApplication.translate("MainWindow", "&Import script…"), "actionImport", "Ctrl+Shift+I", files.ask_import,
                     QCoreApplication.translate("MainWindow", "Add a script file as a new episode"))
    w.act_export = a(w, QCoreApplication.translate("MainWindow", "&Export…"), "actionExport", "Ctrl+E", w.exports.ask,
                     QCoreApplication.translate("MainWindow", "Export this episode or the series: audio, subtitles, "
                                                "stems and editor files"))
    w.act_copy_as = a(w, QCoreApplication.translate("MainWindow", "Save a &copy as…"), "actionSaveCopy", K.SaveAs, files.ask_save_copy)
    w.act_quit = a(w, QCoreApplication.translate("MainWindow", "&Quit"), "actionQuit", K.Quit, w.close)

    w.act_undo = w.undo_stack.createUndoAction(w, QCoreApplication.translate("MainWindow", "&Undo"))
    w.act_undo.setObjectName("actionUndo")
    w.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
    w.act_redo = w.undo_stack.createRedoAction(w, QCoreApplication.translate("MainWindow", "&Redo"))
    w.act_redo.setObjectName("actionRedo")
    w.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    w.addActions([w.act_undo, w.act_redo])
    # the shortcut sheet and the toolbar name them plainly, whatever the last edit was
    w.act_undo.setProperty("shortcutLabel", QCoreApplication.translate("MainWindow", "Undo"))
    w.act_redo.setProperty("shortcutLabel", QCoreApplication.translate("MainWindow", "Redo"))
    w.act_cut = a(w, QCoreApplication.translate("MainWindow", "Cu&t lines"), "actionCut", K.Cut, edits.cut)
    w.act_copy = a(w, QCoreApplication.translate("MainWindow", "&Copy lines"), "actionCopy", K.Copy, edits.copy)
    w.act_paste = a(w, QCoreApplication.translate("MainWindow", "&Paste lines"), "actionPaste", K.Paste, edits.paste)
    w.act_insert_above = a(w, QCoreApplication.translate("MainWindow", "Insert line &above"), "actionInsertAbove", "Ctrl+Shift+Return",
                           lambda: edits.insert(above=True))
    w.act_insert_below = a(w, QCoreApplication.translate("MainWindow", "Insert line &below"), "actionInsertBelow", "Ctrl+Shift+N",
                           lambda: edits.insert(above=False))
    w.act_delete = a(w, QCoreApplication.translate("MainWindow", "&Delete lines"), "actionDelete", K.Delete, edits.delete)
    w.act_move_up = a(w, QCoreApplication.translate("MainWindow", "Move &up"), "actionMoveUp", "Ctrl+Up", lambda: edits.move_selection(-1))
    w.act_move_down = a(w, QCoreApplication.translate("MainWindow", "Move do&wn"), "actionMoveDown", "Ctrl+Down", lambda: edits.move_selection(1))
    w.act_find = a(w, QCoreApplication.translate("MainWindow", "&Find and replace…"), "actionFind", ["Ctrl+F", "Ctrl+H"], w.find)

    w.act_ep_new = a(w, QCoreApplication.translate("MainWindow", "&New episode"), "actionEpisodeNew", None, eps.new)
    w.act_ep_rename = a(w, QCoreApplication.translate("MainWindow", "&Rename episode…"), "actionEpisodeRename", "F2", eps.ask_rename)
    # F2 renames the episode in the episode list; in the script table it edits the cell, as in any table
    w.act_ep_rename.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    w.removeAction(w.act_ep_rename)
    w.episode_list.addAction(w.act_ep_rename)
    w.act_ep_dup = a(w, QCoreApplication.translate("MainWindow", "&Duplicate episode"), "actionEpisodeDuplicate", None, eps.duplicate)
    w.act_ep_delete = a(w, QCoreApplication.translate("MainWindow", "D&elete episode"), "actionEpisodeDelete", None, w.delete_episode)
    w.act_ep_up = a(w, QCoreApplication.translate("MainWindow", "Move episode &up"), "actionEpisodeUp", None, lambda: eps.move(-1))
    w.act_ep_down = a(w, QCoreApplication.translate("MainWindow", "Move episode do&wn"), "actionEpisodeDown", None, lambda: eps.move(1))
    w.act_all_gaps = a(w, QCoreApplication.translate("MainWindow", "Set every &gap…"), "actionSetGaps", None,
                       w.ask_all_gaps)
    w.act_tighten = a(w, QCoreApplication.translate("MainWindow", "&Tighten gaps"), "actionTightenGaps", None,
                      edits.tighten_gaps,
                      QCoreApplication.translate("MainWindow", "Cut every long pause between lines short"))

    w.act_render_selected = a(w, QCoreApplication.translate("MainWindow", "Render &selected"), "actionRenderSelected", ["Ctrl+Return", "Ctrl+Enter"],
                              w.render_selected, QCoreApplication.translate("MainWindow", "Render the selected lines (Ctrl+Enter)"))
    w.act_render_new_take = a(w, QCoreApplication.translate("MainWindow", "Render a &new take of the selection"), "actionRenderNewTake", None,
                              lambda: w.render_selected(force=True))
    w.act_render_stale = a(w, QCoreApplication.translate("MainWindow", "Render s&tale lines"), "actionRenderStale", "Ctrl+R", w.render_stale,
                           QCoreApplication.translate("MainWindow", "Render every line that is out of date"))
    w.act_render_all = a(w, QCoreApplication.translate("MainWindow", "Render &all lines"), "actionRenderAll", "Ctrl+Shift+R", w.render_all)
    w.act_cancel = a(w, QCoreApplication.translate("MainWindow", "&Cancel rendering"), "actionCancelRender", "Ctrl+.", w.render.cancel_all,
                     QCoreApplication.translate("MainWindow", "Stop rendering; finished lines are kept"))

    w.act_play = a(w, QCoreApplication.translate("MainWindow", "&Play"), "actionPlay", "Space", w.play,
                   QCoreApplication.translate("MainWindow", "Play or pause the episode (Space)"))
    w.act_play.setProperty("shortcutLabel", QCoreApplication.translate("MainWindow", "Play / pause"))
    w.act_play_line = a(w, QCoreApplication.translate("MainWindow", "Play from the selected &line"), "actionPlayLine",
                        "Ctrl+Space", w.play_from_line)
    w.act_play_head = a(w, QCoreApplication.translate("MainWindow", "Play from the play&head"), "actionPlayHead",
                        "Alt+Space", w.play_from_playhead)
    w.act_loop = a(w, QCoreApplication.translate("MainWindow", "&Loop the selected lines"), "actionLoop", "Ctrl+L")
    w.act_loop.setCheckable(True)
    w.act_loop.toggled.connect(w.toggle_loop)
    w.act_stop = a(w, QCoreApplication.translate("MainWindow", "&Stop"), "actionStop", "Shift+Space", w.playback.stop)
    w.act_settings = a(w, QCoreApplication.translate("MainWindow", "&Settings…"), "actionSettings", K.Preferences, w.open_settings)
    if w.act_settings.shortcut().isEmpty():
        w.act_settings.setShortcut(QKeySequence("Ctrl+,"))
    w.engine_group = QActionGroup(w)
    w.engine_actions = {}
    for name in ENGINES:
        act = QAction(ENGINE_LABELS[name], w, checkable=True)
        act.setObjectName(f"actionEngine_{name}")
        act.triggered.connect(lambda _c=False, n=name: w.session.set_engine(n))
        w.engine_group.addAction(act)
        w.engine_actions[name] = act
    w.act_about = a(w, QCoreApplication.translate("MainWindow", "&About Troupe"), "actionAbout", None, w.about)
    w.act_keys = a(w, QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"), "actionShortcuts", "F1", w.shortcuts)


def _build_menus(w: MainWindow) -> None:
    mb = w.menuBar()
    m = mb.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    m.addActions([w.act_new, w.act_open])
    w.recent_menu = m.addMenu(QCoreApplication.translate("MainWindow", "Open &recent"))
    w.recent_menu.setObjectName("menuRecent")
    w.recent_menu.aboutToShow.connect(lambda: w.files.fill_recent(w.recent_menu))
    m.addSeparator()
    m.addActions([w.act_import, w.act_export, w.act_copy_as])
    m.addSeparator()
    m.addAction(w.act_quit)
    m = mb.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    m.addActions([w.act_undo, w.act_redo])
    m.addSeparator()
    m.addActions([w.act_cut, w.act_copy, w.act_paste])
    m.addSeparator()
    m.addActions([w.act_insert_above, w.act_insert_below, w.act_delete, w.act_move_up, w.act_move_down])
    m.addSeparator()
    w.set_role_menu = m.addMenu(QCoreApplication.translate("MainWindow", "Set &role of selection"))
    w.set_role_menu.aboutToShow.connect(lambda: w.edits.fill_role_menu(w.set_role_menu))
    w.set_emotion_menu = m.addMenu(QCoreApplication.translate("MainWindow", "Set e&motion of selection"))
    w.set_emotion_menu.aboutToShow.connect(lambda: w.edits.fill_emotion_menu(w.set_emotion_menu))
    w.set_effect_menu = m.addMenu(QCoreApplication.translate("MainWindow", "Set voice e&ffect of selection"))
    w.set_effect_menu.setObjectName("menuEffect")
    w.set_effect_menu.aboutToShow.connect(lambda: w.edits.fill_effect_menu(w.set_effect_menu))
    m.addSeparator()
    m.addAction(w.act_find)
    m = mb.addMenu(QCoreApplication.translate("MainWindow", "E&pisode"))
    m.addActions([w.act_ep_new, w.act_ep_rename, w.act_ep_dup, w.act_ep_delete])
    m.addSeparator()
    m.addActions([w.act_ep_up, w.act_ep_down])
    m.addSeparator()
    m.addActions([w.act_all_gaps, w.act_tighten])
    m = mb.addMenu(QCoreApplication.translate("MainWindow", "&Render"))
    m.addActions([w.act_render_selected, w.act_render_new_take, w.act_render_stale, w.act_render_all])
    m.addSeparator()
    m.addAction(w.act_cancel)
    m = mb.addMenu(QCoreApplication.translate("MainWindow", "Pla&yback"))
    m.addActions([w.act_play, w.act_play_line, w.act_play_head, w.act_stop])
    m.addSeparator()
    m.addAction(w.act_loop)
    m = mb.addMenu(QCoreApplication.translate("MainWindow", "&Settings"))
    m.addAction(w.act_settings)
    em = m.addMenu(QCoreApplication.translate("MainWindow", "Speech &engine"))
    em.addActions(list(w.engine_actions.values()))
    m.addSeparator()
    for dock in (w.episodes_dock, w.cast_dock, w.voice_dock, w.timeline_dock):
        m.addAction(dock.toggleViewAction())
    m = mb.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    m.addActions([w.act_keys, w.act_about])


def _build_toolbar(w: MainWindow) -> None:
    tb = QToolBar(QCoreApplication.translate("MainWindow", "Main"), w)
    tb.setObjectName("mainToolbar")
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    # Fixed words on the toolbar (the menu's Undo names the edit, which would shift every button).
    stack = w.undo_stack
    for name, label, trigger, can, text in (
            ("toolUndo", "Undo", stack.undo, stack.canUndoChanged, stack.undoTextChanged),
            ("toolRedo", "Redo", stack.redo, stack.canRedoChanged, stack.redoTextChanged)):
        proxy = QAction(QCoreApplication.translate("MainWindow", label), tb)
        proxy.setObjectName(name)
        proxy.setEnabled(False)
        proxy.triggered.connect(trigger)
        can.connect(proxy.setEnabled)
        text.connect(proxy.setToolTip)
        tb.addAction(proxy)
    tb.addSeparator()
    tb.addActions([w.act_render_selected, w.act_render_stale, w.act_cancel])
    tb.addSeparator()
    tb.addActions([w.act_play, w.act_stop])
    tb.addSeparator()
    tb.addAction(w.act_export)
    w.addToolBar(tb)
    w.toolbar = tb
