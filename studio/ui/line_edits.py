"""Edits of the open episode's lines from the window: insert, delete, move, copy, cut, paste (through the
import action's plan, so a pasted "Role: line" names roles the same way an import does), set the role or
emotion of the selection, and the choices the Emotion and Take cells offer. Each edit is one undo command.

Must not live here: widgets of its own, the rules for matching roles (``studio.actions.importing``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from studio.actions import timing
from studio.actions.engines import emotions_for
from studio.actions.importing import ScriptLine, plan_lines
from studio.domain.model import EFFECTS, NO_EFFECT, Delivery, Line, NewLine
from studio.session.project import ProjectSession
from studio.ui import commands as cmd
from studio.ui import script_model as sm
from studio.ui.clipboard import lines_to_tsv, parse_paste
from studio.ui.delegates import colour_icon
from studio.ui.script_model import ScriptModel
from studio.ui.script_view import ScriptView

Index = QModelIndex | QPersistentModelIndex


class LineEdits(QObject):
    """Built before the table (the model commits through it), then given the model and view with ``attach``."""

    model: ScriptModel
    view: ScriptView

    def __init__(self, session: ProjectSession, runner: cmd.UndoRunner, show_message: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.show_message = show_message

    def attach(self, model: ScriptModel, view: ScriptView) -> None:
        self.model = model
        self.view = view
        model.selection_rows = self.rows_for_edit

    @property
    def store(self):  # noqa: ANN201
        return self.session.store

    # ---------------------------------------------------------------- commits the model asks for

    def commit_lines(self, before: list[Line], after: list[Line], label: str) -> bool:
        return self.runner.run(cmd.EditLines(self.store, before, after, label))

    def move_lines(self, order: list[int], label: str) -> bool:
        ep = self.model.episode_id
        if ep is None:
            return False
        return self.runner.run(cmd.MoveLines(self.store, ep, self.session.episode.line_ids(), order, label))

    def rows_for_edit(self, row: int, col: int) -> list[int]:
        rows = self.view.selected_rows()
        if col not in (sm.TEXT, sm.NOTE) and row in rows and len(rows) > 1:
            return rows
        return [row]

    # ---------------------------------------------------------------- line edits

    def insert(self, above: bool) -> None:
        ep = self.model.episode_id
        if ep is None:
            return
        rows = self.view.selected_rows()
        if rows:
            ref = self.model.line_at(rows[0] if above else rows[-1])
            index = ref.position if above else ref.position + 1
            role_id = ref.role_id
        else:
            index, role_id = self.model.rowCount(), None
        command = cmd.InsertLines(self.store, ep, index, [NewLine(role_id, "", Delivery())], self.tr("Insert line"))
        if self.runner.run(command):
            self.view.select_lines(command.ids)
            row = self.model.row_of(command.ids[0])
            if row is not None:
                self.view.edit(self.model.index(row, sm.TEXT))

    def delete(self) -> None:
        ids = self.view.selected_line_ids()
        if not ids:
            return
        rows = self.view.selected_rows()
        label = self.tr("Delete %1 line(s)").replace("%1", str(len(ids)))
        if self.runner.run(cmd.DeleteLines(self.store, ids, label)):
            if self.model.rowCount():
                self.view.selectRow(min(rows[0], self.model.rowCount() - 1))
            self.show_message(label + " — " + self.tr("Undo (Ctrl+Z) brings them back."))

    def move_selection(self, step: int) -> None:
        ids = self.view.selected_line_ids()
        if not ids:
            return
        rows = self.view.selected_rows()
        n = self.model.rowCount()
        if (step < 0 and rows[0] == 0) or (step > 0 and rows[-1] == n - 1):
            return
        dest = rows[0] - 1 if step < 0 else rows[-1] + 2
        order = self.model.order_after_move(ids, dest)
        if self.move_lines(order, self.tr("Move lines")):
            self.view.select_lines(ids, self.view.currentIndex().column())

    def copy(self) -> None:
        rows = self.view.selected_rows()
        roles = self.model.roles()
        data = []
        for r in rows:
            line = self.model.line_at(r)
            role = roles.get(line.role_id) if line.role_id is not None else None
            data.append((role.name if role else "", line.text, line.delivery.emotion))
        if data:
            QGuiApplication.clipboard().setText(lines_to_tsv(data))
            self.show_message(self.tr("Copied %1 line(s).").replace("%1", str(len(data))))

    def cut(self) -> None:
        self.copy()
        self.delete()

    def paste(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> list[int]:
        """Insert pasted lines below the selection (roles created by name as needed); returns new ids."""
        ep = self.model.episode_id
        pasted = parse_paste(text)
        if ep is None or not pasted:
            return []
        rows = self.view.selected_rows()
        ref = self.model.line_at(rows[-1]) if rows else None
        index = ref.position + 1 if ref is not None else self.model.rowCount()
        items = [ScriptLine(p.role or "", p.text, p.delivery, p.gap_ms) for p in pasted]
        plan = plan_lines(self.store, items, default_role=ref.role_id if ref else None)
        label = self.tr("Paste %1 line(s)").replace("%1", str(len(pasted)))
        command = cmd.PasteLines(self.store, ep, index, plan, label)
        if not self.runner.run(command):
            return []
        self.view.select_lines(command.ids)
        self.show_message(label)
        return command.ids

    def set_role_of_selection(self, role_id: int | None) -> None:
        self.model.set_values(self.view.selected_rows(), sm.ROLE, role_id if role_id is not None else -1)

    def set_emotion_of_selection(self, emotion: str) -> None:
        self.model.set_values(self.view.selected_rows(), sm.EMOTION, emotion)

    def set_effect_of_selection(self, effect: str) -> None:
        self.model.set_values(self.view.selected_rows(), sm.EFFECT, effect)

    # ---------------------------------------------------------------- timing (the timeline's edits)

    def drag_clip(self, line_id: int, delta_ms: int, alone: bool, start_ms: int) -> bool:
        """A clip dragged on the timeline: the gap before it changes (or, alone, its offset); one undo step."""
        row = self.model.row_of(line_id)
        if row is None:
            return False
        line = self.model.line_at(row)
        role = self.session.roles().get(line.role_id) if line.role_id is not None else None
        after = timing.dragged(line, role, self.session.settings, delta_ms, alone=alone, first=row == 0,
                               start_ms=start_ms)
        if after == line:
            return False
        label = self.tr("Move a clip") if alone or row == 0 else self.tr("Change the gap before a line")
        return self.commit_lines([line], [after], label)

    def set_all_gaps(self, gap_ms: int) -> bool:
        lines = self.session.episode.plans()
        before = [p.line for p in lines]
        after = timing.with_gaps(before, gap_ms)
        changed = [(b, a) for b, a in zip(before, after, strict=True) if a != b]
        if not changed:
            return False
        return self.commit_lines([b for b, _ in changed], [a for _, a in changed],
                                 self.tr("Set every gap to %1 ms").replace("%1", str(gap_ms)))

    def tighten_gaps(self) -> bool:
        before = [p.line for p in self.session.episode.plans()]
        after = timing.tightened(before, self.session.roles(), self.session.settings)
        if not after:
            self.show_message(self.tr("Every gap is already %1 ms or less.").replace("%1", str(timing.TIGHT_GAP_MS)))
            return False
        by_id = {ln.id: ln for ln in before}
        return self.commit_lines([by_id[a.id] for a in after], after, self.tr("Tighten gaps"))

    # ---------------------------------------------------------------- menus and cell choices

    def fill_role_menu(self, menu: QMenu) -> None:
        menu.clear()
        for role in self.session.roles().values():
            act = menu.addAction(colour_icon(role.colour), role.name)
            act.triggered.connect(lambda _c=False, rid=role.id: self.set_role_of_selection(rid))

    def fill_emotion_menu(self, menu: QMenu) -> None:
        menu.clear()
        for label, value in self.emotion_choices(QModelIndex()):
            act = menu.addAction(label)
            act.triggered.connect(lambda _c=False, v=value: self.set_emotion_of_selection(str(v)))

    def fill_effect_menu(self, menu: QMenu) -> None:
        menu.clear()
        for label, value in self.effect_choices(QModelIndex()):
            act = menu.addAction(label)
            act.triggered.connect(lambda _c=False, v=value: self.set_effect_of_selection(str(v)))

    def effect_choices(self, index: Index) -> list[tuple[str, object]]:
        """The voice effects a line can have: the role's (inherit), none, or one of its own."""
        names = self.model.effect_names
        choices: list[tuple[str, object]] = [(self.tr("(as the role)"), "")]
        choices += [(names[e], e) for e in (*EFFECTS, NO_EFFECT)]
        return choices

    def emotion_choices(self, index: Index) -> list[tuple[str, object]]:
        choices: list[tuple[str, object]] = [(self.tr("(engine decides)"), "")]
        names = self.model.emotion_names
        for e in emotions_for(self.session.engine_name, self.session.engine_model):
            choices.append((names.get(e, e), e))
        return choices

    def take_choices(self, index: Index) -> list[tuple[str, object]]:
        plan = self.model.plan_at(index.row())
        if plan.job is None:
            return [(self.tr("(no take)"), None)]
        takes = [t for t in self.store.takes_for_line(plan.line.id) if t.render_key == plan.job.key]
        if not takes:
            return [(self.tr("(no take)"), None)]
        choices: list[tuple[str, object]] = [(self.tr("newest"), None)]
        for t in takes:
            choices.append((self.tr("take %1 (%2 s)").replace("%1", str(t.id))
                            .replace("%2", f"{t.duration_ms / 1000:.1f}"), t.id))
        return choices
