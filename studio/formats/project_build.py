"""Turning an imported script (or the shipped demo series) into project content.

``add_draft`` adds one episode from a ``ScriptDraft`` in one transaction per step, reusing roles that
already exist by name; ``create_demo_project`` builds the demo series from ``resources/demo``.
"""

from __future__ import annotations

import json
from pathlib import Path

from studio.domain.model import Delivery, Episode, is_narrator_name
from studio.formats.script_import import ScriptDraft
from studio.resources import demo_dir
from studio.store.project_file import ProjectStore


def add_draft(store: ProjectStore, draft: ScriptDraft, title: str | None = None,
              voice_engine: str = "minimax") -> Episode:
    """Add the draft as a new episode. Roles are matched by name; new ones are created first.

    ``draft.role_voices`` (from MiniMax bulk JSON) are bound for ``voice_engine``.
    """
    role_ids: dict[str, int] = {r.name: r.id for r in store.roles()}
    narrator = narrator_role_id(store)
    for name in draft.roles or [ln.role for ln in draft.lines]:
        if name and name not in role_ids and narrator is not None and is_narrator_name(name):
            role_ids[name] = narrator  # "Narrator" in an English script is the series' 旁白
        if name and name not in role_ids:
            voices = {voice_engine: draft.role_voices[name]} if name in draft.role_voices else None
            role_ids[name] = store.add_role(name, voices=voices).id
    lines = [(role_ids.get(ln.role), ln.text, ln.delivery, ln.gap_ms) for ln in draft.lines]
    number = len(store.episodes()) + 1
    return store.add_episode(title or draft.title or f"Episode {number}", draft.language, lines)


def create_demo_project(path: str | Path) -> ProjectStore:
    """Create the demo series (two short episodes, one Chinese, one English, cast with offline presets)."""
    data = json.loads((demo_dir() / "demo_series.json").read_text(encoding="utf-8"))
    store = ProjectStore.create(path, data["title"])
    try:
        ids = {}
        for role in data["roles"]:
            ids[role["name"]] = store.add_role(role["name"], colour=role.get("colour"),
                                               gender=role.get("gender"), voices=role.get("voices", {})).id
        for ep in data["episodes"]:
            lines = []
            for ln in ep["lines"]:
                if ln["role"] not in ids:
                    ids[ln["role"]] = store.add_role(ln["role"]).id
                lines.append((ids[ln["role"]], ln["text"], Delivery(emotion=ln.get("emotion")), ln.get("gap_ms")))
            store.add_episode(ep["title"], ep.get("language", "zh"), lines)
    except BaseException:
        store.close()
        Path(path).unlink(missing_ok=True)
        raise
    return store


def narrator_role_id(store: ProjectStore) -> int | None:
    for r in store.roles():
        if is_narrator_name(r.name):
            return r.id
    return None
