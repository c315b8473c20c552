"""Numeric command-line options, range-checked: a value that is not a number, not finite (``nan``,
``inf``) or outside its range is refused with a sentence naming the range, before anything runs."""

from __future__ import annotations

import math
from typing import Any

import click


class Number(click.ParamType):
    """A number from ``low`` to ``high`` (``whole``: an integer), shown with ``unit``."""

    def __init__(self, low: float | None, high: float | None, unit: str = "", *, whole: bool = False) -> None:
        self.low, self.high, self.unit, self.whole = low, high, unit, whole
        self.name = "integer" if whole else "number"

    def _range(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.low is not None and self.high is not None:
            return f"from {self.low:g} to {self.high:g}{unit}"
        if self.low is not None:
            return f"of at least {self.low:g}{unit}"
        if self.high is not None:
            return f"of at most {self.high:g}{unit}"
        return f"that is finite{unit and ' (' + unit.strip() + ')'}"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number: float = value
        else:
            text = str(value).strip()
            try:
                number = int(text) if self.whole else float(text)
            except ValueError:
                kind = "a whole number" if self.whole else "a number"
                self.fail(f"“{value}” is not {kind}; give one {self._range()}.", param, ctx)
        if not math.isfinite(number) or (self.low is not None and number < self.low) \
                or (self.high is not None and number > self.high):
            self.fail(f"{value} is outside the range; give a number {self._range()}.", param, ctx)
        return int(number) if self.whole else float(number)


def whole(low: int | None, high: int | None = None, unit: str = "") -> Number:
    return Number(low, high, unit, whole=True)


def number(low: float | None, high: float | None = None, unit: str = "") -> Number:
    return Number(low, high, unit)


def finite(unit: str = "") -> Number:
    """Any finite number (the command checks its range with its own sentence)."""
    return Number(None, None, unit)
