"""The terms of an `options` clause: rights a party may exercise within a notice window, with
their conditions, what exercising brings, and the lead times of their critical-date alerts.

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
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field, field_validator

from pactum.business_days import Roll
from pactum.clauses.api import STRICT
from pactum.terms.named_dates import DATE_NAME, DateRule
from pactum.terms.values import Located, Reference, Term


class OptionKind(StrEnum):
    renewal = "renewal"
    extension = "extension"
    termination = "termination"
    expansion = "expansion"
    purchase = "purchase"
    first_offer = "first_offer"
    first_refusal = "first_refusal"
    other = "other"


class Window(Located):
    """When the option may be exercised: from `opens` (any time before, if unset) through
    `closes`, both included."""

    model_config = STRICT
    opens: DateRule | None = None
    closes: DateRule


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
    alert_days: Term[list[int]] = Field(
        Term[list[int]](value=[180, 90, 30]),
        description="critical-date alerts, in days before the window closes",
    )

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
        ids = [o.id for o in options]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"a second option with id {twice[0]!r}")
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
