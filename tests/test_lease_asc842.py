"""The lease accounting view (ASC 842 operating lease), against figures worked out by hand and
by the annuity formula, never by the schedule's own arithmetic.

The lease: five years, 2020-01-01 to 2024-12-31, $10,000.00 a month due in advance on the
1st; discount rate 6% a year (i = 0.5% a month); initial direct costs $12,000.00; a tenant
allowance (incentive) of $60,000.00 received at commencement.

    liability at commencement = 10,000 x a-due(60, 0.5%) = 10,000 x (1 - 1.005^-60) / 0.005
                                x 1.005 = $519,841.89
    right-of-use asset        = 519,841.89 + 12,000.00 - 60,000.00 = $471,841.89
    total lease cost          = 60 x 10,000 + 12,000 - 60,000 = $552,000.00
    single lease cost         = 552,000.00 / 60 = $9,200.00 a month
    January 2020: after the payment 509,841.89; accretion 509,841.89 x 0.005 = 2,549.209
                  -> $2,549.21; amortisation 9,200.00 - 2,549.21 = $6,650.79;
                  liability 512,391.10; asset 471,841.89 - 6,650.79 = $465,191.10

A renewal of two years at $11,000.00 a month, remeasured at 7%, is exercised on 2023-06-15:
from July 2023 the remaining payments are 18 x 10,000 and 24 x 11,000 (total payments
864,000), and the remaining cost is 864,000 + 12,000 - 60,000 - 42 x 9,200 = $429,600.00,
over 42 months: $10,228.57, the last month $10,228.63 (429,600 - 41 x 10,228.57).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bad_input_support import line_number, one_error, parsed
from bad_input_support import run as run_cli
from pactum.evaluate import check
from pactum.kinds.lease.accounting import AccountingSchedule
from pactum.kinds.lease.accounting_view import accounting_schedule, decisions
from pactum.kinds.lease.rent_roll_document import rent_roll_report
from pactum.kinds.lease.schema import LeaseTerms
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

CENT = Decimal("0.01")


def annuity_due(payment: Decimal, months: int, annual_rate: Decimal) -> Decimal:
    """Present value of `months` equal payments in advance at annual_rate / 12 (exact)."""
    i = annual_rate / 12
    v = 1 / (1 + i)
    return payment * (1 - v**months) / i * (1 + i)


def to_cents(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def lease_sheet(
    certain: str = "false",
    rate: str = "0.06",
    incentives: str = "60000",
    option: str = "renewal",
) -> str:
    return f"""\
