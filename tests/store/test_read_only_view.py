"""A project whose file or folder cannot be written opens read-only: it is read whole (takes and all),
every change is refused with one sentence before anything is tried, a copy can be saved elsewhere (and
edited), and the command line exports it (what is rendered; nothing is rendered into it)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from readonly import cannot_write, read_only_folder  # tests/ is on sys.path (rootdir conftest)

from studio.domain.model import Delivery, NewLine, ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import NewRole, ProjectReadOnlyError, ProjectStore

TEXTS = ["The rain has not stopped all night.", "Then we wait for the morning.", "And if it never comes?"]


def _fill(folder: Path, rendered: int = len(TEXTS)) -> None:
    """A project with three lines, the first ``rendered`` of them rendered with espeak."""
    store = ProjectStore.create(folder / "p.troupe", "Rain", ProjectSettings(engine="espeak"))
    role = store.add_role("Lin", voices={"espeak": "female_lead"})
    ep = store.add_episode("One", "en", [(role.id, t, Delivery(), None) for t in TEXTS])
    engine = EspeakEngine()

    async def go() -> None:
        try:
            await RenderScheduler(store, engine).render(RenderPlanner(store, engine).stale_jobs(ep.id)[:rendered])
        finally:
            await engine.aclose()

    asyncio.run(go())
    store.close()


def _state(store: ProjectStore) -> tuple:
    ep = store.episodes()[0].id
    return (store.title, [r.name for r in store.roles()], [ln.text for ln in store.lines(ep)], len(store.episodes()),
            store.take_count())


def test_a_read_only_project_is_read_whole_and_refuses_every_change_with_a_sentence(tmp_path: Path) -> None:
    with read_only_folder(tmp_path, _fill) as folder:
        assert cannot_write(folder)
        path = folder / "p.troupe"
        with pytest.raises(ProjectReadOnlyError, match="p.troupe is read-only"):
            ProjectStore.open(path)
        with ProjectStore.open_readonly(path) as view:
            assert view.read_only
            before = _state(view)
            assert before[4] == 3
            ep = view.episodes()[0].id
            line = view.lines(ep)[0]
            edits = [lambda: view.set_title("Sun"), lambda: view.update_line(line.with_(text="Changed.")),
                     lambda: view.add_role("Lu"), lambda: view.add_episode("Two", "en", []),
                     lambda: view.import_episode([NewRole("Lu")], "Two", "en", [("Lu", NewLine(None, "Hi."))]),
                     lambda: view.add_take(line_id=line.id, render_key="k", audio=b"RIFF", format="wav",
                                           sample_rate=22050, duration_ms=10, engine="espeak", model="",
                                           voice_id="v", billed_chars=0, trace_id=None)]
            for edit in edits:
                with pytest.raises(ProjectReadOnlyError, match="open read-only, so nothing in it can change; save a "
                                                               "copy elsewhere to edit it"):
                    edit()
            assert _state(view) == before
            reader = view.reader()  # what the window's workers read with (export, mixing, waveforms)
            try:
                takes = [t for ln in reader.lines(ep) for t in reader.takes_for_line(ln.id)]
                assert len(takes) == 3
                for take in takes:
                    assert reader.take_audio(take.id)[:4] == b"RIFF"
            finally:
                reader.close()
            copy = view.save_copy_as(tmp_path / "copy.troupe")
    with ProjectStore.open(copy) as editable:  # the copy is the user's to edit
        assert _state(editable) == before
        editable.set_title("Sun")
        assert editable.title == "Sun"


def _troupe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True, timeout=300)


def test_the_cli_exports_a_read_only_project_and_refuses_to_render_into_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with read_only_folder(tmp_path, lambda folder: _fill(folder, rendered=2)) as folder:
        path = folder / "p.troupe"
        done = _troupe("export", str(path), "-o", str(out / "ep1.wav"), "--engine", "espeak")
        render = _troupe("render", str(path), "--engine", "espeak")
        with ProjectStore.open_readonly(path) as view:
            takes = view.take_count()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("p.troupe is read-only (the file or its folder cannot be written)") == 1, done.stderr
    assert "1 unrendered line(s) are left out: the project is read-only" in done.stderr
    assert (out / "ep1.wav").stat().st_size > 1000 and (out / "ep1.srt").exists()
    assert "2 lines" in done.stdout, done.stdout
    assert render.returncode != 0 and "Traceback" not in render.stderr
    assert "p.troupe is read-only" in render.stderr
    assert takes == 2  # nothing was rendered into it
