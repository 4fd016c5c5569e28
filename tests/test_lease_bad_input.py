"""Bad input to the Windham lease: the CLI exits 2 and prints one line,

    error: FILE:line N: FIELD: found X; expected Y      (CSV files say `row N`, header = row 1)

with no traceback. Each test breaks one thing in a copy of the example; the line or row is
worked out here from the text written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bad_input_support import assert_error, check, line_number, replace_once, run
from conftest import lease_events

SHEET = "agreements/windham-lease.yaml"
OPEX = "facts/opex.csv"
EVENTS = "facts/events.yaml"

# ---- the term sheet ------------------------------------------------------------------------


def test_abatement_outside_the_term(example: Path) -> None:
    # a fifth abatement, for May 2009: the term runs April 2003 to March 2009
    text = replace_once(
        example / SHEET,
        "    abatement_condition:\n",
        "      - month: {value: 2009-05, assumed: a month after the term}\n"
        "        amount: {value: 100.00, assumed: any amount}\n"
        "    abatement_condition:\n",
    )
    assert_error(
        check(example),
        example,
        SHEET,
        unit="line",
        number=line_number(text, "value: 2009-05"),
        field="lease.abatements.4.month",
        found=("2009-05",),
        expected=("2003-04", "2009-03"),
    )


@pytest.mark.parametrize("area", ["0", "-100"])
def test_space_without_positive_area(example: Path, area: str) -> None:
    # a fourth space, after the expansion space
    text = replace_once(
        example / SHEET,
        "\n    lease_years:\n",
        "      - id: mezzanine\n"
        "        title: Mezzanine\n"
        f"        area: {{value: {area}, assumed: an area for the test}}\n"
        "\n    lease_years:\n",
    )
    assert_error(
        check(example),
        example,
        SHEET,
        unit="line",
        number=line_number(text, f"area: {{value: {area},"),
        field="lease.spaces.3.area",
        found=(area,),
        expected=("greater than 0",),
    )


def test_overlapping_lease_years(example: Path) -> None:
    # year_2 starting 2004-03-01 overlaps year_1 (2003-04-01 to 2004-03-31)
    text = replace_once(example / SHEET, "start: {value: 2004-04-01,", "start: {value: 2004-03-01,")
    assert_error(
        check(example),
        example,
        SHEET,
        unit="line",
        number=line_number(text, "start: {value: 2004-03-01,"),
        field="lease.lease_years.1.start",
        found=("year_2", "2004-03-01", "overlaps", "year_1"),
        expected=("2004-04-01",),  # the day after year_1 ends
    )


def test_gap_between_lease_years(example: Path) -> None:
    # year_3 starting 2005-05-01 leaves April 2005 out of the term
    text = replace_once(example / SHEET, "start: {value: 2005-04-01,", "start: {value: 2005-05-01,")
    assert_error(
        check(example),
        example,
        SHEET,
        unit="line",
        number=line_number(text, "start: {value: 2005-05-01,"),
        field="lease.lease_years.2.start",
        found=("gap", "2005-04-01", "2005-04-30"),
        expected=("2005-04-01",),
    )


# ---- events.yaml ---------------------------------------------------------------------------


def test_event_for_an_unknown_space(example: Path) -> None:
    text = lease_events("2003-10-01 expansion_amendment space: mezzanine")
    (example / EVENTS).write_text(text, encoding="utf-8")
    assert_error(
        check(example),
        example,
        EVENTS,
        unit="line",
        number=line_number(text, "space: mezzanine"),
        field="space",
        found=("mezzanine",),
        expected=("existing", "additional", "expansion"),
    )


def test_expansion_event_for_a_leased_space(example: Path) -> None:
    # the Additional Premises are leased from 4/1/03: no expansion of them
    text = lease_events("2003-10-01 expansion_amendment space: additional")
    (example / EVENTS).write_text(text, encoding="utf-8")
    assert_error(
        check(example),
        example,
        EVENTS,
        unit="line",
        number=line_number(text, "space: additional"),
        field="space",
        found=("additional",),
        expected=("a space not in the premises", "expansion"),
    )


def test_option_condition_on_a_flag_written_as_text(example: Path) -> None:
    # the lease reads `all_of_space` as true or false: "no" would be read as false, so an
    # exercise written this way would never match what the sheet means; it is refused
    text = replace_once(
        example / SHEET,
        "where: {space: expansion, all_of_space: true}}",
        "where: {space: expansion, all_of_space: 'no'}}",
    )
    assert_error(
        check(example),
        example,
        SHEET,
        unit="line",
        number=line_number(text, "all_of_space: 'no'"),
        field="options.options.0.outcomes.0.after_lapse.0.by.where.all_of_space",
        found=("'no'",),
        expected=("expansion_leased_to_other.all_of_space", "False"),
    )


CURE_ALONE = lease_events("2003-06-20 cure")


@pytest.mark.parametrize(
    "command",
    [
        ("check",),  # as of the portfolio's 2003-12-31, after the cure
        ("check", "--as-of", "2003-05-01"),  # before it: events are checked whole, at load
        ("rent", "windham-lease"),
    ],
)
def test_cure_without_a_default(example: Path, command: tuple[str, ...]) -> None:
    (example / EVENTS).write_text(CURE_ALONE, encoding="utf-8")
    result = run(command[0], str(example), *command[1:])
    if command[0] == "check":
        assert result.stdout == ""
    assert_error(
        result,
        example,
        EVENTS,
        unit="line",
        number=line_number(CURE_ALONE, "event: cure"),
        field="event",
        found=("cure", "2003-06-20"),
        expected=("default",),
    )


# ---- opex.csv ------------------------------------------------------------------------------


def test_opex_missing_year(example: Path) -> None:
    text = "year,estimated,actual\n2002,1080000.00,1050000.00\n2004,1200000.00,\n"
    (example / OPEX).write_text(text, encoding="utf-8")
    assert_error(
        check(example),
        example,
        OPEX,
        unit="row",
        number=line_number(text, "2004,"),  # the row after the gap: row 3
        field="year",
        found=("2004", "2003"),
        expected=("without gaps",),
    )


def test_opex_empty_year(example: Path) -> None:
    text = (
        "year,estimated,actual\n"
        "2002,1080000.00,1050000.00\n"
        ",1140000.00,1200000.00\n"
        "2004,1200000.00,\n"
    )
    (example / OPEX).write_text(text, encoding="utf-8")
    assert_error(
        check(example),
        example,
        OPEX,
        unit="row",
        number=3,
        field="year",
        found=("nothing",),
        expected=("whole number",),
    )


@pytest.mark.parametrize(
    ("written", "found", "expected"),
    [("abc", "abc", "decimal amount"), ("-5.00", "-5", "zero or more")],
)
def test_opex_bad_estimate(example: Path, written: str, found: str, expected: str) -> None:
    text = f"year,estimated,actual\n2002,1080000.00,1050000.00\n2003,{written},1200000.00\n"
    (example / OPEX).write_text(text, encoding="utf-8")
    assert_error(
        check(example),
        example,
        OPEX,
        unit="row",
        number=line_number(text, written),
        field="estimated",
        found=(found,),
        expected=(expected,),
    )


def test_opex_duplicate_year(example: Path) -> None:
    text = (
        "year,estimated,actual\n"
        "2002,1080000.00,1050000.00\n"
        "2003,1140000.00,1200000.00\n"
        "2003,1150000.00,\n"
    )
    (example / OPEX).write_text(text, encoding="utf-8")
    assert_error(
        check(example),
        example,
        OPEX,
        unit="row",
        number=4,
        field="agreement,category,year",
        found=("row 3",),
        expected=("one row per",),
    )
