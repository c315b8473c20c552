"""Trimming a take's leading and trailing silence (``studio.actions.trimming``) and what follows from it: the
silence found to the millisecond, a take with 400 ms of silence before it placed 400 ms shorter with the lines
after it moving up, the exported file 400 ms shorter with its sound where the subtitles say, the trimmed
audio skipped in the mix, clearing the trims, and ``troupe trim``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import srt
from click.testing import CliRunner

from studio.actions import trimming
from studio.audio.decode import encode_wav
from studio.audio.mix import length_for
from studio.domain.model import DONE, Delivery
from studio.render.mixdown import build_timeline, export_episode, mix_range
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore

RATE = 24000


def _tone(seconds: float, freq: float, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(round(seconds * RATE))) / RATE
    return (level * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(round(seconds * RATE)), np.float32)


def test_the_silence_at_both_ends_is_found_to_the_millisecond() -> None:
    take = np.concatenate([_silence(0.4), _tone(1.0, 220), _silence(0.25)])
    assert trimming.silence_ms(take, RATE) == (400, 250)
    quiet = 0.001 * np.random.default_rng(1).standard_normal(len(take)).astype(np.float32)  # hiss at -60 dBFS
    lead, trail = trimming.silence_ms(take + np.where(take == 0, quiet, 0), RATE)
    assert abs(lead - 400) <= 2 and abs(trail - 250) <= 2
    assert trimming.silence_ms(_tone(1.0, 220), RATE) == (0, 0)  # sound from the first sample to the last
    assert trimming.silence_ms(_silence(1.0), RATE) == (0, 0)  # nothing heard: nothing to trim
    # a soft start is sound, not silence: the trim stops where the voice begins to be heard
    ramp = _tone(1.0, 220) * np.minimum(1, np.arange(RATE) / (0.1 * RATE)).astype(np.float32)
    lead, _ = trimming.silence_ms(np.concatenate([_silence(0.3), ramp]), RATE)
    assert 300 <= lead <= 302


@pytest.fixture
def project(tmp_path: Path):
    """Three rendered lines: 1.0 s of tone; 400 ms of silence then 1.2 s of tone; 0.8 s of tone."""
    store = ProjectStore.create(tmp_path / "t.troupe", "Trim")
    a, b = store.add_role("A"), store.add_role("B")
    ep = store.add_episode("E1", "zh", [(a.id, "一。", Delivery(), None), (b.id, "二。", Delivery(), 300),
                                        (a.id, "三。", Delivery(), 300)]).id
    audio = [_tone(1.0, 300), np.concatenate([_silence(0.4), _tone(1.2, 500)]), _tone(0.8, 700)]
    for line, samples in zip(store.lines(ep), audio, strict=True):
        store.add_take(line_id=line.id, render_key=f"k{line.id}", audio=encode_wav(samples, RATE), format="wav",
                       sample_rate=RATE, duration_ms=round(len(samples) * 1000 / RATE), engine="espeak", model="m",
                       voice_id="v")
    yield store, ep
    store.close()


def _plans(store: ProjectStore, ep: int) -> list[LinePlan]:
    takes = {t.line_id: t for t in (store.take_for_key(f"k{ln.id}") for ln in store.lines(ep)) if t is not None}
    return [LinePlan(ln, None, DONE, takes[ln.id]) for ln in store.lines(ep)]


def _onsets(audio: np.ndarray, rate: int) -> list[int]:
    """Where each sound after 30 ms of silence starts, in ms (1 ms envelope)."""
    x = np.abs(audio if audio.ndim == 1 else audio.mean(axis=1))
    hop = rate // 1000
    loud = x[: len(x) // hop * hop].reshape(-1, hop).max(axis=1) > 0.02
    starts, quiet = [], 30
    for i, on in enumerate(loud):
        if on and quiet >= 30:
            starts.append(i)
        quiet = 0 if on else quiet + 1
    return starts


def test_a_take_with_400_ms_of_leading_silence_is_placed_400_ms_shorter(project) -> None:
    store, ep = project
    before = build_timeline(store, _plans(store, ep)).placements
    result = trimming.trim_episode(store, _plans(store, ep))
    second = store.lines(ep)[1]
    assert (second.trim_start_ms, second.trim_end_ms) == (400, 0)
    assert [ln.id for ln in result.after] == [second.id] and result.saved_ms == 400
    assert [(b.trim_start_ms, b.trim_end_ms) for b in result.before] == [(0, 0)]  # what undo needs
    after = build_timeline(store, _plans(store, ep)).placements
    assert after[1].start_ms == before[1].start_ms  # it starts where it did, its sound at once
    assert after[1].duration_ms == before[1].duration_ms - 400 == 1200
    assert after[2].start_ms == before[2].start_ms - 400  # what follows moves up
    # a second run finds nothing more to trim; clearing hears the take whole again
    assert trimming.trim_episode(store, _plans(store, ep)).after == []
    cleared = trimming.trim_episode(store, _plans(store, ep), clear=True)
    assert cleared.saved_ms == -400 and build_timeline(store, _plans(store, ep)).placements == before


def test_the_export_is_400_ms_shorter_its_sound_where_its_subtitles_say(project, tmp_path: Path) -> None:
    store, ep = project
    one = export_episode(store, ep, _plans(store, ep), tmp_path / "before.wav", subtitles=("srt",))
    trimming.trim_episode(store, _plans(store, ep))
    two = export_episode(store, ep, _plans(store, ep), tmp_path / "after.wav", subtitles=("srt",))
    a0, rate = sf.read(one.audio_path, dtype="float64")
    a1, _ = sf.read(two.audio_path, dtype="float64")
    assert abs((len(a0) - len(a1)) * 1000 / rate - 400) <= 2  # measured on the files
    on0, on1 = _onsets(a0, rate), _onsets(a1, rate)
    assert len(on0) == len(on1) == 3
    assert abs(on1[1] - (on0[1] - 400)) <= 5 and abs(on1[2] - (on0[2] - 400)) <= 5
    cues0 = list(srt.parse(one.subtitle_paths[0].read_text("utf-8")))
    cues1 = list(srt.parse(two.subtitle_paths[0].read_text("utf-8")))
    ms = lambda td: round(td.total_seconds() * 1000)  # noqa: E731
    # before, the second cue began 400 ms before its sound; now it begins on it, and ends 400 ms earlier
    assert abs(ms(cues0[1].start) - (on0[1] - 400)) <= 10
    for cue, onset in zip(cues1, on1, strict=True):
        assert abs(ms(cue.start) - onset) <= 10
    assert ms(cues1[1].end) == ms(cues0[1].end) - 400 and ms(cues1[2].start) == ms(cues0[2].start) - 400


def test_the_mix_skips_the_trimmed_start_and_stops_at_the_trimmed_end(project) -> None:
    store, ep = project
    second = store.lines(ep)[1]
    store.update_line(second.with_(trim_start_ms=600, trim_end_ms=300))  # into the tone at both ends
    timeline = build_timeline(store, _plans(store, ep))
    spot = timeline.placements[1]
    assert spot.duration_ms == 1600 - 900
    mix = mix_range(store, timeline, RATE, spot.start_ms, spot.end_ms + 300, channels=1)[:, 0]
    heard = length_for(spot.duration_ms, RATE)
    # the take's own samples from 600 ms on (200 ms into its tone, at its phase there), then silence
    t = (np.arange(heard) + length_for(200, RATE)) / RATE
    np.testing.assert_allclose(mix[:heard], 0.3 * np.sin(2 * np.pi * 500 * t), atol=2e-3)
    assert np.abs(mix[heard + 5:heard + length_for(250, RATE)]).max() < 1e-6
    # trims that would leave nothing are not used
    store.update_line(second.with_(trim_start_ms=1000, trim_end_ms=700))
    assert build_timeline(store, _plans(store, ep)).placements[1].duration_ms == 1600


def test_troupe_trim_trims_names_each_line_and_clears(project, monkeypatch: pytest.MonkeyPatch) -> None:
    from studio import cli
    from studio.cli_trim import trim_cmd

    store, ep = project
    path = str(store.path)
    store.close()
    monkeypatch.setattr(cli, "_engine", lambda name, store=None: _Engine())
    monkeypatch.setattr("studio.render.planner.RenderPlanner", _Planner)
    runner = CliRunner()
    done = runner.invoke(trim_cmd, [path, "-e", "1"])
    assert done.exit_code == 0, done.output
    assert "line 2: 400 ms trimmed from its start, 0 ms from its end" in done.output
    assert "0.40 s shorter" in done.output
    with ProjectStore.open(path) as s:
        assert [(ln.trim_start_ms, ln.trim_end_ms) for ln in s.lines(s.episodes()[0].id)] == [(0, 0), (400, 0),
                                                                                              (0, 0)]
    bad = runner.invoke(trim_cmd, [path, "-e", "1", "--lines", "2,9"])
    assert bad.exit_code == 2 and "there is no line 9" in bad.output
    cleared = runner.invoke(trim_cmd, [path, "-e", "1", "--clear"])
    assert cleared.exit_code == 0 and "heard whole again" in cleared.output
    with ProjectStore.open(path) as s:
        assert all(ln.trim_start_ms == 0 for ln in s.lines(s.episodes()[0].id))


class _Engine:
    async def aclose(self) -> None:
        return None


class _Planner:
    """The takes of the fixture as the lines' rendered takes (no engine to ask)."""

    def __init__(self, store: ProjectStore, engine: object) -> None:
        self.store = store

    def plan(self, episode_id: int) -> list[LinePlan]:
        return _plans(self.store, episode_id)


def test_a_new_take_of_a_trimmed_line_is_heard_whole(project) -> None:
    store, ep = project
    trimming.trim_episode(store, _plans(store, ep))
    second = store.lines(ep)[1]
    assert second.trim_start_ms == 400
    heard: list[object] = []
    store.subscribe(heard.append)
    store.add_take(line_id=second.id, render_key="k-new", audio=store.take_audio(store.take_for_key(f"k{second.id}").id),
                   format="wav", sample_rate=RATE, duration_ms=1600, engine="espeak", model="m", voice_id="v")
    again = store.line(second.id)
    assert (again.trim_start_ms, again.trim_end_ms) == (0, 0)  # the old take's trims would cut the new one
    from studio.store import events as ev
    assert any(isinstance(e, ev.LinesChanged) and second.id in e.line_ids for e in heard)
    other = store.lines(ep)[0]
    assert store.line(other.id) == other  # lines of other takes keep theirs
