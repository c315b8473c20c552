"""The cast panel (objectName ``castPanel``): the project's roles with their colour, gender, the voice bound
for the active engine, line counts and default delivery; add (asking the gender), rename, recolour, merge
and delete roles.

``CastModel`` adapts the session's roles (the session keeps them current) and refreshes on its typed
events; every change is an undo command run through ``UndoRunner``. Voices come from ``VoiceCatalog``.

Roles that sound alike: shortly after the cast changes (or the engine), the voices cast on the active engine
are measured in the background (``studio.actions.distinct.check_cast``, the window's job ``cast-alike``:
an offline voice's sample lines rendered once by the engine's worker thread and embedded in another, a
MiniMax voice by its cached preview) and a banner (objectName ``castAlike``) names the roles that sound
alike, with a button per pair that gives one of them a voice that sounds apart (one undo step, like any
other casting). Without the encoder's weights there is no banner. Must not live here: engine calls, casting
rules (``studio.actions.casting``, ``studio.actions.distinct``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError, distinct
from studio.domain.model import EFFECTS, Delivery, Role
from studio.library.embedding import encoder_problem
from studio.library.previews import PreviewCache
from studio.session import events as se
from studio.session.project import ProjectSession, SessionEvent
from studio.store import events as ev
from studio.ui import commands as cmd
from studio.ui.cast_model import CastModel
from studio.ui.i18n import short_name
from studio.ui.role_dialog import RoleDialog
from studio.ui.voice_catalog import VoiceCatalog
from studio.ui.voice_modify_dialog import VoiceModifyDialog

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
NEUTRAL = Delivery().resolved()
ALIKE_JOB = "cast-alike"
#: How long after the last change to the cast the voices are measured again.
ALIKE_DELAY_MS = 800
#: The first check waits until the window has been up this long: start-up and the first render come first.
ALIKE_FIRST_DELAY_MS = 4000


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
        self.modify_dialog: VoiceModifyDialog | None = None
        self.model = CastModel(session, catalog, runner, self)
        self.model.message.connect(self.message)
        self.table = QTableView(self)
        self.table.setObjectName("castTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(max(22, self.fontMetrics().height() + 6))
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
        self.table.setItemDelegateForColumn(CastModel.EFFECT, ChoiceDelegate(self._effect_choices, self))
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.setAcceptDrops(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.table.setDropIndicatorShown(True)
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
        self.effect_menu = more.addMenu(self.tr("Voice effect"))
        self.effect_menu.setObjectName("roleEffectMenu")
        self.effect_menu.aboutToShow.connect(self._fill_effect_menu)
        modify = QAction(self.tr("Voice modify (MiniMax)…"), self)
        modify.setObjectName("roleVoiceModify")
        modify.triggered.connect(lambda _c=False: self.edit_voice_modify())
        self.table.addAction(modify)
        more.addAction(modify)
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
        self._build_alike_banner()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.alike_banner)
        layout.addWidget(self.alike_progress)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.alike: distinct.CastCheck = distinct.CastCheck()
        self._alike_timer = QTimer(self)
        self._alike_timer.setSingleShot(True)
        self._alike_timer.setInterval(ALIKE_DELAY_MS)
        self._alike_timer.timeout.connect(self.check_voices)
        catalog.voices_changed.connect(self._voices_listed)  # a voice list that arrives late: check again
        unsubscribe = session.subscribe(self._on_session_for_alike)
        self.destroyed.connect(lambda *_: unsubscribe())
        self._alike_timer.start(ALIKE_FIRST_DELAY_MS)  # later changes re-check after ALIKE_DELAY_MS

    # ---------------------------------------------------------------- roles that sound alike

    def _build_alike_banner(self) -> None:
        banner = QFrame(self)
        banner.setObjectName("castAlike")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setStyleSheet("QFrame#castAlike { background: palette(alternate-base); border: 1px solid #d08c1c; "
                             "border-radius: 3px; }")
        box = QVBoxLayout(banner)
        box.setContentsMargins(6, 4, 6, 4)
        box.setSpacing(3)
        self.alike_text = QLabel(banner)
        self.alike_text.setObjectName("castAlikeText")
        self.alike_text.setWordWrap(True)
        self.alike_text.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.alike_text)
        self.alike_buttons: list[QPushButton] = []
        for n in range(3):
            button = QPushButton(banner)
            button.setObjectName(f"castAlikeApply{n}")
            button.clicked.connect(lambda _c=False, k=n: self.apply_advice(k))
            button.hide()
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.alike_buttons.append(button)
        self.alike_progress = QLabel(self)
        self.alike_progress.setObjectName("castAlikeProgress")
        self.alike_progress.setEnabled(False)  # greyed: it is only what the check is doing
        self.alike_progress.hide()
        banner.hide()
        self.alike_banner = banner

    def _voices_listed(self) -> None:
        if self.model.attached and self.alike.pairs and not self.alike.advice:
            self._alike_timer.start()  # the suggestions need the voices to choose from

    def _on_session_for_alike(self, event: SessionEvent) -> None:
        if self.model.attached and isinstance(event, (ev.RoleAdded, ev.RoleChanged, ev.RoleRemoved,
                                                      se.EngineChanged)):
            try:
                self._alike_timer.start()  # measured again once the changes settle
            except RuntimeError:  # the panel is gone
                pass

    def pair_sentence(self, pair: distinct.AlikePair) -> str:
        if pair.first_voice == pair.second_voice or pair.similarity >= 1.0:
            text = self.tr("%1 and %2 share a voice — pick another voice for one.")
        else:
            text = self.tr("%1 and %2 sound alike (%3) — pick another voice for one.")
        return text.replace("%1", pair.first).replace("%2", pair.second).replace("%3", f"{pair.similarity:.2f}")

    def check_voices(self) -> asyncio.Task[None] | None:
        """Measure the voices cast on the active engine in the background and show the roles that sound alike
        (also called by tests; the window calls it shortly after each change to the cast)."""
        self._alike_timer.setInterval(ALIKE_DELAY_MS)  # after the first check, changes are checked soon
        if not self.model.attached:  # the window is closing
            self._alike_timer.stop()
            return None
        engine = self.session.engine
        if encoder_problem() is not None or engine is None:
            self.show_alike(distinct.CastCheck())
            return None
        roles = list(self.session.roles().values())
        if sum(1 for r in roles if r.voices.get(engine.name)) < 2:
            self.catalog.tasks.cancel(ALIKE_JOB)
            self.show_alike(distinct.CastCheck())
            return None
        try:
            context = distinct.cast_context(self.session.store)
            voices = self.catalog.voices(engine.name)
            previews = PreviewCache(self.catalog.library.folder / "previews")
            return self.catalog.tasks.spawn(ALIKE_JOB, self._check(roles, engine, voices, context, previews))
        except RuntimeError:  # the window is closing
            return None

    async def _check(self, roles: list[Role], engine: Any, voices: list[Any], context: distinct.CastContext,
                     previews: PreviewCache) -> None:
        def progress(done: int, total: int) -> None:
            self.alike_progress.setVisible(done < total)
            self.alike_progress.setText(self.tr("Listening to the voices to tell them apart (%1 of %2)…")
                                        .replace("%1", str(done + 1)).replace("%2", str(total)))

        try:
            result = await distinct.check_cast(roles, engine, voices, context, previews=previews, progress=progress,
                                               on_pairs=lambda pairs: self.show_alike(distinct.CastCheck(pairs)))
        except ActionError as exc:
            log.info("the cast could not be checked: %s", exc)
            result = distinct.CastCheck()
        finally:
            self.alike_progress.hide()
        self.show_alike(result)

    def show_alike(self, result: distinct.CastCheck) -> None:
        """Show ``result``: the banner with each alike pair and a button per suggestion (hidden when none)."""
        self.alike = result
        self.model.set_alike(result.pairs)
        if not result.pairs:
            self.alike_banner.hide()
            return
        lines = [self.pair_sentence(p) for p in result.pairs[:4]]
        if len(result.pairs) > 4:
            lines.append(self.tr("… and %1 more pairs").replace("%1", str(len(result.pairs) - 4)))
        self.alike_text.setText("\n".join(lines))
        for n, button in enumerate(self.alike_buttons):
            advice = result.advice[n] if n < len(result.advice) else None
            button.setVisible(advice is not None)
            if advice is not None:
                label = self.model.voice_label(advice.voice_id)
                button.setText(self.tr("Give %1 the voice %2").replace("%1", advice.role).replace("%2", label))
                button.setToolTip(self.tr("%1 then sounds apart from every other role; Undo (Ctrl+Z) takes it back.")
                                  .replace("%1", advice.role))
        self.alike_banner.show()

    def apply_advice(self, n: int = 0) -> bool:
        """Cast the ``n``-th suggested voice (one undo step); the cast is measured again after it."""
        if n >= len(self.alike.advice):
            return False
        advice = self.alike.advice[n]
        if not self.model.set_voice(advice.role_id, advice.voice_id):
            return False
        self.message.emit(self.tr("%1 now speaks with %2.").replace("%1", advice.role)
                          .replace("%2", self.model.voice_label(advice.voice_id)))
        return True

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

    def _effect_choices(self) -> list[tuple[str, str, str]]:
        names = self.model.effect_names
        return [(self.tr("(none)"), "", "")] + [(names[e], e, "") for e in EFFECTS]

    def _fill_effect_menu(self) -> None:
        menu = self.effect_menu
        menu.clear()
        role = self.selected_role()
        for label, value, _tip in self._effect_choices():
            act = menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(role is not None and (role.delivery.effect or "") == value)
            act.setEnabled(role is not None)
            act.triggered.connect(lambda _c=False, v=value: self._set_selected_effect(v or None))

    def _set_selected_effect(self, effect: str | None) -> None:
        role = self.selected_role()
        if role is None:
            self.message.emit(self.tr("Select a role first."))
            return
        self.model.set_effect(role.id, effect)

    def edit_voice_modify(self) -> bool:
        """Open the selected role's MiniMax voice modify dialog; OK applies it as one undo step."""
        role = self.selected_role()
        if role is None:
            self.message.emit(self.tr("Select a role first."))
            return False
        dialog = VoiceModifyDialog(role.name, role.delivery, self)
        self.modify_dialog = dialog  # reachable while open (tests, screenshots)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            return self.model.set_voice_modify(role.id, dialog.values())
        finally:
            self.modify_dialog = None
            dialog.deleteLater()

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
            self.message.emit(self.tr("Merged “%1” into “%2”; Undo (Ctrl+Z) separates them again.")
                              .replace("%1", alias.name).replace("%2", into.name))
        return ok

    def delete_role(self, role_id: int) -> bool:
        return self.runner.run(cmd.DeleteRole(self.session.store, role_id, self.tr("Delete role")))

    def set_colour(self, role_id: int, colour: str) -> bool:
        before = self.session.store.role(role_id)
        after = dataclasses.replace(before, colour=colour)
        return self.runner.run(cmd.EditRole(self.session.store, before, after, self.tr("Change role colour")))

    def assign_voice(self, voice_id: str, engine: str | None = None) -> None:
        role = self.selected_role()
        if role is None:
            self.message.emit(self.tr("Select a role in the Cast panel first (or drag the voice onto a role)."))
            return
        if self.model.set_voice(role.id, voice_id, engine):
            self.message.emit(self.tr("%1 now speaks with %2.").replace("%1", role.name)
                              .replace("%2", self.model.voice_label(voice_id, engine)))

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
