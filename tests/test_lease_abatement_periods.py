"""Abatement periods and what a tenant default does to them, against figures worked out by hand.

Exicure (2430 N. Halsted, 2020), Section 2.C: "Base Rent on 12,765 square feet" abates "from and
after the Commencement Date through the day immediately preceding the day that is twelve (12)
months after the Commencement Date", "provided that an Event of Default by Tenant does not exist
on the due date"; abatement not available for a default is "reinstated and shall be applied as
an abatement against the installments ... next due and payable after such cure until fully
utilized". The Commencement Date is the Delivery Date, an event: recorded (illustratively) on
Tuesday, September 1, 2020. Exhibit E, months 1-12: 37.00 x 30,085 = 1,113,145.00 / 12 =
92,762.08 a month; the abatement 12,765 x 37.00 / 12 = 472,305.00 / 12 = 39,358.75 a month,
September 2020 to August 2021 (through 2021-08-31, the day before 2021-09-01).
Illustrative default Friday, November 20, 2020, cured Sunday, January 10, 2021: the installments
due December 1 and January 1 fall in it, so 2 x 39,358.75 = 78,717.50 is suspended (November 1
is before the default: abated). After the cure, February 1: room 92,762.08 - 39,358.75 =
53,403.33, all reinstated, 0.00 due; March 1: the rest, 78,717.50 - 53,403.33 = 25,314.17,
abatement 39,358.75 + 25,314.17 = 64,672.92, due 92,762.08 - 64,672.92 = 28,089.16. The
twelve months still abate 12 x 39,358.75 = 472,305.00 in all (the corpus README's figure).

"The first twelve (12) full calendar months" when the Delivery Date is Tuesday, September 15,
2020: October 2020 to September 2021; September 2020 is prorated 92,762.08 x 16 / 30 =
49,473.1093 -> 49,473.11 and does not abate; October 2020 due 92,762.08 - 39,358.75 =
53,403.33; October 2021 (month 13) 95,544.95, no abatement.

A clawback (no lease of the corpus has one; the shape, with assumed terms): a five-year term
from January 1, 2021, $20,000.00 a month; the whole of the one space abates the first six
full months, 6 x 20,000.00 = 120,000.00 taken by June 2021. A default on Thursday, March 10,
2022: 45 installments are due after it (April 2022 to December 2025: 9 + 36) of 60, so
120,000.00 x 45 / 60 = 90,000.00 is due at once; interest at 10% a year from the default to the
as-of date, June 30, 2022 (21 + 30 + 31 + 30 = 112 days): 90,000.00 x 0.10 x 112 / 365 =
2,761.6438 -> 2,761.64. Converted to a credit instead: a default from March 10 to March 20,
2021 costs March 2021's 20,000.00, credited against the last installment (December 2025),
0.00 due.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import assert_error, check, line_number, run
from test_minimal_clauses import RATES, check_json, make_portfolio

EXCERPT = "exicure-lease-2020.txt"
OTHERWISE = "otherwise"


def _bands() -> str:
    return "".join(
        f"      - id: months_{12 * n + 1}_{12 * n + 12}\n"
        f'        months: {{value: "{12 * n + 1}-{12 * n + 12}", cite: "{12 * n + 1}-{12 * n + 12}"}}\n'
        f'        rate: {{value: {rate}, cite: "${rate}"}}\n'
        for n, rate in enumerate(RATES)
    )


EXICURE = (
    """\
id: exicure-lease
title: Exicure lease of the 4th floor of 2430 North Halsted Street
document: documents/exicure-lease-2020.txt
dated: {value: 2020-02-28, cite: "THIS LEASE made as of the 28th day of February, 2020"}
parties: ["2430 N. Halsted, LLC (Landlord)", "Exicure, Inc. (Tenant)"]
calendar: {country: US, subdiv: IL}
dates:
  commencement:
    event: delivery
    estimate: {value: 2020-08-01, assumed: "the six months to the Initial Delivery Deadline"}
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        area: {value: 30085, cite: "containing approximately 30,085 square feet of Rentable Area"}
        in_premises_from: commencement
    rent_commencement: commencement
    proration: {value: days_in_month, assumed: "Section 2.A prorates by days (not in the excerpt)"}
    lease_years:
