"""The alerts of a financial test's result: a breach, a projected failure, a test still not
evaluated once the statements it needs were due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pactum.findings import Alert, Basis, Severity, SourceRef, TestResult, Unit
from pactum.money import money_display
from pactum.terms.instruments import waiver_alert


def test_alerts(test: TestResult, as_of: date, statements_due: timedelta | None) -> list[Alert]:
    """A failed or projected failure; a test still not evaluated once its statements were due
    (without a due date for statements, their data is never late)."""
    source = test.trace.sources[0] if test.trace and test.trace.sources else None
    if test.waived_by is not None:
        return [waiver_alert(test)]
    if test.passed is None:
        late = statements_due is not None and test.test_date + statements_due < as_of
        if test.basis is Basis.actual and late:
            return [
                Alert(
                    Severity.warning,
                    f"{test.label} at {test.test_date.isoformat()} not evaluated: {test.note}.",
                )
            ]
        return []
    if test.passed or test.required is None or test.actual is None:
        return []
    shortfall = abs(test.required - test.actual)
    amount = money_display(shortfall) if test.unit is Unit.money else f"{shortfall:.4f}"
    if test.basis is Basis.forecast:
        awaiting = _awaiting_actuals(test, as_of, statements_due)
        return [
            Alert(
                Severity.warning,
                (
                    f"Projected failure: {test.label} at {test.test_date.isoformat()}: required "
                    f"{test.comparator} {shown(test.required, test.unit)}, projected "
                    f"{shown(test.actual, test.unit)}, shortfall {amount}."
                    + (f" {awaiting.said[0].upper()}{awaiting.said[1:]}." if awaiting else "")
                ),
                source,
            )
        ]
    return [
        Alert(
            Severity.critical,
            (
                f"Covenant breach: {test.label} at {test.test_date.isoformat()}: required "
                f"{test.comparator} {shown(test.required, test.unit)}, actual "
                f"{shown(test.actual, test.unit)}, shortfall {amount}."
            ),
            source,
        )
    ]


def overdue_actuals_alerts(
    tests: Sequence[TestResult],
    as_of: date,
    statements_due: timedelta | None,
    source: SourceRef | None = None,
) -> list[Alert]:
    """One warning per past test date whose tests the forecast passes for want of actual
    statements that were due before `as_of` (a failing one says so in its own alert);
    `source`: the term that sets when statements are due."""
    by_date: dict[date, list[TestResult]] = {}
    for test in tests:
        awaiting = _awaiting_actuals(test, as_of, statements_due)
        if test.passed and test.waived_by is None and awaiting is not None and awaiting.late:
            by_date.setdefault(test.test_date, []).append(test)
    alerts = []
    for on, passed in sorted(by_date.items()):
        assert statements_due is not None  # late only against a due date
        labels = [t.label for t in passed]
        named = ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0]
        alerts.append(
            Alert(
                Severity.warning,
                f"Actual statements for {on.isoformat()}, due {(on + statements_due).isoformat()}, "
                f"are not in the financials: {named} "
                + ("pass" if len(labels) > 1 else "passes")
                + " on the forecast alone.",
                source,
            )
        )
    return alerts


@dataclass(frozen=True)
class AwaitingActuals:
    """A test dated on or before the as-of date and measured on the forecast, for want of
    actual statements: what to say of them, and whether they are overdue."""

    said: str
    late: bool


def _awaiting_actuals(
    test: TestResult, as_of: date, statements_due: timedelta | None
) -> AwaitingActuals | None:
    """None for a test on actual statements, or dated on or after `as_of` (a projection: on
    the test date itself no statements for it can be in yet)."""
    if test.basis is not Basis.forecast or test.test_date >= as_of:
        return None
    if statements_due is None:
        return AwaitingActuals(
            "the test date has passed and the financials hold only the forecast for it", False
        )
    due = test.test_date + statements_due
    if due < as_of:
        return AwaitingActuals(
            f"the actual statements, due {due.isoformat()}, are not in the financials", True
        )
    return AwaitingActuals(f"the actual statements for it are due {due.isoformat()}", False)


def shown(value: Decimal, unit: Unit) -> str:
    return money_display(value) if unit is Unit.money else f"{value:.4f}"
