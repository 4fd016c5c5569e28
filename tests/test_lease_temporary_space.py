"""A space leased with a rent of its own until a date rule, beside the lease years' rent
(Integra's Fifty-one(e): "$2.75 per square foot per annum until June 30, 2004 or the date of
commencement of rental payments for the new building extension, whichever comes first").

The small lease of lease_sheet_support ($120,000.00 a year, $10,000.00 a month, 2024-01-01 to
2026-12-31: 36 months) with a temporary space of 2,150 sf at $21.50 a year per sf from
2024-01-01 until the earliest of 2024-09-30 and the tenant's relocation (an event):

    annual       21.50 x 2,150 = 46,225.00;  monthly 46,225.00 / 12 = 3,852.0833 -> 3,852.08
    relocated Friday 2024-06-14 (its last day leased): June 14 of 30 days,
                 3,852.08 x 14 / 30 = 1,797.6373 -> 1,797.64, due 2024-06-01 in advance
    May 2024     3,852.08 (a month before the end);  July 2024: none (a month after)
    straight-line, relocated: 360,000.00 + 5 x 3,852.08 + 1,797.64 = 381,058.04 over 36 months
                 = 10,584.9456 -> 10,584.95 a month
    not relocated by 2024-05-31: until 2024-09-30, the latest the rule allows, projected;
                 360,000.00 + 9 x 3,852.08 = 394,668.72 / 36 = 10,963.02 a month

Integra (examples/integra): the existing building's 11,425 sf (assumed) at $2.75:
31,418.75 a year, 31,418.75 / 12 = 2,618.2292 -> 2,618.23 a month, May 2003 to March 31, 2004
(the day before the commencement of April 1, 2004, which comes before June 30, 2004).
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import run
from lease_sheet_support import BASE_RENT, lease_sheet
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

INTEGRA = Path(__file__).resolve().parents[1] / "examples" / "integra"

DOCUMENT = (
    BASE_RENT
    + """ Tenant also leases the Temporary Space of 2,150 rentable square feet at $21.50 per
square foot per annum until September 30, 2024 or the date Tenant relocates, whichever comes
first.
"""
)

TEMPORARY = """\
      - id: temporary
        title: the Temporary Space
        area: {value: 2150, cite: "2,150 rentable square feet"}
        in_premises_from: {value: 2024-01-01, assumed: illustrative}
        rate: {value: 21.50, cite: "$21.50 per square foot per annum"}
        UNTIL
