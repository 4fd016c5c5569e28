"""`pactum notice`: the deemed-given rules applied to command-line options."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from pactum.dates import DATE_RANGE_EXPECTED, ISO_DATE, parse_iso_date, within_range
from pactum.errors import fail, option_problem, shown
from pactum.findings import NoticeFinding
from pactum.notices.clause import NoticeClause
from pactum.notices.deemed_given import give_notice
from pactum.notices.moment_checks import notice_moment_problem

if TYPE_CHECKING:
    from pactum.portfolio import Agreement


def parse_moment(option: str, text: str) -> date:
    """`YYYY-MM-DD`, or a time `YYYY-MM-DDTHH:MM` (a space may stand for the T), local to the
    notices clause's time zone, or with an offset (`2004-01-16T18:30-05:00`)."""
    cleaned = text.strip()
    expected = "a date as YYYY-MM-DD or a local time as YYYY-MM-DDTHH:MM"
    try:
        if not ISO_DATE.match(cleaned):
            raise ValueError(text)  # an ISO week or ordinal date, which fromisoformat reads
        moment = parse_iso_date(cleaned) if len(cleaned) == 10 else datetime.fromisoformat(cleaned)
    except ValueError:
        raise option_problem(option, shown(text), expected) from None
    if not within_range(moment):
        raise option_problem(option, shown(text), DATE_RANGE_EXPECTED)
    return moment


def sent_day(sent_text: str) -> date:
    """The day of `--sent`: the notice clause in force then governs the notice."""
    moment = parse_moment("--sent", sent_text)
    return moment.date() if isinstance(moment, datetime) else moment


def notice_request(
    agreement: Agreement,
    method: str,
    sent_text: str,
    acknowledged_text: str | None = None,
    to: str | None = None,
    received_text: str | None = None,
) -> NoticeFinding:
    """When a notice is deemed given, from `pactum notice`'s options; bad input raises."""
    source = agreement.source
    found = agreement.clauses_of("notices")
    if not found:
        raise fail(
            source.path,
            source.line_of(("clauses",)),
            "clauses",
            "no clause of type notices",
            "a notices clause in the term sheet",
        )
    clause = found[0].terms_as(NoticeClause)
    at = found[0].path
    if method not in clause.methods:
        raise fail(
            source.path,
            source.line_of((*at, "methods")),
            f"{found[0].id}.methods",
            f"{shown(method)} (--method)",
            "one of " + ", ".join(clause.methods),
        )
    if to is not None and to not in clause.recipient_ids():
        raise fail(
            source.path,
            source.line_of((*at, "recipients")),
            f"{found[0].id}.recipients",
            f"{shown(to)} (--to)",
            "one of " + ", ".join(clause.recipient_ids()),
        )
    sent = parse_moment("--sent", sent_text)
    received = parse_moment("--received", received_text) if received_text else None
    acknowledged = parse_moment("--acknowledged", acknowledged_text) if acknowledged_text else None
    chosen = clause.methods[method]
    if chosen.waits_for_acknowledgement and acknowledged is None:
        raise option_problem(
            "--acknowledged",
            "nothing",
            f"the time of the acknowledgement: a notice by {chosen.title} is deemed given "
            f"{chosen.rule_text()}",
        )
    problem = notice_moment_problem(
        clause,
        method,
        {"sent": sent, "received": received, "acknowledged": acknowledged},
        name=lambda field: f"--{field}",
    )
    if problem is not None:
        raise option_problem(*problem)
    return give_notice(clause, method, sent, agreement.calendar(), acknowledged, to, received)
