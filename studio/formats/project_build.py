"""The shipped demo series as a project: ``create_demo_project`` builds it from ``resources/demo``.

Importing a user's script is an action (``studio.actions.importing``), not this module's job.
"""

from __future__ import annotations

import json
from pathlib import Path

from studio.domain.model import Delivery, NewLine
from studio.resources import demo_dir
from studio.store.project_file import ProjectStore


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
                lines.append(NewLine(ids[ln["role"]], ln["text"], Delivery(emotion=ln.get("emotion")),
                                     ln.get("gap_ms"), ln.get("note", "")))
            store.add_episode(ep["title"], ep.get("language", "zh"), lines)
    except BaseException:
        store.close()
        Path(path).unlink(missing_ok=True)
        raise
    return store
