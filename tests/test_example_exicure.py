"""The Exicure example, `examples/exicure/`: the lease of the 4th floor of 2430 North Halsted
Street, Chicago (February 28, 2020), every figure worked out by hand from the document.

Exhibit E (the corpus README's check): rate x 30,085 RSF, / 12 for the installment:
37.00 -> 1,113,145.00 / 92,762.08 (months 1-12) ... 48.29 -> 1,452,804.65 / 121,067.05
(months 109-120); the annual column adds to 12,761,455.30 (the corpus's total), but the 120
installments, each rounded to the cent, to 12 x 1,063,454.60 = 12,761,455.20, ten cents less:
the roll bills installments.

The Delivery Date (illustrative, facts/events.yaml) is Monday, June 15, 2020. Lease month 1 is
July 2020, the first full calendar month; June is prorated by its days, 16 of 30 (the 15th to
the 30th): 92,762.08 x 16 / 30 = 49,473.1093 -> 49,473.11. Month 120 is June 2030: the
Expiration Date is June 30, 2030, "the last day of the one hundred twentieth (120th) full
calendar month". Whole term: 49,473.11 + 12,761,455.20 = 12,810,928.31 before abatement.

Section 2.C abates Base Rent on 12,765 sf, 12,765 x 37.00 / 12 = 39,358.75 a month, from June
15, 2020 through June 14, 2021: June 2020 39,358.75 x 16 / 30 = 20,991.3333 -> 20,991.33 (due
49,473.11 - 20,991.33 = 28,481.78); July 2020 to May 2021 39,358.75 (due 53,403.33); June 2021
(month 12), 14 days of 30: 18,367.4167 -> 18,367.42 (due 92,762.08 - 18,367.42 = 74,394.66).
In all 20,991.33 + 11 x 39,358.75 + 18,367.42 = 472,305.00, the corpus's 12 x 39,358.75.

Section 2.C(b) abates the shares of Taxes and Operating Expenses "each on 12,765 square feet"
too: each pool's monthly estimate (facts/opex.csv, ILLUSTRATIVE: 2020 operating 1,200,000.00,
taxes 600,000.00; 2021 1,236,000.00 and 618,000.00) at the 24.047% share, x 12,765 / 30,085,
half-up to the cent. 2020: 1,200,000 / 12 x 0.24047 = 24,047.00, x 12,765 / 30,085 =
10,203.0897 -> 10,203.09; 600,000 / 12 x 0.24047 = 12,023.50 -> 5,101.5449 -> 5,101.54; in all
15,304.63 abated, 20,765.87 of expenses due. 2021: 24,768.41 -> 10,509.18 and 12,384.21 ->
5,254.59: 15,763.77 abated, 21,388.85 due. June 2021, 14 of 30 days: 4,904.29 + 2,452.14 =
7,356.43. (June 2020 has no estimate: the share starts on the 15th, after the 1st, the day a
month's share is taken.)

An illustrative Event of Default from November 20, 2020, cured January 10, 2021: the
abatements of December 1 and January 1 are suspended (39,358.75 + 15,304.63 = 54,663.38 and
39,358.75 + 15,763.77 = 55,122.52: 109,785.90; both months' base rent 92,762.08 due);
reinstated after the cure against what falls due next, base rent first: February 2021 the
base rent's room, 92,762.08 - 39,358.75 = 53,403.33 (0.00 due), and the expenses' 21,388.85
(0.00 due): 74,792.18; March 2021 the rest, 109,785.90 - 74,792.18 = 34,993.72, on base rent:
abatement 39,358.75 + 34,993.72 = 74,352.47, due 92,762.08 - 74,352.47 = 18,409.61.

The letter of credit (Article 26): 1,200,000 from March 20, 2020 (21 days after February 28,
2020, a leap year), 960,000 from June 16, 2024 (the day after the 4th anniversary); the 5th
(June 16, 2025) falls in an illustrative default of June 2 to July 8, 2025: suspended, 720,000
from the cure; 480,000 from June 16, 2026; 240,000 from June 16, 2027.

Late charges (Section 2.B, illustrative payments): August 2020's 53,403.33, due Saturday
August 1, five business days to Friday August 7, paid August 12: late, the first, paid within
30 days: waived. October's, due Thursday October 1, grace to Thursday October 8, paid Friday
October 9: 3% x 53,403.33 = 1,602.0999 -> 1,602.10.

Article 33's right of first refusal on the Fifth Floor Space (its area assumed: the fourth
floor's 30,085 sf). An illustrative ROFR Trigger Notice on Thursday, February 10, 2022, from
May 16, 2022 at $39.00 per RSF a year. Ten business days after it, on the Illinois calendar:
Friday February 11 (Lincoln's Birthday observed) skipped, the weekend, February 14-18 (1-5),
the weekend, Monday February 21 (Washington's Birthday) skipped, February 22-25 (6-9), the
weekend, Monday February 28 (10): the window closes 2022-02-28 (on the federal calendar it
would be Friday the 25th). Not exercised: released for 270 days, February 28 + 270 = November
25, 2022 (31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 = 245 to October 31, + 25); revived November 26.
Exercised: 39.00 x 30,085 = 1,173,315.00 a year, 97,776.25 a month; May 2022, the 16th to the
31st, 16 of 31 days: 97,776.25 x 16 / 31 = 50,465.1613 -> 50,465.16; June 97,776.25.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import run

EXICURE = Path(__file__).resolve().parents[1] / "examples" / "exicure"
AGREEMENT = "exicure-lease"
CORPUS_BLOB = "8b211c14905b7efa34161cd094db4642f4c63ff9"


@cache
def values(as_of: str) -> dict[str, Any]:
    result = run("check", str(EXICURE), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    [agreement] = json.loads(result.stdout)["agreements"]
    return dict(agreement["values"])


@cache
def roll() -> dict[str, dict[str, str]]:
    out = Path(tempfile.mkdtemp()) / "roll.csv"
    result = run("rent", str(EXICURE), AGREEMENT, "--csv", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        return {row["month"]: row for row in csv.DictReader(handle)}


def test_the_document_is_the_corpus_file_unchanged() -> None:
    data = (EXICURE / "documents" / "exicure-2430-n-halsted-lease-2020.txt").read_bytes()
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == CORPUS_BLOB


def test_verify_is_clean_and_recomputes_exhibit_e() -> None:
    result = run("verify", str(EXICURE))
    assert result.exit_code == 0, result.output
    assert "0 unsourced" in result.stdout and "23 stated figures recomputed" in result.stdout
    assert "0 failures" in result.stdout


@pytest.mark.parametrize(
    ("month", "base_rent", "abatement", "due"),
    [
        ("2020-06", "49473.11", "20991.33", "28481.78"),  # 16 of 30 days
        ("2020-07", "92762.08", "39358.75", "53403.33"),
        ("2020-11", "92762.08", "39358.75", "53403.33"),  # due before the default
        ("2020-12", "92762.08", "0.00", "92762.08"),  # suspended
        ("2021-01", "92762.08", "0.00", "92762.08"),  # suspended (cured on the 10th)
        ("2021-02", "92762.08", "92762.08", "0.00"),  # 39,358.75 + 53,403.33 reinstated
        ("2021-03", "92762.08", "74352.47", "18409.61"),  # the last 34,993.72
        ("2021-06", "92762.08", "18367.42", "74394.66"),  # 14 of 30 days
        ("2021-07", "95544.95", "", "95544.95"),  # month 13
        ("2030-06", "121067.05", "", "121067.05"),  # month 120, the last
    ],
)
def test_exhibit_e_and_the_conditional_abatement(
    month: str, base_rent: str, abatement: str, due: str
) -> None:
    line = roll()[month]
    assert (line["base_rent"], line["base_rent_due"]) == (base_rent, due)
    # after the abatement period the cell is empty (nothing scheduled) or 0.00
    assert line["abatement"] in ((abatement,) if abatement else ("", "0.00"))


def test_the_whole_term_and_the_abatement_in_all() -> None:
    lines = roll()
    assert "2020-05" not in lines and "2030-07" not in lines
    assert lines["total"]["base_rent"] == "12810928.31"
    # scheduled: base rent 472,305.00 and expenses 6 x 15,304.63 + 5 x 15,763.77 + 7,356.43 =
    # 178,003.06, 650,308.06 in all; the suspended came back, 9,679.55 of the expenses' part
    # against base rent: 481,984.55 of base rent and 168,323.51 of expenses
    assert lines["total"]["abatement"] == "481984.55"
    assert lines["total"]["expense_abatement"] == "168323.51"
    assert lines["total"]["base_rent_due"] == "12328943.76"


@pytest.mark.parametrize(
    ("month", "estimates", "abated", "due"),
    [
        ("2020-07", ("24047.00", "12023.50"), "15304.63", "20765.87"),
        ("2020-12", ("24047.00", "12023.50"), "0.00", "36070.50"),  # suspended
        ("2021-02", ("24768.41", "12384.21"), "37152.62", "0.00"),  # 15,763.77 + 21,388.85
        ("2021-04", ("24768.41", "12384.21"), "15763.77", "21388.85"),
        ("2021-06", ("24768.41", "12384.21"), "7356.43", "29796.19"),  # 14 of 30 days
        ("2021-07", ("24768.41", "12384.21"), "0.00", "37152.62"),  # month 13: none
    ],
)
def test_the_expense_shares_on_12765_sf_abate_too(
    month: str, estimates: tuple[str, str], abated: str, due: str
) -> None:
    line = roll()[month]
    assert (line["operating_estimate"], line["taxes_estimate"]) == estimates
    assert (line["expense_abatement"], line["expenses_due"]) == (abated, due)


def test_the_expense_abatement_value_and_its_trace() -> None:
    result = run("check", str(EXICURE), "--as-of", "2020-07-15", "--json")
    [agreement] = json.loads(result.stdout)["agreements"]
    assert agreement["values"]["expense_abatement"] == "15304.63"
    inputs = agreement["traces"]["expense_abatement"]["inputs"]
    assert inputs["estimates"] == "operating 24047.00; taxes 12023.50"
    assert inputs["abatements"] == "section_2c operating 10203.09; section_2c taxes 5101.54"


@pytest.mark.parametrize(
    ("as_of", "held"),
    [
        ("2020-03-19", "0.00"),
        ("2020-03-20", "1200000.00"),
        ("2024-06-15", "1200000.00"),
        ("2024-06-16", "960000.00"),
        ("2025-06-20", "960000.00"),  # the 5th anniversary's step suspended by the default
        ("2025-07-08", "720000.00"),  # taken on the cure
        ("2026-06-16", "480000.00"),
        ("2027-06-16", "240000.00"),
    ],
)
def test_the_letter_of_credit_steps_down(as_of: str, held: str) -> None:
    assert values(as_of)["letter_of_credit-balance"] == held


def test_the_first_late_payment_waived_the_second_charged() -> None:
    found = values("2021-03-31")
    assert found["late-charge-rent-2020-08"] == "0.00"
    assert found["late-charge-rent-2020-10"] == "1602.10"
    assert found["late-charges-total"] == "1602.10"


def test_the_landlords_maximum_expenditure_is_105_per_rsf() -> None:
    """Exhibit G, 4.A: $105.00 x 30,085 RSF = $3,158,925.00; nothing drawn (no draws known)."""
    found = values("2021-03-31")
    assert found["allowance-landlords_maximum_expenditure"] == "3158925.00"
    assert found["allowance-landlords_maximum_expenditure-drawn"] == "0.00"
    assert found["allowance-landlords_maximum_expenditure-remaining"] == "3158925.00"


def test_the_portfolio_roll_agrees_with_the_lease_roll() -> None:
    """`rent --all` bills March 2021 as `rent` does: 18,409.61 after the reinstatement."""
    out = Path(tempfile.mkdtemp()) / "all.csv"
    result = run(
        "rent", str(EXICURE), "--all", "--from", "2021-03", "--to", "2021-03", "--csv", str(out)
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        rows = {row["month"]: row for row in csv.DictReader(handle)}
    assert rows["2021-03"][AGREEMENT] == "18409.61"


def test_the_rent_roll_shows_the_letter_of_credit_held_and_the_late_charges() -> None:
    """Beside the rent, as known on the portfolio's as-of date (2021-03-31): the letter of
    credit held on each due date, 1,200,000.00 through June 1, 2024, 960,000.00 from July 1,
    2024 (the step of June 16); the 5th anniversary's step is projected (no default known
    yet): 720,000.00 from July 1, 2025. August 2020's late charge waived (0.00), October's
    1,602.10; the total is October's."""
    lines = roll()
    held = {m: lines[m]["letter_of_credit_held"] for m in ("2020-06", "2024-06", "2024-07")}
    assert held == {"2020-06": "1200000.00", "2024-06": "1200000.00", "2024-07": "960000.00"}
    assert lines["2025-07"]["letter_of_credit_held"] == "720000.00"
    assert lines["2027-07"]["letter_of_credit_held"] == "240000.00"
    assert lines["total"]["letter_of_credit_held"] == ""  # a balance, not added up
    assert (lines["2020-08"]["late_charge"], lines["2020-10"]["late_charge"]) == (
        "0.00",
        "1602.10",
    )
    assert lines["2021-04"]["late_charge"] == ""  # after the as-of date
    assert lines["total"]["late_charge"] == "1602.10"


