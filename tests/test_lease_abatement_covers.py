"""What an abatement covers: base rent (the default), the expense pools' monthly estimates, or
all rent except named items ("all Base Rent and Additional Rent, except electricity").

Illustrative lease: 10,000 sf at $120,000.00 a year, $10,000.00 a month from January 1, 2024;
the tenant's share 10% of each pool; opex.csv estimates 2024 operating 600,000.00 and taxes
240,000.00: 600,000 / 12 x 0.10 = 5,000.00 and 240,000 / 12 x 0.10 = 2,000.00 a month.
March 2024 abates all rent except taxes and electricity: base rent 10,000.00 (0.00 due) and
operating 5,000.00; taxes 2,000.00 still due. April abates nothing: 7,000.00 of expenses due.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from lease_sheet_support import BASE_RENT, lease_sheet
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

DOCUMENT = (
    BASE_RENT
    + """ Tenant's
Share is ten percent (10%) of Operating Expenses and of Taxes. All Base Rent and Additional Rent
for the month of March 2024, except Taxes and electricity, shall be abated.
"""
)

SHEET = (
    lease_sheet("2024-12-31")
    + """\
    proportionate_share:
      - start: {value: 2024-01-01, assumed: illustrative}
        share: {value: 0.10, cite: "ten percent (10%)"}
    expenses:
      - pool: operating
      - pool: taxes
    abatements:
      - id: march
        month: {value: 2024-03, cite: "for the month of March 2024"}
        covers: {value: [all_rent], cite: "All Base Rent and Additional Rent"}
        except: {value: [taxes, electricity], cite: "except Taxes and electricity"}
"""
)

OPEX = "year,estimated,actual,category\n2024,600000.00,,operating\n2024,240000.00,,taxes\n"


def _run(folder: Path, as_of: date, sheet: str = SHEET) -> AgreementFindings:
    write_portfolio(folder, sheet, DOCUMENT, calendar="calendar: {country: US}\n")
    (folder / "facts" / "opex.csv").write_text(OPEX)
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def _money(found: AgreementFindings, value_id: str) -> Decimal:
    value = found.value(value_id).value
    assert isinstance(value, Decimal)
    return value


def test_all_rent_except_taxes_and_electricity(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 3, 15))
    assert _money(found, "abatement") == Decimal("10000.00")
    assert _money(found, "base_rent_due") == Decimal("0.00")
    assert _money(found, "expense_abatement") == Decimal("5000.00")  # operating only
    trace = found.value("expense_abatement").trace
    assert trace is not None
    assert trace.input("expenses_due") == "2000.00"  # the taxes' estimate
    assert trace.input("not abated") == "taxes, electricity"


def test_a_month_without_abatement_owes_every_estimate(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 4, 15))
    assert _money(found, "expense_abatement") == Decimal("0.00")
    trace = found.value("expense_abatement").trace
    assert trace is not None and trace.input("expenses_due") == "7000.00"


def test_a_pool_the_sheet_lacks_is_refused(tmp_path: Path) -> None:
    sheet = (
        SHEET.replace("      - pool: taxes\n", "")
        .replace("[all_rent], cite", "[base_rent, taxes], cite")
        .replace(
            '        except: {value: [taxes, electricity], cite: "except Taxes and electricity"}\n',
            "",
        )
    )
    write_portfolio(tmp_path, sheet, DOCUMENT, calendar="calendar: {country: US}\n")
    (tmp_path / "facts" / "opex.csv").write_text(OPEX)
    assert_sheet_error(
        tmp_path,
        "covers:",
        "lease.abatements.0.covers",
        "taxes, a pool the sheet's expenses do not have",
        ("a pool of expenses: operating",),
    )


def test_except_without_all_rent_is_refused(tmp_path: Path) -> None:
    sheet = SHEET.replace("[all_rent], cite", "[base_rent, operating], cite")
    write_portfolio(tmp_path, sheet, DOCUMENT, calendar="calendar: {country: US}\n")
    (tmp_path / "facts" / "opex.csv").write_text(OPEX)
    assert_sheet_error(
        tmp_path,
        "except:",
        "lease.abatements.0.except",
        "without covers: all_rent",
        ("covers: [all_rent]",),
    )
