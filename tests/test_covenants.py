"""Covenant tests on the example's illustrative financials, each figure worked by hand.

Trailing-four-quarter flows at 2003-12-31 (quarters 2003-03-31 .. 2003-12-31):
  ebitda 1,900,000 + 2,100,000 + 2,700,000 + 3,000,000 = 9,700,000
  unfinanced capex 300,000 + 350,000 + 400,000 + 450,000 = 1,500,000
  cash taxes 40,000 + 50,000 + 60,000 + 70,000 = 220,000; distributions 0
  interest 130,000 + 130,000 + 135,000 + 140,000 = 535,000; principal 4 x 1,000,000
Balance sheet at 2003-12-31: equity 60,100,000, goodwill 25,200,000, other intangibles
340,000, deferred tax asset 8,400,000 (not deducted), liabilities 38,000,000.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from conftest import Evaluate
from pactum.financial_tests.evaluation import required_at
from pactum.findings import AgreementFindings, Basis, Status, TestResult
from pactum.findings_json import serialise
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.portfolio import load_portfolio


def result_at(result: AgreementFindings, test_id: str, on: date) -> TestResult:
    return next(t for t in result.tests if t.id == test_id and t.test_date == on)


def test_minimum_tnw_schedule_steps_after_2003(example: Path) -> None:
    portfolio = load_portfolio(example)
    agreement = portfolio.agreements["southtrust-abl"]
    sheet = agreement.clauses_of("revolver")[0].terms_as(RevolverTerms)
    tnw = next(c for c in sheet.covenants if c.id == "min_tangible_net_worth")
    dates = agreement.dates(portfolio.facts.events, date(2005, 3, 31))
    # 34,000,000 at 12/31/03, then +250,000 a quarter: 3/31/04 one step, 3/31/05 five steps
    assert required_at(tnw, date(2004, 3, 31), dates)[0] == Decimal("34250000")
    assert required_at(tnw, date(2005, 3, 31), dates)[0] == Decimal("35250000")
    assert required_at(tnw, date(2003, 9, 30), dates)[0] == Decimal("33000000")
    assert required_at(tnw, date(2003, 3, 31), dates)[0] == Decimal("32500000")


def test_tangible_net_worth_excludes_deferred_tax_asset(revolver: Evaluate) -> None:
    result = revolver(date(2003, 12, 31))
    test = result_at(result, "min_tangible_net_worth", date(2003, 12, 31))
    # 60,100,000 - 25,200,000 - 340,000 = 34,560,000 (the 8,400,000 DTA is not deducted)
    assert test.actual == Decimal("34560000")
    assert test.required == Decimal("34000000")
    assert test.passed is True
    assert test.headroom == Decimal("560000")
    assert test.driver_headroom is not None
    assert test.driver_headroom.amount == Decimal("560000")


def test_fixed_charge_coverage_trailing_four_quarters(revolver: Evaluate) -> None:
    result = revolver(date(2003, 12, 31))
    test = result_at(result, "min_fixed_charge_coverage", date(2003, 12, 31))
    # (9,700,000 - 1,500,000 - 220,000 - 0) / (535,000 + 4,000,000) = 7,980,000 / 4,535,000
    assert test.actual == Decimal(7980000) / Decimal(4535000)
    assert test.required == Decimal("1.75")
    assert test.passed is True
    # EBITDA could fall 7,980,000 - 1.75 x 4,535,000 = 7,980,000 - 7,936,250 = 43,750
    assert test.driver_headroom is not None
    assert test.driver_headroom.item == "ebitda"
    assert test.driver_headroom.amount == Decimal("43750")
    assert serialise(test)["actual"] == "1.7596"


def test_debt_to_tnw_headroom_in_tnw(revolver: Evaluate) -> None:
    result = revolver(date(2003, 12, 31))
    test = result_at(result, "max_debt_to_tangible_net_worth", date(2003, 12, 31))
    # 38,000,000 / 34,560,000 = 1.0995...; TNW may fall to 38,000,000 / 1.5 = 25,333,333.33...
    assert test.actual == Decimal(38000000) / Decimal(34560000)
    assert test.passed is True
    assert test.driver_headroom is not None
    assert (
        serialise(test)["driver_headroom"]["amount"] == "9226666.67"
    )  # 34,560,000 - 25,333,333.33


def test_latest_test_first_and_only_quarter_ends_on_or_before(revolver: Evaluate) -> None:
    result = revolver(date(2003, 11, 15))
    actual_dates = [
        t.test_date
        for t in result.tests
        if t.id == "min_tangible_net_worth" and t.basis is Basis.actual
    ]
    assert actual_dates == [date(2003, 9, 30), date(2003, 6, 30), date(2003, 3, 31)]


def test_forecast_shows_the_shortfall_the_bank_anticipated(revolver: Evaluate) -> None:
    # as of 2003-02-28 only the forecast for 3/31/03 exists: 57,900,000 - 25,200,000 - 420,000
    # = 32,280,000 against 32,500,000 -> shortfall 220,000
    result = revolver(date(2003, 2, 28))
    test = result_at(result, "min_tangible_net_worth", date(2003, 3, 31))
    assert test.basis is Basis.forecast
    assert test.actual == Decimal("32280000")
    assert test.passed is False
    alerts = [a.message for a in result.alerts if a.message.startswith("Projected failure")]
    assert any("2003-03-31" in m and "$220,000.00" in m for m in alerts)
    assert result.status is Status.watch  # projected, not (yet) a breach


def test_actual_wins_over_forecast_once_known(revolver: Evaluate) -> None:
    # at 2003-03-31 the actual: 58,400,000 - 25,200,000 - 400,000 = 32,800,000, passes by 300,000
    result = revolver(date(2003, 3, 31))
    test = result_at(result, "min_tangible_net_worth", date(2003, 3, 31))
    assert test.basis is Basis.actual
    assert test.headroom == Decimal("300000")


def test_threshold_exactly_met_passes(revolver: Evaluate) -> None:
    financials = _quarter("2003-03-31", equity="58100000", goodwill="25200000", other="400000")
    # 58,100,000 - 25,200,000 - 400,000 = 32,500,000 = required: a minimum exactly met passes
    result = revolver(date(2003, 3, 31), financials=financials)
    test = result_at(result, "min_tangible_net_worth", date(2003, 3, 31))
    assert test.actual == Decimal("32500000")
    assert test.passed is True
    assert test.headroom == Decimal(0)


def test_actual_breach_is_critical(revolver: Evaluate) -> None:
    financials = _quarter("2003-03-31", equity="58000000", goodwill="25200000", other="400000")
    # 32,400,000 < 32,500,000 -> breach by 100,000
    result = revolver(date(2003, 4, 15), financials=financials)
    test = result_at(result, "min_tangible_net_worth", date(2003, 3, 31))
    assert test.passed is False
    assert result.status is Status.breach
    assert any(a.severity == "critical" and "$100,000.00" in a.message for a in result.alerts)


def test_missing_quarters_leave_a_test_unevaluated(revolver: Evaluate) -> None:
    # only one quarter of flows: the trailing-four-quarter ratio cannot be computed
    result = revolver(date(2003, 3, 31), financials=_quarter("2003-03-31"))
    test = result_at(result, "min_fixed_charge_coverage", date(2003, 3, 31))
    assert test.passed is None
    assert "2002-06-30" in test.note


def _quarter(
    period: str,
    equity: str = "58400000",
    goodwill: str = "25200000",
    other: str = "400000",
    capex: str = "0",
    new_business: str = "0",
) -> str:
    rows = {
        "total_equity": equity, "goodwill": goodwill, "other_intangibles": other,
        "deferred_tax_asset": "9000000", "total_liabilities": "30000000",
        "ebitda": "1900000", "interest_expense": "130000", "scheduled_principal": "1000000",
        "cash_taxes": "40000", "unfinanced_capex": "300000", "distributions": "0",
        "capex": capex, "capex_new_business": new_business, "net_income": "400000",
    }  # fmt: skip
    lines = [f"{period},{item},{amount},actual" for item, amount in rows.items()]
    return "period_end,item,amount,basis\n" + "\n".join(lines) + "\n"


def test_capex_general_limit_and_new_business_basket(revolver: Evaluate) -> None:
    # 2003 to date: capex 3,400,000 of which new business 1,250,000
    # general 2,150,000 + basket excess (1,250,000 - 1,000,000 = 250,000) = 2,400,000 <= 3,000,000
    result = revolver(date(2003, 12, 31))
    test = result_at(result, "max_capex", date(2003, 12, 31))
    assert test.actual == Decimal("2400000")
    assert test.required == Decimal("3000000")
    assert test.headroom == Decimal("600000")
    assert test.passed is True


def test_capex_beyond_both_limits_needs_approval(revolver: Evaluate) -> None:
    # one quarter: capex 4,500,000 of which new business 1,200,000
    # general 3,300,000 + basket excess 200,000 = 3,500,000 -> 500,000 beyond both
    financials = _quarter("2003-03-31", capex="4500000", new_business="1200000")
    result = revolver(date(2003, 3, 31), financials=financials, events="[]\n")
    test = result_at(result, "max_capex", date(2003, 3, 31))
    assert test.passed is False
    assert test.headroom == Decimal("-500000")
    assert any("approval" in a.message and "$500,000.00" in a.message for a in result.alerts)

    approval = (
        "- {date: 2003-03-20, agreement: southtrust-abl, event: capex_approval,"
        " fiscal_year: 2003, amount: 500000}\n"
    )
    approved = revolver(date(2003, 3, 31), financials=financials, events=approval)
    test = result_at(approved, "max_capex", date(2003, 3, 31))
    # the limit becomes 3,000,000 + 500,000 approved: exactly met
    assert test.required == Decimal("3500000")
    assert test.passed is True
    assert any(a.severity == "info" and "approval" in a.message for a in approved.alerts)


def test_a_past_forecast_failure_says_the_actual_statements_are_awaited(
    revolver: Evaluate,
) -> None:
    # the financials hold only the forecast for 2004-03-31 (34,180,000 against 34,250,000);
    # statements are due 30 days after a quarter end: 2004-03-31 + 30 days = 2004-04-30
    before = [a.message for a in revolver(date(2004, 3, 30)).alerts]
    on_time = [a.message for a in revolver(date(2004, 4, 30)).alerts]
    overdue = [a.message for a in revolver(date(2004, 5, 1)).alerts]
    failure = "Projected failure: Minimum tangible net worth at 2004-03-31"
    (ahead,) = [m for m in before if m.startswith(failure)]
    assert ahead.endswith("shortfall $70,000.00.")  # a true projection: nothing more to say
    # on the test date itself no statements for it can be in yet: still a projection
    on_the_day = [a.message for a in revolver(date(2004, 3, 31)).alerts]
    (same,) = [m for m in on_the_day if m.startswith(failure)]
    assert same.endswith("shortfall $70,000.00.")
    (awaited,) = [m for m in on_time if m.startswith(failure)]
    assert awaited.endswith(
        "shortfall $70,000.00. The actual statements for it are due 2004-04-30."
    )
    (late,) = [m for m in overdue if m.startswith(failure)]
    assert late.endswith("The actual statements, due 2004-04-30, are not in the financials.")


def test_past_forecast_passes_with_overdue_statements_are_said_once_for_their_date(
    revolver: Evaluate,
) -> None:
    on_time = revolver(date(2004, 4, 30))
    overdue = revolver(date(2004, 5, 1))
    said = "Actual statements for 2004-03-31, due 2004-04-30, are not in the financials: "
    assert not [a for a in on_time.alerts if a.message.startswith(said)]
    (alert,) = [a for a in overdue.alerts if a.message.startswith(said)]
    # the three the forecast passes at 3/31/04 (the fourth, tangible net worth, fails and says
    # so in its own alert)
    assert alert.message == said + (
        "Minimum fixed charge coverage, Maximum debt to tangible net worth and Maximum capital "
        "expenditures pass on the forecast alone."
    )
    assert alert.source is not None and alert.source.path[-1] == "financial_statements_due_days"
    assert overdue.status is Status.watch
