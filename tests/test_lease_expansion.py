"""Section 5: the expansion space, its January 31, 2004 deadline and the TI allowance."""

from __future__ import annotations

from datetime import date

from conftest import Evaluate, lease_events
from pactum.findings import Severity
from pactum.findings_json import serialise


def allowance(result: object) -> tuple[str | None, str | None]:
    from pactum.findings import AgreementFindings

    assert isinstance(result, AgreementFindings)
    return (
        serialise(result.value("ti_allowance")),
        serialise(result.value("ti_allowance_status")),
    )


def test_open_before_the_deadline(lease: Evaluate) -> None:
    result = lease(date(2003, 12, 31), events="")
    assert allowance(result) == (None, "open")
    [critical] = [o for o in result.obligations if o.what.startswith("Critical date")]
    # January 31, 2004 is a Saturday: shown as such, and not rolled
    assert critical.due == date(2004, 1, 31)
    assert critical.note == "a Saturday; not rolled (the term sheet names no roll)"
    assert "$90,000.00 TI allowance available" in critical.what
    assert "demising wall" in critical.what
    assert "TI allowance $0.00" in critical.what
    [alert] = [a for a in result.alerts if a.message.startswith("Critical date")]
    assert alert.severity is Severity.warning  # 31 days away, within the 90-day warning
    assert "a Saturday; not rolled" in alert.message
    assert "31 days away" in alert.message


def test_far_from_the_deadline_the_alert_is_information(lease: Evaluate) -> None:
    result = lease(date(2003, 6, 30), events="")
    [alert] = [a for a in result.alerts if a.message.startswith("Critical date")]
    assert alert.severity is Severity.info


def test_amendment_by_the_deadline_makes_the_allowance_available(lease: Evaluate) -> None:
    events = lease_events("2004-01-20 expansion_amendment space: expansion")
    result = lease(date(2004, 2, 15), events=events)
    assert allowance(result) == ("90000.00", "amended")
    assert not any(o.what.startswith("Critical date") for o in result.obligations)


def test_amendment_on_the_deadline_itself_counts(lease: Evaluate) -> None:
    # "on or before January 31, 2004"
    events = lease_events("2004-01-31 expansion_amendment space: expansion")
    assert allowance(lease(date(2004, 1, 31), events=events)) == ("90000.00", "amended")


def test_late_amendment_is_a_lease_to_the_tenant_on_other_terms(lease: Evaluate) -> None:
    events = lease_events("2004-02-02 expansion_amendment space: expansion")
    assert allowance(lease(date(2004, 3, 1), events=events)) == ("0.00", "leased_to_tenant")


def test_leased_to_another_tenant(lease: Evaluate) -> None:
    events = lease_events("2004-03-15 expansion_leased_to_other space: expansion")
    result = lease(date(2004, 4, 1), events=events)
    assert allowance(result) == ("90000.00", "leased_to_other")
    trace = result.value("ti_allowance").trace
    assert trace is not None
    assert "demising wall" in trace.formula
    assert "office build-out" in trace.formula


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
    assert not any(a.message.startswith("Critical date") for a in result.alerts)


def test_a_sheet_that_rolls_the_deadline(lease: Evaluate) -> None:
    def roll_following(text: str) -> str:
        assert text.count("\n      ti_allowance:\n") == 1
        return text.replace(
            "\n      ti_allowance:\n",
            "\n      roll: {value: following, assumed: for the test}\n      ti_allowance:\n",
        )

    result = lease(date(2004, 2, 1), sheet=roll_following, events="")
    # Saturday January 31 rolls to Monday February 2, 2004: still open on February 1
    assert allowance(result) == (None, "open")
    [critical] = [o for o in result.obligations if o.what.startswith("Critical date")]
    assert critical.due == date(2004, 2, 2)
    assert critical.note == "a Saturday; rolled (following) to 2004-02-02"
