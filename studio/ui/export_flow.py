"""Running an export from the window: the dialog's request, then — asked, never silently — replacing files
that exist and rendering the lines that are not rendered yet, then the batch export in a worker thread
on a read-only connection with progress in the status bar and a Cancel button, and at the end a report
of every file with the loudness and true peak measured on it, and "Open folder". A video export (the
dialog's Video choices, ``studio.actions.video``) runs the same way and reports each video's size, length,
captions and the notes the action gives (lines that run past their cue, dialogue past the picture's end).

The rules are the export action's (``studio.actions.export``): which files a request writes, which lines
it would leave out, the export itself. Must not live here: those rules, or the dialog's choices.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions import export as exporting
from studio.actions import video as vid
from studio.session.project import ProjectSession
from studio.settings import Settings
from studio.store.project_file import TakeDamagedError
from studio.ui import commands as cmd
from studio.ui.asking import answer, finished
from studio.ui.render_controller import RenderController
from studio.ui.status_line import engine_problem
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

TASK = "export"
RENDER_FIRST, LEAVE_OUT = "render", "leave"
#: A file is reported on target when its measured loudness is this close to the target (LU).
ON_TARGET_LU = 0.5


class ExportFlow(QObject):
    progress = Signal(float, str)  # fraction done (negative: idle), what is being written
    finished = Signal(object)  # BatchReport, or None when nothing was exported

    def __init__(self, window: QWidget, session: ProjectSession, settings: Settings, runner: cmd.UndoRunner,
                 render: RenderController, tasks: TaskManager, show_message: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.settings = settings
        self.runner = runner
        self.render = render
        self.tasks = tasks
        self.show_message = show_message
        self._stop: threading.Event | None = None
        self.dialog = None
        self.report_dialog: QDialog | None = None

    @property
    def busy(self) -> bool:
        return bool(self.tasks.running(TASK))

    # ---------------------------------------------------------------- the dialog

    def ask(self) -> None:
        """Open the export dialog; on Export, run what it asks for."""
        if self.session.episode.episode_id is None:
            return
        if self.busy:
            self.show_message(self.tr("An export is already running; cancel it or wait for it to finish."))
            return
        self.tasks.spawn("export-dialog", self._ask())

    async def _ask(self) -> None:
        from studio.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.session, self.settings, self.window)
        dialog.caption_styles_requested.connect(lambda: self.tasks.spawn("caption-styles", self.edit_caption_styles()))
        self.dialog = dialog
        try:
            accepted = await finished(dialog)
            request = dialog.request() if accepted else None
        finally:
            self.dialog = None
            dialog.deleteLater()
        if request is not None:
            self.tasks.spawn(TASK, self.run(request))

    async def edit_caption_styles(self) -> None:
        from studio.ui.export_dialog import CaptionStylesDialog

        parent = self.dialog if self.dialog is not None else self.window
        dialog = CaptionStylesDialog(self.session, parent)
        try:
            if not await finished(dialog):
                return
            try:
                after = dialog.settings_after()
            except ActionError as exc:
                self.show_message(str(exc))
                return
        finally:
            dialog.deleteLater()
        before = self.session.store.settings
        if after != before:
            self.runner.run(cmd.EditProjectSettings(self.session.store, before, after, self.tr("Caption styles")))

    # ---------------------------------------------------------------- running

    async def run(self, request: exporting.BatchRequest | vid.VideoBatchRequest, unrendered: str | None = None,
                  replace: bool | None = None) -> exporting.BatchReport | vid.VideoBatchReport | None:
        """Export ``request``. Files that exist are replaced only when the user says so (``replace`` answers
        for them); unrendered lines are rendered first or left out as the user chooses (``unrendered``
        answers for them). Returns the report, or None when nothing was exported."""
        existing = request.existing()
        force = bool(existing) and (replace if replace is not None else await self._ask_replace(existing))
        if existing and not force:
            self.show_message(self.tr("Nothing was exported; the files that exist are unchanged."))
            return None
        if self.session.engine is None:
            self.show_message(self.tr("Cannot export: %1").replace("%1", engine_problem(self.session)))
            return None
        ids = [item.episode_id for item in request.items]
        counts = exporting.unrendered_counts(self._plans(ids))
        if counts:
            choice = unrendered or await self._ask_unrendered(counts, request)
            if choice is None:
                self.show_message(self.tr("Export cancelled; nothing was written."))
                return None
            if choice == RENDER_FIRST:
                self.show_message(self.tr("Rendering the lines the export needs…"))
                await self.render.render_episodes(ids)
                if exporting.unrendered_counts(self._plans(ids)):
                    self.show_message(self.tr("Some lines could not be rendered; nothing was exported. See their "
                                              "Status."))
                    return None
        plans = self._plans(ids)
        report = await self._export(request, plans, force)
        if report is not None:
            self._announce(report)
            self.show_report(request, report)
        self.finished.emit(report)
        return report

    async def export_file(self, path: str, unrendered: str = LEAVE_OUT) -> exporting.ExportResult | None:
        """Export the open episode to the file ``path`` (replacing it) with SRT subtitles; the result."""
        episode_id = self.session.episode.episode_id
        if episode_id is None:
            return None
        out = Path(path)
        number = next(n for n, e in enumerate(self.session.store.episodes(), 1) if e.id == episode_id)
        try:
            request = exporting.check_batch(self.session.store, out.parent, episodes=[number],
                                            pattern=out.stem.replace("{", "{{").replace("}", "}}"),
                                            format=out.suffix.lstrip(".") or "wav", subtitles="srt")
        except ActionError as exc:
            self.show_message(str(exc))
            return None
        report = await self.run(request, unrendered, replace=True)
        return report.files[0].result if report is not None and report.files else None

    def _plans(self, ids: list[int]) -> dict[int, list]:
        episode = self.session.episode
        return {ep: (episode.plans() if ep == episode.episode_id else self.session.plan(ep)) for ep in ids}

    async def _ask_replace(self, existing: list[Path]) -> bool:
        shown = "\n".join(f"• {p.name}" for p in existing[:6]) + ("\n…" if len(existing) > 6 else "")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export"),
                          self.tr("%1 file(s) of this export already exist:\n%2\nReplace them?")
                          .replace("%1", str(len(existing))).replace("%2", shown), parent=self.window)
        box.setObjectName("exportReplace")
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return await answer(box) is replace

    async def _ask_unrendered(self, counts: dict[int, int],
                              request: exporting.BatchRequest | vid.VideoBatchRequest) -> str | None:
        lines = sum(counts.values())
        numbers = [str(item.number) for item in request.items if item.episode_id in counts]
        text = self.tr("%1 line(s) are not rendered yet (in episode %2). Render them first, or export without "
                       "them (they are left out of the audio and the subtitles)?") \
            .replace("%1", str(lines)).replace("%2", ", ".join(numbers))
        read_only = self.session.store.read_only  # nothing can be rendered into it: only leaving them out
        if read_only:
            text = self.tr("%1 line(s) are not rendered (in episode %2), and this read-only project cannot take new "
                           "takes. Export without them (they are left out of the audio and the subtitles)?") \
                .replace("%1", str(lines)).replace("%2", ", ".join(numbers))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Export"), text, parent=self.window)
        box.setObjectName("exportUnrendered")
        render = None if read_only else box.addButton(self.tr("Render first"), QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(self.tr("Export without them"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(render or leave)
        clicked = await answer(box)
        return RENDER_FIRST if clicked is render else LEAVE_OUT if clicked is leave else None

    async def _export(self, request: exporting.BatchRequest | vid.VideoBatchRequest, plans: dict[int, list],
                      force: bool = False) -> exporting.BatchReport | vid.VideoBatchReport | None:
        loop = asyncio.get_running_loop()
        stop = threading.Event()
        self._stop = stop
        total = len(request.items)

        def heard(p: exporting.ExportProgress) -> None:  # on the worker thread
            text = self.tr("Exporting %1 (%2 of %3)").replace("%1", p.current.name if p.current else "…") \
                .replace("%2", str(min(p.done + 1, p.total))).replace("%3", str(p.total))
            loop.call_soon_threadsafe(self.progress.emit, p.fraction, text)

        def work() -> exporting.BatchReport | vid.VideoBatchReport:
            reader = self.session.store.reader()
            try:
                if isinstance(request, vid.VideoBatchRequest):
                    return vid.export_video_batch(reader, request, plans, progress=heard, cancel=stop, force=force)
                return exporting.export_batch(reader, request, plans, progress=heard, cancel=stop, force=force)
            finally:
                reader.close()

        self.progress.emit(0.0, self.tr("Exporting %1 episode(s)…").replace("%1", str(total)))
        job = loop.run_in_executor(None, work)
        try:
            return await asyncio.shield(job)
        except asyncio.CancelledError:
            stop.set()  # the window is closing or the export was replaced: stop between blocks
            with contextlib.suppress(Exception):
                await job
            raise
        except Exception as exc:  # ActionError, ExportError, OSError: each carries its sentence
            log.info("export failed", exc_info=True)
            damaged = exc.__cause__ if isinstance(exc.__cause__, TakeDamagedError) else None
            if damaged is not None:  # read on a reader: set it aside on the writing connection
                self.session.store.set_aside_take(damaged.take_id)
            self.show_message(self.tr("Export failed: %1").replace("%1", str(exc)))
            return None
        finally:
            self._stop = None
            self.progress.emit(-1.0, "")

    def close(self) -> None:
        """The window is closing: its export dialogs go with it (an export under way is cancelled by the
        window's task manager and leaves no half-written file)."""
        if self.dialog is not None:
            self.dialog.reject()
        if self.report_dialog is not None:
            self.report_dialog.close()

    def cancel(self) -> None:
        """Stop the export under way: finished episodes stay, the one being written leaves no file."""
        if self._stop is not None:
            self._stop.set()
            self.show_message(self.tr("Cancelling the export…"))

    def _announce(self, report: exporting.BatchReport | vid.VideoBatchReport) -> None:
        n = len(report.files)
        if report.cancelled:
            text = self.tr("Export cancelled; %1 episode(s) were finished and kept.").replace("%1", str(n))
        elif isinstance(report, vid.VideoBatchReport):
            if n == 1:
                v = report.files[0]
                text = self.tr("Exported %1 (%2×%3, %4 s, %5 LUFS, true peak %6 dBTP).").replace("%1", str(v.path)) \
                    .replace("%2", str(v.width)).replace("%3", str(v.height)) \
                    .replace("%4", f"{v.duration_ms / 1000:.1f}").replace("%5", f"{v.audio.measured_lufs:.1f}") \
                    .replace("%6", f"{v.audio.measured_true_peak_dbtp:.1f}")
                if v.warnings:
                    text += " " + " ".join(v.warnings)
            else:
                text = self.tr("Exported %1 video(s).").replace("%1", str(n))
        elif n == 1:
            f = report.files[0]
            text = self.tr("Exported %1 (%2 s, %3 LUFS, true peak %4 dBTP).").replace("%1", str(f.audio)) \
                .replace("%2", f"{f.duration_ms / 1000:.1f}").replace("%3", f"{f.integrated_lufs:.1f}") \
                .replace("%4", f"{f.true_peak_dbtp:.1f}")
        else:
            text = self.tr("Exported %1 episode(s).").replace("%1", str(n))
        left_out = sum(len(f.missing) for f in report.files)
        if left_out:
            text += " " + self.tr("%1 unrendered line(s) left out, as chosen.").replace("%1", str(left_out))
        if report.skipped:
            text += " " + self.tr("%1 episode(s) had nothing rendered and were not exported.") \
                .replace("%1", str(len(report.skipped)))
        self.show_message(text)

    def show_report(self, request: exporting.BatchRequest | vid.VideoBatchRequest,
                    report: exporting.BatchReport | vid.VideoBatchReport) -> None:
        if self.report_dialog is not None:
            self.report_dialog.close()
        if isinstance(report, vid.VideoBatchReport):
            from studio.ui.video_report import VideoReportDialog

            self.report_dialog = VideoReportDialog(request.folder, request.items, report, self.window)
        else:
            self.report_dialog = ExportReportDialog(request, report, self.window)
        self.report_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog.destroyed.connect(lambda *_: setattr(self, "report_dialog", None))
        self.report_dialog.open_failed.connect(self.show_message)
        self.report_dialog.show()


class ExportReportDialog(QDialog):
    """Every file written with its length and the loudness and true peak measured on it; Open folder."""

    open_failed = Signal(str)

    def __init__(self, request: exporting.BatchRequest, report: exporting.BatchReport,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportReport")
        self.setWindowTitle(self.tr("Export cancelled") if report.cancelled else self.tr("Export finished"))
        self.folder = request.folder
        self.table = QTableWidget(len(report.files), 5, self)
        self.table.setObjectName("exportReportTable")
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Length"), self.tr("Loudness"),
                                              self.tr("True peak"), self.tr("Lines")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, f in enumerate(report.files):
            on_target = abs(f.integrated_lufs - f.target_lufs) <= ON_TARGET_LU
            under = f.true_peak_dbtp <= f.ceiling_dbtp + 0.05
            cells = [str(f.audio.relative_to(request.folder)) if f.audio.is_relative_to(request.folder)
                     else str(f.audio),
                     clock(f.duration_ms),
                     f"{f.integrated_lufs:.1f} LUFS" + ("" if on_target else " ⚠"),
                     f"{f.true_peak_dbtp:.1f} dBTP" + ("" if under else " ⚠"),
                     str(f.lines) + (self.tr(" (%1 left out)").replace("%1", str(len(f.missing))) if f.missing else "")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setToolTip("\n".join(str(p) for p in f.files))
                if col == 2:
                    item.setToolTip(self.tr("Target %1 LUFS; measured on the written file.")
                                    .replace("%1", f"{f.target_lufs:g}"))
                if col == 3:
                    item.setToolTip(self.tr("Ceiling %1 dBTP; measured on the written file.")
                                    .replace("%1", f"{f.ceiling_dbtp:g}"))
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        summary = QLabel(self)
        summary.setObjectName("exportReportSummary")
        summary.setWordWrap(True)
        parts = [self.tr("%1 file(s) in %2.").replace("%1", str(len(report.files))).replace("%2", str(request.folder))]
        if report.cancelled:
            parts.append(self.tr("Cancelled: the episode being written left no file."))
        if report.skipped:
            parts.append(self.tr("Not exported (nothing rendered): episode %1.")
                         .replace("%1", ", ".join(str(i.number) for i in request.items
                                                  if i.episode_id in report.skipped)))
        summary.setText(" ".join(parts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton(self.tr("Open folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("openExportFolder")
        self.open_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(summary)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(720, min(560, 170 + 30 * max(1, len(report.files))))

    def open_folder(self) -> bool:
        ok = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
        if not ok:
            self.open_failed.emit(self.tr("No file manager could open %1.").replace("%1", str(self.folder)))
        return ok


def clock(ms: int) -> str:
    """``ms`` as minutes:seconds with tenths (59.3 s is 0:59.3, 119.3 s is 1:59.3)."""
    tenths = int(round(ms / 100))
    minutes, rest = divmod(tenths, 600)
    return f"{minutes}:{rest // 10:02d}.{rest % 10}"
