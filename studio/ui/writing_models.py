"""The writing room's tables: drafts the user reviews before anything reaches the project.

These models hold what a chat model (or the prose splitter) proposed and the user's corrections to it —
a preview is not part of the project until it is accepted, so, unlike the script table's model, each of
these keeps its own rows. ``DraftModel`` is a generated or continued script (role, text, emotion, pause,
note; editable once the stream has finished), ``BeforeAfterModel`` a rewrite or speed-up (the new text
editable), ``ReviewModel`` an attributed chapter (role editable, doubtful lines marked, ``DoubtfulFilter``
to show them alone). ``NameDelegate`` edits a role name: a known one from a list, or a new one typed in.
The translation's tables are in ``writing_tables``. Must not live here: store writes, chat requests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from studio.domain.model import Line
from studio.formats.script_import import DraftLine
from studio.ui.delegates import colour_icon

Index = QModelIndex | QPersistentModelIndex
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
#: A dialogue line whose speaker was found with less confidence than this is doubtful.
DOUBTFUL_BELOW = 0.7
DOUBT_COLOUR = QColor("#fff1c2")
NARRATION_COLOUR = QColor("#777777")
NUMBER_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CHANGED_COLOUR = QColor("#e3f4e1")


def new_role_icon(size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setPen(QPen(QColor("#888888"), 1, Qt.PenStyle.DashLine))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pix)


def _pause_text(gap_ms: int | None) -> str:
    return "" if gap_ms is None else f"{gap_ms} ms"


class Table(QAbstractTableModel):
    """Rows of one kind, column headers given as (translated) words."""

    headers: list[str] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if role == DISPLAY and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def reset(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    rows: list[Any]
    #: the project's role colours by name: a known role shows its colour, a new one none
    colours: dict[str, str] = {}

    def role_icon(self, name: str) -> Any:
        """The role's colour; an empty square for a role the project does not have yet."""
        colour = self.colours.get(name)
        return colour_icon(colour) if colour else new_role_icon()


# --- a generated script ------------------------------------------------------------------------------

@dataclass
class DraftRow:
    episode: int  # the generated episode's number (1 … n of the request)
    line: DraftLine
    edited: bool = False


class DraftModel(Table):
    """Lines as the chat model writes them, in order; editable when ``editable`` is on."""

    EPISODE, ROLE, TEXT, EMOTION, PAUSE, NOTE = range(6)
    edited = Signal()

    def __init__(self, emotion_names: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DraftRow] = []
        self.emotion_names = emotion_names
        self.editable = False
        self.headers = [self.tr("Ep."), self.tr("Role"), self.tr("Text"), self.tr("Emotion"), self.tr("Pause"),
                        self.tr("Note")]

    def append(self, episode: int, line: DraftLine) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(DraftRow(episode, line))
        self.endInsertRows()

    def drop_episode(self, episode: int) -> None:
        """The episode's preview is void (its answer was dropped): take its rows out."""
        for row in reversed(range(len(self.rows))):
            if self.rows[row].episode == episode:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.endRemoveRows()

    def set_episode(self, episode: int, lines: Sequence[DraftLine]) -> None:
        """The episode's validated lines replace its preview."""
        others = [r for r in self.rows if r.episode != episode]
        at = next((i for i, r in enumerate(self.rows) if r.episode == episode), len(others))
        self.reset(others[:at] + [DraftRow(episode, ln) for ln in lines] + others[at:])

    def lines_of(self, episode: int) -> list[DraftLine]:
        return [r.line for r in self.rows if r.episode == episode]

    def episodes(self) -> list[int]:
        return list(dict.fromkeys(r.episode for r in self.rows))

    def roles(self) -> list[str]:
        return list(dict.fromkeys(r.line.role for r in self.rows))

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        ln, col = row.line, index.column()
        if role in (DISPLAY, EDIT):
            if col == self.EPISODE:
                return row.episode
            if col == self.ROLE:
                return ln.role
            if col == self.TEXT:
                return ln.text
            if col == self.EMOTION:
                emotion = ln.delivery.emotion or ""
                return emotion if role == EDIT else self.emotion_names.get(emotion, emotion)
            if col == self.PAUSE:
                return (ln.gap_ms or 0) if role == EDIT else _pause_text(ln.gap_ms)
            if col == self.NOTE:
                return ln.note
        if role == Qt.ItemDataRole.DecorationRole and col == self.ROLE:
            return self.role_icon(ln.role)
        if role == Qt.ItemDataRole.BackgroundRole and row.edited:
            return QBrush(CHANGED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TEXT:
            return ln.text
        if role == Qt.ItemDataRole.ToolTipRole and col == self.ROLE and ln.role not in self.colours:
            return self.tr("A new role: Accept adds it to the cast.")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.editable and index.isValid() and index.column() != self.EPISODE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not (index.isValid() and role == EDIT and self.editable):
            return False
        row = self.rows[index.row()]
        ln, col = row.line, index.column()
        if col == self.ROLE:
            new = replace(ln, role=str(value).strip() or ln.role)
        elif col == self.TEXT:
            text = str(value).strip()
            if not text:
                return False
            new = replace(ln, text=text)
        elif col == self.EMOTION:
            new = replace(ln, delivery=replace(ln.delivery, emotion=str(value) or None))
        elif col == self.PAUSE:
            try:
                gap = int(value)
            except (TypeError, ValueError):
                return False
            new = replace(ln, gap_ms=ln.gap_ms if gap == (ln.gap_ms or 0) else gap)
        elif col == self.NOTE:
            new = replace(ln, note=str(value).strip())
        else:
            return False
        if new == ln:
            return False
        row.line, row.edited = new, True
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.headers) - 1))
        self.edited.emit()
        return True


