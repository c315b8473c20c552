"""The script table model: a ``QAbstractTableModel`` that adapts the open episode (``OpenEpisode``).

The model holds no rows of its own, the way qutebrowser's ``DownloadModel`` adapts its download manager:
the episode owns the lines, their plans and render marks, and tells the model in typed events, which
the model turns into Qt's begin/end insert/remove/reset/layout calls and ``dataChanged``. Edits are not
written here: they are handed to ``commit(before, after, label)``, which turns them into undo commands.
What the model keeps is only for drawing (colours, translated words, a delivery cache).

Must not live here: widgets, undo commands, engine calls, project state.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from studio.domain.markup import display_text
from studio.domain.model import (
    DONE,
    EMPTY,
    FAILED,
    NO_EFFECT,
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
from studio.session import events as se
from studio.session.project import ProjectSession

NUMBER, ROLE, TEXT, NOTE, CHARS, EMOTION, EFFECT, SPEED, PITCH, VOLUME, GAP, STATUS, DURATION, TAKE, CHECK = range(15)
COLUMN_COUNT = 15
EDITABLE = {ROLE, TEXT, NOTE, EMOTION, EFFECT, SPEED, PITCH, VOLUME, GAP, TAKE}
#: Columns a new window hides (the header's menu shows them).
HIDDEN_BY_DEFAULT = (NOTE, CHARS, EFFECT, PITCH, VOLUME, TAKE, CHECK)
INHERITING = (EMOTION, EFFECT, SPEED, PITCH, VOLUME, GAP)

LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
DOUBTFUL_ROLE = Qt.ItemDataRole.UserRole + 4  # True when a check found the row's take doubtful
DOUBTFUL_COLOUR = "#c2185b"  # a done line whose take a check found doubtful (Status shows "doubtful")
CHECKED_COLOUR = "#3a9a4a"
OVERFLOW_COLOUR = "#e07b00"  # a done line of a timed script whose take runs past its cue
MIME_LINES = "application/x-troupe-line-ids"

STATUS_COLOURS = {STALE: "#c28b00", QUEUED: "#7f848e", RENDERING: "#2f7fd8", DONE: "#3a9a4a", FAILED: "#d04040",
                  EMPTY: "#b0b0b0"}

Commit = Callable[[list[Line], list[Line], str], bool]
Move = Callable[[list[int], str], bool]


def effect_names() -> dict[str, str]:
    """The voice effects' names in the UI language ("" is no effect of its own)."""
    return {"telephone": QCoreApplication.translate("Effects", "telephone"),
            "radio": QCoreApplication.translate("Effects", "radio"),
            "echo": QCoreApplication.translate("Effects", "echo"),
            "hall": QCoreApplication.translate("Effects", "hall"),
            "robot": QCoreApplication.translate("Effects", "robot"),
            NO_EFFECT: QCoreApplication.translate("Effects", "no effect"), "": ""}


