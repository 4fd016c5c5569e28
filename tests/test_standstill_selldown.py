"""The forced sell-down, Rule 144's volume limit, and the aggregation of distributions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from conftest import Evaluate, values_of
from pactum.findings import Basis, Severity, Status
from pactum.kinds.standstill.ownership import Position
from pactum.kinds.standstill.rule144 import sale_dates
from pactum.kinds.standstill.selldown import shares_to_sell

FIFTEEN = Decimal("0.15")
# 2,162,788 of 11,400,000 = 18.97%
OWNERSHIP = "as_of,holder,shares,shares_outstanding\n2004-09-30,IPOF Group,2162788,11400000\n"
RULING = "- {date: 2004-09-15, agreement: ipof-standstill, event: court_ruling}\n"
REQUEST = "- {date: 2004-10-01, agreement: ipof-standstill, event: sell_down_request}\n"
DISTRIBUTION = (
    "- {date: 2004-06-30, agreement: ipof-standstill, event: distribution, shares: 200000}\n"
)
# the four weeks before Friday 2004-10-01: 80,000 + 95,000 + 70,000 + 105,000 = 350,000
SEPTEMBER = (
    "week_ending,volume\n"
    "2004-08-27,900000\n"  # five weeks before: not read
    "2004-09-03,80000\n2004-09-10,95000\n2004-09-17,70000\n2004-09-24,105000\n"
    "2004-10-01,900000\n"  # the week ending on the date itself: not before it
)


def position(shares: int, outstanding: int) -> Position:
    return Position(date(2004, 9, 30), shares, 0, outstanding)


def test_shares_to_sell_to_be_strictly_below_15_percent() -> None:
    # 15% of 11,400,000 = 1,710,000 exactly; owning 1,710,000 would be 15%, not below, so
    # 2,162,788 - 1,710,000 + 1 = 452,789 must go (leaving 1,709,999)
    assert shares_to_sell(position(2162788, 11400000), FIFTEEN) == 452789
    # 15% of 11,486,573 = 1,722,985.95: keeping 1,722,985 is below, so 639,803 must go
    assert shares_to_sell(position(2362788, 11486573), FIFTEEN) == 639803
    # already below: nothing
    assert shares_to_sell(position(1709999, 11400000), FIFTEEN) == 0


def test_three_month_sale_periods_up_to_the_deadline() -> None:
    assert sale_dates(date(2004, 10, 1), date(2005, 10, 1), 3) == [
        date(2004, 10, 1),
        date(2005, 1, 1),
        date(2005, 4, 1),
        date(2005, 7, 1),
        date(2005, 10, 1),
    ]


def test_deadline_and_feasibility(standstill: Evaluate) -> None:
    result = standstill(
        date(2004, 10, 1), ownership=OWNERSHIP, volume=SEPTEMBER, events=RULING + REQUEST
    )
    values = values_of(result)
    # request 2004-10-01 + one year = 2005-10-01, a Saturday: Jan 1, 2005 was a Saturday
    # and Oct 1 is 273 = 39 x 7 days later
    assert values["sell_down_deadline"] == "2005-10-01"
    [deadline] = [o for o in result.obligations if o.what.startswith("Sell-down")]
    assert deadline.note == "falls on a Saturday; not rolled"
    assert values["shares_to_sell"] == "452789"
    # average weekly volume 350,000 / 4 = 87,500 < 1% of 11,400,000 = 114,000
    assert values["rule144_volume_limit"] == "114000"
    # sales on 10/1/04, 1/1/05, 4/1/05, 7/1/05, 10/1/05: 5 x 114,000 = 570,000 >= 452,789
    assert values["rule144_sale_periods"] == "5"
    assert values["rule144_capacity"] == "570000"
    assert values["sell_down_shortfall"] == "0"
    test = next(t for t in result.tests if t.id == "sell_down_by_deadline")
    assert test.passed is True
    assert test.headroom == 117211  # 570,000 - 452,789
    assert result.status is Status.ok


def test_average_weekly_volume_above_one_percent_sets_the_limit(standstill: Evaluate) -> None:
    volume = "week_ending,volume\n" + "".join(
        f"2004-09-{day},{v}\n" for day, v in (("03", 150000), ("10", 130000), ("17", 120000))
    )
    volume += "2004-09-24,140000\n"
    values = values_of(
        standstill(date(2004, 10, 1), ownership=OWNERSHIP, volume=volume, events=RULING + REQUEST)
    )
    # (150,000 + 130,000 + 120,000 + 140,000) / 4 = 135,000 > 114,000
    assert values["rule144_volume_limit"] == "135000"
    assert values["rule144_capacity"] == "675000"  # 5 x 135,000


def test_shortfall_when_the_deadline_is_near(standstill: Evaluate) -> None:
    # no volume reported: 1% of outstanding only. From 2005-06-15 the periods start on
    # 6/15/05 and 9/15/05 (12/15/05 is after the deadline): 2 x 114,000 = 228,000,
    # 452,789 - 228,000 = 224,789 short
    result = standstill(
        date(2005, 6, 15),
        ownership=OWNERSHIP,
        volume="week_ending,volume\n",
        events=RULING + REQUEST,
    )
    values = values_of(result)
    assert values["rule144_sale_periods"] == "2"
    assert values["sell_down_shortfall"] == "224789"
    test = next(t for t in result.tests if t.id == "sell_down_by_deadline")
    assert test.passed is False and test.basis is Basis.forecast
    [warning] = [a for a in result.alerts if "cannot meet the sell-down" in a.message]
    assert "short by 224,789" in warning.message
    assert result.status is Status.watch


def test_distributions_take_from_the_same_limit(standstill: Evaluate) -> None:
    result = standstill(
        date(2004, 10, 1),
        ownership=OWNERSHIP,
        volume=SEPTEMBER,
        events=DISTRIBUTION + RULING + REQUEST,
    )
    values = values_of(result)
    assert values["aggregated_distributed_shares"] == "200000"
    # 570,000 - 200,000 resold by the members = 370,000; 452,789 - 370,000 = 82,789 short
    [warning] = [a for a in result.alerts if "distributed shares" in a.message]
    assert "short by 82,789" in warning.message
    # the aggregation window: two years after 2004-06-30
    [window] = [a for a in result.alerts if a.message.startswith("200,000 shares distributed")]
    assert "from 2004-06-30 through 2006-06-30" in window.message
    assert any(o.due == date(2006, 6, 30) and "aggregation" in o.what for o in result.obligations)


def test_a_request_without_a_ruling_has_no_effect(standstill: Evaluate) -> None:
    result = standstill(date(2004, 10, 1), ownership=OWNERSHIP, events=REQUEST)
    assert "sell_down_deadline" not in values_of(result)
    [warning] = [a for a in result.alerts if "Sell-down request" in a.message]
    assert warning.severity is Severity.warning
    assert "no court ruling" in warning.message


def test_a_missed_deadline_is_critical(standstill: Evaluate) -> None:
    result = standstill(date(2005, 10, 2), ownership=OWNERSHIP, events=RULING + REQUEST)
    [missed] = [a for a in result.alerts if "has passed" in a.message]
    assert missed.severity is Severity.critical
    assert "must sell 452,789 shares" in missed.message


def test_a_met_sell_down(standstill: Evaluate) -> None:
    ownership = OWNERSHIP + "2005-03-31,IPOF Group,1709999,11400000\n"  # 14.99999%
    result = standstill(date(2005, 4, 1), ownership=ownership, events=RULING + REQUEST)
    values = values_of(result)
    assert values["shares_to_sell"] == "0"
    assert values["term_active"] == "false"  # and the Term ended with it
    assert any("is met" in a.message for a in result.alerts)
