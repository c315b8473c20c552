"""A chat model's JSON: what is repaired, what is never closed up, and objects read from a stream."""

from __future__ import annotations

import pytest

from studio.writing.jsonio import AnswerError, ItemStream, parse_answer, schema_problems


def test_fences_prose_trailing_commas_comments_and_python_literals_are_repaired() -> None:
    text = 'Sure!\n```json\n{"a": [1, 2,], // two\n "b": True, "c": None, /* x */ "d": "http://x//y"}\n```\nDone.'
    assert parse_answer(text) == {"a": [1, 2], "b": True, "c": None, "d": "http://x//y"}


def test_a_raw_newline_inside_a_string_is_escaped() -> None:
    assert parse_answer('{"t": "line one\nline two"}') == {"t": "line one\nline two"}


@pytest.mark.parametrize("text", ['{"lines": [{"role": "A", "text": "hi"}', "", "no json here", '{"a": tru'])
def test_a_value_cut_short_is_never_closed_up(text: str) -> None:
    with pytest.raises(AnswerError):
        parse_answer(text)


def test_schema_problems_name_the_place() -> None:
    schema = {"type": "object", "required": ["lines"],
              "properties": {"lines": {"type": "array", "items": {"type": "object", "required": ["text"]}}}}
    assert schema_problems({"lines": [{}]}, schema) == ["lines[0]: 'text' is a required property"]
    assert schema_problems({"lines": []}, schema) == []


def test_item_stream_hands_out_each_object_once_it_is_complete() -> None:
    text = '```json\n{"title": "a {b}", "lines": [{"role": "A", "text": "x \\" }"}, {"role": "B", "text": "y",'
    stream = ItemStream("lines")
    seen = []
    for i in range(0, len(text), 3):
        seen.extend(stream.feed(text[i:i + 3]))
    assert [(s.index, s.value) for s in seen] == [(0, {"role": "A", "text": 'x " }'})]
    seen = list(stream.feed(' "note": [1]}]}'))
    assert [(s.index, s.value["role"]) for s in seen] == [(1, "B")]
    assert parse_answer(stream.text)["lines"][1]["note"] == [1]


def test_item_stream_ignores_objects_of_other_arrays() -> None:
    stream = ItemStream("lines")
    items = list(stream.feed('{"new_roles": [{"name": "X"}], "lines": [{"role": "X", "text": "t"}]}'))
    assert [s.value for s in items] == [{"role": "X", "text": "t"}]