"""
UNTIL_RULE = (
    'until: {earliest: [{value: 2024-09-30, cite: "until September 30, 2024"}, {event: relocated}]}'
)
RELOCATED = "- {date: 2024-06-14, agreement: deal, event: relocated}\n"


def _sheet(until: str = UNTIL_RULE) -> str:
    return lease_sheet("2026-12-31").replace(
        "    lease_years:\n", TEMPORARY.replace("UNTIL", until) + "    lease_years:\n"
    )


def _run(folder: Path, as_of: date, events: str = "") -> AgreementFindings:
    write_portfolio(folder, _sheet(), DOCUMENT, events, calendar="calendar: {country: US}\n")
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def _space_rent(found: AgreementFindings) -> Decimal | None:
    value = found.value("space_rent_temporary").value
    assert value is None or isinstance(value, Decimal)
    return value


def test_a_month_before_the_end_is_a_whole_month_beside_the_base_rent(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 5, 15), RELOCATED)
    assert _space_rent(found) == Decimal("3852.08")
    assert found.value("base_rent").value == Decimal("10000.00")
    trace = found.value("space_rent_temporary").trace
    assert trace is not None
    inputs = dict(trace.inputs)
    assert inputs["rate"] == "21.50 per sf a year"
    assert inputs["area"] == "2,150 sf"
    assert inputs["annual"] == "46225.00"
    # the end is the event, which the as-of date of May 15 does not know yet: projected
    assert inputs["until"] == "2024-09-30 (projected)"


def test_the_end_month_is_prorated_when_an_event_ends_it_mid_month(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 6, 30), RELOCATED)
    assert _space_rent(found) == Decimal("1797.64")
    trace = found.value("space_rent_temporary").trace
    assert trace is not None
    inputs = dict(trace.inputs)
    assert inputs["until"] == "2024-06-14"
    assert inputs["days"] == "14 of 30 days leased"
    assert inputs["proration"] == "3852.08 x 14 / 30, rounded half-up to the cent"
    # the roll: June's installment due in advance on June 1, nothing of the space in July
    out = tmp_path / "roll.csv"
    result = run("rent", str(tmp_path), "deal", "--as-of", "2024-06-30", "--csv", str(out))
    assert result.exit_code == 0, result.output
    rows = {r["month"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert (rows["2024-06"]["due"], rows["2024-06"]["space_rent"]) == ("2024-06-01", "1797.64")
    assert "14 of 30 days" in rows["2024-06"]["space_note"]
    assert rows["2024-05"]["space_rent"] == "3852.08"
    assert rows["2024-07"]["space_rent"] == ""
    assert rows["2024-07"]["base_rent_due"] == "10000.00"
    # 5 x 3,852.08 + 1,797.64 = 21,058.04
    assert rows["total"]["space_rent"] == "21058.04"


def test_a_month_after_the_end_has_no_rent_of_the_space(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 7, 31), RELOCATED)
    assert not any(v.id == "space_rent_temporary" for v in found.values)
    assert found.value("base_rent").value == Decimal("10000.00")
    assert not any(o.id.startswith("space-rent-temporary") for o in found.obligations)
    # the straight-line rent spreads the space's rent over the term with the base rent
    assert found.value("straight_line_rent").value == Decimal("10584.95")


def test_an_end_not_yet_known_is_the_latest_the_rule_allows(tmp_path: Path) -> None:
    found = _run(tmp_path, date(2024, 5, 31))
    assert found.value("straight_line_rent").value == Decimal("10963.02")
    september = next(o for o in found.obligations if o.id == "space-rent-temporary-2024-09")
    assert september.amount == Decimal("3852.08")
    assert not any(o.id == "space-rent-temporary-2024-10" for o in found.obligations)
    end = next(o for o in found.obligations if o.id == "space-end-temporary")
    assert end.due == date(2024, 9, 30)


def test_an_until_before_the_start_is_refused(tmp_path: Path) -> None:
    write_portfolio(
        tmp_path,
        _sheet("until: {value: 2023-12-31, assumed: a test}"),
        DOCUMENT,
        calendar="calendar: {country: US}\n",
    )
    assert_sheet_error(
        tmp_path,
        "value: 2023-12-31",
        "lease.spaces.1.until",
        ("2023-12-31", "2024-01-01"),
        ("until on or after in_premises_from",),
    )


def test_integra_existing_building_until_the_commencement() -> None:
    portfolio = load_portfolio(INTEGRA)
    march = evaluate(portfolio, date(2004, 3, 31)).agreement("integra-lease")
    rent = march.value("space_rent_existing_building")
    assert rent.value == Decimal("2618.23")
    assert rent.trace is not None
    assert dict(rent.trace.inputs)["until"] == "2004-03-31"
    april = evaluate(portfolio, date(2004, 4, 30)).agreement("integra-lease")
    assert not any(v.id == "space_rent_existing_building" for v in april.values)
    assert april.value("base_rent").value == Decimal("7487.71")
    # before the delivery is recorded, its estimate (March 15) makes the end projected
    december = evaluate(portfolio, date(2003, 12, 31)).agreement("integra-lease")
    trace = december.value("space_rent_existing_building").trace
    assert trace is not None and dict(trace.inputs)["until"] == "2004-03-31 (projected)"


def test_the_rent_roll_shows_the_space_as_its_own_component(tmp_path: Path) -> None:
    out = tmp_path / "roll.csv"
    result = run("rent", str(INTEGRA), "integra-lease", "--to", "2004-04", "--csv", str(out))
    assert result.exit_code == 0, result.output
    rows = {r["month"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    # May 2003 to March 2004 before the lease years' term: 11 months of the space alone
    assert [m for m in rows if rows[m]["lease_year"] == "outside the lease years"] == [
        f"{y}-{m:02d}"
        for y, m in [(2003, n) for n in range(5, 13)] + [(2004, 1), (2004, 2), (2004, 3)]
    ]
    assert rows["2004-03"]["space_rent"] == "2618.23"
    assert "2.75 per sf a year x 11,425 sf, until 2004-03-31" in rows["2004-03"]["space_note"]
    assert rows["2004-04"]["space_rent"] == ""
    assert rows["2004-04"]["base_rent_due"] == "7487.71"
    # 11 x 2,618.23 = 28,800.53
    assert rows["total"]["space_rent"] == "28800.53"


def test_the_portfolio_roll_counts_the_space_in_the_lease_base_rent(tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = run("rent", str(INTEGRA), "--all", "--to", "2004-05", "--csv", str(out))
    assert result.exit_code == 0, result.output
    rows = {r["month"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["2003-05"]["integra-lease"] == "2618.23"
    assert rows["2004-04"]["integra-lease"] == "7487.71"
    # 11 x 2,618.23 + 2 x 7,487.71 = 28,800.53 + 14,975.42 = 43,775.95
    assert rows["total"]["total"] == "43775.95"
