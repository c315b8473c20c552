"""The window's status bar: render progress, how many lines are stale, characters and what rendering them
costs, and the engine with its state (offline, online, no API key, not available).

Every number comes from the open episode (``OpenEpisode.counts``), the same count ``troupe info`` prints.
Must not live here: what the numbers mean (``studio.actions.status``, ``studio.actions.costs``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

from studio.actions import accounts, costs
from studio.actions.engines import ENGINE_LABELS
from studio.session.project import ProjectSession


def engine_problem(session: ProjectSession) -> str:
    """Why the active engine cannot be used, in the window's words (a missing MiniMax key points to Settings)."""
    if session.engine_error_code == "no-key":
        return QCoreApplication.translate("StatusLine", "No MiniMax API key yet: add one in Settings ▸ MiniMax.")
    return session.engine_error or QCoreApplication.translate("StatusLine", "No speech engine is available.")


class StatusLine(QObject):
    def __init__(self, bar: QStatusBar, session: ProjectSession, selected_rows: Callable[[], list[int]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.session = session
        self._selected_rows = selected_rows
        bar.setObjectName("statusBar")
        self.progress = QProgressBar(bar)
        self.progress.setObjectName("renderProgress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.stale_label = QLabel(bar)
        self.stale_label.setObjectName("staleCount")
        self.chars_label = QLabel(bar)
        self.chars_label.setObjectName("charCount")
        self.engine_label = QLabel(bar)
        self.engine_label.setObjectName("engineState")
        self.export_progress = QProgressBar(bar)
        self.export_progress.setObjectName("exportProgress")
        self.export_progress.setMaximumWidth(260)
        self.export_progress.setRange(0, 1000)
        self.export_progress.hide()
        self.cancel_export = QToolButton(bar)
        self.cancel_export.setObjectName("cancelExport")
        self.cancel_export.setText(self.tr("Cancel export"))
        self.cancel_export.setToolTip(self.tr("Stop the export: finished episodes stay, the one being written "
                                              "leaves no file."))
        self.cancel_export.hide()
        for w in (self.export_progress, self.cancel_export, self.progress, self.stale_label, self.chars_label,
                  self.engine_label):
            w.setContentsMargins(10, 0, 10, 0)
            bar.addPermanentWidget(w)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self.update_totals)

    def show_message(self, text: str) -> None:
        if text:
            self.bar.showMessage(text, 15000)
        else:
            self.bar.clearMessage()

    def schedule_totals(self, *args: object) -> None:
        self._timer.start()

    def update_totals(self) -> None:
        episode = self.session.episode
        counts = episode.counts()
        total_chars, stale_chars = episode.char_counts()
        self.stale_label.setText(self.tr("%1 stale").replace("%1", str(counts.stale)))
        tip = self.tr("%1 done, %2 stale, %3 failed").replace("%1", str(counts.done)) \
            .replace("%2", str(counts.stale)).replace("%3", str(counts.failed))
        self.stale_label.setToolTip(tip)
        rows = self._selected_rows()
        sel_chars = sum(len(episode.line_at(r).text.strip()) for r in rows[:5000] if r < len(episode))
        text = self.tr("%1 chars (selection %2)").replace("%1", str(total_chars)).replace("%2", str(sel_chars))
        cost = costs.estimate(self.session.engine_name, self.session.engine_model, stale_chars)
        if cost is not None:
            text += " · " + self.tr("to render ≈ %1").replace("%1", cost)
        else:
            text += " · " + self.tr("free (offline)")
        self.chars_label.setText(text)

    def update_engine(self) -> None:
        name = self.session.engine_name
        label = ENGINE_LABELS.get(name, name)
        if self.session.engine is None:
            state = self.tr("no API key") if self.session.engine_error_code == "no-key" else self.tr("not available")
            self.engine_label.setToolTip(engine_problem(self.session))
        elif name == "minimax":
            present = accounts.minimax_key_state().present
            state = self.tr("online") if present else self.tr("no API key")
            config = getattr(self.session.engine, "config", None)
            self.engine_label.setToolTip(getattr(config, "host", ""))
        else:
            state = self.tr("offline")
            self.engine_label.setToolTip(self.tr("Runs on this computer; no network needed."))
        self.engine_label.setText(f"{label} · {state}")

    def on_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.progress.hide()
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("Rendering %v / %m"))
        self.progress.show()

    def on_export_progress(self, fraction: float, text: str) -> None:
        """An export's progress (a negative fraction: no export running)."""
        running = fraction >= 0
        self.export_progress.setVisible(running)
        self.cancel_export.setVisible(running)
        if running:
            self.export_progress.setValue(int(round(min(1.0, fraction) * 1000)))
            self.export_progress.setFormat(text or self.tr("Exporting %p%"))
            self.export_progress.setToolTip(text)
