"""Checks of a notices clause beyond its schema: business hours that make sense, in a time
zone that exists, wherever a rule counts receipt within them; each rule once in an
`earliest_of`."""

from __future__ import annotations

from pactum.errors import shown
from pactum.notices.clause import EarliestOf, NoticeClause
from pactum.notices.local_time import zone_named
from pactum.terms.registry import TermProblem


def notice_clause_problems(clause: NoticeClause) -> list[TermProblem]:
    problems: list[TermProblem] = []
    hours = clause.business_hours
    if hours is not None:
        opens, closes = hours.opens.value, hours.closes.value
        if closes <= opens:
            problems.append(
                (
                    ("business_hours", "closes"),
                    f"{closes:%H:%M}",
                    f"a closing time after the opening time ({opens:%H:%M})",
                )
            )
        if zone_named(hours.time_zone.value) is None:
            problems.append(
                (
                    ("business_hours", "time_zone"),
                    shown(hours.time_zone.value),
                    "an IANA time zone name, e.g. America/New_York",
                )
            )
    for method_id, method in clause.methods.items():
        at = ("methods", method_id, "deemed_given")
        if hours is None and any(rule.needs_business_hours for rule in method.rules()):
            problems.append(
                (
                    at,
                    "receipt_in_business_hours with no business_hours in the clause",
                    "the clause's business_hours: {opens, closes, time_zone}",
                )
            )
        if isinstance(method.deemed_given, EarliestOf):
            seen: set[str] = set()
            for index, term in enumerate(method.deemed_given.earliest_of):
                if term.value in seen:
                    problems.append(
                        (
                            (*at, "earliest_of", index),
                            f"{term.value} a second time",
                            "each rule once in earliest_of",
                        )
                    )
                seen.add(term.value)
    return problems
