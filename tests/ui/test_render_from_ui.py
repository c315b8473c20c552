"""Rendering from the window: live row states, undo/redo over rendered lines, failures on their row."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from studio.domain.model import DONE, FAILED, QUEUED, RENDERING, STALE
from studio.engines.speech import EngineError, SpeechEngine
from studio.render.planner import RenderPlanner
from studio.store.project_file import ProjectStore
from studio.ui import script_model as sm
from studio.ui.delegates import LineTextEditor

from .conftest import Harness, wait_for


class StatusLog:
    """Every status a row shows, in order (from the model's dataChanged)."""

    def __init__(self, h: Harness, line_id: int) -> None:
        self.h = h
        self.line_id = line_id
        self.seen: list[str] = [self.current()]
        h.model.dataChanged.connect(self._changed)

    def current(self) -> str:
        row = self.h.model.row_of(self.line_id)
        return self.h.model.index(row, sm.STATUS).data(sm.STATUS_ROLE)

    def _changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = None) -> None:
        row = self.h.model.row_of(self.line_id)
        if row is not None and top.row() <= row <= bottom.row():
            status = self.current()
            if status != self.seen[-1]:
                self.seen.append(status)


def _status(h: Harness, row: int) -> str:
    return h.model.index(row, sm.STATUS).data(sm.STATUS_ROLE)


async def _render_all_stale(h: Harness) -> None:
    task = h.window.render_stale()
    assert task is not None
    await asyncio.wait_for(task, 30)


async def test_type_chinese_change_role_render_undo_redo_and_reopen(harness: Harness) -> None:
    h = harness
    view, model = h.view, h.model
    row = 1
    line_id = model.line_at(row).id
    statuses = StatusLog(h, line_id)

    # Type a Chinese line into the Text cell: Enter edits, CJK via key events with text, Enter commits.
    view.setFocus()
    view.setCurrentIndex(model.index(row, sm.TEXT))
    QTest.keyClick(view, Qt.Key.Key_Return)
    await wait_for(lambda: view.findChild(LineTextEditor) is not None)
    editor = view.findChild(LineTextEditor)
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    for ch in "雨停了，我们走吧。":
        QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    await wait_for(lambda: model.line_at(row).text == "雨停了，我们走吧。")

    # Change its role with the role cell's combo.
    lu = h.store.role_by_name("陆沉")
    view.setCurrentIndex(model.index(row, sm.ROLE))
    view.edit(model.index(row, sm.ROLE))
    await wait_for(lambda: view.findChild(QComboBox, "roleEditor") is not None)
    combo = view.findChild(QComboBox, "roleEditor")
    combo.setCurrentIndex(combo.findData(lu.id))
    combo.activated.emit(combo.currentIndex())
    await wait_for(lambda: model.line_at(row).role_id == lu.id)
    assert model.index(row, sm.ROLE).data() == "陆沉"
    assert h.window.undo_stack.count() == 2

    # Render it (Ctrl+Enter renders the selection); the row goes stale -> queued -> rendering -> done.
    view.select_lines([line_id])
    other_rows = [r for r in range(model.rowCount()) if r != row]
    h.window.act_render_selected.trigger()
    await wait_for(lambda: _status(h, row) == DONE, 30)
    assert statuses.seen[:1] == [STALE] and statuses.seen[-1] == DONE
    assert RENDERING in statuses.seen and QUEUED in statuses.seen
    assert statuses.seen.index(QUEUED) < statuses.seen.index(RENDERING) < statuses.seen.index(DONE)
    assert all(_status(h, r) == STALE for r in other_rows)  # only the selection was rendered
    assert model.index(row, sm.DURATION).data().endswith(" s")

    # Undo the role change: the old voice has no take, so the row is stale again. Redo: done (cached).
    h.window.act_undo.trigger()
    assert model.line_at(row).role_id == h.store.role_by_name("林晚").id
    assert _status(h, row) == STALE
    h.window.act_redo.trigger()
    assert model.line_at(row).role_id == lu.id
    assert _status(h, row) == DONE

    # Reopen the project: every change is there, and the take too.
    path = h.path
    await h.close()
    harness.close = _noop  # type: ignore[method-assign]
    store = ProjectStore.open(path)
    try:
        line = store.line(line_id)
        assert line.text == "雨停了，我们走吧。"
        assert line.role_id == lu.id
        assert store.takes_for_line(line_id)
    finally:
        store.close()


