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
from pactum.notices.deemed_given import acknowledgement_before_sending, give_notice

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
        )
        if given.deemed_given is None:
            status = NoticeStatus.awaiting_acknowledgement
        else:
            status = (
                NoticeStatus.given if given.deemed_given <= as_of else NoticeStatus.not_yet_given
            )
        note = f"{event.where()}" + (f": {data.note}" if data.note else "")
        found.append(replace(given, status=status, note=note, about=data.about))
    return tuple(found)