# --- a rewrite ---------------------------------------------------------------------------------------

class BeforeAfterModel(Table):
    """Each chosen line before and after a rewrite (or a speed-up); the new text can be corrected."""

    NUMBER, ROLE, BEFORE, AFTER, SPEED = range(5)

    def __init__(self, role_names: Callable[[], dict[int, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Line, Line]] = []
        self.role_names = role_names
        self._names: dict[int, str] = {}
        self.headers = [self.tr("#"), self.tr("Role"), self.tr("Before"), self.tr("After"), self.tr("Speed")]

    def set_pairs(self, before: Sequence[Line], after: Sequence[Line]) -> None:
        self._names = self.role_names()
        self.reset(list(zip(before, after, strict=True)))

    def after(self) -> list[Line]:
        return [a for _, a in self.rows]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        before, after = self.rows[index.row()]
        col = index.column()
        if role in (DISPLAY, EDIT):
            if col == self.NUMBER:
                return str(before.position + 1)
            if col == self.ROLE:
                return self._names.get(before.role_id or -1, "")
            if col == self.BEFORE:
                return before.text
            if col == self.AFTER:
                return after.text
            if col == self.SPEED:
                b, a = before.delivery.speed or 1.0, after.delivery.speed or 1.0
                return f"{a:.2f}×" if a == b else f"{b:.2f}× → {a:.2f}×"
        if role == Qt.ItemDataRole.DecorationRole and col == self.ROLE:
            return self.role_icon(self._names.get(before.role_id or -1, ""))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.NUMBER:
            return NUMBER_ALIGN
        if role == Qt.ItemDataRole.BackgroundRole and col in (self.AFTER, self.SPEED) and before != after:
            return QBrush(CHANGED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.BEFORE, self.AFTER):
            return before.text if col == self.BEFORE else after.text
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() == self.AFTER else base

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        text = str(value).strip()
        if not (index.isValid() and role == EDIT and index.column() == self.AFTER and text):
            return False
        before, after = self.rows[index.row()]
        self.rows[index.row()] = (before, after.with_(text=text))
        self.dataChanged.emit(index, index)
        return True


# --- an attributed chapter ---------------------------------------------------------------------------

@dataclass
class ReviewRow:
    line: DraftLine
    dialogue: bool
    confidence: float
    how: str = ""
    checked: bool = False  # the user chose the role

    @property
    def doubtful(self) -> bool:
        return self.dialogue and not self.checked and self.confidence < DOUBTFUL_BELOW


class ReviewModel(Table):
    """The chapter's lines with their roles and how sure the attribution is of each."""

    NUMBER, ROLE, TEXT, CONFIDENCE = range(4)
    DOUBTFUL_ROLE = Qt.ItemDataRole.UserRole + 1
    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReviewRow] = []
        self.headers = [self.tr("#"), self.tr("Role"), self.tr("Text"), self.tr("Confidence")]
        self._how = {"tag": self.tr("a speech tag names the speaker"),
                     "beat": self.tr("the paragraph's actor"),
                     "before": self.tr("the character of the paragraph before"),
                     "alternation": self.tr("the speakers take turns"),
                     "context": self.tr("the context"),
                     "model": self.tr("the chat model"),
                     "unknown": self.tr("no one is named; the narrator reads it")}

    def doubtful_count(self) -> int:
        return sum(r.doubtful for r in self.rows)

    def roles(self) -> list[str]:
        return list(dict.fromkeys(r.line.role for r in self.rows))

    def lines(self) -> list[DraftLine]:
        return [r.line for r in self.rows]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role in (DISPLAY, EDIT):
            if col == self.NUMBER:
                return str(index.row() + 1)
            if col == self.ROLE:
                return row.line.role
            if col == self.TEXT:
                return row.line.text
            if col == self.CONFIDENCE:
                if not row.dialogue:
                    return ""
                return self.tr("set by you") if row.checked else f"{round(row.confidence * 100)} %"
        if role == self.DOUBTFUL_ROLE:
            return row.doubtful
        if role == Qt.ItemDataRole.BackgroundRole and row.doubtful:
            return QBrush(DOUBT_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.NUMBER, self.CONFIDENCE):
            return NUMBER_ALIGN
        if role == Qt.ItemDataRole.ForegroundRole and not row.dialogue and col == self.ROLE:
            return QBrush(NARRATION_COLOUR)
        if role == Qt.ItemDataRole.DecorationRole and col == self.ROLE:
            return self.role_icon(row.line.role)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.dialogue and row.how:
                how = self._how.get(row.how, row.how)
                tip = self.tr("Speaker found by %1 (%2 % sure).").replace("%1", how) \
                    .replace("%2", str(round(row.confidence * 100)))
                return (self.tr("Doubtful: check the role.") + " " + tip) if row.doubtful else tip
            return row.line.text if col == self.TEXT else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() == self.ROLE else base

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        name = str(value).strip()
        if not (index.isValid() and role == EDIT and index.column() == self.ROLE and name):
            return False
        row = self.rows[index.row()]
        changed = name != row.line.role
        row.line = replace(row.line, role=name)
        row.checked = True  # choosing a role, even the same one, settles the doubt
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.headers) - 1))
        if changed:
            self.edited.emit()
        return True

    def merge(self, alias: str, into: str) -> int:
        """Every line of ``alias`` now spoken by ``into``; returns how many lines moved."""
        moved = 0
        for row in self.rows:
            if row.line.role == alias:
                row.line = replace(row.line, role=into)
                moved += 1
        if moved:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.headers) - 1))
            self.edited.emit()
        return moved


class DoubtfulFilter(QSortFilterProxyModel):
    """With ``only_doubtful`` on, the review shows only the doubtful lines."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.only_doubtful = False

    def set_only_doubtful(self, on: bool) -> None:
        self.beginFilterChange()
        self.only_doubtful = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.only_doubtful:
            return True
        model = self.sourceModel()
        return bool(model.index(source_row, 0, source_parent).data(ReviewModel.DOUBTFUL_ROLE))


# --- editors -----------------------------------------------------------------------------------------

class NameDelegate(QStyledItemDelegate):
    """An editable combo of role names: pick one the project or the draft has, or type a new one."""

    def __init__(self, names: Callable[[], list[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("roleNameEditor")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(self._names())
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(EDIT) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), EDIT)



__all__ = ["BeforeAfterModel", "DOUBTFUL_BELOW", "DoubtfulFilter", "DraftModel", "DraftRow", "NameDelegate",
           "ReviewModel", "ReviewRow", "Table"]
