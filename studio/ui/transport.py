"""Playback of the open episode: play and pause, stop, play from a line or from the playhead, loop a stretch,
seek while playing (scrubbing), and the line being heard.

``PlaybackController`` mixes only the stretch just ahead of the playhead (``studio.render.mixdown.mix_range``
in a worker thread, a block at a time, a few seconds ahead) and feeds it to the ``Player``'s stream, so a
30-minute episode starts sounding at once and memory does not grow with it. It maps the player's position
back to the episode's time (a loop feeds the same stretch again) and reports it as ``position_changed``;
``line_heard`` names the line under the playhead. With no sound device the playhead can still be moved: a
seek reports the position and the line under it. Must not live here: mixing itself, widgets, edits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from studio.actions.media import episode_end_ms
from studio.domain.media import MusicBed
from studio.render.mixdown import EpisodeMedia, EpisodeTimeline, build_timeline, mix_range
from studio.session.project import ProjectSession
from studio.store.project_file import ProjectStore
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

PLAY_JOB = "play"
BLOCK_MS = 1000  # each mix_range call
AHEAD_MS = 2500  # how far the mix runs ahead of what is heard
STOPPED, PLAYING, PAUSED = "stopped", "playing", "paused"


#: A music bed heard instead of the episode's own (a dialog's preview): its settings and audio, or
#: (None, None) for none at all.
BedPreview = tuple[MusicBed | None, bytes | None]


def _mix_block(store: ProjectStore, timeline: EpisodeTimeline, rate: int, start: int, end: int,
               channels: int | None, bed: BedPreview | None = None) -> np.ndarray:
    """Runs in a worker thread, on a read-only connection of its own."""
    reader = store.reader()
    try:
        media = EpisodeMedia.of(reader, timeline.episode_id).with_bed(*bed) if bed is not None else None
        return mix_range(reader, timeline, rate, start, end, channels=channels, media=media)
    finally:
        reader.close()


class PlaybackController(QObject):
    message = Signal(str)
    playing_changed = Signal(bool)
    state_changed = Signal(str)  # stopped | playing | paused
    position_changed = Signal(int)  # the episode's time, in ms
    line_heard = Signal(object)  # the id of the line under the playhead (None between lines)

    def __init__(self, session: ProjectSession, player: Any, tasks: TaskManager,
                 placements: Callable[[], dict[int, Any]] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.player = player
        self.tasks = tasks
        self._placements = placements or (lambda: {})
        self.state = STOPPED
        self.position_ms = 0
        self.loop: tuple[int, int] | None = None
        #: While set, playback hears this music bed instead of the episode's own (a dialog previewing one).
        self.bed_preview: BedPreview | None = None
        self._segments: list[tuple[int, int]] = []  # (stream ms, episode ms) where each fed stretch begins
        self._heard: int | None = None
        if player is not None:
            player.state_changed.connect(self._on_player_state)
            player.position_changed.connect(self._on_player_position)

    # ---------------------------------------------------------------- availability

    def available(self) -> bool:
        return self.player is not None and self.player.available()

    def reason(self) -> str:
        if self.player is None:
            return self.tr("Playback is not available in this installation.")
        return self.player.unavailable_reason or self.tr("No audio output device was found.")

    # ---------------------------------------------------------------- transport

    def play_from(self, line_id: int | None) -> asyncio.Task[None] | None:
        """Play from the start of ``line_id`` (from the top when None)."""
        start = 0
        if line_id is not None:
            placement = self._timeline().placements
            spot = next((p for p in placement if p.line_id == line_id), None)
            start = spot.start_ms if spot is not None else 0
        return self.play_at(start)

    def play_at(self, ms: int) -> asyncio.Task[None] | None:
        if not self.available():
            self.seek(ms)
            self.message.emit(self.reason())
            return None
        self.position_ms = max(0, ms)
        return self.tasks.spawn(PLAY_JOB, self._run(self.position_ms))

    def toggle(self, from_line: int | None = None) -> asyncio.Task[None] | None:
        """Space: pause when playing, else go on from the playhead (or from ``from_line`` when stopped)."""
        if self.state == PLAYING:
            self.pause()
            return None
        if self.state == PAUSED or from_line is None:
            return self.play_at(self.position_ms)
        return self.play_from(from_line)

    def pause(self) -> None:
        if self.state != PLAYING:
            return
        self.tasks.cancel(PLAY_JOB)
        if self.player is not None:
            self.player.stop()
        self._set_state(PAUSED)

    def stop(self) -> None:
        self.tasks.cancel(PLAY_JOB)
        if self.player is not None and getattr(self.player, "owner", "episode") == "episode":
            self.player.stop()
        self._set_state(STOPPED)

    def seek(self, ms: int) -> None:
        """Move the playhead (dragging it scrubs: playing goes on from there)."""
        self.position_ms = max(0, int(ms))
        self._report(self.position_ms)
        if self.state == PLAYING:
            self.play_at(self.position_ms)

    def set_loop(self, start_ms: int | None, end_ms: int | None = None) -> None:
        """Repeat ``[start_ms, end_ms)`` while playing (None: no loop)."""
        if start_ms is None or end_ms is None or end_ms - start_ms < 100:
            self.loop = None
        else:
            self.loop = (max(0, start_ms), end_ms)

    # ---------------------------------------------------------------- the stream

    def _timeline(self) -> EpisodeTimeline:
        return build_timeline(self.session.store, self.session.episode.plans(), placeholders=True)

    async def _run(self, start: int) -> None:
        store = self.session.store
        timeline = self._timeline()
        bed = self.bed_preview
        episode = timeline.episode_id
        effects = store.effect_clips(episode) if episode is not None else []
        music = bed[0] if bed is not None else (store.music_bed(episode) if episode is not None else None)
        if not timeline.take_ids and music is None and not effects:
            self.message.emit(self.tr("Nothing to play yet: render some lines first."))
            return
        rate = self.session.settings.sample_rate
        total = episode_end_ms(timeline.placements, effects)  # effects may sound after the last line
        pos = min(start, total)
        # the first block says whether the episode is stereo (music, effects, pans) or mono, as its export is
        first = await asyncio.to_thread(_mix_block, store, timeline, rate, pos, min(total, pos + BLOCK_MS), None,
                                        bed)
        channels = first.shape[1] if first.ndim == 2 else 1
        if not self.player.play_stream(rate, channels, owner="episode"):
            self.message.emit(self.reason())
            return
        self._segments = [(0, pos)]
        self._set_state(PLAYING)
        fed_ms = 0
        block, block_start = first, pos
        try:
            while True:
                self.player.feed(block)
                length = int(len(block) * 1000 / rate)
                fed_ms += length
                pos = block_start + length
                end = self.loop[1] if self.loop and self.loop[0] <= block_start < self.loop[1] else total
                if pos >= end:
                    if self.loop and self.loop[0] < end:
                        pos = self.loop[0]
                        self._segments.append((fed_ms, pos))
                    else:
                        break
                while self.player.queued_ms() > AHEAD_MS:
                    await asyncio.sleep(0.05)
                stop = min(end, pos + BLOCK_MS)
                block = await asyncio.to_thread(_mix_block, store, timeline, rate, pos, stop, channels, bed)
                block_start = pos
            self.player.end_stream()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("mixing for playback failed")
            self.message.emit(self.tr("Could not mix the episode: %1").replace("%1", str(exc)))
            self.player.stop()

    # ---------------------------------------------------------------- positions

    def _on_player_position(self, stream_ms: int) -> None:
        if getattr(self.player, "owner", "episode") != "episode" or self.state != PLAYING:
            return
        segment = next(((s, e) for s, e in reversed(self._segments) if s <= stream_ms), None)
        if segment is None:
            return
        self.position_ms = segment[1] + (stream_ms - segment[0])
        self._report(self.position_ms)

    def _report(self, ms: int) -> None:
        self.position_changed.emit(ms)
        hit = next((lid for lid, p in self._placements().items() if p.start_ms <= ms < p.end_ms), None)
        if hit != self._heard:
            self._heard = hit
            self.line_heard.emit(hit)

    def _on_player_state(self, state: str) -> None:
        if getattr(self.player, "owner", "episode") != "episode":
            return
        if state == "stopped" and self.state == PLAYING and self.tasks.get(PLAY_JOB) is None:
            self._set_state(STOPPED)  # played to the end

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
            self.playing_changed.emit(state == PLAYING)
