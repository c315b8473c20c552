"""Per-endpoint request and character limits for MiniMax, with adaptive slow-down.

``SlidingWindowLimiter`` admits a request only when fewer than ``rpm`` requests (and fewer than
``chars_per_minute`` characters) were admitted in the last ``window`` seconds. A request taken with
``slot()`` counts as "now" until it is settled (its answer began to arrive), and from then on at the
moment it settled: the server saw it somewhere between being sent and answering, so a window measured
from the answer can never be narrower than the server's, however late a busy machine sends it. Waiters are served in
arrival order (one asyncio lock, FIFO). After a rate-limit answer (1002 and friends) the limiter halves
its effective rate and pauses briefly; the rate then comes back with the quiet that follows — all of it
after one window without another rate-limit answer, in proportion before that — and each success wins
a little more back (additive increase, multiplicative decrease, like Picard's ratecontrol), so a burst of
rejections never leaves the rate at its floor for longer than a window. ``RateLimits`` holds one limiter per endpoint and is
meant to be shared by everything that talks to the same account. No HTTP here.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EndpointLimit:
    """A documented limit: ``rpm`` requests and ``chars_per_minute`` characters per ``window`` seconds."""

    rpm: int
    chars_per_minute: int | None = None
    window: float = 60.0


# Global platform defaults (rate-limit guide); mainland speech is 10 (free) / 20 (paid) RPM.
DEFAULT_LIMITS: dict[str, EndpointLimit] = {
    "speech": EndpointLimit(60, 20_000),
    "clone": EndpointLimit(60),
    "design": EndpointLimit(20),
    "files": EndpointLimit(60),
    "voices": EndpointLimit(60),
    "chat": EndpointLimit(500),
}
MAINLAND_LIMITS: dict[str, EndpointLimit] = {**DEFAULT_LIMITS, "speech": EndpointLimit(20, 20_000)}
MAINLAND_FREE_LIMITS: dict[str, EndpointLimit] = {**DEFAULT_LIMITS, "speech": EndpointLimit(10, 20_000)}

ENDPOINT_OF_PATH = {
    "/v1/t2a_v2": "speech",
    "/v1/voice_clone": "clone",
    "/v1/voice_design": "design",
    "/v1/files/upload": "files",
    "/v1/get_voice": "voices",
    "/v1/delete_voice": "voices",
    "/v1/files/delete": "files",
}


class Slot:
    """One admitted request: open (counted as now) until ``settle()`` records when its answer came."""

    __slots__ = ("at", "chars", "open")

    def __init__(self, at: float, chars: int, open_: bool) -> None:
        self.at = at
        self.chars = chars
        self.open = open_


class _Held:
    def __init__(self, limiter: SlidingWindowLimiter, chars: int) -> None:
        self._limiter = limiter
        self._chars = chars
        self.slot: Slot | None = None

    async def __aenter__(self) -> _Held:
        self.slot = await self._limiter._admit(self._chars, hold=True)
        return self

    def settle(self) -> None:
        if self.slot is not None:
            self._limiter.settle(self.slot)

    async def __aexit__(self, *exc: object) -> None:
        self.settle()


class SlidingWindowLimiter:
    """Admit at most ``rpm`` requests and ``chars_per_minute`` characters in any ``window`` seconds."""

    def __init__(self, limit: EndpointLimit, *, name: str = "", margin: float | None = None,
                 clock: Callable[[], float] = time.monotonic, min_factor: float = 0.1,
                 recovery_step: float = 0.05) -> None:
        if limit.rpm < 1:
            raise ValueError("rpm must be at least 1")
        self.limit = limit
        self.name = name
        # Requests reach the server a little after they are admitted; the margin keeps the server's own
        # window from ever seeing one request too many.
        self.margin = min(1.0, 0.05 * limit.window) if margin is None else margin
        self._clock = clock
        self._events: deque[Slot] = deque()
        self._chars = 0
        self._factor = 1.0  # the rate at ``_since``; it recovers from there with the quiet that follows
        self._since = -math.inf
        self._min_factor = min_factor
        self._recovery_step = recovery_step
        self._pause_until = 0.0
        self._last_penalty = -math.inf
        self._lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None
        self.admitted = 0
        self.penalties = 0

    # --- state --------------------------------------------------------------------------------------
    @property
    def window(self) -> float:
        return self.limit.window

    @property
    def factor(self) -> float:
        """The share of the documented rate allowed now: what was left at the last penalty (or success),
        plus the quiet since then, a whole window of quiet giving the whole rate back."""
        if self._factor >= 1.0:
            return 1.0
        quiet = max(0.0, self._clock() - self._since)
        return min(1.0, self._factor + quiet / self.limit.window)

    def _set_factor(self, value: float, since: float) -> None:
        self._factor, self._since = min(1.0, value), since

    @property
    def effective_rpm(self) -> int:
        return max(1, math.floor(self.limit.rpm * self.factor + 1e-9))

    @property
    def requests_per_second(self) -> float:
        return self.limit.rpm / self.limit.window

    def _get_lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._lock is None or self._lock_loop is not loop:
            self._lock = asyncio.Lock()
            self._lock_loop = loop
        return self._lock

    def _prune(self, now: float) -> None:
        horizon = now - (self.limit.window + self.margin)
        if any(not e.open and e.at <= horizon for e in self._events):
            kept = deque(e for e in self._events if e.open or e.at > horizon)
            self._chars = sum(e.chars for e in kept)
            self._events = kept

    def _wait_time(self, now: float, chars: int) -> float:
        """Seconds until a request of ``chars`` characters may go, or 0 when it may go now."""
        if now < self._pause_until:
            return self._pause_until - now
        span = self.limit.window + self.margin
        # Open slots leave the window only after they settle; until then, look again shortly.
        expiries = sorted(now + span if e.open else e.at + span for e in self._events)
        waits = [0.0]
        over = len(self._events) - self.effective_rpm + 1
        if over > 0:
            waits.append(expiries[over - 1] - now)
        cap = self.limit.chars_per_minute
        if cap is not None and self._events and self._chars + chars > cap:
            freed, need = 0, self._chars + chars - cap
            for e in sorted(self._events, key=lambda e: now + span if e.open else e.at + span):
                freed += e.chars
                if freed >= need:
                    waits.append((now + span if e.open else e.at + span) - now)
                    break
        return max(waits)

    # --- public -------------------------------------------------------------------------------------
    async def acquire(self, chars: int = 0) -> None:
        """Wait for a slot, then count one request of ``chars`` characters against the window now."""
        await self._admit(chars, hold=False)

    def slot(self, chars: int = 0) -> _Held:
        """``async with limiter.slot(n) as held:`` — counted as now until ``held.settle()`` or the end."""
        return _Held(self, chars)

    def settle(self, slot: Slot) -> None:
        if slot.open:
            slot.open = False
            slot.at = self._clock()

    async def _admit(self, chars: int, *, hold: bool) -> Slot:
        async with self._get_lock():
            while True:
                now = self._clock()
                self._prune(now)
                wait = self._wait_time(now, chars)
                if wait <= 0:
                    slot = Slot(now, chars, hold)
                    self._events.append(slot)
                    self._chars += chars
                    self.admitted += 1
                    return slot
                # An open slot may settle at any moment: poll instead of sleeping a whole window.
                if any(e.open for e in self._events):
                    wait = min(wait, 0.02)
                await asyncio.sleep(max(wait, 0.001))

    def penalize(self, retry_after: float | None = None) -> None:
        """A rate-limit answer arrived: halve the rate and pause new requests for a moment."""
        now = self._clock()
        spacing = self.limit.window / self.effective_rpm
        if now - self._last_penalty < spacing:  # one burst of rejections counts once
            self._pause_until = max(self._pause_until, now + (retry_after or 0.0))
            return
        self._last_penalty = now
        self.penalties += 1
        halved = max(self._min_factor, self.factor * 0.5)
        pause = retry_after if retry_after is not None else 2 * self.limit.window / max(1, math.floor(
            self.limit.rpm * halved))
        self._pause_until = max(self._pause_until, now + pause)
        self._set_factor(halved, self._pause_until)  # the quiet that gives the rate back starts after the pause
        log.info("MiniMax %s limiter slowing down to %d requests per %.0f s (pause %.2f s)",
                 self.name or "endpoint", self.effective_rpm, self.limit.window, pause)

    def reward(self) -> None:
        """A request succeeded: win back a little of the rate lost to earlier penalties."""
        now = self._clock()
        current = self.factor
        if current < 1.0:
            self._set_factor(current + self._recovery_step, max(now, self._since))

    def recent_count(self) -> int:
        self._prune(self._clock())
        return len(self._events)


class RateLimits:
    """One limiter per endpoint ("speech", "clone", "design", "files", "voices", "chat"); share it."""

    def __init__(self, limits: Mapping[str, EndpointLimit] | None = None, *, window: float | None = None,
                 margin: float | None = None, max_concurrency: int | None = None) -> None:
        merged = dict(DEFAULT_LIMITS)
        merged.update(limits or {})
        if window is not None:
            merged = {k: replace(v, window=window) for k, v in merged.items()}
        self._limits = merged
        self._margin = margin
        self._max_concurrency = max_concurrency
        self._limiters: dict[str, SlidingWindowLimiter] = {}

    @classmethod
    def for_region(cls, region: str, *, paid: bool = True, **kwargs: object) -> RateLimits:
        table = DEFAULT_LIMITS if region != "mainland" else (MAINLAND_LIMITS if paid else MAINLAND_FREE_LIMITS)
        return cls(table, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def from_settings(cls, data: Mapping[str, object] | None) -> RateLimits:
        """Limits from a settings mapping like {"speech": {"rpm": 20, "chars_per_minute": 20000}}."""
        limits: dict[str, EndpointLimit] = {}
        for name, value in (data or {}).items():
            if isinstance(value, Mapping) and "rpm" in value:
                limits[name] = EndpointLimit(int(value["rpm"]),  # type: ignore[call-overload]
                                             value.get("chars_per_minute"),  # type: ignore[arg-type]
                                             float(value.get("window", 60.0)))  # type: ignore[arg-type]
        return cls(limits)

    def limit(self, endpoint: str) -> EndpointLimit:
        return self._limits.get(endpoint) or self._limits["voices"]

    def limiter(self, endpoint: str) -> SlidingWindowLimiter:
        lim = self._limiters.get(endpoint)
        if lim is None:
            lim = SlidingWindowLimiter(self.limit(endpoint), name=endpoint, margin=self._margin)
            self._limiters[endpoint] = lim
        return lim

    def max_concurrency(self, endpoint: str = "speech") -> int:
        """Enough requests in flight to keep up with the allowed rate at ~3 s per answer, at most 16."""
        if self._max_concurrency is not None:
            return self._max_concurrency
        lim = self.limit(endpoint)
        return max(1, min(16, math.ceil(lim.rpm / lim.window * 3)))
