"""The group's beneficial ownership at a date, from ownership.csv.

A holder's rights to acquire shares within 60 days count as owned, in its own numerator and in
the denominator (the issuer's shares outstanding plus those rights), as beneficial ownership
does. Comparisons with a threshold are exact: `beneficial` against `level x base`, no division.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.facts.ownership import Ownership


@dataclass(frozen=True)
class Position:
    """What the group owns on one date."""

    as_of: date
    shares: int  # shares held (the ones that vote)
    rights: int  # shares it may acquire within 60 days
    outstanding: int  # the issuer's shares outstanding

    @property
    def beneficial(self) -> int:
        return self.shares + self.rights

    @property
    def base(self) -> int:
        """The denominator: shares outstanding plus the group's own rights."""
        return self.outstanding + self.rights

    @property
    def fraction(self) -> Decimal:
        """For display; decisions use `compare`."""
        return Decimal(self.beneficial) / Decimal(self.base)

    def compare(self, level: Decimal) -> int:
        """-1, 0 or 1 as the group owns less than, exactly or more than `level` of the base."""
        difference = self.beneficial - level * self.base
        return (difference > 0) - (difference < 0)


def positions(ownership: Ownership, holders: list[str], until: date) -> list[Position]:
    """The group's position on each reported date up to `until`, in order."""
    found = []
    for on in ownership.dates_of(holders):
        if on > until:
            break
        rows = ownership.rows_on(on, holders)
        found.append(
            Position(
                as_of=on,
                shares=sum(r.shares for r in rows),
                rights=sum(r.rights_60d for r in rows),
                outstanding=rows[0].shares_outstanding,  # the same on every row of a date
            )
        )
    return found


def shares_text(count: int) -> str:
    return f"{count:,}"
