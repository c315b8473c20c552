"""An export never overwrites what the user did not name: it writes only the files it names beforehand,
refuses to replace a file no export wrote (or one changed since) unless asked, never replaces a file it
reads (the project, its music), and gives new files the user's normal permissions, not 0600."""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from studio.actions import ActionError
from studio.actions import export as exporting
from studio.actions.render import render
from studio.domain.model import Delivery, ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.render.planner import RenderPlanner
from studio.store.project_file import ProjectStore


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("small") / "scene.troupe"
    store = ProjectStore.create(path, "Rain", ProjectSettings(engine="espeak"))
    a = store.add_role("Lin", voices={"espeak": "female_lead"})
    store.add_episode("One", "en", [(a.id, "It is late.", Delivery(), None), (a.id, "Come in.", Delivery(), None)])
    engine = EspeakEngine()

    async def go() -> None:
        try:
            await render(store, engine, [e.id for e in store.episodes()])
        finally:
            await engine.aclose()

    asyncio.run(go())
    ep = store.episodes()[0].id
    yield store, ep, RenderPlanner(store, engine).plan(ep)
    store.close()


def test_a_file_no_export_wrote_is_kept_unless_asked(small, tmp_path: Path) -> None:
    store, ep, plans = small
    script = tmp_path / "scene.json"
    script.write_text('{"my": "script"}', encoding="utf-8")
    request = exporting.check_request(tmp_path / "scene.wav", "srt,json")
    with pytest.raises(ActionError, match="scene.json exists and was not written by an export"):
        exporting.export(store, ep, plans, request)
    assert script.read_text(encoding="utf-8") == '{"my": "script"}'
    assert not (tmp_path / "scene.wav").exists() and not (tmp_path / "scene.srt").exists()  # nothing written
    result = exporting.export(store, ep, plans, request, force=True)
    assert script.read_text(encoding="utf-8").lstrip().startswith("[") and result.audio_path.exists()


def test_an_export_replaces_its_own_files_but_not_once_the_user_changed_them(small, tmp_path: Path) -> None:
    store, ep, plans = small
    request = exporting.check_request(tmp_path / "ep.wav", "srt")
    exporting.export(store, ep, plans, request)
    exporting.export(store, ep, plans, request)  # again: its own, unchanged files
    srt = tmp_path / "ep.srt"
    srt.write_text(srt.read_text(encoding="utf-8").replace("late", "LATE"), encoding="utf-8")
    with pytest.raises(ActionError, match="ep.srt exists"):
        exporting.export(store, ep, plans, request)
    assert "LATE" in srt.read_text(encoding="utf-8")


def test_a_file_the_export_reads_is_never_replaced(small, tmp_path: Path) -> None:
    store, ep, plans = small
    bed = tmp_path / "bed.wav"
    sf.write(bed, np.zeros(8000, np.float32), 8000)
    before = bed.read_bytes()
    music = exporting.read_music(bed)
    request = exporting.check_request(bed, "none", music=music)
    with pytest.raises(ActionError, match="which it reads from"):
        exporting.export(store, ep, plans, request, force=True)
    assert bed.read_bytes() == before
    with pytest.raises(ActionError, match="which it reads from"):
        exporting.check_batch(store, tmp_path, episodes="1", pattern="bed", format="wav", subtitles="none",
                              music=music)


def test_a_batch_checks_every_file_before_it_writes_one(small, tmp_path: Path) -> None:
    store, ep, plans = small
    (tmp_path / "Rain-E01-en.srt").write_text("mine", encoding="utf-8")
    batch = exporting.check_batch(store, tmp_path, episodes="1", format="wav", subtitles="srt")
    with pytest.raises(ActionError, match="Rain-E01-en.srt exists"):
        exporting.export_batch(store, batch, {ep: plans})
    assert not (tmp_path / "Rain-E01-en.wav").exists()
    report = exporting.export_batch(store, batch, {ep: plans}, force=True)
    assert report.files and (tmp_path / "Rain-E01-en.srt").read_text(encoding="utf-8") != "mine"


