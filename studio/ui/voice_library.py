"""The voice library dock (objectName ``voiceLibrary``) and the voice catalogue it shares with the cast.

``VoiceCatalog`` asks the active engine for its voices once (a background job) and caches them; the cast
panel and this dock both read it, and it says why a list is empty (no engine, no key, a failed listing).
The Preview button synthesizes a short sample through the engine (its own worker thread or network call;
never the UI thread), decodes it in a worker thread and plays it.
Must not live here: project edits (assigning a voice is asked of the cast panel).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.domain.render_key import SpeechRequest
from studio.engines.speech import Voice
from studio.session import events as se
from studio.session.project import ProjectSession, SessionEvent
from studio.ui.i18n import short_name
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

PREVIEW_TEXT = {"zh": "你好，这是这个声音的试听。", "en": "Hello, this is how this voice sounds."}


class VoiceCatalog(QObject):
    """The active engine's voices, loaded once per engine."""

    voices_changed = Signal()
    message = Signal(str)

    def __init__(self, session: ProjectSession, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self._voices: dict[str, list[Voice]] = {}
        self._problems: dict[str, str] = {}
        self._unsubscribe = session.subscribe(self._on_session)

    def detach(self) -> None:
        self._unsubscribe()

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, se.EngineChanged):
            self.load()

    def problem(self) -> str:
        """Why the active engine's list is empty ("" when it is not, or while it loads)."""
        name = self.session.engine_name
        if self.session.engine is None:
            return self.session.engine_error or ""
        return self._problems.get(name, "")

    def voices(self) -> list[Voice]:
        return self._voices.get(self.session.engine_name, [])

    def voice(self, voice_id: str) -> Voice | None:
        return next((v for v in self.voices() if v.voice_id == voice_id), None)

    def load(self) -> asyncio.Task[None] | None:
        name = self.session.engine_name
        if name in self._voices:
            self.voices_changed.emit()
            return None
        return self.tasks.spawn(f"voices:{name}", self._load(name))

    def reload(self) -> None:
        self._voices.pop(self.session.engine_name, None)
        self._problems.pop(self.session.engine_name, None)
        self.load()

    async def _load(self, name: str) -> None:
        engine = self.session.engine
        if engine is None:
            self._voices[name] = []
            self.voices_changed.emit()
            return
        try:
            voices = await engine.voices()
            self._problems.pop(name, None)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.info("listing voices failed", exc_info=True)
            problem = self.tr("Could not list the voices of %1: %2").replace("%1", name).replace("%2", str(exc))
            self._problems[name] = problem
            self.message.emit(problem)
            voices = []
        self._voices[name] = list(voices)
        if name == self.session.engine_name:
            self.voices_changed.emit()


