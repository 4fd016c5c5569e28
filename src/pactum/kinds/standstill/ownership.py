"""The group's ownership at a date, from ownership.csv and, as the sheet measures it, the
group's rights (rights.csv), its derivative exposure (derivatives.csv) and the company's
convertibles (convertibles.csv or a cited count).

Without an `ownership` measure in the sheet: a holder's rights to acquire shares within 60 days
(ownership.csv rights_60d) count as owned, in its own numerator and in the denominator (the
issuer's shares outstanding plus those rights), as beneficial ownership does. Comparisons with
a threshold are exact: `beneficial` against `level x base`, no division.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pactum.facts.ownership import Ownership
from pactum.kinds.standstill.holdings import Convertibles, Reports
from pactum.kinds.standstill.schema import Denominator, OwnershipMeasure, RightsCounted


@dataclass(frozen=True)
class Position:
    """What the group owns on one date."""

    as_of: date
    shares: int  # shares held (the ones that vote)
    rights: int  # shares it may acquire (within 60 days, or as the sheet counts them)
    outstanding: int  # the issuer's shares outstanding
    derivatives: int = 0  # shares underlying its derivative exposure, where the sheet counts it
    # the shares issuable on all the company's outstanding convertibles (the group's own among
    # them) in a fully diluted denominator; None: the denominator is not fully diluted
    convertibles: int | None = None
    own_rights_in_base: bool = True  # Rule 13d-3: the group's own rights added to outstanding

    @property
    def beneficial(self) -> int:
        return self.shares + self.rights + self.derivatives

    @property
    def pool(self) -> int:
        """The company's side of the denominator: shares outstanding, plus its convertibles
        when fully diluted. A buyback or an issuance moves it; the group's trades do not."""
        return self.outstanding + (self.convertibles or 0)

    @property
    def base(self) -> int:
        """The denominator: shares outstanding plus the group's own rights (Rule 13d-3), the
        shares outstanding alone, or fully diluted."""
        if self.convertibles is not None:
            return self.pool
        return self.outstanding + (self.rights if self.own_rights_in_base else 0)

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


@dataclass(frozen=True)
class Holdings:
    """The fact files a measured position reads."""

    ownership: Ownership
    rights: Reports
    derivatives: Reports
    convertibles: Convertibles


def measured_positions(
    facts: Holdings, measure: OwnershipMeasure, holders: list[str], until: date
) -> tuple[list[Position], list[date]]:
    """The group's position, measured as the sheet says, on every date any of its files
    reports up to `until` (ownership.csv's rows carried forward to the others' dates); and the
    dates a fully diluted denominator had no convertibles figure (counted as none)."""
    counted = measure.rights.value
    with_derivatives = measure.derivatives is not None and measure.derivatives.value
    diluted = measure.denominator.value is Denominator.fully_diluted
    reported = set(facts.ownership.dates_of(holders))
    if not reported:
        return [], []
    first = min(reported)
    dates = set(reported)
    if counted is not RightsCounted.none:
        dates |= facts.rights.dates_of(holders)
    if with_derivatives:
        dates |= facts.derivatives.dates_of(holders)
    if diluted:
        dates |= facts.convertibles.dates()
    found: list[Position] = []
    missing: list[date] = []
    for on in sorted(d for d in dates if first <= d <= until):
        latest = max(d for d in reported if d <= on)
        rows = facts.ownership.rows_on(latest, holders)
        rights = 0
        if counted is not RightsCounted.none:
            days = measure.rights_within_days.value if measure.rights_within_days else 0
            horizon = on + timedelta(days=days)
            rights = sum(
                r.shares
                for r in facts.rights.in_force(on, holders)
                if counted is RightsCounted.regardless_of_exercise
                or r.exercisable_from is None
                or r.exercisable_from <= horizon
            )
        derivatives = (
            sum(r.shares for r in facts.derivatives.in_force(on, holders))
            if with_derivatives
            else 0
        )
        convertibles: int | None = None
        if diluted:
            convertibles = facts.convertibles.on(on)
            if convertibles is None and measure.company_convertibles is not None:
                convertibles = measure.company_convertibles.value
            if convertibles is None:
                missing.append(on)
                convertibles = 0
        found.append(
            Position(
                as_of=on,
                shares=sum(r.shares for r in rows),
                rights=rights,
                outstanding=rows[0].shares_outstanding,
                derivatives=derivatives,
                convertibles=convertibles,
                own_rights_in_base=measure.denominator.value
                is Denominator.outstanding_with_own_rights,
            )
        )
    return found, missing


def shares_text(count: int) -> str:
    return f"{count:,}"
