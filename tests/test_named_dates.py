"""Named dates worked out by hand: fixed, from events, offsets in calendar and business days,
month edges, full calendar months, earliest-of and a time of day (US federal holidays)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bad_input_support import assert_error, check, line_number
from pactum.deadlines.schema import DeadlinesTerms
from pactum.evaluate import check as evaluate
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio
from pactum.terms.named_dates import ResolvedDate, ResolvedPeriod, Unresolved
from portfolio_support import assert_sheet_error, write_portfolio

DATES = """\
dates:
  closing: {value: 2008-01-18, cite: "dated as of January 18, 2008"}
  maturity: {after: closing, years: {value: 3, cite: "three (3) years"}}
  cutoff:
    date: {before: maturity, business_days: 5}
    at: "5:00 p.m."
    time_zone: America/New_York
  delivery: {event: delivery, estimate: {value: 2004-01-15, assumed: "the landlord's plan"}}
  opening: {event: opening, estimate: {value: 2004-06-01, assumed: "the tenant's plan"}}
  commencement:
    earliest:
      - opening
      - {after: delivery, days: {value: 120, cite: "120 days after the Delivery Date"}}
  lease_year_1_end: {full_months: 12, from: commencement}
  wednesday_before_thanksgiving: 2003-11-26
  report_due: {after: wednesday_before_thanksgiving, business_days: 2}
  new_year: 2004-01-02
  year_end_cutoff: {before: new_year, business_days: 1}
  february_end: {end_of_month: 2004-02-10}
  after_january: {after: 2004-01-31, months: 1}
  next_month: {start_of_next_month: 2004-12-31}
  eve: {day_before: 2004-03-01}
  from_the_first: {full_months: 12, from: 2003-04-01}
clauses: []
"""


def resolved(tmp_path: Path, name: str, as_of: date, events: str = "") -> ResolvedDate:
    write_portfolio(tmp_path, DATES, events=events)
    portfolio = load_portfolio(tmp_path)
    agreement = portfolio.agreements["deal"]
    found = agreement.dates(portfolio.facts.events, as_of).named_date(name)
    assert isinstance(found, ResolvedDate), found
    return found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("maturity", date(2011, 1, 18)),
        # Thursday 11/27/03 is Thanksgiving: Friday 11/28 is the first, Monday 12/1 the second
        ("report_due", date(2003, 12, 1)),
        # 1/1/04 is New Year's Day: the business day before Friday 1/2/04 is Wednesday 12/31/03
        ("year_end_cutoff", date(2003, 12, 31)),
        ("february_end", date(2004, 2, 29)),  # a leap year
        ("after_january", date(2004, 2, 29)),  # a month after 1/31 is clamped to its end
        ("next_month", date(2005, 1, 1)),
        ("eve", date(2004, 2, 29)),
        ("from_the_first", date(2004, 3, 31)),  # from the 1st, April 2003 is the first month
    ],
)
def test_fixed_rules(tmp_path: Path, name: str, expected: date) -> None:
    found = resolved(tmp_path, name, date(2003, 6, 30))
    assert found.day == expected
    assert not found.projected


def test_business_days_back_across_a_holiday_to_a_time_of_day(tmp_path: Path) -> None:
    # maturity Tuesday 1/18/11; Monday 1/17 is Martin Luther King Jr. Day: back 5 business
    # days are 1/14, 1/13, 1/12, 1/11 and Monday 1/10/11; 17:00 in New York (EST) is 22:00 UTC
    found = resolved(tmp_path, "cutoff", date(2008, 1, 18))
    assert found.day == date(2011, 1, 10)
    assert found.at is not None
    assert found.at.astimezone(UTC) == datetime(2011, 1, 10, 22, 0, tzinfo=UTC)


def test_an_event_date_is_its_estimate_until_recorded(tmp_path: Path) -> None:
    events = "- {date: 2004-01-20, agreement: deal, event: delivery}\n"
    before = resolved(tmp_path, "delivery", date(2004, 1, 19), events)
    assert (before.day, before.projected) == (date(2004, 1, 15), True)
    after = resolved(tmp_path, "delivery", date(2004, 1, 20), events)
    assert (after.day, after.projected) == (date(2004, 1, 20), False)


def test_earliest_of_an_event_and_an_offset(tmp_path: Path) -> None:
    events = "- {date: 2004-01-15, agreement: deal, event: delivery}\n"
    # delivery 1/15/04 + 120 days: 16 left in January, 29 in February (leap), 31, 30, then
    # 14 in May: 5/14/04, earlier than the opening estimated for 6/1/04, but projected:
    # the opening could still come first
    projected = resolved(tmp_path, "commencement", date(2004, 2, 1), events)
    assert (projected.day, projected.projected) == (date(2004, 5, 14), True)
    opened = events + "- {date: 2004-03-01, agreement: deal, event: opening}\n"
    settled = resolved(tmp_path, "commencement", date(2004, 3, 10), opened)
    assert (settled.day, settled.projected) == (date(2004, 3, 1), False)
    # lease year 1 runs from 3/1/04 through the last day of the 12th full month: 2/28/05
    year_end = resolved(tmp_path, "lease_year_1_end", date(2004, 3, 10), opened)
    assert year_end.day == date(2005, 2, 28)


def test_lease_year_from_mid_month(tmp_path: Path) -> None:
    # delivery 12/15/03, no opening: commencement 4/13/04 (16 + 31 + 29 + 31 + 13 = 120);
    # the first full month is May 2004, the twelfth April 2005
    events = "- {date: 2003-12-15, agreement: deal, event: delivery}\n"
    found = resolved(tmp_path, "lease_year_1_end", date(2004, 4, 20), events)
    assert found.day == date(2005, 4, 30)


CONSTRUCTION_PERIOD = """\
dates:
  effective: 1998-09-15
  construction_period_end:
    earliest:
      - {after: effective, days: 180}
      - {event: certificate_of_occupancy}
      - {event: opening}
