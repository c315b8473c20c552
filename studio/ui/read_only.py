"""A project opened read-only (its file or folder cannot be written): the window shows it for viewing,
playing and export, and says so in its title and status bar.

Every change would be refused by the store anyway (``ProjectStore.read_only``: a sentence, never a
half-made change); here the window only keeps the commands that could never succeed from being offered
(editing cells, line and episode edits, import, rendering) and says once what to do instead: save a copy
elsewhere, which then opens for editing. Must not live here: the refusal itself (the store's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QLabel

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

#: The window's commands that change the project (they stay disabled in a read-only view).
WRITING_ACTIONS = ("act_import", "act_cut", "act_paste", "act_insert_above", "act_insert_below", "act_delete",
                   "act_move_up", "act_move_down", "act_ep_new", "act_ep_rename", "act_ep_dup", "act_ep_delete",
                   "act_ep_up", "act_ep_down", "act_all_gaps", "act_tighten", "act_render_selected",
                   "act_render_new_take", "act_render_stale", "act_render_all", "act_undo", "act_redo")


def notice() -> str:
    return QCoreApplication.translate(
        "ReadOnly", "Read-only: this project's file or folder cannot be written. You can view, play and export "
        "it; save a copy elsewhere to edit it.")


def install(window: MainWindow) -> None:
    """Set the window up as a read-only view (when its project is read-only)."""
    if not window.store.read_only:
        return
    label = QLabel(QCoreApplication.translate("ReadOnly", "Read-only — save a copy to edit"), window)
    label.setObjectName("readOnlyLabel")
    label.setToolTip(notice())
    label.setStyleSheet("QLabel { color: #b36b00; font-weight: bold; padding: 0 6px; }")
    window.statusBar().addPermanentWidget(label)
    window.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    disable_writes(window)
    window.show_message(notice())


def disable_writes(window: MainWindow) -> None:
    """Keep the commands that change the project disabled (called after every update of the actions)."""
    if not window.store.read_only:
        return
    for name in WRITING_ACTIONS:
        action = getattr(window, name, None)
        if action is not None:
            action.setEnabled(False)
            action.setToolTip(QCoreApplication.translate("ReadOnly", "Not in a read-only project; save a copy "
                                                         "to edit it."))
