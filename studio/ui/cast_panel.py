"""The cast panel (objectName ``castPanel``): the project's roles with their colour, gender, the voice bound
for the active engine, line counts and default delivery; add (asking the gender), rename, recolour, merge
and delete roles.

``CastModel`` adapts the session's roles (the session keeps them current) and refreshes on its typed
events; every change is an undo command run through ``UndoRunner``. Voices come from ``VoiceCatalog``.
Must not live here: engine calls, casting rules (``studio.actions.casting``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.actions.casting import role_with_voice
from studio.domain.model import Delivery, Role
from studio.session import events as se
from studio.session.project import ProjectSession, SessionEvent
from studio.store import events as ev
from studio.ui import commands as cmd
from studio.ui.i18n import short_name
from studio.ui.role_dialog import RoleDialog
from studio.ui.voice_library import VoiceCatalog

Index = QModelIndex | QPersistentModelIndex
NEUTRAL = Delivery().resolved()


class CastModel(QAbstractTableModel):
    NAME, GENDER, VOICE, LINES, SPEED, PITCH, VOLUME = range(7)
    COLUMNS = 7
    HIDDEN_BY_DEFAULT = (PITCH, VOLUME)

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
                         self.tr("Pitch"), self.tr("Volume")]
        self.gender_names = {"female": self.tr("female"), "male": self.tr("male"), None: self.tr("unknown")}
        self._gender_marks = {"female": "♀", "male": "♂", None: "–"}
        self._inherited = QBrush(QColor(128, 128, 128))
        self._italic = QFont()
        self._italic.setItalic(True)
        self._unsubscribe = session.subscribe(self._on_session)
        catalog.voices_changed.connect(self._voices_changed)
        self.refresh()

    def detach(self) -> None:
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
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != self.LINES:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def voice_label(self, voice_id: str | None) -> str:
        if not voice_id:
            return self.tr("(auto-cast)")
        v = self.catalog.voice(voice_id)
        return short_name(v.name) if v is not None else voice_id

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
                return self.voice_label(r.voices.get(engine))
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
                return f"{v.name}\n{v.voice_id}\n{v.description}"
            if vid:
                return vid
            return self.tr("No %1 voice yet; rendering casts one automatically.").replace("%1", engine)
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

    def set_voice(self, role_id: int, voice_id: str | None) -> bool:
        row = self.row_of(role_id)
        if row is None:
            return False
        before = self._roles[row]
        after = role_with_voice(before, self.session.engine_name, voice_id)
        if after.voices == before.voices:
            return False
        return self.runner.run(cmd.EditRole(self.session.store, before, after, self.tr("Cast voice")))


class ChoiceDelegate(QStyledItemDelegate):
    """A combo of (label, value) choices; picking one commits at once."""

    def __init__(self, choices: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for label, value, tip in self._choices():
            combo.addItem(label, value)
            if tip:
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        combo.activated.connect(lambda _i, c=combo: (self.commitData.emit(c), self.closeEditor.emit(c)))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class CastPanel(QWidget):
    message = Signal(str)
    filter_requested = Signal(int)  # role id

    def __init__(self, session: ProjectSession, catalog: VoiceCatalog, runner: cmd.UndoRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("castPanel")
        self.setAccessibleName(self.tr("Cast"))
        self.session = session
        self.runner = runner
        self.catalog = catalog
        self.model = CastModel(session, catalog, runner, self)
        self.model.message.connect(self.message)
        self.table = QTableView(self)
        self.table.setObjectName("castTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setMinimumSectionSize(24)
        hh.setSectionResizeMode(CastModel.VOICE, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        for col, sample in ((CastModel.NAME, "旁白旁白"), (CastModel.GENDER, "♀"), (CastModel.LINES, "999"),
                            (CastModel.SPEED, "1.00×"), (CastModel.PITCH, "+12"), (CastModel.VOLUME, "10.0")):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            hh.resizeSection(col, max(fm.horizontalAdvance(sample), hh.fontMetrics().horizontalAdvance(title)) + 14)
        hh.resizeSection(CastModel.NAME, hh.sectionSize(CastModel.NAME) + 18)  # the colour swatch
        self.table.setItemDelegateForColumn(CastModel.VOICE, ChoiceDelegate(self._voice_choices, self))
        self.table.setItemDelegateForColumn(CastModel.GENDER, ChoiceDelegate(self._gender_choices, self))
        self.table.doubleClicked.connect(self._double_clicked)
        buttons = QHBoxLayout()
        more = QMenu(self)
        more.setObjectName("roleMenu")
        for text, name, slot, in_row in ((self.tr("Add…"), "addRole", self._add, True),
                                         (self.tr("Colour…"), "roleColour", self._colour, False),
                                         (self.tr("Merge into…"), "mergeRole", self._merge, False),
                                         (self.tr("Show lines"), "filterRole", self._filter, False),
                                         (self.tr("Delete"), "deleteRole", self._delete, True)):
            action = QAction(text, self)
            action.setObjectName(name)
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.table.addAction(action)
            if in_row:
                button = QToolButton(self)
                button.setObjectName(name + "Button")
                button.setDefaultAction(action)
                buttons.addWidget(button)
            else:
                more.addAction(action)
        more_button = QToolButton(self)
        more_button.setObjectName("roleMore")
        more_button.setText(self.tr("More"))
        more_button.setMenu(more)
        more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        buttons.addWidget(more_button)
        buttons.addStretch(1)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        hh.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        hh.customContextMenuRequested.connect(self._column_menu)
        for col in CastModel.HIDDEN_BY_DEFAULT:  # the header's menu shows them
            self.table.setColumnHidden(col, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for col in range(CastModel.COLUMNS):
            if col in (CastModel.NAME, CastModel.VOICE):
                continue
            act = menu.addAction(str(self.model.headerData(col, Qt.Orientation.Horizontal,
                                                           Qt.ItemDataRole.ToolTipRole)))
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(col))
            act.toggled.connect(lambda on, c=col: self.table.setColumnHidden(c, not on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _voice_choices(self) -> list[tuple[str, str, str]]:
        out = [(self.tr("(auto-cast)"), "", "")]
        out += [(short_name(v.name), v.voice_id, v.description) for v in self.catalog.voices()]
        return out

    def _gender_choices(self) -> list[tuple[str, str, str]]:
        names = self.model.gender_names
        return [(names[None], "", ""), (names["female"], "female", ""), (names["male"], "male", "")]

    def selected_role(self) -> Role | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.role_at(rows[0].row()) if rows else None

    def select_role(self, role_id: int) -> None:
        row = self.model.row_of(role_id)
        if row is not None:
            self.table.selectRow(row)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() == CastModel.LINES:
            self._filter()

    # ---------------------------------------------------------------- actions (also called by tests)

    def add_role(self, name: str, gender: str | None = None) -> Role | None:
        command = cmd.AddRole(self.session.store, name.strip(), self.tr("Add role"), gender=gender)
        if self.runner.run(command) and command.role is not None:
            self.select_role(command.role.id)
            return command.role
        return None

    def merge_roles(self, alias_id: int, into_id: int) -> bool:
        alias = self.session.store.role(alias_id)
        into = self.session.store.role(into_id)
        label = self.tr("Merge “%1” into “%2”").replace("%1", alias.name).replace("%2", into.name)
        ok = self.runner.run(cmd.MergeRoles(self.session.store, alias_id, into_id, label))
        if ok:
            self.message.emit(label)
        return ok

    def delete_role(self, role_id: int) -> bool:
        return self.runner.run(cmd.DeleteRole(self.session.store, role_id, self.tr("Delete role")))

    def set_colour(self, role_id: int, colour: str) -> bool:
        before = self.session.store.role(role_id)
        after = dataclasses.replace(before, colour=colour)
        return self.runner.run(cmd.EditRole(self.session.store, before, after, self.tr("Change role colour")))

    def assign_voice(self, voice_id: str) -> None:
        role = self.selected_role()
        if role is None:
            self.message.emit(self.tr("Select a role in the Cast panel first."))
            return
        if self.model.set_voice(role.id, voice_id):
            self.message.emit(self.tr("%1 now speaks with %2.").replace("%1", role.name)
                              .replace("%2", self.model.voice_label(voice_id)))

    # ---------------------------------------------------------------- button slots (dialogs)

    def _add(self) -> None:
        dialog = RoleDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted_role.connect(lambda name, gender: self.add_role(name, gender))
        dialog.open()

    def _colour(self) -> None:
        role = self.selected_role()
        if role is None:
            self.message.emit(self.tr("Select a role first."))
            return
        colour = QColorDialog.getColor(QColor(role.colour), self, self.tr("Role colour"))
        if colour.isValid():
            self.set_colour(role.id, colour.name())

    def _merge(self) -> None:
        role = self.selected_role()
        if role is None:
            self.message.emit(self.tr("Select the role to merge (the alias) first."))
            return
        others = [r for r in self.session.roles().values() if r.id != role.id]
        if not others:
            return
        names = [r.name for r in others]
        name, ok = QInputDialog.getItem(self, self.tr("Merge roles"),
                                        self.tr("Give the lines of “%1” to:").replace("%1", role.name),
                                        names, 0, False)
        if ok:
            self.merge_roles(role.id, others[names.index(name)].id)

    def _delete(self) -> None:
        role = self.selected_role()
        if role is not None:
            self.delete_role(role.id)

    def _filter(self) -> None:
        role = self.selected_role()
        if role is not None:
            self.filter_requested.emit(role.id)
