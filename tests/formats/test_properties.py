"""Property tests (hypothesis): every importer takes any input to a draft or a sentence (never another
exception), the subtitle writers keep one cue per cue whatever the text, and the project loader meets a
damaged file with a ``ProjectError``. The suite tries 1,000 examples each (about half a minute in all);
``TROUPE_HYPOTHESIS=deep`` tries 10,000 for a long run."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pysubs2
import srt
import webvtt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from studio.formats.script_import import (
    ScriptDraft,
    ScriptImportError,
    decode_script,
    parse_text,
    read_script,
)
from studio.formats.subtitles import Cue, ass_text, clean_text, json_text, srt_text, vtt_text

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="troupe-hypothesis-"))  # nothing left in the tree
settings.register_profile("suite", max_examples=1000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=10000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("TROUPE_HYPOTHESIS", "suite"))

#: Script-like text: role names, colons (both widths), brackets, quotes, newlines, CJK, any character.
SCRIPTY = st.text(alphabet=st.one_of(st.sampled_from(list("林晚陈伯：:，。！？()（）[]【】\"“”'\n\t ,;|#*-")),
                                     st.characters()), max_size=400)


def _draft_or_sentence(make) -> None:
    try:
        draft = make()
    except ScriptImportError as exc:
        assert str(exc).strip()
        return
    assert isinstance(draft, ScriptDraft)
    assert all(ln.text.strip() for ln in draft.lines)


@given(SCRIPTY)
def test_pasted_text_is_a_draft_or_a_sentence(text: str) -> None:
    _draft_or_sentence(lambda: parse_text(text, source_name="pasted"))


@given(st.builds(lambda rows: "role,text,emotion,speed\n" + "\n".join(",".join(r) for r in rows),
                 st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=5), max_size=20)))
def test_csv_text_is_a_draft_or_a_sentence(text: str) -> None:
    _draft_or_sentence(lambda: parse_text(text, source_name="x.csv"))


JSONISH = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                                 st.text(max_size=20)),
                       lambda kids: st.one_of(st.lists(kids, max_size=5),
                                              st.dictionaries(st.sampled_from(
                                                  ["text", "role", "role_voice", "voice_id", "time_begin",
                                                   "emotion", "speed", "lines", "title", "x"]), kids, max_size=5)),
                       max_leaves=30)


@given(JSONISH)
def test_json_scripts_are_a_draft_or_a_sentence(value: object) -> None:
    _draft_or_sentence(lambda: parse_text(json.dumps(value, ensure_ascii=False), source_name="x.json"))


@given(st.binary(max_size=600), st.sampled_from([".txt", ".csv", ".tsv", ".json", ".fountain", ".xlsx", ".docx"]))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_bytes_in_a_script_file_are_a_draft_or_a_sentence(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"s{suffix}"
        path.write_bytes(data)
        _draft_or_sentence(lambda: read_script(path))


@given(st.text(max_size=300), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_text_saved_in_a_known_encoding_reads_back_or_is_refused(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    if not data:
        return
    try:
        back, _used = decode_script(data, "x.txt")
    except ScriptImportError:
        return
    if encoding != "gb18030":  # GB18030 bytes may also be valid UTF-8 or Big5 (then read as those)
        assert back == text.lstrip("\ufeff")


CUES = st.lists(st.builds(lambda start, length, text, role: Cue(start, start + length, text, role),
                          st.integers(0, 10_000_000), st.integers(10, 60_000),
                          st.text(max_size=80).filter(lambda t: clean_text(t).strip()),
                          st.one_of(st.none(), st.text(max_size=12))), max_size=12)


def _ordered(cues: list[Cue]) -> list[Cue]:
    return sorted(cues, key=lambda c: c.start_ms)


@given(CUES)
def test_srt_keeps_every_cue_and_its_times(cues: list[Cue]) -> None:
    cues = [c for c in _ordered(cues) if any(line.strip() for line in clean_text(c.text).split("\n"))]
    parsed = list(srt.parse(srt_text(cues)))
    assert [(int(s.start.total_seconds() * 1000 + 0.5), int(s.end.total_seconds() * 1000 + 0.5))
            for s in parsed] == [(c.start_ms, c.end_ms) for c in cues]


@given(CUES)
def test_webvtt_keeps_every_cue(cues: list[Cue]) -> None:
    cues = [c for c in _ordered(cues) if any(line.strip() for line in clean_text(c.text).split("\n"))]
    text = vtt_text(cues)
    assert len(webvtt.from_string(text).captions) == len(cues)


@given(CUES)
def test_ass_keeps_every_cue_with_its_name(cues: list[Cue]) -> None:
    subs = pysubs2.SSAFile.from_string(ass_text(cues))
    assert len(subs.events) == len(cues)
    assert all(abs(e.start - c.start_ms) <= 5 for e, c in zip(subs.events, cues, strict=True))  # centiseconds
    assert all("{" not in e.text for e in subs.events)


@given(CUES)
def test_json_keeps_every_cue_exactly(cues: list[Cue]) -> None:
    items = json.loads(json_text(cues))
    assert [(i["time_begin"], i["time_end"], i["text"]) for i in items] == [
        (c.start_ms, c.end_ms, clean_text(c.text)) for c in cues]
    json_text(cues).encode("utf-8")  # always writable
