"""The offline prose splitter: who says each quotation of a chapter, narration for the rest, no invented roles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.formats.prose import Roster, attribute_prose, looks_like_prose, read_prose
from studio.formats.script_import import read_script

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def sample(name: str) -> tuple[str, list[str], list[str]]:
    key = json.loads((SAMPLES / f"{name}.speakers.json").read_text(encoding="utf-8"))
    return (SAMPLES / f"{name}.txt").read_text(encoding="utf-8"), key["speakers"], key["roles"]


@pytest.mark.parametrize("name", ["chapter_zh", "chapter_en", "heldout_zh", "heldout_en"])
def test_splitter_names_the_right_speaker_for_nine_in_ten_quotations(name: str) -> None:
    text, expected, _ = sample(name)
    result = attribute_prose(text)
    assert len(result.quote_speakers) == len(expected)
    right = sum(got == want for got, want in zip(result.quote_speakers, expected, strict=True))
    assert right / len(expected) >= 0.9, f"{right}/{len(expected)}"


@pytest.mark.parametrize("name", ["chapter_zh", "chapter_en", "heldout_zh", "heldout_en"])
def test_splitter_never_makes_a_role_out_of_a_narrative_sentence(name: str) -> None:
    text, _, roles = sample(name)
    draft = attribute_prose(text).draft()
    narrator = "旁白" if name.endswith("zh") else "Narrator"
    assert set(draft.roles) <= {*roles, narrator}
    assert "老陈点点头" not in draft.roles


def test_chapter_sample_is_long_enough_to_measure() -> None:
    for name in ("chapter_zh", "chapter_en"):
        _, expected, roles = sample(name)
        assert len(expected) >= 30 and len(set(expected)) == len(roles) == 5


def test_aliases_are_one_role() -> None:
    zh = attribute_prose(sample("chapter_zh")[0]).roster
    assert {zh.canonical(a) for a in ("顾沉", "顾总", "顾先生")} == {"顾沉"}
    assert zh.canonical("陈叔") == zh.canonical("老陈") == "老陈"
    assert zh.canonical("林小姐") == zh.canonical("晚晚") == "林晚"
    en = attribute_prose(sample("chapter_en")[0]).roster
    assert {en.canonical(a) for a in ("Ethan Cole", "Ethan", "Mr. Cole", "Cole")} == {"Ethan Cole"}
    assert en.canonical("Miss Dawson") == "Claire Dawson"


def test_narrative_clause_before_a_quotation_gives_its_subject() -> None:
    text = "老陈和林晚站在门口。\n\n老陈点点头：“好。”\n\n林晚笑了：“谢谢陈叔。”\n\n老陈点点头，转身走了。"
    result = attribute_prose(text)
    assert result.quote_speakers == ["老陈", "林晚"]
    draft = result.draft()
    assert set(draft.roles) == {"旁白", "老陈", "林晚"}
    assert [ln.text for ln in draft.lines if ln.role == "旁白"][1] == "老陈点点头。"


def test_a_quoted_word_inside_a_sentence_is_narration() -> None:
    result = attribute_prose("屏幕上跳出“苏蔓”两个字。\n\nThe screen read \"Nora\" in white letters.")
    assert result.quote_speakers == []
    assert all(ln.kind == "narration" for ln in result.lines)


def test_bare_speech_tag_is_a_note_with_its_manner_as_emotion() -> None:
    text = "林晚和顾沉坐在车里。\n\n“我没事。”林晚低声说。\n\n“Go home,” Ethan said quietly. Ethan Cole left."
    result = attribute_prose(text, language="zh")
    line = next(ln for ln in result.lines if ln.kind == "dialogue")
    assert (line.speaker, line.note, line.emotion) == ("林晚", "林晚低声说", "whisper")
    assert not any("低声说" in ln.text for ln in result.lines if ln.kind == "narration")


def test_every_line_has_a_confidence_and_unknown_speakers_go_to_the_narrator() -> None:
    result = attribute_prose("“有人吗？”\n\n没有人回答。")
    assert result.quote_speakers == [None]
    draft = result.draft()
    assert draft.roles == ["旁白"]
    assert draft.lines[0].note == "说话人不明"
    assert result.lines[0].confidence <= 0.2
    assert all(0 <= c <= 1 for c in attribute_prose(sample("chapter_zh")[0]).confidences)


def test_given_roster_names_the_speakers_and_carries_their_aliases() -> None:
    roster = Roster.of(["Gu Chen"], aliases={"Gu Chen": ["Mr. Gu", "the boss"]}, genders={"Gu Chen": "male"})
    result = attribute_prose('"Sit down," the boss said. Gu Chen smiled.\n\n"Thank you, Mr. Gu."', roster=roster)
    assert result.quote_speakers[0] == "Gu Chen"
    assert result.quote_speakers[1] != "Gu Chen"  # he is spoken to, so he is not the speaker


def test_narration_is_split_into_sentences() -> None:
    result = attribute_prose("雨下了一整夜。风很大！林晚没有睡。")
    assert [ln.text for ln in result.lines] == ["雨下了一整夜。", "风很大！", "林晚没有睡。"]


def test_prose_or_script() -> None:
    assert looks_like_prose(sample("chapter_zh")[0])
    assert looks_like_prose(sample("chapter_en")[0])
    assert not looks_like_prose("林晚：你来了。\n顾沉：嗯。\n林晚（笑）：坐吧。\n")
    assert not looks_like_prose("Lin Wan: You came.\nGu Chen: I did.\n")


def test_a_chapter_file_imports_through_attribution(tmp_path: Path) -> None:
    path = tmp_path / "chapter3.txt"
    path.write_text(sample("chapter_zh")[0], encoding="utf-8")
    draft = read_script(path)
    assert draft.title == "雨夜来客" and draft.episode_number == 3
    assert set(draft.roles) == {"旁白", "林晚", "顾沉", "老陈", "苏蔓", "念念"}
    assert read_prose(path).title.startswith("第三章")


def test_gb18030_chapter_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_bytes("林晚看着顾沉。\n\n“你来了。”林晚说。\n\n“嗯。”顾沉说。".encode("gb18030"))
    assert read_prose(path).quote_speakers == ["林晚", "顾沉"]