clauses: []
"""


def test_earliest_of_a_date_and_unrecorded_events_is_at_most_the_date(tmp_path: Path) -> None:
    # Roadhouse Grill's Construction Period: the earliest of 180 days after 9/15/98 and the
    # certificate of occupancy or the opening, neither recorded nor estimated. 180 days: 15
    # left in September, 31, 30, 31, 31, 28, then 14 in March: Sunday 3/14/99. Until an event
    # is recorded the period ends then at the latest: projected, since one could come first
    write_portfolio(tmp_path, CONSTRUCTION_PERIOD)
    portfolio = load_portfolio(tmp_path)
    dates = portfolio.agreements["deal"].dates(portfolio.facts.events, date(1998, 12, 31))
    found = dates.named_date("construction_period_end")
    assert isinstance(found, ResolvedDate)
    assert (found.day, found.projected) == (date(1999, 3, 14), True)
    assert "no opening event recorded by 1998-12-31: it could only come earlier" in found.steps
    # once the 180 days have passed with neither event, the date is settled
    later = portfolio.agreements["deal"].dates(portfolio.facts.events, date(1999, 3, 15))
    settled = later.named_date("construction_period_end")
    assert isinstance(settled, ResolvedDate)
    assert (settled.day, settled.projected) == (date(1999, 3, 14), False)


def test_earliest_of_a_date_and_an_event_recorded_first(tmp_path: Path) -> None:
    events = "- {date: 1999-02-26, agreement: deal, event: certificate_of_occupancy}\n"
    write_portfolio(tmp_path, CONSTRUCTION_PERIOD, events=events)
    portfolio = load_portfolio(tmp_path)
    found = portfolio.agreements["deal"].dates(portfolio.facts.events, date(1999, 3, 1))
    period_end = found.named_date("construction_period_end")
    assert isinstance(period_end, ResolvedDate)
    assert (period_end.day, period_end.projected) == (date(1999, 2, 26), False)


def test_latest_of_a_date_and_an_unrecorded_event_waits_for_it(tmp_path: Path) -> None:
    sheet = "dates:\n  later:\n    latest: [1998-09-15, {event: opening}]\nclauses: []\n"
    write_portfolio(tmp_path, sheet)
    portfolio = load_portfolio(tmp_path)
    found = portfolio.agreements["deal"].dates(portfolio.facts.events, date(1999, 1, 1))
    assert found.named_date("later") == Unresolved("no opening event recorded by 1999-01-01")


def test_unrecorded_event_without_an_estimate_is_unresolved(tmp_path: Path) -> None:
    write_portfolio(
        tmp_path,
        "dates:\n  delivery: {event: delivery}\nclauses: []\n",
    )
    portfolio = load_portfolio(tmp_path)
    resolver = portfolio.agreements["deal"].dates(portfolio.facts.events, date(2004, 1, 1))
    assert resolver.named_date("delivery") == Unresolved("no delivery event recorded by 2004-01-01")


# ---- bad input: exit 2, one line naming file, line, field, found and expected ----


@pytest.mark.parametrize(
    ("dates", "on_line_with", "field", "found", "expected"),
    [
        (
            "  a: {after: b, days: 1}\n  b: {after: a, days: 1}\n",
            "a: {after",
            "dates.a",
            ("defined through itself", "a -> b -> a"),
            ("worked out from other dates",),
        ),
        (
            "  maturity: {after: closing, years: 3}\n",
            "maturity:",
            "dates.maturity.after",
            "unknown date 'closing'",
            ("one of maturity",),
        ),
        (
            "  closing: 2008-01-18\n  later: {after: closing, fortnights: 2}\n",
            "later:",
            "dates.later",
            "fortnights",
            ("days", "business_days", "months", "years"),
        ),
        # YAML 1.1 reads 17:00 unquoted as the number 1020 (base 60): the loader refuses it
        (
            "  cutoff: {date: 2008-01-18, at: 17:00, time_zone: America/New_York}\n",
            "cutoff:",
            "YAML",
            "'17:00'",
            ("quote it",),
        ),
        (
            "  cutoff: {date: 2008-01-18, at: '17:00', time_zone: Mars/Olympus}\n",
            "cutoff:",
            "dates.cutoff.time_zone",
            "Mars/Olympus",
            ("an IANA name",),
        ),
    ],
    ids=["through itself", "unknown name", "unknown unit", "unquoted time", "unknown zone"],
)
def test_bad_dates(
    tmp_path: Path,
    dates: str,
    on_line_with: str,
    field: str,
    found: str | tuple[str, ...],
    expected: tuple[str, ...],
) -> None:
    write_portfolio(tmp_path, "dates:\n" + dates + "clauses: []\n")
    assert_sheet_error(tmp_path, on_line_with, field, found, expected)


def test_an_event_no_date_reads(tmp_path: Path) -> None:
    events = "- {date: 2004-01-20, agreement: deal, event: delivery}\n"
    write_portfolio(tmp_path, "clauses: []\n", events=events)
    assert_error(
        check(tmp_path),
        tmp_path,
        "facts/events.yaml",
        unit="line",
        number=1,
        field="event",
        found="delivery",
        expected=("an event one of the agreement's clauses reads",),
    )


# ---- a clause's date written as a rule ----

FACILITY = """\
dates:
  closing: {event: closing, estimate: {value: 2008-01-18, assumed: the expected closing}}
