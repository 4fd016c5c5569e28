"""The premises: which spaces are leased on a date, their rentable area, and the building area
that a proportionate share implies when the lease does not state it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pactum.dates import month_end
from pactum.kinds.lease.schema import LeaseTerms, Space
from pactum.money import ZERO
from pactum.terms.values import Term


def spaces_at(sheet: LeaseTerms, d: date) -> list[Space]:
    """The spaces rented at the lease years' rent on `d`: a space with its own rent is rented
    beside them (see `space_rent`), and one leased `until` a day has left after it."""
    return [
        s
        for s in sheet.spaces
        if s.in_premises_from is not None
        and s.in_premises_from.value <= d
        and s.own_rent is None
        and (s.until is None or d <= s.until.value)
    ]


def area_at(sheet: LeaseTerms, d: date) -> Decimal:
    """The rentable area of the premises on `d`."""
    return sum((s.area_on(d).value for s in spaces_at(sheet, d)), ZERO)


def remeasured_in_force(sheet: LeaseTerms, month: date) -> str:
    """The remeasurements in force on the month's first day, named: '4th floor 9,500 sf
    (remeasured from 2024-03-16)'; '' when none."""
    found = []
    for s in spaces_at(sheet, month):
        term = s.area_on(month)
        if term is not s.area:
            step = next(r for r in s.remeasured if r.area is term)
            found.append(
                f"{s.title or s.id} {term.value:,} sf (remeasured from "
                f"{step.start_from.value.isoformat()})"
            )
    return "; ".join(found)


def remeasurement_terms(sheet: LeaseTerms, month: date) -> list[Term[Any]]:
    """The date and area terms of each remeasurement in force by the month's last day."""
    last = month_end(month)
    return [
        term
        for s in sheet.spaces
        for step in s.remeasured
        if step.start_from.value <= last
        for term in (step.start_from, step.area)
    ]


def space(sheet: LeaseTerms, space_id: str) -> Space | None:
    return next((s for s in sheet.spaces if s.id == space_id), None)


@dataclass(frozen=True)
class ImpliedArea:
    """The building area a share written to `places` decimals implies: area / share, and the
    range of building areas that round to the same share (low exclusive, high inclusive)."""

    area: Decimal
    share: Decimal
    implied: Decimal
    low: Decimal
    high: Decimal

    @classmethod
    def of(cls, area: Decimal, share: Decimal) -> ImpliedArea:
        exponent = share.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        half = Decimal(5).scaleb(-places - 1)
        return cls(area, share, area / share, area / (share + half), area / (share - half))