def test_stems_already_in_their_folder_count_as_files_to_replace(small, tmp_path: Path) -> None:
    store, ep, plans = small
    folder = tmp_path / "ep.stems"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    request = exporting.check_request(tmp_path / "ep.wav", "none", stems=True)
    with pytest.raises(ActionError, match="notes.txt exists"):
        exporting.export(store, ep, plans, request)
    batch = exporting.check_batch(store, tmp_path, episodes="1", pattern="ep", format="wav", subtitles="none",
                                  stems=True)
    assert folder / "notes.txt" in batch.existing()  # the window asks about it


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_files_get_the_users_normal_permissions(tmp_path: Path) -> None:
    project = tmp_path / "scene.troupe"
    env = dict(os.environ)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True,
                              timeout=300, env=env, preexec_fn=lambda: os.umask(0o022))

    assert run("new", str(project), "--demo").returncode == 0
    out = tmp_path / "ep.wav"
    done = run("export", str(project), "--engine", "espeak", "-o", str(out), "--subtitles", "srt,json",
               "--stems", "--audacity")
    assert done.returncode == 0, done.stderr
    written = [out, out.with_suffix(".srt"), out.with_suffix(".json"), tmp_path / "ep.labels.txt",
               *sorted((tmp_path / "ep.stems").iterdir())]
    assert len(written) > 4
    assert {p.name: oct(_mode(p)) for p in written} == {p.name: oct(0o644) for p in written}


def test_the_cli_keeps_the_users_script_and_says_how_to_replace_it(tmp_path: Path) -> None:
    project = tmp_path / "scene.troupe"
    script = tmp_path / "scene.json"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True,
                              timeout=300)

    assert run("new", str(project), "--demo").returncode == 0
    script.write_text('{"mine": true}', encoding="utf-8")
    refused = run("export", str(project), "--engine", "espeak", "-o", str(tmp_path / "scene.mp3"),
                  "--subtitles", "json")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "scene.json exists" in refused.stderr and "--force" in refused.stderr
    assert "Rendering" not in refused.stdout + refused.stderr  # refused before anything ran
    assert script.read_text(encoding="utf-8") == '{"mine": true}' and not (tmp_path / "scene.mp3").exists()
    forced = run("export", str(project), "--engine", "espeak", "-o", str(tmp_path / "scene.mp3"),
                 "--subtitles", "json", "--force")
    assert forced.returncode == 0, forced.stderr
    assert script.read_text(encoding="utf-8").lstrip().startswith("[")


def test_subtitles_are_made_before_any_audio_so_a_failure_leaves_nothing(small, tmp_path: Path) -> None:
    store, ep, plans = small
    role = store.roles()[0]
    before = store.settings
    store.set_settings(before.with_(caption_styles={str(role.id): {"colour": "not-a-colour"}}))
    heard: list[float] = []
    try:
        request = exporting.check_request(tmp_path / "ep.wav", "srt,ass")
        with pytest.raises(ActionError, match="The ASS subtitles cannot be made.*not-a-colour"):
            exporting.export(store, ep, plans, request, progress=heard.append)
        assert heard == [] and list(tmp_path.iterdir()) == []  # not one block mixed, no file
        batch = exporting.check_batch(store, tmp_path, episodes="1", format="wav", subtitles="ass")
        with pytest.raises(ActionError, match="ASS subtitles cannot be made"):
            exporting.export_batch(store, batch, {ep: plans})
        assert list(tmp_path.iterdir()) == []
    finally:
        store.set_settings(before)


def test_a_line_with_cue_breaking_text_exports_in_every_format(small, tmp_path: Path) -> None:
    import dataclasses

    import pysubs2
    import srt
    import webvtt

    store, ep, plans = small
    line = plans[0].line
    store.update_line(dataclasses.replace(line, text="a --> b, c {\\b1} d"))
    engine = EspeakEngine()

    async def go() -> None:
        try:
            await render(store, engine, [ep])
        finally:
            await engine.aclose()

    try:
        asyncio.run(go())
        fresh = RenderPlanner(store, engine).plan(ep)
        assert all(p.status == "done" for p in fresh)
        request = exporting.check_request(tmp_path / "ep.wav", "srt,vtt,ass,json")
        exporting.export(store, ep, fresh, request)
        assert len(list(srt.parse((tmp_path / "ep.srt").read_text(encoding="utf-8")))) == 2
        assert len(webvtt.read(str(tmp_path / "ep.vtt")).captions) == 2
        assert "a --> b, c （＼b1） d" in pysubs2.load(str(tmp_path / "ep.ass")).events[0].plaintext
    finally:
        store.update_line(line)
