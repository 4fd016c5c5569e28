"""Section 5: the expansion space, its January 31, 2004 deadline and the TI allowance, as the
Windham sheet's `options` clause holds them (the option `expansion`, its outcome
`ti_allowance`), read from the lease's space events.

5(b): an amendment for "all, and not less than all" of the Expansion Space "on or before
January 31, 2004" makes the $90,000 TI Allowance available. 5(c), if not: the landlord leasing
all of it to another tenant leaves up to $90,000 for the office build-out (and a demising
wall); the landlord leasing any of it to the tenant otherwise makes the allowance $0.00.
January 31, 2004 is a Saturday, and the amendment does not roll it.
"""

from __future__ import annotations

from datetime import date

from conftest import Evaluate, lease_events
from pactum.findings import AgreementFindings, Alert, Obligation, ObligationCategory, Severity
from pactum.findings_json import serialise

ALLOWANCE = "option-expansion-ti_allowance"


def allowance(result: AgreementFindings) -> tuple[str | None, str | None]:
    return (
        serialise(result.value(ALLOWANCE)),
        serialise(result.value(f"{ALLOWANCE}-status")),
    )


def option_status(result: AgreementFindings) -> str:
    return str(result.value("option-expansion").value)


def critical_dates(result: AgreementFindings) -> list[Obligation]:
    return [o for o in result.obligations if o.category is ObligationCategory.option_deadline]


def deadline_alerts(result: AgreementFindings) -> list[Alert]:
    return [a for a in result.alerts if "the window closes 2004-01-31" in a.message]


def test_open_before_the_deadline(lease: Evaluate) -> None:
    result = lease(date(2003, 12, 31), events="")
    assert allowance(result) == (None, "open")
    assert option_status(result) == "open"
    [critical] = critical_dates(result)
    # January 31, 2004 is a Saturday: shown as such, and not rolled
    assert critical.due == date(2004, 1, 31)
    assert critical.note == "falls on a Saturday; not rolled"
    # what each outcome does to the allowance: $90,000 if exercised; after a lapse $90,000
    # with the demising wall, or $0.00
    assert "$90,000.00 if exercised" in critical.what
    assert "$90,000.00 once the landlord leases all of the space to another tenant" in (
        critical.what
    )
    assert "demising wall" in critical.what
    assert "$0.00 once the landlord leases any of the space to the tenant" in critical.what
    [alert] = deadline_alerts(result)
    # 1/31/04 - 12/31/03 = 31 days, within the 90-day lead: a warning
    assert alert.severity is Severity.warning
    assert "falls on a Saturday; not rolled" in alert.message
    assert "31 days away (the 90-day alert)" in alert.message
    assert "$90,000.00 if exercised" in alert.message


def test_far_from_the_deadline_the_alert_is_information(lease: Evaluate) -> None:
    # 6/30/03 to 1/31/04: July 31 + August 31 + September 30 + October 31 + November 30 +
    # December 31 + January 31 = 215 days, beyond 90 and within the sheet's 365-day lead
    result = lease(date(2003, 6, 30), events="")
    [alert] = deadline_alerts(result)
    assert alert.severity is Severity.info
    assert "215 days away (the 365-day alert)" in alert.message


def test_no_reminder_entries_of_its_own(lease: Evaluate) -> None:
    # the sheet keeps the lead dates to `check`: the deadline is the option's one entry
    result = lease(date(2003, 6, 30), events="")
    assert [o.id for o in result.obligations if o.clause == "options"] == [
        "option-expansion-closes"
    ]


def test_amendment_by_the_deadline_makes_the_allowance_available(lease: Evaluate) -> None:
    events = lease_events("2004-01-20 expansion_amendment space: expansion")
    result = lease(date(2004, 2, 15), events=events)
    assert allowance(result) == ("90000.00", "exercised")
    assert option_status(result) == "exercised"
    assert critical_dates(result) == []


def test_amendment_on_the_deadline_itself_counts(lease: Evaluate) -> None:
    # "on or before January 31, 2004"
    events = lease_events("2004-01-31 expansion_amendment space: expansion")
    assert allowance(lease(date(2004, 1, 31), events=events)) == ("90000.00", "exercised")


