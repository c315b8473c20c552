"""Two inverse edits undo needs that ``ProjectStore`` does not offer yet: put back a deleted role and a
deleted episode with their original ids.

Each is one transaction and emits the same change event the store would. They use the store's
transaction helper, so they belong in ``ProjectStore`` itself; until they move there they live here, and
nothing but the undo commands may call them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from studio.domain.model import Episode, Line, Role
from studio.store.project_file import ProjectStore


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def restore_role(store: ProjectStore, role: Role) -> None:
    """Insert ``role`` again with its id, name, colour, voices and position."""
    with store._tx() as c:  # noqa: SLF001 - see the module docstring
        c.execute(
            "INSERT INTO roles(id, name, colour, delivery, voices, gap_ms, gender, notes, position) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (role.id, role.name, role.colour, _dumps(role.delivery.to_dict()), _dumps(role.voices),
             role.gap_ms, role.gender, role.notes, role.position))
    store._emit("role_added", store.role(role.id))  # noqa: SLF001


def restore_episode(store: ProjectStore, episode: Episode, lines: Sequence[Line]) -> None:
    """Insert ``episode`` again at its position, with its lines exactly as they were."""
    with store._tx() as c:  # noqa: SLF001
        c.execute("UPDATE episodes SET position = position + 1 WHERE position >= ?", (episode.position,))
        c.execute("INSERT INTO episodes(id, position, title, language) VALUES (?,?,?,?)",
                  (episode.id, episode.position, episode.title, episode.language))
        c.executemany(
            "INSERT INTO lines(id, episode_id, position, role_id, text, delivery, gap_ms, offset_ms, "
            "chosen_take_id) VALUES (?,?,?,?,?,?,?,?,?)",
            [(ln.id, episode.id, ln.position, ln.role_id, ln.text, _dumps(ln.delivery.to_dict()), ln.gap_ms,
              ln.offset_ms, ln.chosen_take_id) for ln in lines])
    store._emit("episodes_changed", None)  # noqa: SLF001
