"""A fake OpenAI-compatible chat server: real HTTP and real server-sent events on 127.0.0.1.

``FakeLLM`` serves ``POST /v1/chat/completions`` (and ``GET /v1/models``) from an aiohttp app on its own
event loop in a background thread, so it answers while the code under test runs on the test's loop. It
checks requests the way OpenAI-compatible servers do (Bearer auth when a key is set, ``model`` and
``messages`` present, message roles and contents, ``n`` = 1, the temperature range, the shape of
``response_format`` — ``text``, ``json_object`` or ``json_schema`` with a ``name`` of at most 64 word
characters and a ``schema`` object — and refuses ``json_schema`` with HTTP 400 when told the model has no
structured output), records every request, and answers from a queue of scripted ``Reply`` values (a
string, or a function of the request body), optionally wrapped in ``<think>``. Faults: an HTTP error, a
body that is not JSON, a stream cut mid-way (the connection dropped) or truncated (ended cleanly without a
``finish_reason`` or ``[DONE]``), and a stream event that is not JSON. It never reaches beyond 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fake_http import ThreadedServer

ROLES = {"system", "user", "assistant", "tool", "developer"}
SCHEMA_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

Content = str | Callable[[dict[str, Any]], str]


@dataclass
class Reply:
    """One scripted answer. ``fault``: None, "http" (``status`` with an OpenAI-style error), "not-json"
    (a 200 whose body is not JSON), "cut" (stream: the connection drops after ``cut_after`` characters;
    plain: the body is cut), "truncate" (stream: ends cleanly after ``cut_after`` characters with no
    finish_reason and no [DONE]), "bad-event" (stream: an event that is not JSON)."""

    content: Content = ""
    fault: str | None = None
    status: int = 500
    cut_after: int = 40
    think: str = ""
    finish_reason: str = "stop"


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: Any
    status: int = 200
    time: float = field(default_factory=time.monotonic)

    @property
    def last_user(self) -> str:
        for message in reversed(self.body.get("messages") or []):
            if message.get("role") == "user":
                return str(message.get("content") or "")
        return ""


class FakeLLM(ThreadedServer):
    """Start with ``start()`` (or as a context manager); ``url`` is its base URL (without ``/v1``)."""

    THREAD_NAME = "fake-llm"
    MAX_BODY = 16 * 1024 * 1024

    def __init__(self, *, api_key: str | None = "sk-fake-llm-1", models: tuple[str, ...] = ("local-model",),
                 json_schema: bool = True, chunk_chars: int = 7, chunk_delay: float = 0.0,
                 temperature_max: float = 2.0) -> None:
        super().__init__()
        self.api_key = api_key
        self.models = models
        self.json_schema = json_schema  # False: response_format json_schema is refused with HTTP 400
        self.chunk_chars = chunk_chars
        self.chunk_delay = chunk_delay
        self.temperature_max = temperature_max
        self.replies: deque[Reply] = deque()
        self.default: Content | None = None  # answer when the queue is empty (else an error)
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()

    # --- controls -----------------------------------------------------------------------------------
    def reply(self, *replies: Reply | str) -> None:
        """Queue answers, used in order (a plain string is a normal answer)."""
        with self._lock:
            self.replies.extend(r if isinstance(r, Reply) else Reply(r) for r in replies)

    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    # --- handling -----------------------------------------------------------------------------------
    @staticmethod
    def _error(status: int, message: str, kind: str = "invalid_request_error") -> web.Response:
        return web.json_response({"error": {"message": message, "type": kind, "code": None}}, status=status)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        raw = await request.read()
        try:
            body: Any = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        rec = Recorded(path, {k: v for k, v in request.headers.items()}, body)
        with self._lock:
            self.requests.append(rec)
        if self.api_key is not None and request.headers.get("Authorization") != f"Bearer {self.api_key}":
            rec.status = 401
            return self._error(401, "Incorrect API key provided.", "authentication_error")
        if path.rstrip("/") == "/v1/models" and request.method == "GET":
            return web.json_response({"object": "list", "data": [
                {"id": m, "object": "model", "owned_by": "fake"} for m in self.models]})
        if not path.endswith("/v1/chat/completions") or request.method != "POST":
            rec.status = 404
            return self._error(404, f"Unknown path {request.method} {path}.")
        problem = self._check(body)
        if problem:
            rec.status = 400
            return self._error(400, problem)
        with self._lock:
            reply = self.replies.popleft() if self.replies else (Reply(self.default) if self.default else None)
        if reply is None:
            rec.status = 500
            return self._error(500, "The fake has no scripted answer left.", "server_error")
        if reply.fault == "http":
            rec.status = reply.status
            return self._error(reply.status, "The server had an error while processing your request.",
                               "server_error")
        content = reply.content(body) if callable(reply.content) else reply.content
        if reply.think:
            content = f"<think>{reply.think}</think>\n{content}"
        if body.get("stream"):
            return await self._stream(request, body, reply, content)
        if reply.fault == "not-json":
            return web.Response(text="<html>502 Bad Gateway</html>", content_type="text/html")
        if reply.fault == "cut":
            return web.Response(text=json.dumps(self._completion(body, content, reply))[: reply.cut_after],
                                content_type="application/json")
        return web.json_response(self._completion(body, content, reply))

    def _check(self, body: Any) -> str | None:
        if not isinstance(body, dict):
            return "We could not parse the JSON body of your request."
        model = body.get("model")
        if not isinstance(model, str) or not model:
            return "you must provide a model parameter"
        if model not in self.models:
            return f"The model `{model}` does not exist."
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return "'messages' is a required property"
        for i, m in enumerate(messages):
            if not isinstance(m, dict) or m.get("role") not in ROLES:
                return f"Invalid value for 'messages[{i}].role'."
            if not isinstance(m.get("content"), str | list):
                return f"Invalid type for 'messages[{i}].content'."
        if body.get("n", 1) != 1:
            return "n must be 1"
        temperature = body.get("temperature", 1.0)
        if not isinstance(temperature, int | float) or not 0 <= temperature <= self.temperature_max:
            return f"temperature must be between 0 and {self.temperature_max:g}"
        fmt = body.get("response_format")
        if fmt is not None:
            if not isinstance(fmt, dict) or fmt.get("type") not in ("text", "json_object", "json_schema"):
                return "Invalid value for 'response_format.type'."
            if fmt["type"] == "json_schema":
                if not self.json_schema:
                    return "response_format of type json_schema is not supported by this model"
                spec = fmt.get("json_schema")
                if not isinstance(spec, dict) or not SCHEMA_NAME.match(str(spec.get("name", ""))):
                    return "Invalid 'response_format.json_schema.name': use at most 64 letters, digits, _ or -."
                if not isinstance(spec.get("schema"), dict) or spec["schema"].get("type") != "object":
                    return "Invalid 'response_format.json_schema.schema': it must be an object schema."
        return None

    @staticmethod
    def _completion(body: dict[str, Any], content: str, reply: Reply) -> dict[str, Any]:
        return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                "model": body["model"],
                "choices": [{"index": 0, "finish_reason": reply.finish_reason,
                             "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 10, "completion_tokens": len(content),
                          "total_tokens": 10 + len(content)}}

    async def _stream(self, request: web.Request, body: dict[str, Any], reply: Reply,
                      content: str) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
        await response.prepare(request)
        model = body["model"]
        limit = reply.cut_after if reply.fault in ("cut", "truncate") else len(content)
        sent = content[:limit]
        step = max(1, self.chunk_chars)
        for index, start in enumerate(range(0, len(sent), step)):
            delta: dict[str, Any] = {"content": sent[start:start + step]}
            if index == 0:
                delta["role"] = "assistant"
            chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                     "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
            await response.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            if reply.fault == "bad-event" and index == 1:
                await response.write(b"data: {\"choices\": [\n\n")
            if self.chunk_delay:
                await asyncio.sleep(self.chunk_delay)
        if reply.fault == "cut":
            transport = request.transport
            if transport is not None:
                transport.close()  # the connection drops mid-answer
            return response
        if reply.fault == "truncate":
            await response.write_eof()
            return response
        stop = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                "model": model, "choices": [{"index": 0, "delta": {}, "finish_reason": reply.finish_reason}]}
        await response.write(f"data: {json.dumps(stop)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response