clauses:
  - id: facility
    type: revolver
    commitment: 10000000
    maturity: {after: closing, years: 3}
"""


def maturity(tmp_path: Path, as_of: date) -> tuple[object, str]:
    write_portfolio(
        tmp_path, FACILITY, events="- {date: 2008-02-04, agreement: deal, event: closing}\n"
    )
    found = evaluate(load_portfolio(tmp_path), as_of).agreement("deal")
    value = next(v for v in found.values if v.id == "maturity")
    assert value.trace is not None
    return value.value, " ".join(s.assumed or "" for s in value.trace.sources)


def test_a_clause_date_moves_when_its_event_is_recorded(tmp_path: Path) -> None:
    # before the closing is recorded: three years after the estimate, and projected
    before, how = maturity(tmp_path, date(2008, 1, 31))
    assert before == date(2011, 1, 18)
    assert "projected" in how and "closing not recorded" in how
    # once it is: three years after 2/4/08
    after, how = maturity(tmp_path, date(2008, 2, 5))
    assert after == date(2011, 2, 4)
    assert "projected" not in how and "closing recorded on 2008-02-04" in how


def test_a_clause_date_waiting_on_an_event_with_no_estimate(tmp_path: Path) -> None:
    sheet = FACILITY.replace(
        "{event: closing, estimate: {value: 2008-01-18, assumed: the expected closing}}",
        "{event: closing}",
    )
    path = write_portfolio(tmp_path, sheet)
    assert_error(
        check(tmp_path),
        tmp_path,
        "agreements/deal.yaml",
        unit="line",
        number=line_number(path.read_text(), "id: facility"),
        field="facility",
        found="no closing event recorded",
        expected=("give an event date an estimate",),
    )


FEES = """\
  - id: fees
    type: fees
    ends: {ends}
    fees:
      - id: monitoring
        title: Monthly monitoring fee
        amount: 1000
        every: month
        day_of_month: 1
