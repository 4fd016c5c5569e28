"""Findings as the pages show them: strings for people, each figure with its trace."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pactum.findings import (
    AgreementFindings,
    Alert,
    NoticeFinding,
    Obligation,
    SourceRef,
    TestResult,
    Trace,
    Unit,
)
from pactum.format import (
    display,
    optional_source_text,
    shown,
    source_text,
    sources_text,
    wall_clock_str,
)
from pactum.web.term_sheet import TermRow


@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    shown: str
    trace: Trace | None


@dataclass(frozen=True)
class ResultRow:
    id: str
    label: str
    test_date: str
    basis: str  # actual | forecast | request: a CSS class and a badge
    required: str
    actual: str
    result: str  # pass | fail | n/a
    headroom: str
    note: str
    trace: Trace | None


@dataclass(frozen=True)
class AlertRow:
    agreement: str
    severity: str
    message: str
    source: str  # as people read it
    ref: SourceRef | None = None  # where it is written, for a link to the term


@dataclass(frozen=True)
class DeadlineRow:
    agreement: str
    due: str
    what: str
    amount: str
    note: str
    source: str  # the clauses behind it, as people read them


@dataclass(frozen=True)
class SourceLink:
    """A source as the agreement page shows it, linked to where it is on the page."""

    text: str
    cited: bool  # a quote from the document, else an assumption
    href: str = ""  # the highlighted quote, else the term's row; "" when not on the page
    quote_id: str = ""  # the highlighted quote's id, for marking it


class SourceLinks:
    """Links from the sources of an agreement's findings to its page: a cited term to its
    quote highlighted in the document, an assumed one to its row in the term sheet. The
    SourceRef names the term's path, so nothing is searched again."""

    def __init__(self, sheet: str, rows: list[TermRow], quote_of_row: dict[str, str]) -> None:
        self._sheet = sheet
        self._rows = {row.at: row.anchor for row in rows}
        self._quote_of_row = quote_of_row

    def __call__(self, ref: SourceRef) -> SourceLink:
        link = SourceLink(source_text(ref), ref.quote is not None)
        anchor = self._rows.get(ref.path) if ref.sheet == self._sheet else None
        if anchor is None:
            return link
        quote_id = self._quote_of_row.get(anchor, "") if link.cited else ""
        return replace(link, href=quote_id or anchor, quote_id=quote_id)


def figures(found: AgreementFindings) -> list[Figure]:
    return [Figure(v.key, v.label, shown(v.value), v.value.trace) for v in found.listed_values()]


def _shown(value: object, unit: Unit) -> str:
    return "" if value is None else display(value, unit)


def result_rows(found: AgreementFindings) -> list[ResultRow]:
    """Every test, latest date first (as the findings keep them)."""
    return [
        ResultRow(
            t.id,
            t.label,
            t.test_date.isoformat(),
            t.basis.value,
            f"{t.comparator} {_shown(t.required, t.unit)}" if t.required is not None else "",
            _shown(t.actual, t.unit),
            _result(t),
            _shown(t.headroom, t.unit),
            t.note,
            t.trace,
        )
        for t in found.tests
    ]


def _result(test: TestResult) -> str:
    return {True: "pass", False: "fail", None: "n/a"}[test.passed]


def alert_rows(agreement: str, alerts: tuple[Alert, ...]) -> list[AlertRow]:
    return [
        AlertRow(agreement, a.severity.value, a.message, optional_source_text(a.source), a.source)
        for a in alerts
    ]


def deadline_rows(agreement: str, obligations: tuple[Obligation, ...]) -> list[DeadlineRow]:
    return [
        DeadlineRow(
            agreement,
            o.due.isoformat(),
            o.what,
            display(o.amount, Unit.money) if o.amount is not None else "",
            o.note,
            sources_text(o.sources),
        )
        for o in obligations
    ]


@dataclass(frozen=True)
class NoticeRow:
    sent: str
    method: str
    deemed_given: str  # "" while not deemed given
    status: str
    to: str  # each recipient with its copies
    about: str
    reasoning: tuple[str, ...]
    source: str


def notice_rows(notices: tuple[NoticeFinding, ...]) -> list[NoticeRow]:
    """Each notice recorded for the agreement, as `pactum check` lists it."""
    rows = []
    for n in notices:
        given = n.deemed_given_at or n.deemed_given
        to = "; ".join(
            r.party + (f" (copies: {', '.join(r.copies)})" if r.copies else "")
            for r in n.recipients
        )
        rows.append(
            NoticeRow(
                wall_clock_str(n.sent),
                n.method,
                wall_clock_str(given) if given else "",
                str(n.status or ""),
                to,
                n.about or n.note,
                n.reasoning,
                sources_text(n.sources),
            )
        )
    return rows