class VoiceListModel(QAbstractTableModel):
    NAME, ID, GENDER, AGE, DESCRIPTION = range(5)

    def __init__(self, catalog: VoiceCatalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._voices: list[Voice] = []
        self._headers = [self.tr("Voice"), self.tr("Id"), self.tr("Gender"), self.tr("Age"), self.tr("About")]
        self._words = {"female": self.tr("female"), "male": self.tr("male"), "child": self.tr("child"),
                       "young": self.tr("young"), "adult": self.tr("adult"), "old": self.tr("old")}
        catalog.voices_changed.connect(self.refresh)

    def refresh(self) -> None:
        self.beginResetModel()
        self._voices = self.catalog.voices()
        self.endResetModel()

    def voice_at(self, row: int) -> Voice:
        return self._voices[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._voices)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self._voices[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            col = index.column()
            if col == self.NAME:
                return short_name(v.name) + (" ★" if v.narrator else "")
            if col == self.ID:
                return v.voice_id
            if col == self.GENDER:
                return self._words.get(v.gender or "", v.gender or "")
            if col == self.AGE:
                return self._words.get(v.age or "", v.age or "")
            return v.description
        if role == Qt.ItemDataRole.UserRole:
            return v.voice_id
        return None


class VoiceLibrary(QWidget):
    """Lists the current engine's voices; previews one; offers it to the cast."""

    message = Signal(str)
    assign_requested = Signal(str)  # voice id, for the role selected in the cast panel
    preview_ready = Signal(str, int)  # voice id, duration in ms

    def __init__(self, session: ProjectSession, catalog: VoiceCatalog, tasks: TaskManager, player: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voiceLibrary")
        self.setAccessibleName(self.tr("Voice library"))
        self.session = session
        self.catalog = catalog
        self.tasks = tasks
        self.player = player
        self.model = VoiceListModel(catalog, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search = QLineEdit(self)
        self.search.setObjectName("voiceSearch")
        self.search.setPlaceholderText(self.tr("Search voices"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("voiceTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(VoiceListModel.DESCRIPTION,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(VoiceListModel.ID, True)
        self.table.doubleClicked.connect(lambda _i: self.preview())
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.setObjectName("previewVoice")
        self.preview_button.clicked.connect(lambda: self.preview())
        self.assign_button = QPushButton(self.tr("Use for role"), self)
        self.assign_button.setObjectName("assignVoice")
        self.assign_button.setToolTip(self.tr("Cast the selected voice for the role selected in the Cast panel"))
        self.assign_button.clicked.connect(self._assign)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.assign_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.empty_note = QLabel(self)
        self.empty_note.setObjectName("voiceLibraryNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()
        layout.addWidget(self.search)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        catalog.message.connect(self.message)
        catalog.voices_changed.connect(self._update_note)
        if player is not None and not player.available():
            self.preview_button.setToolTip(self.tr("Synthesizes a sample; it cannot be heard: %1")
                                           .replace("%1", player.unavailable_reason))
        catalog.load()

    def _update_note(self) -> None:
        problem = self.catalog.problem() if not self.catalog.voices() else ""
        self.empty_note.setText(problem)
        self.empty_note.setVisible(bool(problem))

    def selected_voice(self) -> Voice | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.voice_at(self.proxy.mapToSource(rows[0]).row())

    def select_voice(self, voice_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole) == voice_id:
                self.table.selectRow(row)
                return

    def _assign(self) -> None:
        voice = self.selected_voice()
        if voice is not None:
            self.assign_requested.emit(voice.voice_id)

    def preview(self, voice_id: str | None = None) -> asyncio.Task[int | None] | None:
        if voice_id is None:
            voice = self.selected_voice()
            if voice is None:
                self.message.emit(self.tr("Select a voice to preview."))
                return None
            voice_id = voice.voice_id
        return self.tasks.spawn("preview", self._preview(voice_id))

    async def _preview(self, voice_id: str) -> int | None:
        engine = self.session.engine
        if engine is None:
            self.message.emit(self.session.engine_error or self.tr("No speech engine is available."))
            return None
        eps = self.session.store.episodes()
        language = self.session.episode.language or (eps[0].language if eps else "zh")
        self.preview_button.setEnabled(False)
        self.message.emit(self.tr("Synthesizing a preview…"))
        try:
            request = engine.prepare(SpeechRequest(engine=engine.name, voice_id=voice_id,
                                                   text=PREVIEW_TEXT.get(language, PREVIEW_TEXT["en"]),
                                                   language=language))
            result = await engine.synthesize(request)
            from studio.audio.decode import decode_to_mono

            rate = 48000
            samples = await asyncio.to_thread(decode_to_mono, result.audio, result.format, rate)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.message.emit(self.tr("Preview failed: %1").replace("%1", str(exc)))
            return None
        finally:
            self.preview_button.setEnabled(True)
        self.preview_ready.emit(voice_id, result.duration_ms)
        if self.player is not None and self.player.available():
            self.player.play(samples, rate, 0)
            self.message.emit("")
        else:
            reason = self.player.unavailable_reason if self.player is not None else ""
            self.message.emit(self.tr("Preview ready (%1 s) but it cannot be played: %2")
                              .replace("%1", f"{result.duration_ms / 1000:.1f}")
                              .replace("%2", reason or self.tr("no audio output.")))
        return result.duration_ms
