"""The terms of a `term_loan` clause.

    - id: term_loan
      type: term_loan
      principal: {value: 8500000, cite: "a term loan in the amount of $8,500,000"}
      installment: {value: 141666.67, cite: "Payments of principal in the amount of $141,666.67"}
      every: {value: month, cite: "due and payable monthly in arrears"}
      first_payment: {value: 2012-09-30, cite: "beginning September 30, 2012"}
      advanced: closing                  # optional: the day the loan is made (a named date)
      maturity: {value: 2015-08-31, cite: "Term Loan Maturity Date means August 31, 2015"}

      prepayments:                       # optional: `term_loan_prepayment` events (date, amount)
        applied: {value: inverse_order_of_maturity, cite: "in the inverse order of their maturity"}

An installment is the stated `installment`, or `principal / installments` rounded half-up to
the cent (the last taking the remainder). Payments fall every month or quarter from the first,
on the same day of the month (the last day when the first is a month's last), before maturity;
what remains is due at maturity, with that day's installment. A prepayment (an event of
`prepayments.event`, with its `amount`) reduces the installments due after its date: the last
first (`inverse_order_of_maturity`, the balloon before any other) or each in proportion to
what it was (`pro_rata`, rounded half-up to the cent, the last remaining taking the remainder).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pactum.business_days import Roll
from pactum.clauses.api import STRICT
from pactum.schedule import Every
from pactum.terms.named_dates import DATE_NAME, DateTerm
from pactum.terms.values import Located, Money, Periods, Term


class Application(StrEnum):
    """Which installments a prepayment reduces, as the agreement says."""

    inverse_order_of_maturity = "inverse_order_of_maturity"
    pro_rata = "pro_rata"


class Prepayments(Located):
    model_config = STRICT
    event: str = Field(
        "term_loan_prepayment", pattern=DATE_NAME, description="the events.yaml name"
    )
    applied: Term[Application]


class PrepaymentEvent(BaseModel):
    """A voluntary or mandatory prepayment of principal: its amount (its date is the event's)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    amount: Money = Field(gt=0)
    kind: str = Field("voluntary", description="voluntary or mandatory (e.g. from a sale)")
    note: str = ""


class TermLoanTerms(Located):
    model_config = STRICT
    title: str = "Term loan"
    principal: Term[Money]
    installment: Term[Money] | None = Field(None, description="each installment of principal")
    installments: Term[Periods] | None = Field(
        None, description="the number of equal installments that repay the principal"
    )
    every: Term[Every]
    advanced: DateTerm | None = Field(
        None,
        description="the day the loan is made (the Closing Date): from it the principal is "
        "outstanding, and an interest clause may read its balances (`balance_from`)",
    )
    first_payment: DateTerm
    maturity: DateTerm
    roll: Term[Roll] = Term[Roll](value=Roll.none)
    prepayments: Prepayments | None = Field(
        None, description="prepayments recorded as events, applied as the agreement says"
    )

    @model_validator(mode="after")
    def _installment_or_count(self) -> TermLoanTerms:
        if self.installment is None and self.installments is None:
            raise ValueError("an `installment` amount or the number of `installments`")
        return self
