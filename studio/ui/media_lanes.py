"""Keeps the timeline's music and effects lanes showing the open episode's bed and sound effects.

``MediaLanes`` listens to the store's media events and to the timeline view's ``clips_changed`` (the dialogue
clips moved, or another episode opened), and hands the view a ``MusicLane`` — the bed's level over the
episode from ``studio.actions.media.bed_curve``, the same code that mixes it, with its dips under the
rendered lines — and an ``EffectLaneClip`` per sound effect. Waveform peaks are read and computed on a
reader in a worker thread, under the window's task manager. Must not live here: edits, dialogs.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from studio.actions import media
from studio.domain.media import speech_spans
from studio.domain.timeline import Placement
from studio.session.project import ProjectSession, SessionEvent
from studio.store import events as ev
from studio.store.project_file import ProjectStore
from studio.ui.tasks import TaskManager
from studio.ui.timeline import EffectLaneClip, MusicLane

log = logging.getLogger(__name__)

PEAKS_JOB = "media-peaks"
BED_PEAK_MS = 40  # one peak per this much of the bed's file
EFFECT_PEAKS = 200
PEAK_RATE = 4000


def _normalised(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    return values / np.float32(top) if top > 1e-6 else values


def _read_peaks(store: ProjectStore, episode_id: int | None, effect_ids: list[int]) -> dict[Any, np.ndarray]:
    """Runs in a worker thread on a reader of its own: the bed's peaks (key "bed") and each effect's."""
    from studio.audio.decode import decode_to_mono
    from studio.audio.peaks import peaks

    out: dict[Any, np.ndarray] = {}
    reader = store.reader()
    try:
        bed = reader.music_bed(episode_id) if episode_id is not None else None
        if bed is not None:
            try:
                samples = decode_to_mono(reader.music_bed_audio(episode_id), bed.format, PEAK_RATE)  # type: ignore[arg-type]
                out["bed"] = _normalised(peaks(samples, max(1, bed.duration_ms // BED_PEAK_MS)))
            except Exception:
                log.info("the music bed's waveform could not be read", exc_info=True)
        for clip_id in effect_ids:
            try:
                clip = reader.effect_clip(clip_id)
                samples = decode_to_mono(reader.effect_clip_audio(clip_id), clip.format, PEAK_RATE)
                out[clip_id] = _normalised(peaks(samples, EFFECT_PEAKS))
            except Exception:
                continue
    finally:
        reader.close()
    return out


class MediaLanes(QObject):
    """Feeds the timeline view the open episode's music bed and sound effects."""

    refreshed = Signal()

    def __init__(self, session: ProjectSession, view: Any, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.tasks = tasks
        self._bed_peaks: tuple[Any, np.ndarray] | None = None  # (which bed, its peaks)
        self._effect_peaks: dict[int, np.ndarray] = {}
        self._unsubscribe = session.subscribe(self._on_session)
        view.clips_changed.connect(self.refresh)

    def detach(self) -> None:
        self._unsubscribe()

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, ev.MEDIA_EVENTS):
            episode = getattr(event, "episode_id", None)
            if episode is None and isinstance(event, (ev.EffectClipAdded, ev.EffectClipChanged)):
                episode = event.clip.episode_id
            if episode == self.session.episode.episode_id:
                self.refresh()

    @staticmethod
    def _bed_key(episode_id: int, bed: Any) -> tuple[Any, ...]:
        return (episode_id, bed.name, bed.format, bed.duration_ms)

    def refresh(self) -> None:
        """Show the open episode's bed and effects against the dialogue clips the view has now."""
        episode_id = self.session.episode.episode_id
        store = self.session.store
        if episode_id is None:
            self.view.set_music(None)
            self.view.set_effects([])
            self.refreshed.emit()
            return
        try:
            bed = store.music_bed(episode_id)
            effects = store.effect_clips(episode_id)
        except Exception:
            log.exception("reading the episode's music and effects failed")
            return
        clips = self.view.clips()
        placements = [Placement(c.line_id, c.start_ms, c.duration_ms) for c in clips]
        spoken = [p for p, c in zip(placements, clips, strict=True) if not c.placeholder]
        end = media.episode_end_ms(placements, effects)
        missing: list[int] = []
        music = None
        if bed is not None:
            curve = media.bed_curve(bed, speech_spans(spoken), end)
            key = self._bed_key(episode_id, bed)
            peaks = self._bed_peaks[1] if self._bed_peaks is not None and self._bed_peaks[0] == key else None
            music = MusicLane(bed.name, bed.duration_ms, curve.end_ms, bed.volume_db, bed.ducking.amount_db,
                              bed.loop, bed.fade_in_ms, bed.fade_out_ms, curve.step_ms, curve.gain, peaks)
        lane = []
        for c in effects:
            if c.id not in self._effect_peaks:
                missing.append(c.id)
            lane.append(EffectLaneClip(c.id, c.name, c.duration_ms, c.at_ms, c.line_id, c.offset_ms, c.volume_db,
                                       self._effect_peaks.get(c.id)))
        self.view.set_music(music)
        self.view.set_effects(lane)
        self.refreshed.emit()
        need_bed = music is not None and music.peaks is None
        if (need_bed or missing) and self.tasks.get(PEAKS_JOB) is None:
            job = self._load_peaks(episode_id, self._bed_key(episode_id, bed) if need_bed else None, missing)
            try:
                self.tasks.spawn(PEAKS_JOB, job)
            except RuntimeError:  # the window is closing: no waveforms to read any more
                log.debug("media lanes refreshed while the window closes")

    async def _load_peaks(self, episode_id: int, bed_key: Any, effect_ids: list[int]) -> None:
        found = await asyncio.to_thread(_read_peaks, self.session.store, episode_id if bed_key else None,
                                        effect_ids)
        bed = found.pop("bed", None)
        if bed_key is not None:  # an unreadable bed gets a plain band, not another try
            self._bed_peaks = (bed_key, bed if bed is not None else np.zeros(0, np.float32))
        for clip_id in effect_ids:  # an unreadable one gets a flat line, not another try
            self._effect_peaks[clip_id] = found.get(clip_id, np.zeros(0, np.float32))
        if episode_id == self.session.episode.episode_id:
            self.refresh()
