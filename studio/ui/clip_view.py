"""A recording's waveform with the part to keep, and the small pieces the voice dialogs share.

* ``ClipView``: what the clone dialog shows of a recording: one line of facts (length, format, size,
  loudness), its waveform (``Waveform``: drag the selection's edges, or drag out a new range; the parts
  left out are shaded), start/end spin boxes and the kept length, live. ``selection_changed(start, end)``.
  The waveform is drawn from peaks (``studio.audio.peaks``), resampled to pixel columns with the same
  function, as the timeline does.
* ``analyse_clip(path)``: the facts and peaks of a recording. It decodes the whole file: call it through
  ``asyncio.to_thread``, never on the UI thread.
* ``JobBar``: one background job's line in a dialog: what is happening, its progress, and Cancel (which
  cancels the job by its TaskManager name).
* ``play_file`` / ``player_problem``: decode a file off the UI thread and play it, or say why not.
* ``sentence_label`` / ``show_sentence`` / ``show_problem``: a sentence in a dialog, red for a problem
  shown next to the field it concerns; the window grows to show it.

Must not live here: the rules of what MiniMax accepts (``studio.actions.voices``), network calls, the
dialogs themselves.
"""

from __future__ import annotations

import asyncio
import math
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio.audio.peaks import peaks as compute_peaks
from studio.ui.tasks import TaskManager
from studio.ui.timeline_layout import format_time

PEAK_BUCKETS = 2000
_HANDLE_PX = 6  # how near an edge a press must be to drag that edge
_WHOLE = 0.05  # a selection this close to both ends is the whole recording (no trimming)


def duration_text(seconds: float) -> str:
    """``00:20.0``: minutes, seconds and tenths."""
    return format_time(int(round(max(0.0, seconds) * 1000)), with_tenths=True)


def size_text(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, round(size / 1024))} KB"


def problem_colour(widget: QWidget) -> QColor:
    """A red that reads on the widget's background, light or dark."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff7b72" if dark else "#c62828")


def sentence_label(parent: QWidget, name: str) -> QLabel:
    """An empty, hidden, word-wrapping label for sentences."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setVisible(False)
    return label


def show_sentence(label: QLabel, text: str, *, problem: bool = False) -> None:
    """Show ``text`` in ``label`` (red when it is a problem), or hide the label when there is none; the
    window grows when the sentence needs the room."""
    label.setStyleSheet(f"color: {problem_colour(label).name()};" if problem else "")
    label.setText(text)
    label.setVisible(bool(text))
    if text:
        grow_to_fit(label)


def grow_to_fit(widget: QWidget) -> None:
    """Make ``widget``'s window tall enough for what it now shows (a sentence or buttons appeared)."""
    window = widget.window()
    if window.layout() is not None:
        window.layout().activate()
    if window.height() < window.sizeHint().height():
        window.resize(window.width(), window.sizeHint().height())


def show_problem(label: QLabel, sentences: list[str] | str | None) -> None:
    """Show ``sentences`` (one per line, red) in ``label``, or hide it when there are none."""
    items = [sentences] if isinstance(sentences, str) else list(sentences or [])
    show_sentence(label, "\n".join(s for s in items if s), problem=True)


async def play_file(player: Any, path: Path | str) -> bool:
    """Decode ``path`` in a worker thread and play it; False (nothing decoded) when there is no output."""
    from studio.audio.decode import read_audio_file

    if player is None or not player.available():
        return False
    samples, rate = await asyncio.to_thread(read_audio_file, path)
    player.play(samples, rate)
    return True


def player_problem(player: Any) -> str:
    """The player's own sentence for having no output ("" when it has one or says nothing)."""
    if player is None or player.available():
        return ""
    return str(getattr(player, "unavailable_reason", "") or "")


class JobBar(QWidget):
    """What a background job is doing, its progress and Cancel; after it ends, only its last sentence."""

    def __init__(self, tasks: TaskManager, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.tasks, self.job = tasks, ""
        self.status = sentence_label(self, f"{name}Status")
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.setObjectName(f"{name}Cancel")
        self.cancel.clicked.connect(lambda: self.tasks.cancel(self.job) if self.job else None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.status, 1), (self.bar, 0), (self.cancel, 0)):
            row.addWidget(widget, stretch)
        self.finish("")

    def start(self, job: str, text: str) -> None:
        """Show ``text``, a busy bar and Cancel for the job named ``job``."""
        self.job = job
        self.bar.setRange(0, 0)
        for widget in (self.bar, self.cancel, self):
            widget.setVisible(True)
        show_sentence(self.status, text)

    def step(self, done: int, total: int, text: str) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(min(done, total))
        self.status.setText(text)

    def finish(self, text: str, *, problem: bool = False) -> None:
        """The job ended: keep ``text`` (red when it is a problem), hide the bar and Cancel."""
        self.job = ""
        self.bar.setVisible(False)
        self.cancel.setVisible(False)
        self.setVisible(bool(text))
        show_sentence(self.status, text, problem=problem)


