"""The terms of a `term_loan` clause.

    - id: term_loan
      type: term_loan
      principal: {value: 8500000, cite: "a term loan in the amount of $8,500,000"}
      installment: {value: 141666.67, cite: "Payments of principal in the amount of $141,666.67"}
      every: {value: month, cite: "due and payable monthly in arrears"}
      first_payment: {value: 2012-09-30, cite: "beginning September 30, 2012"}
      maturity: {value: 2015-08-31, cite: "Term Loan Maturity Date means August 31, 2015"}

An installment is the stated `installment`, or `principal / installments` rounded half-up to
the cent (the last taking the remainder). Payments fall every month or quarter from the first,
on the same day of the month (the last day when the first is a month's last), before maturity;
what remains is due at maturity, with that day's installment.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from pactum.business_days import Roll
from pactum.clauses.api import STRICT
from pactum.schedule import Every
from pactum.terms.named_dates import DateTerm
from pactum.terms.values import Located, Money, Periods, Term


class TermLoanTerms(Located):
    model_config = STRICT
    title: str = "Term loan"
    principal: Term[Money]
    installment: Term[Money] | None = Field(None, description="each installment of principal")
    installments: Term[Periods] | None = Field(
        None, description="the number of equal installments that repay the principal"
    )
    every: Term[Every]
    first_payment: DateTerm
    maturity: DateTerm
    roll: Term[Roll] = Term[Roll](value=Roll.none)

    @model_validator(mode="after")
    def _installment_or_count(self) -> TermLoanTerms:
        if self.installment is None and self.installments is None:
            raise ValueError("an `installment` amount or the number of `installments`")
        return self
