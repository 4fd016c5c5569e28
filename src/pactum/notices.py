"""Notices, for every kind: when a notice is deemed given, and to whom it must go.

A term sheet's optional `notices:` clause lists the methods the agreement allows, each with the
rule by which a notice sent that way is deemed given, and the recipients with their copies:

    notices:
      methods:
        mail:
          title: registered first-class mail
          deemed_given: {value: business_days, cite: "five (5) business days after ..."}
          business_days: {value: 5, cite: "five (5) business days after ..."}
      recipients:
        - {id: company, party: the Company, name: Innotrac Corporation, lines: [...], cite: ...}

Business days are the agreement's calendar. A notice is never moved off a weekend or holiday
unless its rule counts business days. The same rules serve `pactum notice` and the `notice`
events of `events.yaml`, whatever the agreement's kind.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pactum.business_days import BusinessCalendar
from pactum.dates import weekday_name
from pactum.errors import Problem, fail, option_problem, shown
from pactum.findings import NoticeFinding, NoticeRecipient, moment_str
from pactum.terms.values import Term, sources
from pactum.terms.written_forms import squash

if TYPE_CHECKING:
    from pactum.facts.events import Event, Events
    from pactum.portfolio import Agreement

_STRICT = ConfigDict(extra="forbid", frozen=True)


class DeemedRule(StrEnum):
    """When a notice counts as given. Each name is in the clause's own words, so that a cited
    rule is checked against its quote."""

    delivery = "delivery"  # at the time of delivery (by hand)
    business_days = "business_days"  # so many business days after sending (mail: deposit)
    answered_back = "answered_back"  # when the recipient's machine answers back (telex)
    acknowledged = "acknowledged"  # when receipt is acknowledged (fax)
    next_business_day = "next_business_day"  # the business day after sending (courier)

    @property
    def needs_acknowledgement(self) -> bool:
        return self in (DeemedRule.answered_back, DeemedRule.acknowledged)


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


# ---- the deemed-given rules ---------------------------------------------------------------


def _day(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _named(d: date) -> str:
    return f"{weekday_name(d)} {d.isoformat()}"


def _days_between(calendar: BusinessCalendar, start: date, end: date) -> list[str]:
    """Why each day after `start` up to `end` counts or not, for the reasoning."""
    counted, skipped = [], []
    d = start + timedelta(days=1)
    while d <= end:
        why = calendar.why_not_business_day(d)
        if why is None:
            counted.append(_named(d))
        else:
            skipped.append(f"{d.isoformat()} ({why})")
        d += timedelta(days=1)
    lines = [f"business days counted ({calendar.spec.label()}): " + ", ".join(counted)]
    if skipped:
        lines.append("not business days: " + ", ".join(skipped))
    return lines


def acknowledgement_before_sending(sent: date, acknowledged: date) -> bool:
    """An acknowledgement earlier than the sending (by time when both have one, else by day)."""
    if isinstance(sent, datetime) and isinstance(acknowledged, datetime):
        return acknowledged < sent
    return _day(acknowledged) < _day(sent)


def give_notice(
    clause: NoticeClause,
    method_id: str,
    sent: date,
    calendar: BusinessCalendar,
    acknowledged: date | None = None,
    to: str | None = None,
) -> NoticeFinding:
    """When a notice sent by `method_id` at `sent` (a date, or a datetime) is deemed given.

    The method must be one of the clause's and `to` one of its recipient ids (callers check).
    A rule that waits for an acknowledgement gives no date while there is none.
    """
    method = clause.methods[method_id]
    rule = method.deemed_given.value
    day = _day(sent)
    reasoning = [
        f"{method.title}: deemed given {method.rule_text()}"
        + (f" ({method.deemed_given.reference()})" if method.deemed_given.reference() else ""),
        f"sent {_named(day)}" + (f" at {sent:%H:%M}" if isinstance(sent, datetime) else ""),
    ]
    deemed: date | None
    at: datetime | None = None
    if rule is DeemedRule.delivery:
        deemed = day
        at = sent if isinstance(sent, datetime) else None
        why = calendar.why_not_business_day(day)
        if why:
            reasoning.append(
                f"{day.isoformat()} is not a business day ({why}): the rule does not wait for one"
            )
    elif rule.needs_acknowledgement:
        if acknowledged is None:
            deemed = None
            reasoning.append("no acknowledgement recorded: not deemed given until there is one")
        else:
            deemed = _day(acknowledged)
            at = acknowledged if isinstance(acknowledged, datetime) else None
            reasoning.append(f"acknowledged {moment_str(acknowledged)}")
    else:
        # counted in the agreement's business days: so many after sending, or the next one
        count = method.business_days.value if method.business_days is not None else 1
        deemed = calendar.add_business_days(day, count)
        reasoning += _days_between(calendar, day, deemed)
    if deemed is not None:
        reasoning.append(
            f"deemed given {_named(deemed)}" + (f" at {at:%H:%M}" if at is not None else "")
        )
    return NoticeFinding(
        method=method_id,
        sent=sent,
        deemed_given=deemed,
        deemed_given_at=at,
        acknowledged=acknowledged,
        reasoning=tuple(reasoning),
        recipients=tuple(
            NoticeRecipient(r.party, r.one_line(), tuple(c.one_line() for c in r.copies))
            for r in clause.recipients
            if to is None or r.id == to
        ),
        sources=sources(method.deemed_given, method.business_days),
    )


# ---- notice events, for every kind --------------------------------------------------------


def notice_event_problem(
    event: Event, data: NoticeEvent, clause: NoticeClause | None
) -> Problem | None:
    """What is wrong with a `notice` event against its agreement's clause, if anything."""

    def problem(field: str, found: str, expected: str) -> Problem:
        return Problem(event.file, event.line_of(field), field, found, expected)

    if clause is None:
        return problem("event", "'notice'", "an agreement whose term sheet has a notices clause")
    if data.method not in clause.methods:
        return problem(
            "method",
            shown(data.method),
            "one of the clause's methods: " + ", ".join(clause.methods),
        )
    if data.to is not None and data.to not in clause.recipient_ids():
        return problem(
            "to",
            shown(data.to),
            "one of the clause's recipients: " + ", ".join(clause.recipient_ids()),
        )
    if data.sent is not None and data.sent.date() != event.date:
        return problem("sent", moment_str(data.sent), f"a time on the event's date {event.date}")
    sent = data.sent or event.date
    if data.acknowledged is not None and acknowledgement_before_sending(sent, data.acknowledged):
        return problem(
            "acknowledged",
            moment_str(data.acknowledged),
            f"a time at or after the sending ({moment_str(sent)})",
        )
    return None


