"""When a notice sent by a method is deemed given, with the reasoning day by day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from pactum.business_days import BusinessCalendar
from pactum.dates import weekday_name
from pactum.findings import NoticeFinding, NoticeRecipient
from pactum.format import moment_str, source_text
from pactum.notices.clause import DeemedRule, NoticeClause
from pactum.terms.values import sources

if TYPE_CHECKING:
    pass


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
        + (f" ({source_text(ref)})" if (ref := method.deemed_given.source_ref()) else ""),
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
