"""The terms of a `security_deposit` clause: a cash deposit or a letter of credit, its amount,
its reduction schedule and the condition on each reduction, and its return after the term.

    - id: security
      type: security_deposit
      form: {value: letter_of_credit, cite: "shall be in the form of a Letter of Credit"}
      amount: {value: 1200000, cite: "One Million Two Hundred Thousand and No/100 Dollars ($1,200,000)"}
      given: {value: 2020-03-05, assumed: "delivered on the Execution Date"}
      anniversaries:
        of: commencement                     # a named date of the sheet, or a date, or a rule
        from_day_after: {value: true, cite: "from the day after the fourth (4th) anniversary"}
      reductions:
        - {anniversary: 4, to: {value: 960000, cite: "($960,000)"}}
        - {date: 2027-01-01, by: 100000}     # a date, and an amount off
      reduced_by:                            # whose act each reduction is, and within how long
        party: {value: landlord, cite: "Landlord shall accept an amendment to or replacement"}
        act: accept an amendment to or replacement of the letter of credit
        within: {value: 10, cite: "within ten (10) business days after the applicable date"}
        business_days: true
      condition:
        cite: "Unless an Event of Default has occurred and is then continuing"
        while_default: {value: suspended, assumed: "taken on the cure"}   # or lost
      returned:
        after: expiration                    # the term's end: a named date, a date or a rule
        days: {value: 30, cite: "within thirty (30) days after the expiration"}
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from pactum.business_days import Roll
from pactum.clauses.api import STRICT
from pactum.terms.named_dates import DateTerm
from pactum.terms.values import Money, Reference, Term


class Form(StrEnum):
    cash = "cash"
    letter_of_credit = "letter_of_credit"

    @property
    def words(self) -> str:
        return "letter of credit" if self is Form.letter_of_credit else "security deposit"


class Party(StrEnum):
    landlord = "landlord"
    tenant = "tenant"


class WhileDefault(StrEnum):
    """What a reduction falling due while a default is open becomes."""

    suspended = "suspended"  # taken on the cure
    lost = "lost"  # not taken at all


class Anniversaries(BaseModel):
    """The date whose anniversaries reductions fall on (the commencement date)."""

    model_config = STRICT
    of: DateTerm
    from_day_after: Term[bool] = Field(
        Term[bool](value=False),
        description="the reduced amount holds from the day after the anniversary",
    )


class Reduction(BaseModel):
    """One step of the schedule: on an anniversary or a date, to an amount or by an amount."""

    model_config = STRICT
    anniversary: Term[int] | None = Field(None, description="the N-th anniversary (1 or more)")
    date: DateTerm | None = Field(None, description="a date, instead of an anniversary")
    to: Term[Money] | None = Field(None, description="the amount held from then on")
    by: Term[Money] | None = Field(None, description="the amount taken off what is held")


class Act(BaseModel):
    """Whose act makes each reduction (an amended letter of credit accepted, cash repaid)."""

    model_config = STRICT
    party: Term[Party]
    act: str = Field(description="what that party does, in a few words")
    within: Term[int] = Field(
        Term[int](value=0), description="days after the reduction's date it is due (0: that day)"
    )
    business_days: Term[bool] = Term[bool](value=False)


class Condition(Reference):
    """A condition on every reduction ("provided no Event of Default then exists"): a
    reduction falling due while a `default` event is open, not yet followed by a `cure`, is
    suspended until the cure or lost."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    while_default: Term[WhileDefault]
    default_event: str = Field("default", description="the event that opens a default")
    cure_event: str = Field("cure", description="the event that cures it")


class Return(BaseModel):
    """The deposit's return: so many days after the term ends."""

    model_config = STRICT
    after: DateTerm = Field(description="the term's end: a named date, a date or a rule")
    days: Term[int]
    roll: Term[Roll] = Term[Roll](value=Roll.none)
    party: Term[Party] = Term[Party](value=Party.landlord)


class SecurityDepositTerms(BaseModel):
    """The terms of a `security_deposit` clause."""

    model_config = STRICT
    title: str = Field("Security deposit", description="how findings name the deposit")
    form: Term[Form]
    amount: Term[Money] = Field(description="the amount given")
    given: DateTerm = Field(description="the date the deposit is given")
    anniversaries: Anniversaries | None = None
    reductions: list[Reduction] = Field(default_factory=list)
    reduced_by: Act | None = None
    condition: Condition | None = None
    returned: Return | None = None


class DepositEvent(BaseModel):
    """A default or a cure, as the deposit reads it: its date (other fields are the readers'
    of the same event, the lease's)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    note: str = ""
