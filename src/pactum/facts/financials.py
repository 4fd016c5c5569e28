"""financials.csv: `period_end,item,amount,basis,months`.

Balance-sheet items are as at `period_end`; flow items are for the period of `months` months
ending then (3, a fiscal quarter, when the column is absent or empty; 1 for a company that
reports monthly, 12 for a year). `basis` is `actual` (the default) or `forecast`; a period's
actual wins over its forecast.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from pactum.facts.table import read_rows, unique_by

BASES = ("actual", "forecast")
MONTHS = ("1", "2", "3", "4", "6", "12")  # a period's length, dividing a fiscal year
QUARTER = 3  # a row's months when the file does not say


Key = tuple[date, str, str]  # (period_end, item, basis)


@dataclass(frozen=True)
class Financials:
    amounts: dict[Key, Decimal] = field(default_factory=dict)
    # the months of the period a row's flow covers, where not a quarter
    months: dict[Key, int] = field(default_factory=dict)

    def months_of(self, key: Key) -> int:
        return self.months.get(key, QUARTER)

    def known_at(self, as_of: date) -> Financials:
        """What was known at `as_of`: actual rows for later periods are dropped (a later
        quarter is only ever a forecast), forecast rows are kept."""
        kept = {
            key: amount
            for key, amount in self.amounts.items()
            if key[2] == "forecast" or key[0] <= as_of
        }
        return Financials(kept, {k: m for k, m in self.months.items() if k in kept})

    @cached_property
    def _by_period(self) -> dict[date, dict[str, dict[str, Decimal]]]:
        """period -> basis -> item -> amount, built once: a covenant test asks for periods'
        bases and items many times, and each scan of every row was most of a book's check."""
        by_period: dict[date, dict[str, dict[str, Decimal]]] = {}
        for (period, item, basis), amount in self.amounts.items():
            by_period.setdefault(period, {}).setdefault(basis, {})[item] = amount
        return by_period

    @cached_property
    def typical_months(self) -> int:
        """The most common length of a row's period in months (a quarter when the file is
        empty): the step a company reports in."""
        lengths = Counter(self.months_of(key) for key in self.amounts)
        return lengths.most_common(1)[0][0] if lengths else QUARTER

    @cached_property
    def row_lengths(self) -> dict[date, frozenset[int]]:
        """period end -> the lengths in months of the periods its rows report (a quarterly
        total and its last month may end on one day)."""
        lengths: dict[date, set[int]] = {}
        for key in self.amounts:
            lengths.setdefault(key[0], set()).add(self.months_of(key))
        return {period: frozenset(found) for period, found in lengths.items()}

    def periods(self) -> list[date]:
        return sorted(self._by_period)

    def basis_of(self, period: date) -> str | None:
        """'actual' where the period has any actual row, else 'forecast', else None."""
        bases = self._by_period.get(period, {})
        if "actual" in bases:
            return "actual"
        return "forecast" if bases else None

    def rows_of(self, item: str) -> tuple[tuple[date, int, Decimal], ...]:
        """(period end, months, amount) of each period that reports `item` on the period's
        basis, oldest first."""
        return self._rows_by_item.get(item, ())

    @cached_property
    def _rows_by_item(self) -> dict[str, tuple[tuple[date, int, Decimal], ...]]:
        """`rows_of` for every item, built once: a test sums its items over its period on
        every test date."""
        rows: dict[str, list[tuple[date, int, Decimal]]] = {}
        for period in self.periods():
            basis = self.basis_of(period)
            assert basis is not None  # a period listed has rows
            for item, amount in self._by_period[period][basis].items():
                rows.setdefault(item, []).append(
                    (period, self.months_of((period, item, basis)), amount)
                )
        return {item: tuple(found) for item, found in rows.items()}

    def items_at(self, period: date) -> dict[str, Decimal]:
        """The period's items on its basis (actual rows, or forecast rows when no actual)."""
        basis = self.basis_of(period)
        if basis is None:
            return {}
        return dict(self._by_period[period][basis])


def load_financials(path: Path) -> Financials:
    if not path.exists():
        return Financials()
    keyed = []
    amounts: dict[Key, Decimal] = {}
    months: dict[Key, int] = {}
    for row in read_rows(path, ("period_end", "item", "amount"), ("basis", "months")):
        key = (row.date("period_end"), row.text("item"), row.choice("basis", BASES, "actual"))
        keyed.append((row, key))
        amounts[key] = row.amount("amount")
        length = int(row.choice("months", MONTHS, str(QUARTER)))
        if length != QUARTER:
            months[key] = length
    unique_by(keyed, "period_end,item,basis")
    return Financials(amounts, months)
