"""`notice` events in events.yaml, for any agreement with a notices clause: checked against
the clause, and in the findings with when each is deemed given.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from pactum.errors import Problem, shown
from pactum.findings import NoticeFinding, NoticeStatus
from pactum.format import moment_str
from pactum.notices.clause import NoticeClause, NoticeEvent
from pactum.notices.deemed_given import give_notice
from pactum.notices.local_time import clause_zone, day_of, local
from pactum.notices.moment_checks import notice_moment_problem

if TYPE_CHECKING:
    from pactum.business_days import BusinessCalendar
    from pactum.facts.events import Event


def notice_event_problem(event: Event, data: NoticeEvent, clause: NoticeClause) -> Problem | None:
    """What is wrong with a `notice` event against its agreement's clause, if anything."""

    def problem(field: str, found: str, expected: str) -> Problem:
        return Problem(event.file, event.line_of(field), field, found, expected)

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
    found = notice_moment_problem(
        clause,
        data.method,
        {
            "sent": data.sent or event.date,
            "received": data.received,
            "acknowledged": data.acknowledged,
        },
    )
    if found is not None:
        return problem(*found)
    # the sending's day where it was sent: in the clause's time zone when it has one
    if data.sent is not None and day_of(local(data.sent, clause_zone(clause))) != event.date:
        return problem("sent", moment_str(data.sent), f"a time on the event's date {event.date}")
    return None


def notice_findings(
    clause: NoticeClause, calendar: BusinessCalendar, events: list[Event], as_of: date
) -> tuple[NoticeFinding, ...]:
    """The `notice` events sent on or before `as_of`, each with when it is deemed given."""
    found = []
    for event in events:
        if event.date > as_of:
            continue
        data: NoticeEvent = event.data
        given = give_notice(
            clause,
            data.method,
            data.sent or event.date,
            calendar,
            data.acknowledged,
            data.to,
            data.received,
        )
        if given.deemed_given is None:
            # nothing has given it yet: an acknowledgement is awaited, unless only a receipt
            # can give it
            rules = clause.methods[data.method].rules()
            status = (
                NoticeStatus.awaiting_acknowledgement
                if any(rule.needs_acknowledgement for rule in rules)
                else NoticeStatus.awaiting_receipt
            )
        else:
            status = (
                NoticeStatus.given if given.deemed_given <= as_of else NoticeStatus.not_yet_given
            )
        note = f"{event.where()}" + (f": {data.note}" if data.note else "")
        found.append(replace(given, status=status, note=note, about=data.about))
    return tuple(found)