"""


@pytest.mark.parametrize("ends", ["facility.maturity", "maturity"])
def test_fees_run_to_a_date_that_moves_with_its_event(tmp_path: Path, ends: str) -> None:
    sheet = FACILITY.replace("dates:\n", "dates:\n  maturity: {after: closing, years: 3}\n")
    write_portfolio(
        tmp_path,
        sheet + FEES.format(ends=ends),
        events="- {date: 2008-02-04, agreement: deal, event: closing}\n",
    )
    portfolio = load_portfolio(tmp_path)

    def fee_dues(as_of: date) -> list[date]:
        calendar = obligation_calendar(portfolio, as_of, date(2011, 1, 1), date(2011, 3, 31))
        return [e.obligation.due for e in calendar.entries if e.obligation.clause == "fees"]

    # maturity 1/18/11 from the estimated closing: the 2/1/11 fee falls after it
    assert fee_dues(date(2008, 1, 31)) == [date(2011, 1, 1)]
    # closing recorded 2/4/08: maturity 2/4/11, so the 2/1/11 fee is due too
    assert fee_dues(date(2008, 2, 5)) == [date(2011, 1, 1), date(2011, 2, 1)]


# ---- periods ----


def period_on(tmp_path: Path, written: str, as_of: date, events: str = "") -> ResolvedPeriod:
    """A deadline's `during:` period, worked out on `as_of`."""
    sheet = (
        "dates:\n  commencement: {event: commencement, estimate: 2020-09-15}\n"
        "clauses:\n  - id: reports\n    type: deadlines\n    deadlines:\n"
        "      - id: r\n        title: R\n        after: {every: month_end}\n"
        f"        during: {written}\n"
    )
    write_portfolio(tmp_path, sheet, events=events)
    portfolio = load_portfolio(tmp_path)
    agreement = portfolio.agreements["deal"]
    terms = agreement.clauses[0].terms
    assert isinstance(terms, DeadlinesTerms) and terms.deadlines[0].during is not None
    return agreement.dates(portfolio.facts.events, as_of).period(terms.deadlines[0].during)


def test_the_first_full_months_of_a_term_starting_mid_month(tmp_path: Path) -> None:
    # commencement 9/15/20 (estimated): the first full month is October 2020; the twelfth
    # September 2021
    found = period_on(tmp_path, "{first_full_months: 12, from: commencement}", date(2020, 9, 1))
    assert (found.start, found.end, found.projected) == (date(2020, 10, 1), date(2021, 9, 30), True)
    # recorded on 11/1/20, the 1st: November is the first full month
    recorded = "- {date: 2020-11-01, agreement: deal, event: commencement}\n"
    found = period_on(
        tmp_path, "{first_full_months: 12, from: commencement}", date(2020, 11, 2), recorded
    )
    assert (found.start, found.end, found.projected) == (
        date(2020, 11, 1),
        date(2021, 10, 31),
        False,
    )


def test_a_period_open_until_its_event(tmp_path: Path) -> None:
    written = "{start: 2020-01-01, end: {event: completion}}"
    found = period_on(tmp_path, written, date(2020, 6, 30))
    assert (found.start, found.end, found.projected) == (date(2020, 1, 1), None, True)
    assert found.holds(date(2030, 1, 1))
    completed = "- {date: 2020-08-14, agreement: deal, event: completion}\n"
    found = period_on(tmp_path, written, date(2020, 9, 1), completed)
    assert (found.end, found.projected) == (date(2020, 8, 14), False)
    assert not found.holds(date(2020, 8, 15))


def test_a_period_in_two_forms_at_once(tmp_path: Path) -> None:
    write_portfolio(
        tmp_path,
        "clauses:\n  - id: reports\n    type: deadlines\n    deadlines:\n"
        "      - id: r\n        title: R\n        after: {every: month_end}\n"
        "        during: {start: 2020-01-01, first_full_months: 3, from: 2020-01-01}\n",
    )
    assert_sheet_error(
        tmp_path,
        "during:",
        "reports.deadlines.0.during",
        "first_full_months",
        ("either `start` and/or `end`, or `first_full_months: N` with `from: X`",),
    )
