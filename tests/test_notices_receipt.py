"""Notices on receipt: actual receipt, receipt during business hours (after hours counts from
the next business day's opening), the earlier of receipt and N business days, and e-mail when
acknowledged; times in the clause's time zone.

The clause below is written after two agreements of the development corpus: HC2's
cooperation agreement of May 13, 2020 (section 9: e-mail "when sent ... and receipt of such
email is acknowledged", other means "when actually received during normal business hours")
and Quest Solution's Wells Fargo credit agreement (section 7.3: mail "upon the earlier of the
date of receipt or three (3) days after deposit"; the test counts business days, the form this
issue asks for). Neither defines business hours: 9:00 a.m. to 5:00 p.m., New York, is assumed.

Every date below is worked out by hand on the US federal calendar: Monday 1/19/04 is Martin
Luther King Jr. Day (the third Monday of January: the 5th, 12th, 19th).
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner, Result

from bad_input_support import assert_error, check, line_number, one_error
from pactum.business_days import BusinessCalendar, CalendarSpec
from pactum.cli import app
from pactum.evaluate import check as evaluate
from pactum.findings import NoticeStatus
from pactum.findings_json import serialise
from pactum.notices.clause import BeforeOpening, NoticeClause, parse_clock
from pactum.notices.deemed_given import give_notice
from pactum.notices.rule_words import EARLIEST_OF, RULE_WORDS
from pactum.portfolio import load_portfolio
from pactum.terms.sheet import load_term_sheet
from pactum.terms.written_forms import collapse

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
US = BusinessCalendar(CalendarSpec(country="US"))
NEW_YORK = ZoneInfo("America/New_York")
HOURS_ASSUMED = "HC2's section 9 says 'normal business hours' without defining them"

HC2_OTHER_MEANS = "when actually received during normal business hours"
HC2_EMAIL = "receipt of such email is acknowledged"
QUEST_MAIL = "upon the earlier of the date of receipt or three (3) days after deposit"


def terms(before_opening: str | None = None) -> dict[str, Any]:
    hours: dict[str, Any] = {
        "opens": {"value": "9:00 a.m.", "assumed": HOURS_ASSUMED},
        "closes": {"value": "5:00 p.m.", "assumed": HOURS_ASSUMED},
        "time_zone": {"value": "America/New_York", "assumed": HOURS_ASSUMED},
    }
    if before_opening is not None:
        hours["before_opening"] = {"value": before_opening, "assumed": "for the test"}
    return {
        "business_hours": hours,
        "methods": {
            "hand": {
                "title": "hand delivery",
                "deemed_given": {"value": "receipt_in_business_hours", "cite": HC2_OTHER_MEANS},
            },
            "email": {
                "title": "e-mail",
                "deemed_given": {"value": "email_acknowledged", "cite": HC2_EMAIL},
            },
            "mail": {
                "title": "first class mail",
                "deemed_given": {
                    "cite": QUEST_MAIL,
                    "earliest_of": [
                        {"value": "receipt", "cite": "the date of receipt"},
                        {"value": "business_days", "assumed": "business days, for the test"},
                    ],
                },
                "business_days": {"value": 3, "cite": "three (3) days after deposit"},
            },
        },
    }


def clause(before_opening: str | None = None) -> NoticeClause:
    return NoticeClause.model_validate(terms(before_opening))


def ny(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A wall-clock time in New York."""
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


# --- receipt during business hours ---------------------------------------------------------


def test_hand_delivery_at_18_30_on_a_friday_before_a_monday_holiday_counts_tuesday_at_9() -> None:
    # Friday 1/16/04 at 18:30 is after the 17:00 closing; Saturday 1/17, Sunday 1/18 and
    # Monday 1/19 (Martin Luther King Jr. Day) are not business days: Tuesday 1/20 at 09:00
    given = give_notice(
        clause(), "hand", datetime(2004, 1, 16, 18, 0), US, received=datetime(2004, 1, 16, 18, 30)
    )
    assert given.deemed_given == date(2004, 1, 20)
    assert given.deemed_given_at == ny(2004, 1, 20, 9, 0)
    assert given.deemed_given_at.utcoffset() == timedelta(hours=-5)  # EST in January
    assert "received Friday 2004-01-16 at 18:30 EST" in given.reasoning
    assert any("2004-01-19 (Martin Luther King Jr. Day)" in line for line in given.reasoning), (
        given.reasoning
    )
    assert given.reasoning[-1] == "deemed given Tuesday 2004-01-20 at 09:00 EST"