async def test_editing_one_line_makes_only_that_row_stale(harness: Harness) -> None:
    h = harness
    await _render_all_stale(h)
    assert all(_status(h, r) == DONE for r in range(h.model.rowCount()))
    changed_rows: set[int] = set()
    h.model.dataChanged.connect(lambda top, bottom, roles=None: changed_rows.update(range(top.row(),
                                                                                         bottom.row() + 1)))
    h.model.setData(h.model.index(2, sm.TEXT), "我改主意了。")
    assert [_status(h, r) for r in range(h.model.rowCount())] == [DONE, DONE, STALE, DONE]
    assert changed_rows == {2}


async def test_render_stale_reuses_takes_and_reports_in_the_status_bar(harness: Harness) -> None:
    h = harness
    messages: list[str] = []
    h.window.render.message.connect(messages.append)
    await _render_all_stale(h)
    assert any("Rendered 4" in m for m in messages)
    h.window.render_stale()
    await wait_for(lambda: any("Nothing to render" in m for m in messages))


class FailingEngine:
    """Wraps an engine; lines whose text contains ``bad`` fail with an engine error and a trace id."""

    def __init__(self, inner: SpeechEngine, bad: str, delay: float = 0.0) -> None:
        self.inner = inner
        self.name = inner.name
        self.bad = bad
        self.delay = delay

    @property
    def model(self) -> str:
        return self.inner.model

    @property
    def max_concurrency(self) -> int:
        return 1

    async def voices(self) -> Any:
        return await self.inner.voices()

    def prepare(self, request: Any) -> Any:
        return self.inner.prepare(request)

    async def synthesize(self, request: Any) -> Any:
        await asyncio.sleep(self.delay)
        if self.bad and self.bad in request.text:
            raise EngineError("The voice service is busy. Try again in a minute.", trace_id="trace-42")
        return await self.inner.synthesize(request)

    async def aclose(self) -> None:
        return None


def _use_engine(h: Harness, engine: Any) -> None:
    h.session._engine = engine  # noqa: SLF001 - test double for the session's engine
    h.session._planner = RenderPlanner(h.store, engine)  # noqa: SLF001


