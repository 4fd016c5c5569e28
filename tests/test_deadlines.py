"""The `deadlines` clause type, worked by hand on the US federal calendar (2003: Veterans Day
11/11, Thanksgiving 11/27; 2004: New Year's Day 1/1, Martin Luther King Jr. Day 1/19)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bad_input_support import check
from pactum.evaluate import check as evaluate
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

NOTICES = """\
  - id: notices
    type: notices
    methods:
      mail:
        title: certified mail
        deemed_given: business_days
        business_days: 3
    recipients:
      - id: lender
        party: the Lender
        name: First Bank
        lines: [1 Main Street]
"""

SHEET = (
    """\
dates:
  closing: {event: closing, estimate: 2003-12-31}
clauses:
"""
    + NOTICES
    + """\
  - id: reporting
    type: deadlines
    deadlines:
      - id: borrowing_base_certificate
        title: Monthly borrowing base certificate
        after: {every: month_end}
        within: {business_days: 15}
        only_while: advances_outstanding
        category: report
      - id: cure
        title: Cure the payment default
        after: {notice: default}
        within: {business_days: 5}
      - id: form_8k
        title: Form 8-K on the closing
        after: {event: closing}
        within: {business_days: 2}
      - id: compliance_certificate
        title: Quarterly compliance certificate
        after: {every: quarter_end}
        within: {days: 45}
        roll: following
        during: {start: 2003-07-01}
"""
)

LOANS = """\
as_of,revolver_outstanding,letters_of_credit,reserves
2003-10-31,1000000.00,0,0
2003-11-30,0.00,0,0
2003-12-31,500000.00,0,0
"""

EVENTS = """\
- {date: 2003-11-24, agreement: deal, event: notice, method: mail, about: default}
- {date: 2003-12-31, agreement: deal, event: closing}
"""


def dues(folder: Path, as_of: date, start: date, end: date) -> dict[str, list[date]]:
    portfolio = load_portfolio(folder)
    found: dict[str, list[date]] = {}
    for entry in obligation_calendar(portfolio, as_of, start, end).entries:
        found.setdefault(entry.obligation.id.rsplit("-", 3)[0], []).append(entry.obligation.due)
    return found


def written_portfolio(tmp_path: Path, sheet: str = SHEET, events: str = EVENTS) -> Path:
    write_portfolio(tmp_path, sheet, events=events)
    (tmp_path / "facts" / "loans.csv").write_text(LOANS, encoding="utf-8")
    return tmp_path


def test_a_monthly_report_due_in_business_days_only_while_advances_are_outstanding(
    tmp_path: Path,
) -> None:
    folder = written_portfolio(tmp_path)
    found = dues(folder, date(2004, 1, 31), date(2003, 11, 1), date(2004, 1, 31))
    # 10/31 + 15 business days, skipping Veterans Day: 11/24/03. Nothing was outstanding at
    # 11/30, so November's report (12/19) is not required. 12/31 + 15, skipping 1/1 and
    # 1/19: 1/23/04
    assert found["borrowing_base_certificate"] == [date(2003, 11, 24), date(2004, 1, 23)]


def test_a_period_not_yet_ended_reads_only_what_is_known(tmp_path: Path) -> None:
    folder = written_portfolio(tmp_path)
    # on 11/26/03 the 11/30 balance (nothing outstanding) is not known yet: the latest known,
    # 1,000,000 at 10/31, makes November's certificate projected as due, 15 business days
    # after 11/30 (12/1-12/5, 12/8-12/12, 12/15-12/19): 12/19/03
    findings = evaluate(load_portfolio(folder), date(2003, 11, 26)).agreement("deal")
    november = next(
        o for o in findings.obligations if o.id == "borrowing_base_certificate-2003-11-30"
    )
    assert november.due == date(2003, 12, 19)
    assert (
        "outstanding 1,000,000.00 at 2003-10-31 (known on 2003-11-26; projected)" in november.note
    )


def test_a_cure_period_runs_from_the_notice_deemed_given(tmp_path: Path) -> None:
    folder = written_portfolio(tmp_path)
    # mailed Monday 11/24/03, given 3 business days later skipping Thanksgiving: Friday
    # 11/28; 5 business days later: Friday 12/5/03
    found = dues(folder, date(2003, 12, 1), date(2003, 11, 1), date(2003, 12, 31))
    assert found["cure"] == [date(2003, 12, 5)]
    # sent but not yet deemed given: the rule already fixes the day, and the note says so
    sent = evaluate(load_portfolio(folder), date(2003, 11, 26)).agreement("deal")
    cure = next(o for o in sent.obligations if o.what.startswith("Cure"))
    assert cure.due == date(2003, 12, 5)
    assert "notice of default to be deemed given 2003-11-28" in cure.note
    # before the notice is sent, nothing runs
    early = dues(folder, date(2003, 11, 21), date(2003, 11, 1), date(2003, 12, 31))
    assert "cure" not in early


def test_an_event_deadline_across_new_year(tmp_path: Path) -> None:
    folder = written_portfolio(tmp_path)
    # closing recorded Wednesday 12/31/03: 1/1/04 is a holiday; Friday 1/2 is the first
    # business day after, Monday 1/5 the second
    found = dues(folder, date(2004, 1, 2), date(2003, 12, 1), date(2004, 1, 31))
    assert found["form_8k"] == [date(2004, 1, 5)]


def test_a_rolled_deadline_and_its_note(tmp_path: Path) -> None:
    folder = written_portfolio(tmp_path)
    # 9/30/03 + 45 days = Friday 11/14/03; 12/31/03 + 45 days = Saturday 2/14/04, rolled
    # to Monday 2/16/04? No: 2/16/04 is Presidents' Day, so the following business day is
    # Tuesday 2/17/04
    found = dues(folder, date(2003, 10, 1), date(2003, 10, 1), date(2004, 2, 29))
    assert found["compliance_certificate"] == [date(2003, 11, 14), date(2004, 2, 17)]
    findings = evaluate(load_portfolio(folder), date(2004, 2, 1)).agreement("deal")
    certificate = next(o for o in findings.obligations if o.what.startswith("Quarterly"))
    assert certificate.due == date(2004, 2, 17)
    assert certificate.clause == "reporting"
    assert "rolled from 2004-02-14 (Saturday; following)" in certificate.note
    assert "45 days after the fiscal quarter ended 2003-12-31" in certificate.note


def test_a_deadline_exactly_on_the_as_of_date_is_listed(tmp_path: Path) -> None:
    folder = written_portfolio(tmp_path)
    findings = evaluate(load_portfolio(folder), date(2003, 11, 24)).agreement("deal")
    dues_listed = [o.due for o in findings.obligations if o.what.startswith("Monthly")]
    assert dues_listed[0] == date(2003, 11, 24)


@pytest.mark.parametrize(
    ("written", "instead", "field", "found", "expected"),
    [
        (
            "after: {event: closing}",
            "after: {event: closng}",
            "reporting.deadlines.2.after.event",
            "'closng'",
            ("closing", "notice"),
        ),
        (
            "within: {business_days: 2}",
            "within: {business_days: 2, days: 2}",
            "reporting.deadlines.2.within",
            "2",
            ("either `days: N` or `business_days: N`",),
        ),
    ],
    ids=["an event nothing reads", "two units"],
)
def test_bad_deadlines(
    tmp_path: Path, written: str, instead: str, field: str, found: str, expected: tuple[str, ...]
) -> None:
    folder = written_portfolio(tmp_path, SHEET.replace(written, instead))
    assert_sheet_error(folder, instead, field, found, expected)


def test_two_deadlines_with_one_id(tmp_path: Path) -> None:
    folder = written_portfolio(tmp_path, SHEET.replace("- id: form_8k", "- id: cure"))
    result = check(folder)
    assert result.exit_code == 2
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert "reporting.deadlines" in line and "a second deadline with id 'cure'" in line


# ---- weekly: "On the first Business Day of each week" (Quest Solution, Section 5.2) ----------

WEEKLY = """\
clauses:
  - id: reporting
    type: deadlines
    deadlines:
      - id: weekly_certificate
        title: Weekly borrowing base certificate
        after:
          weekly: {value: monday, cite: "On the first Business Day of each week"}
        roll: following
        category: report
