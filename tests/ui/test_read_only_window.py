"""The window over a project that cannot be written: it opens (not "already open elsewhere"), says
read-only in its title and status bar, offers no edits or renders (and refuses one that gets through with
the sentence), exports to another folder, and saves a copy that then opens for editing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel
from readonly import cannot_write, read_only_folder  # tests/ is on sys.path (rootdir conftest)

from studio.domain.model import DONE, STALE
from studio.store.project_file import ProjectStore
from studio.ui import script_model as sm

from .conftest import make_project, wait_for

LINES = [("旁白", "夜深了，雨还在下。"), ("林晚", "你终于来了。"), ("陆沉", "我答应过你的。")]


async def _render_first(path: Path, count: int) -> None:
    from studio.engines.espeak import EspeakEngine
    from studio.render.planner import RenderPlanner
    from studio.render.scheduler import RenderScheduler

    store = ProjectStore.open(path)
    engine = EspeakEngine()
    try:
        ep = store.episodes()[0].id
        await RenderScheduler(store, engine).render(RenderPlanner(store, engine).stale_jobs(ep)[:count])
    finally:
        await engine.aclose()
        store.close()


def _status(h: Any, row: int) -> str:
    return h.model.index(row, sm.STATUS).data(sm.STATUS_ROLE)


async def test_a_read_only_project_opens_to_view_and_export(tmp_path: Path, qtbot: Any) -> None:
    from studio.app import Studio
    from studio.settings import Settings
    from studio.ui.services import build_services

    out = tmp_path / "out"
    out.mkdir()
    source = make_project(tmp_path / "src.troupe", LINES)
    await _render_first(source, 2)

    def copy_in(folder: Path) -> None:
        (folder / "ro.troupe").write_bytes(source.read_bytes())

    services = build_services(Settings())
    studio = Studio(QApplication.instance(), services, None)
    with read_only_folder(tmp_path, copy_in) as folder:
        assert cannot_write(folder)
        path = folder / "ro.troupe"
        assert await studio.open(path)
        w = studio.window
        try:
            assert w.store.read_only
            assert w.windowTitle() == "测试剧 (read-only) — Troupe"
            label = w.findChild(QLabel, "readOnlyLabel")
            assert label is not None and label.isVisible() and "save a copy" in label.text()
            assert "Read-only" in w.statusBar().currentMessage()
            for act in (w.act_render_stale, w.act_render_all, w.act_paste, w.act_delete, w.act_import,
                        w.act_ep_delete, w.act_insert_below):
                assert not act.isEnabled(), act.objectName()
            w.view.selectRow(0)  # a selection change updates the actions: they stay off
            assert not w.act_render_selected.isEnabled() and not w.act_delete.isEnabled()
            assert w.act_export.isEnabled() and w.act_copy_as.isEnabled()
            assert w.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
            # the copy's chooser starts where a copy can be written, not in the read-only folder
            assert w.files._folder("last_project_dir") == str(folder.resolve())
            assert w.files._folder("last_project_dir", writable=True) == str(Path.home())
            assert [_status(w, r) for r in range(3)] == [DONE, DONE, STALE]

            # an edit that reaches the store anyway is refused with the sentence, and nothing changes
            index = w.model.index(0, sm.TEXT)
            w.model.setData(index, "改过了。", Qt.ItemDataRole.EditRole)
            await wait_for(lambda: "open read-only" in w.statusBar().currentMessage())
            assert w.model.line_at(0).text == "夜深了，雨还在下。"

            # a render is refused before any engine is asked
            report = await asyncio.wait_for(w.render.render_lines(None), 10)
            assert report is None
            assert "read-only, so nothing can be rendered" in w.statusBar().currentMessage()

            # the export dialog starts in a folder it can write; the question about unrendered lines offers no
            # rendering into a project that cannot take takes
            from types import SimpleNamespace

            from PySide6.QtWidgets import QMessageBox

            from studio.ui.export_dialog import ExportDialog

            dialog = ExportDialog(w.session, w.services.settings, w)
            assert dialog.folder_edit.text() == str(Path.home())
            dialog.deleteLater()
            ep = w.session.episode.episode_id
            asking = asyncio.ensure_future(w.exports._ask_unrendered(
                {ep: 1}, SimpleNamespace(items=[SimpleNamespace(episode_id=ep, number=1)])))

            def box() -> QMessageBox | None:
                return next((b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox)
                             and b.objectName() == "exportUnrendered" and b.isVisible()), None)

            await wait_for(lambda: box() is not None)
            shown = box()
            assert shown is not None and "read-only" in shown.text()
            labels = [b.text() for b in shown.buttons()]
            assert "Render first" not in labels and "Export without them" in labels
            next(b for b in shown.buttons() if b.text() == "Export without them").click()
            assert await asyncio.wait_for(asking, 5) == "leave"

            # export to another folder: what is rendered
            result = await w.export(str(out / "ep1.wav"))
            assert result is not None and result.lines == 2
            assert (out / "ep1.wav").stat().st_size > 1000 and (out / "ep1.srt").exists()

            # save a copy: it opens in place of the view, editable
            asked: list[str] = []
            w.files.open_requested.connect(asked.append)
            copy = await w.save_copy(str(tmp_path / "mine.troupe"))
            assert copy is not None and asked == [str(copy)]
            if studio._switching is not None:  # the copy opens in place of the view: let it, then close it
                await asyncio.wait_for(studio._switching, 30)
            assert studio.window is not w and studio.window is not None and not studio.window.store.read_only
        finally:
            await studio._close_window()
            await services.engines.aclose()
        with ProjectStore.open_readonly(path) as view:
            assert view.take_count() == 2 and view.lines(view.episodes()[0].id)[0].text == "夜深了，雨还在下。"
    with ProjectStore.open(tmp_path / "mine.troupe") as mine:
        mine.set_title("我的")
        assert mine.take_count() == 2
