"""One sentence per MiniMax status code, base_resp checking, and the sliding-window limiter."""

from __future__ import annotations

import asyncio
import time

import pytest

from studio.engines.minimax import errors
from studio.engines.minimax.errors import error_for_code, error_for_http
from studio.engines.minimax.ratelimit import EndpointLimit, RateLimits, SlidingWindowLimiter
from studio.engines.speech import EngineError


@pytest.mark.parametrize("code, kind, retryable, phrase", [
    (1002, errors.RateLimitError, True, "rate-limiting"),
    (1039, errors.RateLimitError, True, "characters-per-minute"),
    (1041, errors.RateLimitError, True, "at once"),
    (2045, errors.RateLimitError, True, "smoother"),
    (1004, errors.AuthError, False, "key or region"),
    (2049, errors.AuthError, False, "key or region"),
    (1008, errors.BalanceError, False, "balance"),
    (1026, errors.ContentFlaggedError, False, "sensitive"),
    (1027, errors.ContentFlaggedError, False, "generated audio"),
    (1042, errors.InvisibleCharactersError, False, "invisible"),
    (2013, errors.InvalidParameterError, False, "'speed'"),
    (20132, errors.VoiceError, False, "does not know this voice"),
    (2037, errors.VoiceError, False, "10 seconds to 5 minutes"),
    (2038, errors.VoiceError, False, "identity verification"),
    (2039, errors.VoiceError, False, "already taken"),
    (2042, errors.VoiceError, False, "only the account"),
    (2048, errors.VoiceError, False, "shorter than 8 seconds"),
    (2056, errors.QuotaError, False, "quota"),
    (1000, errors.ServiceError, True, "internal error"),
])
def test_each_code_has_its_error_and_sentence(code: int, kind: type, retryable: bool, phrase: str) -> None:
    err = error_for_code(code, "invalid params, speed out of range" if code == 2013 else "",
                         trace_id="abc123", host="https://api.minimax.io", label="EP1 L2")
    assert isinstance(err, kind) and isinstance(err, EngineError)
    assert err.retryable is retryable and err.code == code
    assert phrase in str(err) and "abc123" in str(err)
    assert str(err).count(".") >= 1 and "\n" not in str(err)


def test_flag_names_the_line_and_2013_names_the_parameter() -> None:
    assert "'EP1 L2'" in str(error_for_code(1026, label="EP1 L2"))
    err = error_for_code(2013, "invalid params, this model does not support emotion setting")
    assert isinstance(err, errors.InvalidParameterError) and err.parameter == "emotion"


def test_http_statuses_and_embedded_codes() -> None:
    assert isinstance(error_for_http(429), errors.RateLimitError)
    assert error_for_http(503).retryable and error_for_http(520).retryable
    assert isinstance(error_for_http(401, '{"error":{"message":"login fail (1004)"}}'), errors.AuthError)
    assert not error_for_http(404).retryable


def test_base_resp_is_checked_on_http_200() -> None:
    errors.check_base_resp({"base_resp": {"status_code": 0, "status_msg": "success"}})
    with pytest.raises(errors.BalanceError) as info:
        errors.check_base_resp({"base_resp": {"status_code": 1008, "status_msg": "insufficient balance"},
                                "trace_id": "t-9"})
    assert info.value.trace_id == "t-9"
    with pytest.raises(errors.MalformedResponseError):
        errors.check_base_resp(["not", "a", "dict"])


async def test_limiter_never_admits_more_than_rpm_in_a_window() -> None:
    limiter = SlidingWindowLimiter(EndpointLimit(5, window=0.5), margin=0.02)
    stamps: list[float] = []

    async def one() -> None:
        await limiter.acquire()
        stamps.append(time.monotonic())

    start = time.monotonic()
    await asyncio.gather(*(one() for _ in range(12)))
    assert time.monotonic() - start >= 1.0  # 12 requests need three windows
    stamps.sort()
    for i in range(len(stamps) - 5):
        assert stamps[i + 5] - stamps[i] >= 0.5


async def test_a_request_in_flight_holds_its_place_until_its_answer_comes() -> None:
    # The server counts a request when it arrives, which on a busy machine may be long after it was
    # admitted; the window therefore runs from the answer, never from the admission.
    limiter = SlidingWindowLimiter(EndpointLimit(1, window=0.2), margin=0.0)
    start = time.monotonic()
    async with limiter.slot() as held:
        await asyncio.sleep(0.3)  # a slow request: far longer than the window
        held.settle()
        settled = time.monotonic()
    await limiter.acquire()
    assert time.monotonic() - settled >= 0.19
    assert time.monotonic() - start >= 0.49
    assert limiter.admitted == 2


async def test_limiter_counts_characters() -> None:
    limiter = SlidingWindowLimiter(EndpointLimit(100, chars_per_minute=100, window=0.4), margin=0.0)
    start = time.monotonic()
    await limiter.acquire(60)
    await limiter.acquire(30)
    assert time.monotonic() - start < 0.1
    await limiter.acquire(30)  # 120 > 100: waits for the first to leave the window
    assert time.monotonic() - start >= 0.38


async def test_limiter_serves_waiters_in_arrival_order() -> None:
    limiter = SlidingWindowLimiter(EndpointLimit(1, window=0.05), margin=0.0)
    order: list[int] = []

    async def one(i: int) -> None:
        await limiter.acquire()
        order.append(i)

    tasks = []
    for i in range(6):
        tasks.append(asyncio.create_task(one(i)))
        await asyncio.sleep(0.001)
    await asyncio.gather(*tasks)
    assert order == list(range(6))


async def test_penalty_halves_the_rate_and_successes_win_it_back() -> None:
    limiter = SlidingWindowLimiter(EndpointLimit(20, window=1.0), recovery_step=0.25)
    assert limiter.effective_rpm == 20
    limiter.penalize()
    assert limiter.effective_rpm == 10
    limiter.penalize()  # the same burst of rejections counts once
    assert limiter.effective_rpm == 10
    start = time.monotonic()
    await limiter.acquire()
    assert time.monotonic() - start >= 0.15  # paused after the penalty
    limiter.reward()
    limiter.reward()
    assert limiter.effective_rpm == 20


def test_limits_defaults_region_and_concurrency() -> None:
    limits = RateLimits()
    assert limits.limit("speech") == EndpointLimit(60, 20_000)
    assert limits.limit("design").rpm == 20 and limits.limit("clone").rpm == 60
    assert RateLimits.for_region("mainland").limit("speech").rpm == 20
    assert RateLimits.for_region("mainland", paid=False).limit("speech").rpm == 10
    assert limits.max_concurrency() == 3
    assert RateLimits({"speech": EndpointLimit(600)}).max_concurrency() == 16
    assert RateLimits(window=2.0).limit("speech").window == 2.0
    assert RateLimits.from_settings({"speech": {"rpm": 10}}).limit("speech").rpm == 10
    assert limits.limiter("speech") is limits.limiter("speech")
