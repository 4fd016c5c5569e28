"""What a notice's times must be, the same for a `notice` event and for `pactum notice`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from pactum.format import moment_str, wall_clock_str
from pactum.notices.clause import NoticeClause
from pactum.notices.deemed_given import happened_before
from pactum.notices.local_time import clause_zone, has_offset, local

# (the field or option, what was found, what was expected)
MomentProblem = tuple[str, str, str]


def notice_moment_problem(
    clause: NoticeClause,
    method_id: str,
    moments: dict[str, date | None],
    name: Callable[[str], str] = str,
) -> MomentProblem | None:
    """The first problem with a notice's `sent`, `received` and `acknowledged` times under
    the clause's method, if any; `name` gives a field's name as the user wrote it (an option
    on the command line)."""
    method = clause.methods[method_id]
    zone = clause_zone(clause)
    for field, moment in moments.items():
        if moment is not None and zone is None and has_offset(moment):
            return (
                name(field),
                moment_str(moment),
                "a local time without an offset (the notices clause states no time zone: "
                "business_hours.time_zone)",
            )
    sent = moments["sent"]
    assert sent is not None  # a notice is always sent (the event's date at least)
    sent = local(sent, zone)
    for field in ("received", "acknowledged"):
        later = moments.get(field)
        if later is not None and happened_before(sent, local(later, zone)):
            return (
                name(field),
                moment_str(later),
                f"a time at or after {_sending(name)} ({wall_clock_str(sent)})",
            )
    received = moments.get("received")
    if received is None and method.waits_for_receipt:
        return (
            name("received"),
            "nothing",
            f"the time of actual receipt: a notice by {method.title} is deemed given "
            f"{method.rule_text()}",
        )
    in_hours = any(rule.needs_business_hours for rule in method.rules())
    if received is not None and in_hours and not isinstance(received, datetime):
        return (
            name("received"),
            moment_str(received),
            "a time of receipt (YYYY-MM-DD HH:MM), to place it in business hours",
        )
    return None


def _sending(name: Callable[[str], str]) -> str:
    shown = name("sent")
    return "the sending" if shown == "sent" else shown
