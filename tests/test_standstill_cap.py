"""The acquisition cap over the ownership history: a purchase while already over the cap, a
crossing by a buyback (excused as the sheet says), a crossing by the group's own rights, and
alerts that say which figure moved. Figures worked out by hand against the 25% cap of 3.02(a)
("more than 25%" is over; exactly 25% is not)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from conftest import Evaluate, values_of
from pactum.findings import AgreementFindings, Severity, Status, TestResult

HEADER = "as_of,holder,shares,shares_outstanding,rights_60d\n"
SHEET = "agreements/ipof-standstill.yaml"
# the sheet's `excused` term, its value and its reason (lines indented under it)
EXCUSED = re.compile(r"        excused:\n(?:          .*\n)+")


def cap_test(result: AgreementFindings) -> TestResult:
    return next(t for t in result.tests if t.id == "acquisition_cap")


def excusing(example: Path, excuse: str | None) -> None:
    """The sheet's `excused` term set to `excuse` (None: removed)."""
    path = example / SHEET
    text = path.read_text()
    assert len(EXCUSED.findall(text)) == 1
    new = "" if excuse is None else f"        excused:\n          value: {excuse}\n"
    path.write_text(EXCUSED.sub(new, text))


# 24.00%, then a buyback (10,000,000 -> 9,500,000 outstanding): 2,400,000 / 9,500,000 = 25.263%
BUYBACK = HEADER + (
    "2004-03-31,IPOF Group,2400000,10000000,0\n2004-06-30,IPOF Group,2400000,9500000,0\n"
)


def test_a_buyback_that_lifts_the_group_over_the_cap_passes_with_its_reason(
    standstill: Evaluate,
) -> None:
    # the old code left the test unjudged (passed null) whatever the sheet said
    result = standstill(date(2004, 6, 30), ownership=BUYBACK)
    assert values_of(result)["ownership_pct"] == "25.26"
    cap = cap_test(result)
    assert cap.passed is True
    assert cap.note == (
        "over the cap only because shares outstanding fell on 2004-06-30 (10,000,000 to "
        "9,500,000, a buyback): no acquisition by the group; excused (the sheet excuses both)"
    )
    # the crossing is said, a warning, not a breach
    [crossed] = [a for a in result.alerts if "rose over the 3.02(a)" in a.message]
    assert crossed.severity is Severity.warning
    assert "only shares outstanding changed from 10,000,000 to 9,500,000 (a buyback" in (
        crossed.message
    )
    assert result.status is Status.watch


def test_a_buyback_the_sheet_does_not_excuse_fails_and_unset_is_not_judged(
    standstill: Evaluate, example: Path
) -> None:
    excusing(example, "issuances")
    result = standstill(date(2004, 6, 30), ownership=BUYBACK)
    cap = cap_test(result)
    assert cap.passed is False
    assert cap.note.endswith("; not excused (the sheet excuses issuances)")
    [crossed] = [a for a in result.alerts if "rose over the 3.02(a)" in a.message]
    assert crossed.severity is Severity.critical
    assert result.status is Status.breach
    # a sheet that does not say: not judged (passed null), and said so
    excusing(example, None)
    cap = cap_test(standstill(date(2004, 6, 30), ownership=BUYBACK))
    assert cap.passed is None
    assert cap.note.endswith("; the sheet does not say whether that is excused")


