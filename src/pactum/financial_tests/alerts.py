"""The alerts of a financial test's result: a breach, a projected failure, a test still not
evaluated once the statements it needs were due."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pactum.findings import Alert, Basis, Severity, TestResult, Unit
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
        return [
            Alert(
                Severity.warning,
                (
                    f"Projected failure: {test.label} at {test.test_date.isoformat()}: required "
                    f"{test.comparator} {shown(test.required, test.unit)}, projected "
                    f"{shown(test.actual, test.unit)}, shortfall {amount}."
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


def shown(value: Decimal, unit: Unit) -> str:
    return money_display(value) if unit is Unit.money else f"{value:.4f}"