"""
    + _bands()
    + """\
    rent_due_day: {value: 1, cite: "payable in advance on the first day of each and every"}
    abatements:
@ABATEMENT@
    abatement_condition:
      value: not_in_default_on_due_date
      cite: "an Event of Default by Tenant does not exist on the due date of any such payment"
    abatement_on_default:
      value: suspended
      cite: "shall be reinstated and shall be applied as an abatement against the installments"
"""
)

EXHIBIT_E_ABATEMENT = """\
      - id: section_2c
        start: commencement
        end: {day_before: {after: commencement, months: {value: 12, cite: "twelve (12) months after the Commencement Date"}}}
        area: {value: 12765, cite: "Base Rent on 12,765 square feet of Rentable Area"}"""

FULL_MONTHS_ABATEMENT = """\
      - id: first_full_months
        full_months: {value: 12, assumed: "the first twelve (12) full calendar months"}
        from: commencement
        area: {value: 12765, cite: "Base Rent on 12,765 square feet of Rentable Area"}"""


def events(*lines: tuple[str, str]) -> str:
    return "".join(
        f"- date: {when}\n  agreement: exicure-lease\n  event: {event}\n" for when, event in lines
    )


def exicure(
    root: Path, abatement: str, delivery: str, *more: tuple[str, str], as_of: str = "2021-12-31"
) -> Path:
    sheet = EXICURE.replace("@ABATEMENT@", abatement)
    facts = {"events.yaml": events((delivery, "delivery"), *more)}
    return make_portfolio(root, "Exicure, Inc.", as_of, EXCERPT, sheet, facts)


def roll(folder: Path, agreement: str, *args: str) -> dict[str, dict[str, str]]:
    out = folder / "roll.csv"
    result = run("rent", str(folder), agreement, "--csv", str(out), *args)
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as f:
        return {row["month"]: row for row in csv.DictReader(f)}


def figures(rows: dict[str, dict[str, str]], *months: str) -> list[tuple[str, str, str]]:
    return [(rows[m]["base_rent"], rows[m]["abatement"], rows[m]["base_rent_due"]) for m in months]


def test_exicure_abatement_suspended_by_a_default_and_reinstated_after_the_cure(
    tmp_path: Path,
) -> None:
    folder = exicure(
        tmp_path / "p",
        EXHIBIT_E_ABATEMENT,
        "2020-09-01",
        ("2020-11-20", "default"),
        ("2021-01-10", "cure"),
    )
    rows = roll(folder, "exicure-lease")
    months = ("2020-09", "2020-11", "2020-12", "2021-01", "2021-02", "2021-03", "2021-08")
    assert figures(rows, *months) == [
        ("92762.08", "39358.75", "53403.33"),
        ("92762.08", "39358.75", "53403.33"),
        ("92762.08", "0.00", "92762.08"),
        ("92762.08", "0.00", "92762.08"),
        ("92762.08", "92762.08", "0.00"),
        ("92762.08", "64672.92", "28089.16"),
        ("92762.08", "39358.75", "53403.33"),
    ]
    # the lease starts on the recorded Delivery Date, not the estimate, and month 13 abates nothing
    assert "2020-08" not in rows
    assert figures(rows, "2021-09") == [("95544.95", "0.00", "95544.95")]
    first_year = [rows[f"{y}-{m:02d}"] for y, m in [(2020, m) for m in range(9, 13)]] + [
        rows[f"2021-{m:02d}"] for m in range(1, 9)
    ]
    assert sum(float(r["abatement"]) * 100 for r in first_year) == 47230500  # 472,305.00
    # why: which abatement, which default suspended it, and what the cure reinstated
    assert "suspended" in rows["2020-12"]["abatement_lost"]
    assert "2020-11-20" in rows["2020-12"]["abatement_lost"]
    assert rows["2020-11"]["abated_by"] == "section_2c $39,358.75"
    assert "reinstated $53,403.33" in rows["2021-02"]["abated_by"]
    assert "reinstated $25,314.17" in rows["2021-03"]["abated_by"]
    assert "2021-01-10" in rows["2021-03"]["abated_by"]


def test_check_names_the_suspension_in_the_month_of_default(tmp_path: Path) -> None:
    folder = exicure(
        tmp_path / "p",
        EXHIBIT_E_ABATEMENT,
        "2020-09-01",
        ("2020-11-20", "default"),
        as_of="2020-12-15",
    )
    found = check_json(folder)
    values = found["values"]
    assert values["abatement"] == "0.00"
    assert values["base_rent_due"] == "92762.08"
    alerts = " ".join(a["message"] for a in found["alerts"])
    assert "39,358.75 abatement for December 2020 suspended" in alerts


def test_first_twelve_full_calendar_months_from_a_mid_month_commencement(tmp_path: Path) -> None:
    folder = exicure(tmp_path / "p", FULL_MONTHS_ABATEMENT, "2020-09-15")
    rows = roll(folder, "exicure-lease")
    assert figures(rows, "2020-09", "2020-10", "2021-09", "2021-10") == [
        ("49473.11", "0.00", "49473.11"),
        ("92762.08", "39358.75", "53403.33"),
        ("92762.08", "39358.75", "53403.33"),
        ("95544.95", "0.00", "95544.95"),
    ]
    abated = [m for m, r in rows.items() if r["abatement"] not in ("", "0.00") and m != "total"]
    assert abated == [f"2020-{m}" for m in ("10", "11", "12")] + [
        f"2021-{m:02d}" for m in range(1, 10)
    ]
    assert rows["total"]["abatement"] == "472305.00"


CLAWBACK = """\
id: clawback-lease
title: A lease whose abatement is clawed back on default
document: documents/exicure-lease-2020.txt
dated: {value: 2020-12-01, assumed: a test lease}
parties: [Landlord, Tenant]
calendar: {country: US}
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        area: {value: 10000, assumed: a test}
        in_premises_from: {value: 2021-01-01, assumed: a test}
    lease_years:
      - id: term
        start: {value: 2021-01-01, assumed: a test}
        end: {value: 2025-12-31, assumed: a test}
        monthly: {value: 20000, assumed: a test}
    rent_due_day: {value: 1, assumed: a test}
    abatements:
      - id: free_rent
        full_months: {value: 6, assumed: a test}
        from: {value: 2021-01-01, assumed: a test}
        space: premises
    abatement_condition: {value: not_then_in_default, assumed: a test}
