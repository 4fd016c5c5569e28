"""Ownership floors and the measure of ownership, on two agreements of the corpus: e.l.f.
Beauty / Marathon's 12.5% cap and 2.0% Minimum Ownership Threshold ("maintained since the date
of this Agreement", and "as of such time" a vacancy arises), and Gold Resource / Hochschild's
14.5%, 35% and 40% director thresholds on the fully diluted Pro Rata Interest. Shares
outstanding and holdings are illustrative; every figure below is worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bad_input_support import check
from conftest import values_of
from pactum.findings import AgreementFindings, Severity
from portfolio_support import assert_sheet_error
from standstill_support import ELF, GOLD, elf, findings, gold

OWN = "as_of,holder,shares,shares_outstanding\n"
MARATHON = "Marathon Partners"
# 49,000,000 shares outstanding (illustrative): 2.0% is 980,000 shares, 12.5% is 6,125,000
SIGNED = OWN + f"2020-07-01,{MARATHON},2585000,49000000\n"


def cap(result: AgreementFindings) -> bool | None:
    return next(t for t in result.tests if t.id == "acquisition_cap").passed


def test_elf_exactly_at_the_cap_and_the_floor(tmp_path: Path) -> None:
    folder = elf(tmp_path)
    # 6,125,000 / 49,000,000 = 12.5% exactly: "up to 12.5%" allows it
    at_cap = SIGNED + f"2020-08-01,{MARATHON},6125000,49000000\n"
    result = findings(folder, date(2020, 8, 1), ownership=at_cap)
    assert values_of(result)["ownership_pct"] == "12.50"
    assert cap(result) is True
    # one share more, bought: 6,125,001 > 12.5% x 49,000,000, a breach
    over = at_cap + f"2020-09-01,{MARATHON},6125001,49000000\n"
    assert cap(findings(folder, date(2020, 9, 1), ownership=over)) is False
    # selling to 980,000 = 2.0% exactly: "equal to or greater than 2.0%" is met
    floor = SIGNED + f"2020-10-01,{MARATHON},980000,49000000\n"
    values = values_of(findings(folder, date(2020, 10, 1), ownership=floor))
    assert values["right_investor_calls"] == "in force"
    assert values["right_replacement_director"] == "no event yet"


def test_elf_replacement_director_at_a_vacancy(tmp_path: Path) -> None:
    vacancy = "- {date: 2020-12-31, agreement: deal, event: vacancy}\n"
    folder = elf(tmp_path, events=vacancy)
    at_floor = SIGNED + f"2020-10-01,{MARATHON},980000,49000000\n"
    values = values_of(findings(folder, date(2021, 1, 5), ownership=at_floor))
    assert values["right_replacement_director"] == "arises"
    # one share below on 2020-11-15 (979,999 < 980,000), back to 1,500,000 (3.06%) before
    # the vacancy: met "as of such time" but not maintained since signing
    dipped = at_floor + (
        f"2020-11-15,{MARATHON},979999,49000000\n2020-12-01,{MARATHON},1500000,49000000\n"
    )
    result = findings(folder, date(2021, 1, 5), ownership=dipped)
    values = values_of(result)
    assert values["right_replacement_director"] == "does not arise"
    assert values["right_investor_calls"] == "ended"
    trace = next(v for v in result.values if v.id == "right_investor_calls").trace
    assert trace is not None and dict(trace.inputs)["since"] == "2020-11-15"
    [fell] = [a for a in result.alerts if "fell below the 1(d) floor" in a.message]
    assert fell.severity is Severity.warning
    assert "the group's shares changed from 980,000 to 979,999; shares outstanding did not " in (
        fell.message
    )


def test_elf_an_issuance_alone_takes_the_group_below_the_floor(tmp_path: Path) -> None:
    folder = elf(tmp_path)
    # 980,000 / 49,000,001 < 2.0%: the group did nothing, the denominator moved
    issued = SIGNED + (
        f"2020-10-01,{MARATHON},980000,49000000\n2020-11-01,{MARATHON},980000,49000001\n"
    )
    result = findings(folder, date(2020, 11, 2), ownership=issued)
    assert values_of(result)["right_investor_calls"] == "ended"
    [fell] = [a for a in result.alerts if "fell below the 1(d) floor" in a.message]
    assert (
        "the group's shares did not change (980,000): only shares outstanding changed from "
        "49,000,000 to 49,000,001 (an issuance, not a trade by the group)"
    ) in fell.message


MEASURED = """\
    ownership:
      rights:
        value: within_days
        assumed: Rule 13d-3(d)(1), which the agreement's beneficial ownership follows.
      rights_within_days:
        value: 60
        assumed: Rule 13d-3(d)(1)(i)'s sixty days.
      derivatives:
        value: true
        cite: "including any swaps, puts, calls, appreciation rights or other derivative arrangements"
      denominator:
        value: outstanding_with_own_rights
        assumed: Rule 13d-3(d)(1)(i) adds the holder's own rights to the shares outstanding.