def test_a_purchase_while_already_over_the_cap_fails(standstill: Evaluate) -> None:
    # over by the buyback (excused), then 500,000 more shares bought:
    # 2,900,000 / 9,500,000 = 30.526% -> 30.53%. The old code looked only at the latest
    # crossing (the buyback) and said "over only because shares outstanding fell".
    ownership = BUYBACK + "2004-09-30,IPOF Group,2900000,9500000,0\n"
    result = standstill(date(2004, 9, 30), ownership=ownership)
    cap = cap_test(result)
    assert cap.passed is False
    assert cap.note == (
        "acquired on 2004-09-30 while already over the cap (2,400,000 to 2,900,000 shares "
        "with rights): 30.53%"
    )
    # 25% - 30.526% = -5.53 points
    assert cap.headroom is not None and round(cap.headroom, 4) == Decimal("-0.0553")
    bought = [a for a in result.alerts if "acquired while already over" in a.message]
    assert [a.severity for a in bought] == [Severity.critical]
    assert bought[0].message == (
        "On 2004-09-30 the group acquired while already over the 3.02(a) acquisition cap "
        "(more than 25.00% prohibited): 25.26% on 2004-06-30 to 30.53%; the group's shares "
        "changed from 2,400,000 to 2,900,000; shares outstanding did not change."
    )
    assert result.status is Status.breach
    # selling 100,000 of them still leaves 2,800,000 / 9,500,000 = 29.47% over: the purchase
    # is still what put the group where it is
    later = ownership + "2004-12-31,IPOF Group,2800000,9500000,0\n"
    assert cap_test(standstill(date(2004, 12, 31), ownership=later)).passed is False
    # selling to 2,375,000 = exactly 25% of 9,500,000 ends it: not over, passed
    back = later + "2005-03-31,IPOF Group,2375000,9500000,0\n"
    cap = cap_test(standstill(date(2005, 3, 31), ownership=back))
    assert (cap.passed, cap.note) == (True, "")


def test_a_sale_while_over_by_a_buyback_is_no_acquisition(standstill: Evaluate) -> None:
    # after the buyback the group sells 10,000: 2,390,000 / 9,500,000 = 25.16%, still over,
    # still only because of the buyback: excused
    ownership = BUYBACK + "2004-09-30,IPOF Group,2390000,9500000,0\n"
    cap = cap_test(standstill(date(2004, 9, 30), ownership=ownership))
    assert cap.passed is True
    assert "fell on 2004-06-30" in cap.note


def test_crossing_by_the_group_s_own_rights_says_so(standstill: Evaluate) -> None:
    # 2,400,000 / 10,000,000 = 24.00%; then rights to 200,000 more within 60 days:
    # (2,400,000 + 200,000) / (10,000,000 + 200,000) = 2,600,000 / 10,200,000 = 25.49%.
    # The old alert said "shares outstanding changed from 10,000,000 to 10,200,000": only the
    # denominator with the group's own rights moved.
    ownership = HEADER + (
        "2004-03-31,IPOF Group,2400000,10000000,0\n2004-06-30,IPOF Group,2400000,10000000,200000\n"
    )
    result = standstill(date(2004, 6, 30), ownership=ownership)
    assert values_of(result)["ownership_pct"] == "25.49"
    [crossed] = [a for a in result.alerts if "rose over the 3.02(a)" in a.message]
    assert crossed.severity is Severity.critical  # new rights are an acquisition
    assert crossed.message.endswith(
        "the group's shares did not change (2,400,000), its rights to acquire changed from 0 "
        "to 200,000; shares outstanding did not change."
    )
    assert "10,200,000" not in crossed.message
    assert cap_test(result).passed is False


def test_buying_while_a_buyback_also_lifts_the_group_is_an_acquisition(
    standstill: Evaluate,
) -> None:
    # 2,401,000 / 9,500,000 = 25.27%: 1,000 shares bought as the shares outstanding fell; at
    # the old 10,000,000 it would be 24.01%, but the group acquired, so it is no excuse
    ownership = HEADER + (
        "2004-03-31,IPOF Group,2400000,10000000,0\n2004-06-30,IPOF Group,2401000,9500000,0\n"
    )
    result = standstill(date(2004, 6, 30), ownership=ownership)
    cap = cap_test(result)
    assert cap.passed is False
    assert cap.note.startswith("acquired on 2004-06-30 (2,400,000 to 2,401,000")
    [crossed] = [a for a in result.alerts if "rose over the 3.02(a)" in a.message]
    assert crossed.severity is Severity.critical
    assert (
        "the group's shares changed from 2,400,000 to 2,401,000 and shares outstanding "
        "changed from 10,000,000 to 9,500,000" in crossed.message
    )


def test_one_share_from_exactly_25_percent_is_a_breach(standstill: Evaluate) -> None:
    # 2,500,000 / 10,000,000 = 25.00% exactly: "more than 25%" is not met; one share more is
    ownership = HEADER + (
        "2004-03-31,IPOF Group,2500000,10000000,0\n2004-06-30,IPOF Group,2500001,10000000,0\n"
    )
    assert cap_test(standstill(date(2004, 3, 31), ownership=ownership)).passed is True
    assert cap_test(standstill(date(2004, 6, 30), ownership=ownership)).passed is False
