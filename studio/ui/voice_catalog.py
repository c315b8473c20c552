"""The user's voice library as the window reads it: ``VoiceCatalog`` (the voices of each engine, refreshed in
the background, with the sentence that says why a list is empty or old) and ``VoiceListModel`` (the rows of
the library panel, after its filters).

The library itself is ``studio.library.VoiceLibrary``, one per user (not per project), built once by the
composition root; its events arrive here and become ``voices_changed``. Must not live here: widgets, the
rules for refreshing or listing voices (``studio.actions.voices``, ``studio.library``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from studio.actions import accounts
from studio.actions import voices as voice_actions
from studio.actions.engines import ENGINE_LABELS, EngineHub
from studio.engines.speech import Voice
from studio.library import LibraryVoice, VoiceLibrary
from studio.session import events as se
from studio.session.project import ProjectSession, SessionEvent
from studio.ui.i18n import short_name
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

MIME_VOICE = "application/x-troupe-voice"  # "engine\nvoice id"
Index = QModelIndex | QPersistentModelIndex


class VoiceCatalog(QObject):
    """Every engine's voices from the user's library; the active engine's are what the cast offers."""

    voices_changed = Signal()
    message = Signal(str)

    def __init__(self, session: ProjectSession, tasks: TaskManager, library: VoiceLibrary, engines: EngineHub,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.library = library
        self.engines = engines
        self._refreshed: set[str] = set()
        self._unsubscribe = [session.subscribe(self._on_session), library.events.subscribe(self._on_library)]

    def detach(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, se.EngineChanged):
            self.load()

    def _on_library(self, event: object) -> None:
        self.voices_changed.emit()

    # ---------------------------------------------------------------- reading

    def voices(self, engine: str | None = None) -> list[Voice]:
        """The voices of ``engine`` (the active one by default), as engine-level values."""
        return [v.to_voice() for v in self.library.voices(engine or self.session.engine_name)]

    def voice(self, voice_id: str, engine: str | None = None) -> Voice | None:
        entry = self.library.get(voice_id, engine or self.session.engine_name)
        return entry.to_voice() if entry is not None else None

    def entry(self, voice_id: str, engine: str | None = None) -> LibraryVoice | None:
        return self.library.get(voice_id, engine or self.session.engine_name)

    def problem(self, engine: str | None = None) -> str:
        """Why ``engine``'s list is empty or old ("" when it is fine)."""
        name = engine or self.session.engine_name
        problem = self.library.problem(name) or ""
        if problem and name == "minimax" and not accounts.minimax_key_state().present:
            return self.tr("No MiniMax API key yet: add one in Settings ▸ MiniMax to list and use MiniMax voices.")
        return problem

    # ---------------------------------------------------------------- refreshing

    def load(self, engine: str | None = None) -> asyncio.Task[None] | None:
        """Refresh ``engine``'s list once per session in the background (the cached list shows meanwhile)."""
        name = engine or self.session.engine_name
        self.voices_changed.emit()
        if name in self._refreshed:
            return None
        return self.tasks.spawn(f"voices:{name}", self._refresh(name))

    def reload(self, engine: str | None = None) -> asyncio.Task[None] | None:
        self._refreshed.discard(engine or self.session.engine_name)
        return self.load(engine)

    async def _refresh(self, name: str) -> None:
        try:
            problems = await voice_actions.refresh(self.library, [name], engines=self.engines.get)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the cached list stays; say why it could not be refreshed
            log.info("refreshing the voices of %s failed", name, exc_info=True)
            self.message.emit(self.library.unavailable(name, exc))
            return
        self._refreshed.add(name)
        problem = problems.get(name)
        if problem and name == self.session.engine_name:
            self.message.emit(problem)
        self.voices_changed.emit()


class VoiceListModel(QAbstractTableModel):
    """The library panel's rows: the voices that pass its filters. Voices can be dragged onto a role."""

    NAME, KIND, GENDER, AGE, LANGUAGES, STATE, ENGINE, ID = range(8)
    COLUMNS = 8

    def __init__(self, catalog: VoiceCatalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._voices: list[LibraryVoice] = []
        self.filters: dict[str, Any] = {}
        self._headers = [self.tr("Voice"), self.tr("Kind"), self.tr("Gender"), self.tr("Age"), self.tr("Languages"),
                         self.tr("State"), self.tr("Engine"), self.tr("Id")]
        self.words = {"female": self.tr("female"), "male": self.tr("male"), "child": self.tr("child"),
                      "young": self.tr("young"), "adult": self.tr("adult"), "old": self.tr("old"),
                      "preset": self.tr("preset"), "system": self.tr("system"), "cloned": self.tr("cloned"),
                      "designed": self.tr("designed"), "blend": self.tr("blend"), "zh": self.tr("Chinese"),
                      "en": self.tr("English")}
        catalog.voices_changed.connect(self.refresh)

    def set_filters(self, **filters: Any) -> None:
        self.filters = {k: v for k, v in filters.items() if v}
        self.refresh()

    def refresh(self) -> None:
        voices = self.catalog.library.filter(**self.filters)  # before the reset: reading may announce changes
        self.beginResetModel()
        self._voices = voices
        self.endResetModel()

    def voice_at(self, row: int) -> LibraryVoice:
        return self._voices[row]

    def row_of(self, engine: str, voice_id: str) -> int | None:
        return next((i for i, v in enumerate(self._voices) if v.engine == engine and v.voice_id == voice_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._voices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < self.COLUMNS:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def state(self, v: LibraryVoice, now: float | None = None) -> str:
        """What the user should know about a voice's life: days left, or when it was last used."""
        days = v.days_left(now)
        if days is not None:
            if days == 0:
                return self.tr("deleted by MiniMax (never used)")
            return self.tr("unused: %1 day(s) left").replace("%1", str(days))
        if v.last_used_at:
            return self.tr("used %1").replace("%1", time.strftime("%Y-%m-%d", time.localtime(v.last_used_at)))
        if v.created_at and v.own:
            return self.tr("made %1").replace("%1", time.strftime("%Y-%m-%d", time.localtime(v.created_at)))
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._voices):
            return None
        v = self._voices[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return short_name(v.name) + (" ★" if v.narrator else "")
            if col == self.KIND:
                return self.words.get(v.kind, v.kind)
            if col == self.GENDER:
                return self.words.get(v.gender or "", v.gender or "")
            if col == self.AGE:
                return self.words.get(v.age or "", v.age or "")
            if col == self.LANGUAGES:
                return ", ".join(self.words.get(lang, lang) for lang in v.languages)
            if col == self.STATE:
                return self.state(v)
            if col == self.ENGINE:
                return ENGINE_LABELS.get(v.engine, v.engine)
            return v.voice_id
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [v.name, v.voice_id, v.description]
            if v.prompt:
                parts.append(self.tr("Designed from: %1").replace("%1", v.prompt))
            if v.consent is not None:
                parts.append(self.tr("Cloned with the speaker's permission (%1)").replace(
                    "%1", time.strftime("%Y-%m-%d", time.localtime(v.consent.given_at))))
            warning = v.expiry_warning()
            if warning:
                parts.append(warning)
            return "\n".join(p for p in parts if p)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATE and v.days_left() is not None:
            return QColor("#c0392b") if (v.days_left() or 0) <= 2 else QColor("#c28b00")
        if role == Qt.ItemDataRole.UserRole:
            return v.key
        return None

    def mimeTypes(self) -> list[str]:
        return [MIME_VOICE]

    def mimeData(self, indexes: Any) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        if rows:
            v = self._voices[rows[0]]
            mime.setData(MIME_VOICE, QByteArray(f"{v.engine}\n{v.voice_id}".encode()))
            mime.setText(v.voice_id)
        return mime
