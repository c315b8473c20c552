"""The writing room's Translate page: the open episode (or the whole series) into the other language,
shown beside its source line by line, accepted as new episodes in one undo step; the glossary of names
and terms; and the dubbing fit of a translation against its source.

Translating runs as the job ``writing:translate`` with progress and Cancel; nothing reaches the project
until Accept, which adds the episodes (``apply_translations``), keeps the names the model translated in
the glossary beside the project (``<project>.glossary.json``) and opens the first new episode. The
glossary's table is the file: every edit is saved at once. Dubbing fit lists the open episode's lines that
run longer than their source by more than the margin (their takes' lengths, estimates where there is no
take) and offers a speed-up within the engine's limits or a shortening by the model, each previewed before
and after and accepted as one undo step.
The Dubbing fit tab is ``writing_fit``. Must not live here: the prompts, store writes
(``studio.actions.writing``).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions import writing as wr
from studio.ui.delegates import TextDelegate
from studio.ui.writing_commands import AddTranslations
from studio.ui.writing_common import ChatBanner, Notice, button_row, review_table
from studio.ui.writing_fit import FitPanel
from studio.ui.writing_tables import GlossaryModel, PairRow, PairsModel
from studio.writing.translate import Glossary, glossary_path

if TYPE_CHECKING:
    from studio.ui.writing_room import WritingRoom

JOB = "writing:translate"
EPISODE, SERIES = range(2)
LANGUAGE_LABELS = {"en": "English", "zh": "中文"}


class TranslatePage(QWidget):
    def __init__(self, room: WritingRoom) -> None:
        super().__init__(room)
        self.setObjectName("translatePage")
        self.room = room
        self.plans: list[wr.TranslationPlan] = []
        #: a translated episode -> (its source episode, source line id -> translated line id)
        self.links: dict[int, tuple[int, dict[int, int]]] = {}
        self.glossary = Glossary()
        self._loaded_stamp: float | None = None

        self.scope = QComboBox(self)
        self.scope.setObjectName("translateScope")
        self.scope.addItem(self.tr("The open episode"), EPISODE)
        self.scope.addItem(self.tr("Every episode of the series"), SERIES)
        self.target = QComboBox(self)
        self.target.setObjectName("translateTarget")
        for code, label in LANGUAGE_LABELS.items():
            self.target.addItem(label, code)
        self.run_button = QPushButton(self.tr("Translate"), self)
        self.run_button.setObjectName("translateRun")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("translateCancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("translateProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Translate:"), self.scope)
        form.addRow(self.tr("Into:"), self.target)

        self.glossary_model = GlossaryModel(self)
        self.glossary_view = review_table(self.glossary_model, "glossary", self, stretch=(0, 1))
        self.glossary_view.verticalHeader().setSectionResizeMode(self.glossary_view.verticalHeader().ResizeMode.Fixed)
        self.glossary_where = QLabel(self)
        self.glossary_where.setObjectName("glossaryPath")
        self.glossary_where.setWordWrap(True)
        add_term = QPushButton(self.tr("Add"), self)
        add_term.setObjectName("glossaryAdd")
        remove_term = QPushButton(self.tr("Remove"), self)
        remove_term.setObjectName("glossaryRemove")
        group = QGroupBox(self.tr("Glossary: names and terms"), self)
        g = QVBoxLayout(group)
        g.setContentsMargins(6, 4, 6, 6)
        g.addWidget(self.glossary_view, 1)
        g.addWidget(self.glossary_where)
        g.addLayout(button_row(remove_term, add_term))

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(form)
        left.addLayout(button_row(self.cancel_button, self.run_button))
        left.addWidget(self.progress)
        left.addWidget(group, 1)
        left_box = QWidget(self)
        left_box.setLayout(left)
        left_box.setFixedWidth(330)

        self.banner = ChatBanner(room.open_settings, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("translateTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._side_by_side(), self.tr("Side by side"))
        self.fit = FitPanel(room, self.links, self.banner.show_need, self)
        self.tabs.addTab(self.fit, self.tr("Dubbing fit"))
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.banner)
        right.addWidget(self.tabs, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(left_box)
        layout.addLayout(right, 1)

        self.run_button.clicked.connect(lambda _c=False: self.start())
        self.cancel_button.clicked.connect(lambda _c=False: self.room.tasks.cancel(JOB))
        self.target.currentIndexChanged.connect(lambda _i: self._show_glossary())
        self.glossary_model.changed.connect(self._save_glossary)
        add_term.clicked.connect(lambda _c=False: self._add_term())
        remove_term.clicked.connect(lambda _c=False: self.glossary_model.remove_rows(
            [i.row() for i in self.glossary_view.selectionModel().selectedRows()]))
        self.load_glossary()

    def _side_by_side(self) -> QWidget:
        box = QWidget(self)
        self.pairs = PairsModel(self)
        self.pairs.edited.connect(self._on_pair_edited)
        self.pairs_view = review_table(self.pairs, "translationPairs", box,
                                       stretch=(PairsModel.SOURCE, PairsModel.TARGET),
                                       narrow={PairsModel.EPISODE: 40, PairsModel.LINE: 50, PairsModel.ROLE: 80})
        self.pairs_view.setItemDelegateForColumn(PairsModel.TARGET, TextDelegate(self.pairs_view))
        self.summary = QLabel(box)
        self.summary.setObjectName("translateSummary")
        self.notice = Notice("translateNotice", box)
        self.accept_button = QPushButton(self.tr("Accept as new episode"), box)
        self.accept_button.setObjectName("translateAccept")
        self.discard_button = QPushButton(self.tr("Discard"), box)
        self.discard_button.setObjectName("translateDiscard")
        self.accept_button.clicked.connect(lambda _c=False: self.accept())
        self.discard_button.clicked.connect(lambda _c=False: self.discard())
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.pairs_view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notice, 1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.accept_button)
        layout.addLayout(bottom)
        self._update_buttons()
        return box

    # ---------------------------------------------------------------- state shown

    def refresh(self) -> None:
        available = self.room.chat_available()
        if available:
            self.banner.hide()
        else:
            self.banner.show_need(self.tr("Translating"))
        busy = self.room.tasks.get(JOB) is not None
        self.run_button.setEnabled(available and not busy)
        if self._glossary_stamp() != self._loaded_stamp:
            self.load_glossary()  # changed beside the project since it was read
        self.fit.refresh()

    def episode_opened(self) -> None:
        """Another episode is open: translate into its other language, compare it with its source."""
        episode_id = self.room.main.session.episode.episode_id
        if episode_id is not None and self.room.tasks.get(JOB) is None and not self.plans:
            language = self.room.store.episode(episode_id).language
            self.target.setCurrentIndex(max(0, self.target.findData("zh" if language == "en" else "en")))
        self.fit.episode_opened()

    def _update_buttons(self) -> None:
        self.accept_button.setEnabled(bool(self.plans))
        self.discard_button.setEnabled(bool(self.plans))

    # ---------------------------------------------------------------- glossary

    @property
    def glossary_file(self) -> Path:
        return glossary_path(self.room.store.path)

    def _glossary_stamp(self) -> float | None:
        try:
            return self.glossary_file.stat().st_mtime
        except OSError:
            return None

    def load_glossary(self) -> None:
        self._loaded_stamp = self._glossary_stamp()
        try:
            self.glossary = wr.load_glossary(self.room.store.path)
        except ActionError as exc:
            self.glossary = Glossary()
            self.notice.say(str(exc), problem=True)
        self._show_glossary()

    def _show_glossary(self) -> None:
        self.glossary_model.set_terms(self.glossary.for_target(self.target.currentData()))
        self.glossary_where.setText(self.tr("Kept beside the project in %1; used by every translation into %2.")
                                    .replace("%1", self.glossary_file.name)
                                    .replace("%2", self.target.currentText()))

    def _add_term(self) -> None:
        row = self.glossary_model.add_row()
        index = self.glossary_model.index(row, 0)
        self.glossary_view.setCurrentIndex(index)
        self.glossary_view.edit(index)

    def _save_glossary(self) -> None:
        language = self.target.currentData()
        shown = self.glossary_model.terms()
        flat = self.glossary.terms.get("", {})
        for term in [t for t in flat if t not in shown]:
            del flat[term]  # removed from the table: gone
        self.glossary.terms[language] = {s: t for s, t in shown.items() if flat.get(s) != t}
        try:
            self.glossary.save(self.glossary_file)
            self._loaded_stamp = self._glossary_stamp()
        except OSError as exc:
            self.notice.say(self.tr("The glossary could not be saved (%1).").replace("%1", str(exc)), problem=True)

    # ---------------------------------------------------------------- translating

    def start(self):  # noqa: ANN201 - the job's task
        running = self.room.tasks.get(JOB)
        if running is not None:
            return running  # one translation at a time: Cancel it first
        self.discard(quiet=True)
        return self.room.tasks.spawn(JOB, self._run())

    def _episodes_to_translate(self, target: str) -> list[int]:
        store = self.room.store
        if self.scope.currentData() == SERIES:
            ids = [e.id for e in store.episodes() if e.language != target]
            if not ids:
                raise ActionError(self.tr("Every episode is already in %1.").replace("%1", LANGUAGE_LABELS[target]))
            return ids
        episode_id = self.room.main.session.episode.episode_id
        if episode_id is None:
            raise ActionError(self.tr("Open the episode to translate first."))
        episode = store.episode(episode_id)
        if episode.language == target:
            raise ActionError(self.tr("“%1” is already in %2.").replace("%1", episode.title)
                              .replace("%2", LANGUAGE_LABELS[target]))
        return [episode_id]

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(what.replace("%1", str(done)).replace("%2", str(total)))

    async def _run(self) -> None:
        store, target = self.room.store, self.target.currentData()
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Translating…"))
        self.progress.show()
        self.notice.say(self.tr("Translating…"))
        try:
            ids = self._episodes_to_translate(target)
            chat = await self.room.connect("Translating")
            book = Glossary({k: dict(v) for k, v in self.glossary.terms.items()})  # grows only on Accept
            try:
                if len(ids) == 1:
                    plans = [await wr.plan_translation(
                        store, chat, ids[0], target, glossary=book,
                        on_progress=lambda d, t: self._on_progress(d, t, self.tr("part %1 of %2")))]
                else:
                    plans = await wr.plan_series_translation(
                        store, chat, target, episode_ids=ids, glossary=book,
                        on_progress=lambda d, t: self._on_progress(d, t, self.tr("episode %1 of %2")))
            finally:
                await chat.aclose()
        except wr.NeedsChatModelError:
            self.banner.show_need(self.tr("Translating"))
            self.notice.say("")
        except ActionError as exc:
            self.notice.say(str(exc), problem=True)
        except asyncio.CancelledError:
            self.notice.say(self.tr("Translation cancelled; nothing was changed."))
            raise
        else:
            self._show_plans(plans, target)
        finally:
            self.progress.hide()
            self.cancel_button.setEnabled(False)
            self.run_button.setEnabled(self.room.chat_available())

    def _show_plans(self, plans: list[wr.TranslationPlan], target: str) -> None:
        store, names = self.room.store, self.room.role_names()
        self.plans = plans
        rows = []
        for p, plan in enumerate(plans):
            sources = {ln.id: ln for ln in store.lines_by_ids(plan.source_ids)}
            for i, (source_id, planned) in enumerate(zip(plan.source_ids, plan.plan.lines, strict=True)):
                role = names.get(planned.role, "") if isinstance(planned.role, int) else str(planned.role or "")
                source = sources[source_id]
                rows.append(PairRow(p, i, source_id, source.position + 1, role, source.text, planned.line.text))
        source_language = store.episode(plans[0].source_episode_id).language
        self.pairs.set_languages(LANGUAGE_LABELS.get(source_language, source_language),
                                 LANGUAGE_LABELS.get(target, target))
        self.pairs.colours = self.room.role_colours()
        self.pairs.reset(rows)
        self.pairs_view.setColumnHidden(PairsModel.EPISODE, len(plans) == 1)
        self.tabs.setCurrentIndex(0)
        titles = ", ".join(f"“{plan.plan.title}”" for plan in plans)
        summary = self.tr("%1 · %n line(s)", "", len(rows)).replace("%1", titles)
        known = self.glossary.for_target(target)
        found = {s: t for plan in plans for s, t in plan.new_terms.items() if s not in known}
        if found:
            summary += " · " + self.tr("new names for the glossary: %1").replace(
                "%1", ", ".join(f"{s} → {t}" for s, t in found.items()))
        self.summary.setText(summary)
        self.notice.say(self.tr("Check the translation — double-click a line to change it — then Accept."))
        self._update_buttons()
        if not self.room.isVisible():
            self.room.main.show_message(self.tr("The translation is ready in the Writing room."))

    def _on_pair_edited(self, plan: int, index: int, text: str) -> None:
        lines = self.plans[plan].plan.lines
        lines[index] = replace(lines[index], line=replace(lines[index].line, text=text))

    def accept(self) -> bool:
        if not self.plans:
            return False
        target = self.plans[0].plan.language
        command = AddTranslations(self.room.store, self.plans, self.tr("Translate"))
        if not self.room.run(command):
            return False
        for plan, result in zip(self.plans, command.translations, strict=True):
            self.links[result.result.episode.id] = (plan.source_episode_id, result.line_map)
            try:
                wr.save_new_terms(self.glossary, target, plan.new_terms, self.glossary_file)
                self._loaded_stamp = self._glossary_stamp()
            except OSError as exc:
                self.notice.say(self.tr("The glossary could not be saved (%1).").replace("%1", str(exc)),
                                problem=True)
        self._show_glossary()
        self.room.main.open_episode(command.episode_ids[0])
        count = len(command.results)
        self.discard(quiet=True)
        self.notice.say(self.tr("Added %n translated episode(s); the first is open. Render it, then check the "
                                "dubbing fit.", "", count))
        return True

    def discard(self, *, quiet: bool = False) -> None:
        self.room.tasks.cancel(JOB)
        self.plans = []
        self.pairs.reset([])
        self.summary.setText("")
        self._update_buttons()
        if not quiet:
            self.notice.say(self.tr("Discarded; nothing was changed."))


__all__ = ["TranslatePage"]