@EFFECT@
"""
CLAWED = """\
    abatement_on_default: {value: clawed_back, assumed: a test}
    clawback_interest_rate: {value: 0.10, assumed: a test}"""


def clawback_lease(root: Path, effect: str, *lines: tuple[str, str], as_of: str) -> Path:
    text = "".join(
        f"- date: {when}\n  agreement: clawback-lease\n  event: {event}\n" for when, event in lines
    )
    sheet = CLAWBACK.replace("@EFFECT@", effect)
    return make_portfolio(root, "Tenant", as_of, EXCERPT, sheet, {"events.yaml": text})


def test_abatement_clawed_back_with_interest(tmp_path: Path) -> None:
    folder = clawback_lease(tmp_path / "p", CLAWED, ("2022-03-10", "default"), as_of="2022-06-30")
    rows = roll(folder, "clawback-lease")
    assert figures(rows, "2021-01", "2021-06", "2021-07") == [
        ("20000.00", "20000.00", "0.00"),
        ("20000.00", "20000.00", "0.00"),
        ("20000.00", "0.00", "20000.00"),
    ]
    claw, interest = rows["2022-03 clawback"], rows["2022-03 clawback interest"]
    assert (claw["due"], claw["clawback"]) == ("2022-03-10", "90000.00")
    assert "120000.00 taken x 45 / 60" in claw["abated_by"]
    assert (interest["due"], interest["clawback"]) == ("2022-03-10", "2761.64")
    assert "x 0.10 x 112 / 365" in interest["abated_by"]
    assert rows["total"]["clawback"] == "92761.64"
    found = check_json(folder)
    alerts = " ".join(a["message"] for a in found["alerts"])
    assert "$90,000.00 due at once, with $2,761.64 interest to 2022-06-30" in alerts


def test_a_default_before_any_abatement_is_taken_claws_nothing_back(tmp_path: Path) -> None:
    # the default on the first installment's day: nothing was taken, January's abatement is
    # lost while it lasts, February's on is taken
    folder = clawback_lease(
        tmp_path / "p",
        CLAWED,
        ("2021-01-01", "default"),
        ("2021-01-05", "cure"),
        as_of="2021-06-30",
    )
    rows = roll(folder, "clawback-lease")
    assert not any("clawback" in m for m in rows)
    assert figures(rows, "2021-01", "2021-02") == [
        ("20000.00", "0.00", "20000.00"),
        ("20000.00", "20000.00", "0.00"),
    ]


def test_abatement_lost_to_a_default_credited_at_the_end_of_the_term(tmp_path: Path) -> None:
    effect = "    abatement_on_default: {value: credit_at_end, assumed: a test}"
    folder = clawback_lease(
        tmp_path / "p",
        effect,
        ("2021-03-10", "default"),
        ("2021-03-20", "cure"),
        as_of="2021-12-31",
    )
    rows = roll(folder, "clawback-lease")
    assert figures(rows, "2021-03", "2025-11", "2025-12") == [
        ("20000.00", "0.00", "20000.00"),
        ("20000.00", "0.00", "20000.00"),
        ("20000.00", "20000.00", "0.00"),
    ]
    assert "credited at the end of the term" in rows["2021-03"]["abatement_lost"]
    assert rows["total"]["abatement"] == "120000.00"  # six months, one of them at the end


# ---- bad input: exit 2, one line naming the file, line and field ----


def _bad(tmp_path: Path, sheet: str) -> tuple[Any, Path]:
    folder = make_portfolio(tmp_path / "p", "Tenant", "2021-06-30", EXCERPT, sheet, {})
    return check(folder), folder


def test_an_abatement_period_longer_than_the_term(tmp_path: Path) -> None:
    sheet = CLAWBACK.replace("value: 6, assumed", "value: 61, assumed").replace("@EFFECT@", "")
    result, folder = _bad(tmp_path, sheet)
    assert_error(
        result,
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "value: 61"),
        field="lease.abatements.0.full_months",
        found=("2021-01-01", "2026-01-31", "beyond the term"),
        expected=("within the term", "2025-12-31"),
    )


def test_a_clawback_without_an_interest_rate(tmp_path: Path) -> None:
    effect = "    abatement_on_default: {value: clawed_back, assumed: a test}"
    sheet = CLAWBACK.replace("@EFFECT@", effect)
    result, folder = _bad(tmp_path, sheet)
    assert_error(
        result,
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "abatement_on_default"),
        field="lease.abatement_on_default",
        found=("clawed_back without a clawback_interest_rate",),
        expected=("clawback_interest_rate",),
    )


@pytest.mark.parametrize("rate", ["1.5", "-0.02"])
def test_a_clawback_at_an_impossible_rate(tmp_path: Path, rate: str) -> None:
    sheet = CLAWBACK.replace("@EFFECT@", CLAWED.replace("0.10", rate))
    result, folder = _bad(tmp_path, sheet)
    assert_error(
        result,
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "clawback_interest_rate"),
        field="lease.clawback_interest_rate.value",
        found=(rate,),
        # above 1 only where the term says so (above_100_percent), never below 0
        expected=("equal to",) if rate.startswith("-") else ("a rate from 0 to 1",),
    )


def test_a_default_effect_on_an_unconditional_abatement(tmp_path: Path) -> None:
    sheet = CLAWBACK.replace("not_then_in_default", "unconditional").replace("@EFFECT@", CLAWED)
    result, folder = _bad(tmp_path, sheet)
    assert_error(
        result,
        folder,
        "agreements/sheet.yaml",
        unit="line",
        number=line_number(sheet, "abatement_on_default"),
        field="lease.abatement_on_default",
        found=("unconditional",),
        expected=("not_then_in_default",),
    )


# ---- a commencement set by events, and lease years counted from it ----

EVENT_COMMENCEMENT = """\
id: event-lease
title: A lease that commences on the earlier of opening or 120 days after delivery
document: documents/exicure-lease-2020.txt
dated: {value: 2020-12-01, assumed: a test lease}
parties: [Landlord, Tenant]
calendar: {country: US}
dates:
  delivery: {event: delivery, estimate: {value: 2021-02-01, assumed: a test}}
  commencement:
    earliest:
      - {event: opening}
      - {after: delivery, days: {value: 120, assumed: a test}}
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        area: {value: 5000, assumed: a test}
        in_premises_from: commencement
    rent_commencement: commencement
    proration: {value: days_in_month, assumed: a test}
    lease_years:
      - id: year_1
        months: {value: "1-12", assumed: "ends on the last day of the twelfth full calendar month"}
        monthly: {value: 10000, assumed: a test}
      - id: year_2
        months: {value: "13-24", assumed: a test}
        increase: {value: 0.03, assumed: a test}
    increase_on: {value: monthly, assumed: a test}
    rent_due_day: {value: 1, assumed: a test}
