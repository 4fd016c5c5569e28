"""The terms of an `options` clause: rights a party may exercise within a notice window, with
their conditions, what exercising brings (and what follows a lapse), and the lead times of
their critical-date alerts.

    - id: options
      type: options
      options:
        - id: first_renewal
          kind: renewal
          title: First renewal option (five years)
          window:
            opens: {before: expiration, months: {value: 15, cite: "not earlier than fifteen (15) months"}}
            closes: {before: expiration, months: {value: 12, cite: "not later than twelve (12) months"}}
          conditions:
            - cite: "provided that no Event of Default then exists"
          brings: {cite: "for a period of five (5) years", note: "a new five-year term"}
          alert_days: {value: [180, 90, 30], assumed: "the tenant's practice"}

An option is exercised by an `option_exercised` event naming it, or by the event its
`exercised_by` names, with conditions on the event's fields (an amendment for all of a space):

          exercised_by: {event: expansion_amendment, where: {space: expansion, all_of_space: true}}

Its `outcomes` are amounts it decides (an allowance, a new rent, a purchase price): the amount
if exercised, and after a lapse (or waiver) the amount the first recorded event of `after_lapse`
gives; undetermined until one is recorded:

          outcomes:
            - id: ti_allowance
              title: TI allowance
              if_exercised:
                amount: {value: 90000, cite: "the $90,000 TI Allowance"}
              after_lapse:
                - id: leased_to_tenant
                  by: {event: expansion_leased_to_tenant, where: {space: expansion}}
                  amount: {value: 0, cite: '"zero dollars ($0.00)."'}
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field, field_validator, model_validator

from pactum.business_days import Roll
from pactum.clauses.api import STRICT, require_unique_ids
from pactum.terms.named_dates import DATE_NAME, DateRule
from pactum.terms.values import Located, Money, Reference, Term


class OptionKind(StrEnum):
    renewal = "renewal"
    extension = "extension"
    termination = "termination"
    expansion = "expansion"
    purchase = "purchase"
    first_offer = "first_offer"
    first_refusal = "first_refusal"
    other = "other"


# what an event's field is compared with: YAML gives numbers as Decimal, `true` as a bool
FieldValue = bool | Decimal | date | str


class EventCondition(Located):
    """An event of a name, recorded with the given values of its fields (`where`); the event
    is read by this clause (`option_exercised`) or by another clause of the agreement (a
    lease's `expansion_amendment`), whose model says what fields it has."""

    model_config = STRICT
    event: str = Field(pattern=DATE_NAME)
    where: dict[str, FieldValue] = Field(
        default_factory=dict, description="the event's fields and the values they must have"
    )

    def described(self) -> str:
        """'expansion_amendment (space: expansion, all_of_space: true)'."""
        if not self.where:
            return self.event
        shown = ", ".join(f"{k}: {_written(v)}" for k, v in self.where.items())
        return f"{self.event} ({shown})"

    def matches(self, name: str, fields: BaseModel) -> bool:
        """Whether an event of `name`, with its fields as its reader's model holds them, is
        one of these (a field the event leaves out takes the model's default)."""
        return name == self.event and all(
            getattr(fields, key, None) == value for key, value in self.where.items()
        )


def _written(value: FieldValue) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


class Window(Located):
    """When the option may be exercised: from `opens` (any time before, if unset) through
    `closes`, both included. `triggered_by` (an event with its fields) makes it a right that
    arises from time to time: the latest such event recorded on or before the as-of date is
    the one `opens` and `closes` read when they name its event (the offer of this space, not
    of another; the second offer after the first lapsed)."""

    model_config = STRICT
    opens: DateRule | None = None
    closes: DateRule
    triggered_by: EventCondition | None = None


# one event condition, or any of several (`by: [{event: a}, {event: b}]`)
EventConditions = EventCondition | list[EventCondition]


def each_condition(
    conditions: EventConditions | None,
) -> list[tuple[tuple[int, ...], EventCondition]]:
    """The conditions, each with its place under the term (an index when written as a list)."""
    if conditions is None:
        return []
    if isinstance(conditions, EventCondition):
        return [((), conditions)]
    return [((i,), c) for i, c in enumerate(conditions)]


class Exercised(Located):
    """What an outcome is once the option is exercised: its amount, and the provision that
    gives it."""

    model_config = STRICT
    amount: Term[Money] = Field(description="an allowance, a new rent, a purchase price")
    provision: Reference | None = None


class AfterLapse(Located):
    """An event that, once the option has lapsed or been waived, decides an outcome: the
    first recorded (on any date up to the as-of date) of those listed decides it."""

    model_config = STRICT
    id: str = Field(pattern=DATE_NAME, description="the outcome's status once decided by it")
    title: str = Field("", description="what happened, for people (`id` if unset)")
    by: EventConditions
    amount: Term[Money] | None = Field(
        None, description="the amount it gives; unset: the amount if exercised"
    )
    provision: Reference | None = None

    @property
    def described(self) -> str:
        return self.title or self.id.replace("_", " ")


class Outcome(Located):
    """An amount the option decides: what exercising brings and what follows a lapse."""

    model_config = STRICT
    id: str = Field(pattern=DATE_NAME, description="its figure: option-<option id>-<id>")
    title: str
    if_exercised: Exercised
    after_lapse: list[AfterLapse] = Field(default_factory=list)

    def amount_after(self, decided: AfterLapse) -> Term[Decimal]:
        return decided.amount if decided.amount is not None else self.if_exercised.amount


class OptionTerms(Located):
    model_config = STRICT
    id: str = Field(pattern=DATE_NAME)
    kind: OptionKind
    title: str
    window: Window
    roll: Term[Roll] = Field(
        Term[Roll](value=Roll.none), description="a window closing on a non-business day"
    )
    conditions: list[Reference] = Field(default_factory=list)
    brings: Reference | None = Field(None, description="what exercising gives: a term, a rent")
    exercised_by: EventConditions | None = Field(
        None,
        description="an event that exercises the option when recorded within the window, "
        "besides `option_exercised`",
    )
    outcomes: list[Outcome] = Field(default_factory=list)
    alert_days: Term[list[int]] = Field(
        Term[list[int]](value=[180, 90, 30]),
        description="critical-date alerts, in days before the window closes",
    )
    lead_dates_in_calendar: Term[bool] = Field(
        Term[bool](value=True),
        description="each alert date also a calendar entry of its own (the window's opening "
        "and last day always are)",
    )

    @model_validator(mode="after")
    def _unique_outcomes(self) -> OptionTerms:
        ids = [o.id for o in self.outcomes]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"a second outcome with id {twice[0]!r}")
        return self

    def events_read(self) -> list[tuple[tuple[str | int, ...], EventCondition]]:
        """Every event condition of the option, with its path within the option."""
        found: list[tuple[tuple[str | int, ...], EventCondition]] = [
            (("exercised_by", *at), c) for at, c in each_condition(self.exercised_by)
        ]
        if self.window.triggered_by is not None:
            found.append((("window", "triggered_by"), self.window.triggered_by))
        for i, outcome in enumerate(self.outcomes):
            for j, decided in enumerate(outcome.after_lapse):
                found += [
                    (("outcomes", i, "after_lapse", j, "by", *at), c)
                    for at, c in each_condition(decided.by)
                ]
        return found

    @field_validator("alert_days")
    @classmethod
    def _positive_leads(cls, term: Term[list[int]]) -> Term[list[int]]:
        if any(days < 0 or days > 3660 for days in term.value):
            raise ValueError("lead times in days from 0 to 3660")
        return term


class OptionsTerms(Located):
    """The terms of an `options` clause."""

    model_config = STRICT
    options: list[OptionTerms] = Field(min_length=1)

    @field_validator("options")
    @classmethod
    def _unique_ids(cls, options: list[OptionTerms]) -> list[OptionTerms]:
        require_unique_ids(options, "option")
        return options


class OptionEvent(BaseModel):
    """`option_exercised` or `option_waived` in events.yaml: the option, by its id."""

    model_config = STRICT
    option: str
    note: str = ""


EVENTS: dict[str, type[BaseModel]] = {
    "option_exercised": OptionEvent,
    "option_waived": OptionEvent,
}
