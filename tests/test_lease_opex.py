"""The tenant's proportionate share of operating expenses: monthly estimates and the year-end
reconciliation, worked out by hand.

Shares: 33.31% from 2002-09-17 (the original lease), 45.30% from 2003-04-01 (the amendment),
each month taking the share in force on its due date, the 1st. Monthly estimate = round(
estimated / 12 x share, cents). Reconciliation = round(actual x (the 12 monthly shares summed /
12), cents) - the estimates billed; positive is owed by the tenant.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import Evaluate
from pactum.findings import Status
from pactum.findings_json import serialise

HEADER = "year,estimated,actual\n"


def test_share_steps_on_the_effective_date(lease: Evaluate) -> None:
    assert serialise(lease(date(2003, 3, 31)).value("proportionate_share")) == "33.31"
    assert serialise(lease(date(2003, 4, 1)).value("proportionate_share")) == "45.30"


def test_no_share_before_the_original_lease(lease: Evaluate) -> None:
    # before the original lease of 2002-09-17 the agreement is not yet in force: no share,
    # no estimate, nothing due (the example's 2002 row is not the tenant's)
    result = lease(date(2002, 6, 30))
    assert result.in_force_from == date(2002, 9, 17)
    assert result.status is Status.not_yet_in_force
    assert not result.values and not result.obligations


@pytest.mark.parametrize(
    ("as_of", "estimate"),
    [
        (date(2003, 1, 31), "31644.50"),  # 1,140,000 / 12 = 95,000 x 0.3331
        (date(2003, 3, 31), "31644.50"),
        (date(2003, 4, 1), "43035.00"),  # 95,000 x 0.4530
        (date(2003, 12, 31), "43035.00"),
        (date(2004, 1, 15), "45300.00"),  # 1,200,000 / 12 = 100,000 x 0.4530
        (date(2002, 10, 1), "29979.00"),  # 1,080,000 / 12 = 90,000 x 0.3331
    ],
)
def test_monthly_estimate(lease: Evaluate, as_of: date, estimate: str) -> None:
    assert serialise(lease(as_of).value("opex_estimate")) == estimate


def test_reconciliation_of_2002_is_a_refund(lease: Evaluate) -> None:
    result = lease(date(2003, 12, 31))
    value = result.value("opex_reconciliation")
    # 2002: the share (33.31%) starts 9/17/02, so only October-December are the tenant's.
    # billed 3 x (1,080,000 / 12 x 0.3331 = 29,979.00) = 89,937.00
    # actual 1,050,000 x (3 x 0.3331 / 12 = 0.083275) = 87,438.75
    # 87,438.75 - 89,937.00 = -2,498.25 (refunded to the tenant)
    assert serialise(value) == "-2498.25"
    assert value.trace is not None
    assert value.trace.input("estimates_billed") == "89937.00"
    assert value.trace.input("actual_share") == "87438.75"


def test_reconciliation_of_2003_is_owed_by_the_tenant(lease: Evaluate) -> None:
    opex = HEADER + "2003,1140000.00,1200000.00\n2004,1200000.00,\n"
    result = lease(date(2004, 1, 15), opex=opex)
    value = result.value("opex_reconciliation")
    # billed 3 x 31,644.50 + 9 x 43,035.00 = 94,933.50 + 387,315.00 = 482,248.50
    # average share (3 x 0.3331 + 9 x 0.4530) / 12 = 5.0763 / 12 = 0.423025
    # actual share 1,200,000 x 0.423025 = 507,630.00; 507,630.00 - 482,248.50 = +25,381.50
    assert serialise(value) == "25381.50"
    assert value.trace is not None
    assert value.trace.input("estimates_billed") == "482248.50"
    assert value.trace.input("actual_share") == "507630.00"
    assert value.trace.input("average_share") == "0.423025"


def test_example_2003_reconciliation_shows_in_2004(lease: Evaluate) -> None:
    # the example's own 2003 row is the same as above
    assert serialise(lease(date(2004, 6, 30)).value("opex_reconciliation")) == "25381.50"


def test_a_year_is_not_reconciled_before_it_ends(lease: Evaluate) -> None:
    opex = HEADER + "2003,1140000.00,1200000.00\n2004,1200000.00,\n"
    result = lease(date(2003, 12, 31), opex=opex)
    with pytest.raises(KeyError):
        result.value("opex_reconciliation")


def test_a_year_without_actual_is_not_reconciled(lease: Evaluate) -> None:
    opex = HEADER + "2003,1140000.00,\n2004,1200000.00,\n"
    result = lease(date(2004, 6, 30), opex=opex)
    with pytest.raises(KeyError):
        result.value("opex_reconciliation")
    assert serialise(result.value("opex_estimate")) == "45300.00"  # 100,000 x 0.4530


def test_each_month_is_rounded_half_up(lease: Evaluate) -> None:
    opex = HEADER + "2003,60.00,60.00\n2004,60.00,\n"
    # 60 / 12 = 5; January: 5 x 0.3331 = 1.6655 -> 1.67; April: 5 x 0.4530 = 2.265 -> 2.27
    assert serialise(lease(date(2003, 1, 1), opex=opex).value("opex_estimate")) == "1.67"
    assert serialise(lease(date(2003, 4, 1), opex=opex).value("opex_estimate")) == "2.27"
    # billed 3 x 1.67 + 9 x 2.27 = 5.01 + 20.43 = 25.44
    # actual share 60 x 0.423025 = 25.3815 -> 25.38; 25.38 - 25.44 = -0.06
    value = lease(date(2004, 1, 1), opex=opex).value("opex_reconciliation")
    assert serialise(value) == "-0.06"


def test_a_row_for_the_lease_wins_over_a_row_for_every_lease(lease: Evaluate) -> None:
    opex = "year,estimated,actual,agreement\n2003,1140000.00,,\n2003,1200000.00,,windham-lease\n"
    # the lease's own row: 1,200,000 / 12 = 100,000 x 0.4530
    assert serialise(lease(date(2003, 12, 31), opex=opex).value("opex_estimate")) == "45300.00"


def test_no_opex_file_no_opex_values(lease: Evaluate, example: Path) -> None:
    (example / "facts" / "opex.csv").unlink()
    result = lease(date(2003, 12, 31))
    assert serialise(result.value("proportionate_share")) == "45.30"
    for name in ("opex_estimate", "opex_reconciliation"):
        with pytest.raises(KeyError):
            result.value(name)
