"""OpenAI-compatible chat: MiniMax text models or any local server speaking ``/v1/chat/completions``.

``ChatClient`` sends chat requests (plain or streamed as server-sent events), strips ``<think>…</think>``
reasoning from the visible text by default (keeping it on the result), never appends a final repeated
full message to streamed deltas, and tolerates ``data: [DONE]``. Errors become the same typed
``EngineError``s as the speech engine: a server other than MiniMax is named "the chat server" and its own
error message is kept (``status_msg``), so a caller can tell, say, a refused ``response_format`` from a
bad key. A stream that ends before the answer is complete (no ``finish_reason``, no ``[DONE]``, no final
message) raises ``MalformedResponseError`` with code ``"cut-stream"`` instead of passing for a short answer.
Prompting for scripts, translation or role attribution lives in ``studio/writing``, not here.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import AsyncGenerator, AsyncIterator, Mapping, Sequence
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Any, cast

import httpx

from studio.engines.minimax.client import RetryPolicy
from studio.engines.minimax.config import Secret, load_api_key
from studio.engines.minimax.errors import (
    AuthError,
    MalformedResponseError,
    MiniMaxError,
    RateLimitError,
    ServiceError,
    check_base_resp,
    error_for_http,
)

log = logging.getLogger("studio.engines.llm")

DEFAULT_CHAT_MODEL = "MiniMax-M2.7"
DEFAULT_BASE_URL = "https://api.minimax.io"
_THINK_RE = re.compile(r"<think>.*?</think>\s*", re.DOTALL)
_MINIMAX_CODE = re.compile(r'"status_code"\s*:\s*[1-9]|\((?:1|2)\d{3}\)')

Message = Mapping[str, Any]


def chat_url(base_url: str) -> str:
    """``{base}/v1/chat/completions`` whether or not the base already ends in ``/v1``."""
    base = base_url.rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    if base.endswith("/v1"):
        return f"{base}/chat/completions"
    return f"{base}/v1/chat/completions"


def strip_think(text: str) -> tuple[str, str]:
    """(visible text, reasoning) with every ``<think>…</think>`` block removed from the visible part."""
    reasoning = "".join(m.group(0) for m in _THINK_RE.finditer(text))
    visible = _THINK_RE.sub("", text)
    if "<think>" in visible:  # an unclosed block: everything after it is reasoning
        visible, rest = visible.split("<think>", 1)
        reasoning += rest
    reasoning = reasoning.replace("<think>", "").replace("</think>", "").strip()
    return visible.strip(), reasoning


class ThinkFilter:
    """Removes ``<think>…</think>`` from a text that arrives in pieces (tags may be split)."""

    OPEN, CLOSE = "<think>", "</think>"

    def __init__(self) -> None:
        self._buf = ""
        self._inside = False
        self._trim = False
        self.reasoning: list[str] = []

    @staticmethod
    def _partial(text: str, tag: str) -> int:
        for k in range(min(len(tag) - 1, len(text)), 0, -1):
            if text.endswith(tag[:k]):
                return k
        return 0

    def feed(self, piece: str) -> str:
        self._buf += piece
        out: list[str] = []
        while True:
            if self._inside:
                i = self._buf.find(self.CLOSE)
                if i < 0:
                    keep = self._partial(self._buf, self.CLOSE)
                    self.reasoning.append(self._buf[: len(self._buf) - keep])
                    self._buf = self._buf[len(self._buf) - keep:]
                    break
                self.reasoning.append(self._buf[:i])
                self._buf = self._buf[i + len(self.CLOSE):]
                self._inside, self._trim = False, True
            else:
                i = self._buf.find(self.OPEN)
                if i < 0:
                    keep = self._partial(self._buf, self.OPEN)
                    out.append(self._buf[: len(self._buf) - keep])
                    self._buf = self._buf[len(self._buf) - keep:]
                    break
                out.append(self._buf[:i])
                self._buf = self._buf[i + len(self.OPEN):]
                self._inside = True
        text = "".join(out)
        if self._trim:
            text = text.lstrip()
            if text:
                self._trim = False
        return text

    def flush(self) -> str:
        rest, self._buf = self._buf, ""
        if self._inside:
            self.reasoning.append(rest)
            return ""
        return rest.lstrip() if self._trim else rest


@dataclass
class ChatResult:
    content: str
    reasoning: str = ""
    finish_reason: str | None = None
    usage: dict[str, Any] = field(default_factory=dict)
    model: str = ""


class ChatClient:
    """Chat completions against any OpenAI-compatible base URL (MiniMax by default)."""

    def __init__(self, base_url: str = DEFAULT_BASE_URL, api_key: str | Secret | None = None,
                 model: str = DEFAULT_CHAT_MODEL, *, client: httpx.AsyncClient | None = None,
                 timeout: float = 120.0, strip_thinking: bool = True, retry: RetryPolicy | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.url = chat_url(base_url)
        self.model = model
        self.strip_thinking = strip_thinking
        self.retry = retry or RetryPolicy(max_attempts=4)
        if api_key is None and "minimax" in self.base_url:
            api_key = load_api_key()
        self._key = api_key if isinstance(api_key, Secret) or api_key is None else Secret(api_key)
        self._owns_client = client is None
        self._http = client or httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=10.0))

    def __repr__(self) -> str:
        return f"ChatClient(url={self.url!r}, model={self.model!r})"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._key.reveal()}"} if self._key else {}

    def _body(self, messages: Sequence[Message], stream: bool, params: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {"model": params.pop("model", self.model),
                                "messages": [dict(m) for m in messages], "stream": stream}
        body.update(params)
        return body

    async def aclose(self) -> None:
        if self._owns_client:
            await self._http.aclose()

    @property
    def is_minimax(self) -> bool:
        return "minimax" in self.base_url

    def _http_error(self, response: httpx.Response, text: str) -> MiniMaxError:
        status = response.status_code
        message = _server_message(text)
        trace_id = response.headers.get("Trace-Id")
        if self.is_minimax or _MINIMAX_CODE.search(text):
            err = error_for_http(status, text[:4000], trace_id=trace_id, host=self.base_url)
            err.status_msg = err.status_msg or message
            return err
        kw: dict[str, Any] = {"code": f"http-{status}", "trace_id": trace_id, "http_status": status,
                              "status_msg": message}
        said = f": {message.rstrip('.')}" if message else ""
        if status == 429:
            return RateLimitError(f"The chat server is rate-limiting requests (HTTP 429){said}; trying again.",
                                  retryable=True, **kw)
        if status in (401, 403):
            return AuthError(f"The chat server did not accept the API key (HTTP {status}){said}. Check the key "
                             "for that server.", **kw)
        if status in (408, 504) or status >= 500:
            return ServiceError(f"The chat server answered with a server error (HTTP {status}){said}; "
                                "trying again.", retryable=True, **kw)
        return MiniMaxError(f"The chat server refused the request (HTTP {status}){said}.", **kw)

    async def _pause(self, err: MiniMaxError, attempt: int) -> None:
        delay = self.retry.delay(attempt)
        log.warning("Chat request failed (%s); retry %d of %d in %.2f s", err.code, attempt,
                    self.retry.max_attempts - 1, delay)
        await asyncio.sleep(delay)

    async def complete(self, messages: Sequence[Message], **params: Any) -> ChatResult:
        """One answer. ``params`` go into the body (temperature, max_tokens, tools, …)."""
        body = self._body(messages, False, params)
        for attempt in range(1, self.retry.max_attempts + 1):
            try:
                return await self._complete_once(body)
            except MiniMaxError as err:
                if not err.retryable or attempt >= self.retry.max_attempts:
                    raise
                await self._pause(err, attempt)
        raise AssertionError("unreachable")

    async def _complete_once(self, body: dict[str, Any]) -> ChatResult:
        try:
            response = await self._http.post(self.url, json=body, headers=self._headers())
        except httpx.HTTPError as exc:
            raise _network_error(exc) from None
        if response.status_code >= 400:
            raise self._http_error(response, response.text)
        try:
            data = response.json()
        except ValueError:
            raise MalformedResponseError("The chat server sent an answer that is not JSON; trying again.",
                                         retryable=True, code="bad-json") from None
        check_base_resp(data, host=self.base_url)
        choices = data.get("choices") or []
        if not choices:
            raise MalformedResponseError("The chat server sent no answer.", code="no-choices")
        message = choices[0].get("message") or {}
        content = str(message.get("content") or "")
        reasoning = str(message.get("reasoning_content") or "")
        if self.strip_thinking:
            content, inline = strip_think(content)
            reasoning = reasoning or inline
        return ChatResult(content=content, reasoning=reasoning, finish_reason=choices[0].get("finish_reason"),
                          usage=dict(data.get("usage") or {}), model=str(data.get("model") or body["model"]))

    async def stream(self, messages: Sequence[Message], **params: Any) -> AsyncIterator[str]:
        """The answer's visible text, piece by piece, as the server produces it."""
        body = self._body(messages, True, params)
        for attempt in range(1, self.retry.max_attempts + 1):
            started = False
            try:
                async with aclosing(self._stream_once(body)) as pieces:
                    async for piece in pieces:
                        started = True
                        yield piece
                return
            except MiniMaxError as err:
                if started or not err.retryable or attempt >= self.retry.max_attempts:
                    raise
                await self._pause(err, attempt)

    async def _stream_once(self, body: dict[str, Any]) -> AsyncGenerator[str, None]:
        think = ThinkFilter() if self.strip_thinking else None
        seen = ""
        finished = False
        try:
            async with self._http.stream("POST", self.url, json=body, headers=self._headers()) as response:
                if response.status_code >= 400:
                    raise self._http_error(response, (await response.aread()).decode("utf-8", "replace"))
                plain: list[str] = []
                lines_of = cast(AsyncGenerator[str, None], response.aiter_lines())  # an async generator
                async with aclosing(lines_of) as lines:  # closed however the loop ends
                    done = False
                    async for raw in lines:
                        line = raw.strip()
                        if done:  # nothing counts after [DONE]; read on so the stream closes cleanly
                            continue
                        if not line or line.startswith(":") or line.startswith(("event:", "id:", "retry:")):
                            continue
                        if not line.startswith("data:"):
                            plain.append(line)
                            continue
                        payload = line[5:].strip()
                        if payload == "[DONE]":
                            finished = done = True
                            continue
                        try:
                            event = json.loads(payload)
                        except ValueError:
                            raise MalformedResponseError("The chat stream sent an event that is not JSON.",
                                                         retryable=True, code="bad-json") from None
                        check_base_resp(event, host=self.base_url)
                        finished = finished or _event_finishes(event)
                        text = _event_text(event, seen)
                        if text is None:
                            continue
                        seen += text
                        visible = think.feed(text) if think else text
                        if visible:
                            yield visible
                if plain:
                    try:
                        body = json.loads("\n".join(plain))
                    except ValueError:
                        raise MalformedResponseError("The chat server sent a stream that is not server-sent "
                                                     "events.", code="bad-json") from None
                    check_base_resp(body, host=self.base_url)
                if not finished:
                    raise MalformedResponseError("The chat stream ended before the answer was complete.",
                                                 retryable=True, code="cut-stream")
                if think:
                    rest = think.flush()
                    if rest:
                        yield rest
        except httpx.HTTPError as exc:
            raise _network_error(exc) from None


