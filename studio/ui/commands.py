"""Undo commands: every edit the window makes to a project, as a ``QUndoCommand`` over ``ProjectStore``.

A command is applied once *before* it is pushed (so a refused edit never reaches the stack and its
sentence reaches the user), then ``redo``/``undo`` replay it. Each store call is one transaction, so
every step is on disk at once. Undo restores exact previous values, ids included. Lives here: the
commands and ``UndoRunner`` which applies and pushes them. Must not live here: widgets, Qt models.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from studio.actions import importing
from studio.domain.model import Episode, Line, ProjectSettings, Role
from studio.store.project_file import LineSpec, ProjectStore

log = logging.getLogger(__name__)


class StoreCommand(QUndoCommand):
    """A command whose first ``redo`` is skipped: ``UndoRunner`` has already applied it."""

    def __init__(self, store: ProjectStore, text: str) -> None:
        super().__init__(text)
        self.store = store
        self.report: Callable[[str], None] = lambda message: None
        self._applied = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._guard(self.apply)

    def undo(self) -> None:
        self._guard(self.revert)

    def _guard(self, step: Callable[[], None]) -> None:
        try:
            step()
        except Exception as exc:  # a failed undo must not take the window down
            log.exception("undo step failed")
            self.report(str(exc) or type(exc).__name__)


class EditLines(StoreCommand):
    """Any change to existing lines: text, role, delivery, gap, offset, take choice."""

    def __init__(self, store: ProjectStore, before: Sequence[Line], after: Sequence[Line], text: str) -> None:
        super().__init__(store, text)
        self.before = list(before)
        self.after = list(after)

    def apply(self) -> None:
        self.store.update_lines(self.after)

    def revert(self) -> None:
        self.store.update_lines(self.before)


class InsertLines(StoreCommand):
    def __init__(self, store: ProjectStore, episode_id: int, index: int, specs: Sequence[LineSpec],
                 text: str) -> None:
        super().__init__(store, text)
        self.episode_id = episode_id
        self.index = index
        self.specs = list(specs)
        self.ids: list[int] = []
        self._removed: list[Line] = []

    def apply(self) -> None:
        if self._removed:
            self.store.restore_lines(self._removed)
        else:
            self.ids = self.store.insert_lines(self.episode_id, self.index, self.specs)

    def revert(self) -> None:
        self._removed = self.store.delete_lines(self.ids)


class DeleteLines(StoreCommand):
    def __init__(self, store: ProjectStore, line_ids: Sequence[int], text: str) -> None:
        super().__init__(store, text)
        self.line_ids = list(line_ids)
        self._removed: list[Line] = []

    def apply(self) -> None:
        self._removed = self.store.delete_lines(self.line_ids)

    def revert(self) -> None:
        self.store.restore_lines(self._removed)


class MoveLines(StoreCommand):
    def __init__(self, store: ProjectStore, episode_id: int, before: Sequence[int], after: Sequence[int],
                 text: str) -> None:
        super().__init__(store, text)
        self.episode_id = episode_id
        self.before = list(before)
        self.after = list(after)

    def apply(self) -> None:
        self.store.move_lines(self.episode_id, self.after)

    def revert(self) -> None:
        self.store.move_lines(self.episode_id, self.before)


class AddRole(StoreCommand):
    def __init__(self, store: ProjectStore, name: str, text: str, colour: str | None = None,
                 gender: str | None = None) -> None:
        super().__init__(store, text)
        self.name = name
        self.colour = colour
        self.gender = gender
        self.role: Role | None = None

    def apply(self) -> None:
        if self.role is None:
            self.role = self.store.add_role(self.name, colour=self.colour, gender=self.gender)
        else:
            self.store.restore_role(self.role)

    def revert(self) -> None:
        assert self.role is not None
        self.role = self.store.role(self.role.id)
        self.store.delete_role(self.role.id)


class EditRole(StoreCommand):
    """Name, colour, default delivery or voice bindings of a role."""

    def __init__(self, store: ProjectStore, before: Role, after: Role, text: str) -> None:
        super().__init__(store, text)
        self.before = before
        self.after = after

    def apply(self) -> None:
        self.store.update_role(self.after)

    def revert(self) -> None:
        self.store.update_role(self.before)


class DeleteRole(StoreCommand):
    """Delete a role (its lines keep their text, with no role); undo gives the lines back, in one step."""

    def __init__(self, store: ProjectStore, role_id: int, text: str) -> None:
        super().__init__(store, text)
        self.role_id = role_id
        self._role: Role | None = None
        self._lines: list[int] = []

    def apply(self) -> None:
        self._role = self.store.role(self.role_id)
        self._lines = self.store.delete_role(self.role_id)

    def revert(self) -> None:
        assert self._role is not None
        self.store.restore_role(self._role, self._lines)


class MergeRoles(StoreCommand):
    """Reassign an alias's lines to another role and delete the alias."""

    def __init__(self, store: ProjectStore, alias_id: int, into_id: int, text: str) -> None:
        super().__init__(store, text)
        self.alias_id = alias_id
        self.into_id = into_id
        self._alias: Role | None = None
        self._moved: list[int] = []

    def apply(self) -> None:
        self._alias = self.store.role(self.alias_id)
        self._moved = self.store.merge_roles(self.alias_id, self.into_id)

    def revert(self) -> None:
        assert self._alias is not None
        self.store.restore_role(self._alias, self._moved)