class OutcomeBar(QWidget):
    """A new voice: its sentence, Play and "Save … as…" for its audio (when it has some), and "Use for
    role…", which emits ``use_for_role(voice_id)``. Playing and saving run as the job ``job``."""

    use_for_role = Signal(str)

    def __init__(self, tasks: TaskManager, player: Any, name: str, job: str, play_text: str, save_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.tasks, self.player, self.job = tasks, player, job
        self.voice_id, self.folder = "", ""
        self.audio: Path | None = None
        self.sentence = sentence_label(self, f"{name}Sentence")
        self.note = sentence_label(self, f"{name}Note")
        self.play_button, self.save_button = QPushButton(play_text, self), QPushButton(save_text, self)
        self.role_button = QPushButton(self.tr("Use for role…"), self)
        row = QHBoxLayout()
        for suffix, button, slot in (("Play", self.play_button, self.play), ("Save", self.save_button, self._target),
                                     ("UseForRole", self.role_button, self._use)):
            button.setObjectName(f"{name}{suffix}")
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.sentence)
        lay.addLayout(row)
        lay.addWidget(self.note)
        self.setVisible(False)

    def show_voice(self, sentence: str, voice_id: str, audio: Path | None) -> None:
        self.voice_id, self.audio = voice_id, audio
        self.play_button.setVisible(audio is not None)
        self.save_button.setVisible(audio is not None)
        self.setVisible(True)
        show_sentence(self.note, "")
        show_sentence(self.sentence, sentence)

    def play(self) -> asyncio.Task[None]:
        return self.tasks.spawn(self.job, self._play())

    async def _play(self) -> None:
        if self.audio is None:
            return
        try:
            played = await play_file(self.player, self.audio)
        except Exception as exc:  # a damaged file: a sentence, not a traceback
            show_sentence(self.note, self.tr("The audio could not be played (%1).").replace("%1", str(exc)),
                          problem=True)
            return
        reason = player_problem(self.player) or self.tr("There is no audio output.")
        show_sentence(self.note, self.tr("Playing…") if played else self.tr("The audio is ready. %1 Use “%2” "
                                                                            "to hear it elsewhere.")
                      .replace("%1", reason).replace("%2", self.save_button.text()))

    def _target(self) -> None:
        if self.audio is None:
            return
        start = Path(self.folder or Path.home()) / f"{self.voice_id}{self.audio.suffix}"
        dialog = QFileDialog(self, self.save_button.text().rstrip("…"), str(start))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(self.save)
        self._file_dialog = dialog
        dialog.open()

    def save(self, target: str | Path) -> asyncio.Task[None]:
        return self.tasks.spawn(self.job, self._save(Path(target)))

    async def _save(self, target: Path) -> None:
        if self.audio is None:
            return
        try:
            await asyncio.to_thread(shutil.copyfile, self.audio, target)
        except OSError as exc:
            show_sentence(self.note, self.tr("The audio could not be saved as %1 (%2).").replace("%1", str(target))
                          .replace("%2", exc.strerror or str(exc)), problem=True)
            return
        show_sentence(self.note, self.tr("Saved as %1.").replace("%1", str(target)))

    def _use(self) -> None:
        if self.voice_id:
            self.use_for_role.emit(self.voice_id)


@dataclass(frozen=True)
class ClipFacts:
    """What a dialog shows about a recording. ``lufs`` is -inf for digital silence."""

    path: Path
    duration_s: float
    format: str  # what libsndfile or ffmpeg read it as: "WAV", "MP3", ...
    size_bytes: int
    lufs: float
    peaks: np.ndarray