def test_the_rent_roll_after_the_second_default_waits_for_its_cure() -> None:
    """On June 20, 2025 the default of June 2 is not cured: the 5th step waits, so July 2025
    still holds 960,000.00; known cured on July 8, the 720,000.00 holds from August 1."""
    out = Path(tempfile.mkdtemp()) / "roll.csv"
    for as_of, july, august in (
        ("2025-06-20", "960000.00", "960000.00"),
        ("2025-12-31", "960000.00", "720000.00"),
    ):
        result = run(
            "rent", str(EXICURE), AGREEMENT, "--from", "2025-07", "--to", "2025-08",
            "--as-of", as_of, "--csv", str(out),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        with out.open(encoding="utf-8") as handle:
            held = [row["letter_of_credit_held"] for row in csv.DictReader(handle)]
        assert held[:2] == [july, august], as_of


@cache
def findings(as_of: str, folder: Path = EXICURE) -> dict[str, Any]:
    result = run("check", str(folder), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    [agreement] = json.loads(result.stdout)["agreements"]
    return dict(agreement)


def _refusal_alerts(as_of: str) -> list[dict[str, Any]]:
    return [a for a in findings(as_of)["alerts"] if "Right of first refusal" in a["message"]]


def test_the_right_of_first_refusal_before_the_offer_is_not_triggered() -> None:
    assert values("2022-02-09")["option-first_refusal"] == "not triggered"
    assert [a["severity"] for a in _refusal_alerts("2022-02-09")] == ["info"]
    owed = [o for o in findings("2022-02-09")["obligations"] if o["clause"] == "options"]
    assert owed == []


def test_the_offer_opens_ten_illinois_business_days() -> None:
    found = findings("2022-02-10")
    assert found["values"]["option-first_refusal"] == "open"
    window = found["traces"]["option-first_refusal"]["inputs"]["window"]
    assert window == "from 2022-02-10 through 2022-02-28"
    closes = [o for o in found["obligations"] if o["id"] == "option-first_refusal-closes"]
    assert [o["due"] for o in closes] == ["2022-02-28"]


def test_the_lapsed_offer_releases_the_floor_for_270_days() -> None:
    assert values("2022-03-01")["option-first_refusal"] == "lapsed"
    (released,) = [a["message"] for a in _refusal_alerts("2022-03-01")]
    assert "through 2022-11-25; after that the right revives" in released
    (revived,) = [a["message"] for a in _refusal_alerts("2022-11-26")]
    assert "the right revived on 2022-11-26" in revived
    assert "space_rent_fifth_floor" not in values("2022-06-30")


def test_an_exercised_offer_adds_the_fifth_floor_from_may_16(tmp_path: Path) -> None:
    folder = tmp_path / "exicure"
    shutil.copytree(EXICURE, folder)
    with (folder / "facts" / "events.yaml").open("a", encoding="utf-8") as events:
        events.write(
            "- {date: 2022-02-28, agreement: exicure-lease, event: option_exercised, "
            "option: first_refusal}\n"
        )
    found = findings("2022-05-31", folder)["values"]
    assert found["option-first_refusal"] == "exercised"
    assert found["space_rent_fifth_floor"] == "50465.16"
    assert findings("2022-06-30", folder)["values"]["space_rent_fifth_floor"] == "97776.25"
