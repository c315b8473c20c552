"""The cast panel (objectName ``castPanel``): the project's roles, their colour, the voice bound for the
active engine, default delivery and line counts; add, rename, recolour, merge and delete roles.

``CastModel`` adapts the store's roles (cached, refreshed on role and line events); every change is an undo
command run through ``UndoRunner``. Must not live here: engine calls (voices come from ``VoiceCatalog``).
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
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.domain.model import Role
from studio.ui import commands as cmd
from studio.ui.session import ProjectSession
from studio.ui.voice_library import VoiceCatalog

Index = QModelIndex | QPersistentModelIndex


class CastModel(QAbstractTableModel):
    NAME, VOICE, LINES, SPEED, PITCH, VOLUME = range(6)

    message = Signal(str)

    def __init__(self, session: ProjectSession, catalog: VoiceCatalog, runner: cmd.UndoRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.catalog = catalog
        self.runner = runner
        self._roles: list[Role] = []
        self._counts: dict[int, int] = {}
        self._headers = [self.tr("Role"), self.tr("Voice"), self.tr("Lines"), self.tr("Speed"), self.tr("Pitch"),
                         self.tr("Volume")]
        session.store_changed.connect(self._on_store_changed)
        catalog.voices_changed.connect(self._voices_changed)
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._roles = self.session.store.roles()
        self._counts = self.session.store.line_counts_by_role()
        self.endResetModel()

    def _voices_changed(self) -> None:
        if self._roles:
            self.dataChanged.emit(self.index(0, self.VOICE), self.index(len(self._roles) - 1, self.VOICE))

    def _on_store_changed(self, kind: str, payload: Any) -> None:
        if kind in ("role_added", "role_changed", "role_removed", "settings"):
            self.refresh()
        elif kind in ("lines_inserted", "lines_removed", "lines_changed", "episodes_changed"):
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
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != self.LINES:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._roles[index.row()]
        col = index.column()
        engine = self.session.engine_name
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return r.name
            if col == self.VOICE:
                vid = r.voices.get(engine)
                if not vid:
                    return self.tr("(auto-cast)")
                v = self.catalog.voice(vid)
                return v.name if v is not None else vid
            if col == self.LINES:
                return self._counts.get(r.id, 0)
            d = r.delivery
            if col == self.SPEED:
                return "" if d.speed is None else f"{d.speed:g}×"
            if col == self.PITCH:
                return "" if d.pitch is None else f"{d.pitch:+d}"
            if col == self.VOLUME:
                return "" if d.volume is None else f"{d.volume:g}"
        if role == Qt.ItemDataRole.EditRole:
            d = r.delivery
            return {self.NAME: r.name, self.VOICE: r.voices.get(engine, ""),
                    self.SPEED: "" if d.speed is None else f"{d.speed:g}",
                    self.PITCH: "" if d.pitch is None else str(d.pitch),
                    self.VOLUME: "" if d.volume is None else f"{d.volume:g}"}.get(col)
        if role == Qt.ItemDataRole.DecorationRole and col == self.NAME:
            return QColor(r.colour)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.VOICE:
            vid = r.voices.get(engine)
            v = self.catalog.voice(vid) if vid else None
            if v is not None:
                return f"{v.voice_id}\n{v.description}"
            return self.tr("No %1 voice yet; rendering casts one automatically.").replace("%1", engine)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
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
        engine = self.session.engine_name
        voices = dict(before.voices)
        if voice_id:
            voices[engine] = voice_id
        else:
            voices.pop(engine, None)
        if voices == before.voices:
            return False
        after = dataclasses.replace(before, voices=voices)
        return self.runner.run(cmd.EditRole(self.session.store, before, after, self.tr("Cast voice")))


class VoiceDelegate(QStyledItemDelegate):
    """Pick a voice of the active engine for a role."""

    def __init__(self, catalog: VoiceCatalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(self.tr("(auto-cast)"), "")
        for v in self.catalog.voices():
            combo.addItem(v.name, v.voice_id)
            combo.setItemData(combo.count() - 1, v.description, Qt.ItemDataRole.ToolTipRole)
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
        self.model = CastModel(session, catalog, runner, self)
        self.model.message.connect(self.message)
        self.table = QTableView(self)
        self.table.setObjectName("castTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(CastModel.VOICE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((CastModel.NAME, 110), (CastModel.LINES, 48), (CastModel.SPEED, 52),
                           (CastModel.PITCH, 46), (CastModel.VOLUME, 56)):
            hh.resizeSection(col, width)
        self.table.setItemDelegateForColumn(CastModel.VOICE, VoiceDelegate(catalog, self))
        self.table.doubleClicked.connect(self._double_clicked)
        buttons = QHBoxLayout()
        for text, name, slot in ((self.tr("Add"), "addRole", self._add),
                                 (self.tr("Colour…"), "roleColour", self._colour),
                                 (self.tr("Merge into…"), "mergeRole", self._merge),
                                 (self.tr("Delete"), "deleteRole", self._delete),
                                 (self.tr("Show lines"), "filterRole", self._filter)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

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

    def add_role(self, name: str) -> Role | None:
        command = cmd.AddRole(self.session.store, name.strip(), self.tr("Add role"))
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
            self.message.emit(self.tr("%1 now speaks with %2.").replace("%1", role.name).replace("%2", voice_id))

    # ---------------------------------------------------------------- button slots (dialogs)

    def _add(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add role"), self.tr("Name:"))
        if ok and name.strip():
            self.add_role(name)

    def _colour(self) -> None:
        role = self.selected_role()
        if role is None:
            return
        colour = QColorDialog.getColor(QColor(role.colour), self, self.tr("Role colour"))
        if colour.isValid():
            self.set_colour(role.id, colour.name())

    def _merge(self) -> None:
        role = self.selected_role()
        if role is None:
            self.message.emit(self.tr("Select the role to merge (the alias) first."))
            return
        others = [r for r in self.session.store.roles() if r.id != role.id]
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
