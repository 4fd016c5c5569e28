"""Two points of the ASC 842 schedule, on one small lease worked out by hand.

The lease: six months, 2020-01-01 to 2020-06-30, $1,000.00 a month on the 1st; discount rate
12% a year (i = 1% a month); no costs, prepaid rent or incentives. The second period
(April-June) is indexed: rent x CPI 2020-04 / CPI 2020-01 (no lag, the period before as base),
with CPI 100 in January and 110 in April, so the rent due is $1,100.00 from April.

1. An indexed rent is measured with the index at commencement (ASC 842-10-30-5(b)): January's
   CPI, 100, held for April, so every payment measured is $1,000.00 and the $100.00 of April,
   May and June beyond it is variable lease cost of its month.

   in advance: liability = 1,000 x (1 + 1.01^-1 + ... + 1.01^-5)
                         = 1,000 x 5.853431 = $5,853.43 (the asset alike)
   lease cost 6,000 / 6 = $1,000.00 a month; interest on the balance after each payment:
       month  after payment  accretion         liability after
       Jan    4,853.43       48.5343 -> 48.53   4,901.96
       Feb    3,901.96       39.0196 -> 39.02   3,940.98
       Mar    2,940.98       29.4098 -> 29.41   2,970.39
       Apr    1,970.39       19.7039 -> 19.70   1,990.09
       May      990.09        9.9009 ->  9.90     999.99
       Jun    last: 1,000.00 - 999.99 = 0.01        0.00
   total interest 146.57 = 6,000.00 - 5,853.43.

   The rent roll (`--discount-rate 0.12`) measured the same way: straight-line rent $1,000.00
   (with the indexed rents it was 6,300 / 6 = $1,050.00) and no deferred rent (it was 50, 100,
   150, 100, 50, 0); the liability before April's payment 1,000 x (1 + 1.01^-1 + 1.01^-2) =
   1,000 x 2.970395 = $2,970.40 (with the indexed rents 1,100 x 2.970395 = $3,267.43).

2. The same lease with its rent paid in arrears (on the 1st of the month after): each payment
   is a month later, so liability = 5,853.43 / 1.01 = 1,000 x 5.795476 = $5,795.48, and the
   interest accretes on the balance before the payment at the month's end:
       month  accretion           liability after
       Jan    5,795.48 x 1% = 57.9548 -> 57.95   4,853.43
       Feb    48.5343 -> 48.53                   3,901.96
       Mar    39.0196 -> 39.02                   2,940.98
       Apr    29.4098 -> 29.41                   1,970.39
       May    19.7039 -> 19.70                     990.09
       Jun    last: 1,000.00 - 990.09 = 9.91          0.00
   total interest 204.52 = 6,000.00 - 5,795.48: $57.95 more than in advance, one month's
   interest on the first balance (5,853.43 - 5,795.48), and each month's interest is the
   advance schedule's of the month before.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import run as run_cli
from pactum.evaluate import check
from pactum.kinds.lease.accounting import AccountingSchedule
from pactum.kinds.lease.accounting_view import accounting_schedule
from pactum.kinds.lease.lease_facts import lease_facts
from pactum.kinds.lease.schema import LeaseTerms
from pactum.portfolio import load_portfolio
from portfolio_support import write_portfolio

SHEET = """\
clauses:
  - id: lease
    type: lease
    spaces:
      - {id: suite, area: 1000, in_premises_from: 2020-01-01}
    index_escalation:
      series: {value: CPI-U, assumed: a test}
      lag_months: {value: 0, assumed: a test}
      base_period: {value: prior_period, assumed: a test}
    lease_years:
      - {id: first, start: 2020-01-01, end: 2020-03-31, monthly: 1000}
      - {id: second, start: 2020-04-01, end: 2020-06-30, indexed: true}
    rent_due_day: 1
