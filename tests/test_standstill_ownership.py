"""Ownership, thresholds and their crossings, the Term: figures worked out by hand."""

from __future__ import annotations

from datetime import date

from conftest import Evaluate, values_of
from pactum.findings import Severity, Status
from pactum.findings_json import serialise

HEADER = "as_of,holder,shares,shares_outstanding\n"


def test_the_agreement_s_own_figures(standstill: Evaluate) -> None:
    result = standstill(
        date(2003, 12, 31), ownership=HEADER + "2003-08-14,IPOF Group,2362788,11486573\n"
    )
    values = values_of(result)
    # 2,362,788 / 11,486,573 = 0.205699994... -> 20.57%, as the recital says
    assert values["ownership_pct"] == "20.57"
    # 15% of 11,486,573 = 1,722,985.95 -> 1,722,985 whole shares voted freely;
    # 2,362,788 - 1,722,985 = 639,803 voted in proportion
    assert values["free_vote_shares"] == "1722985"
    assert values["excess_shares"] == "639803"
    assert values["term_active"] == "true"
    assert values["standstill_active"] == "true"
    assert values["threshold_term"] == "above"
    assert values["threshold_acquisition_cap"] == "below"
    assert values["threshold_rights_plan"] == "above"
    assert values["threshold_rights_plan_group"] == "below"
    assert result.status is Status.ok


def test_rights_within_60_days_count_in_numerator_and_denominator(standstill: Evaluate) -> None:
    ownership = (
        "as_of,holder,shares,shares_outstanding,rights_60d\n"
        "2003-12-31,IPOF Group,1400000,10000000,200000\n"
    )
    values = values_of(standstill(date(2003, 12, 31), ownership=ownership))
    # (1,400,000 + 200,000) / (10,000,000 + 200,000) = 1,600,000 / 10,200,000 = 15.686...%
    # (not 16.00%, which leaving the rights out of the denominator would give)
    assert values["ownership_pct"] == "15.69"
    assert values["term_active"] == "true"
    # only held shares vote: 15% of 10,000,000 = 1,500,000 > 1,400,000 held, so no excess
    assert values["free_vote_shares"] == "1400000"
    assert values["excess_shares"] == "0"


def test_exactly_15_percent_keeps_the_term(standstill: Evaluate) -> None:
    values = values_of(
        standstill(
            date(2003, 12, 31), ownership=HEADER + "2003-12-31,IPOF Group,1500000,10000000\n"
        )
    )
    # 1,500,000 / 10,000,000 = 15.00% exactly: the Term lasts until "less than" 15%
    assert values["ownership_pct"] == "15.00"
    assert values["threshold_term"] == "at"
    assert values["term_active"] == "true"
    # and the rights plan's "15% or more" is met at exactly 15%
    assert values["threshold_rights_plan"] == "at"
    assert values["free_vote_shares"] == "1500000"
    assert values["excess_shares"] == "0"


def test_falling_to_14_99_percent_ends_the_term_for_good(standstill: Evaluate) -> None:
    ownership = HEADER + (
        "2003-08-14,IPOF Group,2362788,11486573\n"
        "2004-03-31,IPOF Group,1499000,10000000\n"  # 14.99%
        "2004-06-30,IPOF Group,2000000,10000000\n"  # 20.00%: the Term does not start again
    )
    ended = standstill(date(2004, 3, 31), ownership=ownership)
    values = values_of(ended)
    assert values["ownership_pct"] == "14.99"
    assert values["term_active"] == "false"
    assert values["term_end"] == "2004-03-31"
    assert values["standstill_active"] == "false"
    assert values["standstill_end"] == "2004-03-30"  # the last day of the Term
    assert any("The Term ended on 2004-03-31" in a.message for a in ended.alerts)
    # no conduct checklist once the standstill is over
    assert not any(t.id.startswith("conduct_") for t in ended.tests)
    later = values_of(standstill(date(2004, 6, 30), ownership=ownership))
    assert later["ownership_pct"] == "20.00"
    assert later["term_active"] == "false"
    # voting restrictions apply "for the Term" only: every share is free
    assert later["free_vote_shares"] == "2000000"
    assert later["excess_shares"] == "0"


def test_a_buyback_crossing_is_not_an_acquisition(standstill: Evaluate) -> None:
    ownership = HEADER + (
        "2004-03-31,IPOF Group,2400000,10000000\n"  # 24.00%
        "2004-06-30,IPOF Group,2400000,9500000\n"  # 2,400,000 / 9,500,000 = 25.26%
    )
    result = standstill(date(2004, 6, 30), ownership=ownership)
    assert values_of(result)["ownership_pct"] == "25.26"
    crossings = [a for a in result.alerts if "rose over" in a.message]
    assert len(crossings) == 2  # the 3.02(a) cap and the rights plan's 25% for the group
    for alert in crossings:
        assert alert.severity is Severity.warning  # not critical: the group bought nothing
        assert "the group's shares did not change (2,400,000)" in alert.message
        assert "only shares outstanding changed from 10,000,000 to 9,500,000" in alert.message
    # the sheet excuses a move of the shares outstanding alone (`excused: both`): passed
    cap = next(t for t in result.tests if t.id == "acquisition_cap")
    assert cap.passed is True
    assert "no acquisition by the group; excused" in cap.note
    assert result.status is Status.watch


def test_a_purchase_over_25_percent_is_a_breach(standstill: Evaluate) -> None:
    ownership = HEADER + (
        "2004-03-31,IPOF Group,2400000,10000000\n"  # 24.00%
        "2004-06-30,IPOF Group,2600000,10000000\n"  # 26.00%
    )
    result = standstill(date(2004, 6, 30), ownership=ownership)
    cap = next(t for t in result.tests if t.id == "acquisition_cap")
    assert cap.passed is False
    assert serialise(cap)["headroom"] == "-1.00"  # 25.00% - 26.00%
    critical = [a for a in result.alerts if a.severity is Severity.critical]
    assert len(critical) == 2
    assert all("changed from 2,400,000 to 2,600,000" in a.message for a in critical)
    assert all("shares outstanding did not change" in a.message for a in critical)
    assert result.status is Status.breach


def test_only_the_group_s_holders_count(standstill: Evaluate) -> None:
    # the sheet names one holder, "IPOF Group"; other holders in the file are not the group
    ownership = HEADER + (
        "2003-12-31,IPOF Group,2000000,10000000\n2003-12-31,Someone Else,900000,10000000\n"
    )
    values = values_of(standstill(date(2003, 12, 31), ownership=ownership))
    assert values["group_shares"] == "2000000"
    assert values["ownership_pct"] == "20.00"


def test_no_ownership_rows_is_a_warning_not_a_guess(standstill: Evaluate) -> None:
    result = standstill(date(2003, 12, 31), ownership=HEADER)
    values = values_of(result)
    assert values["ownership_pct"] is None  # JSON null: not known, not guessed
    assert values["term_active"] is None
    assert any("No ownership.csv rows for IPOF Group" in a.message for a in result.alerts)
