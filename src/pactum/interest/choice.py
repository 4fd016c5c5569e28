"""An index that is the greatest or the least of several rates, worked out day by day.

Each part's rate on a day is its index's row in force (rates.csv) plus its spread, or its fixed
rate; the greatest (or least) sets the day's rate, the part listed first on a tie. The day
remembers which part won, so that the trace can name it per run of days, and that part's own
day count when the agreement gives one (Matlack: 365/366 days on the prime rate, 360 on the
Federal Funds Rate).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from pactum.errors import fail
from pactum.facts.rates import IndexRate, Rates
from pactum.interest.schema import RateChoice, RatePart
from pactum.terms.yaml_source import Path_, YamlDocument


@dataclass(frozen=True)
class Won:
    """The part of a choice that set a day's rate, and the index rows read for every part."""

    part: RatePart
    rate: Decimal
    read: tuple[IndexRate, ...]
    year_days: int | None  # the winning part's own year for the day, if it has one


def choice_on(choice: RateChoice, rates: Rates, day: date) -> Won | RatePart:
    """The day's rate under `choice`, or the part whose index has no rate on or before it."""
    best: tuple[RatePart, Decimal] | None = None
    read: list[IndexRate] = []
    for part in choice.parts:
        if part.index is None:
            assert part.rate is not None
            value = part.rate.value
        else:
            row = rates.of(part.index.value).in_force(day)
            if row is None:
                return part
            read.append(row)
            value = row.rate + (part.plus.value if part.plus is not None else Decimal(0))
        better = (
            best is None
            or (choice.greatest_of is not None and value > best[1])
            or (choice.least_of is not None and value < best[1])
        )
        if better:
            best = (part, value)
    assert best is not None  # validation requires at least two parts
    part, value = best
    year = part.day_count.value.year_days(day.year) if part.day_count is not None else None
    return Won(part, value, tuple(read), year)


def check_indexes(choice: RateChoice, rates: Rates, sheet: YamlDocument, under: Path_) -> None:
    """Every index a choice names is one of rates.csv's: a name it does not have is a typo
    (or a missing series), refused before any day is worked out. `under` is the choice's path
    in the sheet."""
    known = sorted(rates.by_index)
    for number, part in enumerate(choice.parts):
        if part.index is not None and part.index.value not in rates.by_index:
            raise fail(
                sheet.path,
                sheet.line_of((*under, choice.key, number, "index")),
                f"index.{choice.key}[{number}].index",
                repr(part.index.value),
                f"an index of {Path(rates.file).name}: " + (", ".join(known) or "(it has none)"),
            )
