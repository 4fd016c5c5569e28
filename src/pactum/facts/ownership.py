"""ownership.csv: `as_of,holder,shares,shares_outstanding` and an optional `rights_60d`.

One row per holder and date: the shares the holder beneficially owns, the issuer's shares
outstanding at that date and, optionally, the shares the holder has the right to acquire within
60 days (which count in its own numerator and denominator, as beneficial ownership does).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pactum.errors import InputError
from pactum.facts.table import Row, read_rows, unique_by


@dataclass(frozen=True)
class Holding:
    as_of: date
    holder: str
    shares: int
    shares_outstanding: int
    rights_60d: int = 0


@dataclass(frozen=True)
class Ownership:
    holdings: tuple[Holding, ...] = field(default_factory=tuple)

    def dates_of(self, holders: Iterable[str]) -> list[date]:
        """The dates on which any of `holders` is reported, in order."""
        names = set(holders)
        return sorted({h.as_of for h in self.holdings if h.holder in names})

    def rows_on(self, on: date, holders: Iterable[str]) -> list[Holding]:
        names = set(holders)
        return [h for h in self.holdings if h.as_of == on and h.holder in names]


def load_ownership(path: Path) -> Ownership:
    if not path.exists():
        return Ownership()
    holdings: list[Holding] = []
    keyed: list[tuple[Row, tuple[object, ...]]] = []
    outstanding_on: dict[date, tuple[Row, int]] = {}
    for row in read_rows(
        path, ("as_of", "holder", "shares", "shares_outstanding"), ("rights_60d",)
    ):
        as_of, holder = row.date("as_of"), row.text("holder")
        shares, outstanding = row.count("shares"), row.count("shares_outstanding")
        rights = row.count("rights_60d") if (row.cells.get("rights_60d") or "").strip() else 0
        if outstanding == 0:
            raise InputError([row.problem("shares_outstanding", "0", "a whole number above 0")])
        if shares > outstanding:
            raise InputError(
                [
                    row.problem(
                        "shares",
                        str(shares),
                        f"at most the shares outstanding on the row ({outstanding})",
                    )
                ]
            )
        # every holder's row on one date speaks of the same issuer's shares outstanding
        first = outstanding_on.setdefault(as_of, (row, outstanding))
        if first[1] != outstanding:
            raise InputError(
                [
                    row.problem(
                        "shares_outstanding",
                        str(outstanding),
                        f"{first[1]}, as row {first[0].number} gives for {as_of.isoformat()}",
                    )
                ]
            )
        keyed.append((row, (as_of, holder)))
        holdings.append(Holding(as_of, holder, shares, outstanding, rights))
    unique_by(keyed, "as_of,holder")
    return Ownership(tuple(sorted(holdings, key=lambda h: (h.as_of, h.holder))))
