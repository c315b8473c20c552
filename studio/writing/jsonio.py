"""JSON from a chat model: repair, validation against a JSON schema, and objects read from a stream.

``parse_answer`` takes the model's visible text and returns the JSON value in it, repairing what models
commonly get wrong (a Markdown code fence, words before or after the value, trailing commas, ``//`` and
``/* */`` comments, Python's ``True``/``False``/``None``) and nothing more: a value cut short is *not*
closed up, so a half answer can never pass for a whole one. ``schema_problems`` lists what breaks a
JSON schema (Draft 2020-12, via ``jsonschema``) as short sentences a model can be shown to correct
itself. ``ItemStream`` is fed the pieces of a streamed answer and hands out each object of a named array
(``"lines": [...]``) as soon as its closing brace arrives, so a window can show a growing preview; the
whole answer is still validated at the end.

Pure text work: no I/O, no client, no Qt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema

__all__ = ["AnswerError", "ItemStream", "parse_answer", "repair_json", "schema_problems"]


class AnswerError(ValueError):
    """The text holds no usable JSON value; ``str()`` says why (short, for the model to read)."""


_FENCE = re.compile(r"```[ \t]*(?:json|JSON|javascript)?[ \t]*\n?(.*?)(?:\n[ \t]*```|$)", re.DOTALL)
_WORD_FIXES = {"True": "true", "False": "false", "None": "null"}


def _strip_fence(text: str) -> str:
    m = _FENCE.search(text)
    return m.group(1) if m else text


def _value_span(text: str) -> str:
    """The text from the first ``{`` or ``[`` to its matching closer (strings respected); the rest of the
    text if the value never closes."""
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
    if start < 0:
        raise AnswerError("The answer holds no JSON object.")
    depth = 0
    in_string = escaped = False
    for i in range(start, len(text)):
        c = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return text[start:i + 1]
    return text[start:]


def repair_json(text: str) -> str:
    """``text`` with comments, trailing commas and Python literals outside strings fixed."""
    out: list[str] = []
    i, n = 0, len(text)
    in_string = escaped = False
    while i < n:
        c = text[i]
        if in_string:
            out.append(c)
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
            elif c == "\n":  # a raw newline inside a string: JSON wants it escaped
                out[-1] = "\\n"
            i += 1
            continue
        if c == '"':
            in_string = True
            out.append(c)
            i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        if c == ",":
            j = i + 1
            while j < n and text[j] in " \t\r\n":
                j += 1
            if j < n and text[j] in "}]":
                i += 1
                continue
        if c.isalpha():
            j = i
            while j < n and text[j].isalpha():
                j += 1
            word = text[i:j]
            out.append(_WORD_FIXES.get(word, word))
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def parse_answer(text: str) -> Any:
    """The JSON value in a model's answer, repaired where that is safe; ``AnswerError`` otherwise."""
    if not text.strip():
        raise AnswerError("The answer was empty.")
    body = _value_span(_strip_fence(text).strip())
    try:
        return json.loads(body)
    except json.JSONDecodeError:
        pass
    try:
        return json.loads(repair_json(body))
    except json.JSONDecodeError as exc:
        raise AnswerError(f"The answer is not valid JSON ({exc.msg} at character {exc.pos}).") from None


def _where(path: Any) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path]
    return "".join(parts).lstrip(".") or "the answer"


def schema_problems(value: Any, schema: dict[str, Any], *, limit: int = 8) -> list[str]:
    """What in ``value`` breaks ``schema``, as short sentences (empty when it is valid)."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
    problems = []
    for err in errors[:limit]:
        message = err.message if len(err.message) <= 160 else err.message[:157] + "..."
        problems.append(f"{_where(err.absolute_path)}: {message}")
    if len(errors) > limit:
        problems.append(f"...and {len(errors) - limit} more.")
    return problems


@dataclass(frozen=True)
class StreamItem:
    """One complete object of the watched array: its position there and its value."""

    index: int
    value: dict[str, Any]


class ItemStream:
    """Feed it the pieces of a streamed JSON answer; it yields each object of the array called ``key``
    (at any depth) once that object is complete. Text before the first ``{`` (a code fence, a sentence)
    is skipped. Objects that do not parse are skipped here; the final validation of the whole answer
    reports them."""

    def __init__(self, key: str = "lines") -> None:
        self.key = key
        self._started = False
        self._stack: list[list[Any]] = []  # [kind "{" or "[", index in an array, start offset, key]
        self._buf: list[str] = []
        self._pos = 0
        self._in_string = self._escaped = False
        self._string_start = 0
        self._last_string = ""
        self._expect_key = False
        self._pending_key: str | None = None
        self.count = 0

    def feed(self, piece: str) -> Iterator[StreamItem]:
        for c in piece:
            self._buf.append(c)
            at = self._pos
            self._pos += 1
            if not self._started:
                if c != "{" and c != "[":
                    continue
                self._started = True
            if self._in_string:
                if self._escaped:
                    self._escaped = False
                elif c == "\\":
                    self._escaped = True
                elif c == '"':
                    self._in_string = False
                    self._last_string = "".join(self._buf[self._string_start + 1:at])
                continue
            if c == '"':
                self._in_string = True
                self._string_start = at
            elif c == ":":
                if self._stack and self._stack[-1][0] == "{":
                    self._pending_key = self._last_string
            elif c == ",":
                if self._stack and self._stack[-1][0] == "[":
                    self._stack[-1][1] += 1
                self._pending_key = None
            elif c in "{[":
                parent_key = self._pending_key
                self._stack.append([c, 0 if c == "[" else None, at, parent_key])
                self._pending_key = None
            elif c in "}]":
                if not self._stack:
                    continue
                kind, _, start, _ = self._stack.pop()
                if kind == "{" and self._stack and self._stack[-1][0] == "[" and self._stack[-1][3] == self.key:
                    text = "".join(self._buf[start:at + 1])
                    try:
                        value = json.loads(repair_json(text))
                    except json.JSONDecodeError:
                        continue
                    if isinstance(value, dict):
                        self.count += 1
                        yield StreamItem(self._stack[-1][1], value)

    @property
    def text(self) -> str:
        return "".join(self._buf)
