"""A right of first refusal on a space, with its lease meaning (Exicure's Article 33: "within
ten (10) business days after its receipt of such ROFR Trigger Notice"; "within two hundred
seventy (270) days").

The small lease of lease_sheet_support ($10,000.00 a month, 2024-01-01 to 2026-12-31) with a
first refusal on the Fifth Floor Space. The landlord offers it on Thursday 2024-06-27, from
2024-08-15 at $30.00 a year per sf on 5,000 sf. Ten business days after, on the US calendar:
June 28 (1), July 1, 2, 3 (2-4), July 4 Independence Day skipped, July 5 (5), the weekend
skipped, July 8-12 (6-10): the window closes Friday 2024-07-12.

    exercised July 12:  30.00 x 5,000 = 150,000.00 a year; 12,500.00 a month;
                        August 15-31, 17 of 31 days: 12,500.00 x 17 / 31 = 6,854.8387 -> 6,854.84
                        September: 12,500.00
    not exercised:      lapsed after July 12; released 270 days: July 12 + 270 = 2025-04-08
                        (19 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 31 = 262 to March 31, + 8)

Offers of another space do not open this window: the sixth floor offered on Thursday
2024-06-20 would have closed it on 2024-07-05 (June 21 (1), 24-28 (2-6), July 1-3 (7-9), the
4th skipped, July 5 (10)). The landlord offers the fifth floor again ("from time to time") on
Thursday 2025-05-01, from 2025-07-01 at $32.00: May 2 (1), 5-9 (2-6), 12-15 (7-10): the window
closes Thursday 2025-05-15; exercised, 32.00 x 5,000 = 160,000.00 a year, 13,333.33 a month
(160,000 / 12 = 13,333.333, half-up), July 2025 a whole month.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import run
from lease_sheet_support import BASE_RENT, lease_sheet
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Severity
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

DOCUMENT = (
    BASE_RENT
    + """ Tenant may lease the First Refusal Space by delivering a notice to Landlord within ten
