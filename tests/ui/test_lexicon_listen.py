"""Listen in the lexicon window: the typed entry is heard on the project's engine in the first line holding
its word, as the render would say it, and nothing is saved; with no line holding it, the word alone."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.actions import lexicon as lex
from studio.domain.lexicon import LexiconEntry

from .conftest import Harness, wait_for
from .test_window import FakePlayer


async def test_listen_says_the_first_line_with_the_entry_and_saves_nothing(project_path: Path, qtbot: Any) -> None:
    player = FakePlayer(True)
    h = Harness(project_path, player)
    h.window.show()
    try:
        h.window.act_lexicon.trigger()
        dialog = h.window.lexicon_dialog()
        await wait_for(dialog.isVisible)
        dialog.word.setText("终于")
        dialog.kind.setCurrentIndex(dialog.kind.findData("replace"))
        dialog.spoken.setText("总算")
        assert dialog.listen_button.isEnabled()
        QTest.mouseClick(dialog.listen_button, Qt.MouseButton.LeftButton)
        assert dialog.listening is not None
        said = await asyncio.wait_for(dialog.listening, 30)
        assert said == "你终于来了。"
        assert "episode 1, line 2" in dialog.affected.text()
        assert len(player.played) == 1 and player.played[0][0] > 48000 * 0.3  # a line's worth of sound
        assert h.store.lexicon() == []  # heard, not kept

        audition = lex.audition(h.store, h.session.engine, LexiconEntry("终于", "总算", "replace", None))
        assert audition.request.text == "你总算来了。"  # type: ignore[attr-defined]
        lone = lex.audition(h.store, h.session.engine, LexiconEntry("沈墨", "shen3 mo4", "pinyin", "zh"))
        assert lone.line is None and lone.request.text == "沈墨"  # type: ignore[attr-defined]
        assert lone.request.pronunciation == ("沈墨/(shen3)(mo4)",)  # type: ignore[attr-defined]
    finally:
        await h.close()


async def test_the_words_to_check_start_with_what_the_check_misheard(project_path: Path, qtbot: Any) -> None:
    from studio.checks import listen
    from studio.checks.scoring import CheckResult, Difference

    h = Harness(project_path)
    h.window.show()
    try:
        await asyncio.wait_for(h.window.render_stale(), 30)
        take = h.session.episode.plan_at(2).take  # 我答应过你的。
        assert take is not None
        heard = CheckResult(0.5, "我过你的", (Difference("答应", "", units=2, serious=True),), 6, 2)
        h.store.set_take_note(take.id, listen.NOTE_KIND, heard.to_note())
        h.window.act_lexicon.trigger()
        dialog = h.window.lexicon_dialog()
        await wait_for(dialog.isVisible)
        first = dialog.suspects.item(0)
        assert first.text() == "答应 — misheard"
        assert dialog.suspects.count() > 1  # then the script's 多音字 (还, 了 …)
        dialog.suspects.itemClicked.emit(first)
        assert dialog.word.text() == "答应" and dialog.engine_reading.text() == "da1 ying4"
    finally:
        await h.close()


async def test_ctrl_z_in_the_lexicon_window_undoes_the_entry(project_path: Path, qtbot: Any) -> None:
    h = Harness(project_path)
    h.window.show()
    try:
        h.window.act_lexicon.trigger()
        dialog = h.window.lexicon_dialog()
        await wait_for(dialog.isVisible)
        dialog.word.setText("陆沉")
        dialog.spoken.setText("lu4 chen2")
        QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert [e.written for e in h.store.lexicon()] == ["陆沉"]
        dialog.activateWindow()
        await wait_for(dialog.isActiveWindow, 5)  # a shortcut reaches the active window only
        dialog.table.setFocus()
        QTest.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert h.store.lexicon() == []
        await wait_for(lambda: dialog.table.rowCount() == 0)
        QTest.keyClick(dialog.table, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert [e.written for e in h.store.lexicon()] == ["陆沉"]
    finally:
        await h.close()