def test_receipt_at_16_59_counts_the_same_day() -> None:
    given = give_notice(
        clause(), "hand", datetime(2004, 1, 16, 16, 0), US, received=datetime(2004, 1, 16, 16, 59)
    )
    assert given.deemed_given_at == ny(2004, 1, 16, 16, 59)


def test_receipt_exactly_at_closing_waits_for_the_next_opening() -> None:
    given = give_notice(
        clause(), "hand", datetime(2004, 1, 16, 16, 0), US, received=datetime(2004, 1, 16, 17, 0)
    )
    assert given.deemed_given_at == ny(2004, 1, 20, 9, 0)


def test_receipt_on_a_saturday_within_the_hours_counts_from_the_next_opening() -> None:
    given = give_notice(
        clause(), "hand", datetime(2004, 1, 17, 10, 0), US, received=datetime(2004, 1, 17, 10, 0)
    )
    assert given.deemed_given_at == ny(2004, 1, 20, 9, 0)
    assert any("2004-01-17 is not a business day (Saturday)" in line for line in given.reasoning)


def test_receipt_before_opening_counts_from_the_opening_unless_the_sheet_says_otherwise() -> None:
    sent, received = datetime(2004, 1, 20, 7, 0), datetime(2004, 1, 20, 7, 45)  # a Tuesday
    assert give_notice(clause(), "hand", sent, US, received=received).deemed_given_at == ny(
        2004, 1, 20, 9, 0
    )
    as_received = clause(BeforeOpening.when_received)
    assert give_notice(as_received, "hand", sent, US, received=received).deemed_given_at == ny(
        2004, 1, 20, 7, 45
    )


def test_a_time_with_an_offset_is_read_in_the_clauses_zone() -> None:
    # 15:30 in California (UTC-8) is 18:30 in New York (UTC-5): after closing
    received = datetime.fromisoformat("2004-01-16T15:30-08:00")
    given = give_notice(clause(), "hand", received, US, received=received)
    assert given.received == ny(2004, 1, 16, 18, 30)
    assert given.deemed_given_at == ny(2004, 1, 20, 9, 0)


# --- the earlier of receipt and three business days ----------------------------------------


def test_earlier_of_receipt_and_three_business_days_receipt_first() -> None:
    # mailed Friday 1/16/04; three business days: Tue 1/20 (1), Wed 1/21 (2), Thu 1/22 (3);
    # received Wednesday 1/21 at 11:00, the day before
    given = give_notice(
        clause(), "mail", date(2004, 1, 16), US, received=datetime(2004, 1, 21, 11, 0)
    )
    assert given.deemed_given_at == ny(2004, 1, 21, 11, 0)
    assert "the earlier is on actual receipt: Wednesday 2004-01-21 at 11:00 EST" in (
        given.reasoning
    )


def test_earlier_of_receipt_and_three_business_days_days_first_across_the_holiday() -> None:
    # the same mailing received Monday 1/26/04: the third business day, Thursday 1/22, is first
    given = give_notice(
        clause(), "mail", date(2004, 1, 16), US, received=datetime(2004, 1, 26, 10, 0)
    )
    assert (given.deemed_given, given.deemed_given_at) == (date(2004, 1, 22), None)
    assert any("2004-01-19 (Martin Luther King Jr. Day)" in line for line in given.reasoning)


def test_receipt_on_the_third_business_day_counts_from_the_start_of_that_day() -> None:
    # a rule that gives a whole day counts from its start: earlier than 14:00 that day
    given = give_notice(
        clause(), "mail", date(2004, 1, 16), US, received=datetime(2004, 1, 22, 14, 0)
    )
    assert (given.deemed_given, given.deemed_given_at) == (date(2004, 1, 22), None)


