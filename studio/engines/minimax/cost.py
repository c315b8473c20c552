"""What MiniMax speech costs: a price table per model per 10,000 characters, estimates, usage entries.

The default prices are list prices at the time of writing and change often, so the table is meant to be
overridden from settings (``PriceTable.from_settings``). ``UsageEntry`` is the value a usage ledger
stores for each billed call; keeping the ledger is the project store's job, not this module's.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from studio.engines.speech import SpeechResult

# Global platform, USD per 10,000 characters (hd: $100 / 1M chars, turbo: $60 / 1M chars).
DEFAULT_PRICES_USD: dict[str, Decimal] = {
    **{f"speech-{f}-hd": Decimal("1.00") for f in ("2.8", "2.6", "02", "01")},
    **{f"speech-{f}-turbo": Decimal("0.60") for f in ("2.8", "2.6", "02", "01")},
    "voice-design-preview": Decimal("0.30"),
}
# Mainland platform, CNY per 10,000 characters.
DEFAULT_PRICES_CNY: dict[str, Decimal] = {
    **{f"speech-{f}-hd": Decimal("3.50") for f in ("2.8", "2.6", "02", "01")},
    **{f"speech-{f}-turbo": Decimal("2.00") for f in ("2.8", "2.6", "02", "01")},
    "voice-design-preview": Decimal("2.00"),
}
_SYMBOLS = {"USD": "$", "CNY": "¥"}


@dataclass(frozen=True, order=True)
class Money:
    amount: Decimal
    currency: str = "USD"

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.amount + other.amount, self.currency)

    def rounded(self, places: int = 2) -> Money:
        return Money(self.amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), self.currency)

    def __str__(self) -> str:
        value = self.rounded(4 if abs(self.amount) < Decimal("0.01") and self.amount else 2).amount
        symbol = _SYMBOLS.get(self.currency)
        return f"{symbol}{value}" if symbol else f"{value} {self.currency}"


@dataclass(frozen=True)
class PriceTable:
    """Price per 10,000 billed characters for each model id."""

    per_10k: Mapping[str, Decimal] = field(default_factory=lambda: dict(DEFAULT_PRICES_USD))
    currency: str = "USD"

    @classmethod
    def for_region(cls, region: str) -> PriceTable:
        if region == "mainland":
            return cls(dict(DEFAULT_PRICES_CNY), "CNY")
        return cls()

    @classmethod
    def from_settings(cls, data: Mapping[str, Any] | None, region: str = "global") -> PriceTable:
        """Defaults for the region, overridden by e.g. {"currency": "CNY", "speech-2.8-hd": "3.5"}."""
        base = cls.for_region(region)
        if not data:
            return base
        prices = dict(base.per_10k)
        for key, value in data.items():
            if key != "currency":
                prices[key] = Decimal(str(value))
        return cls(prices, str(data.get("currency", base.currency)))

    def price(self, model: str) -> Decimal:
        if model in self.per_10k:
            return self.per_10k[model]
        tier = "turbo" if model.endswith("turbo") else "hd"
        fallback = [v for k, v in self.per_10k.items() if k.startswith("speech-") and k.endswith(tier)]
        return max(fallback) if fallback else Decimal(0)

    def cost(self, model: str, chars: int) -> Money:
        return Money(self.price(model) * Decimal(chars) / Decimal(10_000), self.currency)


def estimate(chars_by_model: Mapping[str, int], prices: PriceTable | None = None) -> Money:
    """The cost of speaking ``chars`` characters with each model."""
    table = prices or PriceTable()
    total = Money(Decimal(0), table.currency)
    for model, chars in chars_by_model.items():
        total = total + table.cost(model, chars)
    return total


@dataclass(frozen=True)
class UsageEntry:
    """One billed call, as a usage ledger keeps it."""

    at: float
    kind: str  # "speech" | "clone-preview" | "design-preview" | "activation"
    model: str
    voice_id: str
    billed_chars: int
    cost: Money
    trace_id: str | None = None
    render_key: str | None = None


def usage_entry(result: SpeechResult, prices: PriceTable | None = None, *, kind: str = "speech",
                render_key: str | None = None, at: float | None = None) -> UsageEntry:
    table = prices or PriceTable()
    return UsageEntry(at=at if at is not None else time.time(), kind=kind, model=result.model,
                      voice_id=result.voice_id, billed_chars=result.billed_chars,
                      cost=table.cost(result.model, result.billed_chars), trace_id=result.trace_id,
                      render_key=render_key)


def total_cost(entries: Iterable[UsageEntry], currency: str = "USD") -> Money:
    total = Money(Decimal(0), currency)
    for entry in entries:
        total = total + entry.cost
    return total


def configured_prices(settings: Mapping[str, Any] | None = None) -> PriceTable:
    """The price table from the saved MiniMax settings (region defaults, overridden by ``prices``).

    The region is the one of the host in use when that is a known MiniMax host (a saved host or
    ``MINIMAX_API_HOST`` outranks the saved region), else the saved region.
    """
    from studio.engines.minimax.config import load_settings, region_of, resolve_host
    from studio.engines.minimax.errors import ConfigError

    cfg = settings if settings is not None else load_settings()
    try:
        region = region_of(resolve_host(None, cfg))
    except ConfigError:  # a bad saved host or region: the engine reports it when it is built
        region = None
    region = region or cfg.get("region") or "global"
    return PriceTable.from_settings(cfg.get("prices"), region)
