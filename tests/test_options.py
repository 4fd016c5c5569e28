"""The `options` clause type, worked by hand: a renewal option exercisable "not earlier than
fifteen (15) months and not later than twelve (12) months prior to the expiration" of a term
expiring 3/31/2013, so a window from 12/31/2011 through Saturday 3/31/2012."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bad_input_support import assert_error, check, line_number
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Severity
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio
from portfolio_support import write_portfolio

SHEET = """\
dates:
  expiration: {value: 2013-03-31, cite: "expire on March 31, 2013"}
clauses:
  - id: options
    type: options
    options:
      - id: renewal
        kind: renewal
        title: Renewal option
        window:
          opens: {before: expiration, months: {value: 15, cite: "fifteen (15) months"}}
          closes: {before: expiration, months: {value: 12, cite: "twelve (12) months"}}
        conditions:
          - cite: "provided that no Event of Default then exists"
        brings: {note: a new five-year term}
"""
DOCUMENT = (
    "The term shall expire on March 31, 2013. Tenant may renew the term not earlier than "
    "fifteen (15) months and not later than twelve (12) months prior to the expiration, "
    "provided that no Event of Default then exists."
)


def findings(
    tmp_path: Path, as_of: date, events: str = "", sheet: str = SHEET
) -> AgreementFindings:
    write_portfolio(tmp_path, sheet, DOCUMENT, events=events)
    return evaluate(load_portfolio(tmp_path), as_of).agreement("deal")


def status(found: AgreementFindings) -> str:
    return str(next(v.value for v in found.values if v.id == "option-renewal"))


def test_each_status_of_the_window(tmp_path: Path) -> None:
    assert status(findings(tmp_path, date(2011, 12, 30))) == "not yet open"
    assert status(findings(tmp_path, date(2011, 12, 31))) == "open"  # opens that day
    assert status(findings(tmp_path, date(2012, 3, 31))) == "open"  # closes that day
    assert status(findings(tmp_path, date(2012, 4, 1))) == "lapsed"


def test_exercised_and_waived(tmp_path: Path) -> None:
    exercised = "- {date: 2012-02-15, agreement: deal, event: option_exercised, option: renewal}\n"
    assert status(findings(tmp_path, date(2012, 2, 14), exercised)) == "open"
    after = findings(tmp_path, date(2012, 2, 15), exercised)
    assert status(after) == "exercised"
    assert not [o for o in after.obligations if o.clause == "options"]  # nothing left to do
    waived = "- {date: 2012-01-10, agreement: deal, event: option_waived, option: renewal}\n"
    assert status(findings(tmp_path, date(2012, 6, 1), waived)) == "waived"


def test_an_exercise_before_the_window_opens_is_not_valid(tmp_path: Path) -> None:
    early = "- {date: 2011-11-01, agreement: deal, event: option_exercised, option: renewal}\n"
    found = findings(tmp_path, date(2011, 11, 2), early)
    assert status(found) == "not yet open"
    (alert,) = [a for a in found.alerts if "not a valid exercise" in a.message]
    assert alert.severity is Severity.critical
    assert "from 2011-12-31 through 2012-03-31" in alert.message


def lead_alert(found: AgreementFindings) -> tuple[Severity, str] | None:
    hits = [a for a in found.alerts if "-day alert" in a.message]
    return (hits[0].severity, hits[0].message) if hits else None


def test_critical_date_alerts_at_their_lead_times(tmp_path: Path) -> None:
    # 10/3/11 to 3/31/12: 28 + 30 + 31 + 31 + 29 (2012 is a leap year) + 31 = 180 days
    assert lead_alert(findings(tmp_path, date(2011, 10, 2))) is None  # 181 days
    severity, message = lead_alert(findings(tmp_path, date(2011, 10, 3))) or (None, "")
    assert severity is Severity.info
    assert "180 days away (the 180-day alert)" in message
    # 1/1/12 to 3/31/12: 30 + 29 + 31 = 90 days
    severity, message = lead_alert(findings(tmp_path, date(2012, 1, 1))) or (None, "")
    assert severity is Severity.warning
    assert "90 days away (the 90-day alert)" in message
    assert "no Event of Default" in message
    severity, message = lead_alert(findings(tmp_path, date(2012, 3, 31))) or (None, "")
    assert severity is Severity.critical
    assert "0 days away (the 30-day alert)" in message


def test_the_calendar_lists_the_window_and_its_alert_dates(tmp_path: Path) -> None:
    write_portfolio(tmp_path, SHEET, DOCUMENT)
    calendar = obligation_calendar(
        load_portfolio(tmp_path), date(2011, 6, 30), date(2011, 1, 1), date(2012, 12, 31)
    )
    listed = [(e.obligation.due, e.obligation.id) for e in calendar.entries]
    assert listed == [
        (date(2011, 10, 3), "option-renewal-alert-180"),
        (date(2011, 12, 31), "option-renewal-opens"),
        (date(2012, 1, 1), "option-renewal-alert-90"),
        (date(2012, 3, 1), "option-renewal-alert-30"),
        (date(2012, 3, 31), "option-renewal-closes"),
    ]


def test_a_window_rolled_off_a_saturday(tmp_path: Path) -> None:
    sheet = SHEET.replace("        conditions:", "        roll: following\n        conditions:")
    # Saturday 3/31/12 rolls to Monday 4/2/12
    assert status(findings(tmp_path, date(2012, 4, 2), sheet=sheet)) == "open"
    assert status(findings(tmp_path, date(2012, 4, 3), sheet=sheet)) == "lapsed"


def test_a_window_that_closes_before_it_opens(tmp_path: Path) -> None:
    sheet = SHEET.replace('months: {value: 15, cite: "fifteen (15) months"}', "months: 9")
    path = write_portfolio(tmp_path, sheet, DOCUMENT)
    assert_error(
        check(tmp_path),
        tmp_path,
        "agreements/deal.yaml",
        unit="line",
        number=line_number(path.read_text(), "opens: {before"),
        field="options.options.0.window",
        found=("closes 2012-03-31", "opens 2012-06-30"),
        expected=("opens on or before",),
    )


def test_an_event_for_an_unknown_option(tmp_path: Path) -> None:
    events = "- {date: 2012-02-15, agreement: deal, event: option_exercised, option: renewl}\n"
    write_portfolio(tmp_path, SHEET, DOCUMENT, events=events)
    assert_error(
        check(tmp_path),
        tmp_path,
        "facts/events.yaml",
        unit="line",
        number=1,
        field="option",
        found="'renewl'",
        expected=("renewal",),
    )
