"""The `options` clause type, worked by hand: a renewal option exercisable "not earlier than
fifteen (15) months and not later than twelve (12) months prior to the expiration" of a term
expiring 3/31/2013, so a window from 12/31/2011 through Saturday 3/31/2012."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bad_input_support import assert_error, check, line_number
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Severity
from pactum.findings_json import serialise
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


# ---- exercised by another clause's event; what exercising brings -------------------------------
#
# Novavax's lease of One Taft Court (corpus: lease/novavax-one-taft-court-...): the term ends
# March 31, 2000 "with an option for an additional five years at the same terms and conditions",
# on written notice "six (6) months prior to the expiration": by Thursday September 30, 1999.
# Notices go by certified or registered mail, served the day they are posted. Novavax's letter
# exercising the option is dated September 29, 1999. The rent rises 3% a year: year 5 is
# $178,427.48, so at the same terms the first extension year's is 178,427.48 x 1.03 =
# 183,780.3044 -> $183,780.30 (the corpus README's reading; the lease does not say it).

EXTENSION = """\
dates:
  expiration: {value: 2000-03-31, cite: "terminating on the 31st day of March, 2000"}
clauses:
  - id: notices
    type: notices
    methods:
      mail:
        title: certified or registered United States Mail
        deemed_given: business_days
        business_days: 0
    recipients:
      - id: landlord
        party: the Landlord
        name: W.M. RICKMAN CONSTRUCTION CO.
        lines: [15215 SHADY GROVE ROAD]
  - id: options
    type: options
    options:
      - id: extension
        kind: extension
        title: Extension option (five years)
        window:
          closes: {before: expiration, months: {value: 6, cite: "six (6) months prior"}}
        exercised_by: {event: notice, where: {about: extension}}
        conditions:
          - cite: "the Tenant is not in default"
        outcomes:
          - id: annual_rent
            title: Minimum rent, first extension year
            if_exercised:
              amount:
                value: 183780.30
                assumed: "the same terms: year 5's $178,427.48 increased by 3%"
              provision: {cite: "at the same terms and conditions in this lease"}