async def test_a_failure_shows_on_its_row_with_trace_id_and_no_dialog(harness: Harness) -> None:
    h = harness
    _use_engine(h, FailingEngine(h.session.engine, bad="答应"))
    await _render_all_stale(h)
    assert [_status(h, r) for r in range(4)] == [DONE, DONE, FAILED, DONE]
    tip = h.model.index(2, sm.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "busy" in tip and "trace-42" in tip
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert "1 failed" in h.window.statusBar().currentMessage()


async def test_cancel_stops_rendering_and_keeps_finished_lines(harness: Harness) -> None:
    h = harness
    _use_engine(h, FailingEngine(h.session.engine, bad="", delay=0.15))
    task = h.window.render_stale()
    await wait_for(lambda: _status(h, 0) == DONE, 10)
    assert h.window.act_cancel.isEnabled()
    h.window.act_cancel.trigger()
    report = await asyncio.wait_for(task, 10)
    assert report is not None and report.cancelled
    statuses = [_status(h, r) for r in range(4)]
    assert statuses[0] == DONE and STALE in statuses
    assert QUEUED not in statuses and RENDERING not in statuses
    assert not h.window.act_cancel.isEnabled()


async def test_missing_voices_are_cast_first_and_announced(harness: Harness) -> None:
    h = harness
    role = h.store.role_by_name("陆沉")
    h.store.update_role(dataclasses.replace(role, voices={}))
    assert h.model.index(2, sm.STATUS).data(sm.STATUS_ROLE) == STALE  # no voice yet: not a failure
    assert "casts one automatically" in h.model.index(2, sm.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    messages: list[str] = []
    h.window.render.message.connect(messages.append)
    await _render_all_stale(h)
    assert any("Auto-cast" in m and "陆沉" in m for m in messages)
    assert h.store.role_by_name("陆沉").voices.get("espeak")
    assert _status(h, 2) == DONE


async def _noop() -> None:
    return None



async def test_render_all_on_a_paid_engine_asks_first_with_the_cost(harness: Harness,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from studio.actions import costs

    asked: list[str] = []

    def no(parent: object, title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(no))
    monkeypatch.setattr(costs, "estimate", lambda engine, model, chars: f"${chars * 0.0001:.2f}")
    assert harness.window.render_all() is None  # declined: nothing is rendered
    chars, _ = harness.model.char_counts()
    assert len(asked) == 1 and str(chars) in asked[0] and "$" in asked[0]
    assert harness.store.take_count() == 0
    monkeypatch.setattr(costs, "estimate", lambda engine, model, chars: None)  # offline: no question
    task = harness.window.render_all()
    assert task is not None and len(asked) == 1
    await task


async def test_export_and_save_a_copy_from_the_window_while_editing(harness: Harness, tmp_path) -> None:
    import soundfile as sf
    import srt

    h = harness
    await _render_all_stale(h)
    out = tmp_path / "episode.wav"
    line = h.store.lines(h.model.episode_id)[0]
    h.store.update_line(line.with_(text="导出前改的一句。"))  # now stale: left out of the export, and said so
    await wait_for(lambda: h.model.stale_count() == 1)
    await h.window.export(str(out), "leave")  # the user chose "Export without them" when asked
    assert "1 unrendered line(s) left out" in h.window.statusBar().currentMessage()
    audio, rate = sf.read(out)
    assert len(audio) > rate  # more than a second of sound
    cues = list(srt.parse(out.with_suffix(".srt").read_text(encoding="utf-8")))
    assert len(cues) == len(h.store.lines(h.model.episode_id)) - 1
    assert all("导出前" not in c.content for c in cues)

    copy = tmp_path / "copy.troupe"
    await h.window.save_copy(str(copy))
    with ProjectStore.open(copy) as c:
        assert c.lines(h.model.episode_id)[0].text == "导出前改的一句。"
        assert c.take_count() == h.store.take_count()


async def test_export_renders_unrendered_lines_first_when_the_user_asks(harness: Harness, tmp_path) -> None:
    import srt

    h = harness
    out = tmp_path / "first.wav"
    assert h.model.stale_count() == 4
    result = await h.window.export(str(out), "render")
    assert result is not None and not result.missing
    assert h.model.stale_count() == 0
    cues = list(srt.parse(out.with_suffix(".srt").read_text(encoding="utf-8")))
    assert len(cues) == 4


async def test_export_asks_about_unrendered_lines_before_it_starts(harness: Harness, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    h = harness
    h.window.act_export.trigger()
    await wait_for(lambda: h.window.exports.dialog is not None and h.window.exports.dialog.isVisible())
    dialog = h.window.exports.dialog
    dialog.folder_edit.setText(str(tmp_path))
    dialog.export_button.click()
    boxes: list[QMessageBox] = []

    def asked() -> bool:
        boxes[:] = [w for w in QApplication.topLevelWidgets()
                    if w.objectName() == "exportUnrendered" and w.isVisible()]
        return bool(boxes)

    await wait_for(asked)
    assert "4 line(s) are not rendered yet (in episode 1)" in boxes[0].text()
    boxes[0].button(QMessageBox.StandardButton.Cancel).click()  # asked before anything ran: nothing written
    await wait_for(lambda: not h.window.exports.busy)
    assert list(tmp_path.glob("*.wav")) == [] and h.store.take_count() == 0
    assert h.window.statusBar().currentMessage() == "Export cancelled; nothing was written."
