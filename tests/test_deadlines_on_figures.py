"""Deadlines required while a computed figure compares with a level (`while_figure`): weekly
borrowing base certificates "while Availability is less than $1,500,000", monthly ones "while
Availability is at most 20% of the commitment"; the figure is the revolver's availability,
named `facility.availability` without the deadlines clause knowing the revolver.

Hand-worked (commitment 8,000,000; borrowing base 85% of eligible accounts; availability =
lesser of commitment and borrowing base - loans), snapshots in force until the next:
- 1/31/15: accounts 10,000,000 -> base 8,500,000, cap 8,000,000; loans 6,000,000: 2,000,000
- 2/28/15: accounts 8,000,000 -> 6,800,000; loans 5,300,000: 1,500,000 (exactly the level)
- 3/31/15: accounts 8,000,000 -> 6,800,000; loans 5,400,000: 1,400,000
- 4/30/15: accounts 10,000,000 -> cap 8,000,000; loans 6,000,000: 2,000,000
Weekly (each Monday, read on the Monday): Mondays 3/2-3/30 read 1,500,000, not less than
1,500,000: none; 4/6, 4/13, 4/20, 4/27 read 1,400,000: due; 5/4 reads 2,000,000: none.
Monthly (15 days after the month end; 20% x 8,000,000 = 1,600,000): January 2,000,000 no;
February 1,500,000 yes, due 3/15 (a Sunday, not rolled); March 1,400,000 yes, due 4/15;
April 2,000,000 no.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pactum.evaluate import check as evaluate
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

SHEET = """\
clauses:
  - id: facility
    type: revolver
    commitment: {value: 8000000, assumed: the test's commitment}
    maturity: {value: 2017-12-31, assumed: the test's maturity}
    borrowing_base:
      classes:
        - id: accounts
          title: Eligible Accounts
          item: receivables_eligible
          rate: {value: 0.85, assumed: the test's rate}
  - id: reporting
    type: deadlines
    deadlines:
      - id: weekly_certificate
        title: Weekly borrowing base certificate
        after: {weekly: monday}
        roll: following
        while_figure:
          figure: FIGURE
          comparator: {value: less_than, assumed: the test's comparator}
          level: {value: 1500000, assumed: the test's level}
      - id: monthly_certificate
        title: Monthly borrowing base certificate
        after: {every: month_end}
        within: {days: 15}
        while_figure:
          figure: facility.availability
          comparator: {value: at_most, assumed: the test's comparator}
          level: {value: 0.20, assumed: the test's share}
          of: OF
"""

COLLATERAL = """\
as_of,item,amount
2015-01-31,receivables_eligible,10000000
2015-02-28,receivables_eligible,8000000
2015-03-31,receivables_eligible,8000000
2015-04-30,receivables_eligible,10000000
"""

LOANS = """\
as_of,revolver_outstanding,letters_of_credit,reserves
2015-01-31,6000000,0,0
2015-02-28,5300000,0,0
2015-03-31,5400000,0,0
2015-04-30,6000000,0,0
"""


def written(
    folder: Path, figure: str = "facility.availability", of: str = "facility.commitment"
) -> Path:
    write_portfolio(folder, SHEET.replace("FIGURE", figure).replace("OF", of))
    (folder / "facts" / "collateral.csv").write_text(COLLATERAL)
    (folder / "facts" / "loans.csv").write_text(LOANS)
    return folder


def dues(folder: Path, as_of: date) -> dict[str, list[date]]:
    found: dict[str, list[date]] = {}
    calendar = obligation_calendar(
        load_portfolio(folder), as_of, date(2015, 2, 1), date(2015, 5, 31)
    )
    for entry in calendar.entries:
        found.setdefault(entry.obligation.id.split("-")[0], []).append(entry.obligation.due)
    return found


def test_weekly_certificates_only_while_availability_is_below_the_level(tmp_path: Path) -> None:
    found = dues(written(tmp_path), date(2015, 6, 30))
    # exactly 1,500,000 in March is not "less than": no weekly certificate then
    assert found["weekly_certificate"] == [
        date(2015, 4, 6),
        date(2015, 4, 13),
        date(2015, 4, 20),
        date(2015, 4, 27),
    ]


def test_monthly_certificates_while_availability_is_at_most_a_share_of_the_commitment(
    tmp_path: Path,
) -> None:
    found = dues(written(tmp_path), date(2015, 6, 30))
    assert found["monthly_certificate"] == [date(2015, 3, 15), date(2015, 4, 15)]


def test_the_obligation_says_what_the_figure_was(tmp_path: Path) -> None:
    findings = evaluate(load_portfolio(written(tmp_path)), date(2015, 3, 31)).agreement("deal")
    (april,) = [o for o in findings.obligations if o.id == "monthly_certificate-2015-03-31"]
    assert (
        "facility.availability $1,400,000.00 on 2015-03-31 <= 20.00% of facility.commitment "
        "$8,000,000.00 = $1,600,000.00: holds" in april.note
    )


def test_a_condition_naming_a_figure_no_clause_computes(tmp_path: Path) -> None:
    written(tmp_path, figure="facility.excess_availability")
    # the revolver has no reporting trigger, so no excess availability: refused at load
    assert_sheet_error(
        tmp_path,
        "figure: facility.excess_availability",
        "reporting.deadlines.0.while_figure.figure",
        "figure 'facility.excess_availability', which no earlier clause computes",
        ("facility.borrowing_base, facility.line_cap, facility.availability",),
    )


def test_a_level_of_an_amount_the_sheet_does_not_have(tmp_path: Path) -> None:
    written(tmp_path, of="facility.commitments")
    assert_sheet_error(
        tmp_path,
        "of: facility.commitments",
        "reporting.deadlines.1.while_figure.of",
        "'facility.commitments'",
        ("an amount of the sheet's terms",),
    )