"""


def with_measure(sheet: str, measure: str) -> str:
    return sheet.replace("    standstill:\n", measure + "    standstill:\n", 1)


def test_elf_rights_within_60_days_and_a_swap_count(tmp_path: Path) -> None:
    folder = elf(tmp_path, with_measure(ELF, MEASURED))
    ownership = SIGNED + f"2020-08-01,{MARATHON},5000000,49000000\n"
    # an option on 100,000 shares exercisable from 2020-10-01: not within 60 days of 2020-08-01
    # (61 days), within them on 2020-08-02 (60 days)
    rights = (
        "as_of,holder,instrument,shares,exercisable_from\n"
        f"2020-08-01,{MARATHON},call option,100000,2020-10-01\n"
    )
    result = findings(folder, date(2020, 8, 1), ownership=ownership, rights=rights)
    assert values_of(result)["group_rights"] == "0"
    # a swap on 1,025,001 shares on 2020-08-02: 5,000,000 + 100,000 + 1,025,001 = 6,125,001
    # against 49,000,000 + 100,000 = 49,100,000 (12.5% is 6,137,500): 12.4745%, not over
    swaps = "as_of,holder,instrument,underlying_shares\n" + f"2020-08-02,{MARATHON},swap,1025001\n"
    result = findings(folder, date(2020, 8, 2), rights=rights, derivatives=swaps)
    values = values_of(result)
    assert (values["group_rights"], values["group_derivatives"]) == ("100000", "1025001")
    assert values["ownership_pct"] == "12.47"
    assert cap(result) is True
    # 12,501 more underlying on 2020-08-03: 6,137,502 > 6,137,500, over by the swap
    swaps += f"2020-08-03,{MARATHON},swap,1037502\n"
    result = findings(folder, date(2020, 8, 3), derivatives=swaps)
    assert cap(result) is False
    [crossed] = [a for a in result.alerts if "rose over the 3(a)(v)" in a.message]
    assert "its derivative exposure changed from 1,025,001 to 1,037,502" in crossed.message
    assert "shares outstanding did not change" in crossed.message


def test_a_derivatives_row_without_its_shares_is_refused(tmp_path: Path) -> None:
    folder = elf(tmp_path, with_measure(ELF, MEASURED))
    (folder / "facts" / "ownership.csv").write_text(SIGNED)
    (folder / "facts" / "derivatives.csv").write_text(
        "as_of,holder,instrument,underlying_shares\n2020-08-02,Marathon Partners,swap,-5\n"
    )
    result = check(folder)
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "derivatives.csv" in line and "row 2" in line and "underlying_shares" in line
    assert "-5" in line and "a whole number, 0 or more" in line


HOC = "Hochschild Mining Holdings"
GOLD_OWN = OWN.strip() + ",rights_60d\n"


def test_gold_resource_pro_rata_interest_fully_diluted(tmp_path: Path) -> None:
    folder = gold(tmp_path)
    # 40,000,000 outstanding and 5,000,000 issuable on all outstanding convertibles (HOC's
    # 1,000,000 warrants among them): the base is 45,000,000. 14.5% of it is 6,525,000;
    # 35% is 15,750,000; 40% is 18,000,000.
    ownership = GOLD_OWN + f"2008-12-05,{HOC},5525000,40000000,0\n"
    rights = "as_of,holder,instrument,shares\n" + f"2008-12-05,{HOC},warrants,1000000\n"
    convertibles = "as_of,shares_issuable\n2008-12-05,5000000\n"
    result = findings(
        folder, date(2008, 12, 5), ownership=ownership, rights=rights, convertibles=convertibles
    )
    values = values_of(result)
    # 6,525,000 / 45,000,000 = 14.5% exactly: "falls below 14.5%" has not happened
    assert values["ownership_pct"] == "14.50"
    assert values["right_hoc_director"] == "in force"
    assert values["right_second_director_appointment"] == "suspended"
    # the company issues options on 100,000 shares: 6,525,000 / 45,100,000 = 14.468%
    convertibles += "2009-01-15,5100000\n"
    result = findings(folder, date(2009, 1, 15), convertibles=convertibles)
    assert values_of(result)["right_hoc_director"] == "ended"
    [fell] = [a for a in result.alerts if "fell below the 5.4, 8.2 floor" in a.message]
    assert (
        "only the company's convertibles changed from 5,000,000 to 5,100,000 (an issuance, "
        "not a trade by the group)"
    ) in fell.message


def test_gold_resource_second_director_at_40_and_kept_at_35(tmp_path: Path) -> None:
    folder = gold(tmp_path)
    rights = "as_of,holder,instrument,shares\n" + f"2008-12-05,{HOC},warrants,1000000\n"
    convertibles = "as_of,shares_issuable\n2008-12-05,5000000\n"
    # 17,000,000 + 1,000,000 = 18,000,000 of 45,000,000 = 40% exactly: "40% or more" appoints;
    # the cap ("greater than 40%") is not breached
    ownership = GOLD_OWN + f"2008-12-05,{HOC},17000000,40000000,0\n"
    result = findings(
        folder, date(2008, 12, 5), ownership=ownership, rights=rights, convertibles=convertibles
    )
    values = values_of(result)
    assert values["right_second_director_appointment"] == "in force"
    assert values["right_second_director_nomination"] == "in force"
    assert cap(result) is True
    # sold to 14,750,000 + 1,000,000 = 15,750,000 = 35% exactly: kept; the 40% right suspended
    ownership += f"2009-06-30,{HOC},14750000,40000000,0\n"
    values = values_of(findings(folder, date(2009, 6, 30), ownership=ownership))
    assert values["right_second_director_nomination"] == "in force"
    assert values["right_second_director_appointment"] == "suspended"
    # one share less: 15,749,999 < 15,750,000, the second director's nomination ends
    ownership += f"2009-09-30,{HOC},14749999,40000000,0\n"
    values = values_of(findings(folder, date(2009, 9, 30), ownership=ownership))
    assert values["right_second_director_nomination"] == "ended"
    assert values["right_hoc_director"] == "in force"


def test_a_floor_above_the_cap_it_serves_is_refused(tmp_path: Path) -> None:
    sheet = GOLD.replace("value: 0.35\n", "value: 0.45\n", 1)
    folder = gold(tmp_path, sheet)
    assert_sheet_error(
        folder,
        "value: 0.45",
        "alliance.floors.2.level",
        ("45.00% above the 40.00% acquisition cap",),
        ("at or below the acquisition cap",),
    )


def test_rights_60d_under_an_ownership_measure_is_a_warning_not_a_silent_drop(
    tmp_path: Path,
) -> None:
    # the measure reads rights.csv: ownership.csv's 500,000 + 250,000 rights_60d are not counted
    result = findings(
        gold(tmp_path),
        date(2009, 6, 30),
        ownership="as_of,holder,shares,shares_outstanding,rights_60d\n"
        "2009-03-31,Hochschild Mining Holdings,11330000,49330000,500000\n"
        "2009-06-30,Hochschild Mining Holdings,11330000,49330000,250000\n",
        convertibles="as_of,shares_issuable\n2009-03-31,0\n",
    )
    [warning] = [a for a in result.alerts if "rights_60d" in a.message]
    assert warning.severity is Severity.warning
    assert warning.message.startswith(
        "facts/ownership.csv: column rights_60d gives the group 750,000 shares in 2 row(s) "
        "(2009-03-31 to 2009-06-30), not counted"
    )
    assert "facts/rights.csv" in warning.message
    # 11,330,000 / 49,330,000 = 22.97%: the rights are not in it
    assert values_of(result)["ownership_pct"] == "22.97"


def test_rights_60d_of_zero_is_no_warning(tmp_path: Path) -> None:
    result = findings(
        gold(tmp_path),
        date(2009, 6, 30),
        ownership="as_of,holder,shares,shares_outstanding,rights_60d\n"
        "2009-03-31,Hochschild Mining Holdings,11330000,49330000,0\n",
    )
    assert not [a for a in result.alerts if "rights_60d" in a.message]


def test_a_cap_crossing_before_the_standstill_starts_is_no_breach(tmp_path: Path) -> None:
    # the standstill starts 2009-03-10; HOC buys to 20,000,000 / 49,330,000 = 40.54% on
    # 2009-01-31, before it: an info line; from the start it stays over without buying: passes
    sheet = GOLD.replace(
        "    standstill:\n      through:\n",
        "    standstill:\n      starts: {value: 2009-03-10, assumed: Illustrative.}\n"
        "      through:\n",
        1,
    )
    ownership = (
        "as_of,holder,shares,shares_outstanding\n"
        "2008-12-10,Hochschild Mining Holdings,7000000,49330000\n"
        "2009-01-31,Hochschild Mining Holdings,20000000,49330000\n"
    )
    result = findings(gold(tmp_path, sheet), date(2009, 3, 31), ownership=ownership)
    [crossed] = [a for a in result.alerts if "rose over the 7.1(i)" in a.message]
    assert crossed.severity is Severity.info
    assert "the standstill not in force that day" in crossed.message
    assert cap(result) is True
    assert not [a for a in result.alerts if a.severity is Severity.critical]
