"""An index that is the greatest or the least of several rates ("the prime rate, or, if
higher, the Federal Funds Rate plus 1/2 of 1%"), day by day, each part with its own day count
where the agreement gives one; and a minimum interest charge.

Figures worked out by hand below each test; rates and balances are illustrative.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bad_input_support import assert_error, check, line_number
from test_interest import run, write

BASE_RATE_DOCUMENT = """\
"Base Rate" shall mean (i) the rate of interest for commercial loans established and publicly
announced by First Union from time to time as its prime rate, or, if higher, (ii) the Federal
Funds Rate plus 1/2 of 1% per annum.

Interest on Loans shall be computed on the basis of a year of 365 or 366 days, as applicable,
if the Base Rate is equal to the prime rate of First Union. Interest on Loans shall be
computed on the basis of a year of 360 days, for the actual days elapsed, if the Base Rate is
equal to the Federal Funds Rate plus 1/2 of 1% annum.

The Default Rate is the lesser of (a) the Base Rate plus 4%, and (b) the Maximum Rate of 18%.
"""

BASE_RATE = """\
    index:
      greatest_of:
        - index: {value: Prime Rate, cite: "as its prime rate"}
          day_count: {value: actual/actual, cite: "a year of 365 or 366 days, as applicable"}
        - index: {value: Federal Funds Rate, cite: "the Federal Funds Rate plus 1/2 of 1% per annum"}
          plus: {value: 0.005, cite: "the Federal Funds Rate plus 1/2 of 1% per annum"}
          day_count: {value: actual/360, cite: "a year of 360 days, for the actual days elapsed"}
    margin: {value: 0, assumed: Base Rate Loans bear the Base Rate itself}
    day_count: {value: actual/360, cite: "a year of 360 days, for the actual days elapsed"}
"""

RATES = (
    "1999-11-17,Prime Rate,0.085\n"
    "1999-12-01,Federal Funds Rate,0.055\n"
    "2000-01-16,Federal Funds Rate,0.0825\n"
    "2000-02-01,Federal Funds Rate,0.08\n"
)


def _base_rate(root: Path, clause: str = BASE_RATE, rates: str = RATES) -> Path:
    return write(
        root,
        clause,
        document=BASE_RATE_DOCUMENT,
        balances="1999-12-01,credit,1000000\n",
        rates=rates,
    )


def test_the_greater_of_prime_and_fed_funds_each_on_its_own_year(tmp_path: Path) -> None:
    # January 2000 (a leap year), $1,000,000:
    # Jan 1-15, 15 days: prime 8.50% > Fed Funds 5.50% + 0.50% = 6.00%: prime, 366-day year
    #   1,000,000 x 0.085 x 15 / 366 = 1,275,000 / 366 = 3,483.6065573...
    # Jan 16-31, 16 days: Fed Funds 8.25% + 0.50% = 8.75% > 8.50%: a 360-day year
    #   1,000,000 x 0.0875 x 16 / 360 = 1,400,000 / 360 = 3,888.8888888...
    # 3,483.6065573 + 3,888.8888889 = 7,372.4954462 -> 7,372.50
    found = run(_base_rate(tmp_path), date(2000, 1, 31))
    interest = found.value("interest")
    assert interest.value == Decimal("7372.50")
    assert interest.trace is not None
    set_by = dict(interest.trace.inputs)["index set by"]
    assert set_by == (
        "Prime Rate at 8.5000%, 366-day year 2000-01-01 to 2000-01-15; "
        "Federal Funds Rate + 0.5000% at 8.7500%, 360-day year 2000-01-16 to 2000-01-31"
    )
    assert (
        "greatest of Prime Rate, Federal Funds Rate + 0.5000%"
        in dict(interest.trace.inputs)["index"]
    )


def test_a_tie_goes_to_the_rate_listed_first(tmp_path: Path) -> None:
    # February 2000, 29 days: Fed Funds 8.00% + 0.50% = 8.50% = prime 8.50%: "or, if higher"
    # the Federal Funds leg, so prime it is, on 366 days:
    #   1,000,000 x 0.085 x 29 / 366 = 2,465,000 / 366 = 6,734.9726775... -> 6,734.97
    found = run(_base_rate(tmp_path), date(2000, 2, 29))
    interest = found.value("interest")
    assert interest.value == Decimal("6734.97")
    assert interest.trace is not None
    assert dict(interest.trace.inputs)["index set by"].startswith("Prime Rate at 8.5000%, 366-day")


def test_a_prime_year_of_365_days_outside_a_leap_year(tmp_path: Path) -> None:
    # December 1999, 31 days, prime 8.50% wins (Fed Funds 6.00%): 365-day year
    #   1,000,000 x 0.085 x 31 / 365 = 2,635,000 / 365 = 7,219.1780821... -> 7,219.18
    found = run(_base_rate(tmp_path), date(1999, 12, 31))
    assert found.value("interest").value == Decimal("7219.18")


LEAST_OF = """\
    index:
      least_of:
        - index: {value: Prime Rate, cite: "the Base Rate plus 4%"}
          plus: {value: 0.04, cite: "the Base Rate plus 4%"}
        - rate: {value: 0.18, cite: "the Maximum Rate of 18%"}
    margin: {value: 0, assumed: the Default Rate is the lesser rate itself}
    day_count: {value: actual/360, cite: "a year of 360 days, for the actual days elapsed"}
