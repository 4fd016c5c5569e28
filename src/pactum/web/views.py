"""Findings as the pages show them: strings for people, each figure with its trace."""

from __future__ import annotations

from dataclasses import dataclass

from pactum.findings import AgreementFindings, Alert, Obligation, TestResult, Trace, Unit
from pactum.format import display, shown


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
    source: str


@dataclass(frozen=True)
class DeadlineRow:
    agreement: str
    due: str
    what: str
    amount: str
    note: str
    source: str


def figures(found: AgreementFindings) -> list[Figure]:
    return [Figure(v.id, v.label, shown(v), v.trace) for v in found.values]


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
    return [AlertRow(agreement, a.severity.value, a.message, a.source or "") for a in alerts]


def deadline_rows(agreement: str, obligations: tuple[Obligation, ...]) -> list[DeadlineRow]:
    return [
        DeadlineRow(
            agreement,
            o.due.isoformat(),
            o.what,
            display(o.amount, Unit.money) if o.amount is not None else "",
            o.note,
            o.source or "",
        )
        for o in obligations
    ]