def notice_findings(agreement: Agreement, events: Events, as_of: date) -> tuple[NoticeFinding, ...]:
    """The agreement's notices sent on or before `as_of`, each with when it is deemed given."""
    clause = agreement.sheet.notices
    if clause is None:
        return ()
    found = []
    for event in events.of(agreement.id, "notice"):
        if event.date > as_of:
            continue
        data: NoticeEvent = event.data
        given = give_notice(
            clause,
            data.method,
            data.sent or event.date,
            agreement.calendar(),
            data.acknowledged,
            data.to,
        )
        if given.deemed_given is None:
            status = "awaiting acknowledgement"
        else:
            status = "given" if given.deemed_given <= as_of else "not yet given"
        note = f"{event.where()}" + (f": {data.note}" if data.note else "")
        found.append(replace(given, status=status, note=note))
    return tuple(found)


# ---- `pactum notice`: the same rules from command-line options ----------------------------


def parse_moment(option: str, text: str) -> date:
    """`YYYY-MM-DD`, or a time `YYYY-MM-DDTHH:MM` (a space may stand for the T)."""
    cleaned = text.strip()
    expected = "a date as YYYY-MM-DD or a local time as YYYY-MM-DDTHH:MM"
    try:
        moment = (
            date.fromisoformat(cleaned) if len(cleaned) == 10 else datetime.fromisoformat(cleaned)
        )
    except ValueError:
        raise option_problem(option, shown(text), expected) from None
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        raise option_problem(option, shown(text), expected + " (no time zone)")
    return moment


def notice_request(
    agreement: Agreement,
    method: str,
    sent_text: str,
    acknowledged_text: str | None = None,
    to: str | None = None,
) -> NoticeFinding:
    """When a notice is deemed given, from `pactum notice`'s options; bad input raises."""
    clause = agreement.sheet.notices
    source = agreement.source
    if clause is None:
        raise fail(
            source.path,
            source.line_of(()),
            "notices",
            "nothing",
            "a notices clause in the term sheet",
        )
    if method not in clause.methods:
        raise fail(
            source.path,
            source.line_of(("notices", "methods")),
            "notices.methods",
            f"{shown(method)} (--method)",
            "one of " + ", ".join(clause.methods),
        )
    if to is not None and to not in clause.recipient_ids():
        raise fail(
            source.path,
            source.line_of(("notices", "recipients")),
            "notices.recipients",
            f"{shown(to)} (--to)",
            "one of " + ", ".join(clause.recipient_ids()),
        )
    sent = parse_moment("--sent", sent_text)
    acknowledged = parse_moment("--acknowledged", acknowledged_text) if acknowledged_text else None
    chosen = clause.methods[method]
    if chosen.deemed_given.value.needs_acknowledgement and acknowledged is None:
        raise option_problem(
            "--acknowledged",
            "nothing",
            f"the time of the acknowledgement: a notice by {chosen.title} is deemed given "
            f"{chosen.rule_text()}",
        )
    if acknowledged is not None and acknowledgement_before_sending(sent, acknowledged):
        raise option_problem(
            "--acknowledged",
            moment_str(acknowledged),
            f"a time at or after --sent ({moment_str(sent)})",
        )
    return give_notice(clause, method, sent, agreement.calendar(), acknowledged, to)
