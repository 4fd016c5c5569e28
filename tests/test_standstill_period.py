"""The standstill period through August 6, 2006 (a Sunday), and the conduct covenants."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import Evaluate, values_of
from pactum.findings import Severity, Status
from pactum.format import source_text
from portfolio_support import assert_sheet_error
from standstill_support import GOLD, findings, gold

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
    assert notes[0].message.startswith(
        "An action under 3.02(f) (no seeking board election, representation or removals) on "
        "2006-08-07 is outside the standstill period: not a breach"
    )
    # the event types are the sheet's ids: people read the covenant's title
    assert "board_representation" not in notes[0].message
    assert "proxy_solicitation" not in breach.message
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


# ---- a standstill that starts only on an event: Gold Resource / Hochschild, Article 7 ----

GOLD_HEADER = """\
dates:
  subsequent_closing:
    event: additional_shares_acquired
    estimate: {value: 2009-03-10, assumed: "Illustrative: the closing if the Option is exercised."}
"""
# "The provisions of this Article 7 shall apply if HOC acquires the Additional Shares and for a
# period of two (2) years after the Subsequent Closing Date"
GOLD_STARTS = GOLD_HEADER + GOLD.replace(
    """      through:
        value: 2011-03-10
        assumed: Illustrative, two years after an assumed Subsequent Closing Date of 2009-03-10.
""",
    """      starts: subsequent_closing
      through: {after: subsequent_closing, years: 2}
""",
)
HOCHSCHILD = "Hochschild Mining Holdings"
# 18,000,001 of 45,000,000 is over 40% (18,000,000 is 40% exactly)
OVER_40 = (
    "as_of,holder,shares,shares_outstanding\n"
    f"2008-12-10,{HOCHSCHILD},7000000,45000000\n"
    f"2009-06-30,{HOCHSCHILD},18000001,45000000\n"
)
CLOSED = "- {date: 2009-03-05, agreement: deal, event: additional_shares_acquired}\n"


def test_a_standstill_that_waits_on_an_event_is_not_in_force_on_its_estimate(
    tmp_path: Path,
) -> None:
    folder = gold(tmp_path, GOLD_STARTS)
    result = findings(folder, date(2009, 6, 30), ownership=OVER_40)
    values = values_of(result)
    # the closing expected on 2009-03-10 has not been recorded: no standstill, no cap test
    assert values["standstill_start"] is None
    assert values["standstill_active"] == "false"
    assert not [t for t in result.tests if t.id == "acquisition_cap"]
    trace = result.value("standstill_start").trace
    assert trace is not None and "additional_shares_acquired" in dict(trace.inputs)["start"]
    # its end, two years after the estimate, is shown projected
    assert values["standstill_end"] == "2011-03-10"


def test_a_standstill_starts_on_the_recorded_closing_and_runs_two_years(tmp_path: Path) -> None:
    folder = gold(tmp_path, GOLD_STARTS, events=CLOSED)
    # the day before the closing: not yet in force
    before = values_of(findings(folder, date(2009, 3, 4), ownership=OVER_40))
    assert before["standstill_start"] is None and before["standstill_active"] == "false"
    on = values_of(findings(folder, date(2009, 3, 5)))
    assert on["standstill_start"] == "2009-03-05" and on["standstill_active"] == "true"
    # 2009-03-05 + 2 years = 2011-03-05 (a Saturday, not rolled): the last day in force
    assert date(2011, 3, 5).weekday() == 5
    last = values_of(findings(folder, date(2011, 3, 5)))
    assert last["standstill_end"] == "2011-03-05" and last["standstill_active"] == "true"
    assert values_of(findings(folder, date(2011, 3, 6)))["standstill_active"] == "false"
    # bought to 18,000,001 of 45,000,000 (over 40%) while the standstill is in force: a breach
    over = findings(folder, date(2009, 6, 30))
    assert next(t for t in over.tests if t.id == "acquisition_cap").passed is False


def test_a_standstill_that_starts_after_it_ends_is_refused(tmp_path: Path) -> None:
    sheet = GOLD_STARTS.replace("years: 2}", "years: 0}").replace(
        "starts: subsequent_closing", "starts: {after: subsequent_closing, days: 1}"
    )
    folder = gold(tmp_path, sheet)
    assert_sheet_error(
        folder,
        "starts:",
        "alliance.standstill.starts",
        ("starts 2009-03-11, after its last day 2009-03-10",),
        ("a start on or before",),
    )