def _event_finishes(event: dict[str, Any]) -> bool:
    """Whether an event closes the answer (a finish_reason, or a final whole message)."""
    for choice in event.get("choices") or []:
        if choice.get("finish_reason") or choice.get("delta") is None and choice.get("message"):
            return True
    return False


def _server_message(text: str) -> str:
    """The error message an OpenAI-style or MiniMax error body carries ("" when none)."""
    try:
        body = json.loads(text)
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    error = body.get("error")
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return error["message"].strip()[:300]
    if isinstance(error, str):
        return error.strip()[:300]
    base = body.get("base_resp")
    if isinstance(base, dict) and isinstance(base.get("status_msg"), str):
        return base["status_msg"].strip()[:300]
    return ""


def _event_text(event: dict[str, Any], seen: str) -> str | None:
    """The new text in one stream event; None for events that only repeat or carry no text."""
    choices = event.get("choices") or []
    if not choices:
        return None
    choice = choices[0]
    delta = choice.get("delta")
    if delta is None:
        # A final event with the whole message: use it only if no delta came before.
        message = choice.get("message") or {}
        content = str(message.get("content") or "")
        return content if content and not seen else None
    content = str(delta.get("content") or "")
    if seen and content.startswith(seen) and len(content) > len(seen):  # a cumulative delta
        content = content[len(seen):]
    return content or None


def _network_error(exc: Exception) -> ServiceError:
    if isinstance(exc, httpx.TimeoutException):
        return ServiceError("The chat server did not answer in time; trying again.", retryable=True,
                            code="timeout")
    return ServiceError(f"The connection to the chat server failed ({type(exc).__name__}).", retryable=True,
                        code="network")