def test_earlier_of_without_a_receipt_is_the_days() -> None:
    given = give_notice(clause(), "mail", date(2004, 1, 16), US)
    assert given.deemed_given == date(2004, 1, 22)
    assert any("no receipt recorded" in line for line in given.reasoning)


def test_earlier_of_sources_name_the_phrase_each_rule_and_the_days() -> None:
    given = give_notice(clause(), "mail", date(2004, 1, 16), US)
    assert [s.quote or s.assumed for s in given.sources] == [
        QUEST_MAIL,
        "the date of receipt",
        "business days, for the test",
        "three (3) days after deposit",
    ]


# --- e-mail acknowledged --------------------------------------------------------------------


def test_email_is_given_when_acknowledged_whatever_the_hour() -> None:
    # sent Friday 1/16/04 at 17:45, acknowledged Tuesday 1/20 at 08:10: business hours are
    # for the other means, not for e-mail
    given = give_notice(
        clause(), "email", datetime(2004, 1, 16, 17, 45), US, datetime(2004, 1, 20, 8, 10)
    )
    assert given.deemed_given_at == ny(2004, 1, 20, 8, 10)


def test_email_not_acknowledged_is_not_given() -> None:
    given = give_notice(clause(), "email", datetime(2004, 1, 16, 17, 45), US)
    assert given.deemed_given is None
    assert any("no acknowledgement recorded" in line for line in given.reasoning)


# --- receipt without business hours ----------------------------------------------------------


def test_receipt_on_a_weekend_is_given_then_without_a_business_hours_rule() -> None:
    plain = NoticeClause.model_validate(
        {"methods": {"hand": {"title": "personal delivery", "deemed_given": "receipt"}}}
    )
    received = datetime(2004, 1, 17, 11, 30)  # a Saturday
    given = give_notice(plain, "hand", received, US, received=received)
    assert (given.deemed_given, given.deemed_given_at) == (date(2004, 1, 17), received)
    assert any("(Saturday): the rule does not wait for one" in line for line in given.reasoning)


# --- times of day as contracts write them ---------------------------------------------------


@pytest.mark.parametrize(
    ("written", "hour", "minute"),
    [
        ("17:00", 17, 0),
        ("5:00 p.m.", 17, 0),
        ("5 pm", 17, 0),
        ("9:30 A.M.", 9, 30),
        ("12:00 p.m.", 12, 0),
        ("12:00 a.m.", 0, 0),
    ],
)
def test_clock_times(written: str, hour: int, minute: int) -> None:
    parsed = parse_clock(written)
    assert (parsed.hour, parsed.minute) == (hour, minute)


@pytest.mark.parametrize("written", ["25:00", "13:00 p.m.", "5", "five o'clock"])
def test_clock_times_refused(written: str) -> None:
    with pytest.raises(ValueError, match="a time of day"):
        parse_clock(written)


# --- the words each rule is written with ----------------------------------------------------


def _quotes_by_rule(sheet: NoticeClause) -> list[tuple[str, str]]:
    found = []
    for method in sheet.methods.values():
        given = method.deemed_given
        if hasattr(given, "earliest_of") and given.cite:
            found.append((EARLIEST_OF, given.cite))
        found += [(str(t.value), t.cite) for t in method.rule_terms() if t.cite is not None]
    return found


def test_each_cited_rule_is_written_with_one_of_its_words() -> None:
    loaded = load_term_sheet(EXAMPLE / "agreements" / "ipof-standstill.yaml")
    [notices] = loaded.clauses_of("notices")
    quotes = _quotes_by_rule(notices.terms_as(NoticeClause)) + _quotes_by_rule(clause())
    assert len(quotes) == 9  # IPOF's five rules; HC2's two, Quest's phrase and its receipt
    for rule, quote in quotes:
        assert any(collapse(word) in collapse(quote) for word in RULE_WORDS[rule]), (rule, quote)


def test_the_quotes_are_the_corpus_texts() -> None:
    if not CORPUS.is_dir():
        pytest.skip("the development corpus is not beside this checkout")
    hc2 = collapse((CORPUS / "standstill" / "hc2-mg-capital-cooperation-2020.txt").read_text())
    quest = collapse((CORPUS / "credit" / "quest-solution-wells-fargo-credit-2014.txt").read_text())
    assert collapse(HC2_OTHER_MEANS) in hc2 and collapse(HC2_EMAIL) in hc2
    assert collapse(QUEST_MAIL) in quest


