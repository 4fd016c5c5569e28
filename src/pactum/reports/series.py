"""The series behind the dashboard's charts, as Decimals: pure functions of a portfolio, an
agreement and a date. Numbers become JSON only where a page draws them (`pactum.web.charts`).

- availability: the revolver evaluated at each month end for which collateral or loan facts
  exist, up to the as-of date, with the reporting threshold (15% of the line cap);
- covenants: each covenant's actual and required level at every test date the revolver
  evaluates as of the date, forecasts included (marked by their basis);
- ownership: the holder group's beneficial ownership at each ownership.csv date up to the
  as-of date, with the Term's and the acquisition cap's levels;
- rent: the lease's rent roll over its whole term, with the defaults known at the as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.collateral.detail_facts import DetailFiles
from pactum.dates import month_end
from pactum.evaluate import evaluate_agreement
from pactum.findings import AgreementFindings, Basis, Comparator, Unit
from pactum.kinds.lease.rent_roll import rent_roll
from pactum.kinds.lease.schema import LeaseTerms
from pactum.kinds.lease.tenant_default import default_periods
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.kinds.standstill.facts import standstill_facts
from pactum.kinds.standstill.ownership import positions
from pactum.kinds.standstill.schema import StandstillTerms
from pactum.portfolio import Agreement, Portfolio


@dataclass(frozen=True)
class AvailabilityPoint:
    on: date
    line_cap: Decimal
    availability: Decimal
    excess_availability: Decimal
    excess_fraction: Decimal | None  # of the measurement basis; None when the basis is zero
    reporting_frequency: str


@dataclass(frozen=True)
class AvailabilitySeries:
    agreement: str
    threshold: Decimal  # e.g. 0.15: reporting is weekly at or below it
    measured_against: str  # what the fraction is of (line_cap, commitment, borrowing_base)
    points: tuple[AvailabilityPoint, ...]


def revolver_month_ends(portfolio: Portfolio, until: date) -> list[date]:
    """The month ends up to `until` on which a collateral fact, a loans row or a detail file
    is dated."""
    facts = portfolio.facts
    dated = {d.as_of for series in facts.collateral.series.values() for d in series}
    dated |= {d.as_of for series in facts.loans.series.values() for d in series}
    detail = facts.of_type("revolver")
    if isinstance(detail, DetailFiles):
        dated |= set(detail.dates())
    return sorted(d for d in dated if d <= until and d == month_end(d))


def availability_series(
    portfolio: Portfolio, agreement: Agreement, until: date
) -> AvailabilitySeries:
    sheet = agreement.clauses_of("revolver")[0].terms_as(RevolverTerms)
    points = []
    for on in revolver_month_ends(portfolio, until):
        found = evaluate_agreement(agreement, portfolio, on)
        points.append(
            AvailabilityPoint(
                on,
                _decimal(found, "line_cap"),
                _decimal(found, "availability"),
                _decimal(found, "excess_availability"),
                _optional_decimal(found, "excess_availability_pct"),
                str(found.value("reporting_frequency").value),
            )
        )
    reporting = sheet.reporting
    return AvailabilitySeries(
        agreement.id,
        reporting.excess_availability_threshold.value,
        reporting.measured_against.value.value,
        tuple(points),
    )


def _optional_decimal(found: AgreementFindings, value_id: str) -> Decimal | None:
    value = found.value(value_id).value
    assert value is None or isinstance(value, Decimal)
    return value


def _decimal(found: AgreementFindings, value_id: str) -> Decimal:
    value = _optional_decimal(found, value_id)
    assert value is not None
    return value


@dataclass(frozen=True)
class CovenantPoint:
    test_date: date
    basis: Basis  # actual or forecast
    required: Decimal | None
    actual: Decimal | None
    passed: bool | None


@dataclass(frozen=True)
class CovenantSeries:
    id: str
    label: str
    comparator: Comparator
    unit: Unit
    points: tuple[CovenantPoint, ...]  # by test date


def covenant_series(findings: AgreementFindings) -> list[CovenantSeries]:
    """Each covenant's results over its test dates, from a revolver's findings (draw requests,
    which are not covenants, are left out)."""
    by_id: dict[str, list[CovenantPoint]] = {}
    first: dict[str, tuple[str, Comparator, Unit]] = {}
    for test in findings.tests:
        if test.basis not in (Basis.actual, Basis.forecast):
            continue
        first.setdefault(test.id, (test.label, test.comparator, test.unit))
        by_id.setdefault(test.id, []).append(
            CovenantPoint(test.test_date, test.basis, test.required, test.actual, test.passed)
        )
    return [
        CovenantSeries(test_id, *first[test_id], tuple(sorted(points, key=lambda p: p.test_date)))
        for test_id, points in by_id.items()
    ]


@dataclass(frozen=True)
class OwnershipPoint:
    on: date
    beneficial: int  # shares held plus rights to acquire within 60 days
    base: int  # shares outstanding plus those rights
    fraction: Decimal


@dataclass(frozen=True)
class OwnershipSeries:
    agreement: str
    holder: str
    levels: tuple[tuple[str, Decimal], ...]  # (what the level is, fraction), e.g. the Term's 15%
    points: tuple[OwnershipPoint, ...]


def ownership_series(portfolio: Portfolio, agreement: Agreement, until: date) -> OwnershipSeries:
    sheet = agreement.clauses_of("standstill")[0].terms_as(StandstillTerms)
    ownership = standstill_facts(portfolio).ownership
    levels = [("Term lasts at or above", sheet.term.ends_below.value)]
    cap = sheet.standstill.acquisition_cap
    if cap is not None:
        levels.append((f"{cap.clause} acquisition cap", cap.level.value))
    points = tuple(
        OwnershipPoint(p.as_of, p.beneficial, p.base, p.fraction)
        for p in positions(ownership, sheet.holder.holders, until)
    )
    return OwnershipSeries(agreement.id, sheet.holder.name, tuple(levels), points)


@dataclass(frozen=True)
class RentPoint:
    month: date  # the month's first day
    base_rent: Decimal
    abatement: Decimal  # what actually abates
    base_rent_due: Decimal
    abatement_lost: str  # why a scheduled abatement did not apply


@dataclass(frozen=True)
class RentSeries:
    agreement: str
    points: tuple[RentPoint, ...]


def rent_series(portfolio: Portfolio, agreement: Agreement, as_of: date) -> RentSeries:
    sheet = agreement.clauses_of("lease")[0].terms_as(LeaseTerms)
    defaults = default_periods(portfolio.facts.events.of(agreement.id), as_of)
    return RentSeries(
        agreement.id,
        tuple(
            RentPoint(m.month, m.base_rent, m.abatement, m.base_rent_due, m.abatement_lost)
            for m in rent_roll(sheet, defaults)
        ),
    )
