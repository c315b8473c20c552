"""Asking a chat model for JSON that fits a schema: repaired, validated, retried a bounded number of times.

``JsonAsk(client, json_schema=...)`` sends a conversation with the schema in the system prompt (and as
``response_format: {"type": "json_schema", ...}`` where the endpoint has structured output; a server that
refuses ``response_format`` is asked again without it, once, and the fallback is remembered). Each answer
goes through ``jsonio.parse_answer`` (code fences, trailing commas ...), then the schema, then the task's
own ``check`` (ids that must all come back, roles that must exist ...). An answer with problems is shown
its problems and asked again, at most ``attempts`` times in all; then ``WritingError`` says what stayed
wrong. A result is returned whole or not at all: nothing partial ever leaves ``ask``.

``stream`` does the same over a streamed answer and yields events as it goes: ``Partial`` for each object
of the task's array as soon as it is complete (a preview), ``Retrying`` when an answer had to be
dropped (a cut stream, invalid JSON: the preview so far is void), and finally ``Finished`` with the
validated whole. Network errors the client cannot retry, a refused key and the like end it with
``WritingError`` carrying the client's sentence.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Any

from studio.engines.llm import ChatClient, Message
from studio.engines.speech import EngineError
from studio.writing.errors import WritingError
from studio.writing.jsonio import AnswerError, ItemStream, parse_answer, schema_problems

log = logging.getLogger("studio.writing")

#: How many answers a request may take before it gives up.
DEFAULT_ATTEMPTS = 3


@dataclass(frozen=True)
class JsonTask:
    """What to ask for: a schema (an object schema), its name (``\\w{1,64}``), an optional check of the
    parsed value returning problems as sentences, and the array whose items ``stream`` previews."""

    name: str
    schema: dict[str, Any]
    check: Callable[[Any], list[str]] | None = None
    item_key: str = "lines"
    what: str = "The chat model's answer"
    normalize: Callable[[Any], Any] | None = None  # applied to the parsed value before the schema


@dataclass(frozen=True)
class Partial:
    """One item of the answer's array, complete (``index`` is its place in the array)."""

    index: int
    value: dict[str, Any]


@dataclass(frozen=True)
class Retrying:
    """The answer so far was dropped and the model is asked again; previews so far are void."""

    attempt: int  # the attempt about to start (2, 3, ...)
    reason: str


@dataclass(frozen=True)
class Finished:
    value: Any


StreamEvent = Partial | Retrying | Finished


def json_instructions(schema: dict[str, Any]) -> str:
    return ("Answer with exactly one JSON object and nothing else (no Markdown, no commentary), valid "
            "against this JSON schema:\n" + json.dumps(schema, ensure_ascii=False, separators=(",", ":")))


def _refuses_format(err: EngineError) -> bool:
    said = f"{getattr(err, 'status_msg', '')} {err.message}".lower()
    status = getattr(err, "http_status", None)
    return status in (400, 404, 415, 422) and ("response_format" in said or "json_schema" in said
                                              or "structured" in said)