"""


def test_a_weekly_report_on_the_first_business_day_of_each_week(tmp_path: Path) -> None:
    write_portfolio(tmp_path, WEEKLY, document="On the first Business Day of each week.")
    found = dues(tmp_path, date(2015, 1, 1), date(2015, 1, 1), date(2015, 2, 28))
    # each Monday of January and February 2015; Martin Luther King Jr. Day (1/19) and
    # Washington's Birthday (2/16) roll to the Tuesday
    assert found["weekly_certificate"] == [
        date(2015, 1, 5),
        date(2015, 1, 12),
        date(2015, 1, 20),
        date(2015, 1, 26),
        date(2015, 2, 2),
        date(2015, 2, 9),
        date(2015, 2, 17),
        date(2015, 2, 23),
    ]


def test_the_weekly_quote_verifies(tmp_path: Path) -> None:
    from pactum.verify import verify_portfolio

    write_portfolio(tmp_path, WEEKLY, document="On the first Business Day of each week.")
    report = verify_portfolio(load_portfolio(tmp_path))
    assert [f for f in report.findings if f.status == "fail"] == []


def test_each_of_the_first_three_fiscal_quarters(tmp_path: Path) -> None:
    # "within 45 days after the end of each of the first three fiscal quarters", during the
    # period from 7/1/03: 9/30/03 + 45 = 11/14/03 and 3/31/04 + 45 = 5/15/04, a Saturday,
    # rolled following to Monday 5/17/04; not 12/31/03 (2/14/04), whose annual statements
    # come later
    sheet = SHEET.replace(
        "        after: {every: quarter_end}\n        within: {days: 45}",
        "        after: {every: quarter_end, except_fiscal_year_end: true}\n"
        "        within: {days: 45}",
    )
    folder = written_portfolio(tmp_path, sheet)
    found = dues(folder, date(2004, 6, 30), date(2003, 1, 1), date(2004, 6, 30))
    assert found["compliance_certificate"] == [date(2003, 11, 14), date(2004, 5, 17)]


# ---- a deadline while a state events set holds ---------------------------------------------------

STATE = """\
clauses:
  - id: reporting
    type: deadlines
    deadlines:
      - id: monthly_statements
        title: Monthly financial statements
        after: {every: month_end}
        within: {days: 20}
        while_event: {after: refinancing_failed, until: refinancing_consummated}