def test_late_amendment_is_a_lease_to_the_tenant_on_other_terms(lease: Evaluate) -> None:
    events = lease_events("2004-02-02 expansion_amendment space: expansion")
    result = lease(date(2004, 3, 1), events=events)
    assert allowance(result) == ("0.00", "leased_to_tenant")
    assert option_status(result) == "lapsed"
    # a late amendment is an event of its own, not a purported exercise: no critical alert
    assert [a for a in result.alerts if a.severity is Severity.critical] == []
    trace = result.value("option-expansion").trace
    assert trace is not None
    assert "expansion_amendment on 2004-02-02" in dict(trace.inputs)["not an exercise 1"]


def test_an_amendment_for_part_of_the_space_is_no_exercise(lease: Evaluate) -> None:
    # "all, and not less than all": before the deadline the option stays open; after it,
    # the amendment is a lease of a portion to the tenant under 5(c)(ii): $0.00
    events = lease_events("2003-10-01 expansion_amendment space: expansion, all_of_space: false")
    assert allowance(lease(date(2003, 12, 31), events=events)) == (None, "open")
    assert allowance(lease(date(2004, 2, 1), events=events)) == ("0.00", "leased_to_tenant")


def test_leased_to_another_tenant(lease: Evaluate) -> None:
    events = lease_events("2004-03-15 expansion_leased_to_other space: expansion")
    result = lease(date(2004, 4, 1), events=events)
    assert allowance(result) == ("90000.00", "leased_to_other")
    trace = result.value(ALLOWANCE).trace
    assert trace is not None
    assert "demising wall" in trace.formula
    assert "office build-out" in trace.formula
    assert "expansion_leased_to_other on 2004-03-15" in trace.formula
    # the allowance's quote and 5(c)(i)'s
    quotes = [s.quote or "" for s in trace.sources]
    assert quotes[0] == "Landlord shall make the $90,000 TI Allowance available to Tenant"
    assert quotes[1].startswith("Landlord leases all of the Expansion Space to a tenant other")


def test_leased_to_another_tenant_before_the_deadline_decides_once_it_passes(
    lease: Evaluate,
) -> None:
    # 5(c) reads what the landlord has done once the condition of 5(b) has failed
    events = lease_events("2003-11-01 expansion_leased_to_other space: expansion")
    assert allowance(lease(date(2003, 12, 31), events=events)) == (None, "open")
    assert allowance(lease(date(2004, 2, 1), events=events)) == ("90000.00", "leased_to_other")


def test_part_leased_to_another_tenant_decides_nothing(lease: Evaluate) -> None:
    # 5(c)(i) needs "all of the Expansion Space"
    events = lease_events(
        "2004-03-15 expansion_leased_to_other space: expansion, all_of_space: false"
    )
    assert allowance(lease(date(2004, 4, 1), events=events)) == (None, "undecided")


def test_leased_to_the_tenant(lease: Evaluate) -> None:
    events = lease_events("2004-05-01 expansion_leased_to_tenant space: expansion")
    assert allowance(lease(date(2004, 6, 1), events=events)) == ("0.00", "leased_to_tenant")


def test_after_the_deadline_without_events(lease: Evaluate) -> None:
    result = lease(date(2004, 2, 1), events="")
    assert allowance(result) == (None, "undecided")
    assert option_status(result) == "lapsed"
    assert deadline_alerts(result) == []
    assert critical_dates(result) == []


def test_a_waiver_ends_the_option_early(lease: Evaluate) -> None:
    # waived 12/1/03: no deadline left to watch, and the allowance waits on the landlord
    events = lease_events(
        "2003-12-01 option_waived option: expansion",
        "2004-03-15 expansion_leased_to_other space: expansion",
    )
    result = lease(date(2003, 12, 31), events=events)
    assert option_status(result) == "waived"
    assert allowance(result) == (None, "undecided")
    assert critical_dates(result) == []
    assert allowance(lease(date(2004, 4, 1), events=events)) == ("90000.00", "leased_to_other")


def test_a_sheet_that_rolls_the_deadline(lease: Evaluate) -> None:
    def roll_following(text: str) -> str:
        assert text.count("\n        exercised_by:\n") == 1
        return text.replace(
            "\n        exercised_by:\n",
            "\n        roll: {value: following, assumed: for the test}\n        exercised_by:\n",
        )

    result = lease(date(2004, 2, 1), sheet=roll_following, events="")
    # Saturday January 31 rolls to Monday February 2, 2004: still open on February 1
    assert allowance(result) == (None, "open")
    [critical] = critical_dates(result)
    assert critical.due == date(2004, 2, 2)
    assert critical.note == "rolled (following) from 2004-01-31 (a Saturday)"
