"""The current episode in time and in sound, for the timeline and for playback.

``TimelineController`` keeps the timeline dock showing the episode's placed takes (rebuilt a moment after
the script changes, waveform peaks computed off the UI thread). ``PlaybackController`` mixes the episode
in a worker thread and plays it from a line through the ``Player``. Placement and mixing come from
``studio.render.mixdown``, the same code the export uses.
Must not live here: widgets other than what it is handed, edits to the project.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from studio.domain.timeline import Placement
from studio.store.project_file import ProjectStore
from studio.ui.script_model import ScriptModel

log = logging.getLogger(__name__)

PEAK_BUCKETS = 400


def timeline_functions() -> tuple[Callable[..., Any], Callable[..., np.ndarray]]:
    from studio.render.mixdown import build_timeline, mix_timeline

    return build_timeline, mix_timeline


def _mix_on_reader(mix: Callable[..., np.ndarray], store: ProjectStore, timeline: Any, rate: int) -> np.ndarray:
    """Runs in a worker thread: mix from a read-only connection of its own."""
    reader = store.reader()
    try:
        return mix(reader, timeline, rate)
    finally:
        reader.close()


def _read_and_decode_peaks(store: ProjectStore, take_ids: list[int]) -> dict[int, np.ndarray]:
    """Runs in a worker thread: read the takes on a connection of its own and compute their peaks."""
    items = []
    reader = store.reader()
    try:
        for take_id in take_ids:
            try:
                take = reader.take(take_id)
                items.append((take_id, reader.take_audio(take_id), take.format))
            except Exception:
                continue
    finally:
        reader.close()
    return _decode_peaks(items)


def _decode_peaks(items: list[tuple[int, bytes, str]]) -> dict[int, np.ndarray]:
    from studio.audio.decode import decode_to_mono

    try:
        from studio.audio.peaks import peaks
    except ImportError:
        peaks = None
    out = {}
    for take_id, audio, fmt in items:
        try:
            samples = decode_to_mono(audio, fmt, 8000)
        except Exception:
            continue
        if peaks is not None:
            out[take_id] = peaks(samples, PEAK_BUCKETS)
        else:
            n = max(1, len(samples) // PEAK_BUCKETS)
            out[take_id] = np.abs(samples[: n * PEAK_BUCKETS]).reshape(-1, n).max(axis=1) if len(samples) else \
                np.zeros(0, np.float32)
    return out


class TimelineController(QObject):
    """Feeds the timeline view the current episode's clips."""

    def __init__(self, model: ScriptModel, view: Any, clip_type: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = view
        self.clip_type = clip_type
        self._peaks: dict[int, np.ndarray] = {}
        self._peaks_task: asyncio.Task[None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged,
                    model.totals_changed):
            sig.connect(self.schedule)
        self.placements: dict[int, Placement] = {}

    def schedule(self, *args: object) -> None:
        self._timer.start()

    def cancel(self) -> None:
        """Stop background work (the window is closing)."""
        self._timer.stop()
        if self._peaks_task is not None and not self._peaks_task.done():
            self._peaks_task.cancel()

    def refresh(self) -> None:
        build, _ = timeline_functions()
        store = self.model.session.store
        plans = self.model.plans()
        try:
            timeline = build(store, plans)
        except Exception:
            log.exception("building the timeline failed")
            return
        self.placements = {p.line_id: p for p in timeline.placements}
        if self.view is None:
            return
        roles = self.model.roles()
        by_id = {p.line.id: p for p in plans}
        clips = []
        missing = []
        for p in timeline.placements:
            plan = by_id[p.line_id]
            role = roles.get(plan.line.role_id) if plan.line.role_id is not None else None
            take_id = timeline.take_ids.get(p.line_id)
            if take_id is not None and take_id not in self._peaks:
                missing.append(take_id)
            clips.append(self.clip_type(p.line_id, p.start_ms, p.duration_ms, role.name if role else "",
                                        role.colour if role else "#888888", plan.line.text,
                                        self._peaks.get(take_id) if take_id is not None else None))
        self.view.set_clips(clips)
        if missing and (self._peaks_task is None or self._peaks_task.done()):
            try:
                loop = asyncio.get_event_loop()
            except RuntimeError:
                return
            self._peaks_task = loop.create_task(self._load_peaks(missing))

    async def _load_peaks(self, take_ids: list[int]) -> None:
        store = self.model.session.store
        for start in range(0, min(len(take_ids), 2000), 50):
            chunk = take_ids[start:start + 50]
            try:
                found = await asyncio.to_thread(_read_and_decode_peaks, store, chunk)
            except Exception:
                log.exception("computing peaks failed")
                return
            self._peaks.update(found)
        self.schedule()


class PlaybackController(QObject):
    """Mixes the episode off the UI thread and plays it from a line."""

    message = Signal(str)
    playing_changed = Signal(bool)

    def __init__(self, model: ScriptModel, player: Any, timeline: TimelineController,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.player = player
        self.timeline = timeline
        self._task: asyncio.Task[None] | None = None
        if player is not None:
            player.state_changed.connect(self._on_state)

    def available(self) -> bool:
        return self.player is not None and self.player.available()

    def reason(self) -> str:
        if self.player is None:
            return self.tr("Playback is not available in this installation.")
        return self.player.unavailable_reason or self.tr("No audio output device was found.")

    def play_from(self, line_id: int | None) -> asyncio.Task[None] | None:
        if not self.available():
            self.message.emit(self.reason())
            return None
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = asyncio.get_event_loop().create_task(self._play(line_id))
        return self._task

    async def _play(self, line_id: int | None) -> None:
        build, mix = timeline_functions()
        store = self.model.session.store
        timeline = build(store, self.model.plans())
        if not timeline.placements:
            self.message.emit(self.tr("Nothing to play yet: render some lines first."))
            return
        start = 0
        if line_id is not None:
            spot = next((p for p in timeline.placements if p.line_id == line_id), None)
            if spot is None:
                self.message.emit(self.tr("That line has not been rendered yet; playing from the next one."))
            start = spot.start_ms if spot is not None else self._next_start(timeline, line_id)
        rate = store.settings.sample_rate
        self.message.emit(self.tr("Mixing the episode…"))
        try:
            samples = await asyncio.to_thread(_mix_on_reader, mix, store, timeline, rate)
        except Exception as exc:
            log.exception("mixing failed")
            self.message.emit(self.tr("Could not mix the episode: %1").replace("%1", str(exc)))
            return
        self.player.play(samples.astype(np.float32, copy=False), rate, start)
        self.message.emit("")

    def _next_start(self, timeline: Any, line_id: int) -> int:
        row = self.model.row_of(line_id) or 0
        placed = {p.line_id: p for p in timeline.placements}
        for plan in self.model.plans()[row:]:
            if plan.line.id in placed:
                return placed[plan.line.id].start_ms
        return 0

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if self.player is not None:
            self.player.stop()

    def _on_state(self, state: str) -> None:
        self.playing_changed.emit(state == "playing")
