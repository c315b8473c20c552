"""What the export dialog and `troupe export` decide alike: each role's caption style (saved in the project,
used by the ASS writer), each episode's plans on an engine, and how many lines an export would leave out."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pysubs2
import pytest
from click.testing import CliRunner

from studio.actions import ActionError
from studio.actions import export as exporting
from studio.actions.render import render
from studio.cli import main
from studio.domain.model import Delivery
from studio.engines.espeak import EspeakEngine
from studio.store.project_file import ProjectStore


def _project(path: Path) -> ProjectStore:
    store = ProjectStore.create(path, "Rain")
    a = store.add_role("Lin", colour="#ff0000")
    b = store.add_role("Chen", colour="#00ff00")
    store.add_episode("One", "en", [(a.id, "It is late.", Delivery(), None), (b.id, "Come in.", Delivery(), None)])
    store.add_episode("Two", "en", [(a.id, "Again.", Delivery(), None)])
    return store


def test_a_caption_style_is_saved_checked_and_reset(tmp_path: Path) -> None:
    with _project(tmp_path / "p.troupe") as store:
        lin = store.roles()[0]
        assert exporting.caption_styles(store)["Lin"].colour == "#ff0000"  # the role's colour by default
        store.set_settings(exporting.with_caption_style(store.settings, lin.id, "#ffcc00", "top"))
        style = exporting.caption_styles(store)["Lin"]
        assert (style.colour, style.position) == ("#ffcc00", "top")
        with pytest.raises(ActionError, match="not a colour"):
            exporting.with_caption_style(store.settings, lin.id, "yellowish")
        with pytest.raises(ActionError, match="not a subtitle position"):
            exporting.with_caption_style(store.settings, lin.id, position="left")
        store.set_settings(exporting.with_caption_style(store.settings, lin.id, "", "bottom"))
        style = exporting.caption_styles(store)["Lin"]
        assert (style.colour, style.position) == ("#ff0000", "bottom")


def test_plans_and_unrendered_counts_cover_every_chosen_episode(tmp_path: Path) -> None:
    with _project(tmp_path / "p.troupe") as store:
        engine = EspeakEngine()
        one, two = (e.id for e in store.episodes())
        plans = exporting.plans_for(store, engine, [one, two])
        assert exporting.unrendered_counts(plans) == {one: 2, two: 1}
        asyncio.run(render(store, engine, [two]))
        fresh = exporting.plans_for(store, engine, [one, two], known={one: plans[one]})
        assert fresh[one] == plans[one]  # given plans are used as they are
        assert exporting.unrendered_counts(fresh) == {one: 2}


def test_the_ass_file_uses_the_saved_caption_style_from_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "p.troupe"
    _project(path).close()
    runner = CliRunner()
    done = runner.invoke(main, ["cast", str(path), "Lin", "--caption-colour", "#ffcc00", "--caption-position", "top"])
    assert done.exit_code == 0, done.output
    assert "Lin: captions #ffcc00, top." in done.output
    bad = runner.invoke(main, ["cast", str(path), "Lin", "--caption-colour", "gold"])
    assert bad.exit_code == 2 and "not a colour like #ffcc00" in bad.output
    done = runner.invoke(main, ["export", str(path), "-o", str(tmp_path / "one.wav"), "--subtitles", "ass",
                                "--engine", "espeak"])
    assert done.exit_code == 0, done.output
    subs = pysubs2.load(str(tmp_path / "one.ass"))
    lin, chen = subs.styles["Lin"], subs.styles["Chen"]
    assert lin.alignment == pysubs2.Alignment.TOP_CENTER and (lin.primarycolor.r, lin.primarycolor.g) == (255, 204)
    assert chen.alignment == pysubs2.Alignment.BOTTOM_CENTER and chen.primarycolor.g == 255


def test_a_damaged_take_stops_the_export_with_a_sentence_and_its_line_renders_again(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "p.troupe"
    with _project(path) as store:
        engine = EspeakEngine()
        one = store.episodes()[0].id
        asyncio.run(render(store, engine, [one]))
    conn = sqlite3.connect(path)
    take_id, audio = conn.execute("SELECT id, audio FROM takes ORDER BY id LIMIT 1").fetchone()
    flipped = bytearray(audio)
    flipped[len(flipped) // 2] ^= 0x10
    conn.execute("UPDATE takes SET audio=? WHERE id=?", (bytes(flipped), take_id))
    conn.commit()
    conn.close()
    with ProjectStore.open(path) as store:
        plans = exporting.plans_for(store, engine, [one])[one]
        out = tmp_path / "one.wav"
        with pytest.raises(ActionError, match="damaged.*Nothing was exported"):
            exporting.export(store, one, plans, exporting.ExportRequest(out, subtitles=("srt",)))
        assert not out.exists() and not out.with_suffix(".srt").exists()
        assert exporting.unrendered_counts(exporting.plans_for(store, engine, [one])) == {one: 1}
        asyncio.run(render(store, engine, [one]))  # only the damaged line again
        result = exporting.export(store, one, exporting.plans_for(store, engine, [one])[one],
                                  exporting.ExportRequest(out, subtitles=("srt",)))
        assert out.exists() and result.duration_ms > 0
