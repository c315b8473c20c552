"""The HTTP transport every MiniMax call goes through.

``MiniMaxClient`` owns (or borrows) one ``httpx.AsyncClient``, adds the Bearer header and the optional
legacy ``GroupId`` to each request, waits on the endpoint's rate limiter, checks ``base_resp`` on every
answer (HTTP 200 with a non-zero code is an error), and retries rate-limit, server and network failures
with jittered exponential backoff. Server-sent event streams are parsed here too. The key never appears
in a log line, an exception or a repr. Speech-specific request building lives in ``engine``; voice
endpoints in ``voices``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from studio.engines.minimax.config import MiniMaxConfig, Secret
from studio.engines.minimax.errors import (
    MalformedResponseError,
    MiniMaxError,
    RateLimitError,
    ServiceError,
    check_base_resp,
    error_for_http,
)
from studio.engines.minimax.ratelimit import ENDPOINT_OF_PATH, RateLimits

log = logging.getLogger("studio.engines.minimax")
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently retryable failures are tried again."""

    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 20.0
    jitter: float = 0.5  # the delay is multiplied by a random factor in [1 - jitter, 1 + jitter]

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        raw = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        wait = raw * random.uniform(1 - self.jitter, 1 + self.jitter)
        return max(wait, retry_after or 0.0)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return min(60.0, float(value)) if value else None
    except ValueError:
        return None


def _transport_error(exc: Exception) -> ServiceError:
    if isinstance(exc, httpx.TimeoutException):
        return ServiceError("MiniMax did not answer in time; trying again.", retryable=True, code="timeout")
    return ServiceError(f"The connection to MiniMax failed ({type(exc).__name__}); check the network.",
                        retryable=True, code="network")


