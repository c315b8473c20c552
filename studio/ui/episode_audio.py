"""The open episode in time and in sound, for the timeline and for playback.

``TimelineController`` keeps the timeline dock showing every line of the open episode: rendered takes as
clips with waveforms (peaks computed off the UI thread), lines without a take as placeholders of their
last or estimated length, so nothing moves when a line goes stale; lanes follow the cast's order. It reads
the session's ``OpenEpisode``; placement comes from ``studio.render.mixdown``, the same code the export
uses. Playback is ``studio.ui.transport``.
Must not live here: widgets other than what it is handed, edits to the project.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer

from studio.domain.markup import display_text
from studio.domain.timeline import Placement
from studio.render.mixdown import EpisodeTimeline, build_timeline, mix_timeline
from studio.session import events as se
from studio.session.project import ProjectSession, SessionEvent
from studio.store import events as ev
from studio.store.project_file import ProjectStore
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

PEAK_BUCKETS = 400
PEAKS_JOB = "peaks"
PLAY_JOB = "play"


def _mix_on_reader(store: ProjectStore, timeline: EpisodeTimeline, rate: int) -> np.ndarray:
    """Runs in a worker thread: mix from a read-only connection of its own."""
    reader = store.reader()
    try:
        return mix_timeline(reader, timeline, rate)
    finally:
        reader.close()


def _read_and_decode_peaks(store: ProjectStore, take_ids: list[int]) -> dict[int, np.ndarray]:
    """Runs in a worker thread: read the takes on a connection of its own and compute their peaks."""
    from studio.audio.decode import decode_to_mono
    from studio.audio.peaks import peaks

    out = {}
    reader = store.reader()
    try:
        for take_id in take_ids:
            try:
                take = reader.take(take_id)
                samples = decode_to_mono(reader.take_audio(take_id), take.format, 8000)
            except Exception:
                continue
            out[take_id] = peaks(samples, PEAK_BUCKETS)
    finally:
        reader.close()
    return out


def heard_peaks(peaks: np.ndarray, take_ms: int, trim: tuple[int, int]) -> np.ndarray:
    """The part of a whole take's peaks that is heard: its trimmed silence (start, end in ms) cut off, so a
    trimmed clip draws its own sound, not the whole take squeezed in."""
    n = len(peaks)
    lo = min(n, max(0, round(n * trim[0] / take_ms)))
    hi = max(lo, min(n, n - round(n * trim[1] / take_ms)))
    return peaks[lo:hi]


class TimelineController(QObject):
    """Feeds the timeline view the open episode's clips."""

    def __init__(self, session: ProjectSession, view: Any, clip_type: Any, tasks: TaskManager,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.clip_type = clip_type
        self.tasks = tasks
        self._peaks: dict[int, np.ndarray] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.placements: dict[int, Placement] = {}
        self._unsubscribe = [session.episode.subscribe(self._on_episode), session.subscribe(self._on_session)]

    def detach(self) -> None:
        self._timer.stop()
        for unsubscribe in self._unsubscribe:
            unsubscribe()

    def _on_episode(self, event: se.EpisodeEvent) -> None:
        if isinstance(event, (se.EpisodeReset, se.RowsInserted, se.RowsRemoved, se.RowsMoved, se.RowsChanged)):
            self.schedule()

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, (ev.RoleAdded, ev.RoleChanged, ev.RoleRemoved, ev.SettingsChanged)):
            self.schedule()

    def schedule(self, *args: object) -> None:
        self._timer.start()

    def refresh(self) -> None:
        episode = self.session.episode
        plans = episode.plans()
        try:
            timeline = build_timeline(self.session.store, plans, placeholders=True)
        except Exception:
            log.exception("building the timeline failed")
            return
        self.placements = {p.line_id: p for p in timeline.placements}
        if self.view is None:
            return
        roles = self.session.roles()
        by_id = {p.line.id: p for p in plans}
        clips = []
        missing = []
        for p in timeline.placements:
            plan = by_id[p.line_id]
            role = roles.get(plan.line.role_id) if plan.line.role_id is not None else None
            take_id = timeline.take_ids.get(p.line_id)
            if take_id is not None and take_id not in self._peaks:
                missing.append(take_id)
            row = episode.row_of(p.line_id) or 0
            verdict = episode.verdict_at(row) if take_id is not None else None
            doubt = "; ".join(verdict.sentences()) or "?" if verdict is not None and verdict.doubtful else ""
            peaks = self._peaks.get(take_id) if take_id is not None else None
            trim = timeline.trims.get(p.line_id)
            if peaks is not None and trim and plan.take is not None and plan.take.duration_ms > 0:
                peaks = heard_peaks(peaks, plan.take.duration_ms, trim)
            clips.append(self.clip_type(
                p.line_id, p.start_ms, p.duration_ms, role.name if role else "", role.colour if role else "#888888",
                display_text(plan.line.text), peaks, placeholder=take_id is None, status=episode.status_at(row),
                doubt=doubt))
        speaking = {p.line.role_id for p in plans}
        lanes = [(r.name, r.colour) for r in roles.values() if r.id in speaking]
        self.view.set_clips(clips, lanes=lanes)
        if missing and self.tasks.get(PEAKS_JOB) is None:
            self.tasks.spawn(PEAKS_JOB, self._load_peaks(missing))

    async def _load_peaks(self, take_ids: list[int]) -> None:
        store = self.session.store
        for start in range(0, min(len(take_ids), 2000), 50):
            chunk = take_ids[start:start + 50]
            found = await asyncio.to_thread(_read_and_decode_peaks, store, chunk)
            self._peaks.update(found)
        self.schedule()

    def clip_at(self, ms: int) -> int | None:
        """The line whose clip (or placeholder) is under ``ms`` on the timeline."""
        hit = next((p for p in sorted(self.placements.values(), key=lambda p: p.start_ms)
                    if p.start_ms <= ms < p.end_ms), None)
        return hit.line_id if hit is not None else None
