"""The chart series, as Decimals, worked out by hand from the example's facts and documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from conftest import EXAMPLE
from pactum.clauses.api import ClauseContext
from pactum.evaluate import check
from pactum.financial_tests.series import covenant_series
from pactum.findings import Basis, Comparator
from pactum.kinds import revolver
from pactum.kinds.lease.schema import LeaseTerms
from pactum.kinds.lease.series import rent_series
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.kinds.revolver.series import availability_series, revolver_month_ends
from pactum.kinds.standstill.schema import StandstillTerms
from pactum.kinds.standstill.series import ownership_series
from pactum.portfolio import Portfolio, load_portfolio
from pactum.terms.sheet import M

DEFAULT = date(2003, 12, 31)


@cache
def example() -> Portfolio:
    return load_portfolio(EXAMPLE)


def context(agreement_id: str, terms: type[M], on: date) -> ClauseContext[M]:
    """The example agreement's first clause of those terms, on a date."""
    agreement = example().agreements[agreement_id]
    clause = next(c for c in agreement.clauses if isinstance(c.terms, terms))
    return ClauseContext(agreement, clause, clause.terms_as(terms), example(), on)


def test_revolver_month_ends_with_facts() -> None:
    # collateral.csv and loans.csv dates, and the November detail files
    assert revolver_month_ends(example(), DEFAULT) == [
        date(2003, 2, 28),
        date(2003, 3, 31),
        date(2003, 6, 30),
        date(2003, 9, 30),
        date(2003, 11, 30),
        date(2003, 12, 31),
    ]
    assert revolver_month_ends(example(), date(2003, 3, 30)) == [date(2003, 2, 28)]
    assert revolver_month_ends(example(), date(2003, 1, 31)) == []


def test_availability_series() -> None:
    series = availability_series(
        context("southtrust-abl", RevolverTerms, DEFAULT), revolver.CLAUSE.evaluate
    )
    assert series.threshold == Decimal("0.15")
    assert series.measured_against == "line_cap"
    first, last = series.points[0], series.points[-1]
    # 2003-02-28: 20,000,000 x 85% + 18,000,000 x 50% + BellSouth 12,000,000 x 50% (no consent
    # yet) = 32,000,000 = line cap; less 27,000,000 loans and 500,000 letters of credit
    assert (first.line_cap, first.availability) == (Decimal("32000000"), Decimal("4500000"))
    assert first.excess_fraction == Decimal("0.140625")  # 14.06%: weekly
    assert first.reporting_frequency == "weekly"
    # 2003-12-31: 17,425,000 + 17,450,000 = 34,875,000; less 29,250,000
    assert (last.line_cap, last.availability) == (Decimal("34875000"), Decimal("5625000"))
    assert last.excess_availability == last.availability
    assert last.reporting_frequency == "monthly"
    # November comes from the detail files: 8.86% (README), weekly
    november = series.points[4]
    assert november.on == date(2003, 11, 30)
    assert november.excess_fraction is not None
    assert round(november.excess_fraction * 100, 2) == Decimal("8.86")


def test_covenant_series_with_the_forecast() -> None:
    found = check(example(), DEFAULT).agreement("southtrust-abl")
    series = {s.id: s for s in covenant_series(found)}
    assert set(series) == {
        "min_tangible_net_worth",
        "min_fixed_charge_coverage",
        "max_debt_to_tangible_net_worth",
        "max_capex",
    }  # the draw request is not a covenant
    tnw = series["min_tangible_net_worth"]
    assert tnw.comparator is Comparator.at_least
    assert [(p.test_date, p.basis, p.required) for p in tnw.points] == [
        (date(2003, 3, 31), Basis.actual, Decimal("32500000")),
        (date(2003, 6, 30), Basis.actual, Decimal("33000000")),
        (date(2003, 9, 30), Basis.actual, Decimal("33000000")),
        (date(2003, 12, 31), Basis.actual, Decimal("34000000")),
        (date(2004, 3, 31), Basis.forecast, Decimal("34250000")),  # + 250,000 a quarter
    ]
    assert tnw.points[-1].actual == Decimal("34180000")
    assert tnw.points[-1].passed is False


def test_ownership_series_and_its_levels() -> None:
    series = ownership_series(context("ipof-standstill", StandstillTerms, date(2004, 6, 30)))
    assert series.levels == (
        ("Term lasts at or above", Decimal("0.15")),
        ("3.02(a) acquisition cap", Decimal("0.25")),
    )
    assert [(p.on, p.beneficial, p.base) for p in series.points] == [
        (date(2003, 3, 31), 1650000, 11486573),
        (date(2003, 6, 30), 2150000, 11486573),
        (date(2003, 8, 14), 2362788, 11486573),
        (date(2003, 12, 31), 2362788, 11486573),
        (date(2004, 3, 31), 2362788, 11400000),
        (date(2004, 6, 30), 2162788, 11400000),
    ]
    assert series.points[2].fraction == Decimal(2362788) / Decimal(11486573)  # the 20.57%


def test_rent_series_with_the_abatements() -> None:
    series = rent_series(context("windham-lease", LeaseTerms, DEFAULT))
    april, may, *_, august = series.points[:5]
    assert april.month == date(2003, 4, 1)
    # the amendment: $61,121.84 a month, $16,185.81 abated in April, $8,092.91 May to July
    assert (april.base_rent, april.abatement, april.base_rent_due) == (
        Decimal("61121.84"),
        Decimal("16185.81"),
        Decimal("44936.03"),
    )
    assert (may.abatement, may.base_rent_due) == (Decimal("8092.91"), Decimal("53028.93"))
    assert (august.abatement, august.base_rent_due) == (Decimal(0), Decimal("61121.84"))
    year_2 = next(p for p in series.points if p.month == date(2004, 4, 1))
    assert year_2.base_rent == Decimal("62994.66")
