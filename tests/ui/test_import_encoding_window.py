"""Importing a text script whose encoding is a guess, in the window: the import asks first, showing the
encoding guessed and a preview in it; choosing another encoding re-reads the preview and imports the
script in that one; Cancel imports nothing; a script in valid UTF-8 (or an encoding named by the caller)
is imported without a question."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPlainTextEdit, QPushButton

from studio.ui.encoding_dialog import EncodingDialog

from .conftest import Harness, make_project, wait_for

JAPANESE = "花子：こんにちは。\n太郎：雨ですね。\n"


def _dialog() -> EncodingDialog | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, EncodingDialog) and w.isVisible()), None)


async def test_a_guessed_encoding_is_asked_and_the_chosen_one_imported(harness: Harness, tmp_path: Path,
                                                                      qtbot: Any) -> None:
    h = harness
    script = tmp_path / "jp.txt"
    script.write_bytes(JAPANESE.encode("shift_jis"))
    roles_before = [r.name for r in h.store.roles()]
    episodes_before = len(h.store.episodes())

    # Cancel: nothing is imported
    task = asyncio.get_running_loop().create_task(h.window.import_script(str(script)))
    await wait_for(lambda: _dialog() is not None)
    dialog = _dialog()
    assert dialog.findChild(QComboBox, "encodingChoice").currentText() == "gb18030"
    assert "read as gb18030" in " ".join(label.text() for label in dialog.findChildren(QLabel))
    dialog.reject()
    assert await asyncio.wait_for(task, 10) is None
    assert len(h.store.episodes()) == episodes_before
    assert "nothing was imported" in h.window.statusBar().currentMessage()

    # Choose Shift_JIS: the preview reads right, and the import is in it
    task = asyncio.get_running_loop().create_task(h.window.import_script(str(script)))
    await wait_for(lambda: _dialog() is not None)
    dialog = _dialog()
    preview = dialog.findChild(QPlainTextEdit, "encodingPreview")
    assert "こんにちは" not in preview.toPlainText()
    dialog.findChild(QComboBox, "encodingChoice").setCurrentText("shift_jis")
    assert preview.toPlainText() == "花子：こんにちは。\n太郎：雨ですね。"
    dialog.findChild(QPushButton, "encodingImport").click()
    episode = await asyncio.wait_for(task, 10)
    assert episode is not None
    lines = h.store.lines(episode)
    assert [ln.text for ln in lines] == ["こんにちは。", "雨ですね。"]
    assert [r.name for r in h.store.roles()] == [*roles_before, "花子", "太郎"]
    assert "read as shift_jis" in h.window.statusBar().currentMessage()


async def test_no_question_when_the_encoding_is_certain_or_named(harness: Harness, tmp_path: Path,
                                                                qtbot: Any) -> None:
    h = harness
    utf8 = tmp_path / "u.txt"
    utf8.write_text(JAPANESE, encoding="utf-8")
    assert await asyncio.wait_for(h.window.import_script(str(utf8)), 10) is not None
    sjis = tmp_path / "jp.txt"
    sjis.write_bytes(JAPANESE.encode("shift_jis"))
    episode = await asyncio.wait_for(h.window.files.import_script(str(sjis), encoding="shift_jis"), 10)
    assert episode is not None and [ln.text for ln in h.store.lines(episode)] == ["こんにちは。", "雨ですね。"]
    assert _dialog() is None


async def test_a_refused_import_says_why_without_stopping_the_window_s_other_work(tmp_path: Path, qtbot: Any) -> None:
    """The refusal is opened, not exec()'d inside the import task: other tasks (the WAL keeper, renders) go on
    while it shows, and none of them is stepped from inside another."""
    import os

    from PySide6.QtWidgets import QApplication, QMessageBox

    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(os.urandom(4096))
    h = Harness(make_project(tmp_path / "p.troupe"))
    h.window.show()
    ticks: list[int] = []

    async def ticking() -> None:
        while True:
            ticks.append(1)
            await asyncio.sleep(0.01)

    other = asyncio.ensure_future(ticking())
    try:
        task = asyncio.ensure_future(h.window.import_script(str(garbage)))

        def box() -> QMessageBox | None:
            return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
                         and w.objectName() == "importRefused" and w.isVisible()), None)

        await wait_for(lambda: box() is not None, 10)
        before = len(ticks)
        await asyncio.sleep(0.2)
        assert len(ticks) > before + 5  # the loop keeps running the other tasks
        shown = box()
        assert shown is not None and "not a text file" in shown.text()
        shown.button(QMessageBox.StandardButton.Close).click()
        assert await asyncio.wait_for(task, 5) is None
        assert len(h.store.episodes()) == 1
    finally:
        other.cancel()
        await h.close()
