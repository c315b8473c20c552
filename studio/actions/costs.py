"""What rendering costs: the price of the characters a batch sends to a paid engine, with the prices
configured in the settings. Offline engines cost nothing.

The status bar's estimate, the render-all confirmation and the command line's "about $…" line all come
from here. Must not live here: price tables themselves (``studio.engines.minimax.cost``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from studio.render.planner import LineJob


def is_paid(engine: str) -> bool:
    return engine == "minimax"


def estimate(engine: str, model: str, chars: int) -> str | None:
    """"$0.12"-style cost of ``chars`` characters on ``engine``/``model``; None when it is free."""
    if not is_paid(engine):
        return None
    from studio.engines.minimax.cost import configured_prices
    from studio.engines.minimax.cost import estimate as money

    return str(money({model: chars}, configured_prices()))


def price_per_char(engine: str, model: str) -> Decimal:
    """The configured price of one billed character (0 for offline engines)."""
    if not is_paid(engine):
        return Decimal(0)
    from studio.engines.minimax.cost import configured_prices

    return configured_prices().price(model) / Decimal(10_000)


def billed_chars(jobs: Iterable[LineJob]) -> int:
    """Characters a batch sends (what MiniMax bills)."""
    return sum(len(job.request.text) for job in jobs)


__all__ = ["billed_chars", "estimate", "is_paid", "price_per_char"]