def analyse_clip(path: Path | str) -> ClipFacts:
    """Decode ``path`` and measure it. Slow for long files: run it in a worker thread.

    Raises ``studio.audio.decode.DecodeError`` (or RuntimeError without ffmpeg) when it is not audio.
    """
    import soundfile

    from studio.audio.decode import read_audio_file
    from studio.audio.loudness import measure

    p = Path(path)
    samples, rate = read_audio_file(p)
    try:
        fmt = str(soundfile.info(str(p)).format)
    except Exception:  # read by ffmpeg (m4a, ...): its suffix is the best name there is
        fmt = p.suffix.lstrip(".").upper() or "?"
    lufs = measure(samples, rate)[0] if samples.size else -math.inf
    return ClipFacts(path=p, duration_s=len(samples) / rate if rate else 0.0, format=fmt,
                     size_bytes=p.stat().st_size, lufs=float(lufs), peaks=compute_peaks(samples, PEAK_BUCKETS))


class Waveform(QWidget):
    """Peaks spread over ``duration`` seconds, and the selected part [start, end] to keep."""

    selection_changed = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipWaveform")
        self.setMinimumSize(320, 104)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Waveform of the recording and the part kept"))
        self.placeholder = self.tr("Choose a recording, or drop one here")
        self._peaks: np.ndarray | None = None
        self._columns: tuple[int, np.ndarray] | None = None
        self.duration = self.start = self.end = 0.0
        self._drag: str | None = None  # "start" | "end" | "new"
        self._anchor = 0.0

    def set_clip(self, peaks: np.ndarray | None, duration_s: float) -> None:
        """Show ``peaks`` spread over ``duration_s``; the selection becomes the whole clip."""
        self._peaks = None if peaks is None else np.asarray(peaks, dtype=np.float32)
        self._columns = None
        self.duration = max(0.0, float(duration_s))
        self.start, self.end = 0.0, self.duration
        self.update()

    def set_selection(self, start: float, end: float) -> None:
        """Keep [start, end] (clamped to the clip); emits ``selection_changed`` when it moved."""
        start = min(max(0.0, float(start)), self.duration)
        end = min(max(start, float(end)), self.duration)
        if (start, end) != (self.start, self.end):
            self.start, self.end = start, end
            self.update()
            self.selection_changed.emit(start, end)

    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(1, 1, -1, -16)

    def x_for(self, seconds: float) -> float:
        r = self._area()
        return r.left() + (r.width() * seconds / self.duration if self.duration > 0 else 0.0)

    def seconds_at(self, x: float) -> float:
        r = self._area()
        if self.duration <= 0 or r.width() <= 0:
            return 0.0
        return min(max(0.0, (x - r.left()) / r.width() * self.duration), self.duration)

    def _edge_at(self, x: float) -> str | None:
        if self.duration <= 0:
            return None
        d_start, d_end = abs(x - self.x_for(self.start)), abs(x - self.x_for(self.end))
        if min(d_start, d_end) > _HANDLE_PX:
            return None
        return "start" if d_start < d_end or (d_start == d_end and x < self.x_for(self.start)) else "end"

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.duration <= 0:
            return super().mousePressEvent(event)
        x = event.position().x()
        self._drag = self._edge_at(x) or "new"
        self._anchor = self.seconds_at(x)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if self._drag is None:  # hovering: show where an edge can be taken
            edge = self._edge_at(x)
            self.setCursor(Qt.CursorShape.SizeHorCursor if edge else Qt.CursorShape.ArrowCursor)
            return
        t = self.seconds_at(x)
        if self._drag == "start":
            self.set_selection(min(t, self.end), self.end)
        elif self._drag == "end":
            self.set_selection(self.start, max(t, self.start))
        else:
            self.set_selection(min(t, self._anchor), max(t, self._anchor))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self.mouseMoveEvent(event)
            self._drag = None
            event.accept()

    def _wave_columns(self, width: int) -> np.ndarray:
        if self._columns is None or self._columns[0] != width:
            cols = compute_peaks(self._peaks if self._peaks is not None else np.zeros(0, np.float32), width)
            top = float(cols.max()) if cols.size else 0.0
            self._columns = (width, cols / np.float32(max(top, 0.25)) if top > 0 else cols)  # quiet ones show
        return self._columns[1]

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        r = self._area()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawRect(r.adjusted(-0.5, -0.5, 0.5, 0.5))
        if self._peaks is None or self.duration <= 0:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.placeholder)
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        width = max(1, int(r.width()))
        mid, half = r.center().y(), r.height() / 2.0 - 2
        amp = np.maximum(np.clip(self._wave_columns(width), 0.0, 1.0) * half, 0.5).tolist()
        xs = (np.arange(width, dtype=np.float64) + r.left() + 0.5).tolist()
        top = [QPointF(x, mid - a) for x, a in zip(xs, amp, strict=True)]
        bottom = [QPointF(x, mid + a) for x, a in zip(xs[::-1], amp[::-1], strict=True)]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.color(QPalette.ColorRole.Highlight))
        p.drawPolygon(QPolygonF(top + bottom))
        x0, x1 = self.x_for(self.start), self.x_for(self.end)
        shade = QColor(pal.color(QPalette.ColorRole.Base))
        shade.setAlpha(170)
        p.fillRect(QRectF(r.left(), r.top(), x0 - r.left(), r.height()), shade)
        p.fillRect(QRectF(x1, r.top(), r.right() - x1, r.height()), shade)
        edge = pal.color(QPalette.ColorRole.Text)
        p.setPen(QPen(edge, 2))
        for x in (x0, x1):
            p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
            p.fillRect(QRectF(x - 4, r.top(), 8, 9), edge)
        labels = QRectF(r.left(), r.bottom() + 1, r.width(), 14)
        p.drawText(labels, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, duration_text(0))
        p.drawText(labels, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, duration_text(self.duration))


