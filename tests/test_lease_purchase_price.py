"""A purchase option's price rule, in Roadhouse Grill's words (L 11(b)(ii), (iv)): "the
greater of (A) the fair market value of the Premises ... as determined by an appraisal ...,
or (B) Landlord's cost for the Premises, plus Twenty percent (20%)", less the "$500.00"
deposit credited at closing. The figures are illustrative, recorded as `purchase_figure`
events:

- cost 1,300,000.00 x 1.20 = 1,560,000.00 against an appraisal of 1,500,000.00: 1,560,000.00
  - 500.00 = 1,559,500.00;
- appraisal 1,600,000.00 against 1,560,000.00: 1,600,000.00 - 500.00 = 1,599,500.00;
- no cost recorded yet: the price is not known (no figure), never the appraisal alone.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import assert_error, check, line_number
from lease_sheet_support import BASE_RENT, lease_sheet
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio
from portfolio_support import write_portfolio

DOCUMENT = (
    BASE_RENT
    + """ The purchase
price shall be the greater of (A) the fair market value of the Premises as of the date of the
exercise of the option, as determined by an appraisal, or (B) Landlord's cost for the Premises,
plus Twenty percent (20%). The $500.00 deposit shall be credited against the purchase price.
"""
)

SHEET = (
    lease_sheet("2030-12-31")
    + """\
    purchase_prices:
      - option: purchase
        greater_of:
          - figure: appraisal
          - figure: cost
            times: {value: 1.20, cite: "plus Twenty percent (20%)"}
        less: {value: 500, cite: "The $500.00 deposit shall be credited against the purchase price"}
  - id: options
    type: options
    options:
      - id: purchase
        kind: purchase
        title: Purchase option
        window:
          closes: {value: 2030-12-31, assumed: illustrative}
        roll: none
"""
)


def figure(day: str, name: str, amount: str) -> str:
    return (
        f"- {{date: {day}, agreement: deal, event: purchase_figure, figure: {name}, "
        f"amount: {amount}}}\n"
    )


def _run(folder: Path, events: str, as_of: date = date(2025, 6, 30)) -> AgreementFindings:
    write_portfolio(folder, SHEET, DOCUMENT, events, calendar="calendar: {country: US}\n")
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def test_the_cost_plus_twenty_percent_is_greater(tmp_path: Path) -> None:
    events = figure("2025-03-01", "appraisal", "1500000") + figure("2025-03-05", "cost", "1300000")
    value = _run(tmp_path, events).value("purchase-price-purchase")
    assert value.value == Decimal("1559500.00")
    assert value.trace is not None and "cost x 1.20" in value.trace.formula


def test_the_appraisal_is_greater(tmp_path: Path) -> None:
    events = figure("2025-03-01", "appraisal", "1600000") + figure("2025-03-05", "cost", "1300000")
    assert _run(tmp_path, events).value("purchase-price-purchase").value == Decimal("1599500.00")


def test_the_price_is_not_known_until_every_figure_is_recorded(tmp_path: Path) -> None:
    value = _run(tmp_path, figure("2025-03-01", "appraisal", "1500000")).value(
        "purchase-price-purchase"
    )
    assert value.value is None
    assert value.trace is not None and "no purchase_figure event for cost" in value.trace.formula


def test_a_figure_no_price_reads_is_refused(tmp_path: Path) -> None:
    events = figure("2025-03-01", "valuation", "1500000")
    write_portfolio(tmp_path, SHEET, DOCUMENT, events, calendar="calendar: {country: US}\n")
    text = (tmp_path / "facts" / "events.yaml").read_text()
    assert_error(
        check(tmp_path),
        tmp_path,
        "facts/events.yaml",
        unit="line",
        number=line_number(text, "valuation"),
        field="figure",
        found=("valuation",),
        expected=("appraisal", "cost"),
    )
