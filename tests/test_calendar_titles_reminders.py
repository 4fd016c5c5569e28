"""The calendar for Google Calendar or Outlook: short titles, reminders by category and amount
from portfolio.yaml, and the --agreement / --category filters.

Figures by hand from the Windham amendment's Exhibit B and the SouthTrust letter: Lease Year
1's rent is $3.59 x 204,307 sf / 12 = $61,121.84 a month; April 2003 is abated by $16,185.81
($44,936.03 due) and May to July by $8,092.91 ($53,028.93 due); the monitoring fee is $1,555.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import icalendar
import pytest

from bad_input_support import one_error, run
from conftest import EXAMPLE
from pactum.findings import Obligation, ObligationCategory
from pactum.obligations_calendar import TITLE_LIMIT, CalendarEntry, short_name
from pactum.reminders import Reminders

DOT = "\u00b7"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("SouthTrust asset-based revolving credit facility", "SouthTrust"),
        ("IPOF Group standstill and voting agreement", "IPOF Group"),
        ("Windham Industrial Center V lease, First Amendment", "Windham Industrial"),
        ("Matlack / First Union credit agreement (revolver, term loans)", "Matlack"),
        ("Roadhouse Grill restaurant lease, Jacksonville", "Roadhouse Grill"),
        ("HC2 Holdings and MG Capital cooperation agreement", "HC2 Holdings"),
        ("Chesapeake, Amendments No. 5 and No. 6", "Chesapeake"),
        ("a lease without a capital", "deal"),  # nothing capitalised: the id
        ("", "deal"),
    ],
)
def test_the_default_short_name_is_the_titles_first_capitalised_words(
    title: str, expected: str
) -> None:
    assert short_name(title, "deal") == expected


def entry(what: str, amount: str | None, category: ObligationCategory) -> CalendarEntry:
    obligation = Obligation(
        date(2004, 1, 31), what, Decimal(amount) if amount else None, category=category
    )
    return CalendarEntry("deal", "A test agreement", obligation, "Deal")


def test_titles_are_what_the_amount_and_the_short_name_within_80_characters() -> None:
    rent = entry("Base rent for August 2003 (year_1)", "61121.84", ObligationCategory.rent)
    assert rent.title == f"Rent $61,121.84 {DOT} Deal"
    # a rate change has no amount: its words are kept
    change = entry(
        "Lease year 2 begins: base rent $3.70 per square foot", None, ObligationCategory.rent
    )
    assert change.title == f"Lease year 2 begins: base rent $3.70 per square foot {DOT} Deal"
    # asides in parentheses (nested too) and what follows a ';' go to the description
    test = entry(
        "Maximum Leverage Ratio (7.2.4(a)): test date", None, ObligationCategory.covenant_test
    )
    assert test.title == f"Maximum Leverage Ratio: test date {DOT} Deal"
    long = entry(
        "Amendment No. 5 fee, 0.15% of the Total Exposure Amount of each Lender executing by "
        "12:00 Noon Eastern time on January 18, 2008",
        "375000.00",
        ObligationCategory.fee,
    )
    # the words are cut at a word with an ellipsis; the amount and the name are whole:
    # 80 - len(" $375,000.00") - len(" · Deal") = 80 - 12 - 7 = 61 characters for the words
    assert long.title == (
        f"Amendment No. 5 fee, 0.15% of the Total Exposure Amount of\u2026 $375,000.00 {DOT} Deal"
    )
    assert len(long.title) <= TITLE_LIMIT


def test_no_title_of_the_examples_is_over_80_characters_or_starts_with_a_full_name() -> None:
    result = run("calendar", str(EXAMPLE), "--from", "2003-01-01", "--to", "2006-12-31", "--json")
    events = json.loads(result.stdout)["events"]
    for event in events:
        assert len(event["title"]) <= TITLE_LIMIT
        assert not event["title"].startswith(event["agreement_title"])
    titles = {e["id"]: e["title"] for e in events if e["agreement"] != "southtrust-abl"}
    assert titles["rent-2003-08"] == f"Rent $61,121.84 {DOT} Windham"
    assert titles["rent-2003-05"] == f"Rent $53,028.93 {DOT} Windham"
    # Lease Year 2: $3.70 x 204,307 / 12 = $62,994.66
    assert titles["rent-2004-04"] == f"Rent $62,994.66 {DOT} Windham"
    assert (
        titles["standstill-end"]
        == f"Standstill covenants in force through this day {DOT} IPOF Group"
    )
    southtrust = {e["id"]: e["title"] for e in events if e["agreement"] == "southtrust-abl"}
    assert (
        southtrust["fee-monitoring-2003-04"]
        == f"Monthly ABL monitoring fee $1,555.00 {DOT} SouthTrust"
    )
    assert southtrust["maturity"] == f"Maturity: the revolver is repaid {DOT} SouthTrust"


def test_default_reminders_by_category() -> None:
    defaults = Reminders()
    for category in ("option_deadline", "deadline", "end"):
        assert defaults.days_for(ObligationCategory(category), None) == (30, 7)
    for category in ("rent", "fee", "payment"):
        assert defaults.days_for(ObligationCategory(category), Decimal("1555")) == (3,)
    for category in ("report", "covenant_test", "other"):
        assert defaults.days_for(ObligationCategory(category), None) == (7,)
    assert Reminders.every(0).days_for(ObligationCategory.end, None) == (0,)


def alarms(path: Path) -> dict[str, list[timedelta]]:
    parsed = icalendar.Calendar.from_ical(path.read_bytes())
    return {
        str(e["UID"]).split(".")[0]: [a.decoded("TRIGGER") for a in e.walk("VALARM")]
        for e in parsed.walk("VEVENT")
    }


def days(*counts: int) -> list[timedelta]:
    return [timedelta(days=-d) for d in counts]


def export(folder: Path, target: Path, *options: str) -> Any:
    result = run("calendar", str(folder), "--ics", str(target), *options)
    assert result.exit_code == 0, result.output
    return alarms(target)


def test_reminders_set_in_portfolio_yaml_with_an_amount_threshold(
    example: Path, tmp_path: Path
) -> None:
    with (example / "portfolio.yaml").open("a", encoding="utf-8") as config:
        config.write(
            "reminders:\n"
            "  rent: {days: [5], above: {amount: 53028.93, days: [10]}}\n"
            "  covenant_test: [14, 1]\n"
        )
    found = export(example, tmp_path / "out.ics")
    assert found["rent-2003-04"] == days(5)  # $44,936.03: below
    assert found["rent-2003-05"] == days(5)  # $53,028.93: exactly the threshold, not above
    assert found["rent-2003-08"] == days(10, 5)  # $61,121.84: above
    assert found["covenant-test-2003-03-31"] == days(14, 1)
    assert found["fee-monitoring-2003-04"] == days(3)  # not named: the payment default
    # --remind-days replaces them all with one
    found = export(example, tmp_path / "one.ics", "--remind-days", "2")
    assert found["rent-2003-08"] == days(2)
    assert found["covenant-test-2003-03-31"] == days(2)


@pytest.mark.parametrize(
    ("block", "field", "found", "expected"),
    [
        ("reminders:\n  rents: [3]\n", "reminders.rents", "'rents'", "Input should be 'report'"),
        ("reminders:\n  rent: [3.5]\n", "reminders.rent.days.0", "3.5", "integer"),
        (
            "reminders:\n  rent: [400]\n",
            "reminders.rent.days.0",
            "400",
            "less than or equal to 366",
        ),
        ("reminders:\n  rent: []\n", "reminders.rent.days", "[]", "at least 1 item"),
        ("reminders:\n  rent: [yes]\n", "reminders.rent.days.0", "True", "a whole number of days"),
        ("reminders: [3, 7]\n", "reminders", "[", "valid dictionary"),
        (
            "reminders:\n  fee: {days: [3], above: {amount: -1, days: [9]}}\n",
            "reminders.fee.above.amount",
            "-1",
            "greater than or equal to 0",
        ),
        ("reminders:\n  fee: {days: [3], when: 2}\n", "reminders.fee.when", "", "only the terms"),
    ],
)
def test_a_bad_reminders_block_is_refused_in_one_line(
    example: Path, block: str, field: str, found: str, expected: str
) -> None:
    config = example / "portfolio.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + block, encoding="utf-8")
    line = one_error(run("calendar", str(example)))
    first_line = len(text.splitlines()) + 1
    assert line.startswith(f"error: {config}:line ")
    assert int(line.split(":line ")[1].split(":")[0]) in (first_line, first_line + 1)
    assert f": {field}: found {found}" in line
    assert expected in line


def count(*options: str) -> int:
    result = run("calendar", str(EXAMPLE), "--json", *options)
    assert result.exit_code == 0, result.output
    return len(json.loads(result.stdout)["events"])


def test_filters_by_agreement_and_category() -> None:
    # 2003: 44 of the facility (13 fees, 27 reports, 4 test dates), 9 rents of the lease
    assert count() == 53
    assert count("--agreement", "windham-lease") == 9
    assert count("--agreement", "southtrust-abl") == 44
    assert count("--agreement", "southtrust-abl", "--agreement", "windham-lease") == 53
    assert count("--agreement", "ipof-standstill") == 0  # its end is in 2006
    assert count("--category", "fee") == 13
    assert count("--category", "fee", "--category", "covenant_test") == 17
    assert count("--category", "rent", "--agreement", "southtrust-abl") == 0
    assert count("--category", "report", "--agreement", "southtrust-abl") == 27


def test_the_filters_apply_to_the_ics(tmp_path: Path) -> None:
    target = tmp_path / "rent.ics"
    result = run("calendar", str(EXAMPLE), "--ics", str(target), "--category", "rent")
    assert result.stdout.strip() == f"Calendar written to {target} (9 events)"
    assert sorted(alarms(target)) == [f"rent-2003-{m:02d}" for m in range(4, 13)]
