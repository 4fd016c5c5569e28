"""Exact money: Decimal only, rounded half-up to cents where a contract rounds."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal(0)
# No figure of an agreement reaches a thousand trillion (10^15 is ten times the world's yearly
# output in dollars). With cents that is 17 digits, which leaves room within Decimal's 28 for
# a rate or a day count multiplied in; a number past it is a typo, and would overflow the
# rounding to cents (decimal.InvalidOperation) instead of being refused where it is written.
MAX_MAGNITUDE = Decimal(10) ** 15
MAGNITUDE_EXPECTED = "a number less than 10^15 in size"
# the characters of a plain decimal; Decimal itself then refuses "1.2.3" or "--1"
_PLAIN_DECIMAL = re.compile(r"[0-9.+-]+")


def within_magnitude(value: Decimal) -> bool:
    """Whether `value` is finite and smaller in size than MAX_MAGNITUDE."""
    return value.is_finite() and abs(value) < MAX_MAGNITUDE


def parse_decimal(text: str) -> Decimal:
    """Parse a plain decimal such as ``1234.50`` or ``-3``; raises ValueError otherwise.

    Thousands separators, currency signs and exponents are refused so that a typo in a
    data file is an error and not a different number.
    """
    cleaned = text.strip()
    if not _PLAIN_DECIMAL.fullmatch(cleaned):
        raise ValueError(text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not within_magnitude(value):
        raise ValueError(text)
    return value


def cents(amount: Decimal) -> Decimal:
    """Round half-up to cents."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money_str(amount: Decimal) -> str:
    """Money as the findings print it: a string with two decimals."""
    return str(cents(amount))


def money_display(amount: Decimal) -> str:
    """Money for people: $1,234.50, negatives as -$1,234.50."""
    value = cents(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def ratio_str(value: Decimal, places: int = 4) -> str:
    """A ratio or fraction for display, rounded half-up (kept exact in computation)."""
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent_str(fraction: Decimal, places: int = 2) -> str:
    """A fraction shown as a percent: 0.18641 -> '18.64%'."""
    return ratio_str(fraction * 100, places) + "%"


def points_str(fraction: Decimal, places: int = 2) -> str:
    """A change in a percentage, in percentage points: -0.08321 -> '-8.32 pts'."""
    return ratio_str(fraction * 100, places) + " pts"


@dataclass(frozen=True)
class MoneyText:
    """Words with amounts of money among them, the amounts kept as numbers so that each reader
    writes them its own way: a trace as figures (`str`: 1234.50, as the findings print money),
    a table or a note for people as $1,234.50 (`shown`)."""

    parts: tuple[str | Decimal, ...] = ()

    def shown(self, money: Callable[[Decimal], str] = money_display) -> str:
        return "".join(money(part) if isinstance(part, Decimal) else part for part in self.parts)

    def __str__(self) -> str:
        return self.shown(money_str)

    def __bool__(self) -> bool:
        return bool(self.parts)

    @staticmethod
    def joined(texts: Iterable[MoneyText], separator: str = "; ") -> MoneyText:
        """The texts that say something, one after another with `separator` between."""
        parts: list[str | Decimal] = []
        for text in texts:
            if text:
                parts.extend((separator, *text.parts) if parts else text.parts)
        return MoneyText(tuple(parts))


# a frozen dataclass's default for a text that says nothing
NO_MONEY_TEXT = MoneyText()