(10) business days after its receipt of such ROFR Trigger Notice. If Tenant does not timely
exercise its option, Landlord may lease such space within two hundred seventy (270) days.
"""
)

FIFTH_FLOOR = """\
      - id: fifth_floor
        title: the Fifth Floor Space
        area: {value: 5000, assumed: illustrative}
      - id: sixth_floor
        title: the Sixth Floor Space (another tenant's right)
        area: {value: 5000, assumed: illustrative}
"""

REFUSAL = """\
    first_refusals:
      - option: first_refusal
        space: SPACE
        released_days: {value: 270, cite: "within two hundred seventy (270) days"}
  - id: options
    type: options
    options:
      - id: first_refusal
        kind: first_refusal
        title: Right of first refusal (fifth floor)
        window:
          triggered_by: {event: space_offered, where: {space: fifth_floor}}
          opens: {event: space_offered}
          closes:
            after: {event: space_offered}
            business_days: {value: 10, cite: "within ten (10) business days after its receipt"}
"""

OFFER = (
    "- {date: 2024-06-27, agreement: deal, event: space_offered, space: fifth_floor, "
    "start: 2024-08-15, rate: 30.00, note: illustrative ROFR Trigger Notice}\n"
)


def _sheet(space: str = "fifth_floor") -> str:
    sheet = lease_sheet("2026-12-31").replace(
        "    lease_years:\n", FIFTH_FLOOR + "    lease_years:\n"
    )
    return sheet + REFUSAL.replace("SPACE", space)


def _run(folder: Path, as_of: date, events: str) -> AgreementFindings:
    write_portfolio(folder, _sheet(), DOCUMENT, events, calendar="calendar: {country: US}\n")
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def _exercise(day: str) -> str:
    return f"- {{date: {day}, agreement: deal, event: option_exercised, option: first_refusal}}\n"


def test_before_an_offer_the_right_is_not_triggered(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 6, 26), OFFER)  # the offer comes the next day
    assert found.value("option-first_refusal").value == "not triggered"
    assert not [a for a in found.alerts if a.severity is not Severity.info]
    assert not [o for o in found.obligations if o.clause == "options"]


def test_the_window_runs_ten_business_days_past_a_holiday_and_a_weekend(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 7, 1), OFFER)
    status = found.value("option-first_refusal")
    assert status.value == "open"
    assert status.trace is not None
    assert dict(status.trace.inputs)["window"] == "from 2024-06-27 through 2024-07-12"


def test_an_exercise_adds_the_space_from_the_offer_at_its_rent(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 8, 31), OFFER + _exercise("2024-07-12"))
    assert found.value("option-first_refusal").value == "exercised"
    assert found.value("space_rent_fifth_floor").value == Decimal("6854.84")
    assert found.value("base_rent").value == Decimal("10000.00")
    out = tmp_path / "roll.csv"
    result = run("rent", str(tmp_path), "deal", "--as-of", "2024-09-30", "--csv", str(out))
    assert result.exit_code == 0, result.output
    rows = {r["month"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["2024-07"]["space_rent"] == ""
    assert rows["2024-08"]["space_rent"] == "6854.84"
    assert "17 of 31 days" in rows["2024-08"]["space_note"]
    assert rows["2024-09"]["space_rent"] == "12500.00"


def test_no_exercise_releases_the_space_until_the_right_revives(tmp_path: Path) -> None:
    late = _exercise("2024-07-15")  # the Monday after the window: not an exercise
    found = _run(tmp_path, date(2024, 8, 31), OFFER + late)
    assert found.value("option-first_refusal").value == "lapsed"
    assert not any(v.id == "space_rent_fifth_floor" for v in found.values)
    released = [a.message for a in found.alerts if "landlord may lease" in a.message]
    assert len(released) == 1
    assert "fifth_floor (offered from 2024-08-15 at 30.00 per sf a year)" in released[0]
    assert "through 2025-04-08; after that the right revives" in released[0]
    later = _run(tmp_path, date(2025, 4, 9), OFFER)
    assert any("the right revived on 2025-04-09" in a.message for a in later.alerts)


SIXTH_FLOOR_OFFER = (
    "- {date: 2024-06-20, agreement: deal, event: space_offered, space: sixth_floor, "
    "start: 2024-09-01, rate: 28.00}\n"
)
SECOND_OFFER = (
    "- {date: 2025-05-01, agreement: deal, event: space_offered, space: fifth_floor, "
    "start: 2025-07-01, rate: 32.00, note: illustrative second ROFR Trigger Notice}\n"
)


def _window(found: AgreementFindings) -> str:
    status = found.value("option-first_refusal")
    assert status.trace is not None
    return dict(status.trace.inputs)["window"]


def test_an_offer_of_another_space_opens_nothing(tmp_path: Path) -> None:
    before = _run(tmp_path, date(2024, 6, 21), SIXTH_FLOOR_OFFER + OFFER)
    assert before.value("option-first_refusal").value == "not triggered"
    found = _run(tmp_path, date(2024, 7, 8), SIXTH_FLOOR_OFFER + OFFER)
    assert found.value("option-first_refusal").value == "open"
    assert _window(found) == "from 2024-06-27 through 2024-07-12"


def test_a_later_offer_after_a_lapse_opens_a_new_window(tmp_path: Path) -> None:
    lapsed = _run(tmp_path, date(2025, 4, 30), OFFER + SECOND_OFFER)
    assert lapsed.value("option-first_refusal").value == "lapsed"
    found = _run(tmp_path, date(2025, 5, 2), OFFER + SECOND_OFFER)
    assert found.value("option-first_refusal").value == "open"
    assert _window(found) == "from 2025-05-01 through 2025-05-15"
    assert not any("landlord may lease" in a.message for a in found.alerts)
    taken = _run(tmp_path, date(2025, 7, 31), OFFER + SECOND_OFFER + _exercise("2025-05-15"))
    assert taken.value("option-first_refusal").value == "exercised"
    assert taken.value("space_rent_fifth_floor").value == Decimal("13333.33")


def test_an_exercise_stands_whatever_is_offered_later(tmp_path: Path) -> None:
    events = OFFER + _exercise("2024-07-12") + SECOND_OFFER
    found = _run(tmp_path, date(2025, 5, 2), events)
    assert found.value("option-first_refusal").value == "exercised"
    assert not [a for a in found.alerts if "not a valid exercise" in a.message]


def test_a_first_refusal_on_a_leased_space_is_refused(tmp_path: Path) -> None:
    write_portfolio(tmp_path, _sheet("premises"), DOCUMENT, OFFER, "calendar: {country: US}\n")
    assert_sheet_error(
        tmp_path,
        "space: premises",
        "lease.first_refusals.0.space",
        ("'premises'",),
        ("a space not in the premises",),
    )
