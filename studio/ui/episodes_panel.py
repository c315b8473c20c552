"""The Episodes dock (objectName ``episodeList``) and the episode title over the script: the series'
episodes in order, which one is open, and the episode edits (new, rename, duplicate, delete, move), each
an undo command.

Must not live here: the lines of an episode (the open episode and the script table have them).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QListWidget, QListWidgetItem, QWidget

from studio.domain.model import Episode, NewLine
from studio.formats.script_import import split_episode_heading
from studio.session.project import ProjectSession
from studio.ui import commands as cmd

#: A title that is nothing but an episode label ("Episode 3", "第三集") is not repeated after the number.
_LABEL_ONLY = re.compile(r"^\s*(?:episode|ep\.?|e)\s*\d+\s*$|^\s*第\s*[0-9〇零一二三四五六七八九十百千两]+\s*[集话回章]\s*$",
                         re.IGNORECASE)


def heading(number: int, title: str) -> tuple[bool, str]:
    """(whether ``title`` is only an episode label, the title to show after the number). A title that starts
    with its own label ("第一集：雨夜来信", "Episode 2: The Key") is shown without it, so the number is not said
    twice."""
    if _LABEL_ONLY.match(title):
        return True, title.strip()
    _number, rest = split_episode_heading(title)
    return False, (rest or title).strip()


class EpisodesPanel(QObject):
    open_requested = Signal(object)  # episode id (or None)

    def __init__(self, session: ProjectSession, runner: cmd.UndoRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self._parent = parent
        self.list = QListWidget(parent)
        self.list.setObjectName("episodeList")
        self.list.setAccessibleName(self.tr("Episodes"))
        self.list.currentRowChanged.connect(self._on_row)
        self.list.setWordWrap(True)  # long titles wrap instead of needing a sideways scroll
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.title = QLabel(parent)
        self.title.setObjectName("episodeTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)

    @property
    def store(self):  # noqa: ANN201 - the session's store
        return self.session.store

    def current_id(self) -> int | None:
        return self.session.episode.episode_id

    def refresh(self) -> None:
        current = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for n, ep in enumerate(self.store.episodes(), 1):
            item = QListWidgetItem(self.label(n, ep))
            item.setData(Qt.ItemDataRole.UserRole, ep.id)
            item.setToolTip(ep.title)
            self.list.addItem(item)
            if ep.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.update_title()

    def label(self, number: int, ep: Episode) -> str:
        only_label, title = heading(number, ep.title)
        return str(number) + "." if only_label else f"{number}. {title}"

    def select(self, episode_id: int | None) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == episode_id:
                self.list.blockSignals(True)
                self.list.setCurrentRow(row)
                self.list.blockSignals(False)
        self.update_title()

    def _on_row(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def update_title(self) -> None:
        ep_id = self.current_id()
        if ep_id is None:
            self.title.setText(self.tr("No episode yet: use Episode ▸ New episode or File ▸ Import script."))
            return
        ep = self.store.episode(ep_id)
        number = next((n for n, e in enumerate(self.store.episodes(), 1) if e.id == ep_id), 0)
        lang = {"zh": self.tr("Chinese"), "en": self.tr("English")}.get(ep.language, ep.language)
        only_label, title = heading(number, ep.title)
        if only_label:
            text = self.tr("Episode %1  (%3)").replace("%1", str(number)).replace("%3", lang)
        else:
            text = self.tr("Episode %1: %2  (%3)").replace("%1", str(number)).replace("%2", title) \
                .replace("%3", lang)
        self.title.setText(text)

    # ---------------------------------------------------------------- edits

    def new(self) -> int | None:
        number = len(self.store.episodes()) + 1
        ep_id = self.current_id()
        lang = self.store.episode(ep_id).language if ep_id else "zh"
        command = cmd.AddEpisode(self.store, self.tr("Episode %1").replace("%1", str(number)), lang, [],
                                 self.tr("New episode"))
        if self.runner.run(command) and command.episode is not None:
            self.open_requested.emit(command.episode.id)
            return command.episode.id
        return None

    def ask_rename(self) -> None:
        ep_id = self.current_id()
        if ep_id is None:
            return
        ep = self.store.episode(ep_id)
        title, ok = QInputDialog.getText(self._parent, self.tr("Rename episode"), self.tr("Title:"), text=ep.title)
        if ok and title.strip() and title.strip() != ep.title:
            self.rename(title.strip())

    def rename(self, title: str) -> None:
        ep_id = self.current_id()
        if ep_id is None:
            return
        ep = self.store.episode(ep_id)
        after = Episode(ep.id, ep.position, title, ep.language)
        self.runner.run(cmd.EditEpisode(self.store, ep, after, self.tr("Rename episode")))

    def duplicate(self) -> None:
        ep_id = self.current_id()
        if ep_id is None:
            return
        ep = self.store.episode(ep_id)
        specs = [NewLine.copy_of(ln) for ln in self.store.lines(ep_id)]
        command = cmd.AddEpisode(self.store, self.tr("%1 (copy)").replace("%1", ep.title), ep.language, specs,
                                 self.tr("Duplicate episode"), position=ep.position + 1)
        if self.runner.run(command) and command.episode is not None:
            self.open_requested.emit(command.episode.id)

    def delete(self) -> bool:
        ep_id = self.current_id()
        if ep_id is None:
            return False
        return self.runner.run(cmd.DeleteEpisode(self.store, ep_id, self.tr("Delete episode")))

    def move(self, step: int) -> None:
        ep_id = self.current_id()
        if ep_id is None:
            return
        ids = [e.id for e in self.store.episodes()]
        old = ids.index(ep_id)
        new = old + step
        if 0 <= new < len(ids):
            self.runner.run(cmd.MoveEpisode(self.store, ep_id, old, new, self.tr("Move episode")))
