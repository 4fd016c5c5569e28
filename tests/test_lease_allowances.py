"""Allowances: per rentable square foot with an expiry, the unused part credited against rent,
and a "TI annuity" repaid as additional rent; and bad input.

Illustrative lease: 10,000 sf, $120,000.00 a year ($10,000.00 a month) from January 1, 2024 to
December 31, 2025. "An allowance of Five Dollars ($5.00) per rentable square foot": 5.00 x
10,000 = 50,000.00, drawn by June 30, 2024, "any unused portion shall be credited against Base
Rent". Draws (events): 30,000.00 on March 10, 2024; 5,000.00 on July 15, 2024, after the
expiry (a warning; not counted). Unused 50,000.00 - 30,000.00 = 20,000.00, credited against
the base rent due after June 30: July 1 (10,000.00, 0.00 due) and August 1 (10,000.00, 0.00
due); September 1 owes 10,000.00.

Repaid as additional rent instead: 50,000.00 at 8% / 12 over 24 months: i = 0.0066667,
50,000 x i / (1 - (1 + i)^-24) = 2,261.3637 -> 2,261.36 a month, January 2024 to December 2025;
at 0%: 50,000.00 / 24 = 2,083.3333 -> 2,083.33.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import assert_error, check, line_number
from lease_sheet_support import BASE_RENT, lease_sheet
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Severity
from pactum.kinds.lease.allowances import monthly_repayment
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

DOCUMENT = (
    BASE_RENT
    + """ Landlord
shall provide an allowance of Five Dollars ($5.00) per rentable square foot, to be drawn on or
before June 30, 2024; any unused portion shall be credited against Base Rent. The allowance
shall be repaid as Additional Rent with interest at eight percent (8%) per annum over
twenty-four (24) months.
"""
)

SHEET = (
    lease_sheet("2025-12-31")
    + """\
    allowances:
      - id: ti
        per_sf: {value: 5.00, cite: "Five Dollars ($5.00) per rentable square foot"}
        expires: {value: 2024-06-30, cite: "on or before June 30, 2024"}
        unused: {value: rent_credit, cite: "any unused portion shall be credited against Base Rent"}
"""
)

AMORTISED = """\
        amortised:
          rate: {value: RATE, cite: "eight percent (8%) per annum"}
          months: {value: 24, cite: "twenty-four (24) months"}
