"""An open project as the user sees it: the store, the engine it speaks with, and the open episode.

``ProjectSession`` hears every committed change from the store and handles it in one order: first it
loads the engine a settings change asks for, then the open episode re-plans its rows with that engine,
and only then are the views told (the store event itself, then ``EngineChanged``). So no view can ever
show one engine's state under another's name, and every view hears of a change after the rows are
true. Planning never raises: a line an engine refuses is a failed row, an engine that cannot be built
leaves the rows stale with the reason. Qt-free. Must not live here: Qt, undo, rendering.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from studio.actions.engines import EngineHub, engine_model
from studio.domain.model import ProjectSettings, Role
from studio.engines.speech import EngineError, SpeechEngine
from studio.render.planner import LinePlan, RenderPlanner, unplanned
from studio.session import events as se
from studio.session.episode import OpenEpisode
from studio.store import events as ev
from studio.store.project_file import ProjectStore

log = logging.getLogger(__name__)

SessionEvent = ev.StoreEvent | se.EngineChanged
Listener = Callable[[SessionEvent], None]


class ProjectSession:
    """One open project; the window holds exactly one at a time."""

    def __init__(self, store: ProjectStore, engines: EngineHub) -> None:
        self.store = store
        self.engines = engines
        self._listeners: ev.Listeners[SessionEvent] = ev.Listeners(guard=True)
        self._engine_name = ""
        self._model = ""
        self._engine: SpeechEngine | None = None
        self._planner: RenderPlanner | None = None
        self.engine_error: str | None = None
        self.engine_error_code: int | str | None = None
        self._roles: dict[int, Role] = {r.id: r for r in store.roles()}
        self._settings = store.settings
        self._load_engine()
        self.episode = OpenEpisode(self)
        self._unsubscribe: Callable[[], None] | None = store.subscribe(self._on_store)

    # ---------------------------------------------------------------- listening

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """``listener(event)`` after each change, once the session and the open episode are up to date."""
        return self._listeners.subscribe(listener)

    def _emit(self, event: SessionEvent) -> None:
        self._listeners.emit(event)  # one view's bug must not stop the others from hearing the change

    def _on_store(self, event: ev.StoreEvent) -> None:
        if isinstance(event, (ev.RoleAdded, ev.RoleChanged)):
            self._roles[event.role.id] = event.role
            self._roles = dict(sorted(self._roles.items(), key=lambda kv: (kv[1].position, kv[0])))
        elif isinstance(event, ev.RoleRemoved):
            self._roles.pop(event.role_id, None)
        elif isinstance(event, ev.SettingsChanged):
            self._settings = event.settings
        changed = isinstance(event, ev.SettingsChanged) and self._wants_other_engine()
        if changed:
            self._load_engine()
        self.episode.on_store(event)  # a settings change re-plans every row, with the new engine
        self._emit(event)
        if changed:
            self._emit(se.EngineChanged(self._engine_name, self.engine_error or ""))

    # ---------------------------------------------------------------- engine

    def _wants_other_engine(self) -> bool:
        settings = self._settings
        return (settings.engine != self._engine_name
                or engine_model(settings.engine, settings) != self._model)

    def _load_engine(self) -> None:
        settings = self._settings
        name = settings.engine
        model = engine_model(name, settings)
        self._engine_name, self._model = name, model
        try:
            self._engine = self.engines.get(name, model or None)
            self.engine_error = None
            self.engine_error_code = None
        except EngineError as exc:
            self._engine = None
            self.engine_error = str(exc)
            self.engine_error_code = exc.code  # "no-key" when MiniMax has no key
        self._planner = RenderPlanner(self.store, self._engine) if self._engine is not None else None

    def reload_engine(self) -> None:
        """Build the engine again (its own settings changed: a key, a host, limits) and re-plan."""
        self.engines.forget(self._engine_name)
        self._load_engine()
        self.episode.replan_all()
        self._emit(se.EngineChanged(self._engine_name, self.engine_error or ""))

    @property
    def engine_name(self) -> str:
        return self._engine_name

    @property
    def engine(self) -> SpeechEngine | None:
        return self._engine

    @property
    def engine_model(self) -> str:
        return self._model

    @property
    def settings(self) -> ProjectSettings:
        """The project's settings (kept current from the store's events)."""
        return self._settings

    def set_engine(self, name: str) -> None:
        """Make ``name`` this project's engine (saved in the project)."""
        if name != self._engine_name:
            self.store.set_settings(self._settings.with_(engine=name))

    # ---------------------------------------------------------------- planning

    def plan(self, episode_id: int, line_ids: list[int] | None = None) -> list[LinePlan]:
        """The plans of an episode's lines (all, or ``line_ids``) on the active engine."""
        if self._planner is None:
            lines = self.store.lines(episode_id)
            if line_ids is not None:
                wanted = set(line_ids)
                lines = [ln for ln in lines if ln.id in wanted]
            return unplanned(lines, self.engine_error or "No speech engine is available.")
        return self._planner.plan(episode_id, line_ids)

    def roles(self) -> dict[int, Role]:
        """The project's roles by id, in cast order (kept current from the store's events; do not change it)."""
        return self._roles

    def close(self) -> None:
        """Stop listening and close the project (its log is folded into the file)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._listeners.clear()
        self.store.close()