clauses:
  - id: lease
    type: lease
    spaces:
      - {{id: suite, area: 10000, in_premises_from: 2020-01-01}}
    lease_years:
      - {{id: term, start: 2020-01-01, end: 2024-12-31, monthly: 10000}}
    rent_due_day: 1
    accounting:
      discount_rate: {{value: {rate}, assumed: the tenant's incremental borrowing rate}}
      initial_direct_costs: {{value: 12000, assumed: the broker's commission}}
      incentives: {{value: {incentives}, assumed: the tenant allowance received}}
      renewals:
        - option: {option}
          reasonably_certain: {{value: {certain}, assumed: the tenant's assessment}}
          lease_years:
            - {{id: renewal, start: 2025-01-01, end: 2026-12-31, monthly: 11000}}
          remeasurement_rate: {{value: 0.07, assumed: the rate on the day of the remeasurement}}
  - id: options
    type: options
    options:
      - id: renewal
        kind: renewal
        title: Renewal for two years
        window:
          closes: 2024-06-30
"""


EXERCISED = "- {date: 2023-06-15, agreement: deal, event: option_exercised, option: renewal}\n"


def schedule(root: Path, as_of: date) -> AccountingSchedule:
    portfolio = load_portfolio(root)
    agreement = portfolio.agreements["deal"]
    sheet = agreement.clauses_of("lease")[0].terms_as(LeaseTerms)
    assert sheet.accounting is not None
    return accounting_schedule(sheet, sheet.accounting, decisions(agreement, portfolio, as_of))


def test_five_year_lease_with_allowance_and_initial_direct_costs(tmp_path: Path) -> None:
    write_portfolio(tmp_path, lease_sheet())
    found = schedule(tmp_path, date(2020, 1, 1))
    liability = to_cents(annuity_due(Decimal(10000), 60, Decimal("0.06")))
    assert liability == Decimal("519841.89")  # the hand figure above
    assert found.commencement == date(2020, 1, 1)
    assert found.liability == liability
    assert found.asset == Decimal("471841.89")
    assert len(found.months) == 60
    january = found.months[0]
    assert january.payment == Decimal("10000.00")
    assert january.lease_cost == Decimal("9200.00")
    assert january.accretion == Decimal("2549.21")
    assert january.amortisation == Decimal("6650.79")
    assert january.liability == Decimal("512391.10")
    assert january.asset == Decimal("465191.10")
    # the single lease cost is the same every month; both balances reach zero at the end
    assert {m.lease_cost for m in found.months} == {Decimal("9200.00")}
    assert found.months[-1].liability == 0
    assert found.months[-1].asset == 0
    # total cost = total payments + initial direct costs - incentives
    assert sum(m.lease_cost for m in found.months) == Decimal(600000 + 12000 - 60000)
    assert found.total_cost == Decimal("552000.00")
    # the amortisation uses up the asset, and the interest is what the payments add to the PV
    assert sum(m.amortisation for m in found.months) == Decimal("471841.89")
    assert sum(m.accretion for m in found.months) == Decimal(600000) - liability
    # each month the liability accretes at 0.5% on its balance after the payment, in cents
    # (the last month's interest takes the rounding remainder: at most a few cents)
    before = liability
    for month in found.months[:-1]:
        assert month.accretion == to_cents((before - month.payment) * Decimal("0.005"))
        before = month.liability
    assert abs(found.months[-1].accretion) <= Decimal("0.05")


def test_a_renewal_reasonably_certain_is_in_the_term_from_commencement(tmp_path: Path) -> None:
    write_portfolio(tmp_path, lease_sheet(certain="true"))
    found = schedule(tmp_path, date(2020, 1, 1))
    i = Decimal("0.06") / 12
    # 60 payments of 10,000 then 24 of 11,000, the renewal's first discounted 60 months
    expected = (
        annuity_due(Decimal(10000), 60, Decimal("0.06"))
        + annuity_due(Decimal(11000), 24, Decimal("0.06")) / (1 + i) ** 60
    )
    assert found.liability == to_cents(expected)
    assert len(found.months) == 84
    assert found.total_cost == Decimal(600000 + 264000 + 12000 - 60000)
    assert found.months[-1].liability == found.months[-1].asset == 0


def test_remeasurement_when_the_renewal_is_exercised(tmp_path: Path) -> None:
    write_portfolio(tmp_path, lease_sheet(), events=EXERCISED)
    before = schedule(tmp_path, date(2023, 6, 14))  # not yet exercised: five years
    assert len(before.months) == 60
    found = schedule(tmp_path, date(2023, 12, 31))
    assert len(found.months) == 84
    june, july = found.months[41], found.months[42]
    assert (june.month, july.month) == (date(2023, 6, 1), date(2023, 7, 1))
    assert june.remeasurement is None and june.lease_cost == Decimal("9200.00")
    # the carried liability is the PV of the 18 remaining payments at 6%, to rounding
    carried = annuity_due(Decimal(10000), 18, Decimal("0.06"))
    assert abs(june.liability - carried) <= Decimal("0.10")
    # remeasured at 7%: 18 x 10,000 then 24 x 11,000
    i = Decimal("0.07") / 12
    remeasured = to_cents(
        annuity_due(Decimal(10000), 18, Decimal("0.07"))
        + annuity_due(Decimal(11000), 24, Decimal("0.07")) / (1 + i) ** 18
    )
    assert july.remeasurement == remeasured - june.liability
    assert july.rate == Decimal("0.07")
    assert "exercised" in july.note
    # the asset changes by the same amount, then amortises by the plug
    assert july.asset == june.asset + july.remeasurement - july.amortisation
    assert july.accretion == to_cents((remeasured - Decimal(10000)) * i)
    # the remaining cost, 429,600.00, over 42 months; the last takes the remainder
    assert {m.lease_cost for m in found.months[42:-1]} == {Decimal("10228.57")}
    assert found.months[-1].lease_cost == Decimal("10228.63")
    assert found.total_cost == Decimal(864000 + 12000 - 60000)
    assert found.months[-1].month == date(2026, 12, 1)
    assert found.months[-1].liability == found.months[-1].asset == 0


def test_remeasurement_when_a_renewal_assessed_certain_lapses(tmp_path: Path) -> None:
    write_portfolio(tmp_path, lease_sheet(certain="true"))
    found = schedule(tmp_path, date(2024, 7, 1))  # the window closed on 2024-06-30
    assert len(found.months) == 60
    july = found.months[54]
    assert july.month == date(2024, 7, 1)
    # the six payments left, at 7%
    assert july.remeasurement is not None and july.remeasurement < 0
    assert july.remeasurement + found.months[53].liability == to_cents(
        annuity_due(Decimal(10000), 6, Decimal("0.07"))
    )
    assert found.total_cost == Decimal(600000 + 12000 - 60000)
    assert found.months[-1].liability == found.months[-1].asset == 0


def test_rent_accounting_on_screen_and_as_csv(tmp_path: Path) -> None:
    write_portfolio(tmp_path, lease_sheet(), events=EXERCISED)
    shown = run_cli(
        "rent", str(tmp_path), "deal", "--accounting", "--as-of", "2023-12-31", "--to", "2020-01"
    )
    assert shown.exit_code == 0, shown.output
    assert "$519,841.89" in shown.output and "$471,841.89" in shown.output
    assert "$2,549.21" in shown.output and "$465,191.10" in shown.output
    csv_file = tmp_path / "accounting.csv"
    written = run_cli(
        "rent",
        str(tmp_path),
        "deal",
        "--accounting",
        "--as-of",
        "2023-12-31",
        "--csv",
        str(csv_file),
    )
    assert written.exit_code == 0, written.output
    rows = csv_file.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("month,payment,lease_cost,accretion,amortisation")
    assert len([r for r in rows if r[:4].isdigit()]) == 84
    assert rows[1].startswith("2020-01,10000.00,9200.00,2549.21,6650.79,512391.10,465191.10")


def test_rent_accounting_with_a_rate_for_a_lease_without_an_accounting_part(
    tmp_path: Path,
) -> None:
    sheet = lease_sheet().split("    accounting:")[0]
    write_portfolio(tmp_path, sheet)
    result = run_cli(
        "rent", str(tmp_path), "deal", "--accounting", "--discount-rate", "0.06", "--to", "2020-01"
    )
    assert result.exit_code == 0, result.output
    assert "$519,841.89" in result.output  # no costs or incentives: the asset is the liability
    refused = run_cli("rent", str(tmp_path), "deal", "--accounting")
    assert "--accounting" in one_error(refused)


def test_a_rate_beside_the_sheets_is_refused(tmp_path: Path) -> None:
    write_portfolio(tmp_path, lease_sheet())
    line = one_error(
        run_cli("rent", str(tmp_path), "deal", "--accounting", "--discount-rate", "0.05")
    )
    assert "--discount-rate" in line and "accounting.discount_rate" in line


def test_a_negative_discount_rate_is_refused(tmp_path: Path) -> None:
    write_portfolio(tmp_path, lease_sheet(rate="-0.06"))
    assert_sheet_error(
        tmp_path,
        "discount_rate:",
        "lease.accounting.discount_rate.value",
        "-0.06",
        ("greater than or equal to 0",),
    )


def test_incentives_beyond_the_liability_and_costs_are_refused(tmp_path: Path) -> None:
    # 519,841.89 + 12,000.00 = 531,841.89: an allowance of 531,841.90 would leave the asset
    # at -0.01; the ROU asset is never negative (ASC 842-20-30-5 sums it)
    write_portfolio(tmp_path, lease_sheet(incentives="531841.89"))
    assert load_portfolio(tmp_path)  # exactly the limit: an asset of zero
    write_portfolio(tmp_path, lease_sheet(incentives="531841.90"))
    assert_sheet_error(
        tmp_path,
        "incentives:",
        "lease.accounting.incentives",
        ("$531,841.90", "$519,841.89"),
        ("right-of-use asset 0 or more", "$531,841.89"),
    )


def test_a_renewal_naming_no_option_is_refused(tmp_path: Path) -> None:
    path = write_portfolio(tmp_path, lease_sheet(option="second_renewal"))
    error = parsed(one_error(run_cli("check", str(tmp_path))))
    assert error.number == line_number(path.read_text(encoding="utf-8"), "option: second")
    assert error.field == "lease.accounting.renewals.0.option"
    assert "'second_renewal'" in error.found and "renewal" in error.expected


def test_the_rent_roll_document_gains_the_schedule(tmp_path: Path) -> None:
    write_portfolio(tmp_path, lease_sheet(), events=EXERCISED)
    portfolio = load_portfolio(tmp_path)
    on = date(2023, 12, 31)
    findings = check(portfolio, on).agreement("deal")
    document = rent_roll_report(portfolio, portfolio.agreements["deal"], findings, on).document()
    titles = [section.title for section in document.sections]
    assert titles[-1] == "Lease accounting (ASC 842 operating lease)"
    assert document.figure("accounting.2020-01.accretion").value == Decimal("2549.21")
    assert document.figure("accounting.2026-12.lease_cost").value == Decimal("10228.63")
    assert document.figure("accounting.total.lease_cost").value == Decimal("816000.00")
    assert any("$519,841.89" in note for note in document.notes)


def test_a_lease_without_an_accounting_part_has_no_schedule_section(tmp_path: Path) -> None:
    write_portfolio(tmp_path, lease_sheet().split("    accounting:")[0])
    portfolio = load_portfolio(tmp_path)
    on = date(2020, 1, 1)
    findings = check(portfolio, on).agreement("deal")
    document = rent_roll_report(portfolio, portfolio.agreements["deal"], findings, on).document()
    assert len(document.sections) == 2
