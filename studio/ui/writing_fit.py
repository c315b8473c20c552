"""The Translate page's Dubbing fit tab: which lines of the open (translated) episode run longer than their
source by more than a margin, and the two fixes — faster delivery within the engine's limits, or shorter
lines written by the chat model — each shown before and after and accepted as one undo step.

Lengths are the takes' (estimates where a line has no take yet), so the check means most after rendering.
The source is the episode the translation was made from (remembered for translations accepted in this
window, paired by line id) or one the user picks (then paired by position).
Must not live here: the fit rule and the speed limits (``studio.actions.writing``, ``studio.writing.translate``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions import writing as wr
from studio.ui.delegates import TextDelegate
from studio.ui.writing_commands import RewriteLines
from studio.ui.writing_common import Notice, review_table
from studio.ui.writing_models import BeforeAfterModel
from studio.ui.writing_tables import FitModel
from studio.writing.translate import FitIssue

if TYPE_CHECKING:
    from studio.ui.writing_room import WritingRoom

JOB = "writing:fit"


class FitPanel(QWidget):
    def __init__(self, room: WritingRoom, links: dict[int, tuple[int, dict[int, int]]],
                 needs_model: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fitPanel")
        self.room = room
        #: a translated episode -> (its source episode, source line id -> translated line id)
        self.links = links
        self.needs_model = needs_model
        self.plan: wr.RewritePlan | None = None

        self.source = QComboBox(self)
        self.source.setObjectName("fitSource")
        self.source.setMinimumWidth(180)
        self.margin = QSpinBox(self)
        self.margin.setObjectName("fitMargin")
        self.margin.setRange(0, 100)
        self.margin.setValue(15)
        self.margin.setSuffix(" %")
        self.check_button = QPushButton(self.tr("Check fit"), self)
        self.check_button.setObjectName("fitCheck")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("The open episode against its source:"), self))
        top.addWidget(self.source, 1)
        top.addWidget(QLabel(self.tr("Margin:"), self))
        top.addWidget(self.margin)
        top.addWidget(self.check_button)
        self.model = FitModel(self)
        self.view = review_table(self.model, "fitIssues", self, stretch=(FitModel.TEXT,),
                                 narrow={FitModel.NUMBER: 40, FitModel.SOURCE: 70, FitModel.TARGET: 70,
                                         FitModel.OVER: 70, FitModel.SPEED: 120})
        self.changes = BeforeAfterModel(room.role_names, self)
        self.changes_view = review_table(self.changes, "fitChanges", self,
                                         stretch=(BeforeAfterModel.BEFORE, BeforeAfterModel.AFTER),
                                         narrow={BeforeAfterModel.NUMBER: 40, BeforeAfterModel.ROLE: 80,
                                                 BeforeAfterModel.SPEED: 120})
        self.changes_view.setItemDelegateForColumn(BeforeAfterModel.AFTER, TextDelegate(self.changes_view))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.changes_view)
        self.notice = Notice("fitNotice", self)
        self.notice.say(self.tr("Render the translated episode, then check how its lines fit their source."))
        self.speed_button = QPushButton(self.tr("Speed them up"), self)
        self.speed_button.setObjectName("fitSpeedUp")
        self.shorten_button = QPushButton(self.tr("Shorten with the model"), self)
        self.shorten_button.setObjectName("fitShorten")
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.accept_button.setObjectName("fitAccept")
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setObjectName("fitDiscard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notice, 1)
        for b in (self.speed_button, self.shorten_button, self.discard_button, self.accept_button):
            bottom.addWidget(b)
        layout.addLayout(bottom)

        self.check_button.clicked.connect(lambda _c=False: self.check())
        self.speed_button.clicked.connect(lambda _c=False: self.speed_up())
        self.shorten_button.clicked.connect(lambda _c=False: self.shorten())
        self.accept_button.clicked.connect(lambda _c=False: self.accept())
        self.discard_button.clicked.connect(lambda _c=False: self._set_plan(None))
        self._set_plan(None)

    # ---------------------------------------------------------------- what to compare

    def episode_opened(self) -> None:
        self.model.reset([])
        self._set_plan(None)
        self.fill_sources()

    def fill_sources(self) -> None:
        store = self.room.store
        open_id = self.room.main.session.episode.episode_id
        current = self.source.currentData()
        linked = self.links.get(open_id or -1, (None, {}))[0]
        self.source.blockSignals(True)
        self.source.clear()
        others = [e for e in store.episodes() if e.id != open_id]
        for n, e in enumerate(store.episodes(), 1):
            if e.id != open_id:
                self.source.addItem(f"{n}. {e.title} ({e.language})", e.id)
        if open_id is not None and linked is None and others:  # an episode it could be a translation of
            language = store.episode(open_id).language
            count = store.line_count(open_id)
            linked = next((e.id for e in others if e.language != language and store.line_count(e.id) == count),
                          None)
        choice = linked if linked is not None else current
        self.source.setCurrentIndex(max(0, self.source.findData(choice)))
        self.source.blockSignals(False)
        self.check_button.setEnabled(open_id is not None and bool(others))

    def refresh(self) -> None:
        self._set_plan(self.plan)
        self.fill_sources()

    # ---------------------------------------------------------------- checking and fixing

    def check(self) -> list[FitIssue]:
        target_id = self.room.main.session.episode.episode_id
        source_id = self.source.currentData()
        self._set_plan(None)
        if target_id is None or source_id is None:
            self.notice.say(self.tr("Open the translated episode, and choose its source."), problem=True)
            return []
        linked_source, line_map = self.links.get(target_id, (None, None))
        try:
            issues = wr.fit_issues(self.room.store, source_id, target_id, margin=self.margin.value() / 100,
                                   line_map=line_map if linked_source == source_id else None)
        except ActionError as exc:
            self.model.reset([])
            self.notice.say(str(exc), problem=True)
            self._set_plan(None)
            return []
        positions = {ln.id: ln.position + 1 for ln in self.room.store.lines(target_id)}
        self.model.reset([(positions.get(i.target_id, 0), i) for i in issues])
        if issues:
            self.notice.say(self.tr("%n line(s) run over their source by more than %1 %.", "", len(issues))
                            .replace("%1", str(self.margin.value())))
        else:
            self.notice.say(self.tr("Every line fits within %1 % of its source.").replace("%1", str(self.margin.value())))
        self._set_plan(None)
        return issues

    def _set_plan(self, plan: wr.RewritePlan | None) -> None:
        self.plan = plan
        self.stack.setCurrentIndex(0 if plan is None else 1)
        if plan is not None:
            self.changes.colours = self.room.role_colours()
            self.changes.set_pairs(plan.before, plan.after)
        has_issues = bool(self.model.rows)
        self.speed_button.setEnabled(plan is None and has_issues)
        self.shorten_button.setEnabled(plan is None and has_issues and self.room.chat_available())
        self.accept_button.setEnabled(plan is not None)
        self.discard_button.setEnabled(plan is not None)

    def speed_up(self) -> None:
        plan = wr.plan_speed_ups(self.room.store, self.model.issues())
        if not plan.after:
            self.notice.say(self.tr("None of these lines fits even at the fastest speed; shorten them instead."),
                            problem=True)
            return
        self.changes_view.setColumnHidden(BeforeAfterModel.SPEED, False)
        self._set_plan(plan)
        self.notice.say(self.tr("Faster delivery for %n line(s); Accept to keep it.", "", len(plan.after)))

    def shorten(self):  # noqa: ANN201 - the job's task
        return self.room.tasks.spawn(JOB, self._shorten())

    async def _shorten(self) -> None:
        target_id = self.room.main.session.episode.episode_id
        issues = self.model.issues()
        if target_id is None or not issues:
            return
        self.speed_button.setEnabled(False)
        self.shorten_button.setEnabled(False)
        self.notice.say(self.tr("Asking the chat model for shorter lines…"))
        plan = None
        try:
            chat = await self.room.connect("Shortening")
            try:
                plan = await wr.plan_shortening(self.room.store, chat, target_id, issues)
            finally:
                await chat.aclose()
        except wr.NeedsChatModelError:
            self.needs_model(self.tr("Shortening"))
            self.notice.say("")
        except ActionError as exc:
            self.notice.say(str(exc), problem=True)
        finally:
            self._set_plan(plan)  # the buttons back, with the proposal if there is one
        if plan is not None:
            self.changes_view.setColumnHidden(BeforeAfterModel.SPEED, True)
            self.notice.say(self.tr("Shorter versions of %n line(s); change any, then Accept.", "", len(plan.after)))

    def accept(self) -> bool:
        if self.plan is None:
            return False
        plan = wr.RewritePlan(self.plan.before, self.changes.after())
        if not self.room.run(RewriteLines(self.room.store, plan, self.tr("Fit the dub"))):
            return False
        self.model.reset([])
        self._set_plan(None)
        self.notice.say(self.tr("Changed %n line(s); render them again, then check the fit.", "",
                                len(plan.changed())))
        return True


__all__ = ["FitPanel"]