"""


@pytest.mark.parametrize(
    ("opening", "first_day", "first_rent", "year_1_end"),
    [
        # opening before delivery + 120 days (2021-06-15): May 3 to 31, 29 of 31 days,
        # 10,000.00 x 29 / 31 = 9,354.8387 -> 9,354.84; year 1 ends with May 2022
        ("2021-05-03", "2021-05-03", "9354.84", "2022-05"),
        # opening later: 120 days after Tuesday, February 15, 2021 is Tuesday, June 15, 2021;
        # June 15 to 30, 16 of 30 days: 10,000.00 x 16 / 30 = 5,333.33; year 1 through June 2022
        ("2021-07-01", "2021-06-15", "5333.33", "2022-06"),
    ],
)
def test_commencement_the_earlier_of_opening_or_120_days_after_delivery(
    tmp_path: Path, opening: str, first_day: str, first_rent: str, year_1_end: str
) -> None:
    sheet = EVENT_COMMENCEMENT
    text = "".join(
        f"- date: {when}\n  agreement: event-lease\n  event: {event}\n"
        for when, event in (("2021-02-15", "delivery"), (opening, "opening"))
    )
    folder = make_portfolio(
        tmp_path / "p", "Tenant", "2021-12-31", EXCERPT, sheet, {"events.yaml": text}
    )
    rows = roll(folder, "event-lease")
    first = next(r for m, r in rows.items() if m != "total")
    assert (first["due"], first["base_rent"]) == (first_day, first_rent)
    year, month = map(int, year_1_end.split("-"))
    after = f"{year + (month == 12)}-{month % 12 + 1:02d}"
    assert (rows[year_1_end]["lease_year"], rows[year_1_end]["base_rent"]) == ("year_1", "10000.00")
    # the increase on the monthly rent then being paid: 10,000.00 x 1.03 = 10,300.00
    assert (rows[after]["lease_year"], rows[after]["base_rent"]) == ("year_2", "10300.00")
