"""`troupe music`, `troupe sfx` and `troupe pan` through the media actions: what they set is what the project
holds, bad input is a sentence with exit 2 and no change, and an export after `troupe music ... --duck 12`
has its music 12 dB lower under speech than between lines (measured on the exported music stem)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from studio.domain.media import Ducking
from studio.store.project_file import ProjectStore


def troupe(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"troupe {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def _tone(path: Path, seconds: float, freq: float, rate: int = 44100) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    sf.write(path, (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32), rate)
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("media-cli")
    troupe("new", str(folder / "demo.troupe"), "--demo")
    _tone(folder / "bed.wav", 4.0, 440)
    _tone(folder / "door.wav", 0.4, 1200)
    return folder


def _copy(demo: Path, tmp_path: Path) -> Path:
    target = tmp_path / "p.troupe"
    target.write_bytes((demo / "demo.troupe").read_bytes())
    return target


def test_music_set_change_show_and_clear(demo: Path, tmp_path: Path) -> None:
    project = _copy(demo, tmp_path)
    assert "no music bed" in troupe("music", str(project), "-e", "2").stdout
    done = troupe("music", str(project), "--episode", "2", "set", str(demo / "bed.wav"), "--volume", "-15",
                  "--fade-in", "0", "--duck", "9", "--attack", "100", "--release", "300", "--no-loop")
    assert "“bed.wav” (4.0 s, wav), -15 dB" in done.stdout and "played once" in done.stdout
    changed = troupe("music", str(project), "-e", "2", "set", "--fade-out", "3500", "--loop")
    assert "fade out 3500 ms, looped, ducked 9 dB" in changed.stdout
    with ProjectStore.open_readonly(project) as store:
        ep1, ep2 = (e.id for e in store.episodes())
        bed = store.music_bed(ep2)
        assert bed is not None and store.music_bed(ep1) is None
        assert (bed.volume_db, bed.fade_in_ms, bed.fade_out_ms, bed.loop) == (-15, 0, 3500, True)
        assert bed.ducking == Ducking(9, 100, 300)
        assert store.music_bed_audio(ep2) == (demo / "bed.wav").read_bytes()
    shown = troupe("music", str(project), "-e", "2").stdout
    assert shown.startswith("Episode 2: “bed.wav”")
    assert "removed" in troupe("music", str(project), "-e", "2", "clear").stdout
    assert "nothing changed" in troupe("music", str(project), "-e", "2", "clear").stdout
    with ProjectStore.open_readonly(project) as store:
        assert store.music_bed(store.episodes()[1].id) is None


def test_sound_effects_are_added_listed_moved_and_removed(demo: Path, tmp_path: Path) -> None:
    project = _copy(demo, tmp_path)
    door = str(demo / "door.wav")
    added = troupe("sfx", str(project), "-e", "1", "add", door, "--line", "3", "--offset", "-200").stdout
    assert added.startswith("Added sound effect 1 “door.wav” (0.4 s) with line 3 (-200 ms)")
    troupe("sfx", str(project), "-e", "1", "add", door, "--at", "1500", "--volume", "-6")
    listing = troupe("sfx", str(project), "-e", "1", "list").stdout.splitlines()
    assert [row.split()[0] for row in listing] == ["2", "1"]  # in time order
    assert "at 00:01.500" in listing[0] and "-6.0 dB" in listing[0]
    assert "(line 3 -200 ms)" in listing[1]
    moved = troupe("sfx", str(project), "-e", "1", "move", "1", "--by", "350", "--volume", "-3").stdout
    assert "(line 3 +150 ms), -3.0 dB" in moved
    troupe("sfx", str(project), "-e", "1", "move", "2", "--line", "2", "--offset", "100")
    troupe("sfx", str(project), "-e", "1", "move", "1", "--at", "9000")
    with ProjectStore.open_readonly(project) as store:
        ep = store.episodes()[0].id
        clips = {c.id: c for c in store.effect_clips(ep)}
        second_line = store.lines(ep)[1].id
        assert (clips[1].line_id, clips[1].at_ms, clips[1].volume_db) == (None, 9000, -3)
        assert (clips[2].line_id, clips[2].offset_ms) == (second_line, 100)
    assert "Removed sound effect 2" in troupe("sfx", str(project), "-e", "1", "remove", "2").stdout
    assert troupe("sfx", str(project), "-e", "2", "list").stdout.strip() == "Episode 2 has no sound effects."


def test_a_roles_pan_reaches_every_episode_or_one(demo: Path, tmp_path: Path) -> None:
    project = _copy(demo, tmp_path)
    assert troupe("pan", str(project), "林晚", "L30").stdout.strip() == "林晚: pan L30 in every episode."
    assert "R50 in episode 2" in troupe("pan", str(project), "林晚", "0.5", "-e", "2").stdout
    assert "L50" in troupe("pan", str(project), "林晚", "-0.5", "-e", "1").stdout  # a negative number is a value
    with ProjectStore.open_readonly(project) as store:
        role = store.role_by_name("林晚").id
        ep1, ep2 = (e.id for e in store.episodes())
        assert store.episode_mix(ep1).pan_of(role) == -0.5 and store.episode_mix(ep2).pan_of(role) == 0.5


def test_bad_media_commands_are_sentences_and_change_nothing(demo: Path, tmp_path: Path) -> None:
    project = _copy(demo, tmp_path)
    before = project.read_bytes()
    not_audio = tmp_path / "notes.mp3"
    not_audio.write_text("hello", encoding="utf-8")
    cases = [(("music", str(project), "-e", "1", "set", str(tmp_path / "none.wav")), "does not exist"),
             (("music", str(project), "-e", "1", "set", str(not_audio)), "is not an audio file"),
             (("music", str(project), "-e", "1", "set"), "Name a music FILE"),
             (("music", str(project), "-e", "1", "set", "--volume", "-10"), "no music bed yet"),
             (("music", str(project), "-e", "1", "set", str(demo / "bed.wav"), "--duck", "80"), "Ducking of 80"),
             (("music", str(project), "-e", "7", "clear"), "no episode 7"),
             (("sfx", str(project), "-e", "1", "add", str(demo / "door.wav")), "Say where"),
             (("sfx", str(project), "-e", "1", "add", str(demo / "door.wav"), "--at", "5", "--line", "1"), "not both"),
             (("sfx", str(project), "-e", "1", "add", str(demo / "door.wav"), "--line", "99"), "There is no line 99"),
             (("sfx", str(project), "-e", "1", "add", str(demo / "door.wav"), "--offset", "5"), "Say where"),
             (("sfx", str(project), "-e", "1", "remove", "42"), "no sound effect 42"),
             (("sfx", str(project), "-e", "1", "move", "42", "--by", "5"), "no sound effect 42"),
             (("pan", str(project), "林晚", "R140"), "outside -1"),
             (("pan", str(project), "Nobody", "C"), "There is no role “Nobody”")]
    for args, expect in cases:
        proc = troupe(*args, check=False)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert expect in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)
    with ProjectStore.open_readonly(project) as store:
        assert all(store.music_bed(e.id) is None and not store.effect_clips(e.id) for e in store.episodes())
    assert project.read_bytes() == before


def _spans(cues_json: Path) -> list[tuple[int, int]]:
    cues = json.loads(cues_json.read_text("utf-8"))
    spans: list[tuple[int, int]] = []
    for c in sorted(cues, key=lambda c: c["time_begin"]):
        if spans and c["time_begin"] <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], c["time_end"]))
        else:
            spans.append((c["time_begin"], c["time_end"]))
    return spans


def _rms_db(x: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(x.astype(np.float64) ** 2)) + 1e-12))


def test_music_set_from_the_command_line_ducks_by_its_amount_in_the_export(demo: Path, tmp_path: Path) -> None:
    project = _copy(demo, tmp_path)
    troupe("music", str(project), "-e", "1", "set", str(demo / "bed.wav"), "--duck", "12", "--attack", "40",
           "--release", "40", "--fade-in", "0", "--fade-out", "0", "--volume", "-10")
    out = tmp_path / "ep1.wav"
    troupe("export", str(project), "--engine", "espeak", "-o", str(out), "-e", "1", "--stems", "--subtitles", "json")
    audio, rate = sf.read(out, dtype="float32")
    assert audio.ndim == 2 and audio.shape[1] == 2  # the music made the export stereo
    music, _ = sf.read(out.with_suffix(".stems") / "music.wav", dtype="float32")
    music = music.mean(axis=1)
    spans = _spans(out.with_suffix(".json"))
    frame = lambda ms: round(ms * rate / 1000)  # noqa: E731
    under = np.concatenate([music[frame(a + 60):frame(b - 60)] for a, b in spans if b - a > 300])
    gaps = np.concatenate([music[frame(b + 60):frame(c - 60)] for (_a, b), (c, _d) in zip(spans, spans[1:], strict=False)
                           if c - b > 200])
    assert len(under) > rate and len(gaps) > rate // 2
    drop = _rms_db(gaps) - _rms_db(under)
    assert abs(drop - 12.0) <= 0.5, drop