"""
EXTENSION_DOCUMENT = (
    "terminating on the 31st day of March, 2000 with an option for an additional five years "
    "at the same terms and conditions in this lease, provided that TENANT shall have given the "
    "LANDLORD written notice of TENANT's intention to do so six (6) months prior to the "
    "expiration of this lease and that the Tenant is not in default of the Lease."
)


def notice(day: str, about: str) -> str:
    return (
        f"- {{date: {day}, agreement: deal, event: notice, method: mail, to: landlord, "
        f"about: {about}}}\n"
    )


def extension(tmp_path: Path, as_of: date, events: str = "") -> AgreementFindings:
    write_portfolio(tmp_path, EXTENSION, EXTENSION_DOCUMENT, events=events)
    return evaluate(load_portfolio(tmp_path), as_of).agreement("deal")


def rent(found: AgreementFindings) -> tuple[str | None, str | None]:
    return (
        serialise(found.value("option-extension-annual_rent")),
        serialise(found.value("option-extension-annual_rent-status")),
    )


def test_exercised_by_a_notice_about_the_option(tmp_path: Path) -> None:
    letter = notice("1999-09-29", "extension")
    before = extension(tmp_path, date(1999, 9, 28), letter)
    assert str(before.value("option-extension").value) == "open"
    assert rent(before) == (None, "open")
    [closes] = [o for o in before.obligations if o.id == "option-extension-closes"]
    # a Thursday: how it was worked out, and nothing about the calendar
    assert closes.due == date(1999, 9, 30)
    assert closes.note == "6 months before 2000-03-31 = 1999-09-30"
    assert "Minimum rent, first extension year: $183,780.30 if exercised" in closes.what
    found = extension(tmp_path, date(1999, 9, 29), letter)
    assert str(found.value("option-extension").value) == "exercised"
    assert rent(found) == ("183780.30", "exercised")
    trace = found.value("option-extension-annual_rent").trace
    assert trace is not None
    assert trace.formula.startswith("exercised by notice on 1999-09-29")
    assert [s.quote or s.assumed for s in trace.sources] == [
        "the same terms: year 5's $178,427.48 increased by 3%",
        "at the same terms and conditions in this lease",
    ]
    assert not [o for o in found.obligations if o.clause == "options"]


def test_a_notice_about_something_else_exercises_nothing(tmp_path: Path) -> None:
    # the condition on the event's field is not met: the option runs out on 9/30/99, and
    # with nothing to decide it after a lapse there is no extension rent
    letter = notice("1999-09-29", "default")
    assert rent(extension(tmp_path, date(1999, 9, 30), letter)) == (None, "open")
    found = extension(tmp_path, date(1999, 10, 1), letter)
    assert str(found.value("option-extension").value) == "lapsed"
    assert rent(found) == (None, "lapsed")


def test_a_notice_after_the_window_is_no_exercise(tmp_path: Path) -> None:
    found = extension(tmp_path, date(1999, 10, 4), notice("1999-10-01", "extension"))
    assert str(found.value("option-extension").value) == "lapsed"
    assert rent(found) == (None, "lapsed")
    trace = found.value("option-extension").trace
    assert trace is not None
    assert dict(trace.inputs)["not an exercise 1"] == (
        "notice on 1999-10-01 (events.yaml:1), outside the window through 1999-09-30"
    )
    # an event of its own, not an `option_exercised`: no critical alert
    assert not [a for a in found.alerts if a.severity is Severity.critical]


def test_option_exercised_still_exercises_an_option_with_exercised_by(tmp_path: Path) -> None:
    exercised = (
        "- {date: 1999-09-15, agreement: deal, event: option_exercised, option: extension}\n"
    )
    assert rent(extension(tmp_path, date(1999, 9, 15), exercised)) == ("183780.30", "exercised")


def test_exercised_by_an_event_nothing_reads(tmp_path: Path) -> None:
    # without the notices clause no clause reads `notice` events
    sheet = (
        EXTENSION[: EXTENSION.index("  - id: notices")]
        + EXTENSION[EXTENSION.index("  - id: options") :]
    )
    path = write_portfolio(tmp_path, sheet, EXTENSION_DOCUMENT)
    assert_error(
        check(tmp_path),
        tmp_path,
        "agreements/deal.yaml",
        unit="line",
        number=line_number(path.read_text(), "exercised_by:"),
        field="options.options.0.exercised_by.event",
        found=("event 'notice'", "no clause reads"),
        expected=("option_exercised", "option_waived"),
    )


def test_an_outcome_decided_by_an_event_nothing_reads(tmp_path: Path) -> None:
    sheet = EXTENSION + (
        "            after_lapse:\n"
        "              - id: holdover\n"
        "                by: {event: holdover, where: {note: month to month}}\n"
    )
    path = write_portfolio(tmp_path, sheet, EXTENSION_DOCUMENT)
    assert_error(
        check(tmp_path),
        tmp_path,
        "agreements/deal.yaml",
        unit="line",
        number=line_number(path.read_text(), "{event: holdover"),
        field="options.options.0.outcomes.0.after_lapse.0.by.event",
        found=("event 'holdover'", "no clause reads"),
        expected=("notice", "option_exercised"),
    )


def test_a_condition_on_a_field_the_event_does_not_have(tmp_path: Path) -> None:
    sheet = EXTENSION.replace("where: {about: extension}", "where: {subject: extension}")
    path = write_portfolio(tmp_path, sheet, EXTENSION_DOCUMENT)
    assert_error(
        check(tmp_path),
        tmp_path,
        "agreements/deal.yaml",
        unit="line",
        number=line_number(path.read_text(), "subject: extension"),
        field="options.options.0.exercised_by.where.subject",
        found=("'subject'", "notice events do not have"),
        expected=("method", "about"),
    )


def test_a_condition_with_a_value_the_field_cannot_hold(tmp_path: Path) -> None:
    # `about` is text: a number is refused rather than never matching
    sheet = EXTENSION.replace("where: {about: extension}", "where: {about: 28}")
    path = write_portfolio(tmp_path, sheet, EXTENSION_DOCUMENT)
    assert_error(
        check(tmp_path),
        tmp_path,
        "agreements/deal.yaml",
        unit="line",
        number=line_number(path.read_text(), "about: 28"),
        field="options.options.0.exercised_by.where.about",
        found="28",
        expected=("notice.about", "string"),
    )


# ---- a window that opens on an event: until it is recorded, the right has not arisen --------
#
# The landlord's notice opens a 30-day window (any event a clause reads would do): nothing
# recorded by 1999-06-30, so no window, no deadline in the calendar, and a note, not a warning.
# Noticed on Thursday 1999-07-01: the window runs 1999-07-01 + 30 days = 1999-07-31 (30 days
# of July after the 1st).

TRIGGERED = EXTENSION.replace(
    '        window:\n          closes: {before: expiration, months: {value: 6, cite: "six (6) '
    'months prior"}}\n',
    "        window:\n          opens: {event: notice}\n"
    "          closes: {after: {event: notice}, days: {value: 30, assumed: illustrative}}\n",
)


def test_a_window_waiting_on_its_event_is_not_triggered(tmp_path: Path) -> None:
    assert "opens: {event: notice}" in TRIGGERED
    write_portfolio(tmp_path, TRIGGERED, EXTENSION_DOCUMENT)
    found = evaluate(load_portfolio(tmp_path), date(1999, 6, 30)).agreement("deal")
    status = found.value("option-extension")
    assert status.value == "not triggered"
    assert serialise(status) == "not triggered"
    mine = [a for a in found.alerts if a.message.startswith("Extension option")]
    assert [a.severity for a in mine] == [Severity.info]
    assert "not triggered (no notice event recorded by 1999-06-30)" in mine[0].message
    assert not [o for o in found.obligations if o.clause == "options"]
    calendar = obligation_calendar(
        load_portfolio(tmp_path), date(1999, 6, 30), date(1999, 1, 1), date(2000, 12, 31)
    )
    assert not [e for e in calendar.entries if e.obligation.id.startswith("option-")]
    assert serialise(found.value("option-extension-annual_rent-status")) == "not triggered"


def test_the_event_recorded_opens_the_window(tmp_path: Path) -> None:
    write_portfolio(tmp_path, TRIGGERED, EXTENSION_DOCUMENT, events=notice("1999-07-01", "sale"))
    found = evaluate(load_portfolio(tmp_path), date(1999, 7, 2)).agreement("deal")
    status = found.value("option-extension")
    assert status.value == "open"
    assert status.trace is not None
    assert dict(status.trace.inputs)["window"] == "from 1999-07-01 through 1999-07-31"


def test_a_trigger_on_a_field_the_event_does_not_have(tmp_path: Path) -> None:
    sheet = TRIGGERED.replace(
        "          opens: {event: notice}\n",
        "          triggered_by: {event: notice, where: {floor: fifth}}\n"
        "          opens: {event: notice}\n",
    )
    path = write_portfolio(tmp_path, sheet, EXTENSION_DOCUMENT)
    assert_error(
        check(tmp_path),
        tmp_path,
        "agreements/deal.yaml",
        unit="line",
        number=line_number(path.read_text(), "floor: fifth"),
        field="options.options.0.window.triggered_by.where.floor",
        found=("'floor'", "notice events do not have"),
        expected=("method", "about"),
    )