# --- in a portfolio: events, check, `pactum notice`, bad input ------------------------------

IPOF_SHEET = "agreements/ipof-standstill.yaml"
EVENTS = "facts/events.yaml"


def portfolio_with_hours(tmp_path: Path, closes: str = "5:00 p.m.", zone: str = "") -> Path:
    """The example with business hours (assumed) and a hand delivery on receipt in them."""
    folder = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, folder)
    sheet = folder / IPOF_SHEET
    text = sheet.read_text(encoding="utf-8")
    zone = zone or "America/New_York"
    hours = (
        "    business_hours:\n"
        f"      opens: {{value: 9:00 a.m., assumed: {HOURS_ASSUMED}}}\n"
        f"      closes: {{value: {closes}, assumed: {HOURS_ASSUMED}}}\n"
        f"      time_zone: {{value: {zone}, assumed: {HOURS_ASSUMED}}}\n"
    )
    method = (
        "      hand_in_hours:\n"
        "        title: hand delivery in business hours\n"
        "        deemed_given: {value: receipt_in_business_hours, assumed: for the test}\n"
        "      email:\n"
        "        title: e-mail\n"
        "        deemed_given: {value: email_acknowledged, assumed: for the test}\n"
    )
    assert text.count("    methods:\n") == 1 and text.count("    recipients:\n") == 1
    text = text.replace("    methods:\n", "    methods:\n" + method)
    text = text.replace("    recipients:\n", hours + "    recipients:\n")
    sheet.write_text(text, encoding="utf-8")
    return folder


def add_event(folder: Path, lines: str) -> str:
    path = folder / EVENTS
    text = path.read_text(encoding="utf-8") + lines
    path.write_text(text, encoding="utf-8")
    return text


HAND_AFTER_HOURS = (
    "- date: 2004-01-16\n"
    "  agreement: ipof-standstill\n"
    "  event: notice\n"
    "  method: hand_in_hours\n"
    "  sent: 2004-01-16 18:00:00\n"
    "  received: 2004-01-16 18:30:00\n"
    "  to: ipof_group\n"
)


def test_a_notice_event_received_after_hours(tmp_path: Path) -> None:
    folder = portfolio_with_hours(tmp_path)
    add_event(folder, HAND_AFTER_HOURS)
    portfolio = load_portfolio(folder)
    on_monday = evaluate(portfolio, date(2004, 1, 19)).agreement("ipof-standstill")
    [handed] = [n for n in on_monday.notices if n.method == "hand_in_hours"]
    assert handed.status is NoticeStatus.not_yet_given
    on_tuesday = evaluate(portfolio, date(2004, 1, 20)).agreement("ipof-standstill")
    [found] = [n for n in serialise(on_tuesday)["notices"] if n["method"] == "hand_in_hours"]
    assert found["status"] == "given"
    assert found["received"] == "2004-01-16 18:30-05:00"
    assert (found["deemed_given"], found["deemed_given_at"]) == (
        "2004-01-20",
        "2004-01-20 09:00-05:00",
    )
    assert [s["path"] for s in found["sources"]] == [
        "clauses.1.methods.hand_in_hours.deemed_given",
        "clauses.1.business_hours.opens",
        "clauses.1.business_hours.closes",
        "clauses.1.business_hours.time_zone",
    ]


def test_an_email_event_waits_for_its_acknowledgement(tmp_path: Path) -> None:
    folder = portfolio_with_hours(tmp_path)
    email = (
        "- date: 2004-01-16\n  agreement: ipof-standstill\n  event: notice\n  method: email\n"
        "  sent: 2004-01-16 17:45:00\n"
    )
    add_event(folder, email)
    found = evaluate(load_portfolio(folder), date(2004, 1, 30)).agreement("ipof-standstill")
    [unanswered] = [n for n in found.notices if n.method == "email"]
    assert (unanswered.deemed_given, unanswered.status) == (
        None,
        NoticeStatus.awaiting_acknowledgement,
    )
    add_event(folder, email + "  acknowledged: 2004-01-20 08:10:00\n")
    found = evaluate(load_portfolio(folder), date(2004, 1, 30)).agreement("ipof-standstill")
    unanswered, answered = [n for n in found.notices if n.method == "email"]
    assert (answered.deemed_given_at, answered.status) == (
        ny(2004, 1, 20, 8, 10),
        NoticeStatus.given,
    )


