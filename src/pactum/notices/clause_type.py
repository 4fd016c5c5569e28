"""The `notices` clause type: how notices are given under any agreement, and to whom; the
`notice` events of events.yaml with when each is deemed given."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from pydantic import BaseModel

from pactum.clauses.api import ClauseContext, ClauseFindings, ClauseType, TermProblem, TermSheet
from pactum.errors import Problem
from pactum.facts.events import Event
from pactum.notices.clause import NoticeClause, NoticeEvent
from pactum.notices.notice_events import notice_event_problem, notice_findings
from pactum.notices.rule_words import RULE_WORDS
from pactum.notices.validation import notice_clause_problems


class Notices(ClauseType[NoticeClause]):
    name = "notices"
    description = (
        "How notices may be given (methods, when each counts as given) and to whom, with copies."
    )
    schema = NoticeClause
    events: ClassVar[Mapping[str, type[BaseModel]]] = {"notice": NoticeEvent}
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = RULE_WORDS

    def validate(self, terms: NoticeClause, header: TermSheet) -> Sequence[TermProblem]:
        return notice_clause_problems(terms)

    def check_event(self, terms: NoticeClause, event: Event, data: BaseModel) -> Problem | None:
        if not isinstance(data, NoticeEvent):  # the one event this type reads
            return None
        return notice_event_problem(event, data, terms)

    def evaluate(self, ctx: ClauseContext[NoticeClause]) -> ClauseFindings:
        found = notice_findings(ctx.terms, ctx.calendar, ctx.events("notice"), ctx.as_of)
        return ClauseFindings(notices=found)


CLAUSE = Notices()
