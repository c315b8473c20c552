"""The voice commands (`troupe voices/clone/design/blend/voice/activate`) on the same actions, against the fake."""

from __future__ import annotations

import json
from pathlib import Path

import click
import numpy as np
import pytest
import soundfile
from click.testing import CliRunner

from studio import cli, cli_minimax
from studio.library import VoiceLibrary
from tests.fake_minimax.server import FakeMiniMax


@pytest.fixture
def env(fake_minimax: FakeMiniMax, tmp_path: Path) -> dict[str, str]:
    return {"MINIMAX_API_KEY": fake_minimax.api_key, "MINIMAX_API_HOST": fake_minimax.url,
            "TROUPE_CONFIG_DIR": str(tmp_path / "config"), "TROUPE_DATA_DIR": str(tmp_path / "data")}


def troupe(args: list[str], env: dict[str, str]) -> click.testing.Result:
    return CliRunner().invoke(cli.main, args, env=env)


def clip(path: Path, seconds: float) -> Path:
    t = np.arange(int(seconds * 16000)) / 16000
    soundfile.write(str(path), (0.2 * np.sin(2 * np.pi * 160 * t)).astype(np.float32), 16000)
    return path


def library(tmp_path: Path) -> VoiceLibrary:
    return VoiceLibrary(tmp_path / "data" / "voices")


def test_voices_filters_the_library_and_shows_cached_lists_offline(env: dict[str, str], tmp_path: Path,
                                                                   fake_minimax: FakeMiniMax) -> None:
    result = troupe(["voices", "--engine", "minimax", "--gender", "female", "--language", "zh", "--json"], env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert "female-shaonv" in {r["voice_id"] for r in rows} and all(r["gender"] == "female" for r in rows)
    presets = troupe(["voices", "--kind", "preset", "--search", "narrator"], env)
    assert presets.exit_code == 0 and "kokoro" in presets.stdout and "espeak" in presets.stdout
    assert "female-shaonv" not in presets.stdout
    fake_minimax.stop()
    offline = troupe(["voices", "--engine", "minimax", "--search", "少女"], env)
    assert offline.exit_code == 0
    assert "female-shaonv" in offline.stdout
    assert "MiniMax could not be reached" in offline.stderr and "showing the list from" in offline.stderr


def test_voices_without_a_key_says_so_on_stderr(env: dict[str, str]) -> None:
    result = troupe(["voices", "--engine", "minimax"], {**env, "MINIMAX_API_KEY": ""})
    assert result.exit_code == 0
    assert "No MiniMax key: add one in Settings" in result.stderr


def test_clone_needs_consent_and_sends_nothing_without_it(env: dict[str, str], tmp_path: Path,
                                                          fake_minimax: FakeMiniMax) -> None:
    sample = clip(tmp_path / "me.wav", 12.0)
    result = troupe(["clone", str(sample), "--name", "Me"], env)
    assert result.exit_code == 2
    assert "permission: add --consent" in result.output and "Traceback" not in result.output
    assert fake_minimax.requests == []
    done = troupe(["clone", str(sample), "--name", "Me", "--voice-id", "Me2026abc", "--consent",
                   "--transcript", "你好", "--start", "0", "--end", "11"], env)
    assert done.exit_code == 0, done.output
    assert "7 days" in done.output
    voice = library(tmp_path).get("Me2026abc")
    assert voice is not None and voice.consent is not None and voice.source is not None
    assert voice.source.trim_end_s == 11.0 and voice.days_left() == 7


def test_design_is_saved_in_the_library(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "trial.mp3"
    result = troupe(["design", "温柔的少女声", "--preview", "你好呀。", "--name", "Gentle", "--out", str(out)], env)
    assert result.exit_code == 0, result.output
    designed = [v for v in library(tmp_path).own_voices() if v.kind == "designed"]
    assert len(designed) == 1 and designed[0].name == "Gentle" and designed[0].prompt == "温柔的少女声"
    assert out.stat().st_size > 0
    bad = troupe(["design", "x", "--preview", "字" * 501], env)
    assert bad.exit_code == 2 and "at most 500" in bad.output


def test_blend_then_render_with_it(env: dict[str, str], tmp_path: Path, fake_minimax: FakeMiniMax) -> None:
    result = troupe(["blend", "Lead", "female-shaonv:60", "male-qn-jingying:40"], env)
    assert result.exit_code == 0, result.output
    assert "mix:female-shaonv*60+male-qn-jingying*40" in result.output
    assert library(tmp_path).get("mix:female-shaonv*60+male-qn-jingying*40") is not None
    bad = troupe(["blend", "Solo", "female-shaonv:60"], env)
    assert bad.exit_code == 2 and "two to four" in bad.output
    weight = troupe(["blend", "Odd", "female-shaonv:0.6", "male-qn-jingying:0.4"], env)
    assert weight.exit_code == 2 and "VOICE:WEIGHT" in weight.output
    kokoro = troupe(["blend", "Soft", "jf_alpha:70", "jm_kumo:30", "--engine", "kokoro"], env)
    assert kokoro.exit_code == 0 and "jf_alpha:70+jm_kumo:30" in kokoro.output


def test_voice_delete_removes_it_on_the_server_too(env: dict[str, str], tmp_path: Path,
                                                   fake_minimax: FakeMiniMax) -> None:
    sample = clip(tmp_path / "me.wav", 12.0)
    assert troupe(["clone", str(sample), "--name", "Me", "--voice-id", "Gone2026ab", "--consent"], env).exit_code == 0
    uploaded = list(fake_minimax.files)
    result = troupe(["voice", "delete", "Gone2026ab"], env)
    assert result.exit_code == 0, result.output
    assert "Gone2026ab" not in fake_minimax.cloned and all(f not in fake_minimax.files for f in uploaded)
    assert library(tmp_path).get("Gone2026ab") is None
    again = troupe(["voice", "delete", "Gone2026ab"], env)
    assert again.exit_code == 2 and "no voice" in again.output
    system = troupe(["voice", "delete", "female-shaonv"], env)
    assert system.exit_code == 2


def test_voice_preview_twice_makes_one_request(env: dict[str, str], fake_minimax: FakeMiniMax) -> None:
    first = troupe(["voice", "preview", "female-shaonv", "--engine", "minimax"], env)
    assert first.exit_code == 0, first.output
    second = troupe(["voice", "preview", "female-shaonv", "--engine", "minimax"], env)
    assert "from the cache, no request made" in second.output
    assert len(fake_minimax.calls("/v1/t2a_v2")) == 1


def test_subcommands_are_not_top_level_commands() -> None:
    assert not {"delete", "preview", "closest"} & set(cli.main.commands)
    assert {"delete", "preview", "closest"} <= set(cli_minimax.voice_group.commands)


def test_activate_lists_only_voices_still_unused_on_the_account(env: dict[str, str], tmp_path: Path,
                                                                fake_minimax: FakeMiniMax) -> None:
    sample = clip(tmp_path / "me.wav", 12.0)
    for vid in ("Used2026abc", "Wait2026abc"):
        assert troupe(["clone", str(sample), "--name", vid, "--voice-id", vid, "--consent"], env).exit_code == 0
    fake_minimax.cloned["Used2026abc"] = True  # rendered by a project since
    listed = troupe(["activate"], env)
    assert "Wait2026abc" in listed.output and "Used2026abc" not in listed.output
    done = troupe(["activate", "--all-pending"], env)
    assert done.exit_code == 0 and "Wait2026abc activated" in done.output
    assert "No new voice is waiting" in troupe(["activate"], env).output