"""


def test_the_lesser_of_prime_plus_4_and_a_maximum_rate(tmp_path: Path) -> None:
    # June 2003, 30 days, $100,000: Jun 1-10 prime 13.50% + 4% = 17.50% < 18%;
    # from Jun 11 prime 14.50% + 4% = 18.50% > 18%: the Maximum Rate, 20 days
    #   100,000 x (0.175 x 10 + 0.18 x 20) / 360 = 100,000 x 5.35 / 360 = 1,486.111... -> 1,486.11
    root = write(
        tmp_path,
        LEAST_OF,
        document=BASE_RATE_DOCUMENT,
        balances="2003-05-01,credit,100000\n",
        rates="2003-05-01,Prime Rate,0.135\n2003-06-11,Prime Rate,0.145\n",
    )
    interest = run(root, date(2003, 6, 30)).value("interest")
    assert interest.value == Decimal("1486.11")
    assert interest.trace is not None
    assert dict(interest.trace.inputs)["index set by"] == (
        "Prime Rate + 4.0000% at 17.5000% 2003-06-01 to 2003-06-10; "
        "the fixed rate 18.0000% at 18.0000% 2003-06-11 to 2003-06-30"
    )


def test_an_unknown_index_in_greatest_of_is_refused(tmp_path: Path) -> None:
    clause = BASE_RATE.replace(
        '{value: Federal Funds Rate, cite: "the Federal Funds Rate plus 1/2 of 1% per annum"}',
        "{value: Fed Funds, assumed: the series' name}",
    )
    root = _base_rate(tmp_path, clause)
    (root / "portfolio.yaml").write_text(
        (root / "portfolio.yaml").read_text() + "as_of: 2000-01-31\n"
    )
    sheet = (root / "agreements" / "credit.yaml").read_text()
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet, "value: Fed Funds,"),
        field="index.greatest_of[1].index",
        found=("'Fed Funds'",),
        expected=("an index of rates.csv", "Federal Funds Rate", "Prime Rate"),
    )


def test_a_choice_of_one_rate_is_refused(tmp_path: Path) -> None:
    clause = BASE_RATE.split("        - index: {value: Federal Funds Rate")[0] + (
        '    margin: {value: 0, assumed: "the Base Rate itself"}\n'
        '    day_count: {value: actual/360, cite: "a year of 360 days"}\n'
    )
    root = _base_rate(tmp_path, clause)
    sheet = (root / "agreements" / "credit.yaml").read_text()
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet, "- index: {value: Prime Rate"),
        field="interest.index.greatest_of",
        found=("1 rate",),
        expected=("two rates or more",),
    )


MINIMUM_DOCUMENT = """\
Interest at Daily Three Month LIBOR plus 3.00%, computed on the basis of a 365-day year for
the actual number of days elapsed. Default Rate: 2% above the rate otherwise applicable.
Minimum Interest Charge. At least $100,000 of interest each year or portion of a year
following the initial advance, and Borrowers will pay any deficiency on the anniversary of the
initial advance. When calculating this deficiency, the Default Rate will be disregarded.
"""

MINIMUM = """\
    index: {value: LIBOR, cite: "Daily Three Month LIBOR plus 3.00%"}
    margin: {value: 0.03, cite: "Daily Three Month LIBOR plus 3.00%"}
    day_count: {value: actual/365, cite: "a 365-day year for the actual number of days elapsed"}
    default_rate:
      add: {value: 0.02, cite: "2% above the rate otherwise applicable"}
    minimum:
      amount: {value: 100000, cite: "At least $100,000 of interest each year"}
      years_from: initial_advance