class MiniMaxClient:
    """Authenticated, rate-limited, retrying access to one MiniMax host."""

    def __init__(self, config: MiniMaxConfig, *, limits: RateLimits | None = None,
                 client: httpx.AsyncClient | None = None, retry: RetryPolicy | None = None,
                 timeout: float = 60.0) -> None:
        self.config = config
        self.limits = limits if limits is not None else RateLimits()
        self.retry = retry or RetryPolicy()
        self._owns_client = client is None
        self._http = client or httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=10.0))

    def __repr__(self) -> str:
        return f"MiniMaxClient(host={self.config.host!r}, group_id={'set' if self.config.group_id else None})"

    @property
    def host(self) -> str:
        return self.config.host

    @property
    def http(self) -> httpx.AsyncClient:
        return self._http

    def _url(self, path: str) -> str:
        return f"{self.config.host}{path}"

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        key: Secret = self.config.api_key
        headers = {"Authorization": f"Bearer {key.reveal()}"}
        headers.update(extra or {})
        return headers

    def _params(self) -> dict[str, str] | None:
        return {"GroupId": self.config.group_id} if self.config.group_id else None

    async def aclose(self) -> None:
        if self._owns_client:
            await self._http.aclose()

    # --- the retry loop -----------------------------------------------------------------------------
    async def _with_retries(self, path: str, attempt_once: Callable[[], Any], *, endpoint: str | None,
                            chars: int, retry: bool) -> Any:
        limiter = self.limits.limiter(endpoint or ENDPOINT_OF_PATH.get(path, "voices"))
        attempts = self.retry.max_attempts if retry else 1
        for attempt in range(1, attempts + 1):
            try:
                async with limiter.slot(chars):
                    result = await attempt_once()
            except MiniMaxError as err:
                retry_after = getattr(err, "retry_after", None)
                if isinstance(err, RateLimitError):
                    limiter.penalize(retry_after)
                if not err.retryable or attempt >= attempts:
                    if err.retryable and attempt > 1:
                        _gave_up(err, attempt)
                    raise
                delay = self.retry.delay(attempt, retry_after)
                log.warning("MiniMax %s failed (%s); retry %d of %d in %.2f s", path, err.code, attempt,
                            attempts - 1, delay)
                await asyncio.sleep(delay)
                continue
            limiter.reward()
            return result
        raise AssertionError("unreachable")

    # --- JSON calls ---------------------------------------------------------------------------------
    async def _send(self, method: str, path: str, *, label: str | None, parameter: str | None,
                    validate: Callable[[dict[str, Any]], T] | None, **kwargs: Any) -> tuple[dict[str, Any], Any]:
        try:
            response = await self._http.request(method, self._url(path), headers=self._headers(),
                                                params=self._params(), **kwargs)
        except httpx.HTTPError as exc:
            raise _transport_error(exc) from None
        trace = response.headers.get("Trace-Id")
        if response.status_code >= 400:
            err = error_for_http(response.status_code, response.text[:4000], trace_id=trace,
                                 host=self.host, label=label)
            err.retry_after = _retry_after(response)  # type: ignore[attr-defined]
            raise err
        try:
            body = response.json()
        except ValueError:
            raise MalformedResponseError("MiniMax sent an answer that is not valid JSON; trying again.",
                                         retryable=True, trace_id=trace, code="bad-json") from None
        check_base_resp(body, trace_id=trace, host=self.host, label=label, parameter=parameter)
        if isinstance(body, dict) and trace and not body.get("trace_id"):
            body["trace_id"] = trace
        checked = validate(body) if validate is not None else None
        return body, checked

    async def post_json(self, path: str, body: dict[str, Any], *, endpoint: str | None = None,
                        chars: int = 0, label: str | None = None, parameter: str | None = None,
                        validate: Callable[[dict[str, Any]], T] | None = None,
                        retry: bool = True) -> tuple[dict[str, Any], Any]:
        """POST JSON; returns (body, validate(body)). ``validate`` may raise a retryable error."""

        async def once() -> tuple[dict[str, Any], Any]:
            return await self._send("POST", path, label=label, parameter=parameter, validate=validate,
                                    json=body)

        return await self._with_retries(path, once, endpoint=endpoint, chars=chars, retry=retry)

    async def upload(self, path: str, *, filename: str, data: bytes, purpose: str,
                     content_type: str = "application/octet-stream") -> dict[str, Any]:
        """multipart/form-data upload (``file`` + ``purpose``); httpx sets the boundary."""

        async def once() -> tuple[dict[str, Any], Any]:
            return await self._send("POST", path, label=None, parameter=None, validate=None,
                                    data={"purpose": purpose}, files={"file": (filename, data, content_type)})

        body, _ = await self._with_retries(path, once, endpoint="files", chars=0, retry=True)
        return body

    async def download(self, url: str) -> bytes:
        """Fetch a result URL (demo audio, subtitles). The key is sent only to the configured host."""
        same_host = urlsplit(url).netloc == urlsplit(self.host).netloc
        try:
            response = await self._http.get(url, headers=self._headers() if same_host else None,
                                            follow_redirects=True)
        except httpx.HTTPError as exc:
            raise _transport_error(exc) from None
        if response.status_code >= 400:
            raise error_for_http(response.status_code, response.text[:2000], host=self.host)
        return response.content

    # --- server-sent events -------------------------------------------------------------------------
    async def stream_events(self, path: str, body: dict[str, Any], *, endpoint: str | None = None,
                            chars: int = 0, label: str | None = None,
                            parameter: str | None = None) -> AsyncIterator[dict[str, Any]]:
        """POST and yield each SSE ``data:`` JSON object after checking its ``base_resp``.

        Failures before the first event are retried like any call; after the first event they are
        raised, because the caller has already used part of the answer. ``data: [DONE]`` ends the
        stream; a plain JSON body (an error answered without SSE framing) is parsed too.
        """
        limiter = self.limits.limiter(endpoint or ENDPOINT_OF_PATH.get(path, "voices"))
        attempts = self.retry.max_attempts
        for attempt in range(1, attempts + 1):
            started = False
            try:
                async with limiter.slot(chars) as held, \
                        aclosing(self._stream_once(path, body, label=label, parameter=parameter)) as events:
                    async for event in events:
                        held.settle()
                        started = True
                        yield event
                limiter.reward()
                return
            except MiniMaxError as err:
                if isinstance(err, RateLimitError):
                    limiter.penalize(getattr(err, "retry_after", None))
                if started:
                    if err.code in ("network", "timeout"):
                        raise ServiceError("The MiniMax stream was cut off part-way; try again.",
                                           retryable=True, code="stream-cut", trace_id=err.trace_id) from None
                    raise
                if not err.retryable or attempt >= attempts:
                    if err.retryable and attempt > 1:
                        _gave_up(err, attempt)
                    raise
                delay = self.retry.delay(attempt, getattr(err, "retry_after", None))
                log.warning("MiniMax %s stream failed (%s); retry %d of %d in %.2f s", path, err.code,
                            attempt, attempts - 1, delay)
                await asyncio.sleep(delay)

    async def _stream_once(self, path: str, body: dict[str, Any], *, label: str | None,
                           parameter: str | None) -> AsyncGenerator[dict[str, Any], None]:
        trace: str | None = None
        try:
            async with self._http.stream("POST", self._url(path), json=body, headers=self._headers(),
                                         params=self._params()) as response:
                trace = response.headers.get("Trace-Id")
                if response.status_code >= 400:
                    text = (await response.aread()).decode("utf-8", "replace")
                    err = error_for_http(response.status_code, text[:4000], trace_id=trace, host=self.host,
                                         label=label)
                    err.retry_after = _retry_after(response)  # type: ignore[attr-defined]
                    raise err
                data_lines: list[str] = []
                plain: list[str] = []
                async for raw in response.aiter_lines():
                    line = raw.rstrip("\r")
                    if not line.strip():
                        if data_lines:
                            payload, data_lines = "\n".join(data_lines), []
                            if payload.strip() == "[DONE]":
                                return
                            yield self._event(payload, trace, label, parameter)
                        continue
                    if line.startswith("data:"):
                        payload = line[5:].strip()
                        if payload == "[DONE]" and not data_lines:
                            return
                        data_lines.append(payload)
                    elif line.startswith((":", "event:", "id:", "retry:")):
                        continue
                    else:
                        plain.append(line)
                if data_lines:
                    payload = "\n".join(data_lines)
                    if payload.strip() != "[DONE]":
                        yield self._event(payload, trace, label, parameter)
                if plain:
                    yield self._event("\n".join(plain), trace, label, parameter)
        except httpx.HTTPError as exc:
            err = _transport_error(exc)
            err.trace_id = trace
            raise err from None

    def _event(self, payload: str, trace: str | None, label: str | None,
               parameter: str | None) -> dict[str, Any]:
        try:
            obj = json.loads(payload)
        except ValueError:
            raise MalformedResponseError("MiniMax sent a stream event that is not valid JSON; try again.",
                                         retryable=True, trace_id=trace, code="bad-json") from None
        check_base_resp(obj, trace_id=trace, host=self.host, label=label, parameter=parameter)
        if isinstance(obj, dict) and trace and not obj.get("trace_id"):
            obj["trace_id"] = trace
        return obj


def _gave_up(err: MiniMaxError, attempts: int) -> None:
    """``err`` saying that the client gave up on it after ``attempts`` tries (the line is failed, not
    waiting: rendering it again tries anew)."""
    if not getattr(err, "gave_up", False):
        err.message = f"{err.message.rstrip()} Gave up after {attempts} tries; render the line again later."
        err.args = (err.message,)
        err.gave_up = True  # type: ignore[attr-defined]
