"""The standstill's fact files beside ownership.csv, read when the sheet measures ownership
with them (`ownership:`):

- derivatives.csv `as_of,holder,instrument,underlying_shares`: a holder's derivative exposure
  (swaps, calls) in shares of the underlying; a closed position is a row with 0;
- rights.csv `as_of,holder,instrument,shares` and an optional `exercisable_from` (blank: now):
  a holder's rights to acquire shares (options, warrants, convertibles);
- convertibles.csv `as_of,shares_issuable`: the shares issuable on all the company's
  outstanding convertible securities, for a fully diluted denominator.

Each is a report: a holder's rows of its latest date on or before a day are in force that day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pactum.facts.table import read_rows, unique_by


@dataclass(frozen=True)
class Instrument:
    """One instrument of a holder on a report date: shares underlying or to be acquired."""

    as_of: date
    holder: str
    instrument: str
    shares: int
    exercisable_from: date | None = None  # rights only: None, exercisable now


@dataclass(frozen=True)
class Reports:
    """Rows reported by holder and date; a holder's latest date on or before a day holds."""

    rows: tuple[Instrument, ...] = field(default_factory=tuple)

    def dates_of(self, holders: Iterable[str]) -> set[date]:
        names = set(holders)
        return {r.as_of for r in self.rows if r.holder in names}

    def in_force(self, on: date, holders: Iterable[str]) -> list[Instrument]:
        found: list[Instrument] = []
        for holder in holders:
            mine = [r for r in self.rows if r.holder == holder and r.as_of <= on]
            if mine:
                latest = max(r.as_of for r in mine)
                found += [r for r in mine if r.as_of == latest]
        return found


@dataclass(frozen=True)
class Convertibles:
    """The shares issuable on the company's outstanding convertibles, by report date."""

    reports: tuple[tuple[date, int], ...] = field(default_factory=tuple)

    def dates(self) -> set[date]:
        return {on for on, _ in self.reports}

    def on(self, day: date) -> int | None:
        known = [count for on, count in self.reports if on <= day]
        return known[-1] if known else None


def load_derivatives(path: Path) -> Reports:
    if not path.exists():
        return Reports()
    rows, keyed = [], []
    for row in read_rows(path, ("as_of", "holder", "instrument", "underlying_shares")):
        found = Instrument(
            row.date("as_of"),
            row.text("holder"),
            row.text("instrument"),
            row.count("underlying_shares"),
        )
        keyed.append((row, (found.as_of, found.holder, found.instrument)))
        rows.append(found)
    unique_by(keyed, "as_of,holder,instrument")
    return Reports(tuple(sorted(rows, key=lambda r: (r.as_of, r.holder, r.instrument))))


def load_rights(path: Path) -> Reports:
    if not path.exists():
        return Reports()
    rows, keyed = [], []
    for row in read_rows(path, ("as_of", "holder", "instrument", "shares"), ("exercisable_from",)):
        exercisable = (
            row.date("exercisable_from")
            if (row.cells.get("exercisable_from") or "").strip()
            else None
        )
        found = Instrument(
            row.date("as_of"),
            row.text("holder"),
            row.text("instrument"),
            row.count("shares"),
            exercisable,
        )
        keyed.append((row, (found.as_of, found.holder, found.instrument)))
        rows.append(found)
    unique_by(keyed, "as_of,holder,instrument")
    return Reports(tuple(sorted(rows, key=lambda r: (r.as_of, r.holder, r.instrument))))


def load_convertibles(path: Path) -> Convertibles:
    if not path.exists():
        return Convertibles()
    reports, keyed = [], []
    for row in read_rows(path, ("as_of", "shares_issuable")):
        on = row.date("as_of")
        keyed.append((row, (on,)))
        reports.append((on, row.count("shares_issuable")))
    unique_by(keyed, "as_of")
    return Convertibles(tuple(sorted(reports)))