@dataclass
class JsonAsk:
    client: ChatClient
    json_schema: bool = True
    attempts: int = DEFAULT_ATTEMPTS
    temperature: float | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def _body(self, task: JsonTask) -> dict[str, Any]:
        body = dict(self.params)
        if self.temperature is not None:
            body["temperature"] = self.temperature
        if self.json_schema:
            body["response_format"] = {"type": "json_schema",
                                       "json_schema": {"name": task.name, "schema": task.schema, "strict": False}}
        return body

    def _messages(self, messages: Sequence[Message], task: JsonTask) -> list[dict[str, Any]]:
        out = [dict(m) for m in messages]
        rule = json_instructions(task.schema)
        if out and out[0].get("role") == "system":
            out[0]["content"] = f"{out[0]['content']}\n\n{rule}"
        else:
            out.insert(0, {"role": "system", "content": rule})
        return out

    def problems(self, text: str, task: JsonTask) -> tuple[Any, list[str]]:
        """The parsed value and what is wrong with it (empty: usable)."""
        try:
            value = parse_answer(text)
        except AnswerError as exc:
            return None, [str(exc)]
        if task.normalize is not None:
            value = task.normalize(value)
        found = schema_problems(value, task.schema)
        if not found and task.check is not None:
            found = task.check(value)
        return value, found

    @staticmethod
    def _correction(text: str, problems: list[str]) -> list[dict[str, Any]]:
        shown = text if len(text) <= 6000 else text[:6000] + " ..."
        return [{"role": "assistant", "content": shown},
                {"role": "user", "content": "That answer cannot be used: " + " ".join(problems)
                 + " Answer again with the complete JSON object only."}]

    def _give_up(self, task: JsonTask, problems: list[str]) -> WritingError:
        tries = f"{self.attempts} tr{'y' if self.attempts == 1 else 'ies'}"
        first = problems[0] if problems else "it was not usable"
        return WritingError(f"{task.what} was not usable after {tries} ({first}); nothing was changed. "
                            "Try again, or try another model.", problems=problems)

    async def _call(self, convo: list[dict[str, Any]], task: JsonTask) -> str:
        try:
            return (await self.client.complete(convo, **self._body(task))).content
        except EngineError as err:
            if self.json_schema and _refuses_format(err):
                log.info("The chat server refused response_format; asking for plain JSON.")
                self.json_schema = False
                return (await self.client.complete(convo, **self._body(task))).content
            raise

    async def ask(self, messages: Sequence[Message], task: JsonTask) -> Any:
        """The validated value, or ``WritingError``."""
        convo = self._messages(messages, task)
        problems: list[str] = []
        for attempt in range(1, self.attempts + 1):
            try:
                text = await self._call(convo, task)
            except EngineError as err:
                if not err.retryable:
                    raise WritingError(str(err)) from err
                problems = [str(err)]
                log.warning("Chat answer %d failed: %s", attempt, err)
                continue
            value, problems = self.problems(text, task)
            if not problems:
                return value
            log.warning("Chat answer %d unusable: %s", attempt, "; ".join(problems))
            convo = [*self._messages(messages, task), *self._correction(text, problems)]
        raise self._give_up(task, problems)

    async def stream(self, messages: Sequence[Message], task: JsonTask) -> AsyncIterator[StreamEvent]:
        """Events of a streamed answer, ending with ``Finished`` (or ``WritingError``)."""
        convo = self._messages(messages, task)
        problems: list[str] = []
        for attempt in range(1, self.attempts + 1):
            if attempt > 1:
                yield Retrying(attempt, problems[0] if problems else "")
            items = ItemStream(task.item_key)
            try:
                async with aclosing(self._stream_text(convo, task)) as pieces:
                    async for piece in pieces:
                        for item in items.feed(piece):
                            yield Partial(item.index, item.value)
            except EngineError as err:
                if not err.retryable:
                    raise WritingError(str(err)) from err
                problems = [str(err)]
                log.warning("Chat stream %d failed: %s", attempt, err)
                convo = self._messages(messages, task)
                continue
            value, problems = self.problems(items.text, task)
            if not problems:
                yield Finished(value)
                return
            log.warning("Chat answer %d unusable: %s", attempt, "; ".join(problems))
            convo = [*self._messages(messages, task), *self._correction(items.text, problems)]
        raise self._give_up(task, problems)

    async def _stream_text(self, convo: list[dict[str, Any]], task: JsonTask) -> AsyncIterator[str]:
        started = False
        try:
            async with aclosing(self.client.stream(convo, **self._body(task))) as pieces:
                async for piece in pieces:
                    started = True
                    yield piece
        except EngineError as err:
            if started or not (self.json_schema and _refuses_format(err)):
                raise
            self.json_schema = False
            async with aclosing(self.client.stream(convo, **self._body(task))) as pieces:
                async for piece in pieces:
                    yield piece


__all__ = ["DEFAULT_ATTEMPTS", "Finished", "JsonAsk", "JsonTask", "Partial", "Retrying", "StreamEvent",
           "json_instructions"]
