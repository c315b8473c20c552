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

from .conftest import Harness, wait_for

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