def notice(folder: Path, *options: str) -> Result:
    return CliRunner().invoke(app, ["notice", str(folder), "ipof-standstill", *options])


def test_notice_command_shows_the_date_and_time(tmp_path: Path) -> None:
    folder = portfolio_with_hours(tmp_path)
    result = notice(
        folder,
        "--method",
        "hand_in_hours",
        "--sent",
        "2004-01-16T18:00",
        "--received",
        "2004-01-16T18:30",
        "--to",
        "company",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Deemed given: 2004-01-20 09:00 EST\n")
    within = notice(
        folder,
        "--method",
        "hand_in_hours",
        "--sent",
        "2004-01-16T16:00",
        "--received",
        "2004-01-16T16:59",
        "--json",
    )
    answer = json.loads(within.stdout)
    assert answer["deemed_given_at"] == "2004-01-16 16:59-05:00"


def test_a_receipt_rule_without_the_received_time_in_events(tmp_path: Path) -> None:
    folder = portfolio_with_hours(tmp_path)
    text = add_event(folder, HAND_AFTER_HOURS.replace("  received: 2004-01-16 18:30:00\n", ""))
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "method: hand_in_hours") - 3,  # no `received`: the event's line
        field="received",
        found="nothing",
        expected=("the time of actual receipt", "on actual receipt during business hours"),
    )


def test_a_receipt_rule_without_received_on_the_command_line(tmp_path: Path) -> None:
    folder = portfolio_with_hours(tmp_path)
    line = one_error(notice(folder, "--method", "hand_in_hours", "--sent", "2004-01-16T18:00"))
    assert line.startswith("error: --received: found nothing; expected the time of actual receipt")


def test_a_receipt_before_the_sending_on_the_command_line(tmp_path: Path) -> None:
    folder = portfolio_with_hours(tmp_path)
    result = notice(
        folder,
        "--method",
        "hand_in_hours",
        "--sent",
        "2004-01-16T18:00",
        "--received",
        "2004-01-16T17:30",
    )
    assert one_error(result) == (
        "error: --received: found 2004-01-16 17:30; "
        "expected a time at or after --sent (2004-01-16 18:00 EST)"
    )


def test_business_hours_that_close_before_they_open(tmp_path: Path) -> None:
    folder = portfolio_with_hours(tmp_path, closes="8:00 a.m.")
    text = (folder / IPOF_SHEET).read_text(encoding="utf-8")
    assert_error(
        check(folder),
        folder,
        IPOF_SHEET,
        unit="line",
        number=line_number(text, "closes: {value: 8:00 a.m."),
        field="notices.business_hours.closes",
        found="08:00",
        expected=("a closing time after the opening time (09:00)",),
    )


def test_an_unknown_time_zone(tmp_path: Path) -> None:
    folder = portfolio_with_hours(tmp_path, zone="America/New_Yrok")
    text = (folder / IPOF_SHEET).read_text(encoding="utf-8")
    assert_error(
        check(folder),
        folder,
        IPOF_SHEET,
        unit="line",
        number=line_number(text, "time_zone: {value: America/New_Yrok"),
        field="notices.business_hours.time_zone",
        found="America/New_Yrok",
        expected=("an IANA time zone name",),
    )


def test_a_time_with_an_offset_where_the_clause_has_no_time_zone(tmp_path: Path) -> None:
    folder = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, folder)
    text = add_event(
        folder,
        "- date: 2004-01-16\n  agreement: ipof-standstill\n  event: notice\n  method: hand\n"
        "  sent: 2004-01-16 18:00:00-05:00\n",
    )
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "sent: 2004-01-16 18:00:00-05:00"),
        field="sent",
        found="2004-01-16 18:00-05:00",
        expected=("a local time without an offset", "no time zone"),
    )