@PAID@    accounting:
      discount_rate: {value: 0.12, assumed: the tenant's incremental borrowing rate}
"""
INDEX = "series,month,value\nCPI-U,2020-01,100\nCPI-U,2020-04,110\n"
ARREARS = "    rent_paid: {value: in_arrears, assumed: a test}\n"


def lease(root: Path, paid: str = "", index: str = INDEX) -> Path:
    write_portfolio(root, SHEET.replace("@PAID@", paid))
    (root / "facts" / "index.csv").write_text(index, encoding="utf-8")
    return root


def schedule(root: Path) -> AccountingSchedule:
    portfolio = load_portfolio(root)
    sheet = portfolio.agreements["deal"].clauses_of("lease")[0].terms_as(LeaseTerms)
    assert sheet.accounting is not None
    indexes = lease_facts(portfolio.facts.of_type("lease")).indexes
    return accounting_schedule(sheet, sheet.accounting, [], indexes)


def cents(*amounts: str) -> list[Decimal]:
    return [Decimal(a) for a in amounts]


def test_an_indexed_rent_is_measured_at_the_index_at_commencement(tmp_path: Path) -> None:
    found = schedule(lease(tmp_path))
    assert found.liability == found.asset == Decimal("5853.43")
    assert [m.payment for m in found.months] == cents(*["1000.00"] * 6)
    assert [m.lease_cost for m in found.months] == cents(*["1000.00"] * 6)
    assert [m.variable for m in found.months] == cents("0", "0", "0", "100", "100", "100")
    assert [m.accretion for m in found.months] == cents(
        "48.53", "39.02", "29.41", "19.70", "9.90", "0.01"
    )
    assert [m.liability for m in found.months] == cents(
        "4901.96", "3940.98", "2970.39", "1990.09", "999.99", "0.00"
    )
    assert found.months[-1].asset == 0


def test_an_index_published_higher_later_is_variable_cost_on_screen(tmp_path: Path) -> None:
    lease(tmp_path)
    csv_file = tmp_path / "accounting.csv"
    written = run_cli("rent", str(tmp_path), "deal", "--accounting", "--csv", str(csv_file))
    assert written.exit_code == 0, written.output
    rows = csv_file.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("month,payment,lease_cost,variable_lease_cost,accretion")
    assert rows[4].startswith("2020-04,1000.00,1000.00,100.00,19.70,980.30,1990.09,1990.09")
    assert rows[7].startswith("total,6000.00,6000.00,300.00,146.57")


def test_the_rent_roll_straight_lines_the_rent_at_the_index_at_commencement(
    tmp_path: Path,
) -> None:
    lease(tmp_path)
    csv_file = tmp_path / "roll.csv"
    written = run_cli(
        "rent",
        str(tmp_path),
        "deal",
        "--discount-rate",
        "0.12",
        "--as-of",
        "2020-01-01",
        "--csv",
        str(csv_file),
    )
    assert written.exit_code == 0, written.output
    header, *lines = csv_file.read_text(encoding="utf-8").splitlines()
    columns = header.split(",")
    rows = {line.split(",")[0]: dict(zip(columns, line.split(","), strict=False)) for line in lines}
    # the roll keeps the rent due by the published index
    assert rows["2020-04"]["base_rent_due"] == "1100.00"
    assert {rows[m]["straight_line_rent"] for m in ("2020-01", "2020-04", "2020-06")} == {"1000.00"}
    assert rows["2020-03"]["deferred_rent_balance"] == "0.00"
    assert rows["2020-04"]["variable_lease_cost"] == "100.00"
    assert rows["2020-01"]["variable_lease_cost"] == "0.00"
    assert rows["2020-04"]["lease_liability"] == "2970.40"
    assert rows["2020-01"]["lease_liability"] == "5853.43"


def test_check_gives_the_straight_line_rent_at_the_index_at_commencement(tmp_path: Path) -> None:
    findings = check(load_portfolio(lease(tmp_path)), date(2020, 5, 15)).agreement("deal")
    assert findings.value("straight_line_rent").value == Decimal("1000.00")
    assert findings.value("deferred_rent_balance").value == Decimal("0.00")


def test_without_the_index_at_commencement_the_rent_then_paid_is_measured(
    tmp_path: Path,
) -> None:
    # no January value: the roll carries the rent then being paid, and no variable cost
    found = schedule(lease(tmp_path, index="series,month,value\nCPI-U,2020-04,110\n"))
    assert found.liability == Decimal("5853.43")
    assert [m.variable for m in found.months] == cents(*["0"] * 6)


def test_rent_in_arrears_discounts_each_payment_a_month_more(tmp_path: Path) -> None:
    found = schedule(lease(tmp_path, paid=ARREARS))
    assert found.in_arrears
    assert found.commencement == date(2020, 1, 1)
    assert found.liability == found.asset == Decimal("5795.48")
    assert [m.payment for m in found.months] == cents(*["1000.00"] * 6)
    assert [m.accretion for m in found.months] == cents(
        "57.95", "48.53", "39.02", "29.41", "19.70", "9.91"
    )
    assert [m.liability for m in found.months] == cents(
        "4853.43", "3901.96", "2940.98", "1970.39", "990.09", "0.00"
    )
    assert found.months[0].amortisation == Decimal("942.05")
    assert found.months[-1].asset == 0
    assert sum(m.accretion for m in found.months) == Decimal("204.52")


def test_arrears_against_advance_on_the_same_lease(tmp_path: Path) -> None:
    advance = schedule(lease(tmp_path / "advance"))
    arrears = schedule(lease(tmp_path / "arrears", paid=ARREARS))
    # one month's interest on the first balance: 5,853.43 - 5,795.48
    assert advance.liability - arrears.liability == Decimal("57.95")
    # each month's interest in arrears is the advance schedule's of the month before
    assert [m.accretion for m in arrears.months][1:5] == [m.accretion for m in advance.months][0:4]
    shown = run_cli("rent", str(tmp_path / "arrears"), "deal", "--accounting")
    assert shown.exit_code == 0, shown.output
    assert "6 monthly payments in arrears" in shown.output and "$5,795.48" in shown.output
