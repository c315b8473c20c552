"""The script table model: a ``QAbstractTableModel`` adapting one episode's lines and their render plans.

The model caches the episode's ``LinePlan`` list (line + render key + take + status) and the roles, and
refreshes single rows when the store reports a change, so ``data()`` never touches SQLite. Edits do not
write to the store here: they are handed to ``commit(before, after, label)``, which turns them into undo
commands. Render progress (queued / rendering) is an overlay set by the render controller.

Must not live here: widgets, undo commands, engine calls.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Sequence
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
from PySide6.QtGui import QBrush, QColor, QFont

from studio.domain.model import (
    DONE,
    FAILED,
    QUEUED,
    RENDERING,
    STALE,
    Delivery,
    Line,
    Role,
    effective_delivery,
    effective_gap,
)
from studio.render.planner import LinePlan
from studio.ui.session import ProjectSession

NUMBER, ROLE, TEXT, CHARS, EMOTION, SPEED, PITCH, VOLUME, GAP, STATUS, DURATION, TAKE = range(12)
COLUMN_COUNT = 12
EDITABLE = {ROLE, TEXT, EMOTION, SPEED, PITCH, VOLUME, GAP, TAKE}

LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
MIME_LINES = "application/x-troupe-line-ids"

STATUS_COLOURS = {STALE: "#c28b00", QUEUED: "#7f848e", RENDERING: "#2f7fd8", DONE: "#3a9a4a", FAILED: "#d04040"}

Commit = Callable[[list[Line], list[Line], str], bool]
Move = Callable[[list[int], str], bool]


class ScriptModel(QAbstractTableModel):
    """Rows are the lines of the current episode, in order."""

    problem = Signal(str)  # a sentence for the status bar (a refused edit)
    totals_changed = Signal()  # stale count / characters may have changed

    def __init__(self, session: ProjectSession, commit: Commit, move: Move | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._commit = commit
        self._move = move
        #: rows an edit of (row, column) applies to; the window answers "the whole selection"
        self.selection_rows: Callable[[int, int], list[int]] | None = None
        self.episode_id: int | None = None
        self._plans: list[LinePlan] = []
        self._row_of: dict[int, int] = {}
        self._roles: dict[int, Role] = {}
        self._settings = session.store.settings
        self._overlay: dict[int, str] = {}  # line id -> queued | rendering
        self._resolved: dict[int, tuple[Line, Any]] = {}  # line id -> (line, its effective delivery)
        self._role_colours: dict[int, QColor] = {}
        self._italic = QFont()
        self._italic.setItalic(True)
        self._inherited = QBrush(QColor(128, 128, 128))
        self._inherited_tip = self.tr(
            "Inherited from the role; type a value to override it, clear it to inherit again.")
        self._status_names = {STALE: self.tr("stale"), QUEUED: self.tr("queued"),
                              RENDERING: self.tr("rendering"), DONE: self.tr("done"), FAILED: self.tr("failed")}
        self._headers = [self.tr("#"), self.tr("Role"), self.tr("Text"), self.tr("Chars"), self.tr("Emotion"),
                         self.tr("Speed"), self.tr("Pitch"), self.tr("Volume"), self.tr("Gap"), self.tr("Status"),
                         self.tr("Duration"), self.tr("Take")]
        self._emotion_names = {
            "happy": self.tr("happy"), "sad": self.tr("sad"), "angry": self.tr("angry"),
            "fearful": self.tr("fearful"), "disgusted": self.tr("disgusted"), "surprised": self.tr("surprised"),
            "calm": self.tr("calm"), "fluent": self.tr("fluent"), "whisper": self.tr("whisper")}
        session.store_changed.connect(self._on_store_changed)

    # ---------------------------------------------------------------- loading

    def load(self, episode_id: int | None) -> None:
        self.beginResetModel()
        self.episode_id = episode_id
        self._overlay.clear()
        self._load_roles()
        self._plans = self.session.plan(episode_id) if episode_id is not None else []
        self._reindex()
        self.endResetModel()
        self.totals_changed.emit()

    def _load_roles(self) -> None:
        self._resolved = {}
        self._settings = self.session.store.settings
        self._roles = self.session.roles()
        self._role_colours = {rid: QColor(r.colour) for rid, r in self._roles.items()}

    def _reindex(self) -> None:
        self._row_of = {p.line.id: i for i, p in enumerate(self._plans)}

    # ---------------------------------------------------------------- reading

    def plans(self) -> list[LinePlan]:
        return list(self._plans)

    def plan_at(self, row: int) -> LinePlan:
        return self._plans[row]

    def line_at(self, row: int) -> Line:
        return self._plans[row].line

    def row_of(self, line_id: int) -> int | None:
        return self._row_of.get(line_id)

    def roles(self) -> dict[int, Role]:
        return self._roles

    def status_of(self, row: int) -> str:
        plan = self._plans[row]
        return self._overlay.get(plan.line.id, plan.status)

    def data_label(self, word: str) -> str:
        """The translated cell text for a status word (or ``take N``), for sizing columns."""
        if word.startswith("take "):
            return self.tr("take %1").replace("%1", word[5:])
        return self._status_names.get(word, word)

    def stale_count(self) -> int:
        return sum(1 for p in self._plans if self._overlay.get(p.line.id, p.status) in (STALE, FAILED, QUEUED))

    def char_counts(self) -> tuple[int, int]:
        """(characters in the episode, characters of lines still to render)."""
        total = stale = 0
        for p in self._plans:
            n = len(p.line.text.strip())
            total += n
            if p.status != DONE:
                stale += n
        return total, stale

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._plans)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if index.column() in EDITABLE:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        plan = self._plans[row]
        line = plan.line
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col, plan, line)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(col, line)
        if role == LINE_ID_ROLE:
            return line.id
        if role == ROLE_ID_ROLE:
            return line.role_id
        if role == STATUS_ROLE:
            return self._overlay.get(line.id, plan.status)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == ROLE and line.role_id is not None:
                return self._role_colours.get(line.role_id)
            if col == STATUS:
                return QColor(STATUS_COLOURS[self._overlay.get(line.id, plan.status)])
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in (EMOTION, SPEED, PITCH, VOLUME, GAP) and not self._overridden(col, line):
                return self._inherited
            return None
        if role == Qt.ItemDataRole.FontRole:
            if col in (EMOTION, SPEED, PITCH, VOLUME, GAP) and not self._overridden(col, line):
                return self._italic
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(col, plan, line)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (NUMBER, CHARS, SPEED, PITCH, VOLUME, GAP, DURATION):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return None

    def _display(self, row: int, col: int, plan: LinePlan, line: Line) -> Any:
        if col == NUMBER:
            return row + 1
        if col == ROLE:
            role = self._roles.get(line.role_id) if line.role_id is not None else None
            return role.name if role else "—"
        if col == TEXT:
            return line.text.replace("\n", " ⏎ ")
        if col == CHARS:
            return len(line.text.strip())
        if col in (EMOTION, SPEED, PITCH, VOLUME):
            d = self._resolved.get(line.id)
            if d is None or d[0] is not line:
                role = self._roles.get(line.role_id) if line.role_id is not None else None
                d = self._resolved[line.id] = (line, effective_delivery(line, role))
            d = d[1]
            if col == EMOTION:
                return self._emotion_names.get(d.emotion or "", d.emotion or "")
            if col == SPEED:
                return f"{d.speed:.2f}×"
            if col == PITCH:
                return f"{d.pitch:+d}"
            return f"{d.volume:.1f}"
        if col == GAP:
            role = self._roles.get(line.role_id) if line.role_id is not None else None
            return f"{effective_gap(line, role, self._settings)} ms"
        if col == STATUS:
            return self._status_names[self._overlay.get(line.id, plan.status)]
        if col == DURATION:
            return f"{plan.take.duration_ms / 1000:.1f} s" if plan.take is not None else ""
        if col == TAKE:
            return self.tr("take %1").replace("%1", str(plan.take.id)) if plan.take is not None else ""
        return None

    def _edit_value(self, col: int, line: Line) -> Any:
        d = line.delivery
        if col == ROLE:
            return line.role_id
        if col == TEXT:
            return line.text
        if col == EMOTION:
            return d.emotion or ""
        if col == SPEED:
            return "" if d.speed is None else f"{d.speed:g}"
        if col == PITCH:
            return "" if d.pitch is None else str(d.pitch)
        if col == VOLUME:
            return "" if d.volume is None else f"{d.volume:g}"
        if col == GAP:
            return "" if line.gap_ms is None else str(line.gap_ms)
        if col == TAKE:
            return line.chosen_take_id
        return self._display(0, col, self._plans[self._row_of[line.id]], line)

    @staticmethod
    def _overridden(col: int, line: Line) -> bool:
        d = line.delivery
        if col == EMOTION:
            return d.emotion is not None
        if col == SPEED:
            return d.speed is not None
        if col == PITCH:
            return d.pitch is not None
        if col == VOLUME:
            return d.volume is not None
        return line.gap_ms is not None

    def _tooltip(self, col: int, plan: LinePlan, line: Line) -> str | None:
        if col == STATUS:
            status = self._overlay.get(line.id, plan.status)
            if status == FAILED and plan.error:
                tip = plan.error
                if plan.trace_id and plan.trace_id not in tip:
                    tip += "\n" + self.tr("Trace id: %1").replace("%1", plan.trace_id)
                return tip
            return self._status_names[status]
        if col == TEXT:
            return line.text
        if col in (EMOTION, SPEED, PITCH, VOLUME, GAP) and not self._overridden(col, line):
            return self._inherited_tip
        return None

    # ---------------------------------------------------------------- editing

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        rows = [index.row()]
        if self.selection_rows is not None:
            rows = self.selection_rows(index.row(), index.column())
        return self.set_values(rows, index.column(), value)

    def set_values(self, rows: Iterable[int], col: int, value: Any) -> bool:
        """Set column ``col`` of many rows to one value, as one undoable edit."""
        before: list[Line] = []
        after: list[Line] = []
        try:
            for row in sorted(set(rows)):
                line = self._plans[row].line
                changed = self._with_value(line, col, value)
                if changed != line:
                    before.append(line)
                    after.append(changed)
        except ValueError as exc:
            self.problem.emit(str(exc))
            return False
        if not after:
            return False
        label = self._label(col, len(after))
        return self._commit(before, after, label)

    def _with_value(self, line: Line, col: int, value: Any) -> Line:
        d = line.delivery
        if col == ROLE:
            return line.with_(role_id=None if value in (None, "", -1) else int(value))
        if col == TEXT:
            return line.with_(text=str(value).strip("\n"))
        if col == EMOTION:
            return line.with_(delivery=dataclasses.replace(d, emotion=str(value) or None))
        if col == TAKE:
            return line.with_(chosen_take_id=None if value in (None, "") else int(value))
        text = "" if value is None else str(value).strip().rstrip("×xms ").strip()
        try:
            if col == SPEED:
                new = dataclasses.replace(d, speed=float(text) if text else None)
            elif col == PITCH:
                new = dataclasses.replace(d, pitch=int(round(float(text))) if text else None)
            elif col == VOLUME:
                new = dataclasses.replace(d, volume=float(text) if text else None)
            elif col == GAP:
                return line.with_(gap_ms=int(round(float(text))) if text else None)
            else:
                return line
        except ValueError:
            raise ValueError(self.tr("“%1” is not a number.").replace("%1", str(value))) from None
        problems = new.validate()
        if problems:
            raise ValueError(problems[0])
        return line.with_(delivery=new)

    def _label(self, col: int, count: int) -> str:
        what = {ROLE: self.tr("role"), TEXT: self.tr("text"), EMOTION: self.tr("emotion"), SPEED: self.tr("speed"),
                PITCH: self.tr("pitch"), VOLUME: self.tr("volume"), GAP: self.tr("gap"),
                TAKE: self.tr("take")}.get(col, "")
        if count == 1:
            return self.tr("Edit %1").replace("%1", what)
        return self.tr("Edit %1 of %2 lines").replace("%1", what).replace("%2", str(count))

    def set_delivery(self, rows: Iterable[int], delivery: Delivery) -> bool:
        before = [self._plans[r].line for r in sorted(set(rows))]
        after = [ln.with_(delivery=delivery) for ln in before]
        return self._commit(before, after, self.tr("Edit delivery"))

    # ---------------------------------------------------------------- drag to reorder

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_LINES]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({self._plans[i.row()].line.id for i in indexes if i.isValid()},
                     key=lambda lid: self._row_of[lid])
        mime = QMimeData()
        mime.setData(MIME_LINES, QByteArray(json.dumps(ids).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex | QPersistentModelIndex) -> bool:
        return data.hasFormat(MIME_LINES) and self._move is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not data.hasFormat(MIME_LINES) or self._move is None:
            return False
        moving = json.loads(bytes(data.data(MIME_LINES).data()).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._plans)
        order = self.order_after_move(moving, row)
        if order != [p.line.id for p in self._plans]:
            self._move(order, self.tr("Move lines"))
        return False  # the store event reorders the rows; the view must not remove anything

    def order_after_move(self, moving: Sequence[int], dest_row: int) -> list[int]:
        """The episode's line order with ``moving`` placed before row ``dest_row`` (as seen before)."""
        ids = [p.line.id for p in self._plans]
        moving_set = set(moving)
        before = sum(1 for i in ids[:dest_row] if i in moving_set)
        rest = [i for i in ids if i not in moving_set]
        at = max(0, min(len(rest), dest_row - before))
        block = [i for i in ids if i in moving_set]
        return rest[:at] + block + rest[at:]

    # ---------------------------------------------------------------- render overlay

    def set_overlay(self, line_id: int, status: str | None) -> None:
        """Show ``queued`` / ``rendering`` on a row (``None`` clears it)."""
        if status is None:
            if self._overlay.pop(line_id, None) is None:
                return
        else:
            if self._overlay.get(line_id) == status:
                return
            self._overlay[line_id] = status
        self._row_changed(line_id, STATUS, STATUS)

    def set_take(self, line_id: int, take: Any) -> None:
        """A take for the row's current key arrived (a cache hit emits no store event)."""
        row = self._row_of.get(line_id)
        if row is None:
            return
        plan = self._plans[row]
        if plan.job is None or take.render_key != plan.job.key:
            return
        self._plans[row] = dataclasses.replace(plan, status=DONE, take=take, error=None, trace_id=None)
        self._overlay.pop(line_id, None)
        self._row_changed(line_id, STATUS, TAKE)
        self.totals_changed.emit()

    # ---------------------------------------------------------------- store events

    def _on_store_changed(self, kind: str, payload: Any) -> None:
        if self.episode_id is None:
            return
        if kind == "lines_changed":
            self._replan([i for i in payload if i in self._row_of])
        elif kind == "line_error":
            self._replan([payload] if payload in self._row_of else [])
        elif kind == "take_added":
            if payload.line_id is not None:
                for plan in self._plans:
                    if plan.job is not None and plan.job.key == payload.render_key and plan.status != DONE:
                        self.set_take(plan.line.id, payload)
        elif kind == "lines_inserted":
            episode_id, ids = payload
            if episode_id == self.episode_id:
                self._insert(ids)
        elif kind == "lines_removed":
            self._remove([i for i in payload if i in self._row_of])
        elif kind == "lines_moved":
            if payload == self.episode_id:
                self._reorder()
        elif kind in ("role_added", "role_changed", "role_removed", "lexicon", "settings"):
            self._replan_all()

    def _row_changed(self, line_id: int, first: int = 0, last: int = COLUMN_COUNT - 1) -> None:
        row = self._row_of.get(line_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, first), self.index(row, last))

    def _replan(self, ids: list[int]) -> None:
        if not ids or self.episode_id is None:
            return
        for plan in self.session.plan(self.episode_id, ids):
            row = self._row_of.get(plan.line.id)
            if row is None:
                continue
            self._plans[row] = plan
            self._overlay.pop(plan.line.id, None)
            self._row_changed(plan.line.id)
        self.totals_changed.emit()

    def _replan_all(self) -> None:
        if self.episode_id is None:
            return
        self._load_roles()
        plans = self.session.plan(self.episode_id)
        if [p.line.id for p in plans] != [p.line.id for p in self._plans]:
            self.load(self.episode_id)
            return
        self._plans = plans
        if plans:
            self.dataChanged.emit(self.index(0, 0), self.index(len(plans) - 1, COLUMN_COUNT - 1))
        self.totals_changed.emit()

    def _insert(self, ids: list[int]) -> None:
        assert self.episode_id is not None
        new = sorted(self.session.plan(self.episode_id, ids), key=lambda p: p.line.position)
        for plan in new:
            row = max(0, min(plan.line.position, len(self._plans)))
            self.beginInsertRows(QModelIndex(), row, row)
            self._plans.insert(row, plan)
            self.endInsertRows()
        self._reindex()
        if new:
            self._renumber_from(min(p.line.position for p in new))
        self.totals_changed.emit()

    def _remove(self, ids: list[int]) -> None:
        for row in sorted((self._row_of[i] for i in ids), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            self._overlay.pop(self._plans[row].line.id, None)
            del self._plans[row]
            self.endRemoveRows()
        self._reindex()
        if ids:
            self._renumber_from(0)
        self.totals_changed.emit()

    def _renumber_from(self, row: int) -> None:
        if self._plans and row < len(self._plans):
            self.dataChanged.emit(self.index(row, NUMBER), self.index(len(self._plans) - 1, NUMBER))

    def _reorder(self) -> None:
        assert self.episode_id is not None
        order = [ln.id for ln in self.session.store.lines(self.episode_id)]
        if sorted(order) != sorted(self._row_of):
            self.load(self.episode_id)
            return
        self.layoutAboutToBeChanged.emit()
        old_order = [p.line.id for p in self._plans]
        by_id = {p.line.id: p for p in self._plans}
        self._plans = [by_id[i] for i in order]
        self._reindex()
        old = self.persistentIndexList()
        new = [self.index(self._row_of[old_order[idx.row()]], idx.column()) for idx in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
        self._renumber_from(0)
