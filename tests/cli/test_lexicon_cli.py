"""`troupe lexicon add/list/remove/pinyin/suspects` on the demo series: what it prints is what the project
holds, and bad input is a sentence with exit 2 and no change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studio.domain.lexicon import LexiconEntry
from studio.store.project_file import ProjectStore


def troupe(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"troupe {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lexicon-cli") / "demo.troupe"
    troupe("new", str(path), "--demo")
    return path


def _lexicon(path: Path) -> list[LexiconEntry]:
    store = ProjectStore.open_readonly(path)
    try:
        return store.lexicon()
    finally:
        store.close()


def _lines_with(path: Path, word: str) -> int:
    store = ProjectStore.open_readonly(path)
    try:
        return sum(word in ln.text for ep in store.episodes() for ln in store.lines(ep.id))
    finally:
        store.close()


def test_add_list_change_and_remove(demo: Path) -> None:
    out = troupe("lexicon", "add", str(demo), "林晚", "lin2 wan3", "--language", "zh").stdout
    n = _lines_with(demo, "林晚")
    assert n > 0
    assert "Added 林晚 → lin2 wan3 (pinyin, zh)." in out
    assert f"{n} line{'s' if n != 1 else ''} will be rendered again" in out
    assert _lexicon(demo) == [LexiconEntry("林晚", "lin2 wan3", "pinyin", "zh")]
    troupe("lexicon", "add", str(demo), "Starbucks", "星巴克")
    listed = troupe("lexicon", "list", str(demo)).stdout.splitlines()
    assert listed[0].startswith("林晚 → lin2 wan3 (pinyin, zh)") and listed[0].endswith(f"{n} lines")
    assert listed[1].startswith("Starbucks → 星巴克 (replace, all languages)")
    out = troupe("lexicon", "add", str(demo), "林晚", "lin2 wan2", "--language", "zh").stdout
    assert "Changed" in out and "it was lin2 wan3" in out
    assert len(_lexicon(demo)) == 2
    assert "Removed 林晚" in troupe("lexicon", "remove", str(demo), "林晚").stdout
    assert troupe("lexicon", "list", str(demo), "--language", "zh").stdout.startswith("Starbucks")
    troupe("lexicon", "remove", str(demo), "Starbucks")
    assert "The lexicon is empty" in troupe("lexicon", "list", str(demo)).stdout


@pytest.mark.parametrize(("args", "says"), [
    (("add", "{p}", "林晚", "lin2 wan", "--kind", "pinyin"), "“wan” is not a pinyin syllable"),
    (("add", "{p}", "林晚", "lin2", "--kind", "pinyin"), "2 characters"),
    (("remove", "{p}", "没有"), "no entry for “没有”"),
    (("add", "{p}.missing", "林晚", "x"), "does not exist"),
])
def test_bad_input_is_a_sentence_and_changes_nothing(demo: Path, args: tuple[str, ...], says: str) -> None:
    before = _lexicon(demo)
    proc = troupe("lexicon", *(a.replace("{p}", str(demo)) for a in args), check=False)
    assert proc.returncode == 2
    assert says in proc.stderr and "Traceback" not in proc.stderr
    assert _lexicon(demo) == before


def test_pinyin_shows_the_readings_to_choose_from_and_suspects_list_polyphones(demo: Path) -> None:
    out = troupe("lexicon", "pinyin", "银行行长").stdout.splitlines()
    assert out[0] == "银行行长: yin2 hang2 hang2 zhang3"
    assert any(line.strip().startswith("长: zhang3 / chang2") for line in out)
    suspects = troupe("lexicon", "suspects", str(demo), "--top", "50").stdout
    assert suspects.strip() and "—" in suspects


def test_say_writes_the_entry_heard_in_a_line_and_changes_nothing(demo: Path, tmp_path: Path) -> None:
    import soundfile as sf

    before = _lexicon(demo)
    out = tmp_path / "hear.wav"
    proc = troupe("lexicon", "say", str(demo), "林晚", "lin2 wan3", "-o", str(out))
    assert proc.stdout.startswith(f"Wrote {out}: episode ") and "“林晚”" not in proc.stdout.split(":")[0]
    audio, rate = sf.read(out)
    assert len(audio) / rate > 0.5  # a line's worth of speech
    assert _lexicon(demo) == before
    again = troupe("lexicon", "say", str(demo), "林晚", "lin2 wan3", "-o", str(out), check=False)
    assert again.returncode == 2 and "pass --force" in again.stderr


def test_suspects_put_the_words_the_check_misheard_first(tmp_path: Path) -> None:
    from studio.checks import listen
    from studio.checks.scoring import CheckResult, Difference
    from studio.domain.model import Delivery, ProjectSettings

    path = tmp_path / "heard.troupe"
    store = ProjectStore.create(path, "S", ProjectSettings(engine="espeak"))
    role = store.add_role("林晚", voices={"espeak": "female_lead"})
    store.add_episode("E1", "zh", [(role.id, "沈墨，你还好吗？", Delivery(), None),
                                   (role.id, "沈墨走了。", Delivery(), None)])
    store.close()
    troupe("render", str(path))
    with ProjectStore.open(path) as store:
        first = store.lines(store.episodes()[0].id)[0]
        (take,) = store.takes_for_line(first.id)
        heard = CheckResult(0.6, "你还好吗", (Difference("沈墨", "", units=2, serious=True),), 6, 2)
        store.set_take_note(take.id, listen.NOTE_KIND, heard.to_note())
    out = troupe("lexicon", "suspects", str(path)).stdout.splitlines()
    assert out[0] == "沈墨  misheard by the check — 2 lines"
    assert any(line.startswith("还  ") for line in out[1:])  # then the script's 多音字


def test_misheard_words_are_only_what_the_script_holds_as_written() -> None:
    from studio.actions.check import _written_runs

    script = "陆沉：林晚，好久不见。\n明天下午三点，在Starbucks见面。"
    assert _written_runs("林晚好久不见", script) == ["林晚", "好久不见"]
    assert _written_runs("点在见面", script) == ["见面"]
    assert _written_runs("沈墨", script) == []
