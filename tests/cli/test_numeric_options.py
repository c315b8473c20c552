"""Every numeric option is range-checked before anything runs: ``nan``, ``inf``, a word or a value out of
range is refused with a sentence naming the range (exit 2), and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from studio.cli import main
from studio.domain.model import ProjectSettings
from studio.store.project_file import ProjectStore


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.troupe"
    ProjectStore.create(path, "P", ProjectSettings(engine="espeak")).close()
    return path


CASES = [
    (["--lufs", "nan"], "--lufs", "from -40 to -5 LUFS"),
    (["--lufs", "-inf"], "--lufs", "from -40 to -5 LUFS"),
    (["--lufs", "-60"], "--lufs", "from -40 to -5 LUFS"),
    (["--true-peak", "nan"], "--true-peak", "from -9 to 0 dBTP"),
    (["--true-peak", "3"], "--true-peak", "from -9 to 0 dBTP"),
    (["--rate", "0"], "--rate", "at least 1 Hz"),
    (["--rate", "44.1"], "--rate", "not a whole number"),
    (["-e", "0"], "--episode", "at least 1"),
    (["--max-chars", "-1"], "--max-chars", "from 4 to 200"),
    (["--max-cps", "nan"], "--max-cps", "from 1 to 100"),
    (["--duck", "inf"], "--duck", "from 0 to 40 dB"),
]


@pytest.mark.parametrize(("args", "option", "said"), CASES)
def test_export_refuses_a_number_out_of_range(project: Path, tmp_path: Path, args: list[str], option: str,
                                              said: str) -> None:
    out = tmp_path / "x.mp3"
    result = CliRunner().invoke(main, ["export", str(project), "-o", str(out), *args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert option in result.output and said in result.output
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["p.troupe"]


@pytest.mark.parametrize("args", [["music", "{p}", "set", "bed.wav", "--volume", "nan"],
                                  ["sfx", "{p}", "add", "bed.wav", "--volume", "inf"],
                                  ["render", "{p}", "-e", "-1"]])
def test_other_commands_refuse_them_too(project: Path, tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "bed.wav").write_bytes(b"RIFF")
    argv = [a.replace("{p}", str(project)).replace("bed.wav", str(tmp_path / "bed.wav")) for a in args]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 2 and "outside the range" in result.output and "Traceback" not in result.output
