"""``troupe generate / translate / attribute / bulk`` from a user's side: the same actions as the window, a
sentence and exit 2 for bad input, the project unchanged when anything fails."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import soundfile as sf
from click.testing import CliRunner

from studio.cli import main
from studio.settings import Settings
from studio.store.project_file import ProjectStore
from tests.fake_llm.server import FakeLLM, Reply
from tests.writing.conftest import asked_lines, file_hash
from tests.writing.test_generate import EPISODE, answer

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def troupe(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def configured(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> FakeLLM:
    Settings().set("llm_base_url", fake_llm.url)
    monkeypatch.setenv("TROUPE_LLM_API_KEY", fake_llm.api_key or "")
    return fake_llm


def test_every_writing_command_has_help() -> None:
    for command in ("generate", "translate", "attribute", "bulk"):
        code, out = troupe(command, "--help")
        assert code == 0 and "Usage:" in out
    proc = subprocess.run([sys.executable, "-m", "studio.cli", "--help"], capture_output=True, text=True, timeout=120)
    assert all(c in proc.stdout for c in ("generate", "translate", "attribute", "bulk"))


def test_offline_generate_and_translate_say_what_they_need(tmp_path: Path,
                                                           project: Callable[..., Path]) -> None:
    code, out = troupe("generate", str(tmp_path / "new.troupe"), "--premise", "雨夜重逢")
    assert code == 2
    assert "Generating needs a chat model: add a MiniMax key in Settings or set an OpenAI-compatible base URL." in out
    assert not (tmp_path / "new.troupe").exists()
    path = project()
    before = file_hash(path)
    code, out = troupe("translate", str(path), "--episode", "1", "--to", "en")
    assert code == 2 and "Translating needs a chat model" in out
    assert file_hash(path) == before


def test_bad_input_is_a_sentence_and_exit_2(tmp_path: Path, project: Callable[..., Path]) -> None:
    path = project()
    assert troupe("generate", str(path), "--premise", "  ")[0] == 2
    assert troupe("generate", str(path), "--premise", "x", "--episodes", "0")[0] == 2
    code, out = troupe("translate", str(path), "--to", "en")
    assert code == 2 and "--episode N" in out
    code, out = troupe("translate", str(path), "--episode", "9", "--to", "en")
    assert code == 2 and "episode" in out.lower()
    code, out = troupe("translate", str(path), "--episode", "1", "--to", "zh")
    assert code == 2 and "already in zh" in out
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert troupe("attribute", str(tmp_path / "empty.txt"), str(path))[0] == 2
    assert troupe("attribute", str(SAMPLES / "chapter_zh.txt"), str(tmp_path / "no-suffix"))[0] == 2


def test_generate_adds_the_episodes_and_prints_their_lines(configured: FakeLLM, tmp_path: Path) -> None:
    cast = [{"name": "林晚", "gender": "female"}, {"name": "顾沉", "gender": "male"}, *EPISODE["new_roles"]]
    configured.reply(answer({**EPISODE, "new_roles": cast}))
    path = tmp_path / "new.troupe"
    code, out = troupe("generate", str(path), "--premise", "死而复生的前男友", "--genre", "甜宠", "--lang", "zh")
    assert code == 0, out
    assert "林晚 (fearful): 这么晚了，谁啊？" in out and "Added episode 1 “钥匙” (4 lines" in out
    with ProjectStore.open(path) as store:
        assert [e.title for e in store.episodes()] == ["钥匙"]
        assert {r.name for r in store.roles()} == {"旁白", "林晚", "陈叔", "顾沉"}


def test_a_failed_generation_leaves_the_project_byte_identical(configured: FakeLLM,
                                                               project: Callable[..., Path]) -> None:
    path = project()
    before = file_hash(path)
    configured.reply(Reply(answer(), fault="cut", cut_after=120), "not json at all",
                     answer({**EPISODE, "lines": [{"role": "", "text": ""}]}))
    code, out = troupe("generate", str(path), "--premise", "雨夜")
    assert code == 1 and "not usable after 3 tries" in out
    assert file_hash(path) == before


def test_translate_keeps_every_line_and_grows_the_glossary(configured: FakeLLM,
                                                           project: Callable[..., Path]) -> None:
    def english(body: dict) -> str:  # type: ignore[type-arg]
        return json.dumps({"title": "Episode One", "terms": [{"source": "顾沉", "target": "Gu Chen"}],
                           "lines": [{"id": it["id"], "role": it["role"], "text": f"Line {it['id']}."}
                                     for it in asked_lines(body, "Translate these lines:")]})

    configured.reply(Reply(english))
    path = project()
    code, out = troupe("translate", str(path), "--episode", "1", "--to", "en")
    assert code == 0, out
    assert "as episode 2 “Episode One” (5 lines, the same cast)" in out
    with ProjectStore.open(path) as store:
        zh, en = store.episodes()
        assert en.language == "en"
        assert [ln.role_id for ln in store.lines(en.id)] == [ln.role_id for ln in store.lines(zh.id)]
    glossary = path.with_name("series.glossary.json")
    assert json.loads(glossary.read_text(encoding="utf-8")) == {"en": {"顾沉": "Gu Chen"}}


def test_attribute_offline_adds_the_chapter_as_an_episode(tmp_path: Path) -> None:
    path = tmp_path / "novel.troupe"
    code, out = troupe("attribute", str(SAMPLES / "chapter_zh.txt"), str(path))
    assert code == 0, out
    assert "speakers by the offline splitter" in out
    with ProjectStore.open(path) as store:
        assert {r.name for r in store.roles()} == {"旁白", "林晚", "顾沉", "老陈", "苏蔓", "念念"}
        assert store.episodes()[0].title == "雨夜来客"


def test_attribute_uses_the_chat_model_when_configured(configured: FakeLLM, tmp_path: Path) -> None:
    chapter = tmp_path / "c.txt"
    chapter.write_text("林晚推开门。\n\n“你来了。”顾沉说。", encoding="utf-8")
    configured.reply(json.dumps({"characters": [{"name": "顾沉", "gender": "male"}], "lines": [
        {"paragraph": 1, "kind": "narration", "text": "林晚推开门。"},
        {"paragraph": 2, "kind": "dialogue", "speaker": "顾沉", "text": "你来了。", "confidence": 0.9},
        {"paragraph": 2, "kind": "narration", "text": "顾沉说。"}]}, ensure_ascii=False))
    code, out = troupe("attribute", str(chapter), str(tmp_path / "p.troupe"))
    assert code == 0, out
    assert "speakers by the chat model" in out and len(configured.chat_requests()) == 1


def test_bulk_writes_the_deliverables_offline(tmp_path: Path) -> None:
    roles = tmp_path / "roles.json"
    roles.write_text(json.dumps([
        {"sentence_no": 0, "role_id": "title", "text": "第一章"},
        {"sentence_no": 1, "role_id": "anarration", "text": "夜深了。"},
        {"sentence_no": 2, "role_id": "林晚", "text": "谁？"}], ensure_ascii=False), encoding="utf-8")
    voices = json.dumps({"title": "audiobook_male_1", "anarration": "audiobook_male_1", "林晚": "female-shaonv"},
                        ensure_ascii=False)
    out = tmp_path / "out.mp3"
    code, text = troupe("bulk", str(roles), "--role-voice", voices, "--voice-configs",
                        '{"female-shaonv": {"speed": 1.2}}', "--interval-title", "0.8", "--sample-rate", "16000",
                        "--bitrate", "32000", "--engine", "espeak", "-o", str(out))
    assert code == 0, text
    assert sf.info(str(out)).samplerate == 16000
    cues = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert cues[1]["time_begin"] - cues[0]["time_end"] == 800
    extra = json.loads(text.strip().splitlines()[-1])["extra_info"]
    assert extra["audio_sample_rate"] == 16000 and extra["bitrate"] == 32000
    code, text = troupe("bulk", str(roles), "--role-voice", "{bad", "--engine", "espeak", "-o", str(out))
    assert code == 2 and "not valid JSON" in text
    code, text = troupe("bulk", str(roles), "--engine", "espeak", "-o", str(out))
    assert code == 2 and "--role-voice" in text
    code, text = troupe("bulk", str(roles), "--role-voice", voices, "--sample-rate", "44100", "-o", str(out))
    assert code == 2
