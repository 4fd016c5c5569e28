"""The terms of financial tests: a metric over financial items, tested on dates, each over its
measuring period, against a level in force on the test date.

    - id: financial_covenants
      type: financial_tests
      financial_items:
        balance: [total_liabilities, total_equity]
        flow: [ebitda, interest_expense, principal_paid, capex_unfinanced, cash_taxes]
      definitions:
        fixed_charges: {value: interest_expense + principal_paid, cite: "..."}
      tests:
        - id: fixed_charge_coverage
          title: Minimum fixed charge coverage ratio
          bound: minimum                      # "not less than": the level itself passes
          numerator: ebitda
          denominator: fixed_charges
          tested: {every: month_end, from: 2015-01-31}
          measured:                           # a table: each row from its first test date
            - {since: {value: 2015-01-01, cite: "period-to-date basis ... January 1, 2015"}}
            - {trailing_months: 12, tests_from: 2015-12-31}
          schedule:
            2015-01-31: {value: 1.05, cite: "January 31, 2015 1.05:1.00"}
            2015-07-31: {value: 1.10, cite: "July 31, 2015 1.10:1.00"}

A test is tested on `tested`'s period ends; where `measured` is a table, only on the test
dates one of its rows covers ("a test dated outside its table is not tested"); and before the
first date of its level `schedule`, not at all. Levels may be negative (a minimum EBITDA of a
loss); ratio levels may not.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag, field_validator, model_validator

from pactum.clauses.api import STRICT, require_unique_ids
from pactum.dates import Recurrence
from pactum.schedule import Every
from pactum.terms.formulas import Formula
from pactum.terms.named_dates import DATE_NAME, DateTerm
from pactum.terms.values import Located, Periods, Term


class NonPositiveDenominator(StrEnum):
    """What a ratio test is when its denominator is zero or negative, as the sheet says."""

    not_tested = "not_tested"  # the ratio is undefined: no result (the default)
    passes = "passes"  # e.g. no fixed charges: coverage is met
    fails = "fails"


class FinancialItems(Located):
    model_config = STRICT
    balance: list[str] = Field(description="items measured at a date (balance sheet)")
    flow: list[str] = Field(description="items measured over a period (summed over it)")


class Step(Located):
    """A perpetual step after a schedule's last date ("then increasing by $250,000 per
    quarter")."""

    model_config = STRICT
    add: Term[Decimal]
    every: Term[Every]


class Tested(Located):
    """When a test is tested: each period end from a first test date to a last."""

    model_config = STRICT
    every: Term[Recurrence]
    first: DateTerm | None = Field(
        None, description="the first test date (period ends on or after it)"
    )
    last: DateTerm | None = Field(None, description="the last test date")


class Measured(Located):
    """A measuring period, ending on the test date: one of the trailing months or quarters,
    the fiscal year to date, or the period to date since a day; in a table, for the test
    dates from `tests_from` to `tests_through` (each row from the one after the row before
    when unset)."""

    model_config = STRICT
    trailing_months: Term[Periods] | None = None
    trailing_quarters: Term[Periods] | None = None
    fiscal_year_to_date: Term[bool] | None = None
    since: DateTerm | None = Field(None, description="the period's first day (period to date)")
    tests_from: DateTerm | None = None
    tests_through: DateTerm | None = None

    @model_validator(mode="after")
    def _one_basis(self) -> Measured:
        given = [
            name
            for name in ("trailing_months", "trailing_quarters", "fiscal_year_to_date", "since")
            if getattr(self, name) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "one of trailing_months, trailing_quarters, fiscal_year_to_date, since"
            )
        if self.fiscal_year_to_date is not None and not self.fiscal_year_to_date.value:
            raise ValueError("fiscal_year_to_date: true (or another basis)")
        return self


def _one_or_table(data: object) -> str:
    return "measured[table]" if isinstance(data, list) else "measured[one]"


# a measuring period, or a table of them: one error for a bad one, not one per reading (a
# tag with brackets, which error messages leave out of the field's path)
MeasuredOrTable = Annotated[
    Annotated[Measured, Tag("measured[one]")] | Annotated[list[Measured], Tag("measured[table]")],
    Discriminator(_one_or_table),
]

# a level schedule's key: a date, or the name of one of the sheet's dates
ScheduleKey = date | Annotated[str, StringConstraints(pattern=DATE_NAME)]


class FinancialTest(Located):
    """One financial test (a covenant): `metric` (an amount) or `numerator`/`denominator`
    (a ratio), each a financial item or a definition; `bound` and `inclusive` as the contract
    writes them ("not less than" is an inclusive minimum, "must exceed" a strict one, "of
    greater than 2.5 to 1.0 prohibited" an inclusive maximum). `driver` names the item whose
    fall the headroom is also expressed in."""

    model_config = STRICT
    id: str = Field(pattern=DATE_NAME)
    title: str
    bound: Literal["minimum", "maximum"]
    inclusive: Term[bool] = Term[bool](value=True)
    metric: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    level: Term[Decimal] | None = None
    schedule: dict[ScheduleKey, Term[Decimal]] | None = Field(
        None, description="levels from dates on (each in force until the next)"
    )
    then: Step | None = None
    tested: Tested | None = Field(None, description="when it is tested (each period end)")
    measured: MeasuredOrTable | None = Field(
        None, description="its measuring period; the period the test dates recur by if unset"
    )
    when_denominator_not_positive: Term[NonPositiveDenominator] = Term[NonPositiveDenominator](
        value=NonPositiveDenominator.not_tested
    )
    driver: str | None = None

    @property
    def is_ratio(self) -> bool:
        return self.metric is None

    @property
    def measures(self) -> list[Measured]:
        if self.measured is None:
            return []
        return self.measured if isinstance(self.measured, list) else [self.measured]


class FinancialTestsTerms(Located):
    """The terms of a `financial_tests` clause: the items the company reports, the
    agreement's definitions over them, and its tests."""

    model_config = STRICT
    financial_items: FinancialItems
    definitions: dict[str, Term[Formula]] = Field(default_factory=dict)
    tests: list[FinancialTest] = Field(min_length=1)

    @field_validator("tests")
    @classmethod
    def _unique_ids(cls, tests: list[FinancialTest]) -> list[FinancialTest]:
        require_unique_ids(tests, "test")
        return tests
