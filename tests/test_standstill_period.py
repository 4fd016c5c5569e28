"""The standstill period through August 6, 2006 (a Sunday), and the conduct covenants."""

from __future__ import annotations

from datetime import date

from conftest import Evaluate, values_of
from pactum.findings import Severity, Status
from pactum.format import source_text

# the cited 2,362,788 shares at signing (20.57%), then 20.00% all along: the Term lasts
OWNERSHIP = (
    "as_of,holder,shares,shares_outstanding\n"
    "2003-08-14,IPOF Group,2362788,11486573\n"
    "2003-09-30,IPOF Group,2000000,10000000\n"
)


def action(on: str, kind: str) -> str:
    return f"- {{date: {on}, agreement: ipof-standstill, event: action, type: {kind}}}\n"


def test_august_6_2006_is_a_sunday_and_is_not_rolled(standstill: Evaluate) -> None:
    # Jan 1, 2006 was a Sunday; Aug 6 is 217 = 31 x 7 days later, so also a Sunday
    assert date(2006, 8, 6).weekday() == 6
    result = standstill(date(2006, 8, 6), ownership=OWNERSHIP, events="[]\n")
    values = values_of(result)
    assert values["standstill_active"] == "true"  # "through August 6, 2006": the day counts
    assert values["standstill_end"] == "2006-08-06"
    [end] = [o for o in result.obligations if o.what.startswith("Standstill covenants")]
    assert end.due == date(2006, 8, 6)
    assert end.note == "falls on a Sunday; not rolled"


def test_on_august_7_2006_the_standstill_is_over_even_at_20_percent(standstill: Evaluate) -> None:
    result = standstill(date(2006, 8, 7), ownership=OWNERSHIP, events="[]\n")
    values = values_of(result)
    assert values["ownership_pct"] == "20.00"
    assert values["term_active"] == "true"  # the Term itself lasts while 15% or more
    assert values["standstill_active"] == "false"
    # proportional voting is a Term provision (3.01): still 15% of 10,000,000 free
    assert values["free_vote_shares"] == "1500000"
    assert values["excess_shares"] == "500000"
    assert not any(t.id.startswith("conduct_") for t in result.tests)
    assert not any(t.id == "acquisition_cap" for t in result.tests)


def test_the_conduct_covenants_are_a_checklist_while_in_force(standstill: Evaluate) -> None:
    result = standstill(date(2004, 1, 15), ownership=OWNERSHIP, events="[]\n")
    checklist = [t for t in result.tests if t.id.startswith("conduct_")]
    # 3.02(b) to (h): seven covenants, each passed with no action
    assert [t.label.split()[0] for t in checklist] == [f"3.02({c})" for c in "bcdefgh"]
    assert all(t.passed for t in checklist)
    assert result.status is Status.ok


def test_an_action_in_force_is_a_breach_citing_the_clause(standstill: Evaluate) -> None:
    events = action("2006-08-06", "proxy_solicitation") + action(
        "2006-08-07", "board_representation"
    )
    result = standstill(date(2006, 8, 6), ownership=OWNERSHIP, events=events)
    [breach] = [a for a in result.alerts if a.severity is Severity.critical]
    assert breach.message.startswith("Breach of 3.02(b)")
    assert breach.source is not None and "solicitation" in source_text(breach.source)
    failed = next(t for t in result.tests if t.id == "conduct_proxy_solicitation")
    assert failed.passed is False and failed.actual == 1
    assert result.status is Status.breach
    # a day later the standstill is over: the board action is recorded but is no breach
    after = standstill(date(2006, 8, 8), ownership=OWNERSHIP, events=events)
    notes = [a for a in after.alerts if "outside the standstill period" in a.message]
    assert len(notes) == 1 and notes[0].severity is Severity.info
    assert "3.02(f)" in notes[0].message
    # the breach of August 6 stays on the record
    assert any(a.message.startswith("Breach of 3.02(b)") for a in after.alerts)


def test_an_action_before_signing_is_no_breach(standstill: Evaluate) -> None:
    result = standstill(
        date(2003, 12, 31),
        ownership=OWNERSHIP,
        events=action("2003-08-13", "control_influence"),
    )
    assert result.status is Status.ok
    assert any("outside the standstill period" in a.message for a in result.alerts)
