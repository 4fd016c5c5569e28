"""The terms of a `deadlines` clause: what must be done, within how many calendar or business
days of what, while what holds, and whether a deadline on a non-business day rolls.

    - id: reporting
      type: deadlines
      deadlines:
        - id: borrowing_base_certificate
          title: Monthly borrowing base certificate
          after: {every: month_end}
          within: {business_days: {value: 15, cite: "within fifteen (15) Business Days"}}
          only_while: {value: advances_outstanding, cite: "so long as any Advance is outstanding"}
        - id: cure
          title: Cure a payment default
          after: {notice: default}
          within: {business_days: {value: 5, cite: "five (5) Business Days after notice"}}
        - id: form_8k
          title: Form 8-K on the amendment
          after: {date: amendment_effective}
          within: {business_days: 4}
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from pactum.business_days import Roll
from pactum.clauses.api import STRICT, require_unique_ids
from pactum.dates import Recurrence, Weekday
from pactum.fees.schema import Comparator
from pactum.findings import ObligationCategory
from pactum.terms.named_dates import DATE_NAME, DatePeriod, DateRule
from pactum.terms.values import Days, Located, Term


class Condition(StrEnum):
    """A state computed from the facts on the trigger's date."""

    advances_outstanding = "advances_outstanding"  # loans.csv: revolver_outstanding > 0


class EventState(Located):
    """A state events set: from each recorded `after` event until the next `until` event
    ("if the refinancing is not consummated ... thereafter"; "while a Default continues")."""

    model_config = STRICT
    after: str = Field(pattern=DATE_NAME)
    until: str | None = Field(None, pattern=DATE_NAME)


FIGURE_NAME = r"^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$"


class FigureState(Located):
    """A computed figure compared with a level on the trigger's date ("weekly ... while Excess
    Availability is less than $5,000,000"; "while availability is below 20% of the
    commitment"): the figure is an earlier clause's (`<clause id>.<figure>`), read as that
    clause finds it on the day."""

    model_config = STRICT
    figure: str = Field(pattern=FIGURE_NAME)
    comparator: Term[Comparator]
    level: Term[Decimal]
    of: str | None = Field(
        None,
        description="an amount of the sheet's terms (facility.commitment): the level is this "
        "share of it",
    )


class Trigger(Located):
    """What a deadline runs from: each period end, each week's given day, one date, each
    recorded event of a name, or each notice of a subject once it is deemed given."""

    model_config = STRICT
    every: Term[Recurrence] | None = None
    except_fiscal_year_end: Term[bool] | None = Field(
        None,
        description='with `every: quarter_end`, not the quarter that ends the fiscal year ("each '
        'of the first three fiscal quarters")',
    )
    weekly: Term[Weekday] | None = Field(
        None,
        description="each week on this weekday (with `roll: following`, the first "
        "business day of each week)",
    )
    date: DateRule | None = None  # not `on`, which YAML reads as true
    event: str | None = Field(None, pattern=DATE_NAME)
    notice: str | None = Field(None, description="the `about` of the notice events")

    @model_validator(mode="after")
    def _one(self) -> Trigger:
        if self.except_fiscal_year_end is not None and self.every is None:
            raise ValueError("except_fiscal_year_end with `every: quarter_end`")
        if len(self.model_fields_set - {"except_fiscal_year_end"}) != 1:
            raise ValueError("one of every, weekly, date, event, notice")
        return self


class Within(Located):
    """How long after the trigger: a number of calendar days or of business days."""

    model_config = STRICT
    days: Term[Days] | None = None
    business_days: Term[Days] | None = None

    @model_validator(mode="after")
    def _one(self) -> Within:
        if (self.days is None) == (self.business_days is None):
            raise ValueError("either `days: N` or `business_days: N`")
        count = self.days or self.business_days
        if count is not None and not 0 <= count.value <= 3660:
            raise ValueError(f"a number of days from 0 to 3660, not {count.value}")
        return self

    @property
    def count(self) -> Term[int]:
        count = self.days or self.business_days
        assert count is not None
        return count


class Deadline(Located):
    model_config = STRICT
    id: str = Field(pattern=DATE_NAME)
    title: str
    after: Trigger
    within: Within | None = Field(None, description="due on the trigger's day if unset")
    roll: Term[Roll] = Term[Roll](value=Roll.none)
    only_while: Term[Condition] | None = None
    while_event: EventState | None = Field(
        None, description="required only on triggers while the events' state holds"
    )
    while_figure: FigureState | None = Field(
        None, description="required only on triggers while a computed figure compares so"
    )
    during: DatePeriod | None = Field(
        None, description="a recurring deadline's period ends fall within this period"
    )
    category: ObligationCategory = ObligationCategory.deadline
    met_by: str | None = Field(
        None,
        pattern=DATE_NAME,
        description="an event (events.yaml) that meets the deadline when recorded from its "
        "trigger to its due day, both included (a cure of the breach noticed)",
    )
    if_missed: str | None = Field(
        None,
        pattern=DATE_NAME,
        description="an event the clause emits the day after the due day when no `met_by` "
        'event met it ("uncured after ten (10) calendar days of notice"): the sheet\'s '
        "dates and later clauses read it as a recorded event",
    )

    @model_validator(mode="after")
    def _missed_needs_a_way_to_meet(self) -> Deadline:
        if self.if_missed is None:
            return self
        if self.met_by is None:
            raise ValueError("`if_missed` with `met_by`: the event that meets the deadline")
        if self.after.notice is None and self.after.event is None:
            raise ValueError("`if_missed` on a deadline `after: {notice}` or `after: {event}`")
        return self


class DeadlinesTerms(Located):
    """The terms of a `deadlines` clause."""

    model_config = STRICT
    deadlines: list[Deadline] = Field(min_length=1)

    @field_validator("deadlines")
    @classmethod
    def _unique_ids(cls, deadlines: list[Deadline]) -> list[Deadline]:
        require_unique_ids(deadlines, "deadline")
        return deadlines
