"""An open project as the window sees it: the store, the active engine and planner, and store events
re-emitted as a Qt signal.

The store calls its listeners synchronously after each commit; ``ProjectSession`` turns that call into
``store_changed(kind, payload)`` so widgets and models react on the Qt main thread. Lives here: planning
that never raises (a bad voice id becomes a failed row, not an exception). Must not live here: widgets,
undo commands, rendering.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from studio.domain.model import FAILED, Role
from studio.engines.speech import EngineError, SpeechEngine
from studio.render.planner import LinePlan, RenderPlanner
from studio.store.project_file import ProjectStore
from studio.ui.services import EngineHub

log = logging.getLogger(__name__)


class ProjectSession(QObject):
    """One open project. The window holds exactly one at a time."""

    store_changed = Signal(str, object)
    engine_changed = Signal(str)
    engine_problem = Signal(str)

    def __init__(self, store: ProjectStore, engines: EngineHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.engines = engines
        self._unsubscribe: Callable[[], None] | None = store.subscribe(self._on_store_event)
        self._engine_name = ""
        self._model: str | None = None
        self._engine: SpeechEngine | None = None
        self._planner: RenderPlanner | None = None
        self.engine_error: str | None = None
        self._load_engine()

    # ---------------------------------------------------------------- store events

    def _on_store_event(self, kind: str, payload: Any) -> None:
        self.store_changed.emit(kind, payload)
        if kind == "settings" and (payload.engine != self._engine_name
                                   or (payload.engine == "minimax" and payload.minimax_model != self._model)):
            self._load_engine()

    # ---------------------------------------------------------------- engine

    def _load_engine(self) -> None:
        settings = self.store.settings
        name = settings.engine
        model = settings.minimax_model if name == "minimax" else None
        self._engine_name = name
        self._model = model
        try:
            self._engine = self.engines.get(name, model)
            self.engine_error = None
        except EngineError as exc:
            self._engine = None
            self.engine_error = str(exc)
            self.engine_problem.emit(str(exc))
        self._planner = RenderPlanner(self.store, self._engine) if self._engine is not None else None
        self.engine_changed.emit(name)

    def reload_engine(self) -> None:
        """Build the engine again (after its settings changed)."""
        self.engines.forget(self._engine_name)
        self._load_engine()

    @property
    def engine_name(self) -> str:
        return self._engine_name

    @property
    def engine(self) -> SpeechEngine | None:
        return self._engine

    @property
    def engine_model(self) -> str:
        if self._engine_name == "minimax":
            return self.store.settings.minimax_model
        return ""

    def set_engine(self, name: str) -> None:
        """Make ``name`` this project's engine (saved in the project)."""
        if name != self._engine_name:
            self.store.set_settings(self.store.settings.with_(engine=name))

    # ---------------------------------------------------------------- planning

    def plan(self, episode_id: int, line_ids: list[int] | None = None) -> list[LinePlan]:
        """The plans of an episode's lines (all, or ``line_ids``); a line the engine refuses is failed."""
        if self._planner is None:
            lines = self.store.lines(episode_id)
            if line_ids is not None:
                wanted = set(line_ids)
                lines = [ln for ln in lines if ln.id in wanted]
            reason = self.engine_error or "No speech engine is available."
            return [LinePlan(ln, None, FAILED, None, reason) for ln in lines]
        return self._planner.plan(episode_id, line_ids)

    def roles(self) -> dict[int, Role]:
        return {r.id: r for r in self.store.roles()}

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.store.close()


def _sentence(exc: BaseException) -> str:
    text = str(exc).strip()
    return text if text else type(exc).__name__
