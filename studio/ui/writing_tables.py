"""The Translate page's tables: a translation beside its source line by line (``PairsModel``, the
translation editable), the lines that run over their source (``FitModel``) and the glossary's names and
terms for one target language (``GlossaryModel``, edits handed on for the caller to save).

Must not live here: store writes, chat requests, the glossary file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from studio.ui.writing_models import DISPLAY, EDIT, NUMBER_ALIGN, Index, Table

# --- a translation -----------------------------------------------------------------------------------

@dataclass
class PairRow:
    plan: int  # which plan (episode) of the translation
    index: int  # the line's place in that plan
    source_id: int  # the source line's id: the translated line is made for it
    number: int  # the source line's number in its episode
    role: str
    source: str
    target: str


class PairsModel(Table):
    """Source and translation side by side, one row per source line id."""

    EPISODE, LINE, ROLE, SOURCE, TARGET = range(5)
    SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    edited = Signal(int, int, str)  # plan, index, new text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PairRow] = []
        self.headers = [self.tr("Ep."), self.tr("#"), self.tr("Role"), self.tr("Source"), self.tr("Translation")]

    def set_languages(self, source: str, target: str) -> None:
        self.headers[self.SOURCE] = self.tr("Source (%1)").replace("%1", source)
        self.headers[self.TARGET] = self.tr("Translation (%1)").replace("%1", target)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.SOURCE, self.TARGET)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role in (DISPLAY, EDIT):
            return (str(row.plan + 1), str(row.number), row.role, row.source, row.target)[col]
        if role == self.SOURCE_ID_ROLE:
            return row.source_id
        if role == Qt.ItemDataRole.DecorationRole and col == self.ROLE:
            return self.role_icon(row.role)
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.SOURCE, self.TARGET):
            return row.source if col == self.SOURCE else row.target
        if role == Qt.ItemDataRole.ToolTipRole and col == self.LINE:
            return self.tr("Line id %1: the translation is made for this line.").replace("%1", str(row.source_id))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.EPISODE, self.LINE):
            return NUMBER_ALIGN
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() == self.TARGET else base

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        text = str(value).strip()
        if not (index.isValid() and role == EDIT and index.column() == self.TARGET and text):
            return False
        row = self.rows[index.row()]
        if text == row.target:
            return False
        row.target = text
        self.dataChanged.emit(index, index)
        self.edited.emit(row.plan, row.index, text)
        return True


# --- dubbing fit -------------------------------------------------------------------------------------

class FitModel(Table):
    """The translated lines that run over their source: by how much, and the speed-up that would fit."""

    NUMBER, TEXT, SOURCE, TARGET, OVER, SPEED = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[int, Any]] = []  # (the line's number in its episode, FitIssue)
        self.headers = [self.tr("#"), self.tr("Translation"), self.tr("Source"), self.tr("Dub"), self.tr("Over"),
                        self.tr("Fix by speed")]

    def issues(self) -> list[Any]:
        return [issue for _, issue in self.rows]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        number, issue = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            if col == self.NUMBER:
                return str(number)
            if col == self.TEXT:
                return issue.text
            if col == self.SOURCE:
                return f"{issue.source_ms / 1000:.1f} s"
            if col == self.TARGET:
                return f"{issue.target_ms / 1000:.1f} s"
            if col == self.OVER:
                return f"+{round(issue.over * 100)} %"
            if col == self.SPEED:
                return f"{issue.speed:.2f}×" if issue.speed is not None else self.tr("too long (max %1×)") \
                    .replace("%1", f"{issue.max_speed:g}")
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TEXT:
            return issue.text
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (self.TEXT,):
            return NUMBER_ALIGN
        if role == Qt.ItemDataRole.ForegroundRole and col == self.SPEED and issue.speed is None:
            return QBrush(QColor("#a52a2a"))
        return None


# --- the glossary ------------------------------------------------------------------------------------

class GlossaryModel(Table):
    """Names and terms (source → target) for one target language; edits are handed on through
    ``changed`` (the list of pairs), for the caller to save."""

    SOURCE, TARGET = range(2)
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[list[str]] = []
        self.headers = [self.tr("Name or term"), self.tr("Translation")]

    def set_terms(self, terms: dict[str, str]) -> None:
        self.reset([[s, t] for s, t in sorted(terms.items())])

    def terms(self) -> dict[str, str]:
        return {s.strip(): t.strip() for s, t in self.rows if s.strip() and t.strip()}

    def add_row(self) -> int:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(["", ""])
        self.endInsertRows()
        return len(self.rows) - 1

    def remove_rows(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.endRemoveRows()
        self.changed.emit()

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if index.isValid() and role in (DISPLAY, EDIT):
            return self.rows[index.row()][index.column()]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable if index.isValid() else super().flags(index)

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not (index.isValid() and role == EDIT):
            return False
        text = str(value).strip()
        if self.rows[index.row()][index.column()] == text:
            return False
        self.rows[index.row()][index.column()] = text
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True


__all__ = ["FitModel", "GlossaryModel", "PairRow", "PairsModel"]