"""

EVENTS = """\
- {date: 2024-03-10, agreement: deal, event: allowance_drawn, allowance: ti, amount: 30000}
- {date: 2024-07-15, agreement: deal, event: allowance_drawn, allowance: ti, amount: 5000}
"""


def _run(folder: Path, as_of: date, sheet: str = SHEET, events: str = EVENTS) -> AgreementFindings:
    write_portfolio(folder, sheet, DOCUMENT, events, calendar="calendar: {country: US}\n")
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def _money(found: AgreementFindings, value_id: str) -> Decimal:
    value = found.value(value_id).value
    assert isinstance(value, Decimal)
    return value


def test_per_sf_amount_drawn_and_remaining_before_the_expiry(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 6, 15))
    assert _money(found, "allowance-ti") == Decimal("50000.00")
    assert _money(found, "allowance-ti-drawn") == Decimal("30000.00")
    assert _money(found, "allowance-ti-remaining") == Decimal("20000.00")
    assert _money(found, "base_rent_due") == Decimal("10000.00")  # June: nothing credited yet


def test_the_unused_part_is_credited_against_the_rent_due_after_the_expiry(
    tmp_path: Path,
) -> None:
    for as_of, due in (
        (date(2024, 7, 20), "0.00"),
        (date(2024, 8, 20), "0.00"),
        (date(2024, 9, 20), "10000.00"),
    ):
        found = _run(tmp_path / as_of.isoformat(), as_of)
        assert _money(found, "allowance-ti-unused") == Decimal("20000.00")
        assert _money(found, "allowance-ti-remaining") == Decimal("0.00")
        assert _money(found, "base_rent_due") == Decimal(due), as_of


def test_a_draw_after_the_expiry_is_a_warning_and_does_not_count(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 7, 20))
    assert _money(found, "allowance-ti-drawn") == Decimal("30000.00")
    warnings = [a.message for a in found.alerts if a.severity is Severity.warning]
    assert any("drawn on 2024-07-15, after the allowance expired" in w for w in warnings)


def test_an_allowance_repaid_as_additional_rent(tmp_path: Path) -> None:
    sheet = SHEET + AMORTISED.replace("RATE", "0.08")
    found = _run(tmp_path, date(2025, 11, 15), sheet)
    assert _money(found, "allowance-ti-repayment") == Decimal("2261.36")
    repayments = [o for o in found.obligations if o.what.startswith("Allowance repaid")]
    assert repayments and repayments[0].amount == Decimal("2261.36")
    # November 2025 on: December 2025 is the 24th and last repayment
    assert len(repayments) == 1 and repayments[0].due == date(2025, 12, 1)


def test_the_annuity_by_hand() -> None:
    assert monthly_repayment(Decimal("50000.00"), Decimal("0.08"), 24) == Decimal("2261.36")
    assert monthly_repayment(Decimal("50000.00"), Decimal("0"), 24) == Decimal("2083.33")
    # Cedar: $37,169,000.00 at 6.7% over 240 months
    assert monthly_repayment(Decimal("37169000.00"), Decimal("0.067"), 240) == Decimal("281515.87")


# ---- bad input ------------------------------------------------------------------------------


def test_both_an_amount_and_per_sf_is_refused(tmp_path: Path) -> None:
    sheet = SHEET.replace(
        "      - id: ti\n", '      - id: ti\n        amount: {value: 50000, assumed: "a typo"}\n'
    )
    write_portfolio(tmp_path, sheet, DOCUMENT, calendar="calendar: {country: US}\n")
    assert_sheet_error(
        tmp_path, "- id: ti", "lease.allowances.0", "both an amount and per_sf", ("per_sf",)
    )


def test_a_rent_credit_without_an_expiry_is_refused(tmp_path: Path) -> None:
    sheet = SHEET.replace(
        '        expires: {value: 2024-06-30, cite: "on or before June 30, 2024"}\n', ""
    )
    write_portfolio(tmp_path, sheet, DOCUMENT, calendar="calendar: {country: US}\n")
    assert_sheet_error(
        tmp_path, "unused:", "lease.allowances.0.unused", "rent_credit with no expiry", ("expires",)
    )


def test_draws_past_the_allowance_are_refused(tmp_path: Path) -> None:
    events = EVENTS + (
        "- {date: 2024-04-10, agreement: deal, event: allowance_drawn, allowance: ti, "
        "amount: 25000}\n"
    )
    write_portfolio(tmp_path, SHEET, DOCUMENT, events, calendar="calendar: {country: US}\n")
    text = (tmp_path / "facts" / "events.yaml").read_text()
    assert_error(
        check(tmp_path),
        tmp_path,
        "facts/events.yaml",
        unit="line",
        number=line_number(text, "amount: 25000"),
        field="amount",
        found=("55,000.00",),
        expected=("no more than the allowance", "50,000.00"),
    )


def test_a_draw_of_an_unknown_allowance_is_refused(tmp_path: Path) -> None:
    events = EVENTS.replace("allowance: ti, amount: 30000", "allowance: fitout, amount: 30000")
    write_portfolio(tmp_path, SHEET, DOCUMENT, events, calendar="calendar: {country: US}\n")
    text = (tmp_path / "facts" / "events.yaml").read_text()
    assert_error(
        check(tmp_path),
        tmp_path,
        "facts/events.yaml",
        unit="line",
        number=line_number(text, "fitout"),
        field="allowance",
        found=("fitout",),
        expected=("an allowance of the lease", "ti"),
    )
