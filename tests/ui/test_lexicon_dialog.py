"""The pronunciation lexicon window, driven as a user: open it from the Settings menu, type a 多音字, pick
its reading, add it; only the line holding it goes stale; one undo step brings the old lexicon back."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QMenu

from studio.domain.lexicon import LexiconEntry
from studio.domain.model import DONE, STALE
from studio.ui import script_model as sm

from .conftest import Harness, wait_for


def _statuses(h: Harness) -> list[str]:
    return [h.model.index(r, sm.STATUS).data(sm.STATUS_ROLE) for r in range(h.model.rowCount())]


def _settings_menu(h: Harness) -> QMenu:
    for act in h.window.menuBar().actions():
        menu = act.menu()
        if isinstance(menu, QMenu) and h.window.act_settings in menu.actions():
            return menu
    raise AssertionError("no Settings menu")


async def test_add_a_reading_from_the_menu_makes_only_its_line_stale_and_undo(harness: Harness) -> None:
    h = harness
    task = h.window.render_stale()
    assert task is not None
    await asyncio.wait_for(task, 30)
    assert _statuses(h) == [DONE] * 4
    menu = _settings_menu(h)
    actions = menu.actions()
    assert actions[actions.index(h.window.act_settings) + 1] is h.window.act_lexicon
    h.window.act_lexicon.trigger()
    dialog = h.window.lexicon_dialog()
    await wait_for(dialog.isVisible)

    dialog.word.setFocus()
    dialog.word.insert("还")  # typed through an input method. 夜深了，雨还在下。 — hai2 here; pick huan2
    assert dialog.engine_reading.text() == "hai2"
    (box,) = dialog.readings_row.findChildren(QComboBox)
    options = [box.itemData(i) for i in range(box.count())]
    assert options[0] == "hai2" and "huan2" in options
    box.setCurrentIndex(options.index("huan2"))
    assert dialog.spoken.text() == "huan2" and dialog.kind.currentData() == "pinyin"
    assert "1 line" in dialog.affected.text()
    assert dialog.add_button.isEnabled()
    QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    assert h.store.lexicon() == [LexiconEntry("还", "huan2", "pinyin", None)]
    await wait_for(lambda: _statuses(h) == [STALE, DONE, DONE, DONE])
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "还"
    assert dialog.table.item(0, 4).text() == "1"
    assert dialog.add_button.text() == "&Change" and not dialog.add_button.isEnabled()

    h.window.undo_stack.undo()
    assert h.store.lexicon() == []
    await wait_for(lambda: _statuses(h) == [DONE] * 4)
    assert dialog.table.rowCount() == 0
    h.window.undo_stack.redo()
    await wait_for(lambda: _statuses(h) == [STALE, DONE, DONE, DONE])

    dialog.table.selectRow(0)
    assert dialog.word.text() == "还" and dialog.remove_button.isEnabled()
    QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert h.store.lexicon() == []
    await wait_for(lambda: _statuses(h) == [DONE] * 4)


async def test_a_bad_entry_says_why_and_adds_nothing(harness: Harness) -> None:
    h = harness
    h.window.act_lexicon.trigger()
    dialog = h.window.lexicon_dialog()
    dialog.word.insert("雨还")
    dialog.kind.setCurrentIndex(0)
    dialog.spoken.setText("yu3")
    assert not dialog.add_button.isEnabled()
    assert "2 characters" in dialog.error.text()
    dialog.spoken.setText("yu3 huan")
    assert "“huan”" in dialog.error.text()
    assert h.store.lexicon() == []
