"""The script table: the model adapts the episode, edits are undoable and saved at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.domain.model import STALE
from studio.store.project_file import ProjectStore
from studio.ui import script_model as sm
from studio.ui.delegates import LineTextEditor

from .conftest import ZH_LINES, Harness, wait_for


def _texts(h: Harness) -> list[str]:
    return [h.model.line_at(r).text for r in range(h.model.rowCount())]


async def test_model_shows_the_episode_lines_roles_and_status(harness: Harness) -> None:
    m = harness.model
    assert m.rowCount() == len(ZH_LINES)
    assert m.columnCount() == sm.COLUMN_COUNT
    assert m.index(1, sm.ROLE).data() == "林晚"
    assert m.index(1, sm.TEXT).data() == "你终于来了。"
    assert m.index(1, sm.CHARS).data() == str(len("你终于来了。"))
    assert m.index(0, sm.STATUS).data(sm.STATUS_ROLE) == STALE
    assert m.index(0, sm.NUMBER).data() == "1"


async def test_typing_a_chinese_line_in_the_cell_editor_saves_it(harness: Harness) -> None:
    view = harness.view
    index = harness.model.index(2, sm.TEXT)
    view.setCurrentIndex(index)
    QTest.keyClick(view, Qt.Key.Key_Return)  # Enter edits
    await wait_for(lambda: view.findChild(LineTextEditor) is not None)
    editor = view.findChild(LineTextEditor)
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    for ch in "风停了":
        QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    QTest.keyClick(editor, Qt.Key.Key_Return)  # Enter commits
    await wait_for(lambda: harness.model.line_at(2).text == "风停了")
    assert harness.store.line(harness.model.line_at(2).id).text == "风停了"
    assert harness.window.undo_stack.count() == 1


async def test_editing_role_of_many_selected_lines_is_one_undo_step(harness: Harness) -> None:
    h = harness
    lu = h.store.role_by_name("陆沉")
    h.view.select_lines([h.model.line_at(0).id, h.model.line_at(1).id])
    h.window.set_role_of_selection(lu.id)
    assert [h.model.line_at(r).role_id for r in (0, 1)] == [lu.id, lu.id]
    assert h.window.undo_stack.count() == 1
    h.window.undo_stack.undo()
    assert h.model.index(0, sm.ROLE).data() == "旁白"
    assert h.model.index(1, sm.ROLE).data() == "林晚"


async def test_delivery_cells_validate_and_inherit(harness: Harness) -> None:
    m = harness.model
    assert m.setData(m.index(0, sm.SPEED), "1.25")
    assert m.line_at(0).delivery.speed == 1.25
    problems: list[str] = []
    m.problem.connect(problems.append)
    assert not m.setData(m.index(0, sm.SPEED), "9")  # outside 0.5–2.0
    assert problems and "Speed" in problems[0]
    assert m.setData(m.index(0, sm.SPEED), "")  # back to inheriting
    assert m.line_at(0).delivery.speed is None


async def test_delete_and_undo_restores_the_same_ids_and_order(harness: Harness) -> None:
    h = harness
    before = [h.model.line_at(r).id for r in range(h.model.rowCount())]
    h.view.select_lines([before[1], before[2]])
    h.window.act_delete.trigger()
    assert h.model.rowCount() == 2
    h.window.undo_stack.undo()
    assert [h.model.line_at(r).id for r in range(h.model.rowCount())] == before
    h.window.undo_stack.redo()
    assert [h.model.line_at(r).id for r in range(h.model.rowCount())] == [before[0], before[3]]


async def test_ctrl_down_moves_the_line_and_undo_moves_it_back(harness: Harness) -> None:
    h = harness
    first = h.model.line_at(0).id
    h.view.select_lines([first])
    h.view.setFocus()
    h.window.act_move_down.trigger()
    assert h.model.line_at(1).id == first
    assert h.view.selected_line_ids() == [first]
    assert [ln.id for ln in h.store.lines(h.model.episode_id)][1] == first
    h.window.undo_stack.undo()
    assert h.model.line_at(0).id == first


async def test_drag_order_places_the_block_before_the_drop_row(harness: Harness) -> None:
    m = harness.model
    ids = [m.line_at(r).id for r in range(4)]
    assert m.order_after_move([ids[0]], 3) == [ids[1], ids[2], ids[0], ids[3]]
    assert m.order_after_move([ids[3]], 0) == [ids[3], ids[0], ids[1], ids[2]]
    assert m.order_after_move([ids[1], ids[2]], 4) == [ids[0], ids[3], ids[1], ids[2]]


async def test_paste_tsv_inserts_lines_and_creates_missing_roles(harness: Harness) -> None:
    h = harness
    h.view.select_lines([h.model.line_at(0).id])
    ids = h.window.paste_text("小雨\t姐姐，等等我！\tfearful\n林晚\t快跑。\n")
    assert len(ids) == 2
    assert h.model.line_at(1).text == "姐姐，等等我！"
    assert h.model.index(1, sm.ROLE).data() == "小雨"
    assert h.model.line_at(1).delivery.emotion == "fearful"
    assert h.store.role_by_name("小雨") is not None
    h.window.undo_stack.undo()  # one step removes the lines and the new role
    assert h.model.rowCount() == len(ZH_LINES)
    assert h.store.role_by_name("小雨") is None


async def test_copy_then_paste_round_trips_lines(harness: Harness) -> None:
    h = harness
    h.view.select_lines([h.model.line_at(1).id, h.model.line_at(2).id])
    h.window.act_copy.trigger()
    text = QApplication.clipboard().text()
    assert "林晚\t你终于来了。" in text
    h.view.select_lines([h.model.line_at(3).id])
    h.window.paste_text(text)
    assert _texts(h)[4:] == ["你终于来了。", "我答应过你的。"]


async def test_plain_text_paste_takes_the_current_role(harness: Harness) -> None:
    h = harness
    h.view.select_lines([h.model.line_at(1).id])
    h.window.paste_text("第一句\n第二句")
    assert h.model.index(2, sm.ROLE).data() == "林晚"
    assert h.model.index(3, sm.TEXT).data() == "第二句"


async def test_role_filter_hides_other_roles(harness: Harness) -> None:
    h = harness
    lin = h.store.role_by_name("林晚")
    h.window._filter_to_role(lin.id)
    visible = [r for r in range(h.model.rowCount()) if not h.view.isRowHidden(r)]
    assert visible == [1, 3]
    h.window.role_filter.setCurrentIndex(0)
    assert not any(h.view.isRowHidden(r) for r in range(h.model.rowCount()))


async def test_find_and_replace_all_is_one_undo_step(harness: Harness) -> None:
    h = harness
    h.window._find()
    dialog = h.window._find_dialog
    dialog.find_edit.setText("你")
    dialog.replace_edit.setText("您")
    assert dialog.replace_all() == 2
    assert h.model.line_at(1).text == "您终于来了。"
    assert h.window.undo_stack.count() == 1
    h.window.undo_stack.undo()
    assert h.model.line_at(1).text == "你终于来了。"
    dialog.close()


async def test_insert_below_adds_an_empty_line_with_the_same_role(harness: Harness) -> None:
    h = harness
    h.view.select_lines([h.model.line_at(1).id])
    h.window.act_insert_below.trigger()
    assert h.model.rowCount() == len(ZH_LINES) + 1
    assert h.model.line_at(2).text == ""
    assert h.model.index(2, sm.ROLE).data() == "林晚"
    h.view.closePersistentEditor(h.model.index(2, sm.TEXT))


async def test_every_edit_is_on_disk_when_the_project_is_reopened(harness: Harness, qtbot: Any) -> None:
    h = harness
    m = h.model
    m.setData(m.index(0, sm.TEXT), "雨停了。")
    m.setData(m.index(1, sm.PITCH), "3")
    h.view.select_lines([m.line_at(3).id])
    h.window.act_move_up.trigger()
    h.window.rename_episode("第一集（改）")
    order = [m.line_at(r).id for r in range(m.rowCount())]
    path = h.path
    await h.close()
    store = ProjectStore.open(path)
    try:
        ep = store.episodes()[0]
        lines = store.lines(ep.id)
        assert ep.title == "第一集（改）"
        assert [ln.id for ln in lines] == order
        assert lines[0].text == "雨停了。"
        assert next(ln for ln in lines if ln.text == "你终于来了。").delivery.pitch == 3
    finally:
        store.close()
    harness.close = _noop  # type: ignore[method-assign]


async def _noop() -> None:
    return None
