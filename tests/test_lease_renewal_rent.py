"""What a renewal brings to the rent roll once exercised: a new rent table whose first year is
the fair market rent ("the rate then currently being charged by LANDLORD for similar building
in the area, but in no event shall it be less than the rate herein stipulated", Integra's
Article Forty-five), unknown until a `market_rent_set` event records it, then 3% more.

Illustrative lease: $120,000.00 a year ($10,000.00 a month), January 1, 2024 to December 31,
2025; a renewal option open until June 30, 2025, exercised (option_exercised) on March 3, 2025,
adding 2026 (fair market, at least the rent before) and 2027 (3% over 2026, on the annual rent).
- no market rent yet: January 2026's base rent is not known (no figure, a warning; the roll's
  cell is blank), not a zero;
- market rent $132,000.00 a year (recorded November 3, 2025): 2026 11,000.00 a month; 2027
  round(132,000.00 x 1.03) = 135,960.00, / 12 = 11,330.00;
- market rent $110,000.00, below the $120,000.00 before: the floor, 10,000.00 a month; 2027
  123,600.00 / 12 = 10,300.00;
- not exercised: January 2026 is outside the term.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import assert_error, check, line_number
from lease_sheet_support import BASE_RENT, lease_sheet
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Severity
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

DOCUMENT = (
    BASE_RENT
    + """ Tenant may
renew the term for two (2) years by notice given on or before June 30, 2025, at the rate then
currently being charged by LANDLORD for similar building in the area, but in no event shall it
be less than the rate herein stipulated, increased by three percent (3%) in the second year.
"""
)

SHEET = (
    lease_sheet("2025-12-31")
    + """\
    renewals:
      - option: renewal
        lease_years:
          - id: renewal_1
            start: {value: 2026-01-01, assumed: the day after the term}
            end: {value: 2026-12-31, assumed: a year}
            fair_market: {value: true, cite: "the rate then currently being charged by LANDLORD for similar building in the area"}
            at_least_prior: {value: true, cite: "in no event shall it be less than the rate herein stipulated"}
          - id: renewal_2
            start: {value: 2027-01-01, assumed: the second year}
            end: {value: 2027-12-31, assumed: a year}
            increase: {value: 0.03, cite: "three percent (3%)"}
  - id: options
    type: options
    options:
      - id: renewal
        kind: renewal
        title: Renewal for two years
        window:
          closes: {value: 2025-06-30, cite: "on or before June 30, 2025"}
        roll: none
"""
)

EXERCISE = "- {date: 2025-03-03, agreement: deal, event: option_exercised, option: renewal}\n"


def market(annual: str) -> str:
    return (
        "- {date: 2025-11-03, agreement: deal, event: market_rent_set, lease_year: renewal_1, "
        f"annual: {annual}}}\n"
    )


def _run(folder: Path, as_of: date, events: str, sheet: str = SHEET) -> AgreementFindings:
    write_portfolio(folder, sheet, DOCUMENT, events, calendar="calendar: {country: US}\n")
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def test_an_undetermined_market_rent_is_not_known_not_a_zero(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2026, 1, 15), EXERCISE)
    assert found.value("base_rent").value is None
    assert found.value("base_rent_due").value is None
    warnings = [a.message for a in found.alerts if a.severity is Severity.warning]
    assert any("fair market rent is not determined yet" in w for w in warnings)
    rents = [o for o in found.obligations if o.what.startswith("Base rent for January 2026")]
    assert rents == [] or rents[0].amount is None


def test_a_determined_market_rent_and_the_increase_after_it(tmp_path: Path) -> None:
    events = EXERCISE + market("132000")
    assert _run(tmp_path / "a", date(2026, 1, 15), events).value("base_rent").value == Decimal(
        "11000.00"
    )
    assert _run(tmp_path / "b", date(2027, 6, 15), events).value("base_rent").value == Decimal(
        "11330.00"
    )


def test_a_market_rent_below_the_rent_before_is_floored(tmp_path: Path) -> None:
    events = EXERCISE + market("110000")
    found = _run(tmp_path / "a", date(2026, 1, 15), events)
    assert found.value("base_rent").value == Decimal("10000.00")
    trace = found.value("base_rent").trace
    assert trace is not None
    assert any("as the lease's floor" in (s.assumed or "") for s in trace.sources)
    assert _run(tmp_path / "b", date(2027, 1, 15), events).value("base_rent").value == Decimal(
        "10300.00"
    )


def test_without_the_exercise_the_term_ends(tmp_path: Path) -> None:
    # the agreement has ended on December 31, 2025: nothing of it is computed after
    found = _run(tmp_path, date(2026, 1, 15), market("132000"))
    assert not any(v.id == "base_rent" and v.value is not None for v in found.values)


def test_a_renewal_of_an_unknown_option_is_refused(tmp_path: Path) -> None:
    sheet = SHEET.replace("      - option: renewal\n", "      - option: extension\n")
    write_portfolio(tmp_path, sheet, DOCUMENT, EXERCISE, calendar="calendar: {country: US}\n")
    assert_sheet_error(
        tmp_path, "- option: extension", "lease.renewals.0.option", "'extension'", ("renewal",)
    )


def test_a_market_rent_for_a_period_not_at_market_is_refused(tmp_path: Path) -> None:
    events = EXERCISE + market("132000").replace("renewal_1", "renewal_2")
    write_portfolio(tmp_path, SHEET, DOCUMENT, events, calendar="calendar: {country: US}\n")
    text = (tmp_path / "facts" / "events.yaml").read_text()
    assert_error(
        check(tmp_path),
        tmp_path,
        "facts/events.yaml",
        unit="line",
        number=line_number(text, "market_rent_set"),
        field="lease_year",
        found=("renewal_2",),
        expected=("a fair_market period of the lease", "renewal_1"),
    )


def test_renewal_periods_that_leave_a_gap_are_refused(tmp_path: Path) -> None:
    sheet = SHEET.replace(
        "start: {value: 2026-01-01, assumed: the day after the term}",
        "start: {value: 2026-02-01, assumed: the day after the term}",
    )
    write_portfolio(tmp_path, sheet, DOCUMENT, EXERCISE, calendar="calendar: {country: US}\n")
    assert_sheet_error(
        tmp_path,
        "start: {value: 2026-02-01",
        "lease.renewals.0.lease_years.0.start",
        "a gap from 2026-01-01 to 2026-01-31",
        ("each starting the day after the last ends",),
    )
