"""The Windham rent roll, worked by hand from Exhibit B and section 3 of the amendment.

Area 150,204 + 54,103 = 204,307 sf. Lease year 1 at $3.59: 204,307 x 3.59 = 733,462.13 a year,
/ 12 = 61,121.844 -> 61,121.84 a month. Abatements: April 2003 16,185.81; May-July 8,092.91.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from conftest import Evaluate, lease_events
from pactum.findings import AgreementFindings, Status
from pactum.findings_json import serialise
from pactum.kinds.lease.rent_roll import rent_roll
from pactum.kinds.lease.schema import LeaseTerms
from pactum.kinds.lease.tenant_default import default_periods
from pactum.portfolio import load_portfolio


def rent(result: AgreementFindings) -> tuple[str | None, str | None, str | None]:
    return (
        serialise(result.value("base_rent")),
        serialise(result.value("abatement")),
        serialise(result.value("base_rent_due")),
    )


def test_april_2003(lease: Evaluate) -> None:
    # 61,121.84 - 16,185.81 = 44,936.03
    assert rent(lease(date(2003, 4, 15))) == ("61121.84", "16185.81", "44936.03")


def test_may_to_july_2003(lease: Evaluate) -> None:
    # 61,121.84 - 8,092.91 = 53,028.93
    for month in (5, 6, 7):
        assert rent(lease(date(2003, month, 1))) == ("61121.84", "8092.91", "53028.93")


def test_august_2003_has_no_abatement(lease: Evaluate) -> None:
    assert rent(lease(date(2003, 8, 31))) == ("61121.84", "0.00", "61121.84")


def test_later_lease_years(lease: Evaluate) -> None:
    # 204,307 x 3.70 = 755,935.90 / 12 = 62,994.658 -> 62,994.66 (April 2004, lease year 2)
    assert rent(lease(date(2004, 4, 1)))[0] == "62994.66"
    # March 2004 is still lease year 1
    assert rent(lease(date(2004, 3, 31)))[0] == "61121.84"
    # 204,307 x 3.92 = 800,883.44 / 12 = 66,740.286 -> 66,740.29 (lease year 4), computed
    # from the rate, not from Exhibit B's misprinted annual figure of 800,833.44
    assert rent(lease(date(2006, 4, 1)))[0] == "66740.29"
    # 204,307 x 4.16 = 849,917.12 / 12 = 70,826.426 -> 70,826.43 (the last month of the term)
    assert rent(lease(date(2009, 3, 1)))[0] == "70826.43"


def test_outside_the_term_nothing_is_due(lease: Evaluate) -> None:
    # the last lease year ends 2009-03-31: the lease has ended, and nothing is due
    result = lease(date(2009, 4, 1))
    assert result.ended_on == date(2009, 3, 31)
    assert not result.values and not [o for o in result.obligations if o.due >= date(2009, 4, 1)]


def test_a_default_during_june_loses_junes_abatement(lease: Evaluate) -> None:
    events = lease_events("2003-06-10 default", "2003-06-20 cure")
    june = lease(date(2003, 6, 30), events=events)
    assert rent(june) == ("61121.84", "0.00", "61121.84")
    assert "default" in june.value("abatement").trace.formula  # type: ignore[union-attr]
    [lost] = [a for a in june.alerts if "abatement" in a.message]
    assert "$8,092.91 abatement for June 2003 lost" in lost.message
    # the cure on June 20 leaves July's abatement in place
    assert rent(lease(date(2003, 7, 1), events=events)) == ("61121.84", "8092.91", "53028.93")
    # and May's was earned before the default
    assert rent(lease(date(2003, 5, 1), events=events))[2] == "53028.93"


def test_an_uncured_default_is_critical_and_keeps_costing(lease: Evaluate) -> None:
    events = lease_events("2003-06-10 default")
    july = lease(date(2003, 7, 15), events=events)
    assert rent(july)[2] == "61121.84"
    assert july.status is Status.breach
    assert any("in default from 2003-06-10, not cured" in a.message for a in july.alerts)


def test_a_default_cured_the_next_day_touches_only_its_own_month(lease: Evaluate) -> None:
    # in default on May 31 only: May loses its abatement (known from May 31), June keeps it
    events = lease_events("2003-05-31 default", "2003-06-01 cure")
    assert rent(lease(date(2003, 5, 31), events=events))[1] == "0.00"
    assert rent(lease(date(2003, 6, 1), events=events))[1] == "8092.91"
    # on May 30 the default has not happened
    assert rent(lease(date(2003, 5, 30), events=events))[1] == "8092.91"


def test_a_default_after_the_as_of_date_is_not_yet_known(lease: Evaluate) -> None:
    events = lease_events("2003-06-10 default", "2003-06-20 cure")
    assert rent(lease(date(2003, 6, 5), events=events))[1] == "8092.91"


def test_total_abated_over_the_four_months(example: Path) -> None:
    portfolio = load_portfolio(example)
    sheet = portfolio.agreements["windham-lease"].clauses_of("lease")[0].terms_as(LeaseTerms)
    roll = rent_roll(sheet, [])
    # 16,185.81 + 3 x 8,092.91 = 40,464.54
    assert sum((line.abatement for line in roll), Decimal(0)) == Decimal("40464.54")
    assert len(roll) == 72  # six lease years of twelve months
    # with June in default: 40,464.54 - 8,092.91 = 32,371.63
    (example / "facts" / "events.yaml").write_text(
        lease_events("2003-06-10 default", "2003-06-20 cure")
    )
    events = load_portfolio(example).facts.events.of("windham-lease")
    june_default = rent_roll(sheet, default_periods(events, date(2003, 12, 31)))
    assert sum((line.abatement for line in june_default), Decimal(0)) == Decimal("32371.63")


def test_rent_obligations_are_not_rolled(lease: Evaluate) -> None:
    result = lease(date(2003, 12, 31))
    february = next(o for o in result.obligations if o.due == date(2004, 2, 1))
    # February 1, 2004 is a Sunday: the rent is due that day, and the note says so
    assert february.amount == Decimal("61121.84")
    assert february.note == "falls on a Sunday; not rolled"
    new_year = next(o for o in result.obligations if o.due == date(2004, 1, 1))
    assert new_year.note == "falls on New Year's Day; not rolled"


def test_share_and_values_present(lease: Evaluate) -> None:
    result = lease(date(2003, 12, 31))
    ids = {v.id for v in result.values}
    assert {"base_rent", "abatement", "base_rent_due", "proportionate_share"} <= ids
    # the expansion option is the sheet's options clause: its TI allowance figure is beside them
    assert "option-expansion-ti_allowance" in ids
    assert serialise(result.value("proportionate_share")) == "45.30"
