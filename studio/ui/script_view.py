"""The script table widget (objectName ``scriptTable``): keyboard behaviour, column sizes, role filter.

Lives here: what the view does with keys (Enter edits), the selection as line ids, hiding rows that a role
filter excludes. Must not live here: edits (they go through the model and undo commands), rendering.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget  # noqa: F401

from studio.ui import script_model as sm
from studio.ui.delegates import ChoiceDelegate, RoleDelegate, TextDelegate
from studio.ui.script_model import ScriptModel


class ScriptView(QTableView):
    """The table of lines of the current episode."""

    selection_changed = Signal()

    def __init__(self, model: ScriptModel, emotion_choices: Callable[[QModelIndex], list[tuple[str, object]]],
                 take_choices: Callable[[QModelIndex], list[tuple[str, object]]],
                 effect_choices: Callable[[QModelIndex], list[tuple[str, object]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptTable")
        self.setAccessibleName(self.tr("Script"))
        self.setModel(model)
        self._model = model
        self._role_filter: set[int | None] | None = None
        self._doubtful_only = False
        self._filtered = False  # some rows may be hidden by the filter
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(max(24, self.fontMetrics().height() + 10))
        hh = self.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setStretchLastSection(False)
        em = self.fontMetrics().horizontalAdvance("M")
        fm = self.fontMetrics()
        samples = {sm.NUMBER: ["9999"], sm.ROLE: ["旁白旁白"], sm.CHARS: ["999"], sm.EMOTION: ["surprised"], sm.EFFECT: ["telephone"],
                   sm.SPEED: ["1.00×"], sm.PITCH: ["+12"], sm.VOLUME: ["10.0"], sm.GAP: ["1000 ms"],
                   sm.STATUS: [model.status_label(s) for s in ("stale", "queued", "rendering", "done", "failed", "empty",
                                                                "doubtful")],
                   sm.DURATION: ["88.8 s"], sm.TAKE: [model.status_label("take 9999")],
                   sm.NOTE: ["转身走向门口"], sm.CHECK: ["⚠ 62%"]}
        icon = {sm.ROLE: 22, sm.STATUS: 22}
        header_fm = hh.fontMetrics()
        for col, texts in samples.items():
            title = str(model.headerData(col, Qt.Orientation.Horizontal))
            content = max(fm.horizontalAdvance(t) for t in texts) + icon.get(col, 0)
            hh.resizeSection(col, max(content, header_fm.horizontalAdvance(title)) + 12)
        hh.resizeSection(sm.TEXT, 30 * em)
        hh.sectionResized.connect(self._fit_text_column)
        hh.sectionCountChanged.connect(self._fit_text_column)
        self._min_text = 12 * em
        self.setItemDelegateForColumn(sm.ROLE, RoleDelegate(model.roles, self))
        self.setItemDelegateForColumn(sm.TEXT, TextDelegate(self))
        self.setItemDelegateForColumn(sm.EMOTION, ChoiceDelegate(emotion_choices, self))
        self.setItemDelegateForColumn(sm.EFFECT, ChoiceDelegate(effect_choices, self))
        self.setItemDelegateForColumn(sm.TAKE, ChoiceDelegate(take_choices, self))
        model.modelReset.connect(self._reapply_filter)
        model.rowsInserted.connect(self._reapply_filter)
        model.rowsRemoved.connect(self._reapply_filter)
        model.layoutChanged.connect(self._reapply_filter)
        model.dataChanged.connect(self._reapply_filter)  # a line's role changed

    # ---------------------------------------------------------------- layout

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_text_column()

    def fit_text_column(self) -> None:
        self._fit_text_column()

    def _fit_text_column(self, *args: object) -> None:
        """The Text column takes the room the other columns leave (never less than a readable width)."""
        hh = self.horizontalHeader()
        if args and args[0] == sm.TEXT:
            return
        others = sum(hh.sectionSize(c) for c in range(sm.COLUMN_COUNT) if c != sm.TEXT and not hh.isSectionHidden(c))
        width = max(self._min_text, self.viewport().width() - others)
        if hh.sectionSize(sm.TEXT) != width:
            hh.blockSignals(True)
            hh.resizeSection(sm.TEXT, width)
            hh.blockSignals(False)
            hh.viewport().update()

    # ---------------------------------------------------------------- selection

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        super().selectionChanged(selected, deselected)
        self.selection_changed.emit()

    def selected_rows(self) -> list[int]:
        sel = self.selectionModel()
        rows = {i.row() for i in sel.selectedRows()} if sel is not None else set()
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(r for r in rows if not self.isRowHidden(r))

    def selected_line_ids(self) -> list[int]:
        return [self._model.line_at(r).id for r in self.selected_rows()]

    def select_lines(self, line_ids: list[int], column: int = sm.TEXT) -> None:
        rows = [r for r in (self._model.row_of(i) for i in line_ids) if r is not None]
        sel = self.selectionModel()
        if not rows or sel is None:
            return
        selection = QItemSelection()
        for r in rows:
            selection.select(self._model.index(r, 0), self._model.index(r, sm.COLUMN_COUNT - 1))
        sel.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        sel.setCurrentIndex(self._model.index(rows[0], column), QItemSelectionModel.SelectionFlag.NoUpdate)
        self.scrollTo(self._model.index(rows[0], column))

    # ---------------------------------------------------------------- keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain
                and self.state() != QAbstractItemView.State.EditingState):
            index = self.currentIndex()
            if index.isValid():
                if not index.flags() & Qt.ItemFlag.ItemIsEditable:
                    index = index.siblingAtColumn(sm.TEXT)
                    self.setCurrentIndex(index)
                self.edit(index)
                event.accept()
                return
        super().keyPressEvent(event)

    # ---------------------------------------------------------------- role and doubtful-take filters

    def set_role_filter(self, role_ids: set[int | None] | None) -> None:
        """Show only lines of ``role_ids`` (``None``: every line)."""
        self._role_filter = role_ids
        self._reapply_filter()

    def set_doubtful_only(self, on: bool) -> None:
        """Show only the lines whose take a check found doubtful (with the role filter, if any)."""
        self._doubtful_only = on
        self._reapply_filter()

    def doubtful_only(self) -> bool:
        return self._doubtful_only

    def _reapply_filter(self, *args: object) -> None:
        keep = self._role_filter
        doubtful = self._doubtful_only
        if keep is None and not doubtful and not self._filtered:
            return
        self._filtered = keep is not None or doubtful
        model = self._model
        for row in range(model.rowCount()):
            hidden = keep is not None and model.line_at(row).role_id not in keep
            if doubtful and not hidden:
                hidden = not model.index(row, sm.CHECK).data(sm.DOUBTFUL_ROLE)
            if hidden != self.isRowHidden(row):
                self.setRowHidden(row, hidden)
