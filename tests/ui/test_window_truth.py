"""What the window says is true: a stale line keeps its place on the timeline, new roles are not called
failed, the cast shows the delivery a role really has, gender guides casting, the API-key field does not
claim a key that is not there, About and F1 say what they should, and the lock sentence is translated."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from studio.domain.model import STALE, Delivery
from studio.ui.cast_model import CastModel

from .conftest import Harness, wait_for


async def test_a_stale_line_keeps_its_place_on_the_timeline(harness: Harness) -> None:
    h = harness
    await asyncio.wait_for(h.window.render_stale(), 30)
    h.window.timeline.refresh()
    view = h.window.timeline_view
    before = {c.line_id: (c.start_ms, c.role_name) for c in view.clips()}
    lanes = view.lane_names()
    line = h.model.line_at(1)
    h.model.set_values([1], 2, line.text + "…")  # Text column: the line is stale now
    h.window.timeline.refresh()
    after = {c.line_id: c for c in view.clips()}
    assert set(after) == set(before)  # the clip did not vanish
    assert after[line.id].placeholder and after[line.id].status == STALE
    for line_id, (start, role) in before.items():
        if h.model.row_of(line_id) is not None and h.model.row_of(line_id) < 1:
            assert after[line_id].start_ms == start
        assert after[line_id].role_name == role
    assert view.lane_names() == lanes  # lanes keep their order


async def test_imported_roles_are_stale_not_failed_and_get_a_gender(harness: Harness, tmp_path: Path) -> None:
    h = harness
    script = tmp_path / "ep2.txt"
    script.write_text("苏晴：你来了。\n旁白：她转过身。\n苏晴：我等了你很久。\n", encoding="utf-8")
    assert await h.window.import_script(str(script)) is not None
    assert [h.model.status_of(r) for r in range(h.model.rowCount())] == [STALE, STALE, STALE]
    su = h.store.role_by_name("苏晴")
    assert su is not None and su.gender == "female"
    cast = h.window.cast_panel.model
    assert cast.index(cast.row_of(su.id), CastModel.GENDER).data() == "♀"
    await asyncio.wait_for(h.window.render_stale(), 30)
    voice = h.store.role_by_name("苏晴").voices["espeak"]
    library = {v.voice_id: v for v in await h.session.engine.voices()}
    assert library[voice].gender == "female"  # casting respected the gender


async def test_the_cast_shows_the_delivery_a_role_has(harness: Harness) -> None:
    h = harness
    cast = h.window.cast_panel.model
    row = 0
    assert [cast.index(row, c).data() for c in (CastModel.SPEED, CastModel.PITCH, CastModel.VOLUME)] == \
        ["1.00×", "+0", "1.0"]  # inherited defaults, shown (grey), not blank
    assert cast.setData(cast.index(row, CastModel.SPEED), "1.2")
    assert cast.index(row, CastModel.SPEED).data() == "1.20×"
    role = cast.role_at(row)
    assert role.delivery == Delivery(speed=1.2)


async def test_the_key_field_says_whether_a_key_is_saved(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.engines.minimax import config
    from studio.ui.settings_dialog import SettingsDialog

    monkeypatch.setattr(config, "_keyring_get", lambda: None)
    dialog = SettingsDialog(harness.services.settings, harness.session)
    assert "No key yet" in dialog.key.placeholderText() and not dialog.forget_key.isVisibleTo(dialog)
    dialog.deleteLater()
    monkeypatch.setattr(config, "_keyring_get", lambda: "sk-saved")
    dialog = SettingsDialog(harness.services.settings, harness.session)
    assert "saved in the system keyring" in dialog.key.placeholderText()
    assert dialog.forget_key.isVisibleTo(dialog)
    dialog.deleteLater()


async def test_about_names_version_and_licence_and_f1_lists_real_shortcuts(harness: Harness) -> None:
    from studio.ui.help_dialogs import ShortcutsDialog, version

    h = harness
    h.window.about()
    box = await _dialog("aboutDialog")
    assert version() in box.text() and "GPL-3.0-or-later" in box.text()
    box.close()
    h.window.act_keys.trigger()
    keys = await _dialog("shortcutsDialog")
    assert isinstance(keys, ShortcutsDialog)
    rows = dict(keys.rows())
    assert rows["Render selected"] == "Ctrl+Return / Ctrl+Enter"
    assert rows["Render stale lines"] == "Ctrl+R" and rows["Keyboard shortcuts"] == "F1"
    assert keys.table.columnCount() == 2  # what and keys in their own columns: aligned
    keys.close()


async def _dialog(name: str) -> Any:
    found: list[Any] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
        return bool(found)

    await wait_for(visible, 5)
    return found[0]


async def test_the_locked_project_sentence_is_translated(harness: Harness) -> None:
    from studio.app import Studio
    from studio.store.project_file import ProjectLockedError
    from studio.ui.i18n import install_translators

    app = QCoreApplication.instance()
    translators = install_translators(app, "zh")
    try:
        sentence = Studio._sentence(ProjectLockedError("x"), Path("剧.troupe"))  # noqa: SLF001
        assert sentence.startswith("剧.troupe 已在另一个 Troupe 窗口或命令中打开")
    finally:
        for t in translators:
            app.removeTranslator(t)


async def test_the_import_chooser_starts_in_the_projects_folder_then_the_last_one(
        harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    started: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda parent, title, folder, *a: (started.append(folder), ("", ""))[1]))
    harness.window.act_import.trigger()
    assert started == [str(harness.path.resolve().parent)]
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    script = scripts / "ep.txt"
    script.write_text("林晚：你好。\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda parent, title, folder, *a: (started.append(folder), (str(script), ""))[1]))
    harness.window.act_import.trigger()
    await wait_for(lambda: len(harness.store.episodes()) == 2, 10)
    harness.window.act_import.trigger()
    assert started[-1] == str(scripts.resolve())


async def test_a_roles_voice_effect_is_set_in_the_cast_and_overridden_on_a_line(harness: Harness) -> None:
    from studio.ui import script_model as sm

    h = harness
    await asyncio.wait_for(h.window.render_stale(), 30)
    lin = h.store.role_by_name("林晚")
    cast = h.window.cast_panel.model
    row = cast.row_of(lin.id)
    assert cast.set_effect(lin.id, "telephone")
    assert cast.index(row, CastModel.VOICE).data().endswith("· telephone")
    rows = [r for r in range(h.model.rowCount()) if h.model.line_at(r).role_id == lin.id]
    assert all(h.model.status_of(r) == STALE for r in rows)  # a phone call is a new take
    others = [r for r in range(h.model.rowCount()) if r not in rows]
    assert all(h.model.status_of(r) == "done" for r in others)
    assert h.model.index(rows[0], sm.EFFECT).data() == "telephone"  # inherited from the role
    assert h.model.setData(h.model.index(rows[0], sm.EFFECT), "none")  # this line is not on the phone
    assert h.model.status_of(rows[0]) == "done"  # back to the take it had
    h.window.undo_stack.undo()
    h.window.undo_stack.undo()
    assert all(h.model.status_of(r) == "done" for r in range(h.model.rowCount()))


async def test_the_watermark_choice_is_saved_and_reaches_the_minimax_settings(harness: Harness) -> None:
    from studio.engines.minimax.config import load_settings
    from studio.ui.settings_dialog import SettingsDialog

    assert load_settings()["aigc_watermark"] is False
    dialog = SettingsDialog(harness.services.settings, harness.session)
    dialog.watermark.setChecked(True)
    dialog.apply()
    assert harness.services.settings.get("minimax_aigc_watermark") is True
    assert load_settings()["aigc_watermark"] is True  # what the MiniMax engine is built with
    dialog.deleteLater()


async def test_the_import_chooser_offers_every_kind_of_script_the_importer_reads(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from studio.formats.script_import import SUPPORTED_SUFFIXES

    filters: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda parent, title, folder, flt="", *a: (filters.append(flt), ("", ""))[1]))
    harness.window.act_import.trigger()
    assert len(filters) == 1
    offered = filters[0].split(";;")
    assert offered[0].startswith("Scripts and subtitles") and offered[1].startswith("Videos to dub")
    for suffix in SUPPORTED_SUFFIXES:
        assert f"*{suffix}" in filters[0], suffix
    assert "*.srt" in offered[0] and "*.fountain" in offered[0] and "*.mp4" in offered[1]
