"""Fountain screenplays: cues, dialogue, parentheticals as emotions or notes, action as narration."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.formats.fountain import looks_like_fountain, parse_fountain
from studio.formats.script_import import ScriptImportError, parse_text, read_script

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "screenplay.fountain"


def test_sample_screenplay_imports_with_its_roles_and_line_count() -> None:
    draft = read_script(SAMPLE)
    assert draft.title == "The Key"
    assert draft.roles == ["Narrator", "Lin Wan", "Gu Chen", "Old Chen"]
    assert len(draft.lines) == 17
    assert sum(ln.role == "Narrator" for ln in draft.lines) == 6
    assert [ln.role for ln in draft.lines if ln.role != "Narrator"].count("Gu Chen") == 5


def test_parentheticals_become_emotions_or_notes() -> None:
    lines = read_script(SAMPLE).lines
    whisper = next(ln for ln in lines if ln.text == "Who's there?")
    assert whisper.delivery.emotion == "whisper" and whisper.note == ""
    angry = next(ln for ln in lines if ln.text.startswith("They're watching"))
    assert angry.delivery.emotion == "angry"
    mixed = next(ln for ln in lines if ln.text.startswith("If you lie"))
    assert (mixed.delivery.emotion, mixed.note) == ("whisper", "to Gu Chen")


def test_parenthetical_inside_a_block_starts_a_new_line_of_the_same_role() -> None:
    lines = read_script(SAMPLE).lines
    i = next(i for i, ln in enumerate(lines) if ln.text == "You're supposed to be dead.")
    assert (lines[i + 1].role, lines[i + 1].text, lines[i + 1].note) == ("Lin Wan", "Three years, Gu Chen. Not a "
                                                                         "single word.", "beat")


def test_scene_headings_transitions_and_notes_are_notes_never_spoken() -> None:
    lines = read_script(SAMPLE).lines
    assert lines[0].note == "INT. LIN WAN'S APARTMENT - NIGHT" and lines[0].role == "Narrator"
    assert not any("INT." in ln.text or "CUT TO" in ln.text or "[[" in ln.text for ln in lines)
    street = next(ln for ln in lines if ln.text.startswith("A black car"))
    assert street.note == "CUT TO:; EXT. STREET - CONTINUOUS"
    assert "Keep this beat long in the mix." in next(ln for ln in lines if ln.text.startswith("I couldn't")).note
    assert lines[-1].note == "FADE OUT."


def test_voice_over_extension_is_noted_and_removed_from_the_name() -> None:
    line = next(ln for ln in read_script(SAMPLE).lines if ln.text == "It's me. Open the door.")
    assert (line.role, line.note) == ("Gu Chen", "O.S.")


def test_chinese_cues_are_forced_with_at() -> None:
    text = ("Title: 第二集：钥匙\n\nINT. 公寓 - 夜\n\n雨夜。林晚独自坐着。\n\n@林晚\n（低声）\n谁？\n\n"
            "@顾沉\n是我。\n开门。\n\n/* 删掉的一场 */\n\n@林晚\n（笑，转身）\n你回来了。\n")
    draft = parse_text(text, source_name="ep2.txt")
    assert draft.title == "钥匙" and draft.episode_number == 2
    assert [(ln.role, ln.text) for ln in draft.lines] == [("旁白", "雨夜。林晚独自坐着。"), ("林晚", "谁？"),
                                                         ("顾沉", "是我。开门。"), ("林晚", "你回来了。")]
    assert draft.lines[1].delivery.emotion == "whisper"
    assert (draft.lines[3].delivery.emotion, draft.lines[3].note) == ("happy", "转身")


def test_emphasis_boneyard_and_forced_elements() -> None:
    text = ("EXT. ROOF - DAY\n\n!THE WIND howls.\n\nMAYA ^\nI *told* you **never** to _come_ here.\n\n"
            ">THE END<\n")
    draft = parse_fountain(text)
    assert [(ln.role, ln.text) for ln in draft.lines] == [("Narrator", "THE WIND howls."),
                                                         ("Maya", "I told you never to come here."),
                                                         ("Narrator", "THE END")]


def test_fountain_is_recognised_and_empty_screenplays_refused() -> None:
    assert looks_like_fountain(SAMPLE.read_text(encoding="utf-8"))
    assert not looks_like_fountain("林晚：你来了。\n顾沉：嗯。\n")
    with pytest.raises(ScriptImportError, match="no dialogue or action"):
        parse_fountain("Title: Nothing\n\n[[just a note]]\n")
