"""Find and replace in the episode's line texts (a non-modal dialog).

"Replace all" is one undoable edit of every matching line. Lives here: matching over the model's cached
lines. Must not live here: store writes (edits go through the window's commit callback).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain.model import Line
from studio.ui import script_model as sm
from studio.ui.script_model import ScriptModel
from studio.ui.script_view import ScriptView


class FindReplaceDialog(QDialog):
    message = Signal(str)

    def __init__(self, model: ScriptModel, view: ScriptView,
                 commit: Callable[[list[Line], list[Line], str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findReplace")
        self.setWindowTitle(self.tr("Find and replace"))
        self.model = model
        self.view = view
        self.commit = commit
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.case = QCheckBox(self.tr("Match case"), self)
        form = QFormLayout()
        form.addRow(self.tr("Find:"), self.find_edit)
        form.addRow(self.tr("Replace with:"), self.replace_edit)
        form.addRow("", self.case)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Find next"), self.find_next), (self.tr("Replace"), self.replace_one),
                           (self.tr("Replace all"), self.replace_all), (self.tr("Close"), self.close)):
            b = QPushButton(text, self)
            b.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.find_edit.returnPressed.connect(self.find_next)

    def _matches(self, text: str, needle: str) -> bool:
        return needle in text if self.case.isChecked() else needle.lower() in text.lower()

    def _replace(self, text: str, needle: str, repl: str) -> str:
        if self.case.isChecked():
            return text.replace(needle, repl)
        out, low, nlow, i = [], text.lower(), needle.lower(), 0
        while True:
            j = low.find(nlow, i)
            if j < 0:
                out.append(text[i:])
                return "".join(out)
            out.append(text[i:j])
            out.append(repl)
            i = j + len(needle)

    def find_next(self) -> int | None:
        needle = self.find_edit.text()
        n = self.model.rowCount()
        if not needle or not n:
            return None
        rows = self.view.selected_rows()
        start = (rows[-1] + 1) if rows else 0
        for k in range(n):
            row = (start + k) % n
            if not self.view.isRowHidden(row) and self._matches(self.model.line_at(row).text, needle):
                self.view.select_lines([self.model.line_at(row).id], sm.TEXT)
                return row
        self.message.emit(self.tr("“%1” was not found.").replace("%1", needle))
        return None

    def replace_one(self) -> None:
        needle = self.find_edit.text()
        rows = self.view.selected_rows()
        if needle and rows:
            line = self.model.line_at(rows[0])
            if self._matches(line.text, needle):
                new = self._replace(line.text, needle, self.replace_edit.text())
                self.commit([line], [line.with_(text=new)], self.tr("Replace"))
        self.find_next()

    def replace_all(self) -> int:
        needle = self.find_edit.text()
        if not needle:
            return 0
        repl = self.replace_edit.text()
        before, after = [], []
        for row in range(self.model.rowCount()):
            if self.view.isRowHidden(row):
                continue
            line = self.model.line_at(row)
            if self._matches(line.text, needle):
                before.append(line)
                after.append(line.with_(text=self._replace(line.text, needle, repl)))
        if after:
            self.commit(before, after, self.tr("Replace in %1 lines").replace("%1", str(len(after))))
        self.message.emit(self.tr("Replaced in %1 line(s).").replace("%1", str(len(after))))
        return len(after)
