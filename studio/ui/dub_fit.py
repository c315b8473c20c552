"""Fitting a dub from the window: Episode ▸ Fit the dub ▸ "Speak faster to fit" or "Let them overlap", for the
selected lines of a timed episode that run past their cue (every such line when no selected one does); and
Episode ▸ Source video…, which finds the video a dub was imported from again after it moved (one undo step).

The plans come from ``studio.actions.dubbing`` (the rules ``troupe fit`` follows) and are applied as one undo
step each (``RewriteLines``, refused when the lines changed meanwhile); the lines sped up must be rendered again
to be heard, which the window says. Shortening a line with the chat model is the Writing room's Translate page.
Must not live here: the rules, SQLite.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from studio.actions import ActionError, dubbing
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore
from studio.ui.commands import StoreCommand
from studio.ui.writing_commands import RewriteLines

VIDEO_FILTER = "*.mp4 *.mov *.mkv *.webm *.m4v *.avi"


class SetSourceVideo(StoreCommand):
    """The episode remembers another file as its source video."""

    def __init__(self, store: ProjectStore, episode_id: int, path: str, text: str) -> None:
        super().__init__(store, text)
        self.episode_id, self.path, self.before = episode_id, path, ""

    def apply(self) -> None:
        self.before = dubbing.set_source_video(self.store, self.episode_id, self.path)

    def revert(self) -> None:
        mix = self.store.episode_mix(self.episode_id)
        self.store.set_episode_mix(self.episode_id, replace(mix, source_video=self.before))

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow


class DubFit(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.menu = QMenu(self.tr("Fit the &dub"), window)
        self.menu.setObjectName("menuFitDub")
        self.act_speed = self.menu.addAction(self.tr("Speak &faster to fit"))
        self.act_speed.setObjectName("actionFitSpeed")
        self.act_speed.setStatusTip(self.tr("Lines that run past their cue spoken faster (at most %1×), then "
                                            "rendered again").replace("%1", f"{dubbing.MAX_FIT_SPEED:g}"))
        self.act_speed.triggered.connect(lambda _c=False: self.fit_speed())
        self.act_overlap = self.menu.addAction(self.tr("Let them &overlap"))
        self.act_overlap.setObjectName("actionFitOverlap")
        self.act_overlap.setStatusTip(self.tr("Lines that run past their cue keep their take and run into what "
                                              "follows"))
        self.act_overlap.triggered.connect(lambda _c=False: self.fit_overlap())
        self.menu.aboutToShow.connect(self._sync)
        self.act_video = self.menu.addAction(self.tr("Source &video…"))  # placed in the Episode menu below
        self.menu.removeAction(self.act_video)
        self.act_video.setObjectName("actionSourceVideo")
        self.act_video.setStatusTip(self.tr("Choose the video the episode was made from, when it has moved"))
        self.act_video.triggered.connect(lambda _c=False: self.choose_video())
        episode_menu = self._episode_menu()
        if episode_menu is not None:
            episode_menu.addSeparator()
            episode_menu.addMenu(self.menu)
            episode_menu.addAction(self.act_video)
        else:
            window.addAction(self.act_video)

    def _episode_menu(self) -> QMenu | None:
        for act in self.window.menuBar().actions():
            menu = act.menu()
            if isinstance(menu, QMenu) and self.window.act_ep_new in menu.actions():
                return menu
        return None

    def _plans(self) -> list[LinePlan]:
        """The selected lines that run past their cue, or all of the episode's when no selected one does."""
        over = [p for p in self.session.episode.plans() if p.overflowing]
        ids = set(self.window.view.selected_line_ids())
        return [p for p in over if p.line.id in ids] or over

    def _sync(self) -> None:
        over = bool(self._plans())
        for act in (self.act_speed, self.act_overlap):
            act.setEnabled(over)

    def _nothing(self) -> bool:
        if self._plans():
            return False
        self.window.show_message(self.tr("No rendered line here runs past its cue."))
        return True

    def fit_speed(self) -> bool:
        if self._nothing():
            return False
        try:
            fitted = dubbing.plan_speed_fit(self.session.store, self._plans())
        except ActionError as exc:
            self.window.show_message(str(exc))
            return False
        applied = bool(fitted.plan.before) and self.window.runner.run(
            RewriteLines(self.session.store, fitted.plan, self.tr("Speak faster to fit")))
        numbers = {p.line.id: p.line.position + 1 for p in self.session.episode.plans()}
        text = self.tr("%n line(s) sped up to fit their cue; render them again to hear it.", "",
                       len(fitted.plan.before)) if applied else ""
        if fitted.still_over:
            still = ", ".join(str(numbers[i]) for i in fitted.still_over if i in numbers)
            text = (text + " " if text else "") + self.tr(
                "Still too long at %1×: line %2 — let them overlap or shorten them.").replace(
                "%1", f"{dubbing.MAX_FIT_SPEED:g}").replace("%2", still)
        self.window.show_message(text.strip())
        return applied

    def fit_overlap(self) -> bool:
        if self._nothing():
            return False
        plan = dubbing.plan_overlap(self._plans())
        applied = self.window.runner.run(RewriteLines(self.session.store, plan, self.tr("Let lines overlap")))
        if applied:
            self.window.show_message(self.tr("%n line(s) now run into what follows their cue.", "",
                                             len(plan.before)))
        return applied


    # ---------------------------------------------------------------- the source video

    def choose_video(self, path: str | None = None) -> bool:
        """Have the open episode remember ``path`` (asked for when None) as its source video."""
        w = self.window
        episode_id = self.session.episode.episode_id
        if episode_id is None:
            w.show_message(self.tr("Open the episode whose video moved first."))
            return False
        store = self.session.store
        if path is None:
            recorded = dubbing.recorded_video(store, episode_id)
            start = Path(recorded).parent if recorded and Path(recorded).parent.is_dir() else Path(store.path).parent
            path, _ = QFileDialog.getOpenFileName(w, self.tr("Choose the episode's video"), str(start),
                                                  self.tr("Videos (%1);;All files (*)").replace("%1", VIDEO_FILTER))
            if not path:
                return False
        text = self.tr("Source video of the episode")
        done = w.runner.run(SetSourceVideo(store, episode_id, path, text))  # a refusal is said by the runner
        if done:
            w.show_message(self.tr("The episode's video is now %1.").replace("%1", Path(path).name))
        return bool(done)


def install(window: MainWindow) -> DubFit:
    fit = DubFit(window)
    window.dub_fit = fit  # type: ignore[attr-defined]
    return fit


__all__ = ["DubFit", "install"]
