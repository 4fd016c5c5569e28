"""When a notice sent by a method is deemed given, with the reasoning day by day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from pactum.business_days import BusinessCalendar
from pactum.dates import weekday_name
from pactum.findings import NoticeFinding, NoticeRecipient, SourceRef
from pactum.format import source_text, wall_clock_str
from pactum.notices.clause import DeemedRule, EarliestOf, NoticeClause, NoticeMethod
from pactum.notices.local_time import (
    clause_zone,
    counted_in_business_hours,
    day_of,
    local,
    named,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


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


def happened_before(earlier: date, later: date) -> bool:
    """Whether `later` is before `earlier`: by time when both have one, else by day (an
    acknowledgement or a receipt cannot come before the sending)."""
    if (
        isinstance(earlier, datetime)
        and isinstance(later, datetime)
        and (earlier.tzinfo is None) == (later.tzinfo is None)
    ):
        return later < earlier
    return day_of(later) < day_of(earlier)


def acknowledgement_before_sending(sent: date, acknowledged: date) -> bool:
    """An acknowledgement earlier than the sending (by time when both have one, else by day)."""
    return happened_before(sent, acknowledged)


@dataclass(frozen=True)
class _Moments:
    """What happened to one notice, each in the clause's time zone when it has one."""

    sent: date
    received: date | None
    acknowledged: date | None


@dataclass(frozen=True)
class _Outcome:
    """When one rule gives the notice (a date, or a datetime when the rule gives a time; None
    while what it waits for has not happened), and why."""

    moment: date | None
    lines: tuple[str, ...]


def _by_rule(
    rule: DeemedRule,
    method: NoticeMethod,
    clause: NoticeClause,
    moments: _Moments,
    calendar: BusinessCalendar,
) -> _Outcome:
    day = day_of(moments.sent)
    if rule is DeemedRule.delivery:
        return _Outcome(moments.sent, _not_waiting(calendar, day))
    if rule.needs_acknowledgement:
        if moments.acknowledged is None:
            return _Outcome(
                None, ("no acknowledgement recorded: not deemed given until there is one",)
            )
        return _Outcome(
            moments.acknowledged, (f"acknowledged {wall_clock_str(moments.acknowledged)}",)
        )
    if rule.reads_receipt:
        received = moments.received
        if received is None:
            return _Outcome(None, ("no receipt recorded: not given on receipt until there is one",))
        heard = f"received {named(received)}"
        if rule is DeemedRule.receipt_in_business_hours:
            # the event check and `pactum notice` make sure of both
            assert clause.business_hours is not None and isinstance(received, datetime)
            counted, why = counted_in_business_hours(received, clause.business_hours, calendar)
            return _Outcome(counted, (heard, *why))
        return _Outcome(received, (heard, *_not_waiting(calendar, day_of(received))))
    # counted in the agreement's business days: so many after sending, or the next one
    count = method.business_days.value if method.business_days is not None else 1
    deemed = calendar.add_business_days(day, count)
    return _Outcome(deemed, tuple(_days_between(calendar, day, deemed)))


def _not_waiting(calendar: BusinessCalendar, day: date) -> tuple[str, ...]:
    """A rule that gives the notice on any day says so when the day is not a business day."""
    why = calendar.why_not_business_day(day)
    if why is None:
        return ()
    return (f"{day.isoformat()} is not a business day ({why}): the rule does not wait for one",)


def _order(moment: date) -> tuple[date, int, time]:
    """Earlier first, by local day and time; on the same day a rule that gives the whole day
    comes first (it counts from the start of that day)."""
    if isinstance(moment, datetime):
        return (moment.date(), 1, moment.time())
    return (moment, 0, time.min)


def _earliest(
    method: NoticeMethod, clause: NoticeClause, moments: _Moments, calendar: BusinessCalendar
) -> tuple[date | None, list[str]]:
    """The earliest moment the method's rules give (None: none has given it yet), and why."""
    rules = method.rules()
    outcomes = [_by_rule(rule, method, clause, moments, calendar) for rule in rules]
    if len(rules) == 1:
        return outcomes[0].moment, list(outcomes[0].lines)
    lines = [
        f"{method.part_text(rule)}: {line}"
        for rule, outcome in zip(rules, outcomes, strict=True)
        for line in outcome.lines
    ]
    given = [(o.moment, rule) for rule, o in zip(rules, outcomes, strict=True) if o.moment]
    if not given:
        return None, lines
    moment, rule = min(given, key=lambda pair: _order(pair[0]))
    lines.append(
        f"the {'earlier' if len(rules) == 2 else 'earliest'} is "
        f"{method.part_text(rule)}: {named(moment)}"
    )
    return moment, lines


def _sources(method: NoticeMethod, clause: NoticeClause) -> tuple[SourceRef, ...]:
    given = method.deemed_given
    found: list[SourceRef | None] = [given.source_ref()] if isinstance(given, EarliestOf) else []
    found += [term.source_ref() for term in method.rule_terms()]
    found.append(method.business_days.source_ref() if method.business_days else None)
    hours = clause.business_hours
    if hours is not None and any(rule.needs_business_hours for rule in method.rules()):
        found += [
            term.source_ref()
            for term in (hours.opens, hours.closes, hours.time_zone, hours.before_opening)
        ]
    return tuple(ref for ref in found if ref is not None)


def give_notice(
    clause: NoticeClause,
    method_id: str,
    sent: date,
    calendar: BusinessCalendar,
    acknowledged: date | None = None,
    to: str | None = None,
    received: date | None = None,
) -> NoticeFinding:
    """When a notice sent by `method_id` at `sent` (a date, or a datetime) is deemed given.

    The method must be one of the clause's and `to` one of its recipient ids (callers check).
    A rule that waits for an acknowledgement, or for the receipt, gives no date while there is
    none; of several rules (`earliest_of`) the earliest that has given it counts. Times are
    read in the clause's time zone when it has one (`pactum.notices.local_time`).
    """
    method = clause.methods[method_id]
    zone: ZoneInfo | None = clause_zone(clause)
    moments = _Moments(
        local(sent, zone),
        local(received, zone) if received is not None else None,
        local(acknowledged, zone) if acknowledged is not None else None,
    )
    given = method.deemed_given
    ref = given.source_ref()
    reasoning = [
        f"{method.title}: deemed given {method.rule_text()}"
        + (f" ({source_text(ref)})" if ref else ""),
        f"sent {named(moments.sent)}",
    ]
    moment, lines = _earliest(method, clause, moments, calendar)
    reasoning += lines
    if moment is not None:
        reasoning.append(f"deemed given {named(moment)}")
    return NoticeFinding(
        method=method_id,
        sent=moments.sent,
        deemed_given=day_of(moment) if moment is not None else None,
        deemed_given_at=moment if isinstance(moment, datetime) else None,
        acknowledged=moments.acknowledged,
        received=moments.received,
        reasoning=tuple(reasoning),
        recipients=tuple(
            NoticeRecipient(r.party, r.one_line(), tuple(c.one_line() for c in r.copies))
            for r in clause.recipients
            if to is None or r.id == to
        ),
        sources=_sources(method, clause),
    )
