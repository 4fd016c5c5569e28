"""A notice clause in a term sheet: its methods with their deemed-given rules, and the
recipients with their copies; and the `notice` event every kind accepts.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pactum.terms.values import Term
from pactum.terms.written_forms import squash

_STRICT = ConfigDict(extra="forbid", frozen=True)


class DeemedRule(StrEnum):
    """When a notice counts as given. Each name is in the clause's own words, or in the words
    `RULE_WORDS` gives it, so that a cited rule is checked against its quote."""

    delivery = "delivery"  # at the time of delivery (by hand)
    business_days = "business_days"  # so many business days after sending (mail: deposit)
    answered_back = "answered_back"  # when the recipient's machine answers back (telex)
    acknowledged = "acknowledged"  # when receipt is acknowledged (fax)
    next_business_day = "next_business_day"  # the business day after sending (courier)

    @property
    def needs_acknowledgement(self) -> bool:
        return self in (DeemedRule.answered_back, DeemedRule.acknowledged)


# How notice clauses write each rule besides its own name ("at the time of delivery by hand, if
# personally delivered"; "if hand-delivered ... when delivered"; "on the next Business Day
# after deposit"): `pactum verify` accepts any of these words in a cited rule's quote.
RULE_WORDS: dict[str, tuple[str, ...]] = {
    DeemedRule.delivery: (
        "delivered",
        "by hand",
        "hand-delivered",
        "hand delivery",
        "personal delivery",
        "in person",
    ),
    DeemedRule.answered_back: ("answerback", "answer back"),
    DeemedRule.acknowledged: ("acknowledgment", "acknowledgement", "receipt is confirmed"),
    DeemedRule.next_business_day: ("following business day",),
}


class NoticeMethod(BaseModel):
    """A way of giving notice the agreement allows, and when it counts as given."""

    model_config = _STRICT
    title: str
    deemed_given: Term[DeemedRule]
    business_days: Term[int] | None = Field(None, description="for the business_days rule")

    @model_validator(mode="after")
    def _days_for_the_days_rule(self) -> NoticeMethod:
        if (self.deemed_given.value is DeemedRule.business_days) != (
            self.business_days is not None
        ):
            raise ValueError("business_days is given exactly when deemed_given is business_days")
        if self.business_days is not None and self.business_days.value < 0:
            raise ValueError("business_days is a number of days, 0 or more")
        return self

    def rule_text(self) -> str:
        rule = self.deemed_given.value
        if rule is DeemedRule.business_days:
            assert self.business_days is not None
            return f"{self.business_days.value} business days after sending"
        return {
            DeemedRule.delivery: "at the time of delivery",
            DeemedRule.answered_back: "when answered back",
            DeemedRule.acknowledged: "when receipt is acknowledged",
            DeemedRule.next_business_day: "on the next business day after sending",
        }[rule]


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

    def recipient_ids(self) -> list[str]:
        return [r.id for r in self.recipients]


class NoticeEvent(BaseModel):
    """`event: notice` in events.yaml, accepted for every kind."""

    model_config = _STRICT
    method: str
    sent: datetime | None = Field(None, description="the time of sending, on the event's date")
    acknowledged: datetime | date | None = None
    to: str | None = Field(None, description="a recipient id of the clause; all if unset")
    note: str = ""


COMMON_EVENTS: dict[str, type[BaseModel]] = {"notice": NoticeEvent}
