"""The open project and episode as the user sees them, outside Qt: the active engine, each line's plan
and status, the order of the rows, and typed events when any of it changes. The window's models and
views adapt these objects; they hold no state of their own."""

from studio.session.episode import OpenEpisode
from studio.session.project import ProjectSession

__all__ = ["OpenEpisode", "ProjectSession"]