class ImportScript(StoreCommand):
    """A script imported as a new episode with the roles it brings, one transaction each way."""

    def __init__(self, store: ProjectStore, plan: importing.ImportPlan, text: str) -> None:
        super().__init__(store, text)
        self.plan = plan
        self.result: importing.ImportResult | None = None

    def apply(self) -> None:
        if self.result is None:
            self.result = importing.apply_import(self.store, self.plan)
        else:
            importing.redo_import(self.store, self.result)

    def revert(self) -> None:
        assert self.result is not None
        importing.undo_import(self.store, self.result)


class PasteLines(StoreCommand):
    """Lines (and the roles they name that do not exist yet) added at a position, one transaction each way."""

    def __init__(self, store: ProjectStore, episode_id: int, index: int, plan: importing.LinesPlan,
                 text: str) -> None:
        super().__init__(store, text)
        self.episode_id = episode_id
        self.index = index
        self.plan = plan
        self.ids: list[int] = []
        self._roles: list[Role] = []
        self._removed: list[Line] = []

    def apply(self) -> None:
        if self._removed:
            self.store.restore_lines_and_roles(self._removed, self._roles)
        else:
            self.ids, self._roles = self.store.add_lines_with_roles(self.plan.new_roles, self.episode_id,
                                                                    self.index, self.plan.pairs())

    def revert(self) -> None:
        self._removed = self.store.remove_lines_and_roles(self.ids, [r.id for r in self._roles])


class AddEpisode(StoreCommand):
    """A new (possibly duplicated) episode."""

    def __init__(self, store: ProjectStore, title: str, language: str, specs: Sequence[LineSpec], text: str,
                 position: int | None = None) -> None:
        super().__init__(store, text)
        self.title = title
        self.language = language
        self.specs = list(specs)
        self.position = position
        self.episode: Episode | None = None
        self._lines: list[Line] = []

    def apply(self) -> None:
        if self.episode is None:
            self.episode = self.store.add_episode(self.title, self.language, self.specs, position=self.position)
        else:
            self.store.restore_episode(self.episode, self._lines)

    def revert(self) -> None:
        assert self.episode is not None
        self.episode = self.store.episode(self.episode.id)
        self._lines = self.store.lines(self.episode.id)
        self.store.delete_episode(self.episode.id)


class DeleteEpisode(StoreCommand):
    def __init__(self, store: ProjectStore, episode_id: int, text: str) -> None:
        super().__init__(store, text)
        self.episode_id = episode_id
        self._episode: Episode | None = None
        self._lines: list[Line] = []

    def apply(self) -> None:
        self._episode = self.store.episode(self.episode_id)
        self._lines = self.store.lines(self.episode_id)
        self.store.delete_episode(self.episode_id)

    def revert(self) -> None:
        assert self._episode is not None
        self.store.restore_episode(self._episode, self._lines)


class EditEpisode(StoreCommand):
    """Rename an episode or change its language."""

    def __init__(self, store: ProjectStore, before: Episode, after: Episode, text: str) -> None:
        super().__init__(store, text)
        self.before = before
        self.after = after

    def apply(self) -> None:
        self.store.update_episode(self.after)

    def revert(self) -> None:
        self.store.update_episode(self.before)


class MoveEpisode(StoreCommand):
    def __init__(self, store: ProjectStore, episode_id: int, old_index: int, new_index: int, text: str) -> None:
        super().__init__(store, text)
        self.episode_id = episode_id
        self.old_index = old_index
        self.new_index = new_index

    def apply(self) -> None:
        self.store.move_episode(self.episode_id, self.new_index)

    def revert(self) -> None:
        self.store.move_episode(self.episode_id, self.old_index)


class UndoRunner:
    """Applies a command, and pushes it only when the store accepted it."""

    def __init__(self, stack: QUndoStack, report: Callable[[str], None]) -> None:
        self.stack = stack
        self.report = report

    def run(self, command: StoreCommand) -> bool:
        command.report = self.report
        try:
            command.apply()
        except Exception as exc:
            log.info("edit refused: %s", exc)
            self.report(str(exc) or type(exc).__name__)
            return False
        command._applied = True
        self.stack.push(command)
        return True

    def macro(self, text: str) -> _Macro:
        return _Macro(self.stack, text)


class _Macro:
    def __init__(self, stack: QUndoStack, text: str) -> None:
        self.stack = stack
        self.text = text

    def __enter__(self) -> None:
        self.stack.beginMacro(self.text)

    def __exit__(self, *exc: object) -> None:
        self.stack.endMacro()


class EditProjectSettings(StoreCommand):
    """A change to the project's own settings made from the window (caption styles, …)."""

    def __init__(self, store: ProjectStore, before: ProjectSettings, after: ProjectSettings, text: str) -> None:
        super().__init__(store, text)
        self.before = before
        self.after = after

    def apply(self) -> None:
        self.store.set_settings(self.after)

    def revert(self) -> None:
        self.store.set_settings(self.before)