class ScriptModel(QAbstractTableModel):
    """Rows are the lines of the open episode, in order."""

    problem = Signal(str)  # a sentence for the status bar (a refused edit)
    totals_changed = Signal()  # stale count / characters may have changed

    def __init__(self, session: ProjectSession, commit: Commit, move: Move | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.episode = session.episode
        self._commit = commit
        self._move = move
        #: rows an edit of (row, column) applies to; the window answers "the whole selection"
        self.selection_rows: Callable[[int, int], list[int]] | None = None
        self._colours: dict[str, QColor] = {}
        self._resolved: dict[int, tuple[Line, Role | None, Delivery]] = {}
        self._moving: list[tuple[QModelIndex, int]] = []  # persistent indexes and their lines, mid-move
        self._heard: int | None = None  # the line playback is in
        self._heard_brush = QBrush(QColor(255, 214, 102, 110))
        self._italic = QFont()
        self._italic.setItalic(True)
        self._inherited = QBrush(QColor(128, 128, 128))
        self._inherited_tip = self.tr(
            "Inherited from the role; type a value to override it, clear it to inherit again.")
        self._status_names = {STALE: self.tr("stale"), QUEUED: self.tr("queued"),
                              RENDERING: self.tr("rendering"), DONE: self.tr("done"), FAILED: self.tr("failed"),
                              EMPTY: self.tr("no text")}
        self._doubtful_label = self.tr("doubtful")  # done, but a check says the take may not say its line
        self._headers = [self.tr("#"), self.tr("Role"), self.tr("Text"), self.tr("Note"), self.tr("Chars"),
                         self.tr("Emotion"), self.tr("Effect"), self.tr("Speed"), self.tr("Pitch"), self.tr("Volume"), self.tr("Gap"),
                         self.tr("Status"), self.tr("Duration"), self.tr("Take"), self.tr("Check")]
        self.emotion_names = {
            "happy": self.tr("happy"), "sad": self.tr("sad"), "angry": self.tr("angry"),
            "fearful": self.tr("fearful"), "disgusted": self.tr("disgusted"), "surprised": self.tr("surprised"),
            "calm": self.tr("calm"), "fluent": self.tr("fluent"), "whisper": self.tr("whisper")}
        self.effect_names = effect_names()
        self._unsubscribe = self.episode.subscribe(self._on_episode)

    def detach(self) -> None:
        """Stop following the episode (the window is closing)."""
        self._unsubscribe()

    # ---------------------------------------------------------------- the episode's events

    def _on_episode(self, event: se.EpisodeEvent) -> None:
        if isinstance(event, se.RowsChanged):
            first = STATUS if event.status_only else 0
            self.dataChanged.emit(self.index(event.first, first), self.index(event.last, COLUMN_COUNT - 1))
        elif isinstance(event, se.TotalsChanged):
            self.totals_changed.emit()
        elif isinstance(event, se.RowsAboutToBeInserted):
            self.beginInsertRows(QModelIndex(), event.first, event.last)
        elif isinstance(event, se.RowsInserted):
            self.endInsertRows()
        elif isinstance(event, se.RowsAboutToBeRemoved):
            self.beginRemoveRows(QModelIndex(), event.first, event.last)
        elif isinstance(event, se.RowsRemoved):
            self.endRemoveRows()
        elif isinstance(event, se.RowsAboutToMove):
            self.layoutAboutToBeChanged.emit()
            old = self.persistentIndexList()
            self._moving = [(i, self.episode.line_at(i.row()).id) for i in old if i.isValid()]
        elif isinstance(event, se.RowsMoved):
            old = [i for i, _ in self._moving]
            new = []
            for idx, line_id in self._moving:
                row = self.episode.row_of(line_id)
                new.append(self.index(row, idx.column()) if row is not None else QModelIndex())
            self.changePersistentIndexList(old, new)
            self._moving = []
            self.layoutChanged.emit()
        elif isinstance(event, se.EpisodeAboutToReset):
            self.beginResetModel()
        elif isinstance(event, se.EpisodeReset):
            self._resolved.clear()
            self.endResetModel()

    # ---------------------------------------------------------------- loading and reading

    @property
    def episode_id(self) -> int | None:
        return self.episode.episode_id

    def load(self, episode_id: int | None) -> None:
        self.episode.load(episode_id)

    def plans(self) -> list[LinePlan]:
        return self.episode.plans()

    def set_heard(self, line_id: int | None) -> None:
        """Highlight the line playback is in (None: none)."""
        old, self._heard = self._heard, line_id
        for lid in {old, line_id} - {None}:
            row = self.episode.row_of(lid)  # type: ignore[arg-type]
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    @property
    def heard(self) -> int | None:
        return self._heard

    def plan_at(self, row: int) -> LinePlan:
        return self.episode.plan_at(row)

    def line_at(self, row: int) -> Line:
        return self.episode.line_at(row)

    def row_of(self, line_id: int) -> int | None:
        return self.episode.row_of(line_id)

    def roles(self) -> dict[int, Role]:
        return self.session.roles()

    def status_of(self, row: int) -> str:
        return self.episode.status_at(row)

    def status_label(self, word: str) -> str:
        """The translated cell text for a status word (or ``take N``), for sizing columns."""
        if word.startswith("take "):
            return self.tr("take %1").replace("%1", word[5:])
        return self._doubtful_label if word == "doubtful" else self._status_names.get(word, word)

    def stale_count(self) -> int:
        return self.episode.counts().stale

    def char_counts(self) -> tuple[int, int]:
        return self.episode.char_counts()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.episode)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < COLUMN_COUNT:
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

    def _role_of(self, line: Line) -> Role | None:
        return self.session.roles().get(line.role_id) if line.role_id is not None else None

    def _colour(self, colour: str) -> QColor:
        c = self._colours.get(colour)
        if c is None:
            c = self._colours[colour] = QColor(colour)
        return c

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.episode):
            return None
        row, col = index.row(), index.column()
        plan = self.episode.plan_at(row)
        line = plan.line
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col, plan, line)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, col, line)
        if role == LINE_ID_ROLE:
            return line.id
        if role == ROLE_ID_ROLE:
            return line.role_id
        if role == STATUS_ROLE:
            return self.episode.status_at(row)
        if role == DOUBTFUL_ROLE:
            return self._doubtful(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._heard_brush if line.id == self._heard else None
        if role == Qt.ItemDataRole.DecorationRole:
            if col == ROLE:
                r = self._role_of(line)
                return self._colour(r.colour) if r is not None else None
            if col == STATUS:
                status = self.episode.status_at(row)
                if status == DONE and self._doubtful(row):
                    return self._colour(DOUBTFUL_COLOUR)
                overflowing = status == DONE and self.episode.plan_at(row).overflowing
                return self._colour(OVERFLOW_COLOUR if overflowing else STATUS_COLOURS[status])
            return None
        if col == CHECK and role == Qt.ItemDataRole.ForegroundRole:
            verdict = self.episode.verdict_at(row) if plan.status == DONE else None
            if verdict is None or not verdict.heard:
                return None
            return QBrush(self._colour(DOUBTFUL_COLOUR if verdict.doubtful else CHECKED_COLOUR))
        if col in INHERITING and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            if self._overridden(col, line):
                return None
            return self._inherited if role == Qt.ItemDataRole.ForegroundRole else self._italic
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col, plan, line)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (NUMBER, CHARS, SPEED, PITCH, VOLUME, GAP, DURATION):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == CHECK:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        return None

    def _delivery(self, line: Line) -> Delivery:
        role = self._role_of(line)
        cached = self._resolved.get(line.id)
        if cached is None or cached[0] is not line or cached[1] is not role:
            cached = self._resolved[line.id] = (line, role, effective_delivery(line, role))
        return cached[2]

    def _display(self, row: int, col: int, plan: LinePlan, line: Line) -> Any:
        if col == NUMBER:  # the line's place in the episode (renumbered right after rows come or go)
            return str(line.position + 1)
        if col == ROLE:
            role = self._role_of(line)
            return role.name if role else "—"
        if col == TEXT:
            text = line.text.replace("\n", " ⏎ ")
            return f"〔{line.note}〕{text}" if line.note else text
        if col == NOTE:
            return line.note
        if col == CHARS:
            return str(len(display_text(line.text).strip()))  # what is read, markers aside
        if col in (EMOTION, EFFECT, SPEED, PITCH, VOLUME):
            d = self._delivery(line)
            if col == EMOTION:
                return self.emotion_names.get(d.emotion or "", d.emotion or "")
            if col == EFFECT:
                return self.effect_names.get(d.effect or "", "")
            if col == SPEED:
                return f"{d.speed:.2f}×"
            if col == PITCH:
                return f"{d.pitch:+d}"
            return f"{d.volume:.1f}"
        if col == GAP:
            if line.locked and line.cue_start_ms is not None:  # it starts at its cue: no gap counts
                return self.tr("at %1 s").replace("%1", f"{line.cue_start_ms / 1000:.1f}")
            return f"{effective_gap(line, self._role_of(line), self.session.settings)} ms"
        if col == STATUS:
            status = self.episode.status_at(row)
            if status == DONE and plan.overflowing:  # a timed line whose take runs past its cue
                return self.tr("+%1 s").replace("%1", f"{plan.overflow_ms / 1000:.1f}")  # past its cue
            if status == DONE and self._doubtful(row):
                return self._doubtful_label
            return self._status_names[status]
        if col == DURATION:  # what is heard: the take less its trimmed silence
            heard = plan.take.duration_ms - line.trim_start_ms - line.trim_end_ms if plan.take is not None else 0
            return f"{max(0, heard) / 1000:.1f} s" if plan.take is not None else ""
        if col == TAKE:
            return self.tr("take %1").replace("%1", str(plan.take.id)) if plan.take is not None else ""
        if col == CHECK:
            return self._check_text(row, plan)
        return None

    def _doubtful(self, row: int) -> bool:
        plan = self.episode.plan_at(row)
        verdict = self.episode.verdict_at(row) if plan.status == DONE else None
        return verdict is not None and verdict.doubtful

    def _check_text(self, row: int, plan: LinePlan) -> str:
        """✓ when the checks found the take sound, ⚠ with its match score (⚠ 62%) when it may not say its
        line, ⚠ voice when it drifts from the role's voice, empty when not checked."""
        verdict = self.episode.verdict_at(row) if plan.status == DONE else None
        if verdict is None or not verdict.heard:
            return ""
        if not verdict.doubtful:
            return "✓"
        if verdict.check is not None and verdict.check.doubtful:
            return f"⚠ {round(verdict.check.score * 100)}%"
        return "⚠ " + self.tr("voice")  # the take says its line, in another voice

    def _check_tooltip(self, row: int, plan: LinePlan) -> str | None:
        verdict = self.episode.verdict_at(row) if plan.status == DONE else None
        if verdict is None or not verdict.heard:
            return self.tr("Not heard yet: Render ▸ Listen back to the takes checks it.") if plan.status == DONE \
                else None
        parts = []
        if verdict.check is not None:
            head = (self.tr("Doubtful: the take may not say its line (%1 % matched).") if verdict.check.doubtful
                    else self.tr("The take says its line (%1 % matched).")).replace(
                "%1", str(round(verdict.check.score * 100)))
            parts.append(head)
            parts += [self._difference(d) for d in verdict.check.differences[:8]]
            parts.append(self.tr("Heard: %1").replace("%1", verdict.check.heard or "—"))
        if verdict.similarity is not None:
            parts.append((self.tr("The voice drifts from the role's own (%1 alike).") if verdict.drifting
                          else self.tr("The role's own voice (%1 alike).")).replace(
                "%1", f"{verdict.similarity:.2f}"))
        if verdict.doubtful:
            parts.append(self.tr("Render ▸ Render the doubtful lines again makes another take."))
        return "\n".join(parts)

    def _difference(self, d: Any) -> str:
        if not d.heard:
            return self.tr("“%1” was not heard").replace("%1", d.expected)
        if not d.expected:
            return self.tr("“%1” was heard but is not in the line").replace("%1", d.heard)
        if d.tone_only:
            return self.tr("“%1” was heard in another tone (“%2”)").replace("%1", d.expected).replace("%2", d.heard)
        return self.tr("“%1” was heard as “%2”").replace("%1", d.expected).replace("%2", d.heard)

    def _edit_value(self, row: int, col: int, line: Line) -> Any:
        d = line.delivery
        if col == ROLE:
            return line.role_id
        if col == TEXT:
            return line.text
        if col == NOTE:
            return line.note
        if col == EMOTION:
            return d.emotion or ""
        if col == EFFECT:
            return d.effect or ""
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
        return self._display(row, col, self.episode.plan_at(row), line)

    @staticmethod
    def _overridden(col: int, line: Line) -> bool:
        d = line.delivery
        if col == EMOTION:
            return d.emotion is not None
        if col == EFFECT:
            return d.effect is not None
        if col == SPEED:
            return d.speed is not None
        if col == PITCH:
            return d.pitch is not None
        if col == VOLUME:
            return d.volume is not None
        return line.gap_ms is not None

    def _tooltip(self, row: int, col: int, plan: LinePlan, line: Line) -> str | None:
        if col == STATUS:
            status = self.episode.status_at(row)
            if status in (FAILED, STALE, EMPTY) and plan.error:
                tip = plan.error
                if plan.trace_id and plan.trace_id not in tip:
                    tip += "\n" + self.tr("Trace id: %1").replace("%1", plan.trace_id)
                return tip
            if status == DONE and self._doubtful(row):
                return self._check_tooltip(row, plan)
            if status == DONE and plan.overflowing:
                return self.tr("The take runs %1 s past its cue, into what follows it. Speak it faster, let it "
                               "overlap, or shorten the line: Episode ▸ Fit the dub.").replace(
                    "%1", f"{plan.overflow_ms / 1000:.2f}")
            return self._status_names[status]
        if col == CHECK:
            return self._check_tooltip(row, plan)
        if col == TEXT:
            return line.text + ("\n" + self.tr("Note: %1").replace("%1", line.note) if line.note else "")
        if col == GAP and line.locked:
            return self.tr("Locked to its subtitle cue, which starts it; drag its clip on the timeline to move "
                           "the cue.")
        if col in INHERITING and not self._overridden(col, line):
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
                line = self.episode.line_at(row)
                changed = self._with_value(line, col, value)
                if changed != line:
                    before.append(line)
                    after.append(changed)
        except ValueError as exc:
            self.problem.emit(str(exc))
            return False
        if not after:
            return False
        return self._commit(before, after, self._label(col, len(after)))

    def _with_value(self, line: Line, col: int, value: Any) -> Line:
        d = line.delivery
        if col == ROLE:
            return line.with_(role_id=None if value in (None, "", -1) else int(value))
        if col == TEXT:
            return line.with_(text=str(value).strip("\n"))
        if col == NOTE:
            return line.with_(note=" ".join(str(value or "").split()))
        if col == EMOTION:
            return line.with_(delivery=dataclasses.replace(d, emotion=str(value) or None))
        if col == EFFECT:
            new = dataclasses.replace(d, effect=str(value or "") or None)
            problems = new.validate()
            if problems:
                raise ValueError(problems[0])
            return line.with_(delivery=new)
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
        what = {ROLE: self.tr("role"), TEXT: self.tr("text"), NOTE: self.tr("note"), EMOTION: self.tr("emotion"),
                EFFECT: self.tr("effect"),
                SPEED: self.tr("speed"), PITCH: self.tr("pitch"), VOLUME: self.tr("volume"), GAP: self.tr("gap"),
                TAKE: self.tr("take")}.get(col, "")
        if count == 1:
            return self.tr("Edit %1").replace("%1", what)
        return self.tr("Edit %1 of %2 lines").replace("%1", what).replace("%2", str(count))

    def set_delivery(self, rows: Iterable[int], delivery: Delivery) -> bool:
        before = [self.episode.line_at(r) for r in sorted(set(rows))]
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
        ids = sorted({self.episode.line_at(i.row()).id for i in indexes if i.isValid()},
                     key=lambda lid: self.episode.row_of(lid) or 0)
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
            row = parent.row() if parent.isValid() else len(self.episode)
        order = self.order_after_move(moving, row)
        if order != self.episode.line_ids():
            self._move(order, self.tr("Move lines"))
        return False  # the episode's event reorders the rows; the view must not remove anything

    def order_after_move(self, moving: Sequence[int], dest_row: int) -> list[int]:
        """The episode's line order with ``moving`` placed before row ``dest_row`` (as seen before)."""
        ids = self.episode.line_ids()
        moving_set = set(moving)
        before = sum(1 for i in ids[:dest_row] if i in moving_set)
        rest = [i for i in ids if i not in moving_set]
        at = max(0, min(len(rest), dest_row - before))
        block = [i for i in ids if i in moving_set]
        return rest[:at] + block + rest[at:]
