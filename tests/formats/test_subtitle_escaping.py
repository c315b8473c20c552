"""Text that would break a cue is escaped in every subtitle format: "-->" and empty lines in SRT and
WebVTT, ``& < >`` in WebVTT, braces and backslashes in ASS (override tags), commas in an ASS name field,
lone surrogates and control characters everywhere; each file reads back as the cues it was given."""

from __future__ import annotations

import json
from pathlib import Path

import pysubs2
import srt
import webvtt

from studio.formats.subtitles import Cue, ass_text, json_text, srt_text, vtt_text, write_subtitles

NASTY = [Cue(0, 1000, "He wrote a --> b", "Lin"),
         Cue(1000, 2000, "first\n\nsecond", "Chen, the elder"),
         Cue(2000, 3000, "00:00:05,000 --> 00:00:09,000", None),
         Cue(3000, 4000, "{\\b1}bold?{\\b0} and \\N not a break <i>&amp;</i>", "Lin"),
         Cue(4000, 5000, "broken \ud800 half and a bell\x07", "Lin\nLeft")]


def test_srt_keeps_one_cue_per_line_whatever_the_text() -> None:
    subs = list(srt.parse(srt_text(NASTY)))
    assert [(s.start.total_seconds(), s.end.total_seconds()) for s in subs] == [(c.start_ms / 1000, c.end_ms / 1000)
                                                                              for c in NASTY]
    assert subs[0].content == "He wrote a → b"
    assert subs[1].content == "first\nsecond"
    assert "-->" not in subs[2].content
    assert subs[4].content == "broken \ufffd half and a bell"


def test_webvtt_escapes_what_the_format_reserves() -> None:
    text = vtt_text(NASTY)
    captions = webvtt.from_string(text).captions
    assert len(captions) == len(NASTY)
    assert "-->" not in "".join(c.raw_text for c in captions)
    assert captions[0].raw_text == "He wrote a --&gt; b"
    assert captions[3].raw_text.endswith("&lt;i&gt;&amp;amp;&lt;/i&gt;")


def test_ass_shows_braces_and_backslashes_as_text_and_keeps_names_in_their_field() -> None:
    subs = pysubs2.SSAFile.from_string(ass_text(NASTY))
    assert len(subs.events) == len(NASTY)
    assert [e.start for e in subs.events] == [c.start_ms for c in NASTY]
    assert subs.events[1].name == "Chen the elder" and subs.events[1].text == "first\\Nsecond"
    tagged = subs.events[3]
    assert "{" not in tagged.text and "\\b" not in tagged.text and "\\N" not in tagged.text
    assert tagged.plaintext.startswith("（＼b1）bold?")
    assert subs.events[4].name == "Lin Left"


def test_json_and_files_hold_any_text(tmp_path: Path) -> None:
    items = json.loads(json_text(NASTY))
    assert items[4]["text"] == "broken \ufffd half and a bell" and items[4]["role"] == "Lin\nLeft"
    for kind in ("srt", "vtt", "ass", "json"):
        path = write_subtitles(kind, NASTY, tmp_path / f"x.{kind}")
        path.read_bytes().decode("utf-8")  # a lone surrogate would have failed the write
