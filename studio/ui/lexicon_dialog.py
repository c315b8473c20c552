"""The pronunciation lexicon window (Settings → Pronunciation lexicon…): the series' entries in a table, a
form to add or change one, the pinyin the offline engine reads a word with and a choice of each 多音字's
reading, how many lines an entry sends back to render, a list of words to check (those the listen-back check
misheard, then the script's 多音字), and Listen, which says the first line holding the word
with the typed entry on the project's engine. ``install_lexicon(window)`` adds the menu entry.

Every add, change or remove is one undo step on the window's stack (``SetLexicon``); the rules (what an
entry may say, which lines it touches) are the lexicon actions' (``studio.actions.lexicon``). Subtitles keep
the written text. Must not live here: checking entries, SQLite.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions import lexicon as lex
from studio.actions.check import misheard_words
from studio.domain.lexicon import LexiconEntry
from studio.store import events as ev
from studio.store.project_file import ProjectStore
from studio.ui.commands import StoreCommand

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow


class SetLexicon(StoreCommand):
    """The whole lexicon from one list of entries to another (one transaction each way)."""

    def __init__(self, store: ProjectStore, before: Sequence[LexiconEntry], after: Sequence[LexiconEntry],
                 text: str) -> None:
        super().__init__(store, text)
        self.before = list(before)
        self.after = list(after)

    def apply(self) -> None:
        self.store.set_lexicon(self.after)

    def revert(self) -> None:
        self.store.set_lexicon(self.before)


_KINDS = ("pinyin", "replace", "ipa")
_LANGS = (None, "zh", "en")


class LexiconDialog(QDialog):
    """The lexicon of the window's project, edited through the window's undo stack."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.store = window.session.store
        self.setObjectName("lexiconDialog")
        self.setWindowTitle(self.tr("Pronunciation lexicon"))
        self.resize(720, 520)
        self._entries: list[LexiconEntry] = []
        self._pickers: list[tuple[int, QComboBox]] = []

        intro = QLabel(self.tr("How names and words are said in every episode. The engines get the entry; "
                               "subtitles keep the written text."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("lexiconTable")
        self.table.setHorizontalHeaderLabels([self.tr("Word"), self.tr("Said as"), self.tr("Kind"),
                                              self.tr("Language"), self.tr("Lines")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)

        self.suspects = QListWidget(self)
        self.suspects.setObjectName("lexiconSuspects")
        self.suspects.setAccessibleName(self.tr("Words to check"))
        self.suspects.setToolTip(self.tr("Words the listen-back check heard wrong, then characters of the script "
                                         "with several readings. Click one to look at it."))
        self.suspects.setMaximumWidth(220)
        self.suspects.itemClicked.connect(lambda item: self.word.setText(item.data(Qt.ItemDataRole.UserRole)))
        self.word = QLineEdit(self)
        self.word.setObjectName("lexiconWord")
        self.word.setPlaceholderText(self.tr("a name or a word, as written"))
        self.word.textChanged.connect(self._word_changed)
        self.kind = QComboBox(self)
        self.kind.setObjectName("lexiconKind")
        for k, label in zip(_KINDS, (self.tr("Pinyin with tones"), self.tr("Say instead"), self.tr("IPA")),
                            strict=True):
            self.kind.addItem(label, k)
        self.kind.currentIndexChanged.connect(self._update_state)
        self.language = QComboBox(self)
        self.language.setObjectName("lexiconLanguage")
        for code, label in zip(_LANGS, (self.tr("All languages"), self.tr("Chinese"), self.tr("English")),
                               strict=True):
            self.language.addItem(label, code)
        self.language.currentIndexChanged.connect(self._update_state)
        self.spoken = QLineEdit(self)
        self.spoken.setObjectName("lexiconSpoken")
        self.spoken.setPlaceholderText(self.tr("hang2 zhang3"))
        self.spoken.textChanged.connect(self._update_state)
        self.readings_row = QWidget(self)
        self.readings_layout = QHBoxLayout(self.readings_row)
        self.readings_layout.setContentsMargins(0, 0, 0, 0)
        self.engine_reading = QLabel(self)
        self.engine_reading.setObjectName("lexiconEngineReading")
        self.affected = QLabel(self)
        self.affected.setObjectName("lexiconAffected")
        self.affected.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("lexiconError")
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Word:"), self.word)
        form.addRow(self.tr("The engine reads:"), self.engine_reading)
        form.addRow(self.tr("Readings:"), self.readings_row)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Said as:"), self.spoken)
        form.addRow(self.tr("&Language:"), self.language)

        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setObjectName("lexiconAdd")
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setObjectName("lexiconRemove")
        self.remove_button.clicked.connect(self.remove_entry)
        self.listen_button = QPushButton(self.tr("&Listen"), self)
        self.listen_button.setObjectName("lexiconListen")
        self.listen_button.setToolTip(self.tr("Hear the entry on the project's engine, in the first line that holds "
                                              "the word (nothing is saved)"))
        self.listen_button.clicked.connect(self.listen)
        self.listening: asyncio.Task[str] | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.listen_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        lists = QHBoxLayout()
        lists.addWidget(self.table, 1)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Words to check:"), self))
        side.addWidget(self.suspects, 1)
        lists.addLayout(side)
        layout.addLayout(lists, 1)
        layout.addLayout(form)
        layout.addWidget(self.affected)
        layout.addWidget(self.error)
        layout.addLayout(row)

        # the window's Undo and Redo work here too (in a text field, Ctrl+Z undoes the typing first)
        self.addActions([window.act_undo, window.act_redo])
        unsubscribe = window.session.subscribe(self._on_session)
        self.destroyed.connect(lambda *_a: unsubscribe())
        self.refresh()
        self._word_changed()

    # ---------------------------------------------------------------- state

    def _on_session(self, event: object) -> None:
        if isinstance(event, ev.LexiconChanged):
            self.refresh()

    def refresh(self) -> None:
        keep = self._current()
        self._entries = lex.entries(self.store)
        self.table.setRowCount(len(self._entries))
        kinds = dict(zip(_KINDS, (self.tr("pinyin"), self.tr("say instead"), self.tr("IPA")), strict=True))
        langs = {None: self.tr("all"), "zh": self.tr("Chinese"), "en": self.tr("English")}
        for r, e in enumerate(self._entries):
            n = len(lex.affected_lines(self.store, e.written, e.language))
            cells = (e.written, e.spoken, kinds.get(e.kind, e.kind), langs.get(e.language, e.language or ""), str(n))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnToContents(0)
        self._refresh_suspects()
        if keep is not None and keep in self._entries:
            self.table.selectRow(self._entries.index(keep))
        self._update_state()

    def _refresh_suspects(self) -> None:
        misheard = misheard_words(self.store)
        self.suspects.clear()
        for word, n in lex.suspects(self.store, misheard)[:100]:
            label = (self.tr("%1 — misheard").replace("%1", word) if word in misheard
                     else self.tr("%1 — %n line(s)", "", n).replace("%1", word))
            item = QListWidgetItem(label, self.suspects)
            item.setData(Qt.ItemDataRole.UserRole, word)

    def _current(self) -> LexiconEntry | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._entries):
            return None
        return self._entries[rows[0].row()]

    def _selected(self) -> None:
        e = self._current()
        if e is None:
            self._update_state()
            return
        self.word.setText(e.written)
        self.kind.setCurrentIndex(_KINDS.index(e.kind) if e.kind in _KINDS else 0)
        self.language.setCurrentIndex(_LANGS.index(e.language) if e.language in _LANGS else 0)
        self.spoken.setText(e.spoken)
        self._update_state()

    def _word_changed(self) -> None:
        for _, box in self._pickers:
            box.deleteLater()
        self._pickers = []
        while self.readings_layout.count():
            item = self.readings_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        word = self.word.text().strip()
        han = bool(word) and any("\u4e00" <= ch <= "\u9fff" for ch in word)
        if not han:
            self.engine_reading.setText("—")
            self._update_state()
            return
        reading = lex.readings(word)
        self.engine_reading.setText(" ".join(reading.default))
        for i in reading.polyphonic:
            box = QComboBox(self.readings_row)
            box.setObjectName(f"lexiconReading{i}")
            box.setAccessibleName(self.tr("Reading of “%1”").replace("%1", word[i]))
            for option in reading.choices[i]:
                box.addItem(f"{word[i]} {option}", option)
            box.currentIndexChanged.connect(self._reading_chosen)
            self.readings_layout.addWidget(box)
            self._pickers.append((i, box))
        if not reading.polyphonic:
            self.readings_layout.addWidget(QLabel(self.tr("one reading each"), self.readings_row))
        self.readings_layout.addStretch(1)
        known = next((e for e in self._entries if e.written == word), None)
        if known is None and len(reading.default) == len(word):
            self.kind.setCurrentIndex(0)
            self.spoken.setText(" ".join(reading.default))
        self._update_state()

    def _reading_chosen(self) -> None:
        word = self.word.text().strip()
        syllables = list(lex.readings(word).default)
        if len(syllables) != len(word):
            return
        for i, box in self._pickers:
            syllables[i] = box.currentData()
        self.kind.setCurrentIndex(0)
        self.spoken.setText(" ".join(syllables))

    def _typed(self) -> LexiconEntry:
        return lex.check_entry(self.word.text(), self.spoken.text(), self.kind.currentData(),
                               self.language.currentData())

    def _update_state(self) -> None:
        word = self.word.text().strip()
        existing = next((e for e in self._entries
                         if e.written == word and e.language == self.language.currentData()), None)
        self.add_button.setText(self.tr("&Change") if existing is not None else self.tr("&Add"))
        self.remove_button.setEnabled(existing is not None)
        try:
            entry = self._typed()
        except ActionError as exc:
            self.add_button.setEnabled(False)
            self.listen_button.setEnabled(False)
            self.error.setText(str(exc) if word and self.spoken.text().strip() else "")
            self.affected.setText("")
            return
        self.error.setText("")
        self.add_button.setEnabled(entry != existing)
        self.listen_button.setEnabled(self.window_.session.engine is not None)
        n = len(lex.affected_lines(self.store, entry.written, entry.language))
        self.affected.setText(self.tr("%n line(s) hold this word and will be rendered again.", "", n)
                              if n else self.tr("No line holds this word yet."))

    # ---------------------------------------------------------------- hearing an entry

    def listen(self) -> asyncio.Task[str] | None:
        """Hear the typed entry on the project's engine: the first line holding the word, said with it."""
        engine = self.window_.session.engine
        if engine is None:
            self.error.setText(self.tr("The project's engine is not working, so the entry cannot be heard."))
            return None
        try:
            audition = lex.audition(self.store, engine, self._typed())
        except ActionError as exc:
            self.error.setText(str(exc))
            return None
        if self.listening is not None and not self.listening.done():
            self.listening.cancel()
        self.listening = self.window_.tasks.spawn("lexicon-listen", self._hear(engine, audition))
        return self.listening

    async def _hear(self, engine: object, audition: lex.Audition) -> str:
        from studio.audio.decode import decode_to_mono

        where = (self.tr("episode %1, line %2").replace("%1", str(audition.line.episode))
                 .replace("%2", str(audition.line.number)) if audition.line is not None else self.tr("the word"))
        self.affected.setText(self.tr("Saying %1: %2").replace("%1", where).replace("%2", audition.said))
        try:
            result = await engine.synthesize(audition.request)  # type: ignore[attr-defined]
        except Exception as exc:  # an engine's sentence (no key, a refused voice): shown, nothing changes
            self.error.setText(str(exc) or type(exc).__name__)
            return ""
        samples = await asyncio.to_thread(decode_to_mono, result.audio, result.format, 48000)
        player = self.window_.playback.player
        if player is None or not player.available():
            reason = player.unavailable_reason if player is not None else ""
            self.error.setText(self.tr("Rendered, but there is no sound output to hear it on. %1").replace("%1", reason))
            return audition.said
        player.play(samples, 48000, 0, owner="preview")
        return audition.said

    # ---------------------------------------------------------------- edits

    def add_entry(self) -> bool:
        try:
            change = lex.plan_add(self.store, self._typed())
        except ActionError as exc:
            self.error.setText(str(exc))
            return False
        text = (self.tr("Change pronunciation of “%1”") if change.replaced else
                self.tr("Add pronunciation of “%1”")).replace("%1", change.entry.written)
        if not self.window_.runner.run(SetLexicon(self.store, change.before, change.after, text)):
            return False
        self.window_.show_message(self.tr("“%1” is said as “%2”; %n line(s) will be rendered again.", "",
                                          len(change.lines)).replace("%1", change.entry.written)
                                  .replace("%2", change.entry.spoken))
        return True

    def remove_entry(self) -> bool:
        try:
            change = lex.plan_remove(self.store, self.word.text(), self.language.currentData() or "all")
        except ActionError as exc:
            self.error.setText(str(exc))
            return False
        text = self.tr("Remove pronunciation of “%1”").replace("%1", change.entry.written)
        return self.window_.runner.run(SetLexicon(self.store, change.before, change.after, text))


def install_lexicon(window: MainWindow) -> QAction:
    """Add "Pronunciation lexicon…" to the window's Settings menu (after Settings…); it opens one dialog."""
    act = QAction(QCoreApplication.translate("MainWindow", "Pronunciation &lexicon…"), window)
    act.setObjectName("actLexicon")
    act.setStatusTip(QCoreApplication.translate("MainWindow", "How names and words are said in every episode"))
    dialog: list[LexiconDialog] = []

    def open_dialog() -> None:
        if not dialog:
            dialog.append(LexiconDialog(window))
        dialog[0].refresh()
        dialog[0].show()
        dialog[0].raise_()
        dialog[0].activateWindow()

    act.triggered.connect(open_dialog)
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and window.act_settings in menu.actions():
            actions = menu.actions()
            after = actions.index(window.act_settings) + 1
            menu.insertAction(actions[after] if after < len(actions) else None, act)  # type: ignore[arg-type]
            break
    else:
        window.addAction(act)
    window.act_lexicon = act  # type: ignore[attr-defined]
    window.lexicon_dialog = lambda: dialog[0] if dialog else None  # type: ignore[attr-defined]
    return act
