"""The borrowing base, availability and reporting cadence, worked by hand from the letter:
85% of eligible receivables; 50% of general inventory; 65% of BellSouth inventory once its
consent is recorded (50% before); $20,000,000 inventory cap; $40,000,000 commitment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from conftest import Evaluate
from pactum.findings import AgreementFindings, Status
from pactum.findings_json import serialise

NO_EVENTS = "[]\n"
CONSENT = """\
- {date: 2003-02-01, agreement: southtrust-abl, event: consent, condition: bellsouth_consent}
"""


def collateral(receivables: str, general: str, bellsouth: str, as_of: str = "2003-02-28") -> str:
    return (
        "as_of,item,amount\n"
        f"{as_of},receivables_eligible,{receivables}\n"
        f"{as_of},inventory_eligible,{general}\n"
        f"{as_of},inventory_eligible:bellsouth,{bellsouth}\n"
    )


def loans(outstanding: str, letters: str, reserves: str = "0", as_of: str = "2003-02-28") -> str:
    return (
        "as_of,revolver_outstanding,letters_of_credit,reserves\n"
        f"{as_of},{outstanding},{letters},{reserves}\n"
    )


def values(result: AgreementFindings) -> dict[str, str | None]:
    return {v.id: serialise(v) for v in result.values}


def test_issue_example_with_consent(revolver: Evaluate) -> None:
    # receivables 20,000,000 x 85% = 17,000,000
    # inventory 18,000,000 x 50% + 12,000,000 x 65% = 9,000,000 + 7,800,000 = 16,800,000 (< cap)
    # borrowing base 33,800,000 < commitment 40,000,000 -> line cap 33,800,000
    # availability 33,800,000 - 27,000,000 - 500,000 = 6,300,000; 6.3 / 33.8 = 18.639...% -> 18.64
    result = revolver(
        date(2003, 2, 28),
        collateral=collateral("20000000", "18000000", "12000000"),
        loans=loans("27000000", "500000"),
        events=CONSENT,
    )
    v = values(result)
    assert v["receivables_advance"] == "17000000.00"
    assert v["inventory_advance"] == "16800000.00"
    assert v["borrowing_base"] == "33800000.00"
    assert v["line_cap"] == "33800000.00"
    assert v["availability"] == "6300000.00"
    assert v["excess_availability"] == "6300000.00"
    assert v["excess_availability_pct"] == "18.64"
    assert v["reporting_frequency"] == "monthly"


def test_issue_example_without_consent(revolver: Evaluate) -> None:
    # BellSouth at the general 50%: 12,000,000 x 50% = 6,000,000; inventory 15,000,000
    # borrowing base 17,000,000 + 15,000,000 = 32,000,000; availability 4,500,000
    # 4.5 / 32 = 14.0625% -> 14.06, not above 15% -> weekly
    result = revolver(
        date(2003, 2, 28),
        collateral=collateral("20000000", "18000000", "12000000"),
        loans=loans("27000000", "500000"),
        events=NO_EVENTS,
    )
    v = values(result)
    assert v["borrowing_base"] == "32000000.00"
    assert v["availability"] == "4500000.00"
    assert v["excess_availability_pct"] == "14.06"
    assert v["reporting_frequency"] == "weekly"
    assert any("weekly" in a.message for a in result.alerts)


def test_consent_applies_only_from_its_date(revolver: Evaluate) -> None:
    consent_later = (
        "- {date: 2003-03-10, agreement: southtrust-abl, event: consent,"
        " condition: bellsouth_consent}\n"
    )
    facts = {
        "collateral": collateral("20000000", "18000000", "12000000"),
        "loans": loans("27000000", "500000"),
        "events": consent_later,
    }
    assert values(revolver(date(2003, 3, 9), **facts))["borrowing_base"] == "32000000.00"
    assert values(revolver(date(2003, 3, 10), **facts))["borrowing_base"] == "33800000.00"


def test_inventory_cap_binds_on_both_classes(revolver: Evaluate) -> None:
    # 30,000,000 x 50% + 10,000,000 x 65% = 15,000,000 + 6,500,000 = 21,500,000 -> cap 20,000,000
    # borrowing base 10,000,000 x 85% + 20,000,000 = 28,500,000
    result = revolver(
        date(2003, 2, 28),
        collateral=collateral("10000000", "30000000", "10000000"),
        loans=loans("0", "0"),
        events=CONSENT,
    )
    v = values(result)
    assert v["inventory_advance"] == "20000000.00"
    assert v["borrowing_base"] == "28500000.00"
    assert v["availability"] == "28500000.00"
    assert v["excess_availability_pct"] == "100.00"


def test_commitment_caps_the_line(revolver: Evaluate) -> None:
    # 40,000,000 x 85% = 34,000,000 + 20,000,000 x 50% = 10,000,000 -> base 44,000,000
    # line cap = lesser of 40,000,000 and 44,000,000; availability 40,000,000 - 30,000,000
    # = 10,000,000 = 25% of the line cap
    result = revolver(
        date(2003, 2, 28),
        collateral=collateral("40000000", "20000000", "0"),
        loans=loans("30000000", "0"),
        events=NO_EVENTS,
    )
    v = values(result)
    assert v["borrowing_base"] == "44000000.00"
    assert v["line_cap"] == "40000000.00"
    assert v["availability"] == "10000000.00"
    assert v["excess_availability_pct"] == "25.00"


def test_exactly_fifteen_percent_is_weekly(revolver: Evaluate) -> None:
    # 20,000,000 x 85% + 6,000,000 x 50% = 17,000,000 + 3,000,000 = 20,000,000
    # availability 20,000,000 - 16,500,000 - 500,000 = 3,000,000 = exactly 15%:
    # not "greater than 15%", so weekly (the sheet's assumed reading)
    result = revolver(
        date(2003, 2, 28),
        collateral=collateral("20000000", "6000000", "0"),
        loans=loans("16500000", "500000"),
        events=NO_EVENTS,
    )
    v = values(result)
    assert v["excess_availability_pct"] == "15.00"
    assert v["reporting_frequency"] == "weekly"


def test_reserves_reduce_availability_and_cents_round_half_up(revolver: Evaluate) -> None:
    # 1,000,000.03 x 85% = 850,000.0255 -> 850,000.03 (half-up at the cent)
    # 0.01 x 50% = 0.005 -> 0.01; base 850,000.04; availability 850,000.04 - 100,000 - 50,000.04
    result = revolver(
        date(2003, 2, 28),
        collateral=collateral("1000000.03", "0.01", "0"),
        loans=loans("100000", "0", "50000.04"),
        events=NO_EVENTS,
    )
    v = values(result)
    assert v["receivables_advance"] == "850000.03"
    assert v["inventory_advance"] == "0.01"
    assert v["availability"] == "700000.00"


def test_zero_collateral_and_zero_loans(revolver: Evaluate) -> None:
    result = revolver(
        date(2003, 2, 28),
        collateral=collateral("0", "0", "0"),
        loans=loans("0", "0"),
        events=NO_EVENTS,
    )
    v = values(result)
    assert v["borrowing_base"] == "0.00"
    assert v["availability"] == "0.00"
    assert v["excess_availability_pct"] is None  # undefined on a zero line cap: JSON null
    assert v["reporting_frequency"] == "weekly"


def test_loans_above_the_line_cap_are_an_overadvance(revolver: Evaluate) -> None:
    # base 17,000,000; loans 17,250,000 -> availability -250,000
    result = revolver(
        date(2003, 2, 28),
        collateral=collateral("20000000", "0", "0"),
        loans=loans("17250000", "0"),
        events=NO_EVENTS,
    )
    assert values(result)["availability"] == "-250000.00"
    assert any(
        a.message.startswith("Overadvance") and "$250,000.00" in a.message for a in result.alerts
    )


def test_facts_in_force_are_the_latest_on_or_before(revolver: Evaluate) -> None:
    two_dates = (
        collateral("20000000", "0", "0", "2003-01-31")
        + collateral("10000000", "0", "0", "2003-02-28").split("\n", 1)[1]
    )
    facts = {"collateral": two_dates, "loans": loans("0", "0", "0", "2003-01-31")}
    # 2003-02-27 still sees January's 20,000,000 x 85%; from 2003-02-28, 10,000,000 x 85%
    assert values(revolver(date(2003, 2, 27), **facts))["receivables_advance"] == "17000000.00"
    assert values(revolver(date(2003, 2, 28), **facts))["receivables_advance"] == "8500000.00"


def test_next_report_due_monthly_and_weekly(revolver: Evaluate) -> None:
    # the sheet assumes monthly reports 15 days after month end, weekly ones on Wednesdays
    monthly = revolver(
        date(2003, 2, 28),
        collateral=collateral("20000000", "18000000", "12000000"),
        loans=loans("27000000", "500000"),
        events=CONSENT,
    )
    # as of Feb 28: January's report was due Feb 15 (past); February's is due March 15
    assert values(monthly)["next_borrowing_base_report_due"] == "2003-03-15"
    weekly = revolver(
        date(2003, 2, 28),
        collateral=collateral("20000000", "18000000", "12000000"),
        loans=loans("27000000", "500000"),
        events=NO_EVENTS,
    )
    # Friday 2003-02-28 -> the next Wednesday is 2003-03-05
    assert values(weekly)["next_borrowing_base_report_due"] == "2003-03-05"


def test_draw_request_checked_against_availability_on_its_date(revolver: Evaluate) -> None:
    draws = (
        "- {date: 2003-03-03, agreement: southtrust-abl, event: draw_request, amount: 4000000}\n"
        "- {date: 2003-03-04, agreement: southtrust-abl, event: draw_request, amount: 4500000.01}\n"
    )
    result = revolver(
        date(2003, 3, 5),
        collateral=collateral("20000000", "18000000", "12000000"),
        loans=loans("27000000", "500000"),
        events=draws,
    )
    checks = sorted((t for t in result.tests if t.id == "draw_request"), key=lambda t: t.test_date)
    # availability 4,500,000 (no consent): 4,000,000 fits with 500,000 left
    assert checks[0].passed is True
    assert checks[0].headroom == Decimal("500000")
    # 4,500,000.01 is one cent too much
    assert checks[1].passed is False
    assert checks[1].headroom == Decimal("-0.01")
    assert any("exceeds availability" in a.message for a in result.alerts)
    assert result.status is Status.watch  # a refused draw is not a covenant breach
