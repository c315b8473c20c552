"""The writing room's undo commands: each accepted proposal is one step on the window's undo stack.

Every command wraps the writing actions' own ``apply_*`` / ``undo_*`` (``studio.actions.writing``): new
episodes (generated, translated, attributed) come out again with the roles they brought, continued lines
with theirs, rewritten lines get their old text back. Redo puts back the very rows undo took out (same
ids), so later steps on the stack still find their lines. A command whose apply fails raises, so
``UndoRunner`` shows the sentence and pushes nothing: the project is as it was.
Must not live here: widgets, chat requests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from studio.actions import ActionError, importing
from studio.actions import writing as wr
from studio.domain.model import Line, Role
from studio.store.project_file import ProjectStore
from studio.ui.commands import StoreCommand


class _AddsEpisodes(StoreCommand):
    """New episodes as import results: taken out by undo, put back (same ids) by redo. ``leaving`` hears
    the ids of the episodes undo is about to take out (so a window can first open another one)."""

    def __init__(self, store: ProjectStore, text: str) -> None:
        super().__init__(store, text)
        self.results: list[importing.ImportResult] = []
        self.leaving: Callable[[list[int]], None] | None = None

    def add(self) -> list[importing.ImportResult]:
        raise NotImplementedError

    def apply(self) -> None:
        if not self.results:
            self.results = self.add()
        else:
            for result in self.results:
                importing.redo_import(self.store, result)

    def revert(self) -> None:
        if self.leaving is not None:
            self.leaving(self.episode_ids)
        wr.undo_generation(self.store, self.results)  # each import taken out, the last one first

    @property
    def episode_ids(self) -> list[int]:
        return [r.episode.id for r in self.results]


class AddGeneratedEpisodes(_AddsEpisodes):
    def __init__(self, store: ProjectStore, plan: wr.GenerationPlan, text: str) -> None:
        super().__init__(store, text)
        self.plan = plan

    def add(self) -> list[importing.ImportResult]:
        return wr.apply_generation(self.store, self.plan)


class AddTranslations(_AddsEpisodes):
    def __init__(self, store: ProjectStore, plans: Sequence[wr.TranslationPlan], text: str) -> None:
        super().__init__(store, text)
        self.plans = list(plans)
        self.translations: list[wr.TranslationResult] = []

    def add(self) -> list[importing.ImportResult]:
        self.translations = wr.apply_translations(self.store, self.plans)
        return [t.result for t in self.translations]


class AddAttributedEpisode(_AddsEpisodes):
    def __init__(self, store: ProjectStore, plan: wr.AttributionPlan, text: str) -> None:
        super().__init__(store, text)
        self.plan = plan

    def add(self) -> list[importing.ImportResult]:
        return [wr.apply_attribution(self.store, self.plan)]


class AddContinuation(StoreCommand):
    """Lines (and the roles they bring) added at the end of an episode."""

    def __init__(self, store: ProjectStore, plan: wr.ContinuationPlan, text: str) -> None:
        super().__init__(store, text)
        self.plan = plan
        self.added: wr.AddedLines | None = None
        self._lines: list[Line] = []
        self._roles: list[Role] = []

    def apply(self) -> None:
        if self.added is None:
            self.added = wr.apply_continuation(self.store, self.plan)
        else:
            self.store.restore_lines_and_roles(self._lines, self._roles)

    def revert(self) -> None:
        assert self.added is not None
        self._lines = self.store.lines_by_ids(self.added.line_ids)
        self._roles = [self.store.role(i) for i in self.added.role_ids]
        wr.undo_continuation(self.store, self.added)


class RewriteLines(StoreCommand):
    """New versions of lines (a rewrite, a shortening, a speed-up). Refused when the lines changed since
    the rewrite was planned, so a newer edit is never overwritten."""

    def __init__(self, store: ProjectStore, plan: wr.RewritePlan, text: str) -> None:
        super().__init__(store, text)
        self.plan = plan
        self._checked = False

    def apply(self) -> None:
        if not self._checked:
            current = {ln.id: ln for ln in self.store.lines_by_ids([b.id for b in self.plan.before])}
            if any(current.get(b.id) != b for b in self.plan.before):
                raise ActionError(QCoreApplication.translate(
                    "RewriteLines", "These lines were changed after the rewrite was asked for; ask again."))
            self._checked = True
        wr.apply_rewrite(self.store, self.plan)

    def revert(self) -> None:
        wr.undo_rewrite(self.store, self.plan)


__all__ = ["AddAttributedEpisode", "AddContinuation", "AddGeneratedEpisodes", "AddTranslations", "RewriteLines"]