"""


def _minimum(root: Path, balance: str, as_of: str, events: str = "") -> Path:
    write(
        root,
        MINIMUM,
        document=MINIMUM_DOCUMENT,
        balances=f"2015-01-05,credit,{balance}\n",
        rates="2015-01-01,LIBOR,0.02\n",
    )
    sheet = root / "agreements" / "credit.yaml"
    sheet.write_text(
        sheet.read_text().replace(
            "clauses:\n", "dates:\n  initial_advance: {event: initial_advance}\nclauses:\n"
        )
    )
    (root / "facts" / "events.yaml").write_text(
        "- {date: 2015-01-05, agreement: credit, event: initial_advance}\n" + events
    )
    (root / "portfolio.yaml").write_text(
        (root / "portfolio.yaml").read_text() + f"as_of: {as_of}\n"
    )
    return root


def test_a_year_exactly_at_the_minimum_owes_nothing(tmp_path: Path) -> None:
    # the year 2015-01-05 to 2016-01-04: 365 days (no February 29); 2,000,000 at
    # 2.00% + 3.00% = 5%: 2,000,000 x 0.05 x 365 / 365 = 100,000.00, exactly the minimum
    found = run(_minimum(tmp_path, "2000000", "2016-01-04"), date(2016, 1, 4))
    assert found.value("interest_minimum_accrued").value == Decimal("100000.00")
    assert found.value("interest_minimum_shortfall").value == Decimal("0")
    assert not [o for o in found.obligations if o.id.startswith("interest-minimum")]


def test_a_year_just_under_the_minimum_owes_the_difference_on_the_anniversary(
    tmp_path: Path,
) -> None:
    # 1,999,999 x 0.05 x 365 / 365 = 99,999.95: the deficiency 0.05, due on the anniversary
    # of the 2015-01-05 advance, 2016-01-05 (a Tuesday)
    found = run(_minimum(tmp_path, "1999999", "2016-01-04"), date(2016, 1, 4))
    assert found.value("interest_minimum_accrued").value == Decimal("99999.95")
    assert found.value("interest_minimum_shortfall").value == Decimal("0.05")
    (owed,) = [o for o in found.obligations if o.id.startswith("interest-minimum")]
    assert (owed.due, owed.amount) == (date(2016, 1, 5), Decimal("0.05"))
    assert any("At least $100,000" in (ref.quote or "") for ref in owed.sources)


def test_the_default_rate_is_disregarded_for_the_minimum(tmp_path: Path) -> None:
    # a default for 2015-06-01 to 2015-06-30 adds 2% to those 30 days' interest billed, not
    # to the year measured: still 99,999.95 and 0.05 owed
    events = (
        "- {date: 2015-06-01, agreement: credit, event: event_of_default}\n"
        "- {date: 2015-07-01, agreement: credit, event: default_cured}\n"
    )
    found = run(_minimum(tmp_path, "1999999", "2016-01-04", events), date(2016, 1, 4))
    assert found.value("interest_minimum_shortfall").value == Decimal("0.05")


def test_no_year_measured_before_the_first_ends(tmp_path: Path) -> None:
    found = run(_minimum(tmp_path, "1999999", "2016-01-03"), date(2016, 1, 3))
    assert not [v for v in found.values if v.id.startswith("interest_minimum")]


def test_a_minimum_from_a_date_the_sheet_does_not_name_is_refused(tmp_path: Path) -> None:
    root = _minimum(tmp_path, "2000000", "2016-01-04")
    sheet_path = root / "agreements" / "credit.yaml"
    sheet = sheet_path.read_text().replace("years_from: initial_advance", "years_from: first_loan")
    sheet_path.write_text(sheet)
    assert_error(
        check(root),
        root,
        "agreements/credit.yaml",
        unit="line",
        number=line_number(sheet, "years_from: first_loan"),
        field="interest.minimum.years_from",
        found=("'first_loan'",),
        expected=("a date named in the sheet's dates: initial_advance",),
    )
