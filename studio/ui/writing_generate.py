"""The writing room's Generate page: new episodes from a premise, more lines for the open episode, or a
rewrite of the selected lines — each proposed by the chat model, reviewed, then accepted as one undo step.

New episodes and continued lines stream into the preview line by line (an answer the model has to give
again clears its episode's preview); once the answer is complete and valid the cells can be edited (role,
text, emotion, pause, note). A rewrite is shown before/after. Accept applies the proposal through the
writing actions (``studio.actions.writing``) as one command; Discard drops it. A failed or stopped request
shows the action's sentence and leaves the project as it was: nothing is applied before Accept.
Must not live here: the prompts, the schema, store writes (``studio.actions.writing``).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions import writing as wr
from studio.domain.model import EMOTIONS
from studio.ui.delegates import ChoiceDelegate, TextDelegate
from studio.ui.writing_commands import AddContinuation, AddGeneratedEpisodes, RewriteLines
from studio.ui.writing_common import ChatBanner, Notice, button_row, review_table
from studio.ui.writing_models import BeforeAfterModel, DraftModel, NameDelegate
from studio.writing.generate import EpisodeReady, GeneratedEpisode, LinePreview, Restarted

if TYPE_CHECKING:
    from studio.ui.writing_room import WritingRoom

JOB = "writing:write"
NEW, CONTINUE, REWRITE = range(3)
GENRES = ("甜宠", "逆袭", "悬疑", "霸总", "复仇", "穿越", "romance", "thriller", "revenge", "comedy")


class GeneratePage(QWidget):
    def __init__(self, room: WritingRoom) -> None:
        super().__init__(room)
        self.setObjectName("generatePage")
        self.room = room
        self._ready: dict[int, GeneratedEpisode] = {}
        self._continuation: wr.ContinuationPlan | None = None
        self._rewrite: wr.RewritePlan | None = None
        self._pending: int | None = None  # what the preview holds (NEW, CONTINUE, REWRITE), once complete

        self.mode = QComboBox(self)
        self.mode.setObjectName("writeMode")
        self.mode.addItems([self.tr("New episodes"), self.tr("Continue the open episode"),
                            self.tr("Rewrite the selected lines")])
        self.banner = ChatBanner(room.open_settings, self)
        self.forms = QStackedWidget(self)
        self.forms.addWidget(self._new_form())
        self.forms.addWidget(self._continue_form())
        self.forms.addWidget(self._rewrite_form())
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("writeRun")
        self.run_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("writeStop")
        self.stop_button.setEnabled(False)

        self.model = DraftModel(room.main.model.emotion_names, self)
        self.preview = review_table(self.model, "generatePreview", self, stretch=(DraftModel.TEXT,),
                                    narrow={DraftModel.EPISODE: 40, DraftModel.ROLE: 90, DraftModel.EMOTION: 90,
                                            DraftModel.PAUSE: 70, DraftModel.NOTE: 140})
        self.preview.setItemDelegateForColumn(DraftModel.ROLE, NameDelegate(self._role_names, self.preview))
        self.preview.setItemDelegateForColumn(DraftModel.TEXT, TextDelegate(self.preview))
        self.preview.setItemDelegateForColumn(DraftModel.EMOTION, ChoiceDelegate(self._emotions, self.preview))
        self.rewrites = BeforeAfterModel(room.role_names, self)
        self.before_after = review_table(self.rewrites, "rewritePreview", self,
                                         stretch=(BeforeAfterModel.BEFORE, BeforeAfterModel.AFTER),
                                         narrow={BeforeAfterModel.NUMBER: 40, BeforeAfterModel.ROLE: 90,
                                                 BeforeAfterModel.SPEED: 70})
        self.before_after.setColumnHidden(BeforeAfterModel.SPEED, True)
        self.before_after.setItemDelegateForColumn(BeforeAfterModel.AFTER, TextDelegate(self.before_after))
        self.results = QStackedWidget(self)
        self.results.addWidget(self.preview)
        self.results.addWidget(self.before_after)
        self.summary = QLabel(self)
        self.summary.setObjectName("writeSummary")
        self.notice = Notice("writeNotice", self)
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.accept_button.setObjectName("writeAccept")
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setObjectName("writeDiscard")

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.mode)
        left.addWidget(self.forms, 1)
        left.addLayout(button_row(self.stop_button, self.run_button))
        left_box = QWidget(self)
        left_box.setLayout(left)
        left_box.setFixedWidth(330)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.banner)
        right.addWidget(self.summary)
        right.addWidget(self.results, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notice, 1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.accept_button)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(left_box)
        layout.addLayout(right, 1)

        self.mode.currentIndexChanged.connect(self._on_mode)
        self.run_button.clicked.connect(lambda _c=False: self.start())
        self.stop_button.clicked.connect(lambda _c=False: self.stop())
        self.accept_button.clicked.connect(lambda _c=False: self.accept())
        self.discard_button.clicked.connect(lambda _c=False: self.discard())
        room.main.view.selection_changed.connect(self._update_targets)
        self._on_mode(NEW)

    # ---------------------------------------------------------------- forms

    def _new_form(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 4, 0, 0)
        self.premise = QPlainTextEdit(box)
        self.premise.setObjectName("premise")
        self.premise.setPlaceholderText(self.tr("What the series is about: who wants what, and what stands in "
                                                "the way."))
        self.premise.setTabChangesFocus(True)
        self.genre = QComboBox(box)
        self.genre.setObjectName("genre")
        self.genre.setEditable(True)
        self.genre.addItems(GENRES)
        self.genre.setCurrentText("")
        self.genre.lineEdit().setPlaceholderText(self.tr("any"))
        self.episode_count = QSpinBox(box)
        self.episode_count.setObjectName("episodeCount")
        self.episode_count.setRange(1, 20)
        self.episode_seconds = QSpinBox(box)
        self.episode_seconds.setObjectName("episodeSeconds")
        self.episode_seconds.setRange(30, 600)
        self.episode_seconds.setSingleStep(15)
        self.episode_seconds.setValue(90)
        self.episode_seconds.setSuffix(self.tr(" s"))
        self.cast_choice = QComboBox(box)
        self.cast_choice.setObjectName("castChoice")
        self.cast_choice.addItem(self.tr("The cast, and new roles"), True)
        self.cast_choice.addItem(self.tr("Only the cast"), False)
        self.language = QComboBox(box)
        self.language.setObjectName("scriptLanguage")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        episodes = self.room.store.episodes()
        if episodes and episodes[-1].language == "en":
            self.language.setCurrentIndex(1)
        form.addRow(self.tr("Premise:"), self.premise)
        form.addRow(self.tr("Genre:"), self.genre)
        form.addRow(self.tr("Episodes:"), self.episode_count)
        form.addRow(self.tr("Length of each:"), self.episode_seconds)
        form.addRow(self.tr("Roles:"), self.cast_choice)
        form.addRow(self.tr("Language:"), self.language)
        return box

    def _continue_form(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 4, 0, 0)
        self.continue_target = QLabel(box)
        self.continue_target.setWordWrap(True)
        self.continue_count = QSpinBox(box)
        self.continue_count.setObjectName("continueCount")
        self.continue_count.setRange(1, 60)
        self.continue_count.setValue(10)
        self.continue_instruction = QLineEdit(box)
        self.continue_instruction.setObjectName("continueInstruction")
        self.continue_instruction.setPlaceholderText(self.tr("optional: where the scene goes next"))
        form.addRow(self.continue_target)
        form.addRow(self.tr("Lines:"), self.continue_count)
        form.addRow(self.tr("Direction:"), self.continue_instruction)
        return box

    def _rewrite_form(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 4, 0, 0)
        self.rewrite_target = QLabel(box)
        self.rewrite_target.setWordWrap(True)
        self.rewrite_instruction = QComboBox(box)
        self.rewrite_instruction.setObjectName("rewriteInstruction")
        self.rewrite_instruction.setEditable(True)
        self.rewrite_instruction.addItems([self.tr("more tense"), self.tr("shorter"), self.tr("more colloquial"),
                                           self.tr("funnier"), "更紧张", "更口语化"])
        form.addRow(self.rewrite_target)
        form.addRow(self.tr("Make them:"), self.rewrite_instruction)
        return box

    def set_mode(self, mode: int) -> None:
        self.mode.setCurrentIndex(mode)
        self._on_mode(mode)

    def _on_mode(self, mode: int) -> None:
        self.forms.setCurrentIndex(mode)
        self.run_button.setText((self.tr("Generate"), self.tr("Continue"), self.tr("Rewrite"))[mode])
        if self._pending is None and not self.busy:
            self.results.setCurrentIndex(1 if mode == REWRITE else 0)
        self._update_targets()
        self.refresh()

    def _update_targets(self) -> None:
        episode_id = self.room.main.session.episode.episode_id
        title = self.room.store.episode(episode_id).title if episode_id is not None else ""
        self.continue_target.setText(self.tr("More lines at the end of “%1”.").replace("%1", title)
                                     if title else self.tr("Open an episode to continue it."))
        count = len(self.room.main.view.selected_line_ids())
        self.rewrite_target.setText(self.tr("%n selected line(s) of “%1”.", "", count).replace("%1", title)
                                    if count else self.tr("Select the lines to rewrite in the script."))

    def what(self) -> str:
        return (self.tr("Generating"), self.tr("Continuing"), self.tr("Rewriting"))[self.mode.currentIndex()]

    def refresh(self) -> None:
        """Say what is needed when no chat model is configured; otherwise get out of the way."""
        available = self.room.chat_available()
        if available:
            self.banner.hide()
        else:
            self.banner.show_need(self.what())
        self.run_button.setEnabled(available and not self.busy)
        self._update_buttons()

    # ---------------------------------------------------------------- running

    @property
    def busy(self) -> bool:
        return self.room.tasks.get(JOB) is not None

    def _role_names(self) -> list[str]:
        return list(dict.fromkeys([*self.room.role_names().values(), *self.model.roles()]))

    def _emotions(self, _index: QModelIndex) -> list[tuple[str, object]]:
        names = self.model.emotion_names
        return [(self.tr("(engine decides)"), ""), *[(names.get(e, e), e) for e in EMOTIONS]]

    def start(self):  # noqa: ANN201 - the job's task (tests await it)
        """Ask the model for what the form says (the job ``writing:write``; a running one stops first)."""
        running = self.room.tasks.get(JOB)
        if running is not None:
            return running  # one request at a time: Stop it first
        mode = self.mode.currentIndex()
        self._clear()
        self.model.colours = self.rewrites.colours = self.room.role_colours()
        work = (self._generate, self._continue, self._rewrite_lines)[mode]()
        return self.room.tasks.spawn(JOB, self._run(mode, work))

    def stop(self) -> None:
        self.room.tasks.cancel(JOB)

    async def _run(self, mode: int, work) -> None:  # noqa: ANN001 - a coroutine
        self._set_busy(True)
        done = False
        try:
            done = await work
        except wr.NeedsChatModelError:  # its sentence, in the UI's language, with the way to Settings
            self.banner.show_need(self.what())
            self.notice.say("")
        except ActionError as exc:
            self.notice.say(str(exc), problem=True)
        except asyncio.CancelledError:
            self.notice.say(self.tr("Stopped; nothing was changed."))
            raise
        finally:
            if not done:
                self._clear()
            self._set_busy(False)
        if done:
            self._pending = mode
            self.model.editable = True
            self.notice.say(self.tr("Check the lines — double-click a cell to change it — then Accept or Discard."))
            self._update_buttons()
            if not self.room.isVisible():
                self.room.main.show_message(self.tr("The proposal is ready in the Writing room."))

    def _set_busy(self, busy: bool) -> None:
        self.stop_button.setEnabled(busy)
        self.run_button.setEnabled(not busy and self.room.chat_available())
        self.mode.setEnabled(not busy)
        if busy:
            self.notice.say(self.tr("Asking the chat model…"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._pending is not None
        self.accept_button.setEnabled(ready)
        self.discard_button.setEnabled(ready or self.model.rowCount() > 0)

    def _stream_event(self, event: object) -> None:
        if isinstance(event, LinePreview):
            self.model.append(event.episode, event.line)
            self.preview.scrollToBottom()
            self.summary.setText(self.tr("%n line(s) so far…", "", self.model.rowCount()))
        elif isinstance(event, Restarted):
            self.model.drop_episode(event.episode)
            self.notice.say(self.tr("The model's answer was dropped (%1); asking again…").replace("%1", event.reason))
        elif isinstance(event, EpisodeReady):
            self.model.set_episode(event.episode, event.result.draft.lines)
            self._ready[event.episode] = event.result

    async def _generate(self) -> bool:
        brief = wr.series_brief(self.room.store, self.premise.toPlainText().strip(),
                                genre=self.genre.currentText().strip(), language=self.language.currentData(),
                                episodes=self.episode_count.value(), episode_seconds=self.episode_seconds.value(),
                                allow_new_roles=bool(self.cast_choice.currentData()))
        self.results.setCurrentIndex(0)
        self.preview.setColumnHidden(DraftModel.EPISODE, brief.episodes == 1)
        chat = await self.room.connect("Generating")
        try:
            async for event in wr.stream_generate(chat, brief):
                self._stream_event(event)
        finally:
            await chat.aclose()
        self._summarise()
        return bool(self._ready)

    async def _continue(self) -> bool:
        episode_id = self.room.main.session.episode.episode_id
        if episode_id is None:
            raise ActionError(self.tr("Open an episode to continue it."))
        self.results.setCurrentIndex(0)
        self.preview.setColumnHidden(DraftModel.EPISODE, True)
        chat = await self.room.connect("Continuing")
        try:
            async for item in wr.stream_continuation(self.room.store, chat, episode_id,
                                                     count=self.continue_count.value(),
                                                     instruction=self.continue_instruction.text().strip()):
                if isinstance(item, wr.ContinuationPlan):
                    self._continuation = item
                else:
                    self._stream_event(item)
        finally:
            await chat.aclose()
        self._summarise()
        return self._continuation is not None

    async def _rewrite_lines(self) -> bool:
        episode_id = self.room.main.session.episode.episode_id
        ids = self.room.main.view.selected_line_ids()
        if episode_id is None or not ids:
            raise ActionError(self.tr("Select the lines to rewrite in the script first."))
        instruction = self.rewrite_instruction.currentText().strip()
        if not instruction:
            raise ActionError(self.tr("Say how to rewrite them, for example “more tense”."))
        self.results.setCurrentIndex(1)
        chat = await self.room.connect("Rewriting")
        try:
            plan = await wr.plan_rewrite(self.room.store, chat, episode_id, ids, instruction)
        finally:
            await chat.aclose()
        self._rewrite = plan
        self.rewrites.set_pairs(plan.before, plan.after)
        self.summary.setText(self.tr("%n line(s) rewritten: “%1”.", "", len(plan.after)).replace("%1", instruction))
        return True

    def _summarise(self) -> None:
        new_roles = sorted({r.name for e in self._ready.values() for r in e.new_roles})
        text = self.tr("%n line(s)", "", self.model.rowCount())
        if len(self._ready) > 1:
            text = self.tr("%n episode(s), ", "", len(self._ready)) + text
        titles = [e.draft.title for e in self._ready.values() if e.draft.title]
        if titles and self._continuation is None:
            text = "“" + "”, “".join(titles) + "” · " + text
        if new_roles:
            text += " · " + self.tr("new roles: %1").replace("%1", ", ".join(new_roles))
        self.summary.setText(text)

    # ---------------------------------------------------------------- accept / discard

    def accept(self) -> bool:
        """Apply the reviewed proposal as one undo step; False when the project refused it."""
        store = self.room.store
        if self._pending == NEW:
            episodes = [replace(e, draft=replace(e.draft, lines=self.model.lines_of(n))) for n, e in
                        sorted(self._ready.items())]
            command = AddGeneratedEpisodes(store, wr.GenerationPlan(episodes), self.tr("Generate episodes"))
            if not self.room.run(command):
                return False
            self.room.main.open_episode(command.episode_ids[0])
            said = self.tr("Added %n episode(s). Undo (Ctrl+Z) takes them out again.", "", len(command.results))
        elif self._pending == CONTINUE and self._continuation is not None:
            plan = self._continuation
            lines = self.model.lines_of(1)
            if lines != list(plan.generated.draft.lines):
                generated = replace(plan.generated, draft=replace(plan.generated.draft, lines=lines))
                plan = wr.lines_plan(store, plan.episode_id, generated)  # the action's own rule, for the edits
            command = AddContinuation(store, plan, self.tr("Continue episode"))
            if not self.room.run(command):
                return False
            said = self.tr("Added %n line(s) at the end of the episode.", "", len(plan.plan.lines))
        elif self._pending == REWRITE and self._rewrite is not None:
            plan = wr.RewritePlan(self._rewrite.before, self.rewrites.after())
            if not plan.changed():
                self.discard()
                return True
            if not self.room.run(RewriteLines(store, plan, self.tr("Rewrite lines"))):
                return False
            said = self.tr("Rewrote %n line(s).", "", len(plan.changed()))
        else:
            return False
        self._clear()
        self.notice.say(said)
        return True

    def discard(self) -> None:
        self.stop()
        self._clear()
        self.notice.say(self.tr("Discarded; nothing was changed."))

    def _clear(self) -> None:
        self._ready.clear()
        self._continuation = None
        self._rewrite = None
        self._pending = None
        self.model.editable = False
        self.model.reset([])
        self.rewrites.set_pairs([], [])
        self.summary.setText("")
        self._update_buttons()


__all__ = ["GeneratePage"]
