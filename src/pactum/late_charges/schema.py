"""The terms of a `late_charges` clause: a charge on an amount paid late (a percentage of what is
overdue, a fixed amount, or the greater of the two) after a grace period, interest on it from
the due date, and the waiver of the first late payment in a period.

    - id: late_charges
      type: late_charges
      charged_on: [lease]            # the clauses whose obligations with an amount are charged
      grace:
        days: {value: 5, cite: "more than five (5) business days after its due date"}
        business_days: {value: true, cite: "five (5) business days"}
        roll: none                   # a last day on a weekend or holiday is not moved
      charge:
        rate: {value: 0.03, cite: "three percent (3%) of such payment"}
        amount: 100                  # with a rate: the greater of the two
      interest:
        rate: {value: 0.18, cite: "eighteen percent (18%) per annum"}
        day_count: {value: actual/365, assumed: "the lease names no day count"}
      waiver:
        months: {value: 12, cite: "once in any twelve (12) month period"}   # none: the first ever
        paid_within: {value: 30, cite: "fully paid within thirty (30) days after the due date"}
        interest_too: {value: true, cite: "no such default interest or late charge"}

Payments are read from facts/payments.csv (`date,agreement,pays,amount`; `pays` is the id of
the obligation paid, as `pactum check` and the calendar show it: `rent-2024-06`).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from pactum.business_days import Roll
from pactum.clauses.api import STRICT
from pactum.day_count import DayCount
from pactum.terms.values import Days, Money, NonNegative, Rate, Term


class AccruesFrom(StrEnum):
    due = "due"  # "from the date due until the date paid"
    grace_end = "grace_end"  # from the day after the grace period


class Grace(BaseModel):
    model_config = STRICT
    days: Term[int] = Field(description="days after the due date the payment may still be made")
    business_days: Term[bool] = Term[bool](value=False)
    roll: Term[Roll] = Field(
        Term[Roll](value=Roll.none), description="a last day of grace on a non-business day"
    )


class Charge(BaseModel):
    """A percentage of the amount overdue, a fixed amount, or the greater of the two."""

    model_config = STRICT
    rate: Term[Rate] | None = None
    amount: Term[Money] | None = None


class Interest(BaseModel):
    model_config = STRICT
    rate: Term[NonNegative] = Field(description="per annum")
    day_count: Term[DayCount]
    accrues_from: Term[AccruesFrom] = Term[AccruesFrom](value=AccruesFrom.due)


class Waiver(BaseModel):
    """No charge on a late payment when no other payment was late in the `months` before its
    due date (no `months`: the first late payment of all), paid within `paid_within` days."""

    model_config = STRICT
    months: Term[int] | None = None
    paid_within: Term[Days] | None = None
    interest_too: Term[bool] = Term[bool](value=False)


class LateChargesTerms(BaseModel):
    """The terms of a `late_charges` clause."""

    model_config = STRICT
    charged_on: list[str] = Field(
        description="ids of the clauses whose obligations with an amount are charged if late"
    )
    grace: Grace | None = None
    charge: Charge | None = None
    interest: Interest | None = None
    waiver: Waiver | None = None
