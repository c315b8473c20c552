"""The `troupe` command from a user's side: import → render → export, caching, kill-safety, bad input.

Loudness is checked with ffmpeg's own EBU R128 meter, not with the studio's code.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile as sf
import srt

from studio.audio.ffmpeg import ffmpeg_exe
from studio.render.mixdown import build_timeline
from studio.render.planner import RenderPlanner
from studio.store.project_file import ProjectStore

SCENE_ZH = [
    ("旁白", "深夜，雨下得很大。"),
    ("林晚", "谁在外面？"),
    ("陆沉", "是我。开门。"),
    ("林晚", "你不是已经死了吗？"),
    ("陆沉", "我回来了，为了你。"),
    ("旁白", "她的手在发抖。"),
    ("林晚", "三年了，你一个字都没有。"),
    ("陆沉", "我不能说，现在也不能。"),
    ("小雨", "姐姐，他是谁呀？"),
    ("林晚", "小雨，回房间去。"),
    ("陈伯", "小姐，要不要报警？"),
    ("陆沉", "别报警，他们会找到我们。"),
    ("旁白", "窗外闪过一道车灯。"),
    ("陆沉", "明天下午三点，在Starbucks见面。"),
    ("林晚", "好，我等你。"),
]


def troupe(*args: str, check: bool = True, cwd: Path | None = None,
           **kw: object) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd, **kw)  # type: ignore[call-overload]
    if check and proc.returncode != 0:
        raise AssertionError(f"troupe {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def write_scene(path: Path) -> Path:
    rows = ["角色,台词"] + [f"{r},{t}" for r, t in SCENE_ZH]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness and true peak as ffmpeg's ebur128 filter measures them."""
    proc = subprocess.run([ffmpeg_exe(), "-nostats", "-hide_banner", "-i", str(path), "-filter_complex",
                           "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True, timeout=120)
    summary = proc.stderr[proc.stderr.rfind("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


@pytest.mark.slow
def test_kokoro_scene_import_render_export(tmp_path: Path) -> None:
    script = write_scene(tmp_path / "scene.csv")
    project = tmp_path / "scene.troupe"
    troupe("import", str(script), str(project))
    out = troupe("render", str(project), "--engine", "kokoro")
    assert "Auto-cast for kokoro" in out.stdout
    troupe("export", str(project), "-o", str(tmp_path / "scene.wav"), "--engine", "kokoro",
           "--subtitles", "srt,vtt,json", "--lufs", "-16")

    audio, rate = sf.read(tmp_path / "scene.wav", dtype="float32")
    with ProjectStore.open(project) as store:
        ep = store.episodes()[0].id
        from studio.engines.registry import create_engine

        plans = RenderPlanner(store, create_engine("kokoro")).plan(ep)
        assert all(p.status == "done" for p in plans)
        timeline = build_timeline(store, plans)
    assert len(timeline.placements) == 15
    assert abs(len(audio) / rate * 1000 - timeline.duration_ms) <= 10
    assert float((audio ** 2).mean()) ** 0.5 > 0.01  # not silent

    cues = list(srt.parse((tmp_path / "scene.srt").read_text(encoding="utf-8")))
    assert len(cues) == 15
    assert [c.content for c in cues] == [t for _, t in SCENE_ZH]
    for cue, placement in zip(cues, timeline.placements, strict=True):
        assert abs(cue.start.total_seconds() * 1000 - placement.start_ms) <= 10
        assert abs(cue.end.total_seconds() * 1000 - placement.end_ms) <= 10
    assert (tmp_path / "scene.vtt").exists() and (tmp_path / "scene.json").exists()

    integrated, _peak = ebur128(tmp_path / "scene.wav")
    assert abs(integrated - (-16.0)) <= 1.0


def test_rerender_is_free_and_one_edit_rerenders_one_line(tmp_path: Path) -> None:
    project = tmp_path / "scene.troupe"
    troupe("import", str(write_scene(tmp_path / "scene.csv")), str(project))
    first = troupe("render", str(project), "--engine", "espeak")
    assert "Engine calls: 15." in first.stdout
    second = troupe("render", str(project), "--engine", "espeak")
    assert "Engine calls: 0." in second.stdout
    with ProjectStore.open(project) as store:
        line = store.lines(store.episodes()[0].id)[4]
        store.update_line(line.with_(text="我回来了。"))
    third = troupe("render", str(project), "--engine", "espeak")
    assert "Engine calls: 1." in third.stdout


def test_export_renders_stale_lines_first_and_writes_every_format(tmp_path: Path) -> None:
    project = tmp_path / "scene.troupe"
    troupe("import", str(write_scene(tmp_path / "scene.csv")), str(project))
    for fmt in ("mp3", "flac", "m4a", "opus"):
        out = tmp_path / f"scene.{fmt}"
        troupe("export", str(project), "-o", str(out), "--engine", "espeak", "--subtitles", "none")
        assert out.stat().st_size > 1000
        probe = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(out)], capture_output=True, text=True)
        m = re.search(r"Duration: (\d+):(\d+):([\d.]+)", probe.stderr)
        assert m and float(m.group(3)) > 5


def test_sigkill_mid_render_keeps_finished_takes(tmp_path: Path) -> None:
    lines = ["角色,台词"] + [f"旁白,{'这是一句很长的旁白，用来让渲染花一点时间。' * 6}第{i}句。" for i in range(150)]
    (tmp_path / "long.csv").write_text("\n".join(lines), encoding="utf-8")
    project = tmp_path / "long.troupe"
    troupe("import", str(tmp_path / "long.csv"), str(project))
    proc = subprocess.Popen([sys.executable, "-m", "studio.cli", "render", str(project), "--engine", "espeak",
                             "-j", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and seen < 5:
            time.sleep(0.01)
            try:
                conn = sqlite3.connect(f"file:{project}?mode=ro", uri=True, timeout=1)
                seen = conn.execute("SELECT COUNT(*) FROM takes").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                continue
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with ProjectStore.open(project) as store:
        kept = store.take_count()
        assert seen <= kept < 150, "the kill must land mid-render"
        from studio.engines.registry import create_engine

        plans = RenderPlanner(store, create_engine("espeak")).plan(store.episodes()[0].id)
        assert sum(p.status == "done" for p in plans) == kept
        for p in plans:
            if p.status == "done":
                assert len(store.take_audio(p.take.id)) > 1000
    resumed = troupe("render", str(project), "--engine", "espeak")
    assert f"Engine calls: {150 - kept}." in resumed.stdout


@pytest.mark.parametrize("name,content,expect", [
    ("empty.csv", b"", "empty"),
    ("notext.csv", "角色,情绪\n林晚,开心\n".encode(), "text column"),
    ("binary.csv", bytes(range(256)) * 40, "binary|not a text"),
])
def test_bad_scripts_are_refused_and_change_nothing(tmp_path: Path, name: str, content: bytes,
                                                    expect: str) -> None:
    script = tmp_path / name
    script.write_bytes(content)
    project = tmp_path / "p.troupe"
    troupe("new", str(project))
    before = project.read_bytes()
    proc = troupe("import", str(script), str(project), check=False)
    assert proc.returncode != 0
    assert re.search(expect, proc.stderr, re.I), proc.stderr
    assert "Traceback" not in proc.stderr
    assert project.read_bytes() == before
    fresh = tmp_path / "fresh.troupe"
    proc = troupe("import", str(script), str(fresh), check=False)
    assert proc.returncode != 0 and not fresh.exists()


def test_damaged_and_future_projects_are_refused_and_untouched(tmp_path: Path) -> None:
    project = tmp_path / "p.troupe"
    troupe("import", str(write_scene(tmp_path / "scene.csv")), str(project))
    troupe("render", str(project), "--engine", "espeak")
    data = project.read_bytes()
    truncated = tmp_path / "truncated.troupe"
    truncated.write_bytes(data[: len(data) // 3])
    future = tmp_path / "future.troupe"
    future.write_bytes(data)
    conn = sqlite3.connect(future)
    conn.execute("PRAGMA user_version=42")
    conn.commit()
    conn.close()
    for path, expect in ((truncated, "truncated|damaged"), (future, "newer Troupe")):
        before = path.read_bytes()
        for args in (("info", str(path)), ("render", str(path), "--engine", "espeak"),
                     ("export", str(path), "-o", str(tmp_path / "x.wav"))):
            proc = troupe(*args, check=False)
            assert proc.returncode != 0
            assert re.search(expect, proc.stderr), proc.stderr
            assert "Traceback" not in proc.stderr
            assert path.read_bytes() == before
        assert not (tmp_path / "x.wav").exists()


def test_cast_binds_a_voice_and_rejects_unknown_ones(tmp_path: Path) -> None:
    project = tmp_path / "p.troupe"
    troupe("import", str(write_scene(tmp_path / "scene.csv")), str(project))
    out = troupe("cast", str(project), "林晚", "girl", "--engine", "espeak")
    assert "林晚 → girl" in out.stdout
    bad = troupe("cast", str(project), "林晚", "no_such_voice", "--engine", "espeak", check=False)
    assert bad.returncode != 0 and "no voice" in bad.stderr
    missing = troupe("cast", str(project), "Nobody", "girl", "--engine", "espeak", check=False)
    assert missing.returncode != 0 and "no role" in missing.stderr
    info = troupe("info", str(project))
    assert "espeak=girl" in info.stdout


def test_every_command_has_help() -> None:
    for cmd in ("new", "import", "render", "export", "cast", "voices", "info", "demo"):
        out = troupe(cmd, "--help")
        assert "Usage:" in out.stdout
    voices = troupe("voices", "--engine", "kokoro")
    for preset in ("female_lead", "male_lead", "young_man", "girl", "child", "old_man", "old_woman", "narrator"):
        assert preset in voices.stdout


def test_cast_accepts_a_kokoro_blend_and_base_voice(tmp_path: Path) -> None:
    project = tmp_path / "p.troupe"
    troupe("import", str(write_scene(tmp_path / "scene.csv")), str(project))
    assert troupe("cast", str(project), "陆沉", "jm_kumo:0.7+jf_alpha:0.3", "--engine", "kokoro").returncode == 0
    assert troupe("cast", str(project), "林晚", "jf_alpha", "--engine", "kokoro").returncode == 0
    bad = troupe("cast", str(project), "林晚", "jf_alpha:0.5+nobody:0.5", "--engine", "kokoro", check=False)
    assert bad.returncode != 0 and "no voice" in bad.stderr
    assert "kokoro=jm_kumo:0.7+jf_alpha:0.3" in troupe("info", str(project)).stdout


def test_info_reports_per_engine_and_uncast_lines_are_not_failed(tmp_path: Path) -> None:
    project = tmp_path / "scene.troupe"
    troupe("import", str(write_scene(tmp_path / "scene.csv")), str(project))
    fresh = troupe("info", str(project)).stdout
    assert "kokoro: 0 rendered, 15 stale (15 with no voice yet: rendering casts one), 0 failed" in fresh
    troupe("render", str(project), "--engine", "espeak")
    after = troupe("info", str(project)).stdout
    # The project's engine (kokoro) first, then espeak, which now has takes.
    assert "kokoro: 0 rendered, 15 stale" in after and "espeak: 15 rendered, 0 stale, 0 failed" in after
    assert after.index("kokoro:") < after.index("espeak:")
    only = troupe("info", str(project), "--engine", "espeak").stdout
    assert "espeak: 15 rendered" in only and "kokoro:" not in only


def test_info_works_while_another_process_has_the_project_open(tmp_path: Path) -> None:
    project = tmp_path / "scene.troupe"
    troupe("import", str(write_scene(tmp_path / "scene.csv")), str(project))
    with ProjectStore.open(project) as holder:  # a window, say: it holds the writer's lock
        holder.set_title("正在编辑")
        out = troupe("info", str(project), "--engine", "espeak")
        assert out.stdout.startswith("正在编辑")
        refused = troupe("render", str(project), "--engine", "espeak", check=False)
        assert refused.returncode != 0 and "already open" in refused.stderr


def test_import_keeps_notes_and_titles_and_guesses_genders(tmp_path: Path) -> None:
    script = tmp_path / "ep.txt"
    script.write_text("# 第二集：钥匙\n旁白：雨夜。\n老王（笑）：今天真高兴。\n苏晴（转身）：我走了。\n", encoding="utf-8")
    project = tmp_path / "p.troupe"
    out = troupe("import", str(script), str(project))
    assert "“钥匙”" in out.stdout
    with ProjectStore.open(project) as store:
        lines = store.lines(store.episodes()[0].id)
        assert [(ln.text, ln.delivery.emotion, ln.note) for ln in lines] == [
            ("雨夜。", None, ""), ("今天真高兴。", "happy", ""), ("我走了。", None, "转身")]
        assert store.role_by_name("苏晴").gender == "female"


def test_demo_exports_into_the_users_documents_and_says_where(tmp_path: Path) -> None:
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    env = {**os.environ, "HOME": str(home), "TROUPE_DATA_DIR": str(tmp_path / "data")}
    env.pop("XDG_DOCUMENTS_DIR", None)
    env.pop("DISPLAY", None)
    out = troupe("demo", "--engine", "espeak", "--no-window", cwd=cwd, env=env)
    target = home / "Documents" / "Troupe demo"
    assert f"are in {target}" in out.stdout
    assert sorted(p.name for p in target.iterdir()) == ["episode1.mp3", "episode1.srt", "episode2.mp3",
                                                          "episode2.srt"]
    assert list(cwd.iterdir()) == []  # nothing written where it was run from


def test_cast_sets_a_roles_voice_effect_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    project = tmp_path / "p.troupe"
    troupe("import", str(write_scene(tmp_path / "scene.csv")), str(project))
    out = troupe("cast", str(project), "陆沉", "--effect", "telephone")
    assert "voice effect telephone" in out.stdout
    with ProjectStore.open(project) as store:
        assert store.role_by_name("陆沉").delivery.effect == "telephone"
    bad = troupe("cast", str(project), "陆沉", "--effect", "underwater", check=False)
    assert bad.returncode == 2 and "no voice effect" in bad.stderr and "Traceback" not in bad.stderr
    troupe("cast", str(project), "陆沉", "--effect", "none")
    with ProjectStore.open(project) as store:
        assert store.role_by_name("陆沉").delivery.effect is None


def test_cast_sets_a_roles_minimax_voice_modify_and_refuses_out_of_range(tmp_path: Path) -> None:
    project = tmp_path / "p.troupe"
    troupe("import", str(write_scene(tmp_path / "scene.csv")), str(project))
    out = troupe("cast", str(project), "陆沉", "--modify", "pitch=-40,timbre=25")
    assert "MiniMax voice modify pitch -40, timbre +25" in out.stdout
    with ProjectStore.open(project) as store:
        d = store.role_by_name("陆沉").delivery
        assert (d.modify_pitch, d.modify_intensity, d.modify_timbre) == (-40, None, 25)
    bad = troupe("cast", str(project), "陆沉", "--modify", "pitch=-400", check=False)
    assert bad.returncode == 2 and "outside -100 to 100" in bad.stderr and "Traceback" not in bad.stderr
    with ProjectStore.open(project) as store:
        assert store.role_by_name("陆沉").delivery.modify_pitch == -40  # unchanged by the refused one
    troupe("cast", str(project), "陆沉", "--modify", "none")
    with ProjectStore.open(project) as store:
        assert store.role_by_name("陆沉").delivery.voice_modify() == {}
