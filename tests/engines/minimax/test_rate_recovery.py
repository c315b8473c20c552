"""Rate-limit recovery: after a burst of 1002s the limiter's rate comes back with the quiet that follows
(a quarter of a window of quiet gives a quarter of the rate back, a whole window all of it), not only per success; and a
line the client gave up on says so."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from studio.domain.render_key import SpeechRequest
from studio.engines.minimax.client import RetryPolicy
from studio.engines.minimax.engine import MiniMaxEngine
from studio.engines.minimax.errors import RateLimitError
from studio.engines.minimax.ratelimit import EndpointLimit, SlidingWindowLimiter, Slot
from tests.fake_minimax.server import FakeMiniMax


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _burst(limiter: SlidingWindowLimiter, clock: Clock, n: int) -> None:
    """``n`` rate-limit answers, each after the last one's pause (so each counts)."""
    for _ in range(n):
        limiter.penalize()
        clock.now = max(clock.now, limiter._pause_until) + 0.001


def test_the_rate_comes_back_with_quiet_time_not_only_with_successes() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(EndpointLimit(20, window=60.0), clock=clock)
    _burst(limiter, clock, 6)
    assert limiter.effective_rpm == 2  # at the floor: 10 %
    floor_at = clock.now
    clock.now = floor_at + 15.0  # a quarter of a window of quiet
    assert limiter.effective_rpm == 7  # 0.1 + 0.25 of the rate
    clock.now = floor_at + 30.0
    assert limiter.effective_rpm == 12
    clock.now = floor_at + 61.0
    assert limiter.effective_rpm == 20 and limiter.factor == 1.0


def test_successes_add_to_what_the_quiet_gives_back() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(EndpointLimit(20, window=60.0), clock=clock, recovery_step=0.05)
    _burst(limiter, clock, 6)
    start = clock.now
    clock.now = start + 6.0  # 10 % of a window: +0.1
    limiter.reward()  # +0.05
    assert limiter.factor == pytest.approx(0.25, abs=1e-3)
    clock.now = start + 12.0  # another 10 %
    assert limiter.factor == pytest.approx(0.35, abs=1e-3)


def test_the_rate_does_not_come_back_during_the_pause_or_after_a_new_burst() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(EndpointLimit(20, window=60.0), clock=clock)
    limiter.penalize(retry_after=30.0)
    assert limiter.effective_rpm == 10
    clock.now += 29.0  # still paused: no quiet counted yet
    assert limiter.effective_rpm == 10
    clock.now += 16.0  # 15 s (a quarter window) of quiet after the pause: a quarter of the rate back
    assert limiter.effective_rpm == 15
    limiter.penalize()  # a new rejection halves what there is now
    assert limiter.effective_rpm == 7


def test_sixteen_lines_after_a_burst_take_about_a_window_not_minutes() -> None:
    """Admissions simulated on the fake clock: 16 requests one after another after a burst that took
    the rate to its floor finish in a little over one window (the floor alone would take ~8)."""
    clock = Clock()
    limit = EndpointLimit(20, window=60.0)
    limiter = SlidingWindowLimiter(limit, clock=clock, margin=0.0)
    _burst(limiter, clock, 6)
    start = clock.now
    for _ in range(16):
        while (wait := limiter._wait_time(clock.now, 0)) > 0:
            clock.now += wait
        limiter._events.append(Slot(clock.now, 0, False))  # admitted, answered at once
        limiter.reward()
    assert clock.now - start < 2 * limit.window


async def test_a_line_that_gave_up_says_so(make_engine: Callable[..., MiniMaxEngine],
                                           fake_minimax: FakeMiniMax) -> None:
    fake_minimax.inject("code", 10, code=1002, path="/v1/t2a_v2")
    engine = make_engine(retry=RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.02))
    request = SpeechRequest(engine="minimax", voice_id="female-shaonv", text="第一句。", language="zh")
    with pytest.raises(RateLimitError) as info:
        await engine.synthesize(engine.prepare(request))
    assert "Gave up after 3 tries" in str(info.value)
