"""`pactum calendar`'s listing: every obligation of the Innotrac agreements in 2003.

The 2003 count, by hand from the term sheets and the facts (window 2003-01-01 to 2003-12-31,
as known at 2003-12-31):

SouthTrust (letter of 2/18/03; nothing under it falls due before that date):
  fees       monitoring $1,555 on the 1st, March to December ............ 10
             online-reporting set-up $1,125 on 3/1/03 ....................  1
             audits $2,700 on the audit events 5/20/03 and 9/15/03 .......  2   -> 13
  reports    quarterly statements 30 days after 3/31, 6/30, 9/30
             (4/30, 7/30, 10/30; 12/31's fall on 1/30/04; 12/31/02's on
             1/30/03 is before the letter) ..............................  3
             borrowing-base reports, period by period (below) ............ 24   -> 27
  tests      quarter ends 3/31, 6/30, 9/30, 12/31 .........................  4
  maturity   6/30/05, outside the window ..................................  0
                                                                      total 44
Windham (rent roll from Lease Year 1, 4/1/03): rent on the 1st, April to December;
  lease year 2 (4/1/04) and the expansion critical date (1/31/04) are in 2004 ... 9
IPOF: the standstill runs through 8/6/06; nothing else is known at 12/31/03 .... 0
                                                                   in all 53

Borrowing-base reporting, from collateral.csv and loans.csv (rates 85% receivables, 50%
inventory, BellSouth 65% from its consent of 5/15/03; excess availability = line cap -
loans - letters of credit - reserves, as a share of the line cap; weekly at or below 15%).
The month end sets the frequency of the period up to the next month end:

  month end  facts in force              line cap      availability   share   next period
  2/28/03    2/28 rows, no consent       32,000,000    4,500,000      14.06%  March: weekly
  3/31/03    3/31 rows, no consent       31,350,000    4,600,000      14.67%  April: weekly
  4/30/03    the same                    31,350,000    4,600,000      14.67%  May: weekly
  5/31/03    3/31 rows, consent (65%)    32,850,000    6,100,000      18.57%  June: monthly
  6/30/03    6/30 rows                   33,850,000    6,100,000      18.02%  July: monthly
  7/31, 8/31 the same                                                 18.02%  Aug, Sep: monthly
  9/30/03    9/30 rows                   36,525,000    6,275,000      17.18%  Oct: monthly
  10/31/03   the same                                                 17.18%  Nov: monthly
  11/30/03   the 11/30 detail files                                    8.86%  Dec: weekly
  (the 8.86% is the collateral engine's, README and test_collateral_*; the BellSouth balance
  is cut by the 25% concentration limit)
  12/31/03   12/31 rows                  34,875,000    5,625,000      16.13%  Jan 2004: monthly

e.g. 5/31: 21,000,000 x 85% = 17,850,000; 17,000,000 x 50% + 10,000,000 x 65% = 15,000,000;
line cap 32,850,000; loans 26,000,000 + 500,000 + 250,000 = 26,750,000; 6,100,000 / 32,850,000
= 18.57%.

Weekly reports fall on Wednesdays: March 5, 12, 19, 26 (4); April 2, 9, 16, 23, 30 (5); May 7,
14, 21, 28 (4); December 3, 10, 17, 24, 31 (5): 18. Monthly reports 15 days after the month
end: June 15 (for May), July 15, August 15, September 15, October 15, November 15: 6.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import EXAMPLE
from pactum.findings import ObligationCategory
from pactum.format import sources_text
from pactum.obligations_calendar import CalendarEntry, ObligationCalendar, obligation_calendar
from pactum.portfolio import load_portfolio

YEAR_END = date(2003, 12, 31)


def year_2003(folder: Path = EXAMPLE, as_of: date = YEAR_END) -> ObligationCalendar:
    return obligation_calendar(load_portfolio(folder), as_of, date(2003, 1, 1), YEAR_END)


@pytest.fixture(scope="module")
def listing() -> ObligationCalendar:
    return year_2003()


def of(listing: ObligationCalendar, agreement: str, what: str = "") -> list[CalendarEntry]:
    return [e for e in listing.entries if e.agreement_id == agreement and what in e.obligation.what]


def wednesdays(first: date, last: date) -> list[date]:
    day = first + timedelta(days=(2 - first.weekday()) % 7)
    found = []
    while day <= last:
        found.append(day)
        day += timedelta(days=7)
    return found


def test_2003_counts_by_agreement_and_category(listing: ObligationCalendar) -> None:
    counts = Counter((e.agreement_id, e.obligation.category) for e in listing.entries)
    assert counts == {
        ("southtrust-abl", ObligationCategory.fee): 13,
        ("southtrust-abl", ObligationCategory.report): 27,
        ("southtrust-abl", ObligationCategory.covenant_test): 4,
        ("windham-lease", ObligationCategory.rent): 9,
    }
    assert len(listing.entries) == 53


def test_weekly_reports_only_in_the_weekly_periods(listing: ObligationCalendar) -> None:
    weekly = [e.obligation.due for e in of(listing, "southtrust-abl", "Weekly borrowing-base")]
    assert weekly == [
        *wednesdays(date(2003, 3, 1), date(2003, 5, 31)),
        *wednesdays(date(2003, 12, 1), date(2003, 12, 31)),
    ]
    assert len(weekly) == 4 + 5 + 4 + 5
    monthly = [e.obligation.due for e in of(listing, "southtrust-abl", "Monthly borrowing-base")]
    assert monthly == [date(2003, month, 15) for month in range(6, 12)]


def test_a_monthly_period_has_one_report(listing: ObligationCalendar) -> None:
    def reports_in(month: int) -> list[CalendarEntry]:
        return [
            e
            for e in of(listing, "southtrust-abl", "borrowing-base report")
            if e.obligation.due.month == month
        ]

    assert [len(reports_in(m)) for m in range(1, 13)] == [0, 0, 4, 5, 4, 1, 1, 1, 1, 1, 1, 5]
    [june] = reports_in(6)
    assert june.obligation.what.startswith("Monthly borrowing-base report for May 2003")
    assert "18.57% at 2003-05-31" in june.obligation.what


def test_each_weekly_report_says_which_month_end_set_it(listing: ObligationCalendar) -> None:
    by_day = {e.obligation.due: e.obligation.what for e in of(listing, "southtrust-abl")}
    assert "14.06% at 2003-02-28" in by_day[date(2003, 3, 5)]
    assert "14.67% at 2003-03-31" in by_day[date(2003, 4, 2)]
    assert "14.67% at 2003-04-30" in by_day[date(2003, 5, 28)]
    assert "8.86% at 2003-11-30" in by_day[date(2003, 12, 3)]


def test_a_weekend_date_is_listed_on_its_day_with_the_note(listing: ObligationCalendar) -> None:
    # 6/1/03 is a Sunday: June rent and the monitoring fee stay on it
    june = {
        e.agreement_id: e.obligation
        for e in listing.entries
        if e.obligation.due == date(2003, 6, 1)
    }
    assert june["windham-lease"].note == "falls on a Sunday; not rolled"
    assert june["southtrust-abl"].note == "falls on a Sunday; not rolled"
    # the monthly report for May, 5/31 + 15 days = Sunday 6/15/03
    [may_report] = of(listing, "southtrust-abl", "report for May 2003")
    assert may_report.obligation.due == date(2003, 6, 15)
    assert may_report.obligation.note == "falls on a Sunday; not rolled"
    # 9/1/03 is Labor Day in both Georgia (the letter) and Illinois (the lease)
    labor_day = [e.obligation.note for e in listing.entries if e.obligation.due == date(2003, 9, 1)]
    assert labor_day == ["falls on Labor Day; not rolled"] * 2


def test_rent_amounts_to_the_cent(listing: ObligationCalendar) -> None:
    # 3.59 x 204,307 = 733,462.13 a year; / 12 = 61,121.84; less the stated abatements
    rent = {e.obligation.due: e.obligation.amount for e in of(listing, "windham-lease")}
    assert rent[date(2003, 4, 1)] == Decimal("44936.03")  # 61,121.84 - 16,185.81
    for month in (5, 6, 7):
        assert rent[date(2003, month, 1)] == Decimal("53028.93")  # 61,121.84 - 8,092.91
    for month in range(8, 13):
        assert rent[date(2003, month, 1)] == Decimal("61121.84")
    # 44,936.03 + 3 x 53,028.93 + 5 x 61,121.84
    assert sum(a for a in rent.values() if a is not None) == Decimal("509632.02")


def test_every_entry_cites_its_clause(listing: ObligationCalendar) -> None:
    assert all(e.obligation.sources for e in listing.entries)
    april = of(listing, "windham-lease", "April 2003")[0].obligation
    assert '"1st Lease Year $3.59 per square foot"' in sources_text(april.sources)
    assert "$16,185.81 otherwise payable for April 2003" in sources_text(april.sources)
    [fee] = of(listing, "southtrust-abl", "set-up fee")
    assert sources_text(fee.obligation.sources) == (
        '"A one-time fee to set up on-line reporting of $1,125."'
    )


def test_ids_are_unique_within_each_agreement(listing: ObligationCalendar) -> None:
    uids = [e.uid for e in listing.entries]
    assert len(set(uids)) == len(uids) == 53
    assert "rent-2003-04.windham-lease@pactum" in uids


def test_later_periods_are_projected_from_the_facts_known_at_the_as_of_date() -> None:
    # as known at 6/30/03 (18.02%) every later month end is projected monthly, December too:
    # 4 + 5 + 4 weekly, then monthly reports on 6/15 ... 12/15 (7)
    listing = year_2003(as_of=date(2003, 6, 30))
    reports = of(listing, "southtrust-abl", "borrowing-base report")
    assert len(reports) == 13 + 7
    [december] = [e.obligation for e in reports if e.obligation.due.month == 12]
    assert december.due == date(2003, 12, 15)
    assert "projected for 2003-11-30 from the facts of 2003-06-30" in december.what


def test_the_facility_runs_from_the_letter_to_maturity() -> None:
    portfolio = load_portfolio(EXAMPLE)
    before = obligation_calendar(portfolio, YEAR_END, date(2003, 1, 1), date(2003, 2, 28))
    assert of(before, "southtrust-abl") == []
    around = obligation_calendar(portfolio, YEAR_END, date(2005, 6, 1), date(2005, 12, 31))
    dates = sorted({e.obligation.due for e in of(around, "southtrust-abl")})
    assert dates == [date(2005, 6, 1), date(2005, 6, 15), date(2005, 6, 30)]
    [maturity] = of(around, "southtrust-abl", "Maturity")
    assert maturity.obligation.category is ObligationCategory.end


def test_option_deadline_and_end_dates_on_a_weekend() -> None:
    portfolio = load_portfolio(EXAMPLE)
    listing = obligation_calendar(portfolio, YEAR_END, date(2004, 1, 1), date(2006, 12, 31))
    [critical] = [
        e.obligation
        for e in listing.entries
        if e.obligation.category is ObligationCategory.option_deadline
    ]
    assert critical.due == date(2004, 1, 31)  # a Saturday
    assert critical.note == "falls on a Saturday; not rolled"
    [standstill] = of(listing, "ipof-standstill")
    assert standstill.obligation.due == date(2006, 8, 6)  # a Sunday
    assert standstill.obligation.note == "falls on a Sunday; not rolled"
    assert standstill.obligation.category is ObligationCategory.end


def test_excess_availability_exactly_15_percent_makes_the_next_period_weekly(
    example: Path,
) -> None:
    # 3/31/03: 40,000,000 x 85% = 34,000,000 line cap, no inventory; loans 28,900,000:
    # availability 5,100,000 = 15.00% exactly, which is not above 15%: April is weekly
    (example / "facts" / "collateral.csv").write_text(
        "as_of,item,amount\n"
        "2003-02-28,receivables_eligible,40000000.00\n"
        "2003-03-31,receivables_eligible,40000000.00\n"
    )
    (example / "facts" / "loans.csv").write_text(
        "as_of,revolver_outstanding,letters_of_credit,reserves\n"
        "2003-02-28,20000000.00,0.00,0.00\n"
        "2003-03-31,28900000.00,0.00,0.00\n"
    )
    for name in ("receivables", "payables", "inventory"):
        for path in (example / "facts" / name).iterdir():
            path.unlink()
    listing = year_2003(example)
    reports = of(listing, "southtrust-abl", "borrowing-base report")
    # 2/28: 14,000,000 / 34,000,000 = 41.18%: one report for February, on 3/15
    assert [e.obligation.due for e in reports if e.obligation.due.month == 3] == [date(2003, 3, 15)]
    april = [e.obligation for e in reports if e.obligation.due.month == 4]
    assert [o.due for o in april] == wednesdays(date(2003, 4, 1), date(2003, 4, 30))
    assert "15.00% at 2003-03-31: not above 15.00%" in april[0].what
