"""`pactum calendar --ics`: the 2003 obligations as an RFC 5545 file, read back with icalendar.

53 events in 2003 (worked out in test_calendar.py): the SouthTrust facility's 13 fees, 27
reports (3 quarterly statements, 18 weekly and 6 monthly borrowing-base reports) and 4
covenant test dates, and the Windham lease's 9 rent installments, April to December.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar

from bad_input_support import run
from conftest import EXAMPLE

EXAMPLES = EXAMPLE.parent


def export(path: Path, *options: str, count: int = 53) -> list[Any]:
    result = run("calendar", str(EXAMPLE), "--ics", str(path), *options)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Calendar written to {path} ({count} events)"
    parsed = icalendar.Calendar.from_ical(path.read_bytes())
    return list(parsed.walk("VEVENT"))


def by_uid(events: list[Any]) -> dict[str, Any]:
    return {str(e["UID"]): e for e in events}


def test_the_2003_file_has_one_all_day_event_per_obligation(tmp_path: Path) -> None:
    events = export(tmp_path / "innotrac.ics")
    assert len(events) == 53
    categories = Counter(str(e["CATEGORIES"].cats[0]) for e in events)
    assert categories == {"report": 27, "fee": 13, "rent": 9, "covenant_test": 4}
    for event in events:
        start = event.decoded("DTSTART")
        assert type(start) is date  # VALUE=DATE: an all-day event
        assert event.decoded("DTEND") == start + timedelta(days=1)
        assert date(2003, 1, 1) <= start <= date(2003, 12, 31)
        assert event.decoded("DTSTAMP").tzinfo is not None  # required by RFC 5545, in UTC
    content = (tmp_path / "innotrac.ics").read_bytes()
    assert b"\r\nDTSTART;VALUE=DATE:20030401\r\n" in content  # lines end CRLF (RFC 5545)
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_each_event_has_the_amount_the_clause_and_a_reminder(tmp_path: Path) -> None:
    events = by_uid(export(tmp_path / "innotrac.ics"))
    april = events["rent-2003-04.windham-lease@pactum"]
    # Lease Year 1's $61,121.84 less April's abatement of $16,185.81
    assert str(april["SUMMARY"]) == "Rent $44,936.03 \u00b7 Windham"
    assert str(april["LOCATION"]) == "Windham Industrial Center V lease, First Amendment"
    description = str(april["DESCRIPTION"])
    assert description.startswith(
        "Base rent for April 2003 (lease year 1, after $16,185.81 abated)\n"
    )
    assert "Amount: $44,936.03" in description
    assert 'Clause: "1st Lease Year $3.59 per square foot"' in description
    assert "Agreement: Windham Industrial Center V lease, First Amendment (windham-lease)" in (
        description
    )
    # the defaults: 3 days before a payment (rent, fee), 7 before a report or a test date
    ahead = {"rent": 3, "fee": 3, "report": 7, "covenant_test": 7}
    for event in events.values():
        [alarm] = event.walk("VALARM")
        days = ahead[str(event["CATEGORIES"].cats[0])]
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(days=-days)
        assert str(alarm["DESCRIPTION"]) == f"In {days} days: {event['SUMMARY']}"
        assert "Clause: " in str(event["DESCRIPTION"]) or "Source: " in str(event["DESCRIPTION"])


def test_a_weekend_event_keeps_its_day_and_says_it_is_not_rolled(tmp_path: Path) -> None:
    events = by_uid(export(tmp_path / "innotrac.ics"))
    june = events["rent-2003-06.windham-lease@pactum"]
    assert june.decoded("DTSTART") == date(2003, 6, 1)  # a Sunday
    assert "Note: falls on a Sunday; not rolled" in str(june["DESCRIPTION"])
    assert str(june["SUMMARY"]) == "Rent $53,028.93 \u00b7 Windham"
    fee = events["fee-monitoring-2003-03.southtrust-abl@pactum"]
    assert fee.decoded("DTSTART") == date(2003, 3, 1)  # a Saturday
    assert "Amount: $1,555.00" in str(fee["DESCRIPTION"])
    assert "Note: falls on a Saturday; not rolled" in str(fee["DESCRIPTION"])


def test_uids_are_unique_and_stable_across_exports(tmp_path: Path) -> None:
    first = export(tmp_path / "first.ics")
    second = export(tmp_path / "second.ics", "--remind-days", "3")
    uids = [str(e["UID"]) for e in first]
    assert len(set(uids)) == 53
    assert uids == [str(e["UID"]) for e in second]
    # the same events, with the other reminder
    for one, two in zip(first, second, strict=True):
        assert one.decoded("DTSTART") == two.decoded("DTSTART")
        assert str(one["SUMMARY"]) == str(two["SUMMARY"])
        [alarm] = two.walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(days=-3)


def test_weekly_report_events_only_in_weekly_periods(tmp_path: Path) -> None:
    events = export(tmp_path / "innotrac.ics")
    weekly = sorted(
        e.decoded("DTSTART") for e in events if "Weekly borrowing-base" in str(e["SUMMARY"])
    )
    months = Counter(d.month for d in weekly)
    assert months == {3: 4, 4: 5, 5: 4, 12: 5}
    assert all(d.weekday() == 2 for d in weekly)  # Wednesdays, the assumed day


def test_the_expansion_deadline_on_a_saturday_keeps_its_note(tmp_path: Path) -> None:
    # January 2004: the monitoring fee on 1/1, 1/15's monthly report (12/31/03: 16.13%),
    # the 12/31/03 statements on 1/30, rent on 1/1, and the critical date 1/31/04
    events = by_uid(
        export(tmp_path / "january.ics", "--from", "2004-01-01", "--to", "2004-01-31", count=5)
    )
    critical = events["option-expansion-closes.windham-lease@pactum"]
    assert critical.decoded("DTSTART") == date(2004, 1, 31)
    description = str(critical["DESCRIPTION"])
    assert "Note: falls on a Saturday; not rolled" in description
    assert 'Clause: "an additional amendment to the Lease on or before January 31, 2004"' in (
        description
    )
    assert str(critical["CATEGORIES"].cats[0]) == "option_deadline"
    # what is due in full (400 characters with the outcomes) is in the description; the
    # title is what and the short name
    assert str(critical["SUMMARY"]) == (
        "Expansion Space option: last day to exercise \u00b7 Windham"
    )
    assert "TI allowance: $90,000.00 if exercised" in description
    # a critical date: reminders 30 and 7 days before, on 1/1/04 and 1/24/04
    alarms = critical.walk("VALARM")
    assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(days=-30), timedelta(days=-7)]
    assert [date(2004, 1, 31) + a.decoded("TRIGGER") for a in alarms] == [
        date(2004, 1, 1),
        date(2004, 1, 24),
    ]


def test_two_clauses_of_one_type_with_the_same_fee_ids_give_distinct_uids(tmp_path: Path) -> None:
    # the Quest example with its first fees clause copied as a second one (the same fee ids):
    # both monitoring fees of January 2015 are events of their own; the first clause of the
    # type keeps the UID it always had, the second's names its clause
    quest = tmp_path / "quest"
    shutil.copytree(EXAMPLES / "quest", quest)
    sheet = quest / "agreements" / "quest-wells-fargo.yaml"
    text = sheet.read_text()
    start = text.index("  - id: fees\n    type: fees")
    end = text.index("  # Schedule A, Line of Credit Termination Fees")
    copied = text[start:end].replace("  - id: fees\n", "  - id: fees_again\n", 1)
    copied = copied.replace("fees.amounts.commitment", "fees_again.amounts.commitment")
    sheet.write_text(text[:end] + copied + text[end:])
    path = tmp_path / "quest.ics"
    result = run("calendar", str(quest), "--ics", str(path))
    assert result.exit_code == 0, result.output
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert "fee-collateral_monitoring-2015-01.quest-wells-fargo@pactum" in uids
    assert "fee-collateral_monitoring-2015-01.fees_again.quest-wells-fargo@pactum" in uids
