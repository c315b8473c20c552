"""Save a copy of the open project: a consistent snapshot (SQLite's backup API) on a read-only connection
of its own, so it can run in a worker thread while the user goes on editing.

Must not live here: Qt, file dialogs.
"""

from __future__ import annotations

from pathlib import Path

from studio.actions import ActionError
from studio.store.project_file import ProjectError, ProjectStore


def copy_target(path: str | Path) -> Path:
    """Where the copy goes (``.troupe`` added when missing); ``ActionError`` when it cannot go there."""
    target = Path(path)
    if target.suffix != ".troupe":
        target = target.with_name(target.name + ".troupe")
    if not target.parent.exists():
        raise ActionError(f"The folder {target.parent} does not exist.")
    return target


def save_copy(store: ProjectStore, path: str | Path) -> Path:
    """Copy the project to ``path`` (blocking: call it from a worker thread)."""
    target = copy_target(path)
    reader = store.reader()
    try:
        return reader.save_copy_as(target)
    except ProjectError as exc:
        raise ActionError(str(exc)) from exc
    finally:
        reader.close()


__all__ = ["copy_target", "save_copy"]
