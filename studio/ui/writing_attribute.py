"""The writing room's Attribute page: a prose chapter (opened or pasted) split into narration and dialogue,
each quotation given to its speaker — by the offline splitter, or by the chat model when one is configured
— then reviewed and accepted as a new episode in one undo step.

The review lists every line with its role and how sure the attribution is; doubtful lines (a speaker found
with little evidence, or none) are highlighted and can be shown alone. The user can give a line another
role (which settles its doubt) or merge an alias into a role (顾总 into 顾沉) before accepting. Works with
no chat model at all. Must not live here: the splitting rules (``studio.formats.prose``), the model's
prompt (``studio.writing.attribute``), store writes (``studio.actions.writing``).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError, importing
from studio.actions import writing as wr
from studio.domain.model import is_narrator_name
from studio.ui.writing_commands import AddAttributedEpisode
from studio.ui.writing_common import Notice, button_row, needs_chat_model, review_table
from studio.ui.writing_models import DoubtfulFilter, NameDelegate, ReviewModel, ReviewRow

if TYPE_CHECKING:
    from studio.ui.writing_room import WritingRoom

JOB = "writing:attribute"
OFFLINE, MODEL = "offline", "model"


class AttributePage(QWidget):
    def __init__(self, room: WritingRoom) -> None:
        super().__init__(room)
        self.setObjectName("attributePage")
        self.room = room
        self.plan: wr.AttributionPlan | None = None

        open_button = QPushButton(self.tr("Open a chapter…"), self)
        open_button.setObjectName("chapterOpen")
        self.title = QLineEdit(self)
        self.title.setObjectName("chapterTitle")
        self.title.setPlaceholderText(self.tr("from the chapter's heading"))
        self.method = QComboBox(self)
        self.method.setObjectName("attributeMethod")
        self.method.addItem(self.tr("Offline splitter"), OFFLINE)
        self.method.addItem(self.tr("Chat model"), MODEL)
        self.chapter = QPlainTextEdit(self)
        self.chapter.setObjectName("chapterText")
        self.chapter.setPlaceholderText(self.tr("Paste a chapter of prose here, or open a text file."))
        self.run_button = QPushButton(self.tr("Attribute"), self)
        self.run_button.setObjectName("attributeRun")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("attributeProgress")
        self.progress.hide()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Speakers by:"), self.method)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(open_button)
        left.addWidget(self.chapter, 1)
        left.addLayout(form)
        left.addWidget(self.progress)
        left.addLayout(button_row(self.run_button))
        left_box = QWidget(self)
        left_box.setLayout(left)
        left_box.setFixedWidth(330)

        self.model = ReviewModel(self)
        self.filter = DoubtfulFilter(self)
        self.filter.setSourceModel(self.model)
        self.review = review_table(self.filter, "attributionReview", self, stretch=(ReviewModel.TEXT,),
                                   narrow={ReviewModel.NUMBER: 40, ReviewModel.ROLE: 100,
                                           ReviewModel.CONFIDENCE: 90})
        self.review.setItemDelegateForColumn(ReviewModel.ROLE, NameDelegate(self._role_names, self.review))
        self.only_doubtful = QCheckBox(self)
        self.only_doubtful.setObjectName("onlyDoubtful")
        self.alias = QComboBox(self)
        self.alias.setObjectName("mergeAlias")
        self.alias.setMinimumWidth(100)
        self.into = QComboBox(self)
        self.into.setObjectName("mergeInto")
        self.into.setEditable(True)
        self.into.setMinimumWidth(100)
        self.merge_button = QPushButton(self.tr("Merge"), self)
        self.merge_button.setObjectName("mergeRoles")
        self.summary = QLabel(self)
        self.summary.setObjectName("attributeSummary")
        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addSpacing(12)
        top.addWidget(self.only_doubtful)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Merge"), self))
        top.addWidget(self.alias)
        top.addWidget(QLabel(self.tr("into"), self))
        top.addWidget(self.into)
        top.addWidget(self.merge_button)
        self.notice = Notice("attributeNotice", self)
        self.accept_button = QPushButton(self.tr("Accept as new episode"), self)
        self.accept_button.setObjectName("attributeAccept")
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setObjectName("attributeDiscard")
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(top)
        right.addWidget(self.review, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notice, 1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.accept_button)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(left_box)
        layout.addLayout(right, 1)

        open_button.clicked.connect(lambda _c=False: self.ask_open())
        self.run_button.clicked.connect(lambda _c=False: self.start())
        self.only_doubtful.toggled.connect(self.filter.set_only_doubtful)
        self.merge_button.clicked.connect(lambda _c=False: self.merge())
        self.accept_button.clicked.connect(lambda _c=False: self.accept())
        self.discard_button.clicked.connect(lambda _c=False: self.discard())
        self.model.edited.connect(self._after_edit)
        self.model.dataChanged.connect(lambda *_a: self._count_doubtful())
        self._show(None)

    # ---------------------------------------------------------------- the chapter

    def refresh(self) -> None:
        available = self.room.chat_available()
        item = self.method.model().item(1)  # the chat model: only when one is configured
        item.setEnabled(available)
        item.setToolTip("" if available else needs_chat_model(self.tr("Attributing with a model")))
        if not available:
            self.method.setToolTip(self.tr("Without a chat model the offline splitter finds the speakers."))
            self.method.setCurrentIndex(0)
        else:
            self.method.setToolTip("")

    def ask_open(self) -> None:
        folder = str(Path(self.room.store.path).resolve().parent)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a chapter"), folder,
                                              self.tr("Text (*.txt *.md);;All files (*)"))
        if path:
            self.open_chapter(path)

    def open_chapter(self, path: str | Path) -> bool:
        from studio.formats.script_import import ScriptImportError, _decode  # the importer's decoding, once

        p = Path(path)
        try:
            text = _decode(p.read_bytes(), p.name)
        except OSError as exc:
            self.notice.say(self.tr("“%1” could not be read (%2).").replace("%1", p.name)
                            .replace("%2", exc.strerror or str(exc)), problem=True)
            return False
        except ScriptImportError as exc:
            self.notice.say(str(exc), problem=True)
            return False
        self.chapter.setPlainText(text)
        self.title.clear()
        self.notice.say(self.tr("“%1” is ready: Attribute finds who says what.").replace("%1", p.name))
        return True

    # ---------------------------------------------------------------- attributing

    def start(self):  # noqa: ANN201 - the job's task
        return self.room.tasks.get(JOB) or self.room.tasks.spawn(JOB, self._run())

    async def _run(self) -> None:
        store = self.room.store
        use_model = self.method.currentData() == MODEL
        self.run_button.setEnabled(False)
        self.notice.say(self.tr("Asking the chat model…") if use_model else self.tr("Finding the speakers…"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(use_model)
        try:
            chat = await self.room.connect("Attributing") if use_model else None
            try:
                plan = await wr.plan_attribution(store, self.chapter.toPlainText(), chat=chat,
                                                 title=self.title.text().strip(), on_progress=self._on_progress)
            finally:
                if chat is not None:
                    await chat.aclose()
        except wr.NeedsChatModelError:  # the offline splitter stays available
            self.notice.say(needs_chat_model(self.tr("Attributing with a model")), problem=True)
            self._show(None)
            self.refresh()
        except ActionError as exc:
            self.notice.say(str(exc), problem=True)
            self._show(None)
        except asyncio.CancelledError:
            self.notice.say(self.tr("Stopped; nothing was changed."))
            raise
        else:
            self._show(plan)
            doubtful = self.model.doubtful_count()
            self.notice.say(self.tr("Check the highlighted lines: the speaker is doubtful. Double-click a role to "
                                    "change it.") if doubtful else self.tr("Every speaker was found with "
                                                                           "confidence. Accept to add the "
                                                                           "episode."))
        finally:
            self.progress.hide()
            self.run_button.setEnabled(True)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _show(self, plan: wr.AttributionPlan | None) -> None:
        self.plan = plan
        rows = [] if plan is None else [
            ReviewRow(draft, ln.kind == "dialogue", ln.confidence, ln.how)
            for ln, draft in zip(plan.attribution.lines, plan.draft.lines, strict=True)]
        self.model.colours = self.room.role_colours()
        self.model.reset(rows)
        if plan is not None and not self.title.text().strip():
            self.title.setText(plan.plan.title)
        self.accept_button.setEnabled(plan is not None)
        self.discard_button.setEnabled(plan is not None)
        self.merge_button.setEnabled(plan is not None)
        self._after_edit()

    def _role_names(self) -> list[str]:
        return list(dict.fromkeys([*self.model.roles(), *self.room.role_names().values()]))

    def _count_doubtful(self) -> None:
        count = self.model.doubtful_count()
        self.only_doubtful.setText(self.tr("Only doubtful lines (%1)").replace("%1", str(count)))
        if not count and self.only_doubtful.isChecked():
            self.only_doubtful.setChecked(False)

    def _after_edit(self) -> None:
        self._count_doubtful()
        roles = self.model.roles()
        narrator = self.plan.attribution.narrator if self.plan is not None else ""
        alias = self.alias.currentText()
        self.alias.clear()
        self.alias.addItems([r for r in roles if r != narrator and not is_narrator_name(r)])
        self.alias.setCurrentIndex(max(0, self.alias.findText(alias)))
        into = self.into.currentText()
        self.into.clear()
        self.into.addItems(self._role_names())
        self.into.setCurrentIndex(max(0, self.into.findText(into)) if into else -1)
        if self.plan is not None:
            lines = self.model.rowCount()
            speakers = [r for r in roles if r != narrator]
            self.summary.setText(self.tr("%n line(s)", "", lines) + " · " + self.tr("roles: %1")
                                 .replace("%1", ", ".join(speakers) or "—"))
        else:
            self.summary.setText("")

    def merge(self) -> int:
        alias, into = self.alias.currentText().strip(), self.into.currentText().strip()
        if not alias or not into or alias == into:
            self.notice.say(self.tr("Choose a role and the role it is another name of."), problem=True)
            return 0
        moved = self.model.merge(alias, into)
        self.notice.say(self.tr("%n line(s) of “%1” are now “%2”.", "", moved).replace("%1", alias)
                        .replace("%2", into))
        return moved

    # ---------------------------------------------------------------- accept / discard

    def accept(self) -> bool:
        if self.plan is None:
            return False
        store = self.room.store
        lines = self.model.lines()
        draft = replace(self.plan.draft, lines=lines, roles=list(dict.fromkeys(ln.role for ln in lines)))
        title = self.title.text().strip() or None
        plan = wr.AttributionPlan(self.plan.attribution, draft, importing.plan_import(store, draft, title=title))
        command = AddAttributedEpisode(store, plan, self.tr("Attribute a chapter"))
        if not self.room.run(command):
            return False
        self.room.main.open_episode(command.episode_ids[0])
        self._show(None)
        self.title.clear()
        self.notice.say(self.tr("Added “%1” with %n line(s). Undo (Ctrl+Z) takes it out again.", "", len(lines))
                        .replace("%1", command.results[0].episode.title))
        return True

    def discard(self) -> None:
        self.room.tasks.cancel(JOB)
        self._show(None)
        self.notice.say(self.tr("Discarded; nothing was changed."))


__all__ = ["AttributePage"]
