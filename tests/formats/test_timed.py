"""Timed scripts: SRT, ASS and WebVTT read as lines locked to their cues, speakers from prefixes, the ASS
Name field, WebVTT voices and dialogue dashes; sounds kept as notes; bad files refused with a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.formats.script_import import ScriptImportError, read_script
from studio.formats.timed import parse_timed, read_timed

SRT = """1
00:00:01,000 --> 00:00:02,500
林晚：你来了。

2
00:00:03,000 --> 00:00:05,000
- 我等了很久。
- 对不起。

3
00:00:05,500 --> 00:00:06,000
[音乐]

4
00:00:06,200 --> 00:00:08,000
陆沉：（低声）走吧。
"""

VTT = """WEBVTT

00:00:01.000 --> 00:00:02.000
<v Lin Wan>You came.</v>

00:00:02.500 --> 00:00:04.000
<v Chen>I waited
for a long time.

00:00:04.500 --> 00:00:06.250
Who sent you?
"""

ASS = r"""[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:02.00,Default,林晚,0,0,0,,你来了。
Comment: 0,0:00:02.10,0:00:02.40,Default,,0,0,0,,不要念这一句
Dialogue: 0,0:00:02.50,0:00:04.00,Default,陈伯,0,0,0,,{\i1}我等了很久{\i0}\N真的。
"""


def cues(draft) -> list[tuple[str, str, int | None, int | None]]:
    return [(ln.role, ln.text, ln.cue_start_ms, ln.cue_end_ms) for ln in draft.lines]


def test_srt_cues_become_lines_locked_to_their_times_with_speakers_from_prefixes_and_dashes() -> None:
    draft = parse_timed(SRT, "srt", source_name="ep.srt")
    assert draft.language == "zh"
    got = cues(draft)
    assert got[0] == ("林晚", "你来了。", 1000, 2500)
    # a cue of two dashed lines: two speakers sharing the cue's time in proportion to their length
    (r1, t1, s1, e1), (r2, t2, s2, e2) = got[1], got[2]
    assert (t1, t2) == ("我等了很久。", "对不起。")
    assert r1 != r2 and "林晚" in (r1, r2)
    assert s1 == 3000 and e1 == s2 and e2 == 5000
    assert e1 - s1 > e2 - s2  # the longer text has the longer share
    # the sound-only cue is not spoken: it is the next line's note
    assert got[3][:2] == ("陆沉", "走吧。") and got[3][2:] == (6200, 8000)
    assert "音乐" in draft.lines[3].note
    assert draft.lines[3].delivery.emotion == "whisper"
    assert len(draft.lines) == 4


def test_vtt_voices_name_the_speakers_and_an_unnamed_cue_goes_on_with_the_last_one() -> None:
    draft = parse_timed(VTT, "vtt")
    assert draft.language == "en"
    assert cues(draft) == [("Lin Wan", "You came.", 1000, 2000), ("Chen", "I waited for a long time.", 2500, 4000),
                           ("Chen", "Who sent you?", 4500, 6250)]


def test_ass_names_speak_comments_are_left_out_and_tags_are_stripped() -> None:
    draft = parse_timed(ASS, "ass")
    assert cues(draft) == [("林晚", "你来了。", 1000, 2000), ("陈伯", "我等了很久真的。", 2500, 4000)]


def test_read_script_reads_subtitle_files_as_timed_scripts(tmp_path: Path) -> None:
    for name, text in (("a.srt", SRT), ("b.vtt", VTT), ("c.ass", ASS)):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        draft = read_script(p)
        assert draft.lines and all(ln.cue_start_ms is not None and ln.cue_end_ms is not None for ln in draft.lines)
        assert cues(draft) == cues(read_timed(p))


def test_cues_out_of_order_are_read_in_time_order() -> None:
    text = "2\n00:00:05,000 --> 00:00:06,000\nB: second\n\n1\n00:00:01,000 --> 00:00:02,000\nA: first\n"
    assert [ln.text for ln in parse_timed(text, "srt").lines] == ["first", "second"]


@pytest.mark.parametrize("content, words", [
    ("", "is empty"),
    ("1\n00:00:01,000 --> 00:00:02,000\n[音乐]\n", "only sounds and directions"),
    ("WEBVTT\n\nNOTE only a note\n", "no subtitles to import"),
])
def test_a_subtitle_file_without_cues_is_refused_with_a_sentence(tmp_path: Path, content: str, words: str) -> None:
    p = tmp_path / ("x.vtt" if content.startswith("WEBVTT") else "x.srt")
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ScriptImportError) as err:
        read_script(p)
    assert words in str(err.value)
    assert "Traceback" not in str(err.value)


def test_a_missing_subtitle_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ScriptImportError, match="does not exist"):
        read_timed(tmp_path / "nothing.srt")