class ClipView(QWidget):
    """A recording's facts, waveform and the part to keep, with start/end spin boxes that follow it."""

    selection_changed = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipView")
        self.facts: ClipFacts | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("clipFacts")
        self.summary.setWordWrap(True)
        self.waveform = Waveform(self)
        self.waveform.selection_changed.connect(self._dragged)
        self.start_spin, self.end_spin = QDoubleSpinBox(self), QDoubleSpinBox(self)
        for name, spin in (("clipTrimStart", self.start_spin), ("clipTrimEnd", self.end_spin)):
            spin.setObjectName(name)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(self.tr(" s"))
            spin.valueChanged.connect(self._typed)
        self.kept = QLabel(self)
        self.kept.setObjectName("clipKept")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Keep from"), self))
        row.addWidget(self.start_spin)
        row.addWidget(QLabel(self.tr("to"), self))
        row.addWidget(self.end_spin)
        row.addWidget(self.kept, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.summary)
        lay.addWidget(self.waveform)
        lay.addLayout(row)
        self.show_facts(None, self.tr("No recording yet: choose one, or drop a file on this window."))

    def show_facts(self, facts: ClipFacts | None, text: str = "") -> None:
        """Show a measured recording (selection: all of it), or only ``text`` when there is none."""
        self.facts = facts
        self.waveform.set_clip(facts.peaks if facts else None, facts.duration_s if facts else 0.0)
        for spin in (self.start_spin, self.end_spin):
            spin.blockSignals(True)
            spin.setRange(0.0, facts.duration_s if facts else 0.0)
            spin.setValue(0.0 if spin is self.start_spin or facts is None else facts.duration_s)
            spin.setEnabled(facts is not None)
            spin.blockSignals(False)
        if facts is not None:
            lufs = self.tr("%1 LUFS").replace("%1", f"{facts.lufs:.1f}") if facts.lufs > -70 else self.tr("silent")
            text = " · ".join((facts.path.name, duration_text(facts.duration_s), facts.format,
                               size_text(facts.size_bytes), lufs))
        self.summary.setText(text)
        self._show_kept()

    def selection(self) -> tuple[float, float]:
        return self.waveform.start, self.waveform.end

    def set_selection(self, start: float, end: float) -> None:
        self.waveform.set_selection(start, end)

    def trim(self) -> tuple[float | None, float | None]:
        """The part to keep in seconds, or (None, None) for the whole recording (or none measured)."""
        start, end = self.selection()
        if self.facts is None or (start <= _WHOLE and end >= self.facts.duration_s - _WHOLE):
            return None, None
        return round(start, 2), round(end, 2)

    def _typed(self, _value: float) -> None:
        self.waveform.set_selection(self.start_spin.value(), self.end_spin.value())

    def _dragged(self, start: float, end: float) -> None:
        for spin, value in ((self.start_spin, start), (self.end_spin, end)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._show_kept()
        self.selection_changed.emit(start, end)

    def _show_kept(self) -> None:
        start, end = self.selection()
        self.kept.setText(self.tr("keeping %1 of %2").replace("%1", duration_text(end - start))
                          .replace("%2", duration_text(self.facts.duration_s)) if self.facts else "")


__all__ = ["ClipFacts", "ClipView", "JobBar", "OutcomeBar", "Waveform", "analyse_clip", "duration_text",
           "grow_to_fit", "play_file", "player_problem", "sentence_label", "show_problem", "show_sentence",
           "size_text"]
