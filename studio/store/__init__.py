"""Persistence of a project (a series) in one ``.troupe`` SQLite file. Knows the domain, nothing above."""

from studio.store.project_file import ProjectError, ProjectLockedError, ProjectStore

__all__ = ["ProjectError", "ProjectLockedError", "ProjectStore"]
