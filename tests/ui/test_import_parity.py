"""The same script imported from the window and with `troupe import` gives the same project: roles (with
their voices and genders), episode titles, lines, notes — one test per format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from studio.domain.model import ProjectSettings
from studio.store.project_file import ProjectStore

from .conftest import Harness

SCRIPTS = {
    "scene.csv": "角色,台词,情绪\n旁白,夜深了。,\n苏晴,你来了？,惊讶\n陆沉,我答应过你。,\n",
    "scene.txt": ("# Episode 2: The Key\n"
                  "Narrator: The rain had not stopped.\n"
                  "Mary (laughing): You came!\n"
                  "Tom (turning away): I promised.\n"
                  "Mary: (softly) Then come in.\n"),
    "scene.json": json.dumps({"title": "第三集：钥匙",
                              "role_voice": {"anarration": "male-qn-jingying", "su": "female-shaonv"},
                              "sentences": [{"sentence_no": 1, "role_id": "anarration", "text": "雨停了。"},
                                            {"sentence_no": 2, "role_id": "su", "text": "你还在吗？"},
                                            {"sentence_no": 3, "role_id": "chen", "text": "在。"}]},
                             ensure_ascii=False),
}


def _base(path: Path) -> Path:
    """A series that already has its narrator (旁白), so "Narrator"/anarration must speak with it."""
    store = ProjectStore.create(path, "剧", ProjectSettings(engine="espeak"))
    store.add_role("旁白", voices={"espeak": "narrator"})
    store.close()
    return path


def _dump(path: Path) -> dict[str, Any]:
    with ProjectStore.open(path) as store:
        roles = {r.id: r for r in store.roles()}
        return {
            "roles": [(r.name, r.voices, r.gender) for r in roles.values()],
            "episodes": [(e.title, e.language, [(roles[ln.role_id].name if ln.role_id else None, ln.text,
                                                  ln.delivery.to_dict(), ln.gap_ms, ln.note)
                                                 for ln in store.lines(e.id)]) for e in store.episodes()],
        }


@pytest.mark.parametrize("name", sorted(SCRIPTS))
async def test_window_and_command_line_import_the_same_project(tmp_path: Path, qtbot: Any, name: str) -> None:
    script = tmp_path / name
    script.write_text(SCRIPTS[name], encoding="utf-8")
    by_cli = _base(tmp_path / "cli.troupe")
    proc = subprocess.run([sys.executable, "-m", "studio.cli", "import", str(script), str(by_cli)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    by_window = _base(tmp_path / "window.troupe")
    h = Harness(by_window)
    try:
        episode = await h.window.import_script(str(script))
        assert episode is not None and h.model.episode_id == episode
    finally:
        await h.close()
    cli, window = _dump(by_cli), _dump(by_window)
    assert window == cli
    assert len(cli["roles"]) >= 3 and cli["roles"][0][0] == "旁白"
    assert all(role != "Narrator" for role, *_ in cli["roles"])  # the series' narrator speaks "Narrator"


def test_the_imports_keep_what_each_format_says(tmp_path: Path) -> None:
    """What the parity test compares is worth comparing: voices, notes, emotions and titles arrive."""
    for name, text in SCRIPTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    project = _base(tmp_path / "p.troupe")
    for name in sorted(SCRIPTS):
        proc = subprocess.run([sys.executable, "-m", "studio.cli", "import", str(tmp_path / name), str(project)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
    dump = _dump(project)
    roles = {name: (voices, gender) for name, voices, gender in dump["roles"]}
    assert roles["su"][0] == {"minimax": "female-shaonv"}  # the bulk script's role_voice map
    assert roles["苏晴"][1] == "female" and roles["Mary"][1] == "female" and roles["Tom"][1] == "male"
    titles = [t for t, _lang, _lines in dump["episodes"]]
    assert titles == ["scene", "钥匙", "The Key"]
    english = dump["episodes"][2][2]
    assert english[0][0] == "旁白"
    assert english[1][2] == {"emotion": "happy"}  # (laughing)
    assert english[2][4] == "turning away"  # not an emotion: kept as a note, not spoken
    assert english[2][1] == "I promised."
