"""The Writing room: a dock (objectName ``writingRoom``) where the chat model writes, translates and
attributes scripts, and the Write menu that opens it.

``install_writing_room(window)`` is all the main window calls: it adds the dock at the bottom, tabbed
with the timeline (a script preview needs the window's width more than its height), hidden until a
Write action opens it; opening it makes the bottom area taller, closing it gives the timeline its height
back. Its pages: Generate (``writing_generate``: new episodes, continue the open one, rewrite the
selected lines), Translate (``writing_translate``: side by side, glossary, dubbing fit) and Attribute
(``writing_attribute``: prose into a reviewed episode). Every proposal is applied only on Accept, as one
undo command (``writing_commands``); every request runs as a named job of the window's ``TaskManager``,
so quitting cancels it. With no chat model configured the model-backed pages say what they need, with a
button to Settings; attribution works offline.
Must not live here: prompts, rules, store writes (``studio.actions.writing``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QMenu, QTabWidget, QVBoxLayout, QWidget

from studio.actions import writing as wr
from studio.session import events as se
from studio.store import events as ev
from studio.ui.writing_attribute import AttributePage
from studio.ui.writing_generate import CONTINUE, NEW, REWRITE, GeneratePage
from studio.ui.writing_translate import TranslatePage

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

GENERATE_TAB, TRANSLATE_TAB, ATTRIBUTE_TAB = range(3)
#: The bottom area's height while the room is open: this share of the window, at least ``MIN_HEIGHT``.
OPEN_SHARE, MIN_HEIGHT = 0.46, 330


class WritingRoom(QWidget):
    """The dock's contents: three pages over the window's project, its undo stack and its jobs."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("writingRoomPanel")
        self.main = window
        #: the chat client's retry policy (None: the client's default)
        self.retry: Any = None
        self._episode_stale = True
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("writingTabs")
        self.tabs.setDocumentMode(True)
        self.generate = GeneratePage(self)
        self.translate = TranslatePage(self)
        self.attribute = AttributePage(self)
        self.tabs.addTab(self.generate, self.tr("Generate"))
        self.tabs.addTab(self.translate, QCoreApplication.translate("WritingRoom", "Translate"))
        self.tabs.addTab(self.attribute, self.tr("Attribute"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        unsubscribe = [window.session.subscribe(self._on_session),
                       window.session.episode.subscribe(self._on_episode)]
        self.destroyed.connect(lambda *_a: [u() for u in unsubscribe])

    # what the pages share ----------------------------------------------------------------------------

    @property
    def store(self):  # noqa: ANN201 - the open project's ProjectStore
        return self.main.session.store

    @property
    def tasks(self):  # noqa: ANN201 - the window's TaskManager
        return self.main.tasks

    @property
    def settings(self):  # noqa: ANN201 - the application's Settings
        return self.main.services.settings

    def chat_available(self) -> bool:
        return wr.chat_available(self.settings)

    async def connect(self, what: str) -> wr.Chat:
        """The configured chat model; ``NeedsChatModelError`` when there is none (``what``: "Generating")."""
        return await wr.connect(self.settings, what=what, retry=self.retry)

    def run(self, command: Any) -> bool:
        """Apply ``command`` and push it on the window's undo stack (False: refused, its sentence shown).
        Undoing a command that takes out the open episode first opens another one."""
        if hasattr(command, "leaving"):
            command.leaving = self.leave_episodes
        return bool(self.main.runner.run(command))

    def leave_episodes(self, episode_ids: list[int]) -> None:
        if self.main.session.episode.episode_id in episode_ids:
            others = [e.id for e in self.store.episodes() if e.id not in episode_ids]
            self.main.open_episode(others[-1] if others else None)

    def role_names(self) -> dict[int, str]:
        return {r.id: r.name for r in self.store.roles()}

    def role_colours(self) -> dict[str, str]:
        return {r.name: r.colour for r in self.store.roles()}

    def open_settings(self) -> None:
        """The window's Settings; when it closes, the pages look again for a chat model."""
        self.main.open_settings()
        dialogs = [d for d in self.main.findChildren(QDialog, "settingsDialog") if d.isVisible()]
        if dialogs:
            dialogs[-1].finished.connect(lambda _r: self.refresh())

    def refresh(self) -> None:
        if not shiboken6.isValid(self):
            return
        for page in (self.generate, self.translate, self.attribute):
            page.refresh()

    # While the dock is closed it does nothing: what changed meanwhile is looked at when it shows again.

    def _on_session(self, event: object) -> None:
        if shiboken6.isValid(self) and self.isVisible() and isinstance(event, ev.EpisodesChanged | ev.SettingsChanged):
            self.refresh()

    def _on_episode(self, event: object) -> None:
        if not (shiboken6.isValid(self) and isinstance(event, se.EpisodeReset)):
            return
        if self.isVisible():
            self._episode_opened()
        else:
            self._episode_stale = True

    def _episode_opened(self) -> None:
        self._episode_stale = False
        self.generate._update_targets()
        self.translate.episode_opened()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._episode_stale:
            self._episode_opened()
        self.refresh()


class _Dock(QDockWidget):
    """The room's dock: taller bottom area while open, the timeline's height back when closed."""

    def __init__(self, window: MainWindow, room: WritingRoom) -> None:
        super().__init__(QCoreApplication.translate("WritingRoom", "Writing room"), window)
        self.setObjectName("writingRoom")
        self.setWidget(room)
        self.room = room
        self._window = window
        self._height_before: int | None = None
        self.toggleViewAction().toggled.connect(self._on_toggled)
        window.installEventFilter(self)

    def open_page(self, tab: int) -> None:
        if self.isHidden():
            self._remember_height()
            self.show()
        self.raise_()
        self.room.tabs.setCurrentIndex(tab)
        self.room.refresh()
        QTimer.singleShot(0, self._make_room)  # once the dock is laid out

    def _remember_height(self) -> None:
        timeline = self._window.timeline_dock
        if self._height_before is None and timeline.isVisible() and not timeline.isFloating():
            self._height_before = timeline.height()

    def _make_room(self) -> None:
        if self.isHidden() or self.isFloating() \
                or self._window.dockWidgetArea(self) != Qt.DockWidgetArea.BottomDockWidgetArea:
            return
        wanted = max(MIN_HEIGHT, round(self._window.height() * OPEN_SHARE))
        if self.height() < wanted - 20:
            self._window.resizeDocks([self], [wanted], Qt.Orientation.Vertical)

    def give_back_height(self) -> None:
        """The bottom area as tall as the timeline was before the room opened."""
        if self._height_before is not None:
            height, self._height_before = self._height_before, None
            self._window.resizeDocks([self._window.timeline_dock], [height], Qt.Orientation.Vertical)

    def _on_toggled(self, shown: bool) -> None:
        if shown:
            self._remember_height()
            QTimer.singleShot(0, self._make_room)
        else:
            QTimer.singleShot(0, self.give_back_height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.give_back_height()  # the window state is saved with the timeline's own height
        return False


def _action(window: MainWindow, text: str, name: str, shortcut: str, slot: Callable[[], object],
            tip: str) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(shortcut))
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(lambda _c=False: slot())
    window.addAction(action)
    return action


def _menu_holding(window: MainWindow, action: QAction) -> QAction | None:
    """The menu-bar entry whose menu holds ``action``."""
    return next((a for a in window.menuBar().actions() if a.menu() is not None and action in a.menu().actions()),
                None)


class _Actions(QObject):
    """The Write menu's actions and what they open."""

    def __init__(self, window: MainWindow, room: WritingRoom, dock: _Dock) -> None:
        super().__init__(window)
        self.window, self.room, self.dock = window, room, dock
        self.generate = _action(window, self.tr("&Generate…"), "actionWriteGenerate", "Ctrl+G", self.open_generate,
                                self.tr("Write new episodes from a premise with the chat model"))
        self.continue_ = _action(window, self.tr("&Continue episode"), "actionWriteContinue", "Ctrl+Shift+G",
                                 self.continue_episode, self.tr("Let the chat model write the open episode's next lines"))
        self.rewrite = _action(window, self.tr("&Rewrite selected lines…"), "actionWriteRewrite", "Ctrl+Shift+E",
                               self.rewrite_selection, self.tr("Rewrite the selected lines (“more tense”, “shorter”)"))
        self.translate = _action(window, self.tr("&Translate…"), "actionWriteTranslate", "Ctrl+T", self.open_translate,
                                 self.tr("Translate the episode or the series, and check the dub's fit"))
        self.attribute = _action(window, self.tr("&Attribute a chapter…"), "actionWriteAttribute", "Ctrl+Shift+A",
                                 self.open_attribute, self.tr("Turn a chapter of prose into an episode, speaker by speaker"))
        self.toggle = dock.toggleViewAction()
        self.toggle.setText(self.tr("&Writing room"))
        self.toggle.setObjectName("actionWritingRoom")
        self.toggle.setShortcut(QKeySequence("Ctrl+Shift+W"))
        window.addAction(self.toggle)
        self.menu = QMenu(self.tr("&Write"), window)
        self.menu.setObjectName("menuWrite")
        self.menu.addActions([self.generate, self.continue_, self.rewrite])
        self.menu.addSeparator()
        self.menu.addActions([self.translate, self.attribute])
        self.menu.addSeparator()
        self.menu.addAction(self.toggle)
        self.menu.aboutToShow.connect(self.update)
        before = _menu_holding(window, window.act_settings)
        if before is not None:
            window.menuBar().insertMenu(before, self.menu)
            settings_menu = before.menu()
            timeline_toggle = window.timeline_dock.toggleViewAction()
            following = settings_menu.actions()
            at = following.index(timeline_toggle) + 1 if timeline_toggle in following else len(following)
            settings_menu.insertAction(following[at] if at < len(following) else None, self.toggle)
        else:
            window.menuBar().addMenu(self.menu)
        window.view.selection_changed.connect(self.update)
        self.update()

    def update(self) -> None:
        has_episode = self.window.session.episode.episode_id is not None
        self.continue_.setEnabled(has_episode)
        self.rewrite.setEnabled(has_episode and bool(self.window.view.selected_line_ids()))

    def open_generate(self) -> None:
        self.room.generate.set_mode(NEW)
        self.dock.open_page(GENERATE_TAB)
        self.room.generate.premise.setFocus()

    def continue_episode(self) -> None:
        page = self.room.generate
        page.set_mode(CONTINUE)
        self.dock.open_page(GENERATE_TAB)
        if self.room.chat_available() and self.window.session.episode.episode_id is not None and not page.busy:
            page.start()

    def rewrite_selection(self) -> None:
        self.room.generate.set_mode(REWRITE)
        self.dock.open_page(GENERATE_TAB)
        self.room.generate.rewrite_instruction.setFocus()

    def open_translate(self) -> None:
        self.dock.open_page(TRANSLATE_TAB)

    def open_attribute(self) -> None:
        self.dock.open_page(ATTRIBUTE_TAB)
        self.room.attribute.chapter.setFocus()


def install_writing_room(window: MainWindow) -> WritingRoom:
    """Add the Writing room dock and the Write menu to ``window``; the dock starts closed unless the saved
    window state had it open."""
    room = WritingRoom(window)
    dock = _Dock(window, room)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(window.timeline_dock, dock)
    dock.hide()  # closed until a Write action opens it, whatever the last session left
    window.timeline_dock.raise_()
    window.writing_room = room  # type: ignore[attr-defined]
    window.writing_dock = dock  # type: ignore[attr-defined]
    window.writing_actions = _Actions(window, room, dock)  # type: ignore[attr-defined]
    return room


__all__ = ["WritingRoom", "install_writing_room"]