"""

STATE_EVENTS = """\
- {date: 2008-04-01, agreement: deal, event: refinancing_failed}
- {date: 2008-07-15, agreement: deal, event: refinancing_consummated}
"""


def test_monthly_statements_only_while_the_refinancing_has_failed(tmp_path: Path) -> None:
    # "if the refinancing is not consummated ... within twenty (20) days after the end of each
    # such month" (Chesapeake No. 5): required for the months ended 4/30, 5/31 and 6/30/08
    # (+20: 5/20, 6/20, 7/20); not for March (before the failure) nor July (consummated 7/15)
    write_portfolio(tmp_path, STATE, events=STATE_EVENTS)
    found = dues(tmp_path, date(2008, 12, 31), date(2008, 3, 1), date(2008, 9, 30))
    assert found["monthly_statements"] == [date(2008, 5, 20), date(2008, 6, 20), date(2008, 7, 20)]


def test_a_state_not_yet_known_is_not_required(tmp_path: Path) -> None:
    # on 3/31/08 no failure is recorded: nothing is due, and the note says why
    write_portfolio(tmp_path, STATE, events=STATE_EVENTS)
    findings = evaluate(load_portfolio(tmp_path), date(2008, 3, 31)).agreement("deal")
    assert [o for o in findings.obligations if o.what == "Monthly financial statements"] == []


# A deadline met by a recorded event but with nothing emitted when missed (`met_by` without
# `if_missed`): the 8-K is due two business days after the closing of Wednesday 12/31/03:
# 1/1/04 is a holiday, so Friday 1/2 and Monday 1/5/04.
MET_BY_SHEET = """\
dates:
  closing: {event: closing, estimate: 2003-12-31}
clauses:
  - id: reporting
    type: deadlines
    deadlines:
      - id: form_8k
        title: Form 8-K on the closing
        after: {event: closing}
        within: {business_days: 2}
        met_by: form_8k_filed
"""
CLOSING = "- {date: 2003-12-31, agreement: deal, event: closing}\n"


def _deadline_alerts(folder: Path, as_of: date) -> list[tuple[str, str]]:
    found = evaluate(load_portfolio(folder), as_of).agreement("deal")
    return [(a.severity.value, a.message) for a in found.alerts if "8-K" in a.message]


def test_a_missed_deadline_without_if_missed_is_a_warning_naming_it_and_its_day(
    tmp_path: Path,
) -> None:
    folder = written_portfolio(tmp_path, MET_BY_SHEET, CLOSING)
    missed = (
        "warning",
        "Form 8-K on the closing: due 2004-01-05 (closing recorded 2003-12-31); "
        "no form_8k_filed recorded by then: missed.",
    )
    # on its day it is still due (0 days away), not missed
    assert _deadline_alerts(folder, date(2004, 1, 5)) == [
        (
            "warning",
            "Form 8-K on the closing: due 2004-01-05 (closing recorded 2003-12-31), 0 days away.",
        )
    ]
    assert _deadline_alerts(folder, date(2004, 1, 6)) == [missed]
    # bounded look-back: 1/5/04 + 365 days is 1/4/05 (2004 is a leap year): the last day
    # it is still said; from 1/5/05 it is not
    assert _deadline_alerts(folder, date(2005, 1, 4)) == [missed]
    assert _deadline_alerts(folder, date(2005, 1, 5)) == []


def test_a_deadline_met_on_its_day_gives_no_alert_one_met_late_still_missed(
    tmp_path: Path,
) -> None:
    on_time = CLOSING + "- {date: 2004-01-05, agreement: deal, event: form_8k_filed}\n"
    folder = written_portfolio(tmp_path / "on_time", MET_BY_SHEET, on_time)
    assert _deadline_alerts(folder, date(2004, 1, 6)) == []
    late = CLOSING + "- {date: 2004-01-06, agreement: deal, event: form_8k_filed}\n"
    folder = written_portfolio(tmp_path / "late", MET_BY_SHEET, late)
    [(severity, message)] = _deadline_alerts(folder, date(2004, 1, 7))
    assert severity == "warning" and message.endswith("no form_8k_filed recorded by then: missed.")
