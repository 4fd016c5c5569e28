"""The holder group as the sheet lists it: a YAML flow list splits a name at its comma, and
the sheet's cited holding at signing is reconciled with ownership.csv on the signing date.

The IPOF Group is IPOF Fund, LP and David Dadante; the agreement cites 2,362,788 shares at
signing (August 14, 2003). Illustrative rows: 2,000,000 for the fund and 362,788 for
Mr. Dadante, 2,362,788 in all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import Evaluate, values_of
from pactum.findings import AgreementFindings, Severity
from pactum.portfolio import load_portfolio

SHEET = "agreements/ipof-standstill.yaml"
OWNERSHIP = (
    "as_of,holder,shares,shares_outstanding\n"
    '2003-08-14,"IPOF Fund, LP",2000000,11486573\n'
    "2003-08-14,David Dadante,362788,11486573\n"
)


def listing(example: Path, holders: str) -> None:
    path = example / SHEET
    text = path.read_text()
    assert text.count("holders: [IPOF Group]") == 1
    path.write_text(text.replace("holders: [IPOF Group]", f"holders: {holders}"))


def warnings(result: AgreementFindings) -> list[str]:
    return [a.message for a in result.alerts if a.severity is Severity.warning]


def test_a_flow_list_with_a_comma_in_a_name_is_warned_and_reconciled(
    standstill: Evaluate, example: Path
) -> None:
    # YAML reads [IPOF Fund, LP, David Dadante] as three names: "IPOF Fund", "LP" and
    # "David Dadante". Only Mr. Dadante's 362,788 shares are counted: 362,788 / 11,486,573 =
    # 3.158% where the group holds 20.57%. The old code said nothing of it.
    listing(example, "[IPOF Fund, LP, David Dadante]")
    result = standstill(date(2003, 8, 31), ownership=OWNERSHIP)
    values = values_of(result)
    assert values["group_shares"] == "362788"
    assert values["ownership_pct"] == "3.16"
    # 362,788 reported - 2,362,788 cited = -2,000,000: the fund's shares
    assert values["signing_difference"] == "-2000000"
    said = warnings(result)
    assert (
        "holder.holders lists 'LP' after 'IPOF Fund': a name split at its comma? In a YAML "
        'flow list ([...]) a comma ends an unquoted name; write it quoted ("IPOF Fund, LP") '
        "or one name a line."
    ) in said
    assert (
        "ownership.csv has no rows for the listed holder 'IPOF Fund' on or before 2003-08-31; "
        "did you mean 'IPOF Fund, LP'?"
    ) in said
    assert (
        "ownership.csv: holder 'IPOF Fund, LP' (1 row(s), the latest 2003-08-14) is not one "
        "the sheet lists, and is not counted; did you mean 'IPOF Fund'?"
    ) in said
    assert (
        "At signing (2003-08-14) ownership.csv gives the group 362,788 shares (rows of "
        "2003-08-14); the sheet cites 2,362,788: 2,000,000 fewer. A listed holder without "
        "rows, or a row of a holder the sheet does not list?"
    ) in said


def test_the_names_quoted_count_both_holders(standstill: Evaluate, example: Path) -> None:
    listing(example, '["IPOF Fund, LP", David Dadante]')
    result = standstill(date(2003, 8, 31), ownership=OWNERSHIP)
    values = values_of(result)
    # 2,000,000 + 362,788 = 2,362,788 = the cited holding: 20.57%, no difference, no warning
    assert values["group_shares"] == "2362788"
    assert values["ownership_pct"] == "20.57"
    assert values["signing_difference"] == "0"
    assert warnings(result) == []


def test_a_holding_above_the_cited_one_is_warned_too(standstill: Evaluate, example: Path) -> None:
    # the rows in force at signing are the latest on or before it: 2003-06-30's 2,400,000
    # (a later row, 2003-09-30, does not count); 2,400,000 - 2,362,788 = 37,212 more
    ownership = (
        "as_of,holder,shares,shares_outstanding\n"
        "2003-06-30,IPOF Group,2400000,11486573\n"
        "2003-09-30,IPOF Group,2362788,11486573\n"
    )
    result = standstill(date(2003, 12, 31), ownership=ownership)
    assert values_of(result)["signing_difference"] == "37212"
    assert any("2,362,788: 37,212 more" in m for m in warnings(result))


def test_before_signing_there_is_nothing_to_reconcile(standstill: Evaluate) -> None:
    # the day before the agreement's date it is not yet in force: no values, no reconciliation
    result = standstill(date(2003, 8, 13), ownership=OWNERSHIP.replace("2003-08-14", "2003-06-30"))
    assert result.in_force_from == date(2003, 8, 14)
    assert "signing_difference" not in values_of(result)


def test_the_example_s_parties_keep_the_comma_in_a_name(example: Path) -> None:
    # unquoted, [IPOF Fund, LP, David Dadante, Innotrac Corporation] was four parties
    agreement = load_portfolio(example).agreements["ipof-standstill"]
    assert agreement.sheet.parties == ["IPOF Fund, LP", "David Dadante", "Innotrac Corporation"]
