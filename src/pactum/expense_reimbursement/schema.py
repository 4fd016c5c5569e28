"""The terms of an `expense_reimbursement` clause: documented expenses reimbursed up to a total
limit, each request paid within N calendar or business days of its documentation, and all of
it by a final date if the agreement sets one.

    - id: expenses
      type: expense_reimbursement
      title: Reimbursement of the MG Capital Parties' expenses
      limit: {value: 650000, cite: "in an aggregate amount not exceeding $650,000"}
      initial:                      # an amount the agreement itself fixes (optional)
        amount: {value: 352290.25, cite: "in an amount equal to $352,290.25"}
        requested: signed           # a date, a named date or a rule: its documentation
      pay_within: {business_days: {value: 5, cite: "Within five (5) business days following receipt"}}
      paid_by: annual_meeting_2020  # optional: everything within the limit by this date

Requests and payments are events of the agreement (`expenses_requested`, `expenses_paid`,
each with an `amount`), so that a credit agreement's lender expenses or a merger's are written
the same way.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from pactum.business_days import Roll
from pactum.clauses.api import STRICT
from pactum.deadlines.schema import Within
from pactum.terms.named_dates import DateRule
from pactum.terms.values import Located, Money, Term


class InitialRequest(Located):
    """An amount the agreement fixes ("the Initial Reimbursement"), taken as requested on a
    date (its documentation received)."""

    model_config = STRICT
    amount: Term[Money]
    requested: DateRule = Field(description="when its documentation counts as received")


class ExpenseReimbursementTerms(Located):
    """The terms of an `expense_reimbursement` clause."""

    model_config = STRICT
    title: str = "Expense reimbursement"
    limit: Term[Money] = Field(description="the total reimbursed at most, every request included")
    initial: InitialRequest | None = None
    pay_within: Within = Field(description="after each request: `days: N` or `business_days: N`")
    paid_by: DateRule | None = Field(
        None, description="every reimbursement within the limit is due by this date at the latest"
    )
    roll: Term[Roll] = Term[Roll](value=Roll.none)


# ---- events this clause type reads (events.yaml) ----


class ExpensesRequestedEvent(BaseModel):
    """Documentation of expenses received by the payer: a request for reimbursement."""

    model_config = STRICT
    amount: Money = Field(gt=0)
    note: str = ""


class ExpensesPaidEvent(BaseModel):
    """A reimbursement paid."""

    model_config = STRICT
    amount: Money = Field(gt=0)
    note: str = ""


EVENTS: dict[str, type[BaseModel]] = {
    "expenses_requested": ExpensesRequestedEvent,
    "expenses_paid": ExpensesPaidEvent,
}
