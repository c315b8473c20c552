"""Trimming the silence of takes from the window: Episode ▸ "Trim silence" and "Hear whole takes" (for the
selected lines, or every line when none is selected), and the timeline's context menu, which offers them for
the clip under the pointer together with the music and effects entries.

The silence is found by ``studio.actions.trimming`` in a worker thread on a reader of its own (under the
window's task manager, so a second request or closing the window cancels it); the trims are then one undo
step (``EditLines``), one store transaction each way. Must not live here: the rule (the action), SQLite.
"""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from studio.actions import trimming
from studio.domain.model import DONE
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore
from studio.ui import commands as cmd

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

TRIM_JOB = "trim-silence"


def _find(store: ProjectStore, plans: list[LinePlan], stop: threading.Event) -> list[trimming.TrimFound]:
    """Runs in a worker thread, on a read-only connection of its own."""
    reader = store.reader()
    try:
        return trimming.find_trims(reader, plans, cancelled=stop)
    finally:
        reader.close()


class TrimEdits(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.act_trim = QAction(self.tr("Trim &silence"), window)
        self.act_trim.setObjectName("actionTrimSilence")
        self.act_trim.setStatusTip(self.tr("Leave out the silence at the start and end of the selected lines' "
                                           "takes (every line's when none is selected); what follows moves up"))
        self.act_trim.triggered.connect(lambda _c=False: self.trim_selected())
        self.act_untrim = QAction(self.tr("Hear &whole takes"), window)
        self.act_untrim.setObjectName("actionUntrimSilence")
        self.act_untrim.setStatusTip(self.tr("Put back the trimmed silence of the selected lines' takes (every "
                                             "line's when none is selected)"))
        self.act_untrim.triggered.connect(lambda _c=False: self.untrim_selected())
        for act in (self.act_trim, self.act_untrim):
            window.addAction(act)
        menu = self._menu_with(window.act_tighten)
        if menu is not None:
            after = next((a for a in menu.actions()[menu.actions().index(window.act_tighten) + 1:]), None)
            menu.insertActions(after, [self.act_trim, self.act_untrim])  # type: ignore[arg-type]
        window.timeline_view.menu_requested.connect(self.show_timeline_menu)
        self.last_menu: QMenu | None = None

    def _menu_with(self, action: QAction) -> QMenu | None:
        for act in self.window.menuBar().actions():
            menu = act.menu()
            if isinstance(menu, QMenu) and action in menu.actions():
                return menu
        return None

    def _say(self, text: str) -> None:
        self.window.show_message(text)

    def _plans(self) -> list[LinePlan]:
        """The selected lines' plans, or every line's when none is selected."""
        plans = self.session.episode.plans()
        ids = set(self.window.view.selected_line_ids())
        return [p for p in plans if p.line.id in ids] if ids else plans

    # ---------------------------------------------------------------- the edits

    def trim_selected(self) -> asyncio.Task[bool] | None:
        """Find the silence of the takes in the background, then trim it as one undo step."""
        if self.session.episode.episode_id is None:
            self._say(self.tr("Open an episode first."))
            return None
        plans = [p for p in self._plans() if p.status == DONE and p.take is not None]
        if not plans:
            self._say(self.tr("No rendered take to trim: render the lines first."))
            return None
        self._say(self.tr("Looking for silence in the takes of %1 lines…").replace("%1", str(len(plans))))
        return self.window.tasks.spawn(TRIM_JOB, self._trim(plans))

    async def _trim(self, plans: list[LinePlan]) -> bool:
        stop = threading.Event()
        try:
            found = await asyncio.to_thread(_find, self.session.store, plans, stop)
        except asyncio.CancelledError:
            stop.set()
            raise
        current = {p.line.id: p.line for p in self.session.episode.plans()}
        lines = [current[p.line.id] for p in plans if p.line.id in current]
        # a take that changed while it was measured keeps its trims as they were
        takes = {p.line.id: p.take.id for p in self.session.episode.plans() if p.take is not None}
        found = [f for f in found if takes.get(f.line_id) == f.take_id]
        after = trimming.trimmed(lines, found)
        if not after:
            self._say(self.tr("No silence left to trim in these takes."))
            return False
        before = [current[a.id] for a in after]
        saved = sum(a.trim_start_ms + a.trim_end_ms - b.trim_start_ms - b.trim_end_ms
                    for a, b in zip(after, before, strict=True))
        label = self.tr("Trim silence")
        if not self.window.runner.run(cmd.EditLines(self.session.store, before, after, label)):
            return False
        self._say(self.tr("Silence trimmed (lines: %1), %2 s shorter in all. Undo (Ctrl+Z) puts it back.")
                  .replace("%1", str(len(after))).replace("%2", f"{saved / 1000:.2f}"))
        return True

    def untrim_selected(self) -> bool:
        """Hear the selected lines' takes whole again: one undo step."""
        before = [p.line for p in self._plans()]
        after = trimming.untrimmed(before)
        if not after:
            self._say(self.tr("These takes are heard whole already."))
            return False
        by_id = {ln.id: ln for ln in before}
        label = self.tr("Hear whole takes")
        ok = self.window.runner.run(cmd.EditLines(self.session.store, [by_id[a.id] for a in after], after, label))
        if ok:
            self._say(self.tr("Takes heard whole again (lines: %1).").replace("%1", str(len(after))))
        return ok

    # ---------------------------------------------------------------- the timeline's context menu

    def timeline_menu(self, line_id: int, effect_id: int) -> QMenu:
        """The menu for a right-click on the timeline: over a clip its line is selected first (unless it is
        one of the selected lines), so the entries act on what was clicked."""
        w = self.window
        if line_id >= 0 and line_id not in w.view.selected_line_ids():
            w.view.select_lines([line_id])
        menu = QMenu(w)
        menu.setObjectName("timelineMenu")
        media = getattr(w, "media", None)
        if effect_id >= 0 and media is not None:
            edit = menu.addAction(self.tr("Edit sound effect…"))
            edit.triggered.connect(lambda _c=False: media.edit_effect(effect_id))
            remove = menu.addAction(self.tr("Remove sound effect"))
            remove.triggered.connect(lambda _c=False: media.remove_effect(effect_id))
            menu.addSeparator()
        if line_id >= 0:
            menu.addActions([self.act_trim, self.act_untrim])
            menu.addSeparator()
        if media is not None:
            menu.addActions([media.act_add_effect, media.act_music])
        return menu

    def show_timeline_menu(self, line_id: int, effect_id: int, where: QPoint) -> None:
        menu = self.timeline_menu(line_id, effect_id)
        menu.aboutToHide.connect(menu.deleteLater)
        self.last_menu = menu
        menu.popup(where)


def install(window: MainWindow) -> TrimEdits:
    edits = TrimEdits(window)
    window.trims = edits  # type: ignore[attr-defined]
    return edits


__all__ = ["TrimEdits", "install"]
