"""A notice clause in a term sheet: its methods with their deemed-given rules, and the
recipients with their copies; and the `notice` event every kind accepts.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from pactum.findings import SourceRef
from pactum.terms.time_of_day import TimeOfDay
from pactum.terms.values import Days, Located, Term
from pactum.terms.written_forms import squash

_STRICT = ConfigDict(extra="forbid", frozen=True)


class DeemedRule(StrEnum):
    """When a notice counts as given. Each name is in the clause's own words, so that a cited
    rule is checked against its quote (`pactum.notices.rule_words.RULE_WORDS`)."""

    delivery = "delivery"  # at the time of delivery (by hand)
    business_days = "business_days"  # so many business days after sending (mail: deposit)
    answered_back = "answered_back"  # when the recipient's machine answers back (telex)
    acknowledged = "acknowledged"  # when receipt is acknowledged (fax)
    next_business_day = "next_business_day"  # the business day after sending (courier)
    receipt = "receipt"  # on actual receipt, whatever the day or hour
    # on actual receipt during the clause's business hours; after hours, at the next opening
    receipt_in_business_hours = "receipt_in_business_hours"
    email_acknowledged = "email_acknowledged"  # when the recipient acknowledges the e-mail

    @property
    def needs_acknowledgement(self) -> bool:
        return self in (
            DeemedRule.answered_back,
            DeemedRule.acknowledged,
            DeemedRule.email_acknowledged,
        )

    @property
    def reads_receipt(self) -> bool:
        """Given on the recorded time of actual receipt (the event's `received`)."""
        return self in (DeemedRule.receipt, DeemedRule.receipt_in_business_hours)

    @property
    def needs_business_hours(self) -> bool:
        return self is DeemedRule.receipt_in_business_hours


_RULE_TEXT = {
    DeemedRule.delivery: "at the time of delivery",
    DeemedRule.answered_back: "when answered back",
    DeemedRule.acknowledged: "when receipt is acknowledged",
    DeemedRule.next_business_day: "on the next business day after sending",
    DeemedRule.receipt: "on actual receipt",
    DeemedRule.receipt_in_business_hours: "on actual receipt during business hours",
    DeemedRule.email_acknowledged: "when the recipient acknowledges the e-mail",
}


class BeforeOpening(StrEnum):
    """When a receipt on a business day before opening counts. Contracts differ: "during
    business hours" waits for the opening; a cut-off alone ("after 5:00 p.m.") does not."""

    at_opening = "at_opening"  # from the opening that day
    when_received = "when_received"  # when received: only a receipt at or after closing waits


class BusinessHours(BaseModel):
    """The recipient's business hours, for the rules that count receipt within them. `opens`
    and `closes` are local times in `time_zone` (an IANA name, e.g. America/New_York); a
    receipt at or after closing, or on a day that is not a business day, counts from the
    opening of the next business day."""

    model_config = _STRICT
    opens: Term[TimeOfDay]
    closes: Term[TimeOfDay]
    time_zone: Term[str] = Field(description="an IANA time zone name, e.g. America/New_York")
    before_opening: Term[BeforeOpening] = Field(
        default_factory=lambda: Term[BeforeOpening](value=BeforeOpening.at_opening),
        description="a receipt before opening on a business day: at_opening or when_received",
    )


class EarliestOf(Located):
    """`deemed_given: {earliest_of: [receipt, business_days]}`: given at the earliest of
    several rules (each cited or assumed; `cite` may quote the whole phrase)."""

    earliest_of: list[Term[DeemedRule]] = Field(min_length=2)
    cite: str | None = None

    def source_ref(self) -> SourceRef | None:
        return self._ref(self.cite, None)


def _deemed_form(written: Any) -> str:
    """Which form `deemed_given` is written in: a mapping with `earliest_of`, or one rule."""
    if isinstance(written, dict) and "earliest_of" in written:
        return "EarliestOf[rules]"
    return "Term[DeemedRule]"


# One rule, or the earliest of several. The tags are in brackets, as Pydantic names union
# branches, so that a problem's field is the path in the sheet (pactum.errors drops them)
DeemedGiven = Annotated[
    Annotated[Term[DeemedRule], Tag("Term[DeemedRule]")]
    | Annotated[EarliestOf, Tag("EarliestOf[rules]")],
    Discriminator(_deemed_form),
]


def _text_of(rule: DeemedRule, business_days: int | None) -> str:
    if rule is DeemedRule.business_days:
        return f"{business_days} business days after sending"
    return _RULE_TEXT[rule]


class NoticeMethod(BaseModel):
    """A way of giving notice the agreement allows, and when it counts as given."""

    model_config = _STRICT
    title: str
    deemed_given: DeemedGiven
    business_days: Term[Days] | None = Field(None, description="for the business_days rule")

    @model_validator(mode="after")
    def _days_for_the_days_rule(self) -> NoticeMethod:
        if (DeemedRule.business_days in self.rules()) != (self.business_days is not None):
            raise ValueError(
                "business_days is given exactly when a deemed_given rule is business_days"
            )
        if self.business_days is not None and self.business_days.value < 0:
            raise ValueError("business_days is a number of days, 0 or more")
        return self

    def rule_terms(self) -> tuple[Term[DeemedRule], ...]:
        """The rule, or each of the rules whose earliest counts."""
        given = self.deemed_given
        return tuple(given.earliest_of) if isinstance(given, EarliestOf) else (given,)

    def rules(self) -> tuple[DeemedRule, ...]:
        return tuple(term.value for term in self.rule_terms())

    @property
    def waits_for_acknowledgement(self) -> bool:
        """Given only once acknowledged: every rule waits for the acknowledgement."""
        return all(rule.needs_acknowledgement for rule in self.rules())

    @property
    def waits_for_receipt(self) -> bool:
        """Given only on actual receipt: every rule reads the time of receipt."""
        return all(rule.reads_receipt for rule in self.rules())

    def part_text(self, rule: DeemedRule) -> str:
        return _text_of(rule, self.business_days.value if self.business_days else None)

    def rule_text(self) -> str:
        parts = [self.part_text(rule) for rule in self.rules()]
        if len(parts) == 1:
            return parts[0]
        which = "earlier" if len(parts) == 2 else "earliest"
        return f"at the {which} of " + ", ".join(parts[:-1]) + f" and {parts[-1]}"


class Addressee(BaseModel):
    """A name and address block; `cite` is the block as the document writes it, and each part
    written here must occur in it (ignoring spaces and case)."""

    model_config = _STRICT
    name: str
    lines: list[str] = Field(default_factory=list, description="the address, line by line")
    attention: str | None = None
    telephone: str | None = None
    facsimile: str | None = None
    cite: str | None = None

    def parts(self) -> list[str]:
        return [
            part
            for part in (self.name, *self.lines, self.attention, self.telephone, self.facsimile)
            if part
        ]

    @model_validator(mode="after")
    def _parts_in_cite(self) -> Addressee:
        if self.cite is not None:
            block = squash(self.cite)
            for part in self.parts():
                if squash(part) not in block:
                    raise ValueError(f"{part!r} is not in the cited block")
        return self

    def one_line(self) -> str:
        extras = [
            f"{label}: {text}"
            for label, text in (
                ("Attention", self.attention),
                ("Facsimile", self.facsimile),
                ("Telephone", self.telephone),
            )
            if text
        ]
        return ", ".join([self.name, *self.lines, *extras])


class Recipient(Addressee):
    """A party notices go to (`party`, e.g. the Company), its address and its copies."""

    id: str
    party: str
    copies: list[Addressee] = Field(default_factory=list)


class NoticeClause(BaseModel):
    """The agreement's notice clause."""

    model_config = _STRICT
    cite: str | None = Field(None, description="the clause's list of permitted methods")
    methods: dict[str, NoticeMethod]
    recipients: list[Recipient] = Field(default_factory=list)
    business_hours: BusinessHours | None = Field(
        None, description="the recipients' business hours, for receipt_in_business_hours"
    )

    def recipient_ids(self) -> list[str]:
        return [r.id for r in self.recipients]


class NoticeEvent(BaseModel):
    """`event: notice` in events.yaml, accepted for every kind."""

    model_config = _STRICT
    method: str
    sent: datetime | None = Field(None, description="the time of sending, on the event's date")
    received: datetime | date | None = Field(
        None, description="the time of actual receipt, for the receipt rules"
    )
    acknowledged: datetime | date | None = None
    to: str | None = Field(None, description="a recipient id of the clause; all if unset")
    about: str = Field(
        "", description="what the notice is of (e.g. default), for deadlines that run from it"
    )
    note: str = ""


COMMON_EVENTS: dict[str, type[BaseModel]] = {"notice": NoticeEvent}
