"""The cast table's model: the project's roles with their colour, gender, the voice bound for the active
engine (with its effect), line counts and default delivery (inherited values shown in grey).

``CastModel`` adapts the session's roles (the session keeps them current) and refreshes on its typed
events; every change is an undo command run through ``UndoRunner``. ``set_alike`` marks the roles whose
voices sound alike (a warning sign on the voice, the other role in its tooltip); the cast panel finds them.
Must not live here: widgets, engine calls, casting rules (``studio.actions.casting``, ``.distinct``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from studio.actions.casting import role_with_voice
from studio.actions.distinct import AlikePair
from studio.domain.model import EFFECTS, Delivery, Role
from studio.session import events as se
from studio.session.project import ProjectSession, SessionEvent
from studio.store import events as ev
from studio.ui import commands as cmd
from studio.ui.i18n import short_name
from studio.ui.script_model import effect_names
from studio.ui.voice_catalog import MIME_VOICE, VoiceCatalog

Index = QModelIndex | QPersistentModelIndex
NEUTRAL = Delivery().resolved()


class CastModel(QAbstractTableModel):
    NAME, GENDER, VOICE, LINES, SPEED, PITCH, VOLUME, EFFECT = range(8)
    COLUMNS = 8
    HIDDEN_BY_DEFAULT = (PITCH, VOLUME, EFFECT)  # an effect also shows after the voice's name

    message = Signal(str)

    def __init__(self, session: ProjectSession, catalog: VoiceCatalog, runner: cmd.UndoRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.catalog = catalog
        self.runner = runner
        self._roles: list[Role] = []
        self._counts: dict[int, int] = {}
        self._headers = [self.tr("Role"), self.tr("Gender"), self.tr("Voice"), self.tr("Lines"), self.tr("Speed"),
                         self.tr("Pitch"), self.tr("Volume"), self.tr("Effect")]
        self.effect_names = effect_names()
        self.gender_names = {"female": self.tr("female"), "male": self.tr("male"), None: self.tr("unknown")}
        self._gender_marks = {"female": "♀", "male": "♂", None: "–"}
        self._inherited = QBrush(QColor(128, 128, 128))
        self._italic = QFont()
        self._italic.setItalic(True)
        self._alike: dict[str, list[AlikePair]] = {}  # role name -> the pairs it is in
        self.attached = True
        self._warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._unsubscribe = session.subscribe(self._on_session)
        catalog.voices_changed.connect(self._voices_changed)
        self.refresh()

    def detach(self) -> None:
        self.attached = False  # the window is closing: nothing more is read from the project
        self._unsubscribe()

    def refresh(self) -> None:
        self.beginResetModel()
        self._roles = list(self.session.roles().values())
        self._counts = self.session.store.line_counts_by_role()
        self.endResetModel()

    def _voices_changed(self) -> None:
        if self._roles:
            self.dataChanged.emit(self.index(0, self.VOICE), self.index(len(self._roles) - 1, self.VOICE))

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, (ev.RoleAdded, ev.RoleChanged, ev.RoleRemoved, se.EngineChanged)):
            self.refresh()
        elif isinstance(event, (ev.LinesInserted, ev.LinesRemoved, ev.LinesChanged, ev.EpisodesChanged)):
            self._counts = self.session.store.line_counts_by_role()
            if self._roles:
                self.dataChanged.emit(self.index(0, self.LINES), self.index(len(self._roles) - 1, self.LINES))

    def set_alike(self, pairs: list[AlikePair]) -> None:
        """Mark the roles of ``pairs`` (those whose voices sound alike); an empty list clears the marks."""
        alike: dict[str, list[AlikePair]] = {}
        for pair in pairs:
            alike.setdefault(pair.first, []).append(pair)
            alike.setdefault(pair.second, []).append(pair)
        if alike == self._alike:
            return
        self._alike = alike
        if self._roles:
            self.dataChanged.emit(self.index(0, self.VOICE), self.index(len(self._roles) - 1, self.VOICE))

    def alike_with(self, role_id: int) -> list[tuple[str, float]]:
        """The roles whose voices sound like this role's, with how alike (1.0: the same voice)."""
        row = self.row_of(role_id)
        if row is None:
            return []
        name = self._roles[row].name
        return [(p.second if p.first == name else p.first, p.similarity) for p in self._alike.get(name, [])]

    def role_at(self, row: int) -> Role:
        return self._roles[row]

    def row_of(self, role_id: int) -> int | None:
        return next((i for i, r in enumerate(self._roles) if r.id == role_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._roles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.COLUMNS:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section] if section != self.GENDER else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() != self.LINES:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def voice_label(self, voice_id: str | None, engine: str | None = None) -> str:
        if not voice_id:
            return self.tr("(auto-cast)")
        v = self.catalog.voice(voice_id, engine)
        return short_name(v.name) if v is not None else voice_id

    def voices_per_engine(self, role: Role) -> str:
        """Each engine's voice for ``role``, one per line (the cast keeps one voice per engine)."""
        from studio.actions.engines import ENGINE_LABELS
        from studio.domain.model import ENGINES

        return "\n".join(f"{ENGINE_LABELS.get(e, e)}: {self.voice_label(role.voices.get(e), e)}" for e in ENGINES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._roles):
            return None
        r = self._roles[index.row()]
        col = index.column()
        engine = self.session.engine_name
        d = r.delivery
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return r.name
            if col == self.GENDER:
                return self._gender_marks.get(r.gender, "–")
            if col == self.VOICE:
                label = self.voice_label(r.voices.get(engine))
                return f"{label} · {self.effect_names[d.effect]}" if d.effect in EFFECTS else label
            if col == self.EFFECT:
                return self.effect_names.get(d.effect or "", "")
            if col == self.LINES:
                return str(self._counts.get(r.id, 0))
            shown = d.over(NEUTRAL)  # an unset value shows the default it inherits
            if col == self.SPEED:
                return f"{shown.speed:.2f}×"
            if col == self.PITCH:
                return f"{shown.pitch:+d}"
            if col == self.VOLUME:
                return f"{shown.volume:.1f}"
        if role == Qt.ItemDataRole.EditRole:
            return {self.NAME: r.name, self.GENDER: r.gender or "", self.VOICE: r.voices.get(engine, ""),
                    self.EFFECT: d.effect or "",
                    self.SPEED: "" if d.speed is None else f"{d.speed:g}",
                    self.PITCH: "" if d.pitch is None else str(d.pitch),
                    self.VOLUME: "" if d.volume is None else f"{d.volume:g}"}.get(col)
        inherited = {self.SPEED: d.speed, self.PITCH: d.pitch, self.VOLUME: d.volume}.get(col, 0) is None
        if role == Qt.ItemDataRole.ForegroundRole and inherited:
            return self._inherited
        if role == Qt.ItemDataRole.FontRole and inherited:
            return self._italic
        if role == Qt.ItemDataRole.DecorationRole and col == self.NAME:
            return QColor(r.colour)
        if role == Qt.ItemDataRole.DecorationRole and col == self.VOICE and r.name in self._alike:
            return self._warning
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.GENDER, self.LINES, self.SPEED, self.PITCH,
                                                                 self.VOLUME):
            return int(Qt.AlignmentFlag.AlignCenter if col == self.GENDER
                       else Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, col, engine, inherited)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def _tooltip(self, r: Role, col: int, engine: str, inherited: bool) -> str | None:
        if col == self.GENDER:
            return self.gender_names.get(r.gender, self.gender_names[None])
        if col == self.VOICE:
            vid = r.voices.get(engine)
            v = self.catalog.voice(vid) if vid else None
            if v is not None:
                head = f"{v.name}\n{v.voice_id}\n{v.description}"
            elif vid:
                head = vid
            else:
                head = self.tr("No %1 voice yet; rendering casts one automatically.").replace("%1", engine)
            modify = r.delivery.voice_modify()
            if modify:
                names = {"pitch": self.tr("pitch"), "intensity": self.tr("intensity"), "timbre": self.tr("timbre")}
                head += "\n" + self.tr("MiniMax voice modify: %1").replace(
                    "%1", ", ".join(f"{names[k]} {v:+d}" for k, v in modify.items()))
            for other, value in self.alike_with(r.id):
                head = (self.tr("Shares its voice with %1").replace("%1", other) if value >= 1.0 else
                        self.tr("Sounds like %1 (%2)").replace("%1", other).replace("%2", f"{value:.2f}")) + "\n" + head
            return head + "\n\n" + self.voices_per_engine(r)
        if col in (self.SPEED, self.PITCH, self.VOLUME) and inherited:
            return self.tr("The engine's default; type a value to give this role its own.")
        if col == self.NAME:
            return r.name
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        before = self._roles[index.row()]
        col = index.column()
        text = "" if value is None else str(value).strip()
        try:
            if col == self.NAME:
                if not text or text == before.name:
                    return False
                after = dataclasses.replace(before, name=text)
                label = self.tr("Rename role")
            elif col == self.GENDER:
                gender = text or None
                if gender == before.gender or gender not in ("female", "male", None):
                    return False
                after = dataclasses.replace(before, gender=gender)
                label = self.tr("Change gender")
            elif col == self.VOICE:
                return self.set_voice(before.id, text or None)
            elif col == self.EFFECT:
                return self.set_effect(before.id, text or None)
            else:
                d = before.delivery
                if col == self.SPEED:
                    d = dataclasses.replace(d, speed=float(text.rstrip("×x")) if text else None)
                elif col == self.PITCH:
                    d = dataclasses.replace(d, pitch=int(round(float(text))) if text else None)
                elif col == self.VOLUME:
                    d = dataclasses.replace(d, volume=float(text) if text else None)
                problems = d.validate()
                if problems:
                    self.message.emit(problems[0])
                    return False
                if d == before.delivery:
                    return False
                after = dataclasses.replace(before, delivery=d)
                label = self.tr("Change default delivery")
        except ValueError:
            self.message.emit(self.tr("“%1” is not a number.").replace("%1", text))
            return False
        return self.runner.run(cmd.EditRole(self.session.store, before, after, label))

    def set_effect(self, role_id: int, effect: str | None) -> bool:
        """The role's voice effect (None: none), one undo step; its lines without their own go stale."""
        row = self.row_of(role_id)
        if row is None:
            return False
        before = self._roles[row]
        delivery = dataclasses.replace(before.delivery, effect=effect if effect in EFFECTS else None)
        if delivery == before.delivery:
            return False
        after = dataclasses.replace(before, delivery=delivery)
        return self.runner.run(cmd.EditRole(self.session.store, before, after, self.tr("Change voice effect")))

    def set_voice_modify(self, role_id: int, values: dict[str, int | None]) -> bool:
        """The role's MiniMax voice modify fields (``modify_pitch`` …), one undo step; its lines go stale on
        MiniMax only."""
        row = self.row_of(role_id)
        if row is None:
            return False
        before = self._roles[row]
        delivery = dataclasses.replace(before.delivery, **values)
        problems = delivery.validate()
        if problems:
            self.message.emit(" ".join(problems))
            return False
        if delivery == before.delivery:
            return False
        after = dataclasses.replace(before, delivery=delivery)
        return self.runner.run(cmd.EditRole(self.session.store, before, after, self.tr("Change voice modify")))

    def set_voice(self, role_id: int, voice_id: str | None, engine: str | None = None) -> bool:
        """Cast ``voice_id`` (of ``engine``, the active one by default) for the role, one undo step."""
        row = self.row_of(role_id)
        if row is None:
            return False
        before = self._roles[row]
        after = role_with_voice(before, engine or self.session.engine_name, voice_id)
        if after.voices == before.voices:
            return False
        return self.runner.run(cmd.EditRole(self.session.store, before, after, self.tr("Cast voice")))

    # ---------------------------------------------------------------- a voice dropped on a role

    def mimeTypes(self) -> list[str]:
        return [MIME_VOICE]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: Any, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return data.hasFormat(MIME_VOICE) and (parent.isValid() or 0 <= row < len(self._roles))

    def dropMimeData(self, data: Any, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """A voice dragged from the library onto a role casts it for the voice's engine."""
        if not data.hasFormat(MIME_VOICE):
            return False
        target = parent.row() if parent.isValid() else row
        if not 0 <= target < len(self._roles):
            return False
        engine, _, voice_id = bytes(data.data(MIME_VOICE).data()).decode().partition("\n")
        role = self._roles[target]
        if self.set_voice(role.id, voice_id, engine):
            self.message.emit(self.tr("%1 now speaks with %2.").replace("%1", role.name)
                              .replace("%2", self.voice_label(voice_id, engine)))
        return False  # nothing to remove from the library
