"""Undo commands for an episode's music bed, sound effects and media settings, over the media actions
(``studio.actions.media``): each is one store transaction each way, and undo puts back exactly what was
there (the old bed with its audio, a removed effect with its id). Applied once by ``UndoRunner`` before it
is pushed, so a refused edit's sentence reaches the user and never the stack.
Must not live here: widgets, dialogs, file reading.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from studio.actions import media
from studio.audio.decode import MediaFile
from studio.domain.media import EffectClip, EpisodeMix, MusicBed, RemovedEffectClip, RemovedMusicBed
from studio.store.project_file import ProjectStore
from studio.ui.commands import StoreCommand


class SetMusicBed(StoreCommand):
    """A music bed from a file (new audio and its settings); undo brings back the bed it replaced, or none."""

    def __init__(self, store: ProjectStore, episode_id: int, bed: MusicBed, audio: bytes, text: str) -> None:
        super().__init__(store, text)
        self.episode_id = episode_id
        self.bed = bed
        self.audio = audio
        self.before: RemovedMusicBed | None = None

    def apply(self) -> None:
        self.before = media.set_music(self.store, self.episode_id, self.bed, self.audio)

    def revert(self) -> None:
        media.put_back_music(self.store, self.episode_id, self.before)


class EditMusicBed(StoreCommand):
    """The bed's settings changed (volume, fades, loop, ducking); its audio stays."""

    def __init__(self, store: ProjectStore, episode_id: int, before: MusicBed, after: MusicBed, text: str) -> None:
        super().__init__(store, text)
        self.episode_id = episode_id
        self.before = before
        self.after = after

    def apply(self) -> None:
        media.apply_music_settings(self.store, self.episode_id, self.after)

    def revert(self) -> None:
        media.apply_music_settings(self.store, self.episode_id, self.before)


class ClearMusicBed(StoreCommand):
    def __init__(self, store: ProjectStore, episode_id: int, text: str) -> None:
        super().__init__(store, text)
        self.episode_id = episode_id
        self.removed: RemovedMusicBed | None = None

    def apply(self) -> None:
        self.removed = media.clear_music(self.store, self.episode_id)

    def revert(self) -> None:
        media.put_back_music(self.store, self.episode_id, self.removed)


class AddEffect(StoreCommand):
    """A sound effect added from a file; undo removes it, redo puts it back with the same id."""

    def __init__(self, store: ProjectStore, episode_id: int, sound: MediaFile, text: str, *,
                 at_ms: int | None = None, line_id: int | None = None, offset_ms: int = 0,
                 volume_db: float = 0.0) -> None:
        super().__init__(store, text)
        self.episode_id = episode_id
        self.sound = sound
        self.place = {"at_ms": at_ms, "line_id": line_id, "offset_ms": offset_ms, "volume_db": volume_db}
        self.clip: EffectClip | None = None
        self._removed: RemovedEffectClip | None = None

    def apply(self) -> None:
        if self._removed is not None:
            self.clip = self.store.restore_effect_clip(self._removed)
        else:
            self.clip = media.add_effect(self.store, self.episode_id, self.sound, **self.place)  # type: ignore[arg-type]

    def revert(self) -> None:
        assert self.clip is not None
        self._removed = media.remove_effect(self.store, self.clip.id)


class EditEffect(StoreCommand):
    """A sound effect moved (time, line, offset) or made louder or softer."""

    def __init__(self, store: ProjectStore, before: EffectClip, after: EffectClip, text: str) -> None:
        super().__init__(store, text)
        self.before = before
        self.after = after

    def apply(self) -> None:
        media.edit_effect(self.store, self.after)

    def revert(self) -> None:
        media.edit_effect(self.store, self.before)


class RemoveEffect(StoreCommand):
    def __init__(self, store: ProjectStore, clip_id: int, text: str) -> None:
        super().__init__(store, text)
        self.clip_id = clip_id
        self._removed: RemovedEffectClip | None = None

    def apply(self) -> None:
        self._removed = media.remove_effect(self.store, self.clip_id)

    def revert(self) -> None:
        assert self._removed is not None
        self.store.restore_effect_clip(self._removed)


class SetMixes(StoreCommand):
    """Episodes' media settings changed by ``change`` (a role's pan, the stereo choice), which returns
    their settings before; undo and redo set the before and after back in one transaction."""

    def __init__(self, store: ProjectStore, change: Callable[[], Mapping[int, EpisodeMix]], text: str) -> None:
        super().__init__(store, text)
        self.change = change
        self.before: dict[int, EpisodeMix] = {}
        self.after: dict[int, EpisodeMix] = {}

    def apply(self) -> None:
        if self.after:
            media.put_back_mixes(self.store, self.after)
            return
        self.before = dict(self.change())
        self.after = {episode_id: self.store.episode_mix(episode_id) for episode_id in self.before}

    def revert(self) -> None:
        media.put_back_mixes(self.store, self.before)


__all__ = ["AddEffect", "ClearMusicBed", "EditEffect", "EditMusicBed", "RemoveEffect", "SetMixes", "SetMusicBed"]
